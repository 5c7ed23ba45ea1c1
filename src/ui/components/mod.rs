//! Components shared by several pages.

mod account;
mod config_status;
mod csv;
mod data_actions;
mod demo;
mod empty_state;
mod sync_status;

pub use account::{
    use_session, AccountDetails, AuthBanner, AuthNotice, SessionState, SignInButton,
};
pub use config_status::{ConfigBanner, ConfigDetails, ConfigState};
pub use csv::{CsvButton, CsvPicker};
pub use data_actions::DataActions;
pub use demo::{DemoBanner, TryDemoButton};
pub use empty_state::EmptyState;
pub use sync_status::{
    endpoint_status_text, error_text, format_count, format_time, framed, start_sync_now, use_sync,
    EndpointStatus, EndpointStatusList, SyncPanel,
};
