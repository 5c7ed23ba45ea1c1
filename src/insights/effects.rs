//! What a tag does to a measure, with an honest uncertainty: the difference of the
//! means of the days with and without the tag, and a deterministic percentile bootstrap
//! interval (the same bits natively and in wasm). Non-finite values are ignored.

use super::stats::{finite, quantile_sorted};

/// Fewer days than this on either side → no effect is claimed.
pub const MIN_DAYS: usize = 5;

/// The difference of means (with − without) and its 95 % bootstrap interval, in the
/// unit of the measure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Effect {
    /// mean(with) − mean(without).
    pub diff: f64,
    /// The 2.5 % quantile of the bootstrap differences.
    pub low: f64,
    /// The 97.5 % quantile of the bootstrap differences.
    pub high: f64,
    /// How many finite values the days with the tag had.
    pub with: usize,
    /// How many finite values the days without the tag had.
    pub without: usize,
}

/// The answer of [`effect`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Verdict {
    /// Enough values on both sides: the effect and its interval.
    Effect(Effect),
    /// Fewer than MIN_DAYS finite values on a side (the counts say which).
    TooFew {
        /// Finite values with the tag.
        with: usize,
        /// Finite values without the tag.
        without: usize,
    },
}

/// The mean of finite values (`v` not empty).
fn mean_of(v: &[f64]) -> f64 {
    v.iter().fold(0.0, |s, x| s + x) / v.len() as f64
}

/// The mean of `v.len()` values drawn from `v` with replacement.
fn resample_mean(v: &[f64], rng: &mut Rng) -> f64 {
    (0..v.len()).fold(0.0, |s, _| s + v[rng.below(v.len())]) / v.len() as f64
}

/// Percentile bootstrap: `resamples` times, draw each group with replacement (same
/// sizes), take the difference of means; the interval is the 2.5 % and 97.5 %
/// quantiles (type 7) of those differences. Deterministic: splitmix64 ([`Rng`]) seeded
/// with `seed`, and only + − × ÷ and integer ops, so the same inputs and seed give the
/// same interval, bit for bit, natively and in wasm. `resamples` 0 → interval =
/// [diff, diff].
pub fn effect(with: &[f64], without: &[f64], seed: u64, resamples: usize) -> Verdict {
    let (a, b) = (finite(with), finite(without));
    if a.len() < MIN_DAYS || b.len() < MIN_DAYS {
        return Verdict::TooFew {
            with: a.len(),
            without: b.len(),
        };
    }
    let diff = mean_of(&a) - mean_of(&b);
    let mut rng = Rng(seed);
    let mut diffs: Vec<f64> = (0..resamples)
        .map(|_| resample_mean(&a, &mut rng) - resample_mean(&b, &mut rng))
        .collect();
    diffs.sort_unstable_by(f64::total_cmp);
    Verdict::Effect(Effect {
        diff,
        low: quantile_sorted(&diffs, 0.025).unwrap_or(diff),
        high: quantile_sorted(&diffs, 0.975).unwrap_or(diff),
        with: a.len(),
        without: b.len(),
    })
}

/// splitmix64 (public so tests and callers can derive seeds); the state is the field.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in 0..n (n > 0; Lemire's multiply-shift, the tiny bias is fine); 0 when
    /// n is 0.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WITH: [f64; 5] = [10.0, 11.0, 12.0, 13.0, 14.0];
    const WITHOUT: [f64; 7] = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0];

    fn get(v: Verdict) -> Effect {
        match v {
            Verdict::Effect(e) => e,
            Verdict::TooFew { .. } => panic!("too few: {v:?}"),
        }
    }

    #[test]
    fn splitmix64_reference_values() {
        let mut r = Rng(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        // reproducible: a fresh Rng from the same seed repeats itself
        let (mut a, mut b) = (Rng(42), Rng(42));
        assert!((0..100).all(|_| a.next_u64() == b.next_u64()));
    }

    #[test]
    fn below_stays_in_range() {
        let mut r = Rng(7);
        let mut seen = [false; 6];
        for _ in 0..1000 {
            let i = r.below(6);
            assert!(i < 6);
            seen[i] = true;
        }
        assert!(seen.iter().all(|&s| s));
        assert_eq!(r.below(1), 0);
        assert_eq!(r.below(0), 0);
    }

    #[test]
    fn too_few_on_a_side() {
        let four = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(
            effect(&four, &WITHOUT, 1, 100),
            Verdict::TooFew {
                with: 4,
                without: 7
            }
        );
        assert_eq!(
            effect(&WITH, &four, 1, 100),
            Verdict::TooFew {
                with: 5,
                without: 4
            }
        );
        // NaN/inf do not count: 4 finite values with
        let with = [1.0, f64::NAN, 2.0, 3.0, f64::INFINITY, 4.0];
        assert_eq!(
            effect(&with, &WITHOUT, 1, 100),
            Verdict::TooFew {
                with: 4,
                without: 7
            }
        );
        assert_eq!(
            effect(&[], &[], 1, 100),
            Verdict::TooFew {
                with: 0,
                without: 0
            }
        );
    }

    #[test]
    fn well_separated_groups() {
        // mean(with) = 60 / 5 = 12, mean(without) = 21 / 7 = 3 → diff 9
        let e = get(effect(&WITH, &WITHOUT, 1, 1000));
        assert_eq!((e.diff, e.with, e.without), (9.0, 5, 7));
        assert!(e.low <= e.diff && e.diff <= e.high, "{e:?}");
        assert!(e.low > 0.0, "{e:?}");
        // a resampled mean stays within its group: 10..=14 − 0..=6 → 4..=14
        assert!(e.low >= 4.0 && e.high <= 14.0, "{e:?}");
        // NaN/inf in the input change nothing
        let with = [10.0, f64::NAN, 11.0, 12.0, 13.0, f64::NEG_INFINITY, 14.0];
        assert_eq!(effect(&with, &WITHOUT, 1, 1000), Verdict::Effect(e));
    }

    #[test]
    fn same_seed_same_bits() {
        let (a, b) = (
            get(effect(&WITH, &WITHOUT, 99, 1000)),
            get(effect(&WITH, &WITHOUT, 99, 1000)),
        );
        assert_eq!(a.low.to_bits(), b.low.to_bits());
        assert_eq!(a.high.to_bits(), b.high.to_bits());
        // other seeds: usually another interval (at least one of five differs)
        assert!((100..105).any(|s| get(effect(&WITH, &WITHOUT, s, 1000)) != a));
    }

    #[test]
    fn identical_groups() {
        let g = [3.0, 5.0, 8.0, 1.0, 9.0, 4.0];
        let e = get(effect(&g, &g, 5, 1000));
        // the same means, computed the same way: 30 / 6 − 30 / 6 = 0
        assert_eq!(e.diff, 0.0);
        assert!(e.low < 0.0 && 0.0 < e.high, "{e:?}");
    }

    #[test]
    fn no_resamples() {
        let e = get(effect(&WITH, &WITHOUT, 1, 0));
        assert_eq!((e.diff, e.low, e.high), (9.0, 9.0, 9.0));
    }

    #[test]
    fn cheap_at_page_scale() {
        // 180 vs 14 values, 1,000 resamples, 50 times (a page): completes quickly
        let with: Vec<f64> = (0..180).map(|i| (i % 13) as f64).collect();
        let without: Vec<f64> = (0..14).map(|i| (i % 5) as f64).collect();
        for s in 0..50 {
            assert!(matches!(
                effect(&with, &without, s, 1000),
                Verdict::Effect(_)
            ));
        }
    }
}
