//! The `tag` and `enhanced_tag` pages: the selected day's tags on a timeline (tags
//! with an end as spans, the others as marks) and as a list, tags by day and the
//! history of days with tags. `tag` is deprecated by Oura: the page says so.

use super::common::{clock, code_words, date_text, times, unreadable, use_days, use_docs};
use super::doc::tags::{enhanced, tag, EnhancedTag, Tag};
use super::doc::Unreadable;
use super::events::logic::local_midnight;
use super::events::{day_card, head, on_day, DayTotals, Totals};
use crate::endpoints::EndpointId;
use crate::i18n::{use_i18n, I18n};
use crate::oura::models::{parse_day, Timestamp};
use crate::ui::charts::format::duration;
use crate::ui::charts::timeline::{Event, Timeline};
use chrono::{Duration, NaiveDate};
use leptos::prelude::*;
use serde_json::Value;

/// How many days before the selected one an enhanced tag may start and still be
/// shown on it (tags with a duration are stored under their start day).
const SPAN_DAYS: i64 = 6;

/// A legacy tag's codes as words (`—` when it has none).
fn tag_names(t: &Tag) -> String {
    if t.tags.is_empty() {
        "—".to_owned()
    } else {
        t.tags
            .iter()
            .map(|c| code_words(c))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// An enhanced tag's name: its custom name, else its code as words, else "Tag"
/// (text-only tags).
fn enhanced_name(i18n: I18n, t: &EnhancedTag) -> String {
    t.custom_name
        .clone()
        .or_else(|| t.code.as_deref().map(code_words))
        .unwrap_or_else(|| i18n.t("view.tag"))
}

/// One (deprecated) tag as a list item (Today and this page).
pub fn tag_item(_i18n: I18n, t: &Value, _lang: &str) -> Result<AnyView, Unreadable> {
    let t = tag(t)?;
    Ok(view! {
        <span class="event-title">{tag_names(&t)}</span>
        <span class="event-detail">{clock(&t.at)}</span>
        {t.text.map(|l| view! { <span class="event-note">{l}</span> })}
    }
    .into_any())
}

/// One enhanced tag as a list item (Today and this page).
pub fn enhanced_item(i18n: I18n, t: &Value, _lang: &str) -> Result<AnyView, Unreadable> {
    let t = enhanced(t)?;
    Ok(view! {
        <span class="event-title">{enhanced_name(i18n, &t)}</span>
        <span class="event-detail">{times(&t.start, t.end.as_ref())}</span>
        {t.comment.map(|l| view! { <span class="event-note">{l}</span> })}
    }
    .into_any())
}

/// Unix ms of a timestamp.
fn ms(t: &Timestamp) -> f64 {
    t.timestamp_millis() as f64
}

/// The timeline of the day (local midnight at the first event's offset).
fn timeline(i18n: I18n, day: NaiveDate, offset_s: i32, events: Vec<Event>) -> AnyView {
    let title = format!(
        "{} · {}",
        i18n.t("page.tags.timeline"),
        date_text(day, i18n.lang.get_untracked().code(), false)
    );
    view! {
        <Timeline
            title=title
            events=events
            day_start=local_midnight(day, offset_s)
            offset_s=offset_s
        />
    }
    .into_any()
}

/// The day card of legacy tags: the timeline and the list (time order).
pub fn tags_day(i18n: I18n, docs: &[Value]) -> AnyView {
    let mut ok: Vec<Tag> = Vec::new();
    let mut bad = Vec::new();
    for d in docs {
        match tag(d) {
            Ok(t) => ok.push(t),
            Err(e) => bad.push(e),
        }
    }
    ok.sort_by_key(|t| t.at);
    let chart = ok.first().map(|first| {
        let events = ok
            .iter()
            .map(|t| Event {
                start: ms(&t.at),
                end: None,
                label: tag_names(t),
            })
            .collect();
        timeline(i18n, first.day, first.at.offset().local_minus_utc(), events)
    });
    let list = ok
        .into_iter()
        .map(|t| {
            view! {
                <li>
                    <span class="event-title ev-wrap">{tag_names(&t)}</span>
                    <span class="event-detail">{clock(&t.at)}</span>
                    {t.text.map(|l| view! { <span class="event-note">{l}</span> })}
                </li>
            }
        })
        .collect_view();
    let bad = bad.iter().map(|e| unreadable(i18n, e)).collect_view();
    view! {
        {chart}
        <ul class="event-list">{list}</ul>
        {bad}
    }
    .into_any()
}

/// When an enhanced tag was, as seen from `day`: clock times on that day, dates too
/// when it starts or ends on another day; its duration when it has an end.
fn when_text(t: &EnhancedTag, day: NaiveDate, lang: &str) -> String {
    let at = |x: &Timestamp| {
        let d = x.date_naive();
        if d == day {
            clock(x)
        } else {
            format!("{} {}", date_text(d, lang, false), clock(x))
        }
    };
    match &t.end {
        Some(end) if *end > t.start => format!(
            "{}–{} · {}",
            at(&t.start),
            at(end),
            duration((*end - t.start).num_seconds() as f64, lang)
        ),
        _ => at(&t.start),
    }
}

/// The day card of enhanced tags on `day` (including those that started before and
/// still run): the timeline and the list (time order).
pub fn enhanced_day(i18n: I18n, docs: &[Value], day: NaiveDate) -> AnyView {
    let lang = i18n.lang.get().code();
    let mut ok: Vec<EnhancedTag> = Vec::new();
    let mut bad = Vec::new();
    for d in docs {
        match enhanced(d) {
            Ok(t) => ok.push(t),
            Err(e) => bad.push(e),
        }
    }
    ok.sort_by_key(|t| t.start);
    let chart = ok.first().map(|first| {
        let events = ok
            .iter()
            .map(|t| Event {
                start: ms(&t.start),
                end: t.end.as_ref().map(ms),
                label: enhanced_name(i18n, t),
            })
            .collect();
        timeline(i18n, day, first.start.offset().local_minus_utc(), events)
    });
    let list = ok
        .iter()
        .map(|t| {
            let comment = t.comment.clone();
            view! {
                <li>
                    <span class="event-title ev-wrap">{enhanced_name(i18n, t)}</span>
                    <span class="event-detail">{when_text(t, day, lang)}</span>
                    {comment.map(|l| view! { <span class="event-note">{l}</span> })}
                </li>
            }
        })
        .collect_view();
    let bad = bad.iter().map(|e| unreadable(i18n, e)).collect_view();
    view! {
        {chart}
        <ul class="event-list">{list}</ul>
        {bad}
    }
    .into_any()
}

/// Whether an enhanced tag document is on `day` (one that does not fit: on its start
/// day, so that it is reported once).
fn enhanced_on(d: &Value, day: NaiveDate) -> bool {
    match enhanced(d) {
        Ok(t) => t.on(day),
        Err(_) => super::doc::opt_str(d, "start_day").and_then(parse_day) == Some(day),
    }
}

fn one_tag(d: &Value) -> Option<(NaiveDate, f64)> {
    Some((tag(d).ok()?.day, 1.0))
}

fn one_enhanced(d: &Value) -> Option<(NaiveDate, f64)> {
    Some((enhanced(d).ok()?.start_day(), 1.0))
}

fn show_count(v: f64, _lang: &str) -> String {
    format!("{v:.0}")
}

fn tag_name(_i18n: I18n, d: &Value) -> Option<String> {
    Some(tag_names(&tag(d).ok()?))
}

fn enhanced_history_name(i18n: I18n, d: &Value) -> Option<String> {
    Some(crate::ui::charts::timeline::short(&enhanced_name(
        i18n,
        &enhanced(d).ok()?,
    )))
}

/// The tags page of `tag` or `enhanced_tag`.
#[component]
pub fn TagsPage(id: EndpointId) -> impl IntoView {
    let i18n = use_i18n();
    let days = use_days();
    let day = days.day;
    let legacy = id == EndpointId::Tag;
    let card = if legacy {
        let docs = use_docs(id, super::common::around(day, 0, 0));
        day_card(id, day, docs, tags_day).into_any()
    } else {
        let wide = use_docs(id, move || {
            day.get().map(|d| (d - Duration::days(SPAN_DAYS), d))
        });
        let docs = on_day(wide, day, enhanced_on);
        day_card(id, day, docs, move |i18n, d| match day.get() {
            Some(day) => enhanced_day(i18n, d, day),
            None => ().into_any(),
        })
        .into_any()
    };
    let note = legacy.then(|| {
        view! { <p class="view-note ev-deprecated">{i18n.tr("page.tags.deprecated")}</p> }
    });
    let totals = Totals {
        title: "page.tags.trend",
        value: if legacy { one_tag } else { one_enhanced },
        scale: 1.0,
        unit: None,
        decimals: 0,
        show: show_count,
        name: if legacy {
            tag_name
        } else {
            enhanced_history_name
        },
        history: true,
    };
    view! {
        {head(id, days)}
        {note}
        {card}
        <DayTotals id=id days=days totals=totals />
    }
}
