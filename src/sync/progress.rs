//! What the sync reports, as signals the UI reads (the sync never knows the UI).

use super::plan::StatusSummary;
use crate::endpoints::{EndpointId, ENDPOINTS};
use crate::store::error::StorageUse;
use leptos::prelude::*;

/// How a sync run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncOutcome {
    /// Every endpoint is up to date (unavailable ones included: they are not errors).
    Complete,
    /// Some endpoints failed after retries; the rest is saved. The next sync resumes.
    Partial { failed: usize },
    /// Oura answered 401: sign in again (everything saved is kept).
    NeedsSignIn,
    /// The device went offline; the sync resumes when it is back.
    Offline,
    /// The device storage refused to write (full disk, private mode…): i18n key and
    /// the browser's reason, if any; for a full disk, the storage figures taken when it
    /// happened. Nothing already saved was lost.
    Storage {
        kind: &'static str,
        detail: Option<String>,
        space: Option<StorageUse>,
    },
    /// Sync could not start (no usable configuration, not signed in, store unavailable).
    NotStarted {
        kind: &'static str,
        detail: Option<String>,
    },
}

/// The per-endpoint status shown in Settings and on each page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EndpointProgress {
    pub state: StatusSummary,
    /// Records on this device (heartrate: samples).
    pub count: u64,
    /// Documents kept as received that could not be read (the store's quarantine).
    pub quarantined: u64,
    /// Being fetched right now.
    pub active: bool,
}

/// The sync's live state. `Copy`: provide it once as context.
#[derive(Clone, Copy, Debug)]
pub struct SyncProgress {
    pub running: RwSignal<bool>,
    /// Another tab is syncing (one sync at a time across tabs): this one waits and
    /// shows the new data when that sync ends.
    pub other_tab: RwSignal<bool>,
    /// Endpoints finished in this run (done, unavailable or failed) out of 19.
    pub endpoints_done: RwSignal<usize>,
    /// Records written in this run.
    pub records_written: RwSignal<u64>,
    /// The endpoint and window being fetched (path, window description).
    pub current: RwSignal<Option<(EndpointId, String)>>,
    /// One entry per endpoint, indexed by `EndpointId as usize`.
    pub endpoints: RwSignal<Vec<EndpointProgress>>,
    pub outcome: RwSignal<Option<SyncOutcome>>,
    /// When the last complete sync finished (ms since the epoch).
    pub last_complete_ms: RwSignal<Option<i64>>,
    /// Bumped after every write so views re-read the store.
    pub data_version: RwSignal<u64>,
}

impl SyncProgress {
    pub fn new() -> Self {
        SyncProgress {
            running: RwSignal::new(false),
            other_tab: RwSignal::new(false),
            endpoints_done: RwSignal::new(0),
            records_written: RwSignal::new(0),
            current: RwSignal::new(None),
            endpoints: RwSignal::new(vec![EndpointProgress::default(); ENDPOINTS.len()]),
            outcome: RwSignal::new(None),
            last_complete_ms: RwSignal::new(None),
            data_version: RwSignal::new(0),
        }
    }

    pub fn total(&self) -> usize {
        ENDPOINTS.len()
    }

    pub(crate) fn update_endpoint(&self, id: EndpointId, f: impl FnOnce(&mut EndpointProgress)) {
        self.endpoints.update(|v| {
            if let Some(e) = v.get_mut(id as usize) {
                f(e);
            }
        });
    }
}

impl Default for SyncProgress {
    fn default() -> Self {
        Self::new()
    }
}
