//! The daily score documents (`daily_sleep`, `daily_readiness`, `daily_activity`) as the
//! views show them: each field name of these endpoints is spelled here only.

use super::{contributors, day, int, object, opt_int, opt_num, opt_str, sample, time, Unreadable};
use crate::oura::models::{SampleModel, Timestamp};
use chrono::NaiveDate;
use serde_json::Value;

/// A contributor: (label key, 0–100 value).
pub type Contributor = (&'static str, Option<i64>);

/// The sleep contributors as (label key, field).
const SLEEP_CONTRIBUTORS: [(&str, &str); 7] = [
    ("view.c.total_sleep", "total_sleep"),
    ("view.c.efficiency", "efficiency"),
    ("view.c.restfulness", "restfulness"),
    ("view.c.rem_sleep", "rem_sleep"),
    ("view.c.deep_sleep", "deep_sleep"),
    ("view.c.latency", "latency"),
    ("view.c.timing", "timing"),
];

/// The readiness contributors as (label key, field).
const READINESS_CONTRIBUTORS: [(&str, &str); 8] = [
    ("view.c.resting_heart_rate", "resting_heart_rate"),
    ("view.c.hrv_balance", "hrv_balance"),
    ("view.c.body_temperature", "body_temperature"),
    ("view.c.recovery_index", "recovery_index"),
    ("view.c.previous_night", "previous_night"),
    ("view.c.sleep_balance", "sleep_balance"),
    ("view.c.previous_day_activity", "previous_day_activity"),
    ("view.c.activity_balance", "activity_balance"),
];

/// The activity contributors as (label key, field).
const ACTIVITY_CONTRIBUTORS: [(&str, &str); 6] = [
    ("view.c.stay_active", "stay_active"),
    ("view.c.move_every_hour", "move_every_hour"),
    ("view.c.meet_daily_targets", "meet_daily_targets"),
    ("view.c.training_frequency", "training_frequency"),
    ("view.c.training_volume", "training_volume"),
    ("view.c.recovery_time", "recovery_time"),
];

/// The 0–100 `score` of a daily document (absent when Oura could not score the day).
pub fn score(d: &Value) -> Option<i64> {
    opt_int(d, "score")
}

/// The day and score of a daily document (the score trends).
pub fn day_score(d: &Value) -> Option<(NaiveDate, f64)> {
    Some((day(d)?, score(d)? as f64))
}

/// A `daily_sleep` document's contributors.
pub fn sleep_contributors(d: &Value) -> Vec<Contributor> {
    contributors(d, &SLEEP_CONTRIBUTORS)
}

/// What the views show of a `daily_readiness` document.
pub struct Readiness {
    pub score: Option<i64>,
    pub temperature_deviation: Option<f64>,
    pub temperature_trend_deviation: Option<f64>,
    pub contributors: Vec<Contributor>,
}

pub fn readiness(d: &Value) -> Result<Readiness, Unreadable> {
    let d = object(d)?;
    Ok(Readiness {
        score: score(d),
        temperature_deviation: opt_num(d, "temperature_deviation"),
        temperature_trend_deviation: opt_num(d, "temperature_trend_deviation"),
        contributors: contributors(d, &READINESS_CONTRIBUTORS),
    })
}

/// Steps, calories and distance of a `daily_activity` document (all required by 1.41).
pub struct ActivityTotals {
    pub steps: i64,
    pub total_calories: i64,
    pub active_calories: i64,
    pub target_calories: i64,
    /// Metres.
    pub distance: i64,
    pub target_meters: i64,
}

pub fn activity_totals(d: &Value) -> Result<ActivityTotals, Unreadable> {
    Ok(ActivityTotals {
        steps: int(d, "steps")?,
        total_calories: int(d, "total_calories")?,
        active_calories: int(d, "active_calories")?,
        target_calories: int(d, "target_calories")?,
        distance: int(d, "equivalent_walking_distance")?,
        target_meters: int(d, "target_meters")?,
    })
}

/// A `daily_activity` document's contributors.
pub fn activity_contributors(d: &Value) -> Vec<Contributor> {
    contributors(d, &ACTIVITY_CONTRIBUTORS)
}

/// The rest of a `daily_activity` document that its page shows.
pub struct ActivityDay {
    pub score: Option<i64>,
    /// Seconds in each level: (label key, seconds), high to non-wear.
    pub classes: Vec<(&'static str, i64)>,
    /// The start of the activity day (its `timestamp`).
    pub start: Timestamp,
    /// `class_5_min`: one level digit per 5 minutes from `start`.
    pub class_5_min: Option<String>,
    pub met: SampleModel,
}

pub fn activity_day(d: &Value) -> Result<ActivityDay, Unreadable> {
    let d = object(d)?;
    let mut classes = Vec::new();
    for (label, field) in [
        ("charts.class.high", "high_activity_time"),
        ("charts.class.medium", "medium_activity_time"),
        ("charts.class.low", "low_activity_time"),
        ("view.f.sedentary", "sedentary_time"),
        ("view.f.resting", "resting_time"),
        ("charts.class.non_wear", "non_wear_time"),
    ] {
        classes.push((label, int(d, field)?));
    }
    Ok(ActivityDay {
        score: score(d),
        classes,
        start: time(d, "timestamp")?,
        class_5_min: opt_str(d, "class_5_min")
            .filter(|c| !c.is_empty())
            .map(str::to_owned),
        met: sample(d, "met").ok_or_else(|| super::bad("met"))?,
    })
}

/// The day and steps of a `daily_activity` document (the steps trend).
pub fn day_steps(d: &Value) -> Option<(NaiveDate, f64)> {
    Some((day(d)?, opt_int(d, "steps")? as f64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn absent_optional_fields_are_none_and_required_ones_are_named() {
        let r =
            readiness(&json!({"day": "2026-11-15", "contributors": {"hrv_balance": 70}})).unwrap();
        assert_eq!(r.score, None);
        assert_eq!(r.temperature_deviation, None);
        assert_eq!(r.contributors[1], ("view.c.hrv_balance", Some(70)));
        assert_eq!(r.contributors[0].1, None);
        assert!(readiness(&json!(3)).is_err());
        let e = activity_totals(&json!({"steps": 5})).err().unwrap();
        assert_eq!(e, super::super::bad("total_calories"));
        assert_eq!(
            day_score(&json!({"day": "2026-11-15", "score": 81})),
            Some((NaiveDate::from_ymd_opt(2026, 11, 15).unwrap(), 81.0))
        );
        assert_eq!(
            day_score(&json!({"day": "2026-11-15", "score": null})),
            None
        );
        assert_eq!(sleep_contributors(&json!({})).len(), 7);
    }
}
