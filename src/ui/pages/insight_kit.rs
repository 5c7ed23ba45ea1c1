//! What the insight views share: the per-day series read from the store's series rows
//! ([`use_daily`]), a measure's name and its values as text, the tabs of the trends
//! pages.

use crate::i18n::I18n;
use crate::insights::series::{daily, Daily, Unit, MEASURES};
use crate::store::StoreError;
use crate::ui::charts::format::{duration, number};
use crate::ui::components::use_sync;
use crate::ui::router::Link;
use chrono::NaiveDate;
use leptos::prelude::*;

/// The series, as read: `None` while it is read.
pub type DailyState = Option<Result<Daily, StoreError>>;

/// The per-day series of every measure and the days of every tag, from the store's
/// series rows (all of them, or the days of `range()`): `None` while read; read again
/// after every write of a sync or an import.
pub fn use_daily(
    range: impl Fn() -> Option<(NaiveDate, NaiveDate)> + Send + Sync + 'static,
) -> RwSignal<DailyState> {
    let sync = use_sync();
    let out = RwSignal::new(None);
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        sync.progress.data_version.track();
        let attached = sync.attached.get();
        let store = sync.store();
        let range = range();
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        leptos::task::spawn_local(async move {
            let value = match (attached, store) {
                (None, _) => return,
                (Some(Err(e)), _) => Err(e),
                (Some(Ok(())), None) => Err(StoreError::Closed),
                (Some(Ok(())), Some(store)) => store.series(range).await.map(daily),
            };
            // Only the newest read counts (an older one may finish later).
            if generation.try_get_value() == Some(mine) {
                let _ = out.try_set(Some(value));
            }
        });
    });
    out
}

/// "Loading…" while the data is read, the store's error when it failed, else `view`
/// of the data.
pub fn loaded<T>(
    i18n: I18n,
    state: &Option<Result<T, StoreError>>,
    view: impl FnOnce(&T) -> AnyView,
) -> AnyView {
    match state {
        None => view! { <p class="view-loading" role="status">{i18n.t("view.loading")}</p> }.into_any(),
        Some(Err(e)) => {
            view! { <p class="view-error" role="alert">{crate::ui::components::store_error_text(i18n, e)}</p> }
                .into_any()
        }
        Some(Ok(d)) => view(d),
    }
}

/// A measure's name ("Average HRV"; contributors by their own name).
pub fn measure_name(i18n: I18n, i: usize) -> String {
    MEASURES.get(i).map_or_else(String::new, |m| i18n.t(m.key))
}

/// How a measure is drawn: the factor from its stored unit, the unit's text key and
/// the decimals (durations in hours, minutes as minutes).
pub fn chart_unit(unit: Unit) -> (f64, &'static str, u8) {
    match unit {
        Unit::Score => (1.0, "", 0),
        Unit::Duration => (1.0 / 3600.0, "view.unit.h", 1),
        Unit::Minutes => (1.0 / 60.0, "insights.u.min", 0),
        Unit::Percent => (1.0, "insights.u.percent", 1),
        Unit::Ms => (1.0, "view.unit.ms", 0),
        Unit::Bpm => (1.0, "view.unit.bpm", 0),
        Unit::Celsius => (1.0, "insights.u.celsius", 2),
        Unit::PerMinute => (1.0, "insights.u.per_min", 1),
        Unit::Steps => (1.0, "insights.u.steps", 0),
        Unit::Kcal => (1.0, "view.unit.kcal", 0),
        Unit::Vo2 => (1.0, "insights.u.vo2", 1),
        Unit::Years => (1.0, "insights.u.years", 0),
    }
}

/// `n` and its unit as text (`61 bpm`, `7 h 12 min`, `+0.25 °C`, `97.2%`).
fn with_unit(i18n: I18n, unit: Unit, v: f64, signed: bool) -> String {
    let lang = i18n.lang.get().code();
    let (factor, key, decimals) = chart_unit(unit);
    if unit == Unit::Duration {
        let d = duration(v.abs(), lang);
        return if signed && v < 0.0 {
            format!("−{d}")
        } else {
            d
        };
    }
    let mut n = number(v * factor, decimals, lang);
    if signed && v > 0.0 && n.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        n.insert(0, '+');
    }
    match key {
        "" => n,
        k => {
            let u = i18n.t(k);
            if u.starts_with(['%', '°', '/']) || lang == "ja" {
                format!("{n}{u}")
            } else {
                format!("{n} {u}")
            }
        }
    }
}

/// A value of measure `i` as text; temperature deviations carry their sign.
pub fn value_text(i18n: I18n, i: usize, v: f64) -> String {
    let unit = MEASURES.get(i).map_or(Unit::Score, |m| m.unit);
    with_unit(i18n, unit, v, unit == Unit::Celsius)
}

/// A usual range of measure `i` as text, the unit once: `48–52 bpm`, `7 h 5 min – 8 h`.
pub fn range_text(i18n: I18n, i: usize, low: f64, high: f64) -> String {
    let unit = MEASURES.get(i).map_or(Unit::Score, |m| m.unit);
    if unit == Unit::Duration {
        return format!(
            "{} – {}",
            value_text(i18n, i, low),
            value_text(i18n, i, high)
        );
    }
    let (factor, _, decimals) = chart_unit(unit);
    let lang = i18n.lang.get().code();
    let mut lo = number(low * factor, decimals, lang);
    if unit == Unit::Celsius && low > 0.0 && lo.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        lo.insert(0, '+');
    }
    format!("{lo}–{}", value_text(i18n, i, high))
}

/// The size of a difference of measure `i` as text, without sign (`8 ms`, `12 min`:
/// a difference of nights is read in minutes).
pub fn size_text(i18n: I18n, i: usize, v: f64) -> String {
    let unit = match MEASURES.get(i).map_or(Unit::Score, |m| m.unit) {
        Unit::Duration => Unit::Minutes,
        u => u,
    };
    if unit == Unit::Score {
        let n = number(v.abs(), 0, i18n.lang.get().code());
        let sep = if i18n.lang.get() == crate::i18n::Lang::Ja {
            ""
        } else {
            " "
        };
        return format!("{n}{sep}{}", i18n.t("insights.u.points"));
    }
    with_unit(i18n, unit, v.abs(), false)
}

/// A difference's size without sign or unit, in the unit `difference_text` uses.
pub fn amount(i: usize, v: f64, lang: &str) -> String {
    let unit = match MEASURES.get(i).map_or(Unit::Score, |m| m.unit) {
        Unit::Duration => Unit::Minutes,
        u => u,
    };
    let (factor, _, decimals) = chart_unit(unit);
    number(v * factor, decimals, lang)
}

/// The two tabs of the trends pages.
#[component]
pub fn InsightTabs() -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    view! {
        <nav class="tabs" aria-label=i18n.tr("insights.tabs")>
            <Link to="/trends" exact=true>{i18n.tr("insights.tabs.measures")}</Link>
            <Link to="/trends/tags" exact=true>{i18n.tr("insights.tabs.tags")}</Link>
            <Link to="/trends/report" exact=true>{i18n.tr("insights.tabs.report")}</Link>
        </nav>
    }
}
