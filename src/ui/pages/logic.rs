//! Pure logic of the data views (no web-sys; tested natively): which day is shown,
//! why a day has no data, which sleep period is "the night", sample series as chart
//! points, and per-day trend values.

use crate::oura::models::{SampleModel, SleepType, Timestamp};
use crate::sync::plan::StatusSummary;
use crate::ui::charts::{day_ms, Point};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The trend ranges offered (days).
pub const RANGES: [u32; 2] = [30, 90];

/// A `YYYY-MM-DD` query value as a date (anything else is ignored).
pub fn parse_day(param: Option<&str>) -> Option<NaiveDate> {
    crate::oura::models::parse_day(param?.trim())
}

/// The day to show: the one in the URL, else the latest day with data, else today.
/// `None` while the latest day is still being read (and the URL names none).
pub fn choose_day(
    param: Option<&str>,
    latest: Option<Option<NaiveDate>>,
    today: NaiveDate,
) -> Option<NaiveDate> {
    parse_day(param).or_else(|| latest.map(|l| l.unwrap_or(today)))
}

/// The `days` days ending at `last` (inclusive), as `(first, last)`.
pub fn window(last: NaiveDate, days: u32) -> (NaiveDate, NaiveDate) {
    let back = i64::from(days.max(1)) - 1;
    (last - chrono::Duration::days(back), last)
}

/// Why there is nothing to show for a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EmptyReason {
    /// Oura refused this endpoint (the reason it gave).
    Unavailable(String),
    /// No completed sync covers this day yet.
    NotSynced,
    /// Synced, but Oura has no record that day: the ring was probably not worn.
    NotWorn,
}

/// Why `day` has no document of an endpoint in the state `state`.
pub fn empty_reason(state: &StatusSummary, day: NaiveDate) -> EmptyReason {
    if let Some(reason) = &state.unavailable {
        return EmptyReason::Unavailable(reason.clone());
    }
    match state.watermark {
        Some(w) if day <= w => EmptyReason::NotWorn,
        _ => EmptyReason::NotSynced,
    }
}

/// What the views show of a `sleep` document (a sleep period): its fields as the
/// `SleepModel` names them (read by `doc::period`).
#[derive(Clone, Debug, PartialEq)]
pub struct Period {
    pub kind: SleepType,
    pub day: NaiveDate,
    pub bedtime_start: Timestamp,
    pub bedtime_end: Timestamp,
    pub time_in_bed: i64,
    pub total_sleep_duration: Option<i64>,
    pub deep_sleep_duration: Option<i64>,
    pub rem_sleep_duration: Option<i64>,
    pub light_sleep_duration: Option<i64>,
    pub awake_time: Option<i64>,
    pub efficiency: Option<i64>,
    pub latency: Option<i64>,
    pub lowest_heart_rate: Option<i64>,
    pub average_hrv: Option<i64>,
    pub average_heart_rate: Option<f64>,
    pub average_breath: Option<f64>,
    pub sleep_phase_5_min: Option<String>,
    pub movement_30_sec: Option<String>,
    pub heart_rate: Option<SampleModel>,
    pub hrv: Option<SampleModel>,
}

/// The periods of a day worth showing (deleted ones dropped), in time order.
pub fn periods(mut sleeps: Vec<Period>) -> Vec<Period> {
    sleeps.retain(|s| s.kind != SleepType::Deleted);
    sleeps.sort_by_key(|s| s.bedtime_start);
    sleeps
}

/// The index of "the night" among a day's periods: the long sleep (the longest one if
/// several), else the longest period.
pub fn main_sleep(sleeps: &[Period]) -> Option<usize> {
    let len = |s: &Period| s.total_sleep_duration.unwrap_or(s.time_in_bed);
    let pick = |long_only: bool| {
        sleeps
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind != SleepType::Deleted)
            .filter(|(_, s)| !long_only || s.kind == SleepType::LongSleep)
            .max_by_key(|(_, s)| len(s))
            .map(|(i, _)| i)
    };
    pick(true).or_else(|| pick(false))
}

/// A sample series as chart points (Unix ms, value); `null` items stay gaps.
pub fn sample_points(s: &SampleModel) -> Vec<Point> {
    let t0 = s.timestamp.timestamp_millis() as f64;
    let step = s.interval * 1000.0;
    s.items
        .iter()
        .enumerate()
        .map(|(i, v)| (t0 + i as f64 * step, *v))
        .collect()
}

/// A string of digit codes (`movement_30_sec`: 1–4 every 30 s) as chart points from
/// `start_ms`, one every `step_s` seconds; a non-digit is a gap.
pub fn digit_points(codes: &str, start_ms: f64, step_s: f64) -> Vec<Point> {
    codes
        .chars()
        .enumerate()
        .map(|(i, c)| {
            (
                start_ms + i as f64 * step_s * 1000.0,
                c.to_digit(10).map(f64::from),
            )
        })
        .collect()
}

/// One value per day from `(day, value)` pairs: the largest when a day has several.
pub fn per_day(values: impl IntoIterator<Item = (NaiveDate, f64)>) -> BTreeMap<NaiveDate, f64> {
    let mut out = BTreeMap::new();
    for (d, v) in values {
        if v.is_finite() {
            out.entry(d)
                .and_modify(|o: &mut f64| *o = o.max(v))
                .or_insert(v);
        }
    }
    out
}

/// Daily bars for the `(first, last)` window: every day gets an x, days without a
/// value a gap.
pub fn bars(
    values: &BTreeMap<NaiveDate, f64>,
    (first, last): (NaiveDate, NaiveDate),
) -> Vec<Point> {
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .map(|d| (day_ms(d), values.get(&d).copied()))
        .collect()
}

/// The history rows of the window, newest first.
pub fn history(
    values: &BTreeMap<NaiveDate, f64>,
    (first, last): (NaiveDate, NaiveDate),
) -> Vec<(NaiveDate, f64)> {
    values
        .range(first..=last)
        .rev()
        .map(|(d, v)| (*d, *v))
        .collect()
}

/// `value` rounded to `decimals` digits.
pub fn round_to(value: f64, decimals: u8) -> f64 {
    let f = 10f64.powi(i32::from(decimals));
    (value * f).round() / f
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn sleep(kind: &str, start: &str, total: i64) -> Period {
        super::super::doc::period(&json!({
            "id": format!("{kind}-{start}"), "bedtime_start": start, "bedtime_end": start,
            "day": "2026-11-15", "low_battery_alert": false, "period": 0,
            "time_in_bed": total + 600, "total_sleep_duration": total, "type": kind
        }))
        .unwrap()
    }

    #[test]
    fn the_day_comes_from_the_url_then_the_latest_data_then_today() {
        let today = d("2026-11-24");
        assert_eq!(
            choose_day(Some("2026-11-15"), None, today),
            Some(d("2026-11-15"))
        );
        assert_eq!(
            choose_day(Some("junk"), Some(Some(d("2026-11-20"))), today),
            Some(d("2026-11-20"))
        );
        assert_eq!(choose_day(None, Some(None), today), Some(today));
        assert_eq!(choose_day(None, None, today), None, "still loading");
        assert_eq!(parse_day(Some("2026-1-5")), None);
        assert_eq!(parse_day(Some("2026-02-30")), None);
    }

    #[test]
    fn windows_include_both_ends() {
        assert_eq!(
            window(d("2026-11-20"), 30),
            (d("2026-10-22"), d("2026-11-20"))
        );
        assert_eq!(
            window(d("2026-11-20"), 0),
            (d("2026-11-20"), d("2026-11-20"))
        );
    }

    #[test]
    fn empty_days_say_why() {
        let mut s = StatusSummary::default();
        assert_eq!(empty_reason(&s, d("2026-11-15")), EmptyReason::NotSynced);
        s.watermark = Some(d("2026-11-20"));
        assert_eq!(empty_reason(&s, d("2026-11-15")), EmptyReason::NotWorn);
        assert_eq!(empty_reason(&s, d("2026-11-21")), EmptyReason::NotSynced);
        s.unavailable = Some("missing scope".into());
        assert_eq!(
            empty_reason(&s, d("2026-11-15")),
            EmptyReason::Unavailable("missing scope".into())
        );
    }

    #[test]
    fn the_night_is_the_long_sleep() {
        let v = periods(vec![
            sleep("late_nap", "2026-11-15T15:00:00+09:00", 3000),
            sleep("long_sleep", "2026-11-15T00:10:00+09:00", 25000),
            sleep("deleted", "2026-11-14T20:00:00+09:00", 90000),
            sleep("rest", "2026-11-15T11:00:00+09:00", 40000),
        ]);
        assert_eq!(v.len(), 3, "deleted periods are dropped");
        assert_eq!(v[0].kind, SleepType::LongSleep, "time order");
        assert_eq!(main_sleep(&v), Some(0));
        let naps = periods(vec![
            sleep("late_nap", "2026-11-15T15:00:00+09:00", 3000),
            sleep("rest", "2026-11-15T11:00:00+09:00", 4000),
        ]);
        assert_eq!(main_sleep(&naps), Some(0), "else the longest");
        assert_eq!(main_sleep(&[]), None);
    }

    #[test]
    fn samples_keep_their_gaps() {
        let s: SampleModel = serde_json::from_value(json!({
            "interval": 300.0, "items": [60.0, null, 58.0],
            "timestamp": "2026-11-15T00:00:00+00:00"
        }))
        .unwrap();
        let p = sample_points(&s);
        let t0 = s.timestamp.timestamp_millis() as f64;
        assert_eq!(
            p,
            vec![
                (t0, Some(60.0)),
                (t0 + 300_000.0, None),
                (t0 + 600_000.0, Some(58.0))
            ]
        );
        assert_eq!(
            digit_points("1x4", 0.0, 30.0),
            vec![(0.0, Some(1.0)), (30_000.0, None), (60_000.0, Some(4.0))]
        );
    }

    #[test]
    fn trends_have_one_value_per_day_and_gaps() {
        let v = per_day([
            (d("2026-11-18"), 5.0),
            (d("2026-11-18"), 7.0),
            (d("2026-11-20"), 3.0),
            (d("2026-11-19"), f64::NAN),
        ]);
        assert_eq!(v.len(), 2);
        let w = window(d("2026-11-20"), 3);
        let b = bars(&v, w);
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].1, Some(7.0));
        assert_eq!(b[1].1, None);
        assert_eq!(
            history(&v, w),
            vec![(d("2026-11-20"), 3.0), (d("2026-11-18"), 7.0)]
        );
        assert_eq!(round_to(15.375, 1), 15.4);
    }
}
