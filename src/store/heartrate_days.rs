//! Daily heart-rate statistics straight from the packed columns (pure, tested
//! natively): the heart-rate trend of 30 or 90 days reads `t` and `bpm` of each stored
//! UTC day and never unpacks a sample to JSON (≈ 1,200–17,000 samples a day).
//!
//! A stored record is one UTC day; the statistics are per *local* day of the wearer, at
//! one UTC offset for the whole window (`offset_s`, seconds east of UTC): a sample at
//! instant `u` belongs to the local day of `u + offset_s`.

use super::heartrate::unix_ms;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Minimum, maximum and average bpm of one local day.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct DayStats {
    pub min: u16,
    pub max: u16,
    pub sum: u64,
    pub n: u32,
}

impl DayStats {
    pub fn average(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum as f64 / f64::from(self.n))
    }

    fn add(&mut self, bpm: u16) {
        if self.n == 0 {
            self.min = bpm;
            self.max = bpm;
        } else {
            self.min = self.min.min(bpm);
            self.max = self.max.max(bpm);
        }
        self.sum += u64::from(bpm);
        self.n += 1;
    }
}

const DAY_MS: i64 = 86_400_000;

/// Adds the samples of the stored UTC day `utc_day` (columns `t`: ms since its
/// midnight, `bpm`) to the local days of `out` that lie in `first..=last`.
pub fn accumulate(
    out: &mut BTreeMap<NaiveDate, DayStats>,
    utc_day: NaiveDate,
    t: &[u32],
    bpm: &[u16],
    offset_s: i32,
    (first, last): (NaiveDate, NaiveDate),
) {
    let base = unix_ms(utc_day, 0) + i64::from(offset_s) * 1000;
    // Local day of the UTC day's midnight; samples move to the next one past it.
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    for (t, bpm) in t.iter().zip(bpm) {
        let local = base + i64::from(*t);
        let Some(day) = epoch.checked_add_signed(chrono::TimeDelta::days(local.div_euclid(DAY_MS)))
        else {
            continue;
        };
        if day < first || day > last {
            continue;
        }
        out.entry(day).or_default().add(*bpm);
    }
}

/// The UTC days whose samples can fall in the local days `first..=last` (any offset
/// from −12 h to +14 h): one day either side.
pub fn utc_days(first: NaiveDate, last: NaiveDate) -> (NaiveDate, NaiveDate) {
    (
        first.pred_opt().unwrap_or(first),
        last.succ_opt().unwrap_or(last),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const H: u32 = 3_600_000;

    #[test]
    fn samples_go_to_the_wearers_local_day() {
        let mut out = BTreeMap::new();
        let window = (d("2026-11-15"), d("2026-11-15"));
        // UTC 14 Nov 14:00 and 16:00: in +09:00 that is 14 Nov 23:00 and 15 Nov 01:00.
        accumulate(
            &mut out,
            d("2026-11-14"),
            &[14 * H, 16 * H],
            &[70, 50],
            9 * 3600,
            window,
        );
        // UTC 15 Nov 10:00 and 15:30: 15 Nov 19:00 and 16 Nov 00:30.
        accumulate(
            &mut out,
            d("2026-11-15"),
            &[10 * H, 15 * H + H / 2],
            &[90, 40],
            9 * 3600,
            window,
        );
        let s = out[&d("2026-11-15")];
        assert_eq!(out.len(), 1, "days outside the window are left out");
        assert_eq!((s.min, s.max, s.n), (50, 90, 2));
        assert_eq!(s.average(), Some(70.0));
    }

    #[test]
    fn negative_offsets_and_empty_days() {
        let mut out = BTreeMap::new();
        let window = (d("2026-11-14"), d("2026-11-15"));
        // UTC 15 Nov 03:00 at −05:00 is 14 Nov 22:00.
        accumulate(
            &mut out,
            d("2026-11-15"),
            &[3 * H, 6 * H],
            &[61, 63],
            -5 * 3600,
            window,
        );
        assert_eq!(out[&d("2026-11-14")].n, 1);
        assert_eq!(out[&d("2026-11-15")].min, 63);
        assert_eq!(DayStats::default().average(), None);
        assert_eq!(
            utc_days(d("2026-11-14"), d("2026-11-15")),
            (d("2026-11-13"), d("2026-11-16"))
        );
    }

    #[test]
    fn columns_of_different_lengths_do_not_panic() {
        let mut out = BTreeMap::new();
        let window = (d("2026-11-15"), d("2026-11-15"));
        accumulate(&mut out, d("2026-11-15"), &[H, 2 * H], &[60], 0, window);
        assert_eq!(out[&d("2026-11-15")].n, 1);
    }
}
