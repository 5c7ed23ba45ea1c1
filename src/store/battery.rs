//! Ring battery rows packed per UTC day (pure, tested natively), as heart rate is
//! (see [`super::heartrate`]).
//!
//! The packing is part of the schema. One record per UTC day, primary key and `day`
//! both `YYYY-MM-DD` (the UTC date):
//!
//! ```text
//! { key: "2026-11-20", day: "2026-11-20", n: 47,
//!   p: Uint8Array                 the rows as bytes (super::battery_bytes): offsets,
//!                                 levels, flags (charging, in_charger, timestamp_unix)
//!   x?: [{t, f: {…}}] }           only for rows with other fields: t = ms of the day
//! ```
//!
//! A row is `PublicRingBatteryLevelRow` of OpenAPI 1.41: `timestamp` (required),
//! `timestamp_unix` (integer ms, required), `level` (integer 0–100, required),
//! `charging` and `in_charger` (boolean or null, optional). The natural key is the
//! instant: one row per instant, a row again replaces it.
//!
//! Only rows that unpack to exactly what was received — the same
//! `serde_json::Value` *and* the same text — are packed ([`Row::parse`]):
//! - `timestamp` spelled as Oura does ([`super::heartrate::spell_timestamp`]: UTC,
//!   `+00:00`, `.mmm` only when not zero);
//! - `level` a whole number 0..=255 (one byte; `55.0` is not);
//! - `timestamp_unix` an integer: equal to the instant it costs one bit, else it is
//!   kept verbatim among the other fields;
//! - `charging`, `in_charger` each one of false, true, null, absent (2 bits each);
//!   any other value is kept verbatim among the other fields;
//! - other fields without fractional numbers (kept as parsed values, as heart rate);
//! - the keys in the order the unpacking rebuilds them: sorted by name, as Oura and
//!   the simulator write them (`charging`, `in_charger`, `level`, `timestamp`,
//!   `timestamp_unix`, with other fields in their sorted place).
//!
//! A row that is not packable but has a usable `timestamp` is stored as before this
//! form (one record per row, `{key: <instant key>, day, doc}`, see `store::record`),
//! exactly as received; a row without one goes to the quarantine. Records of that
//! earlier form live in the same object store: their keys (`2026-11-20T…Z`) sort inside
//! the day's key range (`"2026-11-20"`, `"2026-11-20\u{ffff}"`), every reader reads
//! both, and when a day is written its packable earlier-form rows are folded into the
//! day record (and deleted) in the same transaction.

use super::heartrate::{spell_timestamp, unix_ms};
use chrono::{NaiveDate, Timelike, Utc};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashSet};

const DAY_MS: u32 = 86_400_000;

/// `charging` or `in_charger` of a row: 2 bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Flag {
    #[default]
    Absent = 0,
    Null = 1,
    False = 2,
    True = 3,
}

impl Flag {
    fn of(v: Option<&Value>) -> Option<Flag> {
        match v {
            None => Some(Flag::Absent),
            Some(Value::Null) => Some(Flag::Null),
            Some(Value::Bool(false)) => Some(Flag::False),
            Some(Value::Bool(true)) => Some(Flag::True),
            Some(_) => None,
        }
    }

    /// From its 2 bits.
    pub fn from_bits(b: u8) -> Flag {
        match b & 3 {
            0 => Flag::Absent,
            1 => Flag::Null,
            2 => Flag::False,
            _ => Flag::True,
        }
    }

    fn value(self) -> Option<Value> {
        match self {
            Flag::Absent => None,
            Flag::Null => Some(Value::Null),
            Flag::False => Some(Value::Bool(false)),
            Flag::True => Some(Value::Bool(true)),
        }
    }
}

/// Bits 0–1: `charging`; 2–3: `in_charger`; 4: `timestamp_unix` equal to the instant.
pub const UNIX_BIT: u8 = 0x10;

/// What a row keeps besides its instant.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Entry {
    pub level: u8,
    pub charging: Flag,
    pub in_charger: Flag,
    /// It carried `timestamp_unix` equal to its instant in ms.
    pub unix: bool,
    /// Other fields as received (usually none).
    pub extra: Option<Map<String, Value>>,
}

impl Entry {
    /// The flags byte (see [`UNIX_BIT`]).
    pub fn flags(&self) -> u8 {
        self.charging as u8 | (self.in_charger as u8) << 2 | if self.unix { UNIX_BIT } else { 0 }
    }
}

/// One battery row, validated.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub day: NaiveDate,
    /// Milliseconds since 00:00 UTC of `day`.
    pub t: u32,
    pub entry: Entry,
}

const FIXED: [&str; 5] = [
    "charging",
    "in_charger",
    "level",
    "timestamp",
    "timestamp_unix",
];

impl Row {
    /// Validates one row as received from Oura or found in an export: `Ok` only when
    /// it unpacks to exactly what was received (see the module docs).
    pub fn parse(doc: &Value) -> Result<Row, String> {
        let obj = doc
            .as_object()
            .ok_or_else(|| format!("is not a JSON object ({})", super::record::json_type(doc)))?;
        let stamp = match obj.get("timestamp") {
            Some(Value::String(s)) => s,
            _ => return Err("lacks its natural key `timestamp` (a string)".into()),
        };
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
        let level = obj
            .get("level")
            .filter(|b| !b.as_number().is_some_and(|n| n.is_f64()))
            .and_then(Value::as_u64)
            .and_then(|b| u8::try_from(b).ok())
            .ok_or("has no `level` that is a whole number from 0 to 255")?;
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
        let charging = Flag::of(obj.get("charging"));
        let in_charger = Flag::of(obj.get("in_charger"));
        if obj
            .iter()
            .any(|(k, v)| !FIXED.contains(&k.as_str()) && super::heartrate::has_fraction(v))
        {
            return Err("has a field with a fractional number (kept as received)".into());
        }
        if obj.keys().zip(obj.keys().skip(1)).any(|(a, b)| a >= b) {
            return Err("has its fields in another order than Oura's (sorted by name)".into());
        }
        let extra: Map<String, Value> = obj
            .iter()
            .filter(|(k, _)| match k.as_str() {
                "level" | "timestamp" => false,
                "timestamp_unix" => !unix,
                "charging" => charging.is_none(),
                "in_charger" => in_charger.is_none(),
                _ => true,
            })
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        Ok(Row {
            day,
            t,
            entry: Entry {
                level,
                charging: charging.unwrap_or_default(),
                in_charger: in_charger.unwrap_or_default(),
                unix,
                extra: (!extra.is_empty()).then_some(extra),
            },
        })
    }

    /// Its natural key: the instant key of `store::record` (the key its record had in
    /// the earlier form).
    pub fn key(&self) -> String {
        row_key(self.day, self.t)
    }
}

/// The natural key (instant key) of millisecond `t` of UTC `day`.
pub fn row_key(day: NaiveDate, t: u32) -> String {
    let at = day.and_time(chrono::NaiveTime::MIN).and_utc()
        + chrono::TimeDelta::milliseconds(i64::from(t));
    super::record::instant_key(at)
}

/// The row of millisecond `t` of `day`, as received: its fields sorted by name.
pub fn row_value(day: NaiveDate, t: u32, e: &Entry) -> Value {
    let mut fields: Vec<(String, Value)> = Vec::with_capacity(5);
    if let Some(v) = e.charging.value() {
        fields.push(("charging".into(), v));
    }
    if let Some(v) = e.in_charger.value() {
        fields.push(("in_charger".into(), v));
    }
    fields.push(("level".into(), Value::from(e.level)));
    fields.push(("timestamp".into(), Value::from(spell_timestamp(day, t))));
    if e.unix {
        fields.push(("timestamp_unix".into(), Value::from(unix_ms(day, t))));
    }
    if let Some(x) = &e.extra {
        for (k, v) in x {
            // A field of `x` never repeats a rebuilt one (parse keeps them apart); a
            // damaged record that does keeps the rebuilt value.
            if !fields.iter().any(|(f, _)| f == k) {
                fields.push((k.clone(), v.clone()));
            }
        }
    }
    fields.sort_by(|a, b| a.0.cmp(&b.0));
    Value::Object(fields.into_iter().collect())
}

/// The other fields of the rows that have any: `(ms of the day, fields)`.
pub type Extras = Vec<(u32, Map<String, Value>)>;

/// How a write changed a day (rows, not records).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    pub added: u64,
    pub replaced: u64,
    /// Rows removed (Oura no longer returns them).
    pub removed: u64,
}

/// The rows of one UTC day, keyed by ms offset.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct DayPack {
    rows: BTreeMap<u32, Entry>,
}

impl DayPack {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Whether it has a row at offset `t`.
    pub fn has(&self, t: u32) -> bool {
        self.rows.contains_key(&t)
    }

    /// Upserts one row (same instant: replaces it). `true` if new.
    pub fn upsert(&mut self, r: Row) -> bool {
        self.rows.insert(r.t, r.entry).is_none()
    }

    /// Adds a row unless the day has one at its instant (import). `true` if added.
    pub fn add_missing(&mut self, r: Row) -> bool {
        match self.rows.entry(r.t) {
            std::collections::btree_map::Entry::Vacant(v) => {
                v.insert(r.entry);
                true
            }
            std::collections::btree_map::Entry::Occupied(_) => false,
        }
    }

    /// Removes the row at offset `t`; `true` if there was one.
    pub fn remove(&mut self, t: u32) -> bool {
        self.rows.remove(&t).is_some()
    }

    /// Upserts many rows (of this day).
    pub fn merge(&mut self, rows: impl IntoIterator<Item = Row>) -> Merged {
        let mut m = Merged::default();
        for r in rows {
            if self.upsert(r) {
                m.added += 1;
            } else {
                m.replaced += 1;
            }
        }
        m
    }

    /// Removes the rows with an offset in `[from, to)` (ms of this day) whose offset is
    /// not in `keep`: what Oura no longer returns for a window read to its end.
    pub fn remove_unseen(&mut self, from: u32, to: u32, keep: &HashSet<u32>) -> u64 {
        let before = self.rows.len();
        self.rows
            .retain(|t, _| *t < from || *t >= to || keep.contains(t));
        (before - self.rows.len()) as u64
    }

    /// The offsets of its rows, in order.
    pub fn offsets(&self) -> impl Iterator<Item = u32> + '_ {
        self.rows.keys().copied()
    }

    /// The stored form: bytes `p` ([`super::battery_bytes`]) and the other fields of the
    /// rows that have any, `(t, fields)`.
    pub fn to_stored(&self) -> (Vec<u8>, Extras) {
        let t: Vec<u32> = self.rows.keys().copied().collect();
        let level: Vec<u8> = self.rows.values().map(|e| e.level).collect();
        let flags: Vec<u8> = self.rows.values().map(Entry::flags).collect();
        let extra = self
            .rows
            .iter()
            .filter_map(|(t, e)| e.extra.clone().map(|x| (*t, x)))
            .collect();
        (super::battery_bytes::encode(&t, &level, &flags), extra)
    }

    /// Rebuilds a day from its stored form (checked: a corrupt record is an error).
    pub fn from_stored(p: &[u8], extra: Extras) -> Result<DayPack, String> {
        let (t, level, flags) = super::battery_bytes::decode(p)?;
        let mut extra: BTreeMap<u32, Map<String, Value>> = extra.into_iter().collect();
        let mut rows = BTreeMap::new();
        for ((t, level), flags) in t.into_iter().zip(level).zip(flags) {
            let e = Entry {
                level,
                charging: Flag::from_bits(flags),
                in_charger: Flag::from_bits(flags >> 2),
                unix: flags & UNIX_BIT != 0,
                extra: extra.remove(&t),
            };
            if rows.insert(t, e).is_some() {
                return Err("a battery record has two rows at one instant".into());
            }
        }
        if !extra.is_empty() {
            return Err("a battery record has fields of a row it does not hold".into());
        }
        Ok(DayPack { rows })
    }

    /// The rows as received, in time order.
    pub fn unpack(&self, day: NaiveDate) -> Vec<Value> {
        self.rows
            .iter()
            .map(|(t, e)| row_value(day, *t, e))
            .collect()
    }

    /// The rows with their natural keys, in time order.
    pub fn unpack_keyed(&self, day: NaiveDate) -> Vec<(String, Value)> {
        self.rows
            .iter()
            .map(|(t, e)| (row_key(day, *t), row_value(day, *t, e)))
            .collect()
    }
}

/// Groups rows by UTC day.
pub fn by_day(rows: impl IntoIterator<Item = Row>) -> BTreeMap<NaiveDate, Vec<Row>> {
    let mut days: BTreeMap<NaiveDate, Vec<Row>> = BTreeMap::new();
    for r in rows {
        days.entry(r.day).or_default().push(r);
    }
    days
}

/// The primary-key range of a UTC day in the battery store: its day record
/// (`YYYY-MM-DD`) and every earlier-form row record of that day (`YYYY-MM-DDT…Z`).
pub fn day_key_range(day: NaiveDate) -> (String, String) {
    let k = super::heartrate::day_key(day);
    (k.clone(), format!("{k}\u{ffff}"))
}

/// Whether a primary key of the battery store is a day record's (`YYYY-MM-DD`).
pub fn is_day_key(key: &str) -> bool {
    key.len() == 10
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_rng::Rng;
    use chrono::{SecondsFormat, TimeDelta};
    use serde_json::json;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn round_trip(pack: &DayPack) -> DayPack {
        let (p, x) = pack.to_stored();
        DayPack::from_stored(&p, x).unwrap()
    }

    fn pack_of(docs: &[Value]) -> (NaiveDate, DayPack) {
        let mut pack = DayPack::default();
        let mut day = None;
        for doc in docs {
            let r = Row::parse(doc).unwrap();
            day = Some(r.day);
            pack.upsert(r);
        }
        (day.unwrap(), pack)
    }

    #[test]
    fn rows_as_the_simulator_serves_them_round_trip_to_the_text() {
        let docs = vec![
            json!({"charging": false, "in_charger": true, "level": 100, "timestamp": "2026-11-20T00:10:00+00:00", "timestamp_unix": 1_795_133_400_000_i64}),
            json!({"charging": null, "level": 84, "timestamp": "2026-11-20T01:00:00.250+00:00", "timestamp_unix": 1_795_136_400_250_i64}),
            json!({"level": 0, "timestamp": "2026-11-20T23:59:59.999+00:00"}),
            json!({"in_charger": null, "level": 255, "timestamp": "2026-11-20T12:00:00+00:00", "timestamp_unix": 1_795_176_000_000_i64}),
        ];
        let (day, pack) = pack_of(&docs);
        let back = round_trip(&pack);
        let mut want = docs.clone();
        want.sort_by(|a, b| a["timestamp"].as_str().cmp(&b["timestamp"].as_str()));
        let got = back.unpack(day);
        assert_eq!(got, want);
        let texts: Vec<String> = got.iter().map(Value::to_string).collect();
        let want_texts: Vec<String> = want.iter().map(Value::to_string).collect();
        assert_eq!(texts, want_texts, "the same text, key order included");
        let (p, x) = pack.to_stored();
        assert!(x.is_empty(), "an exact timestamp_unix costs nothing");
        assert!(p.len() <= 32, "{} bytes", p.len());
    }

    #[test]
    fn rows_that_would_not_unpack_as_received_are_refused() {
        for (bad, why) in [
            (
                json!({"level": 80, "timestamp": "2026-11-20T19:30:00+09:00"}),
                "not spelled in UTC",
            ),
            (
                json!({"level": 80, "timestamp": "2026-11-20T10:00:00Z"}),
                "not spelled in UTC",
            ),
            (
                serde_json::from_str(
                    r#"{"level": 55.0, "timestamp": "2026-11-20T10:00:00+00:00"}"#,
                )
                .unwrap(),
                "level",
            ),
            (
                json!({"level": 256, "timestamp": "2026-11-20T10:00:00+00:00"}),
                "level",
            ),
            (
                json!({"level": -1, "timestamp": "2026-11-20T10:00:00+00:00"}),
                "level",
            ),
            (json!({"timestamp": "2026-11-20T10:00:00+00:00"}), "level"),
            (
                json!({"level": 1, "timestamp": "2026-11-20T10:00:00+00:00", "timestamp_unix": 1.5}),
                "timestamp_unix",
            ),
            (
                json!({"level": 1, "timestamp": "2026-11-20T10:00:00+00:00", "timestamp_unix": "1"}),
                "timestamp_unix",
            ),
            (
                json!({"level": 1, "timestamp": "2026-11-20T10:00:00.654321+00:00"}),
                "millisecond",
            ),
            (
                json!({"level": 1, "timestamp": "2026-11-20T10:00:00+00:00", "z": 0.5}),
                "fractional",
            ),
            (
                json!({"timestamp": "2026-11-20T10:00:00+00:00", "level": 1}),
                "order",
            ),
            (json!({"level": 1}), "timestamp"),
            (json!({"level": 1, "timestamp": "now"}), "invalid timestamp"),
            (json!([1]), "not a JSON object"),
        ] {
            let e = Row::parse(&bad).unwrap_err();
            assert!(e.contains(why), "{bad} → {e}");
        }
    }

    #[test]
    fn null_absent_and_odd_flags_extras_and_an_odd_timestamp_unix_survive() {
        let docs = vec![
            json!({"charging": true, "level": 5, "timestamp": "2026-11-20T01:00:00+00:00", "timestamp_unix": 7}),
            json!({"charging": null, "in_charger": null, "level": 6, "timestamp": "2026-11-20T02:00:00+00:00"}),
            json!({"a": {"deep": [1, null]}, "charging": "yes", "in_charger": 1, "level": 7, "timestamp": "2026-11-20T03:00:00+00:00", "zz": null}),
            json!({"in_charger": false, "level": 8, "timestamp": "2026-11-20T04:00:00+00:00", "timestamp_unix": 1_795_147_200_000_i64}),
        ];
        let (day, pack) = pack_of(&docs);
        let (_, x) = pack.to_stored();
        assert_eq!(
            x.len(),
            2,
            "the odd timestamp_unix and the odd flags are fields"
        );
        assert_eq!(
            x[0].1,
            json!({"timestamp_unix": 7}).as_object().unwrap().clone()
        );
        let back = round_trip(&pack).unpack(day);
        assert_eq!(back, docs);
        let texts: Vec<String> = back.iter().map(Value::to_string).collect();
        let want: Vec<String> = docs.iter().map(Value::to_string).collect();
        assert_eq!(texts, want);
    }

    #[test]
    fn a_row_again_replaces_it_import_never_does_and_unseen_rows_go() {
        let r = |t: &str, level: u64| {
            Row::parse(&json!({"level": level, "timestamp": format!("2026-11-20T{t}+00:00")}))
                .unwrap()
        };
        let mut day = DayPack::default();
        let m = day.merge([r("01:00:00", 60), r("02:00:00", 61), r("03:00:00", 62)]);
        assert_eq!((m.added, m.replaced), (3, 0));
        let m = day.merge([r("02:00:00", 70)]);
        assert_eq!((m.added, m.replaced), (0, 1));
        assert_eq!(day.unpack(d("2026-11-20"))[1]["level"], json!(70));
        assert!(!day.add_missing(r("01:00:00", 99)));
        assert!(day.add_missing(r("05:00:00", 50)));
        assert_eq!(day.unpack(d("2026-11-20"))[0]["level"], json!(60));
        let keep: HashSet<u32> = [2 * 3_600_000].into_iter().collect();
        assert_eq!(day.remove_unseen(5_400_000, 4 * 3_600_000, &keep), 1);
        let left: Vec<_> = day
            .unpack(d("2026-11-20"))
            .iter()
            .map(|v| v["level"].clone())
            .collect();
        assert_eq!(left, vec![json!(60), json!(70), json!(50)]);
        assert_eq!(
            r("01:00:00", 1).key(),
            "2026-11-20T01:00:00.000000000Z",
            "the key of the earlier form"
        );
    }

    #[test]
    fn corrupt_stored_forms_are_errors() {
        let (_, pack) = pack_of(&[json!({"level": 1, "timestamp": "2026-11-20T01:00:00+00:00"})]);
        let (p, _) = pack.to_stored();
        let stray = vec![(5, Map::new())];
        assert!(DayPack::from_stored(&p, stray).is_err());
        // Two rows at one instant (offset delta 0).
        let p = super::super::battery_bytes::encode(&[1000, 1000], &[1, 2], &[0, 0]);
        assert!(DayPack::from_stored(&p, vec![]).is_err());
        assert!(DayPack::from_stored(&[], vec![]).is_err());
    }

    #[test]
    fn day_key_ranges_hold_the_days_row_records_only() {
        let (lo, hi) = day_key_range(d("2026-11-20"));
        for inside in [
            "2026-11-20",
            "2026-11-20T00:00:00.000000000Z",
            "2026-11-20T23:59:59.999999999Z",
        ] {
            assert!(lo.as_str() <= inside && inside <= hi.as_str(), "{inside}");
        }
        for outside in [
            "2026-11-19T23:59:59.999999999Z",
            "2026-11-21",
            "2026-11-21T00:00:00.000000000Z",
        ] {
            assert!(
                !(lo.as_str() <= outside && outside <= hi.as_str()),
                "{outside}"
            );
        }
        assert!(is_day_key("2026-11-20") && !is_day_key("2026-11-20T00:00:00.000000000Z"));
    }

    /// Property: whatever rows arrive (any instants over a few days, whole seconds or
    /// not, repeats with new values, any flags), pack → bytes → unpack gives exactly
    /// one row per instant, the last one received for it, value for value.
    #[test]
    fn packing_round_trips_random_rows() {
        let base = d("2026-11-19").and_hms_opt(0, 0, 0).unwrap().and_utc();
        let flag = |rng: &mut Rng| match rng.below(4) {
            0 => None,
            1 => Some(Value::Null),
            2 => Some(Value::Bool(false)),
            _ => Some(Value::Bool(true)),
        };
        for seed in 1..=40u64 {
            let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
            let n = 1 + rng.below(400) as usize;
            let seconds = rng.below(2) == 0;
            let mut expected: BTreeMap<i64, Value> = BTreeMap::new();
            let mut rows = Vec::with_capacity(n);
            for _ in 0..n {
                let ms = if seconds {
                    (rng.below(3 * 86_400) * 1000) as i64
                } else {
                    rng.below(3 * 86_400_000) as i64
                };
                let at = base + TimeDelta::milliseconds(ms);
                let mut m = Map::new();
                if let Some(v) = flag(&mut rng) {
                    m.insert("charging".into(), v);
                }
                if let Some(v) = flag(&mut rng) {
                    m.insert("in_charger".into(), v);
                }
                m.insert("level".into(), Value::from(rng.below(101)));
                m.insert(
                    "timestamp".into(),
                    Value::from(at.to_rfc3339_opts(SecondsFormat::AutoSi, false)),
                );
                match rng.below(8) {
                    0 => {}
                    1 => {
                        m.insert("timestamp_unix".into(), Value::from(rng.below(1000)));
                    }
                    _ => {
                        m.insert("timestamp_unix".into(), Value::from(at.timestamp_millis()));
                    }
                }
                if rng.below(20) == 0 {
                    m.insert("zextra".into(), json!({"k": [1, "two", null]}));
                }
                let doc = Value::Object(m);
                expected.insert(at.timestamp_millis(), doc.clone());
                rows.push(Row::parse(&doc).unwrap());
                if rng.below(10) == 0 {
                    rows.push(rows[rows.len() - 1].clone());
                }
            }
            let mid = rows.len() / 2;
            let second = rows.split_off(mid);
            let mut days: BTreeMap<NaiveDate, DayPack> = BTreeMap::new();
            for (day, group) in by_day(rows) {
                days.entry(day).or_default().merge(group);
            }
            for (day, group) in by_day(second) {
                let mut reread = round_trip(&days.remove(&day).unwrap_or_default());
                reread.merge(group);
                days.insert(day, reread);
            }
            let mut got: BTreeMap<i64, Value> = BTreeMap::new();
            for (day, pack) in &days {
                for (key, v) in round_trip(pack).unpack_keyed(*day) {
                    let at = chrono::DateTime::parse_from_rfc3339(&key).unwrap();
                    let stamp = v["timestamp"].as_str().unwrap();
                    assert_eq!(chrono::DateTime::parse_from_rfc3339(stamp).unwrap(), at);
                    assert!(got.insert(at.timestamp_millis(), v).is_none(), "twice");
                }
            }
            assert_eq!(got, expected, "seed {seed}");
            let texts =
                |m: &BTreeMap<i64, Value>| m.values().map(Value::to_string).collect::<Vec<_>>();
            assert_eq!(texts(&got), texts(&expected), "seed {seed}: the same text");
        }
    }
}
