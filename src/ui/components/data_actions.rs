//! Settings' data actions: "Export data" (works offline, no sign-in needed), import of
//! an export file (merges, never deletes), and deleting the data on this device (asks
//! for confirmation in the page).

use super::account::{use_session, AuthNotice};
use super::sync_status::{format_count, store_error_text, use_sync};
use crate::i18n::use_i18n;
use crate::store::StoreError;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A message after an action: (is it an error, text).
type Message = Option<(bool, String)>;

#[component]
pub fn DataActions() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let session = use_session();
    let message = RwSignal::new(Message::None);
    let busy = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let router = crate::ui::router::use_router();

    let export = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            message.set(Some(match sync.export_data().await {
                Ok(name) => (false, i18n.t("data.exported").replace("{file}", &name)),
                Err(e) => (true, store_error_text(i18n, &e)),
            }));
            busy.set(false);
        });
    };

    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        busy.set(true);
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string());
            let result = match text {
                Some(t) => sync.import_data(&t).await,
                None => Err(StoreError::InvalidImport(
                    "the file could not be read".into(),
                )),
            };
            message.set(Some(match result {
                Ok(total) => (
                    false,
                    i18n.t("data.imported").replace(
                        "{n}",
                        &format_count(total, i18n.lang.get_untracked().code()),
                    ),
                ),
                Err(e) => (true, store_error_text(i18n, &e)),
            }));
            busy.set(false);
        });
    };

    let delete = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            match sync.delete_data().await {
                Ok(()) => {
                    // Back to the first screen, which says what happened. (Nothing of
                    // this page is touched after the navigation that disposes it.)
                    session.sign_out();
                    session.notice.set(Some(AuthNotice::Deleted));
                    router.navigate("/", false, true);
                }
                Err(e) => {
                    confirming.set(false);
                    busy.set(false);
                    message.set(Some((true, store_error_text(i18n, &e))));
                }
            }
        });
    };

    view! {
        <div class="actions">
            <button
                type="button"
                class="button button-primary"
                on:click=export
                disabled=move || busy.get() || sync.demo.get()
            >
                {i18n.tr("data.export")}
            </button>
            <label class="button file-button">
                {i18n.tr("data.import")}
                <input
                    type="file"
                    class="visually-hidden"
                    accept=".json,application/json"
                    on:change=import
                    disabled=move || busy.get() || sync.demo.get()
                />
            </label>
            <button
                type="button"
                class="button button-danger"
                on:click=move |_| confirming.set(true)
                disabled=move || busy.get() || confirming.get() || sync.progress.running.get()
            >
                {i18n.tr("data.delete")}
            </button>
        </div>
        <Show when=move || confirming.get()>
            <div class="confirm" role="alertdialog" aria-labelledby="confirm-delete-text">
                <p id="confirm-delete-text">{i18n.tr("data.delete_confirm")}</p>
                <div class="actions">
                    <button type="button" class="button button-danger" on:click=delete>
                        {i18n.tr("data.delete_yes")}
                    </button>
                    <button type="button" class="button" on:click=move |_| confirming.set(false)>
                        {i18n.tr("common.cancel")}
                    </button>
                </div>
            </div>
        </Show>
        <p class="note">{i18n.tr("data.export_note")}</p>
        <Show when=move || sync.demo.get()>
            <p class="note">{i18n.tr("page.demo.import_off")}</p>
        </Show>
        {move || {
            message
                .get()
                .map(|(bad, text)| {
                    view! {
                        <p
                            class=if bad { "sync-outcome sync-outcome-bad" } else { "sync-outcome" }
                            role=if bad { "alert" } else { "status" }
                        >
                            {text}
                        </p>
                    }
                })
        }}
    }
}
