//! Today's events of the day — workouts, sessions and tags — as lists.

use super::common::{loaded_view, unreadable, use_docs};
use super::doc::{self, Unreadable};
use super::sessions::session_item;
use super::tags::{enhanced_item, tag_item};
use super::workouts::workout_item;
use crate::endpoints::EndpointId;
use crate::i18n::{use_i18n, I18n};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;

/// The workouts, sessions and tags of `day`.
#[component]
pub fn TodayEvents(day: Memo<Option<NaiveDate>>) -> impl IntoView {
    let i18n = use_i18n();
    let range = super::common::around(day, 0, 0);
    let workouts = use_docs(EndpointId::Workout, range);
    let sessions = use_docs(EndpointId::Session, range);
    let tags = use_docs(EndpointId::Tag, range);
    let enhanced = use_docs(EndpointId::EnhancedTag, range);
    view! {
        <section class="card" aria-labelledby="workouts-h">
            <h2 id="workouts-h">{i18n.tr("endpoint.workout.title")}</h2>
            {loaded_view(workouts, EndpointId::Workout, day, true, move |d| list(i18n, d, workout_item))}
        </section>
        <section class="card" aria-labelledby="sessions-h">
            <h2 id="sessions-h">{i18n.tr("endpoint.session.title")}</h2>
            {loaded_view(sessions, EndpointId::Session, day, true, move |d| list(i18n, d, session_item))}
        </section>
        <section class="card" aria-labelledby="tags-h">
            <h2 id="tags-h">{i18n.tr("view.tags")}</h2>
            {loaded_view(tags, EndpointId::Tag, day, true, move |d| list(i18n, d, tag_item))}
            {loaded_view(enhanced, EndpointId::EnhancedTag, day, true, move |d| list(i18n, d, enhanced_item))}
        </section>
    }
}

/// The documents of the day as a list of items made by `f`.
fn list(
    i18n: I18n,
    docs: &[Value],
    f: fn(I18n, &Value, &str) -> Result<AnyView, Unreadable>,
) -> AnyView {
    let lang = i18n.lang.get().code();
    let items = docs
        .iter()
        .map(|d| {
            let item = match doc::object(d).and_then(|m| f(i18n, m, lang)) {
                Ok(v) => v,
                Err(e) => unreadable(i18n, &e),
            };
            view! { <li>{item}</li> }
        })
        .collect_view();
    view! { <ul class="event-list">{items}</ul> }.into_any()
}
