//! Code loaded on first use. In the release build (feature `split`,
//! scripts/build-wasm.sh) each function marked with [`split`](crate::split) is cut
//! into its own wasm module by wasm-split and fetched the first time it is called; in
//! other builds (tests, clippy) it is an ordinary function.
//!
//! A module can fail to arrive (offline before the service worker cached it, or the
//! site was updated and the old module is gone): the call then returns [`LoadFailed`]
//! instead of stopping the app, and the caller says so and offers to retry (a failed
//! load is not remembered, so a retry fetches again).

use thiserror::Error;

/// A part of the app that is loaded on first use could not be fetched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
#[error("a part of healthHub could not be loaded (offline, or the app was updated)")]
pub struct LoadFailed;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for LoadFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        LoadFailed
    }
}

/// Marks a function as a split point (its own wasm module in the release build):
/// `split! { name; fn f(args) -> Result<T, LoadFailed> { … } }`. Call it with
/// [`call_split!`](crate::call_split), which awaits the module in the release build.
#[macro_export]
macro_rules! split {
    ($module:ident; $(#[$attr:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg_attr(
            feature = "split",
            leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)
        )]
        $(#[$attr])*
        $vis fn $name($($arg: $ty),*) -> $ret $body
    };
}

/// Calls a function defined with [`split!`](crate::split) (inside an `async` block):
/// the release build first loads its module.
#[macro_export]
macro_rules! call_split {
    ($call:expr) => {{
        #[cfg(feature = "split")]
        let result = $call.await;
        #[cfg(not(feature = "split"))]
        let result = $call;
        result
    }};
}
