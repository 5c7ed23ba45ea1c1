//! Pages: parsing a 2xx body into its documents (exactly as received) and the paging
//! state of one window, which catches a `next_token` received twice. Pure, tested
//! natively.

use crate::endpoints::QueryKind;
use serde_json::Value;
use std::collections::HashSet;

/// One page of documents, exactly as received (same keys, same order, nulls kept).
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub docs: Vec<Value>,
    /// The token of the next page (`None` on the last page). Never persist it.
    pub next_token: Option<String>,
}

/// Parses a 2xx body: a `{data: [...], next_token}` envelope, or for
/// [`QueryKind::Single`] one object (returned as a one-document page). `Err` is the
/// reason it is not what Oura sends (a truncated body, typically).
pub fn parse_page(kind: QueryKind, body: &str) -> Result<Page, String> {
    let value: Value = serde_json::from_str(body).map_err(|e| e.to_string())?;
    let Value::Object(mut map) = value else {
        return Err("the body is not a JSON object".to_owned());
    };
    if kind == QueryKind::Single {
        return Ok(Page {
            docs: vec![Value::Object(map)],
            next_token: None,
        });
    }
    let docs = match map.remove("data") {
        Some(Value::Array(docs)) => docs,
        Some(_) => return Err("`data` is not an array".to_owned()),
        None => return Err("the body has no `data`".to_owned()),
    };
    let next_token = match map.remove("next_token") {
        None | Some(Value::Null) => None,
        Some(Value::String(t)) if t.is_empty() => None,
        Some(Value::String(t)) => Some(t),
        Some(_) => return Err("`next_token` is not a string".to_owned()),
    };
    Ok(Page { docs, next_token })
}

/// The paging state of one window: the token to send next and every token received,
/// so that a token received twice is caught (re-sending the same token on a retry is
/// fine: only tokens *received* with a page count).
#[derive(Clone, Debug, Default)]
pub struct PagingState {
    next_token: Option<String>,
    received: HashSet<String>,
    done: bool,
}

impl PagingState {
    pub fn new() -> Self {
        Self::default()
    }

    /// The token the next request sends (`None` for the first page).
    pub fn next_token(&self) -> Option<&str> {
        self.next_token.as_deref()
    }

    /// Whether the last page has been received (or paging was stopped).
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Records the `next_token` of a received page. `Err(())` when that token was
    /// already received in this window (paging stops).
    #[allow(clippy::result_unit_err)]
    pub fn advance(&mut self, received: Option<&str>) -> Result<(), ()> {
        match received {
            None => {
                self.done = true;
                self.next_token = None;
                Ok(())
            }
            Some(token) => {
                if !self.received.insert(token.to_owned()) {
                    self.done = true;
                    self.next_token = None;
                    return Err(());
                }
                self.next_token = Some(token.to_owned());
                Ok(())
            }
        }
    }

    /// Stops paging (e.g. for a single-object endpoint).
    pub fn finish(&mut self) {
        self.done = true;
        self.next_token = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_parsed_as_received() {
        let body = r#"{"data":[{"z":1,"a":null,"m":{"y":2,"b":[1.5,"x"]}},{"id":"2"}],"next_token":"abc"}"#;
        let page = parse_page(QueryKind::Dates, body).unwrap();
        assert_eq!(page.next_token.as_deref(), Some("abc"));
        assert_eq!(page.docs.len(), 2);
        assert_eq!(
            serde_json::to_string(&page.docs[0]).unwrap(),
            r#"{"z":1,"a":null,"m":{"y":2,"b":[1.5,"x"]}}"#,
            "key order and nulls survive"
        );
        let last = parse_page(QueryKind::DateTimes, r#"{"data":[]}"#).unwrap();
        assert_eq!(last.next_token, None);
        let last = parse_page(QueryKind::Dates, r#"{"data":[],"next_token":null}"#).unwrap();
        assert_eq!(last.next_token, None);

        let single =
            parse_page(QueryKind::Single, r#"{"id":"p","age":null,"email":"a@b"}"#).unwrap();
        assert_eq!(single.docs.len(), 1);
        assert_eq!(single.next_token, None);
        assert_eq!(
            serde_json::to_string(&single.docs[0]).unwrap(),
            r#"{"id":"p","age":null,"email":"a@b"}"#
        );

        for bad in [
            r#"{"data":[{"id":"1"},{"id""#,
            "",
            "<html>",
            "[]",
            r#"{"next_token":null}"#,
            r#"{"data":{}}"#,
            r#"{"data":[],"next_token":5}"#,
        ] {
            assert!(parse_page(QueryKind::Dates, bad).is_err(), "{bad:?}");
        }
        assert!(parse_page(QueryKind::Single, "[1]").is_err());
    }

    #[test]
    fn a_token_received_twice_is_caught_but_resending_is_not() {
        let mut s = PagingState::new();
        assert_eq!(s.next_token(), None);
        assert!(!s.is_done());
        assert_eq!(s.advance(Some("t1")), Ok(()));
        // A retry re-sends t1 (the state does not change until a page arrives).
        assert_eq!(s.next_token(), Some("t1"));
        assert_eq!(s.next_token(), Some("t1"));
        assert_eq!(s.advance(Some("t2")), Ok(()));
        assert_eq!(s.next_token(), Some("t2"));
        assert_eq!(s.advance(Some("t1")), Err(()), "t1 received twice");
        assert!(s.is_done());

        let mut s = PagingState::new();
        assert_eq!(s.advance(Some("t1")), Ok(()));
        assert_eq!(s.advance(Some("t1")), Err(()), "a page pointing at itself");

        let mut s = PagingState::new();
        assert_eq!(s.advance(Some("t1")), Ok(()));
        assert_eq!(s.advance(None), Ok(()));
        assert!(s.is_done());
        assert_eq!(s.next_token(), None);
    }
}
