//! Today's vitals: the cards a user looks for first — last night's lowest heart rate,
//! the stress summary, blood oxygen and the ring's last battery level — each a link to
//! its page for the same day.

use super::common::{around, num, use_docs, Loaded};
use super::doc;
use super::logic;
use super::sleep::read_periods;
use crate::endpoints::EndpointId;
use crate::i18n::{use_i18n, I18n};
use crate::ui::{endpoint_route, href};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;

/// The four vitals of `day`; `sleep` is the day's sleep documents (shared with Today's
/// night card).
#[component]
pub fn TodayVitals(
    day: Memo<Option<NaiveDate>>,
    sleep: LocalResource<Loaded>,
    activity: LocalResource<Loaded>,
) -> impl IntoView {
    let i18n = use_i18n();
    let stress = use_docs(EndpointId::DailyStress, around(day, 0, 0));
    let spo2 = use_docs(EndpointId::DailySpo2, around(day, 0, 0));
    // Battery rows are kept per UTC day: the day before and after hold the local day's
    // first and last readings.
    let battery = use_docs(EndpointId::RingBatteryLevel, around(day, 1, 1));
    let tile = move |id: EndpointId,
                     label: &'static str,
                     res: LocalResource<Loaded>,
                     value: fn(I18n, &[Value], NaiveDate, i32) -> Option<String>| {
        let route = endpoint_route(id.endpoint());
        let link = move || {
            let q = day.get().map(|d| format!("?day={d}")).unwrap_or_default();
            href(&format!("{route}{q}"))
        };
        let text = move || {
            // The wearer's UTC offset that day (as the battery and heart-rate pages).
            let offset = activity.with(|a| match a {
                Some(Some(Ok(docs))) => docs.iter().find_map(doc::heartrate::activity_offset),
                _ => None,
            });
            res.with(|r| match (r, day.get()) {
                (Some(Some(Ok(docs))), Some(d)) => {
                    let off = super::local_day::choose_offset(
                        offset,
                        None,
                        super::local_day::browser_offset(d),
                    );
                    value(i18n, docs, d, off)
                }
                _ => None,
            })
            .unwrap_or_else(|| "—".to_owned())
        };
        view! {
            <li>
                <a class="vital" href=link>
                    <span class="vital-label">{i18n.tr(label)}</span>
                    <span class="vital-value">{text}</span>
                </a>
            </li>
        }
    };
    view! {
        <section class="card vitals" aria-labelledby="vitals-h">
            <h2 id="vitals-h">{i18n.tr("view.vitals")}</h2>
            <ul class="vital-row">
                {tile(EndpointId::Heartrate, "view.f.lowest_hr", sleep, lowest_hr)}
                {tile(EndpointId::DailyStress, "endpoint.daily_stress.title", stress, stress_text)}
                {tile(EndpointId::DailySpo2, "endpoint.daily_spo2.title", spo2, spo2_text)}
                {tile(EndpointId::RingBatteryLevel, "view.battery", battery, battery_text)}
            </ul>
        </section>
    }
}

/// The night's lowest heart rate (the day's main sleep).
fn lowest_hr(i18n: I18n, docs: &[Value], _day: NaiveDate, _off: i32) -> Option<String> {
    let (periods, _) = read_periods(docs);
    let night = periods.get(logic::main_sleep(&periods)?)?;
    let bpm = night.lowest_heart_rate?;
    Some(format!("{bpm} {}", i18n.t("view.unit.bpm")))
}

/// The day's stress summary (restored / normal / stressful; another value as Oura
/// spells it).
fn stress_text(i18n: I18n, docs: &[Value], _day: NaiveDate, _off: i32) -> Option<String> {
    let s = docs.iter().find_map(|d| doc::stress::stress(d).ok())?;
    Some(super::stress::summary_text(
        i18n,
        Some(s.day_summary.as_ref()?),
    ))
}

/// The night's average SpO2.
fn spo2_text(i18n: I18n, docs: &[Value], _day: NaiveDate, _off: i32) -> Option<String> {
    let s = docs.iter().find_map(|d| doc::spo2::spo2(d).ok())?;
    let lang = i18n.lang.get_untracked().code();
    Some(format!("{}%", num(s.average?, 1, lang)))
}

/// The last battery reading up to the end of the wearer's `day` (UTC offset `off`), with
/// its time on the wearer's clock.
fn battery_text(_i18n: I18n, docs: &[Value], day: NaiveDate, off: i32) -> Option<String> {
    let (_, end_ms) = super::local_day::bounds(day, off);
    let (at, level, _) = doc::battery::last_level(docs, Some(end_ms))?;
    let at_ms = at.timestamp_millis() as f64;
    Some(format!(
        "{level}% · {}",
        crate::ui::charts::format::clock(at_ms, off)
    ))
}
