//! The `vO2_max` page: the day's estimate (ml/kg/min) and when it was made, and the
//! estimates over time. Oura publishes no bounds for it: none are drawn.

use super::common::{clock, facts, num_unit};
use super::daily_kit::{each_read, DailyPage, DailyTrend};
use super::doc::vo2_max::{vo2_max, Vo2Max};
use crate::endpoints::EndpointId;
use crate::i18n::I18n;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;

fn one(i18n: I18n, v: &Vo2Max) -> AnyView {
    let lang = i18n.lang.get_untracked().code();
    let at = v.timestamp.as_ref().map_or_else(|| "—".to_owned(), clock);
    facts(vec![
        (
            i18n.t("page.vo2_max.value"),
            num_unit(v.vo2_max, 1, &i18n.t("page.vo2_max.unit"), lang),
        ),
        (i18n.t("page.vo2_max.at"), at),
    ])
    .into_any()
}

/// The day card of the VO2 max page.
pub fn vo2_max_day(i18n: I18n, docs: &[Value]) -> AnyView {
    each_read(i18n, docs, vo2_max, &|v| one(i18n, v))
}

fn values(d: &Value) -> Option<(NaiveDate, Vec<Option<f64>>)> {
    let v = vo2_max(d).ok()?;
    Some((v.day, vec![v.vo2_max]))
}

fn show(i18n: I18n, v: &[Option<f64>]) -> String {
    num_unit(
        v.first().copied().flatten(),
        1,
        &i18n.t("page.vo2_max.unit"),
        i18n.lang.get_untracked().code(),
    )
}

/// The VO2 max page.
#[component]
pub fn Vo2MaxPage() -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    view! {
        <DailyPage
            id=EndpointId::Vo2Max
            render=Arc::new(vo2_max_day)
            events=true
            trend=DailyTrend {
                title: "page.vo2_max.trend",
                series: &["page.vo2_max.value"],
                values,
                show,
                scale: 1.0,
                unit: Some("page.vo2_max.unit"),
                decimals: 1,
                line: false,
            }
        >
            <p class="view-note daily-note">{i18n.tr("page.vo2_max.note")}</p>
        </DailyPage>
    }
}
