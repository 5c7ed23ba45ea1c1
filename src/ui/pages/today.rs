use super::common::{
    clock, contributors, date_text, facts, loaded_view, num, unreadable, use_days, use_docs,
    DayPicker, Loaded,
};
use super::daily::{
    activity_totals, deviation, each, ACTIVITY_CONTRIBUTORS, READINESS_CONTRIBUTORS,
};
use super::doc::{self, Unreadable};
use super::logic;
use super::set_title;
use super::sleep::{night_facts, read_periods, SLEEP_CONTRIBUTORS};
use crate::endpoints::EndpointId;
use crate::i18n::{use_i18n, I18n};
use crate::oura::models::{MomentMood, MomentType, PublicWorkoutIntensity, Timestamp};
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
        <h1>{i18n.tr("page.today.title")}</h1>
        <Show
            when=signed_out
            fallback=|| view! { <SyncPanel /> }
        >
            <section class="card welcome">
                <h2>{i18n.tr("welcome.title")}</h2>
                <p>{i18n.tr("welcome.body")}</p>
                <SignInButton />
            </section>
        </Show>
        <DayPicker day=day route="/".to_owned() />
        <section class="card scores" aria-labelledby="scores-h">
            <h2 id="scores-h">{heading}</h2>
            <ul class="score-row">
                <li><a class="score-link" href={link(EndpointId::DailySleep)}>
                    <ScoreRing score={score_of(daily_sleep)} label={Signal::derive(i18n.tr("view.score.sleep"))} />
                </a></li>
                <li><a class="score-link" href={link(EndpointId::DailyReadiness)}>
                    <ScoreRing score={score_of(readiness)} label={Signal::derive(i18n.tr("view.score.readiness"))} />
                </a></li>
                <li><a class="score-link" href={link(EndpointId::DailyActivity)}>
                    <ScoreRing score={score_of(activity)} label={Signal::derive(i18n.tr("view.score.activity"))} />
                </a></li>
            </ul>
        </section>
        <section class="card" aria-labelledby="sleep-h">
            <h2 id="sleep-h">{i18n.tr("view.score.sleep")}</h2>
            {loaded_view(daily_sleep, EndpointId::DailySleep, day, false, move |d| each(i18n, d, &|m| {
                Ok(contributors(i18n, &doc::contributors(m, &SLEEP_CONTRIBUTORS)).into_any())
            }))}
            <h3 class="view-sub">{i18n.tr("view.last_night")}</h3>
            {loaded_view(sleep, EndpointId::Sleep, day, false, move |d| night(i18n, d))}
            <p class="view-more"><a href={link(EndpointId::Sleep)}>{i18n.tr("view.more.sleep")}</a></p>
        </section>
        <section class="card" aria-labelledby="readiness-h">
            <h2 id="readiness-h">{i18n.tr("view.score.readiness")}</h2>
            {loaded_view(readiness, EndpointId::DailyReadiness, day, false, move |d| {
                let lang = i18n.lang.get().code();
                each(i18n, d, &|m| Ok(view! {
                    {facts(vec![(i18n.t("view.f.temperature"), deviation(doc::opt_num(m, "temperature_deviation"), lang))])}
                    {contributors(i18n, &doc::contributors(m, &READINESS_CONTRIBUTORS))}
                }.into_any()))
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
                        {contributors(i18n, &doc::contributors(m, &ACTIVITY_CONTRIBUTORS))}
                    }.into_any())
                })
            })}
        </section>
        <section class="card" aria-labelledby="workouts-h">
            <h2 id="workouts-h">{i18n.tr("endpoint.workout.title")}</h2>
            {loaded_view(workouts, EndpointId::Workout, day, true, move |d| list(i18n, d, workout_item))}
        </section>
        <section class="card" aria-labelledby="sessions-h">
            <h2 id="sessions-h">{i18n.tr("endpoint.session.title")}</h2>
            {loaded_view(sessions, EndpointId::Session, day, true, move |d| list(i18n, d, session_item))}
        </section>
        <section class="card" aria-labelledby="tags-h">
            <h2 id="tags-h">{i18n.tr("view.tags")}</h2>
            {loaded_view(tags, EndpointId::Tag, day, true, move |d| list(i18n, d, tag_item))}
            {loaded_view(enhanced, EndpointId::EnhancedTag, day, true, move |d| list(i18n, d, enhanced_item))}
        </section>
    }
}

/// The score of the first document of the day that has one (`None`: none).
fn score_of(res: LocalResource<Loaded>) -> Signal<Option<i64>> {
    Signal::derive(move || {
        res.with(|r| match r {
            Some(Some(Ok(docs))) => docs.iter().find_map(|d| doc::opt_int(d, "score")),
            _ => None,
        })
    })
}

/// The documents of the day as a list of items made by `f`.
fn list(
    i18n: I18n,
    docs: &[Value],
    f: fn(I18n, &Value, &str) -> Result<AnyView, Unreadable>,
) -> AnyView {
    let lang = i18n.lang.get().code();
    let items = docs
        .iter()
        .map(|d| {
            let item = match doc::object(d).and_then(|m| f(i18n, m, lang)) {
                Ok(v) => v,
                Err(e) => unreadable(i18n, &e),
            };
            view! { <li>{item}</li> }
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
/// The codes are ASCII identifiers: only an ASCII first letter is capitalised (the
/// full Unicode case tables would add ≈ 5 KB brotli to the first load).
pub fn code_words(code: &str) -> String {
    let mut s = code
        .strip_prefix("tag_generic_")
        .or_else(|| code.strip_prefix("tag_"))
        .unwrap_or(code)
        .replace('_', " ");
    if let Some(first) = s.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    s
}

fn times(start: &Timestamp, end: Option<&Timestamp>) -> String {
    match end {
        Some(e) => format!("{}–{}", clock(start), clock(e)),
        None => clock(start),
    }
}

fn workout_item(i18n: I18n, w: &Value, lang: &str) -> Result<AnyView, Unreadable> {
    let start = doc::time(w, "start_datetime")?;
    let end = doc::time(w, "end_datetime")?;
    let intensity = match PublicWorkoutIntensity::from(doc::string(w, "intensity")?) {
        PublicWorkoutIntensity::Easy => i18n.t("view.intensity.easy"),
        PublicWorkoutIntensity::Moderate => i18n.t("view.intensity.moderate"),
        PublicWorkoutIntensity::Hard => i18n.t("view.intensity.hard"),
        PublicWorkoutIntensity::Other(s) => s,
    };
    let activity = doc::string(w, "activity")?;
    let mut parts = vec![times(&start, Some(&end)), intensity];
    if let Some(c) = doc::opt_num(w, "calories") {
        parts.push(format!("{} {}", num(c, 0, lang), i18n.t("view.unit.kcal")));
    }
    if let Some(d) = doc::opt_num(w, "distance") {
        parts.push(format!(
            "{} {}",
            num(d / 1000.0, 1, lang),
            i18n.t("view.unit.km")
        ));
    }
    let label = doc::opt_str(w, "label").map(str::to_owned);
    Ok(view! {
        <span class="event-title">{code_words(activity)}</span>
        <span class="event-detail">{parts.join(" · ")}</span>
        {label.map(|l| view! { <span class="event-note">{l}</span> })}
    }
    .into_any())
}

fn session_item(i18n: I18n, s: &Value, _lang: &str) -> Result<AnyView, Unreadable> {
    let start = doc::time(s, "start_datetime")?;
    let end = doc::time(s, "end_datetime")?;
    let kind = match MomentType::from(doc::string(s, "type")?) {
        MomentType::Breathing => i18n.t("view.session.breathing"),
        MomentType::Meditation => i18n.t("view.session.meditation"),
        MomentType::Nap => i18n.t("view.session.nap"),
        MomentType::Relaxation => i18n.t("view.session.relaxation"),
        MomentType::Rest => i18n.t("view.session.rest"),
        MomentType::BodyStatus => i18n.t("view.session.body_status"),
        MomentType::Other(ref o) => code_words(o),
    };
    let mood = doc::opt_str(s, "mood").map(|m| {
        let text = match MomentMood::from(m) {
            MomentMood::Bad => i18n.t("view.mood.bad"),
            MomentMood::Worse => i18n.t("view.mood.worse"),
            MomentMood::Same => i18n.t("view.mood.same"),
            MomentMood::Good => i18n.t("view.mood.good"),
            MomentMood::Great => i18n.t("view.mood.great"),
            MomentMood::Other(o) => code_words(&o),
        };
        format!(" · {}: {text}", i18n.t("view.mood"))
    });
    Ok(view! {
        <span class="event-title">{kind}</span>
        <span class="event-detail">{times(&start, Some(&end))}{mood}</span>
    }
    .into_any())
}

fn tag_item(_i18n: I18n, t: &Value, _lang: &str) -> Result<AnyView, Unreadable> {
    let at = doc::time(t, "timestamp")?;
    let names = t
        .get("tags")
        .and_then(Value::as_array)
        .ok_or_else(|| Unreadable("`tags` is missing or invalid".to_owned()))?
        .iter()
        .map(|s| s.as_str().map(code_words))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| Unreadable("`tags` is missing or invalid".to_owned()))?
        .join(", ");
    let text = doc::opt_str(t, "text").map(str::to_owned);
    Ok(view! {
        <span class="event-title">{names}</span>
        <span class="event-detail">{clock(&at)}</span>
        {text.map(|l| view! { <span class="event-note">{l}</span> })}
    }
    .into_any())
}

fn enhanced_item(i18n: I18n, t: &Value, _lang: &str) -> Result<AnyView, Unreadable> {
    let start = doc::time(t, "start_time")?;
    let end = doc::opt_time(t, "end_time");
    let name = doc::opt_str(t, "custom_name")
        .map(str::to_owned)
        .or_else(|| doc::opt_str(t, "tag_type_code").map(code_words))
        .unwrap_or_else(|| i18n.t("view.tag"));
    let comment = doc::opt_str(t, "comment").map(str::to_owned);
    Ok(view! {
        <span class="event-title">{name}</span>
        <span class="event-detail">{times(&start, end.as_ref())}</span>
        {comment.map(|l| view! { <span class="event-note">{l}</span> })}
    }
    .into_any())
}

#[cfg(test)]
mod tests {
    use super::code_words;

    #[test]
    fn codes_read_as_words() {
        assert_eq!(code_words("walking"), "Walking");
        assert_eq!(code_words("tag_generic_nocaffeine"), "Nocaffeine");
        assert_eq!(code_words("tag_sauna"), "Sauna");
        assert_eq!(code_words("strength_training"), "Strength training");
        assert_eq!(code_words("émotion"), "émotion", "non-ASCII is kept as is");
        assert_eq!(code_words(""), "");
    }
}
