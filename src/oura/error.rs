//! [`ClientError`], every way a request to Oura can fail, and the mapping of a
//! non-2xx response (status and Oura's `{"detail": …}` body) to it. Pure, tested
//! natively.

use super::cors::CORS_FIX;
use crate::oura::models::ErrorBody;
use thiserror::Error;

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
    // Seconds written with integers (float formatting costs first-load bytes).
    #[error("Oura did not answer within {} s ({attempts} attempts)", seconds(*.timeout_ms))]
    Timeout { timeout_ms: u32, attempts: u32 },
    /// A 2xx body that is not the expected JSON (after the retries: bodies get truncated).
    #[error("Oura's answer was not valid JSON ({attempts} attempts): {message}")]
    InvalidBody { message: String, attempts: u32 },
    /// The same `next_token` came back twice while paging one window: asking again
    /// would loop. Permanent for that window.
    #[error("Oura sent the same next_token twice for {endpoint} (after {pages} pages); paging stopped to avoid a loop")]
    RepeatedToken { endpoint: &'static str, pages: u32 },
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

/// Milliseconds as seconds with at most 3 decimals: `30`, `2.5`.
fn seconds(ms: u32) -> String {
    let (s, frac) = (ms / 1000, ms % 1000);
    if frac == 0 {
        s.to_string()
    } else {
        let f = format!("{frac:03}");
        format!("{s}.{}", f.trim_end_matches('0'))
    }
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

    /// Permanent: the same request will fail the same way however often it is sent —
    /// 400 and 422 (Oura rejected the query), 404, and a repeated `next_token`. The
    /// sync reports these once (with [`ClientError::detail`]) and moves on to the next
    /// window or endpoint instead of retrying.
    pub fn is_permanent(&self) -> bool {
        matches!(
            self,
            ClientError::BadRequest { .. }
                | ClientError::NotFound { .. }
                | ClientError::RepeatedToken { .. }
        )
    }

    /// What Oura said, as received (its `detail` message; the `Forbidden` reason);
    /// `None` for errors without one.
    pub fn detail(&self) -> Option<String> {
        match self {
            ClientError::BadRequest { detail, .. }
            | ClientError::Unauthorized { detail }
            | ClientError::NotFound { detail, .. }
            | ClientError::UpgradeRequired { detail } => Some(detail.clone()),
            ClientError::Forbidden { reason, .. } => Some(reason.clone()),
            // Not Oura's words: the translated kind says what happened.
            _ => None,
        }
    }

    /// The endpoint (path segment) the error is about, when it names one.
    pub fn endpoint(&self) -> Option<&'static str> {
        match self {
            ClientError::BadRequest { endpoint, .. }
            | ClientError::Forbidden { endpoint, .. }
            | ClientError::NotFound { endpoint, .. }
            | ClientError::UnexpectedStatus { endpoint, .. }
            | ClientError::RepeatedToken { endpoint, .. }
            | ClientError::InvalidWindow { endpoint, .. } => Some(endpoint),
            _ => None,
        }
    }

    /// 401: the UI asks to sign in again (stored data is kept).
    pub fn needs_sign_in(&self) -> bool {
        matches!(self, ClientError::Unauthorized { .. })
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;
    use std::collections::HashSet;

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
            ClientError::RepeatedToken {
                endpoint: "x",
                pages: 2,
            },
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
    fn permanent_errors_are_typed_and_carry_oura_detail() {
        let (_, not_found) = recorded("single_sleep_non_existing.json");
        let (_, invalid) = recorded("multiple_tag_invalid_dates.json");
        let permanent = [
            error_from_status("sleep", 404, &not_found, None),
            error_from_status("tag", 422, &invalid, None),
            error_from_status("tag", 400, r#"{"detail":"Invalid next_token."}"#, None),
            ClientError::RepeatedToken {
                endpoint: "tag",
                pages: 3,
            },
        ];
        let details = [
            Some("Document not found."),
            Some("query.start_date: Start date must be before end date"),
            Some("Invalid next_token."),
            None,
        ];
        for (e, detail) in permanent.iter().zip(details) {
            assert!(e.is_permanent(), "{e:?}");
            assert!(!e.is_retryable(), "{e:?}");
            assert_eq!(e.detail().as_deref(), detail);
            assert!(e.endpoint().is_some(), "{e:?}");
            assert!(e.to_string().contains(e.endpoint().unwrap_or("?")), "{e}");
            if let Some(detail) = detail {
                assert!(e.to_string().contains(detail), "{e}");
            }
        }
        assert_eq!(
            permanent[3].to_string(),
            "Oura sent the same next_token twice for tag (after 3 pages); paging stopped to avoid a loop"
        );
        for transient_or_other in [
            error_from_status("x", 401, "", None),
            error_from_status("x", 403, "", None),
            error_from_status("x", 426, "", None),
            error_from_status("x", 429, "", None),
            error_from_status("x", 503, "", None),
            error_from_status("x", 302, "", None),
            ClientError::Offline,
            ClientError::Cors {
                api_base: "https://api.ouraring.com".into(),
            },
        ] {
            assert!(!transient_or_other.is_permanent(), "{transient_or_other:?}");
        }
        assert_eq!(
            error_from_status("x", 403, r#"{"detail":"Missing scope"}"#, None).detail(),
            Some("Missing scope".into())
        );
        assert_eq!(error_from_status("x", 503, "", None).detail(), None);
    }
}
