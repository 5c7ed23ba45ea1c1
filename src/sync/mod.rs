//! The sync engine: plans requests (`plan`, pure), runs them writing page by page
//! (`run`), and reports through signals (`progress`). It calls the Oura client and the
//! store; it never knows the UI.

pub mod demo;
pub mod lock;
pub mod machine;
pub mod plan;
pub mod progress;
pub mod run;

pub use progress::{EndpointProgress, SyncOutcome, SyncProgress};

use crate::config::Config;
use crate::oura::client::Client;
use crate::oura::token::AccessToken;
use crate::store::{Store, StoreError};
use leptos::prelude::*;

/// Default minimum age of the data before the app syncs by itself on opening.
pub const DEFAULT_AUTO_SYNC_MINUTES: i64 = 60;
const AUTO_SYNC_KEY: &str = "healthhub.auto_sync_minutes";

/// The auto-sync interval chosen in Settings (minutes; 0 = only "Sync now").
pub fn auto_sync_minutes() -> i64 {
    crate::web::storage_get(AUTO_SYNC_KEY)
        .and_then(|s| s.parse().ok())
        .filter(|m: &i64| *m >= 0)
        .unwrap_or(DEFAULT_AUTO_SYNC_MINUTES)
}

pub fn set_auto_sync_minutes(minutes: i64) {
    crate::web::storage_set(AUTO_SYNC_KEY, Some(&minutes.to_string()));
}

/// The sync context: the progress signals and the store it writes to.
#[derive(Clone, Copy, Debug)]
pub struct SyncController {
    pub progress: SyncProgress,
    store: StoredValue<Option<Store>, LocalStorage>,
    /// The store is open (`Some(Ok)`), could not be opened (`Some(Err(message))`), or
    /// is still opening (`None`).
    pub attached: RwSignal<Option<Result<(), StoreError>>>,
    /// The open profile is the demo ([`demo`]): no sync, a "Demo data" banner.
    pub demo: RwSignal<bool>,
}

impl SyncController {
    pub fn new() -> Self {
        SyncController {
            progress: SyncProgress::new(),
            store: StoredValue::new_local(None),
            attached: RwSignal::new(None),
            demo: RwSignal::new(false),
        }
    }

    /// Attaches the opened store and loads the saved status into the progress signals.
    pub async fn attach(&self, store: Store) {
        self.store.set_value(Some(store.clone()));
        let _ = run::refresh_status(&store, self.progress).await;
        self.attached.set(Some(Ok(())));
    }

    /// Opens the database of the profile this device has open (the user's, or the
    /// demo's) and attaches it (or records why it could not open).
    pub async fn open_user_store(&self) {
        self.demo.set(demo::is_demo());
        match Store::open(demo::database()).await {
            Ok(store) => self.attach(store).await,
            Err(e) => self.attach_failed(e),
        }
    }

    /// "Try the demo": downloads the demo data, imports it into the demo database
    /// (emptied first; the user's database is not touched) and shows it; on failure the
    /// user's own data is open again, as it was. (Called from code loaded on first use.)
    pub async fn enter_demo(&self) -> Result<(), demo::DemoError> {
        let text = demo::download().await?;
        // A sync of the user's data finishes in the user's database first.
        while self.progress.running.get_untracked() {
            crate::oura::client::sleep(std::time::Duration::from_millis(100)).await;
        }
        self.detach();
        // A fresh demo every time: whatever an earlier visit left is replaced.
        let opened = async {
            crate::store::delete_database(crate::store::DEMO_DB_NAME).await?;
            let store = Store::open(crate::store::DEMO_DB_NAME).await?;
            store.import(&text).await?;
            Ok::<_, StoreError>(store)
        };
        let result = match opened.await {
            Ok(store) => {
                demo::set_demo(true);
                self.demo.set(true);
                self.attach(store).await;
                Ok(())
            }
            Err(e) => {
                let e = crate::store::with_storage_use(e).await;
                // Back to the user's own data, untouched.
                let _ = crate::store::delete_database(crate::store::DEMO_DB_NAME).await;
                self.open_user_store().await;
                Err(e.into())
            }
        };
        self.progress.outcome.set(None);
        self.progress.data_version.update(|v| *v += 1);
        result
    }

    /// "Leave the demo": deletes the demo database and reopens the user's own data, as
    /// it was.
    pub async fn leave_demo(&self) -> Result<(), StoreError> {
        self.detach();
        demo::set_demo(false);
        let deleted = crate::store::delete_database(crate::store::DEMO_DB_NAME).await;
        self.open_user_store().await;
        self.progress.outcome.set(None);
        self.progress.data_version.update(|v| *v += 1);
        deleted
    }

    /// Lets go of the open database (its connection closes with the last clone).
    fn detach(&self) {
        self.attached.set(None);
        self.store.set_value(None);
    }

    /// Records that the store could not be opened (shown to the user).
    pub fn attach_failed(&self, error: StoreError) {
        self.attached.set(Some(Err(error)));
    }

    pub fn store(&self) -> Option<Store> {
        self.store.with_value(|s| s.clone())
    }

    /// The store once it is open (waits while it is still opening); the reason when it
    /// could not be opened.
    pub async fn ready_store(&self) -> Result<Store, StoreError> {
        loop {
            match self.attached.get_untracked() {
                Some(Ok(())) => {
                    if let Some(store) = self.store() {
                        return Ok(store);
                    }
                }
                Some(Err(reason)) => return Err(reason),
                None => {}
            }
            crate::oura::client::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    async fn open_store(&self) -> Result<Store, StoreError> {
        self.ready_store().await
    }

    /// Settings' "Export data": builds the export file and hands it to the browser as a
    /// download (offline, no sign-in needed). Returns the file name.
    pub async fn export_data(&self) -> Result<String, StoreError> {
        let store = self.open_store().await?;
        let file = crate::call_split!(export_lazily(store))
            .map_err(|_| StoreError::NotLoaded)?
            .await?;
        crate::store::download(&file.file_name, "application/json", &file.parts)?;
        Ok(file.file_name)
    }

    /// "Download CSV" of one endpoint (Settings, every endpoint page): builds its table
    /// and hands it to the browser as a download (offline, no sign-in needed). Returns
    /// the file name and the number of rows.
    pub async fn download_csv(
        &self,
        endpoint: &'static crate::endpoints::Endpoint,
    ) -> Result<(String, u64), StoreError> {
        let store = self.open_store().await?;
        let today = chrono::Local::now().date_naive();
        crate::call_split!(csv_lazily(store, endpoint.id, today))
            .map_err(|_| StoreError::NotLoaded)?
            .await
    }

    /// Imports an export file (merges by key, never deletes), then refreshes the status
    /// and the views. Returns the number of records added or updated.
    pub async fn import_data(&self, text: &str) -> Result<u64, StoreError> {
        let store = self.open_store().await?;
        let result = match crate::call_split!(import_lazily(store.clone(), text.to_owned())) {
            Ok(import) => import.await,
            Err(_) => Err(StoreError::NotLoaded),
        };
        self.refreshed(&store).await;
        Ok(result?.total)
    }

    /// Deletes every record and the sync state of both profiles on this device (the
    /// user's database is emptied, the demo's deleted) and reopens the empty user
    /// profile. The caller forgets the token.
    pub async fn delete_data(&self) -> Result<(), StoreError> {
        let store = self.open_store().await?;
        let own = if store.name() == crate::store::DB_NAME {
            store
        } else {
            drop(store);
            self.detach();
            match Store::open(crate::store::DB_NAME).await {
                Ok(own) => own,
                Err(e) => {
                    // Never left without a store: the demo stays open as it was.
                    self.open_user_store().await;
                    return Err(e);
                }
            }
        };
        let result = own.clear().await;
        drop(own);
        self.detach();
        demo::set_demo(false);
        let demo_deleted = crate::store::delete_database(crate::store::DEMO_DB_NAME).await;
        self.open_user_store().await;
        self.progress.outcome.set(None);
        self.progress.data_version.update(|v| *v += 1);
        result.and(demo_deleted)
    }

    async fn refreshed(&self, store: &Store) {
        let _ = run::refresh_status(store, self.progress).await;
        self.progress.data_version.update(|v| *v += 1);
    }

    /// Whether an automatic sync is due (data older than the Settings interval).
    pub fn is_due(&self) -> bool {
        let minutes = auto_sync_minutes();
        minutes > 0
            && plan::is_due(
                self.progress.last_complete_ms.get_untracked(),
                js_sys::Date::now() as i64,
                minutes * 60_000,
            )
    }

    /// Starts a sync unless one is running. The outcome arrives in
    /// `progress.outcome`.
    pub fn start(&self, config: &Config, token: AccessToken) {
        if self.progress.running.get_untracked() {
            return;
        }
        let Some(store) = self.store() else {
            self.progress.outcome.set(Some(SyncOutcome::NotStarted {
                kind: "sync.error.no_store",
                detail: None,
            }));
            return;
        };
        if self.progress.other_tab.get_untracked() {
            return;
        }
        if self.demo.get_untracked() {
            self.progress.outcome.set(Some(SyncOutcome::NotStarted {
                kind: "sync.error.demo",
                detail: None,
            }));
            return;
        }
        let client = Client::from_config(config, token);
        let progress = self.progress;
        progress.running.set(true);
        let today = chrono::Local::now().date_naive();
        let this = *self;
        leptos::task::spawn_local(async move {
            match crate::call_split!(run_lazily(store.clone(), client, progress, today)) {
                Ok(run) => {
                    if run.await.is_none() {
                        // Another tab synced meanwhile: show what it stored.
                        this.refreshed(&store).await;
                        progress.other_tab.set(false);
                    }
                }
                Err(_) => progress.outcome.set(Some(SyncOutcome::NotStarted {
                    kind: "sync.error.load",
                    detail: None,
                })),
            }
            progress.running.set(false);
        });
    }
}

impl Default for SyncController {
    fn default() -> Self {
        Self::new()
    }
}

// The sync run is loaded on first use (see `crate::lazy`).
crate::split! { sync_run;
    fn run_lazily(
        store: Store,
        client: Client,
        progress: progress::SyncProgress,
        today: chrono::NaiveDate,
    ) -> Result<Task<Option<SyncOutcome>>, crate::lazy::LoadFailed> {
        // The texts of Oura's errors (an outcome, a status) live in the page tables.
        crate::i18n::register_pages();
        Ok(Box::pin(async move {
            // One sync at a time across tabs; `None`: another tab's sync ran instead.
            let guard = match lock::try_acquire().await {
                lock::Acquired::Held(guard) => guard,
                lock::Acquired::Busy => {
                    progress.running.set(false);
                    progress.other_tab.set(true);
                    lock::wait_released().await;
                    return None;
                }
            };
            let outcome = run::run(store, client, progress, today).await;
            drop(guard);
            Some(outcome)
        }))
    }
}

type Task<T> = std::pin::Pin<Box<dyn std::future::Future<Output = T>>>;

// Export and import are loaded on first use too (reached from Settings only).
crate::split! { data_export;
    fn export_lazily(
        store: Store,
    ) -> Result<Task<Result<crate::store::ExportFile, StoreError>>, crate::lazy::LoadFailed> {
        Ok(Box::pin(async move { store.export(chrono::Utc::now()).await }))
    }
}

crate::split! { data_import;
    fn import_lazily(
        store: Store,
        text: String,
    ) -> Result<Task<Result<crate::store::ImportReport, StoreError>>, crate::lazy::LoadFailed> {
        Ok(Box::pin(async move {
            match store.import(&text).await {
                Ok(report) => Ok(report),
                // A full disk: the figures right after the refused transaction.
                Err(e) => Err(crate::store::with_storage_use(e).await),
            }
        }))
    }
}

/// A file handed to the browser: its name and rows.
type Saved = (String, u64);

// "Download CSV" too (Settings and the endpoint pages only).
crate::split! { data_csv;
    fn csv_lazily(
        store: Store,
        id: crate::endpoints::EndpointId,
        today: chrono::NaiveDate,
    ) -> Result<Task<Result<Saved, StoreError>>, crate::lazy::LoadFailed> {
        Ok(Box::pin(async move {
            let file = store.csv(id.endpoint(), today).await?;
            crate::store::download(&file.file_name, crate::store::csv::MIME, &file.parts)?;
            Ok((file.file_name, file.rows))
        }))
    }
}
