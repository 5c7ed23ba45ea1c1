//! The stress page's day card.

use super::support::{card, fact, fits, text};
use healthhub::i18n::Lang;
use healthhub::ui::pages::stress;
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn stress_times_read_as_hours_and_minutes_and_there_is_no_score() {
    let root = card(
        Lang::En,
        stress::stress_day,
        vec![json!({"id": "a", "day": "2026-11-15", "stress_high": 1800, "recovery_high": 5400, "day_summary": "restored"})],
    )
    .await;
    assert_eq!(fact(&root, "Time in high stress").as_deref(), Some("0:30"));
    assert_eq!(
        fact(&root, "Time in high recovery").as_deref(),
        Some("1:30")
    );
    assert_eq!(fact(&root, "Day summary").as_deref(), Some("Restored"));
    assert!(
        root.query_selector(".score-ring").unwrap().is_none(),
        "no stress score is drawn"
    );
    assert!(
        text(&root).contains("Oura gives no stress score"),
        "{}",
        text(&root)
    );
}

#[wasm_bindgen_test]
async fn absent_fields_are_dashes_and_an_unknown_summary_is_spelled() {
    let root = card(
        Lang::En,
        stress::stress_day,
        vec![json!({"id": "a", "day": "2026-11-15", "day_summary": "super_calm"})],
    )
    .await;
    assert_eq!(fact(&root, "Time in high stress").as_deref(), Some("—"));
    assert_eq!(fact(&root, "Time in high recovery").as_deref(), Some("—"));
    assert_eq!(fact(&root, "Day summary").as_deref(), Some("Super calm"));
    fits(&root);
}

#[wasm_bindgen_test]
async fn a_document_that_does_not_fit_is_unreadable_and_the_rest_shows_in_japanese() {
    let root = card(
        Lang::Ja,
        stress::stress_day,
        vec![
            json!({"id": "a", "day": "2026-11-15", "stress_high": "lots"}),
            json!({"id": "b", "day": "2026-11-15", "stress_high": 900, "day_summary": "stressful"}),
        ],
    )
    .await;
    assert!(
        text(&root).contains("この記録は読み取れませんでした。"),
        "{}",
        text(&root)
    );
    assert_eq!(fact(&root, "高ストレスの時間").as_deref(), Some("0:15"));
    assert_eq!(
        fact(&root, "1日のまとめ").as_deref(),
        Some("ストレスが多い")
    );
}
