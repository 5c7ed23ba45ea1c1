//! `daily_spo2` documents (`PublicDailySpO2`).

use super::checked;
use super::Unreadable;
use chrono::NaiveDate;
use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
pub struct Spo2 {
    pub day: NaiveDate,
    /// `spo2_percentage.average` (percent); `None` when the aggregate is null.
    pub average: Option<f64>,
    pub breathing_disturbance_index: Option<i64>,
}

pub fn spo2(d: &Value) -> Result<Spo2, Unreadable> {
    let d = super::object(d)?;
    let pct = checked::object(d, "spo2_percentage")?;
    Ok(Spo2 {
        day: checked::day(d)?,
        average: pct.map_or(Ok(None), |p| checked::num(p, "average"))?,
        breathing_disturbance_index: checked::int(d, "breathing_disturbance_index")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn absent_and_null_fields() {
        let s = spo2(&json!({"id": "a", "day": "2026-11-15", "spo2_percentage": null})).unwrap();
        assert_eq!((s.average, s.breathing_disturbance_index), (None, None));
        let s = spo2(&json!({"id": "a", "day": "2026-11-15",
            "spo2_percentage": {"average": 95.265}, "breathing_disturbance_index": 4}))
        .unwrap();
        assert_eq!(s.average, Some(95.265));
        assert_eq!(s.breathing_disturbance_index, Some(4));
        assert!(spo2(&json!({"day": "2026-11-15", "spo2_percentage": 97})).is_err());
    }
}
