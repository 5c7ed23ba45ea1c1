//! The ring battery chart: the level (0–100 %) through one day with the spans on the
//! charger shaded. Pure model (tested natively) and its component.

use super::format;
use super::model::{self, Geo, Mark, Model, Tip, XAxis};
use super::sample::line_path;
use super::scale::Linear;
use crate::i18n::{text, use_i18n, Lang};
use leptos::prelude::*;

/// A reading: Unix ms, level (%), and on the charger (`None`: unknown).
pub type Level = (f64, f64, Option<bool>);

/// Readings further apart than this are not joined, and a charging span ends there.
pub const GAP_MS: f64 = 3.0 * 3_600_000.0;

/// The spans on the charger: from each reading that says so to the next reading (at
/// most [`GAP_MS`]; the day's last one to `end`, at most as far).
pub fn charge_spans(levels: &[Level], end: f64) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    for (i, l) in levels.iter().enumerate() {
        if l.2 != Some(true) {
            continue;
        }
        let next = levels.get(i + 1).map_or(end, |n| n.0);
        let to = next.min(l.0 + GAP_MS).max(l.0);
        match out.last_mut() {
            Some(last) if last.1 >= l.0 => last.1 = to,
            _ => out.push((l.0, to)),
        }
    }
    out
}

/// The model of `levels` (time order) over `day` (Unix ms), clock at `offset_s`.
pub fn battery_day(levels: &[Level], day: (f64, f64), offset_s: i32, lang: Lang) -> Model {
    let g = Geo::XY;
    let Some(stats) = model::stats(levels.iter().map(|l| Some(l.1))) else {
        return model::empty(&g, lang);
    };
    let ticks = [0.0, 25.0, 50.0, 75.0, 100.0];
    let sy = Linear::new((0.0, 100.0), (g.y0(), g.y1()));
    let sx = g.sx(day);
    let mut m = g.model();
    let xs: Vec<_> = model::x_ticks(XAxis::Clock { offset_s }, day.0, day.1, lang)
        .into_iter()
        .map(|(x, l)| (sx.at(x), l))
        .collect();
    let spans = charge_spans(levels, day.1);
    for (a, b) in &spans {
        let (x0, x1) = (sx.at(*a), sx.at(*b));
        m.marks.push(Mark::Rect {
            class: "charge-span",
            x: x0,
            y: g.y1(),
            w: (x1 - x0).max(1.5),
            h: g.y0() - g.y1(),
        });
    }
    model::axes(&mut m, &g, &sy, &ticks, &xs, lang);
    let mut pts = Vec::with_capacity(levels.len() * 2);
    for (i, l) in levels.iter().enumerate() {
        if i > 0 && l.0 - levels[i - 1].0 > GAP_MS {
            pts.push(None);
        }
        pts.push(Some((sx.at(l.0), sy.at(l.1.clamp(0.0, 100.0)))));
    }
    m.marks.push(Mark::Path {
        class: "line s0 battery-line",
        d: line_path(pts),
    });
    let code = lang.code();
    let charging = text(lang, "page.battery.charging");
    for l in levels {
        let mut t = format!(
            "{} · {}",
            format::clock(l.0, offset_s),
            format::value(Some(l.1), 0, "%", code)
        );
        if l.2 == Some(true) {
            t.push_str(" · ");
            t.push_str(&charging);
        }
        m.tips.push(Tip {
            x: sx.at(l.0),
            y: sy.at(l.1.clamp(0.0, 100.0)),
            text: t,
        });
    }
    m.legend.push(("s0", text(lang, "page.battery.level")));
    let mut summary = model::range_text(stats, 0, "%", lang);
    if !spans.is_empty() {
        m.legend.push(("charge-span", charging.clone()));
        let total: f64 = spans.iter().map(|(a, b)| b - a).sum();
        summary = format!(
            "{summary}; {charging} {}",
            format::duration(total / 1000.0, code)
        );
    }
    m.summary = format!(
        "{}–{}: {summary}",
        format::clock(day.0, offset_s),
        super::heart::end_clock(day, offset_s)
    );
    m
}

/// The battery level through a day (`day`: Unix ms, end exclusive).
#[component]
pub fn BatteryChart(
    #[prop(into)] title: Signal<String>,
    levels: Vec<Level>,
    day: (f64, f64),
    offset_s: i32,
) -> impl IntoView {
    let i18n = use_i18n();
    let model = Memo::new(move |_| battery_day(&levels, day, offset_s, i18n.lang.get()));
    super::view::chart("battery", title, model)
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: f64 = 3_600_000.0;
    const DAY: (f64, f64) = (0.0, 24.0 * H);

    #[test]
    fn charging_spans_run_to_the_next_reading_and_unknown_is_not_charging() {
        let l = [
            (1.0 * H, 20.0, None),
            (2.0 * H, 30.0, Some(true)),
            (2.5 * H, 60.0, Some(true)),
            (3.0 * H, 80.0, Some(false)),
            (10.0 * H, 70.0, Some(true)),
            (23.5 * H, 50.0, Some(true)),
        ];
        assert_eq!(
            charge_spans(&l, DAY.1),
            vec![
                (2.0 * H, 3.0 * H),
                (10.0 * H, 13.0 * H),
                (23.5 * H, 24.0 * H)
            ]
        );
        let m = battery_day(&l, DAY, 0, Lang::En);
        let spans = m
            .marks
            .iter()
            .filter(|k| {
                matches!(
                    k,
                    Mark::Rect {
                        class: "charge-span",
                        ..
                    }
                )
            })
            .count();
        assert_eq!(spans, 3);
        assert_eq!(m.tips[1].text, "02:00 · 30% · Charging");
        assert_eq!(m.tips[0].text, "01:00 · 20%");
        assert!(m.summary.contains("Charging 4 h 30 min"), "{}", m.summary);
        assert!(
            m.summary.starts_with("00:00–24:00: from 20 to 80%"),
            "{}",
            m.summary
        );
        assert_eq!(m.legend.len(), 2);
    }

    #[test]
    fn a_long_silence_breaks_the_line_and_no_data_says_so() {
        let l = [
            (1.0 * H, 90.0, None),
            (2.0 * H, 88.0, None),
            (9.0 * H, 70.0, None),
        ];
        let m = battery_day(&l, DAY, 0, Lang::En);
        let d = m
            .marks
            .iter()
            .find_map(|k| match k {
                Mark::Path {
                    class: "line s0 battery-line",
                    d,
                } => Some(d.clone()),
                _ => None,
            })
            .unwrap();
        assert_eq!(d.matches('M').count(), 2, "{d}");
        assert_eq!(m.legend.len(), 1, "no charging: no charging legend");
        assert_eq!(battery_day(&[], DAY, 0, Lang::Ja).summary, "データなし");
    }
}
