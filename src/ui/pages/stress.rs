//! The `daily_stress` page: the day's time in high stress and in high recovery (h:mm)
//! and Oura's summary of the day. There is no stress score: none is shown.

use super::common::{code_words, facts, hm};
use super::daily_kit::{each_read, DailyPage, DailyTrend};
use super::doc::stress::{stress, Stress};
use crate::endpoints::EndpointId;
use crate::i18n::I18n;
use crate::oura::models::PublicDailyStressSummary as Summary;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;

/// The summary as the UI says it (unknown values as Oura spells them).
pub fn summary_text(i18n: I18n, s: Option<&Summary>) -> String {
    match s {
        None => "—".to_owned(),
        Some(Summary::Restored) => i18n.t("view.stress.restored"),
        Some(Summary::Normal) => i18n.t("view.stress.normal"),
        Some(Summary::Stressful) => i18n.t("view.stress.stressful"),
        Some(Summary::Other(code)) => code_words(code),
    }
}

fn one(i18n: I18n, s: &Stress) -> AnyView {
    view! {
        {facts(vec![
            (i18n.t("page.stress.high"), hm(s.stress_high)),
            (i18n.t("page.stress.recovery"), hm(s.recovery_high)),
            (i18n.t("page.stress.summary"), summary_text(i18n, s.day_summary.as_ref())),
        ])}
        <p class="view-note">{i18n.t("page.stress.note")}</p>
    }
    .into_any()
}

/// The day card of the stress page.
pub fn stress_day(i18n: I18n, docs: &[Value]) -> AnyView {
    each_read(i18n, docs, stress, &|s| one(i18n, s))
}

fn values(d: &Value) -> Option<(NaiveDate, Vec<Option<f64>>)> {
    let s = stress(d).ok()?;
    Some((
        s.day,
        vec![
            s.stress_high.map(|v| v as f64),
            s.recovery_high.map(|v| v as f64),
        ],
    ))
}

fn show(i18n: I18n, v: &[Option<f64>]) -> String {
    let t = |i: usize| hm(v.get(i).copied().flatten().map(|s| s as i64));
    format!(
        "{} {} · {} {}",
        i18n.t("endpoint.daily_stress.title"),
        t(0),
        i18n.t("page.stress.short.recovery"),
        t(1)
    )
}

/// The stress page.
#[component]
pub fn StressPage() -> impl IntoView {
    view! {
        <DailyPage
            id=EndpointId::DailyStress
            render=Arc::new(stress_day)
            trend=DailyTrend {
                title: "page.stress.trend",
                series: &["endpoint.daily_stress.title", "page.stress.short.recovery"],
                values,
                show,
                scale: 3600.0,
                unit: Some("view.unit.h"),
                decimals: 1,
                line: false,
            }
        />
    }
}
