//! Running a sync: plans the windows (persisting them first), fetches pages with the
//! client and writes each page together with its window-done mark in one store
//! transaction, reporting through [`SyncProgress`].

use super::plan::{
    document_windows, heartrate_run_windows, EndpointState, RunWindows, StatusSummary, WindowSpec,
};
use super::progress::{SyncOutcome, SyncProgress};
use crate::endpoints::{Endpoint, EndpointId, QueryKind, ENDPOINTS};
use crate::oura::client::{Client, ClientError};
use crate::store::{Store, StoreError};
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
/// status views, before or without a sync).
pub async fn refresh_status(store: &Store, progress: SyncProgress) -> Result<(), StoreError> {
    for e in &ENDPOINTS {
        let state = store
            .get_meta(&EndpointState::meta_key(e))
            .await?
            .map(|v| StatusSummary::from_stored(&v))
            .unwrap_or_default();
        let count = store.count(e).await?;
        progress.update_endpoint(e.id, |p| {
            p.state = state;
            p.count = count;
        });
    }
    let last = store
        .get_meta(LAST_COMPLETE_KEY)
        .await?
        .and_then(|v| v.as_i64());
    progress.last_complete_ms.set(last);
    Ok(())
}

/// Outcome of one endpoint's part of the run.
enum Part {
    Done,
    Failed,
    Stopped(Stop),
}

/// Fetches the pending windows of one endpoint, in order, writing each page with its
/// done mark in one transaction.
async fn sync_endpoint(
    store: &Store,
    client: &Client,
    progress: SyncProgress,
    endpoint: &'static Endpoint,
    state: Rc<RefCell<EndpointState>>,
    stop: Rc<RefCell<Option<Stop>>>,
) -> Part {
    progress.update_endpoint(endpoint.id, |p| p.active = true);
    let result = loop {
        if let Some(s) = stop.borrow().clone() {
            break Part::Stopped(s);
        }
        let next = state.borrow().run.as_ref().and_then(|r| {
            r.next_pending()
                .and_then(|i| r.windows.get(i).map(|w| (i, w.clone())))
        });
        let Some((index, window)) = next else {
            break Part::Done;
        };
        match fetch_window(
            store, client, progress, endpoint, &state, index, &window, &stop,
        )
        .await
        {
            Ok(()) => continue,
            Err(FetchError::Client(e)) if e.endpoint_unavailable() => {
                let reason = match &e {
                    ClientError::Forbidden { reason, .. } => reason.clone(),
                    other => other.to_string(),
                };
                state.borrow_mut().mark_unavailable(reason, now_ms());
                break Part::Done;
            }
            Err(FetchError::Client(e)) if e.needs_sign_in() => {
                state.borrow_mut().mark_failed(e.kind(), e.to_string());
                break Part::Stopped(Stop::SignIn);
            }
            Err(FetchError::Client(ClientError::Offline)) => {
                break Part::Stopped(Stop::Offline);
            }
            Err(FetchError::Client(e)) => {
                state.borrow_mut().mark_failed(e.kind(), e.to_string());
                break Part::Failed;
            }
            Err(FetchError::Store(e)) => break Part::Stopped(Stop::Storage(e)),
            Err(FetchError::Stopped(s)) => break Part::Stopped(s),
        }
    };
    // Persist the endpoint's state as it ends (errors, unavailable, done marks).
    let snapshot = state.borrow().clone();
    let saved = save_state(store, endpoint, &snapshot).await;
    let count = store.count(endpoint).await.ok();
    progress.update_endpoint(endpoint.id, |p| {
        p.state = StatusSummary::from(&snapshot);
        p.active = false;
        if let Some(c) = count {
            p.count = c;
        }
    });
    match (result, saved) {
        (Part::Stopped(s), _) => Part::Stopped(s),
        (_, Err(e)) => Part::Stopped(Stop::Storage(e)),
        (r, Ok(())) => r,
    }
}

enum FetchError {
    Client(ClientError),
    Store(StoreError),
    Stopped(Stop),
}

#[allow(clippy::too_many_arguments)]
async fn fetch_window(
    store: &Store,
    client: &Client,
    progress: SyncProgress,
    endpoint: &'static Endpoint,
    state: &Rc<RefCell<EndpointState>>,
    index: usize,
    window: &WindowSpec,
    stop: &Rc<RefCell<Option<Stop>>>,
) -> Result<(), FetchError> {
    progress.current.set(Some((endpoint.id, window.describe())));
    let mut pager = client.pager(endpoint, window.to_window());
    loop {
        if let Some(s) = stop.borrow().clone() {
            return Err(FetchError::Stopped(s));
        }
        let page = pager.next_page().await.map_err(FetchError::Client)?;
        let Some(page) = page else {
            return Ok(());
        };
        let last = page.next_token.is_none();
        // The page and, on the window's last page, its done mark: one transaction.
        let mut meta = Vec::new();
        let mut after = None;
        if last {
            let mut next = state.borrow().clone();
            next.complete_window(index, now_ms());
            meta.push((
                EndpointState::meta_key(endpoint),
                serde_json::to_value(&next).unwrap_or(serde_json::Value::Null),
            ));
            after = Some(next);
        }
        let written = store
            .put_page(endpoint, &page.docs, &meta)
            .await
            .map_err(FetchError::Store)?;
        if let Some(next) = after {
            // Applied only once committed; another window's later write then carries it.
            let mut s = state.borrow_mut();
            if let Some(run) = s.run.as_mut() {
                if let Some(d) = run.done.get_mut(index) {
                    *d = true;
                }
                if run.is_complete() {
                    *s = next;
                }
            } else {
                *s = next;
            }
        }
        progress.records_written.update(|n| *n += written as u64);
        progress.data_version.update(|v| *v += 1);
        if last {
            return Ok(());
        }
    }
}

/// The earliest `day` any collection has (the start of heartrate history).
async fn earliest_day(store: &Store) -> Result<Option<NaiveDate>, StoreError> {
    let mut earliest: Option<NaiveDate> = None;
    for e in ENDPOINTS.iter().filter(|e| e.query != QueryKind::DateTimes) {
        if let Some((first, _)) = store.day_bounds(e).await? {
            earliest = Some(earliest.map_or(first, |x: NaiveDate| x.min(first)));
        }
    }
    Ok(earliest)
}

/// Runs a whole sync up to `today` (the device's local date). Resumes an interrupted
/// run where it stopped. Never deletes anything.
pub async fn run(
    store: Store,
    client: Client,
    progress: SyncProgress,
    today: NaiveDate,
) -> SyncOutcome {
    progress.records_written.set(0);
    progress.endpoints_done.set(0);
    progress.outcome.set(None);
    let outcome = run_inner(&store, &client, progress, today).await;
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
        message: e.to_string(),
    }
}

async fn run_inner(
    store: &Store,
    client: &Client,
    progress: SyncProgress,
    today: NaiveDate,
) -> SyncOutcome {
    let stop: Rc<RefCell<Option<Stop>>> = Rc::new(RefCell::new(None));
    // 1. Plan (or resume) every document endpoint and persist the plan first.
    let mut tasks = Vec::new();
    for e in ENDPOINTS.iter().filter(|e| e.query != QueryKind::DateTimes) {
        let mut state = match load_state(store, e).await {
            Ok(s) => s,
            Err(err) => return storage_outcome(&err),
        };
        if state.run.is_none() {
            state.run = Some(RunWindows::new(
                today,
                document_windows(e, state.watermark, today),
            ));
            if let Err(err) = save_state(store, e, &state).await {
                return storage_outcome(&err);
            }
        }
        let state = Rc::new(RefCell::new(state));
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
    let mut failed = parts.iter().filter(|p| matches!(p, Part::Failed)).count();
    if let Some(s) = stop.borrow().clone() {
        return stop_outcome(s);
    }

    // 2. Heartrate, from the earliest day any collection returned.
    let hr = ENDPOINTS
        .iter()
        .find(|e| e.query == QueryKind::DateTimes)
        .unwrap_or(&ENDPOINTS[EndpointId::Heartrate as usize]);
    let mut state = match load_state(store, hr).await {
        Ok(s) => s,
        Err(err) => return storage_outcome(&err),
    };
    if state.run.is_none() {
        let earliest = match earliest_day(store).await {
            Ok(d) => d,
            Err(err) => return storage_outcome(&err),
        };
        state.run = Some(RunWindows::new(
            today,
            heartrate_run_windows(state.watermark, earliest, today),
        ));
        if let Err(err) = save_state(store, hr, &state).await {
            return storage_outcome(&err);
        }
    }
    let state = Rc::new(RefCell::new(state));
    let part = sync_heartrate(store, client, progress, hr, state, stop.clone()).await;
    progress.endpoints_done.update(|n| *n += 1);
    match part {
        Part::Stopped(s) => stop_outcome(s),
        Part::Failed => {
            failed += 1;
            SyncOutcome::Partial { failed }
        }
        Part::Done if failed > 0 => SyncOutcome::Partial { failed },
        Part::Done => SyncOutcome::Complete,
    }
}

/// Heartrate windows run concurrently (the client's limiter bounds requests in
/// flight); each window's last page commits its done mark.
async fn sync_heartrate(
    store: &Store,
    client: &Client,
    progress: SyncProgress,
    hr: &'static Endpoint,
    state: Rc<RefCell<EndpointState>>,
    stop: Rc<RefCell<Option<Stop>>>,
) -> Part {
    let pending: Vec<(usize, WindowSpec)> = state
        .borrow()
        .run
        .as_ref()
        .map(|r| {
            r.windows
                .iter()
                .enumerate()
                .filter(|(i, _)| !r.done.get(*i).copied().unwrap_or(false))
                .map(|(i, w)| (i, w.clone()))
                .collect()
        })
        .unwrap_or_default();
    progress.update_endpoint(hr.id, |p| p.active = true);
    let windows = pending.into_iter().map(|(i, w)| {
        let state = state.clone();
        let stop = stop.clone();
        async move {
            let r = fetch_window(store, client, progress, hr, &state, i, &w, &stop).await;
            if let Err(FetchError::Store(e)) = &r {
                stop.borrow_mut().get_or_insert(Stop::Storage(e.clone()));
            }
            if let Err(FetchError::Client(e)) = &r {
                if e.needs_sign_in() {
                    stop.borrow_mut().get_or_insert(Stop::SignIn);
                } else if *e == ClientError::Offline {
                    stop.borrow_mut().get_or_insert(Stop::Offline);
                }
            }
            r
        }
    });
    let results = futures::future::join_all(windows).await;
    let mut part = Part::Done;
    for r in results {
        match r {
            Ok(()) => {}
            Err(FetchError::Client(e)) if e.endpoint_unavailable() => {
                state.borrow_mut().mark_unavailable(e.to_string(), now_ms());
            }
            Err(FetchError::Client(e)) => {
                state.borrow_mut().mark_failed(e.kind(), e.to_string());
                if matches!(part, Part::Done) {
                    part = Part::Failed;
                }
            }
            Err(FetchError::Store(e)) => part = Part::Stopped(Stop::Storage(e)),
            Err(FetchError::Stopped(s)) => part = Part::Stopped(s),
        }
    }
    if let Some(s) = stop.borrow().clone() {
        part = Part::Stopped(s);
    }
    let snapshot = state.borrow().clone();
    let saved = save_state(store, hr, &snapshot).await;
    let count = store.count(hr).await.ok();
    progress.update_endpoint(hr.id, |p| {
        p.state = StatusSummary::from(&snapshot);
        p.active = false;
        if let Some(c) = count {
            p.count = c;
        }
    });
    match (part, saved) {
        (Part::Stopped(s), _) => Part::Stopped(s),
        (_, Err(e)) => Part::Stopped(Stop::Storage(e)),
        (p, Ok(())) => p,
    }
}

fn stop_outcome(s: Stop) -> SyncOutcome {
    match s {
        Stop::SignIn => SyncOutcome::NeedsSignIn,
        Stop::Offline => SyncOutcome::Offline,
        Stop::Storage(e) => storage_outcome(&e),
    }
}
