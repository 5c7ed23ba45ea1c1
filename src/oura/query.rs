//! The pure half of the Oura HTTP client (no web-sys, tested natively): request URLs
//! and query strings per [`QueryKind`], date padding, heartrate windows, the error
//! type and the status → error mapping, `Retry-After` parsing, the retry/backoff
//! policy, page parsing, repeated-`next_token` detection and the request limiter.
//! The browser half (fetch, timers, abort) is [`crate::oura::client`].

use crate::endpoints::{Endpoint, QueryKind};
use crate::oura::models::ErrorBody;
use chrono::{DateTime, NaiveDate, SecondsFormat, TimeDelta, Utc};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::{HashSet, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;
use thiserror::Error;

/// Days added on each side of a requested local-date window: Oura's `end_date` is
/// exclusive on some endpoints and inclusive on others, and `day` is the wearer's local
/// date, so the caller asks for a little more and dedupes by natural key.
pub const DATE_PADDING_DAYS: i64 = 1;

/// The longest heartrate window Oura accepts (padding included).
pub const HEARTRATE_MAX_WINDOW_DAYS: i64 = 30;

/// The padding around a heartrate range given in local days (covers any UTC offset).
pub const HEARTRATE_PADDING_DAYS: i64 = 1;

/// The README section a CORS failure points to.
pub const CORS_FIX: &str =
    "serve the API through a same-origin path (api_base like /oura-api) — see the README section Deploy";

// ---------------------------------------------------------------------------------
// Windows and URLs

/// What a list request asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Window {
    /// The wearer's local days `first..=last` (endpoints with [`QueryKind::Dates`]).
    /// Sent padded by [`DATE_PADDING_DAYS`] on each side.
    Days { first: NaiveDate, last: NaiveDate },
    /// UTC instants `[start, end)` (heartrate, [`QueryKind::DateTimes`]), sent as given:
    /// at most [`HEARTRATE_MAX_WINDOW_DAYS`] long — build them with [`heartrate_windows`]
    /// or [`split_range`].
    Instants {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    },
    /// No range: the only valid window of [`QueryKind::TokenOnly`] (ring_configuration)
    /// and [`QueryKind::Single`] (personal_info), which ignore any window.
    All,
}

/// `api_base + "/v2/usercollection/" + path`, without a query. `api_base` is an absolute
/// `http(s)://…` URL or a same-origin path such as `/oura-api`.
pub fn collection_url(api_base: &str, endpoint: &Endpoint) -> String {
    format!("{}{}", api_base.trim_end_matches('/'), endpoint.api_path())
}

fn date_param(d: NaiveDate) -> String {
    d.to_string()
}

/// A UTC instant as Oura's `start_datetime`/`end_datetime` value, e.g. `2026-11-01T00:00:00Z`.
pub fn datetime_param(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn shift_days(d: NaiveDate, days: i64) -> Option<NaiveDate> {
    d.checked_add_signed(TimeDelta::try_days(days)?)
}

/// The query parameters of one list request, in the order they are sent. The token is
/// never among them: it travels only in the `Authorization` header.
pub fn list_params(
    endpoint: &'static Endpoint,
    window: &Window,
    next_token: Option<&str>,
) -> Result<Vec<(&'static str, String)>, ClientError> {
    let invalid = |message: &str| ClientError::InvalidWindow {
        endpoint: endpoint.path,
        message: message.to_owned(),
    };
    let mut params = Vec::with_capacity(3);
    match endpoint.query {
        QueryKind::Dates => {
            let Window::Days { first, last } = window else {
                return Err(invalid("expected a window of local days"));
            };
            if first > last {
                return Err(invalid("the first day is after the last day"));
            }
            let start = shift_days(*first, -DATE_PADDING_DAYS)
                .ok_or_else(|| invalid("date out of range"))?;
            let end =
                shift_days(*last, DATE_PADDING_DAYS).ok_or_else(|| invalid("date out of range"))?;
            params.push(("start_date", date_param(start)));
            params.push(("end_date", date_param(end)));
        }
        QueryKind::DateTimes => {
            let Window::Instants { start, end } = window else {
                return Err(invalid(
                    "expected a window of UTC instants (see heartrate_windows)",
                ));
            };
            if start >= end {
                return Err(invalid("the window is empty"));
            }
            if *end - *start > max_heartrate_window() {
                return Err(invalid("the window is longer than 30 days"));
            }
            params.push(("start_datetime", datetime_param(*start)));
            params.push(("end_datetime", datetime_param(*end)));
        }
        QueryKind::TokenOnly => {}
        QueryKind::Single => return Ok(params),
    }
    if let Some(token) = next_token {
        params.push(("next_token", token.to_owned()));
    }
    Ok(params)
}

/// Percent-encodes a query component: everything but RFC 3986 unreserved characters
/// (`A–Z a–z 0–9 - . _ ~`) becomes `%XX` (UTF-8), so `+` is `%2B` and `:` is `%3A`.
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
        }
    }
    out
}

/// `a=1&b=2`, every name and value percent-encoded.
pub fn encode_query(params: &[(&str, String)]) -> String {
    params
        .iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The full URL of one list request (the only URL builder of the client).
pub fn request_url(
    api_base: &str,
    endpoint: &'static Endpoint,
    window: &Window,
    next_token: Option<&str>,
) -> Result<String, ClientError> {
    let params = list_params(endpoint, window, next_token)?;
    let mut url = collection_url(api_base, endpoint);
    if !params.is_empty() {
        url.push('?');
        url.push_str(&encode_query(&params));
    }
    Ok(url)
}

fn max_heartrate_window() -> TimeDelta {
    TimeDelta::try_days(HEARTRATE_MAX_WINDOW_DAYS).unwrap_or(TimeDelta::MAX)
}

/// Splits `[from, to)` into consecutive windows of at most `max` each, oldest first:
/// they cover the range exactly, without gap or overlap. Empty when `from >= to` or
/// `max` is not positive.
pub fn split_range(from: DateTime<Utc>, to: DateTime<Utc>, max: TimeDelta) -> Vec<Window> {
    let mut out = Vec::new();
    if max <= TimeDelta::zero() {
        return out;
    }
    let mut start = from;
    while start < to {
        let end = start.checked_add_signed(max).map_or(to, |e| e.min(to));
        out.push(Window::Instants { start, end });
        start = end;
    }
    out
}

/// The heartrate windows for the wearer's local days `first..=last`: the UTC range
/// `[first − 1 day, last + 2 days)` (midnight UTC; the padding covers any UTC offset)
/// split into windows of at most 30 days, padding included. Walk all of them, even
/// when one comes back empty. Empty when `first > last`.
pub fn heartrate_windows(first: NaiveDate, last: NaiveDate) -> Vec<Window> {
    if first > last {
        return Vec::new();
    }
    let (Some(a), Some(b)) = (
        shift_days(first, -HEARTRATE_PADDING_DAYS),
        shift_days(last, 1 + HEARTRATE_PADDING_DAYS),
    ) else {
        return Vec::new();
    };
    let (Some(a), Some(b)) = (a.and_hms_opt(0, 0, 0), b.and_hms_opt(0, 0, 0)) else {
        return Vec::new();
    };
    split_range(a.and_utc(), b.and_utc(), max_heartrate_window())
}

/// Whether `api_base` is on another origin than the page (`page_origin` as
/// `location.origin`, e.g. `http://127.0.0.1:8080`). A same-origin path never is.
pub fn is_cross_origin(api_base: &str, page_origin: &str) -> bool {
    if api_base.starts_with('/') {
        return false;
    }
    fn origin(url: &str) -> Option<(String, String, u16)> {
        let (scheme, rest) = url.split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        let authority = rest.split(['/', '?', '#']).next()?;
        let host_port = authority.rsplit('@').next()?.to_ascii_lowercase();
        let (host, port) = match host_port.rsplit_once(':') {
            Some((h, p)) if !p.contains(']') => (h.to_owned(), p.parse().ok()?),
            _ => (host_port.clone(), if scheme == "https" { 443 } else { 80 }),
        };
        Some((scheme, host, port))
    }
    match (origin(api_base), origin(page_origin)) {
        (Some(a), Some(b)) => a != b,
        _ => true,
    }
}

// ---------------------------------------------------------------------------------
// Errors

/// Every way a request to Oura can fail. Messages are English and never contain the
/// token (it is only ever in the `Authorization` header); [`ClientError::kind`] is a
/// stable i18n key.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ClientError {
    /// 400 or 422: Oura rejected the query (its `detail` message).
    #[error("Oura rejected the request for {endpoint} (HTTP {status}): {detail}")]
    BadRequest {
        endpoint: &'static str,
        status: u16,
        detail: String,
    },
    /// 401: the token expired or was revoked. Ask to sign in again; keep the data.
    #[error("Your Oura sign-in has expired or was revoked ({detail}). Sign in again — your data is kept.")]
    Unauthorized { detail: String },
    /// 403: this endpoint is unavailable to the account (missing scope, no membership).
    /// Not a failure of the sync as a whole.
    #[error("{endpoint} is not available for this Oura account: {reason}")]
    Forbidden {
        endpoint: &'static str,
        reason: String,
    },
    /// 404.
    #[error("Oura has no {endpoint} here (HTTP 404): {detail}")]
    NotFound {
        endpoint: &'static str,
        detail: String,
    },
    /// 426: Oura no longer accepts this version of the app.
    #[error(
        "Oura says this version of healthHub is too old (HTTP 426): {detail}. Update the app."
    )]
    UpgradeRequired { detail: String },
    /// 429 after the retries (or a `Retry-After` longer than the policy waits).
    #[error("Oura's rate limit is exceeded (HTTP 429, {attempts} attempts){}", retry_hint(*.retry_after_secs))]
    RateLimited {
        attempts: u32,
        retry_after_secs: Option<u64>,
    },
    /// 5xx after the retries.
    #[error("Oura's server failed (HTTP {status}) {attempts} times; try again later")]
    Server { status: u16, attempts: u32 },
    /// Any other status.
    #[error("Oura answered {endpoint} with unexpected HTTP {status}")]
    UnexpectedStatus { endpoint: &'static str, status: u16 },
    /// The request did not reach Oura (after the retries).
    #[error("Oura could not be reached ({attempts} attempts): {message}")]
    Network { message: String, attempts: u32 },
    /// The browser is offline.
    #[error("You are offline; the sync resumes when you are back online")]
    Offline,
    /// No complete answer within the timeout (after the retries).
    #[error("Oura did not answer within {} s ({attempts} attempts)", *.timeout_ms as f64 / 1000.0)]
    Timeout { timeout_ms: u32, attempts: u32 },
    /// A 2xx body that is not the expected JSON (after the retries: bodies get truncated).
    #[error("Oura's answer was not valid JSON ({attempts} attempts): {message}")]
    InvalidBody { message: String, attempts: u32 },
    /// The same `next_token` came back twice while paging one window.
    #[error("Oura sent the same next_token twice for {endpoint}; paging stopped to avoid a loop")]
    RepeatedToken { endpoint: &'static str },
    /// The browser blocked the cross-origin request (the server is reachable, but sends
    /// no CORS headers — as the real Oura API does).
    #[error("The browser blocked the request to {api_base} (CORS: Oura's API does not allow calls from web pages). Fix: {CORS_FIX}.")]
    Cors { api_base: String },
    /// The caller asked for a window the endpoint cannot take (a bug, not Oura's).
    #[error("invalid request window for {endpoint}: {message}")]
    InvalidWindow {
        endpoint: &'static str,
        message: String,
    },
}

fn retry_hint(secs: Option<u64>) -> String {
    match secs {
        Some(s) => format!("; Oura asks to wait {s} s"),
        None => String::new(),
    }
}

impl ClientError {
    /// A stable key for translating the message (`client.error.*`).
    pub fn kind(&self) -> &'static str {
        match self {
            ClientError::BadRequest { .. } => "client.error.bad_request",
            ClientError::Unauthorized { .. } => "client.error.unauthorized",
            ClientError::Forbidden { .. } => "client.error.forbidden",
            ClientError::NotFound { .. } => "client.error.not_found",
            ClientError::UpgradeRequired { .. } => "client.error.upgrade_required",
            ClientError::RateLimited { .. } => "client.error.rate_limited",
            ClientError::Server { .. } => "client.error.server",
            ClientError::UnexpectedStatus { .. } => "client.error.unexpected_status",
            ClientError::Network { .. } => "client.error.network",
            ClientError::Offline => "client.error.offline",
            ClientError::Timeout { .. } => "client.error.timeout",
            ClientError::InvalidBody { .. } => "client.error.invalid_body",
            ClientError::RepeatedToken { .. } => "client.error.repeated_token",
            ClientError::Cors { .. } => "client.error.cors",
            ClientError::InvalidWindow { .. } => "client.error.invalid_window",
        }
    }

    /// Transient: the client retries these itself (with backoff) and, once it gives
    /// up, the same request may succeed later. 429, 5xx, network, offline, timeout and
    /// invalid (truncated) bodies.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            ClientError::RateLimited { .. }
                | ClientError::Server { .. }
                | ClientError::Network { .. }
                | ClientError::Offline
                | ClientError::Timeout { .. }
                | ClientError::InvalidBody { .. }
        )
    }

    /// 401: the UI asks to sign in again (stored data is kept).
    pub fn needs_sign_in(&self) -> bool {
        matches!(self, ClientError::Unauthorized { .. })
    }

    /// Asking again will not help (400, 404, 422, a repeated `next_token`): the sync
    /// reports it and moves on.
    pub fn is_permanent(&self) -> bool {
        matches!(
            self,
            ClientError::BadRequest { .. }
                | ClientError::NotFound { .. }
                | ClientError::RepeatedToken { .. }
        )
    }

    /// 403: only this endpoint is unavailable; the sync goes on with the others.
    pub fn endpoint_unavailable(&self) -> bool {
        matches!(self, ClientError::Forbidden { .. })
    }

    /// The HTTP status behind the error, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::BadRequest { status, .. }
            | ClientError::Server { status, .. }
            | ClientError::UnexpectedStatus { status, .. } => Some(*status),
            ClientError::Unauthorized { .. } => Some(401),
            ClientError::Forbidden { .. } => Some(403),
            ClientError::NotFound { .. } => Some(404),
            ClientError::UpgradeRequired { .. } => Some(426),
            ClientError::RateLimited { .. } => Some(429),
            _ => None,
        }
    }

    /// The same error recording how many attempts were made.
    pub fn with_attempts(mut self, n: u32) -> Self {
        match &mut self {
            ClientError::RateLimited { attempts, .. }
            | ClientError::Server { attempts, .. }
            | ClientError::Network { attempts, .. }
            | ClientError::Timeout { attempts, .. }
            | ClientError::InvalidBody { attempts, .. } => *attempts = n,
            _ => {}
        }
        self
    }
}

/// The human text of an Oura error body (`{"detail": …}`), if it has one.
pub fn error_detail(body: &str) -> Option<String> {
    let parsed: ErrorBody = serde_json::from_str(body).ok()?;
    if parsed.detail.is_null() {
        return None;
    }
    Some(parsed.message())
}

/// Maps a non-2xx response to its error (`attempts` = 1; see [`ClientError::with_attempts`]).
/// `retry_after_secs` is the readable `Retry-After` of a 429, if any.
pub fn error_from_status(
    endpoint: &'static str,
    status: u16,
    body: &str,
    retry_after_secs: Option<u64>,
) -> ClientError {
    let detail = || error_detail(body).unwrap_or_else(|| format!("HTTP {status}"));
    match status {
        400 | 422 => ClientError::BadRequest {
            endpoint,
            status,
            detail: detail(),
        },
        401 => ClientError::Unauthorized { detail: detail() },
        403 => ClientError::Forbidden {
            endpoint,
            reason: error_detail(body).unwrap_or_else(|| {
                "access denied (missing permission or no Oura membership)".to_owned()
            }),
        },
        404 => ClientError::NotFound {
            endpoint,
            detail: detail(),
        },
        426 => ClientError::UpgradeRequired { detail: detail() },
        429 => ClientError::RateLimited {
            attempts: 1,
            retry_after_secs,
        },
        500..=599 => ClientError::Server {
            status,
            attempts: 1,
        },
        _ => ClientError::UnexpectedStatus { endpoint, status },
    }
}

// ---------------------------------------------------------------------------------
// Retry policy

/// How failed requests are retried. Delays are configurable (tests use tiny ones).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (≥ 1).
    pub max_attempts: u32,
    /// The backoff before the 2nd attempt; doubles each time.
    pub base_delay: Duration,
    /// The longest backoff.
    pub max_delay: Duration,
    /// The longest `Retry-After` honoured; a longer one ends the retries at once (the
    /// error carries it so the UI can say when to try again).
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(20),
            max_retry_after: Duration::from_secs(120),
        }
    }
}

/// What to do after a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryDecision {
    /// Wait this long, then try again.
    RetryAfter(Duration),
    /// Report the error.
    GiveUp,
}

impl RetryPolicy {
    /// The exponential backoff after failed attempt number `attempt` (1-based) with
    /// "equal jitter": `d = min(max_delay, base_delay · 2^(attempt−1))`, the delay is
    /// in `[d/2, d]`, `random` in `[0, 1)` choosing where.
    pub fn backoff(&self, attempt: u32, random: f64) -> Duration {
        let exp = attempt.saturating_sub(1).min(30);
        let d = self
            .base_delay
            .saturating_mul(1u32 << exp)
            .min(self.max_delay);
        let half = d / 2;
        let r = if random.is_finite() {
            random.clamp(0.0, 1.0)
        } else {
            0.0
        };
        half + (d - half).mul_f64(r)
    }

    /// Whether and when to retry after failed attempt number `attempt` (1-based).
    pub fn decide(
        &self,
        attempt: u32,
        error: &ClientError,
        retry_after: Option<Duration>,
        random: f64,
    ) -> RetryDecision {
        if !error.is_retryable() || attempt >= self.max_attempts {
            return RetryDecision::GiveUp;
        }
        match (error, retry_after) {
            (_, Some(wait)) if wait > self.max_retry_after => RetryDecision::GiveUp,
            (ClientError::RateLimited { .. } | ClientError::Server { .. }, Some(wait)) => {
                RetryDecision::RetryAfter(wait)
            }
            _ => RetryDecision::RetryAfter(self.backoff(attempt, random)),
        }
    }
}

/// Parses a `Retry-After` value: delay-seconds (`"120"`) or an HTTP date (IMF-fixdate,
/// RFC 850 or asctime), relative to `now`. A date in the past is zero; anything else
/// (empty, negative, garbage) is `None`.
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    if v.bytes().all(|b| b.is_ascii_digit()) {
        let secs = v.parse::<u64>().unwrap_or(u64::MAX);
        return Some(Duration::from_secs(secs));
    }
    let at = parse_http_date(v)?;
    Some((at - now).to_std().unwrap_or(Duration::ZERO))
}

/// An HTTP date in any of its three forms (RFC 9110 §5.6.7), always GMT:
/// `Sun, 06 Nov 1994 08:49:37 GMT`, `Sunday, 06-Nov-94 08:49:37 GMT` (two-digit years
/// 70–99 are 19xx, else 20xx) and `Sun Nov  6 08:49:37 1994`. Hand-written rather than
/// chrono's `%`-format parser, which cost the app ≈ 10 KB.
fn parse_http_date(v: &str) -> Option<DateTime<Utc>> {
    let spaced: String = v
        .chars()
        .map(|c| if c == ',' || c == '-' { ' ' } else { c })
        .collect();
    let t: Vec<&str> = spaced.split_ascii_whitespace().collect();
    let weekday = t.first()?;
    if weekday.len() < 3 || !weekday.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let (day, month, year, time) = match t.as_slice() {
        [_, d, m, y, time, "GMT"] => (*d, *m, *y, *time),
        [_, m, d, time, y] => (*d, *m, *y, *time),
        _ => return None,
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| *m == month)? as u32 + 1;
    let number = |s: &str, digits: std::ops::RangeInclusive<usize>| -> Option<u32> {
        if digits.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let day = number(day, 1..=2)?;
    let year = match year.len() {
        2 => {
            let y = number(year, 2..=2)? as i32;
            if y >= 70 {
                1900 + y
            } else {
                2000 + y
            }
        }
        _ => number(year, 4..=4)? as i32,
    };
    let mut hms = time.split(':');
    let (h, m, s) = (hms.next()?, hms.next()?, hms.next()?);
    if hms.next().is_some() {
        return None;
    }
    let time =
        chrono::NaiveTime::from_hms_opt(number(h, 2..=2)?, number(m, 2..=2)?, number(s, 2..=2)?)?;
    Some(
        NaiveDate::from_ymd_opt(year, month, day)?
            .and_time(time)
            .and_utc(),
    )
}

// ---------------------------------------------------------------------------------
// Pages

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

// ---------------------------------------------------------------------------------
// Limiter

#[derive(Debug, Default)]
struct LimiterState {
    available: usize,
    in_flight: usize,
    peak: usize,
    next_id: u64,
    waiters: VecDeque<(u64, Option<Waker>)>,
}

/// An async semaphore for one thread (wasm): at most `n` permits out at a time, given
/// in FIFO order. Cloning shares the permits.
#[derive(Clone, Debug)]
pub struct Limiter(Rc<RefCell<LimiterState>>);

impl Limiter {
    /// A limiter with `n` permits (at least 1).
    pub fn new(n: usize) -> Self {
        Limiter(Rc::new(RefCell::new(LimiterState {
            available: n.max(1),
            ..LimiterState::default()
        })))
    }

    /// Waits for a permit; it is returned when the [`Permit`] is dropped.
    pub fn acquire(&self) -> Acquire {
        Acquire {
            limiter: self.clone(),
            id: None,
        }
    }

    /// Permits currently out.
    pub fn in_flight(&self) -> usize {
        self.0.borrow().in_flight
    }

    /// The most permits that were out at once.
    pub fn peak(&self) -> usize {
        self.0.borrow().peak
    }

    fn wake_front(state: &mut LimiterState) {
        if state.available > 0 {
            if let Some((_, Some(w))) = state.waiters.front_mut().map(|(i, w)| (*i, w.take())) {
                w.wake();
            }
        }
    }
}

/// The future of [`Limiter::acquire`].
pub struct Acquire {
    limiter: Limiter,
    id: Option<u64>,
}

impl Future for Acquire {
    type Output = Permit;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Permit> {
        let limiter = self.limiter.clone();
        let mut s = limiter.0.borrow_mut();
        let first_in_line = match self.id {
            None => s.waiters.is_empty(),
            Some(id) => s.waiters.front().is_some_and(|(i, _)| *i == id),
        };
        if s.available > 0 && first_in_line {
            if self.id.take().is_some() {
                s.waiters.pop_front();
            }
            s.available -= 1;
            s.in_flight += 1;
            s.peak = s.peak.max(s.in_flight);
            // Another permit may be free for the next in line.
            Limiter::wake_front(&mut s);
            drop(s);
            return Poll::Ready(Permit {
                limiter: self.limiter.clone(),
            });
        }
        match self.id {
            Some(id) => {
                if let Some(slot) = s.waiters.iter_mut().find(|(i, _)| *i == id) {
                    slot.1 = Some(cx.waker().clone());
                }
            }
            None => {
                let id = s.next_id;
                s.next_id += 1;
                s.waiters.push_back((id, Some(cx.waker().clone())));
                drop(s);
                self.id = Some(id);
            }
        }
        Poll::Pending
    }
}

impl Drop for Acquire {
    fn drop(&mut self) {
        if let Some(id) = self.id {
            let mut s = self.limiter.0.borrow_mut();
            s.waiters.retain(|(i, _)| *i != id);
            Limiter::wake_front(&mut s);
        }
    }
}

/// A permit of a [`Limiter`]; dropping it lets the next request go.
#[derive(Debug)]
pub struct Permit {
    limiter: Limiter,
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut s = self.limiter.0.borrow_mut();
        s.available += 1;
        s.in_flight = s.in_flight.saturating_sub(1);
        Limiter::wake_front(&mut s);
    }
}

// ---------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::{by_path, EndpointId, ENDPOINTS};

    fn ep(path: &str) -> &'static Endpoint {
        by_path(path).unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn days(first: &str, last: &str) -> Window {
        Window::Days {
            first: day(first),
            last: day(last),
        }
    }

    #[test]
    fn date_endpoints_are_padded_one_day_each_side() {
        let url = request_url(
            "https://api.ouraring.com",
            ep("daily_sleep"),
            &days("2026-11-01", "2026-11-20"),
            None,
        )
        .unwrap();
        assert_eq!(
            url,
            "https://api.ouraring.com/v2/usercollection/daily_sleep?start_date=2026-10-31&end_date=2026-11-21"
        );
        // Month and year boundaries.
        let url = request_url(
            "/oura-api",
            ep("sleep"),
            &days("2026-01-01", "2026-12-31"),
            None,
        )
        .unwrap();
        assert_eq!(
            url,
            "/oura-api/v2/usercollection/sleep?start_date=2025-12-31&end_date=2027-01-01"
        );
    }

    #[test]
    fn next_token_is_appended_and_encoded() {
        let url = request_url(
            "http://127.0.0.1:8081/",
            ep("tag"),
            &days("2026-11-01", "2026-11-01"),
            Some("a+b/c=d&e f"),
        )
        .unwrap();
        assert_eq!(
            url,
            "http://127.0.0.1:8081/v2/usercollection/tag?start_date=2026-10-31&end_date=2026-11-02&next_token=a%2Bb%2Fc%3Dd%26e%20f"
        );
    }

    #[test]
    fn vo2_max_is_spelled_exactly() {
        let url = request_url(
            "/oura-api",
            ep("vO2_max"),
            &days("2026-11-01", "2026-11-02"),
            None,
        )
        .unwrap();
        assert!(
            url.starts_with("/oura-api/v2/usercollection/vO2_max?"),
            "{url}"
        );
        assert_eq!(
            collection_url("/oura-api", EndpointId::Vo2Max.endpoint()),
            "/oura-api/v2/usercollection/vO2_max"
        );
    }

    #[test]
    fn heartrate_uses_utc_datetimes_with_z() {
        let w = Window::Instants {
            start: utc("2026-11-01T00:00:00+09:00"),
            end: utc("2026-11-02T00:00:00Z"),
        };
        let url = request_url("https://api.ouraring.com", ep("heartrate"), &w, Some("t1")).unwrap();
        assert_eq!(
            url,
            "https://api.ouraring.com/v2/usercollection/heartrate?start_datetime=2026-10-31T15%3A00%3A00Z&end_datetime=2026-11-02T00%3A00%3A00Z&next_token=t1"
        );
        assert!(!url.contains('+'));
    }

    #[test]
    fn token_only_and_single_endpoints() {
        assert_eq!(
            request_url("/oura-api", ep("ring_configuration"), &Window::All, None).unwrap(),
            "/oura-api/v2/usercollection/ring_configuration"
        );
        assert_eq!(
            request_url(
                "/oura-api",
                ep("ring_configuration"),
                &days("2026-01-01", "2026-01-02"),
                Some("x")
            )
            .unwrap(),
            "/oura-api/v2/usercollection/ring_configuration?next_token=x",
            "a window is ignored"
        );
        assert_eq!(
            request_url(
                "/oura-api",
                ep("personal_info"),
                &Window::All,
                Some("ignored")
            )
            .unwrap(),
            "/oura-api/v2/usercollection/personal_info"
        );
    }

    #[test]
    fn every_endpoint_builds_its_url() {
        let hr = heartrate_windows(day("2026-11-01"), day("2026-11-02"));
        for e in &ENDPOINTS {
            let w = match e.query {
                QueryKind::Dates => days("2026-11-01", "2026-11-02"),
                QueryKind::DateTimes => hr[0].clone(),
                _ => Window::All,
            };
            let url = request_url("https://api.ouraring.com", e, &w, None).unwrap();
            assert!(
                url.starts_with(&format!(
                    "https://api.ouraring.com/v2/usercollection/{}",
                    e.path
                )),
                "{url}"
            );
        }
    }

    #[test]
    fn mismatched_windows_are_refused() {
        let hr = Window::Instants {
            start: utc("2026-11-01T00:00:00Z"),
            end: utc("2026-11-02T00:00:00Z"),
        };
        for (path, w) in [
            ("daily_sleep", hr.clone()),
            ("daily_sleep", Window::All),
            ("daily_sleep", days("2026-11-02", "2026-11-01")),
            ("heartrate", days("2026-11-01", "2026-11-02")),
            (
                "heartrate",
                Window::Instants {
                    start: utc("2026-11-01T00:00:00Z"),
                    end: utc("2026-12-01T00:00:01Z"),
                },
            ),
            (
                "heartrate",
                Window::Instants {
                    start: utc("2026-11-01T00:00:00Z"),
                    end: utc("2026-11-01T00:00:00Z"),
                },
            ),
        ] {
            let e = request_url("/a", ep(path), &w, None).unwrap_err();
            assert_eq!(e.kind(), "client.error.invalid_window", "{path} {w:?}");
        }
        // Exactly 30 days is allowed.
        let w = Window::Instants {
            start: utc("2026-11-01T00:00:00Z"),
            end: utc("2026-12-01T00:00:00Z"),
        };
        assert!(request_url("/a", ep("heartrate"), &w, None).is_ok());
    }

    #[test]
    fn percent_encoding() {
        assert_eq!(
            percent_encode("2026-11-01T00:00:00+09:00"),
            "2026-11-01T00%3A00%3A00%2B09%3A00"
        );
        assert_eq!(percent_encode("AZaz09-._~"), "AZaz09-._~");
        assert_eq!(percent_encode("é ?#"), "%C3%A9%20%3F%23");
        assert_eq!(
            encode_query(&[("a b", "1".into()), ("c", "x&y".into())]),
            "a%20b=1&c=x%26y"
        );
    }

    fn bounds(w: &Window) -> (DateTime<Utc>, DateTime<Utc>) {
        match w {
            Window::Instants { start, end } => (*start, *end),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn heartrate_windows_cover_the_padded_range_in_30_day_pieces() {
        for (first, last) in [
            ("2026-11-20", "2026-11-20"),
            ("2026-09-22", "2026-11-20"),
            ("2024-01-01", "2026-11-20"),
            ("2026-10-24", "2026-11-20"), // 28 days + 2 padding = exactly 30
            ("2026-10-23", "2026-11-20"), // 31 days with padding → 2 windows
        ] {
            let ws = heartrate_windows(day(first), day(last));
            assert!(!ws.is_empty());
            let (s0, _) = bounds(&ws[0]);
            let (_, e_last) = bounds(ws.last().unwrap());
            assert_eq!(
                s0,
                day(first)
                    .pred_opt()
                    .unwrap()
                    .and_hms_opt(0, 0, 0)
                    .unwrap()
                    .and_utc()
            );
            assert_eq!(
                e_last,
                day(last)
                    .succ_opt()
                    .unwrap()
                    .succ_opt()
                    .unwrap()
                    .and_hms_opt(0, 0, 0)
                    .unwrap()
                    .and_utc()
            );
            let mut prev_end = s0;
            for w in &ws {
                let (s, e) = bounds(w);
                assert_eq!(s, prev_end, "no gap, no overlap");
                assert!(s < e);
                assert!(e - s <= TimeDelta::days(30), "{first}..{last}: {w:?}");
                assert!(list_params(ep("heartrate"), w, None).is_ok());
                let p = list_params(ep("heartrate"), w, None).unwrap();
                assert!(p[0].1.ends_with('Z') && p[1].1.ends_with('Z'), "{p:?}");
                prev_end = e;
            }
        }
        assert_eq!(
            heartrate_windows(day("2026-10-24"), day("2026-11-20")).len(),
            1
        );
        assert_eq!(
            heartrate_windows(day("2026-10-23"), day("2026-11-20")).len(),
            2
        );
        assert!(heartrate_windows(day("2026-11-21"), day("2026-11-20")).is_empty());
    }

    #[test]
    fn split_range_edges() {
        let a = utc("2026-01-01T00:00:00Z");
        let b = utc("2026-01-01T10:00:00Z");
        assert_eq!(split_range(a, b, TimeDelta::hours(4)).len(), 3);
        assert!(split_range(b, a, TimeDelta::hours(4)).is_empty());
        assert!(split_range(a, b, TimeDelta::zero()).is_empty());
        assert_eq!(split_range(a, b, TimeDelta::hours(10)).len(), 1);
    }

    #[test]
    fn cross_origin_detection() {
        assert!(!is_cross_origin("/oura-api", "https://app.example"));
        assert!(!is_cross_origin(
            "https://app.example/oura",
            "https://app.example"
        ));
        assert!(!is_cross_origin(
            "https://APP.example:443/x",
            "https://app.example"
        ));
        assert!(is_cross_origin(
            "https://api.ouraring.com",
            "https://app.example"
        ));
        assert!(is_cross_origin(
            "http://127.0.0.1:18091",
            "http://127.0.0.1:8080"
        ));
        assert!(is_cross_origin("http://app.example", "https://app.example"));
        assert!(!is_cross_origin("http://[::1]:80/x", "http://[::1]"));
    }

    fn recorded(name: &str) -> (u16, String) {
        let path = format!(
            "{}/tests/data/oura/recorded/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        (v["status"].as_u64().unwrap() as u16, v["body"].to_string())
    }

    #[test]
    fn recorded_404_and_422_bodies_map_to_errors_with_oura_detail() {
        let mut checked = 0;
        let dir = format!("{}/tests/data/oura/recorded", env!("CARGO_MANIFEST_DIR"));
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let (status, body) = recorded(&name);
            match status {
                404 => {
                    let e = error_from_status("tag", status, &body, None);
                    assert_eq!(
                        e,
                        ClientError::NotFound {
                            endpoint: "tag",
                            detail: "Document not found.".into()
                        },
                        "{name}"
                    );
                    assert_eq!(e.kind(), "client.error.not_found");
                    checked += 1;
                }
                422 => {
                    let e = error_from_status("tag", status, &body, None);
                    let ClientError::BadRequest {
                        status: 422,
                        detail,
                        ..
                    } = &e
                    else {
                        panic!("{name}: {e:?}")
                    };
                    assert!(
                        detail.contains("Start date must be before end date")
                            || detail.contains("Invalid document ID format"),
                        "{name}: {detail}"
                    );
                    assert!(detail.contains("start_date") || detail.contains("document_id"));
                    assert!(!e.is_retryable());
                    checked += 1;
                }
                _ => {}
            }
        }
        assert!(checked >= 10, "only {checked} error recordings");
        let (_, body) = recorded("multiple_tag_invalid_dates.json");
        assert_eq!(
            error_from_status("tag", 422, &body, None).to_string(),
            "Oura rejected the request for tag (HTTP 422): query.start_date: Start date must be before end date"
        );
    }

    #[test]
    fn statuses_map_to_their_errors() {
        let e = error_from_status(
            "daily_sleep",
            400,
            r#"{"detail":"Invalid next_token."}"#,
            None,
        );
        assert_eq!(e.kind(), "client.error.bad_request");
        assert!(e.to_string().contains("Invalid next_token."));

        let e = error_from_status("x", 401, r#"{"detail":"Access token expired."}"#, None);
        assert!(e.needs_sign_in() && !e.is_retryable());
        assert!(e.to_string().contains("Sign in again"), "{e}");

        let e = error_from_status(
            "heartrate",
            403,
            r#"{"detail":"Missing scope heartrate"}"#,
            None,
        );
        assert_eq!(
            e,
            ClientError::Forbidden {
                endpoint: "heartrate",
                reason: "Missing scope heartrate".into()
            }
        );
        assert!(e.endpoint_unavailable() && !e.is_retryable());
        let e = error_from_status("heartrate", 403, "<html>nope</html>", None);
        assert!(
            matches!(&e, ClientError::Forbidden { reason, .. } if reason.contains("membership"))
        );

        assert_eq!(
            error_from_status("x", 426, "", None).kind(),
            "client.error.upgrade_required"
        );
        let e = error_from_status("x", 429, "", Some(7));
        assert_eq!(
            e,
            ClientError::RateLimited {
                attempts: 1,
                retry_after_secs: Some(7)
            }
        );
        assert!(e.is_retryable());
        for s in [500, 502, 503, 504] {
            let e = error_from_status("x", s, "<html>502 Bad Gateway</html>", None);
            assert_eq!(
                e,
                ClientError::Server {
                    status: s,
                    attempts: 1
                }
            );
            assert!(e.is_retryable());
            assert_eq!(
                e.clone().with_attempts(5).to_string(),
                format!("Oura's server failed (HTTP {s}) 5 times; try again later")
            );
        }
        assert_eq!(
            error_from_status("x", 418, "", None).kind(),
            "client.error.unexpected_status"
        );
        assert_eq!(error_from_status("x", 418, "", None).status(), Some(418));
        // A body without detail falls back to the status.
        assert_eq!(
            error_from_status("x", 404, "{}", None),
            ClientError::NotFound {
                endpoint: "x",
                detail: "HTTP 404".into()
            }
        );
    }

    #[test]
    fn cors_message_names_the_fix_and_keys_are_stable() {
        let e = ClientError::Cors {
            api_base: "https://api.ouraring.com".into(),
        };
        let text = e.to_string();
        assert!(text.contains("serve the API through a same-origin path (api_base like /oura-api) — see the README section Deploy"), "{text}");
        assert!(!e.is_retryable());
        let all = [
            error_from_status("x", 400, "", None),
            error_from_status("x", 401, "", None),
            error_from_status("x", 403, "", None),
            error_from_status("x", 404, "", None),
            error_from_status("x", 426, "", None),
            error_from_status("x", 429, "", None),
            error_from_status("x", 500, "", None),
            error_from_status("x", 302, "", None),
            ClientError::Network {
                message: "Failed to fetch".into(),
                attempts: 5,
            },
            ClientError::Offline,
            ClientError::Timeout {
                timeout_ms: 30_000,
                attempts: 5,
            },
            ClientError::InvalidBody {
                message: "EOF".into(),
                attempts: 5,
            },
            ClientError::RepeatedToken { endpoint: "x" },
            e,
            ClientError::InvalidWindow {
                endpoint: "x",
                message: "m".into(),
            },
        ];
        let keys: HashSet<&str> = all.iter().map(|e| e.kind()).collect();
        assert_eq!(keys.len(), all.len(), "one key per variant");
        assert!(keys.iter().all(|k| k.starts_with("client.error.")));
        assert_eq!(
            ClientError::Timeout {
                timeout_ms: 30_000,
                attempts: 5
            }
            .to_string(),
            "Oura did not answer within 30 s (5 attempts)"
        );
    }

    #[test]
    fn retry_after_seconds_dates_and_garbage() {
        let now = utc("2026-11-20T12:00:00Z");
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("Fri, 20 Nov 2026 12:00:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Friday, 20-Nov-26 12:01:00 GMT", now),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            parse_retry_after("Fri Nov 20 12:00:05 2026", now),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            parse_retry_after("Sat Nov 21 12:00:00 2026", now),
            Some(Duration::from_secs(86_400))
        );
        assert_eq!(
            parse_retry_after("Thu, 19 Nov 2026 12:00:00 GMT", now),
            Some(Duration::ZERO),
            "a past date means now"
        );
        for garbage in [
            "",
            "  ",
            "-5",
            "1.5",
            "soon",
            "12s",
            "Fri, 99 Nov 2026 12:00:00 GMT",
            "Fri, 20 Foo 2026 12:00:00 GMT",
            "Fri, 20 Nov 2026 25:00:00 GMT",
            "Fri, 20 Nov 2026 12:00 GMT",
            "Fri, 20 Nov 2026 12:00:00 CET",
            "20 Nov 2026 12:00:00 GMT",
        ] {
            assert_eq!(parse_retry_after(garbage, now), None, "{garbage:?}");
        }
        assert_eq!(
            parse_retry_after("99999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX))
        );
    }

    #[test]
    fn backoff_grows_exponentially_within_jitter_bounds_and_caps() {
        let p = RetryPolicy {
            max_attempts: 5,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(1000),
            max_retry_after: Duration::from_secs(10),
        };
        for attempt in 1..=10u32 {
            let d = Duration::from_millis((100u64 << (attempt - 1).min(20)).min(1000));
            for r in [0.0, 0.25, 0.5, 0.999, 1.0, -3.0, f64::NAN, 7.0] {
                let got = p.backoff(attempt, r);
                assert!(
                    got >= d / 2 && got <= d,
                    "attempt {attempt} r {r}: {got:?} vs {d:?}"
                );
            }
            assert_eq!(p.backoff(attempt, 0.0), d / 2);
            assert_eq!(p.backoff(attempt, 1.0), d);
        }
        assert_eq!(p.backoff(1000, 0.5), p.backoff(11, 0.5), "no overflow");
    }

    #[test]
    fn retry_decisions() {
        let p = RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(1000),
            max_retry_after: Duration::from_secs(10),
        };
        let server = ClientError::Server {
            status: 503,
            attempts: 1,
        };
        let limited = ClientError::RateLimited {
            attempts: 1,
            retry_after_secs: Some(2),
        };
        let unauthorized = ClientError::Unauthorized { detail: "x".into() };
        assert_eq!(
            p.decide(1, &server, None, 0.0),
            RetryDecision::RetryAfter(Duration::from_millis(50))
        );
        assert_eq!(
            p.decide(2, &server, None, 1.0),
            RetryDecision::RetryAfter(Duration::from_millis(200))
        );
        assert_eq!(
            p.decide(3, &server, None, 0.0),
            RetryDecision::GiveUp,
            "attempts exhausted"
        );
        assert_eq!(
            p.decide(1, &limited, Some(Duration::from_secs(2)), 0.9),
            RetryDecision::RetryAfter(Duration::from_secs(2)),
            "Retry-After is honoured"
        );
        assert_eq!(
            p.decide(1, &limited, Some(Duration::from_secs(11)), 0.9),
            RetryDecision::GiveUp,
            "too long a wait is reported"
        );
        assert_eq!(
            p.decide(1, &limited, None, 0.0),
            RetryDecision::RetryAfter(Duration::from_millis(50)),
            "unreadable Retry-After → backoff"
        );
        assert_eq!(p.decide(1, &unauthorized, None, 0.0), RetryDecision::GiveUp);
        let body = ClientError::InvalidBody {
            message: "EOF".into(),
            attempts: 1,
        };
        assert!(matches!(
            p.decide(1, &body, None, 0.0),
            RetryDecision::RetryAfter(_)
        ));
        let repeated = ClientError::RepeatedToken { endpoint: "x" };
        assert_eq!(p.decide(1, &repeated, None, 0.0), RetryDecision::GiveUp);
    }

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

    fn poll_once<F: Future + Unpin>(f: &mut F, waker: &Waker) -> Poll<F::Output> {
        Pin::new(f).poll(&mut Context::from_waker(waker))
    }

    #[test]
    fn the_limiter_bounds_permits_in_fifo_order() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;
        use std::task::Wake;
        struct Count(AtomicUsize);
        impl Wake for Count {
            fn wake(self: Arc<Self>) {
                self.0.fetch_add(1, Ordering::SeqCst);
            }
        }
        let count = Arc::new(Count(AtomicUsize::new(0)));
        let waker = Waker::from(count.clone());

        let l = Limiter::new(2);
        let Poll::Ready(p1) = poll_once(&mut l.acquire(), &waker) else {
            panic!()
        };
        let Poll::Ready(p2) = poll_once(&mut l.acquire(), &waker) else {
            panic!()
        };
        assert_eq!(l.in_flight(), 2);
        let mut a3 = l.acquire();
        let mut a4 = l.acquire();
        assert!(poll_once(&mut a3, &waker).is_pending());
        assert!(poll_once(&mut a4, &waker).is_pending());
        drop(p1);
        assert_eq!(
            count.0.load(Ordering::SeqCst),
            1,
            "the first waiter is woken"
        );
        assert!(
            poll_once(&mut a4, &waker).is_pending(),
            "FIFO: a3 goes first"
        );
        let Poll::Ready(p3) = poll_once(&mut a3, &waker) else {
            panic!()
        };
        assert!(poll_once(&mut a4, &waker).is_pending());
        // A cancelled waiter does not keep a permit from the others.
        let mut a5 = l.acquire();
        assert!(poll_once(&mut a5, &waker).is_pending());
        drop(a4);
        drop(p2);
        let Poll::Ready(p5) = poll_once(&mut a5, &waker) else {
            panic!()
        };
        assert_eq!(l.in_flight(), 2);
        assert_eq!(l.peak(), 2);
        drop((p3, p5));
        assert_eq!(l.in_flight(), 0);
        let Poll::Ready(_p) = poll_once(&mut l.acquire(), &waker) else {
            panic!()
        };
    }
}
