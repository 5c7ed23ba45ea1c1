//! The Oura HTTP client in the browser: one request function for every endpoint
//! (`Authorization: Bearer`, timeout by `AbortController`, retries with backoff, a
//! pause of every request after a 429 as long as Oura states), a [`Pager`] handing
//! out one page at a time, a limiter shared by all pagers of a [`Client`], and CORS
//! detection. The pure parts are modules of their own:
//! [`window`](crate::oura::window), [`error`](crate::oura::error),
//! [`retry`](crate::oura::retry), [`paging`](crate::oura::paging),
//! [`limiter`](crate::oura::limiter), [`cors`](crate::oura::cors),
//! [`http_date`](crate::oura::http_date), [`rate_limit`](crate::oura::rate_limit).
//!
//! The token goes into the `Authorization` header of requests to `api_base` and nowhere
//! else: not into URLs, errors or logs (this module logs nothing).

use crate::config::Config;
use crate::endpoints::{Endpoint, QueryKind};
use crate::oura::cors::is_cross_origin;
use crate::oura::error::error_from_status;
use crate::oura::limiter::Limiter;
use crate::oura::paging::{parse_page, PagingState};
use crate::oura::rate_limit::{stated_wait, wait_secs, RATE_LIMIT_RESET, RETRY_AFTER};
use crate::oura::retry::RetryDecision;
use crate::oura::token::AccessToken;
use crate::oura::window::request_url;
use serde_json::Value;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    AbortController, AbortSignal, Headers, RequestCache, RequestCredentials, RequestInit,
    RequestMode,
};

pub use crate::oura::error::ClientError;
pub use crate::oura::paging::Page;
pub use crate::oura::retry::RetryPolicy;
pub use crate::oura::window::{datetime_windows, heartrate_windows, Window};

#[wasm_bindgen]
extern "C" {
    // The global timers (window or worker).
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: i32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
}

/// Tunables of a [`Client`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientOptions {
    /// Requests in flight at once across all pagers of the client (default 6: what a
    /// browser keeps open to one host over HTTP/1.1; at a phone's 300 ms per request
    /// that is 20 requests a second, just above Oura's rate limit of 16.7 — see
    /// BENCHMARKS.md, "The first sync over a phone network").
    pub max_in_flight: usize,
    /// Time allowed for one attempt, body included (default 30 s).
    pub timeout: Duration,
    /// Retries of 429 (after a pause of every request of the client), 5xx, network
    /// errors, timeouts and invalid bodies.
    pub retry: RetryPolicy,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            max_in_flight: 6,
            timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
        }
    }
}

/// What a client has done so far (for progress, tests and benchmarks).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClientStats {
    /// HTTP requests sent (retries included, CORS probes excluded).
    pub requests: u32,
    /// Retries after a failed attempt.
    pub retries: u32,
    /// The most requests that were in flight at once.
    pub peak_in_flight: usize,
}

struct Inner {
    api_base: String,
    token: AccessToken,
    options: ClientOptions,
    limiter: Limiter,
    requests: Cell<u32>,
    retries: Cell<u32>,
}

/// The Oura API client of one signed-in session. Cheap to clone; clones share the
/// request limiter and the statistics.
#[derive(Clone)]
pub struct Client {
    inner: Rc<Inner>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("api_base", &self.inner.api_base)
            .finish_non_exhaustive()
    }
}

/// Why one attempt failed, and how long the server asked to wait.
struct Failure {
    error: ClientError,
    retry_after: Option<Duration>,
}

impl From<ClientError> for Failure {
    fn from(error: ClientError) -> Self {
        Failure {
            error,
            retry_after: None,
        }
    }
}

impl Client {
    /// A client for `api_base` (absolute `http(s)://…` or a same-origin path like
    /// `/oura-api`) with the default options.
    pub fn new(api_base: &str, token: AccessToken) -> Client {
        Client::with_options(api_base, token, ClientOptions::default())
    }

    /// A client for the configured `api_base`.
    pub fn from_config(config: &Config, token: AccessToken) -> Client {
        Client::new(&config.api_base, token)
    }

    pub fn with_options(api_base: &str, token: AccessToken, options: ClientOptions) -> Client {
        Client {
            inner: Rc::new(Inner {
                api_base: api_base.trim_end_matches('/').to_owned(),
                token,
                limiter: Limiter::new(options.max_in_flight),
                options,
                requests: Cell::new(0),
                retries: Cell::new(0),
            }),
        }
    }

    pub fn api_base(&self) -> &str {
        &self.inner.api_base
    }

    pub fn options(&self) -> &ClientOptions {
        &self.inner.options
    }

    pub fn stats(&self) -> ClientStats {
        ClientStats {
            requests: self.inner.requests.get(),
            retries: self.inner.retries.get(),
            peak_in_flight: self.inner.limiter.peak(),
        }
    }

    /// Pages through one window of one endpoint. For [`QueryKind::TokenOnly`] and
    /// [`QueryKind::Single`] endpoints the window is ignored (use [`Window::All`]).
    pub fn pager(&self, endpoint: &'static Endpoint, window: Window) -> Pager {
        Pager {
            client: self.clone(),
            endpoint,
            window,
            state: PagingState::new(endpoint.path),
        }
    }

    /// Every document of one window, all pages collected (small collections, tests).
    /// The sync engine pages with [`Client::pager`] and stores each page first.
    pub async fn fetch_all(
        &self,
        endpoint: &'static Endpoint,
        window: Window,
    ) -> Result<Vec<Value>, ClientError> {
        let mut pager = self.pager(endpoint, window);
        let mut docs = Vec::new();
        while let Some(page) = pager.next_page().await? {
            docs.extend(page.docs);
        }
        Ok(docs)
    }

    /// The one request function: GET `url` with the bearer token, under the limiter,
    /// retried per the policy, parsed into a page.
    async fn fetch_page(
        &self,
        endpoint: &'static Endpoint,
        url: &str,
    ) -> Result<Page, ClientError> {
        let mut attempt = 1;
        loop {
            let result = {
                let _permit = self.inner.limiter.acquire().await;
                self.wait_for_pause().await;
                self.attempt(endpoint, url).await
            };
            let failure = match result {
                Ok(page) => return Ok(page),
                Err(f) => f,
            };
            let decision = self.inner.options.retry.decide(
                attempt,
                &failure.error,
                failure.retry_after,
                js_sys::Math::random(),
            );
            match decision {
                RetryDecision::RetryAfter(delay) => {
                    self.inner.retries.set(self.inner.retries.get() + 1);
                    if matches!(failure.error, ClientError::RateLimited { .. }) {
                        // Every request of the client waits for this pause before it
                        // is sent (this one too, on its next attempt).
                        let stated = failure.retry_after.is_some();
                        self.inner.limiter.pause_after_429(now_ms(), delay, stated);
                    } else {
                        sleep(delay).await;
                    }
                }
                RetryDecision::GiveUp => return Err(failure.error.with_attempts(attempt)),
            }
            attempt += 1;
        }
    }

    /// Waits while the client is paused after a 429 (the pause may grow meanwhile).
    async fn wait_for_pause(&self) {
        loop {
            let left = self.inner.limiter.pause_remaining(now_ms());
            if left.is_zero() {
                return;
            }
            sleep(left).await;
        }
    }

    /// One attempt: request, status, body, parse.
    async fn attempt(&self, endpoint: &'static Endpoint, url: &str) -> Result<Page, Failure> {
        let inner = &self.inner;
        let timer = AbortTimer::start(inner.options.timeout);
        let signal = timer.as_ref().map(AbortTimer::signal);
        let bearer = inner.token.bearer_header();
        let request = build_request(url, Some(&bearer), signal.as_ref(), RequestMode::Cors)
            .map_err(|e| network(js_message(&e)))?;
        inner.requests.set(inner.requests.get() + 1);
        let response = match gloo_net::http::Request::from(request).send().await {
            Ok(r) => r,
            Err(e) => return Err(self.send_failure(url, &e.to_string(), &timer).await.into()),
        };
        let status = response.status();
        // The wait a 429 (or a 5xx) states. A cross-origin page sees these headers
        // only if the API lists them in Access-Control-Expose-Headers.
        let retry_after = if !(200..300).contains(&status) {
            let headers = response.headers();
            stated_wait(
                headers.get(RETRY_AFTER).as_deref(),
                headers.get(RATE_LIMIT_RESET).as_deref(),
                now_ms(),
            )
        } else {
            None
        };
        let ok = (200..300).contains(&status);
        let body = match response.text().await {
            Ok(body) => body,
            // The status says enough; the error body is only for the detail.
            Err(_) if !ok && !fired(&timer) => String::new(),
            Err(e) => {
                return Err(if fired(&timer) {
                    self.timeout_error()
                } else {
                    network(e.to_string())
                }
                .into())
            }
        };
        drop(timer);
        if !ok {
            let secs = retry_after.map(wait_secs);
            return Err(Failure {
                error: error_from_status(endpoint.path, status, &body, secs),
                retry_after,
            });
        }
        parse_page(endpoint.query, &body).map_err(|message| {
            Failure::from(ClientError::InvalidBody {
                message,
                attempts: 1,
            })
        })
    }

    fn timeout_error(&self) -> ClientError {
        ClientError::Timeout {
            timeout_ms: u32::try_from(self.inner.options.timeout.as_millis()).unwrap_or(u32::MAX),
            attempts: 1,
        }
    }

    /// Classifies a fetch that rejected: timeout, offline, CORS or network.
    async fn send_failure(
        &self,
        url: &str,
        message: &str,
        timer: &Option<AbortTimer>,
    ) -> ClientError {
        if fired(timer) {
            return self.timeout_error();
        }
        if !online() {
            return ClientError::Offline;
        }
        let api_base = &self.inner.api_base;
        if is_cross_origin(api_base, &page_origin()) && self.probe(url).await {
            return ClientError::Cors {
                api_base: api_base.clone(),
            };
        }
        network(message.to_owned())
    }

    /// A `no-cors` GET of `url` without credentials or `Authorization`: resolving (an
    /// opaque response) means the server is reachable, so the real request was blocked
    /// by CORS. (On a cross-origin-isolated page — COEP `require-corp` — the probe
    /// cannot reach a server that sends no CORP header, so a CORS failure there is
    /// reported as a network error; the app is not served that way.)
    async fn probe(&self, url: &str) -> bool {
        let timer = AbortTimer::start(self.inner.options.timeout);
        let signal = timer.as_ref().map(AbortTimer::signal);
        match build_request(url, None, signal.as_ref(), RequestMode::NoCors) {
            Ok(req) => gloo_net::http::Request::from(req).send().await.is_ok(),
            Err(_) => false,
        }
    }
}

/// Unix time in milliseconds (the clock `X-RateLimit-Reset` is stated in).
fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

fn network(message: String) -> ClientError {
    ClientError::Network {
        message,
        attempts: 1,
    }
}

fn fired(timer: &Option<AbortTimer>) -> bool {
    timer.as_ref().is_some_and(AbortTimer::fired)
}

fn js_message(v: &JsValue) -> String {
    if let Some(e) = v.dyn_ref::<js_sys::Error>() {
        return String::from(e.message());
    }
    v.as_string().unwrap_or_else(|| "unknown error".to_owned())
}

fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

fn build_request(
    url: &str,
    authorization: Option<&str>,
    signal: Option<&AbortSignal>,
    mode: RequestMode,
) -> Result<web_sys::Request, JsValue> {
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_mode(mode);
    init.set_credentials(RequestCredentials::Omit);
    // Health data stays out of the HTTP cache.
    init.set_cache(RequestCache::NoStore);
    init.set_signal(signal);
    if let Some(value) = authorization {
        let headers = Headers::new()?;
        headers.set("Authorization", value)?;
        headers.set("Accept", "application/json")?;
        init.set_headers(&headers);
    }
    web_sys::Request::new_with_str_and_init(url, &init)
}

/// Aborts a fetch after a delay; dropping it cancels the timer and aborts the fetch if
/// it is still running (e.g. the caller dropped the future).
struct AbortTimer {
    controller: AbortController,
    handle: JsValue,
    _on_timeout: Closure<dyn FnMut()>,
}

impl AbortTimer {
    fn start(after: Duration) -> Option<AbortTimer> {
        let controller = AbortController::new().ok()?;
        let target = controller.clone();
        let on_timeout = Closure::<dyn FnMut()>::new(move || target.abort());
        let ms = i32::try_from(after.as_millis()).unwrap_or(i32::MAX);
        let handle = set_timeout(on_timeout.as_ref().unchecked_ref(), ms);
        Some(AbortTimer {
            controller,
            handle,
            _on_timeout: on_timeout,
        })
    }

    fn signal(&self) -> AbortSignal {
        self.controller.signal()
    }

    fn fired(&self) -> bool {
        self.controller.signal().aborted()
    }
}

impl Drop for AbortTimer {
    fn drop(&mut self) {
        clear_timeout(&self.handle);
        self.controller.abort();
    }
}

/// Waits `d` (a `setTimeout` future; works in windows and workers).
pub async fn sleep(d: Duration) {
    let ms = i32::try_from(d.as_millis()).unwrap_or(i32::MAX);
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        set_timeout(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Pages through one window of one endpoint, one page per call, following
/// `next_token` until it is null. The caller stores each page before asking for the
/// next; an error leaves the pager where it was, so calling again retries that page —
/// except a permanent one ([`ClientError::is_permanent`]): a repeated `next_token` is
/// returned again by every later call (the window never looks finished).
pub struct Pager {
    client: Client,
    endpoint: &'static Endpoint,
    window: Window,
    state: PagingState,
}

impl std::fmt::Debug for Pager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pager")
            .field("endpoint", &self.endpoint.path)
            .field("window", &self.window)
            .field("done", &self.state.is_done())
            .finish_non_exhaustive()
    }
}

impl Pager {
    pub fn endpoint(&self) -> &'static Endpoint {
        self.endpoint
    }

    pub fn window(&self) -> &Window {
        &self.window
    }

    /// Whether the last page has been returned.
    pub fn is_done(&self) -> bool {
        self.state.is_done()
    }

    /// The URL of the next request (it never contains the token).
    pub fn next_url(&self) -> Result<String, ClientError> {
        request_url(
            &self.client.inner.api_base,
            self.endpoint,
            &self.window,
            self.state.next_token(),
        )
    }

    /// The next page, `Ok(None)` after the last one. Documents are exactly as received.
    pub async fn next_page(&mut self) -> Result<Option<Page>, ClientError> {
        // A repeated token is permanent: every call after it reports it again.
        self.state.check()?;
        if self.state.is_done() {
            return Ok(None);
        }
        let url = self.next_url()?;
        let page = self.client.fetch_page(self.endpoint, &url).await?;
        if self.endpoint.query == QueryKind::Single {
            self.state.finish();
        } else {
            self.state.advance(page.next_token.as_deref())?;
        }
        Ok(Some(page))
    }
}
