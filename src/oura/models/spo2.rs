//! `daily_spo2` documents.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One night's blood oxygen (`DailySpO2Model`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DailySpO2Model {
    pub id: String,
    pub day: NaiveDate,
    #[serde(default)]
    pub spo2_percentage: Option<DailySpO2AggregatedValuesModel>,
    #[serde(default)]
    pub breathing_disturbance_index: Option<i64>,
}

/// `DailySpO2AggregatedValuesModel`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DailySpO2AggregatedValuesModel {
    /// Percent.
    pub average: f64,
}
