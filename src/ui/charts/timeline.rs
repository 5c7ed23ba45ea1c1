//! A day timeline of events (the tag pages): events with an end are bars placed in
//! lanes so that none overlaps another, events without one are marks on their own
//! lane; clock labels at the wearer's UTC offset. The pure model is tested natively;
//! it is drawn by the kit's one renderer (`super::view::chart`).

use super::format::{self, fill};
use super::model::{empty, join, x_labels, x_ticks, Geo, Mark, Model, Tip, XAxis};
use super::sample::line_path;
use super::scale::DAY_MS;
use crate::i18n::{text, Lang};
use leptos::prelude::*;

/// One event: Unix ms of its start and (if it has a duration) its end, and its name.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub start: f64,
    pub end: Option<f64>,
    pub label: String,
}

/// Colors of spans and marks: two of the palette's classes that color both an SVG
/// shape and a legend swatch, in light and dark mode (style/main.css, charts).
const SPAN: &str = "st-1";
const MARK: &str = "st-4";

/// Height of a lane (viewBox units).
const LANE: f64 = 20.0;
/// Longest name shown in a tooltip or the text alternative (the list shows it whole).
const MAX_LABEL: usize = 60;

/// `s`, cut to [`MAX_LABEL`] characters with an ellipsis.
pub fn short(s: &str) -> String {
    if s.chars().count() <= MAX_LABEL {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(MAX_LABEL).collect();
        format!("{cut}…")
    }
}

/// The lane of each span (`(start, end)`, in the given order): the first lane whose
/// last span has ended.
pub fn lanes(spans: &[(f64, f64)]) -> Vec<usize> {
    let mut ends: Vec<f64> = Vec::new();
    spans
        .iter()
        .map(|&(s, e)| match ends.iter().position(|&last| last <= s) {
            Some(i) => {
                ends[i] = e;
                i
            }
            None => {
                ends.push(e);
                ends.len() - 1
            }
        })
        .collect()
}

/// The timeline of the day starting at `day_start` (Unix ms of local 00:00) for 24 h,
/// clock labels at `offset_s`. Events outside the day are left out; spans are cut to
/// the day (their tooltips keep the real times).
pub fn timeline(events: &[Event], day_start: f64, offset_s: i32, lang: Lang) -> Model {
    let (d0, d1) = (day_start, day_start + DAY_MS);
    let mut spans: Vec<(&Event, f64, f64)> = Vec::new();
    let mut marks: Vec<&Event> = Vec::new();
    for e in events {
        match e.end.filter(|end| *end > e.start) {
            Some(end) => {
                let (a, b) = (e.start.max(d0), end.min(d1));
                if a < b {
                    spans.push((e, a, b));
                }
            }
            None if (d0..=d1).contains(&e.start) => marks.push(e),
            None => {}
        }
    }
    spans.sort_by(|a, b| a.1.total_cmp(&b.1));
    marks.sort_by(|a, b| a.start.total_cmp(&b.start));
    let lane_of = lanes(&spans.iter().map(|s| (s.1, s.2)).collect::<Vec<_>>());
    let span_lanes = lane_of.iter().max().map_or(0, |m| m + 1);
    let first_span_lane = usize::from(!marks.is_empty());
    let rows = first_span_lane + span_lanes;
    let mut g = Geo {
        left: 8.0,
        right: 8.0,
        top: 4.0,
        bottom: 22.0,
        ..Geo::XY
    };
    if rows == 0 {
        g.h = 64.0;
        return empty(&g, lang);
    }
    g.h = g.top + rows as f64 * LANE + g.bottom;
    let sx = g.sx((d0, d1));
    let mut m = g.model();
    let xs: Vec<_> = x_ticks(XAxis::Clock { offset_s }, d0, d1, lang)
        .into_iter()
        .map(|(x, l)| (sx.at(x), l))
        .collect();
    let mut grid = line_path([Some((g.x0(), g.y0())), Some((g.x1(), g.y0()))]);
    for (x, _) in &xs {
        grid.push_str(&line_path([Some((*x, g.y1())), Some((*x, g.y0()))]));
    }
    m.marks.push(Mark::Path {
        class: "grid",
        d: grid,
    });
    x_labels(&mut m, &g, &xs);
    let lane_y = |lane: usize| g.y1() + lane as f64 * LANE;
    let code = lang.code();
    let clock = |t: f64| format::clock(t, offset_s);
    let mut parts = Vec::new();
    for e in &marks {
        let x = sx.at(e.start);
        let y = lane_y(0);
        m.marks.push(Mark::Rect {
            class: MARK,
            x: x - 2.0,
            y: y + 2.0,
            w: 4.0,
            h: LANE - 4.0,
        });
        let t = format!("{} · {}", clock(e.start), short(&e.label));
        parts.push(t.clone());
        m.tips.push(Tip {
            x,
            y: y + LANE / 2.0,
            text: t,
        });
    }
    for ((e, a, b), lane) in spans.iter().zip(&lane_of) {
        let (x0, x1) = (sx.at(*a), sx.at(*b));
        let y = lane_y(first_span_lane + lane);
        m.marks.push(Mark::Rect {
            class: SPAN,
            x: x0,
            y: y + 3.0,
            w: (x1 - x0).max(2.0),
            h: LANE - 6.0,
        });
        let end = e.end.unwrap_or(*b);
        let t = format!(
            "{}–{} · {} · {}",
            clock(e.start),
            clock(end),
            short(&e.label),
            format::duration((end - e.start) / 1000.0, code)
        );
        parts.push(t.clone());
        m.tips.push(Tip {
            x: (x0 + x1) / 2.0,
            y: y + LANE / 2.0,
            text: t,
        });
    }
    m.tips.sort_by(|a, b| a.x.total_cmp(&b.x));
    if !spans.is_empty() {
        m.legend.push((SPAN, text(lang, "page.tags.with_duration")));
    }
    if !marks.is_empty() {
        m.legend.push((MARK, text(lang, "page.tags.moment")));
    }
    let count = fill(
        &text(lang, "page.tags.count"),
        &[("n", &(marks.len() + spans.len()).to_string())],
    );
    m.summary = format!("{count}: {}", join(&parts, lang));
    m
}

/// The day timeline of `events` (see [`timeline`]).
#[component]
pub fn Timeline(
    #[prop(into)] title: Signal<String>,
    events: Vec<Event>,
    day_start: f64,
    #[prop(optional)] offset_s: i32,
) -> impl IntoView {
    let model = super::view::built(move |lang| timeline(&events, day_start, offset_s, lang));
    super::view::chart("timeline", title, model)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::charts::model::Mark;

    const H: f64 = 3_600_000.0;
    /// 2026-11-15 00:00 at +09:00.
    const DAY: f64 = 1_794_668_400_000.0;
    const JST: i32 = 9 * 3600;

    fn ev(start_h: f64, end_h: Option<f64>, label: &str) -> Event {
        Event {
            start: DAY + start_h * H,
            end: end_h.map(|e| DAY + e * H),
            label: label.to_owned(),
        }
    }

    fn rects(m: &Model, class: &str) -> Vec<(f64, f64, f64)> {
        m.marks
            .iter()
            .filter_map(|k| match k {
                Mark::Rect {
                    class: c, x, y, w, ..
                } if *c == class => Some((*x, *y, *w)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn overlapping_spans_get_their_own_lane() {
        assert_eq!(
            lanes(&[(0.0, 5.0), (1.0, 2.0), (5.0, 6.0), (2.0, 3.0)]),
            [0, 1, 0, 1]
        );
        assert!(lanes(&[]).is_empty());
    }

    #[test]
    fn spans_and_moments_are_drawn_with_their_times() {
        let m = timeline(
            &[
                ev(14.0 + 16.0 / 60.0, Some(15.8), "Late meal"),
                ev(10.5, None, "Caffeine"),
                ev(14.5, Some(16.0), "Sauna"),
            ],
            DAY,
            JST,
            Lang::En,
        );
        let spans = rects(&m, SPAN);
        let marks = rects(&m, MARK);
        assert_eq!((spans.len(), marks.len()), (2, 1));
        assert!(
            spans[0].1 != spans[1].1,
            "overlapping spans are on two lanes"
        );
        assert!(marks[0].1 < spans[0].1, "moments are on the first lane");
        let tips: Vec<&str> = m.tips.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            tips,
            [
                "10:30 · Caffeine",
                "14:16–15:48 · Late meal · 1 h 32 min",
                "14:30–16:00 · Sauna · 1 h 30 min"
            ]
        );
        assert!(
            m.summary.starts_with("Tags: 3: 10:30 · Caffeine"),
            "{}",
            m.summary
        );
        assert_eq!(m.legend.len(), 2);
        assert_eq!(m.h, 4.0 + 3.0 * LANE + 22.0);
    }

    #[test]
    fn a_span_from_the_day_before_is_cut_at_midnight_but_keeps_its_times() {
        let m = timeline(&[ev(-2.0, Some(1.0), "Fasting")], DAY, JST, Lang::Ja);
        let spans = rects(&m, SPAN);
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].0, 8.0, "starts at the left edge");
        assert_eq!(m.tips[0].text, "22:00–01:00 · Fasting · 3時間");
        assert_eq!(m.legend, vec![(SPAN, "時間のあるタグ".to_owned())]);
    }

    #[test]
    fn events_outside_the_day_leave_an_empty_chart() {
        let m = timeline(
            &[
                ev(-5.0, None, "x"),
                ev(-5.0, Some(-1.0), "y"),
                ev(30.0, None, "z"),
            ],
            DAY,
            JST,
            Lang::En,
        );
        assert_eq!(m.summary, "No data");
        assert!(m.tips.is_empty());
    }

    #[test]
    fn long_names_are_cut_in_the_chart_only() {
        let long = "é".repeat(5000);
        let m = timeline(&[ev(9.0, None, &long)], DAY, JST, Lang::En);
        assert_eq!(
            m.tips[0].text.chars().count(),
            "09:00 · ".chars().count() + 61
        );
        assert!(m.tips[0].text.ends_with('…'));
        assert_eq!(short("abc"), "abc");
    }

    #[test]
    fn a_span_ending_before_it_starts_is_a_moment() {
        let m = timeline(&[ev(9.0, Some(8.0), "Odd")], DAY, JST, Lang::En);
        assert_eq!(rects(&m, MARK).len(), 1);
        assert_eq!(m.tips[0].text, "09:00 · Odd");
    }
}
