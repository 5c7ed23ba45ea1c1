//! Oura's rate limit as it states it. A 429 carries `Retry-After` (seconds or an HTTP
//! date) and `X-RateLimit-Reset` (unix epoch seconds at which the window resets; also
//! `-Limit`, `-Window`, `-Tier`, informational). The wait is the first of them that
//! reads, else the retry policy's backoff with jitter; the policy caps it
//! (`RetryPolicy::max_retry_after`: a longer stated wait is reported, not waited).
//!
//! A 429 pauses every request of the client, not only the one that got it: the
//! limiter keeps one "paused until" instant that each request waits for before it is
//! sent ([`next_pause_until`] decides it). Pure, tested natively; `client.rs` reads
//! the headers (the API must list them in `Access-Control-Expose-Headers` for a
//! cross-origin page to see them).

use super::http_date::parse_retry_after;
use chrono::DateTime;
use std::time::Duration;

/// The response headers a 429's wait is read from.
pub const RETRY_AFTER: &str = "retry-after";
/// Unix epoch seconds at which the rate-limit window resets.
pub const RATE_LIMIT_RESET: &str = "x-ratelimit-reset";

/// The furthest a believable `X-RateLimit-Reset` lies ahead of the device's clock. Oura's
/// limit windows are minutes; a reset further away says the two clocks disagree (a
/// phone set to another day), so it is not believed and the caller backs off instead.
pub const MAX_RESET_AHEAD: Duration = Duration::from_secs(15 * 60);

/// How long a 429 asks to wait, from its `Retry-After` and `X-RateLimit-Reset` values
/// (`None` when absent), `now_ms` being unix time in milliseconds. `Retry-After` wins
/// when it reads; else the reset instant relative to now (a past one is zero; one more
/// than [`MAX_RESET_AHEAD`] away is not believed); else `None` (the caller backs off).
pub fn stated_wait(
    retry_after: Option<&str>,
    reset: Option<&str>,
    now_ms: i64,
) -> Option<Duration> {
    let now = DateTime::from_timestamp_millis(now_ms)?;
    if let Some(wait) = retry_after.and_then(|v| parse_retry_after(v, now)) {
        return Some(wait);
    }
    let reset_ms = parse_epoch_seconds(reset?)?.checked_mul(1000)?;
    let ms = reset_ms.saturating_sub(now_ms).max(0);
    Some(Duration::from_millis(u64::try_from(ms).unwrap_or(0))).filter(|w| *w <= MAX_RESET_AHEAD)
}

/// Whole unix seconds (`"1795154400"`; surrounding spaces allowed); anything else,
/// fractions and signs included, is `None`.
fn parse_epoch_seconds(value: &str) -> Option<i64> {
    let v = value.trim();
    if v.is_empty() || v.len() > 15 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    v.parse().ok()
}

/// Whole seconds of a wait, rounded up (for the error text: "Oura asks to wait 2 s").
pub fn wait_secs(wait: Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}

/// The shared pause after a 429, as unix milliseconds: every request waits until then
/// before it is sent. `current` is the pause in force (if any), `wait` the delay of
/// this 429 (`stated`: Oura said so; else a backoff). A stated wait pauses until
/// `now + wait` unless a later pause is already in force (pauses never add up); a
/// backoff pauses until `now + wait` only when no pause is in force — a request that
/// was already in flight when the pause began and got a 429 without stated time does
/// not extend it.
pub fn next_pause_until(current: Option<i64>, now_ms: i64, wait: Duration, stated: bool) -> i64 {
    let wait_ms = i64::try_from(wait.as_millis()).unwrap_or(i64::MAX);
    let until = now_ms.saturating_add(wait_ms);
    match current {
        Some(current) if current > now_ms && !stated => current,
        Some(current) => current.max(until),
        None => until,
    }
}

/// What is left of the pause `until` at `now_ms` (zero once it is over).
pub fn pause_remaining(until: Option<i64>, now_ms: i64) -> Duration {
    let ms = until.map_or(0, |u| u.saturating_sub(now_ms).max(0));
    Duration::from_millis(u64::try_from(ms).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-11-20T12:00:00Z
    const NOW: i64 = 1_795_176_000_000;

    #[test]
    fn retry_after_wins_then_the_reset_instant_then_nothing() {
        let s = Duration::from_secs;
        // A reset days away means the phone's clock is off: back off instead.
        let days_ahead = (NOW / 1000 + 11 * 86_400).to_string();
        assert_eq!(stated_wait(None, Some(&days_ahead), NOW), None);
        let minutes_ahead = (NOW / 1000 + 14 * 60).to_string();
        assert!(stated_wait(None, Some(&minutes_ahead), NOW).is_some());
        assert_eq!(stated_wait(Some("7"), Some("1795176060"), NOW), Some(s(7)));
        assert_eq!(
            stated_wait(Some("Fri, 20 Nov 2026 12:00:30 GMT"), None, NOW),
            Some(s(30))
        );
        assert_eq!(stated_wait(None, Some("1795176060"), NOW), Some(s(60)));
        assert_eq!(
            stated_wait(Some("soon"), Some(" 1795176002 "), NOW),
            Some(s(2)),
            "an unreadable Retry-After falls back to the reset"
        );
        assert_eq!(
            stated_wait(None, Some("1795176000"), NOW + 400),
            Some(Duration::ZERO),
            "a reset in the past is now"
        );
        assert_eq!(
            stated_wait(None, Some("1795176001"), NOW + 400),
            Some(Duration::from_millis(600)),
            "relative to now, to the millisecond"
        );
        for garbage in ["", "-5", "1795176060.5", "soon", "99999999999999999999"] {
            assert_eq!(stated_wait(None, Some(garbage), NOW), None, "{garbage:?}");
        }
        assert_eq!(stated_wait(None, None, NOW), None);
        assert_eq!(stated_wait(Some(""), None, NOW), None);
        assert_eq!(wait_secs(Duration::from_millis(600)), 1);
        assert_eq!(wait_secs(s(2)), 2);
        assert_eq!(wait_secs(Duration::ZERO), 0);
    }

    #[test]
    fn a_429_pauses_everyone_until_the_latest_stated_time() {
        let s = Duration::from_secs;
        // First 429: Retry-After 10 s.
        let p = next_pause_until(None, NOW, s(10), true);
        assert_eq!(p, NOW + 10_000);
        assert_eq!(pause_remaining(Some(p), NOW + 4_000), s(6));
        // Another request in flight gets a 429 stating 5 s, 2 s later: ends at +7 s,
        // before the pause in force: no change (pauses never add up).
        let p = next_pause_until(Some(p), NOW + 2_000, s(5), true);
        assert_eq!(p, NOW + 10_000);
        // A later stated time extends it to that time, not beyond.
        let p = next_pause_until(Some(p), NOW + 3_000, s(12), true);
        assert_eq!(p, NOW + 15_000);
        // A 429 without a stated time during the pause does not extend it.
        assert_eq!(next_pause_until(Some(p), NOW + 5_000, s(20), false), p);
        // Once the pause is over, a backoff pauses everyone again.
        assert_eq!(pause_remaining(Some(p), NOW + 15_000), Duration::ZERO);
        assert_eq!(pause_remaining(Some(p), NOW + 99_000), Duration::ZERO);
        assert_eq!(
            next_pause_until(Some(p), NOW + 16_000, Duration::from_millis(500), false),
            NOW + 16_500
        );
        assert_eq!(pause_remaining(None, NOW), Duration::ZERO);
        assert_eq!(next_pause_until(None, NOW, Duration::MAX, true), i64::MAX);
    }
}
