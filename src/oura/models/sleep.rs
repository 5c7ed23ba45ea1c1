//! `daily_sleep` and `sleep` documents (OpenAPI 1.41).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::common::{PublicSample, Timestamp};
use super::readiness::PublicReadinessContributors;

/// One day's sleep score (`PublicDailySleep`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicDailySleep {
    pub id: String,
    pub contributors: PublicSleepContributors,
    pub day: NaiveDate,
    #[serde(default)]
    pub score: Option<i64>,
    pub timestamp: Timestamp,
}

/// Sleep score contributors, 1–100 each (`PublicSleepContributors`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PublicSleepContributors {
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

/// One sleep period (`PublicModifiedSleepModel`). Durations are in seconds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicModifiedSleepModel {
    pub id: String,
    /// Breaths per minute.
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
    pub heart_rate: Option<PublicSample>,
    #[serde(default)]
    pub hrv: Option<PublicSample>,
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
    pub readiness: Option<PublicReadiness>,
    #[serde(default)]
    pub readiness_score_delta: Option<i64>,
    #[serde(default)]
    pub rem_sleep_duration: Option<i64>,
    #[serde(default)]
    pub restless_periods: Option<i64>,
    /// One character per 30 s: 1 = deep, 2 = light, 3 = REM, 4 = awake (since 1.41).
    #[serde(default)]
    pub sleep_phase_30_sec: Option<String>,
    /// One character per 5 min: 1 = deep, 2 = light, 3 = REM, 4 = awake.
    #[serde(default)]
    pub sleep_phase_5_min: Option<String>,
    #[serde(default)]
    pub sleep_score_delta: Option<i64>,
    #[serde(default)]
    pub sleep_algorithm_version: Option<PublicSleepAlgorithmVersion>,
    #[serde(default)]
    pub sleep_analysis_reason: Option<PublicSleepAnalysisReason>,
    pub time_in_bed: i64,
    #[serde(default)]
    pub total_sleep_duration: Option<i64>,
    /// `None` when Oura sends `null` (allowed since 1.41).
    #[serde(rename = "type", default)]
    pub kind: Option<PublicSleepType>,
    /// The ring that recorded the period (since 1.41).
    #[serde(default)]
    pub ring_id: Option<String>,
    /// The phases as the Oura app shows them, one character per 5 min (since 1.41).
    #[serde(default)]
    pub app_sleep_phase_5_min: Option<String>,
}

/// The readiness computed from a sleep period (`PublicReadiness`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicReadiness {
    pub contributors: PublicReadinessContributors,
    #[serde(default)]
    pub score: Option<i64>,
    #[serde(default)]
    pub temperature_deviation: Option<f64>,
    #[serde(default)]
    pub temperature_trend_deviation: Option<f64>,
}

oura_enum! {
    /// `PublicSleepAlgorithmVersion`.
    PublicSleepAlgorithmVersion { V1 = "v1", V2 = "v2" }
}

oura_enum! {
    /// Why the sleep was (re)analysed (`PublicSleepAnalysisReason`).
    PublicSleepAnalysisReason {
        ForegroundSleepAnalysis = "foreground_sleep_analysis",
        BedtimeEdit = "bedtime_edit",
        BackgroundSleepAnalysis = "background_sleep_analysis",
        BackgroundCreatedForegroundUpdated = "background_created_foreground_updated",
    }
}

oura_enum! {
    /// Kind of sleep period (`PublicSleepType`).
    PublicSleepType {
        Deleted = "deleted",
        Sleep = "sleep",
        LongSleep = "long_sleep",
        LateNap = "late_nap",
        Rest = "rest",
    }
}
