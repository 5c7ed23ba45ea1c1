//! The pages of part 1 (sleep score, readiness) with absent optional fields.

use super::support::{card, fact, text};
use healthhub::i18n::Lang;
use healthhub::ui::pages::{readiness, sleep_score};
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_sleep_score_without_a_score_or_contributors_shows_dashes() {
    let root = card(
        Lang::En,
        sleep_score::daily_sleep_day,
        vec![json!({"id": "a", "day": "2026-11-15", "contributors": {}})],
    )
    .await;
    assert_eq!(fact(&root, "Deep sleep").as_deref(), Some("—"));
    assert!(text(&root).contains("Sleep"), "{}", text(&root));
}

#[wasm_bindgen_test]
async fn readiness_without_temperature_reads_as_missing_in_japanese() {
    let root = card(
        Lang::Ja,
        readiness::readiness_day,
        vec![json!({"id": "a", "day": "2026-11-15", "contributors": {"hrv_balance": 70}})],
    )
    .await;
    assert_eq!(
        fact(&root, "HRVバランス").as_deref(),
        Some("70"),
        "{}",
        text(&root)
    );
    assert_eq!(fact(&root, "体温の偏差").as_deref(), Some("—"));
}
