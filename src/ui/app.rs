//! `<App/>`: the router and the context providers (language, base path, config).

use super::components::{
    start_sync_now, AuthBanner, AuthNotice, ConfigBanner, ConfigState, SessionState,
};
use super::nav::{BottomNav, Header, SideNav};
use super::pages::{DataIndexPage, NotFoundPage, SettingsPage, TodayPage};
use super::router::{provide_router, use_route, Route};
use crate::i18n::I18n;
use crate::lazy::LoadFailed;
use crate::oura::auth::{AuthError, Session};
use crate::sync::{SyncController, SyncOutcome};
use leptos::__reexports::send_wrapper::SendWrapper;
use leptos::prelude::*;
use std::rc::Rc;

/// The whole app. Provides its contexts, starts loading `config.json`, and renders
/// the shell (header, navigation, the current page). `callback` is the outcome of an
/// OAuth callback that `main` handled before mounting.
#[component]
pub fn App(callback: Option<Result<Session, AuthError>>) -> impl IntoView {
    let i18n = I18n::from_browser();
    provide_context(i18n);
    provide_router(crate::web::base_path());
    let config = ConfigState::new();
    provide_context(config);
    let session = SessionState::new(callback);
    provide_context(session);
    let sync = SyncController::new();
    provide_context(sync);
    leptos::task::spawn_local(async move {
        let loaded = crate::config::load().await;
        config.0.set(Some(loaded));
    });
    leptos::task::spawn_local(async move {
        sync.open_user_store().await;
    });
    auto_sync(sync, config, session);

    let route = use_route();
    let page = move || match route.get() {
        Route::Today => view! { <TodayPage /> }.into_any(),
        Route::DataIndex => later(
            Rc::new(|| Box::pin(async { crate::call_split!(data_index_page()) })),
            false,
        ),
        Route::Endpoint(segment) => later(
            Rc::new(move || {
                let segment = segment.clone();
                Box::pin(super::pages::load_endpoint_page(segment))
            }),
            false,
        ),
        Route::Settings => later(
            Rc::new(|| Box::pin(async { crate::call_split!(settings_page()) })),
            false,
        ),
        Route::Insight(page) => later(
            Rc::new(move || {
                Box::pin(async move { crate::call_split!(super::pages::insight_page(page)) })
            }),
            false,
        ),
        Route::NotFound => view! { <NotFoundPage /> }.into_any(),
    };
    view! {
        <Header />
        <div class="layout">
            <SideNav />
            <main id="main" tabindex="-1">
                // Service worker, "Update available" and offline banners (src/pwa.rs).
                <crate::pwa::PwaBanners />
                <ConfigBanner />
                <AuthBanner />
                // "Demo data" and "Leave the demo" (loaded with the demo).
                {move || sync.demo.get().then(|| later(
                    Rc::new(|| Box::pin(async { crate::call_split!(demo_banner()) })),
                    true,
                ))}
                {page}
            </main>
        </div>
        <BottomNav />
    }
}

/// Starts a sync by itself: right after sign-in, on opening when the data is older than
/// the Settings interval, and whenever the device comes back online. A 401 during a sync asks to sign in again (data kept).
fn auto_sync(sync: SyncController, config: ConfigState, session: SessionState) {
    Effect::new(move |_| {
        let ready = sync.attached.with(|a| matches!(a, Some(Ok(()))))
            && !sync.demo.get()
            && config.0.with(|c| matches!(c, Some(Ok(_))))
            && session.is_active();
        if !ready {
            return;
        }
        let just_signed_in = session
            .notice
            .with_untracked(|n| matches!(n, Some(AuthNotice::SignedIn)));
        if just_signed_in || sync.is_due() {
            start_sync_now(sync, config, session);
        }
    });
    Effect::new(move |_| {
        if sync
            .progress
            .outcome
            .with(|o| matches!(o, Some(SyncOutcome::NeedsSignIn)))
        {
            session.rejected.set(true);
        }
    });
    // Back online: catch up at once (only the trailing window is asked when the data
    // is fresh); an interrupted run resumes where it stopped.
    let on_online = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        start_sync_now(sync, config, session);
    });
    if let Some(w) = web_sys::window() {
        use wasm_bindgen::JsCast;
        let _ = w.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
    }
    on_online.forget();
}

type PageLoader =
    dyn Fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<AnyView, LoadFailed>>>>;

/// A page whose code is loaded on first use (see `crate::lazy`): "Loading…" until it
/// and its first data arrive (on a slow first visit); if it cannot be fetched, what happened and a Retry.
/// (One non-generic function for every such page: less code in the first load.)
/// `quiet`: nothing (rather than "Loading…") until it arrives, for a part of a page.
pub(crate) fn later(load: Rc<PageLoader>, quiet: bool) -> AnyView {
    let i18n = crate::i18n::use_i18n();
    let attempt = RwSignal::new(0u32);
    let load = SendWrapper::new(load);
    let page = move || {
        attempt.track();
        let load = Rc::clone(&load);
        Suspend::new(SendWrapper::new(async move {
            match load().await {
                Ok(page) => page,
                Err(_) => view! {
                    <div class="view-error" role="alert">
                        <p>{i18n.tr("app.load_failed")}</p>
                        <button
                            type="button"
                            class="button"
                            on:click=move |_| attempt.update(|n| *n += 1)
                        >
                            {i18n.tr("common.retry")}
                        </button>
                    </div>
                }
                .into_any(),
            }
        }))
    };
    let loading = move || {
        (!quiet)
            .then(|| view! { <p class="view-loading" role="status">{i18n.tr("view.loading")}</p> })
    };
    // A transition, not a suspense: when a page's data is read again (after every write
    // of a sync, an import) the page stays as it is until the new data is there, rather
    // than blinking to "Loading…" and being built anew.
    view! { <Transition fallback=loading>{page}</Transition> }.into_any()
}

crate::split! { data_index_page;
    fn data_index_page() -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(view! { <DataIndexPage /> }.into_any())
    }
}

crate::split! { demo_banner;
    fn demo_banner() -> Result<AnyView, LoadFailed> {
        Ok(view! { <super::components::DemoBanner /> }.into_any())
    }
}

crate::split! { settings_page;
    fn settings_page() -> Result<AnyView, LoadFailed> {
        Ok(view! { <SettingsPage /> }.into_any())
    }
}
