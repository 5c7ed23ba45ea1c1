//! The sessions page's day card: absent optional fields, unknown enums, curves with
//! gaps, a document that does not fit.

use super::support::{card, fact, fits, hostile, text};
use healthhub::i18n::Lang;
use healthhub::ui::pages::sessions::sessions_day;
use serde_json::{json, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn bare() -> Value {
    json!({
        "id": "s", "day": "2026-11-13", "type": "meditation",
        "start_datetime": "2026-11-13T06:29:27+09:00",
        "end_datetime": "2026-11-13T06:45:07+09:00"
    })
}

fn charts(root: &web_sys::HtmlElement) -> Vec<String> {
    all(root, ".chart-svg")
        .iter()
        .filter_map(|e| e.get_attribute("aria-label"))
        .collect()
}

/// The elements under `root` matching `sel`.
fn all(root: &web_sys::HtmlElement, sel: &str) -> Vec<web_sys::Element> {
    use wasm_bindgen::JsCast;
    let f: js_sys::Function = js_sys::Reflect::get(root, &"querySelectorAll".into())
        .unwrap()
        .unchecked_into();
    let list = f.call1(root, &sel.into()).unwrap();
    js_sys::Array::from(&list)
        .iter()
        .map(|e| e.unchecked_into())
        .collect()
}

#[wasm_bindgen_test]
async fn a_session_without_mood_or_curves_shows_a_dash_and_no_chart() {
    let root = card(Lang::En, sessions_day, vec![bare()]).await;
    assert!(
        text(&root).contains("Meditation · 06:29–06:45"),
        "{}",
        text(&root)
    );
    assert_eq!(fact(&root, "Duration").as_deref(), Some("16 min"));
    assert_eq!(fact(&root, "Mood").as_deref(), Some("—"));
    assert!(charts(&root).is_empty(), "no curve invented");
}

#[wasm_bindgen_test]
async fn unknown_type_and_mood_are_spelled_and_curves_are_drawn_with_gaps() {
    let mut s = bare();
    s["type"] = json!("cold_plunge");
    s["mood"] = json!("ecstatic");
    let sample = |items: Value| json!({"interval": 5.0, "items": items, "timestamp": "2026-11-13T06:29:27.000+09:00"});
    s["heart_rate"] = sample(json!([null, null, 61.2, 60.0, 58.8]));
    s["heart_rate_variability"] = sample(json!([null, 40.0, 44.0]));
    s["motion_count"] = sample(json!([0.0, 12.0, 20.0]));
    let root = card(Lang::En, sessions_day, vec![s]).await;
    assert!(text(&root).contains("Cold plunge · 06:29–06:45"));
    assert_eq!(fact(&root, "Mood").as_deref(), Some("Ecstatic"));
    let c = charts(&root);
    assert_eq!(c.len(), 3, "{c:?}");
    assert!(
        c[0].starts_with("Heart rate. ") && c[0].contains("from 59 to 61 bpm"),
        "{c:?}"
    );
    assert!(c[1].starts_with("Heart rate variability. "), "{c:?}");
    assert!(c[2].starts_with("Motion. "), "{c:?}");
}

#[wasm_bindgen_test]
async fn a_long_unknown_type_fits_and_a_bad_document_is_reported() {
    let mut s = bare();
    s["type"] = json!(hostile(5000));
    let root = card(
        Lang::En,
        sessions_day,
        vec![s, json!({"id": "x", "type": "nap"})],
    )
    .await;
    assert!(text(&root).contains("This record could not be read"));
    assert!(root.query_selector("img").unwrap().is_none());
    fits(&root);
}

#[wasm_bindgen_test]
async fn a_session_reads_in_japanese() {
    let mut s = bare();
    s["mood"] = json!("good");
    let root = card(Lang::Ja, sessions_day, vec![s]).await;
    assert!(text(&root).contains("瞑想 · 06:29–06:45"));
    assert_eq!(fact(&root, "気分").as_deref(), Some("良い"));
    assert_eq!(fact(&root, "所要時間").as_deref(), Some("16分"));
}
