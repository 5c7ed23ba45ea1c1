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

#[wasm_bindgen_test]
async fn links_navigate_without_a_page_load_and_mark_the_current_page() {
    use healthhub::ui::router::{provide_router, use_query, use_route, Link};
    let window = web_sys::window().unwrap();
    let history = window.history().unwrap();
    let start = window.location().href().unwrap();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/"))
        .unwrap();
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_router(String::new());
        let route = use_route();
        let day = use_query("day");
        view! {
            <Link to="/" exact=true>"Today"</Link>
            <Link to="/settings">"Settings"</Link>
            <a id="row" href="/data/sleep?day=2026-11-15">"A day"</a>
            <a id="file" href="/export.json" download="export.json">"Export"</a>
            <p id="route">{move || format!("{:?} {:?}", route.get(), day.get())}</p>
        }
    });
    tick().await;
    let link = |text: &str| -> web_sys::HtmlElement {
        let href = match text {
            "Today" => "/",
            "Settings" => "/settings",
            "A day" => "/data/sleep?day=2026-11-15",
            _ => "/export.json",
        };
        root.query_selector(&format!("a[href='{href}']"))
            .unwrap()
            .unwrap()
            .unchecked_into()
    };
    let shown = || {
        root.query_selector("#route")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert_eq!(shown(), "Today None");
    assert_eq!(
        link("Today").get_attribute("aria-current").as_deref(),
        Some("page")
    );

    link("Settings").click();
    tick().await;
    assert_eq!(window.location().pathname().unwrap(), "/settings");
    assert_eq!(shown(), "Settings None");
    assert_eq!(
        link("Settings").get_attribute("aria-current").as_deref(),
        Some("page")
    );
    assert_eq!(link("Today").get_attribute("aria-current"), None);

    link("A day").click();
    tick().await;
    assert_eq!(window.location().pathname().unwrap(), "/data/sleep");
    assert_eq!(shown(), r#"Endpoint("sleep") Some("2026-11-15")"#);

    // Back goes to the previous page of the app, still without a page load.
    history.back().unwrap();
    tick().await;
    tick().await;
    assert_eq!(shown(), "Settings None");

    // A download link is left to the browser: the router does not claim it.
    let file = link("Export");
    let claimed = std::rc::Rc::new(std::cell::Cell::new(None));
    let seen = claimed.clone();
    let probe =
        wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            seen.set(Some(ev.default_prevented()));
            ev.prevent_default(); // keep the test page from downloading
        });
    window
        .add_event_listener_with_callback("click", probe.as_ref().unchecked_ref())
        .unwrap();
    file.click();
    tick().await;
    assert_eq!(claimed.get(), Some(false), "download links are not routed");
    assert_eq!(shown(), "Settings None");
    window
        .remove_event_listener_with_callback("click", probe.as_ref().unchecked_ref())
        .unwrap();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&start))
        .unwrap();
}
