//! Runtime configuration: `config.json` read from the app's base URL at start-up
//! (contract: DESIGN.md §2). Parsing, presets and validation are pure and tested
//! natively; only [`load`] touches the browser.

use serde::Deserialize;
use thiserror::Error;

/// The client id shipped in `public/config.json`; a deployment must replace it.
pub const PLACEHOLDER_CLIENT_ID: &str = "YOUR_OURA_CLIENT_ID";

/// The identity-provider presets Oura has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Idp {
    /// Legacy portal (cloud.ouraring.com), bare scope names.
    Cloud,
    /// Apps registered since 2025 on developer.ouraring.com, `extapi:` scopes.
    Moi,
}

impl Idp {
    pub fn name(self) -> &'static str {
        match self {
            Idp::Cloud => "cloud",
            Idp::Moi => "moi",
        }
    }

    pub fn authorize_url(self) -> &'static str {
        match self {
            Idp::Cloud => "https://cloud.ouraring.com/oauth/authorize",
            Idp::Moi => "https://moi.ouraring.com/oauth/v2/ext/oauth-authorize",
        }
    }

    pub fn scopes(self) -> &'static [&'static str] {
        match self {
            Idp::Cloud => &[
                "email",
                "personal",
                "daily",
                "heartrate",
                "workout",
                "tag",
                "session",
                "spo2",
                "stress",
                "heart_health",
                "ring_configuration",
            ],
            Idp::Moi => &[
                "extapi:personal",
                "extapi:daily",
                "extapi:heartrate",
                "extapi:workout",
                "extapi:tag",
                "extapi:session",
                "extapi:spo2",
                "extapi:stress",
                "extapi:heart_health",
                "email",
            ],
        }
    }
}

/// `config.json` as written by a self-hoster: every field optional here so that a
/// missing one gets a precise message instead of a parse error.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct RawConfig {
    pub client_id: Option<String>,
    pub idp: Option<String>,
    pub authorize_url: Option<String>,
    pub scopes: Option<Vec<String>>,
    pub api_base: Option<String>,
    pub redirect_uri: Option<String>,
}

/// The resolved configuration the app runs with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub client_id: String,
    pub idp: Idp,
    pub authorize_url: String,
    pub scopes: Vec<String>,
    /// Absolute `http(s)://…` URL or a same-origin path such as `/oura-api`; never
    /// ends with `/`.
    pub api_base: String,
    /// The redirect URI sent with every authorize request (registered byte for byte).
    pub redirect_uri: String,
}

/// Why the configuration cannot be used. Every variant is shown on screen with its fix.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("config.json could not be loaded: {0}")]
    Unreachable(String),
    #[error("config.json is not valid JSON: {0}")]
    InvalidJson(String),
    #[error("config.json has no client_id")]
    MissingClientId,
    #[error("config.json still has the placeholder client_id")]
    PlaceholderClientId,
    #[error("unknown idp \"{0}\" (use \"cloud\" or \"moi\")")]
    UnknownIdp(String),
    #[error("{field} must be an absolute http(s) URL: \"{value}\"")]
    InvalidUrl { field: &'static str, value: String },
    #[error(
        "api_base must be an absolute http(s) URL or a same-origin path like /oura-api: \"{0}\""
    )]
    InvalidApiBase(String),
    #[error("scopes must not be empty")]
    NoScopes,
}

impl ConfigError {
    /// i18n key of the explanation-and-fix shown to the user.
    pub fn help_key(&self) -> &'static str {
        match self {
            ConfigError::Unreachable(_) => "config.help.unreachable",
            ConfigError::InvalidJson(_) => "config.help.invalid_json",
            ConfigError::MissingClientId | ConfigError::PlaceholderClientId => {
                "config.help.client_id"
            }
            ConfigError::UnknownIdp(_) => "config.help.idp",
            ConfigError::InvalidUrl { .. } | ConfigError::InvalidApiBase(_) => "config.help.url",
            ConfigError::NoScopes => "config.help.scopes",
        }
    }
}

fn is_http_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/') && !r.contains(char::is_whitespace))
}

/// Parses the text of `config.json`. `app_url` is the app's own URL (origin + base
/// path, e.g. `https://example.org/healthhub/`), the default `redirect_uri`.
pub fn parse(text: &str, app_url: &str) -> Result<Config, ConfigError> {
    let raw: RawConfig =
        serde_json::from_str(text).map_err(|e| ConfigError::InvalidJson(e.to_string()))?;
    resolve(raw, app_url)
}

/// Applies the preset and the defaults, then validates.
pub fn resolve(raw: RawConfig, app_url: &str) -> Result<Config, ConfigError> {
    let client_id = raw
        .client_id
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
        .ok_or(ConfigError::MissingClientId)?;
    if client_id == PLACEHOLDER_CLIENT_ID {
        return Err(ConfigError::PlaceholderClientId);
    }
    let idp = match raw.idp.as_deref().map(str::trim) {
        None | Some("") | Some("cloud") => Idp::Cloud,
        Some("moi") => Idp::Moi,
        Some(other) => return Err(ConfigError::UnknownIdp(other.to_owned())),
    };
    let authorize_url = raw
        .authorize_url
        .unwrap_or_else(|| idp.authorize_url().to_owned());
    if !is_http_url(&authorize_url) {
        return Err(ConfigError::InvalidUrl {
            field: "authorize_url",
            value: authorize_url,
        });
    }
    let scopes = match raw.scopes {
        Some(s) => s,
        None => idp.scopes().iter().map(|s| s.to_string()).collect(),
    };
    if scopes.iter().all(|s| s.trim().is_empty()) {
        return Err(ConfigError::NoScopes);
    }
    let api_base = raw
        .api_base
        .unwrap_or_else(|| "https://api.ouraring.com".to_owned());
    let api_base_ok = is_http_url(&api_base)
        || (api_base.starts_with('/')
            && !api_base.starts_with("//")
            && !api_base.contains(char::is_whitespace));
    if !api_base_ok {
        return Err(ConfigError::InvalidApiBase(api_base));
    }
    let api_base = api_base.trim_end_matches('/').to_owned();
    let redirect_uri = raw.redirect_uri.unwrap_or_else(|| app_url.to_owned());
    if !is_http_url(&redirect_uri) {
        return Err(ConfigError::InvalidUrl {
            field: "redirect_uri",
            value: redirect_uri,
        });
    }
    Ok(Config {
        client_id,
        idp,
        authorize_url,
        scopes,
        api_base,
        redirect_uri,
    })
}

/// Fetches and parses `config.json` next to the app (relative to the document's base URL).
pub async fn load() -> Result<Config, ConfigError> {
    use gloo_net::http::Request;
    let app_url = crate::web::app_url();
    let url = format!("{app_url}config.json");
    let resp = Request::get(&url)
        .cache(web_sys::RequestCache::NoCache)
        .send()
        .await
        .map_err(|e| ConfigError::Unreachable(e.to_string()))?;
    if !resp.ok() {
        return Err(ConfigError::Unreachable(format!("HTTP {}", resp.status())));
    }
    let text = resp
        .text()
        .await
        .map_err(|e| ConfigError::Unreachable(e.to_string()))?;
    parse(&text, &app_url)
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP: &str = "https://example.org/healthhub/";

    #[test]
    fn the_shipped_config_is_the_placeholder() {
        let shipped = include_str!("../public/config.json");
        assert_eq!(
            parse(shipped, APP),
            Err(ConfigError::PlaceholderClientId),
            "public/config.json must ship the placeholder so a deployment sees the fix"
        );
    }

    #[test]
    fn only_client_id_is_required_and_defaults_follow_the_cloud_preset() {
        let c = parse(r#"{"client_id":"abc"}"#, APP).unwrap();
        assert_eq!(c.idp, Idp::Cloud);
        assert_eq!(
            c.authorize_url,
            "https://cloud.ouraring.com/oauth/authorize"
        );
        assert_eq!(c.api_base, "https://api.ouraring.com");
        assert_eq!(c.redirect_uri, APP);
        assert!(c.scopes.contains(&"spo2".to_owned()), "live name is spo2");
        assert!(!c.scopes.iter().any(|s| s == "spo2Daily"));
        assert_eq!(c.scopes.len(), 11);
    }

    #[test]
    fn the_moi_preset_uses_extapi_scopes_and_its_own_authorize_url() {
        let c = parse(r#"{"client_id":"abc","idp":"moi"}"#, APP).unwrap();
        assert_eq!(
            c.authorize_url,
            "https://moi.ouraring.com/oauth/v2/ext/oauth-authorize"
        );
        assert!(c.scopes.iter().any(|s| s == "extapi:heartrate"));
        assert!(c.scopes.iter().any(|s| s == "email"));
    }

    #[test]
    fn explicit_fields_override_the_preset() {
        let c = parse(
            r#"{"client_id":"abc","idp":"moi","authorize_url":"http://127.0.0.1:8081/oauth/authorize",
                "scopes":["daily"],"api_base":"http://127.0.0.1:8081/","redirect_uri":"http://localhost:8080/"}"#,
            APP,
        )
        .unwrap();
        assert_eq!(c.authorize_url, "http://127.0.0.1:8081/oauth/authorize");
        assert_eq!(c.scopes, vec!["daily".to_owned()]);
        assert_eq!(
            c.api_base, "http://127.0.0.1:8081",
            "trailing slash trimmed"
        );
        assert_eq!(c.redirect_uri, "http://localhost:8080/");
    }

    #[test]
    fn a_same_origin_api_path_is_accepted() {
        let c = parse(r#"{"client_id":"abc","api_base":"/oura-api"}"#, APP).unwrap();
        assert_eq!(c.api_base, "/oura-api");
    }

    #[test]
    fn bad_configs_get_precise_errors() {
        assert_eq!(
            parse("{", APP).map_err(|e| e.help_key()),
            Err("config.help.invalid_json")
        );
        assert_eq!(parse("{}", APP), Err(ConfigError::MissingClientId));
        assert_eq!(
            parse(r#"{"client_id":"  "}"#, APP),
            Err(ConfigError::MissingClientId)
        );
        assert_eq!(
            parse(r#"{"client_id":"a","idp":"okta"}"#, APP),
            Err(ConfigError::UnknownIdp("okta".into()))
        );
        assert_eq!(
            parse(r#"{"client_id":"a","api_base":"//evil.example"}"#, APP),
            Err(ConfigError::InvalidApiBase("//evil.example".into()))
        );
        assert_eq!(
            parse(r#"{"client_id":"a","api_base":"ftp://x"}"#, APP),
            Err(ConfigError::InvalidApiBase("ftp://x".into()))
        );
        assert!(matches!(
            parse(
                r#"{"client_id":"a","authorize_url":"javascript:alert(1)"}"#,
                APP
            ),
            Err(ConfigError::InvalidUrl {
                field: "authorize_url",
                ..
            })
        ));
        assert_eq!(
            parse(r#"{"client_id":"a","scopes":[]}"#, APP),
            Err(ConfigError::NoScopes)
        );
        assert_eq!(
            parse(
                r#"{"client_id":"a","client_id_typo":1,"scopes":"daily"}"#,
                APP
            )
            .map_err(|e| e.help_key()),
            Err("config.help.invalid_json"),
            "a wrong type is reported, not ignored"
        );
    }
}
