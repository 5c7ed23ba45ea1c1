//! `workout` documents (`PublicWorkout`) as the views show them.

use super::{bad, day, object, opt_num, opt_str, string, time, Unreadable};
use crate::oura::models::{PublicWorkoutIntensity, PublicWorkoutSource, Timestamp};
use chrono::NaiveDate;
use serde_json::Value;

/// One workout.
#[derive(Clone, Debug, PartialEq)]
pub struct Workout {
    pub day: NaiveDate,
    /// Activity code as Oura spells it (`walking`, `strength_training`, …).
    pub activity: String,
    pub intensity: PublicWorkoutIntensity,
    /// How it was recorded, as Oura spells it (see [`Workout::source`]); `None`:
    /// absent (the spec requires it, but the rest can be shown without it). Kept as
    /// text: Today does not show it (first-load size).
    pub source_code: Option<String>,
    pub start: Timestamp,
    pub end: Timestamp,
    /// kcal.
    pub calories: Option<f64>,
    /// Metres.
    pub distance: Option<f64>,
    /// The user's label (`None`: absent, null or blank).
    pub label: Option<String>,
}

impl Workout {
    /// How the workout was recorded.
    pub fn source(&self) -> Option<PublicWorkoutSource> {
        self.source_code.as_deref().map(Into::into)
    }

    /// Seconds from start to end (never negative).
    pub fn seconds(&self) -> i64 {
        (self.end - self.start).num_seconds().max(0)
    }
}

/// A free-text field: `None` when absent, null, not a string or blank.
pub fn note(d: &Value, k: &str) -> Option<String> {
    opt_str(d, k)
        .filter(|s| !s.trim().is_empty())
        .map(str::to_owned)
}

/// Reads a `workout` document.
pub fn workout(d: &Value) -> Result<Workout, Unreadable> {
    let d = object(d)?;
    Ok(Workout {
        day: day(d).ok_or_else(|| bad("day"))?,
        activity: string(d, "activity")?.to_owned(),
        intensity: string(d, "intensity")?.into(),
        source_code: opt_str(d, "source").map(str::to_owned),
        start: time(d, "start_datetime")?,
        end: time(d, "end_datetime")?,
        calories: opt_num(d, "calories"),
        distance: opt_num(d, "distance"),
        label: note(d, "label"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn base() -> Value {
        json!({
            "id": "w", "activity": "walking", "day": "2026-11-15", "intensity": "easy",
            "source": "manual", "start_datetime": "2026-11-15T12:02:00+09:00",
            "end_datetime": "2026-11-15T13:10:00+09:00"
        })
    }

    #[test]
    fn optional_fields_absent_or_null_read_as_none() {
        let w = workout(&base()).unwrap();
        assert_eq!(
            (w.calories, w.distance, w.label.clone()),
            (None, None, None)
        );
        assert_eq!(w.seconds(), 68 * 60);
        assert_eq!(w.day, NaiveDate::from_ymd_opt(2026, 11, 15).unwrap());
        let mut d = base();
        d["calories"] = Value::Null;
        d["label"] = json!("   ");
        d["distance"] = json!(4929.5);
        d.as_object_mut().unwrap().remove("source");
        let w = workout(&d).unwrap();
        assert_eq!((w.source(), w.calories, w.label), (None, None, None));
        assert_eq!(w.distance, Some(4929.5));
    }

    #[test]
    fn unknown_enums_are_kept_as_spelled() {
        let mut d = base();
        d["intensity"] = json!("extreme");
        d["source"] = json!("live_smart_watch");
        let w = workout(&d).unwrap();
        assert_eq!(w.intensity, PublicWorkoutIntensity::Other("extreme".into()));
        assert_eq!(
            w.source(),
            Some(PublicWorkoutSource::Other("live_smart_watch".into()))
        );
        d["source"] = json!("live_oura_heart_rate");
        assert_eq!(
            workout(&d).unwrap().source(),
            Some(PublicWorkoutSource::LiveOuraHeartRate)
        );
    }

    #[test]
    fn a_workout_without_its_times_does_not_fit() {
        let mut d = base();
        d.as_object_mut().unwrap().remove("end_datetime");
        assert!(workout(&d).is_err());
        assert!(workout(&json!("x")).is_err());
        let mut d = base();
        d["end_datetime"] = json!("2026-11-15T11:00:00+09:00");
        assert_eq!(workout(&d).unwrap().seconds(), 0, "an end before the start");
    }
}
