//! The page frame shared by the daily-metric pages (stress, resilience,
//! cardiovascular age, SpO2, VO2 max, bedtime guidance): title, sync status, day
//! picker, the day card, a trend of one or two series over 30/90 days and the history
//! list. Like `common::EndpointView`, but with several values per day and the choice
//! of "nothing recorded" (occasional estimates such as VO2 max) over "not worn".

pub mod logic;

use super::common::{date_text, loaded_view, use_days, use_docs, DayPicker};
use super::logic as page_logic;
use crate::endpoints::EndpointId;
use crate::i18n::{use_i18n, I18n};
use crate::ui::charts::{BarChart, LineChart, Series, XAxis};
use crate::ui::components::EndpointStatus;
use crate::ui::{endpoint_route, href};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;

/// How a day card shows the documents of its day.
pub type DayCard = Arc<dyn Fn(I18n, &[Value]) -> AnyView + Send + Sync>;

/// The day and the values (one per series) of one document.
pub type DayValue = Option<(NaiveDate, Vec<Option<f64>>)>;

/// What the trend and history show.
#[derive(Clone, Copy)]
pub struct DailyTrend {
    /// i18n key of the chart title.
    pub title: &'static str,
    /// i18n keys of the series names (one: a bar chart; two: two lines).
    pub series: &'static [&'static str],
    /// The day and the values of one document (`None`: not shown).
    pub values: fn(&Value) -> DayValue,
    /// A history row's value text.
    pub show: fn(I18n, &[Option<f64>]) -> String,
    /// Chart value = value / `scale` (seconds → hours).
    pub scale: f64,
    /// i18n key of the chart unit.
    pub unit: Option<&'static str>,
    pub decimals: u8,
    /// A line even for one series (values far from zero, such as SpO2 %, where bars
    /// from zero would all look alike).
    pub line: bool,
}

/// The page of one daily metric. `events`: a day without a document is "nothing
/// recorded" rather than "not worn". `children` go after the day card.
#[component]
pub fn DailyPage(
    id: EndpointId,
    render: DayCard,
    trend: DailyTrend,
    #[prop(optional)] events: bool,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let e = id.endpoint();
    let route = endpoint_route(e);
    let (title, about) = (e.title_key(), e.about_key());
    let days = use_days();
    let day = days.day;
    let docs = use_docs(id, super::common::around(day, 0, 0));
    let heading = move || {
        day.get()
            .map(|d| date_text(d, i18n.lang.get().code(), true))
            .unwrap_or_default()
    };
    view! {
        <h1>{i18n.tr_owned(title)}</h1>
        <p class="lead">{i18n.tr_owned(about)}</p>
        <EndpointStatus id=id />
        <DayPicker day=day route=route.clone() />
        <section class="card view-day daily-day" aria-labelledby="view-day-h">
            <h2 id="view-day-h">{heading}</h2>
            {loaded_view(docs, id, day, events, move |d| render(i18n, d))}
        </section>
        {children.map(|c| c())}
        <DailyTrendHistory id=id anchor=days.anchor selected=day route=route trend=trend />
    }
}

#[component]
fn DailyTrendHistory(
    id: EndpointId,
    anchor: Memo<Option<NaiveDate>>,
    selected: Memo<Option<NaiveDate>>,
    route: String,
    trend: DailyTrend,
) -> impl IntoView {
    let i18n = use_i18n();
    let range = RwSignal::new(page_logic::RANGES[0]);
    let longest = page_logic::RANGES[page_logic::RANGES.len() - 1];
    let docs = use_docs(id, move || {
        anchor.get().map(|a| page_logic::window(a, longest))
    });
    let values = Memo::new(move |_| {
        docs.with(|r| match r {
            Some(Some(Ok(docs))) => Some(logic::per_day(docs.iter().filter_map(trend.values))),
            _ => None,
        })
    });
    let win = move || anchor.get().map(|a| page_logic::window(a, range.get()));
    let n = trend.series.len().clamp(1, 2);
    let points = Signal::derive(move || match (values.get(), win()) {
        (Some(v), Some(w)) => logic::series(&v, w, n, trend.scale),
        _ => vec![Vec::new(); n],
    });
    let unit = trend
        .unit
        .map(|k| crate::i18n::text(i18n.lang.get_untracked(), k))
        .unwrap_or_default();
    let title = Signal::derive(i18n.tr(trend.title));
    let chart = if n == 1 && !trend.line {
        let bars = Signal::derive(move || points.with(|p| p.first().cloned().unwrap_or_default()));
        view! { <BarChart title=title bars=bars unit=unit decimals=trend.decimals /> }.into_any()
    } else {
        let series = Signal::derive(move || {
            let lang = i18n.lang.get();
            points.with(|p| {
                p.iter()
                    .zip(trend.series)
                    .map(|(pts, k)| Series::new(crate::i18n::text(lang, k), pts.clone()))
                    .collect::<Vec<_>>()
            })
        });
        view! { <LineChart title=title series=series x_axis=XAxis::Date unit=unit decimals=trend.decimals /> }
            .into_any()
    };
    let buttons = page_logic::RANGES
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
                            <span class="history-value">{(trend.show)(i18n, &v)}</span>
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="history-list">{items}</ol> }.into_any()
    };
    view! {
        <section class="card view-trend" aria-labelledby="view-trend-h">
            <h2 id="view-trend-h">{i18n.tr("view.trend")}</h2>
            <div class="range-buttons" role="group" aria-label=i18n.tr("view.range")>
                {buttons}
            </div>
            {chart}
        </section>
        <section class="card view-history daily-history" aria-labelledby="view-history-h">
            <h2 id="view-history-h">{i18n.tr("view.history")}</h2>
            {rows}
        </section>
    }
}

/// A list of rows shown by `f` per readable document, "could not be read" for the
/// others (and the page goes on).
pub fn each_read<T>(
    i18n: I18n,
    docs: &[Value],
    read: fn(&Value) -> Result<T, super::doc::Unreadable>,
    f: &dyn Fn(&T) -> AnyView,
) -> AnyView {
    docs.iter()
        .map(|d| match read(d) {
            Ok(t) => f(&t),
            Err(e) => super::common::unreadable(i18n, &e),
        })
        .collect_view()
        .into_any()
}
