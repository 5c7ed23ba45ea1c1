//! Thin, fallible helpers over the browser APIs the app shell needs. Nothing here
//! panics: a missing `window`, a blocked `localStorage` or an odd base URL degrade to
//! defaults.

/// The app's own URL: origin + base path, always ending with `/`
/// (e.g. `https://example.org/healthhub/`). Trunk writes `<base href>` from its
/// `public_url`, so `document.baseURI` is the deployment's base.
pub fn app_url() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_else(|| "/".to_owned());
    let mut url = match base.find(['?', '#']) {
        Some(i) => base[..i].to_owned(),
        None => base,
    };
    if let Some(i) = url.rfind('/') {
        url.truncate(i + 1);
    }
    url
}

/// The path part of [`app_url`] without the trailing slash (`""` at the site root),
/// as the router's `base`.
pub fn base_path() -> String {
    base_path_of(&app_url())
}

/// Pure part of [`base_path`].
pub fn base_path_of(app_url: &str) -> String {
    let after_scheme = app_url.split_once("://").map(|(_, r)| r).unwrap_or(app_url);
    let path = after_scheme
        .find('/')
        .map(|i| &after_scheme[i..])
        .unwrap_or("/");
    path.trim_end_matches('/').to_owned()
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads a `localStorage` item; `None` when absent or storage is unavailable.
pub fn storage_get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Writes (or with `None`, removes) a `localStorage` item. Returns whether it stuck.
pub fn storage_set(key: &str, value: Option<&str>) -> bool {
    let Some(s) = local_storage() else {
        return false;
    };
    match value {
        Some(v) => s.set_item(key, v).is_ok(),
        None => s.remove_item(key).is_ok(),
    }
}

/// The browser's preferred languages, most preferred first.
pub fn browser_languages() -> Vec<String> {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let mut langs: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if langs.is_empty() {
        if let Some(l) = nav.language() {
            langs.push(l);
        }
    }
    langs
}

/// Sets `<html lang>` so screen readers pronounce the UI in its language.
pub fn set_document_lang(code: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", code);
    }
}

#[cfg(test)]
mod tests {
    use super::base_path_of;

    #[test]
    fn base_paths() {
        assert_eq!(base_path_of("http://127.0.0.1:8080/"), "");
        assert_eq!(base_path_of("https://example.org/healthhub/"), "/healthhub");
        assert_eq!(base_path_of("https://example.org/a/b/"), "/a/b");
        assert_eq!(base_path_of("https://example.org"), "");
    }
}
