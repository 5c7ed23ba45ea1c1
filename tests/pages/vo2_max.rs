//! The VO2 max page's day card.

use super::support::{card, fact};
use healthhub::i18n::Lang;
use healthhub::ui::pages::vo2_max;
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_estimate_and_when_it_was_made() {
    let root = card(
        Lang::En,
        vo2_max::vo2_max_day,
        vec![json!({"id": "a", "day": "2026-11-10", "timestamp": "2026-11-10T14:03:00+09:00", "vo2_max": 40})],
    )
    .await;
    assert_eq!(
        fact(&root, "Estimated VO2 max").as_deref(),
        Some("40 ml/kg/min")
    );
    assert_eq!(fact(&root, "Estimated at").as_deref(), Some("14:03"));
}

#[wasm_bindgen_test]
async fn absent_fields_are_dashes_in_japanese() {
    let root = card(
        Lang::Ja,
        vo2_max::vo2_max_day,
        vec![json!({"id": "a", "day": "2026-11-10"})],
    )
    .await;
    assert_eq!(fact(&root, "VO2max").as_deref(), Some("—"));
    assert_eq!(fact(&root, "推定した時刻").as_deref(), Some("—"));
}
