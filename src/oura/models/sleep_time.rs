//! `sleep_time` documents (bedtime guidance; OpenAPI 1.41).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Suggested bedtime for a day (`PublicSleepTime`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicSleepTime {
    pub id: String,
    pub day: NaiveDate,
    #[serde(default)]
    pub optimal_bedtime: Option<PublicSleepTimeWindow>,
    #[serde(default)]
    pub recommendation: Option<PublicSleepTimeRecommendation>,
    #[serde(default)]
    pub status: Option<PublicSleepTimeStatus>,
}

/// Bedtime window (`PublicSleepTimeWindow`): offsets in seconds from local midnight of
/// `day`, `day_tz` the wearer's UTC offset in seconds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicSleepTimeWindow {
    pub day_tz: i64,
    pub end_offset: i64,
    pub start_offset: i64,
}

oura_enum! {
    /// `PublicSleepTimeRecommendation`.
    PublicSleepTimeRecommendation {
        ImproveEfficiency = "improve_efficiency",
        EarlierBedtime = "earlier_bedtime",
        LaterBedtime = "later_bedtime",
        EarlierWakeUpTime = "earlier_wake_up_time",
        LaterWakeUpTime = "later_wake_up_time",
        FollowOptimalBedtime = "follow_optimal_bedtime",
    }
}

oura_enum! {
    /// `PublicSleepTimeStatus`.
    PublicSleepTimeStatus {
        NotEnoughNights = "not_enough_nights",
        NotEnoughRecentNights = "not_enough_recent_nights",
        BadSleepQuality = "bad_sleep_quality",
        OnlyRecommendedFound = "only_recommended_found",
        OptimalFound = "optimal_found",
    }
}
