//! A small OpenAPI 3.x schema validator for the simulator's conformance tests:
//! `$ref`, `allOf`/`anyOf`/`oneOf`, `nullable` and `type: null`, `type` (or a list of
//! types), `enum`, `const`, `required`, `properties` (unknown properties are rejected
//! unless `additionalProperties` allows them), `items`, `minItems`/`maxItems`,
//! `minimum`/`maximum`/`exclusive*`, `minLength`/`maxLength`, string formats
//! `date`/`date-time`. Oura's named string schemas (`LocalDateTime`, `ISODate`, …) are
//! additionally checked as date-times/dates.

use chrono::{DateTime, NaiveDate};
use serde_json::Value;

pub const OPENAPI: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/data/oura/openapi-1.41.json"
);
/// The 1.27 document: the API of the time the recorded bodies were captured (2024).
pub const OPENAPI_127: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/data/oura/openapi.json"
);
pub const RECORDED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/oura/recorded");

pub struct Spec {
    pub root: Value,
}

impl Spec {
    /// OpenAPI 1.41, the API as Oura serves it today (what the simulator follows).
    pub fn load() -> Spec {
        Spec::load_file(OPENAPI)
    }

    pub fn load_file(file: &str) -> Spec {
        let text = std::fs::read_to_string(file).expect("read the OpenAPI document");
        Spec {
            root: serde_json::from_str(&text).expect("parse the OpenAPI document"),
        }
    }

    pub fn schema(&self, name: &str) -> &Value {
        let s = &self.root["components"]["schemas"][name];
        assert!(s.is_object(), "no schema {name}");
        s
    }

    /// The name of the 200 response schema of `GET /v2/usercollection/<endpoint>`.
    pub fn response_schema_name(&self, endpoint: &str) -> String {
        let path = format!("/v2/usercollection/{endpoint}");
        let schema = &self.root["paths"][path.as_str()]["get"]["responses"]["200"]["content"]
            ["application/json"]["schema"];
        // 1.41: `anyOf: [<typed envelope>, <Dict envelope for `fields` requests>]`; the
        // typed one (the first) is what a request without `fields` gets.
        let r = if schema.get("$ref").is_some() {
            &schema["$ref"]
        } else {
            &schema["anyOf"][0]["$ref"]
        };
        r.as_str()
            .and_then(|s| s.strip_prefix("#/components/schemas/"))
            .unwrap_or_else(|| panic!("no 200 schema for {path}"))
            .to_string()
    }

    /// The schema name of one document of a list endpoint (the `data` items).
    pub fn item_schema_name(&self, endpoint: &str) -> String {
        let env = self.response_schema_name(endpoint);
        if endpoint == "personal_info" {
            return env;
        }
        self.schema(&env)["properties"]["data"]["items"]["$ref"]
            .as_str()
            .and_then(|s| s.strip_prefix("#/components/schemas/"))
            .unwrap_or_else(|| panic!("no items ref in {env}"))
            .to_string()
    }

    /// Validates `v` against the named component schema; returns the errors.
    pub fn validate(&self, name: &str, v: &Value) -> Vec<String> {
        let mut errs = Vec::new();
        self.check(self.schema(name), v, "$", &mut errs, 0);
        errs
    }

    fn resolve(&self, r: &str) -> Option<&Value> {
        let mut cur = &self.root;
        for part in r.strip_prefix("#/")?.split('/') {
            cur = cur.get(part.replace("~1", "/").replace("~0", "~"))?;
        }
        Some(cur)
    }

    fn check(&self, s: &Value, v: &Value, path: &str, errs: &mut Vec<String>, depth: usize) {
        if depth > 64 {
            errs.push(format!("{path}: schema recursion too deep"));
            return;
        }
        if s.get("nullable").and_then(Value::as_bool) == Some(true) && v.is_null() {
            return;
        }
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            match self.resolve(r) {
                Some(target) => {
                    self.check(target, v, path, errs, depth + 1);
                    // Oura's named string formats.
                    let name = r.rsplit('/').next().unwrap_or("");
                    if let Some(t) = v.as_str() {
                        let datetime = matches!(
                            name,
                            "LocalDateTime"
                                | "LocalizedDateTime"
                                | "UtcDateTime"
                                | "LocalDateTimeWithMilliseconds"
                        );
                        if datetime && DateTime::parse_from_rfc3339(t).is_err() {
                            errs.push(format!(
                                "{path}: `{t}` is not an RFC 3339 date-time ({name})"
                            ));
                        }
                        if name == "ISODate" && !is_date(t) {
                            errs.push(format!("{path}: `{t}` is not a date (ISODate)"));
                        }
                    }
                }
                None => errs.push(format!("{path}: unresolvable $ref {r}")),
            }
        }
        if let Some(all) = s.get("allOf").and_then(Value::as_array) {
            for sub in all {
                self.check(sub, v, path, errs, depth + 1);
            }
        }
        for (kw, exactly_one) in [("anyOf", false), ("oneOf", true)] {
            if let Some(alts) = s.get(kw).and_then(Value::as_array) {
                let mut branch_errs = Vec::new();
                let mut ok = 0;
                for sub in alts {
                    let mut e = Vec::new();
                    self.check(sub, v, path, &mut e, depth + 1);
                    if e.is_empty() {
                        ok += 1;
                    } else {
                        branch_errs.push(e.join("; "));
                    }
                }
                if ok == 0 || (exactly_one && ok != 1) {
                    errs.push(format!(
                        "{path}: {kw} failed ({ok} branches matched): [{}]",
                        branch_errs.join(" | ")
                    ));
                }
            }
        }
        if let Some(t) = s.get("type") {
            let types: Vec<&str> = match t {
                Value::String(x) => vec![x.as_str()],
                Value::Array(xs) => xs.iter().filter_map(Value::as_str).collect(),
                _ => vec![],
            };
            if !types.iter().any(|t| type_ok(t, v)) {
                errs.push(format!("{path}: expected type {types:?}, got {}", short(v)));
                return;
            }
        }
        if let Some(e) = s.get("enum").and_then(Value::as_array) {
            if !e.contains(v) {
                errs.push(format!("{path}: {} not in enum {e:?}", short(v)));
            }
        }
        if let Some(c) = s.get("const") {
            if c != v {
                errs.push(format!("{path}: expected const {c}"));
            }
        }
        match v {
            Value::String(t) => {
                match s.get("format").and_then(Value::as_str) {
                    Some("date") if !is_date(t) => {
                        errs.push(format!("{path}: `{t}` is not a date"))
                    }
                    Some("date-time") if DateTime::parse_from_rfc3339(t).is_err() => {
                        errs.push(format!("{path}: `{t}` is not a date-time"))
                    }
                    _ => {}
                }
                let n = t.chars().count() as u64;
                if s.get("minLength")
                    .and_then(Value::as_u64)
                    .is_some_and(|m| n < m)
                {
                    errs.push(format!("{path}: shorter than minLength"));
                }
                if s.get("maxLength")
                    .and_then(Value::as_u64)
                    .is_some_and(|m| n > m)
                {
                    errs.push(format!("{path}: longer than maxLength"));
                }
            }
            Value::Number(num) => {
                let x = num.as_f64().unwrap_or(f64::NAN);
                let lim = |k: &str| s.get(k).and_then(Value::as_f64);
                if lim("minimum").is_some_and(|m| x < m)
                    || lim("exclusiveMinimum").is_some_and(|m| x <= m)
                {
                    errs.push(format!("{path}: {x} below minimum"));
                }
                if lim("maximum").is_some_and(|m| x > m)
                    || lim("exclusiveMaximum").is_some_and(|m| x >= m)
                {
                    errs.push(format!("{path}: {x} above maximum"));
                }
            }
            Value::Array(items) => {
                if let Some(is) = s.get("items") {
                    for (i, it) in items.iter().enumerate() {
                        self.check(is, it, &format!("{path}[{i}]"), errs, depth + 1);
                    }
                }
                let n = items.len() as u64;
                if s.get("minItems")
                    .and_then(Value::as_u64)
                    .is_some_and(|m| n < m)
                    || s.get("maxItems")
                        .and_then(Value::as_u64)
                        .is_some_and(|m| n > m)
                {
                    errs.push(format!("{path}: item count {n} out of bounds"));
                }
            }
            Value::Object(map) => {
                if let Some(req) = s.get("required").and_then(Value::as_array) {
                    for r in req.iter().filter_map(Value::as_str) {
                        if !map.contains_key(r) {
                            errs.push(format!("{path}: missing required `{r}`"));
                        }
                    }
                }
                if let Some(props) = s.get("properties").and_then(Value::as_object) {
                    let extra_ok = match s.get("additionalProperties") {
                        Some(Value::Bool(b)) => *b,
                        Some(Value::Object(_)) => true,
                        _ => false,
                    };
                    for (k, val) in map {
                        match props.get(k) {
                            Some(ps) => {
                                self.check(ps, val, &format!("{path}.{k}"), errs, depth + 1)
                            }
                            None if !extra_ok => {
                                errs.push(format!("{path}: unknown property `{k}`"))
                            }
                            None => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

fn is_date(t: &str) -> bool {
    t.len() == 10 && NaiveDate::parse_from_str(t, "%Y-%m-%d").is_ok()
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "null" => v.is_null(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "number" => v.is_number(),
        "integer" => {
            v.is_i64()
                || v.is_u64()
                || v.as_f64()
                    .is_some_and(|x| x.fract() == 0.0 && v.to_string().find('.').is_none())
        }
        _ => false,
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 60 {
        format!(
            "{}…",
            &s[..s.char_indices().nth(57).map(|c| c.0).unwrap_or(s.len())]
        )
    } else {
        s
    }
}
