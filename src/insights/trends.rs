//! One measure's trend over a range of days: its values (daily, or weekly / monthly
//! means for long ranges), the personal baseline band of each point, the days outside
//! it, the period's mean and the same period a year ago.

use super::baseline::{
    band_at, bucket_means, rolling, window, year_ago, Band, BaselineRule, Bucket, Position, Series,
    YearAgo,
};
use super::series::MEASURES;
use super::stats::mean;
use chrono::{Duration, NaiveDate};

/// The ranges the trends page offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Range {
    /// The last N days (7, 30, 90, 365).
    Days(i64),
    /// Everything stored.
    All,
}

impl Range {
    /// The choices, in order.
    pub const CHOICES: [Range; 5] = [
        Range::Days(7),
        Range::Days(30),
        Range::Days(90),
        Range::Days(365),
        Range::All,
    ];

    /// The range of an address' `range=` (`7`, `30`, `90`, `365`, `all`).
    pub fn parse(s: &str) -> Option<Range> {
        Range::CHOICES.into_iter().find(|r| r.code() == s)
    }

    /// The address form.
    pub fn code(self) -> &'static str {
        match self {
            Range::Days(7) => "7",
            Range::Days(30) => "30",
            Range::Days(90) => "90",
            Range::Days(365) => "365",
            Range::Days(_) | Range::All => "all",
        }
    }

    /// The first and last day of the range ending on `last` (`All`: from `first`).
    pub fn days(self, first: NaiveDate, last: NaiveDate) -> (NaiveDate, NaiveDate) {
        match self {
            Range::Days(n) => (last - Duration::days(n - 1), last),
            Range::All => (first.min(last), last),
        }
    }
}

/// The baseline rule of measure `i` (its resolution as the smallest spread).
pub fn rule(i: usize) -> BaselineRule {
    BaselineRule {
        min_sd: MEASURES.get(i).map_or(0.0, |m| m.min_sd),
        ..BaselineRule::default()
    }
}

/// A band of measure `i` as shown: a measure that cannot be negative (all but the
/// temperature deviation) never has a usual range below zero.
pub fn shown(i: usize, mut band: Band) -> Band {
    if MEASURES
        .get(i)
        .is_some_and(|m| m.unit != super::series::Unit::Celsius)
    {
        band.low = band.low.max(0.0);
        band.high = band.high.max(0.0);
    }
    band
}

/// The usual range of measure `i` on `day` (from the 60 days before it), as shown.
pub fn usual(series: &Series, i: usize, day: NaiveDate) -> Option<Band> {
    band_at(series, day, &rule(i)).map(|b| shown(i, b))
}

/// One drawn point: a day (or the first day of a week or month), its value, its band.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub day: NaiveDate,
    pub value: f64,
    /// The usual range (for a bucket: the mean of its days' bands).
    pub band: Option<(f64, f64)>,
    pub outside: bool,
}

/// A measure over a range.
#[derive(Clone, Debug, PartialEq)]
pub struct Trend {
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// `None`: one point per day.
    pub bucket: Option<Bucket>,
    pub points: Vec<Point>,
    /// Days with a value in the range.
    pub days: usize,
    /// Of those, the days outside their band.
    pub outside: usize,
    pub mean: Option<f64>,
    pub year_ago: Option<YearAgo>,
    /// The latest value in the range.
    pub latest: Option<(NaiveDate, f64)>,
}

/// How long ranges are drawn: weekly means beyond 120 days, monthly beyond 2 years.
pub fn bucket_for(first: NaiveDate, last: NaiveDate) -> Option<Bucket> {
    let span = (last - first).num_days() + 1;
    if span > 730 {
        Some(Bucket::Month)
    } else if span > 120 {
        Some(Bucket::Week)
    } else {
        None
    }
}

/// The trend of measure `i` (its whole `series`) over `first..=last`; the bands use the
/// days before `first` too.
pub fn trend(series: &Series, i: usize, first: NaiveDate, last: NaiveDate) -> Trend {
    let rule = rule(i);
    let bands = rolling(series, &rule);
    let start = series.partition_point(|(d, _)| *d < first);
    let in_range = window(series, first, last);
    let daily: Vec<Point> = in_range
        .iter()
        .zip(&bands[start.min(bands.len())..])
        .map(|(&(day, value), band)| point(day, value, band.map(|b| shown(i, b)).as_ref()))
        .collect();
    let outside = daily.iter().filter(|p| p.outside).count();
    let bucket = bucket_for(first, last);
    let points = match bucket {
        None => daily.clone(),
        Some(b) => bucket_means(in_range, b)
            .into_iter()
            .map(|m| {
                let next = match b {
                    Bucket::Week => m.start + Duration::days(7),
                    Bucket::Month => m
                        .start
                        .checked_add_months(chrono::Months::new(1))
                        .unwrap_or(m.start + Duration::days(31)),
                };
                let of: Vec<&Point> = daily
                    .iter()
                    .filter(|p| p.day >= m.start && p.day < next)
                    .collect();
                let lows: Vec<f64> = of.iter().filter_map(|p| p.band.map(|b| b.0)).collect();
                let highs: Vec<f64> = of.iter().filter_map(|p| p.band.map(|b| b.1)).collect();
                let band = mean(&lows).zip(mean(&highs));
                Point {
                    day: m.start,
                    value: m.mean,
                    band,
                    outside: band.is_some_and(|(lo, hi)| m.mean < lo || m.mean > hi),
                }
            })
            .collect(),
    };
    let values: Vec<f64> = in_range.iter().map(|(_, v)| *v).collect();
    Trend {
        first,
        last,
        bucket,
        points,
        days: in_range.len(),
        outside,
        mean: mean(&values),
        year_ago: year_ago(series, first, last),
        latest: in_range.last().copied(),
    }
}

fn point(day: NaiveDate, value: f64, band: Option<&Band>) -> Point {
    Point {
        day,
        value,
        band: band.map(|b| (b.low, b.high)),
        outside: band.is_some_and(|b| b.position(value) != Position::Within),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::oura::models::parse_day(s).unwrap()
    }

    /// 100 days of 70 (with one day of 90 at the end, and a gap).
    fn steady() -> Vec<(NaiveDate, f64)> {
        let start = d("2026-01-01");
        let mut s: Vec<_> = (0..100)
            .filter(|i| *i != 50)
            .map(|i| (start + Duration::days(i), 70.0))
            .collect();
        s.push((start + Duration::days(100), 90.0));
        s
    }

    #[test]
    fn ranges_parse_and_count_back_from_the_last_day() {
        assert_eq!(Range::parse("90"), Some(Range::Days(90)));
        assert_eq!(Range::parse("all"), Some(Range::All));
        assert_eq!(Range::parse("14"), None);
        assert_eq!(
            Range::Days(7).days(d("2020-01-01"), d("2026-03-07")),
            (d("2026-03-01"), d("2026-03-07"))
        );
        assert_eq!(
            Range::All.days(d("2020-01-01"), d("2026-03-07")),
            (d("2020-01-01"), d("2026-03-07"))
        );
        assert_eq!(bucket_for(d("2026-01-01"), d("2026-03-31")), None);
        assert_eq!(
            bucket_for(d("2025-03-08"), d("2026-03-07")),
            Some(Bucket::Week)
        );
        assert_eq!(
            bucket_for(d("2021-01-01"), d("2026-03-07")),
            Some(Bucket::Month)
        );
    }

    #[test]
    fn a_day_far_from_the_usual_is_outside_and_the_band_uses_the_days_before_the_range() {
        let s = steady();
        let t = trend(&s, 0, d("2026-04-05"), d("2026-04-11"));
        // 2026-04-05 … 2026-04-11 is days 94…100: all seven have a value.
        assert_eq!(t.days, 7);
        assert_eq!(t.outside, 1, "only the 90");
        let last = t.points.last().unwrap();
        assert_eq!(last.value, 90.0);
        assert!(last.outside);
        // All-equal 70s with the score's resolution (1 point): 70 ± 1.5.
        assert_eq!(last.band, Some((68.5, 71.5)));
        assert_eq!(t.latest, Some((d("2026-04-11"), 90.0)));
        // Mean: (6 × 70 + 90) / 7.
        assert!((t.mean.unwrap() - 510.0 / 7.0).abs() < 1e-9);
        assert_eq!(t.year_ago, None);
    }

    #[test]
    fn a_usual_range_never_goes_below_zero_but_a_temperature_deviation_may() {
        let band = Band {
            median: 5.0,
            sd: 10.0,
            low: -10.0,
            high: 20.0,
            days: 30,
        };
        let latency = MEASURES.iter().position(|m| m.id == "latency").unwrap();
        let temperature = MEASURES.iter().position(|m| m.id == "temperature").unwrap();
        assert_eq!(
            (shown(latency, band).low, shown(latency, band).high),
            (0.0, 20.0)
        );
        assert_eq!(shown(temperature, band), band);
    }

    #[test]
    fn long_ranges_are_drawn_as_weekly_means() {
        let start = d("2025-01-06"); // a Monday
        let s: Vec<_> = (0..365)
            .map(|i| (start + Duration::days(i), f64::from(i as i32 % 7)))
            .collect();
        let t = trend(&s, 0, start, start + Duration::days(364));
        assert_eq!(t.bucket, Some(Bucket::Week));
        // 52 whole weeks and one day: 53 points; a whole week's mean is (0+…+6)/7 = 3.
        assert_eq!(t.points.len(), 53);
        assert_eq!(t.points[0].day, start);
        assert_eq!(t.points[0].value, 3.0);
        assert_eq!(t.days, 365);
    }
}
