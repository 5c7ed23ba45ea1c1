//! The heart-rate page's day card: samples without their optional fields, unknown and
//! hostile sources, unreadable samples, the wearer's offset and the zoom.

use super::support::{card, fact, fits, hostile, no_markup_from_data, text, tick};
use healthhub::i18n::Lang;
use healthhub::ui::pages::heartrate::{self, HrDay};
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The app's stylesheet on the test page (so that `fits` measures the real layout).
fn with_css() {
    let doc = web_sys::window().unwrap().document().unwrap();
    if doc.get_element_by_id("app-css").is_none() {
        let style = doc.create_element("style").unwrap();
        style.set_id("app-css");
        style.set_text_content(Some(include_str!("../../style/main.css")));
        doc.head().unwrap().append_child(&style).unwrap();
    }
}

fn s(bpm: i64, source: &str, t: &str) -> Value {
    json!({"bpm": bpm, "source": source, "timestamp": t})
}

fn day() -> Vec<Value> {
    vec![
        s(48, "sleep", "2026-11-15T03:00:00+00:00"),
        s(52, "sleep", "2026-11-15T03:05:00+00:00"),
        s(71, "awake", "2026-11-15T09:10:00+00:00"),
        s(125, "workout", "2026-11-15T17:30:00+00:00"),
    ]
}

#[wasm_bindgen_test]
async fn the_day_reads_lowest_average_highest_without_optional_fields() {
    let root = card(Lang::En, heartrate::heartrate_day, day()).await;
    assert_eq!(
        fact(&root, "Lowest").as_deref(),
        Some("48 bpm · 03:00"),
        "{}",
        text(&root)
    );
    assert_eq!(fact(&root, "Average").as_deref(), Some("74 bpm"));
    assert_eq!(fact(&root, "Highest").as_deref(), Some("125 bpm · 17:30"));
    assert_eq!(fact(&root, "Lowest last night").as_deref(), Some("—"));
    assert_eq!(fact(&root, "Samples").as_deref(), Some("4"));
    assert_eq!(fact(&root, "Asleep").as_deref(), Some("50 bpm · 2 samples"));
    let t = text(&root);
    for legend in ["Asleep", "Awake", "Workout"] {
        assert!(t.contains(legend), "legend {legend}: {t}");
    }
    assert!(t.contains("UTC+00:00"), "{t}");
    assert!(root
        .query_selector(".chart-hr svg[role=img]")
        .unwrap()
        .is_some());
    fits(&root);
}

#[wasm_bindgen_test]
async fn unknown_and_hostile_sources_are_shown_as_oura_spells_them() {
    let mut docs = day();
    docs.push(s(66, "yoga_nidra", "2026-11-15T12:00:00+00:00"));
    docs.push(s(80, &hostile(5000), "2026-11-15T13:00:00+00:00"));
    with_css();
    let root = card(Lang::En, heartrate::heartrate_day, docs).await;
    assert_eq!(
        fact(&root, "Yoga nidra").as_deref(),
        Some("66 bpm · 1 samples")
    );
    let t = text(&root);
    assert!(t.contains("שלום עולם"), "right-to-left text is kept");
    assert!(t.contains("👩‍👩‍👧‍👦"), "emoji are kept");
    assert!(
        t.contains("<img src=x onerror=alert(1)>"),
        "markup shows as text"
    );
    no_markup_from_data(&root);
    fits(&root);
    assert!(
        root.query_selector(".chart-legend .hr-other")
            .unwrap()
            .is_some(),
        "unknown sources are coloured as other"
    );
}

#[wasm_bindgen_test]
async fn an_unreadable_sample_is_reported_and_the_rest_still_shows() {
    let mut docs = day();
    docs.push(json!({"bpm": "fast", "source": "awake", "timestamp": "2026-11-15T10:00:00+00:00"}));
    docs.push(json!("not a sample"));
    let root = card(Lang::En, heartrate::heartrate_day, docs).await;
    let t = text(&root);
    assert!(t.contains("2 records could not be read."), "{t}");
    assert!(t.contains("(`bpm` is missing or not valid.)"), "{t}");
    assert_eq!(fact(&root, "Samples").as_deref(), Some("4"));
    assert_eq!(fact(&root, "Lowest").as_deref(), Some("48 bpm · 03:00"));
}

#[wasm_bindgen_test]
async fn the_wearers_clock_and_last_nights_lowest_in_japanese() {
    let root = card(
        Lang::Ja,
        |i, d| {
            heartrate::heartrate_day_at(
                i,
                d,
                HrDay {
                    day: "2026-11-15".parse().ok(),
                    offset_s: 9 * 3600,
                    night_lowest: Some(47),
                },
            )
        },
        day(),
    )
    .await;
    assert_eq!(
        fact(&root, "最低").as_deref(),
        Some("48 bpm · 12:00"),
        "{}",
        text(&root)
    );
    assert_eq!(fact(&root, "昨夜の最低心拍数").as_deref(), Some("47 bpm"));
    assert_eq!(fact(&root, "睡眠中").as_deref(), Some("50 bpm・2件"));
    assert!(text(&root).contains("UTC+09:00"));
}

#[wasm_bindgen_test]
async fn no_readable_sample_shows_dashes_and_no_chart() {
    let root = card(
        Lang::En,
        heartrate::heartrate_day,
        vec![json!({"source": "awake", "timestamp": "2026-11-15T10:00:00+00:00"})],
    )
    .await;
    assert_eq!(fact(&root, "Average").as_deref(), Some("—"));
    assert_eq!(fact(&root, "Lowest").as_deref(), Some("—"));
    assert!(root.query_selector(".chart-hr").unwrap().is_none());
    assert!(text(&root).contains("This record could not be read"));
}

fn click(root: &web_sys::HtmlElement, selector: &str) {
    let el: web_sys::HtmlElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into();
    el.click();
}

#[wasm_bindgen_test]
async fn the_buttons_zoom_to_hours_and_back_to_the_whole_day() {
    let root = card(
        Lang::En,
        |i, d| {
            heartrate::heartrate_day_at(
                i,
                d,
                HrDay {
                    day: "2026-11-15".parse().ok(),
                    offset_s: 0,
                    night_lowest: None,
                },
            )
        },
        day(),
    )
    .await;
    let range = |root: &web_sys::HtmlElement| {
        root.query_selector(".hr-zoom-range")
            .unwrap()
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    };
    assert_eq!(range(&root), "Showing 00:00–24:00");
    click(&root, "button[aria-label='Zoom in']");
    tick().await;
    assert_eq!(range(&root), "Showing 06:00–18:00");
    click(&root, "button[aria-label='Zoom in']");
    tick().await;
    assert_eq!(range(&root), "Showing 09:00–15:00");
    let summary = root
        .query_selector(".chart-hr desc")
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert!(
        summary.starts_with("09:00–15:00: from 71 to 71 bpm"),
        "{summary}"
    );
    click(&root, "button[aria-label='Later']");
    tick().await;
    assert_eq!(range(&root), "Showing 12:00–18:00");
    click(&root, ".hr-zoom-reset");
    tick().await;
    assert_eq!(range(&root), "Showing 00:00–24:00");
}
