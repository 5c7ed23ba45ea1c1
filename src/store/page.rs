//! What the store makes of one page of documents before it opens a transaction (pure,
//! tested natively): records to upsert, heartrate samples to pack, documents kept in
//! quarantine, and the keys seen (for mirroring deletions once a window is read to its
//! end).
//!
//! **Quarantine.** A document the store cannot index (no natural key, not an object;
//! a heartrate sample that would not unpack to exactly what was received, e.g. a
//! timestamp with microseconds or a `bpm` of `61.0`) is not an error that stops the
//! sync: it is kept as received in the `quarantine` store, as its JSON text, keyed by
//! its endpoint and a hash of that text (the same document fetched again is the same
//! record), exported with its collection like any other document, and counted on its
//! endpoint ("1 document could not be read; kept as received"). The rest of the page
//! is stored as usual.

use super::battery::Row;
use super::heartrate::Sample;
use super::record::{self, RecordMeta};
use crate::endpoints::{Endpoint, NaturalKey};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use std::collections::HashSet;

/// The name of the quarantine store (schema v3).
pub const QUARANTINE_STORE: &str = "quarantine";
/// Its index of the endpoint path.
pub const ENDPOINT_INDEX: &str = "endpoint";

/// A document kept as received because the store cannot index it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quarantined {
    /// `<path>/<16 hex digits of the FNV-1a hash of text>`.
    pub key: String,
    pub endpoint: &'static str,
    /// The document's day when one can be read from it (for the sweep of a window).
    pub day: Option<String>,
    /// Why it could not be indexed (English, for the record; the UI counts them).
    pub reason: String,
    /// The document's JSON text, exactly as received.
    pub text: String,
}

fn fnv1a64(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl Quarantined {
    pub fn new(endpoint: &'static Endpoint, text: String, reason: String) -> Quarantined {
        let doc: Option<Value> = serde_json::from_str(&text).ok();
        let day = doc.as_ref().and_then(|d| {
            record::day_of(d).or_else(|| match d.get("timestamp") {
                // The UTC day of the instant: time series are swept by UTC instants.
                Some(Value::String(s)) => crate::oura::models::parse_timestamp(s)
                    .map(|t| t.with_timezone(&Utc).date_naive().to_string())
                    .or_else(|| {
                        s.get(..10)
                            .filter(|h| crate::oura::models::parse_day(h).is_some())
                            .map(str::to_owned)
                    }),
                _ => None,
            })
        });
        Quarantined {
            key: format!("{}/{:016x}", endpoint.path, fnv1a64(&text)),
            endpoint: endpoint.path,
            day,
            reason,
            text,
        }
    }

    /// The JSON text of its record: `{key, endpoint, day?, reason, text}`.
    pub fn record_json(&self) -> String {
        let mut m = serde_json::Map::new();
        m.insert("key".into(), Value::from(self.key.as_str()));
        m.insert("endpoint".into(), Value::from(self.endpoint));
        if let Some(d) = &self.day {
            m.insert("day".into(), Value::from(d.as_str()));
        }
        m.insert("reason".into(), Value::from(self.reason.as_str()));
        m.insert("text".into(), Value::from(self.text.as_str()));
        Value::Object(m).to_string()
    }
}

/// The range of a window as the store sweeps it: stored documents of the endpoint in
/// this range that the window did not return are removed (Oura deleted them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SweepRange {
    /// Documents whose indexed `day` lies in `[first, last]`.
    Days { first: NaiveDate, last: NaiveDate },
    /// Samples/rows whose instant lies in `[start, end)`.
    Instants {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    },
    /// Every document of the endpoint.
    All,
}

impl SweepRange {
    /// Whether a quarantined document of day `day` lies in the range (instants: only
    /// UTC days wholly inside it; a document without a day: only for `All`).
    pub fn holds_day(&self, day: Option<&str>) -> bool {
        let Some(d) = day.and_then(crate::oura::models::parse_day) else {
            return matches!(self, SweepRange::All);
        };
        match self {
            SweepRange::All => true,
            SweepRange::Days { first, last } => *first <= d && d <= *last,
            SweepRange::Instants { start, end } => {
                let from = d.and_time(chrono::NaiveTime::MIN).and_utc();
                let to = from + chrono::TimeDelta::days(1);
                *start <= from && to <= *end
            }
        }
    }
}

/// The keys a window returned, over all its pages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Seen {
    /// Natural keys of records (document endpoints, battery rows).
    pub keys: HashSet<String>,
    /// Heartrate samples: (UTC day, ms of the day, source).
    pub samples: HashSet<(NaiveDate, u32, String)>,
    /// Quarantine keys.
    pub quarantine: HashSet<String>,
}

impl Seen {
    pub fn extend(&mut self, other: Seen) {
        self.keys.extend(other.keys);
        self.samples.extend(other.samples);
        self.quarantine.extend(other.quarantine);
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.samples.is_empty() && self.quarantine.is_empty()
    }
}

/// One page, sorted out.
#[derive(Debug, Default)]
pub struct PagePlan {
    /// Records to upsert: their meta and the document's JSON text.
    pub records: Vec<(RecordMeta, String)>,
    /// Heartrate samples to pack.
    pub samples: Vec<Sample>,
    /// Battery rows to pack (see `store::battery`; a row that would not unpack as
    /// received is among `records`, stored as before, one record per row).
    pub battery: Vec<Row>,
    pub quarantined: Vec<Quarantined>,
    pub seen: Seen,
    /// The documents' series rows (see `store::series`): `(series key, record JSON)`
    /// to put, `(series key, None)` to delete.
    pub series: Vec<(String, Option<String>)>,
}

/// Sorts out one page of `endpoint`'s documents (see the module docs). `raw`: each
/// document's text as received (kept as is); empty: serde_json's text of `docs`.
pub fn plan_page(endpoint: &'static Endpoint, docs: &[Value], raw: &[String]) -> PagePlan {
    let mut plan = PagePlan::default();
    for (i, doc) in docs.iter().enumerate() {
        let text = match raw.get(i) {
            Some(t) if raw.len() == docs.len() => t.clone(),
            _ => doc.to_string(),
        };
        if endpoint.key == NaturalKey::TimestampSource {
            match Sample::parse(doc) {
                Ok(s) => {
                    plan.seen.samples.insert((s.day, s.t, s.source.clone()));
                    plan.samples.push(s);
                }
                Err(e) => plan.quarantine(endpoint, text, format!("sample {i} {e}")),
            }
            continue;
        }
        if endpoint.key == NaturalKey::Timestamp {
            if let Ok(r) = Row::parse(doc) {
                plan.seen.keys.insert(r.key());
                plan.battery.push(r);
                continue;
            }
        }
        match record::describe(endpoint, doc) {
            Ok(m) => {
                plan.seen.keys.insert(m.key.clone());
                plan.series
                    .extend(super::series::row_write(endpoint, &m.key, doc));
                plan.records.push((m, text));
            }
            Err(e) => plan.quarantine(endpoint, text, format!("document {i} {e}")),
        }
    }
    plan
}

impl PagePlan {
    fn quarantine(&mut self, endpoint: &'static Endpoint, text: String, reason: String) {
        let q = Quarantined::new(endpoint, text, reason);
        self.seen.quarantine.insert(q.key.clone());
        self.quarantined.push(q);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::by_path;
    use serde_json::json;

    fn ep(p: &str) -> &'static Endpoint {
        by_path(p).unwrap()
    }

    #[test]
    fn a_document_without_its_key_is_quarantined_and_the_rest_stored() {
        let docs = vec![
            json!({"id": "a", "day": "2026-11-15", "distance": 1.5}),
            json!({"day": "2026-11-16", "activity": "walking"}),
            json!({"id": "c", "day": "2026-11-17"}),
        ];
        let plan = plan_page(ep("workout"), &docs, &[]);
        assert_eq!(plan.records.len(), 2);
        assert_eq!(plan.quarantined.len(), 1);
        let q = &plan.quarantined[0];
        assert_eq!(q.endpoint, "workout");
        assert_eq!(q.day.as_deref(), Some("2026-11-16"));
        assert!(
            q.reason.contains("lacks its natural key `id`"),
            "{}",
            q.reason
        );
        assert_eq!(serde_json::from_str::<Value>(&q.text).unwrap(), docs[1]);
        assert_eq!(plan.seen.keys.len(), 2);
        assert!(plan.seen.quarantine.contains(&q.key));
        // The same document again is the same quarantine record.
        let again = plan_page(ep("workout"), &docs[1..2], &[]);
        assert_eq!(again.quarantined[0].key, q.key);
        let record: Value = serde_json::from_str(&q.record_json()).unwrap();
        assert_eq!(record["text"], Value::from(q.text.as_str()));
    }

    #[test]
    fn an_unpackable_sample_is_quarantined_exactly_as_received() {
        let text = r#"[{"bpm":60,"source":"awake","timestamp":"2026-11-15T03:00:00+00:00"},
                       {"bpm":61.0,"source":"awake","timestamp":"2026-11-15T03:00:05.123456+00:00"},
                       {"bpm":62,"source":"awake","timestamp":"2026-11-15T03:00:10+00:00"}]"#;
        let docs: Vec<Value> = serde_json::from_str(text).unwrap();
        let plan = plan_page(ep("heartrate"), &docs, &[]);
        assert_eq!(plan.samples.len(), 2);
        assert_eq!(plan.quarantined.len(), 1);
        assert_eq!(
            plan.quarantined[0].text,
            r#"{"bpm":61.0,"source":"awake","timestamp":"2026-11-15T03:00:05.123456+00:00"}"#
        );
        assert_eq!(plan.quarantined[0].day.as_deref(), Some("2026-11-15"));
        assert_eq!(plan.seen.samples.len(), 2);
    }

    #[test]
    fn battery_rows_are_packed_unless_they_would_not_unpack_as_received() {
        let text = r#"[{"level":80,"timestamp":"2026-11-20T10:00:00+00:00","timestamp_unix":1795168800000},
                       {"level":55.0,"timestamp":"2026-11-20T03:00:00.654321+00:00","timestamp_unix":1795143600654},
                       {"charging":false,"level":1}]"#;
        let docs: Vec<Value> = serde_json::from_str(text).unwrap();
        let plan = plan_page(ep("ring_battery_level"), &docs, &[]);
        assert_eq!(plan.battery.len(), 1);
        assert_eq!(plan.records.len(), 1, "kept as received, one record");
        assert_eq!(plan.records[0].0.key, "2026-11-20T03:00:00.654321000Z");
        assert_eq!(plan.quarantined.len(), 1, "no timestamp: no natural key");
        assert!(plan.seen.keys.contains("2026-11-20T10:00:00.000000000Z"));
        assert!(plan.seen.keys.contains("2026-11-20T03:00:00.654321000Z"));
    }

    #[test]
    fn the_text_as_received_is_what_is_kept() {
        let raw = vec![
            r#"{"id":"a","day":"2026-11-15","distance":2448.5308423962438,"pace":1.50}"#
                .to_string(),
            r#"{"day":"2026-11-16","weight":61.50}"#.to_string(),
        ];
        let docs: Vec<Value> = raw
            .iter()
            .map(|t| serde_json::from_str(t).unwrap())
            .collect();
        let plan = plan_page(ep("workout"), &docs, &raw);
        assert_eq!(
            plan.records[0].1, raw[0],
            "stored as received, digits and all"
        );
        assert_eq!(plan.quarantined[0].text, raw[1]);
    }

    #[test]
    fn sweep_ranges_hold_the_days_they_cover() {
        let d = |s: &str| crate::oura::models::parse_day(s).unwrap();
        let days = SweepRange::Days {
            first: d("2026-11-10"),
            last: d("2026-11-12"),
        };
        assert!(days.holds_day(Some("2026-11-10")) && days.holds_day(Some("2026-11-12")));
        assert!(!days.holds_day(Some("2026-11-13")) && !days.holds_day(None));
        let t = |s: &str| {
            crate::oura::models::parse_timestamp(s)
                .unwrap()
                .with_timezone(&Utc)
        };
        let inst = SweepRange::Instants {
            start: t("2026-11-09T12:00:00Z"),
            end: t("2026-11-12T00:00:00Z"),
        };
        assert!(!inst.holds_day(Some("2026-11-09")), "only half inside");
        assert!(inst.holds_day(Some("2026-11-10")) && inst.holds_day(Some("2026-11-11")));
        assert!(!inst.holds_day(Some("2026-11-12")));
        assert!(SweepRange::All.holds_day(None));
    }
}
