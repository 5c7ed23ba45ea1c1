//! Components shared by several pages.

mod account;
mod config_status;
mod csv;
mod data_actions;
mod demo;
mod empty_state;
// storage: begin
mod storage_card;
// storage: end
mod sync_status;

pub use account::{
    use_session, AccountDetails, AuthBanner, AuthNotice, SessionState, SignInButton,
};
pub use config_status::{ConfigBanner, ConfigDetails, ConfigState};
pub use csv::{CsvButton, CsvPicker};
pub use data_actions::DataActions;
pub use demo::{DemoBanner, TryDemoButton};
pub use empty_state::EmptyState;
// storage: begin
pub use storage_card::StorageCard;
// storage: end
pub use sync_status::{
    endpoint_status_text, error_text, format_count, format_time, framed, quota_text,
    start_sync_now, store_error_text, use_sync, EndpointStatus, EndpointStatusList, SyncPanel,
};
