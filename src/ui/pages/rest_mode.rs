//! The `rest_mode_period` page: the rest-mode periods that cover the selected day
//! with their episodes, the days in rest mode over the last 90 days, and every
//! period (newest first) linking to its start day. Periods are stored under their
//! start day, so the page reads them all (`use_all_docs`).

use super::common::{
    clock, code_words, date_text, facts, today, unreadable, use_all_docs, use_days,
};
use super::doc::rest_mode::{rest_period, RestPeriod};
use super::events::logic::{period_days, rest_days};
use super::events::{day_card, head, on_day};
use super::logic::window;
use crate::endpoints::EndpointId;
use crate::i18n::{use_i18n, I18n};
use crate::oura::models::{parse_day, Timestamp};
use crate::ui::charts::format::fill;
use crate::ui::{endpoint_route, href};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;

/// The days of the rest-mode summary.
const SUMMARY_DAYS: u32 = 90;

/// A day with its time when known: "Tue, Nov 10 10:34".
fn day_time(day: NaiveDate, t: Option<&Timestamp>, lang: &str) -> String {
    match t {
        Some(t) => format!("{} {}", date_text(t.date_naive(), lang, false), clock(t)),
        None => date_text(day, lang, false),
    }
}

/// "Nov 10 – Nov 12", "Nov 10 – ongoing".
fn span_text(i18n: I18n, p: &RestPeriod, lang: &str) -> String {
    let end = match p.end_day {
        Some(e) => date_text(e, lang, false),
        None => i18n.t("page.rest_mode.ongoing"),
    };
    format!("{} – {end}", date_text(p.start_day, lang, false))
}

fn days_text(i18n: I18n, n: i64) -> String {
    fill(&i18n.t("page.rest_mode.days"), &[("n", &n.to_string())])
}

/// One period: when it started and ended (or that it is ongoing), how many days, its
/// episodes with their tags as words.
fn period_view(i18n: I18n, p: &RestPeriod, lang: &str) -> AnyView {
    let mut rows = vec![
        (
            i18n.t("page.rest_mode.started"),
            day_time(p.start_day, p.start.as_ref(), lang),
        ),
        (
            i18n.t("page.rest_mode.ended"),
            match p.end_day {
                Some(e) => day_time(e, p.end.as_ref(), lang),
                None => i18n.t("page.rest_mode.ongoing"),
            },
        ),
    ];
    if let Some(n) = period_days(p) {
        rows.push((i18n.t("page.rest_mode.length"), days_text(i18n, n)));
    }
    let episodes = if p.episodes.is_empty() {
        view! { <p class="view-note">{i18n.t("page.rest_mode.no_episodes")}</p> }.into_any()
    } else {
        p.episodes
            .iter()
            .map(|e| {
                let tags = if e.tags.is_empty() {
                    "—".to_owned()
                } else {
                    e.tags.iter().map(|t| code_words(t)).collect::<Vec<_>>().join(", ")
                };
                view! {
                    <li>
                        <span class="event-title ev-wrap">{tags}</span>
                        <span class="event-detail">{day_time(e.at.date_naive(), Some(&e.at), lang)}</span>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <article class="period">
            <h3>{span_text(i18n, p, lang)}</h3>
            {facts(rows)}
            <h4 class="view-sub">{i18n.t("page.rest_mode.episodes")}</h4>
            <ul class="event-list">{episodes}</ul>
        </article>
    }
    .into_any()
}

/// The day card: the periods covering the day (newest first); a document that does
/// not fit says so.
pub fn rest_day(i18n: I18n, docs: &[Value]) -> AnyView {
    let lang = i18n.lang.get().code();
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for d in docs {
        match rest_period(d) {
            Ok(p) => ok.push(p),
            Err(e) => bad.push(e),
        }
    }
    ok.sort_by_key(|p| std::cmp::Reverse(p.start_day));
    let list = ok
        .iter()
        .map(|p| view! { <li>{period_view(i18n, p, lang)}</li> })
        .collect_view();
    let bad = bad.iter().map(|e| unreadable(i18n, e)).collect_view();
    view! {
        <ul class="period-list">{list}</ul>
        {bad}
    }
    .into_any()
}

/// Whether a period document covers `day` (one that does not fit: on its start day).
fn period_on(d: &Value, day: NaiveDate) -> bool {
    match rest_period(d) {
        Ok(p) => p.on(day),
        Err(_) => super::doc::opt_str(d, "start_day").and_then(parse_day) == Some(day),
    }
}

/// Days in rest mode over the last 90 days and every period, newest first.
#[component]
fn RestHistory(
    all: LocalResource<super::common::Loaded>,
    days: super::common::Days,
) -> impl IntoView {
    let i18n = use_i18n();
    let route = endpoint_route(EndpointId::RestModePeriod.endpoint());
    let body = move || {
        let lang = i18n.lang.get().code();
        let selected = days.day.get();
        let anchor = days.anchor.get();
        all.with(|r| match (r, anchor) {
            (Some(Some(Ok(docs))), Some(a)) => {
                let mut periods: Vec<RestPeriod> =
                    docs.iter().filter_map(|d| rest_period(d).ok()).collect();
                periods.sort_by_key(|p| std::cmp::Reverse(p.start_day));
                let n = rest_days(&periods, window(a, SUMMARY_DAYS), today());
                let summary = fill(
                    &i18n.t("page.rest_mode.summary"),
                    &[("n", &n.to_string()), ("days", &SUMMARY_DAYS.to_string())],
                );
                if periods.is_empty() {
                    return view! { <p class="view-empty">{i18n.t("page.rest_mode.none")}</p> }
                        .into_any();
                }
                let rows = periods
                    .iter()
                    .map(|p| {
                        let link = href(&format!("{route}?day={}", p.start_day));
                        let current = selected.is_some_and(|d| p.on(d)).then_some("date");
                        let value = match period_days(p) {
                            Some(n) => days_text(i18n, n),
                            None => i18n.t("page.rest_mode.ongoing"),
                        };
                        let episodes = fill(
                            &i18n.t("page.rest_mode.episode_count"),
                            &[("n", &p.episodes.len().to_string())],
                        );
                        view! {
                            <li>
                                <a class="history-row" href=link aria-current=current>
                                    <span class="history-date">{span_text(i18n, p, lang)}</span>
                                    <span class="ev-what ev-wrap">{episodes}</span>
                                    <span class="history-value">{value}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <p class="view-note">{summary}</p>
                    <ol class="history-list">{rows}</ol>
                }
                .into_any()
            }
            (Some(Some(Err(e))), _) => {
                view! { <p class="view-error" role="alert">{e.1.clone()}</p> }.into_any()
            }
            _ => view! { <p class="view-loading">{i18n.t("view.loading")}</p> }.into_any(),
        })
    };
    view! {
        <section class="card view-history" aria-labelledby="view-history-h">
            <h2 id="view-history-h">{i18n.tr("page.rest_mode.all")}</h2>
            {body}
        </section>
    }
}

/// The rest mode page.
#[component]
pub fn RestModePage() -> impl IntoView {
    let id = EndpointId::RestModePeriod;
    let days = use_days();
    let day = days.day;
    let all = use_all_docs(id);
    let docs = on_day(all, day, period_on);
    view! {
        {head(id, days)}
        {day_card(id, day, docs, rest_day)}
        <RestHistory all=all days=days />
    }
}
