//! The pure half of the Oura HTTP client under its historical path: every item is
//! defined in a module of its own and re-exported here so `crate::oura::query::*`
//! keeps working. Where each concern lives:
//!
//! - [`window`](super::window): request windows, query parameters and URLs;
//! - [`percent`](super::percent): percent-encoding;
//! - [`cors`](super::cors): the cross-origin check and its fix text;
//! - [`error`](super::error): [`ClientError`] and the status → error mapping;
//! - [`retry`](super::retry): the retry/backoff policy;
//! - [`http_date`](super::http_date): `Retry-After` parsing;
//! - [`rate_limit`](super::rate_limit): the wait a 429 states and the shared pause;
//! - [`paging`](super::paging): page parsing and repeated-`next_token` detection;
//! - [`limiter`](super::limiter): the request limiter.
//!
//! The browser half (fetch, timers, abort) is [`crate::oura::client`].

pub use super::cors::{is_cross_origin, CORS_FIX};
pub use super::error::{error_detail, error_from_status, ClientError};
pub use super::http_date::parse_retry_after;
pub use super::limiter::{Acquire, Limiter, Permit};
pub use super::paging::{parse_page, Page, PagingState};
pub use super::percent::{encode_query, percent_encode};
pub use super::rate_limit::{next_pause_until, stated_wait};
pub use super::retry::{RetryDecision, RetryPolicy};
pub use super::window::{
    collection_url, datetime_param, datetime_windows, heartrate_windows, list_params, request_url,
    split_range, windows_of_days, Window, DATE_PADDING_DAYS, HEARTRATE_MAX_WINDOW_DAYS,
    HEARTRATE_PADDING_DAYS,
};
