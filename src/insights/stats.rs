//! Order statistics on `&[f64]`. Every function ignores non-finite values (NaN, ±inf)
//! and answers `None` when no finite value is left; results are in the unit of the input.

/// MAD × this ≈ the standard deviation of normal data.
pub const MAD_TO_SD: f64 = 1.4826;

/// The finite values of `xs`, in their order.
pub(crate) fn finite(xs: &[f64]) -> Vec<f64> {
    xs.iter().copied().filter(|x| x.is_finite()).collect()
}

/// The arithmetic mean of the finite values; None when there is none.
pub fn mean(xs: &[f64]) -> Option<f64> {
    let (sum, n) = xs
        .iter()
        .filter(|x| x.is_finite())
        .fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// The median of values already sorted; None when empty.
pub(crate) fn median_sorted(v: &[f64]) -> Option<f64> {
    let m = v.len() / 2;
    match v.len() {
        0 => None,
        n if n % 2 == 1 => Some(v[m]),
        // Halves first: the mean of two huge values does not overflow.
        _ => Some(v[m - 1] / 2.0 + v[m] / 2.0),
    }
}

/// The median and the MAD of `buf`, which must hold finite values only (in any order);
/// `buf` is reordered and overwritten (it ends up holding the absolute deviations).
pub(crate) fn median_mad(buf: &mut [f64]) -> Option<(f64, f64)> {
    buf.sort_unstable_by(f64::total_cmp);
    let med = median_sorted(buf)?;
    for x in buf.iter_mut() {
        *x = (*x - med).abs();
    }
    buf.sort_unstable_by(f64::total_cmp);
    Some((med, median_sorted(buf)?))
}

/// The median of the finite values (even count: the mean of the two middle values);
/// None when there is none.
pub fn median(xs: &[f64]) -> Option<f64> {
    let mut v = finite(xs);
    v.sort_unstable_by(f64::total_cmp);
    median_sorted(&v)
}

/// Median absolute deviation from the median, unscaled (multiply by [`MAD_TO_SD`] for a
/// robust standard deviation); None when there is no finite value.
pub fn mad(xs: &[f64]) -> Option<f64> {
    median_mad(&mut finite(xs)).map(|(_, mad)| mad)
}

/// `quantile` on values already sorted (finite, ascending).
pub(crate) fn quantile_sorted(v: &[f64], q: f64) -> Option<f64> {
    if v.is_empty() || !(0.0..=1.0).contains(&q) {
        return None;
    }
    let h = (v.len() - 1) as f64 * q;
    let lo = h as usize; // h ≥ 0: truncation is the floor
    let hi = (lo + 1).min(v.len() - 1);
    Some(v[lo] + (h - lo as f64) * (v[hi] - v[lo]))
}

/// Quantile q ∈ [0, 1] by linear interpolation between order statistics (R type 7,
/// numpy's default): q=0 → min, q=1 → max. None when empty or q outside [0, 1].
pub fn quantile(xs: &[f64], q: f64) -> Option<f64> {
    let mut v = finite(xs);
    v.sort_unstable_by(f64::total_cmp);
    quantile_sorted(&v, q)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAN: f64 = f64::NAN;
    const INF: f64 = f64::INFINITY;

    #[test]
    fn mean_of_finite_values() {
        // (1 + 2 + 6) / 3 = 3
        assert_eq!(mean(&[1.0, 2.0, 6.0]), Some(3.0));
        assert_eq!(mean(&[1.0, NAN, 2.0, INF, 6.0, -INF]), Some(3.0));
        assert_eq!(mean(&[]), None);
        assert_eq!(mean(&[NAN, INF]), None);
    }

    #[test]
    fn median_odd_even_single_empty() {
        // sorted [1, 3, 7] → the middle one, 3
        assert_eq!(median(&[7.0, 1.0, 3.0]), Some(3.0));
        // sorted [1, 2, 4, 10] → (2 + 4) / 2 = 3
        assert_eq!(median(&[10.0, 2.0, 1.0, 4.0]), Some(3.0));
        assert_eq!(median(&[5.5]), Some(5.5));
        assert_eq!(median(&[]), None);
        // NaN and ±inf are dropped: [1, 3, 7] again
        assert_eq!(median(&[NAN, 7.0, INF, 1.0, -INF, 3.0]), Some(3.0));
        assert_eq!(median(&[NAN]), None);
        // two huge values: no overflow to inf
        assert_eq!(median(&[f64::MAX, f64::MAX]), Some(f64::MAX));
    }

    #[test]
    fn mad_by_hand() {
        // median of [1,1,2,2,4,6,9] is 2; |x − 2| = [1,1,0,0,2,4,7] → sorted
        // [0,0,1,1,2,4,7] → median 1
        assert_eq!(mad(&[1.0, 1.0, 2.0, 2.0, 4.0, 6.0, 9.0]), Some(1.0));
        assert_eq!(mad(&[4.0, 4.0, 4.0, 4.0]), Some(0.0));
        assert_eq!(mad(&[3.0]), Some(0.0));
        assert_eq!(mad(&[]), None);
        // the same with NaN/inf mixed in
        assert_eq!(
            mad(&[9.0, NAN, 1.0, 6.0, INF, 1.0, 2.0, -INF, 2.0, 4.0]),
            Some(1.0)
        );
        // even count: [1,2,3,10]: median 2.5; deviations [1.5,0.5,0.5,7.5] → sorted
        // [0.5,0.5,1.5,7.5] → (0.5 + 1.5) / 2 = 1
        assert_eq!(mad(&[1.0, 2.0, 3.0, 10.0]), Some(1.0));
    }

    #[test]
    fn quantile_type_7() {
        let xs = [4.0, 1.0, 3.0, 2.0];
        // h = (4 − 1) × 0.25 = 0.75 → 1 + 0.75 × (2 − 1) = 1.75
        assert_eq!(quantile(&xs, 0.25), Some(1.75));
        // h = 3 × 0.5 = 1.5 → 2 + 0.5 × (3 − 2) = 2.5 (the median)
        assert_eq!(quantile(&xs, 0.5), Some(2.5));
        // h = 3 × 0.9 = 2.7 → 3 + 0.7 × (4 − 3) = 3.7 (up to rounding)
        let q9 = quantile(&xs, 0.9).unwrap();
        assert!((q9 - 3.7).abs() < 1e-12, "{q9}");
        assert_eq!(quantile(&xs, 0.0), Some(1.0));
        assert_eq!(quantile(&xs, 1.0), Some(4.0));
        assert_eq!(quantile(&[7.0], 0.3), Some(7.0));
        assert_eq!(quantile(&xs, -0.01), None);
        assert_eq!(quantile(&xs, 1.01), None);
        assert_eq!(quantile(&xs, NAN), None);
        assert_eq!(quantile(&[], 0.5), None);
        assert_eq!(quantile(&[NAN, INF], 0.5), None);
        // NaN/inf ignored: [1,2,3,4] again
        assert_eq!(
            quantile(&[INF, 4.0, NAN, 1.0, 3.0, -INF, 2.0], 0.25),
            Some(1.75)
        );
    }
}
