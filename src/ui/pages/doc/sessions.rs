//! `session` documents (`PublicSession`) as the views show them.

use super::{bad, day, object, opt_str, sample, string, time, Unreadable};
use crate::oura::models::{MomentMood, MomentType, SampleModel, Timestamp};
use chrono::NaiveDate;
use serde_json::Value;

/// One session (the fields Today shows too; the curves are read by [`curves`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub day: NaiveDate,
    pub kind: MomentType,
    pub mood: Option<MomentMood>,
    pub start: Timestamp,
    pub end: Timestamp,
}

impl Session {
    /// Seconds from start to end (never negative; there is no `duration` field).
    pub fn seconds(&self) -> i64 {
        (self.end - self.start).num_seconds().max(0)
    }
}

/// Reads a `session` document.
pub fn session(d: &Value) -> Result<Session, Unreadable> {
    let d = object(d)?;
    Ok(Session {
        day: day(d).ok_or_else(|| bad("day"))?,
        kind: string(d, "type")?.into(),
        mood: opt_str(d, "mood").map(Into::into),
        start: time(d, "start_datetime")?,
        end: time(d, "end_datetime")?,
    })
}

/// A session's sample series (`None`: absent, null or malformed).
#[derive(Clone, Debug, PartialEq)]
pub struct Curves {
    pub heart_rate: Option<SampleModel>,
    pub hrv: Option<SampleModel>,
    pub motion: Option<SampleModel>,
}

/// Reads a session's curves.
pub fn curves(d: &Value) -> Curves {
    Curves {
        heart_rate: sample(d, "heart_rate"),
        hrv: sample(d, "heart_rate_variability"),
        motion: sample(d, "motion_count"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn base() -> Value {
        json!({
            "id": "s", "day": "2026-11-13", "type": "meditation",
            "start_datetime": "2026-11-13T06:29:27+09:00",
            "end_datetime": "2026-11-13T06:45:07+09:00"
        })
    }

    #[test]
    fn absent_fields_read_as_none() {
        let s = session(&base()).unwrap();
        assert_eq!(s.kind, MomentType::Meditation);
        assert_eq!(s.mood, None);
        assert_eq!(s.seconds(), 15 * 60 + 40);
        let c = curves(&base());
        assert_eq!((c.heart_rate, c.hrv, c.motion), (None, None, None));
        let mut d = base();
        d["mood"] = Value::Null;
        d["heart_rate"] = Value::Null;
        assert_eq!(session(&d).unwrap().mood, None);
        assert_eq!(curves(&d).heart_rate, None);
    }

    #[test]
    fn unknown_type_and_mood_are_kept_and_curves_keep_gaps() {
        let mut d = base();
        d["type"] = json!("cold_plunge");
        d["mood"] = json!("ecstatic");
        d["heart_rate_variability"] = json!({
            "interval": 5.0, "items": [null, 40.0], "timestamp": "2026-11-13T06:29:27.000+09:00"
        });
        let s = session(&d).unwrap();
        assert_eq!(s.kind, MomentType::Other("cold_plunge".into()));
        assert_eq!(s.mood, Some(MomentMood::Other("ecstatic".into())));
        assert_eq!(curves(&d).hrv.unwrap().items, vec![None, Some(40.0)]);
    }

    #[test]
    fn a_session_without_a_type_does_not_fit() {
        let mut d = base();
        d.as_object_mut().unwrap().remove("type");
        assert!(session(&d).is_err());
    }
}
