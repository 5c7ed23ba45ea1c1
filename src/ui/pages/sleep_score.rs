//! The `daily_sleep` page: the sleep score and its contributors.

use super::common::{each, score_block, score_value, show_score, EndpointView, Trend};
use super::doc;
use crate::endpoints::EndpointId;
use crate::i18n::I18n;
use leptos::prelude::*;
use serde_json::Value;

/// The sleep contributors as (label key, field).
pub const SLEEP_CONTRIBUTORS: [(&str, &str); 7] = [
    ("view.c.total_sleep", "total_sleep"),
    ("view.c.efficiency", "efficiency"),
    ("view.c.restfulness", "restfulness"),
    ("view.c.rem_sleep", "rem_sleep"),
    ("view.c.deep_sleep", "deep_sleep"),
    ("view.c.latency", "latency"),
    ("view.c.timing", "timing"),
];

pub fn daily_sleep_day(i18n: I18n, docs: &[Value]) -> AnyView {
    each(i18n, docs, &|m| {
        Ok(score_block(
            i18n,
            doc::opt_int(m, "score"),
            "view.score.sleep",
            &doc::contributors(m, &SLEEP_CONTRIBUTORS),
        ))
    })
}

/// The sleep score page.
#[component]
pub fn DailySleepPage() -> impl IntoView {
    view! {
        <EndpointView
            id=EndpointId::DailySleep
            render=daily_sleep_day
            trend=Trend {
                title: "view.trend.sleep_score",
                value: score_value,
                show: show_score,
                scale: 1.0,
                unit: None,
                decimals: 0,
            }
        />
    }
}
