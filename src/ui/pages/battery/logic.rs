//! What the battery day card and trend show, from the day's rows (pure, tested
//! natively).

use super::super::doc::battery::{battery, Battery};
use super::super::doc::Unreadable;
use super::super::local_day;
use crate::ui::charts::battery::{charge_spans, Level};
use chrono::NaiveDate;
use serde_json::Value;
use std::collections::BTreeMap;

/// A day's readings.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct BatteryDay {
    /// In time order.
    pub readings: Vec<Battery>,
    pub unreadable: Vec<Unreadable>,
}

impl BatteryDay {
    pub fn read(docs: &[Value]) -> BatteryDay {
        let mut out = BatteryDay::default();
        for d in docs {
            match battery(d) {
                Ok(b) => out.readings.push(b),
                Err(e) => out.unreadable.push(e),
            }
        }
        out.readings.sort_by_key(|b| b.at);
        out
    }

    pub fn last(&self) -> Option<&Battery> {
        self.readings.last()
    }

    /// The lowest reading (the first one if several).
    pub fn lowest(&self) -> Option<&Battery> {
        self.readings
            .iter()
            .reduce(|a, b| if b.level < a.level { b } else { a })
    }

    /// The readings as chart points.
    pub fn levels(&self) -> Vec<Level> {
        self.readings
            .iter()
            .map(|b| {
                (
                    b.at.timestamp_millis() as f64,
                    b.level as f64,
                    b.on_charger(),
                )
            })
            .collect()
    }

    /// Time on the charger (ms) until `end` (Unix ms): `None` when no reading says
    /// whether the ring was charging (absent is unknown, not "no").
    pub fn charging_ms(&self, end: f64) -> Option<f64> {
        if self.readings.iter().all(|b| b.on_charger().is_none()) {
            return None;
        }
        Some(
            charge_spans(&self.levels(), end)
                .iter()
                .map(|(a, b)| b - a)
                .sum(),
        )
    }
}

/// The lowest level of each local day of `first..=last` at `offset_s`.
pub fn daily_min(
    docs: &[Value],
    offset_s: i32,
    (first, last): (NaiveDate, NaiveDate),
) -> BTreeMap<NaiveDate, f64> {
    let mut out: BTreeMap<NaiveDate, f64> = BTreeMap::new();
    for b in docs.iter().filter_map(|d| battery(d).ok()) {
        let Some(day) = local_day::day_of(b.at.timestamp_millis(), offset_s) else {
            continue;
        };
        if day < first || day > last {
            continue;
        }
        let v = b.level as f64;
        out.entry(day).and_modify(|m| *m = m.min(v)).or_insert(v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row(level: i64, t: &str, extra: Value) -> Value {
        let mut v = json!({"level": level, "timestamp": t});
        if let (Some(o), Some(x)) = (v.as_object_mut(), extra.as_object()) {
            o.extend(x.clone());
        }
        v
    }

    #[test]
    fn a_day_of_readings() {
        let docs = vec![
            row(
                40,
                "2026-11-15T12:00:00+00:00",
                json!({"charging": true, "in_charger": true}),
            ),
            row(35, "2026-11-15T11:00:00+00:00", json!({})),
            row(
                80,
                "2026-11-15T13:00:00+00:00",
                json!({"charging": false, "in_charger": false}),
            ),
            row(35, "2026-11-15T11:30:00+00:00", json!({"charging": null})),
            json!({"level": "full", "timestamp": "2026-11-15T14:00:00+00:00"}),
        ];
        let d = BatteryDay::read(&docs);
        assert_eq!(d.readings.len(), 4);
        assert_eq!(d.unreadable.len(), 1);
        assert_eq!(d.last().map(|b| b.level), Some(80));
        let low = d.lowest().unwrap();
        assert_eq!(
            (low.level, low.at.timestamp_millis() % 86_400_000),
            (35, 11 * 3_600_000)
        );
        assert_eq!(d.charging_ms(f64::MAX), Some(3_600_000.0), "12:00 to 13:00");
    }

    #[test]
    fn unknown_charging_is_not_zero() {
        let d = BatteryDay::read(&[row(50, "2026-11-15T12:00:00+00:00", json!({}))]);
        assert_eq!(d.charging_ms(f64::MAX), None);
        let d = BatteryDay::read(&[row(
            50,
            "2026-11-15T12:00:00+00:00",
            json!({"charging": false}),
        )]);
        assert_eq!(d.charging_ms(f64::MAX), Some(0.0));
        assert_eq!(BatteryDay::read(&[]).last(), None);
    }

    #[test]
    fn the_lowest_level_of_each_local_day() {
        let docs = vec![
            row(50, "2026-11-14T14:00:00+00:00", json!({})), // 14 Nov 23:00 at +09:00
            row(45, "2026-11-14T16:00:00+00:00", json!({})), // 15 Nov 01:00
            row(30, "2026-11-15T10:00:00+00:00", json!({})), // 15 Nov 19:00
            row(20, "2026-11-15T16:00:00+00:00", json!({})), // 16 Nov 01:00
        ];
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let m = daily_min(&docs, 9 * 3600, (d("2026-11-14"), d("2026-11-15")));
        assert_eq!(m.get(&d("2026-11-14")), Some(&50.0));
        assert_eq!(m.get(&d("2026-11-15")), Some(&30.0));
        assert_eq!(m.len(), 2);
    }
}
