use super::set_title;
use crate::i18n::{use_i18n, Lang};
use crate::sync::{auto_sync_minutes, set_auto_sync_minutes};
use crate::ui::components::{
    use_sync, AccountDetails, ConfigDetails, CsvPicker, DataActions, EndpointStatusList,
    TryDemoButton,
};
// storage: begin
use crate::ui::components::StorageCard;
// storage: end
use leptos::prelude::*;

/// Settings: language, the connection to Oura (for diagnosis), version.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    // The profile card's text lives in the data pages' tables.
    crate::i18n::register_pages();
    Effect::new(move |_| set_title(&i18n.t("page.settings.title")));
    view! {
        <h1>{i18n.tr("page.settings.title")}</h1>
        <section class="card">
            <h2>
                <label for="language">{i18n.tr("settings.language")}</label>
            </h2>
            <LanguageSelect />
        </section>
        <section class="card">
            <h2>{i18n.tr("account.title")}</h2>
            <AccountDetails />
        </section>
        <super::personal_info::ProfileCard />
        <section class="card">
            <h2>{i18n.tr("data.title")}</h2>
            <DataActions />
            <Show when=move || !sync.demo.get()>
                <TryDemoButton />
            </Show>
            <CsvPicker />
            <p>
                <label for="auto-sync">{i18n.tr("sync.auto")}</label>
            </p>
            <AutoSyncSelect />
            <EndpointStatusList />
        </section>
        // storage: begin
        <StorageCard />
        // storage: end
        <section class="card">
            <h2>{i18n.tr("settings.config")}</h2>
            <ConfigDetails />
        </section>
        <section class="card">
            <h2>{i18n.tr("settings.about")}</h2>
            <dl class="facts">
                <dt>{i18n.tr("settings.version")}</dt>
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
                {i18n.tr("settings.language.auto")}
            </option>
            <option value="en" selected=move || current() == "en">
                {i18n.tr("settings.language.en")}
            </option>
            <option value="ja" selected=move || current() == "ja">
                {i18n.tr("settings.language.ja")}
            </option>
        </select>
    }
}

/// How old the data may get before the app syncs by itself on opening.
#[component]
pub fn AutoSyncSelect() -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(auto_sync_minutes());
    let on_change = move |ev: leptos::ev::Event| {
        if let Ok(m) = event_target_value(&ev).parse::<i64>() {
            set_auto_sync_minutes(m);
            current.set(m);
        }
    };
    let options = [15i64, 60, 360, 1440, 0]
        .into_iter()
        .map(|m| {
            let key = format!("sync.auto.{m}");
            view! {
                <option value=m.to_string() selected=move || current.get() == m>
                    {i18n.tr_owned(key)}
                </option>
            }
        })
        .collect_view();
    view! {
        <select id="auto-sync" class="select" on:change=on_change>
            {options}
        </select>
    }
}
