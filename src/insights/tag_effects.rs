//! What each tag does: for every tag (deprecated tags and enhanced tags, by code or
//! custom name, see [`super::series::tag_key`]) the following night and day — sleep
//! score, average HRV, lowest heart rate, readiness, total sleep — on days after the
//! tag against days after days without it, with a bootstrap interval (fixed seeds).

use super::effects::{effect, Verdict};
use super::series::{Daily, AVERAGE_HRV, LOWEST_HR, READINESS_SCORE, SLEEP_SCORE, TOTAL_SLEEP};
use super::stats::{mad, MAD_TO_SD};
use chrono::{Duration, NaiveDate};
use std::collections::BTreeSet;

/// The measures a tag is judged by (the next night's and day's).
pub const EFFECT_MEASURES: [usize; 5] = [
    AVERAGE_HRV,
    LOWEST_HR,
    SLEEP_SCORE,
    READINESS_SCORE,
    TOTAL_SLEEP,
];

/// Bootstrap resamples per interval.
pub const RESAMPLES: usize = 1000;

/// One tag's effects.
#[derive(Clone, Debug, PartialEq)]
pub struct TagEffects {
    /// [`super::series::tag_key`] in lower case.
    pub key: String,
    /// As first written.
    pub name: String,
    /// Days with the tag.
    pub days: usize,
    /// Per measure (index in `MEASURES`), largest effect first; a side with too few
    /// days gives `Verdict::TooFew`.
    pub effects: Vec<(usize, Verdict)>,
    /// The largest |difference| in robust standard deviations of the days without
    /// (0 when no measure has enough days).
    pub size: f64,
}

impl TagEffects {
    /// Whether no measure had enough days on both sides.
    pub fn too_few(&self) -> bool {
        self.effects
            .iter()
            .all(|(_, v)| matches!(v, Verdict::TooFew { .. }))
    }
}

/// A fixed seed per tag and measure (FNV-1a of the key, then the measure).
fn seed(key: &str, measure: usize) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes().chain([0xff, measure as u8]) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The values of the day after each day of `tagged` (with) and after every other day
/// (without).
fn split(series: &[(NaiveDate, f64)], tagged: &BTreeSet<NaiveDate>) -> (Vec<f64>, Vec<f64>) {
    let (mut with, mut without) = (Vec::new(), Vec::new());
    for (day, v) in series {
        if tagged.contains(&(*day - Duration::days(1))) {
            with.push(*v);
        } else {
            without.push(*v);
        }
    }
    (with, without)
}

/// Every tag's effects: tags with an effect first, largest first; then the tags with
/// too few days, most days first.
pub fn tag_effects(daily: &Daily) -> Vec<TagEffects> {
    let mut out = Vec::new();
    for (key, tag) in &daily.tags {
        let mut size = 0.0f64;
        let mut effects: Vec<(f64, usize, Verdict)> = EFFECT_MEASURES
            .iter()
            .map(|&m| {
                let (with, without) = split(daily.of(m), &tag.days);
                let v = effect(&with, &without, seed(key, m), RESAMPLES);
                let s = match v {
                    Verdict::Effect(e) => {
                        let sd = mad(&without).unwrap_or(0.0) * MAD_TO_SD;
                        if sd > 0.0 {
                            e.diff.abs() / sd
                        } else {
                            0.0
                        }
                    }
                    Verdict::TooFew { .. } => -1.0,
                };
                size = size.max(s);
                (s, m, v)
            })
            .collect();
        effects.sort_by(|a, b| b.0.total_cmp(&a.0));
        out.push(TagEffects {
            key: key.clone(),
            name: tag.name.clone(),
            days: tag.days.len(),
            effects: effects.into_iter().map(|(_, m, v)| (m, v)).collect(),
            size,
        });
    }
    out.sort_by(|a, b| {
        a.too_few()
            .cmp(&b.too_few())
            .then(b.size.total_cmp(&a.size))
            .then(b.days.cmp(&a.days))
            .then(a.key.cmp(&b.key))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::EndpointId as E;
    use crate::insights::series::{daily, Row};

    /// 120 nights; HRV 50 ± 2, 10 ms lower the night after "alcohol" (every 8th
    /// evening); "fasting" on 3 evenings.
    fn person() -> Daily {
        let start = crate::oura::models::parse_day("2026-01-01").unwrap();
        let mut rows = Vec::new();
        for i in 0..120i64 {
            let day = start + Duration::days(i);
            let after_alcohol = i % 8 == 1;
            let hrv = 50.0 + ((i * 7) % 5 - 2) as f64 - if after_alcohol { 10.0 } else { 0.0 };
            rows.push((
                E::Sleep,
                Row {
                    day: day.to_string(),
                    values: vec![(AVERAGE_HRV as u8, hrv)],
                    ..Row::default()
                },
            ));
            if i % 8 == 0 {
                rows.push((
                    E::Tag,
                    Row {
                        day: day.to_string(),
                        tags: vec!["alcohol".into()],
                        ..Row::default()
                    },
                ));
            }
            if i == 10 || i == 50 || i == 90 {
                rows.push((
                    E::EnhancedTag,
                    Row {
                        day: day.to_string(),
                        tags: vec!["fasting".into()],
                        ..Row::default()
                    },
                ));
            }
        }
        daily(rows)
    }

    #[test]
    fn alcohol_lowers_the_next_nights_hrv_and_a_rare_tag_has_too_few_days() {
        let all = tag_effects(&person());
        assert_eq!(
            all.iter().map(|t| t.key.as_str()).collect::<Vec<_>>(),
            vec!["alcohol", "fasting"]
        );
        let alcohol = &all[0];
        assert_eq!(alcohol.days, 15);
        let (m, v) = alcohol.effects[0];
        assert_eq!(m, AVERAGE_HRV);
        let Verdict::Effect(e) = v else {
            panic!("{v:?}")
        };
        // 15 nights after alcohol, 105 others (the first night has no evening before).
        assert_eq!((e.with, e.without), (15, 105));
        assert!(e.diff < -8.0 && e.diff > -12.0, "{e:?}");
        assert!(e.low <= e.diff && e.diff <= e.high && e.high < 0.0, "{e:?}");
        // The other measures have no data: too few on both sides.
        assert!(alcohol.effects[1..].iter().all(|(_, v)| matches!(
            v,
            Verdict::TooFew {
                with: 0,
                without: 0
            }
        )));
        let fasting = &all[1];
        assert!(fasting.too_few());
        let hrv = fasting
            .effects
            .iter()
            .find(|(m, _)| *m == AVERAGE_HRV)
            .unwrap()
            .1;
        assert_eq!(
            hrv,
            Verdict::TooFew {
                with: 3,
                without: 117
            }
        );
        // Fixed seeds: the same data gives the same intervals.
        assert_eq!(tag_effects(&person()), all);
    }
}
