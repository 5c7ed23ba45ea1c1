//! Components shared by several pages.

mod account;
mod config_status;
mod empty_state;

pub use account::{
    use_session, AccountDetails, AuthBanner, AuthNotice, SessionState, SignInButton,
};
pub use config_status::{ConfigBanner, ConfigDetails, ConfigState};
pub use empty_state::EmptyState;
