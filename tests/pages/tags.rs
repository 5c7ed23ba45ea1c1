//! The tag and enhanced-tag pages' day cards: absent optional fields, unknown codes,
//! hostile text, spans from the day before, documents that do not fit.

use super::support::{card, fits, hostile, mount, no_markup_from_data, text, tick};
use healthhub::i18n::Lang;
use healthhub::ui::pages::tags::{enhanced_day, tags_day};
use serde_json::{json, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 15).unwrap()
}

async fn enhanced(lang: Lang, docs: Vec<Value>) -> web_sys::HtmlElement {
    let root = mount(lang, move |i18n| enhanced_day(i18n, &docs, day()));
    tick().await;
    root
}

fn chart_label(root: &web_sys::HtmlElement) -> String {
    root.query_selector(".chart-timeline .chart-svg")
        .unwrap()
        .and_then(|e| e.get_attribute("aria-label"))
        .unwrap_or_default()
}

fn notes(root: &web_sys::HtmlElement) -> Vec<String> {
    all(root, ".event-note")
        .iter()
        .filter_map(|e| e.text_content())
        .collect()
}

/// The text of each element matching `sel`.
fn texts(root: &web_sys::HtmlElement, sel: &str) -> Vec<String> {
    all(root, sel)
        .iter()
        .filter_map(|e| e.text_content())
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
async fn a_tag_without_text_and_with_unknown_codes_reads_as_words() {
    let root = card(
        Lang::En,
        tags_day,
        vec![json!({
            "id": "t", "day": "2026-11-15", "timestamp": "2026-11-15T11:32:42+09:00",
            "tags": ["travel", "tag_generic_brand_new"], "text": null
        })],
    )
    .await;
    let t = text(&root);
    assert!(t.contains("Travel, Brand new"), "{t}");
    assert!(t.contains("11:32"), "{t}");
    assert!(notes(&root).is_empty(), "no text invented");
    let label = chart_label(&root);
    assert!(label.starts_with("Tags through the day"), "{label}");
    assert!(
        label.contains("Tags: 1: 11:32 · Travel, Brand new"),
        "{label}"
    );
}

#[wasm_bindgen_test]
async fn a_hostile_tag_text_is_text_and_fits_and_a_bad_tag_is_reported() {
    let long = hostile(5000);
    let root = card(
        Lang::En,
        tags_day,
        vec![
            json!({"id": "t", "day": "2026-11-15", "timestamp": "2026-11-15T09:00:00+09:00", "tags": [], "text": long}),
            json!({"id": "u", "day": "2026-11-15", "tags": ["sauna"]}),
        ],
    )
    .await;
    assert_eq!(notes(&root), vec![long]);
    assert!(text(&root).contains("This record could not be read"));
    no_markup_from_data(&root);
    fits(&root);
}

#[wasm_bindgen_test]
async fn an_enhanced_tag_with_only_required_fields_is_a_tag_at_a_moment() {
    let root = enhanced(
        Lang::En,
        vec![json!({"id": "e", "start_time": "2026-11-15T10:50:26+09:00", "start_day": "2026-11-15"})],
    )
    .await;
    assert_eq!(texts(&root, ".event-title"), vec!["Tag"]);
    assert_eq!(texts(&root, ".event-detail"), vec!["10:50"]);
    assert!(notes(&root).is_empty());
    assert!(
        chart_label(&root).contains("10:50 · Tag"),
        "{}",
        chart_label(&root)
    );
}

#[wasm_bindgen_test]
async fn a_span_from_the_day_before_shows_both_dates_and_unknown_codes_are_words() {
    let root = enhanced(
        Lang::En,
        vec![
            json!({
                "id": "a", "tag_type_code": "tag_generic_fasting",
                "start_time": "2026-11-14T22:00:00+09:00", "end_time": "2026-11-15T01:00:00+09:00",
                "start_day": "2026-11-14", "end_day": "2026-11-15", "comment": "", "custom_name": null
            }),
            json!({
                "id": "b", "tag_type_code": "tag_generic_zero_gravity",
                "start_time": "2026-11-15T14:16:48+09:00", "end_time": "2026-11-15T15:48:30+09:00",
                "start_day": "2026-11-15", "end_day": null
            }),
        ],
    )
    .await;
    let t = text(&root);
    assert!(t.contains("Fasting"), "{t}");
    assert!(t.contains("Sat, Nov 14 22:00–01:00 · 3 h"), "{t}");
    assert!(t.contains("Zero gravity"), "{t}");
    assert!(t.contains("14:16–15:48 · 1 h 32 min"), "{t}");
    assert!(notes(&root).is_empty(), "an empty comment is not shown");
    assert_eq!(all(&root, ".chart-svg .st-1").len(), 2);
}

#[wasm_bindgen_test]
async fn hostile_custom_names_and_comments_are_text_and_fit() {
    let long = hostile(5000);
    let root = enhanced(
        Lang::En,
        vec![json!({
            "id": "c", "tag_type_code": "custom", "custom_name": long, "comment": long,
            "start_time": "2026-11-15T08:50:02+09:00", "start_day": "2026-11-15"
        })],
    )
    .await;
    assert_eq!(notes(&root), vec![long.clone()]);
    assert!(text(&root).contains("שלום עולם"));
    no_markup_from_data(&root);
    fits(&root);
    assert!(
        chart_label(&root).contains('…'),
        "the chart cuts long names"
    );
}

#[wasm_bindgen_test]
async fn enhanced_tags_read_in_japanese() {
    let root = enhanced(
        Lang::Ja,
        vec![
            json!({"id": "e", "start_time": "2026-11-15T10:00:00+09:00", "end_time": "2026-11-15T13:00:00+09:00", "start_day": "2026-11-15", "comment": "メモ"}),
            json!({"id": "bad", "start_day": "2026-11-15"}),
        ],
    )
    .await;
    let t = text(&root);
    assert!(t.contains("タグ"), "{t}");
    assert!(t.contains("10:00–13:00 · 3時間"), "{t}");
    assert!(t.contains("この記録は読み取れませんでした。"), "{t}");
    assert_eq!(notes(&root), vec!["メモ".to_owned()]);
}
