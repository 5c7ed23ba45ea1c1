//! The models against Oura's OpenAPI 1.41 document (`tests/data/oura/openapi-1.41.json`)
//! and the responses recorded from the API in 2024 (before 1.41: they must still parse).

use super::*;
use crate::endpoints::{QueryKind, ENDPOINTS};
use serde::de::{self, Deserializer, Visitor};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

// ---------------------------------------------------------------- introspection

/// What a probe learned: the struct's name and its serde field names.
#[derive(Debug)]
enum ProbeError {
    Struct(&'static str, &'static [&'static str]),
    Other(String),
}

impl fmt::Display for ProbeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProbeError::Struct(name, _) => write!(f, "struct {name}"),
            ProbeError::Other(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for ProbeError {}

impl de::Error for ProbeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        ProbeError::Other(msg.to_string())
    }
}

/// A deserializer that only records what `deserialize_struct` is asked for.
struct Probe;

impl<'de> Deserializer<'de> for Probe {
    type Error = ProbeError;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, ProbeError> {
        Err(ProbeError::Other("not a struct".into()))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, ProbeError> {
        Err(ProbeError::Struct(name, fields))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
        identifier ignored_any
    }
}

/// The Rust struct name and serde field names of `T`.
fn shape<T: de::DeserializeOwned>() -> (&'static str, BTreeSet<String>) {
    match T::deserialize(Probe) {
        Err(ProbeError::Struct(name, fields)) => {
            (name, fields.iter().map(|f| f.to_string()).collect())
        }
        Err(other) => panic!(
            "{} is not a plain struct: {other}",
            std::any::type_name::<T>()
        ),
        Ok(_) => panic!("{} deserialized from nothing", std::any::type_name::<T>()),
    }
}

struct ShapeOf;
impl WithModel for ShapeOf {
    type Output = (&'static str, BTreeSet<String>, EndpointId);
    fn call<T: Model>(self) -> Self::Output {
        let (name, fields) = shape::<T>();
        (name, fields, T::ENDPOINT)
    }
}

struct ListShapeOf;
impl WithModel for ListShapeOf {
    type Output = (&'static str, BTreeSet<String>);
    fn call<T: Model>(self) -> Self::Output {
        if T::ENDPOINT.endpoint().query == QueryKind::DateTimes {
            shape::<TimeSeriesResponse<T>>()
        } else {
            shape::<ListResponse<T>>()
        }
    }
}

// ---------------------------------------------------------------- the spec

fn spec() -> &'static Value {
    static SPEC: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    SPEC.get_or_init(|| {
        serde_json::from_str(include_str!("../../../tests/data/oura/openapi-1.41.json"))
            .expect("openapi-1.41.json parses")
    })
}

fn schema(name: &str) -> &'static Value {
    let s = &spec()["components"]["schemas"][name];
    assert!(s.is_object(), "schema {name} missing from the spec");
    s
}

fn ref_name(s: &Value) -> Option<&str> {
    s.get("$ref")?.as_str()?.rsplit('/').next()
}

/// Follows `$ref`s.
fn resolve(mut s: &'static Value) -> &'static Value {
    while let Some(name) = ref_name(s) {
        s = schema(name);
    }
    s
}

/// The non-null alternative of `anyOf: [X, null]` (or the schema itself).
fn non_null(s: &'static Value) -> &'static Value {
    match s.get("anyOf").and_then(Value::as_array) {
        Some(alts) => alts
            .iter()
            .find(|a| a.get("type") != Some(&json!("null")))
            .expect("anyOf has a non-null alternative"),
        None => s,
    }
}

fn nullable(s: &Value) -> bool {
    let in_any_of = s
        .get("anyOf")
        .and_then(Value::as_array)
        .is_some_and(|alts| alts.iter().any(|a| a.get("type") == Some(&json!("null"))));
    let in_type = match s.get("type") {
        Some(Value::Array(types)) => types.contains(&json!("null")),
        _ => false,
    };
    in_any_of || in_type || s.get("nullable") == Some(&json!(true))
}

/// Properties and required names of an object schema (through `$ref` and `allOf`).
fn object_parts(s: &'static Value) -> (BTreeMap<String, &'static Value>, BTreeSet<String>) {
    let s = resolve(s);
    let mut props = BTreeMap::new();
    let mut required = BTreeSet::new();
    if let Some(parts) = s.get("allOf").and_then(Value::as_array) {
        for part in parts {
            let (p, r) = object_parts(part);
            props.extend(p);
            required.extend(r);
        }
    }
    if let Some(p) = s.get("properties").and_then(Value::as_object) {
        props.extend(p.iter().map(|(k, v)| (k.clone(), v)));
    }
    if let Some(r) = s.get("required").and_then(Value::as_array) {
        required.extend(r.iter().filter_map(Value::as_str).map(str::to_owned));
    }
    (props, required)
}

fn spec_fields(name: &str) -> BTreeSet<String> {
    object_parts(schema(name)).0.into_keys().collect()
}

fn is_object_schema(s: &Value) -> bool {
    s.get("properties").is_some() || s.get("allOf").is_some()
}

fn is_enum_schema(s: &Value) -> bool {
    s.get("enum").is_some()
}

/// Names of all schemas reachable from `root` (including itself).
fn reachable(root: &str, out: &mut BTreeSet<String>) {
    fn walk(v: &Value, out: &mut BTreeSet<String>) {
        match v {
            Value::Object(map) => {
                if let Some(name) = ref_name(v) {
                    reachable(name, out);
                }
                map.values().for_each(|x| walk(x, out));
            }
            Value::Array(items) => items.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    if out.insert(root.to_owned()) {
        walk(schema(root), out);
    }
}

// ---------------------------------------------------------------- a. field sets

#[test]
fn every_model_has_exactly_the_properties_of_its_schema() {
    for e in &ENDPOINTS {
        let (name, fields, bound) = with_model(e.id, ShapeOf);
        assert_eq!(
            bound, e.id,
            "{}: with_model and Model::ENDPOINT disagree",
            e.path
        );
        assert_eq!(
            name, e.schema,
            "{}: model type is not named after its schema",
            e.path
        );
        assert_eq!(
            fields,
            spec_fields(e.schema),
            "{}: fields differ from {}",
            e.path,
            e.schema
        );
    }
}

/// Nested types named after their schema.
macro_rules! nested_shapes {
    ($($t:ty),+ $(,)?) => {
        vec![$(shape::<$t>()),+]
    };
}

fn nested() -> Vec<(&'static str, BTreeSet<String>)> {
    nested_shapes![
        PublicSleepContributors,
        PublicReadinessContributors,
        PublicReadiness,
        PublicActivityContributors,
        ResilienceContributors,
        PublicSample,
        PublicSpo2AggregatedValues,
        PublicSleepTimeWindow,
        PublicRestModeEpisode,
        ValidationError,
    ]
}

#[test]
fn nested_types_have_exactly_the_properties_of_their_schemas() {
    for (name, fields) in nested() {
        assert_eq!(fields, spec_fields(name), "{name}");
    }
    assert_eq!(shape::<ErrorBody>().1, spec_fields("HTTPValidationError"));
}

/// Values of each spec enum, as the Rust type knows them.
macro_rules! enum_table {
    ($($t:ident),+ $(,)?) => {
        vec![$((stringify!($t), $t::KNOWN)),+]
    };
}

fn enums() -> Vec<(&'static str, &'static [&'static str])> {
    enum_table![
        PublicSleepAlgorithmVersion,
        PublicSleepAnalysisReason,
        PublicSleepType,
        PublicWorkoutIntensity,
        PublicWorkoutSource,
        PublicMomentType,
        PublicMomentMood,
        PublicDailyStressSummary,
        LongTermResilienceLevel,
        PublicHeartRateSource,
        PublicSleepTimeRecommendation,
        PublicSleepTimeStatus,
        PublicRingColor,
        PublicRingDesign,
        PublicRingHardwareType,
    ]
}

#[test]
fn enums_know_exactly_the_spec_values() {
    for (name, known) in enums() {
        let spec_values: Vec<&str> = schema(name)["enum"]
            .as_array()
            .expect("an enum")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(known, spec_values.as_slice(), "{name}");
    }
}

#[test]
fn every_object_and_enum_schema_reachable_from_a_model_has_a_type() {
    let mut all = BTreeSet::new();
    for e in &ENDPOINTS {
        reachable(e.schema, &mut all);
    }
    let objects: BTreeSet<String> = ENDPOINTS
        .iter()
        .map(|e| e.schema.to_owned())
        .chain(nested().into_iter().map(|(n, _)| n.to_owned()))
        .collect();
    let enum_names: BTreeSet<String> = enums().into_iter().map(|(n, _)| n.to_owned()).collect();
    for name in &all {
        let s = schema(name);
        if is_object_schema(s) {
            assert!(
                objects.contains(name),
                "object schema {name} has no Rust type"
            );
        } else if is_enum_schema(s) {
            assert!(
                enum_names.contains(name),
                "enum schema {name} has no Rust type"
            );
        } else {
            // Aliases: `ISODate`, `UtcDateTime`… (strings) and the sample items array.
            assert!(
                s["type"] == json!("string") || s["type"] == json!("array"),
                "{name}: unexpected alias schema"
            );
        }
    }
}

#[test]
fn envelopes_match_the_response_schemas_of_the_paths() {
    for e in &ENDPOINTS {
        let path = &spec()["paths"][e.api_path()]["get"]["responses"]["200"]["content"]
            ["application/json"]["schema"];
        // A list route answers its typed envelope, or (to a `fields` request, which the
        // app never sends) a page of partial objects: `anyOf [typed, …Dict]`.
        let envelope = match path.get("anyOf").and_then(Value::as_array) {
            Some(alts) => {
                let names: Vec<&str> = alts.iter().filter_map(ref_name).collect();
                let partial = if e.query == QueryKind::DateTimes {
                    "TimeSeriesResponseDict"
                } else {
                    "MultiDocumentResponseDict"
                };
                assert_eq!(names.len(), 2, "{}", e.path);
                assert_eq!(names[1], partial, "{}", e.path);
                names[0]
            }
            None => ref_name(path).expect("a $ref"),
        };
        if e.query == QueryKind::Single {
            assert_eq!(envelope, e.schema, "{}", e.path);
            continue;
        }
        let (props, _) = object_parts(schema(envelope));
        assert_eq!(
            ref_name(&props["data"]["items"]),
            Some(e.schema),
            "{}",
            e.path
        );
        let (_, fields) = with_model(e.id, ListShapeOf);
        assert_eq!(
            fields,
            spec_fields(envelope),
            "{}: envelope {envelope}",
            e.path
        );
        let single = &spec()["paths"][format!("{}/{{document_id}}", e.api_path())]["get"]
            ["responses"]["200"]["content"]["application/json"]["schema"];
        if !single.is_null() {
            assert_eq!(ref_name(single), Some(e.schema), "{} single", e.path);
        }
    }
}

// ---------------------------------------------------------------- b. recorded data

/// Recorded file families (the part after `multiple_`/`single_`) → endpoint.
const FAMILIES: [(&str, EndpointId); 18] = [
    ("daily_sleep", EndpointId::DailySleep),
    ("sleep", EndpointId::Sleep),
    ("daily_readiness", EndpointId::DailyReadiness),
    ("daily_activity", EndpointId::DailyActivity),
    ("workout", EndpointId::Workout),
    ("session", EndpointId::Session),
    ("daily_stress", EndpointId::DailyStress),
    ("daily_resilience", EndpointId::DailyResilience),
    (
        "daily_cardiovascular_age",
        EndpointId::DailyCardiovascularAge,
    ),
    ("daily_sp02", EndpointId::DailySpo2),
    ("vo2_max", EndpointId::Vo2Max),
    ("heart_rate", EndpointId::Heartrate),
    ("sleep_time", EndpointId::SleepTime),
    ("tag", EndpointId::Tag),
    ("enhanced_tag", EndpointId::EnhancedTag),
    ("personal_info", EndpointId::PersonalInfo),
    ("ring_configuration", EndpointId::RingConfiguration),
    ("rest_mode_period", EndpointId::RestModePeriod),
];

struct Recorded {
    file: String,
    multiple: bool,
    endpoint: EndpointId,
    url: String,
    status: u64,
    body: Value,
}

fn recorded() -> Vec<Recorded> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/oura/recorded");
    let mut out = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("recorded dir")
        .map(|entry| entry.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    for path in names {
        let file = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("name")
            .to_owned();
        let (multiple, rest) = if let Some(rest) = file.strip_prefix("multiple_") {
            (true, rest)
        } else if let Some(rest) = file.strip_prefix("single_") {
            (false, rest)
        } else {
            panic!("{file}: neither multiple_ nor single_");
        };
        let endpoint = FAMILIES
            .iter()
            .filter(|(fam, _)| rest == *fam || rest.starts_with(&format!("{fam}_")))
            .max_by_key(|(fam, _)| fam.len())
            .map(|(_, id)| *id)
            .unwrap_or_else(|| panic!("{file}: no endpoint for it"));
        let text = std::fs::read_to_string(&path).expect("readable");
        let v: Value = serde_json::from_str(&text).expect("recorded file parses");
        let url = v["url"].as_str().expect("url").to_owned();
        assert!(
            url.contains(&format!("/{}", endpoint.endpoint().path)),
            "{file}: mapped to {} but the url is {url}",
            endpoint.endpoint().path
        );
        out.push(Recorded {
            file,
            multiple,
            endpoint,
            url,
            status: v["status"].as_u64().expect("status"),
            body: v["body"].clone(),
        });
    }
    assert!(out.len() >= 50, "recorded files missing: {}", out.len());
    out
}

/// Parses a list page into the endpoint's envelope; returns its documents.
struct Page<'a>(&'a Value);
impl WithModel for Page<'_> {
    type Output = Result<Vec<Value>, ModelError>;
    fn call<T: Model>(self) -> Self::Output {
        if T::ENDPOINT.endpoint().query == QueryKind::DateTimes {
            parse::<TimeSeriesResponse<T>>(self.0)?;
        } else {
            parse::<ListResponse<T>>(self.0)?;
        }
        Ok(self.0["data"].as_array().cloned().unwrap_or_default())
    }
}

#[test]
fn every_recorded_response_parses() {
    let mut covered = BTreeSet::new();
    for r in recorded() {
        if r.status == 200 {
            let docs = if r.multiple {
                let docs = with_model(r.endpoint, Page(&r.body))
                    .unwrap_or_else(|e| panic!("{}: {e}", r.file));
                assert!(!docs.is_empty(), "{}: empty page", r.file);
                docs
            } else {
                vec![r.body.clone()]
            };
            for doc in &docs {
                check_document(r.endpoint, doc).unwrap_or_else(|e| panic!("{}: {e}", r.file));
            }
            covered.insert(r.endpoint);
        } else {
            let body: ErrorBody =
                parse(&r.body).unwrap_or_else(|e| panic!("{} ({}): {e}", r.file, r.url));
            let message = body.message();
            assert!(!body.detail.is_null(), "{}: no detail", r.file);
            assert!(
                !message.is_empty() && !message.contains('{'),
                "{}: {message}",
                r.file
            );
            if r.status == 422 {
                let errors = body.validation_errors();
                assert!(!errors.is_empty(), "{}", r.file);
                assert!(message.contains(&errors[0].msg), "{}: {message}", r.file);
            }
        }
    }
    for e in &ENDPOINTS {
        assert_eq!(
            covered.contains(&e.id),
            !NOT_RECORDED.contains(&e.id),
            "recorded 200 for {}",
            e.path
        );
    }
}

/// Endpoints newer than the recordings (their documents in [`corpus`] are 1.41-shaped
/// examples).
const NOT_RECORDED: [EndpointId; 1] = [EndpointId::RingBatteryLevel];

#[test]
fn recorded_values_arrive_typed() {
    let heart: HeartRateResponse = parse(&body_of("multiple_heart_rate")).expect("heartrate");
    assert_eq!(heart.data.len(), 1101);
    assert_eq!(heart.next_token, None);
    assert!(heart.data.iter().all(|s| s.source.is_known()));
    assert_eq!(heart.data[0].timestamp.offset().local_minus_utc(), 0);

    let workout: PublicWorkout = parse_model(&body_of("single_workout")).expect("workout");
    assert_eq!(workout.intensity, PublicWorkoutIntensity::Easy);
    assert_eq!(workout.source, PublicWorkoutSource::Confirmed);
    assert_eq!(workout.distance, None);
    assert_eq!(workout.start_datetime.offset().local_minus_utc(), 7200);
    assert_eq!(
        workout.day,
        chrono::NaiveDate::from_ymd_opt(2024, 10, 9).expect("date")
    );

    let sleep: PublicModifiedSleepModel = parse_model(&body_of("single_sleep")).expect("sleep");
    assert_eq!(sleep.kind, Some(PublicSleepType::LongSleep));
    assert_eq!(sleep.sleep_phase_30_sec, None, "2024: no 30-second phases");
    let hrv = sleep.hrv.expect("hrv");
    assert_eq!(hrv.points().next().map(|(t, _)| t), Some(hrv.timestamp));

    let cva: ListResponse<PublicDailyCardiovascularAge> =
        parse(&body_of("multiple_daily_cardiovascular_age")).expect("cva");
    assert_eq!(cva.data[0].vascular_age, Some(39));
    assert_eq!(cva.data[0].id, None, "2024: no id");
    assert_eq!(
        heart.data[0].timestamp_unix, None,
        "2024: no timestamp_unix"
    );
    let vo2: PublicVO2Max = parse_model(&body_of("single_vo2_max")).expect("vo2");
    assert_eq!(vo2.vo2_max, 62);

    let not_found: ErrorBody = parse(&body_of("single_sleep_non_existing")).expect("404");
    assert_eq!(not_found.message(), "Document not found.");
    let invalid: ErrorBody = parse(&body_of("multiple_tag_invalid_dates")).expect("422");
    assert_eq!(
        invalid.message(),
        "query.start_date: Start date must be before end date"
    );
}

fn body_of(file: &str) -> Value {
    recorded()
        .into_iter()
        .find(|r| r.file == file)
        .unwrap_or_else(|| panic!("{file} not recorded"))
        .body
}

/// Every recorded document per endpoint, plus a few that fill what real data lacks.
fn corpus() -> BTreeMap<EndpointId, Vec<Value>> {
    let mut out: BTreeMap<EndpointId, Vec<Value>> = BTreeMap::new();
    for r in recorded().into_iter().filter(|r| r.status == 200) {
        let docs = match (r.multiple, r.body) {
            (true, body) => body["data"].as_array().cloned().unwrap_or_default(),
            (false, body) => vec![body],
        };
        out.entry(r.endpoint).or_default().extend(docs);
    }
    // No recorded sleep_time has an optimal_bedtime.
    out.entry(EndpointId::SleepTime).or_default().push(json!({
        "id": "st-1", "day": "2024-10-10",
        "optimal_bedtime": {"day_tz": 7200, "end_offset": 3600, "start_offset": -1800},
        "recommendation": "follow_optimal_bedtime", "status": "optimal_found"
    }));
    // 1.41 documents: what the recordings predate.
    for (id, doc) in documents_1_41() {
        out.entry(id).or_default().push(doc);
    }
    out
}

/// Documents with the properties and values 1.41 added.
fn documents_1_41() -> Vec<(EndpointId, Value)> {
    let mut sleep = body_of("single_sleep");
    sleep["sleep_phase_30_sec"] = json!("4422221111");
    sleep["app_sleep_phase_5_min"] = json!("44221");
    sleep["ring_id"] = json!("ring-1");
    sleep["readiness"]["contributors"]["sleep_regularity"] = json!(88);
    sleep["sleep_analysis_reason"] = json!("background_created_foreground_updated");
    let mut readiness = body_of("single_daily_readiness");
    readiness["contributors"]["sleep_regularity"] = json!(71);
    let mut workout = body_of("single_workout");
    workout["source"] = json!("live_oura_heart_rate");
    workout["distance"] = json!(2448.5308423962438);
    vec![
        (EndpointId::Sleep, sleep),
        (EndpointId::DailyReadiness, readiness),
        (EndpointId::Workout, workout),
        (
            EndpointId::Heartrate,
            json!({"timestamp": "2026-11-20T06:00:00+00:00", "timestamp_unix": 1_795_154_400_000_i64,
                   "bpm": 52, "source": "sleep"}),
        ),
        (
            EndpointId::DailyCardiovascularAge,
            json!({"id": "cva-1", "day": "2026-11-20", "pulse_wave_velocity": 7.25,
                   "vascular_age": 41}),
        ),
        (
            EndpointId::RingConfiguration,
            json!({"id": "r-5", "color": "deep_rose", "design": "ceramic", "hardware_type": "or5",
                   "firmware_version": "3.1.4", "set_up_at": "2026-10-01T08:00:00+00:00",
                   "size": 9}),
        ),
        (
            EndpointId::RingBatteryLevel,
            json!({"timestamp": "2026-11-20T06:00:00+00:00", "timestamp_unix": 1_795_154_400_000_i64,
                   "level": 84, "charging": false, "in_charger": false}),
        ),
        (
            EndpointId::RingBatteryLevel,
            json!({"timestamp": "2026-11-20T06:05:00Z", "timestamp_unix": 1_795_154_700_000_i64,
                   "level": 85}),
        ),
    ]
}

#[test]
fn documents_of_1_41_arrive_typed() {
    let docs = documents_1_41();
    let of = |id: EndpointId| &docs.iter().find(|(i, _)| *i == id).expect("a document").1;
    let sleep: PublicModifiedSleepModel = parse_model(of(EndpointId::Sleep)).expect("sleep");
    assert_eq!(sleep.sleep_phase_30_sec.as_deref(), Some("4422221111"));
    assert_eq!(sleep.app_sleep_phase_5_min.as_deref(), Some("44221"));
    assert_eq!(sleep.ring_id.as_deref(), Some("ring-1"));
    assert_eq!(
        sleep
            .readiness
            .as_ref()
            .map(|r| r.contributors.sleep_regularity),
        Some(Some(88))
    );
    assert_eq!(
        sleep.sleep_analysis_reason,
        Some(PublicSleepAnalysisReason::BackgroundCreatedForegroundUpdated)
    );
    let mut null_type = of(EndpointId::Sleep).clone();
    null_type["type"] = Value::Null;
    let untyped: PublicModifiedSleepModel = parse_model(&null_type).expect("type null");
    assert_eq!(untyped.kind, None);

    let workout: PublicWorkout = parse_model(of(EndpointId::Workout)).expect("workout");
    assert_eq!(workout.source, PublicWorkoutSource::LiveOuraHeartRate);
    assert_eq!(workout.distance, Some(2448.5308423962438));
    let heart: PublicHeartRateRow = parse_model(of(EndpointId::Heartrate)).expect("hr");
    assert_eq!(
        heart.timestamp_unix,
        Some(heart.timestamp.timestamp_millis())
    );
    let cva: PublicDailyCardiovascularAge =
        parse_model(of(EndpointId::DailyCardiovascularAge)).expect("cva");
    assert_eq!(
        (cva.id.as_deref(), cva.pulse_wave_velocity),
        (Some("cva-1"), Some(7.25))
    );
    let ring: PublicRingConfiguration =
        parse_model(of(EndpointId::RingConfiguration)).expect("ring");
    assert_eq!(ring.color, Some(PublicRingColor::DeepRose));
    assert_eq!(ring.design, Some(PublicRingDesign::Ceramic));
    assert_eq!(ring.hardware_type, Some(PublicRingHardwareType::Or5));
    let battery: PublicRingBatteryLevelRow =
        parse_model(of(EndpointId::RingBatteryLevel)).expect("battery");
    assert_eq!((battery.level, battery.charging), (84, Some(false)));
    assert_eq!(battery.timestamp_unix, battery.timestamp.timestamp_millis());
    let page: TimeSeriesResponse<PublicRingBatteryLevelRow> = parse(&json!({
        "data": [of(EndpointId::RingBatteryLevel)], "next_token": null
    }))
    .expect("a battery page");
    assert_eq!(page.data.len(), 1);
    // The old names still name the same types.
    let _: &SleepModel = &sleep;
    let _: Option<SleepType> = untyped.kind;
}

// ---------------------------------------------------------------- c. tolerance

#[test]
fn unknown_enum_values_and_extra_fields_are_kept_or_ignored() {
    let ring = json!({
        "id": "r1", "color": "midnight_blue", "design": "ceramic", "hardware_type": "or6",
        "firmware_version": "9.9.9", "set_up_at": "2025-10-01T08:00:00+09:00", "size": 9,
        "charger": {"kind": "case"}, "new_field": [1, 2]
    });
    check_document(EndpointId::RingConfiguration, &ring).expect("drift accepted");
    let model: PublicRingConfiguration = parse_model(&ring).expect("ring");
    assert_eq!(
        model.color,
        Some(PublicRingColor::Other("midnight_blue".into()))
    );
    assert_eq!(
        model.design.as_ref().map(PublicRingDesign::as_str),
        Some("ceramic")
    );
    assert_eq!(
        model.hardware_type,
        Some(PublicRingHardwareType::Other("or6".into()))
    );
    assert!(!model
        .hardware_type
        .as_ref()
        .is_some_and(PublicRingHardwareType::is_known));
    let back = serde_json::to_value(&model).expect("serializes");
    assert_eq!(back["color"], "midnight_blue");
    assert_eq!(back["hardware_type"], "or6");
    assert_eq!(PublicRingColor::from("silver"), PublicRingColor::Silver);
    assert_eq!(PublicRingColor::Silver.to_string(), "silver");

    let mut sleep = body_of("single_sleep");
    sleep["sleep_analysis_reason"] = json!("cloud_reanalysis");
    sleep["type"] = json!("micro_nap");
    let sleep: PublicModifiedSleepModel = parse_model(&sleep).expect("sleep with new enums");
    assert_eq!(
        sleep.sleep_analysis_reason,
        Some(PublicSleepAnalysisReason::Other("cloud_reanalysis".into()))
    );
    assert_eq!(
        sleep.kind.as_ref().map(PublicSleepType::as_str),
        Some("micro_nap")
    );
}

#[test]
fn null_and_absent_optional_fields_parse() {
    let time: PublicSleepTime = parse_model(&body_of("single_sleep_time")).expect("null");
    assert_eq!(time.optimal_bedtime, None);
    let absent: PublicSleepTime =
        parse_model(&json!({"id": "x", "day": "2024-01-01"})).expect("absent");
    assert_eq!((absent.recommendation, absent.status), (None, None));
    let stress: PublicDailyStress = parse_model(&body_of("single_daily_stress")).expect("stress");
    assert_eq!(stress.day_summary, None);
    let minimal = json!({"id": "p"});
    let info: PersonalInfoResponse = parse_model(&minimal).expect("personal info");
    assert_eq!((info.age, info.email), (None, None));
    let page: ListResponse<TagModel> = parse(&json!({"data": []})).expect("no next_token");
    assert_eq!(page.next_token, None);
}

/// What the spec says about each property, tried on every recorded document and nested
/// object: `null` parses iff nullable, absence parses iff optional or nullable, a wrong
/// type never parses, an unknown enum value parses and is kept, extra fields are ignored.
#[test]
fn every_property_behaves_as_the_spec_says() {
    let mut exercised = BTreeSet::new();
    for (id, docs) in corpus() {
        for doc in docs {
            walk(id, &doc, "", schema(id.endpoint().schema), &mut exercised);
        }
    }
    for (name, _) in nested() {
        if name != "ValidationError" {
            assert!(exercised.contains(name), "{name} never exercised");
        }
    }
}

fn walk(id: EndpointId, doc: &Value, at: &str, s: &'static Value, seen: &mut BTreeSet<String>) {
    let s_name = s
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or("?")
        .to_owned();
    seen.insert(s_name.clone());
    let (props, required) = object_parts(s);
    let node = doc.pointer(at).expect("node exists");
    let ctx = |what: &str, p: &str| format!("{} {at}/{p} ({s_name}): {what}", id.endpoint().path);

    let with = |p: &str, v: Option<Value>| {
        let mut d = doc.clone();
        let obj = d
            .pointer_mut(at)
            .and_then(Value::as_object_mut)
            .expect("object");
        match v {
            Some(v) => obj.insert(p.to_owned(), v),
            None => obj.remove(p),
        };
        d
    };

    let extra = with("zz_unknown_field", Some(json!({"nested": [1, null]})));
    assert!(
        check_document(id, &extra).is_ok(),
        "{}",
        ctx("extra field", "zz_unknown_field")
    );

    for (p, ps) in &props {
        let opt = !required.contains(p) || nullable(ps) || tolerated_absent(&s_name, p);
        let r = check_document(id, &with(p, None));
        assert_eq!(r.is_ok(), opt, "{}: {r:?}", ctx("absent", p));
        let r = check_document(id, &with(p, Some(Value::Null)));
        assert_eq!(r.is_ok(), nullable(ps), "{}: {r:?}", ctx("null", p));
        let r = check_document(id, &with(p, Some(json!([true]))));
        let Err(err) = r else {
            panic!("{}", ctx("wrong type accepted", p))
        };
        assert!(err.to_string().starts_with(id.endpoint().path), "{err}");

        let inner = resolve(non_null(ps));
        if is_enum_schema(inner) {
            let d = with(p, Some(json!("zz_new_value")));
            let back = with_model(id, RoundTrip(&d))
                .unwrap_or_else(|e| panic!("{}: {e}", ctx("unknown enum", p)));
            assert_eq!(
                back.pointer(&format!("{at}/{p}")),
                Some(&json!("zz_new_value"))
            );
        }
        match node.get(p) {
            Some(Value::Object(_)) if is_object_schema(inner) => {
                walk(id, doc, &format!("{at}/{p}"), inner, seen)
            }
            Some(Value::Array(items)) if !items.is_empty() => {
                let item = resolve(&inner["items"]);
                if is_object_schema(item) {
                    walk(id, doc, &format!("{at}/{p}/0"), item, seen);
                }
            }
            _ => {}
        }
    }
}

/// Properties 1.41 requires that documents sent before 1.41 lack (the recorded 2024
/// responses): the models accept their absence (but not `null` or a wrong type).
const TOLERATED_ABSENT: [(&str, &str); 2] = [
    ("PublicDailyCardiovascularAge", "id"),
    ("PublicHeartRateRow", "timestamp_unix"),
];

fn tolerated_absent(schema: &str, property: &str) -> bool {
    TOLERATED_ABSENT.contains(&(schema, property))
}

#[test]
fn tolerated_absences_are_required_by_the_spec_and_missing_from_old_recordings() {
    for (name, property) in TOLERATED_ABSENT {
        let (props, required) = object_parts(schema(name));
        assert!(props.contains_key(property) && required.contains(property));
        assert!(!nullable(props[property]), "{name}.{property}");
    }
    let heart = body_of("multiple_heart_rate");
    assert!(heart["data"][0].get("timestamp_unix").is_none());
    let cva = body_of("multiple_daily_cardiovascular_age");
    assert!(cva["data"][0].get("id").is_none());
}

/// Parses a document into its model and serializes it back.
struct RoundTrip<'a>(&'a Value);
impl WithModel for RoundTrip<'_> {
    type Output = Result<Value, String>;
    fn call<T: Model>(self) -> Self::Output {
        let model: T = parse_model(self.0).map_err(|e| e.to_string())?;
        serde_json::to_value(model).map_err(|e| e.to_string())
    }
}

// ---------------------------------------------------------------- d. check_document

#[test]
fn check_document_rejects_non_objects_naming_the_endpoint() {
    for e in &ENDPOINTS {
        for bad in [json!(null), json!([]), json!("doc"), json!(1), json!(true)] {
            let err = check_document(e.id, &bad).expect_err("not an object");
            let text = err.to_string();
            assert!(text.starts_with(&format!("{} document", e.path)), "{text}");
            assert!(text.contains(e.schema), "{text}");
        }
    }
}

#[test]
fn check_document_rejects_a_wrong_typed_required_field() {
    let corpus = corpus();
    for e in &ENDPOINTS {
        let doc = &corpus[&e.id][0];
        check_document(e.id, doc).expect("sample parses");
        let (_, required) = object_parts(schema(e.schema));
        let field = required.iter().next().expect("a required field");
        let mut bad = doc.clone();
        bad[field.as_str()] = json!({"wrong": "type"});
        if field == "contributors" {
            bad[field.as_str()] = json!("wrong");
        }
        let err = check_document(e.id, &bad).expect_err("wrong type");
        assert!(
            matches!(&err, ModelError::Document { endpoint, .. } if *endpoint == e.id),
            "{err:?}"
        );
        assert!(err.to_string().contains(e.path), "{err}");
        assert!(err.to_string().contains("invalid type"), "{err}");
    }
}

#[test]
fn parse_names_the_type() {
    let err = parse::<ListResponse<TagModel>>(&json!({"data": 3})).expect_err("bad page");
    assert!(
        err.to_string()
            .starts_with("value does not match ListResponse<TagModel>:"),
        "{err}"
    );
    let err = parse_model::<PublicVO2Max>(&json!({"id": 1})).expect_err("bad doc");
    assert!(
        err.to_string()
            .starts_with("vO2_max document does not match PublicVO2Max:"),
        "{err}"
    );
}
