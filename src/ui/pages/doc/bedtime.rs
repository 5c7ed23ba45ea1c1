//! `sleep_time` documents (bedtime guidance, `PublicSleepTime`).

use super::checked;
use super::Unreadable;
use crate::oura::models::{PublicSleepTimeRecommendation, PublicSleepTimeStatus};
use chrono::NaiveDate;
use serde_json::Value;

/// The optimal bedtime window: seconds from local midnight at the start of `day`
/// (negative: the evening before), `day_tz` the UTC offset of that day in seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub day_tz: i64,
    pub start_offset: i64,
    pub end_offset: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Bedtime {
    pub day: NaiveDate,
    pub window: Option<Window>,
    pub recommendation: Option<PublicSleepTimeRecommendation>,
    pub status: Option<PublicSleepTimeStatus>,
}

pub fn bedtime(d: &Value) -> Result<Bedtime, Unreadable> {
    let d = super::object(d)?;
    let window = match checked::object(d, "optimal_bedtime")? {
        None => None,
        Some(w) => {
            let need = |k: &str| {
                checked::int(w, k)?.ok_or_else(|| Unreadable::Field(format!("optimal_bedtime.{k}")))
            };
            Some(Window {
                day_tz: need("day_tz")?,
                start_offset: need("start_offset")?,
                end_offset: need("end_offset")?,
            })
        }
    };
    Ok(Bedtime {
        day: checked::day(d)?,
        window,
        recommendation: checked::code(d, "recommendation")?,
        status: checked::code(d, "status")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn absent_null_and_unknown_values() {
        let b = bedtime(&json!({"id": "a", "day": "2026-11-15", "optimal_bedtime": null})).unwrap();
        assert_eq!((b.window, b.recommendation, b.status), (None, None, None));
        let b = bedtime(&json!({"id": "a", "day": "2026-10-22",
            "optimal_bedtime": {"day_tz": 32400, "end_offset": 2700, "start_offset": -900},
            "recommendation": "go_to_the_moon", "status": "optimal_found"}))
        .unwrap();
        assert_eq!(
            b.window,
            Some(Window {
                day_tz: 32400,
                start_offset: -900,
                end_offset: 2700
            })
        );
        assert_eq!(
            b.recommendation,
            Some(PublicSleepTimeRecommendation::Other(
                "go_to_the_moon".into()
            ))
        );
        assert_eq!(b.status, Some(PublicSleepTimeStatus::OptimalFound));
        assert!(bedtime(&json!({"day": "2026-10-22", "optimal_bedtime": {"day_tz": 0}})).is_err());
    }
}
