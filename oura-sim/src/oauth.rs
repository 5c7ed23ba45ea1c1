//! `/oauth/authorize`: the OAuth 2 implicit flow with a consent page.
//!
//! GET shows the consent page (or, with `--auto-approve`, redirects at once); the page's
//! form POSTs back to the same path with `decision=allow|deny`. Every request is
//! validated again; an invalid request gets an HTML error page with 400 and never a
//! redirect (the redirect_uri is not trusted until validated).

use crate::Sim;
use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, Response, StatusCode};
use std::collections::HashMap;

/// Every scope the simulator knows (cloud spellings; `extapi:` forms are accepted too).
pub const ALL_SCOPES: [&str; 12] = [
    "email",
    "personal",
    "daily",
    "heartrate",
    "workout",
    "tag",
    "session",
    "spo2",
    "spo2Daily",
    "stress",
    "heart_health",
    "ring_configuration",
];

/// Percent-encodes a string for use in a URL query or fragment component.
pub fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

fn page(status: StatusCode, title: &str, body: &str) -> Response<Body> {
    let html = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{t}</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>body{{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}button{{font-size:1rem;padding:.6rem 1.4rem;margin-right:.8rem}}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n",
        t = esc(title)
    );
    let mut r = Response::new(Body::from(html));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn error_page(msg: &str) -> Response<Body> {
    page(
        StatusCode::BAD_REQUEST,
        "Authorization error",
        &format!(
            "<h1>Authorization error</h1>\n<p role=\"alert\">{}</p>",
            esc(msg)
        ),
    )
}

fn bad(msg: &str) -> Box<Response<Body>> {
    Box::new(error_page(msg))
}

fn redirect(location: &str) -> Response<Body> {
    let mut r = Response::new(Body::empty());
    match HeaderValue::from_str(location) {
        Ok(v) => {
            *r.status_mut() = StatusCode::SEE_OTHER;
            r.headers_mut().insert(header::LOCATION, v);
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r
        }
        Err(_) => error_page("The redirect_uri cannot be used."),
    }
}

/// Checks a redirect_uri: absolute http(s) with a host, no fragment, no whitespace or
/// control characters.
pub fn valid_redirect(uri: &str) -> bool {
    let lower = uri.to_ascii_lowercase();
    let rest = if let Some(r) = lower.strip_prefix("https://") {
        r
    } else if let Some(r) = lower.strip_prefix("http://") {
        r
    } else {
        return false;
    };
    let host = rest.split(['/', '?']).next().unwrap_or("");
    !host.is_empty()
        && !host.starts_with(':')
        && !host.contains('@')
        && uri.len() <= 2048
        && !uri.contains('#')
        && uri.chars().all(|c| c.is_ascii_graphic())
}

struct AuthRequest {
    client_id: String,
    redirect_uri: String,
    scope: String,
    state: Option<String>,
}

fn validate(sim: &Sim, p: &HashMap<String, String>) -> Result<AuthRequest, Box<Response<Body>>> {
    let get = |k: &str| p.get(k).map(String::as_str).unwrap_or("");
    match get("response_type") {
        "token" => {}
        "" => {
            return Err(bad(
                "Missing response_type (this server supports response_type=token).",
            ))
        }
        _ => return Err(bad(
            "Unsupported response_type: only the implicit flow (response_type=token) is supported.",
        )),
    }
    let client_id = get("client_id");
    if client_id.is_empty() {
        return Err(bad("Missing client_id."));
    }
    if !sim.args.auto_approve && client_id != sim.args.client_id {
        return Err(bad("Unknown client_id."));
    }
    let redirect_uri = get("redirect_uri");
    if redirect_uri.is_empty() {
        return Err(bad("Missing redirect_uri."));
    }
    if !valid_redirect(redirect_uri) {
        return Err(bad(
            "Invalid redirect_uri: it must be an absolute http(s) URL without a fragment.",
        ));
    }
    let scope = p
        .get("scope")
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| ALL_SCOPES[..8].join(" "));
    Ok(AuthRequest {
        client_id: client_id.to_string(),
        redirect_uri: redirect_uri.to_string(),
        scope,
        state: p.get("state").cloned(),
    })
}

fn allow(sim: &Sim, a: &AuthRequest) -> Response<Body> {
    let ttl = sim.rt().faults.token_ttl;
    let scopes: Vec<String> = a.scope.split(' ').map(str::to_string).collect();
    let token = sim.issue_token(ttl, scopes);
    let mut loc = format!(
        "{}#access_token={}&token_type=bearer&expires_in={}&scope={}",
        a.redirect_uri,
        token,
        ttl,
        enc(&a.scope)
    );
    if let Some(s) = &a.state {
        loc.push_str("&state=");
        loc.push_str(&enc(s));
    }
    redirect(&loc)
}

fn deny(a: &AuthRequest) -> Response<Body> {
    let sep = if a.redirect_uri.contains('?') {
        '&'
    } else {
        '?'
    };
    let mut loc = format!("{}{}error=access_denied", a.redirect_uri, sep);
    if let Some(s) = &a.state {
        loc.push_str("&state=");
        loc.push_str(&enc(s));
    }
    redirect(&loc)
}

fn consent(a: &AuthRequest) -> Response<Body> {
    let hidden = |k: &str, v: &str| {
        format!(
            "<input type=\"hidden\" name=\"{}\" value=\"{}\">\n",
            esc(k),
            esc(v)
        )
    };
    let mut fields = String::new();
    fields.push_str(&hidden("response_type", "token"));
    fields.push_str(&hidden("client_id", &a.client_id));
    fields.push_str(&hidden("redirect_uri", &a.redirect_uri));
    fields.push_str(&hidden("scope", &a.scope));
    if let Some(s) = &a.state {
        fields.push_str(&hidden("state", s));
    }
    let scopes: String = a
        .scope
        .split(' ')
        .map(|s| format!("<li>{}</li>", esc(s)))
        .collect();
    let body = format!(
        "<h1>Oura simulator: authorize access</h1>\n\
<p>The application <strong>{client}</strong> asks to read your Oura data.</p>\n\
<h2 id=\"scopes-heading\">Requested access</h2>\n<ul aria-labelledby=\"scopes-heading\">{scopes}</ul>\n\
<p>It will be sent back to <code>{uri}</code>.</p>\n\
<form method=\"post\" action=\"/oauth/authorize\" aria-label=\"Authorization decision\">\n{fields}\
<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>\n\
<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\n</form>",
        client = esc(&a.client_id),
        uri = esc(&a.redirect_uri),
    );
    page(StatusCode::OK, "Authorize access - Oura simulator", &body)
}

pub async fn handle(sim: &Sim, req: Request) -> Response<Body> {
    if req.uri().path() != "/oauth/authorize" {
        return crate::detail(StatusCode::NOT_FOUND, "Not Found");
    }
    let method = req.method().clone();
    let query: HashMap<String, String> =
        form_urlencoded::parse(req.uri().query().unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    if method == Method::GET || method == Method::HEAD {
        let a = match validate(sim, &query) {
            Ok(a) => a,
            Err(r) => return *r,
        };
        if sim.args.auto_approve {
            return allow(sim, &a);
        }
        return consent(&a);
    }
    if method == Method::POST {
        let bytes = match to_bytes(req.into_body(), 64 * 1024).await {
            Ok(b) => b,
            Err(_) => return error_page("The request body is too large."),
        };
        let mut form: HashMap<String, String> = query;
        form.extend(form_urlencoded::parse(&bytes).map(|(k, v)| (k.into_owned(), v.into_owned())));
        let a = match validate(sim, &form) {
            Ok(a) => a,
            Err(r) => return *r,
        };
        return match form.get("decision").map(String::as_str) {
            Some("allow") => allow(sim, &a),
            Some("deny") => deny(&a),
            _ => error_page("Missing decision: choose Allow or Deny."),
        };
    }
    crate::detail(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects() {
        assert!(valid_redirect("http://localhost:8080/"));
        assert!(valid_redirect("https://app.example.com/cb?x=1"));
        for bad in [
            "",
            "javascript:alert(1)",
            "ftp://x",
            "http://",
            "http:///x",
            "http://a b",
            "http://x/#frag",
            "//evil.example",
            "http://user@evil",
        ] {
            assert!(!valid_redirect(bad), "{bad}");
        }
        assert_eq!(enc("daily heartrate"), "daily%20heartrate");
        assert_eq!(esc("<a href=\"x\">"), "&lt;a href=&quot;x&quot;&gt;");
    }
}
