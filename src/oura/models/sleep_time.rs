//! `sleep_time` documents (bedtime guidance).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Suggested bedtime for a day (`SleepTimeModel`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SleepTimeModel {
    pub id: String,
    pub day: NaiveDate,
    #[serde(default)]
    pub optimal_bedtime: Option<SleepTimeWindow>,
    #[serde(default)]
    pub recommendation: Option<SleepTimeRecommendation>,
    #[serde(default)]
    pub status: Option<SleepTimeStatus>,
}

/// Bedtime window (`SleepTimeWindow`): offsets in seconds from local midnight of
/// `day`, `day_tz` the wearer's UTC offset in seconds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SleepTimeWindow {
    pub day_tz: i64,
    pub end_offset: i64,
    pub start_offset: i64,
}

oura_enum! {
    /// `SleepTimeRecommendation`.
    SleepTimeRecommendation {
        ImproveEfficiency = "improve_efficiency",
        EarlierBedtime = "earlier_bedtime",
        LaterBedtime = "later_bedtime",
        EarlierWakeUpTime = "earlier_wake_up_time",
        LaterWakeUpTime = "later_wake_up_time",
        FollowOptimalBedtime = "follow_optimal_bedtime",
    }
}

oura_enum! {
    /// `SleepTimeStatus`.
    SleepTimeStatus {
        NotEnoughNights = "not_enough_nights",
        NotEnoughRecentNights = "not_enough_recent_nights",
        BadSleepQuality = "bad_sleep_quality",
        OnlyRecommendedFound = "only_recommended_found",
        OptimalFound = "optimal_found",
    }
}
