//! `daily_stress` documents as the stress page shows them (`PublicDailyStress`).

use super::checked;
use super::Unreadable;
use crate::oura::models::PublicDailyStressSummary;
use chrono::NaiveDate;
use serde_json::Value;

/// One day's stress. Times in seconds; there is no stress score.
#[derive(Clone, Debug, PartialEq)]
pub struct Stress {
    pub day: NaiveDate,
    pub stress_high: Option<i64>,
    pub recovery_high: Option<i64>,
    pub day_summary: Option<PublicDailyStressSummary>,
}

pub fn stress(d: &Value) -> Result<Stress, Unreadable> {
    let d = super::object(d)?;
    Ok(Stress {
        day: checked::day(d)?,
        stress_high: checked::int(d, "stress_high")?,
        recovery_high: checked::int(d, "recovery_high")?,
        day_summary: checked::code(d, "day_summary")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn absent_null_and_unknown_values() {
        let s = stress(&json!({"id": "a", "day": "2026-11-15"})).unwrap();
        assert_eq!(
            (s.stress_high, s.recovery_high, s.day_summary),
            (None, None, None)
        );
        let s = stress(&json!({"id": "a", "day": "2026-11-15", "stress_high": 1800,
            "recovery_high": null, "day_summary": "calm"}))
        .unwrap();
        assert_eq!(s.stress_high, Some(1800));
        assert_eq!(s.recovery_high, None);
        assert_eq!(
            s.day_summary,
            Some(PublicDailyStressSummary::Other("calm".into()))
        );
        assert!(stress(&json!({"day": "2026-11-15", "stress_high": "long"})).is_err());
        assert!(stress(&json!({"stress_high": 1})).is_err(), "no day");
        assert!(stress(&json!("x")).is_err());
    }
}
