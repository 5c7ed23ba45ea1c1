//! What the event pages share (workouts, sessions, tags, rest mode): the page head,
//! the day card, documents on a day, and day totals (a 30/90-day bar chart and the
//! history list of the days that have events). Pure logic in [`logic`].

pub mod logic;

use super::common::{date_text, loaded_view, use_docs, DayPicker, Days, Loaded};
use super::logic::{bars, window, RANGES};
use crate::endpoints::EndpointId;
use crate::i18n::{use_i18n, I18n};
use crate::ui::charts::BarChart;
use crate::ui::components::EndpointStatus;
use crate::ui::{endpoint_route, href};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;

/// The page's title, description, sync status and day picker.
pub fn head(id: EndpointId, days: Days) -> impl IntoView {
    let i18n = use_i18n();
    let e = id.endpoint();
    view! {
        <h1>{i18n.tr_owned(e.title_key())}</h1>
        <p class="lead">{i18n.tr_owned(e.about_key())}</p>
        <EndpointStatus id=id />
        <DayPicker day=days.day route=endpoint_route(e) />
    }
}

/// The selected day's card: loading / error / empty with why / `render(docs)`.
pub fn day_card(
    id: EndpointId,
    day: Memo<Option<NaiveDate>>,
    docs: LocalResource<Loaded>,
    render: impl Fn(I18n, &[Value]) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = move || {
        day.get()
            .map(|d| date_text(d, i18n.lang.get().code(), true))
            .unwrap_or_default()
    };
    view! {
        <section class="card view-day" aria-labelledby="view-day-h">
            <h2 id="view-day-h">{heading}</h2>
            {loaded_view(docs, id, day, true, move |d| render(i18n, d))}
        </section>
    }
}

/// The documents of `res` that `keep` says are on the selected day (enhanced tags
/// and rest-mode periods that started earlier and still run).
pub fn on_day(
    res: LocalResource<Loaded>,
    day: Memo<Option<NaiveDate>>,
    keep: fn(&Value, NaiveDate) -> bool,
) -> LocalResource<Loaded> {
    LocalResource::new(move || {
        let loaded = res.get().flatten();
        let day = day.get();
        async move {
            let loaded = loaded?;
            let day = day?;
            Some(loaded.map(|docs| docs.into_iter().filter(|d| keep(d, day)).collect()))
        }
    })
}

/// How an event page totals its days.
#[derive(Clone, Copy)]
pub struct Totals {
    /// i18n key of the chart title.
    pub title: &'static str,
    /// The day and the amount of one document (summed per day).
    pub value: fn(&Value) -> Option<(NaiveDate, f64)>,
    /// Chart value = total / `scale`.
    pub scale: f64,
    /// i18n key of the chart unit.
    pub unit: Option<&'static str>,
    pub decimals: u8,
    /// A day's total as the history row shows it (language code given).
    pub show: fn(f64, &str) -> String,
    /// What a document adds to its day's history row.
    pub name: fn(I18n, &Value) -> Option<String>,
    /// Whether to show the history list.
    pub history: bool,
}

/// Day totals over the last 30/90 days to the anchor: a bar chart and the history
/// list (newest first; a row opens its day).
#[component]
pub fn DayTotals(id: EndpointId, days: Days, totals: Totals) -> impl IntoView {
    let i18n = use_i18n();
    let anchor = days.anchor;
    let selected = days.day;
    let route = endpoint_route(id.endpoint());
    let range = RwSignal::new(RANGES[0]);
    let longest = RANGES[RANGES.len() - 1];
    let docs = use_docs(id, move || anchor.get().map(|a| window(a, longest)));
    type Rows = (BTreeMap<NaiveDate, f64>, BTreeMap<NaiveDate, Vec<String>>);
    let values: Memo<Option<Rows>> = Memo::new(move |_| {
        docs.with(|r| match r {
            Some(Some(Ok(docs))) => {
                let mut names: BTreeMap<NaiveDate, Vec<String>> = BTreeMap::new();
                let sums = logic::sum_per_day(docs.iter().filter_map(|d| {
                    let (day, v) = (totals.value)(d)?;
                    let list = names.entry(day).or_default();
                    list.extend((totals.name)(i18n, d));
                    Some((day, v))
                }));
                Some((sums, names))
            }
            _ => None,
        })
    });
    let win = move || anchor.get().map(|a| window(a, range.get()));
    let chart_bars = Signal::derive(move || match (values.get(), win()) {
        (Some((v, _)), Some(w)) => bars(&v, w)
            .into_iter()
            .map(|(x, y)| (x, y.map(|y| y / totals.scale)))
            .collect(),
        _ => Vec::new(),
    });
    let unit = totals
        .unit
        .map(|k| crate::i18n::text(i18n.lang.get_untracked(), k))
        .unwrap_or_default();
    let buttons = RANGES
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
        let (Some((sums, names)), Some((first, last))) = (values.get(), win()) else {
            return view! { <p class="view-loading">{i18n.t("view.loading")}</p> }.into_any();
        };
        let sel = selected.get();
        let items = sums
            .range(first..=last)
            .rev()
            .map(|(d, v)| {
                let link = href(&format!("{route}?day={d}"));
                let current = (sel == Some(*d)).then_some("date");
                let what = names.get(d).map(|n| n.join(", ")).unwrap_or_default();
                view! {
                    <li>
                        <a class="history-row" href=link aria-current=current>
                            <span class="history-date">{date_text(*d, lang, false)}</span>
                            <span class="ev-what ev-wrap">{what}</span>
                            <span class="history-value">{(totals.show)(*v, lang)}</span>
                        </a>
                    </li>
                }
            })
            .collect_view();
        if sums.range(first..=last).next().is_none() {
            return view! { <p class="view-empty">{i18n.t("view.history.empty")}</p> }.into_any();
        }
        view! { <ol class="history-list">{items}</ol> }.into_any()
    };
    let title = Signal::derive(i18n.tr(totals.title));
    let history = totals.history.then(|| {
        view! {
            <section class="card view-history" aria-labelledby="view-history-h">
                <h2 id="view-history-h">{i18n.tr("view.history")}</h2>
                {rows}
            </section>
        }
    });
    view! {
        <section class="card view-trend" aria-labelledby="view-trend-h">
            <h2 id="view-trend-h">{i18n.tr("view.trend")}</h2>
            <div class="range-buttons" role="group" aria-label=i18n.tr("view.range")>
                {buttons}
            </div>
            <BarChart title=title bars=chart_bars unit=unit decimals=totals.decimals />
        </section>
        {history}
    }
}
