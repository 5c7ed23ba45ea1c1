//! `workout` documents (OpenAPI 1.41).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::common::Timestamp;

/// One workout (`PublicWorkout`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicWorkout {
    pub id: String,
    /// Activity code, e.g. `walking`, `cycling` (open-ended).
    pub activity: String,
    /// Kilocalories.
    #[serde(default)]
    pub calories: Option<f64>,
    pub day: NaiveDate,
    /// Metres.
    #[serde(default)]
    pub distance: Option<f64>,
    pub end_datetime: Timestamp,
    pub intensity: PublicWorkoutIntensity,
    #[serde(default)]
    pub label: Option<String>,
    pub source: PublicWorkoutSource,
    pub start_datetime: Timestamp,
}

oura_enum! {
    /// `PublicWorkoutIntensity`.
    PublicWorkoutIntensity { Easy = "easy", Moderate = "moderate", Hard = "hard" }
}

oura_enum! {
    /// How the workout was recorded (`PublicWorkoutSource`).
    PublicWorkoutSource {
        Manual = "manual",
        Autodetected = "autodetected",
        Confirmed = "confirmed",
        WorkoutHeartRate = "workout_heart_rate",
        LiveThirdPartyHeartRate = "live_third_party_heart_rate",
        LiveOuraHeartRate = "live_oura_heart_rate",
    }
}
