//! Components shared by several pages.

mod config_status;
mod empty_state;

pub use config_status::{ConfigBanner, ConfigDetails, ConfigState};
pub use empty_state::EmptyState;
