//! The chart kit (src/ui/charts) in a real browser: what a user sees and hears.
#![cfg(target_arch = "wasm32")]

use healthhub::i18n::{I18n, Lang};
use healthhub::ui::charts::{
    day_ms, BandChart, BandPoint, BarChart, CategoryStrip, Hypnogram, LineChart, Point, ScoreRing,
    Series, XAxis,
};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Leptos updates the DOM asynchronously: let it run.
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Mounts a view in a fresh 360 px wide container with the given language.
fn mount<V: IntoView + 'static>(
    lang: Lang,
    f: impl FnOnce() -> V + 'static,
) -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    div.set_attribute("class", "test-360").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    let handle = leptos::mount::mount_to(div.clone(), move || {
        provide_context(I18n {
            lang: RwSignal::new(lang),
            choice: RwSignal::new(Some(lang)),
        });
        f()
    });
    std::mem::forget(handle);
    div
}

fn all(root: &web_sys::Element, sel: &str) -> Vec<web_sys::Element> {
    // `querySelectorAll` through JS: the NodeList web-sys feature is not enabled.
    let f: js_sys::Function = get(root, "querySelectorAll").unchecked_into();
    let list = f.call1(root, &sel.into()).unwrap();
    js_sys::Array::from(&list)
        .iter()
        .map(|e| e.unchecked_into())
        .collect()
}

fn one(root: &web_sys::Element, sel: &str) -> web_sys::Element {
    root.query_selector(sel)
        .unwrap()
        .unwrap_or_else(|| panic!("no {sel}"))
}

fn texts(root: &web_sys::Element, sel: &str) -> Vec<String> {
    all(root, sel)
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect()
}

fn attr(e: &web_sys::Element, name: &str) -> String {
    e.get_attribute(name).unwrap_or_default()
}

fn num_attr(e: &web_sys::Element, name: &str) -> f64 {
    attr(e, name).parse().unwrap()
}

fn tip(root: &web_sys::Element) -> String {
    one(root, ".chart-tip").text_content().unwrap_or_default()
}

fn get(o: &JsValue, k: &str) -> JsValue {
    js_sys::Reflect::get(o, &k.into()).unwrap()
}

/// Dispatches `new <ctor>(kind, init)` (no extra web-sys features needed).
fn fire(target: &web_sys::Element, ctor: &str, kind: &str, init: &[(&str, JsValue)]) {
    let window: JsValue = web_sys::window().unwrap().into();
    let ctor: js_sys::Function = get(&window, ctor).unchecked_into();
    let dict = js_sys::Object::new();
    js_sys::Reflect::set(&dict, &"bubbles".into(), &true.into()).unwrap();
    for (k, v) in init {
        js_sys::Reflect::set(&dict, &(*k).into(), v).unwrap();
    }
    let args = js_sys::Array::of2(&kind.into(), &dict);
    let ev: web_sys::Event = js_sys::Reflect::construct(&ctor, &args)
        .unwrap()
        .unchecked_into();
    target.dispatch_event(&ev).unwrap();
}

/// A tap (touch pointerdown) at `fx` (0–1) of the chart's width.
fn tap(root: &web_sys::Element, fx: f64) {
    let svg = one(root, "svg.chart-svg");
    let rect_fn: js_sys::Function = get(&svg, "getBoundingClientRect").unchecked_into();
    let rect = rect_fn.call0(&svg).unwrap();
    let left = get(&rect, "left").as_f64().unwrap();
    let width = get(&rect, "width").as_f64().unwrap();
    assert!(width > 100.0, "the chart has a width: {width}");
    let x = left + fx * width;
    fire(
        &svg,
        "PointerEvent",
        "pointerdown",
        &[("clientX", x.into()), ("pointerType", "touch".into())],
    );
}

fn key(root: &web_sys::Element, k: &str) {
    fire(
        &one(root, ".chart"),
        "KeyboardEvent",
        "keydown",
        &[("key", k.into())],
    );
}

fn ms(rfc3339: &str) -> f64 {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .timestamp_millis() as f64
}

fn day(s: &str) -> f64 {
    day_ms(s.parse().unwrap())
}

/// x of a value in the 360-unit viewBox (plot from 40 to 344) as a fraction.
fn fx(viewbox_x: f64) -> f64 {
    viewbox_x / 360.0
}

fn assert_accessible(root: &web_sys::Element, title: &str) {
    let svg = one(root, "svg[role=img]");
    assert_eq!(one(&svg, "title").text_content().unwrap_or_default(), title);
    assert!(attr(&svg, "aria-label").starts_with(title));
    let chart = one(root, ".chart");
    assert_eq!(attr(&chart, "tabindex"), "0", "focusable");
    assert_eq!(attr(&one(root, ".chart-tip"), "aria-live"), "polite");
    assert!(
        root.query_selector("[style]").unwrap().is_none(),
        "no inline styles"
    );
}

#[wasm_bindgen_test]
async fn line_chart_breaks_at_gaps_labels_clock_times_and_shows_tooltips() {
    let t0 = ms("2024-06-03T22:00:00+00:00");
    let hr = [60.0, 55.0, 52.0, 58.0, 61.0, 65.0, 70.0, 78.0, 64.0];
    let mut points: Vec<Point> = hr
        .iter()
        .enumerate()
        .map(|(i, v)| (t0 + i as f64 * 3_600_000.0, Some(*v)))
        .collect();
    points.insert(5, (t0 + 4.5 * 3_600_000.0, None));
    let root = mount(Lang::En, move || {
        view! {
            <LineChart
                title="Heart rate"
                series=vec![Series::new("HR", points)]
                x_axis=XAxis::Clock { offset_s: 0 }
                unit="bpm"
            />
        }
    });
    tick().await;
    assert_accessible(&root, "Heart rate");
    let d = attr(&one(&root, "path.line.s0"), "d");
    assert_eq!(
        d.matches('M').count(),
        2,
        "two subpaths around the gap: {d}"
    );
    assert_eq!(
        texts(&root, "text.tick-x"),
        ["22:00", "00:00", "02:00", "04:00", "06:00"]
    );
    assert_eq!(texts(&root, "text.tick-y"), ["50", "60", "70", "80"]);
    let label = attr(&one(&root, "svg[role=img]"), "aria-label");
    assert_eq!(
        label,
        "Heart rate. 22:00–06:00: from 52 to 78 bpm, average 63 bpm"
    );

    assert_eq!(tip(&root), "", "no tooltip before interaction");
    // Third point (00:00) sits at 40 + 2/8 × 304.
    tap(&root, fx(40.0 + 2.0 / 8.0 * 304.0));
    tick().await;
    assert_eq!(tip(&root), "00:00 · 52 bpm");
    assert!(root.query_selector(".chart-hl circle").unwrap().is_some());

    key(&root, "ArrowRight");
    tick().await;
    assert_eq!(tip(&root), "01:00 · 58 bpm");
    key(&root, "End");
    tick().await;
    assert_eq!(tip(&root), "06:00 · 64 bpm");
    key(&root, "Escape");
    tick().await;
    assert_eq!(tip(&root), "");
    assert!(root.query_selector(".chart-hl").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn two_series_share_the_tooltip_and_get_a_legend() {
    let a = Series::new(
        "Average",
        vec![
            (day("2024-06-03"), Some(60.0)),
            (day("2024-06-04"), Some(62.0)),
        ],
    );
    let b = Series::new(
        "Lowest",
        vec![
            (day("2024-06-03"), Some(50.0)),
            (day("2024-06-04"), Some(49.0)),
        ],
    );
    let root = mount(Lang::En, move || {
        view! { <LineChart title="HR" series=vec![a, b] unit="bpm" /> }
    });
    tick().await;
    assert_eq!(all(&root, "path.line").len(), 2);
    assert_eq!(texts(&root, ".chart-legend li"), ["Average", "Lowest"]);
    key(&root, "ArrowRight");
    tick().await;
    assert_eq!(tip(&root), "Mon, Jun 3 · 60 bpm · Lowest: 50 bpm");
}

#[wasm_bindgen_test]
async fn bar_chart_draws_bars_by_height_with_a_target_and_date_ticks() {
    let steps = vec![
        (day("2024-06-03"), Some(4_000.0)),
        (day("2024-06-04"), Some(12_000.0)),
        (day("2024-06-05"), None),
        (day("2024-06-06"), Some(8_000.0)),
    ];
    let root = mount(Lang::En, move || {
        view! { <BarChart title="Steps" bars=steps target=10_000.0 unit="steps" /> }
    });
    tick().await;
    assert_accessible(&root, "Steps");
    let bars = all(&root, "rect.bar");
    assert_eq!(bars.len(), 3, "no bar for the missing day");
    let h: Vec<f64> = bars.iter().map(|b| num_attr(b, "height")).collect();
    assert!(
        h[1] > h[2] && h[2] > h[0],
        "heights follow the values: {h:?}"
    );
    assert_eq!(all(&root, "rect.bar-met").len(), 1);
    assert_eq!(all(&root, "path.target").len(), 1);
    assert_eq!(
        texts(&root, "text.tick-x"),
        ["Jun 3", "Jun 4", "Jun 5", "Jun 6"]
    );
    let label = attr(&one(&root, "svg[role=img]"), "aria-label");
    assert!(label.contains("target reached on 1 of 3 days"), "{label}");
    // Second bar's center: 40 + 1.5/4 × 304.
    tap(&root, fx(40.0 + 1.5 / 4.0 * 304.0));
    tick().await;
    assert_eq!(tip(&root), "Tue, Jun 4 · 12,000 steps");
}

#[wasm_bindgen_test]
async fn band_chart_closes_a_band_per_run_and_reads_values() {
    let p = |d: &str, lo, hi, v| BandPoint {
        x: day(d),
        low: lo,
        high: hi,
        value: v,
    };
    let points = vec![
        p("2024-06-03", Some(-0.3), Some(0.1), Some(-0.1)),
        p("2024-06-04", Some(-0.2), Some(0.4), Some(0.2)),
        p("2024-06-05", None, None, None),
        p("2024-06-06", Some(0.0), Some(0.3), Some(0.1)),
    ];
    let root = mount(Lang::En, move || {
        view! { <BandChart title="Temperature" points=points unit="°C" decimals=1 /> }
    });
    tick().await;
    assert_accessible(&root, "Temperature");
    assert_eq!(attr(&one(&root, "path.band"), "d").matches('Z').count(), 2);
    assert_eq!(attr(&one(&root, "path.line"), "d").matches('M').count(), 2);
    key(&root, "ArrowLeft");
    tick().await;
    assert_eq!(tip(&root), "Thu, Jun 6 · 0.1°C (0.0°C–0.3°C)");
}

#[wasm_bindgen_test]
async fn hypnogram_totals_match_the_phase_string() {
    let phases = "442221111334".to_owned();
    let start = ms("2024-06-03T23:00:00+02:00");
    let root = mount(Lang::En, move || {
        view! { <Hypnogram phases=phases start_ms=start offset_s=7200 /> }
    });
    tick().await;
    assert_accessible(&root, "Sleep stages");
    let label = attr(&one(&root, "svg[role=img]"), "aria-label");
    assert!(
        label.contains("23:00–00:00: Deep 20 min, Light 15 min, REM 10 min, Awake 15 min"),
        "{label}"
    );
    assert_eq!(
        one(&root, "desc").text_content().unwrap_or_default(),
        "23:00–00:00: Deep 20 min, Light 15 min, REM 10 min, Awake 15 min"
    );
    assert_eq!(all(&root, "rect.stage").len(), 5, "one block per run");
    assert_eq!(all(&root, "rect.st-1").len(), 1);
    assert_eq!(all(&root, "rect.st-4").len(), 2);
    assert_eq!(
        texts(&root, "text.tick-y"),
        ["Deep", "Light", "REM", "Awake"]
    );
    let deep = num_attr(&one(&root, "rect.st-1"), "y");
    let awake = num_attr(&one(&root, "rect.st-4"), "y");
    assert!(deep > awake, "deep drawn lowest");
    key(&root, "ArrowRight");
    key(&root, "ArrowRight");
    tick().await;
    assert_eq!(tip(&root), "23:10–23:25 · Light · 15 min");
}

#[wasm_bindgen_test]
async fn hypnogram_speaks_japanese() {
    let root = mount(Lang::Ja, move || {
        view! { <Hypnogram phases="1122" start_ms=0.0 /> }
    });
    tick().await;
    assert_accessible(&root, "睡眠ステージ");
    assert_eq!(
        one(&root, "desc").text_content().unwrap_or_default(),
        "00:00–00:20: 深い睡眠 10分、浅い睡眠 10分"
    );
}

#[wasm_bindgen_test]
async fn score_ring_shows_the_number_or_a_dash() {
    let score = RwSignal::new(Some(82_i64));
    let root = mount(Lang::En, move || {
        view! { <ScoreRing score=score label="Sleep score" /> }
    });
    tick().await;
    let svg = one(&root, "svg[role=img]");
    assert_eq!(
        one(&svg, "title").text_content().unwrap_or_default(),
        "Sleep score"
    );
    assert_eq!(texts(&root, "text.ring-value"), ["82"]);
    assert_eq!(attr(&svg, "aria-label"), "Sleep score: 82 out of 100");
    assert_eq!(attr(&one(&root, ".ring-bar"), "stroke-dasharray"), "82 100");
    assert!(attr(&one(&root, ".ring-bar"), "class").contains("ring-good"));
    score.set(None);
    tick().await;
    assert_eq!(texts(&root, "text.ring-value"), ["—"]);
    assert_eq!(attr(&svg, "aria-label"), "Sleep score: No data");
}

#[wasm_bindgen_test]
async fn category_strip_has_one_segment_per_run_and_a_legend() {
    let classes = format!(
        "{}{}{}{}",
        "1".repeat(96),
        "3".repeat(12),
        "5".repeat(6),
        "2".repeat(174)
    );
    let start = ms("2024-06-03T04:00:00+00:00");
    let root = mount(Lang::En, move || {
        view! { <CategoryStrip classes=classes start_ms=start /> }
    });
    tick().await;
    assert_accessible(&root, "Activity through the day");
    let classes: Vec<String> = all(&root, "rect.act")
        .iter()
        .map(|r| attr(r, "class"))
        .collect();
    assert_eq!(classes, ["act ac-1", "act ac-3", "act ac-5", "act ac-2"]);
    assert_eq!(
        texts(&root, ".chart-legend li"),
        ["High 30 min", "Low 1 h", "Inactive 14 h 30 min", "Rest 8 h"]
    );
    assert_eq!(all(&root, ".chart-legend .chart-swatch.ac-5").len(), 1);
    assert_eq!(
        texts(&root, "text.tick-x"),
        ["06:00", "12:00", "18:00", "00:00"]
    );
    // The third segment (high, 13:00–13:30) is at 8 + (108 + 3) / 288 × 344.
    tap(&root, (8.0 + 111.0 / 288.0 * 344.0) / 360.0);
    tick().await;
    assert_eq!(tip(&root), "13:00–13:30 · High · 30 min");
}
