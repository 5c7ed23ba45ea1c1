//! [`StoreError`]: every way the offline store can fail, each with a stable i18n key.
//! Pure (no web-sys): the mapping from browser exceptions lives in `idb`.

use thiserror::Error;

/// How much of the device's storage the app uses, from `navigator.storage.estimate()`
/// (bytes): what a full disk reports, and what Settings shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StorageUse {
    pub used: u64,
    pub quota: u64,
}

/// `bytes` in KB, MB, GB or TB (decimal units, as devices report free space) with at
/// most one decimal, rounded half up: `12.4 MB`, `2.1 GB`, `0 KB`; below 1,000 in its
/// unit, so no digit grouping is needed (English and Japanese write these alike).
/// Integer arithmetic only (no float formatting in the first load).
pub fn bytes_text(bytes: u64) -> String {
    let b = bytes.saturating_mul(10);
    let mut unit: u64 = 1_000;
    let mut i = 0;
    // The next unit as soon as this one would round to 1,000.
    while i < 3 && b.saturating_add(unit / 2) / unit >= 10_000 {
        unit *= 1_000;
        i += 1;
    }
    let tenths = b.saturating_add(unit / 2) / unit;
    let mut out = (tenths / 10).to_string();
    let tenth = (tenths % 10) as u8;
    if tenth > 0 {
        out.push('.');
        out.push(char::from(b'0' + tenth));
    }
    out.push(' ');
    out.push_str(["KB", "MB", "GB", "TB"][i]);
    out
}

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
    /// With the browser's figures taken right after the failure, when it has them.
    #[error("Device storage is full — free some space, then try again. Nothing already stored was lost.")]
    QuotaExceeded(Option<StorageUse>),
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
            StoreError::QuotaExceeded(_) => "store.error.quota",
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

    /// The storage figures of a full disk, if the browser gave them.
    pub fn storage_use(&self) -> Option<StorageUse> {
        match self {
            StoreError::QuotaExceeded(u) => *u,
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
            StoreError::QuotaExceeded(None),
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
        let quota = StoreError::QuotaExceeded(None).to_string();
        assert!(quota.contains("Device storage is full"));
        assert!(quota.contains("free some space"));
        assert!(quota.contains("Nothing already stored was lost"));
        assert!(
            StoreError::InvalidImport("version 2 is not supported".into())
                .to_string()
                .contains("version 2 is not supported")
        );
    }

    #[test]
    fn a_full_disk_keeps_its_figures() {
        let u = StorageUse { used: 5, quota: 6 };
        assert_eq!(StoreError::QuotaExceeded(Some(u)).storage_use(), Some(u));
        assert_eq!(
            StoreError::QuotaExceeded(Some(u)).kind(),
            "store.error.quota"
        );
        assert_eq!(StoreError::QuotaExceeded(None).storage_use(), None);
        assert_eq!(StoreError::Closed.storage_use(), None);
    }

    #[test]
    fn bytes_are_written_in_the_unit_that_fits() {
        assert_eq!(bytes_text(12_350_000), "12.4 MB");
        assert_eq!(bytes_text(12_349_999), "12.3 MB");
        assert_eq!(bytes_text(12_000_000), "12 MB");
        assert_eq!(bytes_text(2_100_000_000), "2.1 GB");
        assert_eq!(bytes_text(2_149_999_999), "2.1 GB");
        assert_eq!(bytes_text(0), "0 KB");
        assert_eq!(bytes_text(1_450), "1.5 KB");
        assert_eq!(bytes_text(999_949), "999.9 KB");
        assert_eq!(bytes_text(999_950), "1 MB");
        assert_eq!(bytes_text(999_949_999), "999.9 MB");
        assert_eq!(bytes_text(999_950_000), "1 GB");
        assert_eq!(bytes_text(999_949_999_999), "999.9 GB");
        assert_eq!(bytes_text(1_234_567_000_000), "1.2 TB");
        assert_eq!(bytes_text(987_654_000_000_000), "987.7 TB");
        assert!(bytes_text(u64::MAX).ends_with(" TB"));
    }
}
