//! The cardiovascular age page's day card.

use super::support::{card, fact, mount, text, tick};
use healthhub::i18n::Lang;
use healthhub::ui::pages::cardiovascular_age;
use serde_json::json;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn with_age(
    lang: Lang,
    docs: Vec<serde_json::Value>,
    age: Option<i64>,
) -> web_sys::HtmlElement {
    let root = mount(lang, move |i18n| {
        cardiovascular_age::cardiovascular_age_card(i18n, &docs, age)
    });
    tick().await;
    root
}

#[wasm_bindgen_test]
async fn the_vascular_age_is_compared_with_the_age() {
    let doc = json!({"day": "2026-11-15", "vascular_age": 36, "pulse_wave_velocity": 7.88});
    let root = with_age(Lang::En, vec![doc.clone()], Some(38)).await;
    assert_eq!(fact(&root, "Vascular age").as_deref(), Some("36 years"));
    assert_eq!(
        fact(&root, "Compared with your age").as_deref(),
        Some("2 years younger than your age (38)")
    );
    assert_eq!(
        fact(&root, "Pulse wave velocity").as_deref(),
        Some("7.88 m/s")
    );
    let older = with_age(Lang::En, vec![doc.clone()], Some(35)).await;
    assert_eq!(
        fact(&older, "Compared with your age").as_deref(),
        Some("1 year older than your age (35)")
    );
    let same = with_age(Lang::Ja, vec![doc], Some(36)).await;
    assert_eq!(
        fact(&same, "実年齢との比較").as_deref(),
        Some("実年齢（36歳）と同じ")
    );
}

#[wasm_bindgen_test]
async fn without_an_id_a_velocity_or_an_age_nothing_is_invented() {
    let root = card(
        Lang::En,
        cardiovascular_age::cardiovascular_age_day,
        vec![json!({"day": "2026-11-15", "vascular_age": 41, "pulse_wave_velocity": null})],
    )
    .await;
    assert_eq!(fact(&root, "Vascular age").as_deref(), Some("41 years"));
    assert_eq!(fact(&root, "Pulse wave velocity").as_deref(), Some("—"));
    assert!(
        fact(&root, "Compared with your age").is_some_and(|t| t.contains("no age")),
        "{}",
        text(&root)
    );
    let empty = card(
        Lang::En,
        cardiovascular_age::cardiovascular_age_day,
        vec![json!({"day": "2026-11-15"})],
    )
    .await;
    assert_eq!(fact(&empty, "Vascular age").as_deref(), Some("—"));
    assert_eq!(fact(&empty, "Compared with your age").as_deref(), Some("—"));
}
