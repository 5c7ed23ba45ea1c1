//! Pure chart models: what each chart draws (marks in viewBox coordinates), its
//! tooltip stops and its text alternative. Built from data + language, rendered by
//! one generic view (`super::view`), tested natively.

use super::format::{self, fill};
use super::sample::{band_path, downsample, line_path, runs, Point};
use super::scale::{date_ticks, nice_ticks, time_ticks, Linear, DAY_MS, MINUTE_MS};
use crate::i18n::{text, Lang};

/// One SVG shape. Classes are static (colors live in style/main.css, charts section).
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    Path {
        class: &'static str,
        d: String,
    },
    Rect {
        class: &'static str,
        x: f64,
        y: f64,
        w: f64,
        h: f64,
    },
    /// Text centered vertically on `y`; `anchor` is `start`, `middle` or `end`.
    Text {
        class: &'static str,
        x: f64,
        y: f64,
        anchor: &'static str,
        text: String,
    },
}

/// A tooltip stop: where the highlight goes (viewBox units) and what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct Tip {
    pub x: f64,
    pub y: f64,
    pub text: String,
}

/// Everything a chart shows.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Model {
    pub w: f64,
    pub h: f64,
    pub summary: String,
    pub marks: Vec<Mark>,
    /// Sorted by `x`.
    pub tips: Vec<Tip>,
    /// Legend entries: (color class, text).
    pub legend: Vec<(&'static str, String)>,
}

/// How x values are read and labelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XAxis {
    /// Unix ms shown as wall-clock times at this UTC offset (seconds).
    Clock { offset_s: i32 },
    /// Days as made by [`super::scale::day_ms`], shown as dates.
    Date,
    /// Plain numbers.
    Number,
}

impl XAxis {
    /// The x value as text for tooltips and summaries.
    pub fn label(self, x: f64, lang: Lang) -> String {
        match self {
            XAxis::Clock { offset_s } => format::clock(x, offset_s),
            XAxis::Date => format::date(x, lang.code()),
            XAxis::Number => format::number(x, 0, lang.code()),
        }
    }
}

/// A named line of points; `None` values are gaps.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Series {
    pub name: String,
    pub points: Vec<Point>,
}

impl Series {
    pub fn new(name: impl Into<String>, points: Vec<Point>) -> Self {
        Series {
            name: name.into(),
            points,
        }
    }
}

/// One x of a band chart: the range `low..high` and the line's `value`.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct BandPoint {
    pub x: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub value: Option<f64>,
}

/// Plot area inside the viewBox.
#[derive(Clone, Copy)]
pub(crate) struct Geo {
    pub(crate) w: f64,
    pub(crate) h: f64,
    pub(crate) left: f64,
    pub(crate) right: f64,
    pub(crate) top: f64,
    pub(crate) bottom: f64,
}

impl Geo {
    pub(crate) const XY: Geo = Geo {
        w: 360.0,
        h: 180.0,
        left: 40.0,
        right: 16.0,
        top: 10.0,
        bottom: 24.0,
    };

    pub(crate) fn x0(&self) -> f64 {
        self.left
    }
    pub(crate) fn x1(&self) -> f64 {
        self.w - self.right
    }
    pub(crate) fn y0(&self) -> f64 {
        self.h - self.bottom
    }
    pub(crate) fn y1(&self) -> f64 {
        self.top
    }
    pub(crate) fn model(&self) -> Model {
        Model {
            w: self.w,
            h: self.h,
            ..Model::default()
        }
    }
    pub(crate) fn sx(&self, domain: (f64, f64)) -> Linear {
        Linear::new(domain, (self.x0(), self.x1()))
    }
}

pub(crate) const MAX_X_TICKS: usize = 6;
pub(crate) const MAX_Y_TICKS: usize = 5;
const SERIES: [&str; 2] = ["line s0", "line s1"];
const SWATCH: [&str; 2] = ["s0", "s1"];

/// x tick marks (positions in viewBox units) for the data range `x0..=x1`.
pub(crate) fn x_ticks(axis: XAxis, x0: f64, x1: f64, lang: Lang) -> Vec<(f64, String)> {
    match axis {
        XAxis::Clock { offset_s } => time_ticks(x0, x1, offset_s, MAX_X_TICKS)
            .into_iter()
            .map(|t| (t, format::clock(t, offset_s)))
            .collect(),
        XAxis::Date => {
            let (step, ticks) = date_ticks(x0, x1, MAX_X_TICKS);
            ticks
                .into_iter()
                .map(|t| (t, format::date_tick(t, step, lang.code())))
                .collect()
        }
        XAxis::Number => {
            let (_, ticks) = nice_ticks(x0, x1, MAX_X_TICKS);
            ticks
                .into_iter()
                .filter(|t| (x0..=x1).contains(t))
                .map(|t| (t, format::number(t, decimals_of(&[t]), lang.code())))
                .collect()
        }
    }
}

/// Digits needed to print every tick value exactly (0–3).
fn decimals_of(ticks: &[f64]) -> u8 {
    (0..3)
        .find(|d| {
            let p = 10f64.powi(i32::from(*d));
            ticks.iter().all(|t| ((t * p).round() - t * p).abs() < 1e-6)
        })
        .unwrap_or(3)
}

/// Grid lines, y labels and x labels.
pub(crate) fn axes(
    m: &mut Model,
    g: &Geo,
    sy: &Linear,
    y_ticks: &[f64],
    xs: &[(f64, String)],
    lang: Lang,
) {
    let digits = decimals_of(y_ticks);
    let mut grid = String::new();
    for &t in y_ticks {
        let y = sy.at(t);
        grid.push_str(&line_path([Some((g.x0(), y)), Some((g.x1(), y))]));
        m.marks.push(Mark::Text {
            class: "tick tick-y",
            x: g.x0() - 6.0,
            y,
            anchor: "end",
            text: format::number(t, digits, lang.code()),
        });
    }
    m.marks.push(Mark::Path {
        class: "grid",
        d: grid,
    });
    x_labels(m, g, xs);
}

pub(crate) fn x_labels(m: &mut Model, g: &Geo, xs: &[(f64, String)]) {
    for (x, label) in xs {
        m.marks.push(Mark::Text {
            class: "tick tick-x",
            x: *x,
            y: g.h - g.bottom / 2.0 + 2.0,
            anchor: "middle",
            text: label.clone(),
        });
    }
}

/// Min, max and mean of the present values.
pub(crate) fn stats(values: impl IntoIterator<Item = Option<f64>>) -> Option<(f64, f64, f64)> {
    let (mut lo, mut hi, mut sum, mut n) = (f64::INFINITY, f64::NEG_INFINITY, 0.0, 0.0);
    for v in values.into_iter().flatten().filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
        sum += v;
        n += 1.0;
    }
    (n > 0.0).then(|| (lo, hi, sum / n))
}

/// "from 52 to 78 bpm, average 61 bpm".
pub(crate) fn range_text(s: (f64, f64, f64), decimals: u8, unit: &str, lang: Lang) -> String {
    let code = lang.code();
    fill(
        &text(lang, "charts.summary.range"),
        &[
            ("min", &format::number(s.0, decimals, code)),
            ("max", &format::value(Some(s.1), decimals, unit, code)),
            ("avg", &format::value(Some(s.2), decimals, unit, code)),
        ],
    )
}

/// The model of a chart without data: a centered "No data".
pub(crate) fn empty(g: &Geo, lang: Lang) -> Model {
    let mut m = g.model();
    m.summary = text(lang, "charts.no_data");
    m.marks.push(Mark::Text {
        class: "chart-empty",
        x: g.w / 2.0,
        y: g.h / 2.0,
        anchor: "middle",
        text: m.summary.clone(),
    });
    m
}

pub(crate) fn join(parts: &[String], lang: Lang) -> String {
    parts.join(if lang == Lang::Ja { "、" } else { ", " })
}

/// Lines over x (one or two series), gaps where y is `None`.
pub fn line(series: &[Series], axis: XAxis, unit: &str, decimals: u8, lang: Lang) -> Model {
    let g = Geo::XY;
    let all = || series.iter().flat_map(|s| s.points.iter());
    let Some((ylo, yhi, _)) = stats(all().map(|p| p.1)) else {
        return empty(&g, lang);
    };
    let (x0, x1) = all().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
        (a.min(p.0), b.max(p.0))
    });
    let (ydom, y_ticks) = nice_ticks(ylo, yhi, MAX_Y_TICKS);
    let sy = Linear::new(ydom, (g.y0(), g.y1()));
    let sx = g.sx((x0, x1));
    let mut m = g.model();
    let xs: Vec<_> = x_ticks(axis, x0, x1, lang)
        .into_iter()
        .map(|(x, l)| (sx.at(x), l))
        .collect();
    axes(&mut m, &g, &sy, &y_ticks, &xs, lang);
    let drawn: Vec<Vec<Point>> = series
        .iter()
        .map(|s| downsample(&s.points, (g.x1() - g.x0()) as usize))
        .collect();
    let mut summary = Vec::new();
    for (i, pts) in drawn.iter().enumerate() {
        m.marks.push(Mark::Path {
            class: SERIES[i % 2],
            d: line_path(pts.iter().map(|p| p.1.map(|y| (sx.at(p.0), sy.at(y))))),
        });
        let name = &series[i].name;
        if series.len() > 1 {
            m.legend.push((SWATCH[i % 2], name.clone()));
        }
        if let Some(s) = stats(series[i].points.iter().map(|p| p.1)) {
            let r = range_text(s, decimals, unit, lang);
            summary.push(if series.len() > 1 {
                format!("{name}: {r}")
            } else {
                r
            });
        }
    }
    let code = lang.code();
    for p in drawn.first().into_iter().flatten() {
        let Some(y) = p.1 else { continue };
        let mut t = format!(
            "{} · {}",
            axis.label(p.0, lang),
            format::value(Some(y), decimals, unit, code)
        );
        for (s, pts) in series.iter().zip(&drawn).skip(1) {
            let i = pts
                .partition_point(|q| q.0 < p.0)
                .min(pts.len().saturating_sub(1));
            let v = pts.get(i).and_then(|q| q.1);
            t.push_str(&format!(
                " · {}: {}",
                s.name,
                format::value(v, decimals, unit, code)
            ));
        }
        m.tips.push(Tip {
            x: sx.at(p.0),
            y: sy.at(y),
            text: t,
        });
    }
    m.summary = format!(
        "{}–{}: {}",
        axis.label(x0, lang),
        axis.label(x1, lang),
        join(&summary, lang)
    );
    m
}

/// One bar per day (x from `day_ms`), optionally a target line.
pub fn bars(bars: &[Point], target: Option<f64>, unit: &str, decimals: u8, lang: Lang) -> Model {
    let g = Geo::XY;
    let Some((lo, hi, avg)) = stats(bars.iter().map(|p| p.1)) else {
        return empty(&g, lang);
    };
    let (d0, d1) = bars
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
            (a.min(p.0), b.max(p.0))
        });
    let (ydom, y_ticks) = nice_ticks(lo.min(0.0), hi.max(target.unwrap_or(0.0)), MAX_Y_TICKS);
    let sy = Linear::new(ydom, (g.y0(), g.y1()));
    let sx = g.sx((d0, d1 + DAY_MS));
    let mut m = g.model();
    let xs: Vec<_> = x_ticks(XAxis::Date, d0, d1, lang)
        .into_iter()
        .map(|(x, l)| (sx.at(x + DAY_MS / 2.0), l))
        .collect();
    axes(&mut m, &g, &sy, &y_ticks, &xs, lang);
    let bw = (sx.at(d0 + DAY_MS) - sx.at(d0)) * 0.7;
    let code = lang.code();
    let mut days = 0;
    let mut met = 0;
    for &(x, v) in bars {
        let Some(v) = v else { continue };
        let hit = target.is_some_and(|t| v >= t);
        days += 1;
        met += usize::from(hit);
        let (y, base) = (sy.at(v), sy.at(0.0));
        let cx = sx.at(x + DAY_MS / 2.0);
        m.marks.push(Mark::Rect {
            class: if hit { "bar bar-met" } else { "bar" },
            x: cx - bw / 2.0,
            y: y.min(base),
            w: bw,
            h: (base - y).abs(),
        });
        m.tips.push(Tip {
            x: cx,
            y,
            text: format!(
                "{} · {}",
                format::date(x, code),
                format::value(Some(v), decimals, unit, code)
            ),
        });
    }
    m.tips.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut summary = range_text((lo, hi, avg), decimals, unit, lang);
    if let Some(t) = target {
        let y = sy.at(t);
        m.marks.push(Mark::Path {
            class: "target",
            d: line_path([Some((g.x0(), y)), Some((g.x1(), y))]),
        });
        let target_text = format::value(Some(t), decimals, unit, code);
        m.marks.push(Mark::Text {
            class: "target-label",
            x: g.x1(),
            y: y - 7.0,
            anchor: "end",
            text: format!("{} {target_text}", text(lang, "charts.target")),
        });
        summary = format!(
            "{summary}. {}",
            fill(
                &text(lang, "charts.summary.target"),
                &[("met", &met.to_string()), ("days", &days.to_string())]
            )
        );
    }
    m.summary = format!(
        "{}–{}: {summary}",
        format::date(d0, code),
        format::date(d1, code)
    );
    m
}

/// A `low..high` band with a line through `value`, gaps where data is missing.
pub fn band(points: &[BandPoint], axis: XAxis, unit: &str, decimals: u8, lang: Lang) -> Model {
    band_with(points, axis, unit, decimals, lang, false)
}

/// [`band`] for a personal baseline: the usual range as the band, and a dot on every
/// value outside it (its tooltip says so).
pub fn baseline(points: &[BandPoint], axis: XAxis, unit: &str, decimals: u8, lang: Lang) -> Model {
    band_with(points, axis, unit, decimals, lang, true)
}

/// Whether a point's value lies outside its band.
fn outside(p: &BandPoint) -> bool {
    match (p.value, p.low, p.high) {
        (Some(v), Some(lo), Some(hi)) => v < lo || v > hi,
        _ => false,
    }
}

fn band_with(
    points: &[BandPoint],
    axis: XAxis,
    unit: &str,
    decimals: u8,
    lang: Lang,
    mark_outside: bool,
) -> Model {
    let g = Geo::XY;
    let values = || points.iter().flat_map(|p| [p.low, p.high, p.value]);
    let Some((ylo, yhi, _)) = stats(values()) else {
        return empty(&g, lang);
    };
    let (x0, x1) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
            (a.min(p.x), b.max(p.x))
        });
    let (ydom, y_ticks) = nice_ticks(ylo, yhi, MAX_Y_TICKS);
    let sy = Linear::new(ydom, (g.y0(), g.y1()));
    let sx = g.sx((x0, x1));
    let mut m = g.model();
    let xs: Vec<_> = x_ticks(axis, x0, x1, lang)
        .into_iter()
        .map(|(x, l)| (sx.at(x), l))
        .collect();
    axes(&mut m, &g, &sy, &y_ticks, &xs, lang);
    m.marks.push(Mark::Path {
        class: "band",
        d: band_path(points.iter().map(|p| match (p.low, p.high) {
            (Some(lo), Some(hi)) => Some((sx.at(p.x), sy.at(hi), sy.at(lo))),
            _ => None,
        })),
    });
    m.marks.push(Mark::Path {
        class: SERIES[0],
        d: line_path(
            points
                .iter()
                .map(|p| p.value.map(|v| (sx.at(p.x), sy.at(v)))),
        ),
    });
    if mark_outside {
        // A dot (two arcs) on every value outside the band.
        let mut d = String::new();
        for p in points.iter().filter(|p| outside(p)) {
            if let Some(v) = p.value {
                let (x, y) = (sx.at(p.x), sy.at(v));
                d.push_str(&format!(
                    "M{} {}a3 3 0 1 0 6 0a3 3 0 1 0-6 0",
                    format::fixed(x - 3.0, 1),
                    format::fixed(y, 1)
                ));
            }
        }
        m.marks.push(Mark::Path {
            class: "chart-outside",
            d,
        });
    }
    let code = lang.code();
    let v = |v| format::value(v, decimals, unit, code);
    let note = text(lang, "charts.outside");
    for p in points {
        let Some(y) = p.value.or(p.high).or(p.low) else {
            continue;
        };
        let mut t = format!(
            "{} · {} ({}–{})",
            axis.label(p.x, lang),
            v(p.value),
            v(p.low),
            v(p.high)
        );
        if mark_outside && outside(p) {
            t.push_str(" · ");
            t.push_str(&note);
        }
        m.tips.push(Tip {
            x: sx.at(p.x),
            y: sy.at(y),
            text: t,
        });
    }
    let mut summary = stats(points.iter().map(|p| p.value))
        .map(|s| range_text(s, decimals, unit, lang))
        .unwrap_or_default();
    if let Some((lo, hi, _)) = stats(points.iter().flat_map(|p| [p.low, p.high])) {
        let band = fill(
            &text(lang, "charts.summary.band"),
            &[
                ("min", &format::number(lo, decimals, code)),
                ("max", &v(Some(hi))),
            ],
        );
        summary = if summary.is_empty() {
            band
        } else {
            format!("{summary}; {band}")
        };
    }
    m.summary = format!(
        "{}–{}: {summary}",
        axis.label(x0, lang),
        axis.label(x1, lang)
    );
    m
}

/// A 5-minute category string as colored runs along clock time: the shared part of
/// [`hypnogram`] and [`strip`]. `kinds` lists (character, row, color class, i18n key)
/// in summary order.
struct Steps<'a> {
    kinds: &'a [(char, usize, &'static str, &'static str)],
    rows: usize,
    geo: Geo,
    /// Draw a stepped line through the row centers.
    step_line: bool,
}

const FIVE_MIN: f64 = 5.0 * MINUTE_MS;

impl Steps<'_> {
    fn model(&self, s: &str, start: f64, offset_s: i32, lang: Lang) -> Model {
        let g = self.geo;
        let n = s.chars().count();
        if !s.chars().any(|c| self.kinds.iter().any(|k| k.0 == c)) {
            return empty(&g, lang);
        }
        let end = start + n as f64 * FIVE_MIN;
        let sx = g.sx((start, end));
        let row_h = (g.y0() - g.y1()) / self.rows as f64;
        let code = lang.code();
        let mut m = g.model();
        if self.rows > 1 {
            for k in self.kinds {
                m.marks.push(Mark::Text {
                    class: "tick tick-y",
                    x: g.x0() - 6.0,
                    y: g.y1() + (k.1 as f64 + 0.5) * row_h,
                    anchor: "end",
                    text: text(lang, k.3),
                });
            }
        }
        let xs: Vec<_> = x_ticks(XAxis::Clock { offset_s }, start, end, lang)
            .into_iter()
            .map(|(x, l)| (sx.at(x), l))
            .collect();
        x_labels(&mut m, &g, &xs);
        let mut steps = Vec::new();
        let mut totals = vec![0usize; self.kinds.len()];
        for (c, i, len) in runs(s) {
            let Some(ki) = self.kinds.iter().position(|k| k.0 == c) else {
                steps.push(None);
                continue;
            };
            let k = self.kinds[ki];
            totals[ki] += len;
            let (t0, t1) = (
                start + i as f64 * FIVE_MIN,
                start + (i + len) as f64 * FIVE_MIN,
            );
            let (x0, x1) = (sx.at(t0), sx.at(t1));
            let yc = g.y1() + (k.1 as f64 + 0.5) * row_h;
            m.marks.push(Mark::Rect {
                class: k.2,
                x: x0,
                y: yc - row_h * 0.35,
                w: x1 - x0,
                h: row_h * 0.7,
            });
            steps.extend([Some((x0, yc)), Some((x1, yc))]);
            m.tips.push(Tip {
                x: (x0 + x1) / 2.0,
                y: yc,
                text: format!(
                    "{}–{} · {} · {}",
                    format::clock(t0, offset_s),
                    format::clock(t1, offset_s),
                    text(lang, k.3),
                    format::duration(len as f64 * 300.0, code)
                ),
            });
        }
        if self.step_line {
            m.marks.insert(
                0,
                Mark::Path {
                    class: "step",
                    d: line_path(steps),
                },
            );
        }
        let parts: Vec<String> = self
            .kinds
            .iter()
            .zip(&totals)
            .filter(|(_, n)| **n > 0)
            .map(|(k, n)| {
                let t = format!(
                    "{} {}",
                    text(lang, k.3),
                    format::duration(*n as f64 * 300.0, code)
                );
                m.legend.push((k.2, t.clone()));
                t
            })
            .collect();
        m.summary = format!(
            "{}–{}: {}",
            format::clock(start, offset_s),
            format::clock(end, offset_s),
            join(&parts, lang)
        );
        m
    }
}

/// Sleep stages from Oura's `sleep_phase_5_min` ('1' deep, '2' light, '3' REM,
/// '4' awake) starting at `start` (Unix ms), clock labels at `offset_s`.
pub fn hypnogram(phases: &str, start: f64, offset_s: i32, lang: Lang) -> Model {
    let mut m = Steps {
        kinds: &[
            ('1', 3, "stage st-1", "charts.stage.deep"),
            ('2', 2, "stage st-2", "charts.stage.light"),
            ('3', 1, "stage st-3", "charts.stage.rem"),
            ('4', 0, "stage st-4", "charts.stage.awake"),
        ],
        rows: 4,
        geo: Geo {
            h: 150.0,
            left: 48.0,
            ..Geo::XY
        },
        step_line: true,
    }
    .model(phases, start, offset_s, lang);
    m.legend.clear();
    m
}

/// Activity levels from daily_activity's `class_5_min` ('0' non-wear, '1' rest,
/// '2' inactive, '3' low, '4' medium, '5' high) starting at `start` (Unix ms).
pub fn strip(classes: &str, start: f64, offset_s: i32, lang: Lang) -> Model {
    Steps {
        kinds: &[
            ('5', 0, "act ac-5", "charts.class.high"),
            ('4', 0, "act ac-4", "charts.class.medium"),
            ('3', 0, "act ac-3", "charts.class.low"),
            ('2', 0, "act ac-2", "charts.class.inactive"),
            ('1', 0, "act ac-1", "charts.class.rest"),
            ('0', 0, "act ac-0", "charts.class.non_wear"),
        ],
        rows: 1,
        geo: Geo {
            h: 64.0,
            left: 8.0,
            right: 8.0,
            top: 4.0,
            bottom: 22.0,
            ..Geo::XY
        },
        step_line: false,
    }
    .model(classes, start, offset_s, lang)
}

/// The color band of a 0–100 score (Oura's: 85+ optimal, 70+ good, else pay attention).
pub fn score_class(score: Option<i64>) -> &'static str {
    match score {
        Some(s) if s >= 85 => "ring-bar ring-top",
        Some(s) if s >= 70 => "ring-bar ring-good",
        Some(_) => "ring-bar ring-low",
        None => "ring-bar",
    }
}

#[cfg(test)]
mod tests;
