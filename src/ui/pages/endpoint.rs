use super::{endpoint_page, set_title, NotFoundPage};
use crate::endpoints::by_path;
use crate::i18n::use_i18n;
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
