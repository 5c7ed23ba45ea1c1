//! The personal info page and its Settings summary.

use super::support::{card, fact, fits, hostile, no_markup_from_data, text};
use healthhub::i18n::Lang;
use healthhub::ui::pages::personal_info;
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn profile() -> serde_json::Value {
    json!({"id": "p", "age": 38, "weight": 71.0, "height": 1.75, "biological_sex": "male", "email": "sim.user3@example.com"})
}

#[wasm_bindgen_test]
async fn metric_with_imperial_in_english() {
    let root = card(Lang::En, personal_info::personal_info_day, vec![profile()]).await;
    assert_eq!(fact(&root, "Age").as_deref(), Some("38 years"));
    assert_eq!(fact(&root, "Height").as_deref(), Some("175 cm (5 ft 9 in)"));
    assert_eq!(fact(&root, "Weight").as_deref(), Some("71 kg (157 lb)"));
    assert_eq!(fact(&root, "Biological sex").as_deref(), Some("Male"));
    assert_eq!(
        fact(&root, "Email").as_deref(),
        Some("sim.user3@example.com")
    );
    let summary = card(Lang::En, personal_info::profile_summary, vec![profile()]).await;
    assert_eq!(
        text(&summary).trim(),
        "38 years · 175 cm (5 ft 9 in) · 71 kg (157 lb)"
    );
}

#[wasm_bindgen_test]
async fn metric_only_in_japanese() {
    let root = card(Lang::Ja, personal_info::personal_info_day, vec![profile()]).await;
    assert_eq!(fact(&root, "年齢").as_deref(), Some("38歳"));
    assert_eq!(fact(&root, "身長").as_deref(), Some("175 cm"));
    assert_eq!(fact(&root, "体重").as_deref(), Some("71 kg"));
    assert_eq!(fact(&root, "生物学的性別").as_deref(), Some("男性"));
}

#[wasm_bindgen_test]
async fn absent_unknown_and_hostile_fields() {
    let root = card(
        Lang::En,
        personal_info::personal_info_day,
        vec![json!({"id": "p", "biological_sex": "not_specified", "email": hostile(5000)})],
    )
    .await;
    assert_eq!(fact(&root, "Age").as_deref(), Some("—"));
    assert_eq!(fact(&root, "Height").as_deref(), Some("—"));
    assert_eq!(fact(&root, "Weight").as_deref(), Some("—"));
    assert_eq!(
        fact(&root, "Biological sex").as_deref(),
        Some("Not specified")
    );
    assert!(fact(&root, "Email").is_some_and(|e| e.starts_with("<img src=x")));
    no_markup_from_data(&root);
    fits(&root);
    let bad = card(
        Lang::En,
        personal_info::personal_info_day,
        vec![json!({"id": "p", "age": "old"})],
    )
    .await;
    assert!(
        text(&bad).contains("This record could not be read."),
        "{}",
        text(&bad)
    );
    let none = card(Lang::En, personal_info::personal_info_day, vec![]).await;
    assert!(
        text(&none).contains("has not been synced"),
        "{}",
        text(&none)
    );
}
