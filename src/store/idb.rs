//! The browser half of the store: IndexedDB through `indexed_db_futures` (tested in
//! Chromium by `tests/store.rs`).
//!
//! Rules kept here: every write is one readwrite transaction that is `commit()`ed at
//! the end (an early `?` drops it, which rolls it back); nothing but IndexedDB requests
//! is awaited inside a transaction; all parsing and checking happens before the
//! transaction starts.

use super::battery::{self, Row as BatteryRow};
use super::csv::{self, CsvFile, CsvWriter};
use super::error::{StorageUse, StoreError};
use super::export::{self, ExportFile, ExportWriter, ImportCount, ImportReport};
use super::heartrate::{self, Columns, DayPack, Merged, Sample};
use super::heartrate_bytes;
use super::heartrate_days::{self, DayStats};
use super::page::{self, Quarantined, Seen, SweepRange, ENDPOINT_INDEX, QUARANTINE_STORE};
use super::record::{self, RecordMeta};
use super::series::{self as srows, SERIES_STORE, SERIES_VERSION, SERIES_VERSION_KEY};
use super::{deflate, inflate};
use super::{BATTERY_COUNT_KEY, DAY_INDEX, HEARTRATE_COUNT_KEY, META_STORE, SCHEMA_VERSION};
use crate::endpoints::{Endpoint, EndpointId, NaturalKey, ENDPOINTS};
use crate::insights::series::Row;
use chrono::{DateTime, NaiveDate, Utc};
use indexed_db_futures::cursor::CursorDirection;
use indexed_db_futures::database::Database;
use indexed_db_futures::error::{Error as IdbError, OpenDbError, UnexpectedDataError};
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use indexed_db_futures::{KeyPath, KeyRange};
use js_sys::{Array, Reflect, Uint16Array, Uint32Array, Uint8Array, JSON};
use serde_json::{Map, Value};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashSet};
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// A store created only to reach the `versionchange` transaction during an upgrade
/// (`indexed_db_futures` 0.6.4 hands existing stores only through a transaction
/// handle, which a newly created store provides); deleted in the same upgrade.
const UPGRADE_SCRATCH: &str = "__upgrade";

// ---------------------------------------------------------------------------------
// Errors

fn dom_error(name: &str, message: String) -> StoreError {
    match name {
        "QuotaExceededError" => StoreError::QuotaExceeded(None),
        "InvalidStateError" => StoreError::Closed,
        "VersionError" => StoreError::VersionTooNew,
        "DataError" | "DataCloneError" => StoreError::Data(message),
        _ => StoreError::Aborted(format!("{name}: {message}")),
    }
}

fn idb_err(e: IdbError) -> StoreError {
    match e {
        IdbError::DomException(d) => {
            let sys: web_sys::DomException = d.into();
            dom_error(&sys.name(), sys.message())
        }
        IdbError::MissingData(UnexpectedDataError::TransactionAborted) => {
            StoreError::Aborted("the transaction was aborted".into())
        }
        other => StoreError::Aborted(other.to_string()),
    }
}

fn open_err(e: OpenDbError) -> StoreError {
    match e {
        OpenDbError::NullFactory | OpenDbError::UnsupportedEnvironment => StoreError::Unavailable,
        OpenDbError::Base(IdbError::DomException(d)) => {
            let sys: web_sys::DomException = d.into();
            match sys.name().as_str() {
                "VersionError" => StoreError::VersionTooNew,
                // Firefox's private mode refuses IndexedDB like this.
                "InvalidStateError" | "SecurityError" => StoreError::Unavailable,
                "QuotaExceededError" => StoreError::QuotaExceeded(None),
                name => StoreError::OpenFailed(format!("{name}: {}", sys.message())),
            }
        }
        other => StoreError::OpenFailed(other.to_string()),
    }
}

fn js_err(context: &str, e: JsValue) -> StoreError {
    if let Some(d) = e.dyn_ref::<web_sys::DomException>() {
        return dom_error(&d.name(), d.message());
    }
    let detail = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"));
    StoreError::Data(format!("{context}: {detail}"))
}

/// Commits a readwrite transaction. A transaction the browser aborted at commit (a full
/// disk is only found then) reports its own error (e.g. [`StoreError::QuotaExceeded`]),
/// not just "aborted".
async fn commit(tx: Tx<'_>) -> Result<(), StoreError> {
    let sys = tx.as_sys().clone();
    tx.commit().await.map_err(|e| match sys.error() {
        Some(d) => dom_error(&d.name(), d.message()),
        None => idb_err(e),
    })
}

/// A full disk with the browser's storage figures, taken now: called by the sync and
/// the import right after the failing write (they live in their split modules, so
/// this stays out of the first load). Any other error is returned as it is.
pub async fn with_storage_use(e: StoreError) -> StoreError {
    match e {
        StoreError::QuotaExceeded(None) => StoreError::QuotaExceeded(storage_use().await),
        e => e,
    }
}

/// `navigator.storage.estimate()`: the bytes this origin uses and may use; `None` when
/// the browser has no `navigator.storage` or no `estimate` (the call then throws).
pub async fn storage_use() -> Option<StorageUse> {
    let promise = web_sys::window()?.navigator().storage().estimate().ok()?;
    let v = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    let field = |name: &str| {
        Reflect::get(&v, &JsValue::from_str(name))
            .ok()?
            .as_f64()
            .map(|x| x as u64)
    };
    Some(StorageUse {
        used: field("usage")?,
        quota: field("quota")?,
    })
}

// ---------------------------------------------------------------------------------
// Opening

/// Set by the `blocked` event of the open request; wakes the opening task.
#[derive(Default)]
struct BlockedSignal {
    blocked: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

/// Resolves with the open request's result, or `None` as soon as it is blocked.
struct UntilBlocked<F> {
    fut: Pin<Box<F>>,
    signal: Rc<BlockedSignal>,
}

impl<F: Future> Future for UntilBlocked<F> {
    type Output = Option<F::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Poll::Ready(v) = self.fut.as_mut().poll(cx) {
            return Poll::Ready(Some(v));
        }
        if self.signal.blocked.get() {
            return Poll::Ready(None);
        }
        *self.signal.waker.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}

/// The schema history: each step keeps every record (see the module docs of `store`).
fn upgrade(db: &Database, old: u32, new: u32) -> indexed_db_futures::Result<()> {
    if old < 1 && new >= 1 {
        for e in &ENDPOINTS {
            db.create_object_store(e.path)
                .with_key_path(KeyPath::One("key"))
                .build()?;
        }
        db.create_object_store(META_STORE).build()?;
    }
    if old < 2 && new >= 2 {
        // v2: the `day` index. Records always had `day`, so the browser indexes the
        // existing records itself; the stores need the versionchange transaction.
        let scratch = db.create_object_store(UPGRADE_SCRATCH).build()?;
        for e in &ENDPOINTS {
            // A v1 database of OpenAPI 1.27 has no store of the later endpoints (v3
            // creates them).
            if !db.object_store_names().any(|n| n == e.path) {
                continue;
            }
            let store = scratch.transaction().object_store(e.path)?;
            if !store.index_names().any(|n| n == DAY_INDEX) {
                store
                    .create_index(DAY_INDEX, KeyPath::One(DAY_INDEX))
                    .build()?;
            }
        }
        drop(scratch);
        db.delete_object_store(UPGRADE_SCRATCH)?;
    }
    if old < 3 && new >= 3 {
        // v3: endpoint 19 (ring_battery_level; a new database has it from v1) and the
        // quarantine. No existing record is touched.
        let battery = crate::endpoints::EndpointId::RingBatteryLevel
            .endpoint()
            .path;
        if !db.object_store_names().any(|n| n == battery) {
            let store = db
                .create_object_store(battery)
                .with_key_path(KeyPath::One("key"))
                .build()?;
            store
                .create_index(DAY_INDEX, KeyPath::One(DAY_INDEX))
                .build()?;
        }
        let q = db
            .create_object_store(QUARANTINE_STORE)
            .with_key_path(KeyPath::One("key"))
            .build()?;
        q.create_index(ENDPOINT_INDEX, KeyPath::One(ENDPOINT_INDEX))
            .build()?;
    }
    if old < 4 && new >= 4 {
        // v4: the series rows (built from the documents on first use: see `series`).
        let store = db
            .create_object_store(SERIES_STORE)
            .with_key_path(KeyPath::One("key"))
            .build()?;
        store
            .create_index(DAY_INDEX, KeyPath::One(DAY_INDEX))
            .build()?;
    }
    Ok(())
}

/// Asks the browser to keep the data (no eviction under storage pressure). Not
/// awaited: Firefox asks the user, and a refusal changes nothing.
fn request_persistence() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    let has_storage = Reflect::get(&navigator, &JsValue::from_str("storage"))
        .map(|s| !s.is_undefined() && !s.is_null())
        .unwrap_or(false);
    if !has_storage {
        return;
    }
    if let Ok(promise) = navigator.storage().persist() {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

/// A build of the series rows under way (shared by every reader that asks meanwhile).
type SeriesBuild =
    futures::future::Shared<futures::future::LocalBoxFuture<'static, Result<(), StoreError>>>;

struct Inner {
    name: String,
    db: Database,
    idb: web_sys::IdbDatabase,
    _on_version_change: Closure<dyn FnMut()>,
    /// The series rows are known to be of this version.
    series_ready: Cell<bool>,
    series_build: RefCell<Option<SeriesBuild>>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.idb.set_onversionchange(None);
        self.idb.close();
    }
}

/// An open store (one IndexedDB connection); cheap to clone. The connection closes
/// when the last clone is dropped, or when another tab upgrades or deletes the
/// database (then every call fails with [`StoreError::Closed`]).
#[derive(Clone)]
pub struct Store {
    inner: Rc<Inner>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("name", &self.inner.name)
            .finish()
    }
}

type Tx<'a> = Transaction<'a>;

impl Store {
    /// Opens (creating or upgrading the schema to [`SCHEMA_VERSION`]) the database
    /// `name`, and asks the browser to persist storage (a refusal is ignored).
    pub async fn open(name: &str) -> Result<Store, StoreError> {
        Self::open_at_version(name, SCHEMA_VERSION).await
    }

    /// Opens at an older schema version (its upgrade path only): for upgrade tests.
    #[doc(hidden)]
    pub async fn open_at_version(name: &str, version: u32) -> Result<Store, StoreError> {
        let signal = Rc::new(BlockedSignal::default());
        let on_blocked = signal.clone();
        // A new database: its (no) series rows are of this version.
        let created = Rc::new(Cell::new(false));
        let on_created = created.clone();
        let request = Database::open(name)
            .with_version(version)
            .with_on_blocked(move |_| {
                on_blocked.blocked.set(true);
                if let Some(w) = on_blocked.waker.borrow_mut().take() {
                    w.wake();
                }
                Ok(())
            })
            .with_on_upgrade_needed(move |event, db| {
                let old = event.old_version() as u32;
                let new = event.new_version().map_or(version, |v| v as u32);
                on_created.set(old == 0);
                upgrade(&db, old, new)
            })
            .into_future();
        let db = UntilBlocked {
            fut: Box::pin(request),
            signal,
        }
        .await
        .ok_or(StoreError::Blocked)?
        .map_err(open_err)?;
        let idb: web_sys::IdbDatabase = db.as_sys().clone().unchecked_into();
        let to_close = idb.clone();
        let on_version_change = Closure::<dyn FnMut()>::new(move || to_close.close());
        idb.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        request_persistence();
        let store = Store {
            inner: Rc::new(Inner {
                name: name.to_owned(),
                db,
                idb,
                _on_version_change: on_version_change,
                series_ready: Cell::new(false),
                series_build: RefCell::new(None),
            }),
        };
        if created.get() && store.version() >= 4 {
            // Not kept: the rows are then built (from no documents) on first use.
            let _ = store
                .put_meta(SERIES_VERSION_KEY, &Value::from(SERIES_VERSION))
                .await;
        }
        Ok(store)
    }

    /// The database name.
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// The schema version of the open database.
    pub fn version(&self) -> u32 {
        self.inner.db.version() as u32
    }

    fn tx<'a>(&'a self, stores: &[&str], mode: TransactionMode) -> Result<Tx<'a>, StoreError> {
        self.inner
            .db
            .transaction(stores)
            .with_mode(mode)
            .build()
            .map_err(idb_err)
    }

    /// ONE readwrite transaction: upserts `docs` into `endpoint`'s collection by natural
    /// key, keeps the documents it cannot index in the quarantine (see [`page`]), and
    /// applies `meta` (`None` deletes the key); all of it lands or none. With `sweep`
    /// (the window's range and the keys its earlier pages returned; given on a window's
    /// last page), every stored document of the endpoint in that range that the window
    /// did not return is removed, in the same transaction. Only a real storage failure
    /// is an error.
    /// `raw`: each document's JSON text exactly as received (what is stored, so every
    /// digit stays); empty: the texts of `docs` as serde_json writes them.
    pub async fn put_page(
        &self,
        endpoint: &'static Endpoint,
        docs: &[Value],
        raw: &[String],
        meta: &[(String, Option<Value>)],
        sweep: Option<(&SweepRange, &Seen)>,
    ) -> Result<PageWrite, StoreError> {
        let plan = page::plan_page(endpoint, docs, raw);
        let mut seen = plan.seen;
        let sweep = sweep.map(|(range, earlier)| {
            let mut all = earlier.clone();
            all.extend(seen.clone());
            (range, all)
        });
        let records = doc_records(plan.records.iter().map(|(m, text)| (m, text.as_str()))).await?;
        let quarantined = plan
            .quarantined
            .iter()
            .map(|q| parse_record(&q.record_json()))
            .collect::<Result<Vec<_>, _>>()?;
        let mut result = PageWrite {
            written: records.len() + plan.samples.len() + plan.battery.len(),
            quarantined: quarantined.len(),
            ..PageWrite::default()
        };
        // An older schema (opened by upgrade tests) has no quarantine store.
        let has_quarantine = self.version() >= 3;
        if !has_quarantine && !quarantined.is_empty() {
            return Err(StoreError::Data(format!(
                "{} documents of {} cannot be indexed",
                quarantined.len(),
                endpoint.path
            )));
        }
        let mut names = vec![endpoint.path, META_STORE];
        if has_quarantine {
            names.push(QUARANTINE_STORE);
        }
        // The documents' series rows, in the same transaction (an older schema has none).
        let has_series = self.version() >= 4 && srows::has_rows(endpoint);
        if has_series {
            names.push(SERIES_STORE);
        }
        let series = plan
            .series
            .iter()
            .map(|(k, r)| Ok((k, r.as_deref().map(parse_record).transpose()?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        let tx = self.tx(&names, TransactionMode::Readwrite)?;
        let store = tx.object_store(endpoint.path).map_err(idb_err)?;
        if endpoint.key == NaturalKey::TimestampSource {
            let mut days = heartrate::by_day(plan.samples);
            let mut sweep_days = Vec::new();
            if let Some((SweepRange::Instants { start, end }, _)) = &sweep {
                let mut d = start.date_naive();
                while d.and_time(chrono::NaiveTime::MIN).and_utc() < *end {
                    days.entry(d).or_default();
                    sweep_days.push(d);
                    match d.succ_opt() {
                        Some(n) => d = n,
                        None => break,
                    }
                }
            }
            let sweep_hr = sweep.as_ref().and_then(|(r, seen)| match r {
                SweepRange::Instants { start, end } => Some((*start, *end, seen)),
                _ => None,
            });
            let m = merge_days(&store, days, Merge::Upsert, sweep_hr).await?;
            result.removed += m.removed;
            add_heartrate_count(&tx, &store, m.added as i64 - m.removed as i64).await?;
        } else if endpoint.key == NaturalKey::Timestamp {
            // Battery: one record per UTC day (see `battery`); rows that would not
            // unpack as received keep a record each, as before.
            let mut days: BTreeMap<NaiveDate, BatteryDay> = BTreeMap::new();
            for r in plan.battery {
                days.entry(r.day).or_default().rows.push(r);
            }
            for ((m, _), r) in plan.records.iter().zip(records) {
                match m.day.as_deref().and_then(crate::oura::models::parse_day) {
                    Some(d) => days.entry(d).or_default().records.push((m.key.clone(), r)),
                    None => sent(store.put(&r).primitive().map_err(idb_err)?),
                }
            }
            let sweep_b = match &sweep {
                Some((range, seen)) => {
                    for d in battery_sweep_days(&store, range).await? {
                        days.entry(d).or_default();
                    }
                    Some((*range, &seen.keys))
                }
                None => None,
            };
            let m = merge_battery_days(&store, days, Merge::Upsert, sweep_b).await?;
            result.removed += m.removed();
            add_battery_count(&tx, &store, m.delta()).await?;
        } else {
            for r in &records {
                sent(store.put(r).primitive().map_err(idb_err)?);
            }
            let mut gone = Vec::new();
            if let Some((range, seen)) = &sweep {
                gone = sweep_records(&store, range, &seen.keys).await?;
                result.removed += gone.len() as u64;
            }
            if has_series {
                let rows = tx.object_store(SERIES_STORE).map_err(idb_err)?;
                for (key, r) in &series {
                    match r {
                        Some(r) => sent(rows.put(r).primitive().map_err(idb_err)?),
                        None => sent(rows.delete(key.as_str()).primitive().map_err(idb_err)?),
                    }
                }
                for key in &gone {
                    let skey = srows::series_key(endpoint, key);
                    sent(rows.delete(skey.as_str()).primitive().map_err(idb_err)?);
                }
            }
        }
        if has_quarantine {
            let qstore = tx.object_store(QUARANTINE_STORE).map_err(idb_err)?;
            for q in &quarantined {
                sent(qstore.put(q).primitive().map_err(idb_err)?);
            }
            if let Some((range, seen)) = &sweep {
                result.removed +=
                    sweep_quarantine(&qstore, endpoint, range, &seen.quarantine).await?;
            }
        }
        put_meta_in(&tx, meta)?;
        drop(store);
        commit(tx).await?;
        seen.keys.shrink_to_fit();
        result.seen = seen;
        Ok(result)
    }

    /// A value of the meta store.
    pub async fn get_meta(&self, key: &str) -> Result<Option<Value>, StoreError> {
        let tx = self.tx(&[META_STORE], TransactionMode::Readonly)?;
        let store = tx.object_store(META_STORE).map_err(idb_err)?;
        let got: Option<JsValue> = store
            .get(key)
            .primitive()
            .map_err(idb_err)?
            .await
            .map_err(idb_err)?;
        drop(store);
        let _ = tx.commit().await;
        match got.and_then(|v| v.as_string()) {
            Some(text) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|e| StoreError::Data(format!("meta {key:?} is not JSON: {e}"))),
            None => Ok(None),
        }
    }

    /// Writes one value of the meta store.
    pub async fn put_meta(&self, key: &str, value: &Value) -> Result<(), StoreError> {
        let tx = self.tx(&[META_STORE], TransactionMode::Readwrite)?;
        put_meta_in(&tx, &[(key.to_owned(), Some(value.clone()))])?;
        commit(tx).await
    }

    /// Writes (`Some`) and deletes (`None`) meta values, in one transaction.
    pub async fn write_meta(&self, ops: &[(String, Option<Value>)]) -> Result<(), StoreError> {
        let tx = self.tx(&[META_STORE], TransactionMode::Readwrite)?;
        put_meta_in(&tx, ops)?;
        commit(tx).await
    }

    /// The meta keys that start with `prefix`.
    pub async fn meta_keys(&self, prefix: &str) -> Result<Vec<String>, StoreError> {
        let tx = self.tx(&[META_STORE], TransactionMode::Readonly)?;
        let store = tx.object_store(META_STORE).map_err(idb_err)?;
        let range = KeyRange::Bound(prefix.to_owned(), false, format!("{prefix}\u{ffff}"), false);
        let keys = all_keys(&store, Some(range)).await?;
        drop(store);
        let _ = tx.commit().await;
        let mut keys: Vec<String> = keys.into_iter().collect();
        keys.sort();
        Ok(keys)
    }

    /// Deletes one value of the meta store (absent is fine).
    pub async fn delete_meta(&self, key: &str) -> Result<(), StoreError> {
        let tx = self.tx(&[META_STORE], TransactionMode::Readwrite)?;
        let store = tx.object_store(META_STORE).map_err(idb_err)?;
        sent(store.delete(key).primitive().map_err(idb_err)?);
        drop(store);
        commit(tx).await
    }

    /// Number of documents of the collection (heartrate: samples, ring battery: rows,
    /// from the store's bookkeeping; counted once from the records when it has none
    /// yet).
    pub async fn count(&self, endpoint: &'static Endpoint) -> Result<u64, StoreError> {
        if endpoint.key == NaturalKey::TimestampSource {
            if let Some(n) = self
                .get_meta(HEARTRATE_COUNT_KEY)
                .await?
                .and_then(|v| v.as_u64())
            {
                return Ok(n);
            }
            // Not kept yet (data from before v3): counted from the records; the next
            // heartrate write keeps the count.
            let tx = self.tx(&[endpoint.path], TransactionMode::Readonly)?;
            let store = tx.object_store(endpoint.path).map_err(idb_err)?;
            let n = count_samples(&store).await?;
            drop(store);
            let _ = tx.commit().await;
            return Ok(n);
        }
        if endpoint.key == NaturalKey::Timestamp {
            // Battery rows, not records: from the bookkeeping, else from the records.
            if let Some(n) = self
                .get_meta(BATTERY_COUNT_KEY)
                .await?
                .and_then(|v| v.as_u64())
            {
                return Ok(n);
            }
            let tx = self.tx(&[endpoint.path], TransactionMode::Readonly)?;
            let store = tx.object_store(endpoint.path).map_err(idb_err)?;
            let n = count_battery_rows(&store).await?;
            drop(store);
            let _ = tx.commit().await;
            return Ok(n);
        }
        let tx = self.tx(&[endpoint.path], TransactionMode::Readonly)?;
        let store = tx.object_store(endpoint.path).map_err(idb_err)?;
        let n = u64::from(
            store
                .count()
                .primitive()
                .map_err(idb_err)?
                .await
                .map_err(idb_err)?,
        );
        drop(store);
        let _ = tx.commit().await;
        Ok(n)
    }

    /// Number of the endpoint's documents kept in quarantine (as received, not indexed).
    pub async fn quarantined(&self, endpoint: &'static Endpoint) -> Result<u64, StoreError> {
        let tx = self.tx(&[QUARANTINE_STORE], TransactionMode::Readonly)?;
        let store = tx.object_store(QUARANTINE_STORE).map_err(idb_err)?;
        let index = store.index(ENDPOINT_INDEX).map_err(idb_err)?;
        let n = index
            .count()
            .with_query::<&str, _>(KeyRange::Only(endpoint.path))
            .primitive()
            .map_err(idb_err)?
            .await
            .map_err(idb_err)?;
        drop(index);
        drop(store);
        let _ = tx.commit().await;
        Ok(u64::from(n))
    }

    /// The earliest and latest `day` of the collection (heartrate: UTC days), if any
    /// document has one.
    pub async fn day_bounds(
        &self,
        endpoint: &'static Endpoint,
    ) -> Result<Option<(NaiveDate, NaiveDate)>, StoreError> {
        let tx = self.tx(&[endpoint.path], TransactionMode::Readonly)?;
        let store = tx.object_store(endpoint.path).map_err(idb_err)?;
        let index = store.index(DAY_INDEX).map_err(idb_err)?;
        let mut ends = Vec::with_capacity(2);
        for direction in [CursorDirection::Next, CursorDirection::Prev] {
            let cursor = index
                .open_key_cursor()
                .with_direction(direction)
                .primitive()
                .map_err(idb_err)?
                .await
                .map_err(idb_err)?;
            let day = match cursor {
                Some(c) => js_key_day(c.as_sys().key().map_err(|e| js_err("day index", e))?),
                None => None,
            };
            ends.push(day);
        }
        drop(index);
        drop(store);
        let _ = tx.commit().await;
        Ok(match (ends[0], ends[1]) {
            (Some(a), Some(b)) => Some((a, b)),
            _ => None,
        })
    }

    /// The documents whose `day` is in `first..=last` (heartrate: the samples of those
    /// UTC days), by day.
    pub async fn docs_between(
        &self,
        endpoint: &'static Endpoint,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<Value>, StoreError> {
        if first > last {
            return Ok(Vec::new());
        }
        let tx = self.tx(&[endpoint.path], TransactionMode::Readonly)?;
        let store = tx.object_store(endpoint.path).map_err(idb_err)?;
        let index = store.index(DAY_INDEX).map_err(idb_err)?;
        let range = day_range(first, last);
        let all = index
            .get_all::<JsValue>()
            .with_query::<String, _>(range)
            .primitive()
            .map_err(idb_err)?
            .await
            .map_err(idb_err)?;
        let mut records = Vec::new();
        for r in all {
            records.push(r.map_err(idb_err)?);
        }
        drop(index);
        drop(store);
        let _ = tx.commit().await;
        read_all(endpoint, records).await
    }

    /// Heart-rate minimum, maximum and average per local day of `first..=last` at the
    /// UTC offset `offset_s`, read from the packed columns (no sample is unpacked; see
    /// [`super::heartrate_days`]).
    pub async fn heartrate_days(
        &self,
        first: NaiveDate,
        last: NaiveDate,
        offset_s: i32,
    ) -> Result<BTreeMap<NaiveDate, DayStats>, StoreError> {
        let mut out = BTreeMap::new();
        if first > last {
            return Ok(out);
        }
        let path = crate::endpoints::EndpointId::Heartrate.endpoint().path;
        let (from, to) = heartrate_days::utc_days(first, last);
        let tx = self.tx(&[path], TransactionMode::Readonly)?;
        let store = tx.object_store(path).map_err(idb_err)?;
        let all = store
            .get_all::<JsValue>()
            .with_query::<String, _>(day_range(from, to))
            .primitive()
            .map_err(idb_err)?
            .await
            .map_err(idb_err)?;
        let mut records = Vec::new();
        for r in all {
            records.push(r.map_err(idb_err)?);
        }
        drop(store);
        let _ = tx.commit().await;
        for r in &records {
            let day = js_key_day(get(r, "key")?).ok_or_else(|| corrupt("heartrate key"))?;
            let (t, bpm, _) = read_columns(r)?;
            heartrate_days::accumulate(&mut out, day, &t, &bpm, offset_s, (first, last));
        }
        Ok(out)
    }

    /// The series rows (see [`super::series`]) of every endpoint that has them, with
    /// `days` only those of that range of days; built from the documents first when
    /// the store has none yet or rows of another [`SERIES_VERSION`]. A row that cannot
    /// be read is left out (it is derived data: the document stays as received).
    pub async fn series(
        &self,
        days: Option<(NaiveDate, NaiveDate)>,
    ) -> Result<Vec<(EndpointId, Row)>, StoreError> {
        if self.version() < 4 {
            return Ok(Vec::new());
        }
        self.ensure_series().await?;
        let tx = self.tx(&[SERIES_STORE], TransactionMode::Readonly)?;
        let store = tx.object_store(SERIES_STORE).map_err(idb_err)?;
        let all = match days {
            Some((first, last)) => {
                let index = store.index(DAY_INDEX).map_err(idb_err)?;
                let all = index
                    .get_all::<JsValue>()
                    .with_query::<String, _>(day_range(first, last))
                    .primitive()
                    .map_err(idb_err)?
                    .await
                    .map_err(idb_err)?;
                all.collect::<Vec<_>>()
            }
            None => store
                .get_all::<JsValue>()
                .primitive()
                .map_err(idb_err)?
                .await
                .map_err(idb_err)?
                .collect(),
        };
        drop(store);
        let _ = tx.commit().await;
        let mut out = Vec::with_capacity(all.len());
        for r in all {
            let r = r.map_err(idb_err)?;
            let key = get(&r, "key")?.as_string().unwrap_or_default();
            let text = get(&r, "r")?.as_string().unwrap_or_default();
            let endpoint =
                srows::split_key(&key).and_then(|(path, _)| crate::endpoints::by_path(path));
            if let (Some(e), Ok(row)) = (endpoint, serde_json::from_str::<Row>(&text)) {
                out.push((e.id, row));
            }
        }
        Ok(out)
    }

    /// Makes sure the series rows are of this [`SERIES_VERSION`] (see [`Self::build_series`]):
    /// once per open store; readers that ask while a build runs wait for that one build.
    async fn ensure_series(&self) -> Result<(), StoreError> {
        use futures::FutureExt;
        if self.inner.series_ready.get() {
            return Ok(());
        }
        let build = {
            let mut slot = self.inner.series_build.borrow_mut();
            match &*slot {
                Some(b) => b.clone(),
                None => {
                    let store = self.clone();
                    let b = async move { store.build_series().await }
                        .boxed_local()
                        .shared();
                    *slot = Some(b.clone());
                    b
                }
            }
        };
        let result = build.await;
        self.inner.series_build.borrow_mut().take();
        if result.is_ok() {
            self.inner.series_ready.set(true);
        }
        result
    }

    /// Builds the series rows from the documents when the store's rows are not of this
    /// [`SERIES_VERSION`]: one endpoint per transaction (its documents and its rows
    /// together, so a sync writing meanwhile waits and its rows stay).
    async fn build_series(&self) -> Result<(), StoreError> {
        let have = self
            .get_meta(SERIES_VERSION_KEY)
            .await?
            .and_then(|v| v.as_u64());
        if have == Some(u64::from(SERIES_VERSION)) {
            return Ok(());
        }
        for e in ENDPOINTS.iter().filter(|e| srows::has_rows(e)) {
            let tx = self.tx(&[e.path, SERIES_STORE], TransactionMode::Readwrite)?;
            let store = tx.object_store(e.path).map_err(idb_err)?;
            let rows = tx.object_store(SERIES_STORE).map_err(idb_err)?;
            let (lo, hi) = srows::key_bounds(e);
            sent(
                rows.delete::<String, _>(KeyRange::Bound(lo, false, hi, true))
                    .primitive()
                    .map_err(idb_err)?,
            );
            let records = store
                .get_all::<JsValue>()
                .primitive()
                .map_err(idb_err)?
                .await
                .map_err(idb_err)?;
            for r in records {
                let r = r.map_err(idb_err)?;
                let Some(key) = get(&r, "key")?.as_string() else {
                    continue;
                };
                let Some(doc) = read_doc(&r).ok() else {
                    continue;
                };
                if let Some((_, Some(rec))) = srows::row_write(e, &key, &doc) {
                    sent(
                        rows.put(&parse_record(&rec)?)
                            .primitive()
                            .map_err(idb_err)?,
                    );
                }
            }
            drop(rows);
            drop(store);
            commit(tx).await?;
        }
        self.put_meta(SERIES_VERSION_KEY, &Value::from(SERIES_VERSION))
            .await
    }

    /// Every document of the collection, by day (those without a day first), then key;
    /// heartrate unpacked to `{bpm, source, timestamp}` samples in time order.
    pub async fn all_docs(&self, endpoint: &'static Endpoint) -> Result<Vec<Value>, StoreError> {
        let tx = self.tx(&[endpoint.path], TransactionMode::Readonly)?;
        let store = tx.object_store(endpoint.path).map_err(idb_err)?;
        let records = get_all_sorted(&store).await?;
        drop(store);
        let _ = tx.commit().await;
        read_all(endpoint, records).await
    }

    /// The export file (DESIGN §5): every stored document exactly once, read in one
    /// transaction (a consistent snapshot). No meta, no token.
    pub async fn export(&self, exported_at: DateTime<Utc>) -> Result<ExportFile, StoreError> {
        let mut paths: Vec<&str> = ENDPOINTS.iter().map(|e| e.path).collect();
        paths.push(QUARANTINE_STORE);
        let tx = self.tx(&paths, TransactionMode::Readonly)?;
        let mut w = ExportWriter::new(exported_at);
        let qstore = tx.object_store(QUARANTINE_STORE).map_err(idb_err)?;
        for e in &ENDPOINTS {
            let store = tx.object_store(e.path).map_err(idb_err)?;
            let records = get_all_sorted(&store).await?;
            w.begin(e.path);
            if e.key == NaturalKey::Timestamp {
                for (_, text) in battery_texts(&records)? {
                    w.doc(&text);
                }
            } else {
                for r in &records {
                    if e.key == NaturalKey::TimestampSource {
                        let (day, pack) = read_day(r)?;
                        pack.unpack_json(day, &mut |s| w.doc(&s));
                    } else {
                        w.doc(&doc_text(r)?);
                    }
                }
            }
            // Documents kept as received go out exactly as they came in.
            for r in quarantined_of(&qstore, e).await? {
                let text = get(&r, "text")?
                    .as_string()
                    .ok_or_else(|| corrupt("quarantine text"))?;
                w.doc(&text);
            }
        }
        drop(qstore);
        let _ = tx.commit().await;
        Ok(ExportFile {
            file_name: export::file_name(exported_at),
            parts: w.finish(),
        })
    }

    /// "Download CSV" of one collection (see [`super::csv`]), read in one readonly
    /// transaction: one row per stored document, heartrate one row per sample (unpacked
    /// day record by day record, twice: columns, then rows). Documents kept in the
    /// quarantine (they could not be indexed, see [`page`]) are not rows: they are kept
    /// as received and go out with the JSON export only.
    pub async fn csv(
        &self,
        endpoint: &'static Endpoint,
        today: NaiveDate,
    ) -> Result<CsvFile, StoreError> {
        let tx = self.tx(&[endpoint.path], TransactionMode::Readonly)?;
        let store = tx.object_store(endpoint.path).map_err(idb_err)?;
        let records = get_all_sorted(&store).await?;
        drop(store);
        let _ = tx.commit().await;
        if endpoint.key == NaturalKey::Timestamp {
            let texts: Vec<String> = battery_texts(&records)?
                .into_iter()
                .map(|(_, t)| t)
                .collect();
            return csv::table(endpoint, today, texts.iter().map(String::as_str));
        }
        if endpoint.key != NaturalKey::TimestampSource {
            let texts = records
                .iter()
                .map(doc_text)
                .collect::<Result<Vec<_>, _>>()?;
            return csv::table(endpoint, today, texts.iter().map(String::as_str));
        }
        let samples = |f: &mut dyn FnMut(&str) -> Result<(), StoreError>| {
            for r in &records {
                let (day, pack) = read_day(r)?;
                let mut result = Ok(());
                pack.unpack_json(day, &mut |s| {
                    if result.is_ok() {
                        result = f(&s);
                    }
                });
                result?;
            }
            Ok::<(), StoreError>(())
        };
        let mut columns = csv::Columns::new(endpoint);
        samples(&mut |s| columns.observe(s))?;
        let mut w = CsvWriter::new(&columns);
        samples(&mut |s| w.row(s))?;
        Ok(w.finish(csv::file_name(endpoint, today)))
    }

    /// Imports an export file: checks all of it first (anything but a healthHub export
    /// version 1 is refused with [`StoreError::InvalidImport`] and the reason), then
    /// adds every document this device does not have yet, in one transaction. A
    /// document the device already has is left as it is (the device's copy is as new
    /// as its last sync; an old export never rolls back what Oura revised since), and
    /// nothing is deleted. Documents that cannot be indexed are kept as received.
    pub async fn import(&self, text: &str) -> Result<ImportReport, StoreError> {
        let mut plan = export::parse_import(text)?;
        let mut names: Vec<&str> = plan.docs.iter().map(|(e, _)| e.path).collect();
        let hr = ENDPOINTS
            .iter()
            .find(|e| e.key == NaturalKey::TimestampSource)
            .map_or("heartrate", |e| e.path);
        if plan.has_heartrate {
            names.push(hr);
        }
        let mut report = ImportReport::default();
        if names.is_empty() && plan.quarantined.is_empty() {
            return Ok(report);
        }
        names.push(QUARANTINE_STORE);
        names.push(META_STORE);
        let has_series = self.version() >= 4;
        if has_series {
            names.push(SERIES_STORE);
        }
        // Build the JS records before the transaction (no work but requests inside it).
        let mut batches = Vec::with_capacity(plan.docs.len());
        // Battery rows: packed per day where they unpack as received (see `battery`).
        let mut battery_import: Option<(&'static Endpoint, u64, BTreeMap<NaiveDate, BatteryDay>)> =
            None;
        for (endpoint, docs) in &plan.docs {
            if endpoint.key == NaturalKey::Timestamp {
                let mut days: BTreeMap<NaiveDate, BatteryDay> = BTreeMap::new();
                let mut verbatim = Vec::new();
                for (m, raw) in docs {
                    let row = serde_json::from_str::<Value>(raw.get())
                        .ok()
                        .and_then(|v| BatteryRow::parse(&v).ok());
                    match row {
                        Some(r) => days.entry(r.day).or_default().rows.push(r),
                        None => verbatim.push((m, raw.get())),
                    }
                }
                let records = doc_records(verbatim.iter().map(|(m, t)| (*m, *t))).await?;
                for ((m, _), r) in verbatim.iter().zip(records) {
                    let d = m
                        .day
                        .as_deref()
                        .and_then(crate::oura::models::parse_day)
                        .ok_or_else(|| corrupt("battery row without a day"))?;
                    days.entry(d).or_default().records.push((m.key.clone(), r));
                }
                battery_import = Some((*endpoint, docs.len() as u64, days));
                continue;
            }
            let records = doc_records(docs.iter().map(|(m, raw)| (m, raw.get()))).await?;
            let keys: Vec<&str> = docs.iter().map(|(m, _)| m.key.as_str()).collect();
            // Each document's series row (parsed here only for endpoints that have rows).
            let mut rows = Vec::new();
            if has_series && srows::has_rows(endpoint) {
                for (m, raw) in docs {
                    let row = serde_json::from_str::<Value>(raw.get())
                        .ok()
                        .and_then(|doc| srows::row_write(endpoint, &m.key, &doc))
                        .and_then(|(_, r)| r);
                    rows.push(row.as_deref().map(parse_record).transpose()?);
                }
            }
            batches.push((*endpoint, keys, records, rows));
        }
        let quarantined: Vec<(&'static str, JsValue)> = plan
            .quarantined
            .iter()
            .map(|q: &Quarantined| Ok((q.endpoint, parse_record(&q.record_json())?)))
            .collect::<Result<_, StoreError>>()?;
        let tx = self.tx(&names, TransactionMode::Readwrite)?;
        for (endpoint, keys, records, rows) in &batches {
            let store = tx.object_store(endpoint.path).map_err(idb_err)?;
            let series = if rows.is_empty() {
                None
            } else {
                Some(tx.object_store(SERIES_STORE).map_err(idb_err)?)
            };
            let mut known = all_keys(&store, None).await?;
            let mut count = ImportCount {
                path: endpoint.path,
                added: 0,
                kept: 0,
                quarantined: 0,
            };
            for (i, (key, r)) in keys.iter().zip(records).enumerate() {
                if known.insert((*key).to_owned()) {
                    sent(store.put(r).primitive().map_err(idb_err)?);
                    if let (Some(series), Some(Some(row))) = (&series, rows.get(i)) {
                        sent(series.put(row).primitive().map_err(idb_err)?);
                    }
                    count.added += 1;
                } else {
                    count.kept += 1;
                }
            }
            report.collections.push(count);
        }
        if let Some((endpoint, incoming, days)) = battery_import {
            let store = tx.object_store(endpoint.path).map_err(idb_err)?;
            let m = merge_battery_days(&store, days, Merge::AddMissing, None).await?;
            add_battery_count(&tx, &store, m.delta()).await?;
            report.collections.push(ImportCount {
                path: endpoint.path,
                added: m.merged.added,
                kept: incoming.saturating_sub(m.merged.added),
                quarantined: 0,
            });
        }
        if plan.has_heartrate {
            let store = tx.object_store(hr).map_err(idb_err)?;
            let incoming = plan.heartrate.len() as u64;
            let m = merge_days(&store, plan.take_heartrate_days(), Merge::AddMissing, None).await?;
            add_heartrate_count(&tx, &store, m.added as i64).await?;
            report.collections.push(ImportCount {
                path: hr,
                added: m.added,
                kept: incoming.saturating_sub(m.added),
                quarantined: 0,
            });
        }
        let qstore = tx.object_store(QUARANTINE_STORE).map_err(idb_err)?;
        for (path, r) in &quarantined {
            sent(qstore.put(r).primitive().map_err(idb_err)?);
            match report.collections.iter_mut().find(|c| c.path == *path) {
                Some(c) => c.quarantined += 1,
                None => report.collections.push(ImportCount {
                    path,
                    added: 0,
                    kept: 0,
                    quarantined: 1,
                }),
            }
        }
        drop(qstore);
        commit(tx).await?;
        report.total = report.added() + report.quarantined();
        Ok(report)
    }

    /// Deletes every record and every meta value (the database itself stays).
    pub async fn clear(&self) -> Result<(), StoreError> {
        let mut names: Vec<&str> = ENDPOINTS.iter().map(|e| e.path).collect();
        names.push(QUARANTINE_STORE);
        names.push(META_STORE);
        if self.version() >= 4 {
            names.push(SERIES_STORE);
        }
        let tx = self.tx(&names, TransactionMode::Readwrite)?;
        for name in &names {
            let store = tx.object_store(name).map_err(idb_err)?;
            sent(store.clear().map_err(idb_err)?);
        }
        if self.version() >= 4 {
            // No documents, no rows: the rows are of this version.
            put_meta_in(
                &tx,
                &[(
                    SERIES_VERSION_KEY.to_owned(),
                    Some(Value::from(SERIES_VERSION)),
                )],
            )?;
        }
        commit(tx).await
    }
}

/// A write request is sent when it is built; it need not be awaited. Its failure
/// aborts the transaction, which `commit()` then reports (and nothing is written).
fn sent<F: Future>(request: F) {
    drop(request);
}

// ---------------------------------------------------------------------------------
// Records ↔ JS

fn parse_record(json: &str) -> Result<JsValue, StoreError> {
    JSON::parse(json).map_err(|e| js_err("record", e))
}

fn get(obj: &JsValue, field: &str) -> Result<JsValue, StoreError> {
    Reflect::get(obj, &JsValue::from_str(field)).map_err(|e| js_err("record", e))
}

fn js_key_day(key: JsValue) -> Option<NaiveDate> {
    key.as_string()
        .and_then(|s| crate::oura::models::parse_day(&s))
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Data(format!("a stored record is damaged ({what})"))
}

/// The records of documents `(meta, JSON text as received)`: the long ones compressed
/// (`z`, see [`record`]; compressed 64 at a time, before any transaction), the others,
/// and all of them where the browser cannot compress, as `doc`.
async fn doc_records<'a>(
    docs: impl Iterator<Item = (&'a RecordMeta, &'a str)>,
) -> Result<Vec<JsValue>, StoreError> {
    let docs: Vec<(&RecordMeta, &str)> = docs.collect();
    // In batches: a five-year import must not start thousands of streams at once.
    let mut compressed = Vec::with_capacity(docs.len());
    for batch in docs.chunks(64) {
        compressed.extend(
            futures::future::join_all(batch.iter().map(|(_, text)| async move {
                if text.len() >= record::COMPRESS_FROM {
                    deflate::deflate(text).await
                } else {
                    None
                }
            }))
            .await,
        );
    }
    docs.iter()
        .zip(compressed)
        .map(|((m, text), z)| match z {
            Some(z) => {
                let obj = parse_record(&record::record_head_json(m))?;
                Reflect::set(&obj, &JsValue::from_str("z"), &z).map_err(|e| js_err("record", e))?;
                Ok(obj)
            }
            None => parse_record(&record::record_json(m, text)),
        })
        .collect()
}

/// The largest document text a compressed record may hold (a damaged one must not
/// fill the memory): far above any Oura document (a day of activity is ≈ 12 KB).
const MAX_DOC_BYTES: usize = 16 << 20;

/// The JSON text of a compressed record's document (`z`), `None` for a record in the
/// `doc` form.
fn compressed_text(r: &JsValue) -> Result<Option<String>, StoreError> {
    let z = get(r, "z")?;
    if z.is_undefined() {
        return Ok(None);
    }
    let z = z
        .dyn_into::<Uint8Array>()
        .map_err(|_| corrupt("compressed doc"))?
        .to_vec();
    let text = inflate::inflate(&z, MAX_DOC_BYTES).map_err(|e| corrupt(&e))?;
    String::from_utf8(text)
        .map(Some)
        .map_err(|_| corrupt("compressed doc: not UTF-8"))
}

/// The document of a record, exactly as received.
fn read_doc(r: &JsValue) -> Result<Value, StoreError> {
    if let Some(text) = compressed_text(r)? {
        return serde_json::from_str(&text).map_err(|_| corrupt("doc"));
    }
    let doc = get(r, "doc")?;
    let text: String = JSON::stringify(&doc)
        .map_err(|e| js_err("record", e))?
        .into();
    let mut v: Value = serde_json::from_str(&text).map_err(|_| corrupt("doc"))?;
    let floats = get(r, "floats")?;
    if let Some(arr) = floats.dyn_ref::<Array>() {
        let pointers: Vec<String> = arr.iter().filter_map(|p| p.as_string()).collect();
        record::restore_floats(&mut v, &pointers);
    }
    Ok(v)
}

/// The JSON text of a record's document as received: JavaScript's text of it (its
/// numbers keep their digits; nothing is parsed as a float) with whole floats spelled
/// `300.0` again.
fn doc_text(r: &JsValue) -> Result<String, StoreError> {
    if let Some(text) = compressed_text(r)? {
        return Ok(text);
    }
    let doc = get(r, "doc")?;
    if doc.is_undefined() {
        return Err(corrupt("doc"));
    }
    let text: String = JSON::stringify(&doc)
        .map_err(|e| js_err("record", e))?
        .into();
    let floats = get(r, "floats")?;
    let pointers: Vec<String> = match floats.dyn_ref::<Array>() {
        Some(arr) => arr.iter().filter_map(|p| p.as_string()).collect(),
        None => Vec::new(),
    };
    Ok(record::respell_whole_floats(&text, &pointers))
}

/// The columns `(t, bpm, src)` of a heartrate record: its bytes `p`
/// ([`heartrate_bytes`]), or the typed arrays of a record written before them.
fn read_columns(r: &JsValue) -> Result<heartrate_bytes::DayColumns, StoreError> {
    let p = get(r, "p")?;
    if !p.is_undefined() {
        let p = p
            .dyn_into::<Uint8Array>()
            .map_err(|_| corrupt("heartrate p"))?
            .to_vec();
        return heartrate_bytes::decode(&p).map_err(StoreError::Data);
    }
    let t = get(r, "t")?
        .dyn_into::<Uint32Array>()
        .map_err(|_| corrupt("heartrate t"))?
        .to_vec();
    let bpm = get(r, "bpm")?
        .dyn_into::<Uint16Array>()
        .map_err(|_| corrupt("heartrate bpm"))?
        .to_vec();
    let src = get(r, "src")?
        .dyn_into::<Uint8Array>()
        .map_err(|_| corrupt("heartrate src"))?
        .to_vec();
    Ok((t, bpm, src))
}

/// The UTC day and samples of a heartrate record.
fn read_day(r: &JsValue) -> Result<(NaiveDate, DayPack), StoreError> {
    let day = js_key_day(get(r, "key")?).ok_or_else(|| corrupt("heartrate key"))?;
    let (t, bpm, src) = read_columns(r)?;
    let sources: Vec<String> = get(r, "sources")?
        .dyn_into::<Array>()
        .map_err(|_| corrupt("heartrate sources"))?
        .iter()
        .map(|s| s.as_string().ok_or_else(|| corrupt("heartrate sources")))
        .collect::<Result<_, _>>()?;
    let mut extra = Vec::new();
    let x = get(r, "x")?;
    if !x.is_undefined() && !x.is_instance_of::<Array>() {
        return Err(corrupt("heartrate x"));
    }
    if let Some(x) = x.dyn_ref::<Array>() {
        for item in x.iter() {
            let text: String = JSON::stringify(&item)
                .map_err(|e| js_err("record", e))?
                .into();
            let v: Value = serde_json::from_str(&text).map_err(|_| corrupt("heartrate x"))?;
            let t = v["t"].as_u64().and_then(|t| u32::try_from(t).ok());
            let s = v["s"].as_u64().and_then(|s| u8::try_from(s).ok());
            let (Some(t), Some(s), Some(f)) = (t, s, v["f"].as_object()) else {
                return Err(corrupt("heartrate x"));
            };
            extra.push((t, s, f.clone()));
        }
    }
    let pack = DayPack::from_columns(Columns {
        t,
        bpm,
        src,
        sources,
        extra,
    })
    .map_err(StoreError::Data)?;
    Ok((day, pack))
}

/// The heartrate record of one UTC day.
fn write_day(day: NaiveDate, pack: &DayPack) -> Result<JsValue, StoreError> {
    let c = pack.to_columns().map_err(StoreError::Data)?;
    let key = heartrate::day_key(day);
    let mut head = serde_json::Map::new();
    head.insert("key".into(), Value::from(key.as_str()));
    head.insert("day".into(), Value::from(key.as_str()));
    head.insert("n".into(), Value::from(pack.len()));
    head.insert("sources".into(), Value::from(c.sources.clone()));
    if !c.extra.is_empty() {
        let x: Vec<Value> = c
            .extra
            .iter()
            .map(|(t, s, f)| {
                let mut m = Map::new();
                m.insert("t".into(), Value::from(*t));
                m.insert("s".into(), Value::from(*s));
                m.insert("f".into(), Value::Object(f.clone()));
                Value::Object(m)
            })
            .collect();
        head.insert("x".into(), Value::from(x));
    }
    let obj = parse_record(&Value::Object(head).to_string())?;
    let set = |field: &str, v: &JsValue| {
        Reflect::set(&obj, &JsValue::from_str(field), v).map_err(|e| js_err("record", e))
    };
    let p = heartrate_bytes::encode(&c.t, &c.bpm, &c.src).map_err(StoreError::Data)?;
    set("p", &Uint8Array::from(p.as_slice()).into())?;
    Ok(obj)
}

/// The documents of stored records, in their order (heartrate and battery days
/// unpacked by code loaded on first use).
async fn read_all(endpoint: &Endpoint, records: Vec<JsValue>) -> Result<Vec<Value>, StoreError> {
    // Nothing to unpack: no module to fetch (an empty store on the first screen).
    if records.is_empty() {
        return Ok(Vec::new());
    }
    if endpoint.key == NaturalKey::TimestampSource {
        return crate::call_split!(unpack_heartrate(records)).map_err(|_| StoreError::NotLoaded)?;
    }
    if endpoint.key == NaturalKey::Timestamp {
        return crate::call_split!(unpack_battery(records)).map_err(|_| StoreError::NotLoaded)?;
    }
    records.iter().map(read_doc).collect()
}

crate::split! { unpack_battery;
    /// The rows of battery records, in time order (loaded on first use: ≈ 10 KB kept
    /// out of the first load; Today's battery tile fetches it once there is battery
    /// data, and the service worker precaches it for offline use).
    fn unpack_battery(records: Vec<JsValue>) -> Result<Result<Vec<Value>, StoreError>, crate::lazy::LoadFailed> {
        Ok(battery_docs(&records).map(|rows| rows.into_iter().map(|(_, v)| v).collect()))
    }
}

crate::split! { unpack_heartrate;
    /// The samples of heartrate day records, in time order.
    fn unpack_heartrate(records: Vec<JsValue>) -> Result<Result<Vec<Value>, StoreError>, crate::lazy::LoadFailed> {
        let mut out = Vec::new();
        for r in &records {
            match read_day(r) {
                Ok((day, pack)) => out.extend(pack.unpack(day)),
                Err(e) => return Ok(Err(e)),
            }
        }
        Ok(Ok(out))
    }
}

/// Every record of a store, ordered by (day, key), records without day first.
async fn get_all_sorted(store: &ObjectStore<'_>) -> Result<Vec<JsValue>, StoreError> {
    let all = store
        .get_all::<JsValue>()
        .primitive()
        .map_err(idb_err)?
        .await
        .map_err(idb_err)?;
    let mut keyed = Vec::new();
    for r in all {
        let r = r.map_err(idb_err)?;
        let day = get(&r, "day")?.as_string();
        let key = get(&r, "key")?.as_string();
        keyed.push(((day, key), r));
    }
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(keyed.into_iter().map(|(_, r)| r).collect())
}

/// How [`merge_days`] treats a sample the day already has.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Merge {
    /// Replace it (a sync: Oura's current value wins).
    Upsert,
    /// Keep it (an import).
    AddMissing,
}

/// Writes samples day by day into the heartrate store (inside the caller's
/// transaction: only IndexedDB requests are awaited). With `sweep`, the samples of each
/// day inside `[start, end)` that the window did not return are removed, and a day
/// left empty is deleted.
async fn merge_days(
    store: &ObjectStore<'_>,
    days: impl IntoIterator<Item = (NaiveDate, Vec<Sample>)>,
    mode: Merge,
    sweep: Option<(DateTime<Utc>, DateTime<Utc>, &Seen)>,
) -> Result<Merged, StoreError> {
    let mut total = Merged::default();
    for (day, samples) in days {
        let key = heartrate::day_key(day);
        let existing: Option<JsValue> = store
            .get(key.as_str())
            .primitive()
            .map_err(idb_err)?
            .await
            .map_err(idb_err)?;
        let had = existing.is_some();
        let mut pack = match existing {
            Some(r) => read_day(&r)?.1,
            None => DayPack::default(),
        };
        let m = match mode {
            Merge::Upsert => pack.merge(samples),
            Merge::AddMissing => pack.add_missing(samples),
        };
        total.added += m.added;
        total.replaced += m.replaced;
        if let Some((start, end, seen)) = sweep {
            let day_start = day.and_time(chrono::NaiveTime::MIN).and_utc();
            let ms =
                |t: DateTime<Utc>| (t - day_start).num_milliseconds().clamp(0, 86_400_000) as u32;
            let keep: HashSet<(u32, String)> = seen
                .samples
                .iter()
                .filter(|(d, _, _)| *d == day)
                .map(|(_, t, s)| (*t, s.clone()))
                .collect();
            total.removed += pack.remove_unseen(ms(start), ms(end), &keep);
        }
        if pack.is_empty() {
            if had {
                sent(store.delete(key.as_str()).primitive().map_err(idb_err)?);
            }
            continue;
        }
        sent(
            store
                .put(write_day(day, &pack)?)
                .primitive()
                .map_err(idb_err)?,
        );
    }
    Ok(total)
}

// ---------------------------------------------------------------------------------
// Battery days (see `battery`)

/// What a write brings to one UTC day of the battery store.
#[derive(Default)]
struct BatteryDay {
    /// Rows to pack.
    rows: Vec<BatteryRow>,
    /// Rows kept as a record each (they would not unpack as received): natural key
    /// and record.
    records: Vec<(String, JsValue)>,
}

/// How [`merge_battery_days`] changed the store, in rows.
#[derive(Default)]
struct BatteryMerged {
    merged: battery::Merged,
    /// Earlier-form records folded into a day that already had their instant.
    doubles: u64,
}

impl BatteryMerged {
    fn removed(&self) -> u64 {
        self.merged.removed
    }

    /// The change of the number of rows.
    fn delta(&self) -> i64 {
        self.merged.added as i64 - self.merged.removed as i64 - self.doubles as i64
    }
}

/// The UTC day and rows of a battery day record.
fn read_battery_day(r: &JsValue) -> Result<(NaiveDate, battery::DayPack), StoreError> {
    let day = js_key_day(get(r, "key")?).ok_or_else(|| corrupt("battery key"))?;
    let p = get(r, "p")?
        .dyn_into::<Uint8Array>()
        .map_err(|_| corrupt("battery p"))?
        .to_vec();
    let mut extra = Vec::new();
    let x = get(r, "x")?;
    if !x.is_undefined() && !x.is_instance_of::<Array>() {
        return Err(corrupt("battery x"));
    }
    if let Some(x) = x.dyn_ref::<Array>() {
        for item in x.iter() {
            let text: String = JSON::stringify(&item)
                .map_err(|e| js_err("record", e))?
                .into();
            let v: Value = serde_json::from_str(&text).map_err(|_| corrupt("battery x"))?;
            let t = v["t"].as_u64().and_then(|t| u32::try_from(t).ok());
            let (Some(t), Some(f)) = (t, v["f"].as_object()) else {
                return Err(corrupt("battery x"));
            };
            extra.push((t, f.clone()));
        }
    }
    let pack = battery::DayPack::from_stored(&p, extra).map_err(StoreError::Data)?;
    Ok((day, pack))
}

/// The battery record of one UTC day.
fn write_battery_day(day: NaiveDate, pack: &battery::DayPack) -> Result<JsValue, StoreError> {
    let (p, extra) = pack.to_stored();
    let key = heartrate::day_key(day);
    let mut head = Map::new();
    head.insert("key".into(), Value::from(key.as_str()));
    head.insert("day".into(), Value::from(key.as_str()));
    head.insert("n".into(), Value::from(pack.len()));
    if !extra.is_empty() {
        let x: Vec<Value> = extra
            .into_iter()
            .map(|(t, f)| {
                let mut m = Map::new();
                m.insert("t".into(), Value::from(t));
                m.insert("f".into(), Value::Object(f));
                Value::Object(m)
            })
            .collect();
        head.insert("x".into(), Value::from(x));
    }
    let obj = parse_record(&Value::Object(head).to_string())?;
    Reflect::set(
        &obj,
        &JsValue::from_str("p"),
        &Uint8Array::from(p.as_slice()).into(),
    )
    .map_err(|e| js_err("record", e))?;
    Ok(obj)
}

/// The key of a battery record (a day record's or a row record's).
fn record_key(r: &JsValue) -> Result<String, StoreError> {
    get(r, "key")?
        .as_string()
        .ok_or_else(|| corrupt("battery key"))
}

/// The rows of battery records (day records and row records, in any order) with
/// their natural keys, in time order.
fn battery_docs(records: &[JsValue]) -> Result<Vec<(String, Value)>, StoreError> {
    let mut out = Vec::new();
    for r in records {
        let key = record_key(r)?;
        if battery::is_day_key(&key) {
            let (day, pack) = read_battery_day(r)?;
            out.extend(pack.unpack_keyed(day));
        } else {
            out.push((key, read_doc(r)?));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// The rows of battery records as JSON text exactly as received, in time order.
fn battery_texts(records: &[JsValue]) -> Result<Vec<(String, String)>, StoreError> {
    let mut out = Vec::new();
    for r in records {
        let key = record_key(r)?;
        if battery::is_day_key(&key) {
            let (day, pack) = read_battery_day(r)?;
            out.extend(
                pack.unpack_keyed(day)
                    .into_iter()
                    .map(|(k, v)| (k, v.to_string())),
            );
        } else {
            out.push((key, doc_text(r)?));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// The offset (ms of `day`) a packed row of natural key `key` would have, if such a
/// row can exist (an instant of that day in whole milliseconds).
fn packed_offset(day: NaiveDate, key: &str) -> Option<u32> {
    use chrono::Timelike;
    let at = crate::oura::models::parse_timestamp(key)?.with_timezone(&Utc);
    if at.date_naive() != day || at.nanosecond() % 1_000_000 != 0 {
        return None;
    }
    let ms = (at - day.and_time(chrono::NaiveTime::MIN).and_utc()).num_milliseconds();
    let t = u32::try_from(ms).ok()?;
    (battery::row_key(day, t) == key).then_some(t)
}

/// The UTC days a battery sweep of `range` can remove rows from.
async fn battery_sweep_days(
    store: &ObjectStore<'_>,
    range: &SweepRange,
) -> Result<Vec<NaiveDate>, StoreError> {
    let (first, last) = match range {
        SweepRange::Instants { start, end } => {
            if end <= start {
                return Ok(Vec::new());
            }
            let last = (*end - chrono::TimeDelta::nanoseconds(1)).date_naive();
            (start.date_naive(), last)
        }
        SweepRange::Days { first, last } => (*first, *last),
        SweepRange::All => {
            let days: std::collections::BTreeSet<NaiveDate> = all_keys(store, None)
                .await?
                .iter()
                .filter_map(|k| k.get(..10).and_then(crate::oura::models::parse_day))
                .collect();
            return Ok(days.into_iter().collect());
        }
    };
    let mut out = Vec::new();
    let mut d = first;
    while d <= last {
        out.push(d);
        match d.succ_opt() {
            Some(n) => d = n,
            None => break,
        }
    }
    Ok(out)
}

/// Whether a battery row of natural key `key` lies in a sweep's range.
fn battery_in_range(range: &SweepRange, key: &str) -> bool {
    match range {
        SweepRange::Instants { start, end } => {
            let (lo, hi) = (record::instant_key(*start), record::instant_key(*end));
            lo.as_str() <= key && key < hi.as_str()
        }
        SweepRange::Days { first, last } => key
            .get(..10)
            .and_then(crate::oura::models::parse_day)
            .is_some_and(|d| *first <= d && d <= *last),
        SweepRange::All => true,
    }
}

/// Writes battery rows day by day (inside the caller's transaction: only IndexedDB
/// requests are awaited). Each day is read whole (its day record and its row records
/// of the earlier form: one key range); rows of the earlier form that pack are folded
/// into the day record and their records deleted; a packed row replaces a row record
/// of its instant and the other way round (`Upsert`), or neither is touched
/// (`AddMissing`). With `sweep`, the day's rows in the range that the window did not
/// return (`seen`: natural keys) are removed, and a day left empty is deleted.
async fn merge_battery_days(
    store: &ObjectStore<'_>,
    days: BTreeMap<NaiveDate, BatteryDay>,
    mode: Merge,
    sweep: Option<(&SweepRange, &HashSet<String>)>,
) -> Result<BatteryMerged, StoreError> {
    let mut total = BatteryMerged::default();
    for (day, incoming) in days {
        let (lo, hi) = battery::day_key_range(day);
        let stored = store
            .get_all::<JsValue>()
            .with_query::<String, _>(KeyRange::Bound(lo, false, hi, false))
            .primitive()
            .map_err(idb_err)?
            .await
            .map_err(idb_err)?;
        let mut pack = battery::DayPack::default();
        let mut had_day = false;
        // Row records of this day: natural key → the row, if it packs.
        let mut olds: BTreeMap<String, Option<BatteryRow>> = BTreeMap::new();
        for r in stored {
            let r = r.map_err(idb_err)?;
            let key = record_key(&r)?;
            if battery::is_day_key(&key) {
                pack = read_battery_day(&r)?.1;
                had_day = true;
            } else {
                // A record that cannot be read or would not unpack as received stays
                // as it is.
                let row = read_doc(&r)
                    .ok()
                    .and_then(|doc| BatteryRow::parse(&doc).ok())
                    .filter(|row| row.day == day && row.key() == key);
                olds.insert(key, row);
            }
        }
        let mut changed = false;
        // Fold the earlier form into the day record.
        for (key, row) in &olds {
            let Some(row) = row else { continue };
            if pack.has(row.t) {
                total.doubles += 1;
            } else {
                pack.upsert(row.clone());
            }
            sent(store.delete(key.as_str()).primitive().map_err(idb_err)?);
            changed = true;
        }
        olds.retain(|_, row| row.is_none());
        let m = &mut total.merged;
        for row in incoming.rows {
            let key = row.key();
            match mode {
                Merge::Upsert => {
                    if olds.remove(&key).is_some() {
                        sent(store.delete(key.as_str()).primitive().map_err(idb_err)?);
                        pack.upsert(row);
                        m.replaced += 1;
                    } else if pack.upsert(row) {
                        m.added += 1;
                    } else {
                        m.replaced += 1;
                    }
                    changed = true;
                }
                Merge::AddMissing => {
                    if !olds.contains_key(&key) && pack.add_missing(row) {
                        m.added += 1;
                        changed = true;
                    }
                }
            }
        }
        for (key, r) in incoming.records {
            let packed = packed_offset(day, &key).filter(|t| pack.has(*t));
            match mode {
                Merge::Upsert => {
                    if let Some(t) = packed {
                        pack.remove(t);
                        changed = true;
                        m.replaced += 1;
                    } else if olds.contains_key(&key) {
                        m.replaced += 1;
                    } else {
                        m.added += 1;
                    }
                }
                Merge::AddMissing => {
                    if packed.is_some() || olds.contains_key(&key) {
                        continue;
                    }
                    m.added += 1;
                }
            }
            sent(store.put(&r).primitive().map_err(idb_err)?);
            olds.insert(key, None);
        }
        if let Some((range, seen)) = sweep {
            let gone: Vec<u32> = pack
                .offsets()
                .filter(|t| {
                    let key = battery::row_key(day, *t);
                    battery_in_range(range, &key) && !seen.contains(&key)
                })
                .collect();
            for t in gone {
                pack.remove(t);
                m.removed += 1;
                changed = true;
            }
            for key in olds.keys() {
                if battery_in_range(range, key) && !seen.contains(key) {
                    sent(store.delete(key.as_str()).primitive().map_err(idb_err)?);
                    m.removed += 1;
                }
            }
        }
        if !changed {
            continue;
        }
        let key = heartrate::day_key(day);
        if pack.is_empty() {
            if had_day {
                sent(store.delete(key.as_str()).primitive().map_err(idb_err)?);
            }
        } else {
            sent(
                store
                    .put(write_battery_day(day, &pack)?)
                    .primitive()
                    .map_err(idb_err)?,
            );
        }
    }
    Ok(total)
}

/// The number of battery rows, from the records themselves (once, when the
/// bookkeeping has no count yet): `n` of each day record, one for each row record.
async fn count_battery_rows(store: &ObjectStore<'_>) -> Result<u64, StoreError> {
    let all = store
        .get_all::<JsValue>()
        .primitive()
        .map_err(idb_err)?
        .await
        .map_err(idb_err)?;
    let mut n = 0u64;
    for r in all {
        let r = r.map_err(idb_err)?;
        if battery::is_day_key(&record_key(&r)?) {
            n += get(&r, "n")?.as_f64().unwrap_or(0.0) as u64;
        } else {
            n += 1;
        }
    }
    Ok(n)
}

/// Moves the battery row count in the meta store by `delta`, inside the caller's
/// transaction (which must include [`META_STORE`]); returns the new count.
async fn add_battery_count(
    tx: &Tx<'_>,
    store: &ObjectStore<'_>,
    delta: i64,
) -> Result<u64, StoreError> {
    let n = match read_meta_count(tx, BATTERY_COUNT_KEY).await? {
        Some(n) => (n as i64 + delta).max(0) as u64,
        None => count_battery_rows(store).await?,
    };
    let meta = tx.object_store(META_STORE).map_err(idb_err)?;
    sent(
        meta.put(JsValue::from_str(&n.to_string()))
            .with_key(BATTERY_COUNT_KEY)
            .primitive()
            .map_err(idb_err)?,
    );
    Ok(n)
}

/// Every primary key of a store (or of `range` of it), as strings.
async fn all_keys(
    store: &ObjectStore<'_>,
    range: Option<KeyRange<String>>,
) -> Result<HashSet<String>, StoreError> {
    // Every key of the app's stores is a string, and every string sorts at or after "".
    let range = range.unwrap_or(KeyRange::LowerBound(String::new(), false));
    let keys = store
        .get_all_keys::<JsValue>()
        .with_query::<String, _>(range)
        .primitive()
        .map_err(idb_err)?
        .await
        .map_err(idb_err)?;
    key_set(keys)
}

/// The string keys of a `get_all_keys` answer.
fn key_set(
    keys: impl IntoIterator<Item = Result<JsValue, IdbError>>,
) -> Result<HashSet<String>, StoreError> {
    let mut out = HashSet::new();
    for k in keys {
        if let Some(k) = k.map_err(idb_err)?.as_string() {
            out.insert(k);
        }
    }
    Ok(out)
}

/// The `day` index range of `first..=last`.
fn day_range(first: NaiveDate, last: NaiveDate) -> KeyRange<String> {
    KeyRange::Bound(
        heartrate::day_key(first),
        false,
        heartrate::day_key(last),
        false,
    )
}

/// Removes the records of `range` whose key the window did not return.
async fn sweep_records(
    store: &ObjectStore<'_>,
    range: &SweepRange,
    seen: &HashSet<String>,
) -> Result<Vec<String>, StoreError> {
    let stored = match range {
        SweepRange::All => all_keys(store, None).await?,
        SweepRange::Instants { start, end } => {
            let r = KeyRange::Bound(
                record::instant_key(*start),
                false,
                record::instant_key(*end),
                true,
            );
            all_keys(store, Some(r)).await?
        }
        SweepRange::Days { first, last } => {
            let index = store.index(DAY_INDEX).map_err(idb_err)?;
            let keys = index
                .get_all_keys::<JsValue>()
                .with_query::<String, _>(day_range(*first, *last))
                .primitive()
                .map_err(idb_err)?
                .await
                .map_err(idb_err)?;
            key_set(keys)?
        }
    };
    let mut removed = Vec::new();
    for key in stored.difference(seen) {
        sent(store.delete(key.as_str()).primitive().map_err(idb_err)?);
        removed.push(key.clone());
    }
    Ok(removed)
}

/// The quarantine records of one endpoint (inside the caller's transaction).
async fn quarantined_of(
    qstore: &ObjectStore<'_>,
    endpoint: &Endpoint,
) -> Result<Vec<JsValue>, StoreError> {
    let index = qstore.index(ENDPOINT_INDEX).map_err(idb_err)?;
    let all = index
        .get_all::<JsValue>()
        .with_query::<&str, _>(KeyRange::Only(endpoint.path))
        .primitive()
        .map_err(idb_err)?
        .await
        .map_err(idb_err)?;
    all.into_iter().map(|r| r.map_err(idb_err)).collect()
}

/// Removes the endpoint's quarantined documents of `range` the window did not return.
async fn sweep_quarantine(
    qstore: &ObjectStore<'_>,
    endpoint: &Endpoint,
    range: &SweepRange,
    seen: &HashSet<String>,
) -> Result<u64, StoreError> {
    let mut removed = 0;
    for r in quarantined_of(qstore, endpoint).await? {
        let key = get(&r, "key")?
            .as_string()
            .ok_or_else(|| corrupt("quarantine key"))?;
        let day = get(&r, "day")?.as_string();
        if !seen.contains(&key) && range.holds_day(day.as_deref()) {
            sent(qstore.delete(key.as_str()).primitive().map_err(idb_err)?);
            removed += 1;
        }
    }
    Ok(removed)
}

/// The number of heartrate samples, from the records themselves (once, when the
/// bookkeeping has no count yet).
async fn count_samples(store: &ObjectStore<'_>) -> Result<u64, StoreError> {
    let all = store
        .get_all::<JsValue>()
        .primitive()
        .map_err(idb_err)?
        .await
        .map_err(idb_err)?;
    let mut n = 0u64;
    for r in all {
        let r = r.map_err(idb_err)?;
        n += get(&r, "n")?.as_f64().unwrap_or(0.0) as u64;
    }
    Ok(n)
}

/// A count the meta store keeps, if any (inside the caller's transaction).
async fn read_meta_count(tx: &Tx<'_>, key: &str) -> Result<Option<u64>, StoreError> {
    let meta = tx.object_store(META_STORE).map_err(idb_err)?;
    let got: Option<JsValue> = meta
        .get(key)
        .primitive()
        .map_err(idb_err)?
        .await
        .map_err(idb_err)?;
    Ok(got
        .and_then(|v| v.as_string())
        .and_then(|t| t.parse::<u64>().ok()))
}

/// Moves the heartrate count in the meta store by `delta`, inside the caller's
/// transaction (which must include [`META_STORE`]); returns the new count.
async fn add_heartrate_count(
    tx: &Tx<'_>,
    hr: &ObjectStore<'_>,
    delta: i64,
) -> Result<u64, StoreError> {
    // No count yet: the records (this write already applied) are counted once.
    let n = match read_meta_count(tx, HEARTRATE_COUNT_KEY).await? {
        Some(n) => (n as i64 + delta).max(0) as u64,
        None => count_samples(hr).await?,
    };
    let meta = tx.object_store(META_STORE).map_err(idb_err)?;
    sent(
        meta.put(JsValue::from_str(&n.to_string()))
            .with_key(HEARTRATE_COUNT_KEY)
            .primitive()
            .map_err(idb_err)?,
    );
    Ok(n)
}

/// Writes (`Some`) or deletes (`None`) meta values inside the caller's transaction.
fn put_meta_in(tx: &Tx<'_>, meta: &[(String, Option<Value>)]) -> Result<(), StoreError> {
    if meta.is_empty() {
        return Ok(());
    }
    let store = tx.object_store(META_STORE).map_err(idb_err)?;
    for (k, v) in meta {
        match v {
            Some(v) => sent(
                store
                    .put(JsValue::from_str(&v.to_string()))
                    .with_key(k.as_str())
                    .primitive()
                    .map_err(idb_err)?,
            ),
            None => sent(store.delete(k.as_str()).primitive().map_err(idb_err)?),
        }
    }
    Ok(())
}

/// What [`Store::put_page`] did.
#[derive(Clone, Debug, Default)]
pub struct PageWrite {
    /// Documents (heartrate: samples, ring battery: rows) stored.
    pub written: usize,
    /// Documents kept as received in the quarantine.
    pub quarantined: usize,
    /// Stored documents (heartrate: samples, ring battery: rows) removed by the sweep.
    pub removed: u64,
    /// The keys this page returned (to pass on to the window's last page).
    pub seen: Seen,
}

// ---------------------------------------------------------------------------------
// Free functions

/// Deletes the database `name` (every record and meta; e.g. "sign out and delete
/// data"). Open [`Store`]s of it close themselves first.
pub async fn delete_database(name: &str) -> Result<(), StoreError> {
    Database::delete_by_name(name)
        .map_err(open_err)?
        .await
        .map_err(idb_err)
}

/// Hands a file to the browser as a download: a `Blob` of type `mime` made of the
/// parts (never one giant string), an object URL, a click on a hidden `<a download>`,
/// then the URL is revoked. Works offline. Used by the export and "Download CSV".
pub fn download(file_name: &str, mime: &str, parts: &[String]) -> Result<(), StoreError> {
    let fail = |e: JsValue| {
        StoreError::Download(
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| format!("{e:?}")),
        )
    };
    let window = web_sys::window().ok_or_else(|| StoreError::Download("no window".into()))?;
    let document = window
        .document()
        .ok_or_else(|| StoreError::Download("no document".into()))?;
    let parts: Array = parts.iter().map(|p| JsValue::from_str(p)).collect();
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.set_hidden(true);
    let body = document
        .body()
        .ok_or_else(|| StoreError::Download("no document body".into()))?;
    body.append_child(&a).map_err(fail)?;
    a.click();
    a.remove();
    // Revoke later: some browsers read the URL after the click handler returns.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    window
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)
        .map_err(fail)?;
    Ok(())
}
