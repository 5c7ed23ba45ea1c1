//! Optional fields read strictly, for the daily-metric accessors (stress, resilience,
//! cardiovascular age, SpO2, VO2 max, bedtime, rings, personal info): absent or `null`
//! is `None` (shown as "—"), a value of the wrong type makes the document unreadable
//! (never a silently missing value).

use super::Unreadable;
use serde_json::Value;

fn wrong(k: &str) -> Unreadable {
    Unreadable::Field(k.to_owned())
}

/// The field's value, `None` when absent or `null`.
pub fn present<'a>(d: &'a Value, k: &str) -> Option<&'a Value> {
    d.get(k).filter(|v| !v.is_null())
}

/// An optional integer (a whole number written as `900.0` counts).
pub fn int(d: &Value, k: &str) -> Result<Option<i64>, Unreadable> {
    let Some(v) = present(d, k) else {
        return Ok(None);
    };
    if let Some(i) = v.as_i64() {
        return Ok(Some(i));
    }
    match v.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(Some(f as i64)),
        _ => Err(wrong(k)),
    }
}

/// An optional number.
pub fn num(d: &Value, k: &str) -> Result<Option<f64>, Unreadable> {
    present(d, k)
        .map(|v| v.as_f64().filter(|f| f.is_finite()).ok_or_else(|| wrong(k)))
        .transpose()
}

/// An optional string.
pub fn text<'a>(d: &'a Value, k: &str) -> Result<Option<&'a str>, Unreadable> {
    present(d, k)
        .map(|v| v.as_str().ok_or_else(|| wrong(k)))
        .transpose()
}

/// An optional object.
pub fn object<'a>(d: &'a Value, k: &str) -> Result<Option<&'a Value>, Unreadable> {
    present(d, k)
        .map(|v| if v.is_object() { Ok(v) } else { Err(wrong(k)) })
        .transpose()
}

/// An optional Oura timestamp (RFC 3339 with its offset).
pub fn time(d: &Value, k: &str) -> Result<Option<crate::oura::models::Timestamp>, Unreadable> {
    text(d, k)?
        .map(|s| crate::oura::models::parse_timestamp(s).ok_or_else(|| wrong(k)))
        .transpose()
}

/// An optional string enum of the spec (unknown values kept as spelled).
pub fn code<T: for<'a> From<&'a str>>(d: &Value, k: &str) -> Result<Option<T>, Unreadable> {
    Ok(text(d, k)?.map(T::from))
}

/// The required `day` of a daily document.
pub fn day(d: &Value) -> Result<chrono::NaiveDate, Unreadable> {
    super::day(d).ok_or_else(|| Unreadable::Field("day".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn absent_and_null_are_none_and_a_wrong_type_is_unreadable() {
        let d = json!({"a": 900, "b": 900.0, "c": 1.5, "n": null, "s": "x", "o": {"k": 1}});
        assert_eq!(int(&d, "a"), Ok(Some(900)));
        assert_eq!(int(&d, "b"), Ok(Some(900)), "a whole float is an integer");
        assert!(int(&d, "c").is_err());
        assert!(int(&d, "s").is_err());
        assert_eq!(int(&d, "n"), Ok(None));
        assert_eq!(int(&d, "missing"), Ok(None));
        assert_eq!(num(&d, "c"), Ok(Some(1.5)));
        assert!(num(&d, "s").is_err());
        assert_eq!(text(&d, "s"), Ok(Some("x")));
        assert!(text(&d, "a").is_err());
        assert!(object(&d, "o").unwrap().is_some());
        assert!(object(&d, "s").is_err());
        assert_eq!(object(&d, "n"), Ok(None));
        assert!(time(&d, "s").is_err());
        assert!(day(&d).is_err());
    }
}
