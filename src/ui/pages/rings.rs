//! The `ring_configuration` page: every ring of the account (all documents), newest
//! set-up first — model, color, design, firmware, size and set-up date (an absent or
//! `1970-01-01` sentinel date is "unknown"). Known enum values are translated,
//! unknown ones shown as Oura spells them. The page is not about a day: `?day=` is
//! accepted and ignored.

use super::common::{code_words, date_text, facts, unreadable, use_all_docs, LoadError};
use super::doc::rings::{ring, Ring};
use crate::endpoints::EndpointId;
use crate::i18n::{use_i18n, I18n};
use crate::ui::components::EndpointStatus;
use leptos::prelude::*;
use serde_json::Value;

/// An enum value of `kind` (`color`, `design`, `hardware`) as the UI says it: the
/// translation of a value the spec lists, else the value as Oura spells it.
pub fn code_text(i18n: I18n, kind: &str, code: Option<&str>, known: &[&str]) -> String {
    match code {
        None => "—".to_owned(),
        Some(c) if known.contains(&c) => i18n.t(&format!("page.rings.{kind}.{c}")),
        Some(c) => code_words(c),
    }
}

/// The rings in display order: newest set-up first, unknown set-up dates last.
pub fn order(mut rings: Vec<Ring>) -> Vec<Ring> {
    rings.sort_by(|a, b| b.set_up_at.cmp(&a.set_up_at).then_with(|| a.id.cmp(&b.id)));
    rings
}

fn one(i18n: I18n, r: &Ring) -> AnyView {
    use crate::oura::models::{PublicRingColor, PublicRingDesign, PublicRingHardwareType};
    let lang = i18n.lang.get_untracked().code();
    let hardware = code_text(
        i18n,
        "hardware",
        r.hardware_type.as_ref().map(|h| h.as_str()),
        PublicRingHardwareType::KNOWN,
    );
    let heading = if r.hardware_type.is_some() {
        hardware
    } else {
        i18n.t("page.rings.ring")
    };
    let set_up = r.set_up_at.map_or_else(
        || i18n.t("page.rings.unknown"),
        |t| date_text(t.with_timezone(&chrono::Local).date_naive(), lang, true),
    );
    // The model is the heading ("Ring (model unknown)" without one).
    let mut rows = Vec::new();
    rows.extend([
        (
            i18n.t("page.rings.color"),
            code_text(
                i18n,
                "color",
                r.color.as_ref().map(|c| c.as_str()),
                PublicRingColor::KNOWN,
            ),
        ),
        (
            i18n.t("page.rings.design"),
            code_text(
                i18n,
                "design",
                r.design.as_ref().map(|d| d.as_str()),
                PublicRingDesign::KNOWN,
            ),
        ),
        (
            i18n.t("page.rings.firmware"),
            r.firmware_version.clone().unwrap_or_else(|| "—".to_owned()),
        ),
        (
            i18n.t("page.rings.size"),
            r.size.map_or_else(|| "—".to_owned(), |s| s.to_string()),
        ),
        (i18n.t("page.rings.set_up"), set_up),
    ]);
    view! {
        <li class="ring-item">
            <h3 class="ring-name">{heading}</h3>
            {facts(rows)}
        </li>
    }
    .into_any()
}

/// Every ring of `docs`, newest set-up first; a document that does not fit is "could
/// not be read" and the others still show.
pub fn rings_day(i18n: I18n, docs: &[Value]) -> AnyView {
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for d in docs {
        match ring(d) {
            Ok(r) => ok.push(r),
            Err(e) => bad.push(e),
        }
    }
    if ok.is_empty() && bad.is_empty() {
        return view! { <p class="view-empty">{i18n.t("page.rings.none")}</p> }.into_any();
    }
    let items = order(ok).iter().map(|r| one(i18n, r)).collect_view();
    let bad = bad.iter().map(|e| unreadable(i18n, e)).collect_view();
    view! {
        <ul class="ring-list">{items}</ul>
        {bad}
    }
    .into_any()
}

/// The rings page.
#[component]
pub fn RingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = EndpointId::RingConfiguration;
    let e = id.endpoint();
    let (title, about) = (e.title_key(), e.about_key());
    let docs = use_all_docs(id);
    let body = move || {
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
            Some(Some(Ok(docs))) => rings_day(i18n, docs),
        })
    };
    view! {
        <h1>{i18n.tr_owned(title)}</h1>
        <p class="lead">{i18n.tr_owned(about)}</p>
        <EndpointStatus id=id />
        <section class="card rings" aria-labelledby="rings-h">
            <h2 id="rings-h">{i18n.tr("page.rings.list")}</h2>
            {body}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{lookup, Lang};
    use crate::oura::models::{PublicRingColor, PublicRingDesign, PublicRingHardwareType};
    use serde_json::json;

    #[test]
    fn every_known_value_has_its_text() {
        for (kind, known) in [
            ("color", PublicRingColor::KNOWN),
            ("design", PublicRingDesign::KNOWN),
            ("hardware", PublicRingHardwareType::KNOWN),
        ] {
            for code in known {
                for lang in Lang::ALL {
                    let key = format!("page.rings.{kind}.{code}");
                    assert!(lookup(lang, &key).is_some(), "{lang:?} {key}");
                }
            }
        }
    }

    #[test]
    fn newest_set_up_first_unknown_last() {
        let r = |id: &str, at: Option<&str>| ring(&json!({"id": id, "set_up_at": at})).unwrap();
        let list = order(vec![
            r("old", Some("2025-01-01T00:00:00+00:00")),
            r("sentinel", Some("1970-01-01T00:00:00+00:00")),
            r("new", Some("2026-09-22T13:37:03+00:00")),
            r("absent", None),
        ]);
        let ids: Vec<_> = list.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["new", "old", "absent", "sentinel"]);
    }
}
