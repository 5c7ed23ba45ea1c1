//! The `sleep` page: every sleep period of the day.

use super::common::{clock, code_words, facts, hm, num, num_unit, unreadable, EndpointView, Trend};
use super::doc;
use super::doc::Unreadable;
use super::logic;
use super::logic::Period;
use crate::endpoints::EndpointId;
use crate::i18n::I18n;
use crate::oura::models::SleepType;
use crate::ui::charts::{timestamp, Hypnogram, LineChart, Series, XAxis};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;

/// The i18n key of a sleep period type (`None`: unknown, shown as Oura spells it).
pub fn sleep_type_key(t: &SleepType) -> Option<&'static str> {
    Some(match t {
        SleepType::LongSleep => "view.type.long_sleep",
        SleepType::Sleep => "view.type.sleep",
        SleepType::LateNap => "view.type.late_nap",
        SleepType::Rest => "view.type.rest",
        SleepType::Deleted => "view.type.deleted",
        SleepType::Other(_) => return None,
    })
}

/// The night's headline facts (Today and the sleep page).
pub fn night_facts(i18n: I18n, s: &Period, lang: &str) -> Vec<(String, String)> {
    let bpm = i18n.t("view.unit.bpm");
    vec![
        (i18n.t("view.f.total_sleep"), hm(s.total_sleep_duration)),
        (i18n.t("view.f.time_in_bed"), hm(Some(s.time_in_bed))),
        (
            i18n.t("view.f.lowest_hr"),
            num_unit(s.lowest_heart_rate.map(|v| v as f64), 0, &bpm, lang),
        ),
        (
            i18n.t("view.f.average_hrv"),
            num_unit(
                s.average_hrv.map(|v| v as f64),
                0,
                &i18n.t("view.unit.ms"),
                lang,
            ),
        ),
    ]
}

/// One sleep period: type and times, facts, and its charts.
pub fn period_view(i18n: I18n, s: &Period, lang: &str) -> impl IntoView {
    let kind = match sleep_type_key(&s.kind) {
        Some(k) => i18n.t(k),
        None if s.kind.to_string().is_empty() => i18n.t("page.sleep.untyped"),
        None => code_words(&s.kind.to_string()),
    };
    let heading = format!(
        "{kind} · {}–{}",
        clock(&s.bedtime_start),
        clock(&s.bedtime_end)
    );
    let mut rows = night_facts(i18n, s, lang);
    let pct = |v: Option<i64>| {
        v.map_or_else(
            || "—".to_owned(),
            |v| format!("{}%", num(v as f64, 0, lang)),
        )
    };
    rows.extend([
        (i18n.t("view.f.deep"), hm(s.deep_sleep_duration)),
        (i18n.t("view.f.rem"), hm(s.rem_sleep_duration)),
        (i18n.t("view.f.light"), hm(s.light_sleep_duration)),
        (i18n.t("view.f.awake"), hm(s.awake_time)),
        (i18n.t("view.f.efficiency"), pct(s.efficiency)),
        (i18n.t("view.f.latency"), hm(s.latency)),
        (
            i18n.t("view.f.average_hr"),
            num_unit(s.average_heart_rate, 0, &i18n.t("view.unit.bpm"), lang),
        ),
        (
            i18n.t("view.f.breath"),
            num_unit(s.average_breath, 1, &i18n.t("view.unit.per_min"), lang),
        ),
    ]);
    let (start_ms, offset_s) = timestamp(&s.bedtime_start);
    let axis = XAxis::Clock { offset_s };
    let hypnogram = s
        .sleep_phase_5_min
        .clone()
        .filter(|p| !p.is_empty())
        .map(|p| {
            view! { <Hypnogram phases=p start_ms=start_ms offset_s=offset_s /> }
        });
    let movement = s
        .movement_30_sec
        .clone()
        .filter(|p| !p.is_empty())
        .map(|m| {
            let pts = logic::digit_points(&m, start_ms, 30.0);
            view! {
                <LineChart
                    title=i18n.t("view.chart.movement")
                    series=vec![Series::new(i18n.t("view.chart.movement"), pts)]
                    x_axis=axis
                />
            }
        });
    let curve =
        |sample: &Option<crate::oura::models::SampleModel>, key: &'static str, unit: String| {
            sample.as_ref().map(|h| {
                let pts = logic::sample_points(h);
                view! {
                    <LineChart
                        title=i18n.t(key)
                        series=vec![Series::new(i18n.t(key), pts)]
                        x_axis=axis
                        unit=unit
                    />
                }
            })
        };
    let hr = curve(&s.heart_rate, "view.chart.hr", i18n.t("view.unit.bpm"));
    let hrv = curve(&s.hrv, "view.chart.hrv", i18n.t("view.unit.ms"));
    view! {
        <article class="period">
            <h3>{heading}</h3>
            {facts(rows)}
            {hypnogram}
            {movement}
            {hr}
            {hrv}
        </article>
    }
}

/// Parses a day's sleep documents: the readable periods (time order) and the errors.
pub fn read_periods(docs: &[Value]) -> (Vec<Period>, Vec<Unreadable>) {
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for d in docs {
        match doc::period(d) {
            Ok(m) => ok.push(m),
            Err(e) => bad.push(e),
        }
    }
    (logic::periods(ok), bad)
}

pub fn sleep_day(i18n: I18n, docs: &[Value]) -> AnyView {
    let lang = i18n.lang.get().code();
    let (periods, bad) = read_periods(docs);
    let count = i18n
        .t("view.periods.count")
        .replace("{n}", &periods.len().to_string());
    let list = periods
        .iter()
        .map(|s| view! { <li>{period_view(i18n, s, lang)}</li> })
        .collect_view();
    let bad = bad.iter().map(|e| unreadable(i18n, e)).collect_view();
    view! {
        <p class="view-note">{count}</p>
        <ul class="period-list">{list}</ul>
        {bad}
    }
    .into_any()
}

fn sleep_value(d: &Value) -> Option<(NaiveDate, f64)> {
    let m = doc::period(d).ok()?;
    (m.kind == SleepType::LongSleep).then_some((m.day, m.total_sleep_duration? as f64))
}

fn show_hm(v: f64, _lang: &str) -> String {
    crate::ui::charts::format::hm(v)
}

/// The sleep periods page.
#[component]
pub fn SleepPage() -> impl IntoView {
    view! {
        <EndpointView
            id=EndpointId::Sleep
            render=sleep_day
            trend=Trend {
                title: "view.trend.total_sleep",
                value: sleep_value,
                show: show_hm,
                scale: 3600.0,
                unit: Some("view.unit.h"),
                decimals: 1,
            }
        />
    }
}
