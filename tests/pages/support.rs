//! Mounting a page's day card and reading what it shows.
#![allow(dead_code)] // each page module uses a part

use healthhub::i18n::{I18n, Lang};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Leptos updates the DOM asynchronously: let it run.
pub async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Mounts `f` (given the language context) in a fresh 360 px wide container.
pub fn mount<V: IntoView + 'static>(
    lang: Lang,
    f: impl FnOnce(I18n) -> V + 'static,
) -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    div.set_attribute("style", "width: 360px").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    let handle = leptos::mount::mount_to(div.clone(), move || {
        let i18n = I18n {
            lang: RwSignal::new(lang),
            choice: RwSignal::new(Some(lang)),
        };
        provide_context(i18n);
        f(i18n)
    });
    std::mem::forget(handle);
    div
}

/// Mounts a day card (`render(i18n, docs)`) and returns its container once drawn.
pub async fn card(
    lang: Lang,
    render: fn(I18n, &[serde_json::Value]) -> AnyView,
    docs: Vec<serde_json::Value>,
) -> web_sys::HtmlElement {
    let root = mount(lang, move |i18n| render(i18n, &docs));
    tick().await;
    root
}

/// The visible text of an element.
pub fn text(root: &web_sys::HtmlElement) -> String {
    root.inner_text()
}

/// The `<dd>` of the `<dt>` labelled `label`, if any.
pub fn fact(root: &web_sys::HtmlElement, label: &str) -> Option<String> {
    let f: js_sys::Function = js_sys::Reflect::get(root, &"querySelectorAll".into())
        .unwrap()
        .unchecked_into();
    let list = f.call1(root, &"dl > div".into()).unwrap();
    js_sys::Array::from(&list).iter().find_map(|row| {
        let row: web_sys::Element = row.unchecked_into();
        let dt = row.query_selector("dt").ok()??;
        if dt.text_content()?.trim() != label {
            return None;
        }
        Some(
            row.query_selector("dd")
                .ok()??
                .text_content()?
                .trim()
                .to_owned(),
        )
    })
}

/// No element was created from markup inside the data (`<script>`, `<img>`, `<b>`).
pub fn no_markup_from_data(root: &web_sys::HtmlElement) {
    for tag in ["script", "img", "b", "iframe"] {
        assert!(
            root.query_selector(tag).unwrap().is_none(),
            "a <{tag}> was created from the data"
        );
    }
}

/// A 5,000-character label with right-to-left text, emoji and markup.
pub fn hostile(len: usize) -> String {
    let mut s = String::from("<img src=x onerror=alert(1)><b>bold</b> שלום עולם 👩‍👩‍👧‍👦🏳️‍🌈 ");
    while s.chars().count() < len {
        s.push_str("long-label-without-spaces-");
    }
    s.chars().take(len).collect()
}

/// The element does not overflow its 360 px container.
pub fn fits(root: &web_sys::HtmlElement) {
    assert!(
        root.scroll_width() <= root.client_width().max(360),
        "overflows 360 px: {} > {}",
        root.scroll_width(),
        root.client_width()
    );
}
