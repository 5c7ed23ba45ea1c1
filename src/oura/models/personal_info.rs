//! `personal_info` (a single object, not a list; OpenAPI 1.41).

use serde::{Deserialize, Serialize};

/// The account's personal info (`PersonalInfoResponse`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonalInfoResponse {
    pub id: String,
    #[serde(default)]
    pub age: Option<i64>,
    /// Kilograms.
    #[serde(default)]
    pub weight: Option<f64>,
    /// Metres.
    #[serde(default)]
    pub height: Option<f64>,
    #[serde(default)]
    pub biological_sex: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}
