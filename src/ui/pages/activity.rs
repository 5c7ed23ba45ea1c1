//! The `daily_activity` page: steps, calories, activity levels and MET.

use super::common::{each, facts, hm, num, score_block, EndpointView, Trend};
use super::doc::{self, Unreadable};
use super::logic;
use crate::endpoints::EndpointId;
use crate::i18n::I18n;
use crate::ui::charts::{timestamp, CategoryStrip, LineChart, Series, XAxis};
use leptos::prelude::*;
use serde_json::Value;

/// `value` of `target` with a progress bar (Today and the activity page).
pub fn against_target(
    i18n: I18n,
    label_key: &'static str,
    value: i64,
    target: i64,
    unit: &str,
    lang: &str,
) -> AnyView {
    let text = i18n
        .t("view.of_target")
        .replace("{value}", &num(value as f64, 0, lang))
        .replace("{target}", &num(target as f64, 0, lang))
        .replace("{unit}", unit);
    let label = i18n.t(label_key);
    view! {
        <div class="target-row">
            <div class="target-text">
                <span class="target-label">{label.clone()}</span>
                <span class="target-value">{text}</span>
            </div>
            <progress class="target-bar" max=target.max(1) value=value.clamp(0, target.max(1)) aria-label=label></progress>
        </div>
    }
    .into_any()
}

/// Steps, calories and distance (Today and the activity page) of a `daily_activity`
/// document.
pub fn activity_totals(i18n: I18n, m: &Value, lang: &str) -> Result<AnyView, Unreadable> {
    let kcal = i18n.t("view.unit.kcal");
    let meters = i18n.t("view.unit.m");
    let t = doc::daily::activity_totals(m)?;
    Ok(view! {
        {facts(vec![
            (i18n.t("view.f.steps"), num(t.steps as f64, 0, lang)),
            (i18n.t("view.f.total_calories"), format!("{} {kcal}", num(t.total_calories as f64, 0, lang))),
        ])}
        {against_target(i18n, "view.f.active_calories", t.active_calories, t.target_calories, &kcal, lang)}
        {against_target(i18n, "view.f.distance", t.distance, t.target_meters, &meters, lang)}
    }
    .into_any())
}

pub fn activity_day(i18n: I18n, docs: &[Value]) -> AnyView {
    let lang = i18n.lang.get().code();
    each(i18n, docs, &|m| {
        let a = doc::daily::activity_day(m)?;
        let classes = a
            .classes
            .iter()
            .map(|(label, s)| (i18n.t(label), hm(Some(*s))))
            .collect();
        let totals = activity_totals(i18n, m, lang)?;
        let (start_ms, offset_s) = timestamp(&a.start);
        let strip = a.class_5_min.map(|c| {
            view! { <CategoryStrip classes=c start_ms=start_ms offset_s=offset_s /> }
        });
        let met = a.met;
        let (_, met_off) = timestamp(&met.timestamp);
        let met = view! {
            <LineChart
                title=i18n.t("view.chart.met")
                series=vec![Series::new(i18n.t("view.chart.met"), logic::sample_points(&met))]
                x_axis=XAxis::Clock { offset_s: met_off }
                unit=i18n.t("view.unit.met")
                decimals=1
            />
        };
        Ok(view! {
            {totals}
            {score_block(i18n, a.score, "view.score.activity", &doc::daily::activity_contributors(m))}
            <h3 class="view-sub">{i18n.t("view.time_in_class")}</h3>
            {facts(classes)}
            {strip}
            {met}
        }
        .into_any())
    })
}

fn show_steps(v: f64, lang: &str) -> String {
    num(v, 0, lang)
}

/// The activity page.
#[component]
pub fn ActivityPage() -> impl IntoView {
    view! {
        <EndpointView
            id=EndpointId::DailyActivity
            render=activity_day
            trend=Trend {
                title: "view.trend.steps",
                value: doc::daily::day_steps,
                show: show_steps,
                scale: 1.0,
                unit: None,
                decimals: 0,
            }
        />
    }
}
