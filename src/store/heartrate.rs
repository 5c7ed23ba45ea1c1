//! Heartrate samples packed per UTC day (pure, tested natively).
//!
//! The packing is part of the schema (a change needs a migration or, as for `p`, a
//! reader of both forms). One record per UTC day, primary key and `day` both
//! `YYYY-MM-DD` (the UTC date), holding the day's [`Columns`]:
//!
//! ```text
//! { key: "2026-11-20", day: "2026-11-20", n: 1187,
//!   p: Uint8Array     the columns t, bpm, src as bytes (super::heartrate_bytes):
//!     t    milliseconds since 00:00:00 UTC of that day,
//!     bpm,
//!     src  index into `sources` (bits 0–6); bit 7 set: the sample
//!          carried `timestamp_unix` equal to its instant in ms (OpenAPI
//!          1.41), rebuilt on reading at no storage cost,
//!   sources: ["awake", "rest", …],          // the day's distinct source strings
//!   x?: [{t, s, f: {…}}] }                   // only for samples with other fields
//! ```
//!
//! A record written before `p` has the columns as typed arrays instead
//! (`t: Uint32Array, bpm: Uint16Array, src: Uint8Array`); both are read.
//!
//! Samples are sorted by (instant, source); the natural key is instant + source, so
//! storing a sample again replaces its bpm (idempotent). Unpacked samples are
//! `{"bpm": …, "source": …, "timestamp": …, "timestamp_unix"?: …}` (then any other
//! fields as received), the timestamp spelled RFC 3339 in UTC with `+00:00` like Oura:
//! `2026-11-20T01:02:03+00:00` (`.123` milliseconds only when not zero).
//!
//! Only samples that unpack to exactly what was received are packed: a timestamp
//! spelled any other way (another offset, `Z`, microseconds), a `bpm` that is not a
//! whole number (`61.0`) or a `timestamp_unix` that is not an integer is refused by
//! [`Sample::parse`], and the store keeps such a sample as received in its quarantine
//! (see `store::record`). A `timestamp_unix` that is an integer but not the sample's
//! instant is kept verbatim among the other fields.

use chrono::{NaiveDate, SecondsFormat, TimeDelta, Timelike, Utc};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

const DAY_MS: u32 = 86_400_000;
/// Bit of a `src` byte: the sample had `timestamp_unix` equal to its instant.
const UNIX_BIT: u8 = 0x80;
/// Sources a day can hold (indices use the bits below [`UNIX_BIT`]).
const MAX_SOURCES: usize = 128;

/// One heartrate sample, validated.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    pub day: NaiveDate,
    /// Milliseconds since 00:00 UTC of `day`.
    pub t: u32,
    pub source: String,
    pub bpm: u16,
    /// It carried `timestamp_unix` equal to its instant in ms.
    pub unix: bool,
    /// Fields other than bpm, source, timestamp (and an exact timestamp_unix), as
    /// received (usually none).
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
            .filter(|b| !b.as_number().is_some_and(|n| n.is_f64()))
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
        if *stamp != spell_timestamp(day, t) {
            return Err(format!(
                "has a timestamp {stamp:?} not spelled in UTC as Oura does ({:?})",
                spell_timestamp(day, t)
            ));
        }
        let unix = match obj.get("timestamp_unix") {
            None => false,
            Some(v) => match v
                .as_i64()
                .filter(|_| !v.as_number().is_some_and(|n| n.is_f64()))
            {
                Some(ms) => ms == at.timestamp_millis(),
                None => {
                    return Err(format!(
                        "has a `timestamp_unix` that is not an integer ({v})"
                    ))
                }
            },
        };
        // Other fields are kept as parsed values: a fraction among them could lose its
        // last digit, so such a sample is kept as received instead (quarantine).
        if obj
            .iter()
            .any(|(k, v)| !matches!(k.as_str(), "bpm" | "source" | "timestamp") && has_fraction(v))
        {
            return Err("has a field with a fractional number (kept as received)".into());
        }
        let extra: Map<String, Value> = obj
            .iter()
            .filter(|(k, _)| {
                let kept_apart = matches!(k.as_str(), "bpm" | "source" | "timestamp")
                    || (unix && k.as_str() == "timestamp_unix");
                !kept_apart
            })
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        Ok(Sample {
            day,
            t,
            source,
            bpm,
            unix,
            extra: (!extra.is_empty()).then_some(extra),
        })
    }
}

/// Whether a value holds a number that is not an integer.
pub(super) fn has_fraction(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.is_f64(),
        Value::Array(a) => a.iter().any(has_fraction),
        Value::Object(m) => m.values().any(has_fraction),
        _ => false,
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
    unix: bool,
    extra: Option<Map<String, Value>>,
}

/// The instant of millisecond `t` of UTC `day`, in ms since the epoch.
pub fn unix_ms(day: NaiveDate, t: u32) -> i64 {
    day.and_time(chrono::NaiveTime::MIN)
        .and_utc()
        .timestamp_millis()
        + i64::from(t)
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
    /// `(t, src, other fields)` of the samples that have any (`src` without the
    /// timestamp_unix bit).
    pub extra: Vec<(u32, u8, Map<String, Value>)>,
}

/// How an upsert changed a day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    pub added: u64,
    pub replaced: u64,
    /// Samples removed (Oura no longer returns them).
    pub removed: u64,
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
                    unix: s.unix,
                    extra: s.extra,
                },
            )
            .is_none()
    }

    /// Adds the samples this day does not have yet; never replaces one (import).
    pub fn add_missing(&mut self, samples: impl IntoIterator<Item = Sample>) -> Merged {
        let mut m = Merged::default();
        for s in samples {
            if let std::collections::btree_map::Entry::Vacant(v) =
                self.samples.entry((s.t, s.source))
            {
                v.insert(Entry {
                    bpm: s.bpm,
                    unix: s.unix,
                    extra: s.extra,
                });
                m.added += 1;
            }
        }
        m
    }

    /// Removes the samples with an offset in `[from, to)` (ms of this day) whose
    /// `(offset, source)` is not in `keep`: what Oura no longer returns for a window
    /// read to its end. Returns how many were removed.
    pub fn remove_unseen(
        &mut self,
        from: u32,
        to: u32,
        keep: &std::collections::HashSet<(u32, String)>,
    ) -> u64 {
        let before = self.samples.len();
        self.samples
            .retain(|k, _| k.0 < from || k.0 >= to || keep.contains(k));
        (before - self.samples.len()) as u64
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
                        .ok()
                        .filter(|i| usize::from(*i) < MAX_SOURCES)
                        .ok_or_else(|| "more than 128 heartrate sources in one day".to_string())?;
                    c.sources.push(source.clone());
                    index.insert(source, i);
                    i
                }
            };
            c.t.push(*t);
            c.bpm.push(e.bpm);
            c.src.push(if e.unix { i | UNIX_BIT } else { i });
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
            let src = c.src[i] & !UNIX_BIT;
            let source = c
                .sources
                .get(usize::from(src))
                .ok_or("a heartrate record names a source it does not list")?;
            if c.t[i] >= DAY_MS {
                return Err("a heartrate record has an offset beyond its day".into());
            }
            samples.insert(
                (c.t[i], source.clone()),
                Entry {
                    bpm: c.bpm[i],
                    unix: c.src[i] & UNIX_BIT != 0,
                    extra: extra.remove(&(c.t[i], src)),
                },
            );
        }
        Ok(DayPack { samples })
    }

    fn sample_value(day: NaiveDate, t: u32, source: &str, e: &Entry) -> Value {
        let mut m = Map::new();
        m.insert("bpm".into(), Value::from(e.bpm));
        m.insert("source".into(), Value::from(source));
        m.insert("timestamp".into(), Value::from(spell_timestamp(day, t)));
        if e.unix {
            m.insert("timestamp_unix".into(), Value::from(unix_ms(day, t)));
        }
        if let Some(x) = &e.extra {
            for (k, v) in x {
                m.insert(k.clone(), v.clone());
            }
        }
        Value::Object(m)
    }

    /// The samples as JSON values `{bpm, source, timestamp, timestamp_unix?, …}`, in
    /// order.
    pub fn unpack(&self, day: NaiveDate) -> Vec<Value> {
        self.samples
            .iter()
            .map(|((t, source), e)| Self::sample_value(day, *t, source, e))
            .collect()
    }

    /// The samples as JSON text (same as serialising [`DayPack::unpack`], faster).
    pub fn unpack_json(&self, day: NaiveDate, out: &mut impl FnMut(String)) {
        for ((t, source), e) in &self.samples {
            if e.extra.is_some() {
                continue;
            }
            let unix = if e.unix {
                format!(",\"timestamp_unix\":{}", unix_ms(day, *t))
            } else {
                String::new()
            };
            out(format!(
                "{{\"bpm\":{},\"source\":{},\"timestamp\":\"{}\"{unix}}}",
                e.bpm,
                super::record::json_string(source),
                spell_timestamp(day, *t)
            ));
        }
        // Samples with other fields (rare) go through serde_json, after the others.
        if self.samples.values().any(|e| e.extra.is_some()) {
            for ((t, source), e) in &self.samples {
                if e.extra.is_some() {
                    out(Self::sample_value(day, *t, source, e).to_string());
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
        for (bad, why) in [
            // Spelled other than Oura's UTC `+00:00`: could not be unpacked as received.
            (
                json!({"bpm": 60, "source": "rest", "timestamp": "2024-12-14T01:00:00+02:00"}),
                "not spelled in UTC",
            ),
            (
                json!({"bpm": 60, "source": "rest", "timestamp": "2024-12-14T01:00:00Z"}),
                "not spelled in UTC",
            ),
            (
                json!({"bpm": 60, "source": "rest", "timestamp": "2024-12-14T01:00:00.500000+00:00"}),
                "not spelled in UTC",
            ),
            (
                serde_json::from_str(
                    r#"{"bpm": 61.0, "source": "rest", "timestamp": "2024-12-14T01:00:00+00:00"}"#,
                )
                .unwrap(),
                "bpm",
            ),
            (
                json!({"bpm": 60, "source": "rest", "timestamp": "2024-12-14T01:00:00+00:00", "timestamp_unix": 1.5}),
                "timestamp_unix",
            ),
            (
                json!({"bpm": 60, "source": "rest", "timestamp": "2024-12-14T01:00:00+00:00", "confidence": 0.9}),
                "fractional",
            ),
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
                ..Merged::default()
            }
        );
        assert_eq!(
            day.merge([sample(60, "awake"), sample(61, "rest")]),
            Merged {
                replaced: 2,
                ..Merged::default()
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
    fn timestamp_unix_is_rebuilt_when_exact_and_kept_verbatim_when_not() {
        let exact = json!({"bpm": 60, "source": "live", "timestamp": "2026-11-20T01:02:03+00:00", "timestamp_unix": 1_795_136_523_000_i64});
        let odd = json!({"bpm": 61, "source": "live", "timestamp": "2026-11-20T01:02:04+00:00", "timestamp_unix": 5});
        let old = json!({"bpm": 62, "source": "live", "timestamp": "2026-11-20T01:02:05+00:00"});
        let mut day = DayPack::default();
        for doc in [&exact, &odd, &old] {
            day.upsert(Sample::parse(doc).unwrap());
        }
        let c = day.to_columns().unwrap();
        assert_eq!(
            c.extra.len(),
            1,
            "only the odd timestamp_unix is stored as a field"
        );
        assert_eq!(c.src, vec![UNIX_BIT, 0, 0]);
        let back = DayPack::from_columns(c).unwrap();
        assert_eq!(
            back.unpack(d("2026-11-20")),
            vec![exact.clone(), odd.clone(), old.clone()]
        );
        let mut texts = vec![];
        back.unpack_json(d("2026-11-20"), &mut |s| texts.push(s));
        texts.sort();
        let mut want = vec![exact.to_string(), odd.to_string(), old.to_string()];
        want.sort();
        assert_eq!(texts, want, "the export text is the received text");
    }

    #[test]
    fn unseen_samples_of_a_range_are_removed_and_import_never_replaces() {
        let s = |t: &str, bpm: u64| {
            Sample::parse(&json!({"bpm": bpm, "source": "awake", "timestamp": format!("2026-11-20T{t}+00:00")}))
                .unwrap()
        };
        let mut day = DayPack::default();
        day.merge([s("01:00:00", 60), s("02:00:00", 61), s("03:00:00", 62)]);
        let keep: std::collections::HashSet<(u32, String)> =
            [(2 * 3_600_000, "awake".to_string())].into_iter().collect();
        // The window covers 01:30–04:00: 02:00 was returned again, 03:00 was not.
        assert_eq!(day.remove_unseen(5_400_000, 4 * 3_600_000, &keep), 1);
        let left: Vec<_> = day
            .unpack(d("2026-11-20"))
            .iter()
            .map(|v| v["bpm"].clone())
            .collect();
        assert_eq!(
            left,
            vec![json!(60), json!(61)],
            "01:00 lies outside the window"
        );
        let m = day.add_missing([s("01:00:00", 99), s("05:00:00", 70)]);
        assert_eq!((m.added, m.replaced), (1, 0));
        assert_eq!(
            day.unpack(d("2026-11-20"))[0]["bpm"],
            json!(60),
            "kept, not replaced"
        );
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

    use crate::store::test_rng::Rng;

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
                let stamp = at.to_rfc3339_opts(SecondsFormat::AutoSi, false);
                let source = SOURCES[rng.below(SOURCES.len() as u64) as usize];
                let bpm = rng.below(250) as u16;
                expected.insert((at.timestamp_millis(), source.to_string()), bpm);
                // 1.41 samples carry timestamp_unix; 1.27 ones do not.
                let doc = if rng.below(2) == 0 {
                    json!({"bpm": bpm, "source": source, "timestamp": stamp, "timestamp_unix": at.timestamp_millis()})
                } else {
                    json!({"bpm": bpm, "source": source, "timestamp": stamp})
                };
                let sample = Sample::parse(&doc).unwrap();
                assert!(
                    sample.extra.is_none(),
                    "an exact timestamp_unix costs nothing"
                );
                samples.push(sample);
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
