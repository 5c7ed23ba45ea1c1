//! The ring battery page's day card: rows without `charging` / `in_charger` (unknown,
//! not "no"), charging spans, unreadable rows and Japanese.

use super::support::{card, fact, fits, hostile, no_markup_from_data, text};
use healthhub::i18n::Lang;
use healthhub::ui::pages::battery;
use serde_json::{json, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn row(level: i64, t: &str) -> Value {
    json!({"level": level, "timestamp": t})
}

#[wasm_bindgen_test]
async fn rows_without_charging_flags_leave_time_charging_unknown() {
    let root = card(
        Lang::En,
        battery::battery_day,
        vec![
            row(80, "2026-11-15T01:00:00+00:00"),
            row(62, "2026-11-15T21:30:00+00:00"),
            row(55, "2026-11-15T12:00:00+00:00"),
        ],
    )
    .await;
    assert_eq!(
        fact(&root, "Last reading").as_deref(),
        Some("62% · 21:30"),
        "{}",
        text(&root)
    );
    assert_eq!(fact(&root, "Lowest level").as_deref(), Some("55% · 12:00"));
    assert_eq!(fact(&root, "Time charging").as_deref(), Some("—"));
    assert_eq!(fact(&root, "Readings").as_deref(), Some("3"));
    assert!(root
        .query_selector(".chart-battery svg[role=img]")
        .unwrap()
        .is_some());
    assert!(root.query_selector(".charge-span").unwrap().is_none());
    fits(&root);
}

#[wasm_bindgen_test]
async fn charging_spans_are_drawn_and_counted() {
    let root = card(
        Lang::En,
        battery::battery_day,
        vec![
            json!({"level": 20, "timestamp": "2026-11-15T19:00:00+00:00", "charging": true, "in_charger": true}),
            json!({"level": 70, "timestamp": "2026-11-15T20:00:00+00:00", "charging": false, "in_charger": true}),
            json!({"level": 100, "timestamp": "2026-11-15T20:30:00+00:00", "charging": false, "in_charger": false, "note": hostile(5000)}),
            json!({"level": 99, "timestamp": "2026-11-15T22:00:00+00:00", "charging": null}),
        ],
    )
    .await;
    assert_eq!(
        fact(&root, "Time charging").as_deref(),
        Some("1:30"),
        "{}",
        text(&root)
    );
    assert_eq!(fact(&root, "Lowest level").as_deref(), Some("20% · 19:00"));
    assert_eq!(fact(&root, "Last reading").as_deref(), Some("99% · 22:00"));
    assert!(root.query_selector("rect.charge-span").unwrap().is_some());
    assert!(
        text(&root).contains("Charging"),
        "the legend names the spans"
    );
    no_markup_from_data(&root);
    fits(&root);
}

#[wasm_bindgen_test]
async fn an_unreadable_row_is_reported_and_the_rest_still_shows_in_japanese() {
    let root = card(
        Lang::Ja,
        battery::battery_day,
        vec![
            json!({"level": "full", "timestamp": "2026-11-15T10:00:00+00:00"}),
            json!({"level": 40, "timestamp": "2026-11-15T11:00:00+00:00", "charging": true}),
        ],
    )
    .await;
    assert_eq!(
        fact(&root, "最低残量").as_deref(),
        Some("40% · 11:00"),
        "{}",
        text(&root)
    );
    assert_eq!(
        fact(&root, "最新の記録").as_deref(),
        Some("40% · 11:00 · 充電中")
    );
    let t = text(&root);
    assert!(t.contains("この記録は読み取れませんでした"), "{t}");
    assert!(
        t.contains("正しくありません"),
        "the reason in Japanese: {t}"
    );
}
