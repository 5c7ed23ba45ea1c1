//! The Today page: the day's scores, last night, readiness, activity and events.

use super::activity::activity_totals;
use super::common::{
    clock, contributors, date_text, each, facts, loaded_view, unreadable, use_days, use_docs,
    DayPicker, Loaded,
};
use super::doc;
use super::logic;
use super::readiness::deviation;
use super::set_title;
use super::sleep::{night_facts, read_periods};
use super::today_events::TodayEvents;
use super::today_vitals::TodayVitals;
use crate::endpoints::EndpointId;
use crate::i18n::{use_i18n, I18n};
use crate::ui::charts::{timestamp, ScoreRing};
use crate::ui::components::{use_session, use_sync, SignInButton, SyncPanel, TryDemoButton};
use crate::ui::{endpoint_route, href};
use leptos::prelude::*;
use serde_json::Value;

/// Today: the selected day's scores, night, activity and events. Signed out, it also
/// welcomes the user with the "Sign in with Oura" button; signed in, it shows the sync.
#[component]
pub fn TodayPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    Effect::new(move |_| set_title(&i18n.t("page.today.title")));
    let sync = use_sync();
    let signed_out = move || session.session.with(|s| s.is_none());
    // Signed out: the welcome (sign in, or try the demo); in the demo, the sync panel
    // (off, with the reason).
    let welcome = move || signed_out() && !sync.demo.get();
    let days = use_days();
    let day = days.day;
    let range = super::common::around(day, 0, 0);
    let load = |id| use_docs(id, range);
    let daily_sleep = load(EndpointId::DailySleep);
    let sleep = load(EndpointId::Sleep);
    let readiness = load(EndpointId::DailyReadiness);
    let activity = load(EndpointId::DailyActivity);
    let scores = [
        score_of(daily_sleep),
        score_of(readiness),
        score_of(activity),
    ];
    let has_score = Memo::new(move |_| scores.iter().any(|s| s.get().is_some()));
    let link = move |id: EndpointId| {
        let route = endpoint_route(id.endpoint());
        move || {
            let q = day.get().map(|d| format!("?day={d}")).unwrap_or_default();
            href(&format!("{route}{q}"))
        }
    };
    // A no-break space until the day is known, so that the card does not grow then.
    let heading = move || {
        day.get()
            .map(|d| date_text(d, i18n.lang.get().code(), true))
            .unwrap_or_else(|| "\u{a0}".to_owned())
    };
    view! {
        <h1>{i18n.tr("page.today.title")}</h1>
        <Show
            when=welcome
            fallback=|| view! { <SyncPanel /> }
        >
            <section class="card welcome">
                <h2>{i18n.tr("welcome.title")}</h2>
                <p>{i18n.tr("welcome.body")}</p>
                <SignInButton />
                <TryDemoButton />
            </section>
        </Show>
        <DayPicker day=day route="/".to_owned() />
        <section class="card scores" aria-labelledby="scores-h">
            <h2 id="scores-h">{heading}</h2>
            <ul class="score-row">
                <li><a class="score-link" href={link(EndpointId::DailySleep)}>
                    <ScoreRing score={scores[0]} label={Signal::derive(i18n.tr("view.score.sleep"))} />
                </a></li>
                <li><a class="score-link" href={link(EndpointId::DailyReadiness)}>
                    <ScoreRing score={scores[1]} label={Signal::derive(i18n.tr("view.score.readiness"))} />
                </a></li>
                <li><a class="score-link" href={link(EndpointId::DailyActivity)}>
                    <ScoreRing score={scores[2]} label={Signal::derive(i18n.tr("view.score.activity"))} />
                </a></li>
            </ul>
        </section>
        <TodayVitals day=day sleep=sleep activity=activity />
        // What changed (the day's largest deviations from the personal baseline): its
        // code is loaded once the day shows a score, so a first screen without data never
        // fetches it. It comes after the vitals: arriving last, it would push everything
        // under it down while the user reads (on a phone, it starts below the fold).
        {move || has_score.get().then(|| crate::ui::app::later(
            std::rc::Rc::new(move || Box::pin(async move { crate::call_split!(super::today_more(day)) })),
            true,
        ))}
        <section class="card" aria-labelledby="sleep-h">
            <h2 id="sleep-h">{i18n.tr("view.score.sleep")}</h2>
            {loaded_view(daily_sleep, EndpointId::DailySleep, day, false, move |d| each(i18n, d, &|m| {
                Ok(contributors(i18n, &doc::daily::sleep_contributors(m)).into_any())
            }))}
            <h3 class="view-sub">{i18n.tr("view.last_night")}</h3>
            {loaded_view(sleep, EndpointId::Sleep, day, false, move |d| night(i18n, d))}
            <p class="view-more"><a href={link(EndpointId::Sleep)}>{i18n.tr("view.more.sleep")}</a></p>
        </section>
        <section class="card" aria-labelledby="readiness-h">
            <h2 id="readiness-h">{i18n.tr("view.score.readiness")}</h2>
            {loaded_view(readiness, EndpointId::DailyReadiness, day, false, move |d| {
                let lang = i18n.lang.get().code();
                each(i18n, d, &|m| {
                    let r = doc::daily::readiness(m)?;
                    Ok(view! {
                        {facts(vec![(i18n.t("view.f.temperature"), deviation(r.temperature_deviation, lang))])}
                        {contributors(i18n, &r.contributors)}
                    }.into_any())
                })
            })}
        </section>
        <section class="card" aria-labelledby="activity-h">
            <h2 id="activity-h">{i18n.tr("view.score.activity")}</h2>
            {loaded_view(activity, EndpointId::DailyActivity, day, false, move |d| {
                let lang = i18n.lang.get().code();
                each(i18n, d, &|m| {
                    let totals = activity_totals(i18n, m, lang)?;
                    Ok(view! {
                        {totals}
                        {contributors(i18n, &doc::daily::activity_contributors(m))}
                    }.into_any())
                })
            })}
        </section>
        <TodayEvents day=day />
    }
}

/// The score of the first document of the day that has one (`None`: none).
fn score_of(res: LocalResource<Loaded>) -> Signal<Option<i64>> {
    Signal::derive(move || {
        res.with(|r| match r {
            Some(Some(Ok(docs))) => docs.iter().find_map(doc::daily::score),
            _ => None,
        })
    })
}

/// The night: the day's long sleep (facts and hypnogram).
fn night(i18n: I18n, docs: &[Value]) -> AnyView {
    let lang = i18n.lang.get().code();
    let (periods, bad) = read_periods(docs);
    let bad = bad.iter().map(|e| unreadable(i18n, e)).collect_view();
    let main = logic::main_sleep(&periods)
        .and_then(|i| periods.get(i))
        .map(|s| {
            let (start_ms, offset_s) = timestamp(&s.bedtime_start);
            // The chart kit is loaded with the hypnogram (not in the first load).
            let hypnogram = s
                .sleep_phase_5_min
                .clone()
                .filter(|p| !p.is_empty())
                .map(|p| {
                    crate::ui::app::later(
                        std::rc::Rc::new(move || {
                            let p = p.clone();
                            Box::pin(async move {
                                crate::call_split!(super::night_chart(p, start_ms, offset_s))
                            })
                        }),
                        true,
                    )
                });
            let mut rows = vec![(
                i18n.t("view.f.bedtime"),
                format!("{}–{}", clock(&s.bedtime_start), clock(&s.bedtime_end)),
            )];
            rows.extend(night_facts(i18n, s, lang));
            view! {
                <div class="night">{facts(rows)} {hypnogram}</div>
            }
        });
    view! {
        {main}
        {bad}
    }
    .into_any()
}
