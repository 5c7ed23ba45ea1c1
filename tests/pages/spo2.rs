//! The SpO2 page's day card.

use super::support::{card, fact, text};
use healthhub::i18n::Lang;
use healthhub::ui::pages::spo2;
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_average_and_the_breathing_index() {
    let root = card(
        Lang::En,
        spo2::spo2_day,
        vec![json!({"id": "a", "day": "2026-11-15", "spo2_percentage": {"average": 95.265}, "breathing_disturbance_index": 4})],
    )
    .await;
    assert_eq!(
        fact(&root, "Average blood oxygen").as_deref(),
        Some("95.3%")
    );
    assert_eq!(
        fact(&root, "Breathing disturbance index").as_deref(),
        Some("4")
    );
}

#[wasm_bindgen_test]
async fn a_null_average_and_an_absent_index_are_dashes() {
    let root = card(
        Lang::En,
        spo2::spo2_day,
        vec![json!({"id": "a", "day": "2026-11-15", "spo2_percentage": null})],
    )
    .await;
    assert_eq!(fact(&root, "Average blood oxygen").as_deref(), Some("—"));
    assert_eq!(
        fact(&root, "Breathing disturbance index").as_deref(),
        Some("—")
    );
    let ja = card(
        Lang::Ja,
        spo2::spo2_day,
        vec![json!({"id": "a", "day": "2026-11-15", "spo2_percentage": {"average": null}, "breathing_disturbance_index": 12})],
    )
    .await;
    assert_eq!(fact(&ja, "平均血中酸素").as_deref(), Some("—"));
    assert_eq!(
        fact(&ja, "呼吸障害指数").as_deref(),
        Some("12"),
        "{}",
        text(&ja)
    );
}
