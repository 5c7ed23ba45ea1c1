//! `ring_battery_level` rows (OpenAPI 1.41).

use serde::{Deserialize, Serialize};

use super::common::Timestamp;

/// One battery reading of the ring (`PublicRingBatteryLevelRow`); no `id`: keyed by
/// its `timestamp` instant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicRingBatteryLevelRow {
    pub timestamp: Timestamp,
    /// The same instant as unix time in milliseconds.
    pub timestamp_unix: i64,
    /// Percent, 0..=100.
    pub level: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charging: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_charger: Option<bool>,
}
