//! `<App/>`: the router and the context providers (language, base path, config).

use super::components::{AuthBanner, ConfigBanner, ConfigState, SessionState};
use super::nav::{BottomNav, Header, SideNav};
use super::pages::{DataIndexPage, EndpointPage, NotFoundPage, SettingsPage, TodayPage};
use super::BasePath;
use crate::i18n::I18n;
use crate::oura::auth::{AuthError, Session};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole app. Provides its contexts, starts loading `config.json`, and renders
/// the shell (header, navigation, the current page). `callback` is the outcome of an
/// OAuth callback that `main` handled before mounting.
#[component]
pub fn App(callback: Option<Result<Session, AuthError>>) -> impl IntoView {
    let i18n = I18n::from_browser();
    provide_context(i18n);
    let base = crate::web::base_path();
    provide_context(BasePath(base.clone()));
    let config = ConfigState::new();
    provide_context(config);
    provide_context(SessionState::new(callback));
    leptos::task::spawn_local(async move {
        let loaded = crate::config::load().await;
        config.0.set(Some(loaded));
    });

    view! {
        <Router base=base>
            <Header />
            <div class="layout">
                <SideNav />
                <main id="main" tabindex="-1">
                    <ConfigBanner />
                    <AuthBanner />
                    <Routes fallback=|| view! { <NotFoundPage /> }>
                        <Route path=path!("/") view=TodayPage />
                        <Route path=path!("/data") view=DataIndexPage />
                        <Route path=path!("/data/:endpoint") view=EndpointPage />
                        <Route path=path!("/settings") view=SettingsPage />
                    </Routes>
                </main>
            </div>
            <BottomNav />
        </Router>
    }
}
