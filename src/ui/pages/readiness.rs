//! The `daily_readiness` page: the readiness score, temperature and contributors.

use super::common::{each, facts, num, score_block, show_score, EndpointView, Trend};
use super::doc;
use crate::endpoints::EndpointId;
use crate::i18n::I18n;
use leptos::prelude::*;
use serde_json::Value;

/// A temperature deviation with its sign: `+0.12 °C`.
pub fn deviation(v: Option<f64>, lang: &str) -> String {
    match v {
        Some(v) if v > 0.0 => format!("+{} °C", num(v, 2, lang)),
        Some(v) => format!("{} °C", num(v, 2, lang)),
        None => "—".to_owned(),
    }
}

pub fn readiness_day(i18n: I18n, docs: &[Value]) -> AnyView {
    let lang = i18n.lang.get().code();
    each(i18n, docs, &|m| {
        let r = doc::daily::readiness(m)?;
        Ok(view! {
            {facts(vec![
                (i18n.t("view.f.temperature"), deviation(r.temperature_deviation, lang)),
                (i18n.t("view.f.temperature_trend"), deviation(r.temperature_trend_deviation, lang)),
            ])}
            {score_block(i18n, r.score, "view.score.readiness", &r.contributors)}
        }
        .into_any())
    })
}

/// The readiness page.
#[component]
pub fn ReadinessPage() -> impl IntoView {
    view! {
        <EndpointView
            id=EndpointId::DailyReadiness
            render=readiness_day
            trend=Trend {
                title: "view.trend.readiness_score",
                value: doc::daily::day_score,
                show: show_score,
                scale: 1.0,
                unit: None,
                decimals: 0,
            }
        />
    }
}
