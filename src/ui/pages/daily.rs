//! The `daily_readiness` and `daily_activity` pages.

use super::common::{facts, hm, num, unreadable, EndpointView, Trend};
use super::logic;
use super::sleep::{score_block, show_score};
use crate::endpoints::EndpointId;
use crate::i18n::I18n;
use crate::oura::models::{
    parse_model, ActivityContributors, DailyActivityModel, DailyReadinessModel,
    ReadinessContributors,
};
use crate::ui::charts::{timestamp, CategoryStrip, LineChart, Series, XAxis};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;

/// The readiness contributors as (label key, value).
pub fn readiness_contributors(c: &ReadinessContributors) -> [(&'static str, Option<i64>); 8] {
    [
        ("view.c.resting_heart_rate", c.resting_heart_rate),
        ("view.c.hrv_balance", c.hrv_balance),
        ("view.c.body_temperature", c.body_temperature),
        ("view.c.recovery_index", c.recovery_index),
        ("view.c.previous_night", c.previous_night),
        ("view.c.sleep_balance", c.sleep_balance),
        ("view.c.previous_day_activity", c.previous_day_activity),
        ("view.c.activity_balance", c.activity_balance),
    ]
}

/// The activity contributors as (label key, value).
pub fn activity_contributors(c: &ActivityContributors) -> [(&'static str, Option<i64>); 6] {
    [
        ("view.c.stay_active", c.stay_active),
        ("view.c.move_every_hour", c.move_every_hour),
        ("view.c.meet_daily_targets", c.meet_daily_targets),
        ("view.c.training_frequency", c.training_frequency),
        ("view.c.training_volume", c.training_volume),
        ("view.c.recovery_time", c.recovery_time),
    ]
}

/// A temperature deviation with its sign: `+0.12 °C`.
pub fn deviation(v: Option<f64>, lang: &str) -> String {
    match v {
        Some(v) if v > 0.0 => format!("+{} °C", num(v, 2, lang)),
        Some(v) => format!("{} °C", num(v, 2, lang)),
        None => "—".to_owned(),
    }
}

fn readiness_day(i18n: I18n, docs: &[Value]) -> AnyView {
    let lang = i18n.lang.get().code();
    docs.iter()
        .map(|d| match parse_model::<DailyReadinessModel>(d) {
            Ok(m) => view! {
                {facts(vec![
                    (i18n.t("view.f.temperature"), deviation(m.temperature_deviation, lang)),
                    (i18n.t("view.f.temperature_trend"), deviation(m.temperature_trend_deviation, lang)),
                ])}
                {score_block(i18n, m.score, "view.score.readiness", &readiness_contributors(&m.contributors))}
            }
            .into_any(),
            Err(e) => unreadable(i18n, &e),
        })
        .collect_view()
        .into_any()
}

fn readiness_value(d: &Value) -> Option<(NaiveDate, f64)> {
    let m = parse_model::<DailyReadinessModel>(d).ok()?;
    Some((m.day, m.score? as f64))
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
                value: readiness_value,
                show: show_score,
                scale: 1.0,
                unit: None,
                decimals: 0,
            }
        />
    }
}

/// `value` of `target` with a progress bar (Today and the activity page).
pub fn against_target(
    i18n: I18n,
    label_key: &'static str,
    value: i64,
    target: i64,
    unit: &str,
    lang: &str,
) -> impl IntoView {
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
}

/// Steps, calories and distance (Today and the activity page).
pub fn activity_totals(i18n: I18n, m: &DailyActivityModel, lang: &str) -> impl IntoView {
    let kcal = i18n.t("view.unit.kcal");
    let meters = i18n.t("view.unit.m");
    view! {
        {facts(vec![
            (i18n.t("view.f.steps"), num(m.steps as f64, 0, lang)),
            (i18n.t("view.f.total_calories"), format!("{} {kcal}", num(m.total_calories as f64, 0, lang))),
        ])}
        {against_target(i18n, "view.f.active_calories", m.active_calories, m.target_calories, &kcal, lang)}
        {against_target(i18n, "view.f.distance", m.equivalent_walking_distance, m.target_meters, &meters, lang)}
    }
}

fn activity_day(i18n: I18n, docs: &[Value]) -> AnyView {
    let lang = i18n.lang.get().code();
    docs.iter()
        .map(|d| match parse_model::<DailyActivityModel>(d) {
            Ok(m) => {
                let classes = facts(vec![
                    (i18n.t("charts.class.high"), hm(Some(m.high_activity_time))),
                    (i18n.t("charts.class.medium"), hm(Some(m.medium_activity_time))),
                    (i18n.t("charts.class.low"), hm(Some(m.low_activity_time))),
                    (i18n.t("view.f.sedentary"), hm(Some(m.sedentary_time))),
                    (i18n.t("view.f.resting"), hm(Some(m.resting_time))),
                    (i18n.t("charts.class.non_wear"), hm(Some(m.non_wear_time))),
                ]);
                let (start_ms, offset_s) = timestamp(&m.timestamp);
                let strip = m.class_5_min.clone().filter(|c| !c.is_empty()).map(|c| {
                    view! { <CategoryStrip classes=c start_ms=start_ms offset_s=offset_s /> }
                });
                let (_, met_off) = timestamp(&m.met.timestamp);
                let met = view! {
                    <LineChart
                        title=i18n.t("view.chart.met")
                        series=vec![Series::new(i18n.t("view.chart.met"), logic::sample_points(&m.met))]
                        x_axis=XAxis::Clock { offset_s: met_off }
                        unit=i18n.t("view.unit.met")
                        decimals=1
                    />
                };
                view! {
                    {activity_totals(i18n, &m, lang)}
                    {score_block(i18n, m.score, "view.score.activity", &activity_contributors(&m.contributors))}
                    <h3 class="view-sub">{i18n.t("view.time_in_class")}</h3>
                    {classes}
                    {strip}
                    {met}
                }
                .into_any()
            }
            Err(e) => unreadable(i18n, &e),
        })
        .collect_view()
        .into_any()
}

fn activity_value(d: &Value) -> Option<(NaiveDate, f64)> {
    let m = parse_model::<DailyActivityModel>(d).ok()?;
    Some((m.day, m.steps as f64))
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
                value: activity_value,
                show: show_steps,
                scale: 1.0,
                unit: None,
                decimals: 0,
            }
        />
    }
}
