//! Pure statistics behind the insights: the trends page (personal baselines, week and
//! month means, this period against a year ago), tag effects (a difference of means
//! with a deterministic bootstrap interval) and "what changed today" (a day against its
//! usual range). Plain functions on `&[f64]` and per-day series: no web-sys, no leptos,
//! no I/O, so everything here is tested natively.

pub mod baseline;
pub mod effects;
pub mod stats;
