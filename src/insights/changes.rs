//! "What changed" on Today: the day's largest deviations from the personal baseline,
//! and for a score the contributors that moved most the same way. Nothing when
//! nothing is unusual.

use super::baseline::{Band, Position};
use super::series::{Daily, MEASURES, TRENDS};
use super::trends::usual;
use chrono::NaiveDate;

/// How many changes Today shows at most.
pub const MAX_CHANGES: usize = 3;
/// How many contributors a score's change names at most.
pub const MAX_CONTRIBUTORS: usize = 2;
/// How far (in robust standard deviations) a value must be from the median to count as
/// a change: beyond the band (1.5), so that an ordinary day (19 measures, each outside
/// its band on ≈ 13 % of days) usually has nothing to report.
pub const MIN_DEVIATION: f64 = 2.0;

/// One unusual measure of the day.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// Index in [`MEASURES`].
    pub measure: usize,
    pub value: f64,
    pub band: Band,
    pub position: Position,
    /// For a score: its contributors (indices in [`MEASURES`]) that moved the same way
    /// by at least one robust standard deviation, most first.
    pub contributors: Vec<usize>,
}

/// The value of measure `i` on `day`, and its band from the days before.
fn at(daily: &Daily, i: usize, day: NaiveDate) -> Option<(f64, Band)> {
    let s = daily.of(i);
    let k = s.binary_search_by(|(d, _)| d.cmp(&day)).ok()?;
    let value = s.get(k)?.1;
    Some((value, usual(s, i, day)?))
}

/// The day's measures outside their usual range by at least [`MIN_DEVIATION`], the
/// largest deviation first (at most [`MAX_CHANGES`]).
pub fn what_changed(daily: &Daily, day: NaiveDate) -> Vec<Change> {
    let mut out: Vec<(f64, Change)> = Vec::new();
    for i in 0..TRENDS {
        let Some((value, band)) = at(daily, i, day) else {
            continue;
        };
        let position = band.position(value);
        let dev = band.deviation(value);
        if position == Position::Within || dev.abs() < MIN_DEVIATION {
            continue;
        }
        let mut moved: Vec<(f64, usize)> = MEASURES
            .iter()
            .enumerate()
            .filter(|(_, m)| m.of == Some(i))
            .filter_map(|(c, _)| {
                let (v, b) = at(daily, c, day)?;
                let d = b.deviation(v);
                (!d.is_nan()).then_some((d, c))
            })
            .filter(|(d, _)| d.signum() == dev.signum() && d.abs() >= 1.0)
            .collect();
        moved.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()).then(a.1.cmp(&b.1)));
        out.push((
            dev.abs(),
            Change {
                measure: i,
                value,
                band,
                position,
                contributors: moved
                    .into_iter()
                    .take(MAX_CONTRIBUTORS)
                    .map(|(_, c)| c)
                    .collect(),
            },
        ));
    }
    out.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.measure.cmp(&b.1.measure)));
    out.into_iter().take(MAX_CHANGES).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::EndpointId as E;
    use crate::insights::series::{daily, Row, AVERAGE_HRV, READINESS_SCORE};
    use chrono::Duration;

    fn idx(id: &str, of: Option<usize>) -> usize {
        MEASURES
            .iter()
            .position(|m| m.id == id && m.of == of)
            .unwrap()
    }

    /// 60 usual days (readiness 76–78, HRV 40–44, contributors ~80), then `last`.
    fn days(last: &[(usize, f64)]) -> Daily {
        let start = crate::oura::models::parse_day("2026-01-01").unwrap();
        let hrv_balance = idx("hrv_balance", Some(READINESS_SCORE));
        let previous_night = idx("previous_night", Some(READINESS_SCORE));
        let mut rows = Vec::new();
        for i in 0..60 {
            let day = (start + Duration::days(i)).to_string();
            let w = (i % 3) as f64; // 0, 1, 2: a small spread
            rows.push((
                E::DailyReadiness,
                Row {
                    day: day.clone(),
                    values: vec![
                        (READINESS_SCORE as u8, 76.0 + w),
                        (hrv_balance as u8, 80.0 + w),
                        (previous_night as u8, 80.0 - w),
                    ],
                    ..Row::default()
                },
            ));
            rows.push((
                E::Sleep,
                Row {
                    day,
                    values: vec![(AVERAGE_HRV as u8, 40.0 + 2.0 * w)],
                    ..Row::default()
                },
            ));
        }
        let day = (start + Duration::days(60)).to_string();
        let (r, s): (Vec<_>, Vec<_>) = last
            .iter()
            .partition(|(i, _)| MEASURES[*i].endpoint == E::DailyReadiness);
        let to = |v: Vec<&(usize, f64)>| v.into_iter().map(|(i, x)| (*i as u8, *x)).collect();
        rows.push((
            E::DailyReadiness,
            Row {
                day: day.clone(),
                values: to(r),
                ..Row::default()
            },
        ));
        rows.push((
            E::Sleep,
            Row {
                day,
                values: to(s),
                ..Row::default()
            },
        ));
        daily(rows)
    }

    #[test]
    fn a_low_readiness_names_the_contributors_that_fell() {
        let hrv_balance = idx("hrv_balance", Some(READINESS_SCORE));
        let previous_night = idx("previous_night", Some(READINESS_SCORE));
        let d = days(&[
            (READINESS_SCORE, 62.0),
            (hrv_balance, 55.0),
            (previous_night, 79.0),
            (AVERAGE_HRV, 42.0),
        ]);
        let day = d.last_day().unwrap();
        let changes = what_changed(&d, day);
        assert_eq!(changes.len(), 1, "{changes:?}");
        let c = &changes[0];
        assert_eq!(c.measure, READINESS_SCORE);
        assert_eq!(c.position, Position::Below);
        assert_eq!(c.value, 62.0);
        // Window: 20 days each of 76, 77, 78 → median 77, MAD 1 → sd 1.4826; band 77 ± 2.22.
        assert!((c.band.median - 77.0).abs() < 1e-9);
        assert!((c.band.low - (77.0 - 1.5 * 1.4826)).abs() < 1e-9);
        // HRV balance fell far; previous night is within its usual 78–82.
        assert_eq!(c.contributors, vec![hrv_balance]);
    }

    #[test]
    fn nothing_unusual_means_nothing_and_the_largest_deviation_comes_first() {
        let d = days(&[(READINESS_SCORE, 77.0), (AVERAGE_HRV, 42.0)]);
        assert_eq!(what_changed(&d, d.last_day().unwrap()), vec![]);
        // HRV 60 (median 42, sd 2 × 1.4826: 6.1 sds above) before readiness 70 (4.7 below).
        let d = days(&[(READINESS_SCORE, 70.0), (AVERAGE_HRV, 60.0)]);
        let c = what_changed(&d, d.last_day().unwrap());
        assert_eq!(
            c.iter().map(|c| c.measure).collect::<Vec<_>>(),
            vec![AVERAGE_HRV, READINESS_SCORE]
        );
        assert_eq!(c[0].position, Position::Above);
        // A day without data has no changes; nor has a first day (no baseline yet).
        let first = crate::oura::models::parse_day("2026-01-01").unwrap();
        assert_eq!(what_changed(&d, first), vec![]);
        assert_eq!(what_changed(&d, first - Duration::days(9)), vec![]);
    }
}
