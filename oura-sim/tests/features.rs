//! The features added with 1.41: ring_battery_level, /__sim/mutate, the poison /
//! repeat_token / not_found / rate_limit_headers / fail_once faults, travel
//! (--tz-changes).

mod support;

use serde_json::Value;

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
