//! "Download CSV": one endpoint's documents as an RFC 4180 table (pure, tested
//! natively; the store reads the collection in `idb::Store::csv`).
//!
//! - **One row per document** (heartrate: one row per sample). Nested objects are
//!   flattened into columns with dotted names (`contributors.deep_sleep`,
//!   `heart_rate.interval`); an empty object adds no column.
//! - **Cells**: strings unescaped; numbers exactly as the stored document spells them
//!   (the text is never parsed as a number: `0.12345678901234567` and `1.0` keep every
//!   digit); `true`/`false`; arrays (`heart_rate.items`, `tags`) as their JSON text;
//!   null and absent fields empty.
//! - **Header**: the endpoint's key columns first, always, in this order, whether or not
//!   a document has them ([`key_columns`]: those of `id`, `day`, `start_day`,
//!   `timestamp` that its OpenAPI schema has; heartrate `timestamp`, `bpm`, `source`),
//!   then every other column any document has, **sorted** by name (byte order, so the
//!   columns of one object stay together). The header therefore depends only on which
//!   fields the documents have, never on their order.
//! - **File**: UTF-8 with a byte order mark (phone spreadsheets then read Japanese
//!   right), CRLF line ends, a field quoted when it holds `"`, `,`, CR or LF (quotes
//!   doubled); named `healthhub-<endpoint>-<YYYY-MM-DD>.csv`.
//! - **Parts**: the text is written as parts of at most [`PART_SIZE`] bytes (a row
//!   longer than that is a part of its own) that the browser joins into one `Blob`:
//!   no single giant string.
//!
//! Two passes over the same documents: [`Columns::observe`] each, then
//! [`CsvWriter::row`] each (the store goes day record by day record for heartrate, so
//! the samples are never all unpacked at once).

use super::error::StoreError;
use crate::endpoints::{Endpoint, EndpointId};
use chrono::NaiveDate;
use serde_json::value::RawValue;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The largest part of a CSV file (bytes), a row longer than that aside.
pub const PART_SIZE: usize = 1 << 20;
/// The MIME type of the download.
pub const MIME: &str = "text/csv;charset=utf-8";
const BOM: char = '\u{feff}';

/// `healthhub-<endpoint>-<YYYY-MM-DD>.csv` (the endpoint's path as Oura spells it).
pub fn file_name(endpoint: &Endpoint, today: NaiveDate) -> String {
    format!("healthhub-{}-{today}.csv", endpoint.path)
}

/// The columns that lead the header of `endpoint`, whatever the documents hold: those
/// of `id`, `day`, `start_day`, `timestamp` that its OpenAPI 1.41 schema has (a test
/// checks), heartrate's `timestamp`, `bpm`, `source`.
pub fn key_columns(endpoint: &Endpoint) -> &'static [&'static str] {
    use EndpointId as E;
    match endpoint.id {
        E::Heartrate => &["timestamp", "bpm", "source"],
        E::RingBatteryLevel => &["timestamp"],
        E::PersonalInfo | E::RingConfiguration => &["id"],
        E::EnhancedTag | E::RestModePeriod => &["id", "start_day"],
        E::DailySleep | E::DailyReadiness | E::DailyActivity | E::Vo2Max | E::Tag => {
            &["id", "day", "timestamp"]
        }
        E::Sleep
        | E::Workout
        | E::Session
        | E::DailyStress
        | E::DailyResilience
        | E::DailyCardiovascularAge
        | E::DailySpo2
        | E::SleepTime => &["id", "day"],
    }
}

fn damaged(e: serde_json::Error) -> StoreError {
    StoreError::Data(format!("a stored document is not a JSON object ({e})"))
}

/// The leaves of a document: (dotted name, cell text), nested objects flattened.
fn flatten<'a>(
    prefix: &str,
    json: &'a str,
    out: &mut impl FnMut(String, Option<String>),
) -> Result<(), StoreError> {
    let fields: BTreeMap<String, &'a RawValue> = serde_json::from_str(json).map_err(damaged)?;
    for (key, raw) in fields {
        let name = if prefix.is_empty() {
            key
        } else {
            format!("{prefix}.{key}")
        };
        let text = raw.get().trim();
        match text.as_bytes().first() {
            Some(b'{') => flatten(&name, text, out)?,
            Some(b'"') => out(name, Some(serde_json::from_str(text).map_err(damaged)?)),
            Some(b'n') => out(name, None),
            // Numbers, booleans and arrays: their JSON text as it is.
            _ => out(name, Some(text.to_owned())),
        }
    }
    Ok(())
}

/// Pass 1: the columns of an endpoint's table.
#[derive(Debug)]
pub struct Columns {
    keys: &'static [&'static str],
    others: BTreeSet<String>,
}

impl Columns {
    pub fn new(endpoint: &Endpoint) -> Columns {
        Columns {
            keys: key_columns(endpoint),
            others: BTreeSet::new(),
        }
    }

    /// Notes the fields of one document (its JSON text).
    pub fn observe(&mut self, json: &str) -> Result<(), StoreError> {
        let keys = self.keys;
        let others = &mut self.others;
        flatten("", json, &mut |name, _| {
            if !keys.contains(&name.as_str()) {
                others.insert(name);
            }
        })
    }

    /// The header: key columns, then the others sorted.
    pub fn header(&self) -> Vec<String> {
        self.keys
            .iter()
            .map(|k| (*k).to_owned())
            .chain(self.others.iter().cloned())
            .collect()
    }
}

/// Appends `cell` to `line`, quoted if it must be (RFC 4180).
fn push_cell(line: &mut String, cell: &str) {
    if cell.contains(['"', ',', '\r', '\n']) {
        line.push('"');
        line.push_str(&cell.replace('"', "\"\""));
        line.push('"');
    } else {
        line.push_str(cell);
    }
}

/// A CSV file being written.
#[derive(Debug)]
pub struct CsvWriter {
    index: HashMap<String, usize>,
    width: usize,
    part_size: usize,
    parts: Vec<String>,
    buf: String,
    line: String,
    cells: Vec<Option<String>>,
    rows: u64,
}

/// A CSV file ready to be downloaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvFile {
    pub file_name: String,
    /// The text in parts (the first starts with the BOM).
    pub parts: Vec<String>,
    /// Rows below the header.
    pub rows: u64,
}

impl CsvWriter {
    /// Starts the file (BOM and header) with the columns of pass 1.
    pub fn new(columns: &Columns) -> CsvWriter {
        Self::with_part_size(columns, PART_SIZE)
    }

    /// As [`CsvWriter::new`], with parts of at most `part_size` bytes.
    pub fn with_part_size(columns: &Columns, part_size: usize) -> CsvWriter {
        let header = columns.header();
        let mut line = String::new();
        line.push(BOM);
        for (i, name) in header.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            push_cell(&mut line, name);
        }
        line.push_str("\r\n");
        let mut w = CsvWriter {
            width: header.len(),
            index: header
                .into_iter()
                .enumerate()
                .map(|(i, n)| (n, i))
                .collect(),
            part_size: part_size.max(1),
            parts: Vec::new(),
            buf: String::new(),
            line: String::new(),
            cells: Vec::new(),
            rows: 0,
        };
        w.push_line(line);
        w
    }

    fn push_line(&mut self, line: String) {
        if !self.buf.is_empty() && self.buf.len() + line.len() > self.part_size {
            self.parts.push(std::mem::take(&mut self.buf));
        }
        self.buf.push_str(&line);
        self.line = line;
        self.line.clear();
    }

    /// Adds the row of one document (its JSON text). A field that pass 1 did not see
    /// has no column and is left out.
    pub fn row(&mut self, json: &str) -> Result<(), StoreError> {
        self.cells.clear();
        self.cells.resize(self.width, None);
        let index = &self.index;
        let cells = &mut self.cells;
        flatten("", json, &mut |name, cell| {
            if let Some(&i) = index.get(&name) {
                cells[i] = cell;
            }
        })?;
        let mut line = std::mem::take(&mut self.line);
        for (i, cell) in self.cells.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            if let Some(c) = cell {
                push_cell(&mut line, c);
            }
        }
        line.push_str("\r\n");
        self.push_line(line);
        self.rows += 1;
        Ok(())
    }

    /// The file.
    pub fn finish(mut self, file_name: String) -> CsvFile {
        if !self.buf.is_empty() {
            self.parts.push(self.buf);
        }
        CsvFile {
            file_name,
            parts: self.parts,
            rows: self.rows,
        }
    }
}

/// The CSV file of documents given as JSON texts (both passes over `docs`).
pub fn table<'a, I>(endpoint: &Endpoint, today: NaiveDate, docs: I) -> Result<CsvFile, StoreError>
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    let mut columns = Columns::new(endpoint);
    for d in docs.clone() {
        columns.observe(d)?;
    }
    let mut w = CsvWriter::new(&columns);
    for d in docs {
        w.row(d)?;
    }
    Ok(w.finish(file_name(endpoint, today)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::{EndpointId, ENDPOINTS};
    use crate::store::heartrate::{DayPack, Sample};
    use serde_json::{json, Value};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    fn ep(id: EndpointId) -> &'static Endpoint {
        id.endpoint()
    }

    /// Parses a file back with the `csv` crate: (header, rows).
    fn parse(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
        let body = text
            .strip_prefix('\u{feff}')
            .expect("the file starts with a BOM");
        let mut r = ::csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(body.as_bytes());
        let header = r.headers().unwrap().iter().map(str::to_owned).collect();
        let rows = r
            .records()
            .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
            .collect();
        (header, rows)
    }

    fn cell<'a>(header: &[String], row: &'a [String], name: &str) -> &'a str {
        let i = header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {header:?}"));
        &row[i]
    }

    const READINESS: [&str; 3] = [
        r#"{"id":"r1","contributors":{"activity_balance":56,"hrv_balance":0.12345678901234567,"body_temperature":null},"day":"2026-11-30","score":1.0,"temperature_deviation":-0.5,"timestamp":"2026-11-30T00:00:00+09:00","note":"a, \"quoted\"\r\nsecond line","title":"睡眠 🏃‍♀️","ok":true,"tags":["a","b,c"],"items":[1.0,null,{"x":1}]}"#,
        r#"{"id":"r2","day":"2026-12-01","contributors":{"hrv_balance":80},"ok":false,"new_field":{"deep":{"er":"x"}},"empty":{}}"#,
        r#"{"day":"2026-12-02","id":"r3"}"#,
    ];

    #[test]
    fn file_name_follows_the_contract() {
        assert_eq!(
            file_name(ep(EndpointId::DailyReadiness), today()),
            "healthhub-daily_readiness-2026-12-02.csv"
        );
        assert_eq!(
            file_name(ep(EndpointId::Vo2Max), today()),
            "healthhub-vO2_max-2026-12-02.csv"
        );
    }

    #[test]
    fn documents_flatten_into_a_table_that_parses_back() {
        let file = table(ep(EndpointId::DailyReadiness), today(), READINESS).unwrap();
        assert_eq!(file.rows, 3);
        assert_eq!(file.parts.len(), 1);
        let text = file.parts.concat();
        assert!(text.starts_with("\u{feff}id,day,timestamp,"));
        let (header, rows) = parse(&text);
        assert_eq!(
            header,
            [
                "id",
                "day",
                "timestamp",
                "contributors.activity_balance",
                "contributors.body_temperature",
                "contributors.hrv_balance",
                "items",
                "new_field.deep.er",
                "note",
                "ok",
                "score",
                "tags",
                "temperature_deviation",
                "title",
            ],
            "an empty object adds no column"
        );
        assert_eq!(rows.len(), 3);
        let r = &rows[0];
        assert_eq!(cell(&header, r, "id"), "r1");
        assert_eq!(cell(&header, r, "day"), "2026-11-30");
        assert_eq!(cell(&header, r, "timestamp"), "2026-11-30T00:00:00+09:00");
        assert_eq!(
            cell(&header, r, "contributors.hrv_balance"),
            "0.12345678901234567"
        );
        assert_eq!(cell(&header, r, "contributors.activity_balance"), "56");
        assert_eq!(cell(&header, r, "contributors.body_temperature"), "");
        assert_eq!(cell(&header, r, "score"), "1.0");
        assert_eq!(cell(&header, r, "temperature_deviation"), "-0.5");
        assert_eq!(cell(&header, r, "note"), "a, \"quoted\"\r\nsecond line");
        assert_eq!(cell(&header, r, "title"), "睡眠 🏃‍♀️");
        assert_eq!(cell(&header, r, "ok"), "true");
        assert_eq!(cell(&header, r, "tags"), r#"["a","b,c"]"#);
        assert_eq!(cell(&header, r, "items"), r#"[1.0,null,{"x":1}]"#);
        assert_eq!(cell(&header, r, "new_field.deep.er"), "");
        let r = &rows[1];
        assert_eq!(cell(&header, r, "ok"), "false");
        assert_eq!(cell(&header, r, "contributors.hrv_balance"), "80");
        assert_eq!(cell(&header, r, "new_field.deep.er"), "x");
        assert_eq!(cell(&header, r, "timestamp"), "", "absent: empty");
        assert_eq!(cell(&header, r, "title"), "");
        let r = &rows[2];
        assert_eq!(r.iter().filter(|c| !c.is_empty()).count(), 2);
        assert_eq!(cell(&header, r, "id"), "r3");
    }

    #[test]
    fn the_text_is_rfc_4180() {
        let file = table(
            ep(EndpointId::Tag),
            today(),
            [r#"{"id":"a\"b","text":"x\ny","day":"d,1"}"#],
        )
        .unwrap();
        assert_eq!(
            file.parts.concat(),
            "\u{feff}id,day,timestamp,text\r\n\"a\"\"b\",\"d,1\",,\"x\ny\"\r\n"
        );
        // No documents: the key columns alone.
        let empty = table(ep(EndpointId::EnhancedTag), today(), []).unwrap();
        assert_eq!(empty.parts.concat(), "\u{feff}id,start_day\r\n");
        assert_eq!(empty.rows, 0);
    }

    #[test]
    fn the_header_does_not_depend_on_the_order_of_documents() {
        let e = ep(EndpointId::DailyReadiness);
        let mut reversed = READINESS;
        reversed.reverse();
        let a = parse(&table(e, today(), READINESS).unwrap().parts.concat()).0;
        let b = parse(&table(e, today(), reversed).unwrap().parts.concat()).0;
        assert_eq!(a, b);
    }

    #[test]
    fn a_document_that_is_not_an_object_is_an_error() {
        let e = ep(EndpointId::Tag);
        assert!(matches!(table(e, today(), ["3"]), Err(StoreError::Data(_))));
        assert!(matches!(table(e, today(), ["{"]), Err(StoreError::Data(_))));
    }

    #[test]
    fn parts_are_bounded_and_join_into_the_file() {
        let e = ep(EndpointId::Sleep);
        let docs: Vec<String> = (0..200)
            .map(|i| {
                json!({"id": format!("s{i}"), "day": "2026-11-01", "text": "睡眠,\"x\"\r\n".repeat(5), "n": i})
                    .to_string()
            })
            .collect();
        let whole = table(e, today(), docs.iter().map(String::as_str)).unwrap();
        assert_eq!(whole.parts.len(), 1);
        let mut columns = Columns::new(e);
        for d in &docs {
            columns.observe(d).unwrap();
        }
        let mut w = CsvWriter::with_part_size(&columns, 1000);
        for d in &docs {
            w.row(d).unwrap();
        }
        let split = w.finish(file_name(e, today()));
        assert!(split.parts.len() > 10, "{} parts", split.parts.len());
        assert!(split.parts.iter().all(|p| p.len() <= 1000 && !p.is_empty()));
        assert_eq!(split.parts.concat(), whole.parts.concat());
        assert_eq!(parse(&split.parts.concat()).1.len(), 200);
        // A row longer than a part is a part of its own.
        let mut w = CsvWriter::with_part_size(&columns, 10);
        w.row(&docs[0]).unwrap();
        let tiny = w.finish(String::new());
        assert_eq!(tiny.parts.len(), 2);
    }

    #[test]
    fn heartrate_is_one_row_per_sample_across_day_records() {
        let e = ep(EndpointId::Heartrate);
        let samples = [
            json!({"bpm": 61, "source": "awake", "timestamp": "2026-11-30T23:59:00+00:00", "timestamp_unix": 1796083140000_i64}),
            json!({"bpm": 62, "source": "rest", "timestamp": "2026-11-30T10:00:00+00:00"}),
            json!({"bpm": 70, "source": "workout", "timestamp": "2026-12-01T00:00:05+00:00", "quality": "good"}),
            json!({"bpm": 71, "source": "awake", "timestamp": "2026-12-02T01:00:00+00:00"}),
        ];
        let mut days: BTreeMap<NaiveDate, DayPack> = BTreeMap::new();
        for s in &samples {
            let s = Sample::parse(s).unwrap();
            days.entry(s.day).or_default().upsert(s);
        }
        assert_eq!(days.len(), 3, "three day records");
        let mut columns = Columns::new(e);
        for (day, pack) in &days {
            let mut err = Ok(());
            pack.unpack_json(*day, &mut |s| err = err.clone().and(columns.observe(&s)));
            err.unwrap();
        }
        let mut w = CsvWriter::new(&columns);
        for (day, pack) in &days {
            pack.unpack_json(*day, &mut |s| w.row(&s).unwrap());
        }
        let file = w.finish(file_name(e, today()));
        assert_eq!(file.rows, 4);
        let (header, rows) = parse(&file.parts.concat());
        assert_eq!(
            header,
            ["timestamp", "bpm", "source", "quality", "timestamp_unix"]
        );
        let first = &rows[0];
        assert_eq!(cell(&header, first, "bpm"), "62");
        assert_eq!(cell(&header, first, "source"), "rest");
        assert_eq!(cell(&header, first, "timestamp_unix"), "");
        assert_eq!(cell(&header, &rows[1], "timestamp_unix"), "1796083140000");
        assert_eq!(cell(&header, &rows[2], "quality"), "good");
        assert_eq!(cell(&header, &rows[3], "bpm"), "71");
        let stamps: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(
            stamps,
            [
                "2026-11-30T10:00:00+00:00",
                "2026-11-30T23:59:00+00:00",
                "2026-12-01T00:00:05+00:00",
                "2026-12-02T01:00:00+00:00"
            ]
        );
    }

    #[test]
    fn key_columns_are_the_schemas_own() {
        let spec: Value = serde_json::from_str(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/oura/openapi-1.41.json"
        )))
        .unwrap();
        for e in &ENDPOINTS {
            let props = &spec["components"]["schemas"][e.schema]["properties"];
            assert!(props.is_object(), "{}", e.schema);
            let expected: Vec<&str> = if e.id == EndpointId::Heartrate {
                vec!["timestamp", "bpm", "source"]
            } else {
                ["id", "day", "start_day", "timestamp"]
                    .into_iter()
                    .filter(|k| props.get(k).is_some())
                    .collect()
            };
            assert_eq!(key_columns(e), expected.as_slice(), "{}", e.path);
            for k in key_columns(e) {
                assert!(props.get(k).is_some(), "{} has no {k}", e.path);
            }
        }
    }
}
