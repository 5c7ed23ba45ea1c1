//! The installable, offline app: registers the service worker (`public/sw.js`, relative
//! to the base URL so a sub-path deployment gets its own scope), offers "Update
//! available — Reload" when a new build's worker is waiting, and says so when the
//! device is offline. Nothing here panics: a browser without service workers (or an
//! insecure origin) simply runs the app without them.

use crate::i18n::use_i18n;
use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

thread_local! {
    /// Set when the user pressed "Reload": the next `controllerchange` reloads the page
    /// (and only then — the first install also changes the controller).
    static RELOAD_REQUESTED: Cell<bool> = const { Cell::new(false) };
}

/// The service worker's script URL for an app URL (`…/healthhub/` → `…/healthhub/sw.js`).
pub fn worker_url(app_url: &str) -> String {
    format!("{app_url}sw.js")
}

/// Whether a new worker is waiting for the user to switch to it.
#[derive(Clone, Copy, Debug)]
struct UpdateReady(RwSignal<bool>);

fn container() -> Option<ServiceWorkerContainer> {
    let window = web_sys::window()?;
    if !window.is_secure_context() {
        return None;
    }
    let navigator = window.navigator();
    let has = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
    has.then(|| navigator.service_worker())
}

/// Registers the worker and watches for updates; `ready` turns true when a new build's
/// worker is installed and waiting while an older one controls the page.
fn register(ready: RwSignal<bool>) {
    let Some(container) = container() else {
        return;
    };
    let app_url = crate::web::app_url();
    let options = web_sys::RegistrationOptions::new();
    options.set_scope(&app_url);
    let promise = container.register_with_options(&worker_url(&app_url), &options);

    let on_controller_change = Closure::<dyn FnMut()>::new(move || {
        if RELOAD_REQUESTED.with(Cell::get) {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        }
    });
    let _ = container.add_event_listener_with_callback(
        "controllerchange",
        on_controller_change.as_ref().unchecked_ref(),
    );
    on_controller_change.forget(); // lives as long as the page

    leptos::task::spawn_local(async move {
        let Ok(value) = wasm_bindgen_futures::JsFuture::from(promise).await else {
            return; // e.g. sw.js missing on this host: the app works without it
        };
        let Ok(registration) = value.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        let controlled = {
            let container = container.clone();
            move || container.controller().is_some()
        };
        if registration.waiting().is_some() && controlled() {
            ready.set(true);
        }
        let reg = registration.clone();
        let on_update_found = Closure::<dyn FnMut()>::new(move || {
            let Some(installing) = reg.installing() else {
                return;
            };
            let worker = installing.clone();
            let controlled = controlled.clone();
            let on_state = Closure::<dyn FnMut()>::new(move || {
                if worker.state() == ServiceWorkerState::Installed && controlled() {
                    ready.set(true);
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget(); // one per update found: rare and small
        });
        registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
        on_update_found.forget();
    });
}

/// Tells the waiting worker to take over; the page reloads on `controllerchange`.
fn apply_update() {
    let Some(container) = container() else {
        return;
    };
    RELOAD_REQUESTED.with(|r| r.set(true));
    leptos::task::spawn_local(async move {
        let promise = container.get_registration();
        let waiting = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.dyn_into::<ServiceWorkerRegistration>().ok())
            .and_then(|r| r.waiting());
        match waiting {
            Some(worker) => {
                let message = js_sys::Object::new();
                let _ = js_sys::Reflect::set(
                    &message,
                    &JsValue::from_str("type"),
                    &JsValue::from_str("SKIP_WAITING"),
                );
                let _ = worker.post_message(&message);
            }
            // Already activated elsewhere (another tab): a plain reload picks it up.
            None => {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            }
        }
    });
}

/// The PWA parts of the shell: registers the service worker once and shows the
/// "Update available" and "You are offline" banners. Rendered once by `App`.
#[component]
pub fn PwaBanners() -> impl IntoView {
    let ready = RwSignal::new(false);
    provide_context(UpdateReady(ready));
    register(ready);
    view! {
        <UpdateBanner />
        <OfflineBanner />
    }
}

/// "Update available — Reload", when a new build is installed and waiting.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let i18n = use_i18n();
    let ready = use_context::<UpdateReady>().map(|u| u.0);
    move || {
        ready.is_some_and(|r| r.get()).then(|| {
            view! {
                <div class="banner banner-ok pwa-update" role="status">
                    <strong>{move || i18n.t("pwa.update.available")}</strong>
                    <button class="button button-primary" type="button" on:click=move |_| apply_update()>
                        {move || i18n.t("pwa.update.reload")}
                    </button>
                </div>
            }
        })
    }
}

fn online_now() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// "You are offline — showing data saved on this device", while the browser is offline.
#[component]
pub fn OfflineBanner() -> impl IntoView {
    let i18n = use_i18n();
    let online = RwSignal::new(online_now());
    let on = window_event_listener(leptos::ev::online, move |_| online.set(true));
    let off = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    move || {
        (!online.get()).then(|| {
            view! {
                <div class="banner banner-warn pwa-offline" role="status">
                    <strong>{move || i18n.t("pwa.offline")}</strong>
                </div>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::worker_url;

    #[test]
    fn the_worker_lives_at_the_base_url() {
        assert_eq!(
            worker_url("http://127.0.0.1:8080/"),
            "http://127.0.0.1:8080/sw.js"
        );
        assert_eq!(
            worker_url("https://example.org/healthhub/"),
            "https://example.org/healthhub/sw.js"
        );
    }
}
