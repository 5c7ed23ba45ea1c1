//! Pure logic of the event pages (workouts, sessions, tags, rest mode), tested
//! natively: per-day totals, ISO weeks of workouts, which documents are on a day,
//! rest-mode days.

use crate::ui::charts::day_ms;
use crate::ui::pages::doc::rest_mode::RestPeriod;
use crate::ui::pages::doc::workouts::Workout;
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::BTreeMap;

/// The sum of the values of each day (events add up: two workouts are both counted).
pub fn sum_per_day(values: impl IntoIterator<Item = (NaiveDate, f64)>) -> BTreeMap<NaiveDate, f64> {
    let mut out = BTreeMap::new();
    for (d, v) in values {
        if v.is_finite() {
            *out.entry(d).or_insert(0.0) += v;
        }
    }
    out
}

/// The Monday of `d`'s ISO week.
pub fn monday(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// One ISO week of workouts with its totals.
#[derive(Clone, Debug, PartialEq)]
pub struct Week {
    pub monday: NaiveDate,
    /// ISO week number.
    pub number: u32,
    pub seconds: i64,
    /// Sum of the workouts that have calories (`None`: none has).
    pub calories: Option<f64>,
    /// Sum of the workouts that have a distance, metres (`None`: none has).
    pub distance: Option<f64>,
    /// The week's workouts in time order.
    pub workouts: Vec<Workout>,
}

/// The sum of the present values (`None`: none is present).
pub fn sum_present(values: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    values
        .into_iter()
        .flatten()
        .filter(|v| v.is_finite())
        .fold(None, |t, v| Some(t.unwrap_or(0.0) + v))
}

/// The `n` ISO weeks ending with `last`'s week, newest first (weeks without workouts
/// included), with the workouts whose day falls in them.
pub fn weeks(workouts: &[Workout], last: NaiveDate, n: usize) -> Vec<Week> {
    let newest = monday(last);
    (0..n)
        .map(|i| {
            let monday = newest - Duration::weeks(i as i64);
            let mut list: Vec<Workout> = workouts
                .iter()
                .filter(|x| self::monday(x.day) == monday)
                .cloned()
                .collect();
            list.sort_by_key(|x| x.start);
            Week {
                monday,
                number: monday.iso_week().week(),
                seconds: list.iter().map(Workout::seconds).sum(),
                calories: sum_present(list.iter().map(|x| x.calories)),
                distance: sum_present(list.iter().map(|x| x.distance)),
                workouts: list,
            }
        })
        .collect()
}

/// The first day of the `n` weeks ending with `last`'s week.
pub fn weeks_start(last: NaiveDate, n: usize) -> NaiveDate {
    monday(last) - Duration::weeks(n.saturating_sub(1) as i64)
}

/// Unix ms of local 00:00 of `day` at a UTC offset (seconds).
pub fn local_midnight(day: NaiveDate, offset_s: i32) -> f64 {
    day_ms(day) - f64::from(offset_s) * 1000.0
}

/// How many days of `first..=last` rest mode was on (an ongoing period counts up to
/// `today`).
pub fn rest_days(
    periods: &[RestPeriod],
    (first, last): (NaiveDate, NaiveDate),
    today: NaiveDate,
) -> usize {
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .filter(|d| {
            periods
                .iter()
                .any(|p| p.on(*d) && (!p.ongoing() || *d <= today))
        })
        .count()
}

/// Calendar days from the first to the last day of a closed period (both counted).
pub fn period_days(p: &RestPeriod) -> Option<i64> {
    p.end_day.map(|e| (e - p.start_day).num_days().max(0) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::pages::doc::rest_mode::rest_period;
    use crate::ui::pages::doc::workouts::workout;
    use serde_json::json;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn w(day: &str, start: &str, end: &str, cal: Option<f64>, dist: Option<f64>) -> Workout {
        workout(&json!({
            "id": "x", "activity": "walking", "day": day, "intensity": "easy", "source": "manual",
            "start_datetime": format!("{day}T{start}:00+09:00"),
            "end_datetime": format!("{day}T{end}:00+09:00"),
            "calories": cal, "distance": dist
        }))
        .unwrap()
    }

    #[test]
    fn events_of_a_day_add_up() {
        let v = sum_per_day([
            (d("2026-11-15"), 68.0),
            (d("2026-11-15"), 42.0),
            (d("2026-11-14"), 28.0),
            (d("2026-11-14"), f64::NAN),
        ]);
        assert_eq!(v.get(&d("2026-11-15")), Some(&110.0));
        assert_eq!(v.get(&d("2026-11-14")), Some(&28.0));
    }

    #[test]
    fn weeks_are_iso_weeks_newest_first_with_totals() {
        assert_eq!(
            monday(d("2026-11-15")),
            d("2026-11-09"),
            "a Sunday ends its week"
        );
        assert_eq!(monday(d("2026-11-16")), d("2026-11-16"));
        let all = [
            w("2026-11-15", "15:36", "16:18", Some(288.8), None),
            w("2026-11-15", "12:02", "13:10", Some(148.7), Some(4929.3)),
            w("2026-11-14", "10:33", "11:01", None, Some(4433.1)),
            w("2026-11-16", "10:14", "11:36", Some(492.8), None),
            w("2026-10-01", "10:00", "11:00", Some(1.0), None),
        ];
        let list = weeks(&all, d("2026-11-18"), 3);
        assert_eq!(list.len(), 3);
        assert_eq!(list[0].monday, d("2026-11-16"));
        assert_eq!(list[0].number, 47);
        assert_eq!(list[0].workouts.len(), 1);
        let wk = &list[1];
        assert_eq!((wk.monday, wk.number), (d("2026-11-09"), 46));
        assert_eq!(wk.workouts.len(), 3);
        assert_eq!(wk.seconds, (42 + 68 + 28) * 60);
        assert!(
            (wk.calories.unwrap() - 437.5).abs() < 1e-9,
            "only the workouts that have them"
        );
        assert!((wk.distance.unwrap() - 9362.4).abs() < 1e-9);
        assert_eq!(
            wk.workouts[0].start.to_rfc3339(),
            "2026-11-14T10:33:00+09:00",
            "time order"
        );
        let empty = &list[2];
        assert!(empty.workouts.is_empty());
        assert_eq!(
            (empty.seconds, empty.calories, empty.distance),
            (0, None, None)
        );
        assert_eq!(weeks_start(d("2026-11-18"), 3), d("2026-11-02"));
    }

    #[test]
    fn rest_days_count_each_day_once() {
        let closed = rest_period(
            &json!({"id": "a", "start_day": "2026-11-10", "end_day": "2026-11-12", "episodes": []}),
        )
        .unwrap();
        let overlapping = rest_period(
            &json!({"id": "b", "start_day": "2026-11-12", "end_day": "2026-11-13", "episodes": []}),
        )
        .unwrap();
        let open =
            rest_period(&json!({"id": "c", "start_day": "2026-11-18", "episodes": []})).unwrap();
        let all = [closed.clone(), overlapping, open];
        assert_eq!(
            rest_days(&all, (d("2026-11-01"), d("2026-11-30")), d("2026-11-20")),
            4 + 3
        );
        assert_eq!(period_days(&closed), Some(3));
        assert_eq!(period_days(&all[2]), None);
    }

    #[test]
    fn local_midnight_is_at_the_offset() {
        assert_eq!(
            local_midnight(d("2026-11-15"), 9 * 3600),
            1_794_668_400_000.0
        );
    }
}
