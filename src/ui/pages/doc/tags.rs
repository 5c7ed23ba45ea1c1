//! `tag` (`TagModel`, deprecated by Oura) and `enhanced_tag` (`EnhancedTagModel`)
//! documents as the views show them.

use super::workouts::note;
use super::{bad, day, object, opt_time, time, Unreadable};
use crate::oura::models::Timestamp;
use chrono::NaiveDate;
use serde_json::Value;

/// A required array of strings.
pub fn strings(d: &Value, k: &str) -> Result<Vec<String>, Unreadable> {
    d.get(k)
        .and_then(Value::as_array)
        .and_then(|a| {
            a.iter()
                .map(|s| s.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
        })
        .ok_or_else(|| bad(k))
}

/// One legacy tag.
#[derive(Clone, Debug, PartialEq)]
pub struct Tag {
    pub day: NaiveDate,
    pub at: Timestamp,
    /// Tag codes as Oura spells them.
    pub tags: Vec<String>,
    pub text: Option<String>,
}

/// Reads a `tag` document.
pub fn tag(d: &Value) -> Result<Tag, Unreadable> {
    let d = object(d)?;
    Ok(Tag {
        day: day(d).ok_or_else(|| bad("day"))?,
        at: time(d, "timestamp")?,
        tags: strings(d, "tags")?,
        text: note(d, "text"),
    })
}

/// One enhanced tag. Its days are those of its timestamps at their own offset, which
/// is what `start_day` / `end_day` hold (not read: Today shows enhanced tags too, and
/// the first load has no byte to spare).
#[derive(Clone, Debug, PartialEq)]
pub struct EnhancedTag {
    pub start: Timestamp,
    /// `None`: a tag of a moment (no duration).
    pub end: Option<Timestamp>,
    /// `tag_generic_fasting`, `custom`, …; `None` for a text-only tag.
    pub code: Option<String>,
    pub custom_name: Option<String>,
    pub comment: Option<String>,
}

impl EnhancedTag {
    /// The local day it starts.
    pub fn start_day(&self) -> NaiveDate {
        self.start.date_naive()
    }

    /// Whether the tag is on `day` (from its start day to its end day).
    pub fn on(&self, day: NaiveDate) -> bool {
        let end = self.end.map_or(self.start, |e| e.max(self.start));
        self.start_day() <= day && day <= end.date_naive()
    }
}

/// Reads an `enhanced_tag` document.
pub fn enhanced(d: &Value) -> Result<EnhancedTag, Unreadable> {
    let d = object(d)?;
    Ok(EnhancedTag {
        start: time(d, "start_time")?,
        end: opt_time(d, "end_time"),
        code: note(d, "tag_type_code"),
        custom_name: note(d, "custom_name"),
        comment: note(d, "comment"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_tag_without_text_and_with_unknown_codes_reads() {
        let t = tag(&json!({
            "id": "t", "day": "2026-11-12", "timestamp": "2026-11-12T11:32:42+09:00",
            "tags": ["travel", "tag_generic_brand_new"], "text": null
        }))
        .unwrap();
        assert_eq!(t.tags, ["travel", "tag_generic_brand_new"]);
        assert_eq!(t.text, None);
        assert!(tag(&json!({"id": "t", "day": "2026-11-12", "timestamp": "2026-11-12T11:32:42+09:00", "tags": [1]})).is_err());
        assert!(tag(&json!({"id": "t", "day": "2026-11-12", "tags": []})).is_err());
    }

    #[test]
    fn an_enhanced_tag_with_only_its_required_fields_reads() {
        let t = enhanced(&json!({
            "id": "e", "start_time": "2026-11-14T10:50:26+09:00", "start_day": "2026-11-14"
        }))
        .unwrap();
        assert_eq!(
            (t.end, t.code.clone(), t.comment.clone()),
            (None, None, None)
        );
        assert!(t.on(d("2026-11-14")));
        assert!(!t.on(d("2026-11-15")));
        let t = enhanced(&json!({
            "id": "e", "start_time": "2026-11-14T22:00:00+09:00", "start_day": "2026-11-14",
            "end_time": "2026-11-15T01:00:00+09:00", "end_day": null,
            "tag_type_code": "custom", "custom_name": "Cold plunge", "comment": ""
        }))
        .unwrap();
        assert_eq!(t.start_day(), d("2026-11-14"));
        assert!(t.on(d("2026-11-15")));
        assert_eq!(t.comment, None, "an empty comment is no comment");
        assert_eq!(t.custom_name.as_deref(), Some("Cold plunge"));
        assert!(enhanced(&json!({"id": "e", "start_day": "2026-11-14"})).is_err());
        let t = enhanced(&json!({
            "id": "e", "start_time": "2026-11-14T22:00:00+09:00",
            "end_time": "2026-11-14T21:00:00+09:00"
        }))
        .unwrap();
        assert!(
            t.on(d("2026-11-14")) && !t.on(d("2026-11-13")),
            "an end before the start"
        );
    }
}
