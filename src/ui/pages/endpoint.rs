use super::{set_title, NotFoundPage};
use crate::endpoints::by_path;
use crate::i18n::use_i18n;
use crate::ui::components::EmptyState;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The page of one endpoint, chosen by the `:endpoint` route segment (its path as
/// Oura spells it). An unknown segment is a "page not found".
#[component]
pub fn EndpointPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let endpoint = Memo::new(move |_| params.with(|p| p.get("endpoint").and_then(|s| by_path(&s))));
    Effect::new(move |_| {
        if let Some(e) = endpoint.get() {
            set_title(&i18n.t(&e.title_key()));
        }
    });
    move || match endpoint.get() {
        None => view! { <NotFoundPage /> }.into_any(),
        Some(e) => {
            let title = e.title_key();
            let about = e.about_key();
            view! {
                <h1>{move || i18n.t(&title)}</h1>
                <p class="lead">{move || i18n.t(&about)}</p>
                <EmptyState />
            }
            .into_any()
        }
    }
}
