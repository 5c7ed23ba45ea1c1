//! `heartrate` samples.

use serde::{Deserialize, Serialize};

use super::common::{TimeSeriesResponse, Timestamp};

/// One heart-rate sample (`HeartRateModel`); no `id`: keyed by timestamp and source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeartRateModel {
    pub bpm: i64,
    pub source: HeartRateSource,
    pub timestamp: Timestamp,
}

/// A page of heartrate samples.
pub type HeartRateResponse = TimeSeriesResponse<HeartRateModel>;

oura_enum! {
    /// `HeartRateSource`.
    HeartRateSource {
        Awake = "awake",
        Rest = "rest",
        Sleep = "sleep",
        Session = "session",
        Live = "live",
        Workout = "workout",
    }
}
