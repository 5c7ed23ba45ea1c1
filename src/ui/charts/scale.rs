//! Scales and axis ticks: linear value scales with "nice" ticks, clock-time ticks and
//! calendar-date ticks. Pure (no browser), all values `f64`; times are Unix
//! milliseconds.

/// Milliseconds in a minute / a day.
pub const MINUTE_MS: f64 = 60_000.0;
pub const DAY_MS: f64 = 86_400_000.0;

/// Maps a domain (data values) linearly onto a range (drawing coordinates).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Linear {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl Linear {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        Linear { domain, range }
    }

    /// The range coordinate of `v`; the middle of the range for an empty domain.
    pub fn at(&self, v: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if d1 == d0 {
            (r0 + r1) / 2.0
        } else {
            r0 + (v - d0) / (d1 - d0) * (r1 - r0)
        }
    }

    /// The inverse of [`Linear::at`].
    pub fn invert(&self, r: f64) -> f64 {
        Linear::new(self.range, self.domain).at(r)
    }
}

/// A "nice" step (1, 2 or 5 × 10ⁿ) so that `span` holds at most `max_ticks` steps.
pub fn nice_step(span: f64, max_ticks: usize) -> f64 {
    let raw = span.abs() / max_ticks.max(1) as f64;
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let f = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .find(|f| *f >= norm - 1e-9)
        .unwrap_or(10.0);
    f * mag
}

/// Nice ticks covering `[min, max]`: the domain widened to whole steps and its ticks.
/// An empty or single-valued input still gets a usable domain.
pub fn nice_ticks(min: f64, max: f64, max_ticks: usize) -> ((f64, f64), Vec<f64>) {
    let (mut lo, mut hi) = if min.is_finite() && max.is_finite() && min <= max {
        (min, max)
    } else {
        (0.0, 1.0)
    };
    if lo == hi {
        let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        lo -= pad;
        hi += pad;
        if min >= 0.0 && lo < 0.0 {
            lo = 0.0;
        }
    }
    let step = nice_step(hi - lo, max_ticks);
    let lo = (lo / step).floor() * step;
    let hi = (hi / step).ceil() * step;
    let n = ((hi - lo) / step).round() as usize;
    let ticks = (0..=n)
        .map(|i| clean(((lo / step).round() + i as f64) * step, step))
        .collect();
    ((clean(lo, step), clean(hi, step)), ticks)
}

/// Removes floating noise (0.30000000000000004) and negative zero.
fn clean(v: f64, step: f64) -> f64 {
    let digits = (-step.log10().floor()).clamp(0.0, 12.0) as i32;
    let p = 10f64.powi(digits);
    let v = (v * p).round() / p;
    if v == 0.0 {
        0.0
    } else {
        v
    }
}

/// Clock-time ticks between `t0` and `t1` (Unix ms) at whole local minutes/hours for
/// a UTC offset in seconds: at most `max_ticks`, steps from 5 min to 1 day.
pub fn time_ticks(t0: f64, t1: f64, offset_s: i32, max_ticks: usize) -> Vec<f64> {
    const STEPS_MIN: [f64; 11] = [
        5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 180.0, 240.0, 360.0, 720.0, 1440.0,
    ];
    if !t0.is_finite() || !t1.is_finite() || t1 <= t0 {
        return Vec::new();
    }
    let span = t1 - t0;
    let step = STEPS_MIN
        .into_iter()
        .map(|m| m * MINUTE_MS)
        .find(|s| (span / s).floor() + 1.0 <= max_ticks.max(1) as f64)
        .unwrap_or(DAY_MS);
    let off = f64::from(offset_s) * 1000.0;
    let mut t = ((t0 + off) / step).ceil() * step - off;
    let mut out = Vec::new();
    while t <= t1 {
        out.push(t);
        t += step;
    }
    out
}

/// The spacing of date ticks (decides their label format too).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateStep {
    Days(u32),
    /// Every `n` weeks, on Mondays.
    Weeks(u32),
    Months(u32),
    Years,
}

/// The Unix ms of a calendar day's 00:00 UTC: the x value of a day in date charts.
pub fn day_ms(date: chrono::NaiveDate) -> f64 {
    date.signed_duration_since(chrono::NaiveDate::default())
        .num_days() as f64
        * DAY_MS
}

/// The calendar day of an x value made by [`day_ms`].
pub fn ms_day(ms: f64) -> chrono::NaiveDate {
    let days = (ms / DAY_MS).floor() as i64;
    chrono::NaiveDate::default() + chrono::Duration::days(days)
}

/// Date ticks for days `d0..=d1` (x values from [`day_ms`]): at most `max_ticks`,
/// every 1/2 days, Mondays of every 1/2 weeks, 1st of every 1/3/6 months, or 1 January.
pub fn date_ticks(d0: f64, d1: f64, max_ticks: usize) -> (DateStep, Vec<f64>) {
    use chrono::Datelike;
    let max = max_ticks.max(1) as f64;
    let days = ((d1 - d0) / DAY_MS).round().max(0.0) + 1.0;
    let step = [
        (DateStep::Days(1), 1.0),
        (DateStep::Days(2), 2.0),
        (DateStep::Weeks(1), 7.0),
        (DateStep::Weeks(2), 14.0),
        (DateStep::Months(1), 30.4),
        (DateStep::Months(3), 91.3),
        (DateStep::Months(6), 182.6),
    ]
    .into_iter()
    .find(|(_, len)| (days / len).floor() <= max)
    .map_or(DateStep::Years, |(s, _)| s);
    let (first, last) = (ms_day(d0), ms_day(d1));
    let keep = |d: chrono::NaiveDate| match step {
        DateStep::Days(n) => day_ms(d) / DAY_MS % f64::from(n) == 0.0,
        DateStep::Weeks(n) => {
            // 1970-01-05 (day 4) was a Monday.
            d.weekday() == chrono::Weekday::Mon
                && ((day_ms(d) / DAY_MS + 3.0) / 7.0).round() % f64::from(n) == 0.0
        }
        DateStep::Months(n) => d.day() == 1 && d.month0().is_multiple_of(n),
        DateStep::Years => d.ordinal() == 1,
    };
    let ticks = first
        .iter_days()
        .take_while(|d| *d <= last)
        .filter(|d| keep(*d))
        .map(day_ms)
        .collect();
    (step, ticks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn date(s: &str) -> f64 {
        day_ms(s.parse::<NaiveDate>().unwrap())
    }

    #[test]
    fn linear_maps_both_ways() {
        let s = Linear::new((0.0, 100.0), (200.0, 0.0));
        assert_eq!(s.at(25.0), 150.0);
        assert_eq!(s.invert(150.0), 25.0);
        assert_eq!(Linear::new((5.0, 5.0), (0.0, 10.0)).at(5.0), 5.0);
    }

    #[test]
    fn nice_ticks_are_round_and_cover_the_data() {
        assert_eq!(
            nice_ticks(52.0, 78.0, 5),
            ((50.0, 80.0), vec![50.0, 60.0, 70.0, 80.0])
        );
        assert_eq!(
            nice_ticks(0.0, 8532.0, 5),
            (
                (0.0, 10000.0),
                vec![0.0, 2000.0, 4000.0, 6000.0, 8000.0, 10000.0]
            )
        );
        let ((lo, hi), t) = nice_ticks(-0.3, 0.4, 5);
        assert_eq!((lo, hi), (-0.4, 0.4));
        assert_eq!(t, vec![-0.4, -0.2, 0.0, 0.2, 0.4]);
        assert!(t.iter().all(|v| v.to_string().len() <= 4), "{t:?}");
        assert!(nice_ticks(7.0, 7.0, 5).0 .0 <= 7.0);
        assert_eq!(nice_ticks(0.0, 0.0, 5).0, (0.0, 1.0));
        assert_eq!(nice_ticks(f64::NAN, 1.0, 5).0, (0.0, 1.0));
    }

    #[test]
    fn time_ticks_fall_on_whole_local_hours() {
        // 22:40 to 07:10 at UTC+2 (the night of 2024-06-03).
        let t0 = chrono::DateTime::parse_from_rfc3339("2024-06-03T22:40:00+02:00")
            .unwrap()
            .timestamp_millis() as f64;
        let t1 = t0 + 8.5 * 60.0 * MINUTE_MS;
        let ticks = time_ticks(t0, t1, 7200, 6);
        let labels: Vec<_> = ticks
            .iter()
            .map(|t| crate::ui::charts::format::clock(*t, 7200))
            .collect();
        assert_eq!(labels, ["00:00", "02:00", "04:00", "06:00"]);
        // A short span gets minutes.
        let ticks = time_ticks(t0, t0 + 60.0 * MINUTE_MS, 7200, 6);
        assert_eq!(crate::ui::charts::format::clock(ticks[0], 7200), "22:45");
        assert_eq!(ticks.len(), 4);
        assert!(time_ticks(t1, t0, 0, 6).is_empty());
    }

    #[test]
    fn date_ticks_pick_days_weeks_or_months() {
        let (step, t) = date_ticks(date("2024-06-03"), date("2024-06-09"), 7);
        assert_eq!(step, DateStep::Days(1));
        assert_eq!(t.len(), 7);
        let (step, t) = date_ticks(date("2024-06-01"), date("2024-06-30"), 6);
        assert_eq!(step, DateStep::Weeks(1));
        assert_eq!(t[0], date("2024-06-03"), "Mondays");
        let (step, t) = date_ticks(date("2024-01-01"), date("2024-12-31"), 6);
        assert_eq!(step, DateStep::Months(3));
        assert_eq!(
            t,
            ["2024-01-01", "2024-04-01", "2024-07-01", "2024-10-01"].map(date)
        );
        let (step, _) = date_ticks(date("2020-01-01"), date("2024-12-31"), 6);
        assert_eq!(step, DateStep::Years);
        assert_eq!(ms_day(date("1969-12-31")).to_string(), "1969-12-31");
    }
}
