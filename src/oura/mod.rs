//! Everything that speaks Oura: the serde models of the 18 endpoint documents
//! (`models`). Auth and the HTTP client join here; this layer never touches storage
//! and never knows the UI.

pub mod models;
