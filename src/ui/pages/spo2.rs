//! The `daily_spo2` page: the night's average blood oxygen (SpO2 %, often null) and
//! the breathing disturbance index.

use super::common::{facts, num};
use super::daily_kit::{each_read, DailyPage, DailyTrend};
use super::doc::spo2::{spo2, Spo2};
use crate::endpoints::EndpointId;
use crate::i18n::I18n;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;

/// A percentage with one decimal: `95.3%` (`—` when missing).
pub fn percent(v: Option<f64>, lang: &str) -> String {
    v.map_or_else(|| "—".to_owned(), |v| format!("{}%", num(v, 1, lang)))
}

fn one(i18n: I18n, s: &Spo2) -> AnyView {
    let lang = i18n.lang.get_untracked().code();
    let bdi = s
        .breathing_disturbance_index
        .map_or_else(|| "—".to_owned(), |v| num(v as f64, 0, lang));
    view! {
        {facts(vec![
            (i18n.t("page.spo2.average"), percent(s.average, lang)),
            (i18n.t("page.spo2.bdi"), bdi),
        ])}
        <p class="view-note">{i18n.t("page.spo2.bdi_note")}</p>
    }
    .into_any()
}

/// The day card of the SpO2 page.
pub fn spo2_day(i18n: I18n, docs: &[Value]) -> AnyView {
    each_read(i18n, docs, spo2, &|s| one(i18n, s))
}

fn values(d: &Value) -> Option<(NaiveDate, Vec<Option<f64>>)> {
    let s = spo2(d).ok()?;
    Some((
        s.day,
        vec![s.average, s.breathing_disturbance_index.map(|v| v as f64)],
    ))
}

fn show(i18n: I18n, v: &[Option<f64>]) -> String {
    let lang = i18n.lang.get_untracked().code();
    let bdi = v
        .get(1)
        .copied()
        .flatten()
        .map_or_else(|| "—".to_owned(), |b| num(b, 0, lang));
    format!(
        "{} · {} {bdi}",
        percent(v.first().copied().flatten(), lang),
        i18n.t("page.spo2.short.bdi")
    )
}

/// The SpO2 page.
#[component]
pub fn Spo2Page() -> impl IntoView {
    view! {
        <DailyPage
            id=EndpointId::DailySpo2
            render=Arc::new(spo2_day)
            trend=DailyTrend {
                title: "page.spo2.trend",
                series: &["page.spo2.average"],
                values,
                show,
                scale: 1.0,
                unit: Some("page.spo2.unit"),
                decimals: 1,
                line: true,
            }
        />
    }
}
