//! The `heartrate` page: the wearer's local day of samples as a curve coloured by
//! source (zoomable to whole hours), the day's lowest / average / highest and last
//! night's lowest, and the daily range with its average over 30 or 90 days (computed
//! by the store from the packed samples). Which local day: see [`super::local_day`].

pub mod logic;

use super::common::{
    code_words, date_text, facts, num, num_unit, unreadable_many, use_days, DayPicker, LoadError,
};
use super::doc::heartrate::{sample_ms, Source};
use super::local_day::{self, history_list, range_buttons, use_day_context, use_local_docs};
use super::sleep::read_periods;
use crate::endpoints::EndpointId;
use crate::i18n::{use_i18n, I18n};
use crate::store::heartrate_days::DayStats;
use crate::ui::charts::format::{clock, fill};
use crate::ui::charts::heart::{HeartRateChart, HrLabel};
use crate::ui::charts::{day_ms, BandChart, BandPoint, XAxis};
use crate::ui::components::{use_sync, EndpointStatus};
use crate::ui::endpoint_route;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;

/// What the day card needs besides the samples.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct HrDay {
    /// The local day (`None`: the day of the first sample).
    pub day: Option<NaiveDate>,
    /// The wearer's UTC offset that day (seconds).
    pub offset_s: i32,
    /// The night's lowest heart rate (from the day's long sleep).
    pub night_lowest: Option<i64>,
}

/// A source as the page names it: translated, or Oura's code as words.
pub fn source_name(i18n: I18n, s: &Source) -> String {
    match (s.key(), s) {
        (Some(k), _) => i18n.t(k),
        (None, Source::Other(code)) => code_words(code),
        (None, _) => String::new(),
    }
}

/// The day card of samples already of one local day, at UTC (tests, previews).
pub fn heartrate_day(i18n: I18n, docs: &[Value]) -> AnyView {
    heartrate_day_at(i18n, docs, HrDay::default())
}

/// The day card: facts, the zoomable curve, averages by source.
pub fn heartrate_day_at(i18n: I18n, docs: &[Value], ctx: HrDay) -> AnyView {
    let lang = i18n.lang.get().code();
    let s = logic::summarize(docs);
    let off = ctx.offset_s;
    let bpm = i18n.t("view.unit.bpm");
    let with_time = |v: Option<(i64, i64)>| {
        v.map_or_else(
            || "—".to_owned(),
            |(b, ms)| {
                format!(
                    "{} · {}",
                    num_unit(Some(b as f64), 0, &bpm, lang),
                    clock(ms as f64, off)
                )
            },
        )
    };
    let rows = vec![
        (i18n.t("page.heartrate.lowest"), with_time(s.lowest)),
        (
            i18n.t("page.heartrate.average"),
            num_unit(s.average, 0, &bpm, lang),
        ),
        (i18n.t("page.heartrate.highest"), with_time(s.highest)),
        (
            i18n.t("page.heartrate.night_lowest"),
            num_unit(ctx.night_lowest.map(|v| v as f64), 0, &bpm, lang),
        ),
        (
            i18n.t("page.heartrate.samples"),
            num(s.count as f64, 0, lang),
        ),
    ];
    let day = ctx.day.or_else(|| {
        s.points
            .first()
            .and_then(|p| local_day::day_of(p.0 as i64, off))
    });
    let labels: Vec<HrLabel> = s
        .sources
        .iter()
        .map(|(src, _, _)| (src.color(), source_name(i18n, src)))
        .collect();
    let chart = day.filter(|_| s.count > 0).map(|d| {
        let (a, b) = local_day::bounds(d, off);
        view! {
            <HeartRateChart
                title=i18n.t("page.heartrate.chart")
                samples=s.points.clone()
                labels=labels.clone()
                day=(a as f64, b as f64)
                offset_s=off
                unit=bpm.clone()
            />
        }
    });
    // Source names come from the data (an unknown one as Oura spells it): the
    // contributors' grid never makes its label column wider than the card.
    let by_source = (!s.sources.is_empty()).then(|| {
        let rows = s
            .sources
            .iter()
            .zip(&labels)
            .map(|((_, avg, n), (_, name))| {
                let v = fill(
                    &i18n.t("page.heartrate.by_source.value"),
                    &[
                        ("avg", &num_unit(Some(*avg), 0, &bpm, lang)),
                        ("n", &num(*n as f64, 0, lang)),
                    ],
                );
                view! { <div><dt>{name.clone()}</dt><dd>{v}</dd></div> }
            })
            .collect_view();
        view! {
            <h3 class="view-sub">{i18n.t("page.heartrate.by_source")}</h3>
            <dl class="facts contributors">{rows}</dl>
        }
    });
    let zone = fill(
        &i18n.t("page.heartrate.zone"),
        &[("zone", &local_day::utc_label(off))],
    );
    let bad = s
        .unreadable
        .first()
        .map(|e| unreadable_many(i18n, e, s.unreadable.len()));
    view! {
        <div class="hr-day">
            {facts(rows)}
            {chart}
            {by_source}
            <p class="view-note">{zone}</p>
            {bad}
        </div>
    }
    .into_any()
}

/// The heart-rate page.
#[component]
pub fn HeartRatePage() -> impl IntoView {
    let i18n = use_i18n();
    let id = EndpointId::Heartrate;
    let e = id.endpoint();
    let route = endpoint_route(e);
    let days = use_days();
    let day = days.day;
    let ctx = use_day_context(day);
    let docs = use_local_docs(id, day, ctx.offset, sample_ms);
    let sleep = ctx.sleep;
    let offset = ctx.offset;
    let render = move |d: &[Value]| {
        let night = sleep.with(|r| match r {
            Some(Some(Ok(docs))) => logic::night_lowest(&read_periods(docs).0),
            _ => None,
        });
        heartrate_day_at(
            i18n,
            d,
            HrDay {
                day: day.get(),
                offset_s: offset.get().unwrap_or(0),
                night_lowest: night,
            },
        )
    };
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
        <HrTrend anchor=days.anchor selected=day route=route offset=offset />
    }
}

type Stats = Option<Result<BTreeMap<NaiveDate, DayStats>, LoadError>>;

/// The daily min–max band with the average line over 30 / 90 days, and the history.
#[component]
fn HrTrend(
    anchor: Memo<Option<NaiveDate>>,
    selected: Memo<Option<NaiveDate>>,
    route: String,
    offset: Memo<Option<i32>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let range = RwSignal::new(super::logic::RANGES[0]);
    let longest = super::logic::RANGES[super::logic::RANGES.len() - 1];
    let stats: LocalResource<Stats> = LocalResource::new(move || {
        sync.progress.data_version.track();
        let attached = sync.attached.get();
        let store = sync.store();
        let (anchor, offset) = (anchor.get(), offset.get());
        async move {
            match attached {
                Some(Ok(())) => {}
                Some(Err(e)) => return Some(Err(LoadError::of(&e))),
                None => return None,
            }
            let (first, last) = super::logic::window(anchor?, longest);
            let Some(store) = store else {
                return Some(Err(LoadError(Some("store.error.open"), String::new())));
            };
            Some(
                store
                    .heartrate_days(first, last, offset?)
                    .await
                    .map_err(|e| LoadError::of(&e)),
            )
        }
    });
    let win = move || anchor.get().map(|a| super::logic::window(a, range.get()));
    let points = Signal::derive(move || {
        let Some((first, last)) = win() else {
            return Vec::new();
        };
        stats.with(|s| match s {
            Some(Some(Ok(map))) => first
                .iter_days()
                .take_while(|d| *d <= last)
                .map(|d| {
                    let s = map.get(&d);
                    BandPoint {
                        x: day_ms(d),
                        low: s.map(|s| f64::from(s.min)),
                        high: s.map(|s| f64::from(s.max)),
                        value: s.and_then(DayStats::average),
                    }
                })
                .collect(),
            _ => Vec::new(),
        })
    });
    let unit = crate::i18n::text(i18n.lang.get_untracked(), "view.unit.bpm");
    let route = StoredValue::new(route);
    let rows = move || {
        let lang = i18n.lang.get().code();
        let Some((first, last)) = win() else {
            return view! { <p class="view-loading">{i18n.t("view.loading")}</p> }.into_any();
        };
        stats.with(|s| match s {
            Some(Some(Ok(map))) => {
                let rows = map
                    .range(first..=last)
                    .rev()
                    .map(|(d, s)| (*d, history_value(i18n, s, lang)))
                    .collect();
                history_list(i18n, rows, selected.get(), &route.get_value())
            }
            Some(Some(Err(LoadError(kind, message)))) => {
                let kind = kind.map(|k| i18n.t(k)).unwrap_or_default();
                view! { <p class="view-error" role="alert">{format!("{kind} {message}")}</p> }
                    .into_any()
            }
            _ => view! { <p class="view-loading">{i18n.t("view.loading")}</p> }.into_any(),
        })
    };
    let title = Signal::derive(i18n.tr("page.heartrate.trend"));
    view! {
        <section class="card view-trend" aria-labelledby="view-trend-h">
            <h2 id="view-trend-h">{i18n.tr("view.trend")}</h2>
            {range_buttons(i18n, range)}
            <BandChart title=title points=points x_axis=XAxis::Date unit=unit />
        </section>
        <section class="card view-history" aria-labelledby="view-history-h">
            <h2 id="view-history-h">{i18n.tr("view.history")}</h2>
            {rows}
        </section>
    }
}

/// "52–121 bpm, average 64 bpm".
fn history_value(i18n: I18n, s: &DayStats, lang: &str) -> String {
    let bpm = i18n.t("view.unit.bpm");
    fill(
        &i18n.t("page.heartrate.history.value"),
        &[
            ("min", &num(f64::from(s.min), 0, lang)),
            ("max", &num_unit(Some(f64::from(s.max)), 0, &bpm, lang)),
            ("avg", &num_unit(s.average(), 0, &bpm, lang)),
        ],
    )
}
