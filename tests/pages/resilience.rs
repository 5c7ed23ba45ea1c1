//! The resilience page's day card.

use super::support::{card, fact, fits, text};
use healthhub::i18n::Lang;
use healthhub::ui::pages::resilience;
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

fn current_step(root: &web_sys::HtmlElement) -> Option<String> {
    root.query_selector(".res-scale [aria-current=\"step\"]")
        .unwrap()
        .and_then(|e| e.text_content())
}

#[wasm_bindgen_test]
async fn the_level_is_marked_on_its_scale_with_its_contributors() {
    let root = card(
        Lang::En,
        resilience::resilience_day,
        vec![json!({"id": "a", "day": "2026-11-15", "level": "solid",
            "contributors": {"sleep_recovery": 66.3, "daytime_recovery": 48.1, "stress": 34.8}})],
    )
    .await;
    assert_eq!(current_step(&root).as_deref(), Some("Solid"));
    let scale = root.query_selector(".res-scale").unwrap().unwrap();
    assert_eq!(
        scale.get_attribute("aria-label").as_deref(),
        Some("Resilience levels, lowest to highest")
    );
    let steps: Vec<String> = all(&root, ".res-scale > li")
        .iter()
        .filter_map(|e| e.text_content())
        .collect();
    assert_eq!(
        steps,
        ["Limited", "Adequate", "Solid", "Strong", "Exceptional"]
    );
    assert!(text(&root).contains("level 3 of 5"), "{}", text(&root));
    assert_eq!(fact(&root, "Sleep recovery").as_deref(), Some("66.3"));
    assert_eq!(fact(&root, "Daytime recovery").as_deref(), Some("48.1"));
    assert_eq!(fact(&root, "Stress").as_deref(), Some("34.8"));
}

#[wasm_bindgen_test]
async fn an_unknown_level_is_spelled_and_no_step_is_marked() {
    let root = card(
        Lang::En,
        resilience::resilience_day,
        vec![
            json!({"id": "a", "day": "2026-11-15", "level": "off_the_charts", "contributors": {}}),
        ],
    )
    .await;
    assert!(text(&root).contains("Off the charts"), "{}", text(&root));
    assert_eq!(current_step(&root), None);
    assert_eq!(fact(&root, "Sleep recovery").as_deref(), Some("—"));
    fits(&root);
}

#[wasm_bindgen_test]
async fn absent_fields_in_japanese() {
    let root = card(
        Lang::Ja,
        resilience::resilience_day,
        vec![json!({"id": "a", "day": "2026-11-15", "level": "strong"})],
    )
    .await;
    assert_eq!(current_step(&root).as_deref(), Some("強い"));
    assert_eq!(fact(&root, "睡眠中の回復").as_deref(), Some("—"));
}
