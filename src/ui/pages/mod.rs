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
pub use endpoint::load_endpoint_page;
pub use not_found::NotFoundPage;
pub use settings::{LanguageSelect, SettingsPage};
pub use today::TodayPage;

use crate::endpoints::{Endpoint, EndpointId, Page};
use crate::lazy::LoadFailed;
use leptos::prelude::*;

/// The page of an endpoint, as its table row's `page` column names it. Every page is
/// its own split point (loaded the first time it is opened); the code and text they
/// share arrive with the first of them.
pub async fn endpoint_page(e: &'static Endpoint) -> Result<AnyView, LoadFailed> {
    match e.page {
        Page::SleepScore => crate::call_split!(sleep_score_page()),
        Page::SleepPeriods => crate::call_split!(sleep_page()),
        Page::Readiness => crate::call_split!(readiness_page()),
        Page::Activity => crate::call_split!(activity_page()),
        Page::HeartRate => crate::call_split!(heartrate_page()),
        Page::Battery => crate::call_split!(battery_page()),
        Page::Stress => crate::call_split!(stress_page()),
        Page::Resilience => crate::call_split!(resilience_page()),
        Page::CardiovascularAge => crate::call_split!(cardiovascular_age_page()),
        Page::Spo2 => crate::call_split!(spo2_page()),
        Page::Vo2Max => crate::call_split!(vo2_max_page()),
        Page::Bedtime => crate::call_split!(bedtime_page()),
        Page::Rings => crate::call_split!(rings_page()),
        Page::PersonalInfo => crate::call_split!(personal_info_page()),
        Page::Workouts => crate::call_split!(workouts_page()),
        Page::Sessions => crate::call_split!(sessions_page()),
        Page::Tags => crate::call_split!(tags_page(e.id)),
        Page::RestMode => crate::call_split!(rest_mode_page()),
    }
}

crate::split! { sleep_score_page;
    fn sleep_score_page() -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(view! { <sleep_score::DailySleepPage /> }.into_any())
    }
}

crate::split! { sleep_page;
    fn sleep_page() -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(view! { <sleep::SleepPage /> }.into_any())
    }
}

crate::split! { readiness_page;
    fn readiness_page() -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(view! { <readiness::ReadinessPage /> }.into_any())
    }
}

crate::split! { activity_page;
    fn activity_page() -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(view! { <activity::ActivityPage /> }.into_any())
    }
}

crate::split! { heartrate_page;
    fn heartrate_page() -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(view! { <heartrate::HeartRatePage /> }.into_any())
    }
}

crate::split! { battery_page;
    fn battery_page() -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(view! { <battery::BatteryPage /> }.into_any())
    }
}

crate::split! { stress_page;
    fn stress_page() -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(view! { <stress::StressPage /> }.into_any())
    }
}

crate::split! { resilience_page;
    fn resilience_page() -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(view! { <resilience::ResiliencePage /> }.into_any())
    }
}

crate::split! { cardiovascular_age_page;
    fn cardiovascular_age_page() -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(view! { <cardiovascular_age::CardiovascularAgePage /> }.into_any())
    }
}

crate::split! { spo2_page;
    fn spo2_page() -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(view! { <spo2::Spo2Page /> }.into_any())
    }
}

crate::split! { vo2_max_page;
    fn vo2_max_page() -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(view! { <vo2_max::Vo2MaxPage /> }.into_any())
    }
}

crate::split! { bedtime_page;
    fn bedtime_page() -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(view! { <bedtime::BedtimePage /> }.into_any())
    }
}

crate::split! { rings_page;
    fn rings_page() -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(view! { <rings::RingsPage /> }.into_any())
    }
}

crate::split! { personal_info_page;
    fn personal_info_page() -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(view! { <personal_info::PersonalInfoPage /> }.into_any())
    }
}

crate::split! { workouts_page;
    fn workouts_page() -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(view! { <workouts::WorkoutsPage /> }.into_any())
    }
}

crate::split! { sessions_page;
    fn sessions_page() -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(view! { <sessions::SessionsPage /> }.into_any())
    }
}

crate::split! { tags_page;
    fn tags_page(id: EndpointId) -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(view! { <tags::TagsPage id=id /> }.into_any())
    }
}

crate::split! { rest_mode_page;
    fn rest_mode_page() -> Result<AnyView, LoadFailed> {
        crate::i18n::register_pages();
        Ok(view! { <rest_mode::RestModePage /> }.into_any())
    }
}

/// Sets the document title to "<page> · healthHub" (announced by screen readers).
pub(crate) fn set_title(page: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&format!("{page} · healthHub"));
    }
}
