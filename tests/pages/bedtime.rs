//! The bedtime guidance page's day card.

use super::support::{card, fact, mount, text, tick};
use healthhub::i18n::Lang;
use healthhub::ui::pages::bedtime;
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_window_reads_as_clock_times_with_the_night_bedtime() {
    let docs = vec![json!({"id": "a", "day": "2026-10-22",
        "optimal_bedtime": {"day_tz": 32400, "end_offset": 2700, "start_offset": -900},
        "recommendation": "follow_optimal_bedtime", "status": "optimal_found"})];
    let root = mount(Lang::En, move |i18n| {
        bedtime::bedtime_card(i18n, &docs, Some(-118))
    });
    tick().await;
    assert_eq!(
        fact(&root, "Optimal bedtime").as_deref(),
        Some("23:45–00:45")
    );
    assert_eq!(fact(&root, "Your bedtime").as_deref(), Some("23:58"));
    assert_eq!(
        fact(&root, "Recommendation").as_deref(),
        Some("Follow your optimal bedtime")
    );
    assert_eq!(
        fact(&root, "Guidance status").as_deref(),
        Some("Optimal bedtime found")
    );
    assert_eq!(fact(&root, "Time zone").as_deref(), Some("UTC+09:00"));
}

#[wasm_bindgen_test]
async fn no_window_and_unknown_values_are_spelled() {
    let root = card(
        Lang::En,
        bedtime::bedtime_day,
        vec![
            json!({"id": "a", "day": "2026-11-15", "optimal_bedtime": null,
            "recommendation": "sleep_on_the_moon", "status": "computing"}),
        ],
    )
    .await;
    assert_eq!(fact(&root, "Optimal bedtime").as_deref(), Some("—"));
    assert_eq!(
        fact(&root, "Recommendation").as_deref(),
        Some("Sleep on the moon")
    );
    assert_eq!(fact(&root, "Guidance status").as_deref(), Some("Computing"));
    assert!(
        text(&root).contains("has not found an optimal bedtime"),
        "{}",
        text(&root)
    );
    let bare = card(
        Lang::En,
        bedtime::bedtime_day,
        vec![json!({"id": "a", "day": "2026-11-15"})],
    )
    .await;
    assert_eq!(fact(&bare, "Recommendation").as_deref(), Some("—"));
    assert_eq!(fact(&bare, "Guidance status").as_deref(), Some("—"));
}

#[wasm_bindgen_test]
async fn japanese_recommendation_and_status() {
    let root = card(
        Lang::Ja,
        bedtime::bedtime_day,
        vec![
            json!({"id": "a", "day": "2026-11-15", "optimal_bedtime": null,
            "recommendation": "later_wake_up_time", "status": "not_enough_nights"}),
        ],
    )
    .await;
    assert_eq!(
        fact(&root, "おすすめ").as_deref(),
        Some("遅めに起きましょう")
    );
    assert_eq!(
        fact(&root, "ステータス").as_deref(),
        Some("まだ夜の記録が足りません")
    );
}
