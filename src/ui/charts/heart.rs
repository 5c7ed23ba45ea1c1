//! The heart-rate day chart: one day's samples as a line coloured by source, zoomable
//! to a range of whole hours (drag with a pointer or a finger, or the buttons), the
//! visible range drawn from its own samples (zoomed in, the finer samples show).
//! The model and the zoom arithmetic are pure (tested natively); the component wraps
//! the kit's one renderer.

use super::format;
use super::model::{self, Geo, Mark, Model, Tip, XAxis};
use super::sample::{downsample, line_path, Point};
use super::scale::{nice_ticks, Linear, MINUTE_MS};
use crate::i18n::{text, use_i18n, Lang};
use leptos::ev::PointerEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Line classes of the source colors (index = `doc::heartrate::Source::color`).
pub const LINES: [&str; 7] = [
    "line s1",
    "line hr-rest",
    "line hr-sleep",
    "line hr-session",
    "line s0",
    "line hr-workout",
    "line hr-other",
];
/// Legend swatch classes, same order.
pub const SWATCHES: [&str; 7] = [
    "s1",
    "hr-rest",
    "hr-sleep",
    "hr-session",
    "s0",
    "hr-workout",
    "hr-other",
];

/// A sample to draw: Unix ms, bpm, index into the chart's `labels`.
pub type HrPoint = (f64, f64, usize);

/// A source as the legend and tooltips name it: (color index, name).
pub type HrLabel = (usize, String);

/// Samples further apart than this are not joined (the ring was off, or not worn).
pub const GAP_MS: f64 = 30.0 * MINUTE_MS;
const HOUR_MS: f64 = 60.0 * MINUTE_MS;

/// The heart-rate model of the samples inside `range` (Unix ms, start inclusive),
/// clock labels at `offset_s`. `samples` are in time order.
pub fn hr_day(
    samples: &[HrPoint],
    labels: &[HrLabel],
    range: (f64, f64),
    offset_s: i32,
    unit: &str,
    lang: Lang,
) -> Model {
    let g = Geo::XY;
    let from = samples.partition_point(|s| s.0 < range.0);
    let to = samples.partition_point(|s| s.0 < range.1);
    let visible = &samples[from..to];
    let Some((lo, hi, avg)) = model::stats(visible.iter().map(|s| Some(s.1))) else {
        let mut m = model::empty(&g, lang);
        legend(&mut m, labels, samples);
        return m;
    };
    let (ydom, y_ticks) = nice_ticks(lo, hi, model::MAX_Y_TICKS);
    let sy = Linear::new(ydom, (g.y0(), g.y1()));
    let sx = g.sx(range);
    let mut m = g.model();
    let axis = XAxis::Clock { offset_s };
    let xs: Vec<_> = model::x_ticks(axis, range.0, range.1, lang)
        .into_iter()
        .map(|(x, l)| (sx.at(x), l))
        .collect();
    model::axes(&mut m, &g, &sy, &y_ticks, &xs, lang);
    let px = g.x1() - g.x0();
    let code = lang.code();
    // Runs of one source without a gap; each run starts at the previous run's last
    // sample when they touch, so the line is continuous and changes color there.
    let mut start = 0;
    while start < visible.len() {
        let color = labels.get(visible[start].2).map_or(6, |l| l.0);
        let mut end = start + 1;
        while end < visible.len()
            && visible[end].2 == visible[start].2
            && visible[end].0 - visible[end - 1].0 <= GAP_MS
        {
            end += 1;
        }
        let joined = start > 0 && visible[start].0 - visible[start - 1].0 <= GAP_MS;
        let first = if joined { start - 1 } else { start };
        let pts: Vec<Point> = visible[first..end]
            .iter()
            .map(|s| (s.0, Some(s.1)))
            .collect();
        let share = (visible[end - 1].0 - visible[first].0) / (range.1 - range.0).max(1.0);
        let drawn = downsample(&pts, ((share * px).ceil() as usize).max(1));
        m.marks.push(Mark::Path {
            class: LINES[color.min(6)],
            d: line_path(drawn.iter().map(|p| p.1.map(|y| (sx.at(p.0), sy.at(y))))),
        });
        let name = labels.get(visible[start].2).map_or("", |l| l.1.as_str());
        for p in drawn.iter().skip(usize::from(joined)) {
            let Some(y) = p.1 else { continue };
            m.tips.push(Tip {
                x: sx.at(p.0),
                y: sy.at(y),
                text: format!(
                    "{} · {} · {name}",
                    format::clock(p.0, offset_s),
                    format::value(Some(y), 0, unit, code)
                ),
            });
        }
        start = end;
    }
    m.tips.sort_by(|a, b| a.x.total_cmp(&b.x));
    legend(&mut m, labels, samples);
    m.summary = format!(
        "{}–{}: {}",
        format::clock(range.0, offset_s),
        end_clock(range, offset_s),
        model::range_text((lo, hi, avg), 0, unit, lang)
    );
    m
}

/// The wall-clock time of a range's end: `24:00` for the midnight that ends it.
pub fn end_clock(range: (f64, f64), offset_s: i32) -> String {
    let t = format::clock(range.1, offset_s);
    if t == "00:00" && range.1 > range.0 {
        "24:00".to_owned()
    } else {
        t
    }
}

/// One legend entry per source the day has.
fn legend(m: &mut Model, labels: &[HrLabel], samples: &[HrPoint]) {
    for (i, (color, name)) in labels.iter().enumerate() {
        if samples.iter().any(|s| s.2 == i) {
            m.legend.push((SWATCHES[(*color).min(6)], name.clone()));
        }
    }
}

/// `t` floored to a whole hour of the wall clock at `offset_s`.
fn floor_hour(t: f64, offset_s: i32) -> f64 {
    let off = f64::from(offset_s) * 1000.0;
    ((t + off) / HOUR_MS).floor() * HOUR_MS - off
}

/// The whole-hour range covering `a..b` (either order) inside `day`, at least an hour.
pub fn snap(a: f64, b: f64, day: (f64, f64), offset_s: i32) -> (f64, f64) {
    let (a, b) = (a.min(b), a.max(b));
    let mut from = floor_hour(a, offset_s).max(day.0);
    let mut to = (floor_hour(b, offset_s)
        + if b == floor_hour(b, offset_s) {
            0.0
        } else {
            HOUR_MS
        })
    .min(day.1);
    if to - from < HOUR_MS {
        to = (from + HOUR_MS).min(day.1);
        from = (to - HOUR_MS).max(day.0);
    }
    (from, to)
}

/// Half the range around its middle (whole hours, at least one).
pub fn zoom_in(range: (f64, f64), day: (f64, f64), offset_s: i32) -> (f64, f64) {
    let hours = ((range.1 - range.0) / HOUR_MS).round();
    let half = (hours / 2.0).floor().max(1.0) * HOUR_MS;
    let mid = floor_hour((range.0 + range.1) / 2.0, offset_s);
    let from = floor_hour(mid - half / 2.0, offset_s).max(day.0);
    snap(from, (from + half).min(day.1), day, offset_s)
}

/// Twice the range around its middle, inside the day.
pub fn zoom_out(range: (f64, f64), day: (f64, f64), offset_s: i32) -> (f64, f64) {
    let w = (range.1 - range.0) * 2.0;
    if w >= day.1 - day.0 {
        return day;
    }
    let from = (range.0 - w / 4.0).max(day.0);
    let to = (from + w).min(day.1);
    snap((to - w).max(day.0), to, day, offset_s)
}

/// The range moved by half its width, earlier (`dir < 0`) or later, inside the day.
pub fn pan(range: (f64, f64), day: (f64, f64), dir: i32, offset_s: i32) -> (f64, f64) {
    let w = range.1 - range.0;
    let step = floor_hour(w / 2.0, 0).max(HOUR_MS) * f64::from(dir.signum());
    let from = (range.0 + step).clamp(day.0, (day.1 - w).max(day.0));
    snap(from, from + w, day, offset_s)
}

/// A zoom step: (range, day, offset) → range.
type Zoom = fn((f64, f64), (f64, f64), i32) -> (f64, f64);

/// The instant at viewBox x `vx` when `range` is drawn.
pub fn time_at(range: (f64, f64), vx: f64) -> f64 {
    let g = Geo::XY;
    let x = vx.clamp(g.x0(), g.x1());
    Linear::new(range, (g.x0(), g.x1())).invert(x)
}

/// A day's heart rate with a zoom: `day` is the local day (Unix ms, end exclusive);
/// drag across the chart to zoom to those hours, or use the buttons.
#[component]
pub fn HeartRateChart(
    #[prop(into)] title: Signal<String>,
    samples: Vec<HrPoint>,
    labels: Vec<HrLabel>,
    day: (f64, f64),
    offset_s: i32,
    #[prop(into)] unit: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let range = RwSignal::new(day);
    // The drag in progress: (start, current) in viewBox x.
    let drag = RwSignal::new(None::<(f64, f64)>);
    let samples = StoredValue::new(samples);
    let labels = StoredValue::new(labels);
    let model = Memo::new(move |_| {
        let lang = i18n.lang.get();
        let r = range.get();
        let mut m =
            samples.with_value(|s| labels.with_value(|l| hr_day(s, l, r, offset_s, &unit, lang)));
        if let Some((a, b)) = drag.get() {
            let g = Geo::XY;
            let (a, b) = (a.min(b).max(g.x0()), a.max(b).min(g.x1()));
            m.marks.push(Mark::Rect {
                class: "band",
                x: a,
                y: g.y1(),
                w: b - a,
                h: g.y0() - g.y1(),
            });
        }
        m
    });
    let vx = move |ev: &PointerEvent| {
        let (left, width) = ev.current_target().and_then(|t| super::view::box_x(&t))?;
        (width > 0.0).then(|| (f64::from(ev.client_x()) - left) / width * Geo::XY.w)
    };
    let down = move |ev: PointerEvent| {
        if ev.is_primary() && ev.button() <= 0 {
            // Keep the pointer's events until it is released, even outside the chart.
            if let Some(el) = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let _ = el.set_pointer_capture(ev.pointer_id());
            }
            drag.set(vx(&ev).map(|x| (x, x)));
        }
    };
    let moved = move |ev: PointerEvent| {
        if let (Some((a, _)), Some(x)) = (drag.get_untracked(), vx(&ev)) {
            drag.set(Some((a, x)));
        }
    };
    let up = move |ev: PointerEvent| {
        let end = vx(&ev);
        if let (Some((a, b)), r) = (drag.get_untracked(), range.get_untracked()) {
            let b = end.unwrap_or(b);
            // A tap (or a tiny move) only shows the tooltip.
            if (b - a).abs() >= 12.0 {
                range.set(snap(time_at(r, a), time_at(r, b), day, offset_s));
            }
        }
        drag.set(None);
    };
    let cancel = move |_: PointerEvent| drag.set(None);
    let whole = move || range.get() == day;
    let shown = move || {
        let (a, b) = range.get();
        format::fill(
            &text(i18n.lang.get(), "page.heartrate.zoom.shown"),
            &[
                ("from", &format::clock(a, offset_s)),
                ("to", &end_clock((a, b), offset_s)),
            ],
        )
    };
    let button = move |key: &'static str, icon: &'static str, f: Zoom, off: Signal<bool>| {
        view! {
            <button
                type="button"
                class="button day-step"
                aria-label=i18n.tr(key)
                title=i18n.tr(key)
                disabled=off
                on:click=move |_| range.update(|r| *r = f(*r, day, offset_s))
            >
                <span aria-hidden="true">{icon}</span>
            </button>
        }
    };
    let earlier = |r, d, o| pan(r, d, -1, o);
    let later = |r, d, o| pan(r, d, 1, o);
    let reset = |_, d, _| d;
    view! {
        <div class="hr-chart">
            <p class="view-note hr-zoom-range" aria-live="polite">{shown}</p>
            <div
                class="hr-drag"
                on:pointerdown=down
                on:pointermove=moved
                on:pointerup=up
                on:pointercancel=cancel
            >
                {super::view::chart("hr", title, model)}
            </div>
            <div class="range-buttons" role="group" aria-label=i18n.tr("page.heartrate.zoom")>
                                {button("page.heartrate.zoom.earlier", "‹", earlier, Signal::derive(move || range.get().0 <= day.0))}
                {button("page.heartrate.zoom.in", "+", zoom_in, Signal::derive(move || range.get().1 - range.get().0 <= HOUR_MS))}
                {button("page.heartrate.zoom.out", "−", zoom_out, Signal::derive(whole))}
                {button("page.heartrate.zoom.later", "›", later, Signal::derive(move || range.get().1 >= day.1))}
                <button
                    type="button"
                    class="button hr-zoom-reset"
                    disabled=whole
                    on:click=move |_| range.update(|r| *r = reset(*r, day, offset_s))
                >
                    {i18n.tr("page.heartrate.zoom.reset")}
                </button>
            </div>
            <p class="view-note">{i18n.tr("page.heartrate.zoom.hint")}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: f64 = HOUR_MS;
    /// A local day at +09:00: 2026-11-15 00:00+09:00 = 2026-11-14 15:00 UTC.
    const DAY0: f64 = 1_794_668_400_000.0;
    const DAY: (f64, f64) = (DAY0, DAY0 + 24.0 * H);
    const OFF: i32 = 9 * 3600;

    fn labels() -> Vec<HrLabel> {
        vec![
            (0, "Awake".into()),
            (2, "Sleep".into()),
            (6, "Meditation pro".into()),
        ]
    }

    #[test]
    fn the_line_changes_color_with_the_source_and_breaks_at_gaps() {
        let s: Vec<HrPoint> = vec![
            (DAY0 + 1.0 * H, 50.0, 1),
            (DAY0 + 1.0 * H + 5.0 * MINUTE_MS, 52.0, 1),
            (DAY0 + 1.0 * H + 10.0 * MINUTE_MS, 70.0, 0),
            // 2 h later: a gap.
            (DAY0 + 3.0 * H, 90.0, 2),
        ];
        let m = hr_day(&s, &labels(), DAY, OFF, "bpm", Lang::En);
        let lines: Vec<_> = m
            .marks
            .iter()
            .filter_map(|k| match k {
                Mark::Path { class, d } if class.starts_with("line") => Some((*class, d.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(
            lines.iter().map(|l| l.0).collect::<Vec<_>>(),
            vec!["line hr-sleep", "line s1", "line hr-other"]
        );
        assert!(
            lines[1].1.contains('L'),
            "the awake run starts at the sleep run's end"
        );
        assert!(
            lines[2].1.ends_with("h0"),
            "after a gap, a lone sample is a dot"
        );
        assert_eq!(m.tips.len(), 4);
        assert_eq!(m.tips[0].text, "01:00 · 50 bpm · Sleep");
        assert_eq!(m.tips[3].text, "03:00 · 90 bpm · Meditation pro");
        assert_eq!(
            m.legend,
            vec![
                ("s1", "Awake".to_owned()),
                ("hr-sleep", "Sleep".to_owned()),
                ("hr-other", "Meditation pro".to_owned())
            ]
        );
        assert_eq!(m.summary, "00:00–24:00: from 50 to 90 bpm, average 66 bpm");
    }

    #[test]
    fn a_zoomed_range_draws_its_own_finer_samples() {
        // One sample a minute all day: the whole day is thinned, an hour is not.
        let s: Vec<HrPoint> = (0..1440)
            .map(|i| (DAY0 + f64::from(i) * MINUTE_MS, 60.0 + f64::from(i % 7), 0))
            .collect();
        let whole = hr_day(&s, &labels(), DAY, OFF, "bpm", Lang::En);
        let hour = (DAY0 + 6.0 * H, DAY0 + 7.0 * H);
        let zoomed = hr_day(&s, &labels(), hour, OFF, "bpm", Lang::En);
        assert!(whole.tips.len() < 1440);
        assert_eq!(zoomed.tips.len(), 60, "every sample of the hour");
        assert!(
            zoomed.summary.starts_with("06:00–07:00"),
            "{}",
            zoomed.summary
        );
        let empty = hr_day(&[], &labels(), DAY, OFF, "bpm", Lang::Ja);
        assert_eq!(empty.summary, "データなし");
    }

    #[test]
    fn zooming_keeps_whole_local_hours_inside_the_day() {
        assert_eq!(
            snap(DAY0 + 6.4 * H, DAY0 + 2.5 * H, DAY, OFF),
            (DAY0 + 2.0 * H, DAY0 + 7.0 * H)
        );
        assert_eq!(
            snap(DAY0 + 3.1 * H, DAY0 + 3.2 * H, DAY, OFF),
            (DAY0 + 3.0 * H, DAY0 + 4.0 * H)
        );
        assert_eq!(snap(DAY0 - H, DAY0 + 30.0 * H, DAY, OFF), DAY);
        assert_eq!(snap(DAY.1 - 0.1 * H, DAY.1, DAY, OFF), (DAY.1 - H, DAY.1));
        // An offset of +05:30: hours of that wall clock.
        let ist = 5 * 3600 + 1800;
        let (a, _) = snap(
            DAY0 + 0.7 * H,
            DAY0 + 2.0 * H,
            (DAY0 - 100.0 * H, DAY0 + 100.0 * H),
            ist,
        );
        assert_eq!(
            format::clock(a, ist),
            "21:00",
            "15:42 UTC is 21:12 at +05:30"
        );

        let z = zoom_in(DAY, DAY, OFF);
        assert_eq!(z.1 - z.0, 12.0 * H);
        assert_eq!(
            zoom_in((DAY0, DAY0 + H), DAY, OFF),
            (DAY0, DAY0 + H),
            "an hour at least"
        );
        assert_eq!(zoom_out(z, DAY, OFF), DAY);
        let six = (DAY0 + 6.0 * H, DAY0 + 12.0 * H);
        assert_eq!(
            zoom_out(six, DAY, OFF).1 - zoom_out(six, DAY, OFF).0,
            12.0 * H
        );
        assert_eq!(pan(six, DAY, 1, OFF), (DAY0 + 9.0 * H, DAY0 + 15.0 * H));
        assert_eq!(
            pan((DAY0 + H, DAY0 + 7.0 * H), DAY, -1, OFF),
            (DAY0, DAY0 + 6.0 * H)
        );
        assert_eq!(
            pan((DAY0 + 20.0 * H, DAY.1), DAY, 1, OFF),
            (DAY0 + 20.0 * H, DAY.1)
        );
        let g = Geo::XY;
        assert_eq!(time_at(DAY, g.x0()), DAY0);
        assert_eq!(time_at(DAY, g.x1() + 50.0), DAY.1);
    }
}
