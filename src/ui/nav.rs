//! Navigation, driven by the endpoint table: a side navigation listing every page on
//! wide screens, a bottom navigation on phones (≤ 600 px, switched by CSS).

use super::endpoint_route;
use super::router::Link;
use crate::endpoints::{by_path, in_group, Group};
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The top bar: app name (a link to Today) and, on wide screens, nothing else.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="app-header">
            <a class="skip-link" href="#main">{i18n.tr("nav.skip")}</a>
            <Link to="/" exact=true class="brand">
                {i18n.tr("app.name")}
            </Link>
        </header>
    }
}

/// Every page, grouped: Today, Trends, the 19 endpoint pages, Settings (wide screens).
#[component]
pub fn SideNav() -> impl IntoView {
    let i18n = use_i18n();
    let groups = Group::ALL
        .into_iter()
        .map(|g| {
            let links = in_group(g)
                .map(|e| {
                    let key = e.title_key();
                    view! {
                        <li>
                            <Link to=endpoint_route(e)>{i18n.tr_owned(key)}</Link>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <li class="nav-group">
                    <span class="nav-group-title">{i18n.tr(g.title_key())}</span>
                    <ul>{links}</ul>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="side-nav" aria-label=i18n.tr("nav.main")>
            <ul>
                <li>
                    <Link to="/" exact=true>{i18n.tr("nav.today")}</Link>
                </li>
                <li>
                    <Link to="/trends">{i18n.tr("nav.trends")}</Link>
                </li>
                {groups}
                <li>
                    <Link to="/settings">{i18n.tr("nav.settings")}</Link>
                </li>
            </ul>
        </nav>
    }
}

/// The phone navigation: five thumb-sized entries at the bottom of the screen.
#[component]
pub fn BottomNav() -> impl IntoView {
    let i18n = use_i18n();
    let page = |path: &str| by_path(path).map(endpoint_route).unwrap_or_default();
    let entries: [(String, &'static str, &'static str, bool); 5] = [
        (
            "/".to_owned(),
            "nav.today",
            "M4 11 12 4l8 7v9h-5v-6H9v6H4z",
            true,
        ),
        (
            page("daily_sleep"),
            "nav.sleep",
            "M20 15A8 8 0 1 1 9 4a7 7 0 0 0 11 11z",
            false,
        ),
        (
            "/trends".to_owned(),
            "nav.trends",
            "M3 17l6-6 4 4 8-8M15 7h6v6",
            false,
        ),
        (
            "/data".to_owned(),
            "nav.data",
            "M4 5h16M4 12h16M4 19h16",
            true,
        ),
        (
            "/settings".to_owned(),
            "nav.settings",
            "M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 2v3M12 19v3M2 12h3M19 12h3",
            false,
        ),
    ];
    let items = entries
        .into_iter()
        .map(|(to, key, icon, exact)| {
            view! {
                <li>
                    <Link to=to exact=exact>
                        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
                            <path d=icon></path>
                        </svg>
                        <span>{i18n.tr(key)}</span>
                    </Link>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="bottom-nav" aria-label=i18n.tr("nav.main")>
            <ul>{items}</ul>
        </nav>
    }
}
