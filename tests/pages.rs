//! Every endpoint page's day card in a real browser, rendered from documents with
//! every optional field absent, with unknown enum values and with hostile text: what
//! the user reads. One module per page under `tests/pages/`.
#![cfg(target_arch = "wasm32")]

#[path = "pages/support.rs"]
mod support;

#[path = "pages/existing.rs"]
mod existing;

// heart pages: begin
#[path = "pages/battery.rs"]
mod battery;
#[path = "pages/heartrate.rs"]
mod heartrate;
// heart pages: end

// daily pages: begin
#[path = "pages/bedtime.rs"]
mod bedtime;
#[path = "pages/cardiovascular_age.rs"]
mod cardiovascular_age;
#[path = "pages/personal_info.rs"]
mod personal_info;
#[path = "pages/resilience.rs"]
mod resilience;
#[path = "pages/rings.rs"]
mod rings;
#[path = "pages/spo2.rs"]
mod spo2;
#[path = "pages/stress.rs"]
mod stress;
#[path = "pages/vo2_max.rs"]
mod vo2_max;
// daily pages: end

// event pages: begin
#[path = "pages/rest_mode.rs"]
mod rest_mode;
#[path = "pages/sessions.rs"]
mod sessions;
#[path = "pages/tags.rs"]
mod tags;
#[path = "pages/workouts.rs"]
mod workouts;
// event pages: end
