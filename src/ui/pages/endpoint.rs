use super::{endpoint_page, set_title, NotFoundPage};
use crate::endpoints::{by_path, Endpoint};
use crate::i18n::use_i18n;
use crate::ui::components::{use_sync, EmptyState, EndpointStatus};
use leptos::prelude::*;

/// The page of one endpoint, chosen by the `/data/<segment>` address (its path as
/// Oura spells it). An unknown segment is a "page not found".
#[component]
pub fn EndpointPage(segment: String) -> impl IntoView {
    let i18n = use_i18n();
    let endpoint = by_path(&segment);
    Effect::new(move |_| {
        if let Some(e) = endpoint {
            set_title(&i18n.t(&e.title_key()));
        }
    });
    match endpoint {
        None => view! { <NotFoundPage /> }.into_any(),
        Some(e) => endpoint_page(e),
    }
}

/// An endpoint's title, description and sync status (pages still to be built).
pub fn status_page(e: &'static Endpoint) -> AnyView {
    let i18n = use_i18n();
    let progress = use_sync().progress;
    let id = e.id;
    let empty = move || {
        progress
            .endpoints
            .with(|v| v.get(id as usize).is_none_or(|p| p.count == 0))
    };
    view! {
        <h1>{i18n.tr_owned(e.title_key())}</h1>
        <p class="lead">{i18n.tr_owned(e.about_key())}</p>
        <EndpointStatus id=id />
        <Show when=empty>
            <EmptyState />
        </Show>
    }
    .into_any()
}
