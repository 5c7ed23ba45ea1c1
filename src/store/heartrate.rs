//! Heartrate samples packed per UTC day (pure, tested natively).
//!
//! The packing is part of the schema (a change needs a migration). One record per UTC
//! day, primary key and `day` both `YYYY-MM-DD` (the UTC date):
//!
//! ```text
//! { key: "2026-11-20", day: "2026-11-20", n: 1187,
//!   t:   Uint32Array  milliseconds since 00:00:00 UTC of that day,
//!   bpm: Uint16Array,
//!   src: Uint8Array   index into `sources`,
//!   sources: ["awake", "rest", …],          // the day's distinct source strings
//!   x?: [{t, s, f: {…}}] }                   // only for samples with unknown fields
//! ```
//!
//! Samples are sorted by (instant, source); the natural key is instant + source, so
//! storing a sample again replaces its bpm (idempotent). Unpacked samples are
//! `{"bpm": …, "source": …, "timestamp": …}` (then any unknown fields as received), the
//! timestamp spelled RFC 3339 in UTC with `+00:00` like Oura and the simulator:
//! `2026-11-20T01:02:03+00:00` (`.123` milliseconds only when not zero).

use chrono::{NaiveDate, SecondsFormat, TimeDelta, Timelike, Utc};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

const DAY_MS: u32 = 86_400_000;

/// One heartrate sample, validated.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    pub day: NaiveDate,
    /// Milliseconds since 00:00 UTC of `day`.
    pub t: u32,
    pub source: String,
    pub bpm: u16,
    /// Fields other than bpm, source and timestamp, as received (usually none).
    pub extra: Option<Map<String, Value>>,
}

impl Sample {
    /// Validates one sample as received from Oura or found in an export.
    pub fn parse(doc: &Value) -> Result<Sample, String> {
        let obj = doc
            .as_object()
            .ok_or_else(|| format!("is not a JSON object ({})", super::record::json_type(doc)))?;
        let stamp = match obj.get("timestamp") {
            Some(Value::String(s)) => s,
            _ => return Err("lacks its natural key `timestamp` (a string)".into()),
        };
        let source = match obj.get("source") {
            Some(Value::String(s)) => s.clone(),
            _ => return Err("lacks its natural key `source` (a string)".into()),
        };
        let bpm = obj
            .get("bpm")
            .and_then(Value::as_u64)
            .and_then(|b| u16::try_from(b).ok())
            .ok_or("has no `bpm` that is a whole number from 0 to 65535")?;
        let at = crate::oura::models::parse_timestamp(stamp)
            .ok_or_else(|| format!("has an invalid timestamp {stamp:?} (not RFC 3339)"))?
            .with_timezone(&Utc);
        if at.nanosecond() % 1_000_000 != 0 {
            return Err(format!(
                "has a timestamp finer than a millisecond ({stamp:?})"
            ));
        }
        let day = at.date_naive();
        let since = at.naive_utc() - day.and_time(chrono::NaiveTime::MIN);
        let t = u32::try_from(since.num_milliseconds())
            .ok()
            .filter(|t| *t < DAY_MS)
            .ok_or_else(|| format!("has an unusable timestamp {stamp:?}"))?;
        let extra: Map<String, Value> = obj
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "bpm" | "source" | "timestamp"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        Ok(Sample {
            day,
            t,
            source,
            bpm,
            extra: (!extra.is_empty()).then_some(extra),
        })
    }
}

/// The timestamp of millisecond `t` of UTC `day`: `2026-11-20T01:02:03+00:00`.
pub fn spell_timestamp(day: NaiveDate, t: u32) -> String {
    let at = day.and_time(chrono::NaiveTime::MIN) + TimeDelta::milliseconds(i64::from(t));
    at.and_utc().to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

#[derive(Clone, Debug, PartialEq)]
struct Entry {
    bpm: u16,
    extra: Option<Map<String, Value>>,
}

/// The samples of one UTC day, keyed by (ms offset, source).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct DayPack {
    samples: BTreeMap<(u32, String), Entry>,
}

/// The columns stored in IndexedDB for one [`DayPack`].
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Columns {
    pub t: Vec<u32>,
    pub bpm: Vec<u16>,
    pub src: Vec<u8>,
    pub sources: Vec<String>,
    /// `(t, src, unknown fields)` of the samples that have any.
    pub extra: Vec<(u32, u8, Map<String, Value>)>,
}

/// How an upsert changed a day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    pub added: u64,
    pub replaced: u64,
}

impl DayPack {
    pub fn len(&self) -> usize {
        self.samples.len()
    }

    pub fn is_empty(&self) -> bool {
        self.samples.is_empty()
    }

    /// Upserts one sample (same instant and source: replaces its bpm). `true` if new.
    pub fn upsert(&mut self, s: Sample) -> bool {
        self.samples
            .insert(
                (s.t, s.source),
                Entry {
                    bpm: s.bpm,
                    extra: s.extra,
                },
            )
            .is_none()
    }

    /// Upserts many samples (of this day).
    pub fn merge(&mut self, samples: impl IntoIterator<Item = Sample>) -> Merged {
        let mut m = Merged::default();
        for s in samples {
            if self.upsert(s) {
                m.added += 1;
            } else {
                m.replaced += 1;
            }
        }
        m
    }

    /// The stored columns.
    pub fn to_columns(&self) -> Result<Columns, String> {
        let mut c = Columns::default();
        let mut index: BTreeMap<&str, u8> = BTreeMap::new();
        for ((t, source), e) in &self.samples {
            let i = match index.get(source.as_str()) {
                Some(i) => *i,
                None => {
                    let i = u8::try_from(c.sources.len())
                        .map_err(|_| "more than 256 heartrate sources in one day".to_string())?;
                    c.sources.push(source.clone());
                    index.insert(source, i);
                    i
                }
            };
            c.t.push(*t);
            c.bpm.push(e.bpm);
            c.src.push(i);
            if let Some(x) = &e.extra {
                c.extra.push((*t, i, x.clone()));
            }
        }
        Ok(c)
    }

    /// Rebuilds a day from its stored columns (checked: a corrupt record is an error).
    pub fn from_columns(c: Columns) -> Result<DayPack, String> {
        let n = c.t.len();
        if c.bpm.len() != n || c.src.len() != n {
            return Err("a heartrate record has columns of different lengths".into());
        }
        let mut extra: BTreeMap<(u32, u8), Map<String, Value>> =
            c.extra.into_iter().map(|(t, s, m)| ((t, s), m)).collect();
        let mut samples = BTreeMap::new();
        for i in 0..n {
            let source = c
                .sources
                .get(usize::from(c.src[i]))
                .ok_or("a heartrate record names a source it does not list")?;
            if c.t[i] >= DAY_MS {
                return Err("a heartrate record has an offset beyond its day".into());
            }
            samples.insert(
                (c.t[i], source.clone()),
                Entry {
                    bpm: c.bpm[i],
                    extra: extra.remove(&(c.t[i], c.src[i])),
                },
            );
        }
        Ok(DayPack { samples })
    }

    /// The samples as JSON values `{bpm, source, timestamp, …unknown}`, in order.
    pub fn unpack(&self, day: NaiveDate) -> Vec<Value> {
        self.samples
            .iter()
            .map(|((t, source), e)| {
                let mut m = Map::new();
                m.insert("bpm".into(), Value::from(e.bpm));
                m.insert("source".into(), Value::from(source.as_str()));
                m.insert("timestamp".into(), Value::from(spell_timestamp(day, *t)));
                if let Some(x) = &e.extra {
                    for (k, v) in x {
                        m.insert(k.clone(), v.clone());
                    }
                }
                Value::Object(m)
            })
            .collect()
    }

    /// The samples as JSON text (same as serialising [`DayPack::unpack`], faster).
    pub fn unpack_json(&self, day: NaiveDate, out: &mut impl FnMut(String)) {
        for ((t, source), e) in &self.samples {
            if e.extra.is_some() {
                continue;
            }
            out(format!(
                "{{\"bpm\":{},\"source\":{},\"timestamp\":\"{}\"}}",
                e.bpm,
                super::record::json_string(source),
                spell_timestamp(day, *t)
            ));
        }
        // Samples with unknown fields (rare) go through serde_json, after the others.
        if self.samples.values().any(|e| e.extra.is_some()) {
            for ((t, source), e) in &self.samples {
                if let Some(x) = &e.extra {
                    let mut m = Map::new();
                    m.insert("bpm".into(), Value::from(e.bpm));
                    m.insert("source".into(), Value::from(source.as_str()));
                    m.insert("timestamp".into(), Value::from(spell_timestamp(day, *t)));
                    for (k, v) in x {
                        m.insert(k.clone(), v.clone());
                    }
                    out(Value::Object(m).to_string());
                }
            }
        }
    }
}

/// Groups samples by UTC day (for upserting day by day).
pub fn by_day(samples: impl IntoIterator<Item = Sample>) -> BTreeMap<NaiveDate, Vec<Sample>> {
    let mut days: BTreeMap<NaiveDate, Vec<Sample>> = BTreeMap::new();
    for s in samples {
        days.entry(s.day).or_default().push(s);
    }
    days
}

/// The record key (and `day`) of a UTC day.
pub fn day_key(day: NaiveDate) -> String {
    day.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;
    use serde_json::json;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn samples_are_validated() {
        let s = Sample::parse(
            &json!({"bpm": 91, "source": "awake", "timestamp": "2024-12-13T12:31:21+00:00"}),
        )
        .unwrap();
        assert_eq!(s.day, d("2024-12-13"));
        assert_eq!(s.t, (12 * 3600 + 31 * 60 + 21) * 1000);
        assert_eq!(s.source, "awake");
        assert_eq!(s.bpm, 91);
        assert_eq!(s.extra, None);
        // Another offset: the UTC day and instant count.
        let s = Sample::parse(
            &json!({"bpm": 60, "source": "rest", "timestamp": "2024-12-14T01:00:00+02:00"}),
        )
        .unwrap();
        assert_eq!((s.day, s.t), (d("2024-12-13"), 23 * 3_600_000));
        for (bad, why) in [
            (json!({"bpm": 1, "source": "awake"}), "timestamp"),
            (
                json!({"bpm": 1, "timestamp": "2024-12-13T12:31:21Z"}),
                "source",
            ),
            (
                json!({"bpm": 1.5, "source": "a", "timestamp": "2024-12-13T12:31:21Z"}),
                "bpm",
            ),
            (
                json!({"bpm": -1, "source": "a", "timestamp": "2024-12-13T12:31:21Z"}),
                "bpm",
            ),
            (
                json!({"bpm": 1, "source": "a", "timestamp": "yesterday"}),
                "invalid timestamp",
            ),
            (
                json!({"bpm": 1, "source": "a", "timestamp": "2024-12-13T12:31:21.0001Z"}),
                "millisecond",
            ),
            (json!([1]), "not a JSON object"),
        ] {
            let e = Sample::parse(&bad).unwrap_err();
            assert!(e.contains(why), "{bad} → {e}");
        }
    }

    #[test]
    fn timestamps_are_spelled_like_oura() {
        assert_eq!(
            spell_timestamp(d("2026-11-20"), 3_723_000),
            "2026-11-20T01:02:03+00:00"
        );
        assert_eq!(
            spell_timestamp(d("2026-11-20"), 3_723_500),
            "2026-11-20T01:02:03.500+00:00"
        );
        assert_eq!(
            spell_timestamp(d("2026-11-20"), DAY_MS - 1),
            "2026-11-20T23:59:59.999+00:00"
        );
    }

    #[test]
    fn upsert_is_idempotent_and_replaces_bpm() {
        let sample = |bpm: u64, src: &str| {
            Sample::parse(
                &json!({"bpm": bpm, "source": src, "timestamp": "2024-12-13T12:31:21+00:00"}),
            )
            .unwrap()
        };
        let mut day = DayPack::default();
        assert_eq!(
            day.merge([sample(60, "awake"), sample(61, "rest")]),
            Merged {
                added: 2,
                replaced: 0
            }
        );
        assert_eq!(
            day.merge([sample(60, "awake"), sample(61, "rest")]),
            Merged {
                added: 0,
                replaced: 2
            }
        );
        day.merge([sample(70, "awake")]);
        assert_eq!(day.len(), 2);
        let out = day.unpack(d("2024-12-13"));
        assert_eq!(
            out[0],
            json!({"bpm": 70, "source": "awake", "timestamp": "2024-12-13T12:31:21+00:00"})
        );
        assert_eq!(out[1]["source"], "rest");
    }

    #[test]
    fn unknown_fields_survive_packing() {
        let doc = json!({"bpm": 60, "source": "live", "timestamp": "2024-12-13T00:00:00+00:00", "confidence": null, "z": [1]});
        let mut day = DayPack::default();
        day.upsert(Sample::parse(&doc).unwrap());
        let back = DayPack::from_columns(day.to_columns().unwrap()).unwrap();
        assert_eq!(back.unpack(d("2024-12-13")), vec![doc.clone()]);
        let mut texts = vec![];
        back.unpack_json(d("2024-12-13"), &mut |s| texts.push(s));
        assert_eq!(texts, vec![doc.to_string()]);
    }

    #[test]
    fn corrupt_columns_are_errors() {
        let c = Columns {
            t: vec![1, 2],
            bpm: vec![60],
            src: vec![0, 0],
            sources: vec!["awake".into()],
            extra: vec![],
        };
        assert!(DayPack::from_columns(c).is_err());
        let c = Columns {
            t: vec![1],
            bpm: vec![60],
            src: vec![3],
            sources: vec!["awake".into()],
            extra: vec![],
        };
        assert!(DayPack::from_columns(c).is_err());
    }

    /// A small deterministic PRNG (xorshift64*), so the property test needs no crate.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// Property: whatever samples arrive (any instants over a few days, any offsets
    /// spelled, repeats with new bpm, sources old and new), pack → columns → unpack
    /// yields exactly one sample per (instant, source), the last bpm received for it,
    /// the same source string and the same instant.
    #[test]
    fn packing_round_trips_random_samples() {
        const SOURCES: [&str; 8] = [
            "awake",
            "rest",
            "sleep",
            "session",
            "live",
            "workout",
            "or5",
            "naïve \"q\"",
        ];
        let base = d("2026-11-19").and_hms_opt(0, 0, 0).unwrap().and_utc();
        for seed in 1..=40u64 {
            let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
            let n = 1 + rng.below(3000) as usize;
            let mut expected: BTreeMap<(i64, String), u16> = BTreeMap::new();
            let mut samples = Vec::with_capacity(n);
            for _ in 0..n {
                let ms = if rng.below(4) == 0 {
                    (rng.below(3 * 86_400) * 1000) as i64 // whole seconds (Oura)
                } else {
                    rng.below(3 * 86_400_000) as i64
                };
                let at = base + TimeDelta::milliseconds(ms);
                let offset_h = rng.below(25) as i32 - 12;
                let tz = chrono::FixedOffset::east_opt(offset_h * 3600).unwrap();
                let use_z = rng.below(2) == 0;
                let stamp = at
                    .with_timezone(&tz)
                    .to_rfc3339_opts(SecondsFormat::AutoSi, use_z && offset_h == 0);
                let source = SOURCES[rng.below(SOURCES.len() as u64) as usize];
                let bpm = rng.below(250) as u16;
                expected.insert((at.timestamp_millis(), source.to_string()), bpm);
                samples.push(
                    Sample::parse(&json!({"bpm": bpm, "source": source, "timestamp": stamp}))
                        .unwrap(),
                );
                // Sometimes the same sample arrives again (a re-fetched window).
                if rng.below(10) == 0 {
                    samples.push(samples[samples.len() - 1].clone());
                }
            }
            // Upsert in two batches, through the stored columns in between.
            let mid = samples.len() / 2;
            let second = samples.split_off(mid);
            let mut days: BTreeMap<NaiveDate, DayPack> = BTreeMap::new();
            for (day, group) in by_day(samples) {
                days.entry(day).or_default().merge(group);
            }
            for (day, group) in by_day(second) {
                let stored = days.remove(&day).unwrap_or_default();
                let mut reread = DayPack::from_columns(stored.to_columns().unwrap()).unwrap();
                reread.merge(group);
                days.insert(day, reread);
            }
            let mut got: BTreeMap<(i64, String), u16> = BTreeMap::new();
            let mut count = 0;
            for (day, pack) in &days {
                let pack = DayPack::from_columns(pack.to_columns().unwrap()).unwrap();
                let mut texts = Vec::new();
                pack.unpack_json(*day, &mut |s| texts.push(s));
                let values = pack.unpack(*day);
                assert_eq!(texts.len(), values.len());
                for (text, v) in texts.iter().zip(&values) {
                    assert_eq!(serde_json::from_str::<Value>(text).unwrap(), *v);
                    let stamp = v["timestamp"].as_str().unwrap();
                    assert!(stamp.ends_with("+00:00"), "{stamp}");
                    let at = DateTime::parse_from_rfc3339(stamp).unwrap();
                    assert_eq!(at.date_naive(), *day);
                    let key = (
                        at.timestamp_millis(),
                        v["source"].as_str().unwrap().to_string(),
                    );
                    let bpm = v["bpm"].as_u64().unwrap() as u16;
                    assert!(got.insert(key, bpm).is_none(), "a sample appears twice");
                    count += 1;
                }
            }
            assert_eq!(count, expected.len(), "seed {seed}");
            assert_eq!(got, expected, "seed {seed}");
        }
    }

    #[test]
    fn recorded_heartrate_round_trips() {
        let text = include_str!("../../tests/data/oura/recorded/multiple_heart_rate.json");
        let file: Value = serde_json::from_str(text).unwrap();
        let docs = file["body"]["data"].as_array().unwrap();
        let samples: Vec<Sample> = docs.iter().map(|d| Sample::parse(d).unwrap()).collect();
        let mut out = Vec::new();
        for (day, group) in by_day(samples) {
            let mut pack = DayPack::default();
            pack.merge(group);
            let pack = DayPack::from_columns(pack.to_columns().unwrap()).unwrap();
            out.extend(pack.unpack(day));
        }
        // Oura's spelling is already `+00:00`: the samples come back identical.
        let mut sorted = docs.clone();
        sorted.sort_by(|a, b| {
            (a["timestamp"].as_str(), a["source"].as_str())
                .cmp(&(b["timestamp"].as_str(), b["source"].as_str()))
        });
        assert_eq!(out, sorted);
    }
}
