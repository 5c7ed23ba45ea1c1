//! `ring_configuration` documents.

use serde::{Deserialize, Serialize};

use super::common::Timestamp;

/// One ring the account has used (`RingConfigurationModel`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RingConfigurationModel {
    pub id: String,
    #[serde(default)]
    pub color: Option<RingColor>,
    #[serde(default)]
    pub design: Option<RingDesign>,
    #[serde(default)]
    pub firmware_version: Option<String>,
    #[serde(default)]
    pub hardware_type: Option<RingHardwareType>,
    #[serde(default)]
    pub set_up_at: Option<Timestamp>,
    /// US ring size.
    #[serde(default)]
    pub size: Option<i64>,
}

oura_enum! {
    /// `RingColor`.
    RingColor {
        BrushedSilver = "brushed_silver",
        GlossyBlack = "glossy_black",
        GlossyGold = "glossy_gold",
        GlossyWhite = "glossy_white",
        Gucci = "gucci",
        MattGold = "matt_gold",
        Rose = "rose",
        Silver = "silver",
        StealthBlack = "stealth_black",
        Titanium = "titanium",
        TitaniumAndGold = "titanium_and_gold",
    }
}

oura_enum! {
    /// `RingDesign`.
    RingDesign {
        Balance = "balance",
        BalanceDiamond = "balance_diamond",
        Heritage = "heritage",
        Horizon = "horizon",
    }
}

oura_enum! {
    /// `RingHardwareType`.
    RingHardwareType { Gen1 = "gen1", Gen2 = "gen2", Gen2m = "gen2m", Gen3 = "gen3", Gen4 = "gen4" }
}
