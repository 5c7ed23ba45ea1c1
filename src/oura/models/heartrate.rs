//! `heartrate` samples (OpenAPI 1.41).

use serde::{Deserialize, Serialize};

use super::common::{TimeSeriesResponse, Timestamp};

/// One heart-rate sample (`PublicHeartRateRow`); no `id`: keyed by timestamp and source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicHeartRateRow {
    /// UTC.
    pub timestamp: Timestamp,
    /// The same instant as unix time in milliseconds. Required by 1.41, but absent
    /// from samples Oura sent before it (the recorded 2024 responses): optional here.
    #[serde(
        default,
        deserialize_with = "super::common::present",
        skip_serializing_if = "Option::is_none"
    )]
    pub timestamp_unix: Option<i64>,
    pub bpm: i64,
    pub source: PublicHeartRateSource,
}

/// A page of heartrate samples.
pub type HeartRateResponse = TimeSeriesResponse<PublicHeartRateRow>;

oura_enum! {
    /// `PublicHeartRateSource`.
    PublicHeartRateSource {
        Awake = "awake",
        Workout = "workout",
        Rest = "rest",
        Sleep = "sleep",
        Live = "live",
        Session = "session",
    }
}
