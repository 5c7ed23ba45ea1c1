use super::daily::{ActivityPage, ReadinessPage};
use super::sleep::{DailySleepPage, SleepPage};
use super::{set_title, NotFoundPage};
use crate::endpoints::{by_path, EndpointId};
use crate::i18n::use_i18n;
use crate::ui::components::{use_sync, EmptyState, EndpointStatus};
use leptos::prelude::*;

/// The page of one endpoint, chosen by the `/data/<segment>` address (its path as
/// Oura spells it). An unknown segment is a "page not found". Sleep, sleep periods,
/// readiness and activity have their own views; the others show their status.
#[component]
pub fn EndpointPage(segment: String) -> impl IntoView {
    let i18n = use_i18n();
    let progress = use_sync().progress;
    let endpoint = by_path(&segment);
    Effect::new(move |_| {
        if let Some(e) = endpoint {
            set_title(&i18n.t(&e.title_key()));
        }
    });
    match endpoint {
        None => view! { <NotFoundPage /> }.into_any(),
        Some(e) if e.id == EndpointId::DailySleep => view! { <DailySleepPage /> }.into_any(),
        Some(e) if e.id == EndpointId::Sleep => view! { <SleepPage /> }.into_any(),
        Some(e) if e.id == EndpointId::DailyReadiness => view! { <ReadinessPage /> }.into_any(),
        Some(e) if e.id == EndpointId::DailyActivity => view! { <ActivityPage /> }.into_any(),
        Some(e) => {
            let title = e.title_key();
            let about = e.about_key();
            let id = e.id;
            let empty = move || {
                progress
                    .endpoints
                    .with(|v| v.get(id as usize).is_none_or(|p| p.count == 0))
            };
            view! {
                <h1>{i18n.tr_owned(title)}</h1>
                <p class="lead">{i18n.tr_owned(about)}</p>
                <EndpointStatus id=id />
                <Show when=empty>
                    <EmptyState />
                </Show>
            }
            .into_any()
        }
    }
}
