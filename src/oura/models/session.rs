//! `session` documents (guided and unguided moments; OpenAPI 1.41).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::common::{PublicSample, Timestamp};

/// One session (`PublicSession`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicSession {
    pub id: String,
    pub day: NaiveDate,
    pub start_datetime: Timestamp,
    pub end_datetime: Timestamp,
    #[serde(rename = "type")]
    pub kind: PublicMomentType,
    #[serde(default)]
    pub heart_rate: Option<PublicSample>,
    #[serde(default)]
    pub heart_rate_variability: Option<PublicSample>,
    #[serde(default)]
    pub mood: Option<PublicMomentMood>,
    #[serde(default)]
    pub motion_count: Option<PublicSample>,
}

oura_enum! {
    /// `PublicMomentType`.
    PublicMomentType {
        Breathing = "breathing",
        Meditation = "meditation",
        Nap = "nap",
        Relaxation = "relaxation",
        Rest = "rest",
        BodyStatus = "body_status",
    }
}

oura_enum! {
    /// `PublicMomentMood`.
    PublicMomentMood { Bad = "bad", Worse = "worse", Same = "same", Good = "good", Great = "great" }
}
