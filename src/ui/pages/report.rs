//! The report to share (`/trends/report?period=week|month&end=YYYY-MM-DD`): a week or month of
//! scores, sleep and activity against the personal baseline, the notable days and what
//! the tags do, laid out to print cleanly on A4 or Letter (style/main.css, print
//! section: no navigation, black-and-white charts).

use super::common::{date_text, today};
use super::insight_kit::{
    chart_unit, loaded, measure_name, range_text, use_daily, value_text, InsightTabs,
};
use super::set_title;
use super::tag_effects::{effect_sentence, tag_title};
use crate::i18n::{use_i18n, I18n};
use crate::insights::baseline::window;
use crate::insights::changes::what_changed;
use crate::insights::effects::Verdict;
use crate::insights::series::{Daily, MEASURES, TRENDS};
use crate::insights::stats::mean;
use crate::insights::tag_effects::TagEffects;
use crate::insights::trends::usual;
use crate::oura::models::parse_day;
use crate::ui::charts::format::fill;
use crate::ui::charts::{day_ms, BandPoint, BaselineChart};
use crate::ui::href;
use crate::ui::router::use_query;
use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;

/// The groups of the report, each a list of measures (indices in `MEASURES`).
const SECTIONS: [(&str, &[usize]); 3] = [
    ("report.scores", &[0, 1, 2]),
    ("report.sleep", &[3, 4, 5, 6, 7, 8, 9, 11, 10]),
    ("report.activity", &[12, 13, 14, 15, 16, 17, 18]),
];

/// The scores drawn as charts.
const CHARTS: [usize; 3] = [0, 1, 2];

/// How many tags the report names.
const TAGS: usize = 3;

/// The report page.
#[component]
pub fn ReportPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(&i18n.t("insights.tabs.report")));
    let period = use_query("period");
    let end = use_query("end");
    let month = Memo::new(move |_| period.get().as_deref() == Some("month"));
    let daily = use_daily(|| None);
    let effects = super::tag_effects::use_tag_effects();
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let body = move || {
        daily.with(|d| {
            loaded(i18n, d, |d| {
                let chosen = end.get().as_deref().and_then(parse_day);
                let mut last = chosen.or_else(|| d.last_day()).unwrap_or_else(today);
                // A week ends on the day; a month is the calendar month of the day (by
                // default the last month with a week of data: early in a month, the one
                // before).
                let first = if month.get() {
                    if chosen.is_none() && last.day() < 7 {
                        last = last.with_day(1).map_or(last, |d| d - Duration::days(1));
                    }
                    last.with_day(1).unwrap_or(last)
                } else {
                    last - Duration::days(6)
                };
                let tags = effects.with(|e| match e {
                    Some(Ok(all)) => tags(i18n, all),
                    _ => ().into_any(),
                });
                report(i18n, d, first, last, month.get(), tags)
            })
        })
    };
    let choice = move |m: bool| {
        let q = end.get().map(|e| format!("&end={e}")).unwrap_or_default();
        let to = href(&format!(
            "/trends/report?period={}{q}",
            if m { "month" } else { "week" }
        ));
        let key = if m { "report.month" } else { "report.week" };
        let current = move || (month.get() == m).then_some("page");
        view! { <li><a href=to class="chip" aria-current=current>{i18n.tr(key)}</a></li> }
    };
    view! {
        <h1 class="no-print">{i18n.tr("insights.tabs.report")}</h1>
        <InsightTabs />
        <div class="report-controls no-print">
            <nav class="range-picker" aria-label=i18n.tr("report.period")>
                <ul>{choice(false)}{choice(true)}</ul>
            </nav>
            <button type="button" class="button" on:click=print>{i18n.tr("report.print")}</button>
        </div>
        <article class="report">{body}</article>
    }
}

/// The report of `first..=last`.
fn report(
    i18n: I18n,
    daily: &Daily,
    first: NaiveDate,
    last: NaiveDate,
    month: bool,
    tags: AnyView,
) -> AnyView {
    let lang = i18n.lang.get().code();
    let kind = i18n.t(if month {
        "report.title.month"
    } else {
        "report.title.week"
    });
    let title = format!(
        "{kind}: {} – {}",
        date_text(first, lang, true),
        date_text(last, lang, true)
    );
    let any = (0..TRENDS).any(|i| !window(daily.of(i), first, last).is_empty());
    if !any {
        return view! {
            <h2 class="report-title">{title}</h2>
            <p class="empty-state">{i18n.t("insights.none_in_range")}</p>
        }
        .into_any();
    }
    let sections = SECTIONS
        .iter()
        .map(|(key, measures)| {
            let rows = measures
                .iter()
                .filter_map(|&i| row(i18n, daily, i, first, last))
                .collect_view();
            view! {
                <section class="card report-section">
                    <h3>{i18n.t(key)}</h3>
                    <table class="report-table">
                        <thead>
                            <tr>
                                <th scope="col">{i18n.t("report.measure")}</th>
                                <th scope="col">{i18n.t("report.mean")}</th>
                                <th scope="col">{i18n.t("report.range")}</th>
                                <th scope="col">{i18n.t("report.usual")}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </section>
            }
        })
        .collect_view();
    let charts = CHARTS
        .iter()
        .filter(|&&i| !window(daily.of(i), first, last).is_empty())
        .map(|&i| chart(i18n, daily, i, first, last))
        .collect_view();
    view! {
        <h2 class="report-title">{title}</h2>
        <p class="report-note">{i18n.t("report.note")}</p>
        {sections}
        <section class="card report-section report-charts">
            <h3>{i18n.t("report.charts")}</h3>
            {charts}
        </section>
        {notable(i18n, daily, first, last)}
        {tags}
    }
    .into_any()
}

/// One measure's row: mean, lowest–highest, usual range at the start of the period.
fn row(i18n: I18n, daily: &Daily, i: usize, first: NaiveDate, last: NaiveDate) -> Option<AnyView> {
    let s = daily.of(i);
    let w = window(s, first, last);
    let values: Vec<f64> = w.iter().map(|(_, v)| *v).collect();
    let m = mean(&values)?;
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let v = |x: f64| value_text(i18n, i, x);
    let usual = usual(s, i, first)
        .map(|b| range_text(i18n, i, b.low, b.high))
        .unwrap_or_else(|| "—".to_owned());
    Some(
        view! {
            <tr>
                <th scope="row">{measure_name(i18n, i)}</th>
                <td>{v(m)}</td>
                <td>{range_text(i18n, i, lo, hi)}</td>
                <td>{usual}</td>
            </tr>
        }
        .into_any(),
    )
}

/// A score's days with its band.
fn chart(i18n: I18n, daily: &Daily, i: usize, first: NaiveDate, last: NaiveDate) -> AnyView {
    let s = daily.of(i);
    let (factor, _, decimals) = chart_unit(MEASURES[i].unit);
    let points: Vec<BandPoint> = window(s, first, last)
        .iter()
        .map(|&(d, v)| {
            let b = usual(s, i, d);
            BandPoint {
                x: day_ms(d),
                low: b.map(|b| b.low * factor),
                high: b.map(|b| b.high * factor),
                value: Some(v * factor),
            }
        })
        .collect();
    view! { <BaselineChart title=measure_name(i18n, i) points=points decimals=decimals /> }
        .into_any()
}

/// The days of the period with something unusual, and what.
fn notable(i18n: I18n, daily: &Daily, first: NaiveDate, last: NaiveDate) -> AnyView {
    let lang = i18n.lang.get().code();
    let mut items = Vec::new();
    let mut d = first;
    while d <= last {
        let changes = what_changed(daily, d);
        if !changes.is_empty() {
            let what = changes
                .iter()
                .map(|c| {
                    fill(
                        &i18n.t("report.notable.item"),
                        &[
                            ("measure", &measure_name(i18n, c.measure)),
                            ("value", &value_text(i18n, c.measure, c.value)),
                            (
                                "range",
                                &range_text(i18n, c.measure, c.band.low, c.band.high),
                            ),
                        ],
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            items.push(view! {
                <li><strong>{date_text(d, lang, false)}</strong>": "{what}</li>
            });
        }
        d += Duration::days(1);
    }
    let body = if items.is_empty() {
        view! { <p>{i18n.t("report.notable.none")}</p> }.into_any()
    } else {
        view! { <ul class="report-list">{items}</ul> }.into_any()
    };
    view! {
        <section class="card report-section">
            <h3>{i18n.t("report.notable")}</h3>
            {body}
        </section>
    }
    .into_any()
}

/// The tags with the clearest effects (their largest effect each), from all history.
fn tags(i18n: I18n, all: &[TagEffects]) -> AnyView {
    let lines: Vec<String> = all
        .iter()
        .filter(|t| !t.too_few())
        .filter_map(|t| {
            let (m, v) = t.effects.first()?;
            matches!(v, Verdict::Effect(_)).then(|| effect_sentence(i18n, &tag_title(t), *m, v).0)
        })
        .take(TAGS)
        .collect();
    let body = if lines.is_empty() {
        view! { <p>{i18n.t("report.tags.none")}</p> }.into_any()
    } else {
        view! { <ul class="report-list">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }
            .into_any()
    };
    view! {
        <section class="card report-section">
            <h3>{i18n.t("insights.tabs.tags")}</h3>
            {body}
        </section>
    }
    .into_any()
}
