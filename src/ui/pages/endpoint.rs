use super::{endpoint_page, set_title, NotFoundPage};
use crate::endpoints::{by_path, Endpoint};
use crate::i18n::use_i18n;
use crate::lazy::LoadFailed;
use crate::ui::components::CsvButton;
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

/// The page of `id` with "Download CSV" of its data after it: every endpoint page's
/// split group wraps its page in this (so the action is in no first-load code).
pub(super) fn with_csv(id: crate::endpoints::EndpointId, page: AnyView) -> AnyView {
    let e = id.endpoint();
    view! {
        {page}
        <section class="card page-csv">
            <CsvButton endpoint=e />
        </section>
    }
    .into_any()
}

/// Keeps the document title on the endpoint's title (in the current language).
#[component]
fn PageTitle(e: &'static Endpoint) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(&i18n.t(&e.title_key())));
}
