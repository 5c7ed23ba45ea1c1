//! `heartrate` samples (`PublicHeartRateRow`) as the heart-rate page reads them, and
//! the one field of other endpoints it needs (their UTC offset, for the wearer's day).

use super::{int, object, opt_time, string, time, Unreadable};
use serde_json::Value;

/// Where a sample comes from (`PublicHeartRateSource`); an unknown one keeps Oura's
/// spelling.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Awake,
    Rest,
    Sleep,
    Session,
    Live,
    Workout,
    Other(String),
}

impl Source {
    pub fn from_code(code: &str) -> Source {
        match code {
            "awake" => Source::Awake,
            "rest" => Source::Rest,
            "sleep" => Source::Sleep,
            "session" => Source::Session,
            "live" => Source::Live,
            "workout" => Source::Workout,
            other => Source::Other(other.to_owned()),
        }
    }

    /// The i18n key of a known source (`None`: shown as Oura spells it).
    pub fn key(&self) -> Option<&'static str> {
        Some(match self {
            Source::Awake => "page.heartrate.src.awake",
            Source::Rest => "page.heartrate.src.rest",
            Source::Sleep => "page.heartrate.src.sleep",
            Source::Session => "page.heartrate.src.session",
            Source::Live => "page.heartrate.src.live",
            Source::Workout => "page.heartrate.src.workout",
            Source::Other(_) => return None,
        })
    }

    /// Its color (an index into the chart's heart-rate colors: awake, rest, sleep,
    /// session, live, workout; every unknown source is 6, "other").
    pub fn color(&self) -> usize {
        match self {
            Source::Awake => 0,
            Source::Rest => 1,
            Source::Sleep => 2,
            Source::Session => 3,
            Source::Live => 4,
            Source::Workout => 5,
            Source::Other(_) => 6,
        }
    }
}

/// One heart-rate sample.
#[derive(Clone, Debug, PartialEq)]
pub struct HeartRate {
    /// Unix milliseconds of `timestamp`.
    pub ms: i64,
    pub bpm: i64,
    pub source: Source,
}

/// A sample as the page shows it: `timestamp`, `bpm` and `source` are required
/// (`timestamp_unix` is not needed: it repeats the timestamp).
pub fn heart_rate(d: &Value) -> Result<HeartRate, Unreadable> {
    let d = object(d)?;
    Ok(HeartRate {
        ms: time(d, "timestamp")?.timestamp_millis(),
        bpm: int(d, "bpm")?,
        source: Source::from_code(string(d, "source")?),
    })
}

/// The instant (Unix ms) of a sample, if readable (which local day it belongs to).
pub fn sample_ms(d: &Value) -> Option<i64> {
    opt_time(d, "timestamp").map(|t| t.timestamp_millis())
}

/// The UTC offset (seconds) of a daily_activity document's `timestamp` (the start of
/// its day, in the wearer's zone).
pub fn activity_offset(d: &Value) -> Option<i32> {
    opt_time(d, "timestamp").map(|t| t.offset().local_minus_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn samples_are_read_and_unknown_sources_kept() {
        let s = heart_rate(
            &json!({"bpm": 61, "source": "sleep", "timestamp": "2026-11-15T01:00:00+00:00"}),
        )
        .unwrap();
        assert_eq!(s.bpm, 61);
        assert_eq!(s.source, Source::Sleep);
        assert_eq!(s.ms, 1_794_704_400_000);
        let u = heart_rate(&json!({"bpm": 70, "source": "meditation_pro", "timestamp": "2026-11-15T01:00:00+00:00", "timestamp_unix": null}))
            .unwrap();
        assert_eq!(u.source, Source::Other("meditation_pro".into()));
        assert_eq!(u.source.key(), None);
        assert_eq!(u.source.color(), 6);
        assert_eq!(Source::Workout.key(), Some("page.heartrate.src.workout"));
    }

    #[test]
    fn a_sample_without_its_fields_is_unreadable() {
        for bad in [
            json!({"source": "awake", "timestamp": "2026-11-15T01:00:00+00:00"}),
            json!({"bpm": null, "source": "awake", "timestamp": "2026-11-15T01:00:00+00:00"}),
            json!({"bpm": 60, "timestamp": "2026-11-15T01:00:00+00:00"}),
            json!({"bpm": 60, "source": "awake", "timestamp": "yesterday"}),
            json!([1, 2]),
        ] {
            assert!(heart_rate(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_offset_of_an_activity_day() {
        assert_eq!(
            activity_offset(&json!({"timestamp": "2026-11-15T04:00:00+09:00"})),
            Some(9 * 3600)
        );
        assert_eq!(activity_offset(&json!({"timestamp": null})), None);
        assert_eq!(activity_offset(&json!({})), None);
    }
}
