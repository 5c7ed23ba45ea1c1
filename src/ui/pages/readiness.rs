//! The `daily_readiness` page: the readiness score, temperature and contributors.

use super::common::{each, facts, num, score_block, score_value, show_score, EndpointView, Trend};
use super::doc;
use crate::endpoints::EndpointId;
use crate::i18n::I18n;
use leptos::prelude::*;
use serde_json::Value;

/// The readiness contributors as (label key, field).
pub const READINESS_CONTRIBUTORS: [(&str, &str); 8] = [
    ("view.c.resting_heart_rate", "resting_heart_rate"),
    ("view.c.hrv_balance", "hrv_balance"),
    ("view.c.body_temperature", "body_temperature"),
    ("view.c.recovery_index", "recovery_index"),
    ("view.c.previous_night", "previous_night"),
    ("view.c.sleep_balance", "sleep_balance"),
    ("view.c.previous_day_activity", "previous_day_activity"),
    ("view.c.activity_balance", "activity_balance"),
];

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
        Ok(view! {
            {facts(vec![
                (i18n.t("view.f.temperature"), deviation(doc::opt_num(m, "temperature_deviation"), lang)),
                (i18n.t("view.f.temperature_trend"), deviation(doc::opt_num(m, "temperature_trend_deviation"), lang)),
            ])}
            {score_block(i18n, doc::opt_int(m, "score"), "view.score.readiness", &doc::contributors(m, &READINESS_CONTRIBUTORS))}
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
                value: score_value,
                show: show_score,
                scale: 1.0,
                unit: None,
                decimals: 0,
            }
        />
    }
}
