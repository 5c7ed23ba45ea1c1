//! `daily_stress` and `daily_resilience` documents (OpenAPI 1.41).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One day's stress (`PublicDailyStress`). Times in seconds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicDailyStress {
    pub id: String,
    pub day: NaiveDate,
    #[serde(default)]
    pub stress_high: Option<i64>,
    #[serde(default)]
    pub recovery_high: Option<i64>,
    #[serde(default)]
    pub day_summary: Option<PublicDailyStressSummary>,
}

oura_enum! {
    /// `PublicDailyStressSummary`.
    PublicDailyStressSummary { Restored = "restored", Normal = "normal", Stressful = "stressful" }
}

/// One day's resilience (`DailyResilienceModel`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DailyResilienceModel {
    pub id: String,
    pub day: NaiveDate,
    pub contributors: ResilienceContributors,
    pub level: LongTermResilienceLevel,
}

/// Resilience contributors, 0–100 each (`ResilienceContributors`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResilienceContributors {
    pub sleep_recovery: f64,
    pub daytime_recovery: f64,
    pub stress: f64,
}

oura_enum! {
    /// `LongTermResilienceLevel`.
    LongTermResilienceLevel {
        Limited = "limited",
        Adequate = "adequate",
        Solid = "solid",
        Strong = "strong",
        Exceptional = "exceptional",
    }
}
