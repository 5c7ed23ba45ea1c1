//! One sync at a time across tabs (`sync::lock`) in a real browser: the Web Locks path
//! and the localStorage lease used where Web Locks are missing.
#![cfg(target_arch = "wasm32")]

use healthhub::sync::lock::{try_acquire, try_acquire_lease, wait_released, Acquired};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn held(a: &Acquired) -> bool {
    matches!(a, Acquired::Held(_))
}

#[wasm_bindgen_test]
async fn a_second_sync_finds_the_lock_taken_until_the_first_ends() {
    let first = try_acquire().await;
    assert!(held(&first), "the first sync takes the lock");
    assert!(
        !held(&try_acquire().await),
        "a second one is told another sync runs"
    );
    // Whoever waits is released when the first sync ends.
    drop(first);
    wait_released().await;
    let again = try_acquire().await;
    assert!(held(&again), "free again once the first ended");
    drop(again);
}

#[wasm_bindgen_test]
async fn without_web_locks_a_lease_keeps_a_second_sync_out_until_released() {
    healthhub::web::storage_set("healthhub.sync_lease", None);
    let first = try_acquire_lease().await;
    assert!(held(&first));
    // Another tab's lease (same key, another tab id, not expired) keeps this one out.
    let theirs = format!("{}:other-tab", js_sys::Date::now() + 10_000.0);
    drop(first);
    healthhub::web::storage_set("healthhub.sync_lease", Some(&theirs));
    assert!(
        !held(&try_acquire_lease().await),
        "another tab's live lease"
    );
    // An expired lease belongs to a tab that is gone.
    let stale = format!("{}:other-tab", js_sys::Date::now() - 1.0);
    healthhub::web::storage_set("healthhub.sync_lease", Some(&stale));
    let mine = try_acquire_lease().await;
    assert!(held(&mine), "an expired lease is taken over");
    // Releasing removes only this tab's lease.
    drop(mine);
    assert_eq!(healthhub::web::storage_get("healthhub.sync_lease"), None);
    healthhub::web::storage_set("healthhub.sync_lease", Some(&theirs));
    let lost = try_acquire_lease().await;
    assert!(!held(&lost));
    drop(lost);
    assert_eq!(
        healthhub::web::storage_get("healthhub.sync_lease"),
        Some(theirs),
        "another tab's lease is left alone"
    );
    healthhub::web::storage_set("healthhub.sync_lease", None);
}
