//! The `daily_activity` page: steps, calories, activity levels and MET.

use super::common::{each, facts, hm, num, score_block, EndpointView, Trend};
use super::doc::{self, Unreadable};
use super::logic;
use crate::endpoints::EndpointId;
use crate::i18n::I18n;
use crate::ui::charts::{timestamp, CategoryStrip, LineChart, Series, XAxis};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;

/// The activity contributors as (label key, field).
pub const ACTIVITY_CONTRIBUTORS: [(&str, &str); 6] = [
    ("view.c.stay_active", "stay_active"),
    ("view.c.move_every_hour", "move_every_hour"),
    ("view.c.meet_daily_targets", "meet_daily_targets"),
    ("view.c.training_frequency", "training_frequency"),
    ("view.c.training_volume", "training_volume"),
    ("view.c.recovery_time", "recovery_time"),
];

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
    let steps = doc::int(m, "steps")?;
    let total = doc::int(m, "total_calories")?;
    let active = doc::int(m, "active_calories")?;
    let target_kcal = doc::int(m, "target_calories")?;
    let distance = doc::int(m, "equivalent_walking_distance")?;
    let target_m = doc::int(m, "target_meters")?;
    Ok(view! {
        {facts(vec![
            (i18n.t("view.f.steps"), num(steps as f64, 0, lang)),
            (i18n.t("view.f.total_calories"), format!("{} {kcal}", num(total as f64, 0, lang))),
        ])}
        {against_target(i18n, "view.f.active_calories", active, target_kcal, &kcal, lang)}
        {against_target(i18n, "view.f.distance", distance, target_m, &meters, lang)}
    }
    .into_any())
}

pub fn activity_day(i18n: I18n, docs: &[Value]) -> AnyView {
    let lang = i18n.lang.get().code();
    each(i18n, docs, &|m| {
        let mut classes = Vec::new();
        for (label, field) in [
            ("charts.class.high", "high_activity_time"),
            ("charts.class.medium", "medium_activity_time"),
            ("charts.class.low", "low_activity_time"),
            ("view.f.sedentary", "sedentary_time"),
            ("view.f.resting", "resting_time"),
            ("charts.class.non_wear", "non_wear_time"),
        ] {
            classes.push((i18n.t(label), hm(Some(doc::int(m, field)?))));
        }
        let totals = activity_totals(i18n, m, lang)?;
        let (start_ms, offset_s) = timestamp(&doc::time(m, "timestamp")?);
        let strip = doc::opt_str(m, "class_5_min")
            .filter(|c| !c.is_empty())
            .map(|c| {
                view! { <CategoryStrip classes=c.to_owned() start_ms=start_ms offset_s=offset_s /> }
            });
        let met = doc::sample(m, "met")
            .ok_or_else(|| Unreadable("`met` is missing or invalid".to_owned()))?;
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
            {score_block(i18n, doc::opt_int(m, "score"), "view.score.activity", &doc::contributors(m, &ACTIVITY_CONTRIBUTORS))}
            <h3 class="view-sub">{i18n.t("view.time_in_class")}</h3>
            {facts(classes)}
            {strip}
            {met}
        }
        .into_any())
    })
}

fn activity_value(d: &Value) -> Option<(NaiveDate, f64)> {
    Some((doc::day(d)?, doc::opt_int(d, "steps")? as f64))
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
