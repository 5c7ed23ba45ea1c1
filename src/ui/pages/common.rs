//! Shared parts of the data views: reading the store (live: every sync write re-reads),
//! the selected day (URL `?day=YYYY-MM-DD`) and its picker, the loading / error /
//! empty states, locale formatting, facts and contributor lists, and the generic page
//! of one endpoint (the day, a trend chart, a history list).

use super::doc::{self, Unreadable};
use super::logic::{self, EmptyReason};
use crate::endpoints::EndpointId;
use crate::i18n::{use_i18n, I18n};
use crate::oura::models::Timestamp;
use crate::ui::charts::{day_ms, BarChart, ScoreRing};
use crate::ui::components::{error_text, framed, use_sync, EndpointStatus};
use crate::ui::router::{use_query, use_router};
use crate::ui::{endpoint_route, href};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;
use wasm_bindgen::JsValue;

/// Why the store could not be read: an i18n key (if known) and the browser's reason
/// (may be empty).
#[derive(Clone, Debug, PartialEq)]
pub struct LoadError(pub Option<&'static str>, pub String);

impl LoadError {
    pub fn of(e: &crate::store::StoreError) -> Self {
        LoadError(Some(e.kind()), e.detail().unwrap_or_default().to_owned())
    }
}

/// Documents as read from the store; `None` while the store opens or the range is
/// unknown.
pub type Loaded = Option<Result<Vec<Value>, LoadError>>;

/// The endpoints whose latest day is "the latest day with data".
const DAILY: [EndpointId; 4] = [
    EndpointId::DailySleep,
    EndpointId::Sleep,
    EndpointId::DailyReadiness,
    EndpointId::DailyActivity,
];

/// The documents of `id` with a day in `range()`; pending while the store opens or the
/// range is unknown; read again after every write of a sync.
pub fn use_docs(
    id: EndpointId,
    range: impl Fn() -> Option<(NaiveDate, NaiveDate)> + 'static,
) -> LocalResource<Loaded> {
    let sync = use_sync();
    LocalResource::new(move || {
        sync.progress.data_version.track();
        let attached = sync.attached.get();
        let range = range();
        let store = sync.store();
        async move {
            match attached {
                Some(Ok(())) => {}
                Some(Err(e)) => return Some(Err(LoadError::of(&e))),
                None => return None,
            }
            let (first, last) = range?;
            let Some(store) = store else {
                return Some(Err(LoadError(Some("store.error.open"), String::new())));
            };
            Some(
                store
                    .docs_between(id.endpoint(), first, last)
                    .await
                    .map_err(|e| LoadError::of(&e)),
            )
        }
    })
}

/// The range `day - before ..= day + after` of a selected day, for [`use_docs`]. Every
/// caller passes this one closure type, so the store-reading machinery is compiled
/// once (each closure type costs a copy of it, ≈ 1 KB brotli, much of it in the first
/// load).
pub fn around(
    day: Memo<Option<NaiveDate>>,
    before: i64,
    after: i64,
) -> impl Fn() -> Option<(NaiveDate, NaiveDate)> + Copy + Send + Sync + 'static {
    move || {
        day.get().map(|d| {
            (
                d - chrono::Duration::days(before),
                d + chrono::Duration::days(after),
            )
        })
    }
}

/// Every document of `id` (ring_configuration, personal_info, rest mode periods…);
/// pending while the store opens; read again after every write of a sync.
pub fn use_all_docs(id: EndpointId) -> LocalResource<Loaded> {
    let sync = use_sync();
    LocalResource::new(move || {
        sync.progress.data_version.track();
        let attached = sync.attached.get();
        let store = sync.store();
        async move {
            match attached {
                Some(Ok(())) => {}
                Some(Err(e)) => return Some(Err(LoadError::of(&e))),
                None => return None,
            }
            let Some(store) = store else {
                return Some(Err(LoadError(Some("store.error.open"), String::new())));
            };
            Some(
                store
                    .all_docs(id.endpoint())
                    .await
                    .map_err(|e| LoadError::of(&e)),
            )
        }
    })
}

/// The latest day any daily collection has: `None` while it is being read,
/// `Some(None)` when nothing is stored (or there is no store). Read again after every
/// write of a sync. (A signal fed by a task rather than a `LocalResource`: one less
/// instantiation of the async machinery in the first-load module.)
fn use_latest() -> RwSignal<Option<Option<NaiveDate>>> {
    let sync = use_sync();
    let latest = RwSignal::new(None);
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        sync.progress.data_version.track();
        let attached = sync.attached.get();
        let store = sync.store();
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        leptos::task::spawn_local(async move {
            let value = match (attached, store) {
                (None, _) => None,
                (Some(Ok(())), Some(store)) => {
                    let mut last_day = None;
                    for id in DAILY {
                        if let Ok(Some((_, last))) = store.day_bounds(id.endpoint()).await {
                            last_day = last_day.max(Some(last));
                        }
                    }
                    Some(last_day)
                }
                _ => Some(None),
            };
            // Only the newest read counts (an older one may finish later).
            if generation.try_get_value() == Some(mine) {
                let _ = latest.try_set(value);
            }
        });
    });
    latest
}

/// The selected day and the end of the trend window.
#[derive(Clone, Copy)]
pub struct Days {
    /// The day shown (`None` while it is being worked out).
    pub day: Memo<Option<NaiveDate>>,
    /// The latest day with data (else today): where trends and history end.
    pub anchor: Memo<Option<NaiveDate>>,
}

pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The day from the URL (`?day=`), else the latest day with data, else today.
pub fn use_days() -> Days {
    let query = use_query("day");
    let latest = use_latest();
    let today = today();
    let day = Memo::new(move |_| {
        let param = query.get();
        logic::choose_day(param.as_deref(), latest.get(), today)
    });
    let anchor = Memo::new(move |_| latest.get().map(|l| l.unwrap_or(today)));
    Days { day, anchor }
}

/// A day as the user's locale writes it (`long`: with weekday and year).
pub fn date_text(d: NaiveDate, lang: &str, long: bool) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(day_ms(d)));
    let opts = js_sys::Object::new();
    let (wd, month) = if long {
        ("long", "long")
    } else {
        ("short", "short")
    };
    let mut fields = vec![
        ("weekday", wd),
        ("month", month),
        ("day", "numeric"),
        ("timeZone", "UTC"),
    ];
    if long {
        fields.push(("year", "numeric"));
    }
    for (k, v) in fields {
        let _ = js_sys::Reflect::set(&opts, &k.into(), &v.into());
    }
    date.to_locale_date_string(lang, &opts).into()
}

/// A number in the user's locale with at most `decimals` digits after the point.
pub fn num(v: f64, decimals: u8, lang: &str) -> String {
    let n = js_sys::Number::from(JsValue::from_f64(logic::round_to(v, decimals)));
    n.to_locale_string(lang)
        .as_string()
        .unwrap_or_else(|| crate::ui::charts::format::fixed(v, decimals))
}

/// An optional number with a unit (`—` when missing).
pub fn num_unit(v: Option<f64>, decimals: u8, unit: &str, lang: &str) -> String {
    match v {
        Some(v) => format!("{} {unit}", num(v, decimals, lang))
            .trim_end()
            .to_owned(),
        None => "—".to_owned(),
    }
}

/// A duration in seconds as `h:mm` (`—` when missing).
pub fn hm(seconds: Option<i64>) -> String {
    seconds.map_or_else(
        || "—".to_owned(),
        |s| crate::ui::charts::format::hm(s as f64),
    )
}

/// A wall-clock time of an Oura timestamp (its own UTC offset).
pub fn clock(t: &crate::oura::models::Timestamp) -> String {
    let (ms, off) = crate::ui::charts::timestamp(t);
    crate::ui::charts::format::clock(ms, off)
}

/// `(label, value)` rows as a description list.
pub fn facts(rows: Vec<(String, String)>) -> impl IntoView {
    let rows = rows
        .into_iter()
        .map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> })
        .collect_view();
    view! { <dl class="facts view-facts">{rows}</dl> }
}

/// 0–100 contributor scores (label key, value) as a description list with bars.
pub fn contributors(i18n: I18n, rows: &[(&'static str, Option<i64>)]) -> impl IntoView {
    let rows = rows
        .iter()
        .map(|(k, v)| {
            let value = v.map_or_else(|| "—".to_owned(), |v| v.to_string());
            let bar = v.map(|v| {
                view! { <meter class="contrib-bar" min="0" max="100" value=v.clamp(0, 100) aria-hidden="true"></meter> }
            });
            view! {
                <div>
                    <dt>{i18n.t(k)}</dt>
                    <dd>{bar}<span class="contrib-value">{value}</span></dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <h3 class="view-sub">{i18n.t("view.contributors")}</h3>
        <dl class="facts contributors">{rows}</dl>
    }
}

/// "This record could not be read" (and why) for a document that does not fit its model.
pub fn unreadable(i18n: I18n, err: &Unreadable) -> AnyView {
    let (key, field) = err.key();
    let why = i18n.t(key).replace("{field}", field.unwrap_or_default());
    view! {
        <p class="view-unreadable" role="alert">
            {i18n.t("view.unreadable")}
            <span class="view-detail">{format!(" {why}")}</span>
        </p>
    }
    .into_any()
}

/// [`unreadable`] for `n` rows of a day that do not fit (the first one's reason).
pub fn unreadable_many(i18n: I18n, first: &Unreadable, n: usize) -> AnyView {
    let (key, field) = first.key();
    let why = i18n.t(key).replace("{field}", field.unwrap_or_default());
    let head = if n > 1 {
        i18n.t("page.common.unreadable_many")
            .replace("{n}", &n.to_string())
    } else {
        i18n.t("view.unreadable")
    };
    view! {
        <p class="view-unreadable" role="alert">
            {head}
            <span class="view-detail">{format!(" {why}")}</span>
        </p>
    }
    .into_any()
}

/// Loading / error / empty (with why) / the documents, for one endpoint and day.
/// `events`: a day without any (workouts, tags…) is normal, not a missing record.
pub fn loaded_view(
    res: LocalResource<Loaded>,
    id: EndpointId,
    day: Memo<Option<NaiveDate>>,
    events: bool,
    render: impl Fn(&[Value]) -> AnyView + Send + Sync + 'static,
) -> AnyView {
    loaded_view_of(res, id, day, events, std::sync::Arc::new(render))
}

/// How a card shows its documents.
type Render = dyn Fn(&[Value]) -> AnyView + Send + Sync;

/// [`loaded_view`]'s body, one copy for every caller (it is on the first screen many
/// times: a generic body cost one copy per card).
fn loaded_view_of(
    res: LocalResource<Loaded>,
    id: EndpointId,
    day: Memo<Option<NaiveDate>>,
    events: bool,
    render: std::sync::Arc<Render>,
) -> AnyView {
    let i18n = use_i18n();
    let progress = use_sync().progress;
    let view = move || {
        res.with(|r| match r {
            None | Some(None) => {
                view! { <p class="view-loading" role="status">{i18n.t("view.loading")}</p> }
                    .into_any()
            }
            Some(Some(Err(LoadError(kind, detail)))) => {
                let text = error_text(i18n, kind.unwrap_or("store.error.open"), Some(detail));
                view! { <p class="view-error" role="alert">{text}</p> }.into_any()
            }
            Some(Some(Ok(docs))) if docs.is_empty() => {
                let state = progress
                    .endpoints
                    .with(|v| v.get(id as usize).map(|e| e.state.clone()))
                    .unwrap_or_default();
                let why = match day.get().map(|d| logic::empty_reason(&state, d)) {
                    Some(EmptyReason::Unavailable(r)) => {
                        framed(i18n, i18n.t("view.why.unavailable"), "sync.oura_says", &r)
                    }
                    Some(EmptyReason::NotWorn) if events => {
                        return view! { <p class="view-none">{i18n.t("view.none_day")}</p> }
                            .into_any()
                    }
                    Some(EmptyReason::NotWorn) => i18n.t("view.why.not_worn"),
                    _ => i18n.t("view.why.not_synced"),
                };
                view! {
                    <div class="view-empty">
                        <p class="view-empty-title">{i18n.t("view.no_data_day")}</p>
                        <p>{why}</p>
                    </div>
                }
                .into_any()
            }
            Some(Some(Ok(docs))) => render(docs),
        })
    };
    view.into_any()
}

/// Previous / next day buttons and a native date input; the choice goes to the URL.
#[component]
pub fn DayPicker(day: Memo<Option<NaiveDate>>, route: String) -> impl IntoView {
    let i18n = use_i18n();
    let today = today();
    let route = StoredValue::new(route);
    let router = use_router();
    let go = move |d: NaiveDate| {
        router.navigate(&format!("{}?day={d}", route.get_value()), true, false);
    };
    let go2 = go;
    let go3 = go;
    let step = move |n: i64| day.get_untracked().map(|d| d + chrono::Duration::days(n));
    // Until the day is known, a no-break space holds the line (the picker must not grow
    // under the page when it arrives: a layout shift).
    let label = move || {
        day.get()
            .map(|d| date_text(d, i18n.lang.get().code(), true))
            .unwrap_or_else(|| "\u{a0}".to_owned())
    };
    view! {
        <nav class="day-picker" aria-label=i18n.tr("view.day.picker")>
            <button
                type="button"
                class="button day-step"
                aria-label=i18n.tr("view.day.previous")
                on:click=move |_| {
                    if let Some(d) = step(-1) {
                        go(d)
                    }
                }
            >
                <span aria-hidden="true">"‹"</span>
            </button>
            <label class="day-field">
                <span class="day-name" aria-live="polite">{label}</span>
                <input
                    type="date"
                    class="day-input"
                    aria-label=i18n.tr("view.day.choose")
                    max=today.to_string()
                    prop:value=move || day.get().map(|d| d.to_string()).unwrap_or_default()
                    on:change=move |ev| {
                        if let Some(d) = logic::parse_day(Some(&event_target_value(&ev))) {
                            go2(d)
                        }
                    }
                />
            </label>
            <button
                type="button"
                class="button day-step"
                aria-label=i18n.tr("view.day.next")
                disabled=move || day.get().is_none_or(|d| d >= today)
                on:click=move |_| {
                    if let Some(d) = step(1) {
                        go3(d)
                    }
                }
            >
                <span aria-hidden="true">"›"</span>
            </button>
        </nav>
    }
}

/// How an endpoint page charts and lists its main value.
#[derive(Clone, Copy)]
pub struct Trend {
    /// i18n key of the chart and list headings.
    pub title: &'static str,
    /// The day and main value of one document (`None`: not shown).
    pub value: fn(&Value) -> Option<(NaiveDate, f64)>,
    /// The value as the history list shows it (language code given).
    pub show: fn(f64, &str) -> String,
    /// Chart value = value / `scale` (seconds → hours).
    pub scale: f64,
    /// i18n key of the chart unit, if any.
    pub unit: Option<&'static str>,
    pub decimals: u8,
}

/// The page of one endpoint: status, day picker, the selected day's card (`render`),
/// the trend over the last 30/90 days and the history list.
#[component]
pub fn EndpointView(
    id: EndpointId,
    render: fn(I18n, &[Value]) -> AnyView,
    trend: Trend,
) -> impl IntoView {
    let i18n = use_i18n();
    let e = id.endpoint();
    let route = endpoint_route(e);
    let (title, about) = (e.title_key(), e.about_key());
    let days = use_days();
    let day = days.day;
    let docs = use_docs(id, around(day, 0, 0));
    let day_heading = move || {
        day.get()
            .map(|d| date_text(d, i18n.lang.get().code(), true))
            .unwrap_or_default()
    };
    view! {
        <h1>{i18n.tr_owned(title)}</h1>
        <p class="lead">{i18n.tr_owned(about)}</p>
        <EndpointStatus id=id />
        <DayPicker day=day route=route.clone() />
        <section class="card view-day" aria-labelledby="view-day-h">
            <h2 id="view-day-h">{day_heading}</h2>
            {loaded_view(docs, id, day, false, move |d| render(i18n, d))}
        </section>
        <TrendHistory id=id anchor=days.anchor selected=day route=route trend=trend />
    }
}

/// The trend chart (30 or 90 days to `anchor`) and the history list (newest first;
/// a row selects its day).
#[component]
fn TrendHistory(
    id: EndpointId,
    anchor: Memo<Option<NaiveDate>>,
    selected: Memo<Option<NaiveDate>>,
    route: String,
    trend: Trend,
) -> impl IntoView {
    let i18n = use_i18n();
    let range = RwSignal::new(logic::RANGES[0]);
    let longest = logic::RANGES[logic::RANGES.len() - 1];
    let docs = use_docs(id, move || anchor.get().map(|a| logic::window(a, longest)));
    let values: Memo<Option<BTreeMap<NaiveDate, f64>>> = Memo::new(move |_| {
        docs.with(|r| match r {
            Some(Some(Ok(docs))) => Some(logic::per_day(docs.iter().filter_map(trend.value))),
            _ => None,
        })
    });
    let win = move || anchor.get().map(|a| logic::window(a, range.get()));
    let bars = Signal::derive(move || match (values.get(), win()) {
        (Some(v), Some(w)) => logic::bars(&v, w)
            .into_iter()
            .map(|(x, y)| (x, y.map(|y| y / trend.scale)))
            .collect(),
        _ => Vec::new(),
    });
    let unit = trend
        .unit
        .map(|k| crate::i18n::text(i18n.lang.get_untracked(), k))
        .unwrap_or_default();
    let buttons = logic::RANGES
        .iter()
        .map(|&n| {
            view! {
                <button
                    type="button"
                    class="button range-button"
                    aria-pressed=move || (range.get() == n).to_string()
                    on:click=move |_| range.set(n)
                >
                    {move || i18n.t("view.range.days").replace("{n}", &n.to_string())}
                </button>
            }
        })
        .collect_view();
    let rows = move || {
        let lang = i18n.lang.get().code();
        let (Some(v), Some(w)) = (values.get(), win()) else {
            return view! { <p class="view-loading">{i18n.t("view.loading")}</p> }.into_any();
        };
        let list = logic::history(&v, w);
        if list.is_empty() {
            return view! { <p class="view-empty">{i18n.t("view.history.empty")}</p> }.into_any();
        }
        let sel = selected.get();
        let items = list
            .into_iter()
            .map(|(d, v)| {
                let link = href(&format!("{route}?day={d}"));
                let current = (sel == Some(d)).then_some("date");
                view! {
                    <li>
                        <a class="history-row" href=link aria-current=current>
                            <span class="history-date">{date_text(d, lang, false)}</span>
                            <span class="history-value">{(trend.show)(v, lang)}</span>
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="history-list">{items}</ol> }.into_any()
    };
    let title = Signal::derive(i18n.tr(trend.title));
    view! {
        <section class="card view-trend" aria-labelledby="view-trend-h">
            <h2 id="view-trend-h">{i18n.tr("view.trend")}</h2>
            <div class="range-buttons" role="group" aria-label=i18n.tr("view.range")>
                {buttons}
            </div>
            <BarChart title=title bars=bars unit=unit decimals=trend.decimals />
        </section>
        <section class="card view-history" aria-labelledby="view-history-h">
            <h2 id="view-history-h">{i18n.tr("view.history")}</h2>
            {rows}
        </section>
    }
}

/// Each document of the day rendered by `f`, or "could not be read".
pub fn each(
    i18n: I18n,
    docs: &[Value],
    f: &dyn Fn(&Value) -> Result<AnyView, Unreadable>,
) -> AnyView {
    docs.iter()
        .map(|d| match doc::object(d).and_then(f) {
            Ok(v) => v,
            Err(e) => unreadable(i18n, &e),
        })
        .collect_view()
        .into_any()
}

/// A score ring with its contributors.
pub fn score_block(
    i18n: I18n,
    score: Option<i64>,
    label_key: &'static str,
    rows: &[(&'static str, Option<i64>)],
) -> AnyView {
    view! {
        <div class="view-score">
            <ScoreRing score=score label=i18n.t(label_key) />
            <div class="view-score-facts">{contributors(i18n, rows)}</div>
        </div>
    }
    .into_any()
}

/// A score as the history list shows it.
pub fn show_score(v: f64, _lang: &str) -> String {
    crate::ui::charts::format::fixed(v, 0)
}

/// `walking` → `Walking`, `tag_generic_nocaffeine` → `Nocaffeine`: Oura's codes as words.
/// The codes are ASCII identifiers: only an ASCII first letter is capitalised (the
/// full Unicode case tables would add ≈ 5 KB brotli to the first load).
pub fn code_words(code: &str) -> String {
    let mut s = code
        .strip_prefix("tag_generic_")
        .or_else(|| code.strip_prefix("tag_"))
        .unwrap_or(code)
        .replace('_', " ");
    if let Some(first) = s.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    s
}

/// A start–end (or start) as wall-clock times.
pub fn times(start: &Timestamp, end: Option<&Timestamp>) -> String {
    match end {
        Some(e) => format!("{}–{}", clock(start), clock(e)),
        None => clock(start),
    }
}

#[cfg(test)]
mod tests {
    use super::code_words;

    #[test]
    fn codes_read_as_words() {
        assert_eq!(code_words("walking"), "Walking");
        assert_eq!(code_words("tag_generic_nocaffeine"), "Nocaffeine");
        assert_eq!(code_words("tag_sauna"), "Sauna");
        assert_eq!(code_words("strength_training"), "Strength training");
        assert_eq!(code_words("émotion"), "émotion", "non-ASCII is kept as is");
        assert_eq!(code_words(""), "");
    }
}
