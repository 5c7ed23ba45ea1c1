//! The `personal_info` object (`PersonalInfoResponse`).

use super::checked;
use super::Unreadable;
use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
pub struct PersonalInfo {
    pub age: Option<i64>,
    /// Metres.
    pub height: Option<f64>,
    /// Kilograms.
    pub weight: Option<f64>,
    /// As Oura spells it (`male`, `female`, or anything else).
    pub biological_sex: Option<String>,
    pub email: Option<String>,
}

pub fn personal_info(d: &Value) -> Result<PersonalInfo, Unreadable> {
    let d = super::object(d)?;
    let text = |k: &str| Ok::<_, Unreadable>(checked::text(d, k)?.map(str::to_owned));
    Ok(PersonalInfo {
        age: checked::int(d, "age")?,
        height: checked::num(d, "height")?,
        weight: checked::num(d, "weight")?,
        biological_sex: text("biological_sex")?,
        email: text("email")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_field_is_optional() {
        let p = personal_info(&json!({"id": "p"})).unwrap();
        assert_eq!(
            p,
            PersonalInfo {
                age: None,
                height: None,
                weight: None,
                biological_sex: None,
                email: None
            }
        );
        let p = personal_info(
            &json!({"id": "p", "age": 38, "weight": 71.0, "height": 1.75,
            "biological_sex": "intersex", "email": "a@b.c"}),
        )
        .unwrap();
        assert_eq!(p.weight, Some(71.0));
        assert_eq!(p.biological_sex.as_deref(), Some("intersex"));
        assert!(personal_info(&json!({"id": "p", "height": "tall"})).is_err());
    }
}
