//! Components in a real browser (headless Chromium via wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

use healthhub::config::ConfigError;
use healthhub::i18n::{I18n, Lang};
use healthhub::ui::components::{ConfigBanner, ConfigState, EmptyState};
use healthhub::ui::pages::LanguageSelect;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Leptos updates the DOM asynchronously: let it run.
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn container() -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
async fn choosing_japanese_translates_the_ui_and_is_remembered() {
    storage().remove_item("healthhub.lang").unwrap();
    let root = container();
    let i18n_slot = RwSignal::new(None::<I18n>);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let i18n = I18n::from_browser();
        provide_context(i18n);
        i18n_slot.set(Some(i18n));
        view! {
            <LanguageSelect />
            <EmptyState />
        }
    });
    tick().await;
    let select: web_sys::HtmlSelectElement = root
        .query_selector("select")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(
        select.value(),
        "auto",
        "follows the browser until the user chooses"
    );

    select.set_value("ja");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    tick().await;

    let text = root.text_content().unwrap_or_default();
    assert!(
        text.contains("まだデータがありません"),
        "empty state now in Japanese: {text}"
    );
    assert_eq!(
        i18n_slot.get_untracked().map(|i| i.lang.get_untracked()),
        Some(Lang::Ja)
    );
    let html_lang = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .document_element()
        .unwrap()
        .get_attribute("lang");
    assert_eq!(
        html_lang.as_deref(),
        Some("ja"),
        "<html lang> follows for screen readers"
    );
    assert_eq!(
        storage().get_item("healthhub.lang").unwrap().as_deref(),
        Some("ja")
    );

    select.set_value("auto");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    tick().await;
    assert_eq!(
        storage().get_item("healthhub.lang").unwrap(),
        None,
        "auto forgets the choice"
    );
}

#[wasm_bindgen_test]
async fn a_config_error_shows_an_alert_with_the_fix_and_nothing_otherwise() {
    let root = container();
    let state = ConfigState::new();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(I18n {
            lang: RwSignal::new(Lang::En),
            choice: RwSignal::new(Some(Lang::En)),
        });
        provide_context(state);
        view! { <ConfigBanner /> }
    });
    tick().await;
    assert!(
        root.query_selector("[role=alert]").unwrap().is_none(),
        "no banner while loading"
    );

    state.0.set(Some(Err(ConfigError::PlaceholderClientId)));
    tick().await;
    let alert = root
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert for a bad config");
    let text = alert.text_content().unwrap_or_default();
    assert!(text.contains("placeholder client_id"), "{text}");
    assert!(text.contains("client id into config.json"), "{text}");
}
