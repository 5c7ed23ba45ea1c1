//! The `session` page.

use super::common::{code_words, times};
use super::doc::{self, Unreadable};
use crate::i18n::I18n;
use crate::oura::models::{MomentMood, MomentType};
use leptos::prelude::*;
use serde_json::Value;

/// One session as a list item (Today and this page).
pub fn session_item(i18n: I18n, s: &Value, _lang: &str) -> Result<AnyView, Unreadable> {
    let start = doc::time(s, "start_datetime")?;
    let end = doc::time(s, "end_datetime")?;
    let kind = match MomentType::from(doc::string(s, "type")?) {
        MomentType::Breathing => i18n.t("view.session.breathing"),
        MomentType::Meditation => i18n.t("view.session.meditation"),
        MomentType::Nap => i18n.t("view.session.nap"),
        MomentType::Relaxation => i18n.t("view.session.relaxation"),
        MomentType::Rest => i18n.t("view.session.rest"),
        MomentType::BodyStatus => i18n.t("view.session.body_status"),
        MomentType::Other(ref o) => code_words(o),
    };
    let mood = doc::opt_str(s, "mood").map(|m| {
        let text = match MomentMood::from(m) {
            MomentMood::Bad => i18n.t("view.mood.bad"),
            MomentMood::Worse => i18n.t("view.mood.worse"),
            MomentMood::Same => i18n.t("view.mood.same"),
            MomentMood::Good => i18n.t("view.mood.good"),
            MomentMood::Great => i18n.t("view.mood.great"),
            MomentMood::Other(o) => code_words(&o),
        };
        format!(" · {}: {text}", i18n.t("view.mood"))
    });
    Ok(view! {
        <span class="event-title">{kind}</span>
        <span class="event-detail">{times(&start, Some(&end))}{mood}</span>
    }
    .into_any())
}
