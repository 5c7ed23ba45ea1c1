//! HTTP-level behaviour: pagination, date filters, heartrate windows, auth, scopes,
//! faults, OAuth, CORS, metering and robustness against garbage input.

mod support;

use serde_json::Value;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};
use support::*;

const DATE_ENDPOINTS: [&str; 15] = [
    "daily_sleep",
    "sleep",
    "daily_readiness",
    "daily_activity",
    "workout",
    "session",
    "daily_stress",
    "daily_resilience",
    "daily_cardiovascular_age",
    "daily_spo2",
    "vO2_max",
    "sleep_time",
    "tag",
    "enhanced_tag",
    "rest_mode_period",
];

fn day_of(d: &Value) -> String {
    d.get("day")
        .or_else(|| d.get("start_day"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn key_of(d: &Value) -> String {
    d.get("id")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| d.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pagination_covers_every_document_exactly_once() {
    let srv = start(&[
        "--days",
        "40",
        "--page-size",
        "7",
        "--hr-page-size",
        "90",
        "--seed",
        "3",
    ])
    .await;
    let export: Value = serde_json::from_str(&srv.sim.export()).unwrap();
    for ep in DATE_ENDPOINTS.iter().chain(["ring_configuration"].iter()) {
        let (docs, pages) = fetch_all(
            &srv,
            &format!("/v2/usercollection/{ep}?start_date=2020-01-01&end_date=2030-01-01"),
        )
        .await;
        let want: Vec<String> = export["collections"][ep]
            .as_array()
            .unwrap()
            .iter()
            .map(key_of)
            .collect();
        let got: Vec<String> = docs.iter().map(key_of).collect();
        assert_eq!(got, want, "{ep}: every document once, in order");
        assert_eq!(pages, want.len().div_ceil(7).max(1), "{ep}: page count");
    }
    // Heartrate: pages of 90 over a 30-day window.
    let (samples, pages) = fetch_all(
        &srv,
        "/v2/usercollection/heartrate?start_datetime=2025-03-01T00:00:00Z&end_datetime=2025-03-31T00:00:00Z",
    )
    .await;
    let want: Vec<&Value> = export["collections"]["heartrate"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| {
            let t = s["timestamp"].as_str().unwrap();
            ("2025-03-01T00:00:00+00:00"..="2025-03-30T23:59:59+00:00").contains(&t)
        })
        .collect();
    assert_eq!(samples.len(), want.len());
    assert!(samples.iter().zip(want).all(|(a, b)| a == b));
    assert_eq!(pages, samples.len().div_ceil(90));
    // A token from one endpoint is refused by another; garbage tokens are refused.
    let first = srv
        .get("/v2/usercollection/sleep?start_date=2020-01-01&end_date=2030-01-01")
        .await
        .json();
    let tok = first["next_token"].as_str().unwrap();
    let r = srv
        .get(&format!("/v2/usercollection/workout?next_token={tok}"))
        .await;
    assert_eq!(r.status, 400);
    for bad in [
        "token123",
        "abc",
        "%00",
        "00000000000000000000000000",
        &"z".repeat(400),
    ] {
        let r = srv
            .get(&format!("/v2/usercollection/sleep?next_token={bad}"))
            .await;
        assert_eq!(r.status, 400, "{bad}");
        assert!(r.json()["detail"].is_string());
    }
    // The same token twice gives the same page (a retry is fine).
    let a = srv
        .get(&format!("/v2/usercollection/sleep?next_token={tok}"))
        .await;
    let b = srv
        .get(&format!("/v2/usercollection/sleep?next_token={tok}"))
        .await;
    assert_eq!(a.body, b.body);
    // An empty next_token (as the recorded clients send) means "first page".
    let r = srv
        .get("/v2/usercollection/daily_sleep?start_date=2025-03-30&end_date=2025-03-31&next_token=")
        .await;
    assert_eq!(r.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn date_filters_and_defaults() {
    let srv = start(&[]).await;
    // Inclusive end on daily_* (recorded: 11..12 returns both days).
    let v = srv
        .get("/v2/usercollection/daily_readiness?start_date=2025-03-20&end_date=2025-03-21")
        .await
        .json();
    let days: Vec<String> = v["data"].as_array().unwrap().iter().map(day_of).collect();
    assert_eq!(days, ["2025-03-20", "2025-03-21"]);
    // A date-time is accepted for a date parameter.
    let v2 = srv
        .get("/v2/usercollection/daily_readiness?start_date=2025-03-20T00:00:00%2B09:00&end_date=2025-03-21T00:00:00Z")
        .await
        .json();
    assert_eq!(v, v2);
    // Exclusive end on sleep/sleep_time/workout (recorded: ..11-03 stops at 11-02).
    for ep in ["sleep", "sleep_time", "workout"] {
        let v = srv
            .get(&format!(
                "/v2/usercollection/{ep}?start_date=2025-03-12&end_date=2025-03-31"
            ))
            .await
            .json();
        let days: BTreeSet<String> = v["data"].as_array().unwrap().iter().map(day_of).collect();
        assert!(
            days.iter()
                .all(|d| d.as_str() >= "2025-03-12" && d.as_str() < "2025-03-31"),
            "{ep}: {days:?}"
        );
    }
    // Every date endpoint: only days in range.
    for ep in DATE_ENDPOINTS {
        let (docs, _) = fetch_all(
            &srv,
            &format!("/v2/usercollection/{ep}?start_date=2025-03-15&end_date=2025-03-20"),
        )
        .await;
        assert!(
            docs.iter()
                .all(|d| ("2025-03-15".."2025-03-21").contains(&day_of(d).as_str())),
            "{ep}"
        );
    }
    // Defaults: end = today (--end-date), start = end - 1 day.
    let v = srv.get("/v2/usercollection/daily_stress").await.json();
    let days: Vec<String> = v["data"].as_array().unwrap().iter().map(day_of).collect();
    assert_eq!(days, ["2025-03-30", "2025-03-31"]);
    let v = srv
        .get("/v2/usercollection/daily_stress?start_date=2025-03-29")
        .await
        .json();
    assert_eq!(v["data"].as_array().unwrap().len(), 3);
    // start > end → 422, shaped like the recorded body.
    let r = srv
        .get("/v2/usercollection/tag?end_date=2024-01-16&start_date=2025-01-15")
        .await;
    assert_eq!(r.status, 422);
    let j = r.json();
    assert_eq!(
        j["detail"][0]["loc"],
        serde_json::json!(["query", "start_date"])
    );
    assert_eq!(j["detail"][0]["msg"], "Start date must be before end date");
    assert_eq!(j["detail"][0]["input"], "2025-01-15");
    // Unparseable dates → 422.
    for bad in ["yesterday", "2025-13-01", "2025-02-30", "1e9", "%FF%FE"] {
        let r = srv
            .get(&format!("/v2/usercollection/daily_sleep?start_date={bad}"))
            .await;
        assert_eq!(r.status, 422, "{bad}");
        assert_eq!(r.json()["detail"][0]["loc"][1], "start_date");
    }
    // ring_configuration ignores dates; personal_info is one object.
    let v = srv
        .get("/v2/usercollection/ring_configuration?start_date=2030-01-01")
        .await
        .json();
    assert!(!v["data"].as_array().unwrap().is_empty());
    let v = srv
        .get("/v2/usercollection/personal_info?start_date=nonsense")
        .await
        .json();
    assert!(v["id"].is_string() && v.get("data").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn heartrate_windows_and_encodings() {
    let srv = start(&[]).await;
    let base = "/v2/usercollection/heartrate";
    let z = srv
        .get(&format!(
            "{base}?start_datetime=2025-03-19T15:00:00Z&end_datetime=2025-03-20T15:00:00Z"
        ))
        .await;
    assert_eq!(z.status, 200);
    let enc = srv
        .get(&format!("{base}?start_datetime=2025-03-20T00:00:00%2B09:00&end_datetime=2025-03-20T15:00:00%2B00:00"))
        .await;
    let raw_plus = srv
        .get(&format!("{base}?start_datetime=2025-03-19T15:00:00+00:00&end_datetime=2025-03-21T00:00:00+09:00"))
        .await;
    assert_eq!(z.body, enc.body);
    assert_eq!(z.body, raw_plus.body);
    let v = z.json();
    let data = v["data"].as_array().unwrap();
    assert_eq!(data.len(), 100, "one local day of 100 samples/day");
    for s in data {
        let keys: Vec<&str> = s.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["bpm", "source", "timestamp", "timestamp_unix"]);
        assert!(s["timestamp"].as_str().unwrap().ends_with("+00:00"));
        let t = chrono::DateTime::parse_from_rfc3339(s["timestamp"].as_str().unwrap()).unwrap();
        assert_eq!(s["timestamp_unix"].as_i64(), Some(t.timestamp_millis()));
    }
    // 30 days is fine, more is 400.
    let r = srv
        .get(&format!(
            "{base}?start_datetime=2025-02-01T00:00:00Z&end_datetime=2025-03-03T00:00:00Z"
        ))
        .await;
    assert_eq!(r.status, 200);
    let r = srv
        .get(&format!(
            "{base}?start_datetime=2025-02-01T00:00:00Z&end_datetime=2025-03-03T00:00:01Z"
        ))
        .await;
    assert_eq!(r.status, 400);
    assert!(r.json()["detail"].as_str().unwrap().contains("30 days"));
    // start > end → 400; garbage → 422.
    let r = srv
        .get(&format!(
            "{base}?start_datetime=2025-03-05T00:00:00Z&end_datetime=2025-03-01T00:00:00Z"
        ))
        .await;
    assert_eq!(r.status, 400);
    let r = srv.get(&format!("{base}?start_datetime=noon")).await;
    assert_eq!(r.status, 422);
    // Default window: the last day before "now" (end of --end-date).
    let v = srv.get(base).await.json();
    assert_eq!(v["data"].as_array().unwrap().len(), 100);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auth_is_required_and_tokens_expire() {
    let srv = start(&[]).await;
    let url = "/v2/usercollection/daily_sleep";
    let r = srv.get_noauth(url).await;
    assert_eq!(r.status, 401);
    assert!(r.json()["detail"].is_string());
    for h in [
        "Bearer nope",
        "Basic dGVzdA==",
        "Bearer",
        "bearer  ",
        "test-token",
    ] {
        let r = srv.raw("GET", url, &[("Authorization", h)], b"").await;
        assert_eq!(r.status, 401, "{h}");
    }
    let r = srv
        .raw("GET", url, &[("Authorization", "bearer test-token")], b"")
        .await;
    assert_eq!(r.status, 200);
    // A token with a 0-second lifetime is expired at once; a 1-second one expires.
    let t0 = srv
        .post_json("/__sim/token", r#"{"ttl_seconds":0}"#)
        .await
        .json();
    let auth = format!("Bearer {}", t0["access_token"].as_str().unwrap());
    let r = srv.raw("GET", url, &[("Authorization", &auth)], b"").await;
    assert_eq!(r.status, 401);
    assert!(r.json()["detail"].as_str().unwrap().contains("expired"));
    let t1 = srv
        .post_json("/__sim/token", r#"{"ttl_seconds":1}"#)
        .await
        .json();
    let auth = format!("Bearer {}", t1["access_token"].as_str().unwrap());
    assert_eq!(
        srv.raw("GET", url, &[("Authorization", &auth)], b"")
            .await
            .status,
        200
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(
        srv.raw("GET", url, &[("Authorization", &auth)], b"")
            .await
            .status,
        401
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forbid_gives_403_and_is_configurable() {
    let srv = start(&["--forbid", "heartrate", "--forbid", "vO2_max"]).await;
    assert_eq!(srv.get("/v2/usercollection/heartrate").await.status, 403);
    assert_eq!(srv.get("/v2/usercollection/vO2_max").await.status, 403);
    assert_eq!(srv.get("/v2/usercollection/daily_sleep").await.status, 200);
    let r = srv
        .post_json("/__sim/config", r#"{"forbid":["daily_sleep"]}"#)
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["forbid"], serde_json::json!(["daily_sleep"]));
    assert_eq!(srv.get("/v2/usercollection/daily_sleep").await.status, 403);
    assert_eq!(srv.get("/v2/usercollection/heartrate").await.status, 200);
    // Invalid config is refused and changes nothing.
    for bad in [
        r#"{"forbid":["nope"]}"#,
        r#"{"fail_rate":2}"#,
        r#"{"bogus":1}"#,
        "not json",
        "[]",
    ] {
        assert_eq!(
            srv.post_json("/__sim/config", bad).await.status,
            400,
            "{bad}"
        );
    }
    let cfg = srv.get_noauth("/__sim/config").await.json();
    assert_eq!(cfg["forbid"], serde_json::json!(["daily_sleep"]));
    assert_eq!(cfg["fail_rate"], 0.0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_answers_429_with_retry_after() {
    let srv = start(&["--rate-limit", "3"]).await;
    let mut statuses = Vec::new();
    let mut retry = None;
    for _ in 0..5 {
        let r = srv.get("/v2/usercollection/daily_sleep").await;
        if r.status == 429 {
            retry = r.header("retry-after").map(str::to_string);
            assert!(r.json()["detail"].is_string());
        }
        statuses.push(r.status);
    }
    assert_eq!(&statuses[..3], &[200, 200, 200]);
    assert!(statuses[3..].iter().all(|s| *s == 429), "{statuses:?}");
    let secs: u64 = retry.expect("Retry-After").parse().unwrap();
    assert_eq!(secs, 1);
    // /__sim is never limited.
    assert_eq!(srv.get_noauth("/__sim/stats").await.status, 200);
    tokio::time::sleep(Duration::from_millis(1050)).await;
    assert_eq!(srv.get("/v2/usercollection/daily_sleep").await.status, 200);
    let stats = srv.get_noauth("/__sim/stats").await.json();
    assert_eq!(stats["by_status"]["429"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stats_count_the_requests_in_flight_at_once() {
    let srv = start(&["--latency-ms", "300"]).await;
    let url = "/v2/usercollection/daily_sleep";
    let (a, b, c) = tokio::join!(srv.get(url), srv.get(url), srv.get(url));
    assert_eq!((a.status, b.status, c.status), (200, 200, 200));
    assert_eq!(srv.get(url).await.status, 200);
    let stats = srv.get_noauth("/__sim/stats").await.json();
    assert_eq!(stats["peak_in_flight"], 3, "{stats}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_counts_per_token_over_its_window() {
    // Oura's limit is per token over 5 minutes; here 2 per 3 seconds.
    let srv = start(&["--rate-limit", "2", "--rate-limit-window", "3"]).await;
    let url = "/v2/usercollection/daily_sleep";
    let other = srv
        .post_json("/__sim/token", r#"{"ttl_seconds":600}"#)
        .await
        .json();
    let other = format!("Bearer {}", other["access_token"].as_str().unwrap());
    assert_eq!(srv.get(url).await.status, 200);
    assert_eq!(srv.get(url).await.status, 200);
    let r = srv.get(url).await;
    assert_eq!(r.status, 429);
    let secs: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((2..=3).contains(&secs), "{secs}");
    assert_eq!(r.header("x-ratelimit-window"), Some("3"));
    // Another token has its own budget.
    let r = srv.raw("GET", url, &[("Authorization", &other)], b"").await;
    assert_eq!(r.status, 200);
    // Still limited after a second: the window is 3 s, not 1 s.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(srv.get(url).await.status, 429);
    tokio::time::sleep(Duration::from_millis(2000)).await;
    assert_eq!(srv.get(url).await.status, 200);
    let cfg = srv.get_noauth("/__sim/config").await.json();
    assert_eq!(cfg["rate_limit_window"], 3);
    assert_eq!(
        srv.post_json("/__sim/config", r#"{"rate_limit_window":0}"#)
            .await
            .status,
        400
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_truncation_failures_latency_are_seeded() {
    let srv = start(&["--truncate-rate", "1"]).await;
    let r = srv
        .get("/v2/usercollection/daily_sleep?start_date=2025-03-01&end_date=2025-03-31")
        .await;
    assert_eq!(r.status, 200);
    assert!(
        serde_json::from_slice::<Value>(&r.body).is_err(),
        "body must be cut"
    );
    assert!(r.text().starts_with("{\"data\":[") || !r.text().is_empty());
    // Single documents are truncated too; errors are not.
    let r = srv
        .get("/v2/usercollection/daily_sleep/does-not-exist")
        .await;
    assert_eq!(r.status, 404);
    assert!(serde_json::from_slice::<Value>(&r.body).is_ok());

    async fn sequence(seed: &str) -> Vec<u16> {
        let srv = start(&["--fail-rate", "0.5", "--seed", seed]).await;
        let mut v = Vec::new();
        for _ in 0..24 {
            v.push(srv.get("/v2/usercollection/daily_sleep").await.status);
        }
        v
    }
    let a = sequence("11").await;
    let b = sequence("11").await;
    assert_eq!(a, b, "fault sequence is deterministic for a seed");
    assert!(a.contains(&200) && a.iter().any(|s| *s >= 500));
    assert!(a.iter().all(|s| [200, 500, 502, 503].contains(s)));

    let srv = start(&["--fail-rate", "1"]).await;
    let mut kinds = BTreeSet::new();
    for _ in 0..20 {
        kinds.insert(srv.get("/v2/usercollection/sleep").await.status);
    }
    assert_eq!(kinds, BTreeSet::from([500, 502, 503]));
    // Runtime config: latency.
    srv.post_json("/__sim/config", r#"{"fail_rate":0,"latency_ms":250}"#)
        .await;
    let t = Instant::now();
    assert_eq!(srv.get("/v2/usercollection/sleep").await.status, 200);
    assert!(t.elapsed() >= Duration::from_millis(250));
    let t = Instant::now();
    srv.get_noauth("/__sim/stats").await;
    assert!(
        t.elapsed() < Duration::from_millis(250),
        "/__sim is never delayed"
    );
}

fn location(r: &Resp) -> String {
    r.header("location").unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oauth_consent_allow_deny_and_validation() {
    let srv = start(&["--client-id", "my-app", "--token-ttl", "3600"]).await;
    let q = "response_type=token&client_id=my-app&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fcb&scope=daily%20heartrate%20extapi%3Apersonal&state=xyz%201";
    let r = srv.get_noauth(&format!("/oauth/authorize?{q}")).await;
    assert_eq!(r.status, 200);
    let html = r.text();
    assert!(html.contains(">Allow</button>") && html.contains(">Deny</button>"));
    assert!(html.contains("<html lang=\"en\">") && html.contains("method=\"post\""));
    // Allow.
    let form = "response_type=token&client_id=my-app&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fcb&scope=daily+heartrate+extapi%3Apersonal&state=xyz+1&decision=allow";
    let r = srv
        .raw(
            "POST",
            "/oauth/authorize",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            form.as_bytes(),
        )
        .await;
    assert!(r.status == 302 || r.status == 303);
    let loc = location(&r);
    let (base, frag) = loc.split_once('#').expect("fragment");
    assert_eq!(base, "http://localhost:8080/cb");
    let params: std::collections::HashMap<String, String> = form_pairs(frag);
    assert_eq!(params["token_type"], "bearer");
    assert_eq!(params["expires_in"], "3600");
    assert_eq!(params["scope"], "daily heartrate extapi:personal");
    assert_eq!(params["state"], "xyz 1");
    assert!(frag.contains("scope=daily%20heartrate%20extapi%3Apersonal"));
    let token = &params["access_token"];
    assert!(token.len() >= 32);
    let auth = format!("Bearer {token}");
    assert_eq!(
        srv.raw(
            "GET",
            "/v2/usercollection/daily_sleep",
            &[("Authorization", &auth)],
            b""
        )
        .await
        .status,
        200
    );
    // Deny.
    let r = srv
        .raw(
            "POST",
            "/oauth/authorize",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            form.replace("allow", "deny").as_bytes(),
        )
        .await;
    assert_eq!(
        location(&r),
        "http://localhost:8080/cb?error=access_denied&state=xyz%201"
    );
    // Invalid requests: 400 HTML, never a redirect.
    for bad in [
        "response_type=token&client_id=other&redirect_uri=http%3A%2F%2Flocalhost%2Fcb",
        "response_type=code&client_id=my-app&redirect_uri=http%3A%2F%2Flocalhost%2Fcb",
        "response_type=token&client_id=my-app",
        "response_type=token&client_id=my-app&redirect_uri=javascript%3Aalert(1)",
        "response_type=token&client_id=my-app&redirect_uri=http%3A%2F%2Flocalhost%2Fcb%23frag",
        "client_id=my-app&redirect_uri=http%3A%2F%2Flocalhost%2Fcb",
        "",
    ] {
        let r = srv.get_noauth(&format!("/oauth/authorize?{bad}")).await;
        assert_eq!(r.status, 400, "{bad}");
        assert!(r.header("location").is_none());
        assert!(r.header("content-type").unwrap().starts_with("text/html"));
        let r = srv
            .raw(
                "POST",
                "/oauth/authorize",
                &[("Content-Type", "application/x-www-form-urlencoded")],
                format!("{bad}&decision=allow").as_bytes(),
            )
            .await;
        assert_eq!(r.status, 400, "POST {bad}");
        assert!(r.header("location").is_none());
    }
    // Auto-approve: immediate redirect, any client id.
    let srv = start(&["--auto-approve"]).await;
    let r = srv
        .get_noauth("/oauth/authorize?response_type=token&client_id=whatever&redirect_uri=https%3A%2F%2Fapp.example%2F&scope=daily&state=s")
        .await;
    assert!(r.status == 302 || r.status == 303);
    assert!(location(&r).starts_with("https://app.example/#access_token="));
    assert!(location(&r).ends_with("&scope=daily&state=s"));
}

fn form_pairs(s: &str) -> std::collections::HashMap<String, String> {
    s.split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), percent_decode(v)))
        .collect()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("");
            if let Ok(x) = u8::from_str_radix(hex, 16) {
                out.push(x);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_on_by_default_and_off_with_no_cors() {
    let srv = start(&[]).await;
    let origin = "http://localhost:8080";
    let r = srv
        .raw(
            "OPTIONS",
            "/v2/usercollection/daily_sleep",
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "GET"),
                ("Access-Control-Request-Headers", "authorization"),
            ],
            b"",
        )
        .await;
    assert!(r.status == 204 || r.status == 200);
    assert_eq!(r.header("access-control-allow-origin"), Some(origin));
    assert!(r
        .header("access-control-allow-headers")
        .unwrap()
        .to_lowercase()
        .contains("authorization"));
    assert!(r
        .header("access-control-allow-methods")
        .unwrap()
        .contains("GET"));
    let auth = format!("Bearer {TOKEN}");
    let r = srv
        .raw(
            "GET",
            "/v2/usercollection/daily_sleep",
            &[("Origin", origin), ("Authorization", &auth)],
            b"",
        )
        .await;
    assert_eq!(r.header("access-control-allow-origin"), Some(origin));
    assert_eq!(
        r.header("access-control-expose-headers"),
        Some("Retry-After, X-RateLimit-Limit, X-RateLimit-Window, X-RateLimit-Reset, X-RateLimit-Tier")
    );
    // Errors carry CORS headers too (so the app can read a 401/429).
    let r = srv
        .raw(
            "GET",
            "/v2/usercollection/daily_sleep",
            &[("Origin", origin)],
            b"",
        )
        .await;
    assert_eq!(r.status, 401);
    assert_eq!(r.header("access-control-allow-origin"), Some(origin));

    let srv = start(&["--no-cors"]).await;
    let r = srv
        .raw(
            "OPTIONS",
            "/v2/usercollection/daily_sleep",
            &[("Origin", origin), ("Access-Control-Request-Method", "GET")],
            b"",
        )
        .await;
    assert!(r
        .headers
        .iter()
        .all(|(k, _)| !k.to_lowercase().starts_with("access-control-")));
    assert!(r.status >= 400);
    let r = srv
        .raw(
            "GET",
            "/v2/usercollection/daily_sleep",
            &[("Origin", origin), ("Authorization", &auth)],
            b"",
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(r
        .headers
        .iter()
        .all(|(k, _)| !k.to_lowercase().starts_with("access-control-")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_routes_and_documents() {
    let srv = start(&[]).await;
    for p in [
        "/",
        "/v2",
        "/v2/usercollection/",
        "/v2/usercollection/nope",
        "/v2/usercollection/vo2_max",
        "/v1/sleep",
        "/v2/usercollection/sleep/a/b",
        "/v2/usercollection/heartrate/x",
    ] {
        let r = srv.get(p).await;
        assert_eq!(r.status, 404, "{p}");
        assert!(r.json()["detail"].is_string());
    }
    let r = srv.get("/v2/usercollection/sleep/not-existing").await;
    assert_eq!(r.status, 404);
    assert_eq!(
        r.json(),
        serde_json::json!({"detail": "Document not found."})
    );
    let r = srv.get("/v2/usercollection/tag/bad%20id%3B").await;
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["detail"][0]["msg"], "Invalid document ID format");
    let r = srv.raw("POST", "/v2/usercollection/sleep", &[], b"").await;
    assert_eq!(r.status, 405);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_input_never_causes_5xx() {
    let srv = start(&[]).await;
    let garbage = [
        "start_date=%",
        "start_date=%%%%&end_date=%ZZ",
        "start_date=0000-00-00",
        "start_date=9999999-01-01",
        "start_date=-262144-01-01&end_date=262143-12-31",
        "start_date=2025-01-01&start_date=garbage",
        "end_date=1900-01-01",
        "start_datetime=9999-12-31T23:59:59Z&end_datetime=-9999-01-01T00:00:00Z",
        "start_datetime=2025-01-01T00:00:00%2B99:99",
        "start_datetime=%00%01%02",
        "end_datetime=-262144-01-01T00:00:00",
        "start_datetime=%2B262143-12-31T23:59:59&end_datetime=%2B262143-12-31T23:59:59",
        "start_date=-262144-01-01&end_date=-262144-01-01",
        "next_token=%E2%82%AC%E2%82%AC",
        "next_token=ffffffffffffffffffffffffffffffffffffffff",
        "next_token=30",
        "page_size=-1&limit=999999999999999999999",
        "=&&&==&a=b=c",
        "start_date=2025-03-01T25:99:99",
        "start_date=\u{1F600}",
    ];
    let mut all = Vec::new();
    for ep in oura_sim::data::ENDPOINTS {
        for g in garbage {
            let g = g.replace(' ', "%20");
            all.push(format!("/v2/usercollection/{ep}?{g}"));
        }
        all.push(format!("/v2/usercollection/{ep}/{}", "x".repeat(5000)));
        all.push(format!("/v2/usercollection/{ep}/%FF%FE"));
        all.push(format!("/v2/usercollection/{ep}/..%2F..%2Fetc"));
    }
    all.push(format!("/oauth/authorize?{}", "a=%".repeat(500)));
    all.push("/oauth/authorize?response_type=token&client_id=healthhub-dev&redirect_uri=http%3A%2F%2F%E2%82%AC".into());
    all.push("/__sim/nope?x".into());
    for url in &all {
        let r = srv.get(url).await;
        assert!(r.status < 500, "{url} → {}", r.status);
    }
    // Raw bytes that are not a valid request target are refused by the HTTP layer, not 5xx.
    let r = srv
        .raw(
            "GET",
            "/v2/usercollection/sleep?start_date=\u{7f}",
            &[],
            b"",
        )
        .await;
    assert!(r.status < 500);
    let r = srv
        .raw(
            "POST",
            "/__sim/config",
            &[("Content-Type", "application/json")],
            &[0xff, 0xfe, 0x00],
        )
        .await;
    assert_eq!(r.status, 400);
    // Still alive and well.
    assert_eq!(srv.get("/v2/usercollection/daily_sleep").await.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stats_reset_and_export_routes() {
    let srv = start(&[]).await;
    srv.get("/v2/usercollection/daily_sleep").await;
    srv.get("/v2/usercollection/daily_sleep?start_date=2025-03-01")
        .await;
    srv.get_noauth("/v2/usercollection/heartrate").await;
    srv.get("/v2/usercollection/sleep/unknown-id").await;
    srv.raw(
        "OPTIONS",
        "/v2/usercollection/sleep",
        &[("Origin", "http://x")],
        b"",
    )
    .await;
    let s = srv.get_noauth("/__sim/stats").await.json();
    assert_eq!(s["total"], 4);
    assert_eq!(s["preflight"], 1);
    assert_eq!(s["by_route"]["/v2/usercollection/daily_sleep"], 2);
    assert_eq!(s["by_route"]["/v2/usercollection/sleep/{document_id}"], 1);
    assert_eq!(s["by_status"]["200"], 2);
    assert_eq!(s["by_status"]["401"], 1);
    assert_eq!(s["by_status"]["404"], 1);
    assert_eq!(
        s["by_route_status"]["/v2/usercollection/heartrate"]["401"],
        1
    );
    let r = srv.raw("POST", "/__sim/reset", &[], b"").await;
    assert_eq!(r.status, 200);
    let s = srv.get_noauth("/__sim/stats").await.json();
    assert_eq!(s["total"], 0);
    assert_eq!(s["by_route"], serde_json::json!({}));
    // Export route.
    let r = srv.get_noauth("/__sim/export").await;
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["format"], "healthhub-export");
    assert_eq!(v["collections"].as_object().unwrap().len(), 19);
    assert_eq!(r.text(), srv.sim.export());
    let s = srv.get_noauth("/__sim/stats").await.json();
    assert_eq!(s["total"], 0, "/__sim requests are not counted");
}
