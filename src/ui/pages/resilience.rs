//! The `daily_resilience` page: the level on Oura's ordered scale (limited < adequate
//! < solid < strong < exceptional) with the day's step marked, and its three
//! contributors (0–100).

use super::common::{code_words, num};
use super::daily_kit::{each_read, DailyPage, DailyTrend};
use super::doc::resilience::{level_step, resilience, Resilience};
use crate::endpoints::EndpointId;
use crate::i18n::I18n;
use crate::oura::models::LongTermResilienceLevel as Level;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;

/// The i18n keys of the levels, in scale order (step 1 to 5).
const LEVELS: [&str; 5] = [
    "page.resilience.level.limited",
    "page.resilience.level.adequate",
    "page.resilience.level.solid",
    "page.resilience.level.strong",
    "page.resilience.level.exceptional",
];

/// The level as the UI says it (unknown ones as Oura spells them).
pub fn level_text(i18n: I18n, level: Option<&Level>) -> String {
    match level {
        None => "—".to_owned(),
        Some(l) => match level_step(l) {
            Some(s) => i18n.t(LEVELS[usize::from(s - 1)]),
            None => code_words(l.as_str()),
        },
    }
}

/// The five steps with the current one marked (`aria-current="step"`).
fn scale(i18n: I18n, step: Option<u8>) -> AnyView {
    let items = LEVELS
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let here = step == Some((i + 1) as u8);
            view! {
                <li class=if here { "res-step res-current" } else { "res-step" } aria-current=here.then_some("step")>
                    {i18n.t(k)}
                </li>
            }
        })
        .collect_view();
    view! { <ol class="res-scale" aria-label=i18n.t("page.resilience.scale")>{items}</ol> }
        .into_any()
}

fn contributors(i18n: I18n, r: &Resilience) -> AnyView {
    let lang = i18n.lang.get_untracked().code();
    let rows = [
        ("page.resilience.sleep_recovery", r.sleep_recovery),
        ("page.resilience.daytime_recovery", r.daytime_recovery),
        ("endpoint.daily_stress.title", r.stress),
    ]
    .into_iter()
    .map(|(k, v)| {
        let value = v.map_or_else(|| "—".to_owned(), |v| num(v, 1, lang));
        let bar = v.map(|v| {
            view! { <meter class="contrib-bar" min="0" max="100" value=v.clamp(0.0, 100.0) aria-hidden="true"></meter> }
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
    .into_any()
}

fn one(i18n: I18n, r: &Resilience) -> AnyView {
    let step = r.level.as_ref().and_then(level_step);
    let level = level_text(i18n, r.level.as_ref());
    let detail = step.map(|s| {
        i18n.t("page.resilience.step")
            .replace("{n}", &s.to_string())
    });
    let unknown = (r.level.is_some() && step.is_none())
        .then(|| view! { <p class="view-note">{i18n.t("page.resilience.unknown")}</p> });
    view! {
        <p class="res-level">
            <span class="res-level-label">{i18n.t("page.resilience.level")}</span>
            <strong class="res-level-value">{level}</strong>
            {detail.map(|d| view! { <span class="res-level-step">{d}</span> })}
        </p>
        {unknown}
        {scale(i18n, step)}
        {contributors(i18n, r)}
    }
    .into_any()
}

/// The day card of the resilience page.
pub fn resilience_day(i18n: I18n, docs: &[Value]) -> AnyView {
    each_read(i18n, docs, resilience, &|r| one(i18n, r))
}

fn values(d: &Value) -> Option<(NaiveDate, Vec<Option<f64>>)> {
    let r = resilience(d).ok()?;
    Some((
        r.day,
        vec![r.level.as_ref().and_then(level_step).map(f64::from)],
    ))
}

fn show(i18n: I18n, v: &[Option<f64>]) -> String {
    v.first()
        .copied()
        .flatten()
        .and_then(|s| LEVELS.get((s as usize).wrapping_sub(1)))
        .map_or_else(|| "—".to_owned(), |k| i18n.t(k))
}

/// The resilience page.
#[component]
pub fn ResiliencePage() -> impl IntoView {
    view! {
        <DailyPage
            id=EndpointId::DailyResilience
            render=Arc::new(resilience_day)
            trend=DailyTrend {
                title: "page.resilience.trend",
                series: &["page.resilience.level"],
                values,
                show,
                scale: 1.0,
                unit: None,
                decimals: 0,
                line: false,
            }
        />
    }
}
