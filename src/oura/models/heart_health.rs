//! `daily_cardiovascular_age` and `vO2_max` documents (OpenAPI 1.41).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::common::Timestamp;

/// One day's cardiovascular age (`PublicDailyCardiovascularAge`); keyed by `day`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicDailyCardiovascularAge {
    /// Required by 1.41, but absent from documents Oura sent before it (the recorded
    /// 2024 responses): kept optional so those still parse.
    #[serde(
        default,
        deserialize_with = "super::common::present",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    pub day: NaiveDate,
    /// Metres per second.
    #[serde(default)]
    pub pulse_wave_velocity: Option<f64>,
    /// Years.
    #[serde(default)]
    pub vascular_age: Option<i64>,
}

/// One VO2 max estimate (`PublicVO2Max`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicVO2Max {
    pub id: String,
    pub day: NaiveDate,
    pub timestamp: Timestamp,
    /// ml/kg/min (an integer since 1.41).
    pub vo2_max: i64,
}
