//! The cross-origin check behind CORS diagnosis, and the fix a CORS failure names.
//! Pure, tested natively.

/// The README section a CORS failure points to.
pub const CORS_FIX: &str =
    "serve the API through a same-origin path (api_base like /oura-api) — see the README section Deploy";

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
