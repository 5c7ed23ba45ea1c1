use super::set_title;
use crate::i18n::use_i18n;
use crate::ui::href;
use leptos::prelude::*;
use leptos_router::components::A;

/// Any address the app has no page for.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(&i18n.t("notfound.title")));
    view! {
        <h1>{move || i18n.t("notfound.title")}</h1>
        <p>{move || i18n.t("notfound.body")}</p>
        <p>
            <A href=href("/")>{move || i18n.t("notfound.home")}</A>
        </p>
    }
}
