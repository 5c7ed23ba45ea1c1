//! One file per route.

mod common;
mod daily;
mod data_index;
mod doc;
mod endpoint;
pub mod logic;
mod not_found;
mod settings;
mod sleep;
mod today;

pub use data_index::DataIndexPage;
pub use endpoint::EndpointPage;
pub use not_found::NotFoundPage;
pub use settings::{LanguageSelect, SettingsPage};
pub use today::TodayPage;

/// Sets the document title to "<page> · healthHub" (announced by screen readers).
pub(crate) fn set_title(page: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&format!("{page} · healthHub"));
    }
}
