//! The default trip: from home to a zone with daylight-saving time, across one of its
//! DST changes. The DST rules are computed here (no tz database): Sydney (+10:00, DST
//! +11:00 from the first Sunday of October 02:00 to the first Sunday of April 03:00
//! local) and Paris (+01:00, DST +02:00 from the last Sunday of March to the last
//! Sunday of October, 01:00 UTC both) and New York (-05:00, DST -04:00 from the second
//! Sunday of March to the first Sunday of November, 02:00 local both).

use crate::rng::Rng;
use chrono::{Datelike, Duration, FixedOffset, NaiveDate, Weekday};

/// A DST change of a destination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DstChange {
    pub zone: &'static str,
    /// The instant of the change (unix seconds).
    pub at: i64,
    /// The local date of the change.
    pub day: NaiveDate,
    pub before: FixedOffset,
    pub after: FixedOffset,
}

/// The default trip.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trip {
    /// First local day at the destination (the flight out; the offset switches at local
    /// midnight of this day, as `--tz-changes` does).
    pub depart: NaiveDate,
    /// First local day at home again (the flight back).
    pub back: NaiveDate,
    pub dst: DstChange,
}

/// Days (after the end of the data) a trip must stay clear of: the last 35 days are at
/// home.
pub const HOME_DAYS: i64 = 35;

fn off(h: i32) -> FixedOffset {
    FixedOffset::east_opt(h * 3600)
        .unwrap_or_else(|| FixedOffset::east_opt(0).unwrap_or_else(|| unreachable!()))
}

/// The n-th (1-based) Sunday of a month.
pub fn nth_sunday(y: i32, m: u32, n: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(y, m, Weekday::Sun, n as u8)
}

/// The last Sunday of a month.
pub fn last_sunday(y: i32, m: u32) -> Option<NaiveDate> {
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)?
    };
    let last = next.pred_opt()?;
    let back = i64::from(last.weekday().num_days_from_sunday());
    Some(last - Duration::days(back))
}

fn utc_at(day: NaiveDate, h: u32, offset_hours: i64) -> Option<i64> {
    Some(day.and_hms_opt(h, 0, 0)?.and_utc().timestamp() - offset_hours * 3600)
}

/// The DST changes of the destinations in a year.
pub fn changes_in_year(y: i32) -> Vec<DstChange> {
    let mut out = Vec::new();
    // Sydney: DST starts the first Sunday of October at 02:00 standard time (+10), ends
    // the first Sunday of April at 03:00 daylight time (+11).
    if let Some(d) = nth_sunday(y, 10, 1) {
        if let Some(at) = utc_at(d, 2, 10) {
            out.push(DstChange {
                zone: "Australia/Sydney",
                at,
                day: d,
                before: off(10),
                after: off(11),
            });
        }
    }
    if let Some(d) = nth_sunday(y, 4, 1) {
        if let Some(at) = utc_at(d, 3, 11) {
            out.push(DstChange {
                zone: "Australia/Sydney",
                at,
                day: d,
                before: off(11),
                after: off(10),
            });
        }
    }
    // New York (US rule): DST from the second Sunday of March 02:00 standard time (-05)
    // to the first Sunday of November 02:00 daylight time (-04).
    if let Some(d) = nth_sunday(y, 3, 2) {
        if let Some(at) = utc_at(d, 2, -5) {
            out.push(DstChange {
                zone: "America/New_York",
                at,
                day: d,
                before: off(-5),
                after: off(-4),
            });
        }
    }
    if let Some(d) = nth_sunday(y, 11, 1) {
        if let Some(at) = utc_at(d, 2, -4) {
            out.push(DstChange {
                zone: "America/New_York",
                at,
                day: d,
                before: off(-4),
                after: off(-5),
            });
        }
    }
    // Paris (EU rule): 01:00 UTC on the last Sundays of March and October.
    if let Some(d) = last_sunday(y, 3) {
        if let Some(at) = utc_at(d, 1, 0) {
            out.push(DstChange {
                zone: "Europe/Paris",
                at,
                day: d,
                before: off(1),
                after: off(2),
            });
        }
    }
    if let Some(d) = last_sunday(y, 10) {
        if let Some(at) = utc_at(d, 1, 0) {
            out.push(DstChange {
                zone: "Europe/Paris",
                at,
                day: d,
                before: off(2),
                after: off(1),
            });
        }
    }
    out
}

/// The default trip of a data set `first ..= end`: around the most recent DST change
/// such that the whole trip (10–14 days, leaving 4–7 days before the change) lies in
/// the data, after its first day, and ends at least [`HOME_DAYS`] days before `end`.
/// None when no change fits.
pub fn default_trip(seed: u64, first: NaiveDate, end: NaiveDate) -> Option<Trip> {
    let mut all: Vec<DstChange> = (end.year() - 11..=end.year())
        .flat_map(changes_in_year)
        .collect();
    all.sort_by_key(|c| std::cmp::Reverse(c.at));
    for c in all {
        let mut r = Rng::stream(seed, i64::from(c.day.num_days_from_ce()), "trip");
        let lead = r.range(4, 7);
        let len = r.range(10, 14);
        let depart = c.day - Duration::days(lead);
        let back = depart + Duration::days(len);
        if depart > first && back <= end - Duration::days(HOME_DAYS) {
            return Some(Trip {
                depart,
                back,
                dst: c,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dst_rules() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
        let c = changes_in_year(2026);
        assert_eq!(c[0].day, d("2026-10-04"));
        // 02:00 +10:00 = 16:00 UTC the day before.
        assert_eq!(
            c[0].at,
            d("2026-10-03")
                .and_hms_opt(16, 0, 0)
                .unwrap_or_default()
                .and_utc()
                .timestamp()
        );
        assert_eq!(c[1].day, d("2026-04-05"));
        assert_eq!(c[2].day, d("2026-03-08"));
        // 02:00 -05:00 = 07:00 UTC.
        assert_eq!(
            c[2].at,
            d("2026-03-08")
                .and_hms_opt(7, 0, 0)
                .unwrap_or_default()
                .and_utc()
                .timestamp()
        );
        assert_eq!(c[3].day, d("2026-11-01"));
        assert_eq!(
            c[3].at,
            d("2026-11-01")
                .and_hms_opt(6, 0, 0)
                .unwrap_or_default()
                .and_utc()
                .timestamp()
        );
        assert_eq!(c[4].day, d("2026-03-29"));
        assert_eq!(c[5].day, d("2026-10-25"));
        assert_eq!(changes_in_year(2025)[0].day, d("2025-10-05"));
        let t = default_trip(1, d("2026-09-04"), d("2026-12-02"));
        assert_eq!(t.map(|t| t.dst.day), Some(d("2026-10-04")));
        assert!(default_trip(1, d("2026-10-22"), d("2026-11-20")).is_none());
    }
}
