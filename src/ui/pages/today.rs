use super::set_title;
use crate::i18n::use_i18n;
use crate::ui::components::{use_session, EmptyState, SignInButton};
use leptos::prelude::*;

/// Today: the day's scores and events. Before sign-in it welcomes the user with the
/// "Sign in with Oura" button; until data is synced it says so.
#[component]
pub fn TodayPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    Effect::new(move |_| set_title(&i18n.t("page.today.title")));
    let signed_out = move || session.session.with(|s| s.is_none());
    view! {
        <h1>{move || i18n.t("page.today.title")}</h1>
        <Show when=signed_out fallback=|| view! { <EmptyState /> }>
            <section class="card welcome">
                <h2>{move || i18n.t("welcome.title")}</h2>
                <p>{move || i18n.t("welcome.body")}</p>
                <SignInButton />
            </section>
        </Show>
    }
}
