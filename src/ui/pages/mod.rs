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
// insights (trends, tag effects, report; what changed on Today): begin
pub mod insight_kit;
pub mod report;
pub mod tag_effects;
pub mod trends;
pub mod what_changed;
// insights: end

pub use data_index::DataIndexPage;
pub use endpoint::load_endpoint_page;
pub use not_found::NotFoundPage;
pub use settings::{LanguageSelect, SettingsPage};
pub use today::TodayPage;

use crate::endpoints::{Endpoint, EndpointId, Page};
use crate::lazy::LoadFailed;
use leptos::prelude::*;

/// The page of an endpoint, as its table row's `page` column names it. The pages are
/// loaded on first use in six groups (a split point each: one per page cost 2 KB of
/// first-load glue); the code and text they share arrive with the first of them.
pub async fn endpoint_page(e: &'static Endpoint) -> Result<AnyView, LoadFailed> {
    match e.page {
        Page::SleepScore | Page::SleepPeriods | Page::Readiness | Page::Activity => {
            crate::call_split!(score_pages(e.page, e.id))
        }
        Page::HeartRate => crate::call_split!(heartrate_page(e.page, e.id)),
        Page::Stress | Page::Resilience | Page::CardiovascularAge | Page::Spo2 | Page::Vo2Max => {
            crate::call_split!(body_pages(e.page, e.id))
        }
        Page::Bedtime => crate::call_split!(bedtime_page(e.page, e.id)),
        Page::Workouts | Page::Sessions | Page::Tags | Page::RestMode => {
            crate::call_split!(event_pages(e.page, e.id))
        }
        Page::Battery | Page::Rings | Page::PersonalInfo => {
            crate::call_split!(ring_pages(e.page, e.id))
        }
    }
}

crate::split! { score_pages;
    /// The page of the part-1 pages: sleep score, sleep periods, readiness, activity.
    fn score_pages(page: Page, id: EndpointId) -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(endpoint::with_csv(id, match page {
            Page::SleepScore => view! { <sleep_score::DailySleepPage /> }.into_any(),
            Page::SleepPeriods => view! { <sleep::SleepPage /> }.into_any(),
            Page::Readiness => view! { <readiness::ReadinessPage /> }.into_any(),
            Page::Activity => view! { <activity::ActivityPage /> }.into_any(),
            _ => view! { <NotFoundPage /> }.into_any(),
        }))
    }
}

crate::split! { heartrate_page;
    /// The page of heart rate.
    fn heartrate_page(page: Page, id: EndpointId) -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(endpoint::with_csv(id, match page {
            Page::HeartRate => view! { <heartrate::HeartRatePage /> }.into_any(),
            _ => view! { <NotFoundPage /> }.into_any(),
        }))
    }
}

crate::split! { body_pages;
    /// The page of stress, resilience, cardiovascular age, SpO2, VO2 max.
    fn body_pages(page: Page, id: EndpointId) -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(endpoint::with_csv(id, match page {
            Page::Stress => view! { <stress::StressPage /> }.into_any(),
            Page::Resilience => view! { <resilience::ResiliencePage /> }.into_any(),
            Page::CardiovascularAge => view! { <cardiovascular_age::CardiovascularAgePage /> }.into_any(),
            Page::Spo2 => view! { <spo2::Spo2Page /> }.into_any(),
            Page::Vo2Max => view! { <vo2_max::Vo2MaxPage /> }.into_any(),
            _ => view! { <NotFoundPage /> }.into_any(),
        }))
    }
}

crate::split! { bedtime_page;
    /// The page of bedtime guidance.
    fn bedtime_page(page: Page, id: EndpointId) -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(endpoint::with_csv(id, match page {
            Page::Bedtime => view! { <bedtime::BedtimePage /> }.into_any(),
            _ => view! { <NotFoundPage /> }.into_any(),
        }))
    }
}

crate::split! { event_pages;
    /// The page of workouts, sessions, tags, rest mode.
    fn event_pages(page: Page, id: EndpointId) -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(endpoint::with_csv(id, match page {
            Page::Workouts => view! { <workouts::WorkoutsPage /> }.into_any(),
            Page::Sessions => view! { <sessions::SessionsPage /> }.into_any(),
            Page::Tags => view! { <tags::TagsPage id=id /> }.into_any(),
            Page::RestMode => view! { <rest_mode::RestModePage /> }.into_any(),
            _ => view! { <NotFoundPage /> }.into_any(),
        }))
    }
}

crate::split! { ring_pages;
    /// The page of battery, rings, personal info.
    fn ring_pages(page: Page, id: EndpointId) -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(endpoint::with_csv(id, match page {
            Page::Battery => view! { <battery::BatteryPage /> }.into_any(),
            Page::Rings => view! { <rings::RingsPage /> }.into_any(),
            Page::PersonalInfo => view! { <personal_info::PersonalInfoPage /> }.into_any(),
            _ => view! { <NotFoundPage /> }.into_any(),
        }))
    }
}

crate::split! { insight_page;
    /// The insight pages: trends, what your tags do, the report.
    pub fn insight_page(page: crate::ui::router::Insight) -> Result<AnyView, LoadFailed> {
        use crate::ui::router::Insight;
        crate::i18n::register_pages();
        Ok(match page {
            Insight::Trends => view! { <trends::TrendsPage /> }.into_any(),
            Insight::Tags => view! { <tag_effects::TagEffectsPage /> }.into_any(),
            Insight::Report => view! { <report::ReportPage /> }.into_any(),
        })
    }
}

crate::split! { night_chart;
    /// Today's hypnogram of last night.
    pub fn night_chart(phases: String, start_ms: f64, offset_s: i32) -> Result<AnyView, LoadFailed> {
        Ok(view! { <crate::ui::charts::Hypnogram phases=phases start_ms=start_ms offset_s=offset_s /> }
            .into_any())
    }
}

crate::split! { today_more;
    /// "What changed" on Today, once the day has a score.
    pub fn today_more(day: Memo<Option<chrono::NaiveDate>>) -> Result<AnyView, LoadFailed> {
        crate::i18n::register_changes();
        Ok(view! { <what_changed::WhatChanged day=day /> }.into_any())
    }
}

/// Sets the document title to "<page> · healthHub" (announced by screen readers).
pub(crate) fn set_title(page: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&format!("{page} · healthHub"));
    }
}
