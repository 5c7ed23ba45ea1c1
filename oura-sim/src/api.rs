//! `/v2/usercollection/*`: Oura's query semantics, pagination, auth and faults.
//!
//! Date semantics (see README.md):
//! - `start_date`/`end_date` filter on the document's local `day` (`start_day` for
//!   enhanced_tag and rest_mode_period). Both accept a date or a date-time (its date is
//!   used). `end_date` is **inclusive** except for `sleep`, `sleep_time` and `workout`,
//!   where it is **exclusive** — that is what the recorded responses show (daily_* with
//!   11..12 return both days; sleep/sleep_time/workout with ..11-03 stop at 11-02).
//! - Defaults mimic Oura: `end_date` = the simulator's today, `start_date` = end − 1 day.
//!   `start_date` > `end_date` → 422 (recorded body).
//! - heartrate: only `start_datetime`/`end_datetime`, half-open `[start, end)`,
//!   default end = now, start = end − 1 day; start > end → 400; window > 30 days → 400.
//! - `next_token` is opaque and self-contained (it encodes the query and the offset);
//!   when present the other filters are ignored; an invalid one → 400.

use crate::data::{endpoint_index, Data, SeriesRow, ENDPOINTS, SERIES};
use crate::rng::{self, from_hex, to_hex};
use crate::{add_days, detail, json_response, Sim};
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, Response, StatusCode};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use serde_json::json;
use std::collections::HashMap;
use std::time::Instant;

/// Endpoints whose `end_date` is exclusive.
pub const END_EXCLUSIVE: [&str; 3] = ["sleep", "sleep_time", "workout"];

/// Stats key of a path below `/v2/usercollection/`.
pub fn route_key(rest: &str) -> String {
    let mut parts = rest.splitn(2, '/');
    let name = parts.next().unwrap_or("");
    let id = parts.next();
    if !ENDPOINTS.contains(&name) {
        return "(unknown)".into();
    }
    match id {
        None => format!("/v2/usercollection/{name}"),
        Some(id) if !id.is_empty() && !id.contains('/') => {
            format!("/v2/usercollection/{name}/{{document_id}}")
        }
        Some(_) => "(unknown)".into(),
    }
}

fn validation_error(kind: &str, loc: [&str; 2], msg: &str, input: &str) -> Response<Body> {
    json_response(
        StatusCode::UNPROCESSABLE_ENTITY,
        json!({"detail": [{"type": kind, "loc": loc, "msg": msg, "input": input}]}).to_string(),
    )
}

fn parse_query(q: Option<&str>) -> HashMap<String, String> {
    // Last occurrence wins (as FastAPI does for scalar parameters).
    form_urlencoded::parse(q.unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// A date or date-time query value → its date.
fn parse_day(s: &str) -> Option<NaiveDate> {
    let t = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Some(d);
    }
    parse_datetime_any(t).map(|(local_date, _)| local_date)
}

/// Parses RFC 3339 (with `Z` or an offset; a `+` decoded to a space is repaired), a
/// naive date-time (taken as UTC) or a date (UTC midnight). Returns (date as written,
/// instant).
fn parse_datetime_any(s: &str) -> Option<(NaiveDate, DateTime<Utc>)> {
    let t = s.trim();
    if t.is_empty() || t.len() > 64 {
        return None;
    }
    let mut candidates = vec![t.to_string()];
    // "…T00:00:00 09:00": an unencoded '+' became a space.
    if let Some(pos) = t.rfind(' ') {
        if pos > 10 {
            let mut fixed = t.to_string();
            fixed.replace_range(pos..pos + 1, "+");
            candidates.push(fixed);
        }
    }
    for c in &candidates {
        if let Ok(dt) = DateTime::parse_from_rfc3339(c) {
            return Some((dt.date_naive(), dt.with_timezone(&Utc)));
        }
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(n) = NaiveDateTime::parse_from_str(t, fmt) {
            return Some((n.date(), n.and_utc()));
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        let n = d.and_hms_opt(0, 0, 0)?;
        return Some((d, n.and_utc()));
    }
    None
}

fn token_ks(key: u64, i: usize) -> u8 {
    (rng::mix(key ^ (i as u64).wrapping_mul(0x9E37_79B9)) & 0xff) as u8
}

/// Encodes a continuation token.
pub fn encode_token(key: u64, ep: usize, a: i64, b: i64, off: u64) -> String {
    let payload = format!("{ep}.{a}.{b}.{off}");
    let mac = rng::hash_bytes(key, payload.as_bytes());
    let x: Vec<u8> = payload
        .bytes()
        .enumerate()
        .map(|(i, c)| c ^ token_ks(key, i))
        .collect();
    format!("{}{:016x}", to_hex(&x), mac)
}

/// Decodes a continuation token; None when it is not one of ours.
pub fn decode_token(key: u64, tok: &str) -> Option<(usize, i64, i64, u64)> {
    if tok.len() < 18 || tok.len() > 256 || !tok.is_ascii() {
        return None;
    }
    let (body, mac) = tok.split_at(tok.len() - 16);
    let mac = u64::from_str_radix(mac, 16).ok()?;
    let x = from_hex(body)?;
    let payload: Vec<u8> = x
        .iter()
        .enumerate()
        .map(|(i, c)| c ^ token_ks(key, i))
        .collect();
    if rng::hash_bytes(key, &payload) != mac {
        return None;
    }
    let s = String::from_utf8(payload).ok()?;
    let mut it = s.split('.');
    let ep = it.next()?.parse().ok()?;
    let a = it.next()?.parse().ok()?;
    let b = it.next()?.parse().ok()?;
    let off = it.next()?.parse().ok()?;
    if it.next().is_some() {
        return None;
    }
    Some((ep, a, b, off))
}

fn invalid_token() -> Response<Body> {
    detail(StatusCode::BAD_REQUEST, "Invalid next_token.")
}

/// Fault draws made for every API request, so the fault sequence depends only on the
/// seed and the order of requests.
struct Draws {
    fail: f64,
    kind: u64,
    trunc: f64,
    pos: u64,
}

pub async fn handle(sim: &Sim, req: Request) -> Response<Body> {
    let path = req.uri().path().to_string();
    let rest = path.strip_prefix("/v2/usercollection/").unwrap_or("");
    let mut parts = rest.splitn(2, '/');
    let name = parts.next().unwrap_or("").to_string();
    let doc_id = parts.next().map(str::to_string);
    let Some(ep) = endpoint_index(&name) else {
        return detail(StatusCode::NOT_FOUND, "Not Found");
    };
    if matches!(&doc_id, Some(id) if id.is_empty() || id.contains('/'))
        || (doc_id.is_some() && (SERIES.contains(&name.as_str()) || name == "personal_info"))
    {
        return detail(StatusCode::NOT_FOUND, "Not Found");
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return detail(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed");
    }

    // Draws, rate limit and the runtime settings, under one short lock.
    let (draws, faults, limited) = {
        let mut rt = sim.rt();
        let draws = Draws {
            fail: rt.fault_rng.f64(),
            kind: rt.fault_rng.next_u64(),
            trunc: rt.fault_rng.f64(),
            pos: rt.fault_rng.next_u64(),
        };
        let now = Instant::now();
        let limit = rt.faults.rate_limit;
        let span = rt.faults.rate_limit_window.max(1) as f64;
        let who = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let limited = if limit > 0 {
            let window = rt.window.entry(who).or_default();
            while window
                .front()
                .is_some_and(|t| now.duration_since(*t).as_secs_f64() >= span)
            {
                window.pop_front();
            }
            if window.len() >= limit as usize {
                let oldest = window.front().copied().unwrap_or(now);
                let wait = span - now.duration_since(oldest).as_secs_f64();
                Some(wait.ceil().max(1.0) as u64)
            } else {
                window.push_back(now);
                None
            }
        } else {
            None
        };
        (draws, rt.faults.clone(), limited)
    };
    if faults.latency_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(
            faults.latency_ms.min(600_000),
        ))
        .await;
    }
    if let Some(secs) = limited {
        let mut r = detail(
            StatusCode::TOO_MANY_REQUESTS,
            "Request Rate Limit Exceeded.",
        );
        let mode = faults.rate_limit_headers.as_str();
        let h = r.headers_mut();
        if mode == "full" {
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                h.insert(header::RETRY_AFTER, v);
            }
        }
        if mode == "full" || mode == "reset_only" {
            let reset = Utc::now().timestamp() + secs as i64;
            for (k, v) in [
                ("x-ratelimit-limit", faults.rate_limit.to_string()),
                ("x-ratelimit-window", faults.rate_limit_window.to_string()),
                ("x-ratelimit-reset", reset.to_string()),
                ("x-ratelimit-tier", "token".to_string()),
            ] {
                if let Ok(v) = HeaderValue::from_str(&v) {
                    h.insert(k, v);
                }
            }
        }
        return r;
    }

    // Bearer auth.
    let auth = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::trim);
    let token = auth.and_then(|a| {
        let (scheme, tok) = a.split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then(|| tok.trim())
    });
    let unauthorized = |msg: &str| {
        let mut r = detail(StatusCode::UNAUTHORIZED, msg);
        r.headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        r
    };
    match token {
        None | Some("") => return unauthorized("Not authenticated."),
        Some(tok) => {
            let rt = sim.rt();
            match rt.tokens.get(tok) {
                None => return unauthorized("Invalid access token."),
                Some(info) if info.expires.is_some_and(|e| Instant::now() >= e) => {
                    return unauthorized("Access token expired.")
                }
                Some(_) => {}
            }
        }
    }
    if faults.forbid.contains(&name) {
        return detail(
            StatusCode::FORBIDDEN,
            "Access forbidden: the access token lacks the scope required for this endpoint.",
        );
    }
    if doc_id.is_none()
        && faults.fail_once.contains(&name)
        && sim.rt().faults.fail_once.remove(&name)
    {
        return detail(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error");
    }
    if draws.fail < faults.fail_rate {
        return match draws.kind % 3 {
            0 => detail(StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error"),
            1 => {
                let mut r = Response::new(Body::from(
                    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n",
                ));
                *r.status_mut() = StatusCode::BAD_GATEWAY;
                r.headers_mut()
                    .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
                r
            }
            _ => detail(StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable"),
        };
    }

    if doc_id.is_none() && faults.not_found.contains(&name) {
        return detail(StatusCode::NOT_FOUND, "Not Found");
    }
    let query = parse_query(req.uri().query());
    let resp = match doc_id {
        Some(id) => single(sim, ep, &id),
        None => list(sim, ep, &name, &query, faults.repeat_token.contains(&name)),
    };
    if resp.0 == StatusCode::OK && draws.trunc < faults.truncate_rate && resp.1.len() > 1 {
        let cut = 1 + (draws.pos % (resp.1.len() as u64 - 1)) as usize;
        let mut body = resp.1.into_bytes();
        body.truncate(cut);
        let mut r = Response::new(Body::from(body));
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        return r;
    }
    if resp.0 == StatusCode::OK {
        json_response(StatusCode::OK, resp.1)
    } else {
        resp.2.unwrap_or_else(|| json_response(resp.0, resp.1))
    }
}

/// (status, body, or a prepared error response)
type Outcome = (StatusCode, String, Option<Response<Body>>);

fn err(r: Response<Body>) -> Outcome {
    (r.status(), String::new(), Some(r))
}

fn single(sim: &Sim, ep: usize, id: &str) -> Outcome {
    let valid = !id.is_empty()
        && id.len() <= 128
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !valid {
        return err(validation_error(
            "value_error",
            ["path", "document_id"],
            "Invalid document ID format",
            id,
        ));
    }
    let data = sim.data();
    match data.by_id[ep].get(id) {
        Some(&i) => (StatusCode::OK, data.collections[ep][i].json.clone(), None),
        None => err(detail(StatusCode::NOT_FOUND, "Document not found.")),
    }
}

fn page_body<'a>(
    items: impl Iterator<Item = std::borrow::Cow<'a, str>>,
    next: Option<String>,
) -> String {
    let mut s = String::from("{\"data\":[");
    for (i, it) in items.enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&it);
    }
    s.push_str("],\"next_token\":");
    match next {
        Some(t) => {
            s.push('"');
            s.push_str(&t);
            s.push('"');
        }
        None => s.push_str("null"),
    }
    s.push('}');
    s
}

/// The `repeat_token` fault: a follow-up page answers with the token it was asked with;
/// the first page always has a token (to the end of the results when there is no more).
fn repeat(
    on: bool,
    asked: Option<&str>,
    next: Option<String>,
    end_token: impl FnOnce() -> String,
) -> Option<String> {
    if !on {
        return next;
    }
    match asked {
        Some(t) => Some(t.to_string()),
        None => Some(next.unwrap_or_else(end_token)),
    }
}

fn list(
    sim: &Sim,
    ep: usize,
    name: &str,
    q: &HashMap<String, String>,
    repeat_token: bool,
) -> Outcome {
    let data = sim.data();
    let data: &Data = &data;
    let key = sim.token_key;
    let token = q
        .get("next_token")
        .map(String::as_str)
        .filter(|t| !t.is_empty());
    let decoded = match token {
        Some(t) => match decode_token(key, t) {
            Some(d) if d.0 == ep => Some(d),
            _ => return err(invalid_token()),
        },
        None => None,
    };
    match name {
        "personal_info" => (StatusCode::OK, data.personal_info.clone(), None),
        "heartrate" => series_list(sim, ep, &data.heartrate, q, decoded, token, repeat_token),
        "ring_battery_level" => {
            series_list(sim, ep, &data.battery, q, decoded, token, repeat_token)
        }
        _ => {
            let docs = &data.collections[ep];
            let ps = sim.args.page_size.max(1) as usize;
            let (lo, hi, a, b, off) = if name == "ring_configuration" {
                let off = decoded.map(|d| d.3).unwrap_or(0);
                (0, docs.len(), 0, 0, off)
            } else {
                let (a, b, off) = match decoded {
                    Some((_, a, b, off)) => (a, b, off),
                    None => {
                        let parse = |k: &str| -> Result<Option<NaiveDate>, Box<Response<Body>>> {
                            match q.get(k).map(String::as_str).filter(|v| !v.is_empty()) {
                                None => Ok(None),
                                Some(v) => parse_day(v).map(Some).ok_or_else(|| {
                                    Box::new(validation_error(
                                        "date_from_datetime_parsing",
                                        ["query", k],
                                        "Input should be a valid date or datetime",
                                        v,
                                    ))
                                }),
                            }
                        };
                        let s = match parse("start_date") {
                            Ok(v) => v,
                            Err(r) => return err(*r),
                        };
                        let e = match parse("end_date") {
                            Ok(v) => v,
                            Err(r) => return err(*r),
                        };
                        let end = e.unwrap_or_else(|| sim.today());
                        let start = s.unwrap_or_else(|| add_days(end, -1).unwrap_or(end));
                        if start > end {
                            let raw = q.get("start_date").cloned().unwrap_or_default();
                            return err(validation_error(
                                "value_error",
                                ["query", "start_date"],
                                "Start date must be before end date",
                                &raw,
                            ));
                        }
                        let last_incl = if END_EXCLUSIVE.contains(&name) {
                            add_days(end, -1).unwrap_or(end)
                        } else {
                            end
                        };
                        (day_num(start), day_num(last_incl), 0)
                    }
                };
                let lo = docs.partition_point(|d| day_num(d.day) < a);
                let hi = docs.partition_point(|d| day_num(d.day) <= b).max(lo);
                (lo, hi, a, b, off)
            };
            let total = (hi - lo) as u64;
            if off > total {
                return err(invalid_token());
            }
            let from = lo + off as usize;
            let to = (from + ps).min(hi);
            let next = (to < hi).then(|| encode_token(key, ep, a, b, (to - lo) as u64));
            let next = repeat(repeat_token, token, next, || {
                encode_token(key, ep, a, b, (to - lo) as u64)
            });
            let body = page_body(docs[from..to].iter().map(|d| d.json.as_str().into()), next);
            (StatusCode::OK, body, None)
        }
    }
}

/// A time-series list (heartrate, ring_battery_level): `start_datetime`/`end_datetime`,
/// half-open `[start, end)`, default the last day before now, at most 30 days;
/// `latest=true` → only the most recent row of the window.
fn series_list<T: SeriesRow>(
    sim: &Sim,
    ep: usize,
    rows: &[T],
    q: &HashMap<String, String>,
    decoded: Option<(usize, i64, i64, u64)>,
    token: Option<&str>,
    repeat_token: bool,
) -> Outcome {
    let key = sim.token_key;
    let ps = sim.args.hr_page_size.max(1) as usize;
    let (a, b, off) = match decoded {
        Some((_, a, b, off)) => (a, b, off),
        None => {
            let parse = |k: &str| -> Result<Option<DateTime<Utc>>, Box<Response<Body>>> {
                match q.get(k).map(String::as_str).filter(|v| !v.is_empty()) {
                    None => Ok(None),
                    Some(v) => parse_datetime_any(v).map(|x| Some(x.1)).ok_or_else(|| {
                        Box::new(validation_error(
                            "datetime_from_date_parsing",
                            ["query", k],
                            "Input should be a valid datetime or date",
                            v,
                        ))
                    }),
                }
            };
            let s = match parse("start_datetime") {
                Ok(v) => v,
                Err(r) => return err(*r),
            };
            let e = match parse("end_datetime") {
                Ok(v) => v,
                Err(r) => return err(*r),
            };
            let end = e.unwrap_or_else(|| sim.now());
            let start =
                s.unwrap_or_else(|| end.checked_sub_signed(Duration::days(1)).unwrap_or(end));
            if start > end {
                return err(detail(
                    StatusCode::BAD_REQUEST,
                    "Start datetime must be before end datetime.",
                ));
            }
            if end - start > Duration::days(30) {
                return err(detail(
                    StatusCode::BAD_REQUEST,
                    "The maximum allowed range between start_datetime and end_datetime is 30 days.",
                ));
            }
            (start.timestamp(), end.timestamp(), 0)
        }
    };
    let lo = rows.partition_point(|s| s.ts() < a);
    let hi = rows.partition_point(|s| s.ts() < b).max(lo);
    let latest = decoded.is_none()
        && q.get("latest")
            .is_some_and(|v| v.eq_ignore_ascii_case("true") || v == "1");
    if latest {
        let body = page_body(
            rows[lo..hi]
                .iter()
                .last()
                .map(|s| s.json().into())
                .into_iter(),
            None,
        );
        return (StatusCode::OK, body, None);
    }
    let total = (hi - lo) as u64;
    if off > total {
        return err(invalid_token());
    }
    let from = lo + off as usize;
    let to = (from + ps).min(hi);
    let next = (to < hi).then(|| encode_token(key, ep, a, b, (to - lo) as u64));
    let next = repeat(repeat_token, token, next, || {
        encode_token(key, ep, a, b, (to - lo) as u64)
    });
    let body = page_body(rows[from..to].iter().map(|s| s.json().into()), next);
    (StatusCode::OK, body, None)
}

fn day_num(d: NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_roundtrip_and_tamper() {
        let t = encode_token(42, 3, -5, 1_700_000_000, 200);
        assert_eq!(decode_token(42, &t), Some((3, -5, 1_700_000_000, 200)));
        assert_eq!(decode_token(43, &t), None);
        let mut bad = t.clone();
        bad.replace_range(0..1, if &t[0..1] == "a" { "b" } else { "a" });
        assert_eq!(decode_token(42, &bad), None);
        for g in [
            "",
            "x",
            "token123",
            "ééééééééééééééééééééé",
            &"f".repeat(300),
        ] {
            assert_eq!(decode_token(42, g), None);
        }
    }

    #[test]
    fn datetimes() {
        for s in [
            "2024-01-01T00:00:00Z",
            "2024-01-01T00:00:00+00:00",
            "2024-01-01T00:00:00 00:00",
            "2024-01-01T09:00:00+09:00",
            "2024-01-01T00:00:00",
            "2024-01-01",
            "2024-01-01T00:00:00.000Z",
        ] {
            let (_, t) = parse_datetime_any(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!(t.timestamp(), 1_704_067_200, "{s}");
        }
        assert!(parse_datetime_any("garbage").is_none());
        assert!(parse_day("2024-13-01").is_none());
        assert_eq!(
            parse_day("2024-02-03T23:00:00-05:00").map(|d| d.to_string()),
            Some("2024-02-03".into())
        );
    }

    #[test]
    fn route_keys() {
        assert_eq!(route_key("sleep"), "/v2/usercollection/sleep");
        assert_eq!(
            route_key("sleep/abc"),
            "/v2/usercollection/sleep/{document_id}"
        );
        assert_eq!(route_key("nope"), "(unknown)");
        assert_eq!(route_key("sleep/a/b"), "(unknown)");
    }
}
