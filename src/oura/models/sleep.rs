//! `daily_sleep` and `sleep` documents.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::common::{SampleModel, Timestamp};
use super::readiness::ReadinessContributors;

/// One day's sleep score (`DailySleepModel`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DailySleepModel {
    pub id: String,
    pub contributors: SleepContributors,
    pub day: NaiveDate,
    #[serde(default)]
    pub score: Option<i64>,
    pub timestamp: Timestamp,
}

/// Sleep score contributors, 1–100 each (`SleepContributors`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SleepContributors {
    #[serde(default)]
    pub deep_sleep: Option<i64>,
    #[serde(default)]
    pub efficiency: Option<i64>,
    #[serde(default)]
    pub latency: Option<i64>,
    #[serde(default)]
    pub rem_sleep: Option<i64>,
    #[serde(default)]
    pub restfulness: Option<i64>,
    #[serde(default)]
    pub timing: Option<i64>,
    #[serde(default)]
    pub total_sleep: Option<i64>,
}

/// One sleep period (`SleepModel`). Durations are in seconds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SleepModel {
    pub id: String,
    #[serde(default)]
    pub average_breath: Option<f64>,
    #[serde(default)]
    pub average_heart_rate: Option<f64>,
    #[serde(default)]
    pub average_hrv: Option<i64>,
    #[serde(default)]
    pub awake_time: Option<i64>,
    pub bedtime_end: Timestamp,
    pub bedtime_start: Timestamp,
    pub day: NaiveDate,
    #[serde(default)]
    pub deep_sleep_duration: Option<i64>,
    #[serde(default)]
    pub efficiency: Option<i64>,
    #[serde(default)]
    pub heart_rate: Option<SampleModel>,
    #[serde(default)]
    pub hrv: Option<SampleModel>,
    #[serde(default)]
    pub latency: Option<i64>,
    #[serde(default)]
    pub light_sleep_duration: Option<i64>,
    pub low_battery_alert: bool,
    #[serde(default)]
    pub lowest_heart_rate: Option<i64>,
    /// One character per 30 s: 1 = no motion … 4 = restless.
    #[serde(default)]
    pub movement_30_sec: Option<String>,
    pub period: i64,
    #[serde(default)]
    pub readiness: Option<ReadinessSummary>,
    #[serde(default)]
    pub readiness_score_delta: Option<i64>,
    #[serde(default)]
    pub rem_sleep_duration: Option<i64>,
    #[serde(default)]
    pub restless_periods: Option<i64>,
    /// One character per 5 min: 1 = deep, 2 = light, 3 = REM, 4 = awake.
    #[serde(default)]
    pub sleep_phase_5_min: Option<String>,
    #[serde(default)]
    pub sleep_score_delta: Option<i64>,
    #[serde(default)]
    pub sleep_algorithm_version: Option<SleepAlgorithmVersion>,
    #[serde(default)]
    pub sleep_analysis_reason: Option<SleepAnalysisReason>,
    pub time_in_bed: i64,
    #[serde(default)]
    pub total_sleep_duration: Option<i64>,
    #[serde(rename = "type")]
    pub kind: SleepType,
}

/// The readiness computed from a sleep period (`ReadinessSummary`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReadinessSummary {
    pub contributors: ReadinessContributors,
    #[serde(default)]
    pub score: Option<i64>,
    #[serde(default)]
    pub temperature_deviation: Option<f64>,
    #[serde(default)]
    pub temperature_trend_deviation: Option<f64>,
}

oura_enum! {
    /// `SleepAlgorithmVersion`.
    SleepAlgorithmVersion { V1 = "v1", V2 = "v2" }
}

oura_enum! {
    /// Why the sleep was (re)analysed (`SleepAnalysisReason`).
    SleepAnalysisReason {
        ForegroundSleepAnalysis = "foreground_sleep_analysis",
        BedtimeEdit = "bedtime_edit",
    }
}

oura_enum! {
    /// Kind of sleep period (`SleepType`).
    SleepType {
        Deleted = "deleted",
        Sleep = "sleep",
        LongSleep = "long_sleep",
        LateNap = "late_nap",
        Rest = "rest",
    }
}
