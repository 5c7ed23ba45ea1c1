//! The browser half of the store: IndexedDB through `indexed_db_futures` (tested in
//! Chromium by `tests/store.rs`).
//!
//! Rules kept here: every write is one readwrite transaction that is `commit()`ed at
//! the end (an early `?` drops it, which rolls it back); nothing but IndexedDB requests
//! is awaited inside a transaction; all parsing and checking happens before the
//! transaction starts.

use super::error::StoreError;
use super::export::{self, ExportFile, ExportWriter, ImportCount, ImportReport};
use super::heartrate::{self, Columns, DayPack, Merged, Sample};
use super::record;
use super::{DAY_INDEX, META_STORE, SCHEMA_VERSION};
use crate::endpoints::{Endpoint, NaturalKey, ENDPOINTS};
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
use std::collections::HashSet;
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
        "QuotaExceededError" => StoreError::QuotaExceeded,
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
                "QuotaExceededError" => StoreError::QuotaExceeded,
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

struct Inner {
    name: String,
    db: Database,
    idb: web_sys::IdbDatabase,
    _on_version_change: Closure<dyn FnMut()>,
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
        Ok(Store {
            inner: Rc::new(Inner {
                name: name.to_owned(),
                db,
                idb,
                _on_version_change: on_version_change,
            }),
        })
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
    /// key and writes every `(key, value)` of `meta` into the meta store; all of it
    /// lands or none. Every doc is checked first: one without its natural key (or not
    /// an object; heartrate: an invalid sample) fails the whole page with
    /// [`StoreError::Data`] naming it, and nothing is written. Returns the number of
    /// docs written (heartrate: samples).
    pub async fn put_page(
        &self,
        endpoint: &'static Endpoint,
        docs: &[Value],
        meta: &[(String, Value)],
    ) -> Result<usize, StoreError> {
        if endpoint.key == NaturalKey::TimestampSource {
            let samples = docs
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    Sample::parse(d)
                        .map_err(|e| StoreError::Data(format!("{} sample {i} {e}", endpoint.path)))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let n = samples.len();
            let tx = self.tx(&[endpoint.path, META_STORE], TransactionMode::Readwrite)?;
            let store = tx.object_store(endpoint.path).map_err(idb_err)?;
            merge_days(&store, heartrate::by_day(samples)).await?;
            put_meta_in(&tx, meta)?;
            drop(store);
            tx.commit().await.map_err(idb_err)?;
            return Ok(n);
        }
        let records = docs
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let m = record::describe(endpoint, d).map_err(|e| {
                    StoreError::Data(format!("document {i} of {} {e}", endpoint.path))
                })?;
                parse_record(&record::record_json(&m, &d.to_string()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let tx = self.tx(&[endpoint.path, META_STORE], TransactionMode::Readwrite)?;
        let store = tx.object_store(endpoint.path).map_err(idb_err)?;
        for r in &records {
            sent(store.put(r).primitive().map_err(idb_err)?);
        }
        put_meta_in(&tx, meta)?;
        drop(store);
        tx.commit().await.map_err(idb_err)?;
        Ok(records.len())
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
        put_meta_in(&tx, &[(key.to_owned(), value.clone())])?;
        tx.commit().await.map_err(idb_err)
    }

    /// Deletes one value of the meta store (absent is fine).
    pub async fn delete_meta(&self, key: &str) -> Result<(), StoreError> {
        let tx = self.tx(&[META_STORE], TransactionMode::Readwrite)?;
        let store = tx.object_store(META_STORE).map_err(idb_err)?;
        sent(store.delete(key).primitive().map_err(idb_err)?);
        drop(store);
        tx.commit().await.map_err(idb_err)
    }

    /// Number of documents of the collection (heartrate: samples).
    pub async fn count(&self, endpoint: &'static Endpoint) -> Result<u64, StoreError> {
        let tx = self.tx(&[endpoint.path], TransactionMode::Readonly)?;
        let store = tx.object_store(endpoint.path).map_err(idb_err)?;
        let n = if endpoint.key == NaturalKey::TimestampSource {
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
            n
        } else {
            u64::from(
                store
                    .count()
                    .primitive()
                    .map_err(idb_err)?
                    .await
                    .map_err(idb_err)?,
            )
        };
        drop(store);
        let _ = tx.commit().await;
        Ok(n)
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
        let range = KeyRange::Bound(
            heartrate::day_key(first),
            false,
            heartrate::day_key(last),
            false,
        );
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
        read_all(endpoint, &records)
    }

    /// Every document of the collection, by day (those without a day first), then key;
    /// heartrate unpacked to `{bpm, source, timestamp}` samples in time order.
    pub async fn all_docs(&self, endpoint: &'static Endpoint) -> Result<Vec<Value>, StoreError> {
        let tx = self.tx(&[endpoint.path], TransactionMode::Readonly)?;
        let store = tx.object_store(endpoint.path).map_err(idb_err)?;
        let records = get_all_sorted(&store).await?;
        drop(store);
        let _ = tx.commit().await;
        read_all(endpoint, &records)
    }

    /// The export file (DESIGN §5): every stored document exactly once, read in one
    /// transaction (a consistent snapshot). No meta, no token.
    pub async fn export(&self, exported_at: DateTime<Utc>) -> Result<ExportFile, StoreError> {
        let paths: Vec<&str> = ENDPOINTS.iter().map(|e| e.path).collect();
        let tx = self.tx(&paths, TransactionMode::Readonly)?;
        let mut w = ExportWriter::new(exported_at);
        for e in &ENDPOINTS {
            let store = tx.object_store(e.path).map_err(idb_err)?;
            let records = get_all_sorted(&store).await?;
            w.begin(e.path);
            for r in &records {
                if e.key == NaturalKey::TimestampSource {
                    let (day, pack) = read_day(r)?;
                    pack.unpack_json(day, &mut |s| w.doc(&s));
                } else {
                    w.doc(&read_doc(r)?.to_string());
                }
            }
        }
        let _ = tx.commit().await;
        Ok(ExportFile {
            file_name: export::file_name(exported_at),
            parts: w.finish(),
        })
    }

    /// Imports an export file: checks all of it first (anything but a healthHub export
    /// version 1 is refused with [`StoreError::InvalidImport`] and the reason), then
    /// upserts every document by natural key in one transaction. Never deletes.
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
        if names.is_empty() {
            return Ok(report);
        }
        // Build the JS records before the transaction (no work but requests inside it).
        let mut batches = Vec::with_capacity(plan.docs.len());
        for (endpoint, docs) in &plan.docs {
            let records = docs
                .iter()
                .map(|(m, raw)| parse_record(&record::record_json(m, raw.get())))
                .collect::<Result<Vec<_>, _>>()?;
            let keys: Vec<&str> = docs.iter().map(|(m, _)| m.key.as_str()).collect();
            batches.push((*endpoint, keys, records));
        }
        let tx = self.tx(&names, TransactionMode::Readwrite)?;
        for (endpoint, keys, records) in &batches {
            let store = tx.object_store(endpoint.path).map_err(idb_err)?;
            let existing = store
                .get_all_keys::<JsValue>()
                .primitive()
                .map_err(idb_err)?
                .await
                .map_err(idb_err)?;
            let mut known: HashSet<String> = HashSet::new();
            for k in existing {
                if let Some(k) = k.map_err(idb_err)?.as_string() {
                    known.insert(k);
                }
            }
            let mut count = ImportCount {
                path: endpoint.path,
                added: 0,
                updated: 0,
            };
            for (key, r) in keys.iter().zip(records) {
                sent(store.put(r).primitive().map_err(idb_err)?);
                if known.insert((*key).to_owned()) {
                    count.added += 1;
                } else {
                    count.updated += 1;
                }
            }
            report.collections.push(count);
        }
        if plan.has_heartrate {
            let store = tx.object_store(hr).map_err(idb_err)?;
            let m = merge_days(&store, plan.take_heartrate_days()).await?;
            report.collections.push(ImportCount {
                path: hr,
                added: m.added,
                updated: m.replaced,
            });
        }
        tx.commit().await.map_err(idb_err)?;
        report.total = report.added() + report.updated();
        Ok(report)
    }

    /// Deletes every record and every meta value (the database itself stays).
    pub async fn clear(&self) -> Result<(), StoreError> {
        let mut names: Vec<&str> = ENDPOINTS.iter().map(|e| e.path).collect();
        names.push(META_STORE);
        let tx = self.tx(&names, TransactionMode::Readwrite)?;
        for name in &names {
            let store = tx.object_store(name).map_err(idb_err)?;
            sent(store.clear().map_err(idb_err)?);
        }
        tx.commit().await.map_err(idb_err)
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

/// The document of a record, exactly as received.
fn read_doc(r: &JsValue) -> Result<Value, StoreError> {
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

/// The UTC day and samples of a heartrate record.
fn read_day(r: &JsValue) -> Result<(NaiveDate, DayPack), StoreError> {
    let day = js_key_day(get(r, "key")?).ok_or_else(|| corrupt("heartrate key"))?;
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
    let sources: Vec<String> = get(r, "sources")?
        .dyn_into::<Array>()
        .map_err(|_| corrupt("heartrate sources"))?
        .iter()
        .map(|s| s.as_string().ok_or_else(|| corrupt("heartrate sources")))
        .collect::<Result<_, _>>()?;
    let mut extra = Vec::new();
    if let Some(x) = get(r, "x")?.dyn_ref::<Array>() {
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
    set("t", &Uint32Array::from(c.t.as_slice()).into())?;
    set("bpm", &Uint16Array::from(c.bpm.as_slice()).into())?;
    set("src", &Uint8Array::from(c.src.as_slice()).into())?;
    Ok(obj)
}

/// Appends the documents of a record (heartrate: its samples) to `out`.
/// The documents of stored records, in their order (heartrate days unpacked).
fn read_all(endpoint: &Endpoint, records: &[JsValue]) -> Result<Vec<Value>, StoreError> {
    let mut out = Vec::with_capacity(records.len());
    for r in records {
        read_into(endpoint, r, &mut out)?;
    }
    Ok(out)
}

fn read_into(endpoint: &Endpoint, r: &JsValue, out: &mut Vec<Value>) -> Result<(), StoreError> {
    if endpoint.key == NaturalKey::TimestampSource {
        let (day, pack) = read_day(r)?;
        out.extend(pack.unpack(day));
    } else {
        out.push(read_doc(r)?);
    }
    Ok(())
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

/// Upserts samples day by day into the heartrate store (inside the caller's
/// transaction: only IndexedDB requests are awaited).
async fn merge_days(
    store: &ObjectStore<'_>,
    days: impl IntoIterator<Item = (NaiveDate, Vec<Sample>)>,
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
        let mut pack = match existing {
            Some(r) => read_day(&r)?.1,
            None => DayPack::default(),
        };
        let m = pack.merge(samples);
        total.added += m.added;
        total.replaced += m.replaced;
        sent(
            store
                .put(write_day(day, &pack)?)
                .primitive()
                .map_err(idb_err)?,
        );
    }
    Ok(total)
}

fn put_meta_in(tx: &Tx<'_>, meta: &[(String, Value)]) -> Result<(), StoreError> {
    if meta.is_empty() {
        return Ok(());
    }
    let store = tx.object_store(META_STORE).map_err(idb_err)?;
    for (k, v) in meta {
        sent(
            store
                .put(JsValue::from_str(&v.to_string()))
                .with_key(k.as_str())
                .primitive()
                .map_err(idb_err)?,
        );
    }
    Ok(())
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

/// Hands the export to the browser as a download: a `Blob` of the parts, an object
/// URL, a click on a hidden `<a download>`, then the URL is revoked. Works offline.
pub fn download(file: &ExportFile) -> Result<(), StoreError> {
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
    let parts: Array = file.parts.iter().map(|p| JsValue::from_str(p)).collect();
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(&file.file_name);
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
