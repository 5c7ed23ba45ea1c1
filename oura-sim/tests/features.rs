//! The features added with 1.41: ring_battery_level, /__sim/mutate, the poison /
//! repeat_token / not_found / rate_limit_headers / fail_once faults, travel
//! (--tz-changes).

mod support;

use chrono::DateTime;
use serde_json::Value;
use std::collections::BTreeSet;

use support::*;

const BAT: &str = "/v2/usercollection/ring_battery_level";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ring_battery_level_windows_paging_and_latest() {
    let srv = start(&["--hr-page-size", "30"]).await;
    let export: Value = serde_json::from_str(&srv.sim.export()).unwrap();
    let keys: Vec<&str> = export["collections"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys.len(), 19);
    let all = export["collections"]["ring_battery_level"]
        .as_array()
        .unwrap();
    assert_eq!(all.len(), 20 * 48, "--days 20, 48 rows a day");
    let info = srv.get_noauth("/__sim/info").await.json();
    assert_eq!(info["counts"]["ring_battery_level"], 20 * 48);
    // A half-open window, paged by --hr-page-size, every row once.
    let (rows, pages) = fetch_all(
        &srv,
        &format!("{BAT}?start_datetime=2025-03-20T00:00:00Z&end_datetime=2025-03-22T00:00:00Z"),
    )
    .await;
    let want: Vec<&Value> = all
        .iter()
        .filter(|r| {
            let t = r["timestamp"].as_str().unwrap();
            ("2025-03-20T00:00:00+00:00".."2025-03-22T00:00:00+00:00").contains(&t)
        })
        .collect();
    assert!(want.len() > 90);
    assert_eq!(rows.len(), want.len());
    assert!(rows.iter().zip(&want).all(|(a, b)| a == *b));
    assert_eq!(pages, want.len().div_ceil(30));
    // Defaults: the last day before "now" (the end of --end-date).
    let (def, _) = fetch_all(&srv, BAT).await;
    assert!((46..=49).contains(&def.len()), "{}", def.len());
    // latest=true: only the most recent row.
    let r = srv.get(&format!("{BAT}?latest=true")).await.json();
    assert_eq!(r["data"].as_array().unwrap().len(), 1);
    assert_eq!(&r["data"][0], all.last().unwrap());
    assert!(r["next_token"].is_null());
    // The 30-day cap, start > end, garbage.
    let r = srv
        .get(&format!(
            "{BAT}?start_datetime=2025-01-01T00:00:00Z&end_datetime=2025-03-01T00:00:00Z"
        ))
        .await;
    assert_eq!(r.status, 400);
    let r = srv
        .get(&format!(
            "{BAT}?start_datetime=2025-03-02T00:00:00Z&end_datetime=2025-03-01T00:00:00Z"
        ))
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(
        srv.get(&format!("{BAT}?start_datetime=soon")).await.status,
        422
    );
    // No single-document route; --forbid works; a heartrate token is refused.
    assert_eq!(srv.get(&format!("{BAT}/abc")).await.status, 404);
    let hr = srv
        .get("/v2/usercollection/heartrate?start_datetime=2025-03-20T00:00:00Z&end_datetime=2025-03-22T00:00:00Z&latest=")
        .await
        .json();
    let tok = hr["next_token"].as_str().unwrap_or("x");
    assert_eq!(
        srv.get(&format!("{BAT}?next_token={tok}")).await.status,
        400
    );
    let srv2 = start(&["--forbid", "ring_battery_level", "--battery-per-day", "96"]).await;
    assert_eq!(srv2.get(BAT).await.status, 403);
    assert_eq!(srv2.sim.data().battery.len(), 20 * 96);
}

fn ids(export: &Value, ep: &str) -> Vec<String> {
    export["collections"][ep]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["id"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mutate_revises_deletes_adds_and_reids() {
    let srv = start(&["--days", "30"]).await;
    let before: Value = serde_json::from_str(&srv.sim.export()).unwrap();
    let r = srv
        .post_json(
            "/__sim/mutate",
            r#"{"days": 7, "revise": 2, "delete": 1, "add": 1, "reid": 1, "seed": 5}"#,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let rep = r.json();
    let after: Value = serde_json::from_str(&srv.sim.export()).unwrap();
    let first = "2025-03-25";
    let by_id = |export: &Value, ep: &str, id: &str| -> Option<Value> {
        export["collections"][ep]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == id)
            .cloned()
    };
    // Revised: same id, other content, a day in range; the single route serves it.
    let revised = rep["revised"].as_array().unwrap();
    assert!(revised.len() >= 2 * 10, "{revised:?}");
    for e in revised {
        let ep = e["endpoint"].as_str().unwrap();
        if let Some(id) = e["id"].as_str() {
            let old = by_id(&before, ep, id).unwrap();
            let new = by_id(&after, ep, id).unwrap();
            assert_ne!(old, new, "{ep} {id} unchanged");
            assert!(new["day"].as_str().or(new["start_day"].as_str()).unwrap() >= first);
            let r = srv.get(&format!("/v2/usercollection/{ep}/{id}")).await;
            assert_eq!(r.json(), new);
        } else {
            assert!(e["timestamp"].is_string(), "{e}");
        }
    }
    // Heart rate: 20 revised samples, 10 deleted, 10 added.
    let count = |list: &str, ep: &str| {
        rep[list]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["endpoint"] == ep)
            .count()
    };
    assert_eq!(count("revised", "heartrate"), 20);
    assert_eq!(count("deleted", "heartrate"), 10);
    assert_eq!(count("added", "heartrate"), 10);
    assert_eq!(count("added", "ring_battery_level"), 10);
    assert_eq!(count("revised", "personal_info"), 0);
    assert_eq!(count("revised", "ring_configuration"), 0);
    assert_eq!(count("revised", "daily_sleep"), 2);
    // Deleted: gone from the list, the export and the single route.
    for e in rep["deleted"].as_array().unwrap() {
        let ep = e["endpoint"].as_str().unwrap();
        if let Some(id) = e["id"].as_str() {
            assert!(by_id(&before, ep, id).is_some());
            assert!(by_id(&after, ep, id).is_none());
            let r = srv.get(&format!("/v2/usercollection/{ep}/{id}")).await;
            assert_eq!(r.status, 404);
        }
    }
    // Reid: the old id 404s, the new one is served.
    let reid = rep["reid"].as_array().unwrap();
    assert!(reid.iter().any(|e| e["endpoint"] == "sleep"));
    for e in reid {
        let ep = e["endpoint"].as_str().unwrap();
        let (old, new) = (e["old_id"].as_str().unwrap(), e["new_id"].as_str().unwrap());
        assert_ne!(old, new);
        assert_eq!(
            srv.get(&format!("/v2/usercollection/{ep}/{old}"))
                .await
                .status,
            404
        );
        assert_eq!(
            srv.get(&format!("/v2/usercollection/{ep}/{new}"))
                .await
                .status,
            200
        );
    }
    // Added: new ids; one-a-day collections never get a second document on a day.
    for e in rep["added"].as_array().unwrap() {
        if let Some(id) = e["id"].as_str() {
            let ep = e["endpoint"].as_str().unwrap();
            assert!(by_id(&before, ep, id).is_none());
            assert!(by_id(&after, ep, id).is_some());
        }
    }
    for ep in [
        "daily_sleep",
        "daily_readiness",
        "daily_activity",
        "daily_stress",
    ] {
        let days: Vec<&str> = after["collections"][ep]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["day"].as_str().unwrap())
            .collect();
        let set: BTreeSet<&&str> = days.iter().collect();
        assert_eq!(set.len(), days.len(), "{ep}: two documents on a day");
    }
    // The API serves the new data (a list equals the export).
    let (docs, _) = fetch_all(
        &srv,
        "/v2/usercollection/sleep?start_date=2020-01-01&end_date=2030-01-01",
    )
    .await;
    assert_eq!(&Value::Array(docs), &after["collections"]["sleep"]);
    // Nothing outside the last 7 days changed.
    let old_sleep: Vec<&Value> = before["collections"]["daily_sleep"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["day"].as_str().unwrap() < first)
        .collect();
    let new_sleep: Vec<&Value> = after["collections"]["daily_sleep"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["day"].as_str().unwrap() < first)
        .collect();
    assert_eq!(old_sleep, new_sleep);
    // Deterministic for a seed; the default seed moves on.
    let a = start(&["--days", "30"]).await;
    let body = r#"{"revise": 1, "add": 1, "seed": 5}"#;
    let ra = a.post_json("/__sim/mutate", body).await.json();
    let b = start(&["--days", "30"]).await;
    let rb = b.post_json("/__sim/mutate", body).await.json();
    assert_eq!(ra, rb);
    assert_eq!(a.sim.export(), b.sim.export());
    let d1 = a
        .post_json("/__sim/mutate", r#"{"revise": 1}"#)
        .await
        .json();
    let d2 = a
        .post_json("/__sim/mutate", r#"{"revise": 1}"#)
        .await
        .json();
    assert_ne!(d1, d2);
    // Bad bodies.
    for bad in [
        r#"{"revise": -1}"#,
        r#"{"bogus": 1}"#,
        "[1]",
        "{",
        r#"{"days": "x"}"#,
    ] {
        assert_eq!(a.post_json("/__sim/mutate", bad).await.status, 400, "{bad}");
    }
    assert_eq!(a.get_noauth("/__sim/mutate").await.status, 405);
    let _ = ids(&after, "sleep");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn poison_documents_are_served_and_exported() {
    let srv = start(&["--page-size", "5", "--hr-page-size", "40"]).await;
    let r = srv
        .post_json(
            "/__sim/config",
            r#"{"poison": ["workout", "daily_cardiovascular_age", "heartrate", "ring_battery_level"]}"#,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json()["poison"],
        serde_json::json!([
            "daily_cardiovascular_age",
            "heartrate",
            "ring_battery_level",
            "workout"
        ])
    );
    let export: Value = serde_json::from_str(&srv.sim.export()).unwrap();
    // Document endpoints: one document without id on end_date - 2, inside a page.
    for ep in ["workout", "daily_cardiovascular_age"] {
        let (docs, _) = fetch_all(
            &srv,
            &format!("/v2/usercollection/{ep}?start_date=2025-03-20&end_date=2025-03-31"),
        )
        .await;
        let no_id: Vec<usize> = (0..docs.len())
            .filter(|&i| docs[i].get("id").is_none())
            .collect();
        assert_eq!(no_id.len(), 1, "{ep}");
        let poison = &docs[no_id[0]];
        assert_eq!(poison["day"], "2025-03-29");
        assert!(poison["day"].is_string());
        let ex: Vec<&Value> = export["collections"][ep]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d.get("id").is_none())
            .collect();
        assert_eq!(ex, [poison]);
        // Not alone on its page.
        let r = srv
            .get(&format!(
                "/v2/usercollection/{ep}?start_date=2025-03-29&end_date=2025-03-30"
            ))
            .await
            .json();
        assert!(r["data"].as_array().unwrap().len() >= 2, "{ep}: {r}");
    }
    // Heartrate / battery: microseconds and a float, in the middle of a page.
    let raw = srv
        .get("/v2/usercollection/heartrate?start_datetime=2025-03-29T01:00:00Z&end_datetime=2025-03-29T05:00:00Z")
        .await
        .text();
    assert!(
        raw.contains(r#"{"bpm":61.0,"source":"awake","timestamp":"2025-03-29T03:00:00.123456+00:00","timestamp_unix":1743217200123}"#),
        "{raw}"
    );
    assert!(!raw.contains(r#"[{"bpm":61.0"#), "not first on the page");
    let raw = srv
        .get("/v2/usercollection/ring_battery_level?start_datetime=2025-03-29T01:00:00Z&end_datetime=2025-03-29T05:00:00Z")
        .await
        .text();
    assert!(
        raw.contains(r#""level":55.0,"timestamp":"2025-03-29T03:00:00.654321+00:00","timestamp_unix":1743217200654}"#),
        "{raw}"
    );
    let ex = srv.sim.export();
    assert!(ex.contains(r#""bpm":61.0"#) && ex.contains(r#""level":55.0"#));
    // Off again: the data is as before.
    srv.post_json("/__sim/config", r#"{"poison": []}"#).await;
    assert!(!srv.sim.export().contains(r#""bpm":61.0"#));
    assert_eq!(
        srv.post_json("/__sim/config", r#"{"poison": ["personal_info"]}"#)
            .await
            .status,
        400
    );
    // The CLI flag does the same; /__sim/reset leaves it.
    let srv = start(&["--poison", "sleep"]).await;
    srv.post_json("/__sim/reset", "").await;
    let cfg = srv.get_noauth("/__sim/config").await.json();
    assert_eq!(cfg["poison"], serde_json::json!(["sleep"]));
    let ex: Value = serde_json::from_str(&srv.sim.export()).unwrap();
    assert_eq!(
        ex["collections"]["sleep"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d.get("id").is_none())
            .count(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeat_token_not_found_fail_once() {
    let srv = start(&[]).await;
    let r = srv
        .post_json(
            "/__sim/config",
            r#"{"repeat_token": ["tag", "sleep"], "not_found": ["vO2_max"], "fail_once": ["daily_sleep"]}"#,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    // tag has a single page here, yet its first page has a token that repeats forever.
    for ep in ["tag", "sleep"] {
        let url = format!("/v2/usercollection/{ep}?start_date=2025-03-01&end_date=2025-03-31");
        let first = srv.get(&url).await.json();
        let t1 = first["next_token"].as_str().unwrap().to_string();
        let second = srv.get(&format!("{url}&next_token={t1}")).await.json();
        assert_eq!(second["next_token"].as_str(), Some(t1.as_str()), "{ep}");
        let third = srv.get(&format!("{url}&next_token={t1}")).await.json();
        assert_eq!(third, second);
    }
    // Other endpoints are unaffected.
    let v = srv
        .get("/v2/usercollection/daily_stress?start_date=2025-03-01&end_date=2025-03-03")
        .await
        .json();
    assert!(v["next_token"].is_null());
    // not_found: 404 for lists, exactly FastAPI's body.
    let r = srv.get("/v2/usercollection/vO2_max").await;
    assert_eq!(r.status, 404);
    assert_eq!(r.text(), r#"{"detail":"Not Found"}"#);
    // fail_once: one 500, then fine; the config shows it consumed.
    assert_eq!(srv.get("/v2/usercollection/daily_sleep").await.status, 500);
    assert_eq!(srv.get("/v2/usercollection/daily_sleep").await.status, 200);
    let cfg = srv.get_noauth("/__sim/config").await.json();
    assert_eq!(cfg["fail_once"], serde_json::json!([]));
    assert_eq!(cfg["not_found"], serde_json::json!(["vO2_max"]));
    // Reset leaves the faults.
    srv.post_json("/__sim/reset", "").await;
    assert_eq!(srv.get("/v2/usercollection/vO2_max").await.status, 404);
    for bad in [
        r#"{"not_found": ["nope"]}"#,
        r#"{"repeat_token": "tag"}"#,
        r#"{"rate_limit_headers": "some"}"#,
    ] {
        assert_eq!(
            srv.post_json("/__sim/config", bad).await.status,
            400,
            "{bad}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_header_modes() {
    let srv = start(&["--rate-limit", "1"]).await;
    async fn limited(srv: &Server) -> Resp {
        loop {
            let r = srv.get("/v2/usercollection/personal_info").await;
            if r.status == 429 {
                return r;
            }
        }
    }
    let r = limited(&srv).await;
    let now = chrono::Utc::now().timestamp();
    assert!(r.header("retry-after").is_some());
    assert_eq!(r.header("x-ratelimit-limit"), Some("1"));
    assert_eq!(r.header("x-ratelimit-window"), Some("1"));
    assert_eq!(r.header("x-ratelimit-tier"), Some("token"));
    let reset: i64 = r.header("x-ratelimit-reset").unwrap().parse().unwrap();
    assert!((now - 1..=now + 3).contains(&reset), "{reset} vs {now}");
    srv.post_json("/__sim/config", r#"{"rate_limit_headers": "reset_only"}"#)
        .await;
    let r = limited(&srv).await;
    assert!(r.header("retry-after").is_none());
    assert!(r.header("x-ratelimit-reset").is_some());
    srv.post_json("/__sim/config", r#"{"rate_limit_headers": "none"}"#)
        .await;
    let r = limited(&srv).await;
    assert!(r.header("retry-after").is_none());
    assert!(r.header("x-ratelimit-reset").is_none());
    assert!(r.header("x-ratelimit-limit").is_none());
    let cfg = srv.get_noauth("/__sim/config").await.json();
    assert_eq!(cfg["rate_limit_headers"], "none");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn travel_across_time_zones() {
    let changes = "2025-03-10=+01:00,2025-03-20=-05:00";
    let srv = start(&["--days", "40", "--tz-changes", changes]).await;
    let spec = support::schema::Spec::load();
    let export: Value = serde_json::from_str(&srv.sim.export()).unwrap();
    let offset = |day: &str| {
        if day >= "2025-03-20" {
            "-05:00"
        } else if day >= "2025-03-10" {
            "+01:00"
        } else {
            "+09:00"
        }
    };
    for ep in ["daily_sleep", "daily_readiness", "daily_activity"] {
        for d in export["collections"][ep].as_array().unwrap() {
            let day = d["day"].as_str().unwrap();
            let ts = d["timestamp"].as_str().unwrap();
            assert!(ts.ends_with(offset(day)), "{ep} {day}: {ts}");
            assert!(ts.starts_with(day), "{ep} {day}: {ts}");
        }
    }
    let mut crossing = 0;
    for d in export["collections"]["sleep"].as_array().unwrap() {
        assert!(spec.validate("PublicModifiedSleepModel", d).is_empty());
        let a = DateTime::parse_from_rfc3339(d["bedtime_start"].as_str().unwrap()).unwrap();
        let b = DateTime::parse_from_rfc3339(d["bedtime_end"].as_str().unwrap()).unwrap();
        assert!(a < b);
        assert_eq!((b - a).num_seconds(), d["time_in_bed"].as_i64().unwrap());
        let day = d["day"].as_str().unwrap();
        // The switch is at local midnight of the change day (new offset): a night
        // that ends before it still carries the previous offset.
        let prev = (chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap()
            - chrono::Duration::days(1))
        .to_string();
        let end = d["bedtime_end"].as_str().unwrap();
        assert!(
            end.ends_with(offset(day)) || end.ends_with(offset(&prev)),
            "{day}: {end}"
        );
        if a.offset() != b.offset() {
            crossing += 1;
        }
    }
    assert!(crossing >= 1, "a night spans a change");
    for d in export["collections"]["workout"].as_array().unwrap() {
        let day = d["day"].as_str().unwrap();
        assert!(d["start_datetime"].as_str().unwrap().ends_with(offset(day)));
    }
    let st: Vec<&Value> = export["collections"]["sleep_time"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["day"] == "2025-03-25" && d["optimal_bedtime"].is_object())
        .collect();
    for d in st {
        assert_eq!(d["optimal_bedtime"]["day_tz"], -5 * 3600);
    }
    // Heart rate stays UTC; the default window and info follow the last offset.
    let hr = export["collections"]["heartrate"].as_array().unwrap();
    assert!(hr
        .iter()
        .all(|s| s["timestamp"].as_str().unwrap().ends_with("+00:00")));
    assert_eq!(export["exported_at"], "2025-04-01T05:00:00Z");
    let info = srv.get_noauth("/__sim/info").await.json();
    assert_eq!(info["tz_changes"][1]["tz"], "-05:00");
    // Bad input is refused at start-up with a clear message.
    use clap::Parser;
    let parse = |v: &str, days: &str| {
        oura_sim::Args::try_parse_from([
            "oura-sim",
            "--end-date",
            "2025-03-31",
            "--days",
            days,
            "--tz-changes",
            v,
        ])
        .map_err(|e| e.to_string())
        .and_then(|a| a.validate())
    };
    assert!(parse(changes, "40").is_ok());
    let e = parse("2025-03-20=+01:00,2025-03-10=-05:00", "40").unwrap_err();
    assert!(e.contains("ascending"), "{e}");
    assert!(parse("2025-03-10=+25:00", "40")
        .unwrap_err()
        .contains("offset"));
    assert!(parse("2025-03-10", "40")
        .unwrap_err()
        .contains("DAY=OFFSET"));
    let e = parse("2025-03-10=+01:00", "10").unwrap_err();
    assert!(e.contains("outside"), "{e}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_oura-sim"))
        .args([
            "--end-date",
            "2025-03-31",
            "--days",
            "5",
            "--tz-changes",
            "2025-01-01=Z",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("outside the data"));
}
