//! `rest_mode_period` documents.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::common::Timestamp;

/// One rest-mode period (`RestModePeriodModel`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RestModePeriodModel {
    pub id: String,
    #[serde(default)]
    pub end_day: Option<NaiveDate>,
    #[serde(default)]
    pub end_time: Option<Timestamp>,
    pub episodes: Vec<RestModeEpisode>,
    pub start_day: NaiveDate,
    #[serde(default)]
    pub start_time: Option<Timestamp>,
}

/// One episode of a rest-mode period (`RestModeEpisode`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RestModeEpisode {
    pub tags: Vec<String>,
    pub timestamp: Timestamp,
}
