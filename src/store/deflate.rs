//! Compressing a document's text for the store, by the browser (`CompressionStream`,
//! raw DEFLATE): done before a write's transaction opens, since nothing inside one may
//! wait for a promise. Reading it back is [`super::inflate`]'s job.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(extends = js_sys::Object, js_name = CompressionStream)]
    type Compressor;
    #[wasm_bindgen(constructor, catch, js_class = "CompressionStream")]
    fn new(format: &str) -> Result<Compressor, JsValue>;
    /// A `ReadableStream`, for `pipeThrough`.
    #[wasm_bindgen(extends = js_sys::Object, js_name = ReadableStream)]
    type Readable;
    #[wasm_bindgen(method, catch, js_name = pipeThrough)]
    fn pipe_through(this: &Readable, transform: &Compressor) -> Result<Readable, JsValue>;
}

/// `text` as raw DEFLATE bytes; `None` when this browser cannot compress (the document
/// is then stored uncompressed).
pub async fn deflate(text: &str) -> Option<Uint8Array> {
    compress(text).await.ok()
}

async fn compress(text: &str) -> Result<Uint8Array, JsValue> {
    let blob = web_sys::Blob::new_with_str_sequence(&Array::of1(&JsValue::from_str(text)))?;
    let stream: Readable = blob.stream().unchecked_into();
    let compressed: web_sys::ReadableStream = stream
        .pipe_through(&Compressor::new("deflate-raw")?)?
        .unchecked_into();
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&compressed))?;
    let bytes = JsFuture::from(response.array_buffer()?).await?;
    Ok(Uint8Array::new(&bytes))
}
