//! The `session` page: each session of the day with its heart rate, HRV and motion
//! curves, session minutes by day and the history of days with sessions.

use super::common::{code_words, facts, times, unreadable, use_days, use_docs};
use super::doc::sessions::{curves, session, Session};
use super::doc::Unreadable;
use super::events::{day_card, head, DayTotals, Totals};
use super::logic::sample_points;
use crate::endpoints::EndpointId;
use crate::i18n::I18n;
use crate::oura::models::{MomentMood, MomentType, SampleModel};
use crate::ui::charts::format::duration;
use crate::ui::charts::{timestamp, LineChart, Series, XAxis};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;

/// A session type in words (unknown values as Oura spells them).
pub fn kind_text(i18n: I18n, k: &MomentType) -> String {
    match k {
        MomentType::Breathing => i18n.t("view.session.breathing"),
        MomentType::Meditation => i18n.t("view.session.meditation"),
        MomentType::Nap => i18n.t("view.session.nap"),
        MomentType::Relaxation => i18n.t("view.session.relaxation"),
        MomentType::Rest => i18n.t("view.session.rest"),
        MomentType::BodyStatus => i18n.t("view.session.body_status"),
        MomentType::Other(o) => code_words(o),
    }
}

/// A mood in words (unknown values as Oura spells them).
pub fn mood_text(i18n: I18n, m: &MomentMood) -> String {
    match m {
        MomentMood::Bad => i18n.t("view.mood.bad"),
        MomentMood::Worse => i18n.t("view.mood.worse"),
        MomentMood::Same => i18n.t("view.mood.same"),
        MomentMood::Good => i18n.t("view.mood.good"),
        MomentMood::Great => i18n.t("view.mood.great"),
        MomentMood::Other(o) => code_words(o),
    }
}

/// One session as a list item (Today and this page).
pub fn session_item(i18n: I18n, s: &Value, _lang: &str) -> Result<AnyView, Unreadable> {
    let s = session(s)?;
    let mood = s
        .mood
        .map(|m| format!(" · {}: {}", i18n.t("view.mood"), mood_text(i18n, &m)));
    Ok(view! {
        <span class="event-title">{kind_text(i18n, &s.kind)}</span>
        <span class="event-detail">{times(&s.start, Some(&s.end))}{mood}</span>
    }
    .into_any())
}

/// A sample curve as a line chart (`None`: the session has no such series).
fn curve(i18n: I18n, s: &Option<SampleModel>, key: &'static str, unit: String) -> Option<AnyView> {
    let s = s.as_ref()?;
    let (_, offset_s) = timestamp(&s.timestamp);
    let pts = sample_points(s);
    Some(
        view! {
            <LineChart
                title=i18n.t(key)
                series=vec![Series::new(i18n.t(key), pts)]
                x_axis=XAxis::Clock { offset_s }
                unit=unit
            />
        }
        .into_any(),
    )
}

/// One session in the day card: type and times, duration and mood, its curves.
fn session_view(i18n: I18n, s: &Session, d: &Value, lang: &str) -> AnyView {
    let heading = format!(
        "{} · {}",
        kind_text(i18n, &s.kind),
        times(&s.start, Some(&s.end))
    );
    let rows = vec![
        (
            i18n.t("page.sessions.duration"),
            duration(s.seconds() as f64, lang),
        ),
        (
            i18n.t("view.mood"),
            s.mood
                .as_ref()
                .map_or_else(|| "—".to_owned(), |m| mood_text(i18n, m)),
        ),
    ];
    let c = curves(d);
    let hr = curve(
        i18n,
        &c.heart_rate,
        "view.chart.hr",
        i18n.t("view.unit.bpm"),
    );
    let hrv = curve(i18n, &c.hrv, "view.chart.hrv", i18n.t("view.unit.ms"));
    let motion = curve(i18n, &c.motion, "page.sessions.motion", String::new());
    view! {
        <article class="period">
            <h3 class="ev-wrap">{heading}</h3>
            {facts(rows)}
            {hr}
            {hrv}
            {motion}
        </article>
    }
    .into_any()
}

/// The day card: each session (time order); a document that does not fit says so.
pub fn sessions_day(i18n: I18n, docs: &[Value]) -> AnyView {
    let lang = i18n.lang.get().code();
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for d in docs {
        match session(d) {
            Ok(s) => ok.push((s, d)),
            Err(e) => bad.push(e),
        }
    }
    ok.sort_by_key(|(s, _)| s.start);
    let list = ok
        .iter()
        .map(|(s, d)| view! { <li>{session_view(i18n, s, d, lang)}</li> })
        .collect_view();
    let bad = bad.iter().map(|e| unreadable(i18n, e)).collect_view();
    view! {
        <ul class="period-list">{list}</ul>
        {bad}
    }
    .into_any()
}

fn session_seconds(d: &Value) -> Option<(NaiveDate, f64)> {
    let s = session(d).ok()?;
    Some((s.day, s.seconds() as f64))
}

fn show_duration(v: f64, lang: &str) -> String {
    duration(v, lang)
}

fn session_name(i18n: I18n, d: &Value) -> Option<String> {
    Some(kind_text(i18n, &session(d).ok()?.kind))
}

/// The sessions page.
#[component]
pub fn SessionsPage() -> impl IntoView {
    let id = EndpointId::Session;
    let days = use_days();
    let day = days.day;
    let docs = use_docs(id, super::common::around(day, 0, 0));
    view! {
        {head(id, days)}
        {day_card(id, day, docs, sessions_day)}
        <DayTotals
            id=id
            days=days
            totals=Totals {
                title: "page.sessions.trend",
                value: session_seconds,
                scale: 60.0,
                unit: Some("page.workouts.min"),
                decimals: 0,
                show: show_duration,
                name: session_name,
                history: true,
            }
        />
    }
}
