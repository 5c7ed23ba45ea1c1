//! The `tag` and `enhanced_tag` pages: a timeline of tags.

use super::common::{clock, code_words, times};
use super::doc::{self, Unreadable};
use crate::i18n::I18n;
use leptos::prelude::*;
use serde_json::Value;

/// One (deprecated) tag as a list item (Today and this page).
pub fn tag_item(_i18n: I18n, t: &Value, _lang: &str) -> Result<AnyView, Unreadable> {
    let at = doc::time(t, "timestamp")?;
    let names = t
        .get("tags")
        .and_then(Value::as_array)
        .ok_or_else(|| doc::bad("tags"))?
        .iter()
        .map(|s| s.as_str().map(code_words))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| doc::bad("tags"))?
        .join(", ");
    let text = doc::opt_str(t, "text").map(str::to_owned);
    Ok(view! {
        <span class="event-title">{names}</span>
        <span class="event-detail">{clock(&at)}</span>
        {text.map(|l| view! { <span class="event-note">{l}</span> })}
    }
    .into_any())
}

/// One enhanced tag as a list item (Today and this page).
pub fn enhanced_item(i18n: I18n, t: &Value, _lang: &str) -> Result<AnyView, Unreadable> {
    let start = doc::time(t, "start_time")?;
    let end = doc::opt_time(t, "end_time");
    let name = doc::opt_str(t, "custom_name")
        .map(str::to_owned)
        .or_else(|| doc::opt_str(t, "tag_type_code").map(code_words))
        .unwrap_or_else(|| i18n.t("view.tag"));
    let comment = doc::opt_str(t, "comment").map(str::to_owned);
    Ok(view! {
        <span class="event-title">{name}</span>
        <span class="event-detail">{times(&start, end.as_ref())}</span>
        {comment.map(|l| view! { <span class="event-note">{l}</span> })}
    }
    .into_any())
}
