//! The offline store in a real browser (IndexedDB in headless Chromium via
//! wasm-bindgen-test-runner). Every test uses its own database and deletes it.
#![cfg(target_arch = "wasm32")]

use chrono::{NaiveDate, TimeZone, Utc};
use healthhub::endpoints::{by_path, Endpoint, ENDPOINTS};
use healthhub::store::{delete_database, Store, StoreError, SCHEMA_VERSION};
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn ep(path: &str) -> &'static Endpoint {
    by_path(path).unwrap()
}

fn unique(label: &str) -> String {
    format!("test-{label}-{}", js_sys::Math::random())
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The documents of a recorded response (`body.data`, or the single `body`).
fn recorded(text: &str) -> Vec<Value> {
    let file: Value = serde_json::from_str(text).unwrap();
    match &file["body"]["data"] {
        Value::Array(docs) => docs.clone(),
        _ => vec![file["body"].clone()],
    }
}

fn sleep_docs() -> Vec<Value> {
    recorded(include_str!("data/oura/recorded/multiple_sleep.json"))
}

fn heartrate_docs() -> Vec<Value> {
    recorded(include_str!("data/oura/recorded/multiple_heart_rate.json"))
}

/// A fixture per collection with at least one document (real recordings where Oura's
/// recorded responses have them).
fn fixtures() -> Vec<(&'static str, Vec<Value>)> {
    vec![
        ("sleep", sleep_docs()),
        (
            "daily_activity",
            recorded(include_str!(
                "data/oura/recorded/multiple_daily_activity.json"
            )),
        ),
        (
            "daily_cardiovascular_age",
            recorded(include_str!(
                "data/oura/recorded/multiple_daily_cardiovascular_age.json"
            )),
        ),
        (
            "vO2_max",
            recorded(include_str!("data/oura/recorded/multiple_vo2_max.json")),
        ),
        (
            "enhanced_tag",
            recorded(include_str!(
                "data/oura/recorded/multiple_enhanced_tag.json"
            )),
        ),
        (
            "ring_configuration",
            recorded(include_str!(
                "data/oura/recorded/multiple_ring_configuration.json"
            )),
        ),
        (
            "rest_mode_period",
            recorded(include_str!(
                "data/oura/recorded/multiple_rest_mode_period.json"
            )),
        ),
        (
            "personal_info",
            recorded(include_str!("data/oura/recorded/single_personal_info.json")),
        ),
        ("heartrate", heartrate_docs()),
    ]
}

fn text(v: &Value) -> String {
    serde_json::to_string(v).unwrap()
}

fn texts(docs: &[Value]) -> Vec<String> {
    let mut t: Vec<String> = docs.iter().map(text).collect();
    t.sort();
    t
}

/// Heartrate as the store gives it back: one per (timestamp, source), in time order.
fn sorted_samples(docs: &[Value]) -> Vec<Value> {
    let mut map = std::collections::BTreeMap::new();
    for d in docs {
        map.insert(
            (
                d["timestamp"].as_str().unwrap().to_string(),
                d["source"].as_str().unwrap().to_string(),
            ),
            d.clone(),
        );
    }
    map.into_values().collect()
}

async fn done(store: Store) {
    let name = store.name().to_string();
    drop(store);
    delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn upgrading_from_v1_keeps_every_record_and_indexes_days() {
    let name = unique("upgrade");
    let v1 = Store::open_at_version(&name, 1).await.unwrap();
    assert_eq!(v1.version(), 1);
    for (path, docs) in fixtures() {
        v1.put_page(ep(path), &docs, &[], &[], None).await.unwrap();
    }
    v1.put_meta("sync/x", &json!({"done": true})).await.unwrap();
    drop(v1);

    let store = Store::open(&name).await.unwrap();
    assert_eq!(store.version(), SCHEMA_VERSION);
    for (path, docs) in fixtures() {
        let e = ep(path);
        let all = store.all_docs(e).await.unwrap();
        if path == "heartrate" {
            let expected = sorted_samples(&docs);
            assert_eq!(store.count(e).await.unwrap(), expected.len() as u64);
            assert_eq!(all, expected);
        } else {
            assert_eq!(store.count(e).await.unwrap(), docs.len() as u64, "{path}");
            assert_eq!(texts(&all), texts(&docs), "{path}");
        }
    }
    assert_eq!(
        store.get_meta("sync/x").await.unwrap(),
        Some(json!({"done": true}))
    );
    // The new index finds the old records.
    let sleep = ep("sleep");
    let (first, last) = store.day_bounds(sleep).await.unwrap().unwrap();
    let docs = sleep_docs();
    let days: Vec<&str> = docs.iter().map(|d| d["day"].as_str().unwrap()).collect();
    assert_eq!(first, day(days.iter().min().unwrap()));
    assert_eq!(last, day(days.iter().max().unwrap()));
    let between = store.docs_between(sleep, first, last).await.unwrap();
    assert_eq!(texts(&between), texts(&docs));
    let hr = ep("heartrate");
    let (hf, hl) = store.day_bounds(hr).await.unwrap().unwrap();
    assert_eq!(
        store.docs_between(hr, hf, hl).await.unwrap().len() as u64,
        store.count(hr).await.unwrap()
    );
    // personal_info has no day: not in the index.
    assert_eq!(store.day_bounds(ep("personal_info")).await.unwrap(), None);
    done(store).await;
}

#[wasm_bindgen_test]
async fn the_same_page_twice_changes_nothing_and_a_changed_doc_replaces() {
    let store = Store::open(&unique("upsert")).await.unwrap();
    let sleep = ep("sleep");
    let docs = sleep_docs();
    assert_eq!(
        store
            .put_page(sleep, &docs, &[], &[], None)
            .await
            .unwrap()
            .written,
        docs.len()
    );
    store.put_page(sleep, &docs, &[], &[], None).await.unwrap();
    assert_eq!(store.count(sleep).await.unwrap(), docs.len() as u64);
    let mut changed = docs[0].clone();
    changed["score"] = json!(99);
    changed["new_field"] = json!(null);
    store
        .put_page(sleep, std::slice::from_ref(&changed), &[], &[], None)
        .await
        .unwrap();
    assert_eq!(store.count(sleep).await.unwrap(), docs.len() as u64);
    let all = store.all_docs(sleep).await.unwrap();
    let id = changed["id"].as_str().unwrap();
    let got: Vec<&Value> = all.iter().filter(|d| d["id"] == id).collect();
    assert_eq!(got, vec![&changed]);
    done(store).await;
}

#[wasm_bindgen_test]
async fn documents_come_back_exactly_as_received() {
    let store = Store::open(&unique("exact")).await.unwrap();
    let tag = ep("tag");
    // null stays null, absent stays absent, unknown fields and key order stay,
    // whole floats stay floats.
    let raw = [
        r#"{"id":"b","day":"2024-01-02","text":null,"tags":[],"zz_unknown":{"nested":[1,2.0,null,"x"]},"a":300.0}"#,
        r#"{"zeta":1,"id":"a","day":"2024-01-01","alpha":-0.5,"items":[76.0,77.0,null,78.5],"emoji":"\u2764 \"q\""}"#,
        r#"{"id":"c"}"#,
    ];
    let docs: Vec<Value> = raw
        .iter()
        .map(|r| serde_json::from_str(r).unwrap())
        .collect();
    store.put_page(tag, &docs, &[], &[], None).await.unwrap();
    let all = store.all_docs(tag).await.unwrap();
    // Order: without day first, then by day.
    let back: Vec<String> = all.iter().map(text).collect();
    let expected: Vec<String> = [2, 1, 0].iter().map(|i| text(&docs[*i])).collect();
    assert_eq!(back, expected);
    assert!(back[2].contains(r#""a":300.0"#));
    assert!(back[1].starts_with(r#"{"zeta":1,"id":"a""#));
    assert!(!back[0].contains("day"));
    // Real documents full of whole floats.
    let sleep = ep("sleep");
    let docs = sleep_docs();
    store.put_page(sleep, &docs, &[], &[], None).await.unwrap();
    assert_eq!(texts(&store.all_docs(sleep).await.unwrap()), texts(&docs));
    done(store).await;
}

#[wasm_bindgen_test]
async fn heartrate_is_packed_per_utc_day_and_unpacked_losslessly() {
    let store = Store::open(&unique("heartrate")).await.unwrap();
    let hr = ep("heartrate");
    let docs = heartrate_docs();
    let expected = sorted_samples(&docs);
    assert_eq!(
        store
            .put_page(hr, &docs, &[], &[], None)
            .await
            .unwrap()
            .written,
        docs.len()
    );
    assert_eq!(store.count(hr).await.unwrap(), expected.len() as u64);
    assert_eq!(store.all_docs(hr).await.unwrap(), expected);
    // Again: idempotent.
    store.put_page(hr, &docs, &[], &[], None).await.unwrap();
    assert_eq!(store.count(hr).await.unwrap(), expected.len() as u64);
    // Same instant and source, new bpm: replaces; another source: adds; a spelling the
    // packing could not give back (another offset, `Z`) is kept as received instead.
    let page = vec![
        json!({"bpm": 150, "source": "awake", "timestamp": "2024-12-13T12:31:21+00:00"}),
        json!({"bpm": 70, "source": "live", "timestamp": "2024-12-13T12:31:21+00:00", "timestamp_unix": 1_734_093_081_000_i64}),
        json!({"bpm": 71, "source": "sleep", "timestamp": "2024-12-14T00:00:00.250+00:00", "extra": null}),
        json!({"bpm": 72, "source": "live", "timestamp": "2024-12-13T14:31:22+02:00"}),
    ];
    let w = store.put_page(hr, &page, &[], &[], None).await.unwrap();
    assert_eq!((w.written, w.quarantined), (3, 1));
    assert_eq!(store.count(hr).await.unwrap(), expected.len() as u64 + 2);
    assert_eq!(store.quarantined(hr).await.unwrap(), 1);
    let d13 = store
        .docs_between(hr, day("2024-12-13"), day("2024-12-13"))
        .await
        .unwrap();
    let at: Vec<&Value> = d13
        .iter()
        .filter(|d| d["timestamp"] == "2024-12-13T12:31:21+00:00")
        .collect();
    assert_eq!(
        at,
        vec![
            &json!({"bpm": 150, "source": "awake", "timestamp": "2024-12-13T12:31:21+00:00"}),
            &json!({"bpm": 70, "source": "live", "timestamp": "2024-12-13T12:31:21+00:00", "timestamp_unix": 1_734_093_081_000_i64}),
        ]
    );
    let d14 = store
        .docs_between(hr, day("2024-12-14"), day("2024-12-14"))
        .await
        .unwrap();
    assert!(d14.contains(
        &json!({"bpm": 71, "source": "sleep", "timestamp": "2024-12-14T00:00:00.250+00:00", "extra": null})
    ));
    done(store).await;
}

#[wasm_bindgen_test]
async fn a_document_the_store_cannot_index_is_kept_as_received_and_the_rest_stored() {
    let store = Store::open(&unique("poison")).await.unwrap();
    let sleep = ep("sleep");
    let mut docs = sleep_docs();
    docs[1].as_object_mut().unwrap().remove("id");
    let poison = text(&docs[1]);
    let meta = vec![(
        "sync/sleep".to_string(),
        Some(json!({"done": "2024-01-01"})),
    )];
    let w = store
        .put_page(sleep, &docs, &[], &meta, None)
        .await
        .unwrap();
    assert_eq!((w.written, w.quarantined), (docs.len() - 1, 1));
    assert_eq!(store.count(sleep).await.unwrap(), docs.len() as u64 - 1);
    assert_eq!(store.quarantined(sleep).await.unwrap(), 1);
    assert_eq!(
        store.get_meta("sync/sleep").await.unwrap(),
        Some(json!({"done": "2024-01-01"})),
        "the page's meta lands with it"
    );
    // The same page again: still one quarantined copy.
    store.put_page(sleep, &docs, &[], &[], None).await.unwrap();
    assert_eq!(store.quarantined(sleep).await.unwrap(), 1);
    // Exported with its collection, exactly as received.
    let at = Utc.with_ymd_and_hms(2026, 11, 24, 8, 0, 0).unwrap();
    let file = store.export(at).await.unwrap().text();
    assert!(
        file.contains(&poison),
        "the export has the document as received"
    );
    let v: Value = serde_json::from_str(&file).unwrap();
    assert_eq!(
        v["collections"]["sleep"].as_array().unwrap().len(),
        docs.len()
    );
    // …and an import of that export keeps it too.
    let other = Store::open(&unique("poison-import")).await.unwrap();
    let report = other.import(&file).await.unwrap();
    assert_eq!(report.get("sleep").unwrap().quarantined, 1);
    assert_eq!(other.quarantined(sleep).await.unwrap(), 1);
    done(other).await;
    store.delete_meta("sync/sleep").await.unwrap();
    assert_eq!(store.get_meta("sync/sleep").await.unwrap(), None);
    done(store).await;
}

#[wasm_bindgen_test]
async fn the_last_page_of_a_window_removes_what_oura_no_longer_returns() {
    use healthhub::store::{Seen, SweepRange};
    let store = Store::open(&unique("sweep")).await.unwrap();
    let tag = ep("tag");
    let docs: Vec<Value> = (1..=6)
        .map(|d| json!({"id": format!("t{d}"), "day": format!("2024-03-0{d}")}))
        .collect();
    store.put_page(tag, &docs, &[], &[], None).await.unwrap();
    store
        .put_page(
            tag,
            &[json!({"day": "2024-03-04", "poison": true})],
            &[],
            &[],
            None,
        )
        .await
        .unwrap();
    // A window over 03-03..03-05, two pages: t3 again (revised), then t5 and a new t9.
    let range = SweepRange::Days {
        first: day("2024-03-03"),
        last: day("2024-03-05"),
    };
    let first = store
        .put_page(
            tag,
            &[json!({"id": "t3", "day": "2024-03-03", "text": "edited"})],
            &[],
            &[],
            None,
        )
        .await
        .unwrap();
    let mut seen = Seen::default();
    seen.extend(first.seen);
    let last = store
        .put_page(
            tag,
            &[
                json!({"id": "t5", "day": "2024-03-05"}),
                json!({"id": "t9", "day": "2024-03-05"}),
            ],
            &[],
            &[],
            Some((&range, &seen)),
        )
        .await
        .unwrap();
    assert_eq!(last.removed, 2, "t4 and the quarantined document of 03-04");
    let ids: Vec<String> = store
        .all_docs(tag)
        .await
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["t1", "t2", "t3", "t5", "t9", "t6"].map(String::from));
    assert_eq!(store.quarantined(tag).await.unwrap(), 0);
    // Heartrate: samples of the window's instants that were not returned go.
    let hr = ep("heartrate");
    let s = |t: &str, bpm: u64| json!({"bpm": bpm, "source": "awake", "timestamp": format!("2024-03-03T{t}+00:00")});
    store
        .put_page(
            hr,
            &[s("01:00:00", 60), s("02:00:00", 61), s("03:00:00", 62)],
            &[],
            &[],
            None,
        )
        .await
        .unwrap();
    let t = |x: &str| {
        chrono::DateTime::parse_from_rfc3339(x)
            .unwrap()
            .with_timezone(&Utc)
    };
    let range = SweepRange::Instants {
        start: t("2024-03-03T01:30:00Z"),
        end: t("2024-03-03T04:00:00Z"),
    };
    let w = store
        .put_page(
            hr,
            &[s("02:00:00", 65)],
            &[],
            &[],
            Some((&range, &Seen::default())),
        )
        .await
        .unwrap();
    assert_eq!(w.removed, 1);
    let left: Vec<u64> = store
        .all_docs(hr)
        .await
        .unwrap()
        .iter()
        .map(|d| d["bpm"].as_u64().unwrap())
        .collect();
    assert_eq!(left, vec![60, 65]);
    assert_eq!(store.count(hr).await.unwrap(), 2, "the count follows");
    done(store).await;
}

#[wasm_bindgen_test]
async fn upgrading_from_v2_adds_battery_and_quarantine_and_keeps_every_record() {
    let name = unique("upgrade-v2");
    let v2 = Store::open_at_version(&name, 2).await.unwrap();
    for (path, docs) in fixtures() {
        v2.put_page(ep(path), &docs, &[], &[], None).await.unwrap();
    }
    drop(v2);
    let store = Store::open(&name).await.unwrap();
    assert_eq!(store.version(), SCHEMA_VERSION);
    for (path, docs) in fixtures() {
        let e = ep(path);
        let n = if path == "heartrate" {
            sorted_samples(&docs).len()
        } else {
            docs.len()
        };
        assert_eq!(store.count(e).await.unwrap(), n as u64, "{path}");
    }
    let battery = ep("ring_battery_level");
    let rows = vec![
        json!({"level": 80, "timestamp": "2026-11-20T10:00:00+00:00", "timestamp_unix": 1_795_168_800_000_i64}),
        json!({"level": 79, "timestamp": "2026-11-20T19:30:00+09:00", "timestamp_unix": 1_795_170_600_000_i64, "charging": false}),
        json!({"level": 55.0, "timestamp": "2026-11-20T11:00:00.654321+00:00", "timestamp_unix": 1_795_172_400_654_i64}),
    ];
    assert_eq!(
        store
            .put_page(battery, &rows, &[], &[], None)
            .await
            .unwrap()
            .written,
        3
    );
    assert_eq!(store.count(battery).await.unwrap(), 3);
    assert_eq!(texts(&store.all_docs(battery).await.unwrap()), texts(&rows));
    assert_eq!(
        store.day_bounds(battery).await.unwrap(),
        Some((day("2026-11-20"), day("2026-11-20")))
    );
    done(store).await;
}

#[wasm_bindgen_test]
async fn docs_between_selects_by_day_inclusive() {
    let store = Store::open(&unique("between")).await.unwrap();
    let tag = ep("enhanced_tag");
    let docs: Vec<Value> = (1..=9)
        .map(|d| json!({"id": format!("t{d}"), "start_day": format!("2024-03-0{d}"), "end_day": null}))
        .collect();
    store.put_page(tag, &docs, &[], &[], None).await.unwrap();
    let got = store
        .docs_between(tag, day("2024-03-03"), day("2024-03-05"))
        .await
        .unwrap();
    let ids: Vec<&str> = got.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["t3", "t4", "t5"]);
    assert!(store
        .docs_between(tag, day("2024-04-01"), day("2024-04-30"))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        store.day_bounds(tag).await.unwrap(),
        Some((day("2024-03-01"), day("2024-03-09")))
    );
    assert_eq!(store.day_bounds(ep("sleep")).await.unwrap(), None);
    // ring_configuration: the date of set_up_at; null set_up_at has no day.
    let rings = ep("ring_configuration");
    let r = vec![
        json!({"id": "r1", "set_up_at": "2024-03-09T10:48:37+00:00"}),
        json!({"id": "r2", "set_up_at": null}),
    ];
    store.put_page(rings, &r, &[], &[], None).await.unwrap();
    assert_eq!(store.count(rings).await.unwrap(), 2);
    let got = store
        .docs_between(rings, day("2024-03-09"), day("2024-03-09"))
        .await
        .unwrap();
    assert_eq!(got, vec![r[0].clone()]);
    done(store).await;
}

async fn filled(label: &str) -> Store {
    let store = Store::open(&unique(label)).await.unwrap();
    for (path, docs) in fixtures() {
        store
            .put_page(ep(path), &docs, &[], &[], None)
            .await
            .unwrap();
    }
    store
        .put_meta("token", &json!("SECRET-TOKEN-VALUE"))
        .await
        .unwrap();
    store
}

#[wasm_bindgen_test]
async fn export_follows_the_contract_with_every_doc_once() {
    let store = filled("export").await;
    let at = Utc.with_ymd_and_hms(2026, 11, 24, 8, 0, 0).unwrap();
    let file = store.export(at).await.unwrap();
    assert_eq!(file.file_name, "healthhub-export-2026-11-24.json");
    let text = file.text();
    assert!(!text.contains("SECRET-TOKEN-VALUE"));
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["format"], "healthhub-export");
    assert_eq!(v["version"], 1);
    assert_eq!(v["exported_at"], "2026-11-24T08:00:00Z");
    let collections = v["collections"].as_object().unwrap();
    let keys: Vec<&str> = collections.keys().map(String::as_str).collect();
    let paths: Vec<&str> = ENDPOINTS.iter().map(|e| e.path).collect();
    assert_eq!(keys, paths);
    for (path, docs) in fixtures() {
        let exported = collections[path].as_array().unwrap();
        if path == "heartrate" {
            assert_eq!(exported, &sorted_samples(&docs));
        } else {
            assert_eq!(texts(exported), texts(&docs), "{path}");
        }
    }
    assert_eq!(collections["personal_info"].as_array().unwrap().len(), 1);
    assert_eq!(collections["daily_sleep"], json!([]));
    // Whole floats are exported as received.
    assert!(text.contains(r#""interval":300.0"#));
    done(store).await;
}

#[wasm_bindgen_test]
async fn import_merges_by_natural_key_and_never_deletes() {
    let source = filled("import-src").await;
    let at = Utc.with_ymd_and_hms(2026, 11, 24, 8, 0, 0).unwrap();
    let text = source.export(at).await.unwrap().text();
    done(source).await;

    let store = Store::open(&unique("import-dst")).await.unwrap();
    let tag = ep("tag");
    let own = vec![json!({"id": "mine", "day": "2020-01-01"})];
    store.put_page(tag, &own, &[], &[], None).await.unwrap();
    let sleep = sleep_docs();
    store
        .put_page(ep("sleep"), &sleep[..1], &[], &[], None)
        .await
        .unwrap();

    let report = store.import(&text).await.unwrap();
    let s = report.get("sleep").unwrap();
    assert_eq!((s.added, s.kept), (sleep.len() as u64 - 1, 1));
    let hr_expected = sorted_samples(&heartrate_docs()).len() as u64;
    assert_eq!(report.get("heartrate").unwrap().added, hr_expected);
    assert_eq!(report.collections.len(), ENDPOINTS.len());
    assert_eq!(report.total, report.added());
    // Nothing deleted; everything there.
    assert_eq!(store.all_docs(tag).await.unwrap(), own);
    for (path, docs) in fixtures() {
        let all = store.all_docs(ep(path)).await.unwrap();
        if path == "heartrate" {
            assert_eq!(all, sorted_samples(&docs));
        } else {
            assert_eq!(texts(&all), texts(&docs), "{path}");
        }
    }
    // Importing again adds nothing and overwrites nothing.
    let again = store.import(&text).await.unwrap();
    assert_eq!(again.added(), 0);
    assert_eq!(again.kept(), report.total + 1);
    // An old export never rolls back what the device has since (Oura's revision).
    let mut revised = sleep[0].clone();
    revised["score"] = json!(12);
    store
        .put_page(ep("sleep"), std::slice::from_ref(&revised), &[], &[], None)
        .await
        .unwrap();
    store.import(&text).await.unwrap();
    let id = revised["id"].as_str().unwrap();
    let now: Vec<Value> = store
        .all_docs(ep("sleep"))
        .await
        .unwrap()
        .into_iter()
        .filter(|d| d["id"] == id)
        .collect();
    assert_eq!(now, vec![revised]);
    assert_eq!(store.get_meta("token").await.unwrap(), None);

    // Refusals, and nothing is written by a refused file.
    let before = store.count(ep("sleep")).await.unwrap();
    for (bad, why) in [
        ("not json at all".to_string(), "not JSON"),
        (r#"{"data": []}"#.to_string(), "format"),
        (text.replace("\"version\":1", "\"version\":2"), "version 2"),
        (
            text.replace("\"vO2_max\"", "\"vo2_max\""),
            "unknown collection \"vo2_max\"",
        ),
    ] {
        let err = store.import(&bad).await.unwrap_err();
        assert_eq!(err.kind(), "store.error.import");
        assert!(err.to_string().contains(why), "{why}: {err}");
    }
    assert_eq!(store.count(ep("sleep")).await.unwrap(), before);
    done(store).await;
}

#[wasm_bindgen_test]
async fn personal_info_is_one_record() {
    let store = Store::open(&unique("personal")).await.unwrap();
    let pi = ep("personal_info");
    let first = recorded(include_str!("data/oura/recorded/single_personal_info.json"));
    store.put_page(pi, &first, &[], &[], None).await.unwrap();
    let second = vec![json!({"id": "other", "age": 43, "weight": null, "email": "a@b.c"})];
    store.put_page(pi, &second, &[], &[], None).await.unwrap();
    assert_eq!(store.count(pi).await.unwrap(), 1);
    assert_eq!(store.all_docs(pi).await.unwrap(), second);
    done(store).await;
}

#[wasm_bindgen_test]
async fn clear_deletes_every_record_and_meta() {
    let store = filled("clear").await;
    store.clear().await.unwrap();
    for e in &ENDPOINTS {
        assert_eq!(store.count(e).await.unwrap(), 0, "{}", e.path);
    }
    assert_eq!(store.get_meta("token").await.unwrap(), None);
    // Still usable.
    store
        .put_page(ep("sleep"), &sleep_docs(), &[], &[], None)
        .await
        .unwrap();
    done(store).await;
}

#[wasm_bindgen_test]
async fn deleting_the_database_closes_open_stores_and_removes_the_data() {
    let name = unique("delete");
    let store = Store::open(&name).await.unwrap();
    store
        .put_page(ep("sleep"), &sleep_docs(), &[], &[], None)
        .await
        .unwrap();
    let other = store.clone();
    delete_database(&name).await.unwrap();
    // The open connection closed itself for the deletion.
    assert_eq!(
        other.count(ep("sleep")).await.unwrap_err(),
        StoreError::Closed
    );
    drop((store, other));
    let fresh = Store::open(&name).await.unwrap();
    assert_eq!(fresh.count(ep("sleep")).await.unwrap(), 0);
    done(fresh).await;
}

#[wasm_bindgen_test]
async fn the_demo_database_is_separate() {
    use healthhub::store::{DB_NAME, DEMO_DB_NAME};
    assert_ne!(DB_NAME, DEMO_DB_NAME);
    let a = Store::open(&unique("user")).await.unwrap();
    let b = Store::open(&unique("demo")).await.unwrap();
    a.put_page(ep("sleep"), &sleep_docs(), &[], &[], None)
        .await
        .unwrap();
    assert_eq!(b.count(ep("sleep")).await.unwrap(), 0);
    done(a).await;
    done(b).await;
}

#[wasm_bindgen_test]
fn download_accepts_an_export() {
    let parts = vec!["{\"a\":".to_string(), "1}".to_string()];
    healthhub::store::download(
        "healthhub-export-2026-11-24.json",
        "application/json",
        &parts,
    )
    .unwrap();
}

/// Scale: two months of heartrate (~1,200 samples a day) exported and imported again.
#[wasm_bindgen_test]
async fn months_of_heartrate_export_and_import() {
    let store = Store::open(&unique("scale")).await.unwrap();
    let hr = ep("heartrate");
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let t0 = js_sys::Date::now();
    let mut total = 0u64;
    // Pages of 1,000 samples, as Oura sends them.
    let mut page = Vec::with_capacity(1000);
    for i in 0..(60 * 1200) {
        let at = start + chrono::TimeDelta::seconds(i * 72);
        let source = if i % 5 == 0 { "rest" } else { "awake" };
        page.push(json!({"bpm": 50 + i % 90, "source": source,
            "timestamp": at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)}));
        if page.len() == 1000 {
            total += store
                .put_page(hr, &page, &[], &[], None)
                .await
                .unwrap()
                .written as u64;
            page.clear();
        }
    }
    total += store
        .put_page(hr, &page, &[], &[], None)
        .await
        .unwrap()
        .written as u64;
    let t1 = js_sys::Date::now();
    assert_eq!(store.count(hr).await.unwrap(), total);
    let file = store.export(Utc::now()).await.unwrap();
    let t2 = js_sys::Date::now();
    let text = file.text();
    let other = Store::open(&unique("scale-import")).await.unwrap();
    let report = other.import(&text).await.unwrap();
    let t3 = js_sys::Date::now();
    assert_eq!(report.get("heartrate").unwrap().added, total);
    assert_eq!(other.count(hr).await.unwrap(), total);
    web_sys::console::log_1(
        &format!(
            "{total} samples, export {} bytes in {} parts: put_page {:.0} ms, export {:.0} ms, import {:.0} ms",
            text.len(),
            file.parts.len(),
            t1 - t0,
            t2 - t1,
            t3 - t2
        )
        .into(),
    );
    done(store).await;
    done(other).await;
}

/// A database written by healthHub before OpenAPI 1.41: schema v1 with the 18 stores of
/// 1.27 (no `ring_battery_level`), built here by hand as that version made it.
#[wasm_bindgen_test]
async fn a_real_v1_database_of_18_stores_upgrades_and_keeps_its_records() {
    use indexed_db_futures::database::Database;
    use indexed_db_futures::prelude::*;
    use indexed_db_futures::transaction::TransactionMode;
    use indexed_db_futures::KeyPath;
    use std::future::IntoFuture;
    let name = unique("real-v1");
    let old: Vec<&'static str> = ENDPOINTS
        .iter()
        .map(|e| e.path)
        .filter(|p| *p != "ring_battery_level")
        .collect();
    assert_eq!(old.len(), 18);
    let stores = old.clone();
    let db = Database::open(&name)
        .with_version(1u32)
        .with_on_upgrade_needed(move |_, db| {
            for p in &stores {
                db.create_object_store(p)
                    .with_key_path(KeyPath::One("key"))
                    .build()?;
            }
            db.create_object_store("meta").build()?;
            Ok(())
        })
        .into_future()
        .await
        .unwrap();
    let doc = r#"{"id":"s1","day":"2024-12-01","score":80,"interval":300.0}"#;
    let record = js_sys::JSON::parse(&format!(
        r#"{{"key":"s1","day":"2024-12-01","floats":["/interval"],"doc":{doc}}}"#
    ))
    .unwrap();
    let tx = db
        .transaction("daily_sleep")
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    let store = tx.object_store("daily_sleep").unwrap();
    store.put(&record).primitive().unwrap().await.unwrap();
    drop(store);
    tx.commit().await.unwrap();
    db.close();

    let store = Store::open(&name).await.unwrap();
    assert_eq!(store.version(), SCHEMA_VERSION);
    let all = store.all_docs(ep("daily_sleep")).await.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(text(&all[0]), doc, "the record is kept exactly");
    assert_eq!(
        store.day_bounds(ep("daily_sleep")).await.unwrap(),
        Some((day("2024-12-01"), day("2024-12-01"))),
        "v2 indexed the old record"
    );
    let battery = ep("ring_battery_level");
    assert_eq!(
        store.count(battery).await.unwrap(),
        0,
        "v3 made endpoint 19's store"
    );
    assert_eq!(store.quarantined(ep("sleep")).await.unwrap(), 0);
    done(store).await;
}

/// "Download CSV" reads what the store holds: one row per document (heartrate: per
/// sample), numbers as received; a document kept in the quarantine is not a row.
#[wasm_bindgen_test]
async fn csv_has_a_row_per_stored_document_and_heartrate_sample() {
    let store = filled("csv").await;
    let today = day("2026-12-02");
    for (path, docs) in fixtures() {
        let file = store.csv(ep(path), today).await.unwrap();
        assert_eq!(file.file_name, format!("healthhub-{path}-2026-12-02.csv"));
        let text = file.parts.concat();
        assert!(text.starts_with('\u{feff}'), "{path}: BOM");
        let want = if path == "heartrate" {
            sorted_samples(&docs).len()
        } else {
            docs.len()
        };
        assert_eq!(file.rows, want as u64, "{path}");
        // Lines: the header and a row each (no field of these fixtures breaks a line).
        assert_eq!(text.matches("\r\n").count(), want + 1, "{path}");
    }
    let sleep = store.csv(ep("sleep"), today).await.unwrap().parts.concat();
    assert!(sleep.starts_with("\u{feff}id,day,"));
    assert!(
        sleep.contains(",300.0,"),
        "heart_rate.interval keeps its .0"
    );
    let hr = store
        .csv(ep("heartrate"), today)
        .await
        .unwrap()
        .parts
        .concat();
    assert!(hr.starts_with("\u{feff}timestamp,bpm,source"));
    // An empty collection: the header alone.
    let empty = store.csv(ep("daily_sleep"), today).await.unwrap();
    assert_eq!(
        (empty.rows, empty.parts.concat().as_str()),
        (0, "\u{feff}id,day,timestamp\r\n")
    );
    // A document that cannot be indexed (no id) is kept as received, not a row.
    let before = store.csv(ep("sleep"), today).await.unwrap().rows;
    let mut bad = sleep_docs()[0].clone();
    bad.as_object_mut().unwrap().remove("id");
    let w = store
        .put_page(ep("sleep"), &[bad], &[], &[], None)
        .await
        .unwrap();
    assert_eq!(w.quarantined, 1);
    assert_eq!(store.csv(ep("sleep"), today).await.unwrap().rows, before);
    done(store).await;
}

/// The series rows as (endpoint path, day, values) for comparison.
async fn rows(store: &Store) -> Vec<(String, String, Vec<(u8, f64)>, Vec<String>)> {
    let mut v: Vec<_> = store
        .series(None)
        .await
        .unwrap()
        .into_iter()
        .map(|(e, r)| (e.endpoint().path.to_owned(), r.day, r.values, r.tags))
        .collect();
    v.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    v
}

#[wasm_bindgen_test]
async fn series_rows_follow_their_documents_through_writes_sweeps_imports_and_upgrades() {
    use healthhub::store::{Seen, SweepRange};
    let name = unique("series");
    // A v3 database with documents: the rows are built from them on the first read.
    let v3 = Store::open_at_version(&name, 3).await.unwrap();
    let sleep = ep("sleep");
    let nights = vec![
        json!({"id": "n1", "day": "2024-03-01", "type": "long_sleep", "average_hrv": 41, "total_sleep_duration": 25200}),
        json!({"id": "n2", "day": "2024-03-02", "type": "long_sleep", "average_hrv": 38.5, "total_sleep_duration": 24000}),
        json!({"id": "nap", "day": "2024-03-02", "type": "late_nap", "average_hrv": 60, "total_sleep_duration": 1800}),
    ];
    v3.put_page(sleep, &nights, &[], &[], None).await.unwrap();
    drop(v3);
    let store = Store::open(&name).await.unwrap();
    assert_eq!(store.version(), SCHEMA_VERSION);
    let (hrv, total) = (8u8, 3u8);
    assert_eq!(
        rows(&store).await,
        vec![
            (
                "sleep".into(),
                "2024-03-01".into(),
                vec![(total, 25200.0), (hrv, 41.0)],
                vec![]
            ),
            (
                "sleep".into(),
                "2024-03-02".into(),
                vec![(total, 24000.0), (hrv, 38.5)],
                vec![]
            ),
        ],
        "built from the v3 documents; the nap has no row"
    );
    // A sync page revises n2 into a nap (its row goes) and a window sweep removes n1.
    let range = SweepRange::Days {
        first: day("2024-03-01"),
        last: day("2024-03-02"),
    };
    let n2 = json!({"id": "n2", "day": "2024-03-02", "type": "rest", "average_hrv": 38.5});
    let mut seen = Seen::default();
    seen.keys.insert("nap".into());
    store
        .put_page(sleep, &[n2], &[], &[], Some((&range, &seen)))
        .await
        .unwrap();
    assert_eq!(
        rows(&store).await,
        vec![],
        "revised into a rest period, and swept"
    );
    // An import adds documents and their rows (tags too); clear removes them all.
    let file = json!({"format": "healthhub-export", "version": 1, "exported_at": "2024-03-05T00:00:00Z", "collections": {
        "daily_readiness": [{"id": "r1", "day": "2024-03-03", "score": 71, "temperature_deviation": -0.21}],
        "tag": [{"id": "t1", "day": "2024-03-02", "tags": ["alcohol"], "text": null, "timestamp": "2024-03-02T21:00:00+09:00"}],
    }});
    store.import(&file.to_string()).await.unwrap();
    assert_eq!(
        rows(&store).await,
        vec![
            (
                "daily_readiness".into(),
                "2024-03-03".into(),
                vec![(1, 71.0), (10, -0.21)],
                vec![]
            ),
            (
                "tag".into(),
                "2024-03-02".into(),
                vec![],
                vec!["alcohol".into()]
            ),
        ]
    );
    // By day: only the rows of that range.
    let one = store
        .series(Some((day("2024-03-03"), day("2024-03-03"))))
        .await
        .unwrap();
    assert_eq!(one.len(), 1);
    store.clear().await.unwrap();
    assert_eq!(rows(&store).await, vec![]);
    done(store).await;
}

/// The raw records of one object store of database `name`, as IndexedDB holds them.
async fn raw_records(name: &str, path: &str) -> Vec<JsValue> {
    use indexed_db_futures::database::Database;
    use indexed_db_futures::prelude::*;
    use std::future::IntoFuture;
    let db = Database::open(name).into_future().await.unwrap();
    let tx = db.transaction(path).build().unwrap();
    let store = tx.object_store(path).unwrap();
    let all: Vec<JsValue> = store
        .get_all::<JsValue>()
        .primitive()
        .unwrap()
        .await
        .unwrap()
        .map(Result::unwrap)
        .collect();
    drop(store);
    drop(tx);
    db.close();
    all
}

fn field(r: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(r, &JsValue::from_str(name)).unwrap()
}

/// A day of activity (1,440 MET values) is kept compressed, and every character of it
/// comes back: in the export, the CSV and the document read.
#[wasm_bindgen_test]
async fn long_documents_are_stored_compressed_and_come_back_to_the_character() {
    let name = unique("compressed");
    let store = Store::open(&name).await.unwrap();
    let activity = ep("daily_activity");
    let items: Vec<String> = (0..1440)
        .map(|i| format!("{}.{}", 1 + i % 7, i % 10))
        .collect();
    let long = format!(
        r#"{{"id":"a1","day":"2024-12-01","met":{{"interval":60.0,"items":[{}]}},"x":0.30000000000000004,"note":"夜更かし 🍷","score":null,"whole":300.0}}"#,
        items.join(",")
    );
    let short = r#"{"id":"a2","day":"2024-12-02","score":80,"whole":1.0}"#.to_string();
    let docs: Vec<Value> = [&long, &short]
        .iter()
        .map(|t| serde_json::from_str(t).unwrap())
        .collect();
    store
        .put_page(activity, &docs, &[long.clone(), short.clone()], &[], None)
        .await
        .unwrap();
    let raw = raw_records(&name, "daily_activity").await;
    assert_eq!(raw.len(), 2);
    let z = field(&raw[0], "z");
    assert!(
        z.is_instance_of::<js_sys::Uint8Array>(),
        "the long one is compressed"
    );
    assert!(field(&raw[0], "doc").is_undefined());
    let z_len = js_sys::Uint8Array::from(z).length() as usize;
    assert!(z_len * 4 < long.len(), "{z_len} bytes for {}", long.len());
    assert!(field(&raw[1], "z").is_undefined(), "the short one is not");
    assert!(!field(&raw[1], "doc").is_undefined());
    // Read back: the same documents; exported: the same text, to the character.
    assert_eq!(store.all_docs(activity).await.unwrap(), docs);
    let text = store.export(Utc::now()).await.unwrap().text();
    assert!(
        text.contains(&long),
        "the export holds the document as received"
    );
    assert!(text.contains(&short));
    let csv = store
        .csv(activity, day("2024-12-03"))
        .await
        .unwrap()
        .parts
        .concat();
    assert!(csv.contains("0.30000000000000004") && csv.contains("夜更かし 🍷"));
    // A revision replaces it, also compressed.
    let revised = long.replace("\"note\":\"夜更かし 🍷\"", "\"note\":\"revised\"");
    let doc: Value = serde_json::from_str(&revised).unwrap();
    store
        .put_page(
            activity,
            std::slice::from_ref(&doc),
            std::slice::from_ref(&revised),
            &[],
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        store
            .docs_between(activity, day("2024-12-01"), day("2024-12-01"))
            .await
            .unwrap(),
        vec![doc]
    );
    done(store).await;
}

/// A heartrate day written before the bytes form (typed arrays `t`, `bpm`, `src`) is
/// still read, and is written as bytes once it changes.
#[wasm_bindgen_test]
async fn heartrate_days_of_the_typed_array_form_are_read_and_rewritten_as_bytes() {
    use indexed_db_futures::database::Database;
    use indexed_db_futures::prelude::*;
    use indexed_db_futures::transaction::TransactionMode;
    use std::future::IntoFuture;
    let name = unique("hr-v1-form");
    let store = Store::open(&name).await.unwrap();
    let hr = ep("heartrate");
    // A record as the store wrote it before: 00:00:10 awake 61, 00:05:00 rest 55
    // (with timestamp_unix).
    let record = js_sys::JSON::parse(
        r#"{"key":"2024-12-13","day":"2024-12-13","n":2,"sources":["awake","rest"]}"#,
    )
    .unwrap();
    let set = |k: &str, v: &JsValue| {
        js_sys::Reflect::set(&record, &JsValue::from_str(k), v).unwrap();
    };
    set(
        "t",
        &js_sys::Uint32Array::from(&[10_000u32, 300_000][..]).into(),
    );
    set("bpm", &js_sys::Uint16Array::from(&[61u16, 55][..]).into());
    set("src", &js_sys::Uint8Array::from(&[0u8, 0x81][..]).into());
    {
        let db = Database::open(&name).into_future().await.unwrap();
        let tx = db
            .transaction("heartrate")
            .with_mode(TransactionMode::Readwrite)
            .build()
            .unwrap();
        let os = tx.object_store("heartrate").unwrap();
        os.put(&record).primitive().unwrap().await.unwrap();
        drop(os);
        tx.commit().await.unwrap();
        db.close();
    }
    let first = json!({"bpm": 61, "source": "awake", "timestamp": "2024-12-13T00:00:10+00:00"});
    let second = json!({"bpm": 55, "source": "rest", "timestamp": "2024-12-13T00:05:00+00:00", "timestamp_unix": 1_734_048_300_000_i64});
    assert_eq!(
        store.all_docs(hr).await.unwrap(),
        vec![first.clone(), second.clone()]
    );
    // The day changes: written as bytes, every sample kept.
    let third = json!({"bpm": 58, "source": "rest", "timestamp": "2024-12-13T00:10:00+00:00"});
    store
        .put_page(hr, std::slice::from_ref(&third), &[], &[], None)
        .await
        .unwrap();
    let raw = raw_records(&name, "heartrate").await;
    assert!(field(&raw[0], "p").is_instance_of::<js_sys::Uint8Array>());
    assert!(field(&raw[0], "t").is_undefined());
    assert_eq!(
        store.all_docs(hr).await.unwrap(),
        vec![first, second, third]
    );
    done(store).await;
}

/// Ring battery rows as the simulator (and Oura) spell them: fields sorted by name,
/// every 30 minutes from 2026-11-20T22:00Z to 2026-11-21T01:30Z (two UTC days), and
/// one row that would not unpack as received (microseconds, level `55.0`).
fn battery_rows() -> Vec<Value> {
    let base = Utc.with_ymd_and_hms(2026, 11, 20, 22, 0, 0).unwrap();
    let mut rows: Vec<Value> = (0..8)
        .map(|i| {
            let at = base + chrono::TimeDelta::minutes(30 * i);
            let stamp = at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false);
            let mut m = serde_json::Map::new();
            match i % 4 {
                0 => {}
                1 => {
                    m.insert("charging".into(), json!(false));
                }
                2 => {
                    m.insert("charging".into(), json!(true));
                    m.insert("in_charger".into(), json!(true));
                }
                _ => {
                    m.insert("charging".into(), Value::Null);
                    m.insert("in_charger".into(), json!(false));
                }
            }
            m.insert("level".into(), json!(90 - i));
            m.insert("timestamp".into(), json!(stamp));
            m.insert("timestamp_unix".into(), json!(at.timestamp_millis()));
            Value::Object(m)
        })
        .collect();
    rows.push(
        serde_json::from_str(
            r#"{"level":55.0,"timestamp":"2026-11-20T23:10:00.654321+00:00","timestamp_unix":1795216200654}"#,
        )
        .unwrap(),
    );
    rows
}

/// The rows in the store's order (time order), as text.
fn battery_texts(rows: &[Value]) -> Vec<String> {
    let mut rows = rows.to_vec();
    rows.sort_by_key(|r| {
        chrono::DateTime::parse_from_rfc3339(r["timestamp"].as_str().unwrap())
            .unwrap()
            .timestamp_nanos_opt()
    });
    rows.iter().map(text).collect()
}

#[wasm_bindgen_test]
async fn battery_rows_are_packed_per_utc_day_and_read_back_as_received() {
    let name = unique("battery");
    let store = Store::open(&name).await.unwrap();
    let battery = ep("ring_battery_level");
    let rows = battery_rows();
    let w = store
        .put_page(battery, &rows, &[], &[], None)
        .await
        .unwrap();
    assert_eq!((w.written, w.quarantined), (rows.len(), 0));
    // Two day records and the row that does not pack, as before.
    let raw = raw_records(&name, "ring_battery_level").await;
    let keys: Vec<String> = raw
        .iter()
        .map(|r| field(r, "key").as_string().unwrap())
        .collect();
    assert_eq!(
        keys,
        ["2026-11-20", "2026-11-20T23:10:00.654321000Z", "2026-11-21"]
    );
    assert!(field(&raw[0], "p").is_instance_of::<js_sys::Uint8Array>());
    assert_eq!(field(&raw[0], "n").as_f64(), Some(4.0));
    let want = battery_texts(&rows);
    let all = store.all_docs(battery).await.unwrap();
    assert_eq!(all.iter().map(text).collect::<Vec<_>>(), want);
    assert_eq!(store.count(battery).await.unwrap(), rows.len() as u64);
    assert_eq!(
        store.day_bounds(battery).await.unwrap(),
        Some((day("2026-11-20"), day("2026-11-21")))
    );
    let first = store
        .docs_between(battery, day("2026-11-20"), day("2026-11-20"))
        .await
        .unwrap();
    assert_eq!(first.iter().map(text).collect::<Vec<_>>(), want[..5]);
    // The export and the CSV: one document, one row per battery row, as received.
    let at = Utc.with_ymd_and_hms(2026, 11, 24, 8, 0, 0).unwrap();
    let export = store.export(at).await.unwrap().text();
    let v: Value = serde_json::from_str(&export).unwrap();
    let exported: Vec<String> = v["collections"]["ring_battery_level"]
        .as_array()
        .unwrap()
        .iter()
        .map(text)
        .collect();
    assert_eq!(exported, want);
    assert!(export.contains(r#"{"level":55.0,"timestamp":"2026-11-20T23:10:00.654321+00:00""#));
    let csv = store.csv(battery, day("2026-12-02")).await.unwrap();
    assert_eq!(csv.rows, rows.len() as u64);
    let csv = csv.parts.concat();
    assert!(csv.starts_with("\u{feff}timestamp,"), "{csv}");
    assert!(csv.contains("55.0"));
    // The same page again changes nothing; a revised row replaces its instant.
    store
        .put_page(battery, &rows, &[], &[], None)
        .await
        .unwrap();
    assert_eq!(store.count(battery).await.unwrap(), rows.len() as u64);
    let mut revised = rows[1].clone();
    revised["level"] = json!(12);
    let mut odd = rows[8].clone();
    odd["level"] = json!(56);
    store
        .put_page(battery, &[revised.clone(), odd.clone()], &[], &[], None)
        .await
        .unwrap();
    let all = store.all_docs(battery).await.unwrap();
    assert_eq!(all.len(), rows.len());
    assert!(all.contains(&revised) && !all.contains(&rows[1]));
    assert!(all.contains(&odd) && !all.contains(&rows[8]));
    assert_eq!(store.count(battery).await.unwrap(), rows.len() as u64);
    // Still two day records and the odd row's record (replaced in place).
    assert_eq!(raw_records(&name, "ring_battery_level").await.len(), 3);
    done(store).await;
}

#[wasm_bindgen_test]
async fn the_last_battery_page_of_a_window_removes_rows_oura_no_longer_returns() {
    use healthhub::store::{Seen, SweepRange};
    let store = Store::open(&unique("battery-sweep")).await.unwrap();
    let battery = ep("ring_battery_level");
    let rows = battery_rows();
    store
        .put_page(battery, &rows, &[], &[], None)
        .await
        .unwrap();
    // A window over 2026-11-20T23:00Z..2026-11-21T01:00Z: Oura returns 23:30 and
    // 00:30 only (no longer 23:00, 00:00 and the odd 23:10).
    let range = SweepRange::Instants {
        start: Utc.with_ymd_and_hms(2026, 11, 20, 23, 0, 0).unwrap(),
        end: Utc.with_ymd_and_hms(2026, 11, 21, 1, 0, 0).unwrap(),
    };
    let first = store
        .put_page(battery, &rows[3..4], &[], &[], None)
        .await
        .unwrap();
    let mut seen = Seen::default();
    seen.extend(first.seen);
    let last = store
        .put_page(battery, &rows[5..6], &[], &[], Some((&range, &seen)))
        .await
        .unwrap();
    assert_eq!(last.removed, 3);
    let all = store.all_docs(battery).await.unwrap();
    let mut want = rows.clone();
    want.remove(8);
    want.remove(4);
    want.remove(2);
    assert_eq!(
        all.iter().map(text).collect::<Vec<_>>(),
        battery_texts(&want)
    );
    assert_eq!(store.count(battery).await.unwrap(), 6, "the count follows");
    // A window with nothing left on a day: the day record goes.
    let range = SweepRange::Instants {
        start: Utc.with_ymd_and_hms(2026, 11, 21, 0, 0, 0).unwrap(),
        end: Utc.with_ymd_and_hms(2026, 11, 22, 0, 0, 0).unwrap(),
    };
    let w = store
        .put_page(battery, &[], &[], &[], Some((&range, &Seen::default())))
        .await
        .unwrap();
    assert_eq!(w.removed, 3);
    assert_eq!(store.count(battery).await.unwrap(), 3);
    assert_eq!(
        store.day_bounds(battery).await.unwrap(),
        Some((day("2026-11-20"), day("2026-11-20")))
    );
    done(store).await;
}

/// Battery rows stored before the day records (one record per row, keyed by instant)
/// are read as before, and folded into the day record when their day is written.
#[wasm_bindgen_test]
async fn battery_rows_of_the_earlier_form_are_read_and_folded_into_their_day() {
    use indexed_db_futures::database::Database;
    use indexed_db_futures::prelude::*;
    use indexed_db_futures::transaction::TransactionMode;
    use std::future::IntoFuture;
    let name = unique("battery-v3-form");
    let store = Store::open(&name).await.unwrap();
    let battery = ep("ring_battery_level");
    let rows = battery_rows();
    {
        // As the store wrote them before: {key: instant key, day, doc}.
        let db = Database::open(&name).into_future().await.unwrap();
        let tx = db
            .transaction("ring_battery_level")
            .with_mode(TransactionMode::Readwrite)
            .build()
            .unwrap();
        let os = tx.object_store("ring_battery_level").unwrap();
        let earlier: Vec<Value> = rows[..5].iter().chain(&rows[8..]).cloned().collect();
        for r in &earlier {
            let at = chrono::DateTime::parse_from_rfc3339(r["timestamp"].as_str().unwrap())
                .unwrap()
                .with_timezone(&Utc);
            let key = at.format("%Y-%m-%dT%H:%M:%S%.9fZ").to_string();
            let floats = healthhub::store::record::float_pointers(r);
            let record = json!({"key": key, "day": &key[..10], "floats": floats, "doc": r});
            let record = js_sys::JSON::parse(&record.to_string()).unwrap();
            os.put(&record).primitive().unwrap().await.unwrap();
        }
        drop(os);
        tx.commit().await.unwrap();
        db.close();
    }
    let earlier: Vec<Value> = rows[..5].iter().chain(&rows[8..]).cloned().collect();
    let want = battery_texts(&earlier);
    let all = store.all_docs(battery).await.unwrap();
    assert_eq!(all.iter().map(text).collect::<Vec<_>>(), want);
    assert_eq!(store.count(battery).await.unwrap(), 6);
    // A new row of that day and a revision of one of the earlier form.
    let mut revised = rows[2].clone();
    revised["level"] = json!(3);
    store
        .put_page(battery, &[rows[5].clone(), revised.clone()], &[], &[], None)
        .await
        .unwrap();
    let raw = raw_records(&name, "ring_battery_level").await;
    let keys: Vec<String> = raw
        .iter()
        .map(|r| field(r, "key").as_string().unwrap())
        .collect();
    assert_eq!(
        keys,
        ["2026-11-20", "2026-11-20T23:10:00.654321000Z", "2026-11-21"],
        "the packable rows folded into the day record; the odd one kept"
    );
    let mut now = earlier.clone();
    now[2] = revised;
    now.push(rows[5].clone());
    let all = store.all_docs(battery).await.unwrap();
    assert_eq!(
        all.iter().map(text).collect::<Vec<_>>(),
        battery_texts(&now)
    );
    assert_eq!(store.count(battery).await.unwrap(), 7);
    done(store).await;
}

#[wasm_bindgen_test]
async fn battery_import_adds_missing_rows_only() {
    let source = Store::open(&unique("battery-import-src")).await.unwrap();
    let battery = ep("ring_battery_level");
    let rows = battery_rows();
    source
        .put_page(battery, &rows, &[], &[], None)
        .await
        .unwrap();
    let at = Utc.with_ymd_and_hms(2026, 11, 24, 8, 0, 0).unwrap();
    let file = source.export(at).await.unwrap().text();
    done(source).await;

    let store = Store::open(&unique("battery-import-dst")).await.unwrap();
    // The device has a revised row 1 and the odd row already.
    let mut revised = rows[1].clone();
    revised["level"] = json!(12);
    store
        .put_page(battery, &[revised.clone(), rows[8].clone()], &[], &[], None)
        .await
        .unwrap();
    let report = store.import(&file).await.unwrap();
    let b = report.get("ring_battery_level").unwrap();
    assert_eq!((b.added, b.kept), (rows.len() as u64 - 2, 2));
    let mut want = rows.clone();
    want[1] = revised;
    let all = store.all_docs(battery).await.unwrap();
    assert_eq!(
        all.iter().map(text).collect::<Vec<_>>(),
        battery_texts(&want)
    );
    assert_eq!(store.count(battery).await.unwrap(), rows.len() as u64);
    let again = store.import(&file).await.unwrap();
    assert_eq!(again.get("ring_battery_level").unwrap().added, 0);
    assert_eq!(store.count(battery).await.unwrap(), rows.len() as u64);
    done(store).await;
}
