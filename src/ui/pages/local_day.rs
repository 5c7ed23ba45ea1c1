//! The wearer's local day for the collections stored per UTC day (heartrate samples,
//! ring battery rows), shared by the heart-rate and battery pages.
//!
//! Which offset: Oura writes every daily document in the wearer's own zone, so the
//! offset of the day is taken, in this order, from
//! 1. that day's `daily_activity` `timestamp` (the start of the day, e.g.
//!    `2026-11-15T04:00:00+09:00`),
//! 2. the day's main sleep period's `bedtime_end` (where the wearer woke up),
//! 3. the browser's own offset at noon of that day (no daily document to go by).
//!
//! The local day `D` at offset `o` is the instants `[D 00:00 − o, D+1 00:00 − o)`:
//! inside the UTC days `D−1 ..= D+1` for any offset from −12 h to +14 h, so those
//! three stored days are read and only the local day's rows kept. A trend window
//! uses one offset (the selected day's) for all its days: a trip across zones shifts
//! those days' edges by the difference, which the daily statistics hardly notice.

use super::common::{date_text, LoadError, Loaded};
use super::doc;
use super::logic;
use crate::endpoints::EndpointId;
use crate::i18n::I18n;
use crate::ui::components::use_sync;
use crate::ui::href;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;

/// Unix ms of the local day's start and end (exclusive) at `offset_s`.
pub fn bounds(day: NaiveDate, offset_s: i32) -> (i64, i64) {
    let start = day
        .and_time(chrono::NaiveTime::MIN)
        .and_utc()
        .timestamp_millis()
        - i64::from(offset_s) * 1000;
    (start, start + 86_400_000)
}

/// The local day of the instant `ms` at `offset_s`.
pub fn day_of(ms: i64, offset_s: i32) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp_millis(ms + i64::from(offset_s) * 1000).map(|t| t.date_naive())
}

/// The offset of the day (see the module docs): activity's, else sleep's, else the
/// browser's. An offset outside −12 h..=+14 h is not believed.
pub fn choose_offset(activity: Option<i32>, sleep: Option<i32>, browser: i32) -> i32 {
    let plausible = |o: &i32| (-12 * 3600..=14 * 3600).contains(o);
    activity
        .filter(plausible)
        .or(sleep.filter(plausible))
        .unwrap_or(browser)
}

/// The documents of `docs` (read from the UTC days around `day`) that belong to the
/// local day at `offset_s`, by their instant `ms`; a document without a readable
/// instant is kept (its card says it could not be read).
pub fn keep_local(
    docs: Vec<Value>,
    day: NaiveDate,
    offset_s: i32,
    ms: fn(&Value) -> Option<i64>,
) -> Vec<Value> {
    let (from, to) = bounds(day, offset_s);
    docs.into_iter()
        .filter(|d| ms(d).is_none_or(|t| (from..to).contains(&t)))
        .collect()
}

/// The UTC days to read for the local days `first..=last`.
pub fn utc_window(first: NaiveDate, last: NaiveDate) -> (NaiveDate, NaiveDate) {
    crate::store::heartrate_days::utc_days(first, last)
}

/// The browser's UTC offset (seconds east) at noon of `day`.
pub fn browser_offset(day: NaiveDate) -> i32 {
    use chrono::Datelike;
    let noon = js_sys::Date::new_with_year_month_day_hr_min_sec(
        day.year() as u32,
        day.month0() as i32,
        day.day() as i32,
        12,
        0,
        0,
    );
    let minutes = noon.get_timezone_offset();
    if minutes.is_finite() {
        (-minutes * 60.0) as i32
    } else {
        0
    }
}

/// The selected day's offset and its sleep documents (the heart-rate page shows the
/// night's lowest heart rate from them).
#[derive(Clone, Copy)]
pub struct DayContext {
    /// `None` while the day's documents are read.
    pub offset: Memo<Option<i32>>,
    pub sleep: LocalResource<Loaded>,
}

/// The offset of the selected day, from its daily_activity and sleep documents.
pub fn use_day_context(day: Memo<Option<NaiveDate>>) -> DayContext {
    let range = move || day.get().map(|d| (d, d));
    let activity = super::common::use_docs(EndpointId::DailyActivity, range);
    let sleep = super::common::use_docs(EndpointId::Sleep, range);
    let offset = Memo::new(move |_| {
        let d = day.get()?;
        let docs = |r: &Loaded| match r {
            Some(Ok(docs)) => Some(docs.clone()),
            Some(Err(_)) => Some(Vec::new()),
            None => None,
        };
        let a = activity.with(|r| r.as_ref().and_then(docs))?;
        let s = sleep.with(|r| r.as_ref().and_then(docs))?;
        let from_activity = a.iter().find_map(doc::heartrate::activity_offset);
        let (periods, _) = super::sleep::read_periods(&s);
        let from_sleep = logic::main_sleep(&periods)
            .and_then(|i| periods.get(i))
            .map(|p| p.bedtime_end.offset().local_minus_utc());
        Some(choose_offset(from_activity, from_sleep, browser_offset(d)))
    });
    DayContext { offset, sleep }
}

/// The documents of `id` of the local `day` at `offset` (read from the adjacent UTC
/// days, see the module docs); pending while either is unknown; read again after
/// every write of a sync.
pub fn use_local_docs(
    id: EndpointId,
    day: Memo<Option<NaiveDate>>,
    offset: Memo<Option<i32>>,
    ms: fn(&Value) -> Option<i64>,
) -> LocalResource<Loaded> {
    let sync = use_sync();
    LocalResource::new(move || {
        sync.progress.data_version.track();
        let attached = sync.attached.get();
        let store = sync.store();
        let (day, offset) = (day.get(), offset.get());
        async move {
            match attached {
                Some(Ok(())) => {}
                Some(Err(e)) => return Some(Err(LoadError::of(&e))),
                None => return None,
            }
            let (day, offset) = (day?, offset?);
            let Some(store) = store else {
                return Some(Err(LoadError(Some("store.error.open"), String::new())));
            };
            let (first, last) = utc_window(day, day);
            Some(
                store
                    .docs_between(id.endpoint(), first, last)
                    .await
                    .map(|docs| keep_local(docs, day, offset, ms))
                    .map_err(|e| LoadError::of(&e)),
            )
        }
    })
}

/// The 30 / 90 days buttons of a trend.
pub fn range_buttons(i18n: I18n, range: RwSignal<u32>) -> impl IntoView {
    let buttons = logic::RANGES
        .iter()
        .map(|&n| {
            view! {
                <button
                    type="button"
                    class="button range-button"
                    aria-pressed=move || (range.get() == n).to_string()
                    on:click=move |_| range.set(n)
                >
                    {move || i18n.t("view.range.days").replace("{n}", &n.to_string())}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="range-buttons" role="group" aria-label=i18n.tr("view.range")>
            {buttons}
        </div>
    }
}

/// A history list, newest first: each row (day, value text) selects its day.
pub fn history_list(
    i18n: I18n,
    rows: Vec<(NaiveDate, String)>,
    selected: Option<NaiveDate>,
    route: &str,
) -> AnyView {
    if rows.is_empty() {
        return view! { <p class="view-empty">{i18n.t("view.history.empty")}</p> }.into_any();
    }
    let lang = i18n.lang.get().code();
    let items = rows
        .into_iter()
        .map(|(d, v)| {
            let link = href(&format!("{route}?day={d}"));
            let current = (selected == Some(d)).then_some("date");
            view! {
                <li>
                    <a class="history-row" href=link aria-current=current>
                        <span class="history-date">{date_text(d, lang, false)}</span>
                        <span class="history-value">{v}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="history-list">{items}</ol> }.into_any()
}

/// "UTC+09:00" for an offset in seconds.
pub fn utc_label(offset_s: i32) -> String {
    let sign = if offset_s < 0 { '−' } else { '+' };
    let m = offset_s.unsigned_abs() / 60;
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn ms(v: &Value) -> Option<i64> {
        doc::opt_time(v, "timestamp").map(|t| t.timestamp_millis())
    }

    #[test]
    fn a_local_day_spans_two_utc_days() {
        let (a, b) = bounds(d("2026-11-15"), 9 * 3600);
        assert_eq!(day_of(a, 0), Some(d("2026-11-14")));
        assert_eq!(day_of(a, 9 * 3600), Some(d("2026-11-15")));
        assert_eq!(day_of(b - 1, 9 * 3600), Some(d("2026-11-15")));
        assert_eq!(day_of(b, 9 * 3600), Some(d("2026-11-16")));
        let docs = vec![
            json!({"timestamp": "2026-11-14T14:59:59+00:00"}),
            json!({"timestamp": "2026-11-14T15:00:00+00:00"}),
            json!({"timestamp": "2026-11-15T14:59:00+00:00"}),
            json!({"timestamp": "2026-11-15T15:00:00+00:00"}),
            json!({"timestamp": null}),
        ];
        let kept = keep_local(docs, d("2026-11-15"), 9 * 3600, ms);
        assert_eq!(kept.len(), 3, "{kept:?}");
        assert_eq!(kept[0]["timestamp"], "2026-11-14T15:00:00+00:00");
        assert!(
            kept[2]["timestamp"].is_null(),
            "unreadable rows stay to be reported"
        );
        assert_eq!(
            utc_window(d("2026-11-15"), d("2026-11-15")),
            (d("2026-11-14"), d("2026-11-16"))
        );
    }

    #[test]
    fn the_offset_comes_from_activity_then_sleep_then_the_browser() {
        assert_eq!(choose_offset(Some(32400), Some(3600), 0), 32400);
        assert_eq!(choose_offset(None, Some(-18000), 0), -18000);
        assert_eq!(choose_offset(None, None, 7200), 7200);
        assert_eq!(choose_offset(Some(99 * 3600), None, 0), 0, "not plausible");
        assert_eq!(utc_label(32400), "UTC+09:00");
        assert_eq!(utc_label(-(5 * 3600 + 1800)), "UTC−05:30");
        assert_eq!(utc_label(0), "UTC+00:00");
    }
}
