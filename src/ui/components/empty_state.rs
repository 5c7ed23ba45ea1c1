use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The honest "no data yet" state of a page: what is missing and why.
#[component]
pub fn EmptyState() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="empty-state" role="status">
            <h2>{i18n.tr("state.no_data")}</h2>
            <p>{i18n.tr("state.no_data.why")}</p>
        </section>
    }
}
