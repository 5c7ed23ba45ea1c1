//! `tag` (legacy) and `enhanced_tag` documents (OpenAPI 1.41).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::common::Timestamp;

/// A legacy tag note (`TagModel`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TagModel {
    pub id: String,
    pub day: NaiveDate,
    #[serde(default)]
    pub text: Option<String>,
    pub timestamp: Timestamp,
    pub tags: Vec<String>,
}

/// A tag with a type code and an optional end (`EnhancedTagModel`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnhancedTagModel {
    pub id: String,
    /// e.g. `tag_generic_fasting` (open-ended).
    #[serde(default)]
    pub tag_type_code: Option<String>,
    pub start_time: Timestamp,
    #[serde(default)]
    pub end_time: Option<Timestamp>,
    pub start_day: NaiveDate,
    #[serde(default)]
    pub end_day: Option<NaiveDate>,
    #[serde(default)]
    pub comment: Option<String>,
    #[serde(default)]
    pub custom_name: Option<String>,
}
