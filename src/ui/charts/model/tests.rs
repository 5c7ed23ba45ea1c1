use super::*;
use crate::i18n::lookup;
use crate::ui::charts::scale::day_ms;

fn d(s: &str) -> f64 {
    day_ms(s.parse().unwrap())
}

fn texts<'a>(m: &'a Model, class: &str) -> Vec<&'a str> {
    m.marks
        .iter()
        .filter_map(|k| match k {
            Mark::Text { class: c, text, .. } if *c == class => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

fn paths<'a>(m: &'a Model, class: &str) -> Vec<&'a str> {
    m.marks
        .iter()
        .filter_map(|k| match k {
            Mark::Path { class: c, d } if *c == class => Some(d.as_str()),
            _ => None,
        })
        .collect()
}

fn rects(m: &Model, prefix: &str) -> Vec<(&'static str, f64, f64)> {
    m.marks
        .iter()
        .filter_map(|k| match k {
            Mark::Rect { class, y, h, .. } if class.starts_with(prefix) => Some((*class, *y, *h)),
            _ => None,
        })
        .collect()
}

#[test]
fn every_key_the_kit_uses_is_translated() {
    for key in [
        "charts.no_data",
        "charts.target",
        "charts.summary.range",
        "charts.summary.band",
        "charts.summary.target",
        "charts.score.value",
        "charts.hypnogram.title",
        "charts.activity.title",
        "charts.stage.deep",
        "charts.stage.light",
        "charts.stage.rem",
        "charts.stage.awake",
        "charts.class.non_wear",
        "charts.class.rest",
        "charts.class.inactive",
        "charts.class.low",
        "charts.class.medium",
        "charts.class.high",
    ] {
        for lang in Lang::ALL {
            assert!(lookup(lang, key).is_some(), "{key} missing in {lang:?}");
        }
    }
}

#[test]
fn a_line_with_a_gap_has_two_subpaths_and_a_summary() {
    let pts = vec![
        (0.0, Some(52.0)),
        (60_000.0, Some(78.0)),
        (120_000.0, None),
        (180_000.0, Some(53.0)),
    ];
    let m = line(
        &[Series::new("HR", pts)],
        XAxis::Clock { offset_s: 0 },
        "bpm",
        0,
        Lang::En,
    );
    let d = paths(&m, "line s0");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].matches('M').count(), 2, "{}", d[0]);
    assert_eq!(m.summary, "00:00–00:03: from 52 to 78 bpm, average 61 bpm");
    assert_eq!(texts(&m, "tick tick-y"), ["50", "60", "70", "80"]);
    assert_eq!(m.tips.len(), 3);
    assert_eq!(m.tips[1].text, "00:01 · 78 bpm");
    assert!(m.legend.is_empty());
}

#[test]
fn two_series_get_a_legend_and_both_values_in_tips() {
    let a = Series::new(
        "Avg",
        vec![(d("2024-06-03"), Some(60.0)), (d("2024-06-04"), Some(62.0))],
    );
    let b = Series::new(
        "Low",
        vec![(d("2024-06-03"), Some(50.0)), (d("2024-06-04"), None)],
    );
    let m = line(&[a, b], XAxis::Date, "bpm", 0, Lang::Ja);
    assert_eq!(m.legend.len(), 2);
    assert_eq!(m.tips[0].text, "6月3日(月) · 60 bpm · Low: 50 bpm");
    assert_eq!(m.tips[1].text, "6月4日(火) · 62 bpm · Low: —");
    assert!(
        m.summary.contains("Avg: 60〜62 bpm、平均 61 bpm"),
        "{}",
        m.summary
    );
}

#[test]
fn no_data_says_so() {
    let m = line(
        &[Series::new("x", vec![(0.0, None)])],
        XAxis::Number,
        "",
        0,
        Lang::En,
    );
    assert_eq!(m.summary, "No data");
    assert!(m.tips.is_empty());
    assert_eq!(bars(&[], None, "", 0, Lang::Ja).summary, "データなし");
    assert_eq!(hypnogram("", 0.0, 0, Lang::En).summary, "No data");
}

#[test]
fn bars_are_ordered_by_height_and_the_target_is_counted() {
    let data = vec![
        (d("2024-06-03"), Some(4000.0)),
        (d("2024-06-04"), None),
        (d("2024-06-05"), Some(12000.0)),
    ];
    let m = bars(&data, Some(10000.0), "steps", 0, Lang::En);
    let r = rects(&m, "bar");
    assert_eq!(r.len(), 2);
    assert!(r[1].2 > r[0].2 * 2.0);
    assert_eq!(r[1].0, "bar bar-met");
    assert_eq!(paths(&m, "target").len(), 1);
    assert_eq!(texts(&m, "target-label"), ["Target 10,000 steps"]);
    assert_eq!(texts(&m, "tick tick-x"), ["Jun 3", "Jun 4", "Jun 5"]);
    assert!(
        m.summary.ends_with("target reached on 1 of 2 days"),
        "{}",
        m.summary
    );
    assert_eq!(m.tips[1].text, "Wed, Jun 5 · 12,000 steps");
}

#[test]
fn bands_close_around_gaps() {
    let p = |x: &str, lo, hi, v| BandPoint {
        x: d(x),
        low: lo,
        high: hi,
        value: v,
    };
    let pts = vec![
        p("2024-06-03", Some(-0.3), Some(0.1), Some(-0.1)),
        p("2024-06-04", Some(-0.2), Some(0.4), Some(0.2)),
        p("2024-06-05", None, None, None),
        p("2024-06-06", Some(0.0), Some(0.3), Some(0.1)),
    ];
    let m = band(&pts, XAxis::Date, "°C", 1, Lang::En);
    assert_eq!(paths(&m, "band")[0].matches('Z').count(), 2);
    assert_eq!(paths(&m, "line s0")[0].matches('M').count(), 2);
    assert_eq!(m.tips.len(), 3);
    assert_eq!(m.tips[0].text, "Mon, Jun 3 · −0.1°C (−0.3°C–0.1°C)");
    assert!(
        m.summary.contains("band from −0.3 to 0.4°C"),
        "{}",
        m.summary
    );
}

#[test]
fn hypnogram_totals_and_rows() {
    // 23:00 UTC; 2 awake, 3 light, 4 deep, 2 REM, 1 awake (5-minute steps).
    let start = chrono::DateTime::parse_from_rfc3339("2024-06-03T23:00:00+00:00")
        .unwrap()
        .timestamp_millis() as f64;
    let m = hypnogram("442221111334", start, 0, Lang::En);
    assert_eq!(
        m.summary,
        "23:00–00:00: Deep 20 min, Light 15 min, REM 10 min, Awake 15 min"
    );
    let r = rects(&m, "stage");
    assert_eq!(r.len(), 5);
    let awake_y = r[0].1;
    let deep_y = r[2].1;
    assert!(deep_y > awake_y, "deep is drawn below awake");
    assert_eq!(texts(&m, "tick tick-y"), ["Deep", "Light", "REM", "Awake"]);
    assert_eq!(m.tips[2].text, "23:25–23:45 · Deep · 20 min");
    assert_eq!(paths(&m, "step")[0].matches('M').count(), 1);
    let ja = hypnogram("442221111334", start, 3600, Lang::Ja);
    assert!(
        ja.summary.starts_with("00:00–01:00: 深い睡眠 20分、"),
        "{}",
        ja.summary
    );
}

#[test]
fn strip_segments_and_legend() {
    let s = format!("{}{}{}", "1".repeat(96), "3".repeat(12), "5".repeat(6)) + &"2".repeat(174);
    let m = strip(&s, 0.0, 0, Lang::En);
    let r = rects(&m, "act");
    assert_eq!(
        r.iter().map(|r| r.0).collect::<Vec<_>>(),
        ["act ac-1", "act ac-3", "act ac-5", "act ac-2"]
    );
    assert_eq!(
        m.legend.iter().map(|l| l.1.as_str()).collect::<Vec<_>>(),
        ["High 30 min", "Low 1 h", "Inactive 14 h 30 min", "Rest 8 h"]
    );
    assert_eq!(texts(&m, "tick tick-x").first(), Some(&"00:00"));
    assert_eq!(m.tips.len(), 4);
}

#[test]
fn score_bands() {
    assert_eq!(score_class(Some(90)), "ring-bar ring-top");
    assert_eq!(score_class(Some(70)), "ring-bar ring-good");
    assert_eq!(score_class(Some(12)), "ring-bar ring-low");
    assert_eq!(score_class(None), "ring-bar");
}
