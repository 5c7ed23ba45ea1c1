//! The Oura HTTP client against the local Oura simulator, in headless Chromium.
//!
//! The simulator must be running (scripts/with-sim.sh does it):
//!
//!   target/release/oura-sim --port 18091 --token e2e-token --days 60 --hr-per-day 100 \
//!       --page-size 7 --end-date 2026-11-20 --seed 7
//!
//! plus the same with `--no-cors` on port 18092 for the CORS test, and the runner with
//! `WASM_BINDGEN_TEST_NO_ORIGIN_ISOLATION=1` (the app is not served with COEP).
//! `HH_SIM_URL` / `HH_SIM_NOCORS_URL` (read at compile time) override the addresses.
//! Each test sets its faults through `POST /__sim/config` and resets them at the end
//! (the tests of one binary run one after the other).
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use gloo_net::http::Request;
use healthhub::endpoints::{by_path, Endpoint, QueryKind, ENDPOINTS};
use healthhub::oura::client::{
    heartrate_windows, Client, ClientError, ClientOptions, RetryPolicy, Window,
};
use healthhub::oura::models::check_document;
use healthhub::oura::token::AccessToken;
use serde_json::{json, Value};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TOKEN: &str = "e2e-token";
const FIRST_DAY: &str = "2026-09-22"; // 60 days ending 2026-11-20
const LAST_DAY: &str = "2026-11-20";

fn sim() -> &'static str {
    option_env!("HH_SIM_URL").unwrap_or("http://127.0.0.1:18091")
}

fn sim_no_cors() -> &'static str {
    option_env!("HH_SIM_NOCORS_URL").unwrap_or("http://127.0.0.1:18092")
}

/// Lets pending tasks run.
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn ep(path: &str) -> &'static Endpoint {
    by_path(path).unwrap()
}

fn all_days() -> Window {
    Window::Days {
        first: day(FIRST_DAY),
        last: day(LAST_DAY),
    }
}

fn window_for(e: &Endpoint) -> Window {
    match e.query {
        QueryKind::Dates => all_days(),
        _ => Window::All,
    }
}

/// Options with tiny delays so fault tests stay fast.
fn fast(max_attempts: u32) -> ClientOptions {
    ClientOptions {
        max_in_flight: 4,
        timeout: Duration::from_secs(10),
        retry: RetryPolicy {
            max_attempts,
            base_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(40),
            max_retry_after: Duration::from_secs(5),
        },
    }
}

fn client(options: ClientOptions) -> Client {
    Client::with_options(sim(), AccessToken::new(TOKEN), options)
}

async fn sim_get(path: &str) -> Value {
    let resp = Request::get(&format!("{}{path}", sim()))
        .send()
        .await
        .unwrap();
    assert!(resp.ok(), "GET {path}: {}", resp.status());
    serde_json::from_str(&resp.text().await.unwrap()).unwrap()
}

/// POSTs JSON as text/plain (a simple request: no preflight).
async fn sim_post(path: &str, body: Value) -> Value {
    let resp = Request::post(&format!("{}{path}", sim()))
        .body(body.to_string())
        .unwrap()
        .send()
        .await
        .unwrap();
    let text = resp.text().await.unwrap();
    assert!(resp.ok(), "POST {path}: {} {text}", resp.status());
    serde_json::from_str(&text).unwrap()
}

/// Clears every fault and the statistics.
async fn reset() {
    sim_post(
        "/__sim/config",
        json!({"latency_ms": 0, "fail_rate": 0.0, "truncate_rate": 0.0, "rate_limit": 0, "forbid": []}),
    )
    .await;
    sim_post("/__sim/reset", json!({})).await;
}

async fn faults(config: Value) {
    reset().await;
    sim_post("/__sim/config", config).await;
}

async fn stats_status(status: u16) -> u64 {
    let s = sim_get("/__sim/stats").await;
    s["by_status"][status.to_string()].as_u64().unwrap_or(0)
}

async fn export() -> Value {
    sim_get("/__sim/export").await
}

/// The documents as sorted JSON texts (key order included).
fn texts(docs: &[Value]) -> Vec<String> {
    let mut t: Vec<String> = docs
        .iter()
        .map(|d| serde_json::to_string(d).unwrap())
        .collect();
    t.sort();
    t
}

fn expected(export: &Value, path: &str) -> Vec<String> {
    texts(export["collections"][path].as_array().unwrap())
}

/// Pages through a window; returns (documents, number of pages).
async fn collect(client: &Client, e: &'static Endpoint, w: Window) -> (Vec<Value>, usize) {
    let mut pager = client.pager(e, w);
    let mut docs = Vec::new();
    let mut pages = 0;
    while let Some(page) = pager.next_page().await.unwrap() {
        // The simulator's documents fit the app's typed models (a cross-check: the
        // two are written independently).
        for doc in &page.docs {
            if let Err(err) = check_document(e.id, doc) {
                panic!("{}: a document does not fit the model: {err}", e.path);
            }
        }
        pages += 1;
        docs.extend(page.docs);
    }
    assert!(pager.is_done());
    (docs, pages)
}

#[wasm_bindgen_test]
async fn paging_returns_every_document_exactly_once() {
    reset().await;
    let export = export().await;
    let c = client(fast(3));
    for e in ENDPOINTS
        .iter()
        .filter(|e| matches!(e.query, QueryKind::Dates | QueryKind::TokenOnly))
    {
        let (docs, pages) = collect(&c, e, window_for(e)).await;
        let want = expected(&export, e.path);
        assert_eq!(
            pages,
            want.len().div_ceil(7).max(1),
            "{}: pages of 7",
            e.path
        );
        assert_eq!(
            texts(&docs),
            want,
            "{}: every document once, as received",
            e.path
        );
    }
    let (docs, pages) = collect(&c, ep("daily_sleep"), all_days()).await;
    // 60 days but for the simulated person's non-wear days (no documents).
    let worn = expected(&export, "daily_sleep").len();
    assert!((50..=60).contains(&worn), "{worn} nights");
    assert_eq!(docs.len(), worn);
    assert!(pages >= worn.div_ceil(7), "{pages} pages");
    assert_eq!(stats_status(200).await, c.stats().requests as u64);
    assert_eq!(c.stats().retries, 0);
    reset().await;
}

#[wasm_bindgen_test]
async fn personal_info_is_a_one_document_page() {
    reset().await;
    let export = export().await;
    let c = client(fast(3));
    let mut pager = c.pager(ep("personal_info"), Window::All);
    let page = pager.next_page().await.unwrap().unwrap();
    assert_eq!(page.docs.len(), 1);
    assert!(page.docs[0].is_object());
    assert_eq!(page.next_token, None);
    assert_eq!(texts(&page.docs), expected(&export, "personal_info"));
    assert!(pager.next_page().await.unwrap().is_none());
    assert_eq!(c.stats().requests, 1);
    reset().await;
}

#[wasm_bindgen_test]
async fn heartrate_windows_cover_every_sample() {
    reset().await;
    let export = export().await;
    let c = client(fast(3));
    let windows = heartrate_windows(day(FIRST_DAY), day(LAST_DAY));
    assert_eq!(windows.len(), 3, "62 padded days → 30 + 30 + 2");
    let mut docs = Vec::new();
    for w in windows {
        let url = c.pager(ep("heartrate"), w.clone()).next_url().unwrap();
        assert!(
            url.contains("start_datetime=") && url.contains("Z&end_datetime="),
            "{url}"
        );
        docs.extend(collect(&c, ep("heartrate"), w).await.0);
    }
    let want = expected(&export, "heartrate");
    // 100 samples a day, on the worn days of the 60.
    assert_eq!(want.len() % 100, 0);
    assert!((5000..=6000).contains(&want.len()), "{}", want.len());
    assert_eq!(texts(&docs), want);
    assert_eq!(stats_status(400).await, 0, "no window was refused");
    reset().await;
}

#[wasm_bindgen_test]
async fn rate_limit_429_honours_retry_after_then_succeeds() {
    faults(json!({"rate_limit": 3})).await;
    let export = export().await;
    let c = client(fast(5));
    let started = js_sys::Date::now();
    let docs = c.fetch_all(ep("daily_sleep"), all_days()).await.unwrap();
    let elapsed = js_sys::Date::now() - started;
    assert_eq!(texts(&docs), expected(&export, "daily_sleep"));
    let limited = stats_status(429).await;
    assert!(limited >= 1, "the rate limit was hit");
    assert_eq!(c.stats().retries as u64, limited);
    // Retry-After is ≥ 1 s: the client waited it instead of its 5..40 ms backoff.
    assert!(elapsed >= 1000.0, "waited {elapsed} ms");
    reset().await;
}

#[wasm_bindgen_test]
async fn server_errors_are_retried_then_succeed() {
    faults(json!({"fail_rate": 0.3})).await;
    let export = export().await;
    let c = client(fast(10));
    let docs = c.fetch_all(ep("daily_activity"), all_days()).await.unwrap();
    assert_eq!(texts(&docs), expected(&export, "daily_activity"));
    let failed = stats_status(500).await + stats_status(502).await + stats_status(503).await;
    assert!(failed >= 1, "some 5xx were injected");
    assert_eq!(c.stats().retries as u64, failed);
    reset().await;
}

#[wasm_bindgen_test]
async fn truncated_bodies_are_retried() {
    faults(json!({"truncate_rate": 0.4})).await;
    let export = export().await;
    let c = client(fast(10));
    let docs = c.fetch_all(ep("sleep"), all_days()).await.unwrap();
    assert_eq!(texts(&docs), expected(&export, "sleep"));
    assert!(c.stats().retries >= 1, "some bodies were cut");
    reset().await;
}

#[wasm_bindgen_test]
async fn exhausted_retries_report_the_right_error() {
    faults(json!({"fail_rate": 1.0})).await;
    let c = client(fast(3));
    let err = c.fetch_all(ep("tag"), all_days()).await.unwrap_err();
    assert!(
        matches!(err, ClientError::Server { attempts: 3, status } if (500..600).contains(&status)),
        "{err:?}"
    );
    assert_eq!(err.kind(), "client.error.server");
    assert!(err.is_retryable());
    assert_eq!(c.stats().requests, 3);

    faults(json!({"truncate_rate": 1.0})).await;
    let err = c.fetch_all(ep("tag"), all_days()).await.unwrap_err();
    assert!(
        matches!(err, ClientError::InvalidBody { attempts: 3, .. }),
        "{err:?}"
    );

    faults(json!({"rate_limit": 1})).await;
    let c = client(ClientOptions {
        retry: RetryPolicy {
            max_retry_after: Duration::from_millis(10),
            ..fast(3).retry
        },
        ..fast(3)
    });
    // The second page comes within the same second: 429 with a Retry-After (1 s)
    // longer than this policy waits, reported at once with the wait.
    let err = c
        .fetch_all(ep("daily_sleep"), all_days())
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ClientError::RateLimited {
            attempts: 1,
            retry_after_secs: Some(1)
        }
    );
    assert_eq!(c.stats().requests, 2);

    faults(json!({"latency_ms": 400})).await;
    let c = client(ClientOptions {
        timeout: Duration::from_millis(100),
        ..fast(2)
    });
    let err = c.fetch_all(ep("tag"), all_days()).await.unwrap_err();
    assert_eq!(
        err,
        ClientError::Timeout {
            timeout_ms: 100,
            attempts: 2
        }
    );
    reset().await;
}

#[wasm_bindgen_test]
async fn invalid_or_expired_token_is_unauthorized() {
    reset().await;
    let secret = "not-a-valid-token-4242";
    let c = Client::with_options(sim(), AccessToken::new(secret), fast(3));
    let err = c
        .fetch_all(ep("daily_sleep"), all_days())
        .await
        .unwrap_err();
    assert!(err.needs_sign_in(), "{err:?}");
    assert_eq!(err.kind(), "client.error.unauthorized");
    assert!(!err.to_string().contains(secret) && !format!("{err:?}").contains(secret));
    assert_eq!(c.stats().requests, 1, "401 is not retried");

    let issued = sim_post("/__sim/token", json!({"ttl_seconds": 0})).await;
    let expired = issued["access_token"].as_str().unwrap().to_owned();
    let c = Client::with_options(sim(), AccessToken::new(expired), fast(3));
    let err = c
        .fetch_all(ep("personal_info"), Window::All)
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ClientError::Unauthorized {
            detail: "Access token expired.".into()
        }
    );
    assert!(err.to_string().contains("Sign in again"));
    reset().await;
}

#[wasm_bindgen_test]
async fn forbidden_endpoint_reports_the_reason_and_others_go_on() {
    faults(json!({"forbid": ["heartrate"]})).await;
    let c = client(fast(3));
    let w = heartrate_windows(day(LAST_DAY), day(LAST_DAY)).remove(0);
    let err = c.fetch_all(ep("heartrate"), w).await.unwrap_err();
    match &err {
        ClientError::Forbidden { endpoint, reason } => {
            assert_eq!(*endpoint, "heartrate");
            assert!(reason.contains("scope"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    assert!(err.endpoint_unavailable() && !err.is_retryable());
    assert_eq!(c.stats().requests, 1, "403 is not retried");
    assert_eq!(
        c.fetch_all(ep("daily_sleep"), all_days())
            .await
            .unwrap()
            .len(),
        expected(&export().await, "daily_sleep").len()
    );
    reset().await;
}

#[wasm_bindgen_test]
async fn the_token_is_never_in_a_url() {
    reset().await;
    let c = client(fast(3));
    for e in ENDPOINTS.iter().filter(|e| e.query != QueryKind::DateTimes) {
        let mut pager = c.pager(e, window_for(e));
        while pager.next_url().is_ok() {
            assert!(!pager.next_url().unwrap().contains(TOKEN));
            if pager.next_page().await.unwrap().is_none() {
                break;
            }
        }
    }
    // Every URL the browser fetched (Resource Timing).
    let perf = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).unwrap();
    let get: js_sys::Function = js_sys::Reflect::get(&perf, &"getEntriesByType".into())
        .unwrap()
        .unchecked_into();
    let entries: js_sys::Array = get
        .call1(&perf, &"resource".into())
        .unwrap()
        .unchecked_into();
    let mut api_urls = 0;
    for entry in entries.iter() {
        let name = js_sys::Reflect::get(&entry, &"name".into())
            .unwrap()
            .as_string()
            .unwrap_or_default();
        assert!(!name.contains(TOKEN), "token in a URL: {name}");
        if name.contains("/v2/usercollection/") {
            api_urls += 1;
        }
    }
    assert!(api_urls > 0, "resource timing saw the API requests");
    reset().await;
}

#[wasm_bindgen_test]
async fn requests_in_flight_are_bounded_across_pagers() {
    faults(json!({"latency_ms": 100})).await;
    let c = client(ClientOptions {
        max_in_flight: 2,
        ..fast(3)
    });
    let done = Rc::new(Cell::new(0));
    let failures = Rc::new(RefCell::new(Vec::new()));
    let paths = [
        "daily_sleep",
        "daily_readiness",
        "daily_activity",
        "tag",
        "workout",
    ];
    for path in paths {
        let (c, done, failures) = (c.clone(), done.clone(), failures.clone());
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(e) = c.fetch_all(ep(path), all_days()).await {
                failures.borrow_mut().push(e);
            }
            done.set(done.get() + 1);
        });
    }
    for _ in 0..1500 {
        if done.get() == paths.len() {
            break;
        }
        tick().await;
    }
    assert_eq!(done.get(), paths.len(), "all pagers finished");
    assert!(failures.borrow().is_empty(), "{:?}", failures.borrow());
    assert_eq!(c.stats().peak_in_flight, 2, "{:?}", c.stats());
    reset().await;
}

#[wasm_bindgen_test]
async fn cors_failure_is_detected_and_names_the_fix() {
    let isolated = js_sys::Reflect::get(&js_sys::global(), &"crossOriginIsolated".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    assert!(
        !isolated,
        "run through scripts/with-sim.sh (it sets WASM_BINDGEN_TEST_NO_ORIGIN_ISOLATION=1): \
         under COEP require-corp the no-cors probe cannot reach the API"
    );
    let c = Client::with_options(sim_no_cors(), AccessToken::new(TOKEN), fast(3));
    let err = c
        .fetch_all(ep("daily_sleep"), all_days())
        .await
        .unwrap_err();
    assert_eq!(
        err,
        ClientError::Cors {
            api_base: sim_no_cors().to_owned()
        }
    );
    assert_eq!(err.kind(), "client.error.cors");
    assert!(err.to_string().contains(
        "serve the API through a same-origin path (api_base like /oura-api) — see the README section Deploy"
    ));
    assert_eq!(c.stats().requests, 1, "CORS is not retried");
}

#[wasm_bindgen_test]
async fn an_unreachable_server_is_a_network_error() {
    let c = Client::with_options("http://127.0.0.1:9", AccessToken::new(TOKEN), fast(2));
    let err = c
        .fetch_all(ep("daily_sleep"), all_days())
        .await
        .unwrap_err();
    assert!(
        matches!(err, ClientError::Network { attempts: 2, .. }),
        "{err:?}"
    );
    assert!(err.is_retryable());
}
