use super::{endpoint_page, set_title, NotFoundPage};
use crate::endpoints::{by_path, Endpoint};
use crate::i18n::use_i18n;
use crate::lazy::LoadFailed;
use leptos::prelude::*;

/// The page of one endpoint, chosen by the `/data/<segment>` address (its path as
/// Oura spells it), once its code is loaded. An unknown segment is a "page not found".
pub async fn load_endpoint_page(segment: String) -> Result<AnyView, LoadFailed> {
    let Some(e) = by_path(&segment) else {
        return Ok(view! { <NotFoundPage /> }.into_any());
    };
    let page = endpoint_page(e).await?;
    Ok(view! {
        <PageTitle e=e />
        {page}
    }
    .into_any())
}

/// Keeps the document title on the endpoint's title (in the current language).
#[component]
fn PageTitle(e: &'static Endpoint) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(&i18n.t(&e.title_key())));
}
