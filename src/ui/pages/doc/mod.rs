//! The few fields a view shows, read straight from a stored document
//! (`serde_json::Value`). Views do not deserialize whole typed models: every model's
//! `Deserialize` (and its date parsing) would be compiled into the wasm for a handful
//! of fields. `src/oura/models` stays the reference of the documents.

pub mod battery;
pub mod daily;
pub mod heartrate;
pub mod rest_mode;
pub mod sessions;
pub mod tags;
pub mod workouts;

use super::logic::Period;
use crate::oura::models::{SampleModel, SleepType, Timestamp};
use chrono::NaiveDate;
use serde_json::Value;

pub mod bedtime;
pub mod cardiovascular_age;
pub mod checked;
pub mod personal_info;
pub mod resilience;
pub mod rings;
pub mod spo2;
pub mod stress;
pub mod vo2_max;

/// Why a document cannot be shown (shown, translated, after "This record could not be
/// read": `common::unreadable`).
#[derive(Clone, Debug, PartialEq)]
pub enum Unreadable {
    /// The document is not a JSON object.
    NotObject,
    /// A field the view needs is missing or of the wrong type (its name).
    Field(String),
}

impl Unreadable {
    /// The i18n key of the reason and the field it names (if any).
    pub fn key(&self) -> (&'static str, Option<&str>) {
        match self {
            Unreadable::NotObject => ("view.unreadable.not_object", None),
            Unreadable::Field(f) => ("view.unreadable.field", Some(f)),
        }
    }
}

/// A missing or invalid required field.
pub fn bad(field: &str) -> Unreadable {
    Unreadable::Field(field.to_owned())
}

/// The document itself, if it is a JSON object.
pub fn object(d: &Value) -> Result<&Value, Unreadable> {
    if d.is_object() {
        Ok(d)
    } else {
        Err(Unreadable::NotObject)
    }
}

/// An optional integer field (`None`: absent, `null` or not an integer).
pub fn opt_int(d: &Value, k: &str) -> Option<i64> {
    d.get(k)?.as_i64()
}

/// An optional number field.
pub fn opt_num(d: &Value, k: &str) -> Option<f64> {
    d.get(k)?.as_f64()
}

/// An optional string field.
pub fn opt_str<'a>(d: &'a Value, k: &str) -> Option<&'a str> {
    d.get(k)?.as_str()
}

/// A required integer field.
pub fn int(d: &Value, k: &str) -> Result<i64, Unreadable> {
    opt_int(d, k).ok_or_else(|| bad(k))
}

/// A required string field.
pub fn string<'a>(d: &'a Value, k: &str) -> Result<&'a str, Unreadable> {
    opt_str(d, k).ok_or_else(|| bad(k))
}

/// An optional Oura datetime field (RFC 3339 with its offset).
pub fn opt_time(d: &Value, k: &str) -> Option<Timestamp> {
    crate::oura::models::parse_timestamp(opt_str(d, k)?)
}

/// A required Oura datetime field.
pub fn time(d: &Value, k: &str) -> Result<Timestamp, Unreadable> {
    opt_time(d, k).ok_or_else(|| bad(k))
}

/// The document's `day` (`YYYY-MM-DD`).
pub fn day(d: &Value) -> Option<NaiveDate> {
    crate::oura::models::parse_day(opt_str(d, "day")?)
}

/// An optional sample series (`SampleModel`); `None` when absent or malformed.
pub fn sample(d: &Value, k: &str) -> Option<SampleModel> {
    let s = d.get(k)?;
    let items = s
        .get("items")?
        .as_array()?
        .iter()
        .map(|v| {
            if v.is_null() {
                Some(None)
            } else {
                v.as_f64().map(Some)
            }
        })
        .collect::<Option<Vec<_>>>()?;
    Some(SampleModel {
        interval: opt_num(s, "interval")?,
        items,
        timestamp: opt_time(s, "timestamp")?,
    })
}

/// A `sleep` document as the views show it.
pub fn period(d: &Value) -> Result<Period, Unreadable> {
    let d = object(d)?;
    let text = |k: &str| opt_str(d, k).map(str::to_owned);
    Ok(Period {
        // 1.41 no longer requires `type`: an untyped period is "other" (spelled "").
        kind: SleepType::from(opt_str(d, "type").unwrap_or_default()),
        day: day(d).ok_or_else(|| bad("day"))?,
        bedtime_start: time(d, "bedtime_start")?,
        bedtime_end: time(d, "bedtime_end")?,
        time_in_bed: int(d, "time_in_bed")?,
        total_sleep_duration: opt_int(d, "total_sleep_duration"),
        deep_sleep_duration: opt_int(d, "deep_sleep_duration"),
        rem_sleep_duration: opt_int(d, "rem_sleep_duration"),
        light_sleep_duration: opt_int(d, "light_sleep_duration"),
        awake_time: opt_int(d, "awake_time"),
        efficiency: opt_int(d, "efficiency"),
        latency: opt_int(d, "latency"),
        lowest_heart_rate: opt_int(d, "lowest_heart_rate"),
        average_hrv: opt_int(d, "average_hrv"),
        average_heart_rate: opt_num(d, "average_heart_rate"),
        average_breath: opt_num(d, "average_breath"),
        sleep_phase_5_min: text("sleep_phase_5_min"),
        movement_30_sec: text("movement_30_sec"),
        heart_rate: sample(d, "heart_rate"),
        hrv: sample(d, "hrv"),
    })
}

/// `(label key, value)` of the 0–100 contributors: `fields` are (label key, field).
pub fn contributors(
    d: &Value,
    fields: &[(&'static str, &'static str)],
) -> Vec<(&'static str, Option<i64>)> {
    let c = d.get("contributors");
    fields
        .iter()
        .map(|(label, field)| (*label, c.and_then(|c| opt_int(c, field))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_are_read_as_the_models_read_them() {
        let d = json!({
            "day": "2026-11-15", "score": 81, "temperature_deviation": -0.2,
            "start": "2026-11-15T23:40:00+02:00", "label": null,
            "contributors": {"a": 90, "b": null},
            "met": {"interval": 60.0, "items": [1.0, null, 2.5], "timestamp": "2026-11-15T04:00:00+02:00"},
            "bad_met": {"interval": 60.0, "items": ["x"], "timestamp": "2026-11-15T04:00:00+02:00"}
        });
        assert_eq!(day(&d), NaiveDate::from_ymd_opt(2026, 11, 15));
        assert_eq!(opt_int(&d, "score"), Some(81));
        assert_eq!(int(&d, "missing"), Err(bad("missing")));
        assert_eq!(opt_num(&d, "temperature_deviation"), Some(-0.2));
        assert_eq!(opt_str(&d, "label"), None);
        let t = time(&d, "start").unwrap();
        assert_eq!(t.offset().local_minus_utc(), 7200);
        assert_eq!(
            contributors(&d, &[("x.a", "a"), ("x.b", "b"), ("x.c", "c")]),
            vec![("x.a", Some(90)), ("x.b", None), ("x.c", None)]
        );
        let met = sample(&d, "met").unwrap();
        assert_eq!(met.items, vec![Some(1.0), None, Some(2.5)]);
        assert_eq!(met.interval, 60.0);
        assert_eq!(sample(&d, "bad_met"), None);
        assert!(object(&json!([1])).is_err());
    }
}
