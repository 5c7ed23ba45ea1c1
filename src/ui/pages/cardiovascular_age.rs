//! The `daily_cardiovascular_age` page: the vascular age against the user's age (from
//! `personal_info`), the pulse wave velocity where Oura gives it, and the trend.
//! Documents are keyed by day (no `id` before 1.41).

use super::common::{facts, num_unit, use_all_docs};
use super::daily_kit::{each_read, DailyPage, DailyTrend};
use super::doc::cardiovascular_age::{cardiovascular_age, CardiovascularAge};
use super::doc::personal_info::personal_info;
use crate::endpoints::EndpointId;
use crate::i18n::I18n;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;

/// How the vascular age compares with the user's age.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Versus {
    Younger(i64),
    Older(i64),
    Same,
}

pub fn versus(vascular_age: i64, age: i64) -> Versus {
    match vascular_age - age {
        0 => Versus::Same,
        d if d < 0 => Versus::Younger(-d),
        d => Versus::Older(d),
    }
}

/// "3 years younger than your age (38)".
pub fn versus_text(i18n: I18n, vascular_age: i64, age: i64) -> String {
    let key = match versus(vascular_age, age) {
        Versus::Same => "page.cardiovascular_age.same",
        Versus::Younger(1) => "page.cardiovascular_age.younger_one",
        Versus::Younger(_) => "page.cardiovascular_age.younger",
        Versus::Older(1) => "page.cardiovascular_age.older_one",
        Versus::Older(_) => "page.cardiovascular_age.older",
    };
    i18n.t(key)
        .replace("{n}", &(vascular_age - age).abs().to_string())
        .replace("{age}", &age.to_string())
}

fn one(i18n: I18n, c: &CardiovascularAge, age: Option<i64>) -> AnyView {
    let lang = i18n.lang.get_untracked().code();
    let years = c.vascular_age.map_or_else(
        || "—".to_owned(),
        |v| {
            i18n.t("page.cardiovascular_age.years")
                .replace("{n}", &v.to_string())
        },
    );
    let compared = match (c.vascular_age, age) {
        (Some(v), Some(a)) => versus_text(i18n, v, a),
        (None, _) => "—".to_owned(),
        (Some(_), None) => i18n.t("page.cardiovascular_age.no_age"),
    };
    view! {
        {facts(vec![
            (i18n.t("page.cardiovascular_age.vascular_age"), years),
            (i18n.t("page.cardiovascular_age.compared"), compared),
            (
                i18n.t("page.cardiovascular_age.pwv"),
                num_unit(c.pulse_wave_velocity, 2, &i18n.t("page.cardiovascular_age.unit.mps"), lang),
            ),
        ])}
        <p class="view-note">{i18n.t("page.cardiovascular_age.note")}</p>
    }
    .into_any()
}

/// The day card, given the user's age (`None`: not in the profile).
pub fn cardiovascular_age_card(i18n: I18n, docs: &[Value], age: Option<i64>) -> AnyView {
    each_read(i18n, docs, cardiovascular_age, &|c| one(i18n, c, age))
}

/// The day card without a known age.
pub fn cardiovascular_age_day(i18n: I18n, docs: &[Value]) -> AnyView {
    cardiovascular_age_card(i18n, docs, None)
}

fn values(d: &Value) -> Option<(NaiveDate, Vec<Option<f64>>)> {
    let c = cardiovascular_age(d).ok()?;
    Some((c.day, vec![c.vascular_age.map(|v| v as f64)]))
}

fn show(i18n: I18n, v: &[Option<f64>]) -> String {
    v.first().copied().flatten().map_or_else(
        || "—".to_owned(),
        |v| {
            i18n.t("page.cardiovascular_age.years")
                .replace("{n}", &format!("{v:.0}"))
        },
    )
}

/// The cardiovascular age page.
#[component]
pub fn CardiovascularAgePage() -> impl IntoView {
    let profile = use_all_docs(EndpointId::PersonalInfo);
    let age = Memo::new(move |_| {
        profile.with(|r| match r {
            Some(Some(Ok(docs))) => docs
                .iter()
                .find_map(|d| personal_info(d).ok().and_then(|p| p.age)),
            _ => None,
        })
    });
    let render =
        Arc::new(move |i18n: I18n, docs: &[Value]| cardiovascular_age_card(i18n, docs, age.get()));
    view! {
        <DailyPage
            id=EndpointId::DailyCardiovascularAge
            render=render
            trend=DailyTrend {
                title: "page.cardiovascular_age.trend",
                series: &["page.cardiovascular_age.vascular_age"],
                values,
                show,
                scale: 1.0,
                unit: Some("page.cardiovascular_age.unit.years"),
                decimals: 0,
                line: false,
            }
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vascular_age_compares_with_the_age() {
        assert_eq!(versus(36, 38), Versus::Younger(2));
        assert_eq!(versus(39, 38), Versus::Older(1));
        assert_eq!(versus(38, 38), Versus::Same);
    }
}
