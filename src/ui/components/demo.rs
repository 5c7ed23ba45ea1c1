//! The demo as the user sees it: "Try the demo" on the welcome card (and in Settings),
//! and while the demo is open a "Demo data" banner on every page with "Leave the demo".

use super::sync_status::{error_text, store_error_text, use_sync};
use crate::i18n::{use_i18n, I18n};
use crate::lazy::LoadFailed;
use crate::sync::SyncController;
use crate::ui::router::{use_router, RouterState};
use leptos::prelude::*;

/// "Try the demo" (`enter`) or "Leave the demo": switches the profile (code loaded on
/// first use), then shows Today. A failure is said next to the button; the data stays
/// as it was.
#[component]
fn DemoSwitch(enter: bool) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let router = use_router();
    let busy = RwSignal::new(false);
    // "Opening the demo…" while it loads, then what went wrong, if anything.
    let failed = RwSignal::new(None::<String>);
    let click = move |_| {
        busy.set(true);
        failed.set(enter.then(|| i18n.t("demo.loading")));
        let s = Switch {
            sync,
            i18n,
            router,
            busy,
            failed,
        };
        leptos::task::spawn_local(async move {
            if let Ok(task) = crate::call_split!(demo_switch(s, enter)) {
                task.await;
            } else {
                busy.set(false);
                failed.set(Some(i18n.t("store.error.not_loaded")));
            }
        });
    };
    let label = if enter { "demo.try" } else { "demo.leave" };
    view! {
        <button type="button" class="button" on:click=click disabled=move || busy.get() || sync.progress.running.get()>
            {i18n.tr(label)}
        </button>
        <p class="demo-failed" role="status">{move || failed.get()}</p>
    }
}

/// What the switch needs of the button that started it.
#[derive(Clone, Copy)]
struct Switch {
    sync: SyncController,
    i18n: I18n,
    router: RouterState,
    busy: RwSignal<bool>,
    failed: RwSignal<Option<String>>,
}

type Task = std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>;

crate::split! { demo_switch;
    fn demo_switch(s: Switch, enter: bool) -> Result<Task, LoadFailed> {
        // Its error texts live in the page tables.
        crate::i18n::register_pages();
        Ok(Box::pin(async move {
            let result = if enter {
                s.sync.enter_demo().await
            } else {
                s.sync.leave_demo().await.map_err(crate::sync::demo::DemoError::from)
            };
            // On success the button is gone (or goes with the page): nothing of it is
            // touched after the navigation, whose effects must not meet its signals.
            match result {
                Ok(()) => s.router.navigate("/", false, true),
                Err(e) => {
                    s.busy.set(false);
                    let text = match &e {
                        crate::sync::demo::DemoError::Store(e) => store_error_text(s.i18n, e),
                        e => error_text(s.i18n, e.kind(), e.detail()),
                    };
                    s.failed.set(Some(text));
                }
            }
        }))
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

/// While the demo is open (the shell shows it then): says so on every page, with
/// "Leave the demo".
#[component]
pub fn DemoBanner() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="banner banner-demo" role="region" aria-label=i18n.tr("demo.banner")>
            <p>
                <strong>{i18n.tr("demo.banner")}</strong>
                " "
                {i18n.tr("demo.banner_body")}
            </p>
            <DemoSwitch enter=false />
        </div>
    }
}
