//! The trends page (`/trends?range=90`): every score and key measure over 7 / 30 / 90 /
//! 365 days or all time, each with its personal baseline band, the days outside it,
//! weekly or monthly means for long ranges, and the same days a year ago.

use super::common::date_text;
use super::insight_kit::{
    chart_unit, loaded, measure_name, range_text, use_daily, value_text, InsightTabs,
};
use super::set_title;
use crate::i18n::{use_i18n, I18n};
use crate::insights::baseline::Bucket;
use crate::insights::series::{Daily, MEASURES, TRENDS};
use crate::insights::trends::{trend, usual, Range, Trend};
use crate::ui::charts::format::fill;
use crate::ui::charts::{day_ms, BandPoint, BaselineChart};
use crate::ui::href;
use crate::ui::router::use_query;
use chrono::Duration;
use leptos::prelude::*;

/// The trends page.
#[component]
pub fn TrendsPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(&i18n.t("nav.trends")));
    let query = use_query("range");
    let range = Memo::new(move |_| {
        query
            .get()
            .as_deref()
            .and_then(Range::parse)
            .unwrap_or(Range::Days(90))
    });
    let daily = use_daily(|| None);
    let body = move || daily.with(|d| loaded(i18n, d, |d| cards(i18n, d, range.get())));
    view! {
        <h1>{i18n.tr("nav.trends")}</h1>
        <InsightTabs />
        <p class="lead">{i18n.tr("insights.lead")}</p>
        <RangePicker range=range />
        <div class="trend-list">{body}</div>
    }
}

/// The range choice as links (`?range=…`), the current one marked.
#[component]
fn RangePicker(range: Memo<Range>) -> impl IntoView {
    let i18n = use_i18n();
    let links = Range::CHOICES
        .into_iter()
        .map(|r| {
            let to = href(&format!("/trends?range={}", r.code()));
            let key = format!("insights.range.{}", r.code());
            let current = move || (range.get() == r).then_some("page");
            view! {
                <li><a href=to class="chip" aria-current=current>{i18n.tr_owned(key)}</a></li>
            }
        })
        .collect_view();
    view! {
        <nav class="range-picker" aria-label=i18n.tr("insights.range")>
            <ul>{links}</ul>
        </nav>
    }
}

/// The range's name as the chart title says it.
fn range_name(i18n: I18n, r: Range) -> String {
    i18n.t(&format!("insights.range.{}", r.code()))
}

/// One card per measure that has any data.
fn cards(i18n: I18n, daily: &Daily, range: Range) -> AnyView {
    let (Some(first), Some(last)) = (daily.first_day(), daily.last_day()) else {
        return view! { <p class="empty-state">{i18n.t("insights.nothing")}</p> }.into_any();
    };
    let (from, to) = range.days(first, last);
    (0..TRENDS)
        .filter(|&i| !daily.of(i).is_empty())
        .map(|i| {
            let t = trend(daily.of(i), i, from, to);
            let usual = usual(daily.of(i), i, to + Duration::days(1));
            card(i18n, i, &t, range, usual.map(|b| (b.low, b.high)))
        })
        .collect_view()
        .into_any()
}

fn card(i18n: I18n, i: usize, t: &Trend, range: Range, usual: Option<(f64, f64)>) -> AnyView {
    let lang = i18n.lang.get().code();
    let name = measure_name(i18n, i);
    let id = format!("trend-{}", MEASURES[i].id);
    let labelled = id.clone();
    if t.days == 0 {
        return view! {
            <section class="card trend" aria-labelledby=labelled.clone()>
                <h2 id=id>{name}</h2>
                <p class="trend-none">{i18n.t("insights.none_in_range")}</p>
            </section>
        }
        .into_any();
    }
    let (factor, unit_key, decimals) = chart_unit(MEASURES[i].unit);
    let unit = if unit_key.is_empty() {
        String::new()
    } else {
        i18n.t(unit_key)
    };
    let points: Vec<BandPoint> = t
        .points
        .iter()
        .map(|p| BandPoint {
            x: day_ms(p.day),
            low: p.band.map(|b| b.0 * factor),
            high: p.band.map(|b| b.1 * factor),
            value: Some(p.value * factor),
        })
        .collect();
    let title = fill(
        &i18n.t("insights.chart"),
        &[("measure", &name), ("range", &range_name(i18n, range))],
    );
    let v = |x: f64| value_text(i18n, i, x);
    let mut facts = Vec::new();
    if let Some(m) = t.mean {
        facts.push(fill(
            &i18n.t("insights.average"),
            &[("value", &v(m)), ("days", &t.days.to_string())],
        ));
    }
    facts.push(fill(
        &i18n.t("insights.outside"),
        &[("n", &t.outside.to_string()), ("days", &t.days.to_string())],
    ));
    if let (Some(y), false) = (t.year_ago, range == Range::All) {
        facts.push(fill(
            &i18n.t("insights.year_ago"),
            &[("value", &v(y.then)), ("days", &y.then_days.to_string())],
        ));
    }
    if let Some((lo, hi)) = usual {
        facts.push(fill(
            &i18n.t("insights.usual_now"),
            &[("range", &range_text(i18n, i, lo, hi))],
        ));
    }
    let latest = t.latest.map(|(d, x)| {
        fill(
            &i18n.t("insights.latest"),
            &[("value", &v(x)), ("date", &date_text(d, lang, false))],
        )
    });
    let bucket = t.bucket.map(|b| {
        i18n.t(match b {
            Bucket::Week => "insights.weekly",
            Bucket::Month => "insights.monthly",
        })
    });
    view! {
        <section class="card trend" aria-labelledby=labelled.clone()>
            <h2 id=id>{name}</h2>
            {latest.map(|l| view! { <p class="trend-latest">{l}</p> })}
            <BaselineChart title=title points=points unit=unit decimals=decimals />
            {bucket.map(|b| view! { <p class="trend-note">{b}</p> })}
            <ul class="trend-facts">
                {facts.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}
