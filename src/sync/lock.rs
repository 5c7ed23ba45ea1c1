//! One sync at a time across tabs: the Web Locks API (`navigator.locks`, lock
//! [`LOCK_NAME`]); where a browser lacks it, a lease in `localStorage` that the running
//! sync renews every few seconds and that expires if its tab dies.
//!
//! A tab that finds the lock taken does not sync: it says "Syncing in another tab",
//! waits until the lock is released, then re-reads the store (the other tab's data).
//! Loaded with the sync run (its split module), not with the first screen.

use js_sys::{Function, Object, Promise, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The Web Locks name (and the lease key of the fallback).
pub const LOCK_NAME: &str = "healthhub-sync";
const LEASE_KEY: &str = "healthhub.sync_lease";
/// A lease not renewed for this long belongs to a tab that is gone.
const LEASE_MS: i64 = 15_000;
const RENEW_MS: i32 = 5_000;
/// How long a new lease waits for a concurrent writer before it counts as taken.
const SETTLE_MS: u64 = 120;

/// The lock, held until dropped.
pub struct Guard {
    release: Option<Function>,
    lease: Option<Lease>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Some(resolve) = self.release.take() {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
        if let Some(lease) = self.lease.take() {
            lease.end();
        }
    }
}

/// The outcome of asking for the lock.
pub enum Acquired {
    Held(Guard),
    /// Another tab syncs.
    Busy,
}

fn locks() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let locks = Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?;
    let request = Reflect::get(&locks, &JsValue::from_str("request")).ok()?;
    (request.is_function()).then_some(locks)
}

fn call_request(locks: &JsValue, options: Option<&Object>, callback: &JsValue) -> Option<Promise> {
    let request: Function = Reflect::get(locks, &JsValue::from_str("request"))
        .ok()?
        .dyn_into()
        .ok()?;
    let name = JsValue::from_str(LOCK_NAME);
    let result = match options {
        Some(o) => request.call3(locks, &name, o, callback),
        None => request.call2(locks, &name, callback),
    };
    result.ok().and_then(|p| p.dyn_into::<Promise>().ok())
}

/// Takes the lock if no other tab holds it.
pub async fn try_acquire() -> Acquired {
    let Some(locks) = locks() else {
        return lease_or_busy().await;
    };
    let (tx, rx) = futures::channel::oneshot::channel::<Option<Function>>();
    let tx = Rc::new(RefCell::new(Some(tx)));
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        let send = |v| {
            if let Some(tx) = tx.borrow_mut().take() {
                let _ = tx.send(v);
            }
        };
        if lock.is_null() || lock.is_undefined() {
            send(None);
            return JsValue::UNDEFINED;
        }
        // The lock is held until this promise settles (the guard resolves it).
        let mut resolve_fn = None;
        let held = Promise::new(&mut |resolve, _reject| resolve_fn = Some(resolve));
        send(resolve_fn);
        held.into()
    });
    let options = Object::new();
    let _ = Reflect::set(&options, &JsValue::from_str("ifAvailable"), &JsValue::TRUE);
    if call_request(&locks, Some(&options), &callback).is_none() {
        // The API refused the call: behave as without it.
        return lease_or_busy().await;
    }
    match rx.await {
        Ok(Some(release)) => Acquired::Held(Guard {
            release: Some(release),
            lease: None,
        }),
        _ => Acquired::Busy,
    }
}

/// The fallback alone (what a browser without Web Locks gets); for tests.
#[doc(hidden)]
pub async fn try_acquire_lease() -> Acquired {
    lease_or_busy().await
}

async fn lease_or_busy() -> Acquired {
    match Lease::take().await {
        Some(lease) => Acquired::Held(Guard {
            release: None,
            lease: Some(lease),
        }),
        None => Acquired::Busy,
    }
}

/// Waits until no tab holds the lock.
pub async fn wait_released() {
    if let Some(locks) = locks() {
        let callback = Closure::once_into_js(|_lock: JsValue| JsValue::UNDEFINED);
        if let Some(p) = call_request(&locks, None, &callback) {
            let _ = wasm_bindgen_futures::JsFuture::from(p).await;
            return;
        }
    }
    while Lease::held_elsewhere() {
        crate::oura::client::sleep(std::time::Duration::from_millis(1_000)).await;
    }
}

/// The fallback lease: `<expires ms>:<tab id>` in localStorage, renewed by a timer.
struct Lease {
    timer: i32,
    _renew: Closure<dyn FnMut()>,
}

thread_local! {
    static TAB_ID: String = format!("{:x}", (js_sys::Math::random() * 1e15) as u64);
}

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

fn tab_id() -> String {
    TAB_ID.with(|t| t.clone())
}

fn write_lease() {
    // Whole milliseconds: an integer to read back (no float parser for this).
    let value = format!("{}:{}", now_ms() + LEASE_MS, tab_id());
    crate::web::storage_set(LEASE_KEY, Some(&value));
}

impl Lease {
    /// Another tab's lease that has not expired.
    fn held_elsewhere() -> bool {
        let Some(v) = crate::web::storage_get(LEASE_KEY) else {
            return false;
        };
        let Some((expires, id)) = v.split_once(':') else {
            return false;
        };
        let expires: i64 = expires.parse().unwrap_or(0);
        id != tab_id() && expires > now_ms()
    }

    /// Whether the stored lease is this tab's.
    fn held_here() -> bool {
        crate::web::storage_get(LEASE_KEY)
            .and_then(|v| v.split_once(':').map(|(_, id)| id == tab_id()))
            .unwrap_or(false)
    }

    async fn take() -> Option<Lease> {
        if Self::held_elsewhere() {
            return None;
        }
        // localStorage has no compare-and-set: write, let a tab that wrote at the same
        // moment overwrite, and keep the lease only if it is still ours.
        write_lease();
        crate::oura::client::sleep(std::time::Duration::from_millis(SETTLE_MS)).await;
        if !Self::held_here() {
            return None;
        }
        // Renewed only while it is still this tab's: a tab whose lease ran out (a
        // throttled background tab) never takes it back from the one that took it over.
        let renew = Closure::<dyn FnMut()>::new(|| {
            if Lease::held_here() {
                write_lease();
            }
        });
        let timer = web_sys::window()
            .and_then(|w| {
                w.set_interval_with_callback_and_timeout_and_arguments_0(
                    renew.as_ref().unchecked_ref(),
                    RENEW_MS,
                )
                .ok()
            })
            .unwrap_or(0);
        Some(Lease {
            timer,
            _renew: renew,
        })
    }

    fn end(self) {
        if let Some(w) = web_sys::window() {
            w.clear_interval_with_handle(self.timer);
        }
        // Never remove a lease another tab took over (e.g. after this one expired).
        if Self::held_here() {
            crate::web::storage_set(LEASE_KEY, None);
        }
    }
}
