//! Sign-in with Oura: the OAuth2 implicit flow, entirely in the browser.
//!
//! 1. [`begin_sign_in`] makes a random `state` (Web Crypto), keeps it in
//!    `sessionStorage` and sends this tab to the authorize URL.
//! 2. Oura redirects back to `redirect_uri#access_token=…&state=…` (or
//!    `?error=access_denied&state=…`). [`take_callback`] runs in `main` before anything
//!    else: it strips every trace of the response from the address bar and history
//!    (`history.replaceState`), checks `state`, and stores the session.
//!
//! URL building and callback parsing/validation are pure and tested natively.

use super::percent::{percent_decode as decode, percent_encode as encode};
use super::token::AccessToken;
use crate::config::Config;
use serde::{Deserialize, Serialize};
use thiserror::Error;

const STATE_KEY: &str = "healthhub.oauth_state";
const SESSION_KEY: &str = "healthhub.session";

/// A signed-in session: the token, when it expires and the scopes Oura granted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub token: AccessToken,
    /// Expiry in milliseconds since the Unix epoch (`None`: Oura did not say).
    pub expires_at_ms: Option<i64>,
    /// Scopes as granted (may differ from those requested). For diagnosis only:
    /// every endpoint is requested whatever came back.
    pub scopes: Vec<String>,
}

impl Session {
    /// Whether the token is past its expiry at `now_ms`.
    pub fn is_expired(&self, now_ms: i64) -> bool {
        self.expires_at_ms.is_some_and(|t| now_ms >= t)
    }
}

/// The session as persisted in `localStorage` (never exported).
#[derive(Serialize, Deserialize)]
struct StoredSession {
    token: String,
    expires_at_ms: Option<i64>,
    scopes: Vec<String>,
}

/// Why a sign-in did not complete. Each is shown on screen; nothing is stored.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum AuthError {
    #[error("access was not allowed on Oura's page")]
    Denied,
    #[error("the sign-in response does not match the sign-in this app started (state mismatch)")]
    StateMismatch,
    #[error("no sign-in was started in this tab (or it was already completed)")]
    NoPendingSignIn,
    #[error("Oura answered with an error: {error}{}", description.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    Provider {
        error: String,
        description: Option<String>,
    },
    #[error("the sign-in response is incomplete: {0}")]
    Malformed(&'static str),
    #[error("this browser cannot make a secure random value (Web Crypto unavailable)")]
    NoCrypto,
    #[error("the browser refused to store the sign-in: {0}")]
    Storage(&'static str),
    #[error("the configuration is not usable: {0}")]
    Config(String),
}

impl AuthError {
    /// i18n key of the message shown to the user (with what to do).
    pub fn help_key(&self) -> &'static str {
        match self {
            AuthError::Denied => "auth.error.denied",
            AuthError::StateMismatch | AuthError::NoPendingSignIn => "auth.error.state",
            AuthError::Provider { .. } | AuthError::Malformed(_) => "auth.error.provider",
            AuthError::NoCrypto | AuthError::Storage(_) => "auth.error.browser",
            AuthError::Config(_) => "auth.error.config",
        }
    }
}

/// What came back on the redirect URI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Callback {
    Token {
        access_token: String,
        token_type: Option<String>,
        expires_in: Option<i64>,
        scope: Option<String>,
        state: Option<String>,
    },
    Error {
        error: String,
        description: Option<String>,
        state: Option<String>,
    },
}

/// Query keys of an error callback, removed from the address bar.
pub const CALLBACK_QUERY_KEYS: [&str; 4] = ["error", "error_description", "error_uri", "state"];

/// Splits `a=1&b=2` (no leading `#`/`?`) into decoded pairs.
pub fn parse_params(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

fn param(params: &[(String, String)], key: &str) -> Option<String> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
}

/// The authorize URL for the implicit flow; it always carries `redirect_uri`.
pub fn authorize_url(config: &Config, state: &str) -> String {
    let sep = if config.authorize_url.contains('?') {
        '&'
    } else {
        '?'
    };
    let scope = config
        .scopes
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    format!(
        "{}{sep}response_type=token&client_id={}&redirect_uri={}&scope={}&state={}",
        config.authorize_url,
        encode(&config.client_id),
        encode(&config.redirect_uri),
        encode(&scope),
        encode(state),
    )
}

/// Recognises an OAuth callback in the URL's fragment (without `#`) or query (without
/// `?`). `None` when the URL is not a callback.
pub fn parse_callback(fragment: &str, query: &str) -> Option<Callback> {
    let frag = parse_params(fragment);
    if let Some(access_token) = param(&frag, "access_token") {
        return Some(Callback::Token {
            access_token,
            token_type: param(&frag, "token_type"),
            expires_in: param(&frag, "expires_in").and_then(|s| s.trim().parse().ok()),
            scope: param(&frag, "scope"),
            state: param(&frag, "state"),
        });
    }
    // Errors come in the query (Oura) or, by some providers, in the fragment.
    for params in [parse_params(query), frag] {
        if let Some(error) = param(&params, "error") {
            return Some(Callback::Error {
                error,
                description: param(&params, "error_description").filter(|d| !d.is_empty()),
                state: param(&params, "state"),
            });
        }
    }
    None
}

/// Checks a callback against the `state` this tab saved and turns it into a session.
pub fn complete(
    callback: Callback,
    expected_state: Option<&str>,
    now_ms: i64,
) -> Result<Session, AuthError> {
    let state_ok = |state: &Option<String>| -> Result<(), AuthError> {
        let expected = expected_state.ok_or(AuthError::NoPendingSignIn)?;
        match state {
            Some(s) if s == expected => Ok(()),
            _ => Err(AuthError::StateMismatch),
        }
    };
    match callback {
        Callback::Error {
            error,
            description,
            state,
        } => {
            state_ok(&state)?;
            if error == "access_denied" {
                Err(AuthError::Denied)
            } else {
                Err(AuthError::Provider { error, description })
            }
        }
        Callback::Token {
            access_token,
            token_type,
            expires_in,
            scope,
            state,
        } => {
            state_ok(&state)?;
            if access_token.trim().is_empty() {
                return Err(AuthError::Malformed("empty access_token"));
            }
            if let Some(t) = token_type {
                if !t.eq_ignore_ascii_case("bearer") {
                    return Err(AuthError::Malformed("token_type is not bearer"));
                }
            }
            let scopes = scope
                .unwrap_or_default()
                .split([' ', '+', ','])
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            Ok(Session {
                token: AccessToken::new(access_token),
                expires_at_ms: expires_in
                    .filter(|s| *s > 0)
                    .map(|s| now_ms.saturating_add(s.saturating_mul(1000))),
                scopes,
            })
        }
    }
}

/// Serialises a session for `localStorage`.
pub fn session_to_json(session: &Session) -> String {
    serde_json::to_string(&StoredSession {
        token: session.token.secret().to_owned(),
        expires_at_ms: session.expires_at_ms,
        scopes: session.scopes.clone(),
    })
    .unwrap_or_default()
}

/// Reads a stored session; `None` for anything unreadable (then the user signs in again).
pub fn session_from_json(text: &str) -> Option<Session> {
    let s: StoredSession = serde_json::from_str(text).ok()?;
    if s.token.is_empty() {
        return None;
    }
    Some(Session {
        token: AccessToken::new(s.token),
        expires_at_ms: s.expires_at_ms,
        scopes: s.scopes,
    })
}

/// Query string with the callback parameters removed (with its `?`, or empty).
pub fn strip_callback_query(query: &str) -> String {
    let kept: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let key = decode(p.split_once('=').map(|(k, _)| k).unwrap_or(p));
            !CALLBACK_QUERY_KEYS.contains(&key.as_str())
        })
        .map(str::to_owned)
        .collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    }
}

// ---- Browser side -------------------------------------------------------------

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn random_state() -> Result<String, AuthError> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(AuthError::NoCrypto)?;
    let mut bytes = [0u8; 32];
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|_| AuthError::NoCrypto)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Starts signing in: saves a fresh random `state` and sends this tab to Oura.
pub fn begin_sign_in(config: &Config) -> Result<(), AuthError> {
    let state = random_state()?;
    session_storage()
        .ok_or(AuthError::Storage("sessionStorage unavailable"))?
        .set_item(STATE_KEY, &state)
        .map_err(|_| AuthError::Storage("sessionStorage is full or blocked"))?;
    let url = authorize_url(config, &state);
    web_sys::window()
        .ok_or(AuthError::Storage("no window"))?
        .location()
        .assign(&url)
        .map_err(|_| AuthError::Config("the authorize URL was refused".into()))
}

/// Handles an OAuth callback in the current URL, if there is one: removes it from the
/// address bar and history first, then validates it and stores the session. Runs
/// before the app mounts, on any path.
pub fn take_callback() -> Option<Result<Session, AuthError>> {
    let window = web_sys::window()?;
    let location = window.location();
    let hash = location.hash().unwrap_or_default();
    let search = location.search().unwrap_or_default();
    let callback = parse_callback(
        hash.strip_prefix('#').unwrap_or(&hash),
        search.strip_prefix('?').unwrap_or(&search),
    )?;
    // Forget the response in the address bar and in history before anything else.
    let path = location.pathname().unwrap_or_else(|_| "/".into());
    let clean = format!(
        "{path}{}",
        strip_callback_query(search.strip_prefix('?').unwrap_or(&search))
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
    }
    let storage = session_storage();
    let expected = storage
        .as_ref()
        .and_then(|s| s.get_item(STATE_KEY).ok().flatten());
    // A state is good for one callback only.
    if let Some(s) = &storage {
        let _ = s.remove_item(STATE_KEY);
    }
    let result = complete(callback, expected.as_deref(), now_ms());
    Some(result.and_then(|session| {
        save_session(&session)?;
        Ok(session)
    }))
}

/// Persists the session so it survives reloads (the sync resumes; the app opens offline).
pub fn save_session(session: &Session) -> Result<(), AuthError> {
    let ok = crate::web::storage_set(SESSION_KEY, Some(&session_to_json(session)));
    if ok {
        Ok(())
    } else {
        Err(AuthError::Storage("localStorage is full or blocked"))
    }
}

/// The stored session, if any.
pub fn load_session() -> Option<Session> {
    crate::web::storage_get(SESSION_KEY).and_then(|t| session_from_json(&t))
}

/// Forgets the token on this device.
pub fn forget_session() {
    crate::web::storage_set(SESSION_KEY, None);
}

/// Milliseconds since the epoch, for expiry checks.
pub fn now() -> i64 {
    now_ms()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{parse, Idp};

    fn config(json: &str) -> Config {
        parse(json, "https://example.org/healthhub/").unwrap()
    }

    #[test]
    fn the_authorize_url_carries_everything_encoded() {
        let c = config(r#"{"client_id":"my id"}"#);
        let url = authorize_url(&c, "abc123");
        assert!(url.starts_with("https://cloud.ouraring.com/oauth/authorize?response_type=token&"));
        assert!(url.contains("&client_id=my%20id&"));
        assert!(url.contains("&redirect_uri=https%3A%2F%2Fexample.org%2Fhealthhub%2F&"));
        assert!(url.contains("&scope=email%20personal%20daily%20heartrate%20"));
        assert!(url.contains("%20spo2%20"));
        assert!(url.ends_with("&state=abc123"));
    }

    #[test]
    fn the_moi_preset_sends_extapi_scopes_to_its_authorize_url() {
        let c = config(r#"{"client_id":"x","idp":"moi"}"#);
        assert_eq!(c.idp, Idp::Moi);
        let url = authorize_url(&c, "s");
        assert!(url.starts_with("https://moi.ouraring.com/oauth/v2/ext/oauth-authorize?"));
        assert!(url.contains("extapi%3Aheartrate"));
    }

    #[test]
    fn an_authorize_url_with_a_query_gets_an_ampersand() {
        let c = config(r#"{"client_id":"x","authorize_url":"https://idp.example/auth?tenant=1"}"#);
        assert!(authorize_url(&c, "s")
            .starts_with("https://idp.example/auth?tenant=1&response_type=token"));
    }

    #[test]
    fn a_token_fragment_is_parsed() {
        let cb = parse_callback(
            "access_token=tok%2Ben&token_type=bearer&expires_in=86400&scope=daily+heartrate&state=s1",
            "",
        );
        assert_eq!(
            cb,
            Some(Callback::Token {
                access_token: "tok+en".into(),
                token_type: Some("bearer".into()),
                expires_in: Some(86400),
                scope: Some("daily heartrate".into()),
                state: Some("s1".into()),
            })
        );
    }

    #[test]
    fn an_error_query_is_parsed_and_ordinary_urls_are_not_callbacks() {
        assert_eq!(
            parse_callback("", "error=access_denied&state=s1"),
            Some(Callback::Error {
                error: "access_denied".into(),
                description: None,
                state: Some("s1".into())
            })
        );
        assert_eq!(parse_callback("", ""), None);
        assert_eq!(parse_callback("main", "lang=ja"), None);
        assert_eq!(
            parse_callback("%%%&&==", "%zz"),
            None,
            "garbage is not a callback"
        );
    }

    #[test]
    fn a_matching_state_signs_in_with_expiry_and_granted_scopes() {
        let cb = parse_callback(
            "access_token=T&token_type=Bearer&expires_in=3600&scope=daily%20heartrate&state=s1",
            "",
        )
        .unwrap();
        let s = complete(cb, Some("s1"), 1_000).unwrap();
        assert_eq!(s.token.secret(), "T");
        assert_eq!(s.expires_at_ms, Some(1_000 + 3_600_000));
        assert_eq!(s.scopes, vec!["daily", "heartrate"]);
        assert!(!s.is_expired(1_000));
        assert!(s.is_expired(1_000 + 3_600_000));
    }

    #[test]
    fn a_tampered_or_unexpected_state_is_refused() {
        let cb = parse_callback("access_token=T&state=evil", "").unwrap();
        assert_eq!(
            complete(cb.clone(), Some("s1"), 0),
            Err(AuthError::StateMismatch)
        );
        assert_eq!(complete(cb, None, 0), Err(AuthError::NoPendingSignIn));
        let no_state = parse_callback("access_token=T", "").unwrap();
        assert_eq!(
            complete(no_state, Some("s1"), 0),
            Err(AuthError::StateMismatch)
        );
    }

    #[test]
    fn deny_and_provider_errors_are_reported() {
        let denied = parse_callback("", "error=access_denied&state=s1").unwrap();
        assert_eq!(complete(denied, Some("s1"), 0), Err(AuthError::Denied));
        let other = parse_callback(
            "",
            "error=invalid_scope&error_description=bad+scope&state=s1",
        )
        .unwrap();
        let err = complete(other, Some("s1"), 0).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Oura answered with an error: invalid_scope (bad scope)"
        );
        let forged = parse_callback("", "error=access_denied&state=zzz").unwrap();
        assert_eq!(
            complete(forged, Some("s1"), 0),
            Err(AuthError::StateMismatch)
        );
    }

    #[test]
    fn a_wrong_token_type_or_empty_token_is_malformed() {
        let cb = parse_callback("access_token=T&token_type=mac&state=s", "").unwrap();
        assert!(matches!(
            complete(cb, Some("s"), 0),
            Err(AuthError::Malformed(_))
        ));
        let cb = parse_callback("access_token=&state=s", "").unwrap();
        assert!(matches!(
            complete(cb, Some("s"), 0),
            Err(AuthError::Malformed(_))
        ));
    }

    #[test]
    fn sessions_round_trip_and_garbage_is_ignored() {
        let s = Session {
            token: AccessToken::new("T"),
            expires_at_ms: Some(5),
            scopes: vec!["daily".into()],
        };
        assert_eq!(session_from_json(&session_to_json(&s)), Some(s.clone()));
        assert_eq!(session_from_json("{"), None);
        assert_eq!(
            session_from_json(r#"{"token":"","expires_at_ms":null,"scopes":[]}"#),
            None
        );
        assert!(
            !format!("{s:?}").contains("\"T\""),
            "Debug never shows the token"
        );
    }

    #[test]
    fn callback_parameters_are_stripped_from_the_query() {
        assert_eq!(strip_callback_query("error=access_denied&state=s"), "");
        assert_eq!(strip_callback_query("lang=ja&state=s&error=x"), "?lang=ja");
        assert_eq!(strip_callback_query(""), "");
    }
}
