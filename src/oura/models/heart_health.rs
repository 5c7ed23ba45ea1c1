//! `daily_cardiovascular_age` and `vO2_max` documents.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::common::Timestamp;

/// One day's cardiovascular age (`DailyCardiovascularAgeModel`). The spec gives it no
/// `id` (its key is `day`); an `id` or `timestamp` sent anyway is ignored here.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DailyCardiovascularAgeModel {
    pub day: NaiveDate,
    /// Years.
    #[serde(default)]
    pub vascular_age: Option<i64>,
}

/// One VO2 max estimate (`VO2MaxModel`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VO2MaxModel {
    pub id: String,
    pub day: NaiveDate,
    pub timestamp: Timestamp,
    /// ml/kg/min.
    #[serde(default)]
    pub vo2_max: Option<f64>,
}
