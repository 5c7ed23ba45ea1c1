//! `Retry-After` values: delay-seconds or an HTTP date (all three forms), hand-written
//! (chrono's `%`-format parser cost the app ≈ 10 KB). Pure, tested natively.

use chrono::{DateTime, NaiveDate, Utc};
use std::time::Duration;

/// Parses a `Retry-After` value: delay-seconds (`"120"`) or an HTTP date (IMF-fixdate,
/// RFC 850 or asctime), relative to `now`. A date in the past is zero; anything else
/// (empty, negative, garbage) is `None`.
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    if v.bytes().all(|b| b.is_ascii_digit()) {
        let secs = v.parse::<u64>().unwrap_or(u64::MAX);
        return Some(Duration::from_secs(secs));
    }
    let at = parse_http_date(v)?;
    Some((at - now).to_std().unwrap_or(Duration::ZERO))
}

/// An HTTP date in any of its three forms (RFC 9110 §5.6.7), always GMT:
/// `Sun, 06 Nov 1994 08:49:37 GMT`, `Sunday, 06-Nov-94 08:49:37 GMT` (two-digit years
/// 70–99 are 19xx, else 20xx) and `Sun Nov  6 08:49:37 1994`. Hand-written rather than
/// chrono's `%`-format parser, which cost the app ≈ 10 KB.
fn parse_http_date(v: &str) -> Option<DateTime<Utc>> {
    let spaced: String = v
        .chars()
        .map(|c| if c == ',' || c == '-' { ' ' } else { c })
        .collect();
    let t: Vec<&str> = spaced.split_ascii_whitespace().collect();
    let weekday = t.first()?;
    if weekday.len() < 3 || !weekday.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let (day, month, year, time) = match t.as_slice() {
        [_, d, m, y, time, "GMT"] => (*d, *m, *y, *time),
        [_, m, d, time, y] => (*d, *m, *y, *time),
        _ => return None,
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| *m == month)? as u32 + 1;
    let number = |s: &str, digits: std::ops::RangeInclusive<usize>| -> Option<u32> {
        if digits.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let day = number(day, 1..=2)?;
    let year = match year.len() {
        2 => {
            let y = number(year, 2..=2)? as i32;
            if y >= 70 {
                1900 + y
            } else {
                2000 + y
            }
        }
        _ => number(year, 4..=4)? as i32,
    };
    let mut hms = time.split(':');
    let (h, m, s) = (hms.next()?, hms.next()?, hms.next()?);
    if hms.next().is_some() {
        return None;
    }
    let time =
        chrono::NaiveTime::from_hms_opt(number(h, 2..=2)?, number(m, 2..=2)?, number(s, 2..=2)?)?;
    Some(
        NaiveDate::from_ymd_opt(year, month, day)?
            .and_time(time)
            .and_utc(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn retry_after_seconds_dates_and_garbage() {
        let now = utc("2026-11-20T12:00:00Z");
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("Fri, 20 Nov 2026 12:00:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Friday, 20-Nov-26 12:01:00 GMT", now),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            parse_retry_after("Fri Nov 20 12:00:05 2026", now),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            parse_retry_after("Sat Nov 21 12:00:00 2026", now),
            Some(Duration::from_secs(86_400))
        );
        assert_eq!(
            parse_retry_after("Thu, 19 Nov 2026 12:00:00 GMT", now),
            Some(Duration::ZERO),
            "a past date means now"
        );
        for garbage in [
            "",
            "  ",
            "-5",
            "1.5",
            "soon",
            "12s",
            "Fri, 99 Nov 2026 12:00:00 GMT",
            "Fri, 20 Foo 2026 12:00:00 GMT",
            "Fri, 20 Nov 2026 25:00:00 GMT",
            "Fri, 20 Nov 2026 12:00 GMT",
            "Fri, 20 Nov 2026 12:00:00 CET",
            "20 Nov 2026 12:00:00 GMT",
        ] {
            assert_eq!(parse_retry_after(garbage, now), None, "{garbage:?}");
        }
        assert_eq!(
            parse_retry_after("99999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX))
        );
    }
}
