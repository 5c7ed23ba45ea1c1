//! The simulated person: the effects are really in the numbers (signs and rough sizes).

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Timelike, Weekday};
use oura_sim::data::{endpoint_index, Data, GenParams, ENDPOINTS};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn gen(days: u32, end: &str, seed: u64) -> Data {
    let tz = FixedOffset::east_opt(9 * 3600).unwrap();
    Data::generate(GenParams::new(seed, days, date(end), tz, 96).with_default_trip())
}

fn docs(d: &Data, ep: &str) -> Vec<Value> {
    d.collections[endpoint_index(ep).unwrap()]
        .iter()
        .map(|x| serde_json::from_str(&x.json).unwrap())
        .collect()
}

fn day_of(v: &Value) -> NaiveDate {
    date(v["day"].as_str().or(v["start_day"].as_str()).unwrap())
}

fn mean(xs: &[f64]) -> f64 {
    assert!(!xs.is_empty());
    xs.iter().sum::<f64>() / xs.len() as f64
}

fn corr(xs: &[f64], ys: &[f64]) -> f64 {
    let (mx, my) = (mean(xs), mean(ys));
    let cov: f64 = xs.iter().zip(ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    let vx: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum();
    let vy: f64 = ys.iter().map(|y| (y - my).powi(2)).sum();
    cov / (vx * vy).sqrt()
}

/// The long sleep of each day (the night that ends that morning).
fn nights(d: &Data) -> BTreeMap<NaiveDate, Value> {
    docs(d, "sleep")
        .into_iter()
        .filter(|s| s["type"] == "long_sleep")
        .map(|s| (day_of(&s), s))
        .collect()
}

fn by_day(d: &Data, ep: &str) -> BTreeMap<NaiveDate, Value> {
    docs(d, ep).into_iter().map(|s| (day_of(&s), s)).collect()
}

/// Days whose evening carries an enhanced tag of that code.
fn tagged(d: &Data, code: &str) -> BTreeSet<NaiveDate> {
    docs(d, "enhanced_tag")
        .iter()
        .filter(|t| t["tag_type_code"] == code)
        .map(day_of)
        .collect()
}

/// Mean of `f(next night)` after tagged evenings and after the others.
fn after(
    nights: &BTreeMap<NaiveDate, Value>,
    days: &BTreeSet<NaiveDate>,
    f: impl Fn(&Value) -> Option<f64>,
) -> (f64, f64) {
    let (mut yes, mut no) = (vec![], vec![]);
    for (day, n) in nights {
        let Some(x) = f(n) else { continue };
        if days.contains(&(*day - Duration::days(1))) {
            yes.push(x);
        } else {
            no.push(x);
        }
    }
    (mean(&yes), mean(&no))
}

fn local_minutes(t: &str, from_evening: bool) -> f64 {
    let t = DateTime::parse_from_rfc3339(t).unwrap();
    let m = f64::from(t.hour() * 60 + t.minute());
    if from_evening && m < 12.0 * 60.0 {
        m + 24.0 * 60.0
    } else {
        m
    }
}

#[test]
fn tags_move_the_next_night() {
    let d = gen(365, "2026-11-20", 3);
    let n = nights(&d);
    let alcohol = tagged(&d, "tag_generic_alcohol");
    let share = alcohol.len() as f64 / 365.0;
    assert!(
        (0.09..=0.18).contains(&share),
        "alcohol on {share:.3} of days"
    );
    let (a, b) = after(&n, &alcohol, |s| s["average_hrv"].as_f64());
    eprintln!("hrv after alcohol {a:.1} vs {b:.1}");
    assert!((6.5..=14.0).contains(&(b - a)), "HRV −{:.1} ms", b - a);
    let (a, b) = after(&n, &alcohol, |s| s["lowest_heart_rate"].as_f64());
    eprintln!("lowest hr after alcohol {a:.1} vs {b:.1}");
    assert!((2.5..=6.0).contains(&(a - b)), "lowest HR +{:.1}", a - b);
    let ds = by_day(&d, "daily_sleep");
    let dsn: BTreeMap<NaiveDate, Value> = ds.clone();
    let (a, b) = after(&dsn, &alcohol, |s| s["score"].as_f64());
    eprintln!("sleep score after alcohol {a:.1} vs {b:.1}");
    assert!(b - a >= 2.0);
    let rd = by_day(&d, "daily_readiness");
    let (a, b) = after(&rd, &alcohol, |s| s["score"].as_f64());
    eprintln!("readiness after alcohol {a:.1} vs {b:.1}");
    assert!(b - a >= 3.0);
    // Alcohol more often on Friday/Saturday evenings.
    let weekend = alcohol
        .iter()
        .filter(|d| matches!(d.weekday(), Weekday::Fri | Weekday::Sat))
        .count();
    assert!(
        weekend * 2 > alcohol.len(),
        "{weekend} of {}",
        alcohol.len()
    );
    // The deprecated tag endpoint says "alcohol" on some of those days.
    let old: BTreeSet<NaiveDate> = docs(&d, "tag")
        .iter()
        .filter(|t| {
            t["tags"]
                .as_array()
                .unwrap()
                .contains(&Value::from("alcohol"))
        })
        .map(day_of)
        .collect();
    assert!(!old.is_empty() && old.is_subset(&alcohol));

    // A late meal: later to bed (+30…60 min), a bit less deep sleep.
    let late = tagged(&d, "tag_generic_late_meal");
    assert!(late.len() > 15);
    let (a, b) = after(&n, &late, |s| {
        Some(local_minutes(s["bedtime_start"].as_str()?, true))
    });
    eprintln!("bedtime after late meal {a:.0} vs {b:.0}");
    assert!(
        (20.0..=90.0).contains(&(a - b)),
        "bedtime +{:.0} min",
        a - b
    );
    let (a, b) = after(&n, &late, |s| s["deep_sleep_duration"].as_f64());
    assert!(a < b, "deep {a} vs {b}");
    // Late caffeine: longer latency.
    let caf = tagged(&d, "tag_generic_caffeine");
    let (a, b) = after(&n, &caf, |s| s["latency"].as_f64());
    eprintln!("latency after caffeine {a:.0} vs {b:.0}");
    assert!(a - b >= 600.0);
    // The custom "Sauna" tag: a better night.
    let sauna: BTreeSet<NaiveDate> = docs(&d, "enhanced_tag")
        .iter()
        .filter(|t| t["tag_type_code"] == "custom" && t["custom_name"] == "Sauna")
        .map(day_of)
        .collect();
    assert!(sauna.len() >= 5);
    let (a, b) = after(&n, &sauna, |s| s["average_hrv"].as_f64());
    eprintln!("hrv after sauna {a:.1} vs {b:.1}");
    assert!(a > b);
}

#[test]
fn sleep_documents_add_up_and_dip_in_deep_sleep() {
    let d = gen(365, "2026-11-20", 3);
    let (mut deep_hr, mut other_hr, mut deep_hrv, mut other_hrv) = (vec![], vec![], vec![], vec![]);
    for s in docs(&d, "sleep") {
        let tib = s["time_in_bed"].as_i64().unwrap();
        let parts: i64 = [
            "deep_sleep_duration",
            "light_sleep_duration",
            "rem_sleep_duration",
            "awake_time",
        ]
        .iter()
        .map(|k| s[*k].as_i64().unwrap())
        .sum();
        assert_eq!(parts, tib);
        let ph = s["sleep_phase_5_min"].as_str().unwrap();
        for (k, c) in [
            ("deep_sleep_duration", '1'),
            ("light_sleep_duration", '2'),
            ("rem_sleep_duration", '3'),
            ("awake_time", '4'),
        ] {
            assert_eq!(
                s[k].as_i64().unwrap(),
                300 * ph.chars().filter(|&x| x == c).count() as i64
            );
        }
        if s["type"] != "long_sleep" || s["hrv"].is_null() {
            continue;
        }
        let hr = s["heart_rate"]["items"].as_array().unwrap();
        let hrv = s["hrv"]["items"].as_array().unwrap();
        for (i, c) in ph.chars().enumerate() {
            let (Some(h), Some(v)) = (hr[i].as_f64(), hrv[i].as_f64()) else {
                continue;
            };
            match c {
                '1' => {
                    deep_hr.push(h);
                    deep_hrv.push(v);
                }
                '2' | '3' => {
                    other_hr.push(h);
                    other_hrv.push(v);
                }
                _ => {}
            }
        }
    }
    eprintln!(
        "deep hr {:.1} other {:.1}; deep hrv {:.1} other {:.1}",
        mean(&deep_hr),
        mean(&other_hr),
        mean(&deep_hrv),
        mean(&other_hrv)
    );
    assert!(mean(&deep_hr) + 2.0 < mean(&other_hr));
    assert!(mean(&deep_hrv) > mean(&other_hrv) + 5.0);
    // The night's heart-rate samples (source sleep) follow the sleep document.
    let n = nights(&d);
    let mut diffs = vec![];
    for s in d.heartrate.iter().filter(|s| s.source == 2) {
        let Some((_, night)) = n.iter().find(|(_, x)| {
            let a = DateTime::parse_from_rfc3339(x["bedtime_start"].as_str().unwrap())
                .unwrap()
                .timestamp();
            let b = DateTime::parse_from_rfc3339(x["bedtime_end"].as_str().unwrap())
                .unwrap()
                .timestamp();
            a <= s.ts && s.ts < b
        }) else {
            continue;
        };
        let a = DateTime::parse_from_rfc3339(night["bedtime_start"].as_str().unwrap())
            .unwrap()
            .timestamp();
        let slot = ((s.ts - a) / 300) as usize;
        if let Some(h) = night["heart_rate"]["items"][slot].as_f64() {
            diffs.push((f64::from(s.bpm) - h).abs());
        }
        if diffs.len() > 3000 {
            break;
        }
    }
    assert!(diffs.len() > 1000);
    assert!(mean(&diffs) < 3.0, "sample vs slot {:.2}", mean(&diffs));
}

#[test]
fn scores_follow_sleep_workouts_and_illness() {
    let d = gen(365, "2026-11-20", 3);
    // Short nights: lower total_sleep contributor and sleep score.
    let n = nights(&d);
    let ds = by_day(&d, "daily_sleep");
    let (mut tot, mut contrib, mut scores) = (vec![], vec![], vec![]);
    for (day, s) in &n {
        let Some(x) = ds.get(day) else { continue };
        tot.push(s["total_sleep_duration"].as_f64().unwrap());
        contrib.push(x["contributors"]["total_sleep"].as_f64().unwrap());
        if let Some(sc) = x["score"].as_f64() {
            scores.push((s["total_sleep_duration"].as_f64().unwrap(), sc));
        }
    }
    let r = corr(&tot, &contrib);
    eprintln!("corr(total sleep, total_sleep) = {r:.2}");
    assert!(r > 0.5);
    let short: Vec<f64> = scores
        .iter()
        .filter(|x| x.0 < 6.0 * 3600.0)
        .map(|x| x.1)
        .collect();
    let long: Vec<f64> = scores
        .iter()
        .filter(|x| x.0 >= 7.0 * 3600.0)
        .map(|x| x.1)
        .collect();
    eprintln!(
        "sleep score short {:.1} vs long {:.1}",
        mean(&short),
        mean(&long)
    );
    assert!(mean(&short) + 8.0 < mean(&long));
    // Readiness follows a short night (previous_night, sleep_balance).
    let rd = by_day(&d, "daily_readiness");
    let (mut s_pn, mut l_pn) = (vec![], vec![]);
    for (day, s) in &n {
        let Some(r) = rd.get(day) else { continue };
        let Some(pn) = r["contributors"]["previous_night"].as_f64() else {
            continue;
        };
        let t = s["total_sleep_duration"].as_f64().unwrap();
        if t < 6.0 * 3600.0 {
            s_pn.push(pn);
        } else if t >= 7.0 * 3600.0 {
            l_pn.push(pn);
        }
    }
    assert!(mean(&s_pn) + 5.0 < mean(&l_pn));
    // A long hard workout: that day's activity up, the next day's readiness down.
    let hard: BTreeSet<NaiveDate> = docs(&d, "workout")
        .iter()
        .filter(|w| {
            let a = DateTime::parse_from_rfc3339(w["start_datetime"].as_str().unwrap()).unwrap();
            let b = DateTime::parse_from_rfc3339(w["end_datetime"].as_str().unwrap()).unwrap();
            w["intensity"] == "hard" && (b - a).num_minutes() >= 45
        })
        .map(day_of)
        .collect();
    assert!(hard.len() > 20, "{} hard days", hard.len());
    let (a, b) = after(&rd, &hard, |r| r["score"].as_f64());
    eprintln!("readiness after hard {a:.1} vs {b:.1}");
    assert!(b - a >= 4.0);
    let (a, b) = after(&rd, &hard, |r| r["contributors"]["recovery_index"].as_f64());
    assert!(b - a >= 12.0);
    let (a, b) = after(&rd, &hard, |r| {
        r["contributors"]["previous_day_activity"].as_f64()
    });
    assert!(b - a >= 12.0);
    let act = by_day(&d, "daily_activity");
    let split = |f: &dyn Fn(&Value) -> f64| {
        let (mut y, mut o) = (vec![], vec![]);
        for (day, a) in &act {
            if hard.contains(day) {
                y.push(f(a))
            } else {
                o.push(f(a))
            }
        }
        (mean(&y), mean(&o))
    };
    let (a, b) = split(&|a| a["active_calories"].as_f64().unwrap());
    eprintln!("active calories hard {a:.0} vs {b:.0}");
    assert!(a > b + 150.0);
    let (a, b) = split(&|a| a["steps"].as_f64().unwrap());
    assert!(a > b + 1000.0);
    let (a, b) = split(&|a| a["score"].as_f64().unwrap_or(80.0));
    assert!(a > b + 2.0, "activity score {a:.1} vs {b:.1}");

    // Illness: fever, HRV down, lowest HR up, readiness down, fewer steps.
    assert!(d.illness.len() >= 6, "{} illness days", d.illness.len());
    let ill: BTreeSet<NaiveDate> = d.illness.iter().map(|x| x.0).collect();
    let sick = |m: &BTreeMap<NaiveDate, Value>, f: &dyn Fn(&Value) -> Option<f64>| {
        let (mut y, mut o) = (vec![], vec![]);
        for (day, v) in m {
            if let Some(x) = f(v) {
                if ill.contains(day) {
                    y.push(x)
                } else {
                    o.push(x)
                }
            }
        }
        (mean(&y), mean(&o), y)
    };
    let (_, _, temps) = sick(&rd, &|r| r["temperature_deviation"].as_f64());
    assert!(temps.iter().all(|t| *t > 0.4), "{temps:?}");
    let (a, b, _) = sick(&n, &|s| s["average_hrv"].as_f64());
    assert!(b - a > 8.0, "hrv ill {a:.1} vs {b:.1}");
    let (a, b, _) = sick(&n, &|s| s["lowest_heart_rate"].as_f64());
    assert!(a - b > 3.0, "lowest hr ill {a:.1} vs {b:.1}");
    let (a, b, _) = sick(&rd, &|r| r["score"].as_f64());
    eprintln!("readiness ill {a:.1} vs {b:.1}");
    assert!(b - a > 10.0);
    let (a, b, _) = sick(&act, &|r| r["steps"].as_f64());
    assert!(a < b * 0.85, "steps ill {a:.0} vs {b:.0}");
    let st = by_day(&d, "daily_stress");
    let (a, b, _) = sick(&st, &|r| r["stress_high"].as_f64());
    assert!(a > b + 1800.0, "stress ill {a:.0} vs {b:.0}");
    let rs = by_day(&d, "daily_resilience");
    let (a, b, _) = sick(&rs, &|r| r["contributors"]["sleep_recovery"].as_f64());
    assert!(a + 5.0 < b, "sleep recovery ill {a:.0} vs {b:.0}");
}

#[test]
fn weekday_rhythm() {
    let d = gen(365, "2026-11-20", 3);
    let n = nights(&d);
    let (mut we, mut wd, mut we_len, mut wd_len) = (vec![], vec![], vec![], vec![]);
    for (day, s) in &n {
        let m = local_minutes(s["bedtime_start"].as_str().unwrap(), true);
        let t = s["time_in_bed"].as_f64().unwrap();
        // Friday and Saturday nights end on Saturday and Sunday mornings.
        if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            we.push(m);
            we_len.push(t);
        } else {
            wd.push(m);
            wd_len.push(t);
        }
    }
    eprintln!("bedtime weekend {:.0} weekday {:.0}", mean(&we), mean(&wd));
    assert!(mean(&we) > mean(&wd) + 45.0);
    assert!(mean(&we_len) > mean(&wd_len) + 20.0 * 60.0);
    // More steps on weekdays (the commute).
    let (mut a, mut b) = (vec![], vec![]);
    for x in docs(&d, "daily_activity") {
        let s = x["steps"].as_f64().unwrap();
        if matches!(day_of(&x).weekday(), Weekday::Sat | Weekday::Sun) {
            b.push(s)
        } else {
            a.push(s)
        }
    }
    eprintln!("steps weekday {:.0} weekend {:.0}", mean(&a), mean(&b));
    assert!(mean(&a) > mean(&b) + 1500.0);
}

#[test]
fn non_wear_days_have_nothing() {
    let d = gen(365, "2026-11-20", 3);
    let off: BTreeSet<NaiveDate> = d.non_wear.iter().copied().collect();
    assert!((4..=16).contains(&off.len()), "{} non-wear days", off.len());
    for ep in ENDPOINTS {
        if matches!(
            ep,
            "heartrate"
                | "ring_battery_level"
                | "personal_info"
                | "ring_configuration"
                | "rest_mode_period"
        ) {
            continue;
        }
        for v in docs(&d, ep) {
            assert!(
                !off.contains(&day_of(&v)),
                "{ep} on non-wear day {}",
                day_of(&v)
            );
        }
    }
    // No sample falls on them (local day in the offset of that instant).
    let local = |ts: i64| {
        DateTime::from_timestamp(ts, 0)
            .unwrap()
            .with_timezone(&d.params.offset_at(ts))
            .date_naive()
    };
    for s in &d.heartrate {
        let t = local(s.ts);
        assert!(!off.contains(&t), "heartrate on {t}");
    }
    for s in &d.battery {
        let t = local(s.ts);
        assert!(!off.contains(&t), "battery on {t}");
    }
    // The documents confirm them: exactly those days have no daily_activity.
    let act: BTreeSet<NaiveDate> = docs(&d, "daily_activity").iter().map(day_of).collect();
    let first = d.first_day();
    let missing: BTreeSet<NaiveDate> = (0..365)
        .map(|i| first + Duration::days(i))
        .filter(|x| !act.contains(x))
        .collect();
    assert_eq!(missing, off);
    // Never in the last 10 days.
    assert!(off.iter().all(|x| *x <= date("2026-11-10")));
}

/// The offsets of the `timestamp`s (local midnight) of daily_readiness, by day.
fn offsets(d: &Data) -> BTreeMap<NaiveDate, String> {
    docs(d, "daily_readiness")
        .iter()
        .map(|a| {
            let ts = a["timestamp"].as_str().unwrap();
            (day_of(a), ts[ts.len() - 6..].to_string())
        })
        .collect()
}

#[test]
fn the_default_trip_crosses_a_dst_change() {
    // The 90-day demo built today, and the app's 30- and 60-day test sets.
    let demo = gen(90, "2026-12-02", 1);
    let offs = offsets(&demo);
    let away: BTreeSet<&str> = offs
        .values()
        .map(String::as_str)
        .filter(|o| *o != "+09:00")
        .collect();
    assert_eq!(
        away,
        BTreeSet::from(["+10:00", "+11:00"]),
        "Sydney across its DST start"
    );
    let last_away = offs
        .iter()
        .filter(|x| x.1 != "+09:00")
        .map(|x| *x.0)
        .max()
        .unwrap();
    assert!(
        last_away < date("2026-12-02") - Duration::days(35),
        "{last_away}"
    );
    // A night spans the DST switch: start +10:00, end +11:00.
    let crossing: Vec<Value> = docs(&demo, "sleep")
        .into_iter()
        .filter(|s| {
            s["bedtime_start"].as_str().unwrap().ends_with("+10:00")
                && s["bedtime_end"].as_str().unwrap().ends_with("+11:00")
        })
        .collect();
    assert!(!crossing.is_empty());
    for s in &crossing {
        let a = DateTime::parse_from_rfc3339(s["bedtime_start"].as_str().unwrap()).unwrap();
        let b = DateTime::parse_from_rfc3339(s["bedtime_end"].as_str().unwrap()).unwrap();
        assert_eq!((b - a).num_seconds(), s["time_in_bed"].as_i64().unwrap());
        assert_eq!(day_of(s), date("2026-10-04"));
    }
    // The DST day itself is at +10:00 (its midnight), the next at +11:00; its activity
    // (from 04:00 +10:00) at 05:00 +11:00.
    assert_eq!(offs[&date("2026-10-04")], "+10:00");
    let act = by_day(&demo, "daily_activity");
    assert!(act[&date("2026-10-04")]["timestamp"]
        .as_str()
        .unwrap()
        .ends_with("T05:00:00+11:00"));
    assert_eq!(offs[&date("2026-10-05")], "+11:00");
    // The same day has the same data whatever --days (the trip is in both).
    let longer = gen(120, "2026-12-02", 1);
    let a: Vec<String> = docs(&demo, "daily_sleep")
        .iter()
        .filter(|x| day_of(x) > date("2026-09-20"))
        .map(|x| x.to_string())
        .collect();
    let b: Vec<String> = docs(&longer, "daily_sleep")
        .iter()
        .filter(|x| day_of(x) > date("2026-09-20"))
        .map(|x| x.to_string())
        .collect();
    assert_eq!(a, b);

    // The app's sets: 30 days ending 2026-11-20 are all at home; 60 days have the trip,
    // 35+ days before the end.
    let e30 = offsets(&gen(30, "2026-11-20", 3));
    assert!(e30.values().all(|o| o == "+09:00"));
    let e60 = offsets(&gen(60, "2026-11-20", 3));
    assert!(e60.values().any(|o| o == "+11:00"));
    assert!(e60
        .iter()
        .filter(|x| *x.0 > date("2026-10-16"))
        .all(|x| x.1 == "+09:00"));
    // A year has its trip too.
    let year = gen(365, "2026-11-20", 3);
    assert!(offsets(&year).values().any(|o| o == "+11:00"));
}

#[test]
fn the_rare_tag_is_rare() {
    for seed in [1, 3, 7] {
        let d = gen(90, "2026-12-02", seed);
        let n = tagged(&d, "tag_generic_fasting").len();
        assert!((1..=4).contains(&n), "seed {seed}: fasting on {n} days");
    }
}

#[test]
fn no_negative_zero() {
    for seed in [3, 5] {
        let d = gen(365, "2026-11-20", seed);
        let text = d.export_json(chrono::Utc::now());
        assert!(
            !text.contains(":-0.0,") && !text.contains(":-0.0}"),
            "seed {seed}"
        );
    }
}
