//! One file per route. The endpoint table's `page` column says which page shows an
//! endpoint ([`endpoint_page`]).

pub mod activity;
pub mod common;
mod data_index;
pub mod doc;
mod endpoint;
pub mod logic;
mod not_found;
pub mod readiness;
pub mod sessions;
mod settings;
pub mod sleep;
pub mod sleep_score;
pub mod tags;
mod today;
mod today_events;
mod today_vitals;
pub mod workouts;
// heart pages (heartrate, battery): begin
pub mod battery;
pub mod heartrate;
pub mod local_day;
// heart pages: end
// daily pages (stress, resilience, cardiovascular_age, spo2, vo2_max, bedtime, rings, personal_info): begin
pub mod bedtime;
pub mod cardiovascular_age;
pub mod daily_kit;
pub mod personal_info;
pub mod resilience;
pub mod rings;
pub mod spo2;
pub mod stress;
pub mod vo2_max;
// daily pages: end
// event pages (rest_mode; workouts, sessions, tags above): begin
pub mod events;
pub mod rest_mode;
// event pages: end

pub use data_index::DataIndexPage;
pub use endpoint::EndpointPage;
pub use not_found::NotFoundPage;
pub use settings::{LanguageSelect, SettingsPage};
pub use today::TodayPage;

use crate::endpoints::{Endpoint, Page};
use leptos::prelude::*;

/// The page of an endpoint, as its table row's `page` column names it.
pub fn endpoint_page(e: &'static Endpoint) -> AnyView {
    match e.page {
        Page::SleepScore => view! { <sleep_score::DailySleepPage /> }.into_any(),
        Page::SleepPeriods => view! { <sleep::SleepPage /> }.into_any(),
        Page::Readiness => view! { <readiness::ReadinessPage /> }.into_any(),
        Page::Activity => view! { <activity::ActivityPage /> }.into_any(),
        // heart pages: begin
        Page::HeartRate => view! { <heartrate::HeartRatePage /> }.into_any(),
        Page::Battery => view! { <battery::BatteryPage /> }.into_any(),
        // heart pages: end
        // daily pages: begin
        Page::Stress => view! { <stress::StressPage /> }.into_any(),
        Page::Resilience => view! { <resilience::ResiliencePage /> }.into_any(),
        Page::CardiovascularAge => {
            view! { <cardiovascular_age::CardiovascularAgePage /> }.into_any()
        }
        Page::Spo2 => view! { <spo2::Spo2Page /> }.into_any(),
        Page::Vo2Max => view! { <vo2_max::Vo2MaxPage /> }.into_any(),
        Page::Bedtime => view! { <bedtime::BedtimePage /> }.into_any(),
        Page::Rings => view! { <rings::RingsPage /> }.into_any(),
        Page::PersonalInfo => view! { <personal_info::PersonalInfoPage /> }.into_any(),
        // daily pages: end
        // event pages: begin
        Page::Workouts => view! { <workouts::WorkoutsPage /> }.into_any(),
        Page::Sessions => view! { <sessions::SessionsPage /> }.into_any(),
        Page::Tags => view! { <tags::TagsPage id=e.id /> }.into_any(),
        Page::RestMode => view! { <rest_mode::RestModePage /> }.into_any(),
        // event pages: end
    }
}

/// Sets the document title to "<page> · healthHub" (announced by screen readers).
pub(crate) fn set_title(page: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&format!("{page} · healthHub"));
    }
}
