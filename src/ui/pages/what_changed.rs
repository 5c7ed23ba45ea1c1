//! "What changed" on Today (loaded on first use): the day's two or three largest
//! deviations from the personal baseline, with the contributors that moved most;
//! nothing at all when nothing is unusual.

use super::insight_kit::{measure_name, range_text, use_daily, value_text};
use crate::i18n::use_i18n;
use crate::insights::baseline::Position;
use crate::insights::changes::what_changed;
use crate::ui::charts::format::fill;
use crate::ui::href;
use chrono::{Duration, NaiveDate};
use leptos::prelude::*;

/// The card, for the day `day` (reads the 60 days before it from the series rows).
#[component]
pub fn WhatChanged(day: Memo<Option<NaiveDate>>) -> impl IntoView {
    let i18n = use_i18n();
    let daily = use_daily(move || day.get().map(|d| (d - Duration::days(60), d)));
    move || {
        let day = day.get()?;
        let items: Vec<String> = daily.with(|d| match d {
            Some(Ok(d)) => what_changed(d, day)
                .into_iter()
                .map(|c| {
                    let key = match c.position {
                        Position::Below => "insights.changed.below",
                        _ => "insights.changed.above",
                    };
                    let mut line = fill(
                        &i18n.t(key),
                        &[
                            ("measure", &measure_name(i18n, c.measure)),
                            ("value", &value_text(i18n, c.measure, c.value)),
                            (
                                "range",
                                &range_text(i18n, c.measure, c.band.low, c.band.high),
                            ),
                        ],
                    );
                    if !c.contributors.is_empty() {
                        let list = c
                            .contributors
                            .iter()
                            .map(|&m| measure_name(i18n, m))
                            .collect::<Vec<_>>()
                            .join(&i18n.t("insights.changed.and"));
                        line.push_str(if i18n.lang.get() == crate::i18n::Lang::Ja {
                            "。"
                        } else {
                            ". "
                        });
                        line.push_str(&fill(
                            &i18n.t("insights.changed.because"),
                            &[("list", &list)],
                        ));
                    }
                    line
                })
                .collect(),
            // Still reading, or the store failed (the page's other cards say so).
            _ => Vec::new(),
        });
        (!items.is_empty()).then(|| {
            view! {
                <section class="card what-changed" aria-labelledby="changed-h">
                    <h2 id="changed-h">{i18n.t("insights.changed")}</h2>
                    <ul class="changed-list">
                        {items.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                    </ul>
                    <p class="view-more"><a href=href("/trends")>{i18n.t("insights.changed.more")}</a></p>
                </section>
            }
        })
    }
}
