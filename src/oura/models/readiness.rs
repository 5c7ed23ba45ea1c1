//! `daily_readiness` documents (OpenAPI 1.41).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::common::Timestamp;

/// One day's readiness (`PublicDailyReadiness`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicDailyReadiness {
    pub id: String,
    pub contributors: PublicReadinessContributors,
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

/// Readiness score contributors, 1–100 each (`PublicReadinessContributors`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PublicReadinessContributors {
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
    /// Since 1.41.
    #[serde(default)]
    pub sleep_regularity: Option<i64>,
}
