//! The `workout` page: each workout of the day, workout time by day, and the last
//! 12 ISO weeks with their totals and workouts.

use super::common::{
    code_words, date_text, facts, num, num_unit, times, unreadable, use_days, use_docs,
};
use super::doc::workouts::{workout, Workout};
use super::doc::{self, Unreadable};
use super::events::logic::{sum_present, weeks, weeks_start, Week};
use super::events::{day_card, head, DayTotals, Totals};
use crate::endpoints::EndpointId;
use crate::i18n::{use_i18n, I18n};
use crate::oura::models::{PublicWorkoutIntensity, PublicWorkoutSource};
use crate::ui::charts::format::{duration, fill};
use crate::ui::{endpoint_route, href};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;

/// The ISO weeks listed.
const WEEKS: usize = 12;

/// A workout intensity in words (unknown values as Oura spells them).
pub fn intensity_text(i18n: I18n, i: &PublicWorkoutIntensity) -> String {
    match i {
        PublicWorkoutIntensity::Easy => i18n.t("view.intensity.easy"),
        PublicWorkoutIntensity::Moderate => i18n.t("view.intensity.moderate"),
        PublicWorkoutIntensity::Hard => i18n.t("view.intensity.hard"),
        PublicWorkoutIntensity::Other(s) => code_words(s),
    }
}

/// One workout as a list item (Today and this page).
pub fn workout_item(i18n: I18n, w: &Value, lang: &str) -> Result<AnyView, Unreadable> {
    let w = workout(w)?;
    let mut parts = vec![
        times(&w.start, Some(&w.end)),
        intensity_text(i18n, &w.intensity),
    ];
    if let Some(c) = w.calories {
        parts.push(format!("{} {}", num(c, 0, lang), i18n.t("view.unit.kcal")));
    }
    if let Some(d) = w.distance {
        parts.push(format!(
            "{} {}",
            num(d / 1000.0, 1, lang),
            i18n.t("view.unit.km")
        ));
    }
    Ok(view! {
        <span class="event-title">{code_words(&w.activity)}</span>
        <span class="event-detail">{parts.join(" · ")}</span>
        {w.label.map(|l| view! { <span class="event-note">{l}</span> })}
    }
    .into_any())
}

/// How a workout was recorded, in words (unknown values as Oura spells them).
pub fn source_text(i18n: I18n, s: &PublicWorkoutSource) -> String {
    let key = match s {
        PublicWorkoutSource::Manual => "page.workouts.source.manual",
        PublicWorkoutSource::Autodetected => "page.workouts.source.autodetected",
        PublicWorkoutSource::Confirmed => "page.workouts.source.confirmed",
        PublicWorkoutSource::WorkoutHeartRate => "page.workouts.source.workout_heart_rate",
        PublicWorkoutSource::LiveThirdPartyHeartRate => "page.workouts.source.live_third_party",
        PublicWorkoutSource::LiveOuraHeartRate => "page.workouts.source.live_oura",
        PublicWorkoutSource::Other(o) => return code_words(o),
    };
    i18n.t(key)
}

/// "Workouts: 2 · 1 h 50 min · 437 kcal · 4.9 km" (calories and distance of the
/// workouts that have them; left out when none has).
fn totals_text(
    i18n: I18n,
    n: usize,
    seconds: i64,
    calories: Option<f64>,
    distance: Option<f64>,
    lang: &str,
) -> String {
    let mut parts = vec![
        fill(&i18n.t("page.workouts.count"), &[("n", &n.to_string())]),
        duration(seconds as f64, lang),
    ];
    if let Some(c) = calories {
        parts.push(format!("{} {}", num(c, 0, lang), i18n.t("view.unit.kcal")));
    }
    if let Some(d) = distance {
        parts.push(format!(
            "{} {}",
            num(d / 1000.0, 1, lang),
            i18n.t("view.unit.km")
        ));
    }
    parts.join(" · ")
}

/// One workout in the day card.
fn workout_view(i18n: I18n, w: &Workout, lang: &str) -> AnyView {
    let heading = format!(
        "{} · {}",
        code_words(&w.activity),
        times(&w.start, Some(&w.end))
    );
    let rows = vec![
        (
            i18n.t("page.workouts.duration"),
            duration(w.seconds() as f64, lang),
        ),
        (
            i18n.t("page.workouts.intensity"),
            intensity_text(i18n, &w.intensity),
        ),
        (
            i18n.t("page.workouts.calories"),
            num_unit(w.calories, 0, &i18n.t("view.unit.kcal"), lang),
        ),
        (
            i18n.t("page.workouts.distance"),
            num_unit(
                w.distance.map(|d| d / 1000.0),
                1,
                &i18n.t("view.unit.km"),
                lang,
            ),
        ),
        (
            i18n.t("page.workouts.source"),
            w.source()
                .map_or_else(|| "—".to_owned(), |s| source_text(i18n, &s)),
        ),
        (
            i18n.t("page.workouts.label"),
            w.label.clone().unwrap_or_else(|| "—".to_owned()),
        ),
    ];
    view! {
        <article class="period">
            <h3 class="ev-wrap">{heading}</h3>
            {facts(rows)}
        </article>
    }
    .into_any()
}

/// The day card: the day's totals, then each workout (time order); a document that
/// does not fit says so.
pub fn workouts_day(i18n: I18n, docs: &[Value]) -> AnyView {
    let lang = i18n.lang.get().code();
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for d in docs {
        match workout(d) {
            Ok(w) => ok.push(w),
            Err(e) => bad.push(e),
        }
    }
    ok.sort_by_key(|w| w.start);
    let summary = (!ok.is_empty()).then(|| {
        let seconds = ok.iter().map(Workout::seconds).sum();
        let cal = sum_present(ok.iter().map(|w| w.calories));
        let dist = sum_present(ok.iter().map(|w| w.distance));
        let t = totals_text(i18n, ok.len(), seconds, cal, dist, lang);
        view! { <p class="view-note">{t}</p> }
    });
    let list = ok
        .iter()
        .map(|w| view! { <li>{workout_view(i18n, w, lang)}</li> })
        .collect_view();
    let bad = bad.iter().map(|e| unreadable(i18n, e)).collect_view();
    view! {
        {summary}
        <ul class="period-list">{list}</ul>
        {bad}
    }
    .into_any()
}

fn workout_seconds(d: &Value) -> Option<(NaiveDate, f64)> {
    let w = workout(d).ok()?;
    Some((w.day, w.seconds() as f64))
}

fn show_duration(v: f64, lang: &str) -> String {
    duration(v, lang)
}

fn activity_name(_i18n: I18n, d: &Value) -> Option<String> {
    doc::opt_str(d, "activity").map(code_words)
}

/// One ISO week: number and dates, totals, and its workouts linking to their day.
fn week_view(
    i18n: I18n,
    w: &Week,
    route: &str,
    selected: Option<NaiveDate>,
    lang: &str,
) -> AnyView {
    let sunday = w.monday + chrono::Duration::days(6);
    let heading = fill(
        &i18n.t("page.workouts.week"),
        &[
            ("n", &w.number.to_string()),
            ("from", &date_text(w.monday, lang, false)),
            ("to", &date_text(sunday, lang, false)),
        ],
    );
    let summary = if w.workouts.is_empty() {
        i18n.t("page.workouts.none_week")
    } else {
        totals_text(
            i18n,
            w.workouts.len(),
            w.seconds,
            w.calories,
            w.distance,
            lang,
        )
    };
    let rows = w
        .workouts
        .iter()
        .map(|x| {
            let link = href(&format!("{route}?day={}", x.day));
            let current = (selected == Some(x.day)).then_some("date");
            view! {
                <li>
                    <a class="history-row" href=link aria-current=current>
                        <span class="history-date">{date_text(x.day, lang, false)}</span>
                        <span class="ev-what ev-wrap">{code_words(&x.activity)}</span>
                        <span class="history-value">{duration(x.seconds() as f64, lang)}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <li class="ev-week">
            <h3 class="view-sub">{heading}</h3>
            <p class="view-note">{summary}</p>
            <ol class="history-list">{rows}</ol>
        </li>
    }
    .into_any()
}

/// The last [`WEEKS`] ISO weeks to the anchor day, newest first.
#[component]
fn WeekList(days: super::common::Days) -> impl IntoView {
    let i18n = use_i18n();
    let anchor = days.anchor;
    let route = endpoint_route(EndpointId::Workout.endpoint());
    let docs = use_docs(EndpointId::Workout, move || {
        anchor.get().map(|a| (weeks_start(a, WEEKS), a))
    });
    let body = move || {
        let lang = i18n.lang.get().code();
        let selected = days.day.get();
        docs.with(|r| match (r, anchor.get()) {
            (Some(Some(Ok(docs))), Some(a)) => {
                let all: Vec<Workout> = docs.iter().filter_map(|d| workout(d).ok()).collect();
                let list = weeks(&all, a, WEEKS)
                    .iter()
                    .map(|w| week_view(i18n, w, &route, selected, lang))
                    .collect_view();
                view! { <ol class="period-list">{list}</ol> }.into_any()
            }
            (Some(Some(Err(e))), _) => {
                view! { <p class="view-error" role="alert">{e.1.clone()}</p> }.into_any()
            }
            _ => view! { <p class="view-loading">{i18n.t("view.loading")}</p> }.into_any(),
        })
    };
    view! {
        <section class="card view-history" aria-labelledby="ev-weeks-h">
            <h2 id="ev-weeks-h">{i18n.tr("page.workouts.by_week")}</h2>
            {body}
        </section>
    }
}

/// The workouts page.
#[component]
pub fn WorkoutsPage() -> impl IntoView {
    let id = EndpointId::Workout;
    let days = use_days();
    let day = days.day;
    let docs = use_docs(id, super::common::around(day, 0, 0));
    view! {
        {head(id, days)}
        {day_card(id, day, docs, workouts_day)}
        <DayTotals
            id=id
            days=days
            totals=Totals {
                title: "page.workouts.trend",
                value: workout_seconds,
                scale: 60.0,
                unit: Some("page.workouts.min"),
                decimals: 0,
                show: show_duration,
                name: activity_name,
                history: false,
            }
        />
        <WeekList days=days />
    }
}
