use super::set_title;
use crate::i18n::use_i18n;
use crate::ui::components::EmptyState;
use leptos::prelude::*;

/// Today: the day's scores and events. Until data is synced it says so.
#[component]
pub fn TodayPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(&i18n.t("page.today.title")));
    view! {
        <h1>{move || i18n.t("page.today.title")}</h1>
        <EmptyState />
    }
}
