//! The demo profile: "Try the demo" imports a made-up person's 90 days into a database
//! of its own ([`DEMO_DB_NAME`]), never the user's. The build ships the data as
//! [`DEMO_FILE`] (an export written by `oura-sim`, gzip-compressed, so any static host
//! serves it small with no configuration); the browser inflates it with
//! `DecompressionStream`. Which profile is open is remembered on this device
//! ([`is_demo`]); the sync never runs in the demo (there is no Oura account behind it).

use crate::store::{StoreError, DB_NAME, DEMO_DB_NAME};
use thiserror::Error;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The demo export, relative to the app's base URL (written by scripts/demo-export.sh).
pub const DEMO_FILE: &str = "demo.json.gz";
const DEMO_KEY: &str = "healthhub.demo";

/// Why the demo could not be opened.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DemoError {
    /// The demo file could not be downloaded (offline, or the deployment lacks it).
    #[error("The demo data could not be downloaded: {0}")]
    Download(String),
    /// The demo file is not readable (damaged or not gzip/JSON).
    #[error("The demo data is damaged: {0}")]
    Damaged(String),
    /// Storing it failed (e.g. the device is full).
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl DemoError {
    /// A stable key for the translated message.
    pub fn kind(&self) -> &'static str {
        match self {
            DemoError::Download(_) => "demo.error.download",
            DemoError::Damaged(_) => "demo.error.damaged",
            DemoError::Store(e) => e.kind(),
        }
    }

    /// The untranslatable part (the browser's words), if any.
    pub fn detail(&self) -> Option<&str> {
        match self {
            DemoError::Download(s) | DemoError::Damaged(s) => Some(s),
            DemoError::Store(e) => e.detail(),
        }
    }
}

/// Whether this device has the demo open (instead of the user's own data).
pub fn is_demo() -> bool {
    crate::web::storage_get(DEMO_KEY).as_deref() == Some("1")
}

/// Remembers which profile is open.
pub fn set_demo(on: bool) {
    crate::web::storage_set(DEMO_KEY, on.then_some("1"));
}

/// The database of the open profile.
pub fn database() -> &'static str {
    if is_demo() {
        DEMO_DB_NAME
    } else {
        DB_NAME
    }
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(extends = js_sys::Object, js_name = DecompressionStream)]
    type Inflate;
    #[wasm_bindgen(constructor, catch, js_class = "DecompressionStream")]
    fn new(format: &str) -> Result<Inflate, JsValue>;
    /// A `ReadableStream`, for `pipeThrough` (web-sys's needs more bindings).
    #[wasm_bindgen(extends = js_sys::Object, js_name = ReadableStream)]
    type Stream;
    #[wasm_bindgen(method, catch, js_name = pipeThrough)]
    fn pipe_through(this: &Stream, transform: &Inflate) -> Result<Stream, JsValue>;
}

fn js_text(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

async fn promised(p: js_sys::Promise) -> Result<JsValue, JsValue> {
    wasm_bindgen_futures::JsFuture::from(p).await
}

/// Downloads the demo export and returns its text (inflated when it is gzip; a host
/// that already decoded it is fine too).
pub async fn download() -> Result<String, DemoError> {
    let window = web_sys::window().ok_or_else(|| DemoError::Download("no window".into()))?;
    let url = format!("{}{DEMO_FILE}", crate::web::app_url());
    let response: web_sys::Response = promised(window.fetch_with_str(&url))
        .await
        .map_err(|e| DemoError::Download(js_text(&e)))?
        .unchecked_into();
    if !response.ok() {
        return Err(DemoError::Download(format!("HTTP {}", response.status())));
    }
    let bytes = response
        .array_buffer()
        .map_err(|e| DemoError::Download(js_text(&e)))?;
    let bytes = js_sys::Uint8Array::new(
        &promised(bytes)
            .await
            .map_err(|e| DemoError::Download(js_text(&e)))?,
    );
    let damaged = |e: JsValue| DemoError::Damaged(js_text(&e));
    let gzip = bytes.length() >= 2 && bytes.get_index(0) == 0x1f && bytes.get_index(1) == 0x8b;
    let text = if gzip {
        let blob = web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&bytes))
            .map_err(damaged)?;
        let inflate = Inflate::new("gzip").map_err(damaged)?;
        let stream: Stream = blob.stream().unchecked_into();
        let inflated: web_sys::ReadableStream = stream
            .pipe_through(&inflate)
            .map_err(damaged)?
            .unchecked_into();
        let decoded =
            web_sys::Response::new_with_opt_readable_stream(Some(&inflated)).map_err(damaged)?;
        promised(decoded.text().map_err(damaged)?)
            .await
            .map_err(damaged)?
    } else {
        let decoded =
            web_sys::Response::new_with_opt_buffer_source(Some(&bytes)).map_err(damaged)?;
        promised(decoded.text().map_err(damaged)?)
            .await
            .map_err(damaged)?
    };
    text.as_string()
        .ok_or_else(|| DemoError::Damaged("not text".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_details() {
        assert_eq!(
            DemoError::Download("HTTP 404".into()).kind(),
            "demo.error.download"
        );
        assert_eq!(
            DemoError::Damaged("x".into()).detail(),
            Some("x"),
            "the browser's words are kept"
        );
        let full = DemoError::Store(StoreError::QuotaExceeded(None));
        assert_eq!(full.kind(), "store.error.quota");
        assert_eq!(full.detail(), None);
    }
}
