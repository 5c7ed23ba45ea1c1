//! The insights, computed on the device. Pure: no web-sys, no leptos, no I/O, so
//! everything here is tested natively.
//!
//! - [`series`]: the compact per-day series (what the store keeps beside each document)
//!   and the table of measures.
//! - [`stats`], [`baseline`], [`effects`]: the statistics — order statistics, personal
//!   baselines (rolling median ± robust spread), week and month means, this period
//!   against a year ago, a difference of means with a deterministic bootstrap interval.
//! - [`trends`] (one measure over a range), [`tag_effects`] (what each tag does) and
//!   [`changes`] (what changed on a day): what the pages show.

pub mod baseline;
pub mod changes;
pub mod effects;
pub mod series;
pub mod stats;
pub mod tag_effects;
pub mod trends;
