//! THE endpoint table: the one place that lists Oura's 19 `/v2/usercollection/*`
//! endpoints. The API client, the object stores, the sync plan and the navigation are
//! all driven from [`ENDPOINTS`]; nothing else in the app spells an endpoint name.
//!
//! Pure data (no web-sys), tested natively.

/// Identifies one of the 19 endpoints. The order of the variants is the order of
/// [`ENDPOINTS`] (checked by a test), so `id as usize` indexes the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EndpointId {
    DailySleep,
    Sleep,
    DailyReadiness,
    DailyActivity,
    Workout,
    Session,
    DailyStress,
    DailyResilience,
    DailyCardiovascularAge,
    DailySpo2,
    Vo2Max,
    Heartrate,
    SleepTime,
    Tag,
    EnhancedTag,
    PersonalInfo,
    RingConfiguration,
    RestModePeriod,
    RingBatteryLevel,
}

/// How a list request for the endpoint is parameterised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryKind {
    /// `start_date` / `end_date` (local `day` of the wearer) plus `next_token`.
    Dates,
    /// `start_datetime` / `end_datetime` (heartrate, ring_battery_level; windows ≤ 30
    /// days).
    DateTimes,
    /// `next_token` only (ring_configuration).
    TokenOnly,
    /// No parameters at all; the response is a single object (personal_info).
    Single,
}

/// The natural key that identifies a record of the endpoint in the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NaturalKey {
    /// The document's `id`.
    Id,
    /// The document's `day` (daily_cardiovascular_age has no `id`).
    Day,
    /// Timestamp instant plus `source` (heartrate samples have no `id`; packed per UTC
    /// day, see `store::heartrate`).
    TimestampSource,
    /// The `timestamp` instant (ring_battery_level rows have no `id`).
    Timestamp,
    /// The endpoint returns one object (personal_info): stored as one record.
    Singleton,
}

/// Where the endpoint's page sits in the navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Sleep,
    Readiness,
    Activity,
    Body,
    Tags,
    Account,
}

impl Group {
    /// The groups in navigation order.
    pub const ALL: [Group; 6] = [
        Group::Sleep,
        Group::Readiness,
        Group::Activity,
        Group::Body,
        Group::Tags,
        Group::Account,
    ];

    /// i18n key of the group heading.
    pub fn title_key(self) -> &'static str {
        match self {
            Group::Sleep => "group.sleep",
            Group::Readiness => "group.readiness",
            Group::Activity => "group.activity",
            Group::Body => "group.body",
            Group::Tags => "group.tags",
            Group::Account => "group.account",
        }
    }
}

/// Which page shows the endpoint at `/data/<path>` (one file per page under
/// `src/ui/pages/`; `tag` and `enhanced_tag` share the tag timeline).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    SleepScore,
    SleepPeriods,
    Readiness,
    Activity,
    Workouts,
    Sessions,
    Stress,
    Resilience,
    CardiovascularAge,
    Spo2,
    Vo2Max,
    HeartRate,
    Bedtime,
    Tags,
    PersonalInfo,
    Rings,
    RestMode,
    Battery,
}

/// One row of the endpoint table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub id: EndpointId,
    /// Path segment exactly as Oura spells it: `/v2/usercollection/<path>`. Also the
    /// object-store name, the export key and the route segment of the endpoint's page.
    pub path: &'static str,
    /// Name of the schema in Oura's OpenAPI 1.41 document that describes one document.
    pub schema: &'static str,
    pub key: NaturalKey,
    pub query: QueryKind,
    /// The OAuth scope (cloud preset spelling) that most likely grants this endpoint.
    /// A hint for diagnosis only: Oura publishes no reliable scope→endpoint map, so
    /// every endpoint is requested whatever scopes were granted.
    pub scope: &'static str,
    pub group: Group,
    /// The endpoint's page.
    pub page: Page,
}

impl Endpoint {
    /// i18n key of the page title, e.g. `endpoint.daily_sleep.title`.
    pub fn title_key(&self) -> String {
        format!("endpoint.{}.title", self.path)
    }

    /// i18n key of the one-line description shown on the page.
    pub fn about_key(&self) -> String {
        format!("endpoint.{}.about", self.path)
    }

    /// The longest UTC window, in days and padding included, that a sync asks a
    /// [`QueryKind::DateTimes`] endpoint for (Oura accepts 30). Heart rate: 30 (at
    /// 1,200 samples a day a window is ≈ 38 full pages, only its last one part-full).
    /// The battery: 20, so that a window's rows (≈ 47 a day in the simulator) fit one
    /// page of 1,000 — in 30-day windows every window took a second request for its
    /// last ≈ 400 rows (`make bench`, BENCHMARKS.md).
    pub fn window_days(&self) -> i64 {
        match self.id {
            EndpointId::RingBatteryLevel => 20,
            _ => crate::oura::window::HEARTRATE_MAX_WINDOW_DAYS,
        }
    }

    /// The API path relative to `api_base`.
    pub fn api_path(&self) -> String {
        format!("/v2/usercollection/{}", self.path)
    }
}

// A table row: one argument per column.
#[allow(clippy::too_many_arguments)]
const fn row(
    id: EndpointId,
    path: &'static str,
    schema: &'static str,
    key: NaturalKey,
    query: QueryKind,
    scope: &'static str,
    group: Group,
    page: Page,
) -> Endpoint {
    Endpoint {
        id,
        path,
        schema,
        key,
        query,
        scope,
        group,
        page,
    }
}

use EndpointId as E;
use Group as G;
use NaturalKey as K;
use Page as P;
use QueryKind as Q;

/// The 19 endpoints (OpenAPI 1.41), in navigation order within their groups.
#[rustfmt::skip]
pub const ENDPOINTS: [Endpoint; 19] = [
    row(E::DailySleep, "daily_sleep", "PublicDailySleep", K::Id, Q::Dates, "daily", G::Sleep, P::SleepScore),
    row(E::Sleep, "sleep", "PublicModifiedSleepModel", K::Id, Q::Dates, "daily", G::Sleep, P::SleepPeriods),
    row(E::DailyReadiness, "daily_readiness", "PublicDailyReadiness", K::Id, Q::Dates, "daily", G::Readiness, P::Readiness),
    row(E::DailyActivity, "daily_activity", "PublicDailyActivity", K::Id, Q::Dates, "daily", G::Activity, P::Activity),
    row(E::Workout, "workout", "PublicWorkout", K::Id, Q::Dates, "workout", G::Activity, P::Workouts),
    row(E::Session, "session", "PublicSession", K::Id, Q::Dates, "session", G::Activity, P::Sessions),
    row(E::DailyStress, "daily_stress", "PublicDailyStress", K::Id, Q::Dates, "stress", G::Readiness, P::Stress),
    row(E::DailyResilience, "daily_resilience", "DailyResilienceModel", K::Id, Q::Dates, "stress", G::Readiness, P::Resilience),
    row(E::DailyCardiovascularAge, "daily_cardiovascular_age", "PublicDailyCardiovascularAge", K::Day, Q::Dates, "heart_health", G::Body, P::CardiovascularAge),
    row(E::DailySpo2, "daily_spo2", "PublicDailySpO2", K::Id, Q::Dates, "spo2", G::Body, P::Spo2),
    row(E::Vo2Max, "vO2_max", "PublicVO2Max", K::Id, Q::Dates, "heart_health", G::Body, P::Vo2Max),
    row(E::Heartrate, "heartrate", "PublicHeartRateRow", K::TimestampSource, Q::DateTimes, "heartrate", G::Body, P::HeartRate),
    row(E::SleepTime, "sleep_time", "PublicSleepTime", K::Id, Q::Dates, "daily", G::Sleep, P::Bedtime),
    row(E::Tag, "tag", "TagModel", K::Id, Q::Dates, "tag", G::Tags, P::Tags),
    row(E::EnhancedTag, "enhanced_tag", "EnhancedTagModel", K::Id, Q::Dates, "tag", G::Tags, P::Tags),
    row(E::PersonalInfo, "personal_info", "PersonalInfoResponse", K::Singleton, Q::Single, "personal", G::Account, P::PersonalInfo),
    row(E::RingConfiguration, "ring_configuration", "PublicRingConfiguration", K::Id, Q::TokenOnly, "ring_configuration", G::Account, P::Rings),
    row(E::RestModePeriod, "rest_mode_period", "PublicRestModePeriod", K::Id, Q::Dates, "daily", G::Readiness, P::RestMode),
    row(E::RingBatteryLevel, "ring_battery_level", "PublicRingBatteryLevelRow", K::Timestamp, Q::DateTimes, "ring_configuration", G::Account, P::Battery),
];

impl EndpointId {
    /// The table row of this endpoint.
    pub fn endpoint(self) -> &'static Endpoint {
        &ENDPOINTS[self as usize]
    }
}

/// Looks an endpoint up by its path segment (exact spelling, e.g. `vO2_max`).
pub fn by_path(path: &str) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.path == path)
}

/// The endpoints of one navigation group, in table order.
pub fn in_group(group: Group) -> impl Iterator<Item = &'static Endpoint> {
    ENDPOINTS.iter().filter(move |e| e.group == group)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    const OURA_19: [&str; 19] = [
        "daily_sleep",
        "sleep",
        "daily_readiness",
        "daily_activity",
        "workout",
        "session",
        "daily_stress",
        "daily_resilience",
        "daily_cardiovascular_age",
        "daily_spo2",
        "vO2_max",
        "heartrate",
        "sleep_time",
        "tag",
        "enhanced_tag",
        "personal_info",
        "ring_configuration",
        "rest_mode_period",
        "ring_battery_level",
    ];

    #[test]
    fn the_table_lists_exactly_the_19_oura_endpoints() {
        let ours: BTreeSet<_> = ENDPOINTS.iter().map(|e| e.path).collect();
        let oura: BTreeSet<_> = OURA_19.into_iter().collect();
        assert_eq!(ours, oura);
    }

    #[test]
    fn ids_index_the_table() {
        for (i, e) in ENDPOINTS.iter().enumerate() {
            assert_eq!(e.id as usize, i, "{} is out of order", e.path);
            assert_eq!(e.id.endpoint().path, e.path);
        }
    }

    #[test]
    fn every_path_and_schema_exists_in_the_openapi_document() {
        let text = include_str!("../tests/data/oura/openapi-1.41.json");
        let doc: serde_json::Value = serde_json::from_str(text).expect("openapi.json parses");
        for e in &ENDPOINTS {
            assert!(
                doc["paths"].get(e.api_path()).is_some(),
                "{} missing from the spec",
                e.api_path()
            );
            assert!(
                doc["components"]["schemas"].get(e.schema).is_some(),
                "schema {} missing from the spec",
                e.schema
            );
        }
    }

    #[test]
    fn query_kinds_match_the_spec_parameters() {
        let text = include_str!("../tests/data/oura/openapi-1.41.json");
        let doc: serde_json::Value = serde_json::from_str(text).expect("openapi.json parses");
        for e in &ENDPOINTS {
            let params: BTreeSet<String> = doc["paths"][e.api_path()]["get"]["parameters"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|p| p["name"].as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            // 1.41: every list route also takes `fields`; time series take `latest`.
            let expected: &[&str] = match e.query {
                QueryKind::Dates => &["start_date", "end_date", "next_token", "fields"],
                QueryKind::DateTimes => &[
                    "start_datetime",
                    "end_datetime",
                    "next_token",
                    "latest",
                    "fields",
                ],
                QueryKind::TokenOnly => &["next_token", "fields"],
                QueryKind::Single => &[],
            };
            let expected: BTreeSet<String> = expected.iter().map(|s| s.to_string()).collect();
            assert_eq!(params, expected, "{}", e.path);
        }
    }

    #[test]
    fn natural_keys_follow_the_design() {
        assert_eq!(
            by_path("daily_cardiovascular_age").map(|e| e.key),
            Some(NaturalKey::Day)
        );
        assert_eq!(
            by_path("heartrate").map(|e| e.key),
            Some(NaturalKey::TimestampSource)
        );
        assert_eq!(
            by_path("personal_info").map(|e| e.key),
            Some(NaturalKey::Singleton)
        );
        assert_eq!(
            by_path("ring_battery_level").map(|e| e.key),
            Some(NaturalKey::Timestamp)
        );
        assert_eq!(by_path("vO2_max").map(|e| e.key), Some(NaturalKey::Id));
        assert!(by_path("vo2_max").is_none(), "paths are case-sensitive");
    }

    #[test]
    fn every_endpoint_has_a_page_and_only_tags_share_one() {
        let pages: Vec<Page> = ENDPOINTS.iter().map(|e| e.page).collect();
        for (i, p) in pages.iter().enumerate() {
            let shared: Vec<&str> = ENDPOINTS
                .iter()
                .filter(|e| e.page == *p)
                .map(|e| e.path)
                .collect();
            if *p == Page::Tags {
                assert_eq!(shared, ["tag", "enhanced_tag"]);
            } else {
                assert_eq!(shared.len(), 1, "{} shares {p:?}", ENDPOINTS[i].path);
            }
        }
    }

    #[test]
    fn every_group_has_endpoints_and_every_endpoint_a_group() {
        let total: usize = Group::ALL.iter().map(|g| in_group(*g).count()).sum();
        assert_eq!(total, ENDPOINTS.len());
        for g in Group::ALL {
            assert!(in_group(g).count() > 0, "{g:?} is empty");
        }
    }
}
