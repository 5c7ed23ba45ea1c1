//! Spec conformance: every generated document of every endpoint, fetched through the
//! HTTP routes (all pages), is validated against Oura's OpenAPI 1.41 schemas, checked
//! for the shape of real data, and compared with the export.

mod support;

use chrono::{DateTime, Duration, NaiveDate};
use oura_sim::data::{Data, GenParams, ENDPOINTS};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use support::schema::{Spec, RECORDED};
use support::*;

const DAYS: i64 = 60;
const HR_PER_DAY: usize = 240;

fn first_day() -> NaiveDate {
    NaiveDate::parse_from_str(END, "%Y-%m-%d").unwrap() - Duration::days(DAYS - 1)
}

#[test]
fn validator_accepts_real_recorded_bodies_and_rejects_bad_ones() {
    // The recorded bodies are from 2024 (API 1.27: heartrate without `timestamp_unix`,
    // cardiovascular age without `id`), so they are checked against 1.27.
    let spec = Spec::load_file(support::schema::OPENAPI_127);
    let mut checked = 0;
    for entry in std::fs::read_dir(RECORDED).unwrap() {
        let path = entry.unwrap().path();
        let rec: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let url = rec["url"].as_str().unwrap();
        // The `*_with_token`, `tag` and `cardio-age-id` files are synthetic samples
        // (ids like "tag-id-1", a cardiovascular age *with* id): skip them.
        let fake =
            url.contains("token123") || url.contains("/tag") || url.contains("cardio-age-id");
        if rec["status"] != 200 || fake {
            continue;
        }
        let name = url
            .trim_start_matches("/v2/usercollection/")
            .split(['?', '/'])
            .next()
            .unwrap();
        let single = url.trim_start_matches("/v2/usercollection/").contains('/');
        let schema = if single {
            spec.item_schema_name(name)
        } else {
            spec.response_schema_name(name)
        };
        let errs = spec.validate(&schema, &rec["body"]);
        assert!(errs.is_empty(), "{}: {errs:#?}", path.display());
        checked += 1;
    }
    assert!(checked >= 25, "only {checked} recorded bodies checked");

    // Negative cases.
    let good: Value = serde_json::json!({"id": "x", "day": "2024-01-01", "stress_high": 1, "recovery_high": null, "day_summary": "normal"});
    assert!(spec.validate("DailyStressModel", &good).is_empty());
    let mut extra = good.clone();
    extra["invented"] = Value::Bool(true);
    assert!(
        !spec.validate("DailyStressModel", &extra).is_empty(),
        "unknown property accepted"
    );
    let mut bad_enum = good.clone();
    bad_enum["day_summary"] = "meh".into();
    assert!(!spec.validate("DailyStressModel", &bad_enum).is_empty());
    let mut bad_type = good.clone();
    bad_type["stress_high"] = 1.5.into();
    assert!(!spec.validate("DailyStressModel", &bad_type).is_empty());
    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("id");
    assert!(!spec.validate("DailyStressModel", &missing).is_empty());
    let mut bad_day = good.clone();
    bad_day["day"] = "2024-13-01".into();
    assert!(!spec.validate("DailyStressModel", &bad_day).is_empty());
    let ts = serde_json::json!({"bpm": 60, "source": "awake", "timestamp": "yesterday"});
    assert!(!spec.validate("HeartRateModel", &ts).is_empty());
    let cardio_with_id = serde_json::json!({"id": "a", "day": "2024-01-01", "vascular_age": 40});
    assert!(!spec
        .validate("DailyCardiovascularAgeModel", &cardio_with_id)
        .is_empty());

    // 1.41: the renamed models, the new required fields.
    let spec = Spec::load();
    assert_eq!(spec.item_schema_name("sleep"), "PublicModifiedSleepModel");
    assert_eq!(spec.item_schema_name("heartrate"), "PublicHeartRateRow");
    assert_eq!(
        spec.item_schema_name("ring_battery_level"),
        "PublicRingBatteryLevelRow"
    );
    let hr =
        serde_json::json!({"bpm": 60, "source": "awake", "timestamp": "2024-01-01T00:00:00+00:00"});
    assert!(!spec.validate("PublicHeartRateRow", &hr).is_empty());
    let mut hr_ok = hr.clone();
    hr_ok["timestamp_unix"] = 1_704_067_200_000i64.into();
    assert!(spec.validate("PublicHeartRateRow", &hr_ok).is_empty());
    let mut hr_float = hr_ok.clone();
    hr_float["bpm"] = serde_json::json!(61.0);
    assert!(!spec.validate("PublicHeartRateRow", &hr_float).is_empty());
    assert!(spec
        .validate("PublicDailyCardiovascularAge", &cardio_with_id)
        .is_empty());
    let cardio_no_id = serde_json::json!({"day": "2024-01-01", "vascular_age": 40});
    assert!(!spec
        .validate("PublicDailyCardiovascularAge", &cardio_no_id)
        .is_empty());
    let vo2 = serde_json::json!({"id": "a", "day": "2024-01-01", "timestamp": "2024-01-01T10:00:00+09:00", "vo2_max": 41.5});
    assert!(!spec.validate("PublicVO2Max", &vo2).is_empty());
}

fn check_offset(endpoint: &str, key: &str, t: &str) {
    assert!(
        DateTime::parse_from_rfc3339(t).is_ok(),
        "{endpoint}.{key}: {t}"
    );
    let utc = endpoint == "heartrate"
        || endpoint == "ring_battery_level"
        || (endpoint == "ring_configuration" && key == "set_up_at");
    let want = if utc { "+00:00" } else { "+09:00" };
    assert!(
        t.ends_with(want),
        "{endpoint}.{key}: {t} should end with {want}"
    );
}

/// Walks a document checking timestamps' offsets, scores and contributors ranges.
fn walk(endpoint: &str, key: &str, v: &Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if k == "contributors" && endpoint != "daily_resilience" {
                    for (ck, cv) in x.as_object().unwrap() {
                        if let Some(n) = cv.as_i64() {
                            assert!((1..=100).contains(&n), "{endpoint}.contributors.{ck} = {n}");
                        } else {
                            assert!(cv.is_null(), "{endpoint}.contributors.{ck}");
                        }
                    }
                }
                if k == "score" && !x.is_null() {
                    let n = x.as_i64().unwrap();
                    assert!((1..=100).contains(&n), "{endpoint}.score = {n}");
                }
                walk(endpoint, k, x);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| walk(endpoint, key, x)),
        Value::String(s) => {
            if matches!(
                key,
                "timestamp"
                    | "bedtime_start"
                    | "bedtime_end"
                    | "start_datetime"
                    | "end_datetime"
                    | "start_time"
                    | "end_time"
                    | "set_up_at"
            ) {
                check_offset(endpoint, key, s);
            }
        }
        _ => {}
    }
}

fn secs_between(a: &Value, b: &Value) -> i64 {
    let a = DateTime::parse_from_rfc3339(a.as_str().unwrap()).unwrap();
    let b = DateTime::parse_from_rfc3339(b.as_str().unwrap()).unwrap();
    (b - a).num_seconds()
}

fn check_sample(v: &Value, interval: f64, n: usize, what: &str) {
    if v.is_null() {
        return;
    }
    assert_eq!(v["interval"].as_f64(), Some(interval), "{what} interval");
    assert_eq!(
        v["items"].as_array().map(Vec::len),
        Some(n),
        "{what} item count"
    );
    assert!(
        v["timestamp"].as_str().unwrap().contains(".000+"),
        "{what} timestamp with ms"
    );
}

fn shape_checks(endpoint: &str, docs: &[Value], worn_days: usize) {
    for d in docs {
        walk(endpoint, "", d);
    }
    let ids: Vec<&str> = docs.iter().filter_map(|d| d["id"].as_str()).collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "{endpoint}: duplicate ids");
    match endpoint {
        "heartrate" | "ring_battery_level" => {
            assert!(ids.is_empty(), "{endpoint} must have no id")
        }
        _ => {
            assert_eq!(ids.len(), docs.len(), "{endpoint}: every doc has an id");
            assert!(
                ids.iter()
                    .all(|i| i.len() == 36 && i.matches('-').count() == 4),
                "{endpoint}: uuid-like ids"
            );
        }
    }
    match endpoint {
        "sleep" => {
            let mut naps = 0;
            for d in docs {
                let tib = d["time_in_bed"].as_i64().unwrap();
                let slots = (tib / 300) as usize;
                assert_eq!(d["sleep_phase_5_min"].as_str().unwrap().len(), slots);
                assert_eq!(
                    d["movement_30_sec"].as_str().unwrap().len(),
                    (tib / 30) as usize
                );
                check_sample(&d["heart_rate"], 300.0, slots, "sleep.heart_rate");
                check_sample(&d["hrv"], 300.0, slots, "sleep.hrv");
                assert_eq!(secs_between(&d["bedtime_start"], &d["bedtime_end"]), tib);
                let total = d["total_sleep_duration"].as_i64().unwrap();
                let parts = [
                    "deep_sleep_duration",
                    "light_sleep_duration",
                    "rem_sleep_duration",
                ]
                .iter()
                .map(|k| d[*k].as_i64().unwrap())
                .sum::<i64>();
                assert_eq!(total, parts);
                assert_eq!(d["awake_time"].as_i64().unwrap(), tib - total);
                if d["type"] == "long_sleep" {
                    assert!(
                        (4 * 3600 + 1800..=11 * 3600).contains(&tib),
                        "long sleep {tib}s"
                    );
                } else {
                    naps += 1;
                }
            }
            assert!(naps > 0, "some naps/rest periods");
        }
        "daily_activity" => {
            for d in docs {
                let class = d["class_5_min"].as_str().unwrap();
                assert_eq!(class.len(), 288);
                assert!(class.chars().all(|c| ('0'..='5').contains(&c)));
                check_sample(&d["met"], 60.0, 1440, "met");
                let steps = d["steps"].as_i64().unwrap();
                assert!((2000..=18000).contains(&steps), "steps {steps}");
                let t: i64 = [
                    "high_activity_time",
                    "medium_activity_time",
                    "low_activity_time",
                    "sedentary_time",
                    "resting_time",
                    "non_wear_time",
                ]
                .iter()
                .map(|k| d[*k].as_i64().unwrap())
                .sum();
                assert_eq!(t, 86_400);
            }
        }
        "session" => {
            assert!(!docs.is_empty());
            for d in docs {
                let n = (secs_between(&d["start_datetime"], &d["end_datetime"]) / 5) as usize;
                check_sample(&d["heart_rate"], 5.0, n, "session.heart_rate");
                check_sample(&d["heart_rate_variability"], 5.0, n, "session.hrv");
                check_sample(&d["motion_count"], 5.0, n, "session.motion_count");
            }
        }
        "heartrate" => {
            // None on the person's non-wear days.
            assert_eq!(docs.len(), worn_days * HR_PER_DAY);
            let sources: BTreeSet<&str> =
                docs.iter().map(|d| d["source"].as_str().unwrap()).collect();
            for s in ["awake", "rest", "sleep", "workout", "session", "live"] {
                assert!(sources.contains(s), "heartrate source {s} never used");
            }
            let ts: Vec<i64> = docs
                .iter()
                .map(|d| {
                    DateTime::parse_from_rfc3339(d["timestamp"].as_str().unwrap())
                        .unwrap()
                        .timestamp()
                })
                .collect();
            assert!(
                ts.windows(2).all(|w| w[0] < w[1]),
                "heartrate sorted and unique"
            );
        }
        "ring_configuration" => assert!((1..=3).contains(&docs.len())),
        "ring_battery_level" => {
            assert_eq!(docs.len(), worn_days * 48, "48 rows a worn day");
            let ts: Vec<i64> = docs
                .iter()
                .map(|d| {
                    let t = DateTime::parse_from_rfc3339(d["timestamp"].as_str().unwrap()).unwrap();
                    assert_eq!(d["timestamp_unix"].as_i64(), Some(t.timestamp_millis()));
                    t.timestamp()
                })
                .collect();
            assert!(ts.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
            let levels: Vec<i64> = docs.iter().map(|d| d["level"].as_i64().unwrap()).collect();
            assert!(levels.iter().all(|l| (0..=100).contains(l)));
            // Charges: rows with charging/in_charger true, the level rising.
            let charging: Vec<usize> = (0..docs.len())
                .filter(|&i| docs[i]["charging"] == true)
                .collect();
            assert!(charging.len() >= 10, "charges happen");
            assert!(charging.iter().all(|&i| docs[i]["in_charger"] == true));
            assert!(charging
                .iter()
                .filter(|&&i| i > 0 && docs[i - 1]["charging"] == true)
                .all(|&i| levels[i] >= levels[i - 1]));
            // Some rows have the booleans, some do not.
            assert!(docs.iter().any(|d| d.get("charging").is_none()));
            assert!(docs.iter().any(|d| d["charging"] == false));
            // Discharge ~15–25 %/day: over a day without charging, it falls 8..35 points.
            let day_drops: Vec<i64> = docs
                .chunks(48)
                .filter(|c| c.iter().all(|d| d["in_charger"] != true))
                .map(|c| c[0]["level"].as_i64().unwrap() - c[47]["level"].as_i64().unwrap())
                .collect();
            assert!(!day_drops.is_empty());
            assert!(
                day_drops.iter().all(|d| (8..=35).contains(d)),
                "{day_drops:?}"
            );
        }
        "rest_mode_period" | "workout" | "tag" | "vO2_max" | "enhanced_tag" => {
            assert!(!docs.is_empty(), "{endpoint} has documents")
        }
        _ => {}
    }
    if endpoint == "enhanced_tag" {
        assert!(docs
            .iter()
            .any(|d| d["comment"].as_str().is_some_and(|c| !c.is_empty())));
    }
    if !matches!(
        endpoint,
        "heartrate" | "personal_info" | "ring_configuration" | "ring_battery_level"
    ) {
        let lo = first_day().to_string();
        for d in docs {
            let day = d
                .get("day")
                .or_else(|| d.get("start_day"))
                .and_then(Value::as_str)
                .unwrap();
            assert!(
                day >= lo.as_str() && day <= END,
                "{endpoint}: day {day} out of range"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_document_of_every_endpoint_conforms_to_the_spec() {
    let spec = Spec::load();
    let days = DAYS.to_string();
    let hr = HR_PER_DAY.to_string();
    let srv = start(&[
        "--days",
        &days,
        "--hr-per-day",
        &hr,
        "--page-size",
        "25",
        "--hr-page-size",
        "700",
    ])
    .await;
    let export: Value = serde_json::from_str(&srv.sim.export()).unwrap();
    let export_text = srv.sim.export();
    assert_eq!(export["format"], "healthhub-export");
    assert_eq!(export["version"], 1);
    let cols = export["collections"].as_object().unwrap();
    assert_eq!(cols.len(), 19);
    let worn_days = DAYS as usize - srv.sim.data().non_wear.len();

    let lo = (first_day() - Duration::days(1)).to_string();
    let hi = (NaiveDate::parse_from_str(END, "%Y-%m-%d").unwrap() + Duration::days(1)).to_string();
    let mut summary = HashMap::new();
    for endpoint in ENDPOINTS {
        let envelope = spec.response_schema_name(endpoint);
        let item = spec.item_schema_name(endpoint);
        let docs: Vec<Value> = match endpoint {
            "personal_info" => {
                let r = srv.get("/v2/usercollection/personal_info").await;
                assert_eq!(r.status, 200);
                let v = r.json();
                let errs = spec.validate(&envelope, &v);
                assert!(errs.is_empty(), "personal_info: {errs:#?}");
                vec![v]
            }
            "heartrate" | "ring_battery_level" => {
                // 30-day windows (the cap) from the first local midnight to the end.
                let mut all = Vec::new();
                let mut t = DateTime::parse_from_rfc3339(&format!("{lo}T00:00:00+09:00")).unwrap();
                let stop = DateTime::parse_from_rfc3339(&format!("{hi}T00:00:00+09:00")).unwrap();
                while t < stop {
                    let e = (t + Duration::days(30)).min(stop);
                    let url = format!(
                        "/v2/usercollection/{endpoint}?start_datetime={}&end_datetime={}",
                        t.to_rfc3339().replace('+', "%2B"),
                        e.to_rfc3339().replace('+', "%2B")
                    );
                    for page in fetch_pages(&srv, &url).await {
                        let errs = spec.validate(&envelope, &page);
                        assert!(errs.is_empty(), "{endpoint} page: {errs:#?}");
                        all.extend(page["data"].as_array().cloned().unwrap());
                    }
                    t = e;
                }
                all
            }
            _ => {
                let url = format!("/v2/usercollection/{endpoint}?start_date={lo}&end_date={hi}");
                let mut all = Vec::new();
                for page in fetch_pages(&srv, &url).await {
                    let errs = spec.validate(&envelope, &page);
                    assert!(
                        errs.is_empty(),
                        "{endpoint} page: {:#?}",
                        &errs[..errs.len().min(10)]
                    );
                    all.extend(page["data"].as_array().cloned().unwrap());
                }
                all
            }
        };
        for d in &docs {
            let errs = spec.validate(&item, d);
            assert!(errs.is_empty(), "{endpoint} doc: {errs:#?}");
        }
        shape_checks(endpoint, &docs, worn_days);
        // Served documents == exported documents, same order.
        let exported = cols[endpoint].as_array().unwrap();
        assert_eq!(exported.len(), docs.len(), "{endpoint}: export count");
        assert!(exported == &docs, "{endpoint}: export differs from the API");
        if let Some(first) = docs.first() {
            assert!(
                export_text.contains(&first.to_string()),
                "{endpoint}: byte-identical doc in export"
            );
        }
        // Single-document route for a few ids.
        for d in docs
            .iter()
            .filter(|d| d.get("id").is_some())
            .step_by(7)
            .take(5)
        {
            if endpoint == "personal_info" {
                break;
            }
            let id = d["id"].as_str().unwrap();
            let r = srv
                .get(&format!("/v2/usercollection/{endpoint}/{id}"))
                .await;
            assert_eq!(r.status, 200);
            assert_eq!(&r.json(), d);
            assert!(spec.validate(&item, &r.json()).is_empty());
        }
        summary.insert(endpoint, docs.len());
    }
    // The data set is not trivially small.
    // (One readiness and cardiovascular age a worn day; none on non-wear days.)
    assert!(summary["sleep"] >= worn_days);
    assert!(summary["daily_sleep"] >= DAYS as usize * 9 / 10);
    assert_eq!(summary["daily_readiness"], worn_days);
    assert_eq!(summary["daily_cardiovascular_age"], worn_days);
    // Some nulls exist where Oura sends them.
    let workouts = cols["workout"].as_array().unwrap();
    assert!(workouts.iter().any(|w| w["distance"].is_null()));
    assert!(workouts.iter().any(|w| w["label"].is_null()));
}

fn params(seed: u64, days: u32) -> GenParams {
    GenParams::new(
        seed,
        days,
        NaiveDate::parse_from_str(END, "%Y-%m-%d").unwrap(),
        chrono::FixedOffset::east_opt(9 * 3600).unwrap(),
        120,
    )
}

#[test]
fn data_is_deterministic_per_seed() {
    let at = DateTime::parse_from_rfc3339("2025-04-01T00:00:00Z")
        .unwrap()
        .to_utc();
    let a = Data::generate(params(7, 30)).export_json(at);
    let b = Data::generate(params(7, 30)).export_json(at);
    assert_eq!(a, b, "same seed, same data");
    let c = Data::generate(params(8, 30)).export_json(at);
    assert_ne!(a, c, "another seed, other data");
    // A date's documents do not depend on --days.
    let short = Data::generate(params(7, 10));
    let long = Data::generate(params(7, 30));
    let i = ENDPOINTS.iter().position(|e| *e == "daily_sleep").unwrap();
    let last_short = short.collections[i].last().unwrap();
    let last_long = long.collections[i].last().unwrap();
    assert_eq!(last_short.json, last_long.json);
}

#[test]
fn write_export_flag_writes_the_file() {
    let dir = std::env::temp_dir().join(format!("oura-sim-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("export.json");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_oura-sim"))
        .args([
            "--days",
            "5",
            "--hr-per-day",
            "20",
            "--end-date",
            END,
            "--write-export",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(v["format"], "healthhub-export");
    assert_eq!(v["exported_at"], "2025-03-31T15:00:00Z");
    let keys: Vec<&str> = v["collections"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut want: Vec<&str> = ENDPOINTS.to_vec();
    want.sort();
    let mut got = keys.clone();
    got.sort();
    assert_eq!(got, want);
    assert_eq!(v["collections"]["heartrate"].as_array().unwrap().len(), 100);
    assert_eq!(
        v["collections"]["personal_info"].as_array().unwrap().len(),
        1
    );
    let _ = std::fs::remove_dir_all(&dir);
}
