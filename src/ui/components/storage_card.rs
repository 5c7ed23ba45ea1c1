//! Settings' "Storage on this device": how much the browser lets healthHub use and how
//! much it uses (`navigator.storage.estimate()`), whether the data is protected from
//! eviction (`persisted()`, with "Keep my data on this device" calling `persist()`),
//! and the records per endpoint with their total (the counts the status list shows,
//! from the sync's progress signals: no store reads). Re-read after every sync, import
//! and deletion (`data_version`). Reached from Settings only (its split module).

use super::sync_status::{format_count, use_sync};
use crate::endpoints::ENDPOINTS;
use crate::i18n::use_i18n;
use crate::store::error::{bytes_text, StorageUse};
use crate::store::storage_use;
use leptos::prelude::*;

/// `navigator.storage.persisted()`, or `persist()` with `ask`: whether the browser keeps
/// the data under storage pressure; `None` when it has no such call.
async fn persistence(ask: bool) -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    let promise = if ask {
        storage.persist()
    } else {
        storage.persisted()
    };
    wasm_bindgen_futures::JsFuture::from(promise.ok()?)
        .await
        .ok()?
        .as_bool()
}

#[component]
pub fn StorageCard() -> impl IntoView {
    let i18n = use_i18n();
    let p = use_sync().progress;
    let lang = move || i18n.lang.get().code();
    // `None`: not read yet; `Some(None)`: the browser cannot tell.
    let space = RwSignal::new(None::<Option<StorageUse>>);
    let kept = RwSignal::new(None::<Option<bool>>);
    let asked = RwSignal::new(None::<bool>);
    Effect::new(move |_| {
        p.data_version.track();
        if p.running.get() {
            return;
        }
        leptos::task::spawn_local(async move {
            space.set(Some(storage_use().await));
            kept.set(Some(persistence(false).await));
        });
    });
    let keep = move |_| {
        leptos::task::spawn_local(async move {
            let granted = persistence(true).await == Some(true);
            asked.set(Some(granted));
            if granted {
                kept.set(Some(Some(true)));
            }
        });
    };
    let used = move || {
        space.get().map(|s| match s {
            Some(u) => view! {
                <p class="storage-use">
                    {i18n
                        .t("page.storage.used")
                        .replace("{used}", &bytes_text(u.used))
                        .replace("{quota}", &bytes_text(u.quota))}
                </p>
                <meter
                    class="storage-meter"
                    min="0"
                    max=u.quota as f64
                    value=u.used as f64
                    aria-label=i18n.tr("page.storage.meter")
                ></meter>
            }
            .into_any(),
            None => {
                view! { <p class="storage-use">{i18n.tr("page.storage.unknown")}</p> }.into_any()
            }
        })
    };
    let persisted = move || {
        kept.get().map(|k| {
            let key = match k {
                Some(true) => "page.storage.persisted",
                Some(false) => "page.storage.not_persisted",
                None => "page.storage.persist_unknown",
            };
            let button = (k == Some(false)).then(|| {
                view! {
                    <button type="button" class="button" on:click=keep>
                        {i18n.tr("page.storage.persist")}
                    </button>
                }
            });
            view! {
                <p class="storage-persisted">{i18n.tr(key)}</p>
                {button}
            }
        })
    };
    let answer = move || {
        asked.get().map(|granted| {
            let key = if granted {
                "page.storage.persist_granted"
            } else {
                "page.storage.persist_refused"
            };
            view! { <p class="sync-outcome" role="status">{i18n.tr(key)}</p> }
        })
    };
    let count_of = move |i: usize| p.endpoints.with(|v| v.get(i).map_or(0, |e| e.count));
    let rows = ENDPOINTS
        .iter()
        .map(|e| {
            let i = e.id as usize;
            view! {
                <tr>
                    <th scope="row">{i18n.tr_owned(e.title_key())}</th>
                    <td>{move || format_count(count_of(i), lang())}</td>
                </tr>
            }
        })
        .collect_view();
    let total = move || {
        format_count(
            p.endpoints.with(|v| v.iter().map(|e| e.count).sum()),
            lang(),
        )
    };
    view! {
        <section class="card storage-card" aria-labelledby="storage-card-h">
            <h2 id="storage-card-h">{i18n.tr("page.storage.title")}</h2>
            {used}
            {persisted}
            {answer}
            <table class="storage-counts">
                <caption>{i18n.tr("page.storage.counts")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n.tr("page.storage.kind")}</th>
                        <th scope="col">{i18n.tr("page.storage.records")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{i18n.tr("page.storage.total")}</th>
                        <td>{total}</td>
                    </tr>
                </tfoot>
            </table>
        </section>
    }
}
