//! `daily_resilience` documents as the resilience page shows them
//! (`DailyResilienceModel`).

use super::checked;
use super::Unreadable;
use crate::oura::models::LongTermResilienceLevel;
use chrono::NaiveDate;
use serde_json::Value;

/// One day's resilience: the level and its three contributors (0–100, floats).
#[derive(Clone, Debug, PartialEq)]
pub struct Resilience {
    pub day: NaiveDate,
    pub level: Option<LongTermResilienceLevel>,
    pub sleep_recovery: Option<f64>,
    pub daytime_recovery: Option<f64>,
    pub stress: Option<f64>,
}

pub fn resilience(d: &Value) -> Result<Resilience, Unreadable> {
    let d = super::object(d)?;
    let c = checked::object(d, "contributors")?;
    let part = |k: &str| c.map_or(Ok(None), |c| checked::num(c, k));
    Ok(Resilience {
        day: checked::day(d)?,
        level: checked::code(d, "level")?,
        sleep_recovery: part("sleep_recovery")?,
        daytime_recovery: part("daytime_recovery")?,
        stress: part("stress")?,
    })
}

/// The level's step on Oura's ordered scale, 1 (limited) to 5 (exceptional); `None`
/// for a value the spec does not list.
pub fn level_step(level: &LongTermResilienceLevel) -> Option<u8> {
    LongTermResilienceLevel::KNOWN
        .iter()
        .position(|k| *k == level.as_str())
        .and_then(|i| u8::try_from(i + 1).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn levels_are_ordered_and_unknown_ones_kept() {
        assert_eq!(level_step(&"limited".into()), Some(1));
        assert_eq!(level_step(&"solid".into()), Some(3));
        assert_eq!(level_step(&"exceptional".into()), Some(5));
        assert_eq!(level_step(&"legendary".into()), None);
    }

    #[test]
    fn absent_null_and_unknown_values() {
        let r = resilience(&json!({"id": "a", "day": "2026-11-15"})).unwrap();
        assert_eq!(r.level, None);
        assert_eq!(r.sleep_recovery, None);
        let r = resilience(
            &json!({"id": "a", "day": "2026-11-15", "level": "legendary",
            "contributors": {"sleep_recovery": 66.3, "daytime_recovery": null, "stress": 34}}),
        )
        .unwrap();
        assert_eq!(
            r.level,
            Some(LongTermResilienceLevel::Other("legendary".into()))
        );
        assert_eq!(r.sleep_recovery, Some(66.3));
        assert_eq!(r.daytime_recovery, None);
        assert_eq!(r.stress, Some(34.0));
        assert!(resilience(&json!({"day": "2026-11-15", "contributors": [1]})).is_err());
        assert!(resilience(&json!({"day": "2026-11-15", "level": 3})).is_err());
    }
}
