//! Running a sync: plans the windows (persisting them first), fetches pages with the
//! client and writes each page in one store transaction (the window's last page with
//! its done mark and the sweep of what Oura no longer returns), reporting through
//! [`SyncProgress`]. The transitions of a run are pure: [`super::machine`].

use super::machine;
use super::plan::{
    self, document_windows, run_windows_of, EndpointState, RunWindows, StatusSummary, WindowSpec,
    FLOOR,
};
use super::progress::{SyncOutcome, SyncProgress};
use crate::endpoints::{Endpoint, EndpointId, QueryKind, ENDPOINTS};
use crate::oura::client::{Client, ClientError};
use crate::store::{with_storage_use, Seen, Store, StoreError, SweepRange};
use chrono::NaiveDate;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;

/// Meta key of the time of the last complete sync.
pub const LAST_COMPLETE_KEY: &str = "sync/last_complete_ms";

/// Why a run stops as a whole (not just one endpoint).
#[derive(Clone, Debug)]
enum Stop {
    SignIn,
    Offline,
    Storage(StoreError),
}

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

async fn load_state(store: &Store, e: &Endpoint) -> Result<EndpointState, StoreError> {
    Ok(store
        .get_meta(&EndpointState::meta_key(e))
        .await?
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default())
}

async fn save_state(store: &Store, e: &Endpoint, s: &EndpointState) -> Result<(), StoreError> {
    let value = serde_json::to_value(s).unwrap_or(serde_json::Value::Null);
    store.put_meta(&EndpointState::meta_key(e), &value).await
}

/// Reads the saved per-endpoint states and record counts into `progress` (for the
/// status views, before or without a sync). Every endpoint is read at once (the app
/// opens on this: 19 × 3 reads one after another kept Today waiting).
pub async fn refresh_status(store: &Store, progress: SyncProgress) -> Result<(), StoreError> {
    let reads = ENDPOINTS.iter().map(|e| async move {
        let key = EndpointState::meta_key(e);
        let (state, count, quarantined) =
            futures::join!(store.get_meta(&key), store.count(e), store.quarantined(e));
        let state = state?
            .map(|v| StatusSummary::from_stored(&v))
            .unwrap_or_default();
        Ok::<_, StoreError>((e, state, count?, quarantined?))
    });
    let (read, last) = futures::join!(
        futures::future::join_all(reads),
        store.get_meta(LAST_COMPLETE_KEY)
    );
    for r in read {
        let (e, state, count, quarantined) = r?;
        progress.update_endpoint(e.id, |p| {
            p.state = state;
            p.count = count;
            p.quarantined = quarantined;
        });
    }
    progress
        .last_complete_ms
        .set(last?.and_then(|v| v.as_i64()));
    Ok(())
}

/// Outcome of one endpoint's part of the run.
enum Part {
    Done,
    Failed,
    Stopped(Stop),
}

enum FetchError {
    Client(ClientError),
    Store(StoreError),
    Stopped(Stop),
}

/// Where a window's stored documents are swept (what Oura no longer returns goes).
fn sweep_range(w: &WindowSpec) -> SweepRange {
    match w {
        WindowSpec::Days { first, last } => SweepRange::Days {
            first: *first,
            last: *last,
        },
        WindowSpec::Instants { start, end } => SweepRange::Instants {
            start: *start,
            end: *end,
        },
        WindowSpec::All => SweepRange::All,
    }
}

/// Fetches one window to its last page. Each page is one transaction; the last one
/// also carries the window's done mark and removes what Oura no longer returns in
/// the window's range.
#[allow(clippy::too_many_arguments)]
async fn fetch_window(
    store: &Store,
    client: &Client,
    progress: SyncProgress,
    endpoint: &'static Endpoint,
    run: &RunWindows,
    index: usize,
    stop: &Rc<RefCell<Option<Stop>>>,
) -> Result<(), FetchError> {
    let Some(window) = run.windows.get(index) else {
        return Ok(());
    };
    progress.current.set(Some((endpoint.id, window.describe())));
    let range = sweep_range(window);
    let mut seen = Seen::default();
    let mut pager = client.pager(endpoint, window.to_window());
    loop {
        if let Some(s) = stop.borrow().clone() {
            return Err(FetchError::Stopped(s));
        }
        let page = pager.next_page().await.map_err(FetchError::Client)?;
        // A pager that ends without a last page has nothing more: an empty last page.
        let (docs, raw, last) = match &page {
            Some(p) => (p.docs.as_slice(), p.raw.as_slice(), p.next_token.is_none()),
            None => (&[][..], &[][..], true),
        };
        let (meta, sweep) = if last {
            (
                machine::window_done_ops(endpoint, run, index),
                Some((&range, &seen)),
            )
        } else {
            (Vec::new(), None)
        };
        let written = match store.put_page(endpoint, docs, raw, &meta, sweep).await {
            Ok(w) => w,
            // A full disk: the figures now, as it happens.
            Err(e) => return Err(FetchError::Store(with_storage_use(e).await)),
        };
        progress
            .records_written
            .update(|n| *n += written.written as u64);
        if written.quarantined > 0 || written.removed > 0 || written.written > 0 {
            progress.data_version.update(|v| *v += 1);
        }
        if last {
            return Ok(());
        }
        seen.extend(written.seen);
    }
}

/// Loads the endpoint's state and prepares its run: a new one (saved before anything
/// is fetched), or the saved one with its done marks, extended to today.
async fn prepare(
    store: &Store,
    e: &'static Endpoint,
    today: NaiveDate,
    history_start: NaiveDate,
) -> Result<EndpointState, StoreError> {
    let mut state = load_state(store, e).await?;
    match state.run.as_mut() {
        None => {
            let windows = match e.query {
                QueryKind::DateTimes => run_windows_of(e, state.watermark, history_start, today),
                _ => document_windows(e, state.watermark, today),
            };
            state.run = Some(RunWindows::with_id(now_ms(), today, windows));
            save_state(store, e, &state).await?;
        }
        Some(run) => {
            let keys = store.meta_keys(&machine::done_prefix(e)).await?;
            machine::apply_done_keys(e, run, &keys);
            if machine::extend_to(e, run, today) {
                save_state(store, e, &state).await?;
            }
        }
    }
    Ok(state)
}

/// How one failed window affects its endpoint and the run.
enum Verdict {
    /// Keep going with the endpoint's other windows.
    Next,
    /// The endpoint stops for this run (403, or a transient failure after retries).
    EndEndpoint(Part),
    /// The whole run stops.
    StopAll(Stop),
}

fn judge(
    e: &ClientError,
    state: &mut EndpointState,
    attempt: &mut machine::Attempt,
    index: usize,
) -> Verdict {
    if e.endpoint_unavailable() {
        let reason = match e {
            ClientError::Forbidden { reason, .. } => reason.clone(),
            other => other.to_string(),
        };
        state.mark_unavailable(reason, now_ms());
        return Verdict::EndEndpoint(Part::Done);
    }
    if e.needs_sign_in() {
        state.mark_failed(e.kind(), e.to_string(), oura_detail(e));
        return Verdict::StopAll(Stop::SignIn);
    }
    if *e == ClientError::Offline {
        return Verdict::StopAll(Stop::Offline);
    }
    if e.is_permanent() {
        machine::fail_permanently(
            state,
            attempt,
            index,
            e.kind(),
            e.to_string(),
            oura_detail(e),
        );
        return Verdict::Next;
    }
    state.mark_failed(e.kind(), e.to_string(), oura_detail(e));
    Verdict::EndEndpoint(Part::Failed)
}

/// What Oura itself said about a refused request (its `detail`), if it answered one.
fn oura_detail(e: &ClientError) -> Option<String> {
    e.status().and(e.detail()).filter(|d| !d.trim().is_empty())
}

/// Syncs one endpoint: its pending windows (one after the other for documents;
/// concurrently for time series, the client's limiter bounding requests in flight),
/// then finishes the run when every window is done.
async fn sync_endpoint(
    store: &Store,
    client: &Client,
    progress: SyncProgress,
    endpoint: &'static Endpoint,
    mut state: EndpointState,
    stop: Rc<RefCell<Option<Stop>>>,
) -> Part {
    progress.update_endpoint(endpoint.id, |p| p.active = true);
    let mut attempt = machine::Attempt::default();
    let mut part = Part::Done;
    let run = state.run.clone().unwrap_or_default();
    let pending = attempt.pending(&run);
    let results: Vec<(usize, Result<(), FetchError>)> = if endpoint.query == QueryKind::DateTimes {
        let windows = pending.into_iter().map(|i| {
            let (run, stop) = (&run, stop.clone());
            async move {
                let r = fetch_window(store, client, progress, endpoint, run, i, &stop).await;
                // A run-wide stop reaches the other windows at their next page.
                let global = match &r {
                    Err(FetchError::Store(e)) => Some(Stop::Storage(e.clone())),
                    Err(FetchError::Client(e)) if e.needs_sign_in() => Some(Stop::SignIn),
                    Err(FetchError::Client(ClientError::Offline)) => Some(Stop::Offline),
                    _ => None,
                };
                if let Some(g) = global {
                    stop.borrow_mut().get_or_insert(g);
                }
                (i, r)
            }
        });
        futures::future::join_all(windows).await
    } else {
        let mut out = Vec::new();
        for i in pending {
            let r = fetch_window(store, client, progress, endpoint, &run, i, &stop).await;
            let failed = r.is_err();
            out.push((i, r));
            if failed {
                // Judged below; a document endpoint's later windows wait for the next run
                // unless this one failed permanently.
                if let Some((_, Err(FetchError::Client(e)))) = out.last() {
                    if e.is_permanent() {
                        continue;
                    }
                }
                break;
            }
        }
        out
    };
    let mut done = run.done.clone();
    for (i, r) in results {
        match r {
            Ok(()) => {
                if let Some(d) = done.get_mut(i) {
                    *d = true;
                }
            }
            Err(FetchError::Client(e)) => match judge(&e, &mut state, &mut attempt, i) {
                Verdict::Next => part = worse(part, Part::Failed),
                Verdict::EndEndpoint(p) => part = worse(part, p),
                Verdict::StopAll(s) => part = worse(part, Part::Stopped(s)),
            },
            Err(FetchError::Store(e)) => part = worse(part, Part::Stopped(Stop::Storage(e))),
            Err(FetchError::Stopped(s)) => part = worse(part, Part::Stopped(s)),
        }
    }
    if let Some(s) = stop.borrow().clone() {
        part = worse(part, Part::Stopped(s));
    }
    // 403 ended the run of this endpoint (its state has no run any more).
    if let Some(r) = state.run.as_mut() {
        r.done = done;
    }
    let finished = machine::finish_ops(endpoint, &mut state, now_ms());
    let saved = match &finished {
        Some(ops) => store.write_meta(ops).await,
        None => {
            // The run stays (with the marks committed so far) for the next sync.
            save_state(store, endpoint, &state).await
        }
    };
    if state.run.is_none() {
        // Finished or unavailable: drop any done key of the run.
        if finished.is_none() {
            let keys = store
                .meta_keys(&machine::done_prefix(endpoint))
                .await
                .unwrap_or_default();
            if !keys.is_empty() {
                let ops: Vec<_> = keys.into_iter().map(|k| (k, None)).collect();
                let _ = store.write_meta(&ops).await;
            }
        }
    }
    let count = store.count(endpoint).await.ok();
    let quarantined = store.quarantined(endpoint).await.ok();
    progress.update_endpoint(endpoint.id, |p| {
        p.state = StatusSummary::from(&state);
        p.active = false;
        if let Some(c) = count {
            p.count = c;
        }
        if let Some(q) = quarantined {
            p.quarantined = q;
        }
    });
    match (part, saved) {
        (Part::Stopped(s), _) => Part::Stopped(s),
        (_, Err(e)) => Part::Stopped(Stop::Storage(e)),
        (p, Ok(())) => p,
    }
}

/// The more serious of two outcomes.
fn worse(a: Part, b: Part) -> Part {
    match (a, b) {
        (Part::Stopped(s), _) | (_, Part::Stopped(s)) => Part::Stopped(s),
        (Part::Failed, _) | (_, Part::Failed) => Part::Failed,
        _ => Part::Done,
    }
}

/// The earliest `day` of the stored documents (endpoints asked by date only: their
/// `day`/`start_day`; never a ring's `set_up_at`), and the day the ring was set up.
/// A day before the floor is not real: [`plan::history_start`] then uses the floor.
async fn history_start(store: &Store) -> Result<NaiveDate, StoreError> {
    let mut earliest: Option<NaiveDate> = None;
    for e in ENDPOINTS.iter().filter(|e| e.query == QueryKind::Dates) {
        if let Some((first, _)) = store.day_bounds(e).await? {
            earliest = Some(earliest.map_or(first, |x: NaiveDate| x.min(first)));
        }
    }
    let ring = EndpointId::RingConfiguration.endpoint();
    let set_up = if earliest.is_none_or(|d| d < FLOOR) {
        store
            .all_docs(ring)
            .await?
            .iter()
            .filter_map(|d| d.get("set_up_at").and_then(|v| v.as_str()))
            .filter_map(crate::oura::models::parse_timestamp)
            .map(|t| t.date_naive())
            .filter(|d| *d >= FLOOR)
            .min()
    } else {
        None
    };
    Ok(plan::history_start(earliest, set_up))
}

/// Runs a whole sync up to `today` (the device's local date). Resumes an interrupted
/// run where it stopped, extended to today. Mirrors what Oura revised or deleted in
/// the windows it reads.
pub async fn run(
    store: Store,
    client: Client,
    progress: SyncProgress,
    today: NaiveDate,
) -> SyncOutcome {
    progress.records_written.set(0);
    progress.endpoints_done.set(0);
    progress.outcome.set(None);
    let mut outcome = run_inner(&store, &client, progress, today).await;
    // A full disk found by a bookkeeping write (not a page): its figures now.
    if let SyncOutcome::Storage {
        kind: "store.error.quota",
        space: space @ None,
        ..
    } = &mut outcome
    {
        *space = crate::store::storage_use().await;
    }
    progress.current.set(None);
    if outcome == SyncOutcome::Complete {
        let now = now_ms();
        if store
            .put_meta(LAST_COMPLETE_KEY, &serde_json::Value::from(now))
            .await
            .is_ok()
        {
            progress.last_complete_ms.set(Some(now));
        }
    }
    progress.outcome.set(Some(outcome.clone()));
    outcome
}

fn storage_outcome(e: &StoreError) -> SyncOutcome {
    SyncOutcome::Storage {
        kind: e.kind(),
        detail: e.detail().map(str::to_owned),
        space: e.storage_use(),
    }
}

async fn run_phase(
    store: &Store,
    client: &Client,
    progress: SyncProgress,
    today: NaiveDate,
    history: NaiveDate,
    endpoints: &[&'static Endpoint],
    stop: &Rc<RefCell<Option<Stop>>>,
) -> Result<usize, SyncOutcome> {
    let mut tasks = Vec::new();
    for e in endpoints {
        let state = prepare(store, e, today, history)
            .await
            .map_err(|err| storage_outcome(&err))?;
        let stop = stop.clone();
        tasks.push(async move {
            let part = sync_endpoint(store, client, progress, e, state, stop.clone()).await;
            if let Part::Stopped(s) = &part {
                stop.borrow_mut().get_or_insert_with(|| s.clone());
            }
            progress.endpoints_done.update(|n| *n += 1);
            part
        });
    }
    let parts = futures::future::join_all(tasks).await;
    if let Some(s) = stop.borrow().clone() {
        return Err(stop_outcome(s));
    }
    Ok(parts.iter().filter(|p| matches!(p, Part::Failed)).count())
}

async fn run_inner(
    store: &Store,
    client: &Client,
    progress: SyncProgress,
    today: NaiveDate,
) -> SyncOutcome {
    let stop: Rc<RefCell<Option<Stop>>> = Rc::new(RefCell::new(None));
    // 1. The documents (their days tell where time-series history starts).
    let documents: Vec<&'static Endpoint> = ENDPOINTS
        .iter()
        .filter(|e| e.query != QueryKind::DateTimes)
        .collect();
    let mut failed = match run_phase(store, client, progress, today, FLOOR, &documents, &stop).await
    {
        Ok(n) => n,
        Err(outcome) => return outcome,
    };
    // 2. Heartrate and battery, from the start of history.
    let history = match history_start(store).await {
        Ok(d) => d,
        Err(err) => return storage_outcome(&err),
    };
    let series: Vec<&'static Endpoint> = ENDPOINTS
        .iter()
        .filter(|e| e.query == QueryKind::DateTimes)
        .collect();
    failed += match run_phase(store, client, progress, today, history, &series, &stop).await {
        Ok(n) => n,
        Err(outcome) => return outcome,
    };
    if failed > 0 {
        SyncOutcome::Partial { failed }
    } else {
        SyncOutcome::Complete
    }
}

fn stop_outcome(s: Stop) -> SyncOutcome {
    match s {
        Stop::SignIn => SyncOutcome::NeedsSignIn,
        Stop::Offline => SyncOutcome::Offline,
        Stop::Storage(e) => storage_outcome(&e),
    }
}
