//! healthHub: Oura Ring data on the phone, offline. See README.md for a map of the code.
//!
//! Layers (calls point one way): `ui` → `sync` → {`oura` client, `store`} →
//! `endpoints` table and `oura::models`. `config`, `i18n` and `web` are shared helpers.

pub mod config;
pub mod endpoints;
pub mod i18n;
pub mod insights;
pub mod lazy;
pub mod oura;
pub mod pwa;
pub mod store;
pub mod sync;
pub mod ui;
pub mod web;

/// Entry point of the browser app (called by `main`).
pub fn start() {
    // The release build aborts on panic without a message (scripts/build-wasm.sh), so
    // the hook only serves debug builds, tests and HEALTHHUB_PANIC_MESSAGES=1 builds.
    #[cfg(not(panic = "immediate-abort"))]
    console_error_panic_hook::set_once();
    // The OAuth callback is read and stripped from the address bar before anything
    // else (config, router) sees the URL.
    let callback = oura::auth::take_callback();
    // The UI text of the starting language first (Japanese is loaded on demand in the
    // release build), so the first paint is already in the user's language.
    let lang = i18n::initial_lang();
    // (Leptos's executor starts with the mount: this task runs on wasm-bindgen's.)
    wasm_bindgen_futures::spawn_local(async move {
        i18n::ensure_loaded(lang).await;
        leptos::mount::mount_to_body(move || {
            leptos::view! { <ui::app::App callback=callback.clone() /> }
        });
    });
}
