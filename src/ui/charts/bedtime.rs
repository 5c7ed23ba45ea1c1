//! The bedtime chart: per night, the optimal bedtime window (a band) and the actual
//! bedtime (a dot), on a clock-time axis around midnight (later is lower). Pure model
//! (natively tested) and its component, drawn by the shared renderer.

use super::format::{self, fill};
use super::model::{empty, join, x_labels, x_ticks, Geo, Mark, Model, Tip, XAxis};
use super::scale::{day_ms, Linear, DAY_MS};
use crate::i18n::{text, Lang};
use chrono::NaiveDate;
use leptos::prelude::*;

/// One night: seconds relative to local midnight at the start of `day` (negative: the
/// evening before).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Night {
    pub day: NaiveDate,
    /// The optimal bedtime window `(start, end)`.
    pub window: Option<(i64, i64)>,
    /// When the night's main sleep began.
    pub bedtime: Option<i64>,
}

const HOUR: i64 = 3600;

/// A time of night as a clock: `-900` → `23:45`.
pub fn night_clock(rel_s: i64) -> String {
    format::clock(rel_s.rem_euclid(86_400) as f64 * 1000.0, 0)
}

/// Hour ticks covering `lo..=hi` (seconds), every 1, 2 or 3 hours.
fn hour_ticks(lo: i64, hi: i64) -> (i64, i64, Vec<i64>) {
    let span = (hi - lo).max(1);
    let step = if span > 12 * HOUR {
        3 * HOUR
    } else if span > 6 * HOUR {
        2 * HOUR
    } else {
        HOUR
    };
    let first = lo.div_euclid(step) * step;
    let last = (hi + step - 1).div_euclid(step) * step;
    let last = if last == first { first + step } else { last };
    let ticks = (0..)
        .map(|i| first + i * step)
        .take_while(|t| *t <= last)
        .collect();
    (first, last, ticks)
}

/// The chart of `nights` over every day of `(first, last)`.
pub fn model(nights: &[Night], (first, last): (NaiveDate, NaiveDate), lang: Lang) -> Model {
    let g = Geo {
        left: 48.0,
        ..Geo::XY
    };
    let values: Vec<i64> = nights
        .iter()
        .flat_map(|n| {
            n.window
                .into_iter()
                .flat_map(|(a, b)| [a, b])
                .chain(n.bedtime)
        })
        .collect();
    let (Some(&lo), Some(&hi)) = (values.iter().min(), values.iter().max()) else {
        return empty(&g, lang);
    };
    let (y_lo, y_hi, ticks) = hour_ticks(lo, hi);
    // Later is lower: the earliest time at the top.
    let sy = Linear::new((y_lo as f64, y_hi as f64), (g.y1(), g.y0()));
    let (d0, d1) = (day_ms(first), day_ms(last));
    let sx = g.sx((d0, d1 + DAY_MS));
    let mut m = g.model();
    let mut grid = String::new();
    for t in &ticks {
        let y = sy.at(*t as f64);
        grid.push_str(&super::sample::line_path([
            Some((g.x0(), y)),
            Some((g.x1(), y)),
        ]));
        m.marks.push(Mark::Text {
            class: "tick tick-y",
            x: g.x0() - 6.0,
            y,
            anchor: "end",
            text: night_clock(*t),
        });
    }
    m.marks.push(Mark::Path {
        class: "grid",
        d: grid,
    });
    let xs: Vec<_> = x_ticks(XAxis::Date, d0, d1, lang)
        .into_iter()
        .map(|(x, l)| (sx.at(x + DAY_MS / 2.0), l))
        .collect();
    x_labels(&mut m, &g, &xs);
    let bw = (sx.at(d0 + DAY_MS) - sx.at(d0)) * 0.7;
    let code = lang.code();
    let mut dots = String::new();
    let (mut beds, mut windows, mut within) = (0usize, 0usize, 0usize);
    let mut sorted = nights.to_vec();
    sorted.sort_by_key(|n| n.day);
    for n in sorted.iter().filter(|n| n.day >= first && n.day <= last) {
        let cx = sx.at(day_ms(n.day) + DAY_MS / 2.0);
        let mut parts = vec![format::date(day_ms(n.day), code)];
        if let Some((a, b)) = n.window {
            windows += 1;
            let (ya, yb) = (sy.at(a as f64), sy.at(b as f64));
            m.marks.push(Mark::Rect {
                class: "bt-window",
                x: cx - bw / 2.0,
                y: ya.min(yb),
                w: bw,
                h: (yb - ya).abs().max(1.0),
            });
        }
        if let Some(b) = n.bedtime {
            beds += 1;
            dots.push_str(&super::sample::line_path([Some((cx, sy.at(b as f64)))]));
            parts.push(format!(
                "{} {}",
                text(lang, "view.f.bedtime"),
                night_clock(b)
            ));
            if n.window.is_some_and(|(a, e)| (a..=e).contains(&b)) {
                within += 1;
            }
        }
        if let Some((a, b)) = n.window {
            parts.push(format!(
                "{} {}–{}",
                text(lang, "page.bedtime.chart.window"),
                night_clock(a),
                night_clock(b)
            ));
        }
        let y = n
            .bedtime
            .or(n.window.map(|w| w.0))
            .map_or(g.y0(), |v| sy.at(v as f64));
        m.tips.push(Tip {
            x: cx,
            y,
            text: parts.join(" · "),
        });
    }
    m.marks.push(Mark::Path {
        class: "bt-dot",
        d: dots,
    });
    m.legend = vec![
        ("bt-window", text(lang, "page.bedtime.chart.window")),
        ("bt-dot", text(lang, "view.f.bedtime")),
    ];
    let counts = fill(
        &text(lang, "page.bedtime.chart.summary"),
        &[
            ("beds", &beds.to_string()),
            ("windows", &windows.to_string()),
            ("within", &within.to_string()),
        ],
    );
    m.summary = join(
        &[format!(
            "{}–{}: {counts}",
            format::date(d0, code),
            format::date(d1, code)
        )],
        lang,
    );
    m
}

/// Bedtimes of the nights of `(first, last)` against their optimal windows.
#[component]
pub fn BedtimeChart(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] nights: Signal<Vec<Night>>,
    #[prop(into)] window: Signal<Option<(NaiveDate, NaiveDate)>>,
) -> impl IntoView {
    let m = super::view::built(move |lang| match window.get() {
        Some(w) => nights.with(|n| model(n, w, lang)),
        None => model(&[], (NaiveDate::default(), NaiveDate::default()), lang),
    });
    super::view::chart("bedtime", title, m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn clock_times_around_midnight() {
        assert_eq!(night_clock(-900), "23:45");
        assert_eq!(night_clock(2700), "00:45");
        assert_eq!(night_clock(-7200), "22:00");
        assert_eq!(hour_ticks(-900, 2820), (-3600, 3600, vec![-3600, 0, 3600]));
        assert_eq!(hour_ticks(0, 0), (0, 3600, vec![0, 3600]));
    }

    #[test]
    fn nights_are_drawn_and_described() {
        let nights = [
            Night {
                day: d("2026-11-14"),
                window: Some((-900, 2700)),
                bedtime: Some(-120),
            },
            Night {
                day: d("2026-11-15"),
                window: None,
                bedtime: Some(2817),
            },
            Night {
                day: d("2026-11-16"),
                window: Some((-7200, -3600)),
                bedtime: None,
            },
        ];
        let m = model(&nights, (d("2026-11-01"), d("2026-11-30")), Lang::En);
        let windows = m
            .marks
            .iter()
            .filter(|k| {
                matches!(
                    k,
                    Mark::Rect {
                        class: "bt-window",
                        ..
                    }
                )
            })
            .count();
        assert_eq!(windows, 2);
        assert_eq!(m.tips.len(), 3);
        assert!(m.tips[0].text.contains("23:58"), "{}", m.tips[0].text);
        assert!(m.tips[0].text.contains("23:45–00:45"), "{}", m.tips[0].text);
        assert!(m.tips[1].text.contains("00:46"), "{}", m.tips[1].text);
        assert!(m.summary.contains('2'), "{}", m.summary);
        // Later is lower.
        let y = |t: &Tip| t.y;
        assert!(y(&m.tips[1]) > y(&m.tips[0]));
        assert_eq!(
            model(&[], (d("2026-11-01"), d("2026-11-30")), Lang::En).summary,
            text(Lang::En, "charts.no_data")
        );
    }
}
