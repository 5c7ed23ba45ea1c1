//! `daily_spo2` documents (OpenAPI 1.41).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One night's blood oxygen (`PublicDailySpO2`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicDailySpO2 {
    pub id: String,
    pub day: NaiveDate,
    #[serde(default)]
    pub spo2_percentage: Option<PublicSpo2AggregatedValues>,
    #[serde(default)]
    pub breathing_disturbance_index: Option<i64>,
}

/// `PublicSpo2AggregatedValues`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicSpo2AggregatedValues {
    /// Percent.
    pub average: f64,
}
