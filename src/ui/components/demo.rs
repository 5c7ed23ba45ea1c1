//! The demo as the user sees it: "Try the demo" on the welcome card (and in Settings),
//! and while the demo is open a "Demo data" banner on every page with "Leave the demo".

use super::sync_status::{error_text, use_sync};
use crate::i18n::use_i18n;
use crate::ui::router::use_router;
use leptos::prelude::*;

/// "Try the demo" (`enter`) or "Leave the demo": switches the profile, then shows Today
/// (the demo's latest day, or the user's own data as it was). A failure is said next
/// to the button; the data stays as it was.
#[component]
fn DemoSwitch(enter: bool) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let router = use_router();
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let click = move |_| {
        busy.set(true);
        failed.set(None);
        leptos::task::spawn_local(async move {
            // On success this button is gone (or goes with the page): nothing of it is
            // touched after the navigation, whose effects must not meet its signals.
            match sync.switch_demo(enter).await {
                Ok(()) => router.navigate("/", false, true),
                Err(e) => {
                    busy.set(false);
                    failed.set(Some(error_text(i18n, e.kind(), e.detail())));
                }
            }
        });
    };
    let label = move || match (enter, busy.get()) {
        (true, true) => i18n.t("demo.loading"),
        (true, false) => i18n.t("demo.try"),
        _ => i18n.t("demo.leave"),
    };
    view! {
        <button type="button" class="button" on:click=click disabled=move || busy.get()>
            {label}
        </button>
        <p class="demo-failed" role="alert">{move || failed.get()}</p>
    }
}

/// "Try the demo", with what it is.
#[component]
pub fn TryDemoButton() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="demo-try">
            <DemoSwitch enter=true />
            <p class="note">{i18n.tr("demo.note")}</p>
        </div>
    }
}

/// While the demo is open: says so on every page, with "Leave the demo".
#[component]
pub fn DemoBanner() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    view! {
        <Show when=move || sync.demo.get()>
            <div class="banner banner-demo" role="region" aria-label=i18n.tr("demo.banner")>
                <p>
                    <strong>{i18n.tr("demo.banner")}</strong>
                    " "
                    {i18n.tr("demo.banner_body")}
                </p>
                <DemoSwitch enter=false />
            </div>
        </Show>
    }
}
