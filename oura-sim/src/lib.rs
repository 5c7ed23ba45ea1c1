//! `oura-sim`: a local simulator of Oura's API v2 for healthHub's development, demo,
//! end-to-end tests and benchmarks. See README.md for the behaviour it implements.
//!
//! The library exposes [`Args`] (the command line), [`Sim`] (the shared state) and
//! [`serve`], so tests can run the server in-process on an ephemeral port.

pub mod admin;
pub mod api;
pub mod data;
pub mod mutate;
pub mod oauth;
pub mod rng;
pub mod travel;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, Response, StatusCode};
use axum::Router;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use clap::Parser;
use data::{Data, GenParams, ENDPOINTS};
use rng::Rng;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Instant;

/// Local Oura API v2 simulator (deterministic data, OAuth implicit flow, faults).
#[derive(Parser, Debug, Clone)]
#[command(name = "oura-sim", version, about, long_about = None)]
pub struct Args {
    /// TCP port to listen on (0 = any free port).
    #[arg(long, default_value_t = 8081)]
    pub port: u16,
    /// Address to bind.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Number of days of data, ending at --end-date.
    #[arg(long, default_value_t = 365, value_parser = clap::value_parser!(u32).range(1..=3660))]
    pub days: u32,
    /// Seed of all generated data and of the fault randomness.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The wearer's UTC offset (`+09:00`, `-05:30`, `Z`): used for every local timestamp and `day`.
    #[arg(long, default_value = "+09:00", value_parser = parse_tz)]
    pub tz: FixedOffset,
    /// Last day of data (YYYY-MM-DD); default: today in --tz. Also the simulator's "today".
    #[arg(long, value_parser = parse_end_date)]
    pub end_date: Option<NaiveDate>,
    /// Heart-rate samples per day (0..=86400).
    #[arg(long, default_value_t = 1200, value_parser = clap::value_parser!(u32).range(0..=86_400))]
    pub hr_per_day: u32,
    /// Documents per page for the document endpoints.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..))]
    pub page_size: u32,
    /// Samples per page for heartrate.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..))]
    pub hr_page_size: u32,
    /// Extra latency added to every API response, in milliseconds.
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// Probability (0..1) that an API request fails with a 500/502/503.
    #[arg(long, default_value_t = 0.0, value_parser = parse_rate)]
    pub fail_rate: f64,
    /// Probability (0..1) that a 200 API body is cut off mid-JSON.
    #[arg(long, default_value_t = 0.0, value_parser = parse_rate)]
    pub truncate_rate: f64,
    /// At most N API requests per token (per `Authorization` header) in a rolling window
    /// of `--rate-limit-window` seconds; beyond it 429 + Retry-After (0 = off). Oura's:
    /// `--rate-limit 5000 --rate-limit-window 300`.
    #[arg(long, default_value_t = 0)]
    pub rate_limit: u32,
    /// The rate limit's rolling window, in seconds (1..=3600).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub rate_limit_window: u64,
    /// Lifetime of tokens issued by /oauth/authorize, in seconds.
    #[arg(long, default_value_t = 86_400)]
    pub token_ttl: u64,
    /// Send no CORS headers at all and refuse preflights (like the real Oura API).
    #[arg(long)]
    pub no_cors: bool,
    /// The OAuth client id accepted by /oauth/authorize.
    #[arg(long, default_value = "healthhub-dev")]
    pub client_id: String,
    /// /oauth/authorize redirects at once (Allow) and accepts any client_id.
    #[arg(long)]
    pub auto_approve: bool,
    /// Endpoint that answers 403 like a missing scope (repeatable), e.g. `--forbid heartrate`.
    #[arg(long, value_parser = parse_endpoint)]
    pub forbid: Vec<String>,
    /// Write the data as a healthHub export file to FILE and exit.
    #[arg(long, value_name = "FILE")]
    pub write_export: Option<std::path::PathBuf>,
    /// Extra pre-issued token, valid for every scope and never expiring (repeatable).
    #[arg(long)]
    pub token: Vec<String>,
    /// Travel: `DAY=OFFSET,…` (ascending days within the data), e.g.
    /// `2026-10-25=+01:00,2026-11-10=-05:00`: from that local day on the wearer's offset
    /// is the given one. Replaces the default trip.
    #[arg(long, value_parser = parse_tz_changes, default_value = "")]
    pub tz_changes: TzChanges,
    /// No default trip (without `--tz-changes` the wearer otherwise travels across a DST
    /// change at least 35 days before --end-date; see README "The person").
    #[arg(long)]
    pub no_travel: bool,
    /// Ring battery rows per local day (0..=1440; 48 = one every 30 minutes).
    #[arg(long, default_value_t = 48, value_parser = clap::value_parser!(u32).range(0..=1440))]
    pub battery_per_day: u32,
    /// The first ring configuration's `set_up_at` is `1970-01-01T00:00:00+00:00` (a
    /// sentinel real rings send).
    #[arg(long)]
    pub ring_setup_sentinel: bool,
    /// Endpoint that also serves one document a strict store cannot index (repeatable):
    /// no `id` (document endpoints), a microsecond timestamp and a float value (heartrate,
    /// ring_battery_level).
    #[arg(long, value_parser = parse_endpoint)]
    pub poison: Vec<String>,
    /// Endpoint whose follow-up pages answer with the very token they were asked with
    /// (an endless loop for a naive client; repeatable).
    #[arg(long, value_parser = parse_endpoint)]
    pub repeat_token: Vec<String>,
    /// Endpoint whose list requests answer 404 `{"detail":"Not Found"}` (repeatable).
    #[arg(long, value_parser = parse_endpoint)]
    pub not_found: Vec<String>,
    /// Headers of a 429: `full` (Retry-After and X-RateLimit-*), `reset_only`
    /// (X-RateLimit-* only) or `none`.
    #[arg(long, default_value = "full", value_parser = ["full", "reset_only", "none"])]
    pub rate_limit_headers: String,
    /// Endpoint whose next list request answers 500 once (repeatable).
    #[arg(long, value_parser = parse_endpoint)]
    pub fail_once: Vec<String>,
}

/// `--tz-changes`: (first local day, offset) in ascending order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TzChanges(pub Vec<(NaiveDate, FixedOffset)>);

fn parse_tz_changes(s: &str) -> Result<TzChanges, String> {
    let mut out: Vec<(NaiveDate, FixedOffset)> = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (d, o) = part
            .split_once('=')
            .ok_or_else(|| format!("`{part}`: expected DAY=OFFSET, e.g. 2026-10-25=+01:00"))?;
        let day = NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .map_err(|e| format!("`{part}`: invalid day `{d}` (expected YYYY-MM-DD): {e}"))?;
        let off = parse_tz(o).map_err(|e| format!("`{part}`: {e}"))?;
        if let Some((prev, _)) = out.last() {
            if day <= *prev {
                return Err(format!(
                    "`{part}`: the changes must be in ascending order of day ({day} after {prev})"
                ));
            }
        }
        out.push((day, off));
    }
    Ok(TzChanges(out))
}

impl Args {
    /// Checks what clap cannot check flag by flag (the travel days lie in the data's
    /// range). main() reports the message and exits 2.
    pub fn validate(&self) -> Result<(), String> {
        let end = self.end_date_or_today();
        let first = end
            .checked_sub_signed(Duration::days(i64::from(self.days.max(1)) - 1))
            .unwrap_or(end);
        for (d, _) in &self.tz_changes.0 {
            if *d < first || *d > end {
                return Err(format!(
                    "--tz-changes: {d} is outside the data ({first} .. {end})"
                ));
            }
        }
        Ok(())
    }

    /// --end-date, or today in the time zone in force today.
    pub fn end_date_or_today(&self) -> NaiveDate {
        self.end_date.unwrap_or_else(|| {
            let mut tz = self.tz;
            let now = Utc::now();
            for (d, off) in &self.tz_changes.0 {
                if now.with_timezone(off).date_naive() >= *d {
                    tz = *off;
                }
            }
            now.with_timezone(&tz).date_naive()
        })
    }
}

fn parse_tz(s: &str) -> Result<FixedOffset, String> {
    let t = s.trim();
    if t.eq_ignore_ascii_case("z") || t.eq_ignore_ascii_case("utc") {
        return FixedOffset::east_opt(0).ok_or_else(|| "bad offset".to_string());
    }
    let err = || format!("invalid UTC offset `{s}` (expected e.g. +09:00, -05:30 or Z)");
    let (sign, rest) = match t.as_bytes().first() {
        Some(b'+') => (1, &t[1..]),
        Some(b'-') => (-1, &t[1..]),
        _ => return Err(err()),
    };
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() == 4 => (&rest[..2], &rest[2..]),
        None => (rest, "0"),
    };
    let h: i32 = h.parse().map_err(|_| err())?;
    let m: i32 = m.parse().map_err(|_| err())?;
    if !(0..=14).contains(&h) || !(0..60).contains(&m) {
        return Err(err());
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60)).ok_or_else(err)
}

fn parse_end_date(s: &str) -> Result<NaiveDate, String> {
    let d = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|e| format!("invalid date `{s}` (expected YYYY-MM-DD): {e}"))?;
    let lo = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN);
    let hi = NaiveDate::from_ymd_opt(2200, 1, 1).unwrap_or(NaiveDate::MAX);
    if d < lo || d > hi {
        return Err("end date must be between 2000-01-01 and 2200-01-01".into());
    }
    Ok(d)
}

fn parse_rate(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("not a number: `{s}`"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err("must be between 0 and 1".into())
    }
}

fn parse_endpoint(s: &str) -> Result<String, String> {
    if ENDPOINTS.contains(&s) {
        Ok(s.to_string())
    } else {
        Err(format!(
            "unknown endpoint `{s}`; one of: {}",
            ENDPOINTS.join(", ")
        ))
    }
}

/// An issued access token.
#[derive(Clone, Debug)]
pub struct TokenInfo {
    /// None: never expires.
    pub expires: Option<Instant>,
    pub scopes: Vec<String>,
}

/// Request metering for `/__sim/stats`.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub total: u64,
    /// The most API requests (`/v2/usercollection/*`) in flight at once.
    pub peak_in_flight: u64,
    pub preflight: u64,
    pub by_route: BTreeMap<String, u64>,
    pub by_status: BTreeMap<u16, u64>,
    pub by_route_status: BTreeMap<String, BTreeMap<u16, u64>>,
}

/// Settings that tests may change at runtime through `/__sim/config`.
#[derive(Clone, Debug)]
pub struct Faults {
    pub latency_ms: u64,
    pub fail_rate: f64,
    pub truncate_rate: f64,
    pub rate_limit: u32,
    /// Seconds of the rate limit's rolling window.
    pub rate_limit_window: u64,
    pub forbid: BTreeSet<String>,
    pub token_ttl: u64,
    pub poison: BTreeSet<String>,
    pub repeat_token: BTreeSet<String>,
    pub not_found: BTreeSet<String>,
    /// `full`, `reset_only` or `none`.
    pub rate_limit_headers: String,
    pub fail_once: BTreeSet<String>,
}

/// Mutable state behind one mutex (never held across an await).
pub struct Runtime {
    pub faults: Faults,
    pub fault_rng: Rng,
    pub token_rng: Rng,
    /// Accepted API requests of the rate-limit window, per `Authorization` header.
    pub window: HashMap<String, VecDeque<Instant>>,
    pub stats: Stats,
    pub tokens: HashMap<String, TokenInfo>,
    /// API requests being answered now (latency included).
    pub in_flight: u64,
    /// Number of `/__sim/mutate` calls so far (the default seed of the next one).
    pub mutations: u64,
}

/// The simulator: immutable configuration and data, plus the runtime state.
pub struct Sim {
    pub args: Args,
    /// The data set (changed only by `/__sim/mutate` and the poison setting).
    pub data: RwLock<Data>,
    /// The simulator's "now": the end of --end-date when given, else the real time.
    pub now_fixed: Option<DateTime<Utc>>,
    pub rt: Mutex<Runtime>,
    /// Key for next_token MACs.
    pub token_key: u64,
}

impl Sim {
    /// Builds the simulator (generates the data) from parsed arguments.
    pub fn new(args: Args) -> Sim {
        let end_date = args.end_date_or_today();
        let params = GenParams {
            seed: args.seed,
            days: args.days,
            end_date,
            tz: args.tz,
            hr_per_day: args.hr_per_day,
            // Without --end-date the data ends today: no heart rate from the future.
            hr_cutoff: args.end_date.is_none().then(|| Utc::now().timestamp()),
            tz_changes: args.tz_changes.0.clone(),
            battery_per_day: args.battery_per_day,
            ring_setup_sentinel: args.ring_setup_sentinel,
            tz_instants: Vec::new(),
        };
        let params = if args.no_travel {
            params
        } else {
            params.with_default_trip()
        };
        let now_fixed = args.end_date.and_then(|d| {
            let next = d.succ_opt()?.and_hms_opt(0, 0, 0)?;
            Some(
                params
                    .offset_on(d)
                    .from_local_datetime(&next)
                    .single()?
                    .with_timezone(&Utc),
            )
        });
        let data = Data::generate(params);
        let mut tokens = HashMap::new();
        for t in &args.token {
            tokens.insert(
                t.clone(),
                TokenInfo {
                    expires: None,
                    scopes: oauth::ALL_SCOPES.iter().map(|s| s.to_string()).collect(),
                },
            );
        }
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
        let rt = Runtime {
            faults: Faults {
                latency_ms: args.latency_ms,
                fail_rate: args.fail_rate,
                truncate_rate: args.truncate_rate,
                rate_limit: args.rate_limit,
                rate_limit_window: args.rate_limit_window,
                forbid: args.forbid.iter().cloned().collect(),
                token_ttl: args.token_ttl,
                poison: args.poison.iter().cloned().collect(),
                repeat_token: args.repeat_token.iter().cloned().collect(),
                not_found: args.not_found.iter().cloned().collect(),
                rate_limit_headers: args.rate_limit_headers.clone(),
                fail_once: args.fail_once.iter().cloned().collect(),
            },
            fault_rng: Rng::stream(args.seed, 0, "faults"),
            token_rng: Rng::new(rng::hash(&[args.seed, nanos, std::process::id() as u64])),
            window: HashMap::new(),
            stats: Stats::default(),
            tokens,
            in_flight: 0,
            mutations: 0,
        };
        let mut data = data;
        if !rt.faults.poison.is_empty() {
            data.set_poison(&rt.faults.poison);
        }
        Sim {
            token_key: rng::hash(&[args.seed, 0x6e65_7874]),
            args,
            data: RwLock::new(data),
            now_fixed,
            rt: Mutex::new(rt),
        }
    }

    /// The data set, for reading (recovering from a poisoned lock: never panics).
    pub fn data(&self) -> RwLockReadGuard<'_, Data> {
        self.data.read().unwrap_or_else(|e| e.into_inner())
    }

    /// The data set, for changing.
    pub fn data_mut(&self) -> RwLockWriteGuard<'_, Data> {
        self.data.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Locks the runtime state (recovering from a poisoned lock: never panics).
    pub fn rt(&self) -> MutexGuard<'_, Runtime> {
        self.rt.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The simulator's current time.
    pub fn now(&self) -> DateTime<Utc> {
        self.now_fixed.unwrap_or_else(Utc::now)
    }

    /// The simulator's "today" in the wearer's time zone (= --end-date when given).
    pub fn today(&self) -> NaiveDate {
        self.args.end_date_or_today()
    }

    /// The export document (DESIGN §5).
    pub fn export(&self) -> String {
        self.data().export_json(self.now())
    }

    /// Issues a token.
    pub fn issue_token(&self, ttl_secs: u64, scopes: Vec<String>) -> String {
        let mut rt = self.rt();
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        let mut tok = String::with_capacity(40);
        for _ in 0..40 {
            let i = (rt.token_rng.next_u64() % 32) as usize;
            tok.push(ALPHABET[i] as char);
        }
        let expires = Instant::now().checked_add(std::time::Duration::from_secs(ttl_secs));
        rt.tokens.insert(
            tok.clone(),
            TokenInfo {
                // An unrepresentable expiry (huge ttl) means "never".
                expires: Some(expires.unwrap_or_else(|| {
                    Instant::now() + std::time::Duration::from_secs(100 * 365 * 86_400)
                })),
                scopes,
            },
        );
        tok
    }
}

/// A JSON response with the given status.
pub fn json_response(status: StatusCode, body: String) -> Response<Body> {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// `{"detail": "<msg>"}` with the given status.
pub fn detail(status: StatusCode, msg: &str) -> Response<Body> {
    json_response(status, serde_json::json!({ "detail": msg }).to_string())
}

/// Adds CORS headers (when enabled) reflecting the request Origin.
fn add_cors(sim: &Sim, origin: Option<&HeaderValue>, headers: &mut HeaderMap) {
    if sim.args.no_cors {
        return;
    }
    let origin = origin
        .cloned()
        .unwrap_or_else(|| HeaderValue::from_static("*"));
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    headers.insert(header::VARY, HeaderValue::from_static("Origin"));
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(
            "Retry-After, X-RateLimit-Limit, X-RateLimit-Window, X-RateLimit-Reset, X-RateLimit-Tier",
        ),
    );
}

/// Counts an API request in flight while it lives (also when the client goes away and
/// the request is dropped mid-way).
struct InFlight<'a>(&'a Sim);

impl<'a> InFlight<'a> {
    fn enter(sim: &'a Sim) -> Self {
        let mut rt = sim.rt();
        rt.in_flight += 1;
        rt.stats.peak_in_flight = rt.stats.peak_in_flight.max(rt.in_flight);
        InFlight(sim)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        let mut rt = self.0.rt();
        rt.in_flight = rt.in_flight.saturating_sub(1);
    }
}

/// The single entry point: routing, metering, CORS.
async fn handle(State(sim): State<Arc<Sim>>, req: Request) -> Response<Body> {
    let origin = req.headers().get(header::ORIGIN).cloned();
    let method = req.method().clone();
    let path = req.uri().path().to_string();

    if path.starts_with("/__sim/") || path == "/__sim" {
        let mut resp = if method == Method::OPTIONS && !sim.args.no_cors {
            preflight()
        } else {
            admin::handle(&sim, req).await
        };
        add_cors(&sim, origin.as_ref(), resp.headers_mut());
        return resp;
    }

    if method == Method::OPTIONS {
        if sim.args.no_cors {
            let mut rt = sim.rt();
            rt.stats.preflight += 1;
            drop(rt);
            return detail(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed");
        }
        sim.rt().stats.preflight += 1;
        let mut resp = preflight();
        add_cors(&sim, origin.as_ref(), resp.headers_mut());
        return resp;
    }

    let (route, mut resp) = if path.starts_with("/oauth/") {
        (
            "/oauth/authorize".to_string(),
            oauth::handle(&sim, req).await,
        )
    } else if let Some(rest) = path.strip_prefix("/v2/usercollection/") {
        let route = api::route_key(rest);
        let _counted = InFlight::enter(&sim);
        (route, api::handle(&sim, req).await)
    } else {
        (
            "(unknown)".to_string(),
            detail(StatusCode::NOT_FOUND, "Not Found"),
        )
    };
    {
        let mut rt = sim.rt();
        let status = resp.status().as_u16();
        let s = &mut rt.stats;
        s.total += 1;
        *s.by_route.entry(route.clone()).or_default() += 1;
        *s.by_status.entry(status).or_default() += 1;
        *s.by_route_status
            .entry(route)
            .or_default()
            .entry(status)
            .or_default() += 1;
    }
    add_cors(&sim, origin.as_ref(), resp.headers_mut());
    resp
}

fn preflight() -> Response<Body> {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::NO_CONTENT;
    let h = r.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, OPTIONS"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("Authorization, Content-Type"),
    );
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    r
}

/// The axum router of the simulator.
pub fn router(sim: Arc<Sim>) -> Router {
    Router::new().fallback(handle).with_state(sim)
}

/// Serves on an already bound listener until the future is dropped.
pub async fn serve(listener: tokio::net::TcpListener, sim: Arc<Sim>) -> std::io::Result<()> {
    axum::serve(listener, router(sim)).await
}

/// Small helper for the date arithmetic used by several modules.
pub(crate) fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::days(n))
}
