//! Everything that speaks Oura (OpenAPI 1.41): the serde models of the 19 endpoint documents
//! (`models`), the access token (`token`), sign-in (`auth`) and the HTTP client
//! (`client`). This layer never touches storage and never knows the UI.

pub mod auth;
pub mod client;
pub mod models;
pub mod query;
pub mod token;
