//! `ring_configuration` documents (OpenAPI 1.41).

use serde::{Deserialize, Serialize};

use super::common::Timestamp;

/// One ring the account has used (`PublicRingConfiguration`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicRingConfiguration {
    pub id: String,
    #[serde(default)]
    pub color: Option<PublicRingColor>,
    #[serde(default)]
    pub design: Option<PublicRingDesign>,
    #[serde(default)]
    pub firmware_version: Option<String>,
    #[serde(default)]
    pub hardware_type: Option<PublicRingHardwareType>,
    #[serde(default)]
    pub set_up_at: Option<Timestamp>,
    /// US ring size.
    #[serde(default)]
    pub size: Option<i64>,
}

oura_enum! {
    /// `PublicRingColor`.
    PublicRingColor {
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
        Cloud = "cloud",
        Petal = "petal",
        Midnight = "midnight",
        Tide = "tide",
        DeepRose = "deep_rose",
    }
}

oura_enum! {
    /// `PublicRingDesign`.
    PublicRingDesign {
        Heritage = "heritage",
        Balance = "balance",
        BalanceDiamond = "balance_diamond",
        Horizon = "horizon",
        Ceramic = "ceramic",
    }
}

oura_enum! {
    /// `PublicRingHardwareType`.
    PublicRingHardwareType {
        Gen1 = "gen1",
        Gen2 = "gen2",
        Gen2m = "gen2m",
        Gen3 = "gen3",
        Gen4 = "gen4",
        Or5 = "or5",
    }
}
