//! The rings page: every ring, newest first.

use super::support::{card, fact, fits, hostile, no_markup_from_data, text};
use healthhub::i18n::Lang;
use healthhub::ui::pages::rings;
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Every element under `root` matching `sel`.
fn all(root: &web_sys::HtmlElement, sel: &str) -> Vec<web_sys::HtmlElement> {
    let f: js_sys::Function = js_sys::Reflect::get(root, &"querySelectorAll".into())
        .unwrap()
        .unchecked_into();
    let list = f.call1(root, &sel.into()).unwrap();
    js_sys::Array::from(&list)
        .iter()
        .map(|e| e.unchecked_into())
        .collect()
}

fn names(root: &web_sys::HtmlElement) -> Vec<String> {
    all(root, ".ring-name")
        .iter()
        .filter_map(|n| n.text_content())
        .collect()
}

#[wasm_bindgen_test]
async fn rings_newest_first_with_translated_values_and_unknown_dates() {
    let root = card(
        Lang::En,
        rings::rings_day,
        vec![
            json!({"id": "a", "color": "brushed_silver", "design": "heritage", "firmware_version": "2.9.32",
                "hardware_type": "gen3", "set_up_at": "1970-01-01T00:00:00+00:00", "size": 12}),
            json!({"id": "b", "color": "deep_rose", "design": "ceramic", "firmware_version": "1.4.2",
                "hardware_type": "or5", "set_up_at": "2026-09-22T13:37:03+00:00", "size": null}),
        ],
    )
    .await;
    assert_eq!(names(&root), ["Oura Ring 5", "Oura Ring Gen3"]);
    let items = all(&root, ".ring-item");
    let (first, second) = (&items[0], &items[1]);
    assert_eq!(fact(first, "Color").as_deref(), Some("Deep rose"));
    assert_eq!(fact(first, "Design").as_deref(), Some("Ceramic"));
    assert_eq!(fact(first, "Size (US)").as_deref(), Some("—"));
    assert!(
        fact(first, "Set up").is_some_and(|t| t.contains("2026")),
        "{}",
        text(first)
    );
    assert_eq!(fact(second, "Set up").as_deref(), Some("unknown"));
    assert_eq!(fact(second, "Firmware").as_deref(), Some("2.9.32"));
    assert_eq!(fact(second, "Size (US)").as_deref(), Some("12"));
}

#[wasm_bindgen_test]
async fn unknown_and_hostile_values_are_text_and_fit() {
    let long = hostile(5000);
    let root = card(
        Lang::En,
        rings::rings_day,
        vec![
            json!({"id": "a", "color": "aurora_borealis", "hardware_type": "gen9", "firmware_version": long}),
            json!({"id": "b", "size": "large"}),
            json!({"id": "c"}),
        ],
    )
    .await;
    assert_eq!(names(&root)[0], "Gen9");
    assert!(
        text(&root).contains("Aurora borealis"),
        "{}",
        &text(&root)[..200]
    );
    assert!(text(&root).contains("שלום עולם"));
    assert!(text(&root).contains("This record could not be read."));
    assert_eq!(names(&root).len(), 2, "the readable rings still show");
    no_markup_from_data(&root);
    fits(&root);
}

#[wasm_bindgen_test]
async fn japanese_ring_values() {
    let root = card(
        Lang::Ja,
        rings::rings_day,
        vec![json!({"id": "a", "color": "stealth_black", "hardware_type": "gen4"})],
    )
    .await;
    assert_eq!(fact(&root, "カラー").as_deref(), Some("ステルスブラック"));
    assert_eq!(fact(&root, "セットアップ日").as_deref(), Some("不明"));
    assert_eq!(names(&root), ["Oura Ring 4"]);
}
