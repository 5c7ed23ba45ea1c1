//! The sync as the user sees it: progress bar and "Sync now", the status of every
//! endpoint, and the data actions of Settings (export, import, delete).

use super::account::{use_session, SessionState};
use super::config_status::ConfigState;
use crate::endpoints::{EndpointId, ENDPOINTS};
use crate::i18n::{use_i18n, I18n, Lang};
use crate::store::error::{bytes_text, StorageUse};
use crate::store::StoreError;
use crate::sync::{EndpointProgress, SyncController, SyncOutcome};
use leptos::prelude::*;

/// The sync context (a fresh, unattached one outside `<App/>`).
pub fn use_sync() -> SyncController {
    use_context::<SyncController>().unwrap_or_default()
}

/// Formats a number with the language's digit grouping.
pub fn format_count(n: u64, lang: &str) -> String {
    let v = wasm_bindgen::JsValue::from_f64(n as f64);
    js_sys::Number::from(v)
        .to_locale_string(lang)
        .as_string()
        .unwrap_or_else(|| n.to_string())
}

/// Formats ms since the epoch as a local date and time.
pub fn format_time(ms: i64, lang: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    String::from(date.to_locale_string(lang, &wasm_bindgen::JsValue::UNDEFINED))
}

/// Starts a sync with the current configuration and session, if both are usable.
pub fn start_sync_now(sync: SyncController, config: ConfigState, session: SessionState) {
    let token = session
        .session
        .with_untracked(|s| s.as_ref().map(|s| s.token.clone()));
    let cfg = config
        .0
        .with_untracked(|c| c.as_ref().and_then(|r| r.clone().ok()));
    if let (Some(cfg), Some(token)) = (cfg, token) {
        if session.is_active() {
            sync.start(&cfg, token);
        }
    }
}

/// The outcome as the user reads it. A partial sync also says why, with the failure
/// most endpoints share (e.g. the CORS explanation and its fix for a deployment without
/// a same-origin API path).
fn outcome_text(i18n: I18n, o: &SyncOutcome, endpoints: &[EndpointProgress]) -> (bool, String) {
    match o {
        SyncOutcome::Complete => (false, i18n.t("sync.done")),
        SyncOutcome::Partial { failed } => {
            let mut kinds: Vec<&str> = endpoints
                .iter()
                .filter_map(|e| e.state.error_kind.as_deref())
                .collect();
            kinds.sort_unstable();
            let common = kinds
                .chunk_by(|a, b| a == b)
                .max_by_key(|run| run.len())
                .and_then(|run| run.first());
            let mut text = i18n.t("sync.partial").replace("{n}", &failed.to_string());
            if let Some(kind) = common {
                text.push(' ');
                text.push_str(&i18n.t(kind));
            }
            (true, text)
        }
        SyncOutcome::NeedsSignIn => (true, i18n.t("client.error.unauthorized")),
        SyncOutcome::Offline => (true, i18n.t("client.error.offline")),
        SyncOutcome::Storage {
            space: Some(space), ..
        } => (true, quota_text(i18n.lang.get(), *space)),
        SyncOutcome::Storage { kind, detail, .. } | SyncOutcome::NotStarted { kind, detail } => {
            (true, error_text(i18n, kind, detail.as_deref()))
        }
    }
}

/// Progress while syncing, else the last sync time, the outcome and "Sync now".
#[component]
pub fn SyncPanel() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let config = use_context::<ConfigState>().unwrap_or_default();
    let session = use_session();
    let p = sync.progress;
    let lang = move || i18n.lang.get().code();
    let can_sync = move || {
        !p.running.get()
            && !p.other_tab.get()
            && !sync.demo.get()
            && session.is_active()
            && config.0.with(|c| matches!(c, Some(Ok(_))))
    };
    let running = move || {
        p.running.get().then(|| {
            let current = move || {
                p.current.get().map(|(id, window)| {
                    let title = i18n.t(&id.endpoint().title_key());
                    if window.is_empty() {
                        title
                    } else {
                        format!("{title} ({window})")
                    }
                })
            };
            view! {
                <progress
                    class="sync-progress"
                    max=p.total()
                    value=move || p.endpoints_done.get()
                    aria-label=i18n.tr("sync.progress_label")
                ></progress>
                <p class="sync-line">
                    {move || {
                        i18n.t("sync.running")
                            .replace("{done}", &p.endpoints_done.get().to_string())
                            .replace("{total}", &p.total().to_string())
                            .replace("{records}", &format_count(p.records_written.get(), lang()))
                    }}
                </p>
                <p class="sync-line sync-current">
                    {move || current().map(|c| format!("{} {c}", i18n.t("sync.now_fetching")))}
                </p>
            }
        })
    };
    let idle = move || {
        (!p.running.get()).then(|| {
            // In the demo: why there is no sync (instead of when the last one was).
            let last = move || match p.last_complete_ms.get() {
                _ if sync.demo.get() => i18n.t("sync.error.demo"),
                Some(ms) => format!("{} {}", i18n.t("sync.last"), format_time(ms, lang())),
                None => i18n.t("sync.never"),
            };
            let outcome = move || {
                p.outcome.get().map(|o| {
                    let (bad, text) = p.endpoints.with(|e| outcome_text(i18n, &o, e));
                    view! {
                        <p class=if bad { "sync-outcome sync-outcome-bad" } else { "sync-outcome" }>
                            {text}
                        </p>
                    }
                })
            };
            let other_tab = move || {
                p.other_tab.get().then(
                    || view! { <p class="sync-line sync-other-tab">{i18n.t("sync.other_tab")}</p> },
                )
            };
            view! {
                {other_tab}
                <p class="sync-line">{last}</p>
                {outcome}
            }
        })
    };
    view! {
        <section class="card sync-panel" aria-live="polite">
            <div class="sync-head">
                <h2>{i18n.tr("sync.title")}</h2>
                <button
                    type="button"
                    class="button"
                    disabled=move || !can_sync()
                    on:click=move |_| start_sync_now(sync, config, session)
                >
                    {i18n.tr("sync.now")}
                </button>
            </div>
            {running}
            {idle}
        </section>
    }
}

/// A translated error (`kind` is its i18n key) with the variable part we cannot
/// translate (the browser's or the file's own words), framed in the UI language.
pub fn error_text(i18n: I18n, kind: &str, detail: Option<&str>) -> String {
    match detail.filter(|d| !d.is_empty()) {
        Some(d) => framed(i18n, i18n.t(kind), "error.detail", d),
        None => i18n.t(kind),
    }
}

/// A full disk with the browser's figures: "… out of space for healthHub: 12.4 MB used
/// of 12.5 MB …" in `lang` (without figures it is the plain `store.error.quota`).
pub fn quota_text(lang: Lang, space: StorageUse) -> String {
    crate::i18n::text(lang, "store.error.quota.figures")
        .replace("{used}", &bytes_text(space.used))
        .replace("{quota}", &bytes_text(space.quota))
}

/// A store error as the user reads it (a full disk with its figures when known).
pub fn store_error_text(i18n: I18n, e: &StoreError) -> String {
    match e.storage_use() {
        Some(space) => quota_text(i18n.lang.get(), space),
        None => error_text(i18n, e.kind(), e.detail()),
    }
}

/// `head` followed by `detail` in the frame `key` (`(Oura says: “…”)`): a space
/// between them in English, none in Japanese (its brackets are full width).
pub fn framed(i18n: I18n, head: String, key: &str, detail: &str) -> String {
    let sep = if i18n.lang.get() == Lang::Ja { "" } else { " " };
    format!("{head}{sep}{}", i18n.t(key).replace("{detail}", detail))
}

/// What one endpoint's status says, as (css class, text).
pub fn endpoint_status_text(
    i18n: I18n,
    e: &EndpointProgress,
    lang: &str,
) -> (&'static str, String) {
    if e.active {
        return ("status-active", i18n.t("sync.status.syncing"));
    }
    if let Some(reason) = &e.state.unavailable {
        // Oura's own words about the refusal, framed in the UI language.
        return (
            "status-unavailable",
            framed(
                i18n,
                i18n.t("sync.status.unavailable"),
                "sync.oura_says",
                reason,
            ),
        );
    }
    if let Some(kind) = &e.state.error_kind {
        // With Oura's own words about it, when Oura gave any (the rest is translated).
        let text = match &e.state.oura_detail {
            Some(detail) => framed(i18n, i18n.t(kind), "sync.oura_says", detail),
            None => i18n.t(kind),
        };
        return ("status-error", text);
    }
    match e.state.last_synced_ms {
        Some(ms) => (
            "status-ok",
            format!("{} {}", i18n.t("sync.last"), format_time(ms, lang)),
        ),
        None if e.state.interrupted => ("status-pending", i18n.t("sync.status.interrupted")),
        None => ("status-pending", i18n.t("sync.never")),
    }
}

/// The status of one endpoint (count, last synced, unavailable or error), for its page.
#[component]
pub fn EndpointStatus(id: EndpointId) -> impl IntoView {
    let i18n = use_i18n();
    let p = use_sync().progress;
    move || {
        let lang = i18n.lang.get().code();
        let e = p
            .endpoints
            .with(|v| v.get(id as usize).cloned())
            .unwrap_or_default();
        let (class, text) = endpoint_status_text(i18n, &e, lang);
        let count = i18n
            .t("sync.records")
            .replace("{n}", &format_count(e.count, lang));
        let quarantined = (e.quarantined > 0).then(|| {
            let key = if e.quarantined == 1 {
                "sync.quarantined.one"
            } else {
                "sync.quarantined.many"
            };
            let text = i18n
                .t(key)
                .replace("{n}", &format_count(e.quarantined, lang));
            view! {
                " · "
                <span class="status-quarantined">{text}</span>
            }
        });
        view! {
            <p class="endpoint-status">
                <span class="status-count">{count}</span>
                " · "
                <span class=class>{text}</span>
                {quarantined}
            </p>
        }
    }
}

/// Every endpoint's status (Settings).
#[component]
pub fn EndpointStatusList() -> impl IntoView {
    let i18n = use_i18n();
    let rows = ENDPOINTS
        .iter()
        .map(|e| {
            let id = e.id;
            let title = e.title_key();
            view! {
                <li>
                    <span class="status-title">{i18n.tr_owned(title)}</span>
                    <EndpointStatus id=id />
                </li>
            }
        })
        .collect_view();
    view! { <ul class="status-list">{rows}</ul> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_says_how_full_in_both_languages() {
        let space = StorageUse {
            used: 12_350_000,
            quota: 12_500_000,
        };
        assert_eq!(
            quota_text(Lang::En, space),
            "Your device is out of space for healthHub: 12.4 MB used of 12.5 MB. Free some \
             space on the device, then sync again — everything already saved is kept."
        );
        assert_eq!(
            quota_text(Lang::Ja, space),
            "端末の空き容量が足りないため、healthHub が保存できません（使用 12.4 MB／上限 12.5 MB）。\
             端末の空き容量を増やしてから、もう一度同期してください。保存済みのデータはすべて残っています。"
        );
        let large = StorageUse {
            used: 2_049_000_000,
            quota: 2_100_000_000,
        };
        assert!(quota_text(Lang::En, large).contains(": 2 GB used of 2.1 GB."));
        // Without figures: the plain message of the kind.
        for lang in Lang::ALL {
            let plain = crate::i18n::text(lang, "store.error.quota");
            assert!(!plain.contains("MB") && !plain.contains('{'), "{plain}");
            assert!(!quota_text(lang, space).contains('{'));
        }
        assert!(crate::i18n::text(Lang::En, "store.error.quota").contains("Free some space"));
        assert!(crate::i18n::text(Lang::Ja, "store.error.quota").contains("空き容量"));
    }

    #[test]
    fn the_sync_outcome_of_a_full_disk_has_its_figures_when_known() {
        let i18n = I18n {
            lang: RwSignal::new(Lang::En),
            choice: RwSignal::new(None),
        };
        let full = |space| SyncOutcome::Storage {
            kind: "store.error.quota",
            detail: None,
            space,
        };
        let space = StorageUse {
            used: 48_000_000,
            quota: 48_040_000,
        };
        let (bad, text) = outcome_text(i18n, &full(Some(space)), &[]);
        assert!(bad);
        assert!(
            text.contains("out of space for healthHub: 48 MB used of 48 MB."),
            "{text}"
        );
        let (_, text) = outcome_text(i18n, &full(None), &[]);
        assert_eq!(text, crate::i18n::text(Lang::En, "store.error.quota"));
        let e = StoreError::QuotaExceeded(Some(space));
        assert_eq!(store_error_text(i18n, &e), quota_text(Lang::En, space));
        i18n.lang.set(Lang::Ja);
        let (_, text) = outcome_text(i18n, &full(Some(space)), &[]);
        assert!(text.contains("（使用 48 MB／上限 48 MB）"), "{text}");
        assert_eq!(
            store_error_text(i18n, &StoreError::QuotaExceeded(None)),
            crate::i18n::text(Lang::Ja, "store.error.quota")
        );
    }
}
