//! The user interface: the app shell (`app`), navigation, pages (one file per route)
//! and shared components. Views read state from contexts provided by [`app::App`];
//! every text comes from `crate::i18n`.

pub mod app;
pub mod charts;
pub mod components;
pub mod nav;
pub mod pages;
pub mod router;

/// An in-app link target: the router's base path (`""` at the site root,
/// `/healthhub` under a sub-path) + an absolute app path such as `/settings`.
pub fn href(path: &str) -> String {
    let base = leptos::prelude::use_context::<router::RouterState>()
        .map(|r| r.base())
        .unwrap_or_default();
    join(&base, path)
}

/// Pure part of [`href`].
pub fn join(base: &str, path: &str) -> String {
    let path = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    };
    if base.is_empty() {
        path
    } else if path == "/" {
        format!("{base}/")
    } else {
        format!("{base}{path}")
    }
}

/// The route of an endpoint's page.
pub fn endpoint_route(e: &crate::endpoints::Endpoint) -> String {
    format!("/data/{}", e.path)
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn links_respect_the_base_path() {
        assert_eq!(join("", "/"), "/");
        assert_eq!(join("", "/settings"), "/settings");
        assert_eq!(join("/healthhub", "/"), "/healthhub/");
        assert_eq!(
            join("/healthhub", "/data/vO2_max"),
            "/healthhub/data/vO2_max"
        );
        assert_eq!(join("/healthhub", "settings"), "/healthhub/settings");
    }
}
