//! A personal baseline over calendar days: the usual range of a measure from the days
//! before, week and month means, and a period against the same dates a year earlier.
//! Days are the wearer's local calendar days (Oura's `day`), never instants: a time-zone
//! change that makes two Oura days 20 h or 28 h apart changes nothing here. Non-finite
//! values are ignored (as if the day had no value).

use super::stats::{median_mad, MAD_TO_SD};
use chrono::{Datelike, Days, Months, NaiveDate};

/// A per-day series: at most one value per calendar day (the wearer's local `day` as
/// Oura reports it), sorted by day, with gaps (days without a value) allowed.
pub type Series = [(NaiveDate, f64)];

/// How the baseline is computed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BaselineRule {
    /// Calendar days before the day that count (60): the day itself never does.
    pub window_days: i64,
    /// Fewer values than this in the window → no baseline (14).
    pub min_days: usize,
    /// Half-width of the band in robust standard deviations (1.5).
    pub width: f64,
    /// The smallest robust standard deviation used (a measure's resolution, e.g. 1
    /// score point), so that a run of equal values does not make every change "unusual".
    pub min_sd: f64,
}

impl Default for BaselineRule {
    /// 60 days, at least 14 values, ± 1.5 robust SD, no floor on the SD.
    fn default() -> Self {
        BaselineRule {
            window_days: 60,
            min_days: 14,
            width: 1.5,
            min_sd: 0.0,
        }
    }
}

/// The usual range of a day: the median of the window ± width × robust SD, where
/// robust SD = max(MAD × MAD_TO_SD, min_sd). All in the unit of the series.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Band {
    /// The median of the window's values.
    pub median: f64,
    /// The robust standard deviation used (≥ min_sd).
    pub sd: f64,
    /// median − width × sd.
    pub low: f64,
    /// median + width × sd.
    pub high: f64,
    /// How many values the window had.
    pub days: usize,
}

/// Where a value lies against a [`Band`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// Strictly below `low`.
    Below,
    /// From `low` to `high`, both included.
    Within,
    /// Strictly above `high`.
    Above,
}

impl Band {
    /// Below `low`, above `high` (strictly), or within (the edges are within; so is NaN).
    pub fn position(&self, v: f64) -> Position {
        if v < self.low {
            Position::Below
        } else if v > self.high {
            Position::Above
        } else {
            Position::Within
        }
    }

    /// (v − median) / sd, in robust standard deviations; 0 when sd is 0 and v == median;
    /// ±f64::INFINITY when sd is 0 and v differs (callers rank by it); NaN for a NaN v.
    pub fn deviation(&self, v: f64) -> f64 {
        let d = v - self.median;
        if d == 0.0 {
            0.0
        } else if self.sd > 0.0 {
            d / self.sd
        } else {
            d * f64::INFINITY
        }
    }
}

/// The first and last day of `day`'s window; None when it is empty (window_days < 1).
fn span(day: NaiveDate, rule: &BaselineRule) -> Option<(NaiveDate, NaiveDate)> {
    let days = u64::try_from(rule.window_days).ok().filter(|&d| d > 0)?;
    let last = day.pred_opt()?;
    Some((
        day.checked_sub_days(Days::new(days))
            .unwrap_or(NaiveDate::MIN),
        last,
    ))
}

/// The band of the values of `points` (`buf` is scratch space, reused between calls).
fn band_of(points: &Series, rule: &BaselineRule, buf: &mut Vec<f64>) -> Option<Band> {
    buf.clear();
    buf.extend(points.iter().map(|p| p.1).filter(|v| v.is_finite()));
    let days = buf.len();
    if days < rule.min_days {
        return None;
    }
    let (median, mad) = median_mad(buf)?;
    let sd = (mad * MAD_TO_SD).max(rule.min_sd);
    let half = rule.width * sd;
    Some(Band {
        median,
        sd,
        low: median - half,
        high: median + half,
        days,
    })
}

/// The band of `day` from the values of `series` on the `window_days` calendar days
/// before it (`day - window_days ..= day - 1`); `day` need not be in the series.
/// None when fewer than `min_days` values fall in that window (or none at all).
pub fn band_at(series: &Series, day: NaiveDate, rule: &BaselineRule) -> Option<Band> {
    let (first, last) = span(day, rule)?;
    band_of(window(series, first, last), rule, &mut Vec::new())
}

/// `band_at` for every point of `series`, in order (same length as `series`), in one
/// pass: the window's two ends only move forward.
pub fn rolling(series: &Series, rule: &BaselineRule) -> Vec<Option<Band>> {
    let mut buf = Vec::new();
    let (mut start, mut end) = (0, 0);
    series
        .iter()
        .map(|&(day, _)| {
            let (first, last) = span(day, rule)?;
            while start < series.len() && series[start].0 < first {
                start += 1;
            }
            end = end.max(start);
            while end < series.len() && series[end].0 <= last {
                end += 1;
            }
            band_of(series.get(start..end)?, rule, &mut buf)
        })
        .collect()
}

/// The part of `series` with `first <= day <= last` (binary search; empty when none).
pub fn window(series: &Series, first: NaiveDate, last: NaiveDate) -> &Series {
    let lo = series.partition_point(|p| p.0 < first);
    let hi = series.partition_point(|p| p.0 <= last);
    series.get(lo..hi).unwrap_or(&[])
}

/// The mean of the finite values of `points` and their count; None when there is none.
fn mean_days(points: &Series) -> Option<(f64, usize)> {
    let (sum, n) = points
        .iter()
        .filter(|p| p.1.is_finite())
        .fold((0.0, 0usize), |(s, n), p| (s + p.1, n + 1));
    (n > 0).then(|| (sum / n as f64, n))
}

/// The calendar unit of [`bucket_means`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bucket {
    /// An ISO week, Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
}

/// The mean of one week (ISO week, Monday first) or calendar month.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BucketMean {
    /// The Monday of the week, or the 1st of the month.
    pub start: NaiveDate,
    /// The mean of the bucket's values (unit of the series).
    pub mean: f64,
    /// How many values the bucket had.
    pub days: usize,
}

/// Means per week or month, in order; buckets with no value are left out (a gap stays
/// a gap). `start` is the Monday / the 1st of the month even when that day has no value.
pub fn bucket_means(series: &Series, bucket: Bucket) -> Vec<BucketMean> {
    let mut out: Vec<BucketMean> = Vec::new();
    for &(day, v) in series {
        let start = match bucket {
            Bucket::Week => {
                day.checked_sub_days(Days::new(day.weekday().num_days_from_monday().into()))
            }
            Bucket::Month => day.with_day(1),
        };
        let Some(start) = start.filter(|_| v.is_finite()) else {
            continue;
        };
        // `mean` holds the sum until the end.
        match out.last_mut() {
            Some(b) if b.start == start => {
                b.mean += v;
                b.days += 1;
            }
            _ => out.push(BucketMean {
                start,
                mean: v,
                days: 1,
            }),
        }
    }
    for b in &mut out {
        b.mean /= b.days as f64;
    }
    out
}

/// This period against the same dates one year earlier (means in the unit of the series).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct YearAgo {
    /// The mean over the period.
    pub now: f64,
    /// How many values the period had.
    pub now_days: usize,
    /// The mean over the same dates one year earlier.
    pub then: f64,
    /// How many values those dates had.
    pub then_days: usize,
}

/// Mean over `first..=last` and over the same calendar dates one year before (a
/// 29 February maps to the 28th). None when either side has no value.
pub fn year_ago(series: &Series, first: NaiveDate, last: NaiveDate) -> Option<YearAgo> {
    let year = Months::new(12);
    let (now, now_days) = mean_days(window(series, first, last))?;
    let (then, then_days) = mean_days(window(
        series,
        first.checked_sub_months(year)?,
        last.checked_sub_months(year)?,
    ))?;
    Some(YearAgo {
        now,
        now_days,
        then,
        then_days,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rule(min_days: usize) -> BaselineRule {
        BaselineRule {
            min_days,
            ..BaselineRule::default()
        }
    }

    /// Values on 5 of the 60 days before 2024-03-01 (2024-01-01 ..= 2024-02-29: 31 + 29
    /// days), plus one just outside each end.
    fn gappy() -> Vec<(NaiveDate, f64)> {
        vec![
            (d(2023, 12, 31), 1000.0), // 61 days before: outside
            (d(2024, 1, 1), 10.0),     // 60 days before: the first day in
            (d(2024, 1, 5), 12.0),
            (d(2024, 1, 20), 14.0),
            (d(2024, 2, 10), 11.0),
            (d(2024, 2, 29), 13.0),  // the day before: the last day in
            (d(2024, 3, 1), 1000.0), // the day itself: never in its own window
        ]
    }

    #[test]
    fn default_rule() {
        let r = BaselineRule::default();
        assert_eq!(
            (r.window_days, r.min_days, r.width, r.min_sd),
            (60, 14, 1.5, 0.0)
        );
    }

    #[test]
    fn band_at_counts_values_not_days_and_excludes_the_day() {
        let s = gappy();
        // Window of 2024-03-01: [10, 12, 14, 11, 13] → sorted [10,11,12,13,14],
        // median 12; |x − 12| = [2,0,2,1,1] → sorted [0,1,1,2,2] → MAD 1;
        // sd = 1 × 1.4826; band 12 ± 1.5 × 1.4826 = 12 ± 2.2239.
        let b = band_at(&s, d(2024, 3, 1), &rule(5)).unwrap();
        assert_eq!(b.days, 5);
        assert_eq!(b.median, 12.0);
        assert_eq!(b.sd, 1.4826);
        assert_eq!(b.low, 12.0 - 1.5 * 1.4826);
        assert_eq!(b.high, 12.0 + 1.5 * 1.4826);
        assert!((b.low - 9.7761).abs() < 1e-12 && (b.high - 14.2239).abs() < 1e-12);
        // exactly min_days values → a band; one value short → none
        assert!(band_at(&s, d(2024, 3, 1), &rule(6)).is_none());
        // 2024-03-02: 2024-01-02 ..= 2024-03-01 drops the 10, takes the 1000:
        // [12, 14, 11, 13, 1000] → sorted [11,12,13,14,1000] → median 13
        let b2 = band_at(&s, d(2024, 3, 2), &rule(5)).unwrap();
        assert_eq!((b2.median, b2.days), (13.0, 5));
        // a day far from any value: empty window
        assert!(band_at(&s, d(2025, 1, 1), &rule(0)).is_none());
    }

    #[test]
    fn band_position_and_deviation() {
        let b = band_at(&gappy(), d(2024, 3, 1), &rule(5)).unwrap();
        // 15 − 12 = 3 robust SDs of 1.4826
        assert_eq!(b.deviation(15.0), 3.0 / 1.4826);
        assert_eq!(b.deviation(12.0), 0.0);
        assert_eq!(b.position(9.0), Position::Below);
        assert_eq!(b.position(b.low), Position::Within);
        assert_eq!(b.position(12.0), Position::Within);
        assert_eq!(b.position(b.high), Position::Within);
        assert_eq!(b.position(14.5), Position::Above);
    }

    #[test]
    fn single_day_of_data_has_no_band() {
        let s = [(d(2024, 5, 1), 70.0)];
        assert!(band_at(&s, d(2024, 5, 2), &BaselineRule::default()).is_none());
        assert_eq!(rolling(&s, &BaselineRule::default()), vec![None]);
    }

    #[test]
    fn non_finite_values_do_not_count() {
        // 5 finite values (gappy) + 2 NaN/inf in the window: still 5, so min 6 → None
        let mut s = gappy();
        s.insert(2, (d(2024, 1, 2), f64::NAN));
        s.insert(3, (d(2024, 1, 3), f64::INFINITY));
        let b = band_at(&s, d(2024, 3, 1), &rule(5)).unwrap();
        assert_eq!((b.median, b.days), (12.0, 5));
        assert!(band_at(&s, d(2024, 3, 1), &rule(6)).is_none());
    }

    #[test]
    fn all_equal_values() {
        // 20 days of 70 before 2024-05-21
        let s: Vec<_> = (1..=20).map(|i| (d(2024, 5, i), 70.0)).collect();
        let b = band_at(&s, d(2024, 5, 21), &BaselineRule::default()).unwrap();
        // MAD 0, min_sd 0 → sd 0, the band is the single point 70
        assert_eq!(
            (b.median, b.sd, b.low, b.high, b.days),
            (70.0, 0.0, 70.0, 70.0, 20)
        );
        assert_eq!(b.deviation(71.0), f64::INFINITY);
        assert_eq!(b.deviation(69.0), f64::NEG_INFINITY);
        assert_eq!(b.deviation(70.0), 0.0);
        assert_eq!(b.position(70.0), Position::Within);
        assert_eq!(b.position(71.0), Position::Above);
        // min_sd 1 → sd 1, band 70 ± 1.5 × 1 = [68.5, 71.5]
        let r = BaselineRule {
            min_sd: 1.0,
            ..BaselineRule::default()
        };
        let b = band_at(&s, d(2024, 5, 21), &r).unwrap();
        assert_eq!((b.median, b.sd, b.low, b.high), (70.0, 1.0, 68.5, 71.5));
        assert_eq!(b.deviation(71.0), 1.0);
        assert_eq!(b.position(71.0), Position::Within);
    }

    #[test]
    fn window_slices_by_date() {
        let s = gappy();
        // 2024-01-05 ..= 2024-02-10: 12, 14, 11
        let w = window(&s, d(2024, 1, 5), d(2024, 2, 10));
        assert_eq!(
            w.iter().map(|p| p.1).collect::<Vec<_>>(),
            vec![12.0, 14.0, 11.0]
        );
        // between two values, reversed, before and after everything: empty
        assert!(window(&s, d(2024, 1, 6), d(2024, 1, 19)).is_empty());
        assert!(window(&s, d(2024, 2, 10), d(2024, 1, 5)).is_empty());
        assert!(window(&s, d(2020, 1, 1), d(2020, 12, 31)).is_empty());
        assert!(window(&s, d(2030, 1, 1), d(2030, 12, 31)).is_empty());
        assert_eq!(window(&s, d(2000, 1, 1), d(2030, 1, 1)).len(), 7);
        assert!(window(&[], d(2000, 1, 1), d(2030, 1, 1)).is_empty());
    }

    /// A gappy series of `n` days from 2022-01-01, built deterministically: some days
    /// missing, a few NaN, values that move.
    fn long_series(n: u64) -> Vec<(NaiveDate, f64)> {
        (0..n)
            .filter(|i| i % 7 != 3 && i % 11 != 0 && (i / 40) % 5 != 2)
            .map(|i| {
                let v = if i % 29 == 0 {
                    f64::NAN
                } else {
                    ((i * 37) % 23) as f64 + (i % 5) as f64 * 0.5
                };
                (d(2022, 1, 1) + Days::new(i), v)
            })
            .collect()
    }

    #[test]
    fn rolling_equals_band_at() {
        let s = long_series(400);
        let short = BaselineRule {
            window_days: 7,
            min_days: 3,
            width: 2.0,
            min_sd: 0.5,
        };
        for r in [BaselineRule::default(), short] {
            let all = rolling(&s, &r);
            assert_eq!(all.len(), s.len());
            for (p, b) in s.iter().zip(&all) {
                assert_eq!(*b, band_at(&s, p.0, &r), "{}", p.0);
            }
            // both outcomes occur (the 40-day holes leave too few values)
            assert!(all.iter().any(Option::is_some) && all.iter().any(Option::is_none));
        }
    }

    #[test]
    fn rolling_five_years() {
        // 1,826 consecutive days: point i has i values before it, so points 0..=13
        // have fewer than 14 → None; from point 60 on the window is 60 full days.
        let s: Vec<_> = (0..1826u64)
            .map(|i| (d(2021, 1, 1) + Days::new(i), (i % 17) as f64))
            .collect();
        let all = rolling(&s, &BaselineRule::default());
        assert_eq!(all.len(), 1826);
        assert!(all[..14].iter().all(Option::is_none));
        assert_eq!(all[14].map(|b| b.days), Some(14));
        assert!(all[60..].iter().all(|b| b.map(|b| b.days) == Some(60)));
        assert_eq!(all[1825], band_at(&s, s[1825].0, &BaselineRule::default()));
    }

    #[test]
    fn week_buckets_start_on_monday() {
        assert_eq!(d(2024, 1, 1).weekday(), chrono::Weekday::Mon);
        let s = [
            (d(2023, 12, 31), 8.0), // a Sunday: week of Monday 2023-12-25
            (d(2024, 1, 1), 1.0),   // Monday
            (d(2024, 1, 3), 2.0),   // Wednesday
            (d(2024, 1, 7), 6.0),   // Sunday, same week
            // the week of 2024-01-08 has no value: left out
            (d(2024, 1, 16), f64::NAN), // Tuesday, ignored
            (d(2024, 1, 17), 10.0),     // Wednesday of the week of Monday 2024-01-15
        ];
        let w = bucket_means(&s, Bucket::Week);
        let want = vec![
            BucketMean {
                start: d(2023, 12, 25),
                mean: 8.0,
                days: 1,
            },
            // (1 + 2 + 6) / 3 = 3
            BucketMean {
                start: d(2024, 1, 1),
                mean: 3.0,
                days: 3,
            },
            BucketMean {
                start: d(2024, 1, 15),
                mean: 10.0,
                days: 1,
            },
        ];
        assert_eq!(w, want);
        assert!(bucket_means(&[], Bucket::Week).is_empty());
        assert!(bucket_means(&[(d(2024, 1, 1), f64::NAN)], Bucket::Week).is_empty());
    }

    #[test]
    fn month_buckets_across_a_year_end() {
        let s = [
            (d(2023, 12, 15), 4.0),
            (d(2023, 12, 31), 6.0),
            (d(2024, 1, 1), 10.0),
            (d(2024, 1, 31), 20.0),
            // February has no value: left out
            (d(2024, 3, 5), 7.0),
        ];
        let m = bucket_means(&s, Bucket::Month);
        let want = vec![
            // (4 + 6) / 2 = 5
            BucketMean {
                start: d(2023, 12, 1),
                mean: 5.0,
                days: 2,
            },
            // (10 + 20) / 2 = 15
            BucketMean {
                start: d(2024, 1, 1),
                mean: 15.0,
                days: 2,
            },
            BucketMean {
                start: d(2024, 3, 1),
                mean: 7.0,
                days: 1,
            },
        ];
        assert_eq!(m, want);
    }

    #[test]
    fn year_ago_over_a_leap_day() {
        let s = [
            (d(2023, 2, 27), 100.0), // outside
            (d(2023, 2, 28), 4.0),
            (d(2023, 3, 1), 8.0),
            (d(2023, 3, 2), 100.0), // outside
            (d(2024, 2, 28), 10.0),
            (d(2024, 2, 29), 20.0),
            (d(2024, 3, 1), 30.0),
        ];
        // now: (10 + 20 + 30) / 3 = 20; then 2023-02-28 ..= 2023-03-01: (4 + 8) / 2 = 6
        let y = year_ago(&s, d(2024, 2, 28), d(2024, 3, 1)).unwrap();
        assert_eq!(
            y,
            YearAgo {
                now: 20.0,
                now_days: 3,
                then: 6.0,
                then_days: 2
            }
        );
        // 2024-02-29 alone maps to 2023-02-28 alone
        let y = year_ago(&s, d(2024, 2, 29), d(2024, 2, 29)).unwrap();
        assert_eq!(
            y,
            YearAgo {
                now: 20.0,
                now_days: 1,
                then: 4.0,
                then_days: 1
            }
        );
        // nothing a year before 2023 → None; nothing now → None
        assert_eq!(year_ago(&s, d(2023, 2, 28), d(2023, 3, 1)), None);
        assert_eq!(year_ago(&s, d(2024, 3, 2), d(2024, 3, 31)), None);
    }

    #[test]
    fn time_zone_change_counts_calendar_days() {
        // A flight east: the Oura day 2026-10-04 never happens (its night is 20 h after
        // the previous one); the series has values on 10-03 and 10-05 only.
        let s = [(d(2026, 10, 3), 60.0), (d(2026, 10, 5), 80.0)];
        let b = band_at(&s, d(2026, 10, 6), &rule(1)).unwrap();
        // 2 values, not 3 (and not the 28 h or 20 h between them): median (60 + 80) / 2
        assert_eq!((b.days, b.median), (2, 70.0));
        assert_eq!(window(&s, d(2026, 10, 3), d(2026, 10, 5)).len(), 2);
        // Saturday 10-03 is in the week of Monday 09-28, Monday 10-05 starts its own
        assert_eq!(d(2026, 10, 3).weekday(), chrono::Weekday::Sat);
        assert_eq!(
            bucket_means(&s, Bucket::Week),
            vec![
                BucketMean {
                    start: d(2026, 9, 28),
                    mean: 60.0,
                    days: 1
                },
                BucketMean {
                    start: d(2026, 10, 5),
                    mean: 80.0,
                    days: 1
                },
            ]
        );
        // A flight west (28 h between two nights) gives two consecutive days: 2 values
        let s = [(d(2026, 10, 3), 60.0), (d(2026, 10, 4), 80.0)];
        assert_eq!(
            band_at(&s, d(2026, 10, 5), &rule(1)).map(|b| b.days),
            Some(2)
        );
        assert_eq!(bucket_means(&s, Bucket::Week).len(), 1);
    }
}
