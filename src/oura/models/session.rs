//! `session` documents (guided and unguided moments).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::common::{SampleModel, Timestamp};

/// One session (`SessionModel`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionModel {
    pub id: String,
    pub day: NaiveDate,
    pub start_datetime: Timestamp,
    pub end_datetime: Timestamp,
    #[serde(rename = "type")]
    pub kind: MomentType,
    #[serde(default)]
    pub heart_rate: Option<SampleModel>,
    #[serde(default)]
    pub heart_rate_variability: Option<SampleModel>,
    #[serde(default)]
    pub mood: Option<MomentMood>,
    #[serde(default)]
    pub motion_count: Option<SampleModel>,
}

oura_enum! {
    /// `MomentType`.
    MomentType {
        Breathing = "breathing",
        Meditation = "meditation",
        Nap = "nap",
        Relaxation = "relaxation",
        Rest = "rest",
        BodyStatus = "body_status",
    }
}

oura_enum! {
    /// `MomentMood`.
    MomentMood { Bad = "bad", Worse = "worse", Same = "same", Good = "good", Great = "great" }
}
