//! `daily_activity` documents (OpenAPI 1.41).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::common::{PublicSample, Timestamp};

/// One day's activity (`PublicDailyActivity`). Times in seconds, distances in metres.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicDailyActivity {
    pub id: String,
    /// One character per 5 min: 0 = non-wear, 1 = rest, 2 = inactive, 3 = low,
    /// 4 = medium, 5 = high.
    #[serde(default)]
    pub class_5_min: Option<String>,
    #[serde(default)]
    pub score: Option<i64>,
    pub active_calories: i64,
    pub average_met_minutes: f64,
    pub contributors: PublicActivityContributors,
    pub equivalent_walking_distance: i64,
    pub high_activity_met_minutes: i64,
    pub high_activity_time: i64,
    pub inactivity_alerts: i64,
    pub low_activity_met_minutes: i64,
    pub low_activity_time: i64,
    pub medium_activity_met_minutes: i64,
    pub medium_activity_time: i64,
    pub met: PublicSample,
    pub meters_to_target: i64,
    pub non_wear_time: i64,
    pub resting_time: i64,
    pub sedentary_met_minutes: i64,
    pub sedentary_time: i64,
    pub steps: i64,
    pub target_calories: i64,
    pub target_meters: i64,
    pub total_calories: i64,
    pub day: NaiveDate,
    pub timestamp: Timestamp,
}

/// Activity score contributors, 1–100 each (`PublicActivityContributors`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PublicActivityContributors {
    #[serde(default)]
    pub meet_daily_targets: Option<i64>,
    #[serde(default)]
    pub move_every_hour: Option<i64>,
    #[serde(default)]
    pub recovery_time: Option<i64>,
    #[serde(default)]
    pub stay_active: Option<i64>,
    #[serde(default)]
    pub training_frequency: Option<i64>,
    #[serde(default)]
    pub training_volume: Option<i64>,
}
