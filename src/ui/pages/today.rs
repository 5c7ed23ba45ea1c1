use super::common::{
    clock, contributors, date_text, facts, loaded_view, num, unreadable, use_days, use_docs,
    DayPicker, Loaded,
};
use super::daily::{activity_contributors, activity_totals, deviation, readiness_contributors};
use super::logic;
use super::set_title;
use super::sleep::{night_facts, read_periods, sleep_contributors};
use crate::endpoints::EndpointId;
use crate::i18n::{use_i18n, I18n};
use crate::oura::models::{
    parse_model, DailyActivityModel, DailyReadinessModel, DailySleepModel, EnhancedTagModel, Model,
    MomentMood, MomentType, PublicWorkout, PublicWorkoutIntensity, SessionModel, TagModel,
};
use crate::ui::charts::{timestamp, Hypnogram, ScoreRing};
use crate::ui::components::{use_session, SignInButton, SyncPanel};
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
    let signed_out = move || session.session.with(|s| s.is_none());
    let days = use_days();
    let day = days.day;
    let range = move || day.get().map(|d| (d, d));
    let load = |id| use_docs(id, range);
    let daily_sleep = load(EndpointId::DailySleep);
    let sleep = load(EndpointId::Sleep);
    let readiness = load(EndpointId::DailyReadiness);
    let activity = load(EndpointId::DailyActivity);
    let workouts = load(EndpointId::Workout);
    let sessions = load(EndpointId::Session);
    let tags = load(EndpointId::Tag);
    let enhanced = load(EndpointId::EnhancedTag);
    let link = move |id: EndpointId| {
        let route = endpoint_route(id.endpoint());
        move || {
            let q = day.get().map(|d| format!("?day={d}")).unwrap_or_default();
            href(&format!("{route}{q}"))
        }
    };
    let heading = move || {
        day.get()
            .map(|d| date_text(d, i18n.lang.get().code(), true))
            .unwrap_or_default()
    };
    view! {
        <h1>{move || i18n.t("page.today.title")}</h1>
        <Show
            when=signed_out
            fallback=|| view! { <SyncPanel /> }
        >
            <section class="card welcome">
                <h2>{move || i18n.t("welcome.title")}</h2>
                <p>{move || i18n.t("welcome.body")}</p>
                <SignInButton />
            </section>
        </Show>
        <DayPicker day=day route="/".to_owned() />
        <section class="card scores" aria-labelledby="scores-h">
            <h2 id="scores-h">{heading}</h2>
            <ul class="score-row">
                <li><a class="score-link" href={link(EndpointId::DailySleep)}>
                    <ScoreRing score={score_of::<DailySleepModel>(daily_sleep, |m| m.score)} label={Signal::derive(move || i18n.t("view.score.sleep"))} />
                </a></li>
                <li><a class="score-link" href={link(EndpointId::DailyReadiness)}>
                    <ScoreRing score={score_of::<DailyReadinessModel>(readiness, |m| m.score)} label={Signal::derive(move || i18n.t("view.score.readiness"))} />
                </a></li>
                <li><a class="score-link" href={link(EndpointId::DailyActivity)}>
                    <ScoreRing score={score_of::<DailyActivityModel>(activity, |m| m.score)} label={Signal::derive(move || i18n.t("view.score.activity"))} />
                </a></li>
            </ul>
        </section>
        <section class="card" aria-labelledby="sleep-h">
            <h2 id="sleep-h">{move || i18n.t("view.score.sleep")}</h2>
            {loaded_view(daily_sleep, EndpointId::DailySleep, day, false, move |d| one::<DailySleepModel>(i18n, d, |i18n, m| {
                contributors(i18n, &sleep_contributors(&m.contributors)).into_any()
            }))}
            <h3 class="view-sub">{move || i18n.t("view.last_night")}</h3>
            {loaded_view(sleep, EndpointId::Sleep, day, false, move |d| night(i18n, d))}
            <p class="view-more"><a href={link(EndpointId::Sleep)}>{move || i18n.t("view.more.sleep")}</a></p>
        </section>
        <section class="card" aria-labelledby="readiness-h">
            <h2 id="readiness-h">{move || i18n.t("view.score.readiness")}</h2>
            {loaded_view(readiness, EndpointId::DailyReadiness, day, false, move |d| one::<DailyReadinessModel>(i18n, d, |i18n, m| {
                let lang = i18n.lang.get().code();
                view! {
                    {facts(vec![(i18n.t("view.f.temperature"), deviation(m.temperature_deviation, lang))])}
                    {contributors(i18n, &readiness_contributors(&m.contributors))}
                }.into_any()
            }))}
        </section>
        <section class="card" aria-labelledby="activity-h">
            <h2 id="activity-h">{move || i18n.t("view.score.activity")}</h2>
            {loaded_view(activity, EndpointId::DailyActivity, day, false, move |d| one::<DailyActivityModel>(i18n, d, |i18n, m| {
                let lang = i18n.lang.get().code();
                view! {
                    {activity_totals(i18n, m, lang)}
                    {contributors(i18n, &activity_contributors(&m.contributors))}
                }.into_any()
            }))}
        </section>
        <section class="card" aria-labelledby="workouts-h">
            <h2 id="workouts-h">{move || i18n.t("endpoint.workout.title")}</h2>
            {loaded_view(workouts, EndpointId::Workout, day, true, move |d| list::<PublicWorkout>(i18n, d, workout_item))}
        </section>
        <section class="card" aria-labelledby="sessions-h">
            <h2 id="sessions-h">{move || i18n.t("endpoint.session.title")}</h2>
            {loaded_view(sessions, EndpointId::Session, day, true, move |d| list::<SessionModel>(i18n, d, session_item))}
        </section>
        <section class="card" aria-labelledby="tags-h">
            <h2 id="tags-h">{move || i18n.t("view.tags")}</h2>
            {loaded_view(tags, EndpointId::Tag, day, true, move |d| list::<TagModel>(i18n, d, tag_item))}
            {loaded_view(enhanced, EndpointId::EnhancedTag, day, true, move |d| list::<EnhancedTagModel>(i18n, d, enhanced_item))}
        </section>
    }
}

/// The score of the first readable document of the day (`None`: none).
fn score_of<T: Model>(res: LocalResource<Loaded>, f: fn(&T) -> Option<i64>) -> Signal<Option<i64>> {
    Signal::derive(move || {
        res.with(|r| match r {
            Some(Some(Ok(docs))) => docs
                .iter()
                .find_map(|d| parse_model::<T>(d).ok().and_then(|m| f(&m))),
            _ => None,
        })
    })
}

/// Renders each document of a daily collection (normally one) with `f`.
fn one<T: Model>(i18n: I18n, docs: &[Value], f: fn(I18n, &T) -> AnyView) -> AnyView {
    docs.iter()
        .map(|d| match parse_model::<T>(d) {
            Ok(m) => f(i18n, &m),
            Err(e) => unreadable(i18n, &e),
        })
        .collect_view()
        .into_any()
}

/// The documents of the day as a list of items made by `f`.
fn list<T: Model>(i18n: I18n, docs: &[Value], f: fn(I18n, &T, &str) -> AnyView) -> AnyView {
    let lang = i18n.lang.get().code();
    let items = docs
        .iter()
        .map(|d| match parse_model::<T>(d) {
            Ok(m) => view! { <li>{f(i18n, &m, lang)}</li> }.into_any(),
            Err(e) => view! { <li>{unreadable(i18n, &e)}</li> }.into_any(),
        })
        .collect_view();
    view! { <ul class="event-list">{items}</ul> }.into_any()
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
            let hypnogram = s
                .sleep_phase_5_min
                .clone()
                .filter(|p| !p.is_empty())
                .map(|p| {
                    view! { <Hypnogram phases=p start_ms=start_ms offset_s=offset_s /> }
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

/// `walking` → `Walking`, `tag_generic_nocaffeine` → `Nocaffeine`: Oura's codes as words.
pub fn code_words(code: &str) -> String {
    let s = code
        .strip_prefix("tag_generic_")
        .or_else(|| code.strip_prefix("tag_"))
        .unwrap_or(code)
        .replace('_', " ");
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn times(
    start: &crate::oura::models::Timestamp,
    end: Option<&crate::oura::models::Timestamp>,
) -> String {
    match end {
        Some(e) => format!("{}–{}", clock(start), clock(e)),
        None => clock(start),
    }
}

fn workout_item(i18n: I18n, w: &PublicWorkout, lang: &str) -> AnyView {
    let intensity = match w.intensity {
        PublicWorkoutIntensity::Easy => i18n.t("view.intensity.easy"),
        PublicWorkoutIntensity::Moderate => i18n.t("view.intensity.moderate"),
        PublicWorkoutIntensity::Hard => i18n.t("view.intensity.hard"),
        PublicWorkoutIntensity::Other(ref s) => s.clone(),
    };
    let mut parts = vec![times(&w.start_datetime, Some(&w.end_datetime)), intensity];
    if let Some(c) = w.calories {
        parts.push(format!("{} {}", num(c, 0, lang), i18n.t("view.unit.kcal")));
    }
    if let Some(d) = w.distance {
        parts.push(format!(
            "{} {}",
            num(d / 1000.0, 1, lang),
            i18n.t("view.unit.km")
        ));
    }
    view! {
        <span class="event-title">{code_words(&w.activity)}</span>
        <span class="event-detail">{parts.join(" · ")}</span>
        {w.label.clone().map(|l| view! { <span class="event-note">{l}</span> })}
    }
    .into_any()
}

fn session_item(i18n: I18n, s: &SessionModel, _lang: &str) -> AnyView {
    let kind = match s.kind {
        MomentType::Breathing => i18n.t("view.session.breathing"),
        MomentType::Meditation => i18n.t("view.session.meditation"),
        MomentType::Nap => i18n.t("view.session.nap"),
        MomentType::Relaxation => i18n.t("view.session.relaxation"),
        MomentType::Rest => i18n.t("view.session.rest"),
        MomentType::BodyStatus => i18n.t("view.session.body_status"),
        MomentType::Other(ref o) => code_words(o),
    };
    let mood = s.mood.as_ref().map(|m| {
        let text = match m {
            MomentMood::Bad => i18n.t("view.mood.bad"),
            MomentMood::Worse => i18n.t("view.mood.worse"),
            MomentMood::Same => i18n.t("view.mood.same"),
            MomentMood::Good => i18n.t("view.mood.good"),
            MomentMood::Great => i18n.t("view.mood.great"),
            MomentMood::Other(o) => code_words(o),
        };
        format!(" · {}: {text}", i18n.t("view.mood"))
    });
    view! {
        <span class="event-title">{kind}</span>
        <span class="event-detail">{times(&s.start_datetime, Some(&s.end_datetime))}{mood}</span>
    }
    .into_any()
}

fn tag_item(_i18n: I18n, t: &TagModel, _lang: &str) -> AnyView {
    let names = t
        .tags
        .iter()
        .map(|s| code_words(s))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <span class="event-title">{names}</span>
        <span class="event-detail">{clock(&t.timestamp)}</span>
        {t.text.clone().map(|l| view! { <span class="event-note">{l}</span> })}
    }
    .into_any()
}

fn enhanced_item(i18n: I18n, t: &EnhancedTagModel, _lang: &str) -> AnyView {
    let name = t
        .custom_name
        .clone()
        .or_else(|| t.tag_type_code.as_deref().map(code_words))
        .unwrap_or_else(|| i18n.t("view.tag"));
    view! {
        <span class="event-title">{name}</span>
        <span class="event-detail">{times(&t.start_time, t.end_time.as_ref())}</span>
        {t.comment.clone().map(|l| view! { <span class="event-note">{l}</span> })}
    }
    .into_any()
}
