use super::set_title;
use crate::i18n::use_i18n;
use crate::ui::router::Link;
use leptos::prelude::*;

/// Any address the app has no page for.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(&i18n.t("notfound.title")));
    view! {
        <h1>{i18n.tr("notfound.title")}</h1>
        <p>{i18n.tr("notfound.body")}</p>
        <p>
            <Link to="/">{i18n.tr("notfound.home")}</Link>
        </p>
    }
}
