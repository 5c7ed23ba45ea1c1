//! What the heart-rate day card shows, from the day's samples (pure, tested natively).

use super::super::doc::heartrate::{heart_rate, Source};
use super::super::doc::Unreadable;
use super::super::logic::{self as view_logic, Period};
use crate::oura::models::SleepType;
use serde_json::Value;

/// The day's samples summed up.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct DaySummary {
    /// (bpm, Unix ms) of the lowest and highest sample (the first one if several).
    pub lowest: Option<(i64, i64)>,
    pub highest: Option<(i64, i64)>,
    pub average: Option<f64>,
    pub count: usize,
    /// Each source of the day (Oura's order, unknown ones last by name) with its
    /// average bpm and number of samples.
    pub sources: Vec<(Source, f64, usize)>,
    /// The samples in time order: (Unix ms, bpm, index into `sources`).
    pub points: Vec<(f64, f64, usize)>,
    /// The samples that could not be read.
    pub unreadable: Vec<Unreadable>,
}

/// Reads and sums up a day's samples.
pub fn summarize(docs: &[Value]) -> DaySummary {
    let mut out = DaySummary::default();
    let mut samples = Vec::with_capacity(docs.len());
    for d in docs {
        match heart_rate(d) {
            Ok(s) => samples.push(s),
            Err(e) => out.unreadable.push(e),
        }
    }
    samples.sort_by_key(|s| s.ms);
    let mut sources: Vec<Source> = samples.iter().map(|s| s.source.clone()).collect();
    sources.sort();
    sources.dedup();
    let mut sums = vec![(0i64, 0usize); sources.len()];
    let mut total = 0i64;
    for s in &samples {
        let i = sources.binary_search(&s.source).unwrap_or(0);
        if let Some(sum) = sums.get_mut(i) {
            sum.0 += s.bpm;
            sum.1 += 1;
        }
        total += s.bpm;
        if out.lowest.is_none_or(|(b, _)| s.bpm < b) {
            out.lowest = Some((s.bpm, s.ms));
        }
        if out.highest.is_none_or(|(b, _)| s.bpm > b) {
            out.highest = Some((s.bpm, s.ms));
        }
        out.points.push((s.ms as f64, s.bpm as f64, i));
    }
    out.count = samples.len();
    out.average = (out.count > 0).then(|| total as f64 / out.count as f64);
    out.sources = sources
        .into_iter()
        .zip(sums)
        .map(|(s, (sum, n))| (s, sum as f64 / n.max(1) as f64, n))
        .collect();
    out
}

/// The night's lowest heart rate: that of the day's long sleep (the longest if
/// several); `None` without one or when it has no value.
pub fn night_lowest(periods: &[Period]) -> Option<i64> {
    let i = view_logic::main_sleep(periods)?;
    let p = periods.get(i)?;
    (p.kind == SleepType::LongSleep)
        .then_some(p.lowest_heart_rate)
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn s(bpm: i64, source: &str, t: &str) -> Value {
        json!({"bpm": bpm, "source": source, "timestamp": t})
    }

    #[test]
    fn the_day_is_summed_up_by_source_with_unknown_sources_kept() {
        let docs = vec![
            s(70, "awake", "2026-11-15T10:00:00+00:00"),
            s(48, "sleep", "2026-11-15T03:00:00+00:00"),
            s(50, "sleep", "2026-11-15T03:05:00+00:00"),
            s(130, "workout", "2026-11-15T08:00:00+00:00"),
            s(48, "sleep", "2026-11-15T04:00:00+00:00"),
            s(66, "yoga_nidra", "2026-11-15T09:00:00+00:00"),
            json!({"bpm": 1, "source": "awake"}),
        ];
        let d = summarize(&docs);
        assert_eq!(d.count, 6);
        assert_eq!(d.unreadable.len(), 1);
        assert_eq!(d.lowest.map(|l| l.0), Some(48));
        assert_eq!(
            d.lowest.map(|l| l.1),
            Some(1_794_711_600_000),
            "the first of equal lows"
        );
        assert_eq!(d.highest.map(|l| l.0), Some(130));
        assert_eq!(d.average, Some(412.0 / 6.0));
        let names: Vec<_> = d.sources.iter().map(|s| (s.0.clone(), s.1, s.2)).collect();
        assert_eq!(
            names,
            vec![
                (Source::Awake, 70.0, 1),
                (Source::Sleep, 146.0 / 3.0, 3),
                (Source::Workout, 130.0, 1),
                (Source::Other("yoga_nidra".into()), 66.0, 1),
            ]
        );
        assert!(d.points.windows(2).all(|w| w[0].0 <= w[1].0), "time order");
        assert_eq!(d.points[0].2, 1, "index of sleep");
    }

    #[test]
    fn an_empty_day_has_no_values() {
        let d = summarize(&[]);
        assert_eq!((d.lowest, d.average, d.count), (None, None, 0));
    }

    #[test]
    fn the_night_is_the_long_sleep_only() {
        let p = |kind: &str, low: Option<i64>| {
            super::super::super::doc::period(&json!({
                "id": "a", "type": kind, "day": "2026-11-15",
                "bedtime_start": "2026-11-14T23:00:00+09:00",
                "bedtime_end": "2026-11-15T07:00:00+09:00",
                "time_in_bed": 28800, "lowest_heart_rate": low
            }))
            .unwrap()
        };
        assert_eq!(night_lowest(&[p("long_sleep", Some(47))]), Some(47));
        assert_eq!(night_lowest(&[p("long_sleep", None)]), None);
        assert_eq!(night_lowest(&[p("late_nap", Some(50))]), None);
        assert_eq!(night_lowest(&[]), None);
    }
}
