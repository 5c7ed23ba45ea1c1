//! The `series` object store (schema v4): beside every document of an endpoint with
//! measures or tags, its compact row (`insights::series::Row`), so that trends over
//! years read a few numbers per day instead of the documents.
//!
//! A series record is `{"key": "<path>\u{1}<doc key>", "day": …, "r": "<row JSON>"}`:
//! the key starts with the endpoint's path, so one endpoint's rows are one key range;
//! `day` is indexed. Rows are written in the same transaction as their documents (a
//! sync page, an import) and removed with them (a sweep); a document that no longer
//! has a row (a long sleep revised into a nap) has its row deleted. When the store's
//! rows were written by another [`SERIES_VERSION`] (meta [`SERIES_VERSION_KEY`]), they
//! are built again from the documents before they are read.
//!
//! Pure (tested natively); the browser half is in `idb`.

use super::record::json_string;
use crate::endpoints::Endpoint;
use crate::insights::series::{row, row_text};
use serde_json::Value;

pub use crate::insights::series::SERIES_VERSION;

/// The object store of the rows.
pub const SERIES_STORE: &str = "series";
/// Meta key of the [`SERIES_VERSION`] the rows were written by.
pub const SERIES_VERSION_KEY: &str = "series/version";

/// The series key of a document of `endpoint` with natural key `key`.
pub fn series_key(endpoint: &Endpoint, key: &str) -> String {
    format!("{}\u{1}{key}", endpoint.path)
}

/// The key range of `endpoint`'s rows: `[path\u{1}, path\u{2})`.
pub fn key_bounds(endpoint: &Endpoint) -> (String, String) {
    (
        format!("{}\u{1}", endpoint.path),
        format!("{}\u{2}", endpoint.path),
    )
}

/// The endpoint path and document key of a series key.
pub fn split_key(key: &str) -> Option<(&str, &str)> {
    key.split_once('\u{1}')
}

/// Whether the store keeps rows for `endpoint`'s documents.
pub fn has_rows(endpoint: &Endpoint) -> bool {
    crate::insights::series::has_rows(endpoint.id)
}

/// What to do with one document's row: `(series key, Some(record JSON))` to put,
/// `(series key, None)` to delete (the document has no row). `None` for endpoints
/// without rows.
pub fn row_write(endpoint: &Endpoint, key: &str, doc: &Value) -> Option<(String, Option<String>)> {
    if !has_rows(endpoint) {
        return None;
    }
    let skey = series_key(endpoint, key);
    let record = row(endpoint.id, doc).map(|r| {
        format!(
            "{{\"key\":{},\"day\":{},\"r\":{}}}",
            json_string(&skey),
            json_string(&r.day),
            json_string(&row_text(&r))
        )
    });
    Some((skey, record))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::by_path;
    use serde_json::json;

    #[test]
    fn a_document_gets_a_row_record_or_a_delete_and_other_endpoints_nothing() {
        let sleep = by_path("sleep").unwrap();
        let doc = json!({"id": "n1", "day": "2026-03-02", "type": "long_sleep", "average_hrv": 41});
        let (key, rec) = row_write(sleep, "n1", &doc).unwrap();
        assert_eq!(key, "sleep\u{1}n1");
        let rec: Value = serde_json::from_str(&rec.unwrap()).unwrap();
        assert_eq!(rec["key"], "sleep\u{1}n1");
        assert_eq!(rec["day"], "2026-03-02");
        assert_eq!(rec["r"], r#"{"d":"2026-03-02","v":[[8,41.0]]}"#);
        let nap = json!({"id": "n1", "day": "2026-03-02", "type": "rest", "average_hrv": 41});
        assert_eq!(
            row_write(sleep, "n1", &nap),
            Some((key, None)),
            "revised into a nap: delete"
        );
        assert_eq!(row_write(by_path("heartrate").unwrap(), "k", &doc), None);
        assert_eq!(
            split_key("daily_sleep\u{1}a\u{1}b"),
            Some(("daily_sleep", "a\u{1}b"))
        );
        let (lo, hi) = key_bounds(sleep);
        assert!(lo.as_str() < "sleep\u{1}zzz" && "sleep\u{1}zzz" < hi.as_str());
        assert!(!("sleep_time\u{1}a" > lo.as_str() && "sleep_time\u{1}a" < hi.as_str()));
    }
}
