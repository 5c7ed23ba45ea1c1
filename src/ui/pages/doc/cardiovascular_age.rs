//! `daily_cardiovascular_age` documents (`PublicDailyCardiovascularAge`; keyed by day,
//! no `id` before 1.41).

use super::checked;
use super::Unreadable;
use chrono::NaiveDate;
use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
pub struct CardiovascularAge {
    pub day: NaiveDate,
    /// Years (18–100).
    pub vascular_age: Option<i64>,
    /// Metres per second.
    pub pulse_wave_velocity: Option<f64>,
}

pub fn cardiovascular_age(d: &Value) -> Result<CardiovascularAge, Unreadable> {
    let d = super::object(d)?;
    Ok(CardiovascularAge {
        day: checked::day(d)?,
        vascular_age: checked::int(d, "vascular_age")?,
        pulse_wave_velocity: checked::num(d, "pulse_wave_velocity")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn absent_and_null_fields() {
        let c = cardiovascular_age(&json!({"day": "2026-11-15"})).unwrap();
        assert_eq!((c.vascular_age, c.pulse_wave_velocity), (None, None));
        let c = cardiovascular_age(
            &json!({"day": "2026-11-15", "vascular_age": 36, "pulse_wave_velocity": null}),
        )
        .unwrap();
        assert_eq!(c.vascular_age, Some(36));
        assert!(cardiovascular_age(&json!({"day": "2026-11-15", "vascular_age": "old"})).is_err());
    }
}
