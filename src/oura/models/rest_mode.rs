//! `rest_mode_period` documents (OpenAPI 1.41).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::common::Timestamp;

/// One rest-mode period (`PublicRestModePeriod`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicRestModePeriod {
    pub id: String,
    #[serde(default)]
    pub end_day: Option<NaiveDate>,
    #[serde(default)]
    pub end_time: Option<Timestamp>,
    pub episodes: Vec<PublicRestModeEpisode>,
    pub start_day: NaiveDate,
    #[serde(default)]
    pub start_time: Option<Timestamp>,
}

/// One episode of a rest-mode period (`PublicRestModeEpisode`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicRestModeEpisode {
    pub tags: Vec<String>,
    pub timestamp: Timestamp,
}
