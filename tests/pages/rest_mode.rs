//! The rest mode page's day card: an open period with only its required fields,
//! episodes with unknown tags, a document that does not fit.

use super::support::{card, fact, fits, hostile, text};
use healthhub::i18n::Lang;
use healthhub::ui::pages::rest_mode::rest_day;
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn an_open_period_with_only_its_required_fields_is_ongoing() {
    let root = card(
        Lang::En,
        rest_day,
        vec![json!({"id": "r", "start_day": "2026-11-10", "episodes": []})],
    )
    .await;
    assert_eq!(fact(&root, "Started").as_deref(), Some("Tue, Nov 10"));
    assert_eq!(fact(&root, "Ended").as_deref(), Some("ongoing"));
    assert_eq!(fact(&root, "Length"), None, "no length for an open period");
    let t = text(&root);
    assert!(t.contains("Tue, Nov 10 – ongoing"), "{t}");
    assert!(t.contains("No episodes recorded."), "{t}");
}

#[wasm_bindgen_test]
async fn a_closed_period_lists_its_episodes_with_tags_as_words() {
    let root = card(
        Lang::En,
        rest_day,
        vec![
            json!({
                "id": "r", "start_day": "2026-11-10", "end_day": "2026-11-12",
                "start_time": "2026-11-10T10:34:46+09:00", "end_time": "2026-11-12T13:33:40+09:00",
                "episodes": [
                    {"tags": ["tag_generic_sick", "tag_sleep_alcohol"], "timestamp": "2026-11-10T11:33:28.000+09:00"},
                    {"tags": ["tag_generic_space_flu"], "timestamp": "2026-11-11T09:00:00.000+09:00"}
                ]
            }),
            json!({"id": "bad", "start_day": "2026-11-10", "episodes": [{"tags": "x"}]}),
        ],
    )
    .await;
    assert_eq!(fact(&root, "Started").as_deref(), Some("Tue, Nov 10 10:34"));
    assert_eq!(fact(&root, "Ended").as_deref(), Some("Thu, Nov 12 13:33"));
    assert_eq!(fact(&root, "Length").as_deref(), Some("3 days"));
    let t = text(&root);
    assert!(t.contains("Sick, Sleep alcohol"), "{t}");
    assert!(t.contains("Tue, Nov 10 11:33"), "{t}");
    assert!(t.contains("Space flu"), "{t}");
    assert!(t.contains("This record could not be read"), "{t}");
}

#[wasm_bindgen_test]
async fn a_hostile_tag_code_fits() {
    let root = card(
        Lang::En,
        rest_day,
        vec![json!({"id": "r", "start_day": "2026-11-10", "episodes": [{"tags": [hostile(5000)], "timestamp": "2026-11-10T11:33:28+09:00"}]})],
    )
    .await;
    assert!(root.query_selector("img").unwrap().is_none());
    fits(&root);
}

#[wasm_bindgen_test]
async fn a_period_reads_in_japanese() {
    let root = card(
        Lang::Ja,
        rest_day,
        vec![
            json!({"id": "r", "start_day": "2026-11-10", "end_day": "2026-11-12", "episodes": []}),
        ],
    )
    .await;
    assert_eq!(
        fact(&root, "終了").as_deref().map(|s| s.contains("11")),
        Some(true)
    );
    assert_eq!(fact(&root, "長さ").as_deref(), Some("3 日間"));
    assert!(text(&root).contains("記録されたエピソードはありません。"));
}
