//! Pure logic of the daily-metric pages (no web-sys; tested natively): one set of
//! values per day, chart series over a window, history rows.

use crate::ui::charts::{day_ms, Point};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Values per day: `values[i]` belongs to series `i`. The first document of a day
/// wins (daily collections have one per day); non-finite values are gaps.
pub type DayValues = BTreeMap<NaiveDate, Vec<Option<f64>>>;

pub fn per_day(items: impl IntoIterator<Item = (NaiveDate, Vec<Option<f64>>)>) -> DayValues {
    let mut out = DayValues::new();
    for (d, v) in items {
        let v = v.into_iter().map(|x| x.filter(|x| x.is_finite())).collect();
        out.entry(d).or_insert(v);
    }
    out
}

/// `n` series over every day of `(first, last)` (x from `day_ms`), divided by
/// `scale`; a day without a value is a gap.
pub fn series(
    values: &DayValues,
    (first, last): (NaiveDate, NaiveDate),
    n: usize,
    scale: f64,
) -> Vec<Vec<Point>> {
    (0..n)
        .map(|i| {
            first
                .iter_days()
                .take_while(|d| *d <= last)
                .map(|d| {
                    let v = values.get(&d).and_then(|v| v.get(i).copied().flatten());
                    (day_ms(d), v.map(|v| v / scale))
                })
                .collect()
        })
        .collect()
}

/// The history rows of the window, newest first (days with at least one value).
pub fn history(
    values: &DayValues,
    (first, last): (NaiveDate, NaiveDate),
) -> Vec<(NaiveDate, Vec<Option<f64>>)> {
    values
        .range(first..=last)
        .rev()
        .filter(|(_, v)| v.iter().any(Option::is_some))
        .map(|(d, v)| (*d, v.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn one_set_of_values_per_day_with_gaps() {
        let v = per_day([
            (d("2026-11-14"), vec![Some(1800.0), None]),
            (d("2026-11-15"), vec![Some(3600.0), Some(f64::NAN)]),
            (d("2026-11-15"), vec![Some(1.0), Some(1.0)]),
        ]);
        assert_eq!(
            v[&d("2026-11-15")],
            vec![Some(3600.0), None],
            "first wins, NaN is a gap"
        );
        let s = series(&v, (d("2026-11-13"), d("2026-11-15")), 2, 3600.0);
        assert_eq!(s.len(), 2);
        assert_eq!(
            s[0].iter().map(|p| p.1).collect::<Vec<_>>(),
            vec![None, Some(0.5), Some(1.0)]
        );
        assert_eq!(
            s[1].iter().map(|p| p.1).collect::<Vec<_>>(),
            vec![None, None, None]
        );
        assert_eq!(s[0][1].0, day_ms(d("2026-11-14")));
        let h = history(&v, (d("2026-11-13"), d("2026-11-15")));
        assert_eq!(
            h.iter().map(|r| r.0).collect::<Vec<_>>(),
            vec![d("2026-11-15"), d("2026-11-14")]
        );
        let empty = per_day([(d("2026-11-15"), vec![None])]);
        assert!(history(&empty, (d("2026-11-15"), d("2026-11-15"))).is_empty());
    }
}
