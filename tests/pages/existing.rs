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

#[wasm_bindgen_test]
async fn a_sleep_period_with_only_the_required_fields_is_shown() {
    // 1.41 requires only these: no type, no durations, no samples.
    let root = card(
        Lang::En,
        healthhub::ui::pages::sleep::sleep_day,
        vec![json!({
            "id": "s1", "day": "2026-11-15", "low_battery_alert": false, "period": 0,
            "bedtime_start": "2026-11-14T23:10:00+09:00",
            "bedtime_end": "2026-11-15T06:40:00+09:00", "time_in_bed": 27000
        })],
    )
    .await;
    let t = text(&root);
    assert!(t.contains("Sleep period · 23:10–06:40"), "{t}");
    assert_eq!(fact(&root, "Time in bed").as_deref(), Some("7:30"));
    assert_eq!(fact(&root, "Total sleep").as_deref(), Some("—"));
    assert!(!t.contains("could not be read"), "{t}");
}
