//! The `workout` page.

use super::common::{code_words, num, times};
use super::doc::{self, Unreadable};
use crate::i18n::I18n;
use crate::oura::models::PublicWorkoutIntensity;
use leptos::prelude::*;
use serde_json::Value;

/// One workout as a list item (Today and this page).
pub fn workout_item(i18n: I18n, w: &Value, lang: &str) -> Result<AnyView, Unreadable> {
    let start = doc::time(w, "start_datetime")?;
    let end = doc::time(w, "end_datetime")?;
    let intensity = match PublicWorkoutIntensity::from(doc::string(w, "intensity")?) {
        PublicWorkoutIntensity::Easy => i18n.t("view.intensity.easy"),
        PublicWorkoutIntensity::Moderate => i18n.t("view.intensity.moderate"),
        PublicWorkoutIntensity::Hard => i18n.t("view.intensity.hard"),
        PublicWorkoutIntensity::Other(s) => s,
    };
    let activity = doc::string(w, "activity")?;
    let mut parts = vec![times(&start, Some(&end)), intensity];
    if let Some(c) = doc::opt_num(w, "calories") {
        parts.push(format!("{} {}", num(c, 0, lang), i18n.t("view.unit.kcal")));
    }
    if let Some(d) = doc::opt_num(w, "distance") {
        parts.push(format!(
            "{} {}",
            num(d / 1000.0, 1, lang),
            i18n.t("view.unit.km")
        ));
    }
    let label = doc::opt_str(w, "label").map(str::to_owned);
    Ok(view! {
        <span class="event-title">{code_words(activity)}</span>
        <span class="event-detail">{parts.join(" · ")}</span>
        {label.map(|l| view! { <span class="event-note">{l}</span> })}
    }
    .into_any())
}
