//! The `sleep_time` page (bedtime guidance): the day's optimal bedtime window as
//! clock times, Oura's recommendation and status, and the last 30 nights' actual
//! bedtimes (the `bedtime_start` of each day's long sleep, on its own clock) against
//! the windows.
//!
//! The window's offsets count from local midnight at the start of the document's
//! `day` (at `day_tz`): negative is the evening before. A `sleep` document's `day` is
//! the day its night ends, so the bedtime of the `sleep` of day D is compared with
//! the window of the `sleep_time` of day D.

pub mod logic;

use super::common::{code_words, date_text, facts, loaded_view, use_days, use_docs, DayPicker};
use super::daily_kit::each_read;
use super::doc;
use super::doc::bedtime::{bedtime, Bedtime};
use super::logic as page_logic;
use crate::endpoints::EndpointId;
use crate::i18n::{use_i18n, I18n};
use crate::oura::models::{PublicSleepTimeRecommendation as Rec, PublicSleepTimeStatus as Status};
use crate::ui::charts::bedtime::{BedtimeChart, Night};
use crate::ui::components::EndpointStatus;
use crate::ui::{endpoint_route, href};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The recommendation as the UI says it (unknown values as Oura spells them).
pub fn recommendation_text(i18n: I18n, r: Option<&Rec>) -> String {
    let key = match r {
        None => return "—".to_owned(),
        Some(Rec::ImproveEfficiency) => "page.bedtime.rec.improve_efficiency",
        Some(Rec::EarlierBedtime) => "page.bedtime.rec.earlier_bedtime",
        Some(Rec::LaterBedtime) => "page.bedtime.rec.later_bedtime",
        Some(Rec::EarlierWakeUpTime) => "page.bedtime.rec.earlier_wake_up_time",
        Some(Rec::LaterWakeUpTime) => "page.bedtime.rec.later_wake_up_time",
        Some(Rec::FollowOptimalBedtime) => "page.bedtime.rec.follow_optimal_bedtime",
        Some(Rec::Other(code)) => return code_words(code),
    };
    i18n.t(key)
}

/// The status as the UI says it (unknown values as Oura spells them).
pub fn status_text(i18n: I18n, s: Option<&Status>) -> String {
    let key = match s {
        None => return "—".to_owned(),
        Some(Status::NotEnoughNights) => "page.bedtime.status.not_enough_nights",
        Some(Status::NotEnoughRecentNights) => "page.bedtime.status.not_enough_recent_nights",
        Some(Status::BadSleepQuality) => "page.bedtime.status.bad_sleep_quality",
        Some(Status::OnlyRecommendedFound) => "page.bedtime.status.only_recommended_found",
        Some(Status::OptimalFound) => "page.bedtime.status.optimal_found",
        Some(Status::Other(code)) => return code_words(code),
    };
    i18n.t(key)
}

fn one(i18n: I18n, b: &Bedtime, actual: Option<i64>) -> AnyView {
    let window = b.window.map_or_else(
        || "—".to_owned(),
        |w| logic::window_text(w.start_offset, w.end_offset),
    );
    let mut rows = vec![(i18n.t("page.bedtime.window"), window)];
    if let Some(a) = actual {
        rows.push((i18n.t("page.bedtime.your_bedtime"), logic::night_clock(a)));
    }
    rows.push((
        i18n.t("page.bedtime.recommendation"),
        recommendation_text(i18n, b.recommendation.as_ref()),
    ));
    rows.push((
        i18n.t("page.bedtime.status"),
        status_text(i18n, b.status.as_ref()),
    ));
    if let Some(w) = b.window {
        rows.push((
            i18n.t("page.bedtime.time_zone"),
            logic::offset_text(w.day_tz),
        ));
    }
    let none = b
        .window
        .is_none()
        .then(|| view! { <p class="view-note">{i18n.t("page.bedtime.no_window")}</p> });
    view! {
        {facts(rows)}
        {none}
    }
    .into_any()
}

/// The day card given that night's actual bedtime (seconds from the day's midnight).
pub fn bedtime_card(i18n: I18n, docs: &[Value], actual: Option<i64>) -> AnyView {
    each_read(i18n, docs, bedtime, &|b| one(i18n, b, actual))
}

/// The day card without the night's actual bedtime.
pub fn bedtime_day(i18n: I18n, docs: &[Value]) -> AnyView {
    bedtime_card(i18n, docs, None)
}

/// The nights of `(first, last)` from their windows and bedtimes.
pub fn nights(
    windows: &BTreeMap<NaiveDate, (i64, i64)>,
    beds: &BTreeMap<NaiveDate, i64>,
) -> Vec<Night> {
    let days: BTreeSet<NaiveDate> = windows.keys().chain(beds.keys()).copied().collect();
    days.into_iter()
        .map(|day| Night {
            day,
            window: windows.get(&day).copied(),
            bedtime: beds.get(&day).copied(),
        })
        .collect()
}

/// The bedtime guidance page.
#[component]
pub fn BedtimePage() -> impl IntoView {
    let i18n = use_i18n();
    let id = EndpointId::SleepTime;
    let e = id.endpoint();
    let route = endpoint_route(e);
    let (title, about) = (e.title_key(), e.about_key());
    let days = use_days();
    let day = days.day;
    let docs = use_docs(id, super::common::around(day, 0, 0));
    let win = Memo::new(move |_| day.get().map(|d| page_logic::window(d, 30)));
    let sleeps = use_docs(EndpointId::Sleep, move || win.get());
    let guides = use_docs(id, move || win.get());
    let beds = Memo::new(move |_| {
        sleeps.with(|r| match r {
            Some(Some(Ok(docs))) => {
                let periods: Vec<_> = docs.iter().filter_map(|d| doc::period(d).ok()).collect();
                Some(logic::bedtimes(&periods))
            }
            _ => None,
        })
    });
    let windows = Memo::new(move |_| {
        guides.with(|r| match r {
            Some(Some(Ok(docs))) => Some(
                docs.iter()
                    .filter_map(|d| bedtime(d).ok())
                    .filter_map(|b| Some((b.day, b.window?)))
                    .map(|(d, w)| (d, (w.start_offset, w.end_offset)))
                    .collect::<BTreeMap<_, _>>(),
            ),
            _ => None,
        })
    });
    let all = Memo::new(move |_| match (windows.get(), beds.get()) {
        (Some(w), Some(b)) => Some(nights(&w, &b)),
        _ => None,
    });
    let chart_nights = Signal::derive(move || all.get().unwrap_or_default());
    let chart_window = Signal::derive(move || win.get());
    let heading = move || {
        day.get()
            .map(|d| date_text(d, i18n.lang.get().code(), true))
            .unwrap_or_default()
    };
    let render = move |d: &[Value]| {
        let actual = day
            .get()
            .and_then(|x| beds.with(|b| b.as_ref().and_then(|b| b.get(&x).copied())));
        bedtime_card(i18n, d, actual)
    };
    let rows = {
        let route = route.clone();
        move || {
            let lang = i18n.lang.get().code();
            let Some(list) = all.get() else {
                return view! { <p class="view-loading">{i18n.t("view.loading")}</p> }.into_any();
            };
            if list.is_empty() {
                return view! { <p class="view-empty">{i18n.t("page.bedtime.history.empty")}</p> }
                    .into_any();
            }
            let sel = day.get();
            let items = list
                .into_iter()
                .rev()
                .map(|n| {
                    let link = href(&format!("{route}?day={}", n.day));
                    let current = (sel == Some(n.day)).then_some("date");
                    let mut parts = Vec::new();
                    if let Some(b) = n.bedtime {
                        parts.push(format!(
                            "{} {}",
                            i18n.t("view.f.bedtime"),
                            logic::night_clock(b)
                        ));
                    }
                    if let Some((a, b)) = n.window {
                        parts.push(format!(
                            "{} {}",
                            i18n.t("page.bedtime.chart.window"),
                            logic::window_text(a, b)
                        ));
                    }
                    view! {
                        <li>
                            <a class="history-row" href=link aria-current=current>
                                <span class="history-date">{date_text(n.day, lang, false)}</span>
                                <span class="history-value">{parts.join(" · ")}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view();
            view! { <ol class="history-list">{items}</ol> }.into_any()
        }
    };
    view! {
        <h1>{i18n.tr_owned(title)}</h1>
        <p class="lead">{i18n.tr_owned(about)}</p>
        <EndpointStatus id=id />
        <DayPicker day=day route=route.clone() />
        <section class="card view-day daily-day" aria-labelledby="view-day-h">
            <h2 id="view-day-h">{heading}</h2>
            {loaded_view(docs, id, day, false, render)}
        </section>
        <section class="card view-trend" aria-labelledby="bedtime-nights-h">
            <h2 id="bedtime-nights-h">{i18n.tr("page.bedtime.nights")}</h2>
            <p class="view-note">{i18n.tr("page.bedtime.nights.about")}</p>
            <BedtimeChart
                title=Signal::derive(i18n.tr("page.bedtime.chart.title"))
                nights=chart_nights
                window=chart_window
            />
        </section>
        <section class="card view-history daily-history" aria-labelledby="view-history-h">
            <h2 id="view-history-h">{i18n.tr("view.history")}</h2>
            {rows}
        </section>
    }
}
