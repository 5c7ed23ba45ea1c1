use super::set_title;
use crate::i18n::{use_i18n, Lang};
use crate::ui::components::{AccountDetails, ConfigDetails};
use leptos::prelude::*;

/// Settings: language, the connection to Oura (for diagnosis), version.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(&i18n.t("page.settings.title")));
    view! {
        <h1>{move || i18n.t("page.settings.title")}</h1>
        <section class="card">
            <h2>
                <label for="language">{move || i18n.t("settings.language")}</label>
            </h2>
            <LanguageSelect />
        </section>
        <section class="card">
            <h2>{move || i18n.t("account.title")}</h2>
            <AccountDetails />
        </section>
        <section class="card">
            <h2>{move || i18n.t("settings.config")}</h2>
            <ConfigDetails />
        </section>
        <section class="card">
            <h2>{move || i18n.t("settings.about")}</h2>
            <dl class="facts">
                <dt>{move || i18n.t("settings.version")}</dt>
                <dd>{env!("CARGO_PKG_VERSION")}</dd>
            </dl>
        </section>
    }
}

/// The language picker: follow the browser, English or Japanese. The choice is
/// remembered on this device.
#[component]
pub fn LanguageSelect() -> impl IntoView {
    let i18n = use_i18n();
    let current = move || i18n.choice.get().map(Lang::code).unwrap_or("auto");
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        i18n.choose(Lang::from_code(&value));
    };
    view! {
        <select id="language" class="select" on:change=on_change prop:value=current>
            <option value="auto" selected=move || current() == "auto">
                {move || i18n.t("settings.language.auto")}
            </option>
            <option value="en" selected=move || current() == "en">
                {move || i18n.t("settings.language.en")}
            </option>
            <option value="ja" selected=move || current() == "ja">
                {move || i18n.t("settings.language.ja")}
            </option>
        </select>
    }
}
