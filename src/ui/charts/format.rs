//! Formatting for chart labels, tooltips and text alternatives. Functions that depend
//! on the language take its code (`"en"`, `"ja"`; anything else is English).

use super::scale::{ms_day, DateStep};
use chrono::Datelike;

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const WEEKDAYS_JA: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];

/// A number with `decimals` digits, thousands separators and a true minus sign:
/// `8,532`, `−0.2`.
pub fn number(v: f64, decimals: u8, _lang: &str) -> String {
    let s = fixed(v.abs(), decimals);
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(i, f)| (i, f));
    let mut out = String::new();
    if v < 0.0 && s.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('−');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// `v` with exactly `decimals` digits after the point (at most 6), rounded half away
/// from zero: `12.30`, `-0.5`, `7`. Hand-written on integers: the standard library's
/// float formatting would add ≈ 2.5 KB brotli to the first load. Not finite: `—`.
pub fn fixed(v: f64, decimals: u8) -> String {
    if !v.is_finite() {
        return "—".to_owned();
    }
    let decimals = decimals.min(6);
    let scale = 10u64.pow(u32::from(decimals));
    // Saturates beyond u64 (≈ 1.8e19 / scale): far past any value a view shows.
    let n = (v.abs() * scale as f64).round() as u64;
    let mut out = String::new();
    if v < 0.0 && n > 0 {
        out.push('-');
    }
    out.push_str(&(n / scale).to_string());
    if decimals > 0 {
        let frac = (n % scale).to_string();
        out.push('.');
        for _ in frac.len()..usize::from(decimals) {
            out.push('0');
        }
        out.push_str(&frac);
    }
    out
}

/// A value with its unit: `61 bpm`, `8,532 steps`; `—` when missing.
pub fn value(v: Option<f64>, decimals: u8, unit: &str, lang: &str) -> String {
    match v {
        None => "—".to_owned(),
        Some(v) if unit.is_empty() => number(v, decimals, lang),
        Some(v) if unit == "%" || unit.starts_with('°') => {
            format!("{}{unit}", number(v, decimals, lang))
        }
        Some(v) => format!("{} {unit}", number(v, decimals, lang)),
    }
}

fn local(ms: f64, offset_s: i32) -> chrono::NaiveDateTime {
    let ms = ms + f64::from(offset_s) * 1000.0;
    chrono::DateTime::from_timestamp_millis(ms.round() as i64)
        .unwrap_or_default()
        .naive_utc()
}

/// A 24-hour wall-clock time at a UTC offset (seconds): `23:40`, `07:05`.
pub fn clock(ms: f64, offset_s: i32) -> String {
    use chrono::Timelike;
    let t = local(ms, offset_s);
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// A duration as `h:mm`: `7:45`, `0:05`.
pub fn hm(seconds: f64) -> String {
    let m = (seconds.max(0.0) / 60.0).round() as u64;
    format!("{}:{:02}", m / 60, m % 60)
}

/// A duration in words: `1 h 20 min`, `45 min` / `1時間20分`, `45分`.
pub fn duration(seconds: f64, lang: &str) -> String {
    let m = (seconds.max(0.0) / 60.0).round() as u64;
    let (h, m) = (m / 60, m % 60);
    match (lang, h, m) {
        ("ja", 0, m) => format!("{m}分"),
        ("ja", h, 0) => format!("{h}時間"),
        ("ja", h, m) => format!("{h}時間{m}分"),
        (_, 0, m) => format!("{m} min"),
        (_, h, 0) => format!("{h} h"),
        (_, h, m) => format!("{h} h {m} min"),
    }
}

/// An axis label for a date tick (x from [`super::scale::day_ms`]): `Jun 3` / `6/3`
/// for days and weeks, `Jun` / `6月` for months (the year on January), `2025` /
/// `2025年` for years.
pub fn date_tick(ms: f64, step: DateStep, lang: &str) -> String {
    let d = ms_day(ms);
    let ja = lang == "ja";
    let year = matches!(step, DateStep::Years) || (d.month() == 1 && d.day() == 1);
    match step {
        DateStep::Months(_) | DateStep::Years if year && ja => format!("{}年", d.year()),
        DateStep::Months(_) | DateStep::Years if year => d.year().to_string(),
        DateStep::Months(_) | DateStep::Years if ja => format!("{}月", d.month()),
        DateStep::Months(_) | DateStep::Years => MONTHS_EN[d.month0() as usize].to_owned(),
        _ if ja => format!("{}/{}", d.month(), d.day()),
        _ => format!("{} {}", MONTHS_EN[d.month0() as usize], d.day()),
    }
}

/// A full date for tooltips and summaries: `Mon, Jun 3` / `6月3日(月)`.
pub fn date(ms: f64, lang: &str) -> String {
    let d = ms_day(ms);
    let wd = d.weekday().num_days_from_monday() as usize;
    if lang == "ja" {
        format!("{}月{}日({})", d.month(), d.day(), WEEKDAYS_JA[wd])
    } else {
        format!(
            "{}, {} {}",
            WEEKDAYS_EN[wd],
            MONTHS_EN[d.month0() as usize],
            d.day()
        )
    }
}

/// Fills `{name}` placeholders of a translated template.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    args.iter().fold(template.to_owned(), |s, (k, v)| {
        s.replace(&format!("{{{k}}}"), v)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::charts::scale::day_ms;

    fn d(s: &str) -> f64 {
        day_ms(s.parse().unwrap())
    }

    #[test]
    fn fixed_point_text_without_float_formatting() {
        assert_eq!(fixed(12.3, 2), "12.30");
        assert_eq!(fixed(-0.5, 1), "-0.5");
        assert_eq!(fixed(-0.04, 1), "0.0", "no -0.0");
        assert_eq!(fixed(7.0, 0), "7");
        assert_eq!(fixed(2.5, 0), "3");
        assert_eq!(fixed(0.001, 3), "0.001");
        assert_eq!(fixed(1e300, 0), u64::MAX.to_string(), "saturates");
        assert_eq!(fixed(f64::NAN, 1), "—");
        // The same text as the standard library (which rounds exact ties to even).
        for v in [0.0, 1.26, 61.7, 99.94, 1234.5678, 0.333] {
            for d in 0..4u8 {
                assert_eq!(fixed(v, d), format!("{:.*}", usize::from(d), v), "{v} {d}");
            }
        }
    }

    #[test]
    fn numbers_group_thousands_and_use_a_minus_sign() {
        assert_eq!(number(8532.0, 0, "en"), "8,532");
        assert_eq!(number(1234567.891, 1, "ja"), "1,234,567.9");
        assert_eq!(number(-0.25, 2, "en"), "−0.25");
        assert_eq!(number(-0.01, 1, "en"), "0.0", "no −0.0");
        assert_eq!(number(999.0, 0, "en"), "999");
        assert_eq!(number(0.05, 1, "en"), "0.1");
        assert_eq!(number(15.375, 2, "en"), "15.38");
        assert_eq!(value(Some(61.0), 0, "bpm", "en"), "61 bpm");
        assert_eq!(value(Some(97.5), 1, "%", "en"), "97.5%");
        assert_eq!(value(Some(-0.2), 1, "°C", "ja"), "−0.2°C");
        assert_eq!(value(None, 0, "bpm", "en"), "—");
    }

    #[test]
    fn clock_times_are_24h_at_the_offset() {
        let t = chrono::DateTime::parse_from_rfc3339("2024-06-03T23:40:00+02:00")
            .unwrap()
            .timestamp_millis() as f64;
        assert_eq!(clock(t, 7200), "23:40");
        assert_eq!(clock(t, 0), "21:40");
        assert_eq!(
            clock(t + 7.0 * 3_600_000.0 + 25.0 * 60_000.0, 7200),
            "07:05"
        );
    }

    #[test]
    fn durations() {
        assert_eq!(hm(7.0 * 3600.0 + 45.0 * 60.0), "7:45");
        assert_eq!(hm(300.0), "0:05");
        assert_eq!(duration(4800.0, "en"), "1 h 20 min");
        assert_eq!(duration(4800.0, "ja"), "1時間20分");
        assert_eq!(duration(2700.0, "en"), "45 min");
        assert_eq!(duration(7200.0, "ja"), "2時間");
    }

    #[test]
    fn dates() {
        assert_eq!(date_tick(d("2024-06-03"), DateStep::Days(1), "en"), "Jun 3");
        assert_eq!(date_tick(d("2024-06-03"), DateStep::Weeks(1), "ja"), "6/3");
        assert_eq!(date_tick(d("2024-06-01"), DateStep::Months(1), "en"), "Jun");
        assert_eq!(date_tick(d("2024-06-01"), DateStep::Months(1), "ja"), "6月");
        assert_eq!(
            date_tick(d("2025-01-01"), DateStep::Months(3), "en"),
            "2025"
        );
        assert_eq!(date_tick(d("2025-01-01"), DateStep::Years, "ja"), "2025年");
        assert_eq!(date(d("2024-06-03"), "en"), "Mon, Jun 3");
        assert_eq!(date(d("2024-06-03"), "ja"), "6月3日(月)");
        assert_eq!(fill("{a} to {b}", &[("a", "1"), ("b", "2")]), "1 to 2");
    }
}
