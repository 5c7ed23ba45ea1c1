//! OpenAPI 1.41 data: the new fields, the rare absent/null optional fields, the new enum
//! values, 17-significant-digit doubles and the `set_up_at` sentinel.

mod support;

use chrono::{DateTime, Duration, NaiveDate};
use oura_sim::data::{significant_digits, ENDPOINTS};
use serde_json::Value;
use std::collections::BTreeSet;
use support::schema::Spec;
use support::*;

fn day_of(d: &Value) -> Option<&str> {
    d.get("day")
        .or_else(|| d.get("start_day"))
        .and_then(Value::as_str)
}

/// Numbers in a JSON text with at least 17 significant digits.
fn long_numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // A number starts after ':' ',' or '[' (never inside a string here).
        if (b[i].is_ascii_digit() || b[i] == b'-')
            && i > 0
            && matches!(b[i - 1], b':' | b',' | b'[')
        {
            let start = i;
            while i < b.len() && (b[i].is_ascii_digit() || b"-+.eE".contains(&b[i])) {
                i += 1;
            }
            let tok = &text[start..i];
            if tok.contains('.') {
                let digits: String = tok
                    .split(['e', 'E'])
                    .next()
                    .unwrap_or("")
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect();
                if digits.trim_start_matches('0').len() >= 17 {
                    out.push(tok.to_string());
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_year_of_1_41_data_conforms_and_has_the_rarities() {
    let spec = Spec::load();
    let srv = start(&[
        "--days",
        "365",
        "--hr-per-day",
        "24",
        "--end-date",
        "2026-11-20",
    ])
    .await;
    let export: Value = serde_json::from_str(&srv.sim.export()).unwrap();
    let cols = export["collections"].as_object().unwrap();
    let protected =
        (NaiveDate::from_ymd_opt(2026, 11, 20).unwrap() - Duration::days(9)).to_string();
    for ep in ENDPOINTS {
        let schema = spec.item_schema_name(ep);
        for d in cols[ep].as_array().unwrap() {
            let errs = spec.validate(&schema, d);
            assert!(errs.is_empty(), "{ep}: {errs:#?}\n{d}");
        }
    }
    let docs = |ep: &str| cols[ep].as_array().unwrap().clone();
    let old = |d: &&Value| day_of(d).is_some_and(|x| x < protected.as_str());
    let recent = |d: &&Value| day_of(d).is_some_and(|x| x >= protected.as_str());

    // Heart rate: timestamp_unix is the sample's instant in ms.
    for s in docs("heartrate").iter().step_by(97) {
        let t = DateTime::parse_from_rfc3339(s["timestamp"].as_str().unwrap()).unwrap();
        assert_eq!(s["timestamp_unix"].as_i64(), Some(t.timestamp_millis()));
    }
    // Cardiovascular age: id and pulse_wave_velocity; the single route finds it.
    let cardio = docs("daily_cardiovascular_age");
    assert!(cardio.iter().all(|d| d["id"].is_string()));
    assert!(cardio.iter().any(|d| d["pulse_wave_velocity"].is_f64()));
    let id = cardio[3]["id"].as_str().unwrap();
    let r = srv
        .get(&format!("/v2/usercollection/daily_cardiovascular_age/{id}"))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), cardio[3]);

    // Sleep: the 1.41 fields.
    let sleep = docs("sleep");
    let rings: BTreeSet<String> = docs("ring_configuration")
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    for d in &sleep {
        let tib = d["time_in_bed"].as_i64().unwrap() as usize;
        assert_eq!(d["sleep_phase_30_sec"].as_str().unwrap().len(), tib / 30);
        assert_eq!(d["app_sleep_phase_5_min"], d["sleep_phase_5_min"]);
        assert!(rings.contains(d["ring_id"].as_str().unwrap()));
        assert!(d["readiness"]["contributors"]["sleep_regularity"].is_i64());
        let a = DateTime::parse_from_rfc3339(d["bedtime_start"].as_str().unwrap()).unwrap();
        let b = DateTime::parse_from_rfc3339(d["bedtime_end"].as_str().unwrap()).unwrap();
        assert!(a < b);
    }
    assert!(docs("daily_readiness")
        .iter()
        .all(|d| d["contributors"]["sleep_regularity"].is_i64()));
    assert!(docs("vO2_max").iter().all(|d| d["vo2_max"].is_i64()));

    // Rarities: present somewhere, never on the last 10 days, rare (<= 3 %).
    type Pred = fn(&Value) -> bool;
    let rarities: [(&str, &str, Pred); 7] = [
        ("sleep", "type null", |d| d["type"].is_null()),
        ("sleep", "hrv null", |d| {
            d["hrv"].is_null() && d["type"] == "long_sleep"
        }),
        ("daily_sleep", "score null", |d| d["score"].is_null()),
        ("daily_activity", "score absent", |d| {
            d.get("score").is_none()
        }),
        ("daily_stress", "stress_high absent", |d| {
            d.get("stress_high").is_none()
        }),
        ("daily_spo2", "spo2_percentage absent", |d| {
            d.get("spo2_percentage").is_none()
        }),
        ("daily_cardiovascular_age", "pwv null", |d| {
            d["pulse_wave_velocity"].is_null()
        }),
    ];
    for (ep, what, pred) in rarities {
        let all = docs(ep);
        let n = all.iter().filter(|d| pred(d)).count();
        assert!(n > 0, "{ep}: {what} never happens");
        assert!(
            n * 100 <= all.len() * 3 + 100,
            "{ep}: {what} not rare ({n})"
        );
        assert!(
            !all.iter().filter(recent).any(pred),
            "{ep}: {what} within the last 10 days"
        );
    }
    // New enum values.
    let workouts = docs("workout");
    let sources: BTreeSet<&str> = workouts
        .iter()
        .map(|d| d["source"].as_str().unwrap())
        .collect();
    assert!(
        sources.contains("live_third_party_heart_rate") || sources.contains("live_oura_heart_rate")
    );
    let reasons: BTreeSet<&str> = sleep
        .iter()
        .filter_map(|d| d["sleep_analysis_reason"].as_str())
        .collect();
    assert!(reasons.contains("background_sleep_analysis"));
    assert!(reasons.contains("background_created_foreground_updated"));
    let or5: Vec<Value> = docs("ring_configuration")
        .into_iter()
        .filter(|d| d["hardware_type"] == "or5")
        .collect();
    assert_eq!(or5.len(), 1);
    assert_eq!(or5[0]["design"], "ceramic");
    assert!(["cloud", "petal", "midnight", "tide", "deep_rose"]
        .contains(&or5[0]["color"].as_str().unwrap()));

    // 17 significant digits in the served bytes (workout distance), shortest round
    // trip: the text parses back to the same double and prints the same.
    let r = srv
        .get("/v2/usercollection/workout?start_date=2026-01-01&end_date=2026-03-01")
        .await;
    assert_eq!(r.status, 200);
    let longs = long_numbers(&r.text());
    assert!(!longs.is_empty(), "no 17-digit double served");
    for t in &longs {
        let x: f64 = t.parse().unwrap();
        assert_eq!(significant_digits(x), 17, "{t}");
        assert_eq!(
            serde_json::to_string(&x).unwrap(),
            *t,
            "shortest round trip"
        );
    }
    assert!(workouts.iter().filter(old).any(|d| d["distance"]
        .as_f64()
        .is_some_and(|x| significant_digits(x) == 17)));
    // The last 10 days keep their (f32-rounded) distances.
    assert!(workouts.iter().filter(recent).all(|d| d["distance"]
        .as_f64()
        .is_none_or(|x| significant_digits(x) < 17)));
    assert!(sleep.iter().any(|d| d["average_breath"]
        .as_f64()
        .is_some_and(|x| significant_digits(x) == 17)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ring_setup_sentinel_flag() {
    let srv = start(&[]).await;
    let v = srv
        .get("/v2/usercollection/ring_configuration")
        .await
        .json();
    let first = v["data"][0]["set_up_at"].as_str().unwrap().to_string();
    assert_ne!(first, "1970-01-01T00:00:00+00:00");
    let srv = start(&["--ring-setup-sentinel"]).await;
    let v2 = srv
        .get("/v2/usercollection/ring_configuration")
        .await
        .json();
    assert_eq!(v2["data"][0]["set_up_at"], "1970-01-01T00:00:00+00:00");
    // Only that value changes.
    let mut a = v["data"].clone();
    a[0]["set_up_at"] = "1970-01-01T00:00:00+00:00".into();
    assert_eq!(a, v2["data"]);
    let spec = Spec::load();
    assert!(spec
        .validate("PublicRingConfiguration", &v2["data"][0])
        .is_empty());
}
