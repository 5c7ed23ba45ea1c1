//! [`StoreError`]: every way the offline store can fail, each with a stable i18n key.
//! Pure (no web-sys): the mapping from browser exceptions lives in `idb`.

use thiserror::Error;

/// An error of the offline store. [`StoreError::kind`] is a stable key for translated
/// messages; `Display` is the English message.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum StoreError {
    /// The database could not be opened (reason from the browser).
    #[error("Could not open the data stored on this device: {0}")]
    OpenFailed(String),
    /// An upgrade of the database waits for another tab that still has an older version open.
    #[error("healthHub was updated, but another healthHub tab still uses the old version of its data: close other healthHub tabs, then reload this page.")]
    Blocked,
    /// The data on this device was written by a newer healthHub than this page.
    #[error("The data on this device was saved by a newer version of healthHub: reload this page to update it.")]
    VersionTooNew,
    /// The connection was closed (another tab upgraded or deleted the database).
    #[error("Another healthHub tab updated or deleted the data on this device: reload this page.")]
    Closed,
    /// The device's storage quota is exhausted; the failed transaction rolled back.
    #[error("Device storage is full — free some space, then try again. Nothing already stored was lost.")]
    QuotaExceeded,
    /// A transaction was aborted and rolled back (reason from the browser).
    #[error("Saving data on this device failed and nothing of it was written: {0}")]
    Aborted(String),
    /// A document cannot be stored (e.g. it lacks its natural key): nothing of the page was written.
    #[error("Invalid data, nothing of it was stored: {0}")]
    Data(String),
    /// The file given to import is not a healthHub export (precise reason).
    #[error("This file cannot be imported: {0}")]
    InvalidImport(String),
    /// IndexedDB is not available (e.g. private browsing in some browsers).
    #[error("This browser does not let healthHub store data on this device (private browsing?): data cannot be kept offline.")]
    Unavailable,
    /// The part of the app that does this could not be loaded (offline before it was
    /// cached, or the app was updated meanwhile).
    #[error("A part of healthHub could not be loaded (offline, or the app was updated): reload the page and try again.")]
    NotLoaded,
    /// The export file could not be handed to the browser as a download.
    #[error("The export could not be downloaded: {0}")]
    Download(String),
}

impl StoreError {
    /// Every kind key, in declaration order (for i18n tables and their tests).
    pub const KINDS: [&'static str; 11] = [
        "store.error.open",
        "store.error.blocked",
        "store.error.version",
        "store.error.closed",
        "store.error.quota",
        "store.error.aborted",
        "store.error.data",
        "store.error.import",
        "store.error.unavailable",
        "store.error.not_loaded",
        "store.error.download",
    ];

    /// A stable key for a translated message, e.g. `store.error.quota`.
    pub fn kind(&self) -> &'static str {
        match self {
            StoreError::OpenFailed(_) => "store.error.open",
            StoreError::Blocked => "store.error.blocked",
            StoreError::VersionTooNew => "store.error.version",
            StoreError::Closed => "store.error.closed",
            StoreError::QuotaExceeded => "store.error.quota",
            StoreError::Aborted(_) => "store.error.aborted",
            StoreError::Data(_) => "store.error.data",
            StoreError::InvalidImport(_) => "store.error.import",
            StoreError::Unavailable => "store.error.unavailable",
            StoreError::NotLoaded => "store.error.not_loaded",
            StoreError::Download(_) => "store.error.download",
        }
    }

    /// The variable part of the message (the reason), if the kind has one: for
    /// translated messages of the form "<translated kind>: <detail>".
    pub fn detail(&self) -> Option<&str> {
        match self {
            StoreError::OpenFailed(s)
            | StoreError::Aborted(s)
            | StoreError::Data(s)
            | StoreError::InvalidImport(s)
            | StoreError::Download(s) => Some(s),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Vec<StoreError> {
        let s = || "x".to_string();
        vec![
            StoreError::OpenFailed(s()),
            StoreError::Blocked,
            StoreError::VersionTooNew,
            StoreError::Closed,
            StoreError::QuotaExceeded,
            StoreError::Aborted(s()),
            StoreError::Data(s()),
            StoreError::InvalidImport(s()),
            StoreError::Unavailable,
            StoreError::NotLoaded,
            StoreError::Download(s()),
        ]
    }

    #[test]
    fn kinds_are_stable_unique_and_listed() {
        let kinds: Vec<_> = all().iter().map(StoreError::kind).collect();
        assert_eq!(kinds, StoreError::KINDS);
        let set: std::collections::BTreeSet<_> = kinds.iter().collect();
        assert_eq!(set.len(), kinds.len());
    }

    #[test]
    fn messages_say_what_to_do() {
        assert!(StoreError::Blocked
            .to_string()
            .contains("close other healthHub tabs"));
        let quota = StoreError::QuotaExceeded.to_string();
        assert!(quota.contains("Device storage is full"));
        assert!(quota.contains("free some space"));
        assert!(quota.contains("Nothing already stored was lost"));
        assert!(
            StoreError::InvalidImport("version 2 is not supported".into())
                .to_string()
                .contains("version 2 is not supported")
        );
    }
}
