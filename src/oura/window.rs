//! What a list request asks for and its URL: the date windows of `Dates` endpoints
//! (padded), the UTC-instant windows of every [`QueryKind::DateTimes`] endpoint
//! (heartrate, ring_battery_level: at most 30 days each), the query parameters and the
//! one URL builder. Pure (no web-sys), tested natively.

use super::error::ClientError;
use super::percent::encode_query;
use crate::endpoints::{Endpoint, QueryKind};
use chrono::{DateTime, NaiveDate, SecondsFormat, TimeDelta, Utc};

/// Days added on each side of a requested local-date window: Oura's `end_date` is
/// exclusive on some endpoints and inclusive on others, and `day` is the wearer's local
/// date, so the caller asks for a little more and dedupes by natural key.
pub const DATE_PADDING_DAYS: i64 = 1;

/// The longest window Oura accepts on a [`QueryKind::DateTimes`] endpoint (heartrate,
/// ring_battery_level), padding included.
pub const HEARTRATE_MAX_WINDOW_DAYS: i64 = 30;

/// The padding around a [`QueryKind::DateTimes`] range given in local days (covers any
/// UTC offset).
pub const HEARTRATE_PADDING_DAYS: i64 = 1;

/// What a list request asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Window {
    /// The wearer's local days `first..=last` (endpoints with [`QueryKind::Dates`]).
    /// Sent padded by [`DATE_PADDING_DAYS`] on each side.
    Days { first: NaiveDate, last: NaiveDate },
    /// UTC instants `[start, end)` (every [`QueryKind::DateTimes`] endpoint: heartrate,
    /// ring_battery_level), sent as given:
    /// at most [`HEARTRATE_MAX_WINDOW_DAYS`] long — build them with [`heartrate_windows`]
    /// or [`split_range`].
    Instants {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    },
    /// No range: the only valid window of [`QueryKind::TokenOnly`] (ring_configuration)
    /// and [`QueryKind::Single`] (personal_info), which ignore any window.
    All,
}

/// `api_base + "/v2/usercollection/" + path`, without a query. `api_base` is an absolute
/// `http(s)://…` URL or a same-origin path such as `/oura-api`.
pub fn collection_url(api_base: &str, endpoint: &Endpoint) -> String {
    format!("{}{}", api_base.trim_end_matches('/'), endpoint.api_path())
}

fn date_param(d: NaiveDate) -> String {
    d.to_string()
}

/// A UTC instant as Oura's `start_datetime`/`end_datetime` value, e.g. `2026-11-01T00:00:00Z`.
pub fn datetime_param(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn shift_days(d: NaiveDate, days: i64) -> Option<NaiveDate> {
    d.checked_add_signed(TimeDelta::try_days(days)?)
}

/// The query parameters of one list request, in the order they are sent. The token is
/// never among them: it travels only in the `Authorization` header.
pub fn list_params(
    endpoint: &'static Endpoint,
    window: &Window,
    next_token: Option<&str>,
) -> Result<Vec<(&'static str, String)>, ClientError> {
    let invalid = |message: &str| ClientError::InvalidWindow {
        endpoint: endpoint.path,
        message: message.to_owned(),
    };
    let mut params = Vec::with_capacity(3);
    match endpoint.query {
        QueryKind::Dates => {
            let Window::Days { first, last } = window else {
                return Err(invalid("expected a window of local days"));
            };
            if first > last {
                return Err(invalid("the first day is after the last day"));
            }
            let start = shift_days(*first, -DATE_PADDING_DAYS)
                .ok_or_else(|| invalid("date out of range"))?;
            let end =
                shift_days(*last, DATE_PADDING_DAYS).ok_or_else(|| invalid("date out of range"))?;
            params.push(("start_date", date_param(start)));
            params.push(("end_date", date_param(end)));
        }
        QueryKind::DateTimes => {
            let Window::Instants { start, end } = window else {
                return Err(invalid(
                    "expected a window of UTC instants (see datetime_windows)",
                ));
            };
            if start >= end {
                return Err(invalid("the window is empty"));
            }
            if *end - *start > max_heartrate_window() {
                return Err(invalid("the window is longer than 30 days"));
            }
            params.push(("start_datetime", datetime_param(*start)));
            params.push(("end_datetime", datetime_param(*end)));
        }
        QueryKind::TokenOnly => {}
        QueryKind::Single => return Ok(params),
    }
    if let Some(token) = next_token {
        params.push(("next_token", token.to_owned()));
    }
    Ok(params)
}

/// The full URL of one list request (the only URL builder of the client).
pub fn request_url(
    api_base: &str,
    endpoint: &'static Endpoint,
    window: &Window,
    next_token: Option<&str>,
) -> Result<String, ClientError> {
    let params = list_params(endpoint, window, next_token)?;
    let mut url = collection_url(api_base, endpoint);
    if !params.is_empty() {
        url.push('?');
        url.push_str(&encode_query(&params));
    }
    Ok(url)
}

fn max_heartrate_window() -> TimeDelta {
    TimeDelta::try_days(HEARTRATE_MAX_WINDOW_DAYS).unwrap_or(TimeDelta::MAX)
}

/// Splits `[from, to)` into consecutive windows of at most `max` each, oldest first:
/// they cover the range exactly, without gap or overlap. Empty when `from >= to` or
/// `max` is not positive.
pub fn split_range(from: DateTime<Utc>, to: DateTime<Utc>, max: TimeDelta) -> Vec<Window> {
    let mut out = Vec::new();
    if max <= TimeDelta::zero() {
        return out;
    }
    let mut start = from;
    while start < to {
        let end = start.checked_add_signed(max).map_or(to, |e| e.min(to));
        out.push(Window::Instants { start, end });
        start = end;
    }
    out
}

/// The windows of a [`QueryKind::DateTimes`] endpoint (heartrate, ring_battery_level)
/// for the wearer's local days `first..=last`: the UTC range
/// `[first − 1 day, last + 2 days)` (midnight UTC; the padding covers any UTC offset)
/// split into windows of at most 30 days, padding included. Walk all of them, even
/// when one comes back empty. Empty when `first > last`.
pub fn heartrate_windows(first: NaiveDate, last: NaiveDate) -> Vec<Window> {
    windows_of_days(first, last, HEARTRATE_MAX_WINDOW_DAYS)
}

/// The same as [`heartrate_windows`] in windows of at most `max_days` (1 to
/// [`HEARTRATE_MAX_WINDOW_DAYS`]; see [`Endpoint::window_days`]).
pub fn windows_of_days(first: NaiveDate, last: NaiveDate, max_days: i64) -> Vec<Window> {
    if first > last {
        return Vec::new();
    }
    let (Some(a), Some(b)) = (
        shift_days(first, -HEARTRATE_PADDING_DAYS),
        shift_days(last, 1 + HEARTRATE_PADDING_DAYS),
    ) else {
        return Vec::new();
    };
    let (Some(a), Some(b)) = (a.and_hms_opt(0, 0, 0), b.and_hms_opt(0, 0, 0)) else {
        return Vec::new();
    };
    let max =
        TimeDelta::try_days(max_days.clamp(1, HEARTRATE_MAX_WINDOW_DAYS)).unwrap_or(TimeDelta::MAX);
    split_range(a.and_utc(), b.and_utc(), max)
}

/// The windows of any [`QueryKind::DateTimes`] endpoint (heartrate, ring_battery_level)
/// for the wearer's local days `first..=last`: the same as [`heartrate_windows`], which
/// is named after the first such endpoint.
pub fn datetime_windows(first: NaiveDate, last: NaiveDate) -> Vec<Window> {
    heartrate_windows(first, last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::{by_path, EndpointId, ENDPOINTS};

    fn ep(path: &str) -> &'static Endpoint {
        by_path(path).unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn days(first: &str, last: &str) -> Window {
        Window::Days {
            first: day(first),
            last: day(last),
        }
    }

    #[test]
    fn date_endpoints_are_padded_one_day_each_side() {
        let url = request_url(
            "https://api.ouraring.com",
            ep("daily_sleep"),
            &days("2026-11-01", "2026-11-20"),
            None,
        )
        .unwrap();
        assert_eq!(
            url,
            "https://api.ouraring.com/v2/usercollection/daily_sleep?start_date=2026-10-31&end_date=2026-11-21"
        );
        // Month and year boundaries.
        let url = request_url(
            "/oura-api",
            ep("sleep"),
            &days("2026-01-01", "2026-12-31"),
            None,
        )
        .unwrap();
        assert_eq!(
            url,
            "/oura-api/v2/usercollection/sleep?start_date=2025-12-31&end_date=2027-01-01"
        );
    }

    #[test]
    fn next_token_is_appended_and_encoded() {
        let url = request_url(
            "http://127.0.0.1:8081/",
            ep("tag"),
            &days("2026-11-01", "2026-11-01"),
            Some("a+b/c=d&e f"),
        )
        .unwrap();
        assert_eq!(
            url,
            "http://127.0.0.1:8081/v2/usercollection/tag?start_date=2026-10-31&end_date=2026-11-02&next_token=a%2Bb%2Fc%3Dd%26e%20f"
        );
    }

    #[test]
    fn vo2_max_is_spelled_exactly() {
        let url = request_url(
            "/oura-api",
            ep("vO2_max"),
            &days("2026-11-01", "2026-11-02"),
            None,
        )
        .unwrap();
        assert!(
            url.starts_with("/oura-api/v2/usercollection/vO2_max?"),
            "{url}"
        );
        assert_eq!(
            collection_url("/oura-api", EndpointId::Vo2Max.endpoint()),
            "/oura-api/v2/usercollection/vO2_max"
        );
    }

    #[test]
    fn heartrate_uses_utc_datetimes_with_z() {
        let w = Window::Instants {
            start: utc("2026-11-01T00:00:00+09:00"),
            end: utc("2026-11-02T00:00:00Z"),
        };
        let url = request_url("https://api.ouraring.com", ep("heartrate"), &w, Some("t1")).unwrap();
        assert_eq!(
            url,
            "https://api.ouraring.com/v2/usercollection/heartrate?start_datetime=2026-10-31T15%3A00%3A00Z&end_datetime=2026-11-02T00%3A00%3A00Z&next_token=t1"
        );
        assert!(!url.contains('+'));
    }

    #[test]
    fn token_only_and_single_endpoints() {
        assert_eq!(
            request_url("/oura-api", ep("ring_configuration"), &Window::All, None).unwrap(),
            "/oura-api/v2/usercollection/ring_configuration"
        );
        assert_eq!(
            request_url(
                "/oura-api",
                ep("ring_configuration"),
                &days("2026-01-01", "2026-01-02"),
                Some("x")
            )
            .unwrap(),
            "/oura-api/v2/usercollection/ring_configuration?next_token=x",
            "a window is ignored"
        );
        assert_eq!(
            request_url(
                "/oura-api",
                ep("personal_info"),
                &Window::All,
                Some("ignored")
            )
            .unwrap(),
            "/oura-api/v2/usercollection/personal_info"
        );
    }

    #[test]
    fn every_endpoint_builds_its_url() {
        let hr = heartrate_windows(day("2026-11-01"), day("2026-11-02"));
        for e in &ENDPOINTS {
            let w = match e.query {
                QueryKind::Dates => days("2026-11-01", "2026-11-02"),
                QueryKind::DateTimes => hr[0].clone(),
                _ => Window::All,
            };
            let url = request_url("https://api.ouraring.com", e, &w, None).unwrap();
            assert!(
                url.starts_with(&format!(
                    "https://api.ouraring.com/v2/usercollection/{}",
                    e.path
                )),
                "{url}"
            );
        }
    }

    #[test]
    fn mismatched_windows_are_refused() {
        let hr = Window::Instants {
            start: utc("2026-11-01T00:00:00Z"),
            end: utc("2026-11-02T00:00:00Z"),
        };
        for (path, w) in [
            ("daily_sleep", hr.clone()),
            ("daily_sleep", Window::All),
            ("daily_sleep", days("2026-11-02", "2026-11-01")),
            ("heartrate", days("2026-11-01", "2026-11-02")),
            (
                "heartrate",
                Window::Instants {
                    start: utc("2026-11-01T00:00:00Z"),
                    end: utc("2026-12-01T00:00:01Z"),
                },
            ),
            (
                "heartrate",
                Window::Instants {
                    start: utc("2026-11-01T00:00:00Z"),
                    end: utc("2026-11-01T00:00:00Z"),
                },
            ),
        ] {
            let e = request_url("/a", ep(path), &w, None).unwrap_err();
            assert_eq!(e.kind(), "client.error.invalid_window", "{path} {w:?}");
        }
        // Exactly 30 days is allowed.
        let w = Window::Instants {
            start: utc("2026-11-01T00:00:00Z"),
            end: utc("2026-12-01T00:00:00Z"),
        };
        assert!(request_url("/a", ep("heartrate"), &w, None).is_ok());
    }

    fn bounds(w: &Window) -> (DateTime<Utc>, DateTime<Utc>) {
        match w {
            Window::Instants { start, end } => (*start, *end),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn heartrate_windows_cover_the_padded_range_in_30_day_pieces() {
        for (first, last) in [
            ("2026-11-20", "2026-11-20"),
            ("2026-09-22", "2026-11-20"),
            ("2024-01-01", "2026-11-20"),
            ("2026-10-24", "2026-11-20"), // 28 days + 2 padding = exactly 30
            ("2026-10-23", "2026-11-20"), // 31 days with padding → 2 windows
        ] {
            let ws = heartrate_windows(day(first), day(last));
            assert!(!ws.is_empty());
            let (s0, _) = bounds(&ws[0]);
            let (_, e_last) = bounds(ws.last().unwrap());
            assert_eq!(
                s0,
                day(first)
                    .pred_opt()
                    .unwrap()
                    .and_hms_opt(0, 0, 0)
                    .unwrap()
                    .and_utc()
            );
            assert_eq!(
                e_last,
                day(last)
                    .succ_opt()
                    .unwrap()
                    .succ_opt()
                    .unwrap()
                    .and_hms_opt(0, 0, 0)
                    .unwrap()
                    .and_utc()
            );
            let mut prev_end = s0;
            for w in &ws {
                let (s, e) = bounds(w);
                assert_eq!(s, prev_end, "no gap, no overlap");
                assert!(s < e);
                assert!(e - s <= TimeDelta::days(30), "{first}..{last}: {w:?}");
                assert!(list_params(ep("heartrate"), w, None).is_ok());
                let p = list_params(ep("heartrate"), w, None).unwrap();
                assert!(p[0].1.ends_with('Z') && p[1].1.ends_with('Z'), "{p:?}");
                prev_end = e;
            }
        }
        assert_eq!(
            heartrate_windows(day("2026-10-24"), day("2026-11-20")).len(),
            1
        );
        assert_eq!(
            heartrate_windows(day("2026-10-23"), day("2026-11-20")).len(),
            2
        );
        assert!(heartrate_windows(day("2026-11-21"), day("2026-11-20")).is_empty());
    }

    #[test]
    fn split_range_edges() {
        let a = utc("2026-01-01T00:00:00Z");
        let b = utc("2026-01-01T10:00:00Z");
        assert_eq!(split_range(a, b, TimeDelta::hours(4)).len(), 3);
        assert!(split_range(b, a, TimeDelta::hours(4)).is_empty());
        assert!(split_range(a, b, TimeDelta::zero()).is_empty());
        assert_eq!(split_range(a, b, TimeDelta::hours(10)).len(), 1);
    }

    #[test]
    fn every_datetimes_endpoint_is_windowed_like_heartrate() {
        let battery = ep("ring_battery_level");
        assert_eq!(battery.query, QueryKind::DateTimes);
        let ws = datetime_windows(day("2026-09-22"), day("2026-11-20"));
        assert_eq!(ws, heartrate_windows(day("2026-09-22"), day("2026-11-20")));
        assert_eq!(ws.len(), 3, "62 padded days in 30-day pieces");
        let url = request_url("/oura-api", battery, &ws[0], Some("n")).unwrap();
        assert_eq!(
            url,
            "/oura-api/v2/usercollection/ring_battery_level?start_datetime=2026-09-21T00%3A00%3A00Z&end_datetime=2026-10-21T00%3A00%3A00Z&next_token=n"
        );
        let too_long = Window::Instants {
            start: utc("2026-11-01T00:00:00Z"),
            end: utc("2026-12-01T00:00:01Z"),
        };
        assert!(request_url("/a", battery, &too_long, None).is_err());
        assert!(request_url("/a", battery, &days("2026-11-01", "2026-11-02"), None).is_err());
    }
}
