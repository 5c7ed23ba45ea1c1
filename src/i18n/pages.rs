//! Text of the data pages, one file per page (`src/ui/pages/<page>.rs`), English and
//! Japanese side by side. Registered by the pages' split module (see
//! [`super::register_pages`]); the main tables (`en.rs`, `ja.rs`) keep the text of the
//! first screen. A key lives in exactly one table (a test checks).

mod battery;
mod bedtime;
mod cardiovascular_age;
mod client;
mod common;
mod csv;
mod demo;
mod heartrate;
mod insights;
mod personal_info;
mod resilience;
mod rest_mode;
mod rings;
mod sessions;
mod settings;
mod shared;
mod sleep;
mod spo2;
mod stress;
// storage: begin
mod storage;
// storage: end
mod tags;
mod vo2_max;
mod workouts;

/// One page's text: the same keys in both languages.
pub struct PageText {
    pub en: &'static [(&'static str, &'static str)],
    pub ja: &'static [(&'static str, &'static str)],
}

/// The text of "What changed" on Today (registered alone: see `i18n::register_changes`).
pub static CHANGED: PageText = insights::CHANGED;

/// Every page's table.
pub static TABLES: &[PageText] = &[
    heartrate::TEXT,
    battery::TEXT,
    stress::TEXT,
    resilience::TEXT,
    cardiovascular_age::TEXT,
    common::TEXT,
    csv::TEXT,
    spo2::TEXT,
    vo2_max::TEXT,
    bedtime::TEXT,
    workouts::TEXT,
    sessions::TEXT,
    shared::TEXT,
    tags::TEXT,
    rest_mode::TEXT,
    rings::TEXT,
    personal_info::TEXT,
    sleep::TEXT,
    demo::TEXT,
    settings::TEXT,
    client::TEXT,
    insights::TEXT,
    insights::CHANGED,
    // storage: begin
    storage::TEXT,
    // storage: end
];
