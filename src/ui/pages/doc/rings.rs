//! `ring_configuration` documents (`PublicRingConfiguration`).

use super::checked;
use super::Unreadable;
use crate::oura::models::{PublicRingColor, PublicRingDesign, PublicRingHardwareType, Timestamp};
use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
pub struct Ring {
    pub id: String,
    pub color: Option<PublicRingColor>,
    pub design: Option<PublicRingDesign>,
    pub hardware_type: Option<PublicRingHardwareType>,
    pub firmware_version: Option<String>,
    /// US size.
    pub size: Option<i64>,
    /// `None` when absent, null or Oura's `1970-01-01` "unknown" sentinel.
    pub set_up_at: Option<Timestamp>,
}

pub fn ring(d: &Value) -> Result<Ring, Unreadable> {
    let d = super::object(d)?;
    let set_up_at = checked::time(d, "set_up_at")?.filter(|t| t.timestamp() > 86_400);
    Ok(Ring {
        id: checked::text(d, "id")?.unwrap_or_default().to_owned(),
        color: checked::code(d, "color")?,
        design: checked::code(d, "design")?,
        hardware_type: checked::code(d, "hardware_type")?,
        firmware_version: checked::text(d, "firmware_version")?.map(str::to_owned),
        size: checked::int(d, "size")?,
        set_up_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_sentinel_set_up_date_is_unknown_and_unknown_enums_are_kept() {
        let r = ring(&json!({"id": "r", "set_up_at": "1970-01-01T00:00:00+00:00",
            "color": "aurora", "hardware_type": "or5", "size": null}))
        .unwrap();
        assert_eq!(r.set_up_at, None);
        assert_eq!(r.color, Some(PublicRingColor::Other("aurora".into())));
        assert_eq!(r.hardware_type, Some(PublicRingHardwareType::Or5));
        assert_eq!(r.size, None);
        let r = ring(&json!({"id": "r"})).unwrap();
        assert_eq!((r.color, r.design, r.firmware_version), (None, None, None));
        let r = ring(&json!({"id": "r", "set_up_at": "2026-09-22T13:37:03+00:00"})).unwrap();
        assert!(r.set_up_at.is_some());
        assert!(ring(&json!({"id": "r", "size": "L"})).is_err());
    }
}
