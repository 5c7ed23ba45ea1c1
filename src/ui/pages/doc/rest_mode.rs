//! `rest_mode_period` documents (`PublicRestModePeriod`) as the views show them.

use super::tags::strings;
use super::{bad, object, opt_str, opt_time, time, Unreadable};
use crate::oura::models::{parse_day, Timestamp};
use chrono::NaiveDate;
use serde_json::Value;

/// One episode: when, and the tags chosen (codes as Oura spells them).
#[derive(Clone, Debug, PartialEq)]
pub struct Episode {
    pub at: Timestamp,
    pub tags: Vec<String>,
}

/// One rest-mode period.
#[derive(Clone, Debug, PartialEq)]
pub struct RestPeriod {
    pub start_day: NaiveDate,
    /// `None`: still on (ongoing).
    pub end_day: Option<NaiveDate>,
    pub start: Option<Timestamp>,
    pub end: Option<Timestamp>,
    /// In time order.
    pub episodes: Vec<Episode>,
}

impl RestPeriod {
    /// No end yet.
    pub fn ongoing(&self) -> bool {
        self.end_day.is_none()
    }

    /// Whether rest mode was on during `day` (an ongoing period: every day from its
    /// start on).
    pub fn on(&self, day: NaiveDate) -> bool {
        self.start_day <= day && self.end_day.is_none_or(|e| day <= e)
    }
}

fn day_field(d: &Value, k: &str) -> Option<NaiveDate> {
    parse_day(opt_str(d, k)?)
}

/// Reads a `rest_mode_period` document.
pub fn rest_period(d: &Value) -> Result<RestPeriod, Unreadable> {
    let d = object(d)?;
    let end = opt_time(d, "end_time");
    let mut episodes = d
        .get("episodes")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("episodes"))?
        .iter()
        .map(|e| {
            Ok(Episode {
                at: time(e, "timestamp")?,
                tags: strings(e, "tags")?,
            })
        })
        .collect::<Result<Vec<_>, Unreadable>>()?;
    episodes.sort_by_key(|e| e.at);
    Ok(RestPeriod {
        start_day: day_field(d, "start_day").ok_or_else(|| bad("start_day"))?,
        end_day: day_field(d, "end_day").or_else(|| end.map(|e| e.date_naive())),
        start: opt_time(d, "start_time"),
        end,
        episodes,
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
    fn an_open_period_is_ongoing_and_on_every_day_since_its_start() {
        let p =
            rest_period(&json!({"id": "r", "start_day": "2026-11-10", "episodes": []})).unwrap();
        assert!(p.ongoing());
        assert_eq!((p.start, p.end), (None, None));
        assert!(p.on(d("2026-11-10")) && p.on(d("2027-01-01")));
        assert!(!p.on(d("2026-11-09")));
    }

    #[test]
    fn a_closed_period_with_episodes_and_unknown_tags() {
        let p = rest_period(&json!({
            "id": "r", "start_day": "2026-11-10", "end_day": "2026-11-12",
            "start_time": "2026-11-10T10:34:46+09:00", "end_time": "2026-11-12T13:33:40+09:00",
            "episodes": [
                {"tags": ["tag_generic_brand_new"], "timestamp": "2026-11-11T11:33:28.000+09:00"},
                {"tags": ["tag_generic_sick"], "timestamp": "2026-11-10T11:33:28.000+09:00"}
            ]
        }))
        .unwrap();
        assert!(!p.ongoing());
        assert!(p.on(d("2026-11-12")) && !p.on(d("2026-11-13")));
        assert_eq!(p.episodes[0].tags, ["tag_generic_sick"], "time order");
        assert_eq!(p.episodes[1].tags, ["tag_generic_brand_new"]);
    }

    #[test]
    fn a_period_that_does_not_fit() {
        assert!(rest_period(&json!({"id": "r", "episodes": []})).is_err());
        assert!(rest_period(&json!({"id": "r", "start_day": "2026-11-10"})).is_err());
        assert!(rest_period(&json!({"id": "r", "start_day": "2026-11-10", "episodes": [{"tags": "x", "timestamp": "2026-11-10T11:33:28+09:00"}]})).is_err());
    }
}
