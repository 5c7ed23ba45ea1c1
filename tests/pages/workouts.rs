//! The workouts page's day card: absent optional fields, unknown enums, a hostile
//! label, a document that does not fit.

use super::support::{card, fact, fits, hostile, no_markup_from_data, text};
use healthhub::i18n::Lang;
use healthhub::ui::pages::workouts::workouts_day;
use serde_json::{json, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn walk() -> Value {
    json!({
        "id": "w1", "activity": "walking", "day": "2026-11-15", "intensity": "easy",
        "source": "manual", "start_datetime": "2026-11-15T12:02:00+09:00",
        "end_datetime": "2026-11-15T13:10:00+09:00", "calories": 148.717,
        "distance": 4929.33837890625, "label": null
    })
}

#[wasm_bindgen_test]
async fn a_workout_without_its_optional_fields_shows_dashes() {
    let root = card(
        Lang::En,
        workouts_day,
        vec![json!({
            "id": "w", "activity": "walking", "day": "2026-11-15", "intensity": "easy",
            "start_datetime": "2026-11-15T12:02:00+09:00",
            "end_datetime": "2026-11-15T13:10:00+09:00"
        })],
    )
    .await;
    let t = text(&root);
    assert!(t.contains("Walking · 12:02–13:10"), "{t}");
    assert_eq!(fact(&root, "Duration").as_deref(), Some("1 h 8 min"));
    assert_eq!(fact(&root, "Intensity").as_deref(), Some("Easy"));
    assert_eq!(fact(&root, "Calories").as_deref(), Some("—"));
    assert_eq!(fact(&root, "Distance").as_deref(), Some("—"));
    assert_eq!(fact(&root, "Recorded by").as_deref(), Some("—"));
    assert_eq!(fact(&root, "Label").as_deref(), Some("—"));
    assert!(t.contains("Workouts: 1 · 1 h 8 min"), "{t}");
    assert!(!t.contains("kcal"), "no calories invented: {t}");
    assert!(!t.contains("bpm"), "no heart rate invented: {t}");
}

#[wasm_bindgen_test]
async fn unknown_activity_intensity_and_source_are_spelled_out() {
    let mut w = walk();
    w["activity"] = json!("underwater_hockey");
    w["intensity"] = json!("extreme");
    w["source"] = json!("live_smart_watch");
    let root = card(Lang::En, workouts_day, vec![w]).await;
    assert!(text(&root).contains("Underwater hockey · 12:02–13:10"));
    assert_eq!(fact(&root, "Intensity").as_deref(), Some("Extreme"));
    assert_eq!(
        fact(&root, "Recorded by").as_deref(),
        Some("Live smart watch")
    );
    assert_eq!(fact(&root, "Calories").as_deref(), Some("149 kcal"));
    assert_eq!(fact(&root, "Distance").as_deref(), Some("4.9 km"));
}

#[wasm_bindgen_test]
async fn a_hostile_label_is_text_and_fits() {
    let label = hostile(5000);
    let mut w = walk();
    w["label"] = json!(label);
    let root = card(Lang::En, workouts_day, vec![w]).await;
    assert_eq!(fact(&root, "Label").as_deref(), Some(label.trim()));
    no_markup_from_data(&root);
    fits(&root);
}

#[wasm_bindgen_test]
async fn the_day_totals_add_up_and_a_bad_document_does_not_hide_the_others() {
    let tennis = json!({
        "id": "w2", "activity": "tennis", "day": "2026-11-15", "intensity": "hard",
        "source": "autodetected", "start_datetime": "2026-11-15T15:36:00+09:00",
        "end_datetime": "2026-11-15T16:18:00+09:00", "calories": 288.839, "distance": null,
        "label": "Easy day"
    });
    let broken = json!({"id": "w3", "activity": "running", "day": "2026-11-15"});
    let root = card(Lang::En, workouts_day, vec![tennis, broken, walk()]).await;
    let t = text(&root);
    assert!(
        t.contains("Workouts: 2 · 1 h 50 min · 438 kcal · 4.9 km"),
        "{t}"
    );
    assert!(t.contains("This record could not be read"), "{t}");
    assert!(
        t.find("Walking").unwrap() < t.find("Tennis").unwrap(),
        "time order: {t}"
    );
    assert!(t.contains("Easy day"));
}

#[wasm_bindgen_test]
async fn a_workout_reads_in_japanese() {
    let root = card(Lang::Ja, workouts_day, vec![walk()]).await;
    assert_eq!(fact(&root, "消費カロリー").as_deref(), Some("149 kcal"));
    assert_eq!(fact(&root, "記録方法").as_deref(), Some("手動で追加"));
    assert_eq!(fact(&root, "所要時間").as_deref(), Some("1時間8分"));
    assert_eq!(fact(&root, "強度").as_deref(), Some("軽め"));
}
