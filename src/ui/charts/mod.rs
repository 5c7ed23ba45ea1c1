//! The hand-written SVG chart kit (no chart library).
//!
//! - [`scale`], [`format`], [`sample`]: pure helpers — scales and ticks, label
//!   formatting per language, downsampling for drawing and path building.
//! - [`model`]: what each chart draws, as data (natively tested).
//! - [`view`]: the Leptos components [`LineChart`], [`BarChart`], [`BandChart`], [`BaselineChart`],
//!   [`Hypnogram`], [`CategoryStrip`] and [`ScoreRing`], all drawn by one renderer:
//!   responsive SVG (`viewBox`, CSS width 100%), colors from CSS variables
//!   (style/main.css, charts section), `role="img"` with `<title>` and a text alternative, and a
//!   tooltip for pointer, touch and keyboard (arrows, Home/End, Escape) announced
//!   through `aria-live`. No inline styles, no `inner_html`.

pub mod format;
pub mod model;
pub mod sample;
pub mod scale;
pub mod view;
// heart charts: begin
pub mod battery;
pub mod heart;
// heart charts: end
// daily charts: begin
pub mod bedtime;
// daily charts: end
// event charts: begin
pub mod timeline;
// event charts: end

pub use model::{BandPoint, Series, XAxis};
pub use sample::Point;
pub use scale::day_ms;
pub use view::{
    BandChart, BarChart, BaselineChart, CategoryStrip, Hypnogram, LineChart, ScoreRing,
};

/// Unix ms and UTC offset (seconds) of an Oura timestamp, for `start_ms`/`offset_s`
/// and [`XAxis::Clock`].
pub fn timestamp(t: &crate::oura::models::Timestamp) -> (f64, i32) {
    (t.timestamp_millis() as f64, t.offset().local_minus_utc())
}
