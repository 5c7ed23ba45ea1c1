//! The record layout of the document collections (pure, tested natively).
//!
//! A record is `{"key": …, "day": …, "floats": […], "doc": {…}}`:
//! - `key`: the natural key (DESIGN §3): the doc's `id`, its `day` for
//!   `daily_cardiovascular_age`, the fixed [`SINGLETON_KEY`] for `personal_info`.
//! - `day` (indexed, optional): `doc.day`, else `doc.start_day` (enhanced_tag,
//!   rest_mode_period), else the date part of `doc.set_up_at` (ring_configuration).
//!   Absent when none is a valid `YYYY-MM-DD` date (such records are not in the index).
//! - `floats` (optional): JSON pointers of the numbers that were received as whole
//!   floats (`300.0`). JavaScript has one number type, so `JSON.parse` + `JSON.stringify`
//!   re-spells `300.0` as `300`; reading back converts these numbers to floats again so
//!   the doc read is the doc received (same `serde_json::Value`, same text). A pointer
//!   ending in `/*` names an array whose every number was a float.
//! - `doc`: the document exactly as received, stored as the object `JSON.parse` makes of
//!   it (null stays null, absent stays absent, unknown fields and key order stay —
//!   except that JavaScript puts integer-like keys such as `"10"` first; Oura has none).
//!
//! A document whose text is [`COMPRESS_FROM`] bytes or longer (a day of activity with its
//! 1,440 MET values, a night of sleep with its heart-rate and HRV items) is stored as
//! `{"key": …, "day": …, "z": Uint8Array}` instead: `z` is its JSON text exactly as
//! received, raw-DEFLATE compressed by the browser (`CompressionStream`), read back by
//! [`super::inflate`] — no `floats` needed, every character comes back. A browser that
//! cannot compress writes the `doc` form, and both forms are read.
//!
//! Heartrate records are different (packed per UTC day): see [`super::heartrate`]; so
//! are ring battery rows that unpack as received (see [`super::battery`]; the others
//! keep this form, keyed by [`instant_key`]).

use crate::endpoints::{Endpoint, NaturalKey};
use serde_json::{Number, Value};

/// The primary key of the one `personal_info` record.
pub const SINGLETON_KEY: &str = "personal_info";

/// What the store derives from one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordMeta {
    pub key: String,
    pub day: Option<String>,
    pub floats: Vec<String>,
}

/// Why a document cannot be stored (without the collection/index context).
pub fn natural_key(endpoint: &Endpoint, doc: &Value) -> Result<String, String> {
    let obj = doc
        .as_object()
        .ok_or_else(|| format!("is not a JSON object ({})", json_type(doc)))?;
    let field = match endpoint.key {
        NaturalKey::Singleton => return Ok(SINGLETON_KEY.to_owned()),
        NaturalKey::Id => "id",
        NaturalKey::Day => "day",
        NaturalKey::TimestampSource => {
            return Err("heartrate samples are not stored as records".into())
        }
        NaturalKey::Timestamp => {
            return match obj.get("timestamp") {
                Some(Value::String(s)) => crate::oura::models::parse_timestamp(s)
                    .map(|t| instant_key(t.with_timezone(&chrono::Utc)))
                    .ok_or_else(|| format!("has a `timestamp` that is not RFC 3339: {s:?}")),
                Some(other) => Err(format!(
                    "has a `timestamp` that is not a string ({})",
                    json_type(other)
                )),
                None => Err("lacks its natural key `timestamp`".into()),
            }
        }
    };
    match obj.get(field) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        Some(Value::String(_)) => Err(format!("has an empty natural key `{field}`")),
        Some(other) => Err(format!(
            "has a natural key `{field}` that is not a string ({})",
            json_type(other)
        )),
        None => Err(format!("lacks its natural key `{field}`")),
    }
}

/// The key of a record keyed by instant: UTC with nine fraction digits
/// (`2026-11-15T03:00:00.000000000Z`), so that keys sort as the instants do and a
/// window `[start, end)` is the key range `[instant_key(start), instant_key(end))`.
pub fn instant_key(t: chrono::DateTime<chrono::Utc>) -> String {
    use chrono::{Datelike, Timelike};
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:09}Z",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.nanosecond()
    )
}

/// The JSON type name of a value, for error messages.
pub fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn valid_date(s: &str) -> Option<String> {
    let head = s.get(..10)?;
    crate::oura::models::parse_day(head)?;
    Some(head.to_owned())
}

/// The indexed `day` of a document (see the module docs).
pub fn day_of(doc: &Value) -> Option<String> {
    for field in ["day", "start_day"] {
        if let Some(Value::String(s)) = doc.get(field) {
            if s.len() == 10 {
                if let Some(d) = valid_date(s) {
                    return Some(d);
                }
            }
        }
    }
    match doc.get("set_up_at") {
        Some(Value::String(s)) => valid_date(s),
        _ => None,
    }
}

/// Key, day and float pointers of one document, or why it cannot be stored.
pub fn describe(endpoint: &Endpoint, doc: &Value) -> Result<RecordMeta, String> {
    let key = natural_key(endpoint, doc)?;
    let day = match endpoint.key {
        // Instant-keyed rows are indexed by their UTC day (the key's date).
        NaturalKey::Timestamp => key.get(..10).map(str::to_owned),
        _ => day_of(doc),
    };
    Ok(RecordMeta {
        key,
        day,
        floats: float_pointers(doc),
    })
}

fn escape_token(t: &str) -> String {
    t.replace('~', "~0").replace('/', "~1")
}

fn is_whole_float(n: &Number) -> bool {
    n.as_f64().is_some_and(|f| n.is_f64() && f.fract() == 0.0)
}

/// JSON pointers of the numbers that `JSON.stringify` would re-spell as integers.
pub fn float_pointers(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk(doc, &mut String::new(), &mut out);
    out
}

fn walk(v: &Value, path: &mut String, out: &mut Vec<String>) {
    match v {
        Value::Number(n) if is_whole_float(n) => out.push(path.clone()),
        Value::Object(map) => {
            for (k, child) in map {
                let len = path.len();
                path.push('/');
                path.push_str(&escape_token(k));
                walk(child, path, out);
                path.truncate(len);
            }
        }
        Value::Array(items) => {
            let numbers = items.iter().filter_map(Value::as_number);
            let (mut any_whole, mut all_float) = (false, true);
            for n in numbers {
                any_whole |= is_whole_float(n);
                all_float &= n.is_f64();
            }
            let wildcard = any_whole && all_float;
            if wildcard {
                out.push(format!("{path}/*"));
            }
            for (i, child) in items.iter().enumerate() {
                if wildcard && child.is_number() {
                    continue;
                }
                let len = path.len();
                path.push('/');
                path.push_str(&i.to_string());
                walk(child, path, out);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

fn to_float(v: &mut Value) {
    if let Value::Number(n) = v {
        if !n.is_f64() {
            if let Some(f) = n.as_f64().and_then(Number::from_f64) {
                *n = f;
            }
        }
    }
}

/// Undoes JavaScript's re-spelling of whole floats (see [`float_pointers`]).
pub fn restore_floats(doc: &mut Value, pointers: &[String]) {
    for p in pointers {
        if let Some(prefix) = p.strip_suffix("/*") {
            if let Some(Value::Array(items)) = doc.pointer_mut(prefix) {
                items.iter_mut().for_each(to_float);
                continue;
            }
        }
        if let Some(v) = doc.pointer_mut(p) {
            to_float(v);
        }
    }
}

/// Documents whose JSON text has at least this many bytes are stored compressed.
pub const COMPRESS_FROM: usize = 512;

/// The JSON text of the record of a compressed document, without its `z`:
/// `{"key": …, "day": …}`.
pub fn record_head_json(meta: &RecordMeta) -> String {
    let mut s = head(meta, 64);
    s.push('}');
    s
}

fn head(meta: &RecordMeta, capacity: usize) -> String {
    let mut s = String::with_capacity(capacity);
    s.push_str("{\"key\":");
    s.push_str(&json_string(&meta.key));
    if let Some(day) = &meta.day {
        s.push_str(",\"day\":");
        s.push_str(&json_string(day));
    }
    s
}

/// The JSON text of a record, `doc_json` being the document's JSON text (as received,
/// or serialised by serde_json): `JSON.parse` of it is what is stored.
pub fn record_json(meta: &RecordMeta, doc_json: &str) -> String {
    let mut s = head(meta, doc_json.len() + 64);
    if !meta.floats.is_empty() {
        s.push_str(",\"floats\":[");
        for (i, p) in meta.floats.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            s.push_str(&json_string(p));
        }
        s.push(']');
    }
    s.push_str(",\"doc\":");
    s.push_str(doc_json);
    s.push('}');
    s
}

/// The JSON text of a stored document as JavaScript gives it back (`JSON.stringify`)
/// with the whole floats of `pointers` (see [`float_pointers`]) spelled as received
/// again: `300` → `300.0`. Works on the text, so every other number keeps the exact
/// digits JavaScript wrote (no float parsing). Text it cannot read is returned as is.
pub fn respell_whole_floats(text: &str, pointers: &[String]) -> String {
    if pointers.is_empty() {
        return text.to_owned();
    }
    let mut w = Respell {
        b: text.as_bytes(),
        text,
        i: 0,
        out: String::with_capacity(text.len() + 2 * pointers.len()),
        path: String::new(),
        exact: pointers
            .iter()
            .filter(|p| !p.ends_with("/*"))
            .map(String::as_str)
            .collect(),
        arrays: pointers
            .iter()
            .filter_map(|p| p.strip_suffix("/*"))
            .collect(),
    };
    match w.value(false) {
        Some(()) => {
            w.out.push_str(&text[w.i..]);
            w.out
        }
        None => text.to_owned(),
    }
}

struct Respell<'a> {
    b: &'a [u8],
    text: &'a str,
    i: usize,
    out: String,
    path: String,
    exact: std::collections::HashSet<&'a str>,
    arrays: std::collections::HashSet<&'a str>,
}

impl Respell<'_> {
    fn copy_to(&mut self, end: usize) {
        self.out.push_str(&self.text[self.i..end]);
        self.i = end;
    }

    fn ws(&mut self) {
        let mut j = self.i;
        while self.b.get(j).is_some_and(|c| c.is_ascii_whitespace()) {
            j += 1;
        }
        self.copy_to(j);
    }

    fn byte(&mut self, want: u8) -> Option<()> {
        self.ws();
        (self.b.get(self.i) == Some(&want)).then(|| self.copy_to(self.i + 1))
    }

    /// Copies a string literal; returns its text (with the quotes).
    fn string(&mut self) -> Option<&str> {
        let start = self.i;
        let mut j = start + 1;
        loop {
            match self.b.get(j)? {
                b'\\' => j += 2,
                b'"' => break,
                _ => j += 1,
            }
        }
        self.copy_to(j + 1);
        self.text.get(start..j + 1)
    }

    fn value(&mut self, in_float_array: bool) -> Option<()> {
        self.ws();
        match *self.b.get(self.i)? {
            b'{' => {
                self.copy_to(self.i + 1);
                self.ws();
                if self.b.get(self.i) == Some(&b'}') {
                    self.copy_to(self.i + 1);
                    return Some(());
                }
                loop {
                    self.ws();
                    let literal = self.string()?.to_owned();
                    let key: String = serde_json::from_str(&literal).ok()?;
                    let len = self.path.len();
                    self.path.push('/');
                    self.path.push_str(&escape_token(&key));
                    self.byte(b':')?;
                    self.value(false)?;
                    self.path.truncate(len);
                    self.ws();
                    match self.b.get(self.i)? {
                        b',' => self.copy_to(self.i + 1),
                        b'}' => {
                            self.copy_to(self.i + 1);
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.copy_to(self.i + 1);
                let floats = self.arrays.contains(self.path.as_str());
                self.ws();
                if self.b.get(self.i) == Some(&b']') {
                    self.copy_to(self.i + 1);
                    return Some(());
                }
                let mut index = 0usize;
                loop {
                    let len = self.path.len();
                    self.path.push('/');
                    self.path.push_str(&index.to_string());
                    self.value(floats)?;
                    self.path.truncate(len);
                    index += 1;
                    self.ws();
                    match self.b.get(self.i)? {
                        b',' => self.copy_to(self.i + 1),
                        b']' => {
                            self.copy_to(self.i + 1);
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'"' => self.string().map(|_| ()),
            b'-' | b'0'..=b'9' => {
                let start = self.i;
                let mut j = start;
                while self
                    .b
                    .get(j)
                    .is_some_and(|c| matches!(c, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'))
                {
                    j += 1;
                }
                let token = &self.text[start..j];
                let whole = !token.contains(['.', 'e', 'E']);
                self.copy_to(j);
                if whole && (in_float_array || self.exact.contains(self.path.as_str())) {
                    self.out.push_str(".0");
                }
                Some(())
            }
            b't' | b'f' | b'n' => {
                let mut j = self.i;
                while self.b.get(j).is_some_and(u8::is_ascii_alphabetic) {
                    j += 1;
                }
                self.copy_to(j);
                Some(())
            }
            _ => None,
        }
    }
}

/// A string as a JSON string literal.
pub fn json_string(s: &str) -> String {
    Value::from(s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::by_path;
    use serde_json::json;

    fn ep(path: &str) -> &'static Endpoint {
        by_path(path).unwrap()
    }

    #[test]
    fn natural_keys_per_design() {
        let doc = json!({"id": "a1", "day": "2024-01-02"});
        assert_eq!(natural_key(ep("daily_sleep"), &doc).unwrap(), "a1");
        assert_eq!(natural_key(ep("vO2_max"), &doc).unwrap(), "a1");
        assert_eq!(
            natural_key(
                ep("daily_cardiovascular_age"),
                &json!({"day": "2024-01-02"})
            )
            .unwrap(),
            "2024-01-02"
        );
        assert_eq!(
            natural_key(ep("personal_info"), &json!({"age": 3})).unwrap(),
            SINGLETON_KEY
        );
        assert!(natural_key(ep("sleep"), &json!({"day": "2024-01-02"}))
            .unwrap_err()
            .contains("lacks its natural key `id`"));
        assert!(natural_key(ep("sleep"), &json!({"id": null}))
            .unwrap_err()
            .contains("not a string"));
        assert!(natural_key(ep("sleep"), &json!({"id": ""})).is_err());
        assert!(natural_key(ep("sleep"), &json!([1]))
            .unwrap_err()
            .contains("not a JSON object"));
        assert!(natural_key(ep("personal_info"), &json!(null)).is_err());
    }

    #[test]
    fn day_comes_from_day_start_day_or_set_up_at() {
        assert_eq!(
            day_of(&json!({"day": "2024-01-02"})).as_deref(),
            Some("2024-01-02")
        );
        assert_eq!(
            day_of(&json!({"start_day": "2024-08-05", "end_day": null})).as_deref(),
            Some("2024-08-05")
        );
        assert_eq!(
            day_of(&json!({"set_up_at": "2024-03-09T10:48:37+00:00"})).as_deref(),
            Some("2024-03-09")
        );
        assert_eq!(day_of(&json!({"set_up_at": null})), None);
        assert_eq!(day_of(&json!({"day": "soon"})), None);
        assert_eq!(day_of(&json!({"day": "2024-13-01"})), None);
        assert_eq!(day_of(&json!({"id": "x"})), None);
    }

    #[test]
    fn whole_floats_are_respelled_on_the_text_every_other_digit_untouched() {
        let received = r#"{"a":300.0,"b":{"c/d":[1.0,2.5,3.0],"e":7},"f":[1,2.0],"g":2448.5308423962438,"h":"300","i":[{"j":0.0}],"k":-4.0,"l":1e5}"#;
        let doc: Value = serde_json::from_str(received).unwrap();
        let pointers = float_pointers(&doc);
        // What JavaScript gives back: whole floats as integers, others as they were.
        let from_js = r#"{"a":300,"b":{"c/d":[1,2.5,3],"e":7},"f":[1,2],"g":2448.5308423962438,"h":"300","i":[{"j":0}],"k":-4,"l":100000}"#;
        assert_eq!(
            respell_whole_floats(from_js, &pointers),
            r#"{"a":300.0,"b":{"c/d":[1.0,2.5,3.0],"e":7},"f":[1,2.0],"g":2448.5308423962438,"h":"300","i":[{"j":0.0}],"k":-4.0,"l":100000.0}"#,
            "1e5 is a whole float: JavaScript's 100000 comes back as 100000.0 (as serde_json spells it)"
        );
        assert_eq!(respell_whole_floats(from_js, &[]), from_js);
        assert_eq!(
            respell_whole_floats("{\"a\":", &pointers),
            "{\"a\":",
            "unreadable: as is"
        );
        // Whitespace and escapes in keys.
        let spaced = "{ \"a\" : 300 , \"q\\\"\" : [ 1 ] }";
        let p = vec!["/a".to_string(), "/q\"/*".to_string()];
        assert_eq!(
            respell_whole_floats(spaced, &p),
            "{ \"a\" : 300.0 , \"q\\\"\" : [ 1.0 ] }"
        );
    }

    /// What storing in IndexedDB does to a doc: JSON.parse then JSON.stringify, which
    /// spells whole floats as integers.
    fn through_javascript(doc: &Value) -> Value {
        fn js(v: &Value) -> Value {
            match v {
                Value::Number(n) if n.is_f64() => {
                    let f = n.as_f64().unwrap();
                    if f.fract() == 0.0 && f.abs() < 1e21 {
                        if f < 0.0 {
                            json!(f as i64)
                        } else {
                            json!(f as u64)
                        }
                    } else {
                        v.clone()
                    }
                }
                Value::Array(a) => Value::Array(a.iter().map(js).collect()),
                Value::Object(m) => {
                    Value::Object(m.iter().map(|(k, v)| (k.clone(), js(v))).collect())
                }
                _ => v.clone(),
            }
        }
        js(doc)
    }

    fn round_trip(doc: &Value) -> Value {
        let pointers = float_pointers(doc);
        let mut back = through_javascript(doc);
        restore_floats(&mut back, &pointers);
        back
    }

    #[test]
    fn whole_floats_survive_javascript() {
        let text = r#"{"a":300.0,"b":3,"c":[76.0,null,77.5,78.0],"d":[1,2.0,3],"e":{"x/y":1.0,"t~":[[2.0]]},"f":-0.5,"g":-4.0,"*":[1.0]}"#;
        let doc: Value = serde_json::from_str(text).unwrap();
        let pointers = float_pointers(&doc);
        assert!(pointers.contains(&"/c/*".to_string()));
        assert!(pointers.contains(&"/d/1".to_string()));
        assert!(pointers.contains(&"/e/x~1y".to_string()));
        assert!(pointers.contains(&"/e/t~0/0/*".to_string()));
        let back = round_trip(&doc);
        assert_eq!(back, doc);
        assert_eq!(serde_json::to_string(&back).unwrap(), text);
        assert!(float_pointers(&json!({"a": 1, "b": [1, 2], "c": 0.5})).is_empty());
    }

    #[test]
    fn recorded_documents_survive_javascript_exactly() {
        for text in [
            include_str!("../../tests/data/oura/recorded/multiple_sleep.json"),
            include_str!("../../tests/data/oura/recorded/multiple_daily_activity.json"),
            include_str!("../../tests/data/oura/recorded/multiple_workout.json"),
            include_str!("../../tests/data/oura/recorded/multiple_session.json"),
        ] {
            let file: Value = serde_json::from_str(text).unwrap();
            for doc in file["body"]["data"].as_array().unwrap() {
                let back = round_trip(doc);
                assert_eq!(
                    serde_json::to_string(&back).unwrap(),
                    serde_json::to_string(doc).unwrap()
                );
            }
        }
    }

    #[test]
    fn record_json_is_parseable_and_keeps_the_doc_text() {
        let doc = r#"{"id":"a\"b","day":"2024-01-02","x":null,"n":1.0}"#;
        let v: Value = serde_json::from_str(doc).unwrap();
        let meta = describe(ep("tag"), &v).unwrap();
        let rec: Value = serde_json::from_str(&record_json(&meta, doc)).unwrap();
        assert_eq!(rec["key"], "a\"b");
        assert_eq!(rec["day"], "2024-01-02");
        assert_eq!(rec["floats"], json!(["/n"]));
        assert_eq!(rec["doc"], v);
        let no_day = RecordMeta {
            key: "k".into(),
            day: None,
            floats: vec![],
        };
        let rec: Value = serde_json::from_str(&record_json(&no_day, "{}")).unwrap();
        assert_eq!(rec, json!({"key": "k", "doc": {}}));
        let head: Value = serde_json::from_str(&record_head_json(&meta)).unwrap();
        assert_eq!(head, json!({"key": "a\"b", "day": "2024-01-02"}));
        let head: Value = serde_json::from_str(&record_head_json(&no_day)).unwrap();
        assert_eq!(head, json!({"key": "k"}));
    }
}
