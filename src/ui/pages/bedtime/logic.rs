//! Pure logic of the bedtime page (tested natively): the window as clock times, the
//! night's actual bedtime relative to the day's midnight, the UTC offset as text.

use super::super::logic::Period;
use crate::oura::models::{SleepType, Timestamp};
use chrono::{NaiveDate, Timelike};
use std::collections::BTreeMap;

pub use crate::ui::charts::bedtime::night_clock;

/// `start`–`end` of a window as clock times: `23:45–00:45`.
pub fn window_text(start: i64, end: i64) -> String {
    format!("{}–{}", night_clock(start), night_clock(end))
}

/// `UTC+09:00`, `UTC−05:30`, `UTC` for a UTC offset in seconds.
pub fn offset_text(seconds: i64) -> String {
    if seconds == 0 {
        return "UTC".to_owned();
    }
    let sign = if seconds < 0 { '−' } else { '+' };
    let m = seconds.abs() / 60;
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

/// Seconds from local midnight at the start of `day` to `t`, on `t`'s own clock
/// (a bedtime at 23:58 the evening before is `-120`).
pub fn relative_to(day: NaiveDate, t: &Timestamp) -> i64 {
    let days = (t.date_naive() - day).num_days();
    days * 86_400 + i64::from(t.time().num_seconds_from_midnight())
}

/// The bedtime of each day's long sleep (the longest if several), relative to the
/// day's midnight.
pub fn bedtimes(periods: &[Period]) -> BTreeMap<NaiveDate, i64> {
    let mut best: BTreeMap<NaiveDate, &Period> = BTreeMap::new();
    let len = |p: &Period| p.total_sleep_duration.unwrap_or(p.time_in_bed);
    for p in periods.iter().filter(|p| p.kind == SleepType::LongSleep) {
        match best.get(&p.day) {
            Some(b) if len(b) >= len(p) => {}
            _ => {
                best.insert(p.day, p);
            }
        }
    }
    best.into_iter()
        .map(|(d, p)| (d, relative_to(d, &p.bedtime_start)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn period(kind: &str, day: &str, start: &str, total: i64) -> Period {
        super::super::super::doc::period(&json!({
            "id": "x", "bedtime_start": start, "bedtime_end": start, "day": day,
            "time_in_bed": total, "total_sleep_duration": total, "type": kind
        }))
        .unwrap()
    }

    #[test]
    fn windows_and_offsets_read_as_clocks() {
        assert_eq!(window_text(-900, 2700), "23:45–00:45");
        assert_eq!(window_text(-7200, -3600), "22:00–23:00");
        assert_eq!(offset_text(32400), "UTC+09:00");
        assert_eq!(offset_text(-19800), "UTC−05:30");
        assert_eq!(offset_text(0), "UTC");
    }

    #[test]
    fn the_long_sleep_gives_the_bedtime_on_its_own_clock() {
        let d: NaiveDate = "2026-11-15".parse().unwrap();
        let p = [
            period(
                "long_sleep",
                "2026-11-14",
                "2026-11-13T23:58:02+09:00",
                25000,
            ),
            period("sleep", "2026-11-14", "2026-11-14T13:36:32+09:00", 1800),
            period(
                "long_sleep",
                "2026-11-15",
                "2026-11-15T00:46:57+09:00",
                26000,
            ),
            period("long_sleep", "2026-11-15", "2026-11-15T05:00:00+09:00", 600),
            period("late_nap", "2026-11-16", "2026-11-16T19:00:00-05:00", 1200),
        ];
        let b = bedtimes(&p);
        assert_eq!(
            b.get(&d),
            Some(&(46 * 60 + 57)),
            "the longer long sleep wins"
        );
        assert_eq!(b.get(&"2026-11-14".parse().unwrap()), Some(&-118));
        assert_eq!(b.len(), 2, "naps are not bedtimes");
    }
}
