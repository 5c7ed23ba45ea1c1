//! `/__sim/mutate`: what changes at Oura between two syncs — revised documents (same
//! id, a changed value), deleted ones, late additions, and re-identified ones (a
//! changed document that comes back under a new id, the old id then 404s). Heart rate
//! and battery rows are revised, deleted and added in tens.

use crate::data::{fmt_utc_us, BatteryRow, Data, Doc, HrSample, ENDPOINTS};
use crate::rng::Rng;
use chrono::{DateTime, Duration, NaiveDate};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// A mutation request (all counts per endpoint).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub days: u32,
    pub revise: u32,
    pub delete: u32,
    pub add: u32,
    pub reid: u32,
    pub seed: Option<u64>,
}

impl Request {
    /// Parses the JSON body; unknown keys or bad values → Err.
    pub fn parse(v: &Value) -> Result<Request, String> {
        let obj = v.as_object().ok_or("the body must be a JSON object")?;
        let mut r = Request {
            days: 7,
            revise: 0,
            delete: 0,
            add: 0,
            reid: 0,
            seed: None,
        };
        for (k, val) in obj {
            let n = || {
                val.as_u64()
                    .ok_or_else(|| format!("{k}: expected a non-negative integer"))
            };
            let small = || -> Result<u32, String> {
                n().and_then(|x| {
                    u32::try_from(x)
                        .ok()
                        .filter(|x| *x <= 10_000)
                        .ok_or_else(|| format!("{k}: at most 10000"))
                })
            };
            match k.as_str() {
                "days" => r.days = small()?.max(1),
                "revise" => r.revise = small()?,
                "delete" => r.delete = small()?,
                "add" => r.add = small()?,
                "reid" => r.reid = small()?,
                "seed" => r.seed = if val.is_null() { None } else { Some(n()?) },
                other => return Err(format!("unknown key `{other}`")),
            }
        }
        Ok(r)
    }
}

/// Endpoints that hold at most one document a day (an addition goes to a free day).
const ONE_A_DAY: [&str; 9] = [
    "daily_sleep",
    "daily_readiness",
    "daily_activity",
    "daily_stress",
    "daily_resilience",
    "daily_cardiovascular_age",
    "daily_spo2",
    "sleep_time",
    "vO2_max",
];

/// Shifts every date (`YYYY-MM-DD`) and date-time string of a document by `days` days
/// (keeping each one's spelling: offset, milliseconds).
pub fn shift_days(v: &mut Value, days: i64) {
    if days == 0 {
        return;
    }
    match v {
        Value::Object(m) => m.values_mut().for_each(|x| shift_days(x, days)),
        Value::Array(a) => a.iter_mut().for_each(|x| shift_days(x, days)),
        Value::String(s) => {
            if s.len() == 10 {
                if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                    *s = (d + Duration::days(days)).to_string();
                }
            } else if let Ok(t) = DateTime::parse_from_rfc3339(s) {
                let t = t + Duration::days(days);
                let ms = s.contains('.');
                *s = if ms {
                    t.format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string()
                } else {
                    t.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
                };
            }
        }
        _ => {}
    }
}

fn bump_int(v: &mut Value, key: &str, lo: i64, hi: i64, r: &mut Rng) -> bool {
    match v.get(key).and_then(Value::as_i64) {
        Some(x) => {
            let d = if r.chance(0.5) { 1 } else { -1 };
            let y = if (lo..=hi).contains(&(x + d)) {
                x + d
            } else {
                x - d
            };
            v[key] = json!(y);
            true
        }
        None => false,
    }
}

/// Changes something a user would see, keeping the document valid.
pub fn revise_value(endpoint: &str, v: &mut Value, r: &mut Rng) {
    let done = match endpoint {
        "daily_sleep" | "daily_readiness" | "daily_activity" => {
            bump_int(v, "score", 1, 100, r) || {
                v["score"] = json!(70);
                true
            }
        }
        "sleep" => bump_int(v, "efficiency", 1, 100, r),
        "workout" => {
            let c = v["calories"].as_f64().unwrap_or(100.0);
            v["calories"] = json!(((c + 5.0) * 1000.0).round() / 1000.0);
            true
        }
        "session" => {
            let moods = ["bad", "worse", "same", "good", "great"];
            let cur = v["mood"].as_str().unwrap_or("");
            let next = moods
                .iter()
                .position(|m| *m == cur)
                .map(|i| moods[(i + 1) % moods.len()])
                .unwrap_or("good");
            v["mood"] = json!(next);
            true
        }
        "daily_stress" => {
            let x = v["stress_high"].as_i64().unwrap_or(0);
            v["stress_high"] = json!(x + 900);
            true
        }
        "daily_resilience" => {
            let x = v["contributors"]["sleep_recovery"].as_f64().unwrap_or(50.0);
            let y = if x >= 99.0 { x - 1.0 } else { x + 1.0 };
            v["contributors"]["sleep_recovery"] = json!((y * 10.0).round() / 10.0);
            true
        }
        "daily_cardiovascular_age" => {
            bump_int(v, "vascular_age", 18, 100, r) || {
                v["vascular_age"] = json!(40);
                true
            }
        }
        "daily_spo2" => {
            let x = v["breathing_disturbance_index"].as_i64().unwrap_or(2);
            v["breathing_disturbance_index"] = json!(x + 1);
            true
        }
        "vO2_max" => bump_int(v, "vo2_max", 20, 80, r),
        "sleep_time" => {
            let cur = v["status"].as_str().unwrap_or("");
            let next = if cur == "not_enough_nights" {
                "bad_sleep_quality"
            } else {
                "not_enough_nights"
            };
            v["status"] = json!(next);
            true
        }
        "tag" => {
            let t = v["text"].as_str().unwrap_or("").to_string();
            v["text"] = json!(format!("{t} (edited)").trim_start().to_string());
            true
        }
        "enhanced_tag" => {
            v["comment"] = json!("edited later");
            true
        }
        "rest_mode_period" => {
            if let Some(start) = v["start_time"].as_str().map(str::to_string) {
                let ts = DateTime::parse_from_rfc3339(&start)
                    .map(|t| t.format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string())
                    .unwrap_or(start);
                if let Some(eps) = v["episodes"].as_array_mut() {
                    eps.push(json!({"tags": ["tag_generic_headache"], "timestamp": ts}));
                }
            }
            true
        }
        _ => false,
    };
    let _ = done;
}

fn pick_distinct(r: &mut Rng, pool: &[usize], n: usize) -> Vec<usize> {
    let mut pool = pool.to_vec();
    let mut out = Vec::new();
    while out.len() < n && !pool.is_empty() {
        let i = r.range(0, pool.len() as i64 - 1) as usize;
        out.push(pool.swap_remove(i));
    }
    out
}

/// Applies a mutation; returns the report
/// `{"revised":[…],"deleted":[…],"added":[…],"reid":[…]}`.
pub fn apply(data: &mut Data, req: &Request, seed: u64) -> Value {
    let mut r = Rng::stream(seed, 0, "mutate");
    let end = data.params.end_date;
    let first = (end - Duration::days(i64::from(req.days) - 1)).max(data.first_day());
    let in_range = |d: NaiveDate| d >= first && d <= end;
    let (mut revised, mut deleted, mut added, mut reid) = (vec![], vec![], vec![], vec![]);
    for (i, name) in ENDPOINTS.iter().enumerate() {
        match *name {
            "personal_info" | "ring_configuration" => continue,
            "heartrate" | "ring_battery_level" => {
                series(
                    data,
                    name,
                    req,
                    &mut r,
                    first,
                    end,
                    &mut [&mut revised, &mut deleted, &mut added],
                );
                continue;
            }
            _ => {}
        }
        let docs = &mut data.collections[i];
        let pool: Vec<usize> = (0..docs.len())
            .filter(|&j| !docs[j].poison && docs[j].id.is_some() && in_range(docs[j].day))
            .collect();
        let chosen = pick_distinct(&mut r, &pool, (req.revise + req.delete + req.reid) as usize);
        let (rev, rest) = chosen.split_at(chosen.len().min(req.revise as usize));
        let (re, del) = rest.split_at(rest.len().min(req.reid as usize));
        for &j in rev.iter().chain(re) {
            let mut v: Value = serde_json::from_str(&docs[j].json).unwrap_or(Value::Null);
            revise_value(name, &mut v, &mut r);
            let old = docs[j].id.clone().unwrap_or_default();
            if re.contains(&j) {
                let new_id = r.uuid();
                v["id"] = json!(new_id);
                docs[j].id = Some(new_id.clone());
                reid.push(json!({"endpoint": name, "old_id": old, "new_id": new_id}));
            } else {
                revised.push(json!({"endpoint": name, "id": old}));
            }
            docs[j].json = v.to_string();
        }
        let mut del: Vec<usize> = del.to_vec();
        del.sort_unstable();
        for &j in del.iter().rev() {
            let d = docs.remove(j);
            deleted.push(json!({"endpoint": name, "id": d.id.unwrap_or_default()}));
        }
        // Additions: a copy of a real document moved to a day of the range.
        for _ in 0..req.add {
            let real: Vec<usize> = (0..docs.len()).filter(|&j| !docs[j].poison).collect();
            if real.is_empty() {
                break;
            }
            let days: Vec<NaiveDate> = (0..=(end - first).num_days())
                .map(|k| first + Duration::days(k))
                .filter(|d| {
                    !ONE_A_DAY.contains(name) || !docs.iter().any(|x| x.day == *d && !x.poison)
                })
                .collect();
            if days.is_empty() {
                break;
            }
            let day = days[r.range(0, days.len() as i64 - 1) as usize];
            let tpl = real[r.range(0, real.len() as i64 - 1) as usize];
            let mut v: Value = serde_json::from_str(&docs[tpl].json).unwrap_or(Value::Null);
            shift_days(&mut v, (day - docs[tpl].day).num_days());
            revise_value(name, &mut v, &mut r);
            let id = r.uuid();
            v["id"] = json!(id);
            let pos = docs.partition_point(|x| x.day <= day);
            docs.insert(
                pos,
                Doc {
                    day,
                    id: Some(id.clone()),
                    json: v.to_string(),
                    poison: false,
                },
            );
            added.push(json!({"endpoint": name, "id": id}));
        }
    }
    data.reindex();
    json!({"revised": revised, "deleted": deleted, "added": added, "reid": reid})
}

/// The instants [a, b) of the local days first..=end.
fn window(data: &Data, first: NaiveDate, end: NaiveDate) -> (i64, i64) {
    let mid = |d: NaiveDate| {
        let off = data.params.offset_on(d);
        d.and_hms_opt(0, 0, 0)
            .and_then(|n| n.and_local_timezone(off).single())
            .map(|t| t.timestamp())
            .unwrap_or(0)
    };
    (mid(first), mid(end + Duration::days(1)))
}

fn series(
    data: &mut Data,
    name: &str,
    req: &Request,
    r: &mut Rng,
    first: NaiveDate,
    end: NaiveDate,
    out: &mut [&mut Vec<Value>; 3],
) {
    let (a, b) = window(data, first, end);
    let hr = name == "heartrate";
    let (lo, hi, len) = if hr {
        let v = &data.heartrate;
        (
            v.partition_point(|s| s.ts < a),
            v.partition_point(|s| s.ts < b),
            v.len(),
        )
    } else {
        let v = &data.battery;
        (
            v.partition_point(|s| s.ts < a),
            v.partition_point(|s| s.ts < b),
            v.len(),
        )
    };
    let _ = len;
    let poison = |j: usize| {
        if hr {
            data.heartrate[j].poison
        } else {
            data.battery[j].poison
        }
    };
    let pool: Vec<usize> = (lo..hi).filter(|&j| !poison(j)).collect();
    let chosen = pick_distinct(r, &pool, ((req.revise + req.delete) * 10) as usize);
    let (rev, del) = chosen.split_at(chosen.len().min(req.revise as usize * 10));
    let ts_of = |data: &Data, j: usize| {
        if hr {
            fmt_utc_us(data.heartrate[j].ts, data.heartrate[j].us)
        } else {
            fmt_utc_us(data.battery[j].ts, data.battery[j].us)
        }
    };
    for &j in rev {
        let d = r.range(3, 10) as i16 * if r.chance(0.5) { 1 } else { -1 };
        if hr {
            let s = &mut data.heartrate[j];
            let x = (i16::from(s.bpm) + d).clamp(38, 200);
            s.bpm = if x == i16::from(s.bpm) {
                s.bpm - 1
            } else {
                x as u8
            };
        } else {
            let s = &mut data.battery[j];
            let x = (i16::from(s.level) + d / 3).clamp(0, 100);
            s.level = if x == i16::from(s.level) {
                if s.level == 0 {
                    1
                } else {
                    s.level - 1
                }
            } else {
                x as u8
            };
        }
        out[0].push(json!({"endpoint": name, "timestamp": ts_of(data, j)}));
    }
    let mut del = del.to_vec();
    del.sort_unstable();
    for &j in del.iter().rev() {
        out[1].push(json!({"endpoint": name, "timestamp": ts_of(data, j)}));
        if hr {
            data.heartrate.remove(j);
        } else {
            data.battery.remove(j);
        }
    }
    // Late uploads: instants not present (whole seconds), values from a neighbour.
    let mut taken: BTreeSet<i64> = if hr {
        data.heartrate.iter().map(|s| s.ts).collect()
    } else {
        data.battery.iter().map(|s| s.ts).collect()
    };
    for _ in 0..req.add * 10 {
        if b <= a {
            break;
        }
        let mut ts = r.range(a, b - 1);
        let mut tries = 0;
        while taken.contains(&ts) && tries < 100 {
            ts = r.range(a, b - 1);
            tries += 1;
        }
        if taken.contains(&ts) {
            break;
        }
        taken.insert(ts);
        if hr {
            let v = &mut data.heartrate;
            let pos = v.partition_point(|s| s.ts < ts);
            let nb = v.get(pos).or(v.get(pos.wrapping_sub(1))).copied();
            let (bpm, source) = nb.map(|s| (s.bpm, s.source)).unwrap_or((64, 0));
            v.insert(
                pos,
                HrSample {
                    ts,
                    us: 0,
                    bpm,
                    source,
                    poison: false,
                },
            );
        } else {
            let v = &mut data.battery;
            let pos = v.partition_point(|s| s.ts < ts);
            let nb = v.get(pos).or(v.get(pos.wrapping_sub(1))).copied();
            let level = nb.map(|s| s.level).unwrap_or(50);
            v.insert(
                pos,
                BatteryRow {
                    ts,
                    us: 0,
                    level,
                    charging: None,
                    in_charger: None,
                    poison: false,
                },
            );
        }
        out[2].push(json!({"endpoint": name, "timestamp": fmt_utc_us(ts, 0)}));
    }
}
