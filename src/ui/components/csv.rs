//! "Download CSV" (DESIGN §5: buttons that say "Download CSV", never "Export …"): in
//! Settings a select of the 19 endpoints by their titles ([`CsvPicker`]), and at the
//! foot of every endpoint page its own button ([`CsvButton`]). Works offline and
//! without sign-in. Only Settings and the pages' split modules use this, and the table
//! itself is built in the `data_csv` split module (`SyncController::download_csv`):
//! none of it is in the first load. Text: `i18n/pages/csv.rs`.

use super::sync_status::{error_text, format_count, use_sync};
use crate::endpoints::{by_path, Endpoint, ENDPOINTS};
use crate::i18n::use_i18n;
use crate::store::StoreError;
use leptos::prelude::*;

/// The translated text of an error of "Download CSV": a damaged record or a failed
/// download are worded for the CSV; the other store errors say what they always say.
fn error_kind(e: &StoreError) -> &'static str {
    match e {
        StoreError::Data(_) => "csv.error.data",
        StoreError::Download(_) => "csv.error.download",
        other => other.kind(),
    }
}

/// "Download CSV" of `endpoint`, with what came of it next to the button (the file
/// name and rows, or the translated error; nothing else changes).
#[component]
pub fn CsvButton(#[prop(into)] endpoint: Signal<&'static Endpoint>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let busy = RwSignal::new(false);
    let message = RwSignal::new(None::<(bool, String)>);
    let download = move |_| {
        let e = endpoint.get_untracked();
        busy.set(true);
        message.set(None);
        leptos::task::spawn_local(async move {
            message.set(Some(match sync.download_csv(e).await {
                Ok((file, rows)) => (
                    false,
                    i18n.t("csv.saved")
                        .replace("{file}", &file)
                        .replace("{n}", &format_count(rows, i18n.lang.get_untracked().code())),
                ),
                Err(e) => (true, error_text(i18n, error_kind(&e), e.detail())),
            }));
            busy.set(false);
        });
    };
    view! {
        <div class="actions">
            <button type="button" class="button" on:click=download disabled=move || busy.get()>
                {i18n.tr("csv.download")}
            </button>
        </div>
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

/// Settings: which endpoint (a select of the 19, by their translated titles), then
/// "Download CSV".
#[component]
pub fn CsvPicker() -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(&ENDPOINTS[0]);
    let options = ENDPOINTS
        .iter()
        .map(|e| {
            view! {
                <option value=e.path selected=move || chosen.get().path == e.path>
                    {i18n.tr_owned(e.title_key())}
                </option>
            }
        })
        .collect_view();
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(e) = by_path(&event_target_value(&ev)) {
            chosen.set(e);
        }
    };
    view! {
        <p>
            <label for="csv-endpoint">{i18n.tr("csv.endpoint")}</label>
        </p>
        <select id="csv-endpoint" class="select" on:change=on_change>
            {options}
        </select>
        <CsvButton endpoint=chosen />
        <p class="note">{i18n.tr("csv.note")}</p>
    }
}
