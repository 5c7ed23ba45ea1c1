//! Pages: parsing a 2xx body into its documents (exactly as received) and the paging
//! state of one window, which catches a `next_token` received twice. Pure, tested
//! natively.

use super::error::ClientError;
use crate::endpoints::QueryKind;
use serde_json::Value;
use std::collections::HashSet;

/// One page of documents, exactly as received (same keys, same order, nulls kept).
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// The documents, parsed (for reading keys, days and values).
    pub docs: Vec<Value>,
    /// Each document's JSON text exactly as it arrived, character for character: what
    /// the store keeps, so every number keeps every digit it was sent with (the
    /// parsed `docs` may round a 17-digit float in its last digit).
    pub raw: Vec<String>,
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
            raw: vec![body.trim().to_owned()],
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
    #[derive(serde::Deserialize)]
    struct Texts<'a> {
        #[serde(borrow)]
        data: Vec<&'a serde_json::value::RawValue>,
    }
    let raw = serde_json::from_str::<Texts>(body)
        .map_err(|e| e.to_string())?
        .data
        .into_iter()
        .map(|r| r.get().to_owned())
        .collect();
    Ok(Page {
        docs,
        raw,
        next_token,
    })
}

/// The paging state of one window of one endpoint: the token to send next and every
/// token received, so that a token received twice is caught (re-sending the same token
/// on a retry is fine: only tokens *received* with a page count). A repeat is an error,
/// and stays one: the window never looks finished.
#[derive(Clone, Debug)]
pub struct PagingState {
    endpoint: &'static str,
    next_token: Option<String>,
    received: HashSet<String>,
    pages: u32,
    done: bool,
    repeated: bool,
}

impl PagingState {
    /// The state before the first page of a window of `endpoint` (its path segment).
    pub fn new(endpoint: &'static str) -> Self {
        PagingState {
            endpoint,
            next_token: None,
            received: HashSet::new(),
            pages: 0,
            done: false,
            repeated: false,
        }
    }

    /// The token the next request sends (`None` for the first page).
    pub fn next_token(&self) -> Option<&str> {
        self.next_token.as_deref()
    }

    /// Whether the last page has been received (never after a repeated token).
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Pages received so far.
    pub fn pages(&self) -> u32 {
        self.pages
    }

    /// `Err(RepeatedToken)` once a token was received twice (every call after it too),
    /// else `Ok`.
    pub fn check(&self) -> Result<(), ClientError> {
        if self.repeated {
            return Err(ClientError::RepeatedToken {
                endpoint: self.endpoint,
                pages: self.pages,
            });
        }
        Ok(())
    }

    /// Records the `next_token` of a received page. [`ClientError::RepeatedToken`]
    /// (permanent) when that token was already received in this window.
    pub fn advance(&mut self, received: Option<&str>) -> Result<(), ClientError> {
        self.check()?;
        self.pages = self.pages.saturating_add(1);
        match received {
            None => {
                self.done = true;
                self.next_token = None;
            }
            Some(token) => {
                if !self.received.insert(token.to_owned()) {
                    self.repeated = true;
                    self.next_token = None;
                    return self.check();
                }
                self.next_token = Some(token.to_owned());
            }
        }
        Ok(())
    }

    /// Stops paging (e.g. for a single-object endpoint).
    pub fn finish(&mut self) {
        self.pages = self.pages.saturating_add(1);
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
        let repeated = |pages| {
            Err(ClientError::RepeatedToken {
                endpoint: "tag",
                pages,
            })
        };
        let mut s = PagingState::new("tag");
        assert_eq!(s.next_token(), None);
        assert!(!s.is_done());
        assert_eq!(s.advance(Some("t1")), Ok(()));
        // A retry re-sends t1 (the state does not change until a page arrives).
        assert_eq!(s.next_token(), Some("t1"));
        assert_eq!(s.next_token(), Some("t1"));
        assert_eq!(s.advance(Some("t2")), Ok(()));
        assert_eq!(s.next_token(), Some("t2"));
        assert_eq!(s.advance(Some("t1")), repeated(3), "t1 received twice");
        assert!(!s.is_done(), "not a silent stop");
        assert_eq!(s.check(), repeated(3), "the error stays");
        assert_eq!(s.advance(None), repeated(3));
        let err = s.check().unwrap_err();
        assert!(err.is_permanent() && !err.is_retryable());

        let mut s = PagingState::new("sleep");
        assert_eq!(s.advance(Some("t1")), Ok(()));
        assert_eq!(
            s.advance(Some("t1")),
            Err(ClientError::RepeatedToken {
                endpoint: "sleep",
                pages: 2
            }),
            "a page pointing at itself"
        );

        let mut s = PagingState::new("tag");
        assert_eq!(s.advance(Some("t1")), Ok(()));
        assert_eq!(s.advance(None), Ok(()));
        assert!(s.is_done());
        assert_eq!(s.check(), Ok(()));
        assert_eq!((s.next_token(), s.pages()), (None, 2));
    }

    /// A tiny deterministic generator (splitmix64): no dependency for test randomness.
    fn splitmix(state: &mut u64) -> u64 {
        *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Parses `docs` as one page and checks every document's text is kept exactly.
    fn assert_page_keeps_every_digit(kind: QueryKind, docs: &[String]) {
        let body = format!(r#"{{"data":[{}],"next_token":null}}"#, docs.join(","));
        let page = parse_page(kind, &body).unwrap();
        assert_eq!(page.docs.len(), docs.len());
        assert_eq!(&page.raw, docs);
    }

    #[test]
    fn every_digit_of_every_number_survives_a_page() {
        let fixed = [
            r#"{"id":"w1","activity":"walking","distance":2448.5308423962438,"calories":301.29999999999995}"#,
            r#"{"id":"s1","average_breath":14.875,"average_heart_rate":51.12345678901234,"items":[0.1,0.30000000000000004,null,-0.0,5e-324,1.7976931348623157e+308]}"#,
            r#"{"timestamp":"2026-11-20T06:00:00+00:00","timestamp_unix":1795154400000,"bpm":52,"big":18446744073709551615,"neg":-9223372036854775808}"#,
        ];
        let docs: Vec<String> = fixed.iter().map(|s| s.to_string()).collect();
        assert_page_keeps_every_digit(QueryKind::Dates, &docs);

        // Random doubles of 1e-4 ..= 1e9 (the ranges of Oura's values), printed
        // shortest-round-trip by Rust (`{}` and `{:?}` agree there), through pages of
        // 50 documents.
        let mut state = 7u64;
        for _ in 0..200 {
            let docs: Vec<String> = (0..50)
                .map(|i| {
                    let unit = (splitmix(&mut state) >> 11) as f64 / (1u64 << 53) as f64;
                    let scale = 10f64.powi((splitmix(&mut state) % 12) as i32 - 3);
                    let x = (0.1 + 0.9 * unit) * scale;
                    let text = if i % 2 == 0 {
                        format!("{x}")
                    } else {
                        format!("{x:?}")
                    };
                    let text = if text.contains('.') {
                        text
                    } else {
                        format!("{text}.0")
                    };
                    format!(r#"{{"id":"d{i}","value":{text},"neg":-{text}}}"#)
                })
                .collect();
            assert_page_keeps_every_digit(QueryKind::DateTimes, &docs);
        }

        // Any finite double, in any spelling Oura might use, keeps its text.
        for _ in 0..2_000 {
            let x = f64::from_bits(splitmix(&mut state));
            if !x.is_finite() {
                continue;
            }
            let docs = vec![
                format!(r#"{{"v":{x:?}}}"#),
                format!(r#"{{"v":{x:e}}}"#),
                format!(r#"{{ "v" : {x:?} , "w":1.50 }}"#),
            ];
            assert_page_keeps_every_digit(QueryKind::Dates, &docs);
        }
    }

    #[test]
    fn a_single_document_keeps_its_text() {
        let body = "{\"id\":\"p\",\"weight\":61.50}\n";
        let page = parse_page(QueryKind::Single, body).unwrap();
        assert_eq!(page.raw, vec![r#"{"id":"p","weight":61.50}"#.to_string()]);
    }
}
