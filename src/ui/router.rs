//! The app's own small client-side router (it replaced `leptos_router`, which cost
//! ≈ 20 KB brotli of the first load for five routes).
//!
//! - The current address, relative to the deployment's base path, is one signal
//!   ([`RouterState::url`]); `popstate` (back/forward) and [`navigate`] update it.
//! - Clicks on same-origin `<a href>` inside the app are handled here: no page load,
//!   `history.pushState`, scroll to the top. Links with `download`, a `target`, a
//!   `rel="external"`, a modifier key or another origin, and in-page `#anchors`, are
//!   left to the browser.
//! - [`Route::parse`] maps a path to a page; [`Link`] marks the link of the current page
//!   with `aria-current="page"`.
//!
//! The pure parts (base stripping, route matching, "is this link current") are tested
//! natively below; the browser behaviour by the end-to-end tests (navigation, back,
//! sub-path deployment).

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The current address inside the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppUrl {
    /// The app path: starts with `/`, the base path removed, no trailing `/` (but `/`).
    /// `None` when the address is outside the app's base path.
    pub path: Option<String>,
    /// The query string without its `?`.
    pub search: String,
}

/// The pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Today,
    DataIndex,
    /// `/data/<segment>`: an endpoint's page (the segment as written in the address).
    Endpoint(String),
    Settings,
    /// `/trends`, `/trends/tags`, `/trends/report`: the insights.
    Insight(Insight),
    NotFound,
}

/// The insight pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Insight {
    Trends,
    Tags,
    Report,
}

impl Route {
    /// The page for an app path (`None`: outside the app).
    pub fn parse(path: Option<&str>) -> Route {
        let Some(path) = path else {
            return Route::NotFound;
        };
        match path {
            "/" => Route::Today,
            "/data" => Route::DataIndex,
            "/settings" => Route::Settings,
            "/trends" => Route::Insight(Insight::Trends),
            "/trends/tags" => Route::Insight(Insight::Tags),
            "/trends/report" => Route::Insight(Insight::Report),
            _ => match path.strip_prefix("/data/") {
                Some(seg) if !seg.is_empty() && !seg.contains('/') => {
                    Route::Endpoint(seg.to_owned())
                }
                _ => Route::NotFound,
            },
        }
    }
}

/// `pathname` relative to `base` (`""` at the site root), normalised: no trailing `/`
/// but for the root. `None` when the pathname is outside the base path.
pub fn strip_base(base: &str, pathname: &str) -> Option<String> {
    let rest = if base.is_empty() {
        pathname
    } else if pathname == base {
        "/"
    } else {
        pathname.strip_prefix(base).filter(|r| r.starts_with('/'))?
    };
    let rest = if rest.is_empty() { "/" } else { rest };
    let trimmed = rest.trim_end_matches('/');
    Some(if trimmed.is_empty() {
        "/".to_owned()
    } else {
        trimmed.to_owned()
    })
}

/// Whether a link to `target` (an app path) is the current page at `current`:
/// `exact` links only on that path, others also on the pages below it.
pub fn is_current(current: Option<&str>, target: &str, exact: bool) -> bool {
    let Some(current) = current else {
        return false;
    };
    current == target
        || (!exact
            && current
                .strip_prefix(target)
                .is_some_and(|rest| rest.starts_with('/') || target == "/"))
}

/// The router's state, provided as context by [`provide_router`].
#[derive(Clone, Copy)]
pub struct RouterState {
    pub url: RwSignal<AppUrl>,
    base: StoredValue<String>,
}

/// The router of the current app (panics outside `<App/>`, a programming error).
pub fn use_router() -> RouterState {
    expect_context::<RouterState>()
}

/// The current page, changing only when the route does (not on `?day=`).
pub fn use_route() -> Memo<Route> {
    let router = use_router();
    Memo::new(move |_| router.url.with(|u| Route::parse(u.path.as_deref())))
}

/// One query parameter of the current address, decoded (`None` when absent).
pub fn use_query(name: &'static str) -> Memo<Option<String>> {
    let router = use_router();
    Memo::new(move |_| {
        router.url.with(|u| {
            web_sys::UrlSearchParams::new_with_str(&u.search)
                .ok()
                .and_then(|p| p.get(name))
        })
    })
}

fn read_location(base: &str) -> AppUrl {
    let loc = web_sys::window().map(|w| w.location());
    let pathname = loc
        .as_ref()
        .and_then(|l| l.pathname().ok())
        .unwrap_or_else(|| "/".to_owned());
    let search = loc
        .as_ref()
        .and_then(|l| l.search().ok())
        .unwrap_or_default();
    AppUrl {
        path: strip_base(base, &pathname),
        search: search.trim_start_matches('?').to_owned(),
    }
}

/// Creates the router for an app deployed under `base` and provides it as context:
/// reads the address, follows back/forward and handles in-app link clicks.
pub fn provide_router(base: String) -> RouterState {
    let url = RwSignal::new(read_location(&base));
    let state = RouterState {
        url,
        base: StoredValue::new(base),
    };
    provide_context(state);
    let Some(window) = web_sys::window() else {
        return state;
    };
    let on_pop = Closure::<dyn Fn()>::new(move || {
        state.url.set(read_location(&state.base.get_value()));
    });
    let _ = window.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    on_pop.forget();
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        on_link_click(state, &ev);
    });
    if let Some(doc) = window.document() {
        let _ = doc.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    }
    on_click.forget();
    state
}

fn on_link_click(state: RouterState, ev: &web_sys::MouseEvent) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return;
    }
    let Some(anchor) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a[href]").ok().flatten())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    // `href="#id"` (the skip link): with `<base href>` the browser would resolve it to
    // the base page, so move to the element here.
    if let Some(id) = anchor
        .get_attribute("href")
        .and_then(|h| h.strip_prefix('#').map(str::to_owned))
    {
        ev.prevent_default();
        if let Some(target) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
        {
            target.scroll_into_view();
            if let Ok(el) = target.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
        return;
    }
    if anchor.has_attribute("download")
        || anchor
            .get_attribute("target")
            .is_some_and(|t| !t.is_empty() && t != "_self")
        || anchor
            .get_attribute("rel")
            .is_some_and(|r| r.split_ascii_whitespace().any(|w| w == "external"))
    {
        return;
    }
    let same_origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .is_some_and(|o| o == anchor.origin());
    if !same_origin {
        return;
    }
    let base = state.base.get_value();
    let Some(path) = strip_base(&base, &anchor.pathname()) else {
        return;
    };
    let search = anchor.search().trim_start_matches('?').to_owned();
    let here = state.url.get_untracked();
    if !anchor.hash().is_empty()
        && here.path.as_deref() == Some(path.as_str())
        && here.search == search
    {
        return; // an anchor on this page: the browser scrolls to it
    }
    ev.prevent_default();
    go(state, &path, &search, false, true);
}

fn go(state: RouterState, path: &str, search: &str, replace: bool, scroll: bool) {
    let base = state.base.get_value();
    let mut address = crate::ui::join(&base, path);
    if !search.is_empty() {
        address.push('?');
        address.push_str(search);
    }
    if let Some(window) = web_sys::window() {
        if let Ok(history) = window.history() {
            let _ = if replace {
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address))
            } else {
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address))
            };
        }
        if scroll {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    }
    state.url.set(AppUrl {
        path: strip_base("", path),
        search: search.to_owned(),
    });
}

impl RouterState {
    /// The deployment's base path (`""` at the site root, `/healthhub` under a sub-path).
    pub fn base(self) -> String {
        self.base.get_value()
    }

    /// Goes to an app address such as `/data/sleep?day=2026-11-15` (the base path is
    /// added); `replace` replaces the history entry; `scroll` scrolls to the top.
    pub fn navigate(self, to: &str, replace: bool, scroll: bool) {
        let (path, search) = to.split_once('?').unwrap_or((to, ""));
        go(self, path, search, replace, scroll);
    }
}

/// A navigation link to an app path (the base path is added); `aria-current="page"`
/// while it is the current page (`exact`: only on that very path).
#[component]
pub fn Link(
    /// The app path, e.g. `/settings`.
    #[prop(into)]
    to: String,
    #[prop(optional)] exact: bool,
    #[prop(optional)] class: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let router = use_router();
    let href = crate::ui::join(&router.base.get_value(), &to);
    let current = move || {
        router
            .url
            .with(|u| is_current(u.path.as_deref(), &to, exact))
            .then_some("page")
    };
    view! {
        <a href=href class=class aria-current=current>
            {children()}
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_read_relative_to_the_base_path() {
        assert_eq!(strip_base("", "/"), Some("/".into()));
        assert_eq!(strip_base("", "/settings/"), Some("/settings".into()));
        assert_eq!(strip_base("", "/data/sleep"), Some("/data/sleep".into()));
        assert_eq!(strip_base("/healthhub", "/healthhub"), Some("/".into()));
        assert_eq!(strip_base("/healthhub", "/healthhub/"), Some("/".into()));
        assert_eq!(
            strip_base("/healthhub", "/healthhub/data/vO2_max"),
            Some("/data/vO2_max".into())
        );
        // Outside the app, or a path that merely starts with the same letters.
        assert_eq!(strip_base("/healthhub", "/other"), None);
        assert_eq!(strip_base("/healthhub", "/healthhubx/data"), None);
    }

    #[test]
    fn paths_map_to_pages() {
        assert_eq!(Route::parse(Some("/")), Route::Today);
        assert_eq!(Route::parse(Some("/data")), Route::DataIndex);
        assert_eq!(Route::parse(Some("/settings")), Route::Settings);
        assert_eq!(
            Route::parse(Some("/data/daily_sleep")),
            Route::Endpoint("daily_sleep".into())
        );
        assert_eq!(Route::parse(Some("/data/a/b")), Route::NotFound);
        assert_eq!(Route::parse(Some("/nope")), Route::NotFound);
        assert_eq!(Route::parse(None), Route::NotFound);
    }

    #[test]
    fn the_current_page_link_is_marked() {
        assert!(is_current(Some("/"), "/", true));
        assert!(!is_current(Some("/settings"), "/", true));
        assert!(is_current(Some("/data/sleep"), "/data", false));
        assert!(!is_current(Some("/data/sleep"), "/data", true));
        assert!(!is_current(Some("/database"), "/data", false));
        assert!(is_current(Some("/data/sleep"), "/data/sleep", false));
        assert!(!is_current(None, "/", false));
    }
}
