//! The `personal_info` page: age, height, weight, biological sex and email as Oura
//! stores them, and a compact summary for Settings.
//!
//! Units: Oura stores metres and kilograms. Both languages show metric (cm, kg); the
//! English UI adds feet/inches and pounds in parentheses (many English readers think
//! in them), the Japanese UI shows metric only.

use super::common::{code_words, facts, num, unreadable, use_all_docs, LoadError};
use super::doc::personal_info::{personal_info, PersonalInfo};
use crate::endpoints::EndpointId;
use crate::i18n::{use_i18n, I18n, Lang};
use crate::ui::components::EndpointStatus;
use crate::ui::{endpoint_route, href};
use leptos::prelude::*;
use serde_json::Value;

/// Metres as whole feet and inches (rounded to the inch): 1.75 → (5, 9).
pub fn feet_inches(m: f64) -> (i64, i64) {
    let inches = (m / 0.0254).round() as i64;
    (inches / 12, inches % 12)
}

/// Kilograms as pounds.
pub fn pounds(kg: f64) -> f64 {
    kg / 0.453_592_37
}

/// The height as the UI language expects it: `175 cm (5 ft 9 in)` / `175 cm`.
pub fn height_text(m: Option<f64>, lang: Lang) -> String {
    let Some(m) = m else {
        return "—".to_owned();
    };
    let cm = format!("{} cm", num(m * 100.0, 0, lang.code()));
    match lang {
        Lang::En => {
            let (ft, inch) = feet_inches(m);
            format!("{cm} ({ft} ft {inch} in)")
        }
        Lang::Ja => cm,
    }
}

/// The weight as the UI language expects it: `71 kg (157 lb)` / `71 kg`.
pub fn weight_text(kg: Option<f64>, lang: Lang) -> String {
    let Some(kg) = kg else {
        return "—".to_owned();
    };
    let metric = format!("{} kg", num(kg, 1, lang.code()));
    match lang {
        Lang::En => format!("{metric} ({} lb)", num(pounds(kg), 0, lang.code())),
        Lang::Ja => metric,
    }
}

fn age_text(i18n: I18n, age: Option<i64>) -> String {
    age.map_or_else(
        || "—".to_owned(),
        |a| {
            i18n.t("page.personal_info.years")
                .replace("{n}", &a.to_string())
        },
    )
}

fn sex_text(i18n: I18n, sex: Option<&str>) -> String {
    match sex {
        None => "—".to_owned(),
        Some("male") => i18n.t("page.personal_info.sex.male"),
        Some("female") => i18n.t("page.personal_info.sex.female"),
        Some(other) => code_words(other),
    }
}

fn rows(i18n: I18n, p: &PersonalInfo) -> Vec<(String, String)> {
    let lang = i18n.lang.get_untracked();
    vec![
        (i18n.t("page.personal_info.age"), age_text(i18n, p.age)),
        (
            i18n.t("page.personal_info.height"),
            height_text(p.height, lang),
        ),
        (
            i18n.t("page.personal_info.weight"),
            weight_text(p.weight, lang),
        ),
        (
            i18n.t("page.personal_info.sex"),
            sex_text(i18n, p.biological_sex.as_deref()),
        ),
        (
            i18n.t("page.personal_info.email"),
            p.email.clone().unwrap_or_else(|| "—".to_owned()),
        ),
    ]
}

/// The profile card: every field (`—` when absent), or "could not be read".
pub fn personal_info_day(i18n: I18n, docs: &[Value]) -> AnyView {
    let Some(d) = docs.first() else {
        return view! { <p class="view-empty">{i18n.t("page.personal_info.none")}</p> }.into_any();
    };
    match personal_info(d) {
        Ok(p) => view! {
            {facts(rows(i18n, &p))}
            <p class="view-note">{i18n.t("page.personal_info.units")}</p>
        }
        .into_any(),
        Err(e) => unreadable(i18n, &e),
    }
}

/// Loading / error / the documents of personal_info, shown by `render`.
fn profile_view(i18n: I18n, render: fn(I18n, &[Value]) -> AnyView) -> impl IntoView {
    let docs = use_all_docs(EndpointId::PersonalInfo);
    move || {
        docs.with(|r| match r {
            None | Some(None) => {
                view! { <p class="view-loading" role="status">{i18n.t("view.loading")}</p> }
                    .into_any()
            }
            Some(Some(Err(LoadError(kind, message)))) => {
                let kind = kind.map(|k| i18n.t(k)).unwrap_or_default();
                view! { <p class="view-error" role="alert">{format!("{kind} {message}")}</p> }
                    .into_any()
            }
            Some(Some(Ok(docs))) => render(i18n, docs),
        })
    }
}

/// The personal info page.
#[component]
pub fn PersonalInfoPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = EndpointId::PersonalInfo;
    let e = id.endpoint();
    let (title, about) = (e.title_key(), e.about_key());
    view! {
        <h1>{i18n.tr_owned(title)}</h1>
        <p class="lead">{i18n.tr_owned(about)}</p>
        <EndpointStatus id=id />
        <section class="card profile" aria-labelledby="profile-h">
            <h2 id="profile-h">{i18n.tr("page.personal_info.profile")}</h2>
            {profile_view(i18n, personal_info_day)}
        </section>
    }
}

/// Settings' compact summary: age, height and weight on one line.
pub fn profile_summary(i18n: I18n, docs: &[Value]) -> AnyView {
    let Some(d) = docs.first() else {
        return view! { <p class="note">{i18n.t("page.personal_info.none")}</p> }.into_any();
    };
    match personal_info(d) {
        Ok(p) => {
            let lang = i18n.lang.get_untracked();
            let parts = [
                p.age.map(|a| age_text(i18n, Some(a))),
                p.height.map(|h| height_text(Some(h), lang)),
                p.weight.map(|w| weight_text(Some(w), lang)),
            ];
            let line: Vec<String> = parts.into_iter().flatten().collect();
            let line = if line.is_empty() {
                "—".to_owned()
            } else {
                line.join(" · ")
            };
            view! { <p class="profile-summary">{line}</p> }.into_any()
        }
        Err(e) => unreadable(i18n, &e),
    }
}

/// The "Your Oura profile" card of Settings, linking to the page.
#[component]
pub fn ProfileCard() -> impl IntoView {
    let i18n = use_i18n();
    let link = href(&endpoint_route(EndpointId::PersonalInfo.endpoint()));
    view! {
        <section class="card profile-card" aria-labelledby="profile-card-h">
            <h2 id="profile-card-h">{i18n.tr("page.personal_info.profile")}</h2>
            {profile_view(i18n, profile_summary)}
            <p class="view-more">
                <a href=link>{i18n.tr("page.personal_info.link")}</a>
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imperial_alongside_metric() {
        assert_eq!(feet_inches(1.75), (5, 9));
        assert_eq!(feet_inches(1.524), (5, 0));
        assert_eq!(feet_inches(1.8288), (6, 0));
        assert!((pounds(71.0) - 156.53).abs() < 0.01);
    }
}
