//! The export file (DESIGN §5, a contract) and the parsing and checking of an import
//! (pure, tested natively).
//!
//! ```json
//! {"format":"healthhub-export","version":1,"exported_at":"2026-11-24T08:00:00Z","collections":{
//! "daily_sleep":[
//! {…doc as received…},
//! …
//! ],
//! …all 19 path segments…
//! }}
//! ```
//! One document per line. The file is assembled as a list of string parts (each about
//! [`PART_SIZE`] bytes) so that no single giant string is needed: the browser makes a
//! `Blob` of the parts.

use super::error::StoreError;
use super::heartrate::Sample;
use super::page::Quarantined;
use super::record::{describe, RecordMeta};
use crate::endpoints::{by_path, Endpoint, NaturalKey};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::BTreeMap;

/// The `format` of an export file.
pub const FORMAT: &str = "healthhub-export";
/// The `version` of the export files written (and the only one read).
pub const VERSION: u64 = 1;
/// Approximate size of one part of an export.
pub const PART_SIZE: usize = 1 << 20;

/// An export ready to be downloaded: its file name and its text in parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    pub file_name: String,
    pub parts: Vec<String>,
}

impl ExportFile {
    /// Total size in bytes.
    pub fn len(&self) -> usize {
        self.parts.iter().map(String::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The whole text (for tests and small exports).
    pub fn text(&self) -> String {
        self.parts.concat()
    }
}

/// `healthhub-export-YYYY-MM-DD.json` (the UTC date of `exported_at`).
pub fn file_name(exported_at: DateTime<Utc>) -> String {
    format!("healthhub-export-{}.json", exported_at.date_naive())
}

/// Writes an export as string parts: `begin` each collection, `doc` each document's
/// JSON text, then `finish`.
#[derive(Debug)]
pub struct ExportWriter {
    parts: Vec<String>,
    buf: String,
    collections: usize,
    docs_in_collection: usize,
    open: bool,
}

impl ExportWriter {
    pub fn new(exported_at: DateTime<Utc>) -> ExportWriter {
        let mut buf = String::with_capacity(PART_SIZE + 4096);
        buf.push_str(&format!(
            "{{\"format\":\"{FORMAT}\",\"version\":{VERSION},\"exported_at\":\"{}\",\"collections\":{{",
            exported_at.to_rfc3339_opts(SecondsFormat::Secs, true)
        ));
        ExportWriter {
            parts: Vec::new(),
            buf,
            collections: 0,
            docs_in_collection: 0,
            open: false,
        }
    }

    fn flush_if_full(&mut self) {
        if self.buf.len() >= PART_SIZE {
            let full = std::mem::replace(&mut self.buf, String::with_capacity(PART_SIZE + 4096));
            self.parts.push(full);
        }
    }

    /// Starts the array of collection `path`.
    pub fn begin(&mut self, path: &str) {
        self.end();
        if self.collections > 0 {
            self.buf.push(',');
        }
        self.buf.push('\n');
        self.buf.push_str(&super::record::json_string(path));
        self.buf.push_str(":[");
        self.collections += 1;
        self.docs_in_collection = 0;
        self.open = true;
    }

    /// Adds one document (its JSON text) to the current collection.
    pub fn doc(&mut self, json: &str) {
        if self.docs_in_collection > 0 {
            self.buf.push(',');
        }
        self.buf.push('\n');
        self.buf.push_str(json);
        self.docs_in_collection += 1;
        self.flush_if_full();
    }

    fn end(&mut self) {
        if self.open {
            if self.docs_in_collection > 0 {
                self.buf.push('\n');
            }
            self.buf.push(']');
            self.open = false;
        }
    }

    /// Closes the file and returns its parts.
    pub fn finish(mut self) -> Vec<String> {
        self.end();
        self.buf.push_str("\n}}\n");
        self.parts.push(self.buf);
        self.parts
    }
}

/// A checked import: records to upsert per collection, heartrate samples.
#[derive(Debug, Default)]
pub struct ImportPlan<'a> {
    /// Per collection (in file order): each document's key/day/floats and its JSON text.
    pub docs: Vec<(&'static Endpoint, Vec<(RecordMeta, &'a RawValue)>)>,
    /// Heartrate samples, validated, compact (sources are indexes into
    /// `heartrate_sources`): about 24 bytes a sample.
    pub heartrate: Vec<PlannedSample>,
    pub heartrate_sources: Vec<String>,
    /// Whether the file has a `heartrate` collection (even empty).
    pub has_heartrate: bool,
    /// Documents the store cannot index, kept as received (see `store::page`).
    pub quarantined: Vec<Quarantined>,
}

/// A heartrate sample of an import, compact.
#[derive(Debug)]
pub struct PlannedSample {
    pub day: chrono::NaiveDate,
    pub t: u32,
    pub bpm: u16,
    pub src: u16,
    pub unix: bool,
    pub extra: Option<Box<serde_json::Map<String, Value>>>,
}

impl ImportPlan<'_> {
    /// Takes the heartrate samples out of the plan, grouped by UTC day in order: each
    /// day's samples are made full [`Sample`]s only when that day is reached.
    pub fn take_heartrate_days(
        &mut self,
    ) -> impl Iterator<Item = (chrono::NaiveDate, Vec<Sample>)> + '_ {
        let mut all = std::mem::take(&mut self.heartrate);
        all.sort_by_key(|s| s.day); // stable: a later duplicate still wins
        let sources = &self.heartrate_sources;
        let mut it = all.into_iter().peekable();
        std::iter::from_fn(move || {
            let first = it.next()?;
            let day = first.day;
            let mut group = vec![first];
            while let Some(s) = it.next_if(|s| s.day == day) {
                group.push(s);
            }
            let samples = group
                .into_iter()
                .map(|p| Sample {
                    day: p.day,
                    t: p.t,
                    source: sources.get(usize::from(p.src)).cloned().unwrap_or_default(),
                    bpm: p.bpm,
                    unix: p.unix,
                    extra: p.extra.map(|b| *b),
                })
                .collect();
            Some((day, samples))
        })
    }
}

#[derive(Deserialize)]
struct Top<'a> {
    #[serde(borrow, default)]
    format: Option<&'a RawValue>,
    #[serde(borrow, default)]
    version: Option<&'a RawValue>,
    #[serde(borrow, default)]
    collections: Option<&'a RawValue>,
}

fn invalid(msg: impl Into<String>) -> StoreError {
    StoreError::InvalidImport(msg.into())
}

/// Parses and checks an import file completely, before anything is written. Memory:
/// documents are not copied, they are borrowed slices of `text` ([`RawValue`]); each
/// is parsed once to check it (and dropped), heartrate samples are kept compact.
pub fn parse_import(text: &str) -> Result<ImportPlan<'_>, StoreError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Err(e) = serde_json::from_str::<&RawValue>(text) {
        return Err(invalid(format!(
            "it is not JSON (line {}, column {}: {e})",
            e.line(),
            e.column()
        )));
    }
    if !text.trim_start().starts_with('{') {
        return Err(invalid(
            "it is not a healthHub export (the file is not a JSON object)",
        ));
    }
    let top: Top = serde_json::from_str(text)
        .map_err(|e| invalid(format!("it is not a healthHub export ({e})")))?;
    let format: Option<Value> = top.format.and_then(|r| serde_json::from_str(r.get()).ok());
    match format {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            return Err(invalid(format!(
                "it is not a healthHub export (format is {other}, expected \"{FORMAT}\")"
            )))
        }
        None => {
            return Err(invalid(format!(
                "it is not a healthHub export (no \"format\": \"{FORMAT}\")"
            )))
        }
    }
    let version: Option<Value> = top.version.and_then(|r| serde_json::from_str(r.get()).ok());
    match version {
        Some(v) if v.as_u64() == Some(VERSION) => {}
        Some(v) => {
            return Err(invalid(format!(
                "export version {v} is not supported (this healthHub reads version {VERSION})"
            )))
        }
        None => return Err(invalid("the export has no \"version\"")),
    }
    let collections = top
        .collections
        .ok_or_else(|| invalid("the export has no \"collections\""))?;
    let collections: Vec<(String, &RawValue)> =
        serde_json::from_str::<OrderedMap>(collections.get())
            .map_err(|_| invalid("\"collections\" is not a JSON object"))?
            .0;
    let mut plan = ImportPlan::default();
    let mut seen = BTreeMap::new();
    for (name, raw) in collections {
        let endpoint =
            by_path(&name).ok_or_else(|| invalid(format!("unknown collection \"{name}\"")))?;
        if seen.insert(endpoint.path, ()).is_some() {
            return Err(invalid(format!("collection \"{name}\" appears twice")));
        }
        let docs: Vec<&RawValue> = serde_json::from_str(raw.get())
            .map_err(|_| invalid(format!("collection \"{name}\" is not an array")))?;
        if endpoint.key == NaturalKey::TimestampSource {
            plan.has_heartrate = true;
            plan.heartrate.reserve(docs.len());
            let mut sources: BTreeMap<String, u16> = BTreeMap::new();
            for (i, raw) in docs.into_iter().enumerate() {
                let v: Value = serde_json::from_str(raw.get())
                    .map_err(|e| invalid(format!("{name}[{i}]: {e}")))?;
                let s = match Sample::parse(&v) {
                    Ok(s) => s,
                    Err(e) => {
                        plan.quarantined.push(Quarantined::new(
                            endpoint,
                            raw.get().to_owned(),
                            format!("sample {i} {e}"),
                        ));
                        continue;
                    }
                };
                let next = plan.heartrate_sources.len();
                let src = match sources.get(&s.source) {
                    Some(i) => *i,
                    None => {
                        let i = u16::try_from(next)
                            .map_err(|_| invalid("too many distinct heartrate sources"))?;
                        plan.heartrate_sources.push(s.source.clone());
                        sources.insert(s.source, i);
                        i
                    }
                };
                plan.heartrate.push(PlannedSample {
                    day: s.day,
                    t: s.t,
                    bpm: s.bpm,
                    src,
                    unix: s.unix,
                    extra: s.extra.map(Box::new),
                });
            }
            continue;
        }
        if endpoint.key == NaturalKey::Singleton && docs.len() > 1 {
            return Err(invalid(format!(
                "collection \"{name}\" has {} documents, expected at most one",
                docs.len()
            )));
        }
        let mut out = Vec::with_capacity(docs.len());
        for (i, raw) in docs.into_iter().enumerate() {
            let v: Value = serde_json::from_str(raw.get())
                .map_err(|e| invalid(format!("{name}[{i}]: {e}")))?;
            match describe(endpoint, &v) {
                Ok(meta) => out.push((meta, raw)),
                Err(e) => plan.quarantined.push(Quarantined::new(
                    endpoint,
                    raw.get().to_owned(),
                    format!("document {i} {e}"),
                )),
            }
        }
        plan.docs.push((endpoint, out));
    }
    Ok(plan)
}

/// A JSON object as its (key, raw value) pairs in file order.
struct OrderedMap<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for OrderedMap<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for V<'a> {
            type Value = OrderedMap<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> Result<Self::Value, M::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, &'de RawValue>()? {
                    out.push((k, v));
                }
                Ok(OrderedMap(out))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// How one collection changed in an import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportCount {
    /// The collection (endpoint path).
    pub path: &'static str,
    /// Documents (heartrate: samples) that were not stored before.
    pub added: u64,
    /// Documents (heartrate: samples) this device already had: left as they are (an
    /// import never rolls back what Oura revised since the export was made).
    pub kept: u64,
    /// Documents the store cannot index, kept as received (see `store::page`).
    pub quarantined: u64,
}

/// What an import did: counts per collection of the file (in file order) and in total.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub collections: Vec<ImportCount>,
    /// Documents added over all collections (quarantined ones included).
    pub total: u64,
}

impl ImportReport {
    pub fn added(&self) -> u64 {
        self.collections.iter().map(|c| c.added).sum()
    }

    pub fn kept(&self) -> u64 {
        self.collections.iter().map(|c| c.kept).sum()
    }

    pub fn quarantined(&self) -> u64 {
        self.collections.iter().map(|c| c.quarantined).sum()
    }

    /// The counts of one collection, if the file had it.
    pub fn get(&self, path: &str) -> Option<&ImportCount> {
        self.collections.iter().find(|c| c.path == path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::ENDPOINTS;
    use chrono::TimeZone;
    use serde_json::json;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 8, 0, 0).unwrap()
    }

    fn sample_export(docs_per: usize) -> String {
        let mut w = ExportWriter::new(at());
        for e in &ENDPOINTS {
            w.begin(e.path);
            for i in 0..docs_per {
                let doc = match e.key {
                    NaturalKey::TimestampSource => {
                        json!({"bpm": 60 + i, "source": "awake", "timestamp": format!("2026-11-20T00:00:{i:02}+00:00")})
                    }
                    NaturalKey::Day => {
                        json!({"day": format!("2026-11-{:02}", i + 1), "vascular_age": null})
                    }
                    NaturalKey::Singleton => json!({"id": "p", "age": 30}),
                    NaturalKey::Timestamp => {
                        json!({"level": 90 - i, "timestamp": format!("2026-11-20T00:{i:02}:00+00:00"), "timestamp_unix": 1_795_132_800_000_i64 + 60_000 * i as i64})
                    }
                    NaturalKey::Id => {
                        json!({"id": format!("{}-{i}", e.path), "day": "2026-11-20", "x": 1.0})
                    }
                };
                if e.key == NaturalKey::Singleton && i > 0 {
                    continue;
                }
                w.doc(&doc.to_string());
            }
        }
        w.finish().concat()
    }

    #[test]
    fn file_name_follows_the_contract() {
        assert_eq!(file_name(at()), "healthhub-export-2026-11-24.json");
    }

    #[test]
    fn export_has_the_contract_shape() {
        let text = sample_export(2);
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["format"], "healthhub-export");
        assert_eq!(v["version"], 1);
        assert_eq!(v["exported_at"], "2026-11-24T08:00:00Z");
        let keys: Vec<&str> = v["collections"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let paths: Vec<&str> = ENDPOINTS.iter().map(|e| e.path).collect();
        assert_eq!(keys, paths);
        assert_eq!(
            v["collections"]["personal_info"].as_array().unwrap().len(),
            1
        );
        assert_eq!(v["collections"]["vO2_max"].as_array().unwrap().len(), 2);
        // Documents keep their text (1.0 stays 1.0).
        assert!(text.contains(r#"{"id":"sleep-0","day":"2026-11-20","x":1.0}"#));
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["format", "version", "exported_at", "collections"]);
    }

    #[test]
    fn empty_collections_and_many_parts() {
        let mut w = ExportWriter::new(at());
        w.begin("tag");
        w.begin("sleep");
        let big = format!("{{\"id\":\"{}\"}}", "x".repeat(1000));
        for _ in 0..3000 {
            w.doc(&big);
        }
        let parts = w.finish();
        assert!(parts.len() > 2);
        let v: Value = serde_json::from_str(&parts.concat()).unwrap();
        assert_eq!(v["collections"]["tag"], json!([]));
        assert_eq!(v["collections"]["sleep"].as_array().unwrap().len(), 3000);
    }

    #[test]
    fn an_export_imports() {
        let text = sample_export(3);
        let plan = parse_import(&text).unwrap();
        assert_eq!(plan.docs.len(), ENDPOINTS.len() - 1, "all but heartrate");
        assert!(plan.has_heartrate);
        assert_eq!(plan.heartrate.len(), 3);
        let mut plan = plan;
        let days: Vec<_> = plan.take_heartrate_days().collect();
        assert_eq!(days.len(), 1);
        assert_eq!(days[0].1.len(), 3);
        assert_eq!(days[0].1[2].source, "awake");
        assert_eq!(days[0].1[2].bpm, 62);
        let (e, sleep) = &plan.docs[1];
        assert_eq!(e.path, "sleep");
        assert_eq!(sleep[0].0.key, "sleep-0");
        assert_eq!(sleep[0].0.floats, vec!["/x".to_string()]);
        assert_eq!(
            sleep[0].1.get(),
            r#"{"id":"sleep-0","day":"2026-11-20","x":1.0}"#
        );
        // A subset of the collections is fine (merge never deletes).
        let plan = parse_import(
            r#"{"format":"healthhub-export","version":1,"exported_at":"2026-11-24T08:00:00Z","collections":{"tag":[]}}"#,
        )
        .unwrap();
        assert_eq!(plan.docs.len(), 1);
        assert!(!plan.has_heartrate);
    }

    fn refusal(text: &str) -> String {
        match parse_import(text) {
            Err(StoreError::InvalidImport(why)) => why,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn anything_else_is_refused_with_a_reason() {
        let head =
            r#""format":"healthhub-export","version":1,"exported_at":"2026-11-24T08:00:00Z""#;
        assert!(refusal("hello").contains("not JSON"));
        assert!(refusal("").contains("not JSON"));
        assert!(refusal("[1,2]").contains("not a JSON object"));
        assert!(refusal(r#"{"data":[]}"#).contains("no \"format\""));
        assert!(refusal(r#"{"format":"other","version":1}"#).contains("format is \"other\""));
        assert!(
            refusal(r#"{"format":"healthhub-export","version":2,"collections":{}}"#)
                .contains("version 2 is not supported")
        );
        assert!(refusal(r#"{"format":"healthhub-export"}"#).contains("no \"version\""));
        assert!(refusal(&format!("{{{head}}}")).contains("no \"collections\""));
        assert!(refusal(&format!(r#"{{{head},"collections":[]}}"#)).contains("not a JSON object"));
        assert!(
            refusal(&format!(r#"{{{head},"collections":{{"vo2_max":[]}}}}"#))
                .contains("unknown collection \"vo2_max\"")
        );
        assert!(
            refusal(&format!(r#"{{{head},"collections":{{"tag":{{}}}}}}"#))
                .contains("collection \"tag\" is not an array")
        );
        // Documents the store cannot index are kept as received, not refused.
        let text = format!(
            r#"{{{head},"collections":{{"tag":[{{"id":"a"}},{{"day":"2026-01-01"}}],"sleep":[3],"heartrate":[{{"bpm":1,"source":"awake"}}]}}}}"#
        );
        let plan = parse_import(&text).unwrap();
        let q: Vec<(&str, &str)> = plan
            .quarantined
            .iter()
            .map(|q| (q.endpoint, q.text.as_str()))
            .collect();
        assert_eq!(
            q,
            vec![
                ("tag", r#"{"day":"2026-01-01"}"#),
                ("sleep", "3"),
                ("heartrate", r#"{"bpm":1,"source":"awake"}"#)
            ]
        );
        assert!(plan.quarantined[0]
            .reason
            .contains("document 1 lacks its natural key `id`"));
        assert!(plan.quarantined[2]
            .reason
            .contains("lacks its natural key `timestamp`"));
        assert!(refusal(&format!(
            r#"{{{head},"collections":{{"personal_info":[{{}},{{}}]}}}}"#
        ))
        .contains("at most one"));
        assert!(refusal(&format!(
            r#"{{{head},"collections":{{"tag":[],"tag":[]}}}}"#
        ))
        .contains("twice"));
    }

    #[test]
    fn import_counts_add_up() {
        let r = ImportReport {
            collections: vec![
                ImportCount {
                    path: "tag",
                    added: 2,
                    kept: 1,
                    quarantined: 1,
                },
                ImportCount {
                    path: "heartrate",
                    added: 5,
                    kept: 0,
                    quarantined: 0,
                },
            ],
            total: 7,
        };
        assert_eq!((r.added(), r.kept(), r.quarantined()), (7, 1, 1));
        assert_eq!(r.get("heartrate").map(|c| c.added), Some(5));
        assert!(r.get("sleep").is_none());
    }
}
