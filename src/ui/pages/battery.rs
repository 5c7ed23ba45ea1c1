//! The `ring_battery_level` page: the ring's battery level through the wearer's local
//! day with the time on the charger shaded, the last and lowest level, time charging,
//! and the lowest level of each day over 30 or 90 days. Rows are stored per UTC day of
//! their timestamp: which local day, see [`super::local_day`].

pub mod logic;

use super::common::{
    date_text, facts, hm, num, unreadable_many, use_days, DayPicker, LoadError, Loaded,
};
use super::doc::battery::{row_ms, Battery};
use super::local_day::{self, history_list, range_buttons, use_day_context, use_local_docs};
use crate::endpoints::EndpointId;
use crate::i18n::{use_i18n, I18n};
use crate::ui::charts::battery::BatteryChart;
use crate::ui::charts::format::{clock, fill, value};
use crate::ui::charts::BarChart;
use crate::ui::components::{use_sync, EndpointStatus};
use crate::ui::endpoint_route;
use chrono::NaiveDate;
use leptos::prelude::*;
use logic::BatteryDay;
use serde_json::Value;

/// A level as text: `62%`.
fn pct(level: i64, lang: &str) -> String {
    value(Some(level as f64), 0, "%", lang)
}

/// "62% · 21:30 · Charging" (the state only when the row tells it).
fn reading(i18n: I18n, b: &Battery, offset_s: i32, lang: &str) -> String {
    let mut s = format!(
        "{} · {}",
        pct(b.level, lang),
        clock(b.at.timestamp_millis() as f64, offset_s)
    );
    match b.on_charger() {
        Some(true) => s.push_str(&format!(" · {}", i18n.t("page.battery.charging"))),
        Some(false) => s.push_str(&format!(" · {}", i18n.t("page.battery.not_charging"))),
        None => {}
    }
    s
}

/// The day card of rows already of one local day, at UTC (tests, previews).
pub fn battery_day(i18n: I18n, docs: &[Value]) -> AnyView {
    battery_day_at(i18n, docs, None, 0)
}

/// The day card of the local `day` (`None`: the day of the first row) at `offset_s`.
pub fn battery_day_at(
    i18n: I18n,
    docs: &[Value],
    day: Option<NaiveDate>,
    offset_s: i32,
) -> AnyView {
    let lang = i18n.lang.get().code();
    let d = BatteryDay::read(docs);
    let day = day.or_else(|| {
        d.readings
            .first()
            .and_then(|b| local_day::day_of(b.at.timestamp_millis(), offset_s))
    });
    let bounds = day.map(|day| {
        let (a, b) = local_day::bounds(day, offset_s);
        (a as f64, b as f64)
    });
    let dash = || "—".to_owned();
    let charging = bounds
        .and_then(|(_, end)| d.charging_ms(end))
        .map_or_else(dash, |ms| hm(Some((ms / 1000.0).round() as i64)));
    let rows = vec![
        (
            i18n.t("page.battery.last"),
            d.last()
                .map_or_else(dash, |b| reading(i18n, b, offset_s, lang)),
        ),
        (
            i18n.t("page.battery.lowest"),
            d.lowest().map_or_else(dash, |b| {
                format!(
                    "{} · {}",
                    pct(b.level, lang),
                    clock(b.at.timestamp_millis() as f64, offset_s)
                )
            }),
        ),
        (i18n.t("page.battery.charging_time"), charging),
        (
            i18n.t("page.battery.readings"),
            num(d.readings.len() as f64, 0, lang),
        ),
    ];
    let chart = bounds.filter(|_| !d.readings.is_empty()).map(|b| {
        view! {
            <BatteryChart
                title=i18n.t("page.battery.chart")
                levels=d.levels()
                day=b
                offset_s=offset_s
            />
        }
    });
    let zone = fill(
        &i18n.t("page.heartrate.zone"),
        &[("zone", &local_day::utc_label(offset_s))],
    );
    let bad = d
        .unreadable
        .first()
        .map(|e| unreadable_many(i18n, e, d.unreadable.len()));
    view! {
        {facts(rows)}
        {chart}
        <p class="view-note">{zone}</p>
        {bad}
    }
    .into_any()
}

/// The ring battery page.
#[component]
pub fn BatteryPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = EndpointId::RingBatteryLevel;
    let e = id.endpoint();
    let route = endpoint_route(e);
    let days = use_days();
    let day = days.day;
    let ctx = use_day_context(day);
    let offset = ctx.offset;
    let docs = use_local_docs(id, day, offset, row_ms);
    let render = move |d: &[Value]| battery_day_at(i18n, d, day.get(), offset.get().unwrap_or(0));
    let day_heading = move || {
        day.get()
            .map(|d| date_text(d, i18n.lang.get().code(), true))
            .unwrap_or_default()
    };
    view! {
        <h1>{i18n.tr_owned(e.title_key())}</h1>
        <p class="lead">{i18n.tr_owned(e.about_key())}</p>
        <EndpointStatus id=id />
        <DayPicker day=day route=route.clone() />
        <section class="card view-day" aria-labelledby="view-day-h">
            <h2 id="view-day-h">{day_heading}</h2>
            {super::common::loaded_view(docs, id, day, false, render)}
        </section>
        <BatteryTrend anchor=days.anchor selected=day route=route offset=offset />
    }
}

/// The lowest level of each day over 30 / 90 days, and the history.
#[component]
fn BatteryTrend(
    anchor: Memo<Option<NaiveDate>>,
    selected: Memo<Option<NaiveDate>>,
    route: String,
    offset: Memo<Option<i32>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let range = RwSignal::new(super::logic::RANGES[0]);
    let longest = super::logic::RANGES[super::logic::RANGES.len() - 1];
    let id = EndpointId::RingBatteryLevel;
    let docs: LocalResource<Loaded> = LocalResource::new(move || {
        sync.progress.data_version.track();
        let attached = sync.attached.get();
        let store = sync.store();
        let anchor = anchor.get();
        async move {
            match attached {
                Some(Ok(())) => {}
                Some(Err(e)) => return Some(Err(LoadError::of(&e))),
                None => return None,
            }
            let (first, last) = super::logic::window(anchor?, longest);
            let (first, last) = local_day::utc_window(first, last);
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
    });
    let values = Memo::new(move |_| {
        let (a, off) = (anchor.get()?, offset.get()?);
        let w = super::logic::window(a, longest);
        docs.with(|r| match r {
            Some(Some(Ok(docs))) => Some(Ok(logic::daily_min(docs, off, w))),
            Some(Some(Err(e))) => Some(Err(e.clone())),
            _ => None,
        })
    });
    let win = move || anchor.get().map(|a| super::logic::window(a, range.get()));
    let bars = Signal::derive(move || match (values.get(), win()) {
        (Some(Ok(v)), Some(w)) => super::logic::bars(&v, w),
        _ => Vec::new(),
    });
    let route = StoredValue::new(route);
    let rows = move || {
        let lang = i18n.lang.get().code();
        match (values.get(), win()) {
            (Some(Ok(v)), Some(w)) => {
                let rows = super::logic::history(&v, w)
                    .into_iter()
                    .map(|(d, v)| (d, pct(v as i64, lang)))
                    .collect();
                history_list(i18n, rows, selected.get(), &route.get_value())
            }
            (Some(Err(LoadError(kind, message))), _) => {
                let kind = kind.map(|k| i18n.t(k)).unwrap_or_default();
                view! { <p class="view-error" role="alert">{format!("{kind} {message}")}</p> }
                    .into_any()
            }
            _ => view! { <p class="view-loading">{i18n.t("view.loading")}</p> }.into_any(),
        }
    };
    let title = Signal::derive(i18n.tr("page.battery.trend"));
    view! {
        <section class="card view-trend" aria-labelledby="view-trend-h">
            <h2 id="view-trend-h">{i18n.tr("view.trend")}</h2>
            {range_buttons(i18n, range)}
            <BarChart title=title bars=bars unit="%" />
        </section>
        <section class="card view-history" aria-labelledby="view-history-h">
            <h2 id="view-history-h">{i18n.tr("view.history")}</h2>
            {rows}
        </section>
    }
}
