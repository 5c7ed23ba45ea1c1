//! Deterministic synthetic Oura data for all 19 endpoints.
//!
//! Every document is built once as a `serde_json::Value` and immediately serialised;
//! the API and the export both serve that same string, so they are byte-identical.
//! Each day's data comes from its own PRNG streams keyed by (seed, date, stream), so a
//! given date has the same data whatever `--days` is.

use crate::rng::Rng;
use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Timelike, Utc, Weekday,
};
use serde_json::{json, Value};
use std::collections::HashMap;

/// The 19 `/v2/usercollection/<path>` segments, exactly as Oura spells them, in the
/// order of the app's endpoint table (also the order of the export's collections);
/// `ring_battery_level` (new in 1.41) is the 19th.
pub const ENDPOINTS: [&str; 19] = [
    "daily_sleep",
    "sleep",
    "daily_readiness",
    "daily_activity",
    "workout",
    "session",
    "daily_stress",
    "daily_resilience",
    "daily_cardiovascular_age",
    "daily_spo2",
    "vO2_max",
    "heartrate",
    "sleep_time",
    "tag",
    "enhanced_tag",
    "personal_info",
    "ring_configuration",
    "rest_mode_period",
    "ring_battery_level",
];

/// The time-series endpoints (`start_datetime`/`end_datetime`, rows without `id`).
pub const SERIES: [&str; 2] = ["heartrate", "ring_battery_level"];

/// A row of a time series (heartrate, ring_battery_level).
pub trait SeriesRow {
    /// Unix seconds (UTC) of the row.
    fn ts(&self) -> i64;
    /// The row as served.
    fn json(&self) -> String;
}

impl SeriesRow for HrSample {
    fn ts(&self) -> i64 {
        self.ts
    }
    fn json(&self) -> String {
        HrSample::json(self)
    }
}

/// One ring battery row, packed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BatteryRow {
    /// Unix seconds (UTC).
    pub ts: i64,
    /// Microseconds within the second (the poison row only).
    pub us: u32,
    /// 0..=100.
    pub level: u8,
    /// `charging`: None = absent.
    pub charging: Option<bool>,
    /// `in_charger`: None = absent.
    pub in_charger: Option<bool>,
    /// The poison row (`level` written as a float, `55.0`).
    pub poison: bool,
}

impl BatteryRow {
    /// `{"charging"?,"in_charger"?,"level","timestamp","timestamp_unix"}`.
    pub fn json(&self) -> String {
        let mut s = String::with_capacity(96);
        s.push('{');
        if let Some(c) = self.charging {
            s.push_str(&format!(r#""charging":{c},"#));
        }
        if let Some(c) = self.in_charger {
            s.push_str(&format!(r#""in_charger":{c},"#));
        }
        if self.poison {
            s.push_str(&format!(r#""level":{}.0,"#, self.level));
        } else {
            s.push_str(&format!(r#""level":{},"#, self.level));
        }
        s.push_str(&format!(
            r#""timestamp":"{}","timestamp_unix":{}}}"#,
            fmt_utc_us(self.ts, self.us),
            unix_ms(self.ts, self.us)
        ));
        s
    }
}

impl SeriesRow for BatteryRow {
    fn ts(&self) -> i64 {
        self.ts
    }
    fn json(&self) -> String {
        BatteryRow::json(self)
    }
}

pub fn endpoint_index(name: &str) -> Option<usize> {
    ENDPOINTS.iter().position(|e| *e == name)
}

/// Heart-rate sources, indexed by `HrSample::source`.
pub const HR_SOURCES: [&str; 6] = ["awake", "rest", "sleep", "workout", "session", "live"];
pub const SRC_AWAKE: u8 = 0;
const SRC_REST: u8 = 1;
const SRC_SLEEP: u8 = 2;
const SRC_WORKOUT: u8 = 3;
const SRC_SESSION: u8 = 4;
const SRC_LIVE: u8 = 5;

/// Parameters of the generated data set.
#[derive(Clone, Debug)]
pub struct GenParams {
    pub seed: u64,
    pub days: u32,
    /// Last day of data (the wearer's local date).
    pub end_date: NaiveDate,
    pub tz: FixedOffset,
    pub hr_per_day: u32,
    /// Drop heart-rate samples at or after this instant (unix seconds): used when the
    /// data ends "today" so no sample lies in the future.
    pub hr_cutoff: Option<i64>,
    /// Travel: from each local day on, the wearer's offset is the given one (ascending).
    pub tz_changes: Vec<(NaiveDate, FixedOffset)>,
    /// Ring battery rows per local day (0..=1440).
    pub battery_per_day: u32,
    /// The first ring configuration's `set_up_at` is the real-world sentinel
    /// `1970-01-01T00:00:00+00:00`.
    pub ring_setup_sentinel: bool,
    /// Offset switches at an instant (unix seconds), not at local midnight: DST changes
    /// during a trip.
    pub tz_instants: Vec<(i64, FixedOffset)>,
}

impl GenParams {
    /// Parameters with the defaults for the 1.41 additions (no travel, 48 battery rows
    /// a day, no sentinel).
    pub fn new(
        seed: u64,
        days: u32,
        end_date: NaiveDate,
        tz: FixedOffset,
        hr_per_day: u32,
    ) -> GenParams {
        GenParams {
            seed,
            days,
            end_date,
            tz,
            hr_per_day,
            hr_cutoff: None,
            tz_changes: Vec::new(),
            battery_per_day: 48,
            ring_setup_sentinel: false,
            tz_instants: Vec::new(),
        }
    }

    /// The first day of the data.
    pub fn first_day(&self) -> NaiveDate {
        self.end_date
            .checked_sub_signed(Duration::days(i64::from(self.days.max(1)) - 1))
            .unwrap_or(self.end_date)
    }

    /// Adds the default trip (see [`crate::travel::default_trip`]) unless travel is
    /// already given: a flight out (a change at local midnight to the destination's
    /// offset), its DST change at the real instant, and the flight home.
    pub fn with_default_trip(mut self) -> GenParams {
        if !self.tz_changes.is_empty() || !self.tz_instants.is_empty() {
            return self;
        }
        if let Some(t) = crate::travel::default_trip(self.seed, self.first_day(), self.end_date) {
            self.tz_changes = vec![(t.depart, t.dst.before), (t.back, self.tz)];
            self.tz_instants = vec![(t.dst.at, t.dst.after)];
        }
        self
    }

    /// The local days of flights (the days of `tz_changes`).
    pub fn flights(&self) -> Vec<NaiveDate> {
        self.tz_changes.iter().map(|(d, _)| *d).collect()
    }

    /// The wearer's offset on a local day: the offset in force at its local midnight.
    pub fn offset_on(&self, day: NaiveDate) -> FixedOffset {
        let mut o = self.tz;
        let Some(m) = day.and_hms_opt(0, 0, 0) else {
            return o;
        };
        for (t, off) in self.switches() {
            // The switch is in force at midnight of `day` read in the new offset.
            if t <= m.and_utc().timestamp() - i64::from(off.local_minus_utc()) {
                o = off;
            }
        }
        o
    }

    /// The instants (unix seconds) at which the offset changes, ascending: local
    /// midnight of each `tz_changes` day in the new offset, and the `tz_instants`.
    pub fn switches(&self) -> Vec<(i64, FixedOffset)> {
        let mut v: Vec<(i64, FixedOffset)> = self
            .tz_changes
            .iter()
            .filter_map(|(d, off)| {
                let m = d.and_hms_opt(0, 0, 0)?;
                Some((off.from_local_datetime(&m).single()?.timestamp(), *off))
            })
            .chain(self.tz_instants.iter().copied())
            .collect();
        v.sort_by_key(|s| s.0);
        v
    }

    /// The wearer's offset at an instant.
    pub fn offset_at(&self, ts: i64) -> FixedOffset {
        let mut o = self.tz;
        for (t, off) in self.switches() {
            if t <= ts {
                o = off;
            }
        }
        o
    }
}

/// One served document.
#[derive(Clone, Debug)]
pub struct Doc {
    /// The local date the date filters apply to (`day`, or `start_day`).
    pub day: NaiveDate,
    pub id: Option<String>,
    /// The document as served (compact JSON).
    pub json: String,
    /// The poison document of the `poison` fault (no `id`).
    pub poison: bool,
}

/// One heart-rate sample, packed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HrSample {
    /// Unix seconds (UTC).
    pub ts: i64,
    /// Microseconds within the second (0 for generated samples; the poison sample has
    /// some).
    pub us: u32,
    pub bpm: u8,
    pub source: u8,
    /// The poison sample (`bpm` written as a float, `61.0`).
    pub poison: bool,
}

impl HrSample {
    /// The sample's JSON, as served:
    /// `{"bpm":…,"source":"…","timestamp":"…+00:00","timestamp_unix":<ms>}`.
    pub fn json(&self) -> String {
        let src = HR_SOURCES
            .get(self.source as usize)
            .copied()
            .unwrap_or("awake");
        let bpm = if self.poison {
            format!("{}.0", self.bpm)
        } else {
            self.bpm.to_string()
        };
        format!(
            r#"{{"bpm":{},"source":"{}","timestamp":"{}","timestamp_unix":{}}}"#,
            bpm,
            src,
            fmt_utc_us(self.ts, self.us),
            unix_ms(self.ts, self.us)
        )
    }
}

/// The whole data set.
#[derive(Debug)]
pub struct Data {
    pub params: GenParams,
    /// Documents per endpoint index (empty for heartrate and personal_info).
    pub collections: Vec<Vec<Doc>>,
    /// Document id → position, per endpoint index.
    pub by_id: Vec<HashMap<String, usize>>,
    /// All heart-rate samples, sorted by time.
    pub heartrate: Vec<HrSample>,
    /// All ring battery rows, sorted by time.
    pub battery: Vec<BatteryRow>,
    /// The personal_info object.
    pub personal_info: String,
    /// The person's days without the ring (no documents, no samples), ascending.
    pub non_wear: Vec<NaiveDate>,
    /// The person's illness days and their severity (0.5..1), ascending.
    pub illness: Vec<(NaiveDate, f64)>,
}

impl Data {
    /// Rebuilds the id → position maps (after a change of the collections).
    pub fn reindex(&mut self) {
        self.by_id = self
            .collections
            .iter()
            .map(|docs| {
                docs.iter()
                    .enumerate()
                    .filter_map(|(i, d)| d.id.clone().map(|id| (id, i)))
                    .collect()
            })
            .collect();
    }

    /// The day the poison documents are put on: end date − 2 (or the first day).
    pub fn poison_day(&self) -> NaiveDate {
        (self.params.end_date - Duration::days(2)).max(self.first_day())
    }

    /// Makes the data hold exactly one poison document for each endpoint of `eps`
    /// (and none for the others). Poison documents: a document without `id` (document
    /// endpoints), a heart-rate sample with microseconds and `bpm` 61.0, a battery row
    /// with microseconds and `level` 55.0. Each lies on [`Data::poison_day`], inside a
    /// run of real documents (not alone on a page).
    pub fn set_poison(&mut self, eps: &std::collections::BTreeSet<String>) {
        for docs in &mut self.collections {
            docs.retain(|d| !d.poison);
        }
        self.heartrate.retain(|s| !s.poison);
        self.battery.retain(|s| !s.poison);
        let pd = self.poison_day();
        let at = |h: i64, us: u32| -> (i64, u32) {
            let t = pd
                .and_hms_opt(0, 0, 0)
                .unwrap_or_default()
                .and_utc()
                .timestamp();
            (t + h * 3600, us)
        };
        for ep in eps {
            match ep.as_str() {
                "personal_info" => {}
                "heartrate" => {
                    let (ts, us) = at(3, 123_456);
                    let pos = self.heartrate.partition_point(|s| (s.ts, s.us) < (ts, us));
                    self.heartrate.insert(
                        pos,
                        HrSample {
                            ts,
                            us,
                            bpm: 61,
                            source: SRC_AWAKE,
                            poison: true,
                        },
                    );
                }
                "ring_battery_level" => {
                    let (ts, us) = at(3, 654_321);
                    let pos = self.battery.partition_point(|s| (s.ts, s.us) < (ts, us));
                    self.battery.insert(
                        pos,
                        BatteryRow {
                            ts,
                            us,
                            level: 55,
                            charging: None,
                            in_charger: None,
                            poison: true,
                        },
                    );
                }
                name => {
                    let Some(i) = endpoint_index(name) else {
                        continue;
                    };
                    let docs = &self.collections[i];
                    if docs.is_empty() {
                        continue;
                    }
                    let (tpl, pos) = if name == "ring_configuration" {
                        (0, 1.min(docs.len()))
                    } else {
                        let lo = docs.partition_point(|d| d.day < pd);
                        if lo < docs.len() && docs[lo].day == pd {
                            (lo, lo + 1)
                        } else {
                            (lo.min(docs.len() - 1), lo)
                        }
                    };
                    let mut v: Value = serde_json::from_str(&docs[tpl].json).unwrap_or(Value::Null);
                    let shift = if name == "ring_configuration" {
                        0
                    } else {
                        (pd - docs[tpl].day).num_days()
                    };
                    crate::mutate::shift_days(&mut v, shift);
                    if let Some(o) = v.as_object_mut() {
                        o.remove("id");
                    }
                    let day = if name == "ring_configuration" {
                        docs[tpl].day
                    } else {
                        pd
                    };
                    self.collections[i].insert(
                        pos,
                        Doc {
                            day,
                            id: None,
                            json: v.to_string(),
                            poison: true,
                        },
                    );
                }
            }
        }
        self.reindex();
    }

    pub fn first_day(&self) -> NaiveDate {
        self.params
            .end_date
            .checked_sub_signed(Duration::days(i64::from(self.params.days.max(1)) - 1))
            .unwrap_or(self.params.end_date)
    }

    /// Generates the data set.
    pub fn generate(params: GenParams) -> Data {
        Generator::new(params).run()
    }

    /// Number of documents per endpoint (heartrate: samples; personal_info: 1).
    pub fn count(&self, idx: usize) -> usize {
        match ENDPOINTS.get(idx) {
            Some(&"heartrate") => self.heartrate.len(),
            Some(&"ring_battery_level") => self.battery.len(),
            Some(&"personal_info") => 1,
            Some(_) => self.collections[idx].len(),
            None => 0,
        }
    }

    /// The healthHub export document (DESIGN §5), built by concatenating the very same
    /// strings the API serves.
    pub fn export_json(&self, exported_at: DateTime<Utc>) -> String {
        let mut out = String::with_capacity(1 << 20);
        out.push_str(r#"{"format":"healthhub-export","version":1,"exported_at":""#);
        out.push_str(&exported_at.format("%Y-%m-%dT%H:%M:%SZ").to_string());
        out.push_str(r#"","collections":{"#);
        for (i, name) in ENDPOINTS.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('"');
            out.push_str(name);
            out.push_str("\":[");
            match *name {
                "heartrate" => {
                    for (j, s) in self.heartrate.iter().enumerate() {
                        if j > 0 {
                            out.push(',');
                        }
                        out.push_str(&s.json());
                    }
                }
                "ring_battery_level" => {
                    for (j, s) in self.battery.iter().enumerate() {
                        if j > 0 {
                            out.push(',');
                        }
                        out.push_str(&s.json());
                    }
                }
                "personal_info" => out.push_str(&self.personal_info),
                _ => {
                    for (j, d) in self.collections[i].iter().enumerate() {
                        if j > 0 {
                            out.push(',');
                        }
                        out.push_str(&d.json);
                    }
                }
            }
            out.push(']');
        }
        out.push_str("}}");
        out
    }
}

// ---------------------------------------------------------------------------------
// Formatting helpers

/// `YYYY-MM-DDTHH:MM:SS[.uuuuuu]+00:00` (microseconds only when non-zero).
pub fn fmt_utc_us(ts: i64, us: u32) -> String {
    Utc.timestamp_opt(ts, us.min(999_999) * 1000)
        .single()
        .map(|t| {
            if us == 0 {
                t.format("%Y-%m-%dT%H:%M:%S+00:00").to_string()
            } else {
                t.format("%Y-%m-%dT%H:%M:%S%.6f+00:00").to_string()
            }
        })
        .unwrap_or_default()
}

/// Milliseconds since the epoch of (seconds, microseconds).
pub fn unix_ms(ts: i64, us: u32) -> i64 {
    ts * 1000 + i64::from(us / 1000)
}

fn fmt_local(t: DateTime<FixedOffset>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

fn fmt_local_ms(t: DateTime<FixedOffset>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string()
}

/// `x` rounded to `decimals` places; never `-0.0` (Oura does not send it, and `-0.0`
/// does not survive a store that re-serialises numbers: `+ 0.0` makes it `0.0`).
fn round_to(x: f64, decimals: i32) -> f64 {
    let p = 10f64.powi(decimals);
    (x * p).round() / p + 0.0
}

fn clamp_i(x: f64, lo: i64, hi: i64) -> i64 {
    (x.round() as i64).clamp(lo, hi)
}

fn score(rng: &mut Rng, mean: f64, sd: f64) -> i64 {
    clamp_i(rng.normal(mean, sd), 1, 100)
}

/// The shortest round-trip text of `x` has this many significant digits.
pub fn significant_digits(x: f64) -> usize {
    let s = serde_json::to_string(&x).unwrap_or_default();
    let mantissa = s.split(['e', 'E']).next().unwrap_or("");
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0');
    let digits = if mantissa.contains('.') {
        digits.trim_end_matches('0')
    } else {
        digits
    };
    digits.len()
}

/// The nearest double at or above `x` whose shortest round-trip representation needs
/// all 17 significant digits (like Oura's unrounded `distance`, `2448.5308423962438`).
fn f17(x: f64) -> f64 {
    let mut y = x;
    for _ in 0..200 {
        if significant_digits(y) >= 17 {
            return y;
        }
        y = f64::from_bits(y.to_bits() + 1);
    }
    y
}

// ---------------------------------------------------------------------------------
// Plans: what happens on a day, computed deterministically and shared by the
// documents of several endpoints and by the heart-rate series.

#[derive(Clone, Debug)]
struct SleepPlan {
    start: DateTime<FixedOffset>,
    /// Number of 5-minute slots; time_in_bed = slots * 300 s.
    slots: usize,
    /// '1' deep, '2' light, '3' REM, '4' awake.
    phases: String,
    kind: &'static str,
    /// Heart rate and HRV of each 5-minute slot (the sleep document's series, before its
    /// nulls; the `heartrate` samples of the period follow `hr`).
    hr: Vec<f64>,
    hrv: Vec<f64>,
}

impl SleepPlan {
    fn end(&self) -> DateTime<FixedOffset> {
        self.start + Duration::seconds(self.slots as i64 * 300)
    }
}

#[derive(Clone, Debug)]
struct WorkoutPlan {
    start: DateTime<FixedOffset>,
    minutes: i64,
    activity: &'static str,
    intensity: &'static str,
}

#[derive(Clone, Debug)]
struct SessionPlan {
    start: DateTime<FixedOffset>,
    seconds: i64,
    kind: &'static str,
}

#[derive(Clone, Debug)]
struct DayPlan {
    /// The main night's sleep that ends on the morning of this day (None: ring not worn).
    night: Option<SleepPlan>,
    naps: Vec<SleepPlan>,
    workouts: Vec<WorkoutPlan>,
    sessions: Vec<SessionPlan>,
    /// Short "live" heart-rate views: (start, seconds).
    live: Vec<(DateTime<FixedOffset>, i64)>,
}

struct Generator {
    p: GenParams,
    switches: Vec<(i64, FixedOffset)>,
    /// Ring configurations: (set-up instant, id), in set-up order (for `sleep.ring_id`).
    rings: Vec<(i64, String)>,
    plans: HashMap<NaiveDate, DayPlan>,
    age: i64,
    weight: f64,
    /// The person's usual lowest-of-night heart rate baseline and night HRV (ms).
    rhr: f64,
    hrv: f64,
    /// Phase of the rare tag (every 37th day).
    rare_phase: i64,
}

/// How a night's hypnogram deviates from the usual one.
struct PhaseMods {
    /// Awake 5-minute slots before falling asleep.
    latency: i64,
    /// Extra (negative: fewer) deep slots per cycle.
    deep: i64,
    /// Extra (negative: fewer) REM slots per cycle.
    rem: i64,
    /// Chance of waking up at the end of a cycle.
    wake_p: f64,
}

fn phases_for(rng: &mut Rng, slots: usize, long: bool) -> String {
    let latency = rng.range(1, 4);
    let mods = PhaseMods {
        latency,
        deep: 0,
        rem: 0,
        wake_p: 0.35,
    };
    phases_with(rng, slots, long, &mods)
}

fn phases_with(rng: &mut Rng, slots: usize, long: bool, mods: &PhaseMods) -> String {
    let mut s = String::with_capacity(slots);
    for _ in 0..(mods.latency.max(0) as usize).min(slots) {
        s.push('4');
    }
    let mut cycle = 0;
    while s.len() < slots {
        let early = if long { (4 - cycle).max(0) } else { 1 };
        let late = if long { cycle.min(4) } else { 0 };
        let mut push = |c: char, n: i64| {
            for _ in 0..n.max(0) {
                s.push(c);
            }
        };
        push('2', rng.range(3, 7));
        push('1', rng.range(1, 2) + early as i64 + mods.deep);
        push('2', rng.range(1, 4));
        if long || rng.chance(0.3) {
            push('3', rng.range(1, 3) + late as i64 + mods.rem);
        }
        if rng.chance(mods.wake_p) {
            push('4', rng.range(1, 2));
        }
        cycle += 1;
    }
    s.truncate(slots);
    if slots > 2 {
        s.pop();
        s.push('4');
    }
    s
}

/// Heart rate and HRV per 5-minute slot: HR falls through the night, HRV rises; deep
/// sleep lowers HR (−4 bpm) and raises HRV (+14 ms), REM the other way (+3, −6), awake
/// more so (+7, −12).
fn night_series(r: &mut Rng, phases: &str, hr_base: f64, hrv_base: f64) -> (Vec<f64>, Vec<f64>) {
    let n = phases.len().max(1) as f64;
    phases
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let frac = i as f64 / n;
            let (dh, dv) = match c {
                '1' => (-4.0, 14.0),
                '3' => (3.0, -6.0),
                '4' => (7.0, -12.0),
                _ => (0.0, 0.0),
            };
            let h = (hr_base + 8.0 * (1.0 - frac).powi(2) + dh + r.normal(0.0, 1.2))
                .round()
                .clamp(38.0, 120.0);
            let v = (hrv_base * (0.8 + 0.4 * frac) + dv + r.normal(0.0, 5.0))
                .round()
                .clamp(5.0, 200.0);
            (h, v)
        })
        .unzip()
}

/// What the person did on an evening: the tags that move the following night.
#[derive(Clone, Copy, Debug, Default)]
struct Evening {
    alcohol: bool,
    late_meal: bool,
    /// Caffeine late in the afternoon.
    caffeine: bool,
    /// The custom "Sauna" tag.
    sauna: bool,
    /// The rare tag (`tag_generic_fasting`, every 37th day).
    fasting: bool,
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len().max(1) as f64
}

fn total_hours(n: &SleepPlan) -> f64 {
    n.phases.chars().filter(|&c| c != '4').count() as f64 * 300.0 / 3600.0
}

/// A long, hard workout (what moves the next day's readiness).
fn is_hard(w: &WorkoutPlan) -> bool {
    w.intensity == "hard" && w.minutes >= 45
}

impl Generator {
    fn new(p: GenParams) -> Self {
        let mut r = Rng::stream(p.seed, 0, "person");
        let age = r.range(24, 62);
        let weight = round_to(r.uniform(55.0, 95.0), 1);
        let mut r = Rng::stream(p.seed, 0, "person-physiology");
        let rhr = r.uniform(53.0, 57.0);
        let hrv = r.uniform(60.0, 72.0);
        let rare_phase = r.range(0, 36);
        Generator {
            rhr,
            hrv,
            rare_phase,
            switches: p.switches(),
            rings: Vec::new(),
            p,
            plans: HashMap::new(),
            age,
            weight,
        }
    }

    /// `secs` after local midnight of `day` (in the offset of that day), expressed in
    /// the offset in force at that instant.
    fn local(&self, day: NaiveDate, secs: i64) -> DateTime<FixedOffset> {
        let tz = self.offset_on(day);
        let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
        let base = tz
            .from_local_datetime(&midnight)
            .single()
            .unwrap_or_else(|| tz.from_utc_datetime(&midnight));
        self.conv(base + Duration::seconds(secs))
    }

    fn offset_on(&self, day: NaiveDate) -> FixedOffset {
        self.p.offset_on(day)
    }

    /// The instant re-expressed in the offset in force at it.
    fn conv(&self, t: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        let ts = t.timestamp();
        let mut o = self.p.tz;
        for (s, off) in &self.switches {
            if *s <= ts {
                o = *off;
            }
        }
        t.with_timezone(&o)
    }

    fn fl(&self, t: DateTime<FixedOffset>) -> String {
        fmt_local(self.conv(t))
    }

    fn flms(&self, t: DateTime<FixedOffset>) -> String {
        fmt_local_ms(self.conv(t))
    }

    fn sample(&self, interval: f64, items: Vec<Value>, start: DateTime<FixedOffset>) -> Value {
        json!({"interval": interval, "items": items, "timestamp": self.flms(start)})
    }

    /// Days that may carry 1.41's rarities (absent/null optional fields, new enum values,
    /// 17-digit floats): all but the last 10 days of the data, so recent days (which the
    /// app's end-to-end tests check) keep their long-standing values.
    fn varies(&self, day: NaiveDate) -> bool {
        day <= self.p.end_date - Duration::days(10)
    }

    /// A rare event (1.5 %) on a varying day, from its own stream (no other value moves).
    fn rare(&self, day: NaiveDate, what: &str) -> bool {
        self.varies(day)
            && Rng::stream(self.p.seed, Self::dn(day), &format!("rare-{what}")).chance(0.015)
    }

    fn dn(day: NaiveDate) -> i64 {
        i64::from(chrono::Datelike::num_days_from_ce(&day))
    }

    /// No ring at all that local day (about 2.5 % of days, never on the last 10): no
    /// document of any daily endpoint, no heart-rate or battery row.
    fn non_wear(&self, day: NaiveDate) -> bool {
        self.varies(day) && Rng::stream(self.p.seed, Self::dn(day), "non-wear").chance(0.025)
    }

    /// Illness severity of a day: 0 when well; an episode (about 4 a year) lasts 3–6
    /// days, 0.5–0.7 on its first and last day, 0.75–1 in between.
    fn illness(&self, day: NaiveDate) -> f64 {
        let mut s = 0.0f64;
        for back in 0..6i64 {
            let d = day - Duration::days(back);
            let mut r = Rng::stream(self.p.seed, Self::dn(d), "illness");
            if !r.chance(4.0 / 365.0) {
                continue;
            }
            let len = r.range(3, 6);
            let sev = r.uniform(0.75, 1.0);
            if back < len {
                let edge = back == 0 || back == len - 1;
                s = s.max(sev * if edge { 0.7 } else { 1.0 });
            }
        }
        s
    }

    /// Fever of an illness day: +0.55 … +1.2 °C.
    fn fever(ill: f64) -> f64 {
        if ill <= 0.0 {
            0.0
        } else {
            0.55 + 0.65 * ((ill - 0.525) / 0.475).clamp(0.0, 1.0)
        }
    }

    /// Jet lag of the night that ends on `day`: 1, 0.6, 0.3 on the three nights after a
    /// flight.
    fn jetlag(&self, day: NaiveDate) -> f64 {
        self.p
            .flights()
            .iter()
            .map(|f| match (day - *f).num_days() {
                1 => 1.0,
                2 => 0.6,
                3 => 0.3,
                _ => 0.0,
            })
            .fold(0.0, f64::max)
    }

    /// At home (not on a trip) on that day.
    fn at_home(&self, day: NaiveDate) -> bool {
        self.offset_on(day) == self.p.tz
    }

    /// The evening's tags (what moves the following night). Alcohol on about 7 % of
    /// weekday and 30 % of Friday/Saturday evenings (never when ill).
    fn evening(&self, day: NaiveDate) -> Evening {
        if self.non_wear(day) {
            return Evening::default();
        }
        let ill = self.illness(day) > 0.0;
        let weekend = matches!(day.weekday(), Weekday::Fri | Weekday::Sat);
        let mut r = Rng::stream(self.p.seed, Self::dn(day), "evening");
        let alcohol = r.chance(if weekend { 0.30 } else { 0.07 });
        let late_meal = r.chance(0.10);
        let caffeine = r.chance(0.09);
        let sauna = r.chance(0.06);
        Evening {
            alcohol: alcohol && !ill,
            late_meal,
            caffeine,
            sauna: sauna && !ill,
            fasting: (Self::dn(day) + self.rare_phase).rem_euclid(37) == 0,
        }
    }

    /// The day's workouts (none when ill or not worn).
    fn workouts_of(&self, day: NaiveDate) -> Vec<WorkoutPlan> {
        if self.non_wear(day) || self.illness(day) > 0.0 {
            return Vec::new();
        }
        let seed = self.p.seed;
        let d = Self::dn(day);
        // Workouts, in free slots of the day (07:00–20:00).
        let mut r = Rng::stream(seed, d, "workouts");
        let n = *r.pick(&[0, 0, 1, 1, 1, 1, 2, 2, 3]);
        let mut workouts: Vec<WorkoutPlan> = Vec::new();
        let mut cursor = r.range(7 * 60, 10 * 60);
        for _ in 0..n {
            let activity = *r.pick(&[
                "walking",
                "walking",
                "walking",
                "running",
                "cycling",
                "strength_training",
                "yoga",
                "swimming",
                "hiking",
                "tennis",
            ]);
            let intensity = *r.pick(&["easy", "easy", "moderate", "moderate", "hard"]);
            let minutes = if intensity == "hard" {
                r.range(30, 100)
            } else {
                r.range(10, 90)
            };
            let start_min = cursor + r.range(20, 150);
            if start_min + minutes > 20 * 60 + 30 {
                break;
            }
            workouts.push(WorkoutPlan {
                start: self.local(day, start_min * 60),
                minutes,
                activity,
                intensity,
            });
            cursor = start_min + minutes;
        }
        workouts
    }

    /// A long hard workout that day.
    fn hard_day(&self, day: NaiveDate) -> bool {
        self.workouts_of(day).iter().any(is_hard)
    }

    /// The main sleep of the night before `day` (None: not worn that night).
    fn night_plan(&self, day: NaiveDate) -> Option<SleepPlan> {
        let prev = day.pred_opt()?;
        if self.non_wear(day) || self.non_wear(prev) {
            return None;
        }
        let mut r = Rng::stream(self.p.seed, Self::dn(day), "night");
        if r.chance(0.015) {
            return None;
        }
        let ev = self.evening(prev);
        let ill = self.illness(day);
        let jl = self.jetlag(day);
        let hard = self.hard_day(prev);
        // Friday and Saturday nights: later to bed, later up.
        let weekend = matches!(prev.weekday(), Weekday::Fri | Weekday::Sat);
        // Minutes after local midnight of `prev`.
        let mut bed = 22.0 * 60.0 + 50.0 + r.normal(0.0, 20.0);
        let mut wake = 30.0 * 60.0 + 45.0 + r.normal(0.0, 15.0);
        if weekend {
            bed += 75.0 + r.normal(0.0, 15.0);
            wake += 120.0 + r.normal(0.0, 20.0);
        }
        if r.chance(0.12) {
            bed += r.uniform(60.0, 150.0); // a late evening
        }
        if r.chance(0.08) {
            wake -= r.uniform(40.0, 90.0); // an early start
        }
        if ev.late_meal {
            bed += r.uniform(30.0, 60.0);
        }
        if ev.alcohol {
            bed += r.uniform(0.0, 30.0);
        }
        if ill > 0.0 {
            bed -= 40.0 * ill;
            wake += 50.0 * ill;
        }
        if jl > 0.0 {
            bed += r.normal(0.0, 50.0) * jl;
            wake += r.normal(-20.0, 40.0) * jl;
        }
        let slots = ((wake - bed) / 5.0).round().clamp(54.0, 132.0) as usize;
        let start = self.local(prev, (bed * 60.0).round() as i64 + r.range(0, 59));
        let latency = if ev.caffeine {
            r.range(4, 8)
        } else if ev.alcohol {
            r.range(1, 2)
        } else {
            r.range(1, 4)
        } + if jl > 0.3 { r.range(1, 4) } else { 0 };
        let mods = PhaseMods {
            latency,
            deep: i64::from(ev.sauna)
                - i64::from(ev.late_meal)
                - i64::from(ev.alcohol && r.chance(0.5)),
            rem: -i64::from(ev.alcohol),
            wake_p: 0.4 + if ev.alcohol { 0.3 } else { 0.0 } + 0.3 * jl + 0.3 * ill,
        };
        let phases = phases_with(&mut r, slots, true, &mods);
        let mut hr_base = self.rhr + r.normal(0.0, 1.0);
        let mut hrv_base = self.hrv + r.normal(0.0, 4.0);
        if ev.alcohol {
            hr_base += r.uniform(3.0, 5.0);
            hrv_base -= r.uniform(8.0, 12.0);
        }
        if ev.late_meal {
            hr_base += 1.0;
            hrv_base -= 2.0;
        }
        if ev.sauna {
            hr_base -= 1.0;
            hrv_base += r.uniform(3.0, 6.0);
        }
        if hard {
            hr_base += r.uniform(1.0, 3.0);
            hrv_base -= r.uniform(4.0, 8.0);
        }
        hr_base += 7.0 * ill + 3.0 * jl;
        hrv_base -= 18.0 * ill + 6.0 * jl;
        let (hr, hrv) = night_series(&mut r, &phases, hr_base, hrv_base);
        Some(SleepPlan {
            start,
            slots,
            phases,
            kind: "long_sleep",
            hr,
            hrv,
        })
    }

    /// The main night of any day (from the plans, or computed: days before the data).
    fn night_of(&self, day: NaiveDate) -> Option<SleepPlan> {
        match self.plans.get(&day) {
            Some(p) => p.night.clone(),
            None => self.night_plan(day),
        }
    }

    fn nap(
        &self,
        r: &mut Rng,
        start: DateTime<FixedOffset>,
        slots: usize,
        kind: &'static str,
    ) -> SleepPlan {
        let phases = phases_for(r, slots, false);
        let (hr, hrv) = night_series(r, &phases, self.rhr + 6.0, self.hrv - 10.0);
        SleepPlan {
            start,
            slots,
            phases,
            kind,
            hr,
            hrv,
        }
    }

    fn plan(&self, day: NaiveDate) -> DayPlan {
        if self.non_wear(day) {
            return DayPlan {
                night: None,
                naps: vec![],
                workouts: vec![],
                sessions: vec![],
                live: vec![],
            };
        }
        let d = Self::dn(day);
        let seed = self.p.seed;
        let night = self.night_plan(day);
        let ill = self.illness(day);
        let mut naps = Vec::new();
        let mut r = Rng::stream(seed, d, "naps");
        if r.chance(if ill > 0.0 { 0.4 } else { 0.14 }) {
            let start = self.local(day, r.range(13 * 60, 16 * 60) * 60 + r.range(0, 59));
            let slots = r.range(4, 18) as usize;
            naps.push(self.nap(&mut r, start, slots, "sleep"));
        }
        if r.chance(0.05) {
            let start = self.local(day, r.range(17 * 60, 19 * 60) * 60 + r.range(0, 59));
            let slots = r.range(3, 12) as usize;
            naps.push(self.nap(&mut r, start, slots, "rest"));
        }
        let workouts = self.workouts_of(day);
        // Sessions: mornings or evenings, away from workouts.
        let mut r = Rng::stream(seed, d, "sessions");
        let mut sessions = Vec::new();
        if r.chance(0.3) {
            let morning = r.chance(0.5);
            let base = if morning { 6 * 3600 } else { 21 * 3600 };
            let start = self.local(day, base + r.range(0, 40 * 60));
            let seconds = r.range(36, 240) * 5;
            let kind = *r.pick(&[
                "breathing",
                "meditation",
                "meditation",
                "relaxation",
                "rest",
                "body_status",
                "nap",
            ]);
            sessions.push(SessionPlan {
                start,
                seconds,
                kind,
            });
        }
        let mut live = Vec::new();
        if r.chance(0.3) {
            live.push((
                self.local(day, r.range(10 * 3600, 18 * 3600)),
                r.range(60, 300),
            ));
        }
        DayPlan {
            night,
            naps,
            workouts,
            sessions,
            live,
        }
    }

    fn run(mut self) -> Data {
        let days = self.p.days.max(1) as i64;
        let last = self.p.end_date;
        let first = last
            .checked_sub_signed(Duration::days(days - 1))
            .unwrap_or(last);
        let all_days: Vec<NaiveDate> = (0..days)
            .filter_map(|i| first.checked_add_signed(Duration::days(i)))
            .collect();
        // Plans for one day beyond the range (activity needs the next night's bedtime).
        for day in all_days
            .iter()
            .copied()
            .chain(last.succ_opt())
            .collect::<Vec<_>>()
        {
            let plan = self.plan(day);
            self.plans.insert(day, plan);
        }
        let mut cols: Vec<Vec<Doc>> = vec![Vec::new(); ENDPOINTS.len()];
        let idx = |n: &str| endpoint_index(n).unwrap_or(0);
        let rings = self.ring_configurations(first, last);
        self.rings = rings
            .iter()
            .filter_map(|(d, t)| Some((*t, d.id.clone()?)))
            .collect();
        let mut vo2 = Rng::stream(self.p.seed, 0, "vo2").uniform(38.0, 47.0);
        for &day in &all_days {
            let plan = self.plans.get(&day).cloned().unwrap_or(DayPlan {
                night: None,
                naps: vec![],
                workouts: vec![],
                sessions: vec![],
                live: vec![],
            });
            if self.non_wear(day) {
                continue;
            }
            let readiness = self.readiness(day, plan.night.as_ref());
            let mut sleeps: Vec<&SleepPlan> = plan.night.iter().collect();
            sleeps.extend(plan.naps.iter());
            for (period, sp) in sleeps.iter().enumerate() {
                cols[idx("sleep")].push(self.sleep_doc(day, sp, period, &readiness));
            }
            if let Some(n) = &plan.night {
                cols[idx("daily_sleep")].push(self.daily_sleep(day, n));
            }
            cols[idx("daily_readiness")].push(self.daily_readiness(day, &readiness));
            cols[idx("daily_activity")].push(self.daily_activity(day, &plan));
            for w in &plan.workouts {
                cols[idx("workout")].push(self.workout(day, w));
            }
            for s in &plan.sessions {
                cols[idx("session")].push(self.session(day, s));
            }
            cols[idx("daily_stress")].push(self.daily_stress(day));
            cols[idx("daily_resilience")].push(self.daily_resilience(day, &readiness));
            cols[idx("daily_cardiovascular_age")].push(self.cardio_age(day));
            if plan.night.is_some() {
                cols[idx("daily_spo2")].push(self.daily_spo2(day));
            }
            if let Some(doc) = self.vo2_max(day, &mut vo2) {
                cols[idx("vO2_max")].push(doc);
            }
            if let Some(doc) = self.sleep_time(day) {
                cols[idx("sleep_time")].push(doc);
            }
            cols[idx("tag")].extend(self.tags(day));
            cols[idx("enhanced_tag")].extend(self.enhanced_tags(day));
        }
        cols[idx("rest_mode_period")] = self.rest_mode_periods(&all_days);
        cols[idx("ring_configuration")] = rings.into_iter().map(|(d, _)| d).collect();
        let heartrate = self.heartrate(&all_days);
        let battery = self.battery(&all_days);
        let by_id = cols
            .iter()
            .map(|docs| {
                docs.iter()
                    .enumerate()
                    .filter_map(|(i, d)| d.id.clone().map(|id| (id, i)))
                    .collect()
            })
            .collect();
        let personal_info = self.personal_info();
        let non_wear = all_days
            .iter()
            .copied()
            .filter(|d| self.non_wear(*d))
            .collect();
        let illness = all_days
            .iter()
            .map(|d| (*d, self.illness(*d)))
            .filter(|x| x.1 > 0.0)
            .collect();
        Data {
            non_wear,
            illness,
            params: self.p,
            collections: cols,
            by_id,
            heartrate,
            battery,
            personal_info,
        }
    }

    fn doc(day: NaiveDate, id: Option<String>, v: Value) -> Doc {
        Doc {
            day,
            id,
            json: v.to_string(),
            poison: false,
        }
    }

    /// The night's `daily_sleep` contributors and score, from the hypnogram (its own
    /// stream, so the readiness can use the score too).
    fn sleep_contributors(&self, day: NaiveDate, n: &SleepPlan) -> (Value, i64) {
        let mut r = Rng::stream(self.p.seed, Self::dn(day), "daily_sleep-contributors");
        let cnt = |c: char| n.phases.chars().filter(|&x| x == c).count() as f64;
        let total_h = total_hours(n);
        let lat_slots = n.phases.chars().take_while(|&c| c == '4').count() as f64;
        let wake_slots = (cnt('4') - lat_slots - 1.0).max(0.0);
        let eff = (cnt('1') + cnt('2') + cnt('3')) / n.slots.max(1) as f64 * 100.0;
        let st = self.conv(n.start);
        let mut h = f64::from(st.hour()) + f64::from(st.minute()) / 60.0;
        if h < 12.0 {
            h += 24.0;
        }
        let mid = h + n.slots as f64 * 5.0 / 120.0;
        let c = |x: f64| clamp_i(x, 1, 100);
        let total_sleep = c(40.0 + (total_h - 5.0) * 20.0 + r.normal(0.0, 3.0));
        let deep = c(cnt('1') * 4.2 + r.normal(0.0, 5.0));
        let rem = c(cnt('3') * 300.0 / 3600.0 * 45.0 + r.normal(0.0, 5.0));
        let efficiency = c(100.0 - (97.0 - eff).max(0.0) * 3.5 + r.normal(0.0, 2.0));
        let lat_min = lat_slots * 5.0;
        let latency = c(
            100.0 - (lat_min - 15.0).max(0.0) * 1.6 - (5.0 - lat_min).max(0.0) * 2.0
                + r.normal(0.0, 3.0),
        );
        let restfulness = c(92.0 - wake_slots * 4.0 + r.normal(0.0, 4.0));
        let timing = c(100.0 - ((mid - 27.0).abs() - 0.5).max(0.0) * 30.0 + r.normal(0.0, 3.0));
        let score = c(0.35 * total_sleep as f64
            + 0.10 * efficiency as f64
            + 0.15 * restfulness as f64
            + 0.10 * rem as f64
            + 0.10 * deep as f64
            + 0.10 * latency as f64
            + 0.10 * timing as f64
            + r.normal(0.0, 1.5));
        (
            json!({
                "deep_sleep": deep,
                "efficiency": efficiency,
                "latency": latency,
                "rem_sleep": rem,
                "restfulness": restfulness,
                "timing": timing,
                "total_sleep": total_sleep,
            }),
            score,
        )
    }

    /// The readiness of a day: (summary object, score) shared by daily_readiness and
    /// the night's sleep document. Follows last night (its sleep score, HRV, lowest heart
    /// rate), the last three nights' sleep, yesterday's hard workout or alcohol, illness.
    fn readiness(&self, day: NaiveDate, night: Option<&SleepPlan>) -> Value {
        let mut r = Rng::stream(self.p.seed, Self::dn(day), "readiness");
        let prev = day.pred_opt().unwrap_or(day);
        let ill = self.illness(day);
        let ev = self.evening(prev);
        let hard = self.hard_day(prev);
        let c = |x: f64| clamp_i(x, 1, 100);
        let (prev_night, hrv_balance, resting_hr) = match night {
            Some(n) => {
                let (_, ss) = self.sleep_contributors(day, n);
                let lowest = n.hr.iter().cloned().fold(f64::MAX, f64::min);
                (
                    json!(c(ss as f64 + r.normal(0.0, 4.0))),
                    c(80.0 + (mean(&n.hrv) - self.hrv) * 1.6 + r.normal(0.0, 5.0)),
                    c(90.0 - (lowest - (self.rhr - 4.0)) * 5.0 + r.normal(0.0, 4.0)),
                )
            }
            None => (
                Value::Null,
                score(&mut r, 75.0, 10.0),
                score(&mut r, 80.0, 10.0),
            ),
        };
        let hours: Vec<f64> = (0..3)
            .filter_map(|b| self.night_of(day - Duration::days(b)))
            .map(|n| total_hours(&n))
            .collect();
        let sleep_balance = if hours.is_empty() {
            70
        } else {
            c(95.0 - (7.5 - mean(&hours)).max(0.0) * 22.0 + r.normal(0.0, 4.0))
        };
        let temp_v = r.normal(0.0, if ill > 0.0 { 0.03 } else { 0.15 })
            + Self::fever(ill)
            + if ev.alcohol { 0.15 } else { 0.0 };
        let contributors = json!({
            "activity_balance": c(82.0 + r.normal(0.0, 8.0) - if hard { 6.0 } else { 0.0 }),
            "body_temperature": c(98.0 - (temp_v.abs() - 0.1).max(0.0) * 60.0 + r.normal(0.0, 2.0)),
            "hrv_balance": hrv_balance,
            "previous_day_activity": c(85.0 + r.normal(0.0, 8.0) - if hard { 22.0 } else { 0.0 }),
            "previous_night": prev_night,
            "recovery_index": c(82.0 + r.normal(0.0, 10.0)
                - if hard { 25.0 } else { 0.0 }
                - if ev.alcohol { 15.0 } else { 0.0 }
                - 25.0 * ill),
            "resting_heart_rate": resting_hr,
            "sleep_balance": sleep_balance,
        });
        let mut sum = 0.0f64;
        let mut n = 0.0f64;
        if let Some(obj) = contributors.as_object() {
            for v in obj.values() {
                if let Some(x) = v.as_f64() {
                    sum += x;
                    n += 1.0;
                }
            }
        }
        let sc = c(sum / n.max(1.0) + r.normal(0.0, 2.0) - 5.0 * ill);
        let temp = if ill <= 0.0 && r.chance(0.04) {
            Value::Null
        } else {
            json!(round_to(temp_v, 2))
        };
        let trend = if ill <= 0.0 && r.chance(0.04) {
            Value::Null
        } else {
            json!(round_to(r.normal(0.0, 0.1) + 0.5 * Self::fever(ill), 2))
        };
        // 1.41's new contributor, from its own stream.
        let mut contributors = contributors;
        let mut rr = Rng::stream(self.p.seed, Self::dn(day), "readiness-regularity");
        contributors["sleep_regularity"] = json!(score(&mut rr, 78.0, 12.0));
        json!({
            "contributors": contributors,
            "score": sc,
            "temperature_deviation": temp,
            "temperature_trend_deviation": trend,
        })
    }

    fn sleep_doc(&self, day: NaiveDate, sp: &SleepPlan, period: usize, readiness: &Value) -> Doc {
        let mut r = Rng::stream(self.p.seed, Self::dn(day), &format!("sleep-doc-{period}"));
        let id = r.uuid();
        let slots = sp.slots;
        let count = |c: char| sp.phases.chars().filter(|&x| x == c).count() as i64 * 300;
        let deep = count('1');
        let light = count('2');
        let rem = count('3');
        let total = deep + light + rem;
        let tib = slots as i64 * 300;
        let awake = tib - total;
        let latency_slots = sp.phases.chars().take_while(|&c| c == '4').count() as i64;
        let latency = (latency_slots * 300 - r.range(0, 9) * 30).max(0);
        // 30-second movement.
        let mut movement = String::with_capacity(slots * 10);
        for c in sp.phases.chars() {
            for _ in 0..10 {
                let x = r.f64();
                let m = match c {
                    '1' => {
                        if x < 0.93 {
                            '1'
                        } else {
                            '2'
                        }
                    }
                    '2' | '3' => {
                        if x < 0.7 {
                            '1'
                        } else if x < 0.95 {
                            '2'
                        } else {
                            '3'
                        }
                    }
                    _ => {
                        if x < 0.3 {
                            '1'
                        } else if x < 0.6 {
                            '2'
                        } else if x < 0.85 {
                            '3'
                        } else {
                            '4'
                        }
                    }
                };
                movement.push(m);
            }
        }
        let restless = movement.chars().filter(|&c| c == '2' || c == '3').count() as i64 / 3;
        // Heart rate and HRV every 5 minutes (same nulls in both, as Oura sends).
        let long = sp.kind == "long_sleep";
        let has_series = long || slots >= 6;
        let (hr, hrv, avg_hr, avg_hrv, lowest) = if has_series {
            let mut hr_items = Vec::with_capacity(slots);
            let mut hrv_items = Vec::with_capacity(slots);
            let mut vals = Vec::new();
            let mut hrvs = Vec::new();
            for (&h, &v) in sp.hr.iter().zip(&sp.hrv) {
                if r.chance(0.05) {
                    hr_items.push(Value::Null);
                    hrv_items.push(Value::Null);
                    continue;
                }
                vals.push(h);
                hrvs.push(v);
                hr_items.push(json!(h));
                hrv_items.push(json!(v));
            }
            let avg = |xs: &[f64]| xs.iter().sum::<f64>() / xs.len().max(1) as f64;
            let lowest = vals.iter().cloned().fold(f64::MAX, f64::min);
            (
                self.sample(300.0, hr_items, sp.start),
                self.sample(300.0, hrv_items, sp.start),
                if vals.is_empty() {
                    Value::Null
                } else {
                    json!((avg(&vals) * 8.0).round() / 8.0)
                },
                if hrvs.is_empty() {
                    Value::Null
                } else {
                    json!(avg(&hrvs).round() as i64)
                },
                if vals.is_empty() {
                    Value::Null
                } else {
                    json!(lowest as i64)
                },
            )
        } else {
            (
                Value::Null,
                Value::Null,
                json!((r.uniform(62.0, 80.0) * 8.0).round() / 8.0),
                Value::Null,
                Value::Null,
            )
        };
        let efficiency = clamp_i(100.0 * total as f64 / tib.max(1) as f64, 1, 100);
        let (rdelta, sdelta) = if long {
            (json!(0), json!(0))
        } else if sp.kind == "rest" {
            (Value::Null, Value::Null)
        } else {
            (json!(r.range(0, 5)), json!(r.range(0, 6)))
        };
        let mut v = json!({
            "id": id,
            "average_breath": (r.normal(15.0, 0.8) * 8.0).round() / 8.0,
            "average_heart_rate": avg_hr,
            "average_hrv": avg_hrv,
            "awake_time": awake,
            "bedtime_end": self.fl(sp.end()),
            "bedtime_start": self.fl(sp.start),
            "day": day.to_string(),
            "deep_sleep_duration": deep,
            "efficiency": efficiency,
            "heart_rate": hr,
            "hrv": hrv,
            "latency": latency,
            "light_sleep_duration": light,
            "low_battery_alert": r.chance(0.02),
            "lowest_heart_rate": lowest,
            "movement_30_sec": movement,
            "period": period,
            "readiness": readiness.clone(),
            "readiness_score_delta": rdelta,
            "rem_sleep_duration": rem,
            "restless_periods": restless,
            "sleep_phase_5_min": sp.phases,
            "sleep_score_delta": sdelta,
            "sleep_algorithm_version": "v2",
            "time_in_bed": tib,
            "total_sleep_duration": total,
            "type": sp.kind,
        });
        // 1.41 additions, from their own stream.
        let mut r2 = Rng::stream(self.p.seed, Self::dn(day), &format!("sleep141-{period}"));
        let mut phase30 = String::with_capacity(slots * 10);
        for c in sp.phases.chars() {
            for _ in 0..10 {
                // Mostly the 5-minute phase; now and then a neighbouring one.
                let x = if r2.chance(0.06) {
                    match c {
                        '1' => '2',
                        '2' => *r2.pick(&['1', '3']),
                        '3' => '2',
                        _ => '2',
                    }
                } else {
                    c
                };
                phase30.push(x);
            }
        }
        v["sleep_phase_30_sec"] = json!(phase30);
        v["app_sleep_phase_5_min"] = json!(sp.phases);
        let start_ts = sp.start.timestamp();
        let ring = self
            .rings
            .iter()
            .rev()
            .find(|(t, _)| *t <= start_ts)
            .or(self.rings.first())
            .map(|(_, id)| json!(id))
            .unwrap_or(Value::Null);
        v["ring_id"] = ring;
        let reason = if self.varies(day) && r2.chance(0.06) {
            *r2.pick(&[
                "background_sleep_analysis",
                "background_created_foreground_updated",
                "bedtime_edit",
            ])
        } else {
            "foreground_sleep_analysis"
        };
        v["sleep_analysis_reason"] = json!(reason);
        if self.varies(day) && r2.chance(0.25) {
            // An unrounded breath rate (breaths per minute), 17 significant digits.
            v["average_breath"] = json!(f17(r2.normal(15.0, 0.8)));
        }
        if self.rare(day, &format!("sleep-type-{period}")) {
            v["type"] = Value::Null;
        }
        if self.rare(day, &format!("sleep-hrv-{period}")) {
            v["hrv"] = Value::Null;
            v["average_hrv"] = Value::Null;
        }
        Self::doc(day, Some(id), v)
    }

    fn daily_sleep(&self, day: NaiveDate, n: &SleepPlan) -> Doc {
        let mut r = Rng::stream(self.p.seed, Self::dn(day), "daily_sleep");
        let id = r.uuid();
        let (contributors, sc) = self.sleep_contributors(day, n);
        let mut v = json!({
            "id": id,
            "contributors": contributors,
            "day": day.to_string(),
            "score": sc,
            "timestamp": self.fl(self.local(day, 0)),
        });
        if self.rare(day, "daily_sleep-score") {
            v["score"] = Value::Null;
        }
        Self::doc(day, Some(id), v)
    }

    fn daily_readiness(&self, day: NaiveDate, readiness: &Value) -> Doc {
        let mut r = Rng::stream(self.p.seed, Self::dn(day), "daily_readiness");
        let id = r.uuid();
        let get = |k: &str| readiness.get(k).cloned().unwrap_or(Value::Null);
        let v = json!({
            "id": id,
            "contributors": get("contributors"),
            "day": day.to_string(),
            "score": get("score"),
            "temperature_deviation": get("temperature_deviation"),
            "temperature_trend_deviation": get("temperature_trend_deviation"),
            "timestamp": self.fl(self.local(day, 0)),
        });
        Self::doc(day, Some(id), v)
    }

    fn daily_activity(&self, day: NaiveDate, plan: &DayPlan) -> Doc {
        let mut r = Rng::stream(self.p.seed, Self::dn(day), "daily_activity");
        let id = r.uuid();
        let start = self.local(day, 4 * 3600);
        let next_night = day
            .succ_opt()
            .and_then(|n| self.plans.get(&n))
            .and_then(|p| p.night.clone());
        // The person: more low activity on weekdays (plus the commute, at home), less
        // when ill or after a short night.
        let ill = self.illness(day);
        let weekday = !matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let short_night = plan.night.as_ref().is_none_or(|n| total_hours(n) < 6.0);
        let p3 = if weekday { 0.26 } else { 0.19 }
            * if short_night { 0.85 } else { 1.0 }
            * (1.0 - 0.6 * ill);
        let p4 = 0.04 * (1.0 - 0.8 * ill);
        // 5-minute classes for 04:00 → 04:00.
        let mut class = Vec::with_capacity(288);
        let mut state = '2';
        for i in 0..288 {
            if r.chance(0.2) {
                let x = r.f64();
                state = if x < 1.0 - p3 - p4 {
                    '2'
                } else if x < 1.0 - p4 {
                    '3'
                } else {
                    '4'
                };
            }
            class.push(state);
            let _ = i;
        }
        let slot_of =
            |t: DateTime<FixedOffset>| -> i64 { (t - start).num_seconds().div_euclid(300) };
        let paint = |class: &mut Vec<char>, a: i64, b: i64, c: char| {
            for s in a.max(0)..b.min(288) {
                class[s as usize] = c;
            }
        };
        if let Some(n) = &plan.night {
            paint(&mut class, 0, slot_of(n.end()) + 1, '1');
        } else {
            paint(&mut class, 0, 30, '1');
        }
        if let Some(n) = &next_night {
            paint(&mut class, slot_of(n.start), 288, '1');
        } else {
            paint(&mut class, 246, 288, '1');
        }
        for nap in &plan.naps {
            paint(&mut class, slot_of(nap.start), slot_of(nap.end()) + 1, '1');
        }
        if weekday && ill <= 0.0 && self.at_home(day) {
            // The commute: a walk to the station and back (08:00, 18:30).
            paint(&mut class, 48, 55, '3');
            paint(&mut class, 174, 181, '3');
        }
        for w in &plan.workouts {
            let c = if w.intensity == "hard" { '5' } else { '4' };
            let a = slot_of(w.start);
            paint(&mut class, a, a + (w.minutes + 4) / 5, c);
        }
        if r.chance(0.3) {
            let a = r.range(60, 200);
            paint(&mut class, a, a + r.range(2, 12), '0');
        }
        let class_str: String = class.iter().collect();
        // MET per minute.
        let mut met = Vec::with_capacity(1440);
        let mut by_class = [0f64; 6];
        for m in 0..1440 {
            let c = class[m / 5];
            let v = match c {
                '0' => 0.0,
                '1' => 0.9 + if r.chance(0.1) { 0.1 } else { 0.0 },
                '2' => r.uniform(1.0, 1.5),
                '3' => r.uniform(1.5, 3.0),
                '4' => r.uniform(3.0, 6.0),
                _ => r.uniform(6.0, 11.0),
            };
            let v = round_to(v, 1);
            let ci = c.to_digit(10).unwrap_or(2) as usize;
            by_class[ci.min(5)] += v;
            met.push(json!(v));
        }
        let secs = |c: char| class.iter().filter(|&&x| x == c).count() as i64 * 300;
        let minutes_of = |c: char| class.iter().filter(|&&x| x == c).count() as f64 * 5.0;
        let steps_raw = minutes_of('3') * 20.0
            + minutes_of('4') * 50.0
            + minutes_of('5') * 90.0
            + minutes_of('2') * 1.0
            + r.normal(0.0, 800.0);
        let steps = clamp_i(steps_raw, 2000, 18000);
        let walking = (steps as f64 * r.uniform(0.75, 1.15)).round() as i64;
        let active_cal = clamp_i(
            (by_class[3] + by_class[4] + by_class[5]
                - minutes_of('3')
                - minutes_of('4')
                - minutes_of('5'))
                * self.weight
                / 60.0,
            50,
            2500,
        );
        let target_cal = r.range(7, 13) * 50;
        let target_m = target_cal * 18;
        let avg_met: f64 = met.iter().filter_map(Value::as_f64).sum::<f64>() / 1440.0;
        let alerts = r.range(0, 2);
        // Contributors from what was done (today and the last 7 days).
        let week: Vec<WorkoutPlan> = (0..7)
            .flat_map(|b| self.workouts_of(day - Duration::days(b)))
            .collect();
        let volume: f64 = week
            .iter()
            .map(|w| {
                w.minutes as f64
                    * match w.intensity {
                        "hard" => 3.0,
                        "moderate" => 2.0,
                        _ => 1.0,
                    }
            })
            .sum();
        let c = |x: f64| clamp_i(x, 1, 100);
        let prev_hard = self.hard_day(day.pred_opt().unwrap_or(day));
        let meet = c(100.0 * active_cal as f64 / target_cal as f64 * 0.9 + r.normal(0.0, 5.0));
        let move_hour = c(100.0 - alerts as f64 * 12.0 + r.normal(0.0, 4.0));
        let recovery = c(92.0 - if prev_hard { 25.0 } else { 0.0 } + r.normal(0.0, 6.0));
        let stay = c(100.0 - (secs('2') as f64 / 3600.0 - 7.0).max(0.0) * 8.0 + r.normal(0.0, 5.0));
        let frequency = c(45.0 + week.len() as f64 * 9.0 + r.normal(0.0, 5.0));
        let training = c(40.0 + volume / 25.0 + r.normal(0.0, 5.0));
        let act_score = c(0.3 * meet as f64
            + 0.1 * move_hour as f64
            + 0.15 * recovery as f64
            + 0.15 * stay as f64
            + 0.15 * frequency as f64
            + 0.15 * training as f64
            + r.normal(0.0, 2.0)
            - if short_night { 3.0 } else { 0.0 });
        let mut v = json!({
            "id": id,
            "class_5_min": class_str,
            "score": act_score,
            "active_calories": active_cal,
            "average_met_minutes": round_to(avg_met, 3),
            "contributors": {
                "meet_daily_targets": meet,
                "move_every_hour": move_hour,
                "recovery_time": recovery,
                "stay_active": stay,
                "training_frequency": frequency,
                "training_volume": training,
            },
            "equivalent_walking_distance": walking,
            "high_activity_met_minutes": (by_class[5]).round() as i64,
            "high_activity_time": secs('5'),
            "inactivity_alerts": alerts,
            "low_activity_met_minutes": (by_class[3]).round() as i64,
            "low_activity_time": secs('3'),
            "medium_activity_met_minutes": (by_class[4]).round() as i64,
            "medium_activity_time": secs('4'),
            "met": self.sample(60.0, met, start),
            "meters_to_target": ((target_m - walking) as f64 / 100.0).round() as i64 * 100,
            "non_wear_time": secs('0'),
            "resting_time": secs('1'),
            "sedentary_met_minutes": (by_class[2] / 60.0).round() as i64,
            "sedentary_time": secs('2'),
            "steps": steps,
            "target_calories": target_cal,
            "target_meters": target_m,
            "total_calories": active_cal + 1650 + (self.weight * 3.0) as i64,
            "day": day.to_string(),
            "timestamp": self.fl(start),
        });
        if self.rare(day, "daily_activity-score") {
            if let Some(o) = v.as_object_mut() {
                o.remove("score");
            }
        }
        Self::doc(day, Some(id), v)
    }

    fn workout(&self, day: NaiveDate, w: &WorkoutPlan) -> Doc {
        let mut r = Rng::stream(
            self.p.seed,
            Self::dn(day),
            &format!("workout-{}", w.start.timestamp()),
        );
        let id = r.uuid();
        let met = match (w.activity, w.intensity) {
            (_, "hard") => r.uniform(8.0, 11.0),
            (_, "moderate") => r.uniform(4.5, 7.0),
            _ => r.uniform(2.8, 4.0),
        };
        let cal = round_to(met * self.weight * w.minutes as f64 / 60.0 * 0.6, 3);
        let speed = match w.activity {
            "walking" | "hiking" => Some(r.uniform(70.0, 95.0)),
            "running" => Some(r.uniform(150.0, 210.0)),
            "cycling" => Some(r.uniform(250.0, 400.0)),
            _ => None,
        };
        let distance = match speed {
            // Unrounded (17 significant digits) on all but the last 10 days.
            Some(s) if !r.chance(0.3) => {
                if self.varies(day) {
                    json!(f17(s * w.minutes as f64))
                } else {
                    json!(f64::from((s * w.minutes as f64) as f32))
                }
            }
            _ => Value::Null,
        };
        let label = if r.chance(0.1) {
            json!(*r.pick(&["Morning loop", "With Sam", "Commute", "Easy day"]))
        } else {
            Value::Null
        };
        let mut source = *r.pick(&[
            "confirmed",
            "confirmed",
            "autodetected",
            "autodetected",
            "manual",
            "workout_heart_rate",
        ]);
        let mut r2 = Rng::stream(
            self.p.seed,
            Self::dn(day),
            &format!("workout141-{}", w.start.timestamp()),
        );
        if self.varies(day) && r2.chance(0.06) {
            source = *r2.pick(&["live_third_party_heart_rate", "live_oura_heart_rate"]);
        }
        let v = json!({
            "id": id,
            "activity": w.activity,
            "calories": cal,
            "day": day.to_string(),
            "distance": distance,
            "end_datetime": self.fl(w.start + Duration::minutes(w.minutes)),
            "intensity": w.intensity,
            "label": label,
            "source": source,
            "start_datetime": self.fl(w.start),
        });
        Self::doc(day, Some(id), v)
    }

    fn session(&self, day: NaiveDate, s: &SessionPlan) -> Doc {
        let mut r = Rng::stream(
            self.p.seed,
            Self::dn(day),
            &format!("session-{}", s.start.timestamp()),
        );
        let id = r.uuid();
        let n = (s.seconds / 5) as usize;
        let (hr, hrv) = if r.chance(0.7) {
            let base = r.uniform(58.0, 72.0);
            let hr: Vec<Value> = (0..n)
                .map(|i| {
                    if i < 4 {
                        Value::Null
                    } else {
                        json!(round_to(
                            base - 4.0 * i as f64 / n as f64 + r.normal(0.0, 0.3),
                            1
                        ))
                    }
                })
                .collect();
            let hv = r.uniform(20.0, 60.0);
            let hrv: Vec<Value> = (0..n)
                .map(|i| {
                    if i < 12 {
                        Value::Null
                    } else {
                        json!((hv + r.normal(0.0, 1.0)).round())
                    }
                })
                .collect();
            (
                self.sample(5.0, hr, s.start),
                self.sample(5.0, hrv, s.start),
            )
        } else {
            (Value::Null, Value::Null)
        };
        let motion: Vec<Value> = (0..n)
            .map(|i| {
                if i == 0 {
                    json!(0.0)
                } else {
                    json!(r.range(5, 35) as f64)
                }
            })
            .collect();
        let mood = if r.chance(0.8) {
            json!(*r.pick(&["bad", "worse", "same", "same", "good", "good", "great"]))
        } else {
            Value::Null
        };
        let v = json!({
            "id": id,
            "day": day.to_string(),
            "start_datetime": self.fl(s.start),
            "end_datetime": self.fl(s.start + Duration::seconds(s.seconds)),
            "type": s.kind,
            "heart_rate": hr,
            "heart_rate_variability": hrv,
            "mood": mood,
            "motion_count": self.sample(5.0, motion, s.start),
        });
        Self::doc(day, Some(id), v)
    }

    fn daily_stress(&self, day: NaiveDate) -> Doc {
        let mut r = Rng::stream(self.p.seed, Self::dn(day), "daily_stress");
        let id = r.uuid();
        let v = if r.chance(0.03) {
            json!({"id": id, "day": day.to_string(), "stress_high": null, "recovery_high": null, "day_summary": null})
        } else {
            // Illness and last evening's alcohol: more stress, less recovery; a sauna
            // evening: more recovery.
            let ill = self.illness(day);
            let ev = self.evening(day.pred_opt().unwrap_or(day));
            let s = (r.range(0, 14) + (6.0 * ill).round() as i64 + 2 * i64::from(ev.alcohol))
                .clamp(0, 24)
                * 900;
            let rec = (r.range(0, 18) - (8.0 * ill).round() as i64 - 3 * i64::from(ev.alcohol)
                + 2 * i64::from(ev.sauna))
            .clamp(0, 24)
                * 900;
            let summary = if r.chance(0.05) {
                Value::Null
            } else if s as f64 > rec as f64 * 1.5 {
                json!("stressful")
            } else if rec as f64 > s as f64 * 2.0 {
                json!("restored")
            } else {
                json!("normal")
            };
            json!({"id": id, "day": day.to_string(), "stress_high": s, "recovery_high": rec, "day_summary": summary})
        };
        let mut v = v;
        if self.rare(day, "daily_stress-stress_high") {
            if let Some(o) = v.as_object_mut() {
                o.remove("stress_high");
            }
        }
        Self::doc(day, Some(id), v)
    }

    /// Resilience follows the readiness (sleep recovery), the day's recovery time
    /// (daytime recovery) and its stress.
    fn daily_resilience(&self, day: NaiveDate, readiness: &Value) -> Doc {
        let mut r = Rng::stream(self.p.seed, Self::dn(day), "daily_resilience");
        let id = r.uuid();
        let stress: Value =
            serde_json::from_str(&self.daily_stress(day).json).unwrap_or(Value::Null);
        let rs = readiness["score"].as_f64().unwrap_or(75.0);
        let high = stress["stress_high"].as_f64().unwrap_or(5400.0) / 900.0;
        let rec = stress["recovery_high"].as_f64().unwrap_or(8100.0) / 900.0;
        let a = round_to((rs - 15.0 + r.normal(0.0, 6.0)).clamp(5.0, 95.0), 1);
        let b = round_to((25.0 + rec * 3.0 + r.normal(0.0, 6.0)).clamp(5.0, 95.0), 1);
        let c = round_to((20.0 + high * 4.0 + r.normal(0.0, 6.0)).clamp(5.0, 95.0), 1);
        let avg = (a + b + (100.0 - c)) / 3.0;
        let level = match avg {
            x if x < 35.0 => "limited",
            x if x < 48.0 => "adequate",
            x if x < 60.0 => "solid",
            x if x < 72.0 => "strong",
            _ => "exceptional",
        };
        let v = json!({
            "id": id,
            "day": day.to_string(),
            "contributors": {"sleep_recovery": a, "daytime_recovery": b, "stress": c},
            "level": level,
        });
        Self::doc(day, Some(id), v)
    }

    fn cardio_age(&self, day: NaiveDate) -> Doc {
        let mut r = Rng::stream(self.p.seed, Self::dn(day), "daily_cardiovascular_age");
        let age = if r.chance(0.02) {
            Value::Null
        } else {
            json!(clamp_i(self.age as f64 + r.normal(-2.0, 2.5), 18, 100))
        };
        // 1.41 gives it an `id` and `pulse_wave_velocity` (m/s), from their own stream.
        let mut r2 = Rng::stream(self.p.seed, Self::dn(day), "cardio141");
        let id = r2.uuid();
        let pwv = if self.rare(day, "cardio-pwv") {
            Value::Null
        } else {
            json!(round_to(r2.uniform(6.0, 8.5), 2))
        };
        Self::doc(
            day,
            Some(id.clone()),
            json!({"id": id, "day": day.to_string(), "pulse_wave_velocity": pwv, "vascular_age": age}),
        )
    }

    fn daily_spo2(&self, day: NaiveDate) -> Doc {
        let mut r = Rng::stream(self.p.seed, Self::dn(day), "daily_spo2");
        let id = r.uuid();
        let ill = self.illness(day);
        let pct = if r.chance(0.05) {
            Value::Null
        } else {
            json!({"average": round_to(r.uniform(95.0, 99.2) - 1.2 * ill, 3)})
        };
        let bdi = if r.chance(0.05) {
            Value::Null
        } else {
            json!(r.range(0, 25) + (6.0 * ill).round() as i64)
        };
        let mut v = json!({"id": id, "day": day.to_string(), "spo2_percentage": pct, "breathing_disturbance_index": bdi});
        if self.rare(day, "daily_spo2-average") {
            if let Some(o) = v.as_object_mut() {
                o.remove("spo2_percentage");
            }
        }
        Self::doc(day, Some(id), v)
    }

    fn vo2_max(&self, day: NaiveDate, level: &mut f64) -> Option<Doc> {
        let mut r = Rng::stream(self.p.seed, Self::dn(day), "vO2_max");
        if !r.chance(0.15) {
            return None;
        }
        *level = (*level + r.normal(0.0, 0.6)).clamp(30.0, 60.0);
        let id = r.uuid();
        let ts = self.local(day, r.range(9 * 3600, 20 * 3600));
        let v = json!({"id": id, "day": day.to_string(), "timestamp": self.fl(ts), "vo2_max": level.round() as i64});
        Some(Self::doc(day, Some(id), v))
    }

    fn sleep_time(&self, day: NaiveDate) -> Option<Doc> {
        let mut r = Rng::stream(self.p.seed, Self::dn(day), "sleep_time");
        if r.chance(0.25) {
            return None;
        }
        let id = r.uuid();
        let optimal = r.chance(0.55);
        let bedtime = if optimal {
            let s = r.range(-8, 2) * 900;
            json!({"day_tz": self.offset_on(day).local_minus_utc(), "end_offset": s + 3600, "start_offset": s})
        } else {
            Value::Null
        };
        let recommendation = if r.chance(0.1) {
            Value::Null
        } else if optimal {
            json!("follow_optimal_bedtime")
        } else {
            json!(*r.pick(&[
                "improve_efficiency",
                "earlier_bedtime",
                "later_bedtime",
                "earlier_wake_up_time",
                "later_wake_up_time"
            ]))
        };
        let status = if optimal {
            json!("optimal_found")
        } else {
            json!(*r.pick(&[
                "not_enough_nights",
                "not_enough_recent_nights",
                "bad_sleep_quality",
                "only_recommended_found"
            ]))
        };
        let v = json!({"id": id, "day": day.to_string(), "optimal_bedtime": bedtime, "recommendation": recommendation, "status": status});
        Some(Self::doc(day, Some(id), v))
    }

    /// The deprecated `tag` endpoint: some of the evening's tags in its old words
    /// (`alcohol`, `late_meal`, `caffeine`, `sauna`), `sick` on illness days, `travel`
    /// on flight days, now and then another.
    fn tags(&self, day: NaiveDate) -> Vec<Doc> {
        let mut r = Rng::stream(self.p.seed, Self::dn(day), "tag");
        let ev = self.evening(day);
        let mut tags: Vec<Value> = Vec::new();
        for (on, name, p) in [
            (ev.alcohol, "alcohol", 0.6),
            (ev.late_meal, "late_meal", 0.4),
            (ev.caffeine, "caffeine", 0.4),
            (ev.sauna, "sauna", 0.4),
            (self.illness(day) > 0.0, "sick", 0.5),
            (self.p.flights().contains(&day), "travel", 1.0),
        ] {
            if r.chance(p) && on {
                tags.push(json!(name));
            }
        }
        if r.chance(0.03) {
            tags.push(json!(*r.pick(&["workout", "meditation"])));
        }
        if tags.is_empty() {
            return vec![];
        }
        let id = r.uuid();
        let text = if r.chance(0.6) {
            json!(*r.pick(&[
                "Late dinner with friends",
                "Long flight",
                "Felt tired",
                "Two coffees",
                "Sauna evening"
            ]))
        } else {
            Value::Null
        };
        let ts = self.local(day, r.range(19 * 3600, 23 * 3600));
        let v = json!({"id": id, "day": day.to_string(), "text": text, "timestamp": self.fl(ts), "tags": tags});
        vec![Self::doc(day, Some(id), v)]
    }

    /// Enhanced tags: the evening's (`tag_generic_alcohol` 19:00–21:30,
    /// `tag_generic_late_meal` 21:15–22:30, `tag_generic_caffeine` 15:30–18:30, the
    /// custom "Sauna" 18:00–20:00), the rare `tag_generic_fasting` (a morning, with an
    /// end), `tag_generic_sick` on the first day of an illness, and now and then another
    /// (custom ones, text only, no caffeine).
    fn enhanced_tags(&self, day: NaiveDate) -> Vec<Doc> {
        if self.non_wear(day) {
            return vec![];
        }
        let mut r = Rng::stream(self.p.seed, Self::dn(day), "enhanced_tag");
        let ev = self.evening(day);
        let ill = self.illness(day) > 0.0;
        let was_ill = self.illness(day.pred_opt().unwrap_or(day)) > 0.0;
        // (code, custom name, start second of the day, end after seconds)
        let mut items: Vec<(&str, Option<&str>, i64, Option<i64>)> = Vec::new();
        if ev.alcohol {
            let end = r.chance(0.3).then(|| r.range(3600, 3 * 3600));
            items.push((
                "tag_generic_alcohol",
                None,
                r.range(19 * 3600, 21 * 3600 + 1800),
                end,
            ));
        }
        if ev.late_meal {
            items.push((
                "tag_generic_late_meal",
                None,
                r.range(21 * 3600 + 900, 22 * 3600 + 1800),
                None,
            ));
        }
        if ev.caffeine {
            items.push((
                "tag_generic_caffeine",
                None,
                r.range(15 * 3600 + 1800, 18 * 3600 + 1800),
                None,
            ));
        }
        if ev.sauna {
            let end = Some(r.range(1200, 2400));
            items.push(("custom", Some("Sauna"), r.range(18 * 3600, 20 * 3600), end));
        }
        if ev.fasting {
            let end = Some(r.range(8 * 3600, 14 * 3600));
            items.push((
                "tag_generic_fasting",
                None,
                r.range(7 * 3600, 9 * 3600),
                end,
            ));
        }
        if ill && !was_ill {
            items.push(("tag_generic_sick", None, r.range(8 * 3600, 11 * 3600), None));
        }
        if r.chance(0.12) {
            let code = *r.pick(&[
                "custom",
                "custom",
                "text_only",
                "tag_generic_nocaffeine",
                "tag_generic_party",
            ]);
            let ok = match code {
                "tag_generic_nocaffeine" => !ev.caffeine,
                "tag_generic_party" => ev.alcohol,
                _ => true,
            };
            if ok {
                let name =
                    (code == "custom").then(|| *r.pick(&["Cold plunge", "Gym class", "Dentist"]));
                let end = r.chance(0.3).then(|| r.range(1800, 5 * 3600));
                items.push((code, name, r.range(9 * 3600, 20 * 3600), end));
            }
        }
        items.sort_by_key(|x| x.2);
        let mut out = Vec::new();
        for (code, name, t, end) in items {
            let id = r.uuid();
            let start = self.local(day, t);
            let code_v = if code == "text_only" {
                Value::Null
            } else {
                json!(code)
            };
            let comment = if code == "text_only" || r.chance(0.3) {
                json!(*r.pick(&[
                    "felt great",
                    "late night",
                    "with colleagues",
                    "was travelling",
                    "headache afterwards"
                ]))
            } else {
                json!("")
            };
            let (end_time, end_day) = match end {
                Some(secs) => {
                    let e = start + Duration::seconds(secs);
                    (
                        json!(self.fl(e)),
                        json!(self.conv(e).date_naive().to_string()),
                    )
                }
                None => (Value::Null, Value::Null),
            };
            let v = json!({
                "id": id,
                "tag_type_code": code_v,
                "start_time": self.fl(start),
                "end_time": end_time,
                "start_day": day.to_string(),
                "end_day": end_day,
                "comment": comment,
                "custom_name": name.map_or(Value::Null, |n| json!(n)),
            });
            out.push(Self::doc(day, Some(id), v));
        }
        out
    }

    fn rest_mode_periods(&self, all_days: &[NaiveDate]) -> Vec<Doc> {
        let mut r = Rng::stream(self.p.seed, 0, "rest_mode_period");
        let mut out = Vec::new();
        let mut i = r.range(10, 25) as usize;
        let last = all_days.last().copied();
        while i < all_days.len() {
            let day = all_days[i];
            let id = r.uuid();
            let len_days = r.range(1, 4);
            let start = self.local(day, r.range(7 * 3600, 11 * 3600));
            let end = start + Duration::seconds(len_days * 86400 + r.range(-3 * 3600, 3 * 3600));
            let ongoing = last.is_some_and(|l| self.conv(end).date_naive() > l);
            let mut episodes = Vec::new();
            for e in 0..r.range(0, 3) {
                let ts = start + Duration::seconds(e * 86400 + r.range(0, 3600));
                let mut tags = vec![json!(*r.pick(&[
                    "tag_generic_cold",
                    "tag_generic_fever",
                    "tag_generic_headache",
                    "tag_generic_sick"
                ]))];
                if r.chance(0.4) {
                    tags.push(json!("tag_sleep_alcohol"));
                }
                episodes.push(json!({"tags": tags, "timestamp": self.flms(ts)}));
            }
            let v = json!({
                "id": id,
                "end_day": if ongoing { Value::Null } else { json!(self.conv(end).date_naive().to_string()) },
                "end_time": if ongoing { Value::Null } else { json!(self.fl(end)) },
                "episodes": episodes,
                "start_day": day.to_string(),
                "start_time": self.fl(start),
            });
            out.push(Self::doc(day, Some(id), v));
            i += r.range(70, 140) as usize;
        }
        out
    }

    /// The ring configurations with their set-up instants (unix seconds).
    fn ring_configurations(&self, first: NaiveDate, last: NaiveDate) -> Vec<(Doc, i64)> {
        let mut r = Rng::stream(self.p.seed, 0, "ring_configuration");
        let size = r.range(6, 13);
        let color = *r.pick(&[
            "stealth_black",
            "silver",
            "brushed_silver",
            "glossy_black",
            "rose",
        ]);
        let fmt_utc = |t: DateTime<FixedOffset>| {
            t.with_timezone(&Utc)
                .format("%Y-%m-%dT%H:%M:%S+00:00")
                .to_string()
        };
        let first_setup =
            self.local(first, 0) - Duration::seconds(r.range(20, 400) * 86400 + r.range(0, 86399));
        let mut out = Vec::new();
        let id = r.uuid();
        // Oura really sends this sentinel for some rings (see the recorded responses).
        let setup_text = if self.p.ring_setup_sentinel {
            "1970-01-01T00:00:00+00:00".to_string()
        } else {
            fmt_utc(first_setup)
        };
        out.push((
            Self::doc(
                first,
                Some(id.clone()),
                json!({
                    "id": id,
                    "color": color,
                    "design": "heritage",
                    "firmware_version": "2.9.32",
                    "hardware_type": "gen3",
                    "set_up_at": setup_text,
                    "size": size,
                }),
            ),
            first_setup.timestamp(),
        ));
        let span = (last - first).num_days();
        if span >= 30 || r.chance(0.5) {
            let id = r.uuid();
            let at = self.local(
                first,
                r.range(span / 3, (span * 2 / 3).max(span / 3)) * 86400 + r.range(0, 86399),
            );
            out.push((
                Self::doc(
                    first,
                    Some(id.clone()),
                    json!({
                        "id": id,
                        "color": *r.pick(&["titanium", "silver", "stealth_black", "brushed_silver"]),
                        "design": *r.pick(&["heritage", "horizon"]),
                        "firmware_version": "3.0.3",
                        "hardware_type": "gen4",
                        "set_up_at": fmt_utc(at),
                        "size": if r.chance(0.2) { Value::Null } else { json!(size) },
                    }),
                ),
                at.timestamp(),
            ));
        }
        // Long data sets (>= 200 days) end with an Oura Ring 5 (1.41's new enum values),
        // set up three quarters in, from its own stream.
        if span >= 200 {
            let mut r3 = Rng::stream(self.p.seed, 0, "ring_configuration-or5");
            let id = r3.uuid();
            let at = self.local(first, span * 3 / 4 * 86400 + r3.range(0, 86399));
            out.push((
                Self::doc(
                    first,
                    Some(id.clone()),
                    json!({
                        "id": id,
                        "color": *r3.pick(&["cloud", "petal", "midnight", "tide", "deep_rose"]),
                        "design": "ceramic",
                        "firmware_version": "1.4.2",
                        "hardware_type": "or5",
                        "set_up_at": fmt_utc(at),
                        "size": size,
                    }),
                ),
                at.timestamp(),
            ));
        }
        out
    }

    fn personal_info(&self) -> String {
        let mut r = Rng::stream(self.p.seed, 0, "person-info");
        let id = r.uuid();
        let sex = *r.pick(&["male", "female"]);
        let height = round_to(
            if sex == "male" {
                r.uniform(1.68, 1.95)
            } else {
                r.uniform(1.55, 1.80)
            },
            2,
        );
        json!({
            "id": id,
            "age": self.age,
            "weight": self.weight,
            "height": height,
            "biological_sex": sex,
            "email": format!("sim.user{}@example.com", self.p.seed),
        })
        .to_string()
    }

    /// The ring's battery: discharging 15–25 %/day, a 1–2 h charge every 3–5 days (or
    /// when it runs low), `--battery-per-day` rows a local day. One stream over the whole
    /// range (the level carries over from day to day).
    fn battery(&self, all_days: &[NaiveDate]) -> Vec<BatteryRow> {
        let n = i64::from(self.p.battery_per_day.min(1440));
        let Some(first) = all_days.first() else {
            return vec![];
        };
        if n == 0 {
            return vec![];
        }
        let mut r = Rng::stream(self.p.seed, 0, "ring_battery_level");
        let mut level = r.uniform(70.0, 95.0);
        let rate = r.uniform(15.0, 25.0); // % per day
        let day0 = self.local(*first, 0).timestamp();
        let mut next_charge = day0 + r.range(1, 4) * 86_400 + r.range(19 * 3600, 23 * 3600);
        // (start, end) of the charge in progress.
        let mut charge: Option<(i64, i64)> = None;
        let mut prev_ts: Option<i64> = None;
        let mut out = Vec::with_capacity(all_days.len() * n as usize);
        for day in all_days {
            let day_start = self.local(*day, 0).timestamp();
            // Not worn: the ring lies unsynced (no rows; the level still runs down).
            let worn = !self.non_wear(*day);
            for j in 0..n {
                let ts = day_start + j * 86_400 / n + r.range(0, 20);
                let dt = prev_ts.map(|p| (ts - p).max(0)).unwrap_or(0) as f64;
                prev_ts = Some(ts);
                if charge.is_none() && (ts >= next_charge || level < 12.0) {
                    charge = Some((ts, ts + r.range(3600, 7200)));
                }
                let (charging, in_charger) = match charge {
                    Some((_, end)) if ts < end => {
                        level = (level + dt / 3600.0 * r.uniform(45.0, 60.0)).min(100.0);
                        (Some(level < 100.0), Some(true))
                    }
                    Some((_, end)) => {
                        charge = None;
                        next_charge = end + r.range(3, 5) * 86_400;
                        level -= rate * dt / 86_400.0 * r.uniform(0.7, 1.3);
                        (None, None)
                    }
                    None => {
                        level -= rate * dt / 86_400.0 * r.uniform(0.7, 1.3);
                        (None, None)
                    }
                };
                level = level.clamp(1.0, 100.0);
                let (charging, in_charger) = if charging.is_none() && r.chance(0.3) {
                    (Some(false), Some(false))
                } else {
                    (charging, in_charger)
                };
                if !worn {
                    continue;
                }
                out.push(BatteryRow {
                    ts,
                    us: 0,
                    level: level.round().clamp(0.0, 100.0) as u8,
                    charging,
                    in_charger,
                    poison: false,
                });
            }
        }
        out.sort_by_key(|s| s.ts);
        out.dedup_by_key(|s| s.ts);
        if let Some(cut) = self.p.hr_cutoff {
            out.retain(|s| s.ts < cut);
        }
        out
    }

    fn heartrate(&self, all_days: &[NaiveDate]) -> Vec<HrSample> {
        let n = self.p.hr_per_day.min(86_400) as i64;
        if n == 0 {
            return vec![];
        }
        // Intervals (start, end, source, intensity-bpm) over the whole range.
        // The sleep periods' 5-minute heart rate (for their samples), by span.
        let mut series: Vec<(i64, &[f64])> = Vec::new();
        let mut spans: Vec<(i64, i64, u8, f64, Option<usize>)> = Vec::new();
        for day in all_days
            .iter()
            .chain(all_days.last().and_then(|d| d.succ_opt()).as_ref())
        {
            let Some(p) = self.plans.get(day) else {
                continue;
            };
            if let Some(ns) = &p.night {
                series.push((ns.start.timestamp(), &ns.hr));
                spans.push((
                    ns.start.timestamp(),
                    ns.end().timestamp(),
                    SRC_SLEEP,
                    0.0,
                    Some(series.len() - 1),
                ));
                // Quiet time before bed reads as "rest".
                spans.push((
                    ns.start.timestamp() - 1800,
                    ns.start.timestamp(),
                    SRC_REST,
                    0.0,
                    None,
                ));
            }
            for nap in &p.naps {
                series.push((nap.start.timestamp(), &nap.hr));
                spans.push((
                    nap.start.timestamp(),
                    nap.end().timestamp(),
                    SRC_REST,
                    0.0,
                    Some(series.len() - 1),
                ));
            }
            for w in &p.workouts {
                let boost = match w.intensity {
                    "hard" => 60.0,
                    "moderate" => 40.0,
                    _ => 25.0,
                };
                spans.push((
                    w.start.timestamp(),
                    w.start.timestamp() + w.minutes * 60,
                    SRC_WORKOUT,
                    boost,
                    None,
                ));
            }
            for s in &p.sessions {
                spans.push((
                    s.start.timestamp(),
                    s.start.timestamp() + s.seconds,
                    SRC_SESSION,
                    0.0,
                    None,
                ));
            }
            for (t, secs) in &p.live {
                spans.push((t.timestamp(), t.timestamp() + secs, SRC_LIVE, 0.0, None));
            }
        }
        spans.sort_by_key(|s| (s.0, s.1));
        let mut out = Vec::with_capacity(all_days.len() * n as usize);
        let mut bpm = 65.0f64;
        for day in all_days {
            if self.non_wear(*day) {
                continue;
            }
            let mut r = Rng::stream(self.p.seed, Self::dn(*day), "heartrate");
            let day_start = self.local(*day, 0).timestamp();
            let rest_hr = self.rhr + 2.0 + r.normal(0.0, 1.0);
            // Illness raises the daytime heart rate.
            let ill = self.illness(*day);
            let todays: Vec<_> = spans
                .iter()
                .filter(|s| s.1 > day_start && s.0 < day_start + 86_400)
                .copied()
                .collect();
            for j in 0..n {
                let a = j * 86_400 / n;
                let b = (j + 1) * 86_400 / n;
                let ts = day_start + a + r.range(0, b - a - 1);
                // Later spans win (a workout inside the evening "rest" window, …).
                let mut src = SRC_AWAKE;
                let mut boost = 0.0;
                let mut slot_hr = None;
                for s in &todays {
                    if s.0 <= ts && ts < s.1 {
                        // Sleep beats the pre-bed rest window; anything beats awake.
                        if !(src == SRC_SLEEP && s.2 == SRC_REST) {
                            src = s.2;
                            boost = s.3;
                            slot_hr = s.4.and_then(|k| {
                                let (t0, hr) = series[k];
                                hr.get(((ts - t0) / 300) as usize).copied()
                            });
                        }
                    }
                }
                if let Some(h) = slot_hr {
                    // Inside a sleep period: the sleep document's 5-minute value.
                    bpm = h + r.normal(0.0, 1.5);
                    out.push(HrSample {
                        ts,
                        us: 0,
                        bpm: bpm.round().clamp(38.0, 200.0) as u8,
                        source: src,
                        poison: false,
                    });
                    continue;
                }
                let hour = ((ts - day_start) as f64 / 3600.0).rem_euclid(24.0);
                let target = match src {
                    SRC_SLEEP => rest_hr,
                    SRC_REST => rest_hr + 8.0,
                    SRC_WORKOUT => 95.0 + boost,
                    SRC_SESSION => rest_hr + 6.0,
                    SRC_LIVE => 78.0,
                    _ => 68.0 + 8.0 * (std::f64::consts::PI * (hour - 6.0) / 14.0).sin().max(0.0),
                } + 8.0 * ill;
                bpm = 0.6 * bpm + 0.4 * target + r.normal(0.0, 3.0);
                out.push(HrSample {
                    ts,
                    us: 0,
                    bpm: bpm.round().clamp(38.0, 200.0) as u8,
                    source: src,
                    poison: false,
                });
            }
        }
        out.sort_by_key(|s| s.ts);
        out.dedup_by_key(|s| s.ts);
        if let Some(cut) = self.p.hr_cutoff {
            out.retain(|s| s.ts < cut);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(seed: u64) -> GenParams {
        GenParams::new(
            seed,
            40,
            NaiveDate::from_ymd_opt(2025, 3, 31).unwrap_or_default(),
            FixedOffset::east_opt(9 * 3600)
                .unwrap_or(FixedOffset::east_opt(0).unwrap_or_else(|| unreachable!())),
            300,
        )
    }

    #[test]
    fn hr_is_sorted_unique_and_dense() {
        let d = Data::generate(params(3));
        assert_eq!(d.heartrate.len(), 40 * 300);
        assert!(d.heartrate.windows(2).all(|w| w[0].ts < w[1].ts));
    }

    #[test]
    fn sleep_strings_match_durations() {
        let d = Data::generate(params(5));
        let i = endpoint_index("sleep").unwrap_or_default();
        for doc in &d.collections[i] {
            let v: Value = serde_json::from_str(&doc.json).unwrap_or_default();
            let tib = v["time_in_bed"].as_i64().unwrap_or(-1);
            assert_eq!(
                v["sleep_phase_5_min"].as_str().map(str::len),
                Some((tib / 300) as usize)
            );
            assert_eq!(
                v["movement_30_sec"].as_str().map(str::len),
                Some((tib / 30) as usize)
            );
        }
    }
}
