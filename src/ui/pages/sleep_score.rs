//! The `daily_sleep` page: the sleep score and its contributors.

use super::common::{each, score_block, show_score, EndpointView, Trend};
use super::doc;
use crate::endpoints::EndpointId;
use crate::i18n::I18n;
use leptos::prelude::*;
use serde_json::Value;

pub fn daily_sleep_day(i18n: I18n, docs: &[Value]) -> AnyView {
    each(i18n, docs, &|m| {
        Ok(score_block(
            i18n,
            doc::daily::score(m),
            "view.score.sleep",
            &doc::daily::sleep_contributors(m),
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
                value: doc::daily::day_score,
                show: show_score,
                scale: 1.0,
                unit: None,
                decimals: 0,
            }
        />
    }
}
