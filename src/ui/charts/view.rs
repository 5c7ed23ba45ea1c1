//! The components: each builds its pure [`Model`] (re-built when the data or the
//! language changes) and hands it to one generic renderer, [`chart`], which draws the
//! marks and handles the tooltip (pointer, touch and keyboard).

use super::model::{self, BandPoint, Mark, Model, Series, XAxis};
use super::sample::Point;
use crate::i18n::{text, use_i18n, Lang};
use leptos::ev::{KeyboardEvent, PointerEvent};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn n(v: f64) -> String {
    let mut s = String::new();
    super::sample::num(&mut s, v);
    s
}

fn mark(m: &Mark) -> AnyView {
    match m.clone() {
        Mark::Path { class, d } => view! { <path class=class d=d /> }.into_any(),
        Mark::Rect { class, x, y, w, h } => {
            view! { <rect class=class x=n(x) y=n(y) width=n(w.max(0.0)) height=n(h.max(0.0)) /> }
                .into_any()
        }
        Mark::Text {
            class,
            x,
            y,
            anchor,
            text,
        } => view! {
            <text class=class x=n(x) y=n(y) dy="0.35em" text-anchor=anchor>
                {text}
            </text>
        }
        .into_any(),
    }
}

/// The tip nearest to `x` (tips are sorted by x).
pub fn nearest(tips: &[model::Tip], x: f64) -> Option<usize> {
    let i = tips.partition_point(|t| t.x < x);
    match (i.checked_sub(1), tips.get(i)) {
        (Some(a), Some(b)) if x - tips[a].x <= b.x - x => Some(a),
        (_, Some(_)) => Some(i),
        (Some(a), None) => Some(a),
        (None, None) => None,
    }
}

/// The highlighted tip after a key press: `Some(new)` when the key is handled.
pub fn key_step(current: Option<usize>, len: usize, key: &str) -> Option<Option<usize>> {
    let last = len.checked_sub(1)?;
    let page = (len / 10).max(1);
    let cur = current.map(|c| c.min(last));
    let next = match key {
        "Escape" => return current.map(|_| None),
        "ArrowRight" | "ArrowUp" => cur.map_or(0, |c| (c + 1).min(last)),
        "ArrowLeft" | "ArrowDown" => cur.map_or(last, |c| c.saturating_sub(1)),
        "PageUp" => cur.map_or(0, |c| (c + page).min(last)),
        "PageDown" => cur.map_or(last, |c| c.saturating_sub(page)),
        "Home" => 0,
        "End" => last,
        _ => return None,
    };
    Some(Some(next))
}

/// The left edge and width (CSS px) of an element, without extra web-sys features.
pub(crate) fn box_x(el: &wasm_bindgen::JsValue) -> Option<(f64, f64)> {
    let get = |o: &wasm_bindgen::JsValue, k: &str| js_sys::Reflect::get(o, &k.into()).ok();
    let f: js_sys::Function = get(el, "getBoundingClientRect")?.dyn_into().ok()?;
    let rect = f.call0(el).ok()?;
    Some((
        get(&rect, "left")?.as_f64()?,
        get(&rect, "width")?.as_f64()?,
    ))
}

/// Renders a model: a focusable group with the tooltip line, the SVG
/// (`role="img"`, `<title>`, `<desc>` = the text alternative) and the legend.
pub(crate) fn chart(
    kind: &'static str,
    title: Signal<String>,
    model: Memo<Model>,
) -> impl IntoView {
    let active = RwSignal::new(None::<usize>);
    let tip = move || {
        active
            .get()
            .and_then(|i| model.with(|m| m.tips.get(i).cloned()))
    };
    let on_pointer = move |ev: PointerEvent| {
        let Some((left, width)) = ev.current_target().and_then(|t| box_x(&t)) else {
            return;
        };
        if width > 0.0 {
            let x = (f64::from(ev.client_x()) - left) / width * model.with_untracked(|m| m.w);
            active.set(model.with_untracked(|m| nearest(&m.tips, x)));
        }
    };
    let on_leave = move |ev: PointerEvent| {
        // Touch pointers "leave" when lifted: the tapped value stays.
        if ev.pointer_type() == "mouse" {
            active.set(None);
        }
    };
    let on_key = move |ev: KeyboardEvent| {
        let len = model.with_untracked(|m| m.tips.len());
        if let Some(next) = key_step(active.get_untracked(), len, &ev.key()) {
            ev.prevent_default();
            active.set(next);
        }
    };
    let view_box = move || model.with(|m| format!("0 0 {} {}", m.w, m.h));
    let label = move || format!("{}. {}", title.get(), model.with(|m| m.summary.clone()));
    view! {
        <div
            class=format!("chart chart-{kind}")
            tabindex="0"
            role="group"
            aria-label=move || title.get()
            on:keydown=on_key
        >
            <p class="chart-tip" aria-live="polite">
                {move || tip().map(|t| t.text).unwrap_or_default()}
            </p>
            <svg
                class="chart-svg"
                viewBox=view_box
                role="img"
                aria-label=label
                on:pointerdown=on_pointer
                on:pointermove=on_pointer
                on:pointerleave=on_leave
            >
                <title>{move || title.get()}</title>
                <desc>{move || model.with(|m| m.summary.clone())}</desc>
                {move || model.with(|m| m.marks.iter().map(mark).collect_view())}
                {move || {
                    tip()
                        .map(|t| {
                            let h = model.with(|m| m.h);
                            view! {
                                <g class="chart-hl">
                                    <path d=format!("M{} 0V{}", n(t.x), n(h)) />
                                    <circle cx=n(t.x) cy=n(t.y) r="4" />
                                </g>
                            }
                        })
                }}
            </svg>
            {move || legend(&model.with(|m| m.legend.clone()))}
        </div>
    }
}

fn legend(items: &[(&'static str, String)]) -> Option<impl IntoView + use<>> {
    (!items.is_empty()).then(|| {
        let items = items
            .iter()
            .map(|(class, text)| {
                view! {
                    <li>
                        <span class=format!("chart-swatch {class}")></span>
                        {text.clone()}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="chart-legend">{items}</ul> }
    })
}

/// A memo of a model built from the current language.
pub(crate) fn built(f: impl Fn(Lang) -> Model + Send + Sync + 'static) -> Memo<Model> {
    let i18n = use_i18n();
    Memo::new(move |_| f(i18n.lang.get()))
}

/// Lines over time or dates: `series[0]` and an optional second series, each a list
/// of `(x, y)` where `y: None` breaks the line. `x_axis` says how x is read
/// (`XAxis::Clock { offset_s }` for Unix ms, `XAxis::Date` for `day_ms` days).
#[component]
pub fn LineChart(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] series: Signal<Vec<Series>>,
    #[prop(default = XAxis::Date)] x_axis: XAxis,
    /// Shown after values: "bpm", "ms", "%", "°C".
    #[prop(optional, into)]
    unit: String,
    /// Digits after the decimal point in values.
    #[prop(optional)]
    decimals: u8,
) -> impl IntoView {
    let model = built(move |lang| series.with(|s| model::line(s, x_axis, &unit, decimals, lang)));
    chart("line", title, model)
}

/// One bar per day (`x` from `day_ms`, `None` = no bar), an optional target line.
#[component]
pub fn BarChart(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] bars: Signal<Vec<Point>>,
    #[prop(optional, into)] target: Option<f64>,
    #[prop(optional, into)] unit: String,
    #[prop(optional)] decimals: u8,
) -> impl IntoView {
    let model = built(move |lang| bars.with(|b| model::bars(b, target, &unit, decimals, lang)));
    chart("bar", title, model)
}

/// A `low..high` band with a line through `value` (e.g. the night's heart-rate range
/// with its average, or a temperature deviation with its trend).
#[component]
pub fn BandChart(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] points: Signal<Vec<BandPoint>>,
    #[prop(default = XAxis::Date)] x_axis: XAxis,
    #[prop(optional, into)] unit: String,
    #[prop(optional)] decimals: u8,
) -> impl IntoView {
    let model = built(move |lang| points.with(|p| model::band(p, x_axis, &unit, decimals, lang)));
    chart("band", title, model)
}

/// A personal baseline: the usual range as a band, the values as a line, a dot on
/// each value outside the band (trends, report).
#[component]
pub fn BaselineChart(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] points: Signal<Vec<BandPoint>>,
    #[prop(optional, into)] unit: String,
    #[prop(optional)] decimals: u8,
) -> impl IntoView {
    let model =
        built(move |lang| points.with(|p| model::baseline(p, XAxis::Date, &unit, decimals, lang)));
    chart("baseline", title, model)
}

/// A title from the caller or a default key.
fn title_or(title: Option<Signal<String>>, key: &'static str) -> Signal<String> {
    title.unwrap_or_else(|| {
        let i18n = use_i18n();
        Signal::derive(move || text(i18n.lang.get(), key))
    })
}

/// Sleep stages from Oura's `sleep_phase_5_min` starting at `start_ms` (Unix ms of
/// `bedtime_start`); clock labels at the UTC offset `offset_s` of that timestamp.
#[component]
pub fn Hypnogram(
    #[prop(into)] phases: Signal<String>,
    start_ms: f64,
    #[prop(optional)] offset_s: i32,
    #[prop(optional, into)] title: Option<Signal<String>>,
) -> impl IntoView {
    let model = built(move |lang| phases.with(|p| model::hypnogram(p, start_ms, offset_s, lang)));
    chart(
        "hypnogram",
        title_or(title, "charts.hypnogram.title"),
        model,
    )
}

/// Activity levels through the day from daily_activity's `class_5_min` (288 × 5 min
/// starting at `start_ms`), with a legend of the time in each level.
#[component]
pub fn CategoryStrip(
    #[prop(into)] classes: Signal<String>,
    start_ms: f64,
    #[prop(optional)] offset_s: i32,
    #[prop(optional, into)] title: Option<Signal<String>>,
) -> impl IntoView {
    let model = built(move |lang| classes.with(|c| model::strip(c, start_ms, offset_s, lang)));
    chart("strip", title_or(title, "charts.activity.title"), model)
}

/// A 0–100 score as a ring with the number in the middle ("—" for none) and a label.
#[component]
pub fn ScoreRing(
    #[prop(into)] score: Signal<Option<i64>>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let value = move || score.get().map(|s| s.clamp(0, 100));
    let alt = move || {
        let lang = i18n.lang.get();
        let v = match value() {
            Some(s) => super::format::fill(
                &text(lang, "charts.score.value"),
                &[("score", &s.to_string())],
            ),
            None => text(lang, "charts.no_data"),
        };
        format!("{}: {v}", label.get())
    };
    view! {
        <div class="score-ring">
            <svg class="chart-svg" viewBox="0 0 120 120" role="img" aria-label=alt>
                <title>{move || label.get()}</title>
                <circle class="ring-track" cx="60" cy="60" r="50" />
                <circle
                    class=move || model::score_class(value())
                    cx="60"
                    cy="60"
                    r="50"
                    pathLength="100"
                    stroke-dasharray=move || format!("{} 100", value().unwrap_or(0))
                    transform="rotate(-90 60 60)"
                />
                <text class="ring-value" x="60" y="60" dy="0.35em" text-anchor="middle">
                    {move || value().map_or_else(|| "—".to_owned(), |s| s.to_string())}
                </text>
            </svg>
            <span class="score-label" aria-hidden="true">{move || label.get()}</span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::charts::model::Tip;

    fn tips(xs: &[f64]) -> Vec<Tip> {
        xs.iter()
            .map(|x| Tip {
                x: *x,
                y: 0.0,
                text: String::new(),
            })
            .collect()
    }

    #[test]
    fn nearest_tip() {
        let t = tips(&[10.0, 20.0, 40.0]);
        assert_eq!(nearest(&t, 0.0), Some(0));
        assert_eq!(nearest(&t, 14.0), Some(0));
        assert_eq!(nearest(&t, 16.0), Some(1));
        assert_eq!(nearest(&t, 31.0), Some(2));
        assert_eq!(nearest(&t, 99.0), Some(2));
        assert_eq!(nearest(&[], 1.0), None);
    }

    #[test]
    fn keys_move_the_highlight() {
        assert_eq!(key_step(None, 5, "ArrowRight"), Some(Some(0)));
        assert_eq!(key_step(None, 5, "ArrowLeft"), Some(Some(4)));
        assert_eq!(key_step(Some(4), 5, "ArrowRight"), Some(Some(4)));
        assert_eq!(key_step(Some(2), 5, "ArrowLeft"), Some(Some(1)));
        assert_eq!(key_step(Some(2), 5, "Home"), Some(Some(0)));
        assert_eq!(key_step(Some(2), 5, "Escape"), Some(None));
        assert_eq!(key_step(None, 5, "Escape"), None, "Escape passes through");
        assert_eq!(key_step(Some(1), 5, "a"), None);
        assert_eq!(key_step(None, 0, "ArrowRight"), None);
        assert_eq!(key_step(Some(0), 30, "PageUp"), Some(Some(3)));
    }
}
