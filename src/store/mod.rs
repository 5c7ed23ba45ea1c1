//! The offline store: every document of the 19 collections, in IndexedDB (DESIGN §5).
//!
//! Never touches the network and knows nothing of the sync engine or the UI.
//!
//! - Database [`DB_NAME`] for the user's data, [`DEMO_DB_NAME`] for demo data (never mixed).
//! - One object store per endpoint, named by its path exactly (`vO2_max`), with in-line
//!   key `key` and (schema v2) an index `day`; plus the `meta` store (out-of-line string
//!   keys, values stored as JSON text) for the sync engine's bookkeeping.
//! - Records: see [`record`] (documents, kept exactly as received), [`heartrate`]
//!   (samples packed per UTC day) and [`battery`] (ring battery rows packed per UTC
//!   day).
//! - Export/import: [`export`] (the §5 contract); "Download CSV" of one collection:
//!   [`csv`].
//!
//! Schema history ([`SCHEMA_VERSION`]):
//! - v1: the 18 collection stores of OpenAPI 1.27 (key path `key`) and `meta`.
//! - v2: a `day` index on every collection store (records always carried `day`, so the
//!   browser fills the index from the existing records; nothing is rewritten).
//! - v3: the `ring_battery_level` store (endpoint 19, OpenAPI 1.41) and the
//!   `quarantine` store (documents kept as received that cannot be indexed, see
//!   [`page`]) with an `endpoint` index; every existing record is kept as it is. The
//!   heartrate sample count is kept in meta [`HEARTRATE_COUNT_KEY`] (written with every
//!   heartrate write; computed once from the records when absent).
//! - v4: the `series` store (see [`series`]): a compact row beside each document the
//!   insights use, with a `day` index; built from the existing documents on first use.
//!   Heartrate days are written with their samples as bytes `p` ([`heartrate_bytes`],
//!   ≈ 2–3 B a sample instead of 7); a day written before keeps its typed arrays until
//!   it next changes, and both are read (no migration).
//!   Ring battery rows (still v4, same object store, no migration): one record per
//!   UTC day (`key` = `day` = `YYYY-MM-DD`, rows as bytes `p`, see [`battery`] and
//!   [`battery_bytes`]) instead of one record per row (`key` = the instant key,
//!   `doc`). Records of the row form are still read, sort inside their day's key
//!   range, and are folded into the day record (and deleted) in the transaction that
//!   next writes their day; a row that would not unpack as received keeps the row form.
//!   The row count is kept in meta [`BATTERY_COUNT_KEY`] (computed once from the
//!   records when absent).
//!
//! `error`, `record`, `heartrate`, `heartrate_bytes`, `battery`, `battery_bytes`,
//! `export`, `csv` and `series` are pure (tested natively); `idb` is the browser half
//! (tested in Chromium by `tests/store.rs`).

pub mod battery;
pub mod battery_bytes;
pub mod csv;
mod deflate;
pub mod error;
pub mod export;
pub mod heartrate;
pub mod heartrate_bytes;
pub mod heartrate_days;
mod idb;
pub mod inflate;
pub mod page;
pub mod record;
pub mod series;
pub mod varint;

pub use csv::CsvFile;
pub use error::StoreError;
pub use export::{ExportFile, ImportCount, ImportReport};
pub use idb::{delete_database, download, storage_use, with_storage_use, PageWrite, Store};
pub use page::{Seen, SweepRange};

/// The database of the user's data.
pub const DB_NAME: &str = "healthhub";
/// The database of the demo data (never mixed with the user's).
pub const DEMO_DB_NAME: &str = "healthhub-demo";
/// The current schema version (see the module docs for the history).
pub const SCHEMA_VERSION: u32 = 4;
/// The name of the meta store.
pub const META_STORE: &str = "meta";
/// Meta key of the number of heartrate samples stored (the store's bookkeeping).
pub const HEARTRATE_COUNT_KEY: &str = "count/heartrate";
/// Meta key of the number of ring battery rows stored (rows, not day records).
pub const BATTERY_COUNT_KEY: &str = "count/ring_battery_level";
/// The name of the `day` index of every collection store.
pub const DAY_INDEX: &str = "day";

/// A small deterministic PRNG (xorshift64*) for the store's property tests (no crate).
#[cfg(test)]
pub(crate) mod test_rng {
    pub struct Rng(pub u64);
    impl Rng {
        pub fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        pub fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }
}
