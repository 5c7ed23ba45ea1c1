//! `vO2_max` documents (`PublicVO2Max`).

use super::checked;
use super::Unreadable;
use crate::oura::models::Timestamp;
use chrono::NaiveDate;
use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
pub struct Vo2Max {
    pub day: NaiveDate,
    /// When the estimate was made (local time with its offset).
    pub timestamp: Option<Timestamp>,
    /// ml/kg/min (an integer since 1.41; older documents had decimals).
    pub vo2_max: Option<f64>,
}

pub fn vo2_max(d: &Value) -> Result<Vo2Max, Unreadable> {
    let d = super::object(d)?;
    Ok(Vo2Max {
        day: checked::day(d)?,
        timestamp: checked::time(d, "timestamp")?,
        vo2_max: checked::num(d, "vo2_max")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn absent_and_present_fields() {
        let v = vo2_max(&json!({"id": "a", "day": "2026-11-10"})).unwrap();
        assert_eq!((v.timestamp, v.vo2_max), (None, None));
        let v = vo2_max(&json!({"id": "a", "day": "2026-11-10",
            "timestamp": "2026-11-10T14:03:00+09:00", "vo2_max": 40}))
        .unwrap();
        assert_eq!(v.vo2_max, Some(40.0));
        assert!(v.timestamp.is_some());
        assert!(vo2_max(&json!({"day": "2026-11-10", "timestamp": "noon"})).is_err());
    }
}
