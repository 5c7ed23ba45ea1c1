//! `daily_readiness` documents.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::common::Timestamp;

/// One day's readiness (`DailyReadinessModel`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DailyReadinessModel {
    pub id: String,
    pub contributors: ReadinessContributors,
    pub day: NaiveDate,
    #[serde(default)]
    pub score: Option<i64>,
    /// Degrees Celsius from the baseline.
    #[serde(default)]
    pub temperature_deviation: Option<f64>,
    #[serde(default)]
    pub temperature_trend_deviation: Option<f64>,
    pub timestamp: Timestamp,
}

/// Readiness score contributors, 1–100 each (`ReadinessContributors`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadinessContributors {
    #[serde(default)]
    pub activity_balance: Option<i64>,
    #[serde(default)]
    pub body_temperature: Option<i64>,
    #[serde(default)]
    pub hrv_balance: Option<i64>,
    #[serde(default)]
    pub previous_day_activity: Option<i64>,
    #[serde(default)]
    pub previous_night: Option<i64>,
    #[serde(default)]
    pub recovery_index: Option<i64>,
    #[serde(default)]
    pub resting_heart_rate: Option<i64>,
    #[serde(default)]
    pub sleep_balance: Option<i64>,
}
