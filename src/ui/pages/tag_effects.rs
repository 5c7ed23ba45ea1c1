//! "What your tags do" (`/trends/tags`): for every tag, the next night and day against
//! nights after days without it, in plain words with a bootstrap interval; tags with
//! fewer than 5 days on a side say so instead.

use super::common::code_words;
use super::insight_kit::{amount, loaded, measure_name, size_text, use_daily, InsightTabs};
use super::set_title;
use crate::i18n::{use_i18n, I18n, Lang};
use crate::insights::effects::{Verdict, MIN_DAYS};
use crate::insights::tag_effects::{tag_effects, TagEffects};
use crate::ui::charts::format::fill;
use leptos::prelude::*;

/// The tag effects page.
#[component]
pub fn TagEffectsPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(&i18n.t("insights.tabs.tags")));
    let effects = use_tag_effects();
    let body = move || effects.with(|d| loaded(i18n, d, |all| effects_view(i18n, all)));
    view! {
        <h1>{i18n.tr("insights.tabs.tags")}</h1>
        <InsightTabs />
        <p class="lead">{i18n.tr("insights.tags.lead")}</p>
        <div class="tag-effects">{body}</div>
    }
}

/// Every tag's effects, computed once per read of the series (not on every render or
/// language switch: the bootstrap is the costly part).
pub fn use_tag_effects() -> Memo<Option<Result<Vec<TagEffects>, crate::store::StoreError>>> {
    let daily = use_daily(|| None);
    Memo::new(move |_| {
        daily.with(|d| {
            d.as_ref()
                .map(|r| r.as_ref().map(tag_effects).map_err(Clone::clone))
        })
    })
}

/// A tag's name as shown: custom names as written, Oura's codes (`late_meal`) as words.
pub fn tag_title(t: &TagEffects) -> String {
    let code = t
        .name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if code {
        code_words(&t.name)
    } else {
        t.name.clone()
    }
}

/// The measure's name inside a sentence (English: lower-case first letter).
fn in_sentence(i18n: I18n, i: usize) -> String {
    let name = measure_name(i18n, i);
    if i18n.lang.get() != Lang::En {
        return name;
    }
    let mut chars = name.chars();
    match (chars.next(), chars.clone().next()) {
        // "HRV balance" keeps its capitals; "Average HRV" → "average HRV".
        (Some(f), Some(s)) if s.is_lowercase() => f.to_lowercase().chain(chars).collect(),
        _ => name,
    }
}

/// One measure's verdict for a tag, in words.
pub fn effect_sentence(i18n: I18n, tag: &str, measure: usize, v: &Verdict) -> (String, bool) {
    let lang = i18n.lang.get().code();
    match v {
        Verdict::Effect(e) => {
            let direction = i18n.t(if e.diff < 0.0 {
                "insights.tags.lower"
            } else {
                "insights.tags.higher"
            });
            let text = fill(
                &i18n.t("insights.tags.effect"),
                &[
                    ("measure", &in_sentence(i18n, measure)),
                    ("amount", &size_text(i18n, measure, e.diff)),
                    ("direction", &direction),
                    ("low", &signed(measure, e.low, lang)),
                    ("high", &signed(measure, e.high, lang)),
                    ("with", &e.with.to_string()),
                    ("without", &e.without.to_string()),
                    // Last: a custom name is never read as a placeholder.
                    ("tag", tag),
                ],
            );
            (text, e.low <= 0.0 && e.high >= 0.0)
        }
        Verdict::TooFew { with, without } => (
            fill(
                &i18n.t("insights.tags.too_few"),
                &[
                    ("with", &with.to_string()),
                    ("without", &without.to_string()),
                    ("min", &MIN_DAYS.to_string()),
                ],
            ),
            true,
        ),
    }
}

/// An interval bound with its sign (`−12`, `4`).
fn signed(measure: usize, v: f64, lang: &str) -> String {
    let a = amount(measure, v.abs(), lang);
    if v < 0.0 && a.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        format!("−{a}")
    } else {
        a
    }
}

fn effects_view(i18n: I18n, all: &[TagEffects]) -> AnyView {
    if all.is_empty() {
        return view! { <p class="empty-state">{i18n.t("insights.tags.none")}</p> }.into_any();
    }
    all.iter()
        .map(|t| {
            let title = tag_title(t);
            let days = fill(&i18n.t("insights.tags.days"), &[("n", &t.days.to_string())]);
            let body = if t.too_few() {
                // The most nights any measure had after the tag (what fell short).
                let with = t
                    .effects
                    .iter()
                    .filter_map(|(_, v)| match v {
                        Verdict::TooFew { with, .. } => Some(*with),
                        Verdict::Effect(_) => None,
                    })
                    .max()
                    .unwrap_or(0);
                let reason = fill(
                    &i18n.t("insights.tags.too_few_tag"),
                    &[("with", &with.to_string()), ("min", &MIN_DAYS.to_string())],
                );
                view! { <p class="tag-too-few">{reason}</p> }.into_any()
            } else {
                t.effects
                    .iter()
                    .map(|(m, v)| {
                        let (text, unclear) = effect_sentence(i18n, &title, *m, v);
                        let note = (unclear && matches!(v, Verdict::Effect(_)))
                            .then(|| view! { " " <span class="tag-unclear">{i18n.t("insights.tags.unclear")}</span> });
                        let class = if unclear { "tag-effect unclear" } else { "tag-effect" };
                        view! { <li class=class>{text}{note}</li> }
                    })
                    .collect_view()
                    .into_any()
            };
            let list = !t.too_few();
            view! {
                <section class="card tag-card">
                    <h2>{title}</h2>
                    <p class="tag-days">{days}</p>
                    {if list { view! { <ul class="tag-effect-list">{body}</ul> }.into_any() } else { body }}
                </section>
            }
        })
        .collect_view()
        .into_any()
}
