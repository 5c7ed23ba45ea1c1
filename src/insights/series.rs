//! The compact per-day series the insights run over: a few numbers per document,
//! written beside each document when it is stored (the store's `series` rows), so that
//! years of trends are read without reading a single raw document.
//!
//! - [`MEASURES`]: every measure (scores, sleep, vitals, activity, stress, SpO2, VO2 max,
//!   vascular age, and the score contributors), where in which endpoint's document it is.
//! - [`row`]: the row of one document (its day, its measures, its tags), or none.
//! - [`Daily`]: the rows of all documents turned into one series per measure (one value
//!   per calendar day: the wearer's local `day` as Oura gives it, so a trip across time
//!   zones never moves a value to another day) and the days of each tag.
//!
//! Changing [`MEASURES`] or the row format means bumping [`SERIES_VERSION`]: the store
//! then builds the rows again from the documents.

use crate::endpoints::EndpointId;
use crate::oura::models::parse_day;
use chrono::NaiveDate;
use serde_json::Value;
use std::collections::BTreeMap;

/// The version of the row format and of [`MEASURES`] (the store rebuilds its rows when
/// the version it has is another).
pub const SERIES_VERSION: u32 = 1;

/// How a measure's value reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// 0–100.
    Score,
    /// Seconds, shown as hours and minutes.
    Duration,
    /// Seconds, shown as minutes.
    Minutes,
    Percent,
    Ms,
    Bpm,
    /// °C (a deviation: signed).
    Celsius,
    /// Breaths per minute.
    PerMinute,
    Steps,
    Kcal,
    /// ml/kg/min.
    Vo2,
    Years,
}

/// One measure: which endpoint's documents carry it, and where.
#[derive(Clone, Copy, Debug)]
pub struct Measure {
    /// Stable name.
    pub id: &'static str,
    /// The text key of its name.
    pub key: &'static str,
    pub endpoint: EndpointId,
    /// JSON pointer into the document.
    pub pointer: &'static str,
    pub unit: Unit,
    /// The measure's resolution: the smallest spread its baseline uses.
    pub min_sd: f64,
    /// For a score contributor: the index in [`MEASURES`] of its score.
    pub of: Option<usize>,
}

/// Index of the sleep score in [`MEASURES`].
pub const SLEEP_SCORE: usize = 0;
/// Index of the readiness score.
pub const READINESS_SCORE: usize = 1;
/// Index of the activity score.
pub const ACTIVITY_SCORE: usize = 2;
/// Index of the total sleep (long sleep of the night).
pub const TOTAL_SLEEP: usize = 3;
/// Index of the night's average HRV.
pub const AVERAGE_HRV: usize = 8;
/// Index of the night's lowest heart rate.
pub const LOWEST_HR: usize = 9;
/// How many measures are shown as trends (the first ones; the rest are contributors).
pub const TRENDS: usize = 19;

const fn m(
    id: &'static str,
    key: &'static str,
    endpoint: EndpointId,
    pointer: &'static str,
    unit: Unit,
    min_sd: f64,
) -> Measure {
    Measure {
        id,
        key,
        endpoint,
        pointer,
        unit,
        min_sd,
        of: None,
    }
}

/// A score contributor (a 0–100 score of its own).
const fn c(
    id: &'static str,
    key: &'static str,
    endpoint: EndpointId,
    pointer: &'static str,
    of: usize,
) -> Measure {
    Measure {
        of: Some(of),
        ..m(id, key, endpoint, pointer, Unit::Score, 1.0)
    }
}

use EndpointId as E;

/// Every measure; the first [`TRENDS`] are the trends, the rest the contributors of the
/// three scores. (Sleep measures come from the night's long sleep.)
#[rustfmt::skip]
pub const MEASURES: [Measure; 41] = [
    m("sleep_score", "endpoint.daily_sleep.title", E::DailySleep, "/score", Unit::Score, 1.0),
    m("readiness_score", "insights.m.readiness_score", E::DailyReadiness, "/score", Unit::Score, 1.0),
    m("activity_score", "insights.m.activity_score", E::DailyActivity, "/score", Unit::Score, 1.0),
    m("total_sleep", "view.f.total_sleep", E::Sleep, "/total_sleep_duration", Unit::Duration, 300.0),
    m("deep_sleep", "view.f.deep", E::Sleep, "/deep_sleep_duration", Unit::Duration, 300.0),
    m("rem_sleep", "view.f.rem", E::Sleep, "/rem_sleep_duration", Unit::Duration, 300.0),
    m("efficiency", "view.f.efficiency", E::Sleep, "/efficiency", Unit::Percent, 1.0),
    m("latency", "insights.m.latency", E::Sleep, "/latency", Unit::Minutes, 60.0),
    m("average_hrv", "view.f.average_hrv", E::Sleep, "/average_hrv", Unit::Ms, 1.0),
    m("lowest_hr", "view.f.lowest_hr", E::Sleep, "/lowest_heart_rate", Unit::Bpm, 1.0),
    m("temperature", "view.f.temperature", E::DailyReadiness, "/temperature_deviation", Unit::Celsius, 0.05),
    m("breath", "insights.m.breath", E::Sleep, "/average_breath", Unit::PerMinute, 0.1),
    m("steps", "view.f.steps", E::DailyActivity, "/steps", Unit::Steps, 100.0),
    m("active_calories", "view.f.active_calories", E::DailyActivity, "/active_calories", Unit::Kcal, 10.0),
    m("stress", "insights.m.stress", E::DailyStress, "/stress_high", Unit::Minutes, 60.0),
    m("recovery", "insights.m.recovery", E::DailyStress, "/recovery_high", Unit::Minutes, 60.0),
    m("spo2", "insights.m.spo2", E::DailySpo2, "/spo2_percentage/average", Unit::Percent, 0.1),
    m("vo2_max", "endpoint.vO2_max.title", E::Vo2Max, "/vo2_max", Unit::Vo2, 0.1),
    m("vascular_age", "insights.m.vascular_age", E::DailyCardiovascularAge, "/vascular_age", Unit::Years, 1.0),
    c("deep_sleep", "view.c.deep_sleep", E::DailySleep, "/contributors/deep_sleep", SLEEP_SCORE),
    c("efficiency", "view.c.efficiency", E::DailySleep, "/contributors/efficiency", SLEEP_SCORE),
    c("latency", "view.c.latency", E::DailySleep, "/contributors/latency", SLEEP_SCORE),
    c("rem_sleep", "view.c.rem_sleep", E::DailySleep, "/contributors/rem_sleep", SLEEP_SCORE),
    c("restfulness", "view.c.restfulness", E::DailySleep, "/contributors/restfulness", SLEEP_SCORE),
    c("timing", "view.c.timing", E::DailySleep, "/contributors/timing", SLEEP_SCORE),
    c("total_sleep", "view.c.total_sleep", E::DailySleep, "/contributors/total_sleep", SLEEP_SCORE),
    c("activity_balance", "view.c.activity_balance", E::DailyReadiness, "/contributors/activity_balance", READINESS_SCORE),
    c("body_temperature", "view.c.body_temperature", E::DailyReadiness, "/contributors/body_temperature", READINESS_SCORE),
    c("hrv_balance", "view.c.hrv_balance", E::DailyReadiness, "/contributors/hrv_balance", READINESS_SCORE),
    c("previous_day_activity", "view.c.previous_day_activity", E::DailyReadiness, "/contributors/previous_day_activity", READINESS_SCORE),
    c("previous_night", "view.c.previous_night", E::DailyReadiness, "/contributors/previous_night", READINESS_SCORE),
    c("recovery_index", "view.c.recovery_index", E::DailyReadiness, "/contributors/recovery_index", READINESS_SCORE),
    c("resting_heart_rate", "view.c.resting_heart_rate", E::DailyReadiness, "/contributors/resting_heart_rate", READINESS_SCORE),
    c("sleep_balance", "view.c.sleep_balance", E::DailyReadiness, "/contributors/sleep_balance", READINESS_SCORE),
    c("sleep_regularity", "view.c.sleep_regularity", E::DailyReadiness, "/contributors/sleep_regularity", READINESS_SCORE),
    c("meet_daily_targets", "view.c.meet_daily_targets", E::DailyActivity, "/contributors/meet_daily_targets", ACTIVITY_SCORE),
    c("move_every_hour", "view.c.move_every_hour", E::DailyActivity, "/contributors/move_every_hour", ACTIVITY_SCORE),
    c("recovery_time", "view.c.recovery_time", E::DailyActivity, "/contributors/recovery_time", ACTIVITY_SCORE),
    c("stay_active", "view.c.stay_active", E::DailyActivity, "/contributors/stay_active", ACTIVITY_SCORE),
    c("training_frequency", "view.c.training_frequency", E::DailyActivity, "/contributors/training_frequency", ACTIVITY_SCORE),
    c("training_volume", "view.c.training_volume", E::DailyActivity, "/contributors/training_volume", ACTIVITY_SCORE),
];

/// Whether the store keeps rows for `endpoint`'s documents.
pub fn has_rows(endpoint: EndpointId) -> bool {
    matches!(endpoint, E::Tag | E::EnhancedTag) || MEASURES.iter().any(|m| m.endpoint == endpoint)
}

/// The most days an enhanced tag with an end marks (a tag left running).
const MAX_TAG_DAYS: i64 = 14;

/// One document's row: its day, its measures (index in [`MEASURES`], value), and for
/// tags the tag names and the last day.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Row {
    #[serde(rename = "d")]
    pub day: String,
    #[serde(rename = "v", default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<(u8, f64)>,
    /// Tag names (a tag document; [`tag_key`] of each).
    #[serde(rename = "t", default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The last day an enhanced tag covers (absent: its start day only).
    #[serde(rename = "u", default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

/// The name a tag is counted under: a custom name as written (trimmed), else its code
/// without Oura's prefix (`tag_generic_alcohol` and the deprecated tag `alcohol` are the
/// same tag).
pub fn tag_key(code_or_name: &str) -> String {
    let s = code_or_name.trim();
    s.strip_prefix("tag_generic_")
        .or_else(|| s.strip_prefix("tag_"))
        .unwrap_or(s)
        .to_owned()
}

/// The row of one document of `endpoint`, `None` when it has nothing the insights use
/// (a nap, a document without a day, a text-only tag).
pub fn row(endpoint: EndpointId, doc: &Value) -> Option<Row> {
    match endpoint {
        E::Tag => {
            let day = doc.get("day")?.as_str()?;
            parse_day(day)?;
            let tags: Vec<String> = doc
                .get("tags")?
                .as_array()?
                .iter()
                .filter_map(Value::as_str)
                .map(tag_key)
                .filter(|t| !t.is_empty())
                .collect();
            (!tags.is_empty()).then(|| Row {
                day: day.to_owned(),
                tags,
                ..Row::default()
            })
        }
        E::EnhancedTag => {
            let day = doc.get("start_day")?.as_str()?;
            parse_day(day)?;
            let custom = doc
                .get("custom_name")
                .and_then(Value::as_str)
                .filter(|n| !n.trim().is_empty());
            let code = doc
                .get("tag_type_code")
                .and_then(Value::as_str)
                .filter(|c| !c.is_empty() && *c != "custom");
            let name = tag_key(custom.or(code)?);
            let until = doc
                .get("end_day")
                .and_then(Value::as_str)
                .filter(|d| parse_day(d).is_some() && *d > day)
                .map(str::to_owned);
            Some(Row {
                day: day.to_owned(),
                tags: vec![name],
                until,
                ..Row::default()
            })
        }
        _ => {
            if endpoint == E::Sleep && doc.get("type").and_then(Value::as_str) != Some("long_sleep")
            {
                return None;
            }
            let day = doc.get("day")?.as_str()?;
            parse_day(day)?;
            let values: Vec<(u8, f64)> = MEASURES
                .iter()
                .enumerate()
                .filter(|(_, m)| m.endpoint == endpoint)
                .filter_map(|(i, m)| {
                    let v = doc.pointer(m.pointer)?.as_f64()?;
                    v.is_finite().then_some((i as u8, v))
                })
                .collect();
            (!values.is_empty()).then(|| Row {
                day: day.to_owned(),
                values,
                ..Row::default()
            })
        }
    }
}

/// The row as the store keeps it (compact JSON text).
pub fn row_text(row: &Row) -> String {
    serde_json::to_string(row).unwrap_or_default()
}

/// One tag's days.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TagDays {
    /// The name as first seen (custom names keep their spelling).
    pub name: String,
    pub days: std::collections::BTreeSet<NaiveDate>,
}

/// The per-day series of every measure and the days of every tag.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Daily {
    /// One series per measure of [`MEASURES`], sorted by day, one value per day.
    pub series: Vec<Vec<(NaiveDate, f64)>>,
    /// The tags by [`tag_key`] (lower case), with their days.
    pub tags: BTreeMap<String, TagDays>,
}

impl Daily {
    /// The series of measure `i` (empty for an unknown index).
    pub fn of(&self, i: usize) -> &[(NaiveDate, f64)] {
        self.series.get(i).map_or(&[], Vec::as_slice)
    }

    /// The last day any of the three scores has.
    pub fn last_day(&self) -> Option<NaiveDate> {
        [SLEEP_SCORE, READINESS_SCORE, ACTIVITY_SCORE]
            .iter()
            .filter_map(|&i| self.of(i).last().map(|(d, _)| *d))
            .max()
    }

    /// The first day any measure has.
    pub fn first_day(&self) -> Option<NaiveDate> {
        self.series
            .iter()
            .filter_map(|s| s.first().map(|(d, _)| *d))
            .min()
    }
}

/// Builds the series from `(endpoint, row)` pairs in any order. Where a day has several
/// rows of one endpoint (two long sleeps, a revision under a new id) the night with the
/// longest total sleep counts, else the row seen last.
pub fn daily(rows: impl IntoIterator<Item = (EndpointId, Row)>) -> Daily {
    // Per endpoint and day, the chosen row's values.
    let mut chosen: BTreeMap<(EndpointId, NaiveDate), Vec<(u8, f64)>> = BTreeMap::new();
    let mut tags: BTreeMap<String, TagDays> = BTreeMap::new();
    for (endpoint, row) in rows {
        let Some(day) = parse_day(&row.day) else {
            continue;
        };
        if !row.tags.is_empty() {
            let last = row.until.as_deref().and_then(parse_day).map_or(day, |u| {
                u.min(day + chrono::Duration::days(MAX_TAG_DAYS - 1))
            });
            for name in &row.tags {
                let entry = tags.entry(name.to_lowercase()).or_insert_with(|| TagDays {
                    name: name.clone(),
                    ..TagDays::default()
                });
                let mut d = day;
                while d <= last {
                    entry.days.insert(d);
                    d += chrono::Duration::days(1);
                }
            }
        }
        if row.values.is_empty() {
            continue;
        }
        let slot = chosen.entry((endpoint, day)).or_default();
        let total = |v: &[(u8, f64)]| {
            v.iter()
                .find(|(i, _)| usize::from(*i) == TOTAL_SLEEP)
                .map_or(f64::NEG_INFINITY, |(_, x)| *x)
        };
        if slot.is_empty() || endpoint != E::Sleep || total(&row.values) >= total(slot) {
            *slot = row.values;
        }
    }
    let mut series = vec![Vec::new(); MEASURES.len()];
    // BTreeMap order: by endpoint, then day — each series comes out sorted by day.
    for ((_, day), values) in chosen {
        for (i, v) in values {
            if let Some(s) = series.get_mut(usize::from(i)) {
                s.push((day, v));
            }
        }
    }
    Daily { series, tags }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn d(s: &str) -> NaiveDate {
        parse_day(s).unwrap()
    }

    #[test]
    fn every_measure_points_into_its_endpoint_and_contributors_name_their_score() {
        for (i, m) in MEASURES.iter().enumerate() {
            assert!(m.pointer.starts_with('/'), "{}", m.id);
            assert_eq!(i < TRENDS, m.of.is_none(), "{}: trends first", m.id);
            if let Some(s) = m.of {
                assert_eq!(MEASURES[s].endpoint, m.endpoint, "{}", m.id);
            }
        }
        assert_eq!(MEASURES[TOTAL_SLEEP].id, "total_sleep");
        assert_eq!(MEASURES[AVERAGE_HRV].id, "average_hrv");
        assert_eq!(MEASURES[LOWEST_HR].id, "lowest_hr");
        assert!(MEASURES.len() <= usize::from(u8::MAX));
    }

    #[test]
    fn rows_of_daily_documents_keep_only_numbers_that_are_there() {
        let doc = json!({"id": "x", "day": "2026-03-01", "score": 81, "temperature_deviation": -0.12,
            "contributors": {"hrv_balance": 70, "previous_night": null}});
        let r = row(E::DailyReadiness, &doc).unwrap();
        assert_eq!(r.day, "2026-03-01");
        let idx = |id: &str, of: Option<usize>| {
            MEASURES
                .iter()
                .position(|m| m.id == id && m.of == of)
                .unwrap() as u8
        };
        assert_eq!(
            r.values,
            vec![
                (1, 81.0),
                (idx("temperature", None), -0.12),
                (idx("hrv_balance", Some(1)), 70.0)
            ]
        );
        // An absent score (Oura leaves it null on partial days): no row at all.
        assert_eq!(
            row(E::DailySleep, &json!({"day": "2026-03-01", "score": null})),
            None
        );
        assert_eq!(row(E::DailySleep, &json!({"score": 80})), None, "no day");
        assert_eq!(
            row(E::DailySleep, &json!({"day": "1970-13-01", "score": 80})),
            None
        );
        let spo2 = row(
            E::DailySpo2,
            &json!({"day": "2026-03-01", "spo2_percentage": {"average": 97.25}}),
        )
        .unwrap();
        assert_eq!(spo2.values, vec![(16, 97.25)]);
    }

    #[test]
    fn naps_have_no_row_and_the_longest_night_of_a_day_counts() {
        let nap = json!({"day": "2026-03-02", "type": "late_nap", "total_sleep_duration": 1800});
        assert_eq!(row(E::Sleep, &nap), None);
        let short = json!({"day": "2026-03-02", "type": "long_sleep", "total_sleep_duration": 10800, "average_hrv": 30});
        let long = json!({"day": "2026-03-02", "type": "long_sleep", "total_sleep_duration": 25200, "average_hrv": 45});
        let rows = [
            row(E::Sleep, &long).unwrap(),
            row(E::Sleep, &short).unwrap(),
        ];
        let daily = daily(rows.into_iter().map(|r| (E::Sleep, r)));
        assert_eq!(daily.of(TOTAL_SLEEP), &[(d("2026-03-02"), 25200.0)]);
        assert_eq!(daily.of(AVERAGE_HRV), &[(d("2026-03-02"), 45.0)]);
    }

    #[test]
    fn a_time_zone_change_keeps_each_night_on_its_own_day() {
        // Flying east (Tokyo → Sydney across a DST change): two nights whose bedtimes
        // are 20 h apart in UTC still belong to their local days, and the day between
        // them without a night stays a gap.
        let a = json!({"day": "2026-10-03", "type": "long_sleep", "bedtime_start": "2026-10-02T23:10:00+09:00", "total_sleep_duration": 25000});
        let b = json!({"day": "2026-10-05", "type": "long_sleep", "bedtime_start": "2026-10-04T22:40:00+11:00", "total_sleep_duration": 24000});
        let daily = daily([
            (E::Sleep, row(E::Sleep, &b).unwrap()),
            (E::Sleep, row(E::Sleep, &a).unwrap()),
        ]);
        assert_eq!(
            daily.of(TOTAL_SLEEP),
            &[(d("2026-10-03"), 25000.0), (d("2026-10-05"), 24000.0)]
        );
    }

    #[test]
    fn tags_of_both_kinds_count_under_one_name_and_spans_mark_each_day() {
        let legacy = json!({"id": "1", "day": "2026-03-01", "tags": ["alcohol"], "text": null});
        let enhanced = json!({"id": "2", "start_day": "2026-03-05", "end_day": null, "tag_type_code": "tag_generic_alcohol", "custom_name": null});
        let custom = json!({"id": "3", "start_day": "2026-03-06", "end_day": "2026-03-08", "tag_type_code": "custom", "custom_name": " Sauna "});
        let text_only = json!({"id": "4", "start_day": "2026-03-06", "tag_type_code": null, "custom_name": null});
        assert_eq!(row(E::EnhancedTag, &text_only), None);
        let rows = [
            (E::Tag, &legacy),
            (E::EnhancedTag, &enhanced),
            (E::EnhancedTag, &custom),
        ]
        .map(|(e, doc)| (e, row(e, doc).unwrap()));
        let daily = daily(rows);
        let alcohol = &daily.tags["alcohol"];
        assert_eq!(
            alcohol.days.iter().copied().collect::<Vec<_>>(),
            vec![d("2026-03-01"), d("2026-03-05")]
        );
        let sauna = &daily.tags["sauna"];
        assert_eq!(sauna.name, "Sauna");
        assert_eq!(sauna.days.len(), 3);
        // A tag left running for months marks two weeks at most.
        let running = json!({"start_day": "2026-01-01", "end_day": "2026-06-01", "tag_type_code": "tag_generic_sick"});
        let daily = super::daily([(E::EnhancedTag, row(E::EnhancedTag, &running).unwrap())]);
        assert_eq!(daily.tags["sick"].days.len(), MAX_TAG_DAYS as usize);
    }

    #[test]
    fn rows_round_trip_through_their_text() {
        let r = Row {
            day: "2026-03-01".into(),
            values: vec![(0, 80.0), (10, -0.17)],
            tags: vec![],
            until: None,
        };
        let text = row_text(&r);
        assert_eq!(text, r#"{"d":"2026-03-01","v":[[0,80.0],[10,-0.17]]}"#);
        assert_eq!(serde_json::from_str::<Row>(&text).unwrap(), r);
    }

    #[test]
    fn only_endpoints_with_measures_or_tags_have_rows() {
        assert!(has_rows(E::Sleep) && has_rows(E::Tag) && has_rows(E::Vo2Max));
        assert!(!has_rows(E::Heartrate) && !has_rows(E::Workout) && !has_rows(E::RingBatteryLevel));
    }
}
