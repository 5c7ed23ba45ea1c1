//! Everything that speaks Oura (OpenAPI 1.41): the serde models of the 19 endpoint
//! documents (`models`), the access token (`token`), sign-in (`auth`) and the HTTP
//! client (`client`). This layer never touches storage and never knows the UI.
//!
//! The client's pure parts, one concern per module (tested natively): `window`
//! (request windows and URLs), `percent` (percent-encoding), `cors`, `error`
//! (`ClientError`), `retry` (policy), `http_date` (`Retry-After`), `paging` (pages,
//! repeated tokens), `rate_limit` (a 429's wait, the shared pause) and `limiter`
//! (requests in flight, the pause); `query` re-exports them all
//! under their former path.

pub mod auth;
pub mod client;
pub mod cors;
pub mod error;
pub mod http_date;
pub mod limiter;
pub mod models;
pub mod paging;
pub mod percent;
pub mod query;
pub mod rate_limit;
pub mod retry;
pub mod token;
pub mod window;
