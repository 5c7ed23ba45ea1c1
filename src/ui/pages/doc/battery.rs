//! `ring_battery_level` rows (`PublicRingBatteryLevelRow`) as the battery page (and
//! Today, through [`last_level`]) read them. `charging` and `in_charger` are optional
//! and nullable in 1.41: `None` means unknown, never "not charging".

use super::{int, object, opt_time, time, Unreadable};
use crate::oura::models::Timestamp;
use serde_json::Value;

/// One battery reading.
#[derive(Clone, Debug, PartialEq)]
pub struct Battery {
    pub at: Timestamp,
    /// Percent as Oura sends it (0–100).
    pub level: i64,
    pub charging: Option<bool>,
    pub in_charger: Option<bool>,
}

impl Battery {
    /// On the charger (charging, or in the charger): `None` when neither is known.
    pub fn on_charger(&self) -> Option<bool> {
        match (self.charging, self.in_charger) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (None, None) => None,
            _ => Some(false),
        }
    }
}

fn flag(d: &Value, k: &str) -> Option<bool> {
    d.get(k)?.as_bool()
}

/// A row as the page shows it: `timestamp` and `level` are required.
pub fn battery(d: &Value) -> Result<Battery, Unreadable> {
    let d = object(d)?;
    Ok(Battery {
        at: time(d, "timestamp")?,
        level: int(d, "level")?,
        charging: flag(d, "charging"),
        in_charger: flag(d, "in_charger"),
    })
}

/// The instant (Unix ms) of a row, if readable (which local day it belongs to).
pub fn row_ms(d: &Value) -> Option<i64> {
    opt_time(d, "timestamp").map(|t| t.timestamp_millis())
}

/// The latest reading among `docs` before the instant `until_ms` (Unix ms), if given:
/// its time, level and `charging` (unreadable rows are skipped). Small and free of page
/// code: Today uses it.
pub fn last_level(docs: &[Value], until_ms: Option<i64>) -> Option<(Timestamp, i64, Option<bool>)> {
    docs.iter()
        .filter_map(|d| Some((opt_time(d, "timestamp")?, d.get("level")?.as_i64()?, d)))
        .filter(|(t, _, _)| until_ms.is_none_or(|u| t.timestamp_millis() < u))
        .max_by_key(|(t, _, _)| *t)
        .map(|(t, level, d)| (t, level, flag(d, "charging")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn absent_and_null_flags_are_unknown() {
        let b = battery(
            &json!({"level": 84, "timestamp": "2026-11-15T03:00:00+00:00", "timestamp_unix": 1}),
        )
        .unwrap();
        assert_eq!((b.level, b.charging, b.in_charger), (84, None, None));
        assert_eq!(b.on_charger(), None);
        let b = battery(&json!({"level": 84, "timestamp": "2026-11-15T03:00:00+00:00", "charging": null, "in_charger": false}))
            .unwrap();
        assert_eq!(b.on_charger(), Some(false));
        let b = battery(&json!({"level": 100, "timestamp": "2026-11-15T03:00:00+00:00", "charging": false, "in_charger": true}))
            .unwrap();
        assert_eq!(b.on_charger(), Some(true), "full, still in the charger");
        assert!(battery(&json!({"timestamp": "2026-11-15T03:00:00+00:00"})).is_err());
        assert!(
            battery(&json!({"level": 55.5, "timestamp": "2026-11-15T03:00:00+00:00"})).is_err()
        );
        assert!(battery(&json!({"level": 5})).is_err());
        assert!(battery(&json!("x")).is_err());
    }

    #[test]
    fn the_last_level_is_the_latest_readable_row() {
        let docs = [
            json!({"level": 60, "timestamp": "2026-11-15T10:00:00+00:00", "charging": true}),
            json!({"level": 58, "timestamp": "2026-11-15T09:30:00+00:00"}),
            json!({"level": "x", "timestamp": "2026-11-15T11:00:00+00:00"}),
            json!({"level": 61, "timestamp": "2026-11-15T18:55:00+09:00"}),
        ];
        let (t, level, charging) = last_level(&docs, None).unwrap();
        assert_eq!((level, charging), (60, Some(true)));
        assert_eq!(t.timestamp_millis() % 1000, 0);
        assert_eq!(last_level(&[], None), None);
        // The end of 2026-11-15 at +09:00 is 15:00 UTC.
        let end_15 = Some(1_794_754_800_000);
        let next = json!({"level": 90, "timestamp": "2026-11-15T15:30:00+00:00"});
        let with_next = [docs[0].clone(), next];
        assert_eq!(
            last_level(&with_next, end_15).map(|l| l.1),
            Some(60),
            "a reading of the next local day is not 'last known' on this one"
        );
        assert_eq!(last_level(&with_next, None).map(|l| l.1), Some(90));
        assert_eq!(last_level(&with_next, Some(0)), None);
    }
}
