//! `/__sim/*`: metering and runtime control for tests and benchmarks. No auth, never
//! faulted, not counted in the stats.

use crate::data::{Data, ENDPOINTS};
use crate::rng::Rng;
use crate::{detail, json_response, Faults, Sim, Stats};
use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{Method, Response, StatusCode};
use serde_json::{json, Map, Value};

pub fn stats_json(s: &Stats) -> Value {
    let by_status: Map<String, Value> = s
        .by_status
        .iter()
        .map(|(k, v)| (k.to_string(), json!(v)))
        .collect();
    let by_route_status: Map<String, Value> = s
        .by_route_status
        .iter()
        .map(|(r, m)| {
            let inner: Map<String, Value> =
                m.iter().map(|(k, v)| (k.to_string(), json!(v))).collect();
            (r.clone(), Value::Object(inner))
        })
        .collect();
    json!({
        "peak_in_flight": s.peak_in_flight,
        "total": s.total,
        "preflight": s.preflight,
        "by_route": s.by_route,
        "by_status": by_status,
        "by_route_status": by_route_status,
    })
}

pub fn config_json(f: &Faults) -> Value {
    json!({
        "latency_ms": f.latency_ms,
        "fail_rate": f.fail_rate,
        "truncate_rate": f.truncate_rate,
        "rate_limit": f.rate_limit,
        "rate_limit_window": f.rate_limit_window,
        "forbid": f.forbid,
        "token_ttl": f.token_ttl,
        "poison": f.poison,
        "repeat_token": f.repeat_token,
        "not_found": f.not_found,
        "rate_limit_headers": f.rate_limit_headers,
        "fail_once": f.fail_once,
    })
}

/// Applies a partial config update; Err(message) leaves the settings unchanged.
pub fn apply_config(f: &Faults, v: &Value) -> Result<Faults, String> {
    let obj = v.as_object().ok_or("the body must be a JSON object")?;
    let mut n = f.clone();
    for (k, val) in obj {
        match k.as_str() {
            "latency_ms" => {
                n.latency_ms = val
                    .as_u64()
                    .ok_or("latency_ms: expected a non-negative integer")?
            }
            "fail_rate" | "truncate_rate" => {
                let x = val
                    .as_f64()
                    .filter(|x| (0.0..=1.0).contains(x))
                    .ok_or_else(|| format!("{k}: expected a number between 0 and 1"))?;
                if k == "fail_rate" {
                    n.fail_rate = x;
                } else {
                    n.truncate_rate = x;
                }
            }
            "rate_limit" => {
                n.rate_limit = if val.is_null() {
                    0
                } else {
                    val.as_u64()
                        .and_then(|x| u32::try_from(x).ok())
                        .ok_or("rate_limit: expected a non-negative integer or null")?
                }
            }
            "rate_limit_window" => {
                n.rate_limit_window = val
                    .as_u64()
                    .filter(|x| (1..=3600).contains(x))
                    .ok_or("rate_limit_window: expected whole seconds from 1 to 3600")?
            }
            "token_ttl" => {
                n.token_ttl = val
                    .as_u64()
                    .ok_or("token_ttl: expected a non-negative integer")?
            }
            "forbid" | "poison" | "repeat_token" | "not_found" | "fail_once" => {
                let arr = val
                    .as_array()
                    .ok_or_else(|| format!("{k}: expected an array of endpoint names"))?;
                let mut set = std::collections::BTreeSet::new();
                for e in arr {
                    let name = e.as_str().ok_or_else(|| format!("{k}: expected strings"))?;
                    if !ENDPOINTS.contains(&name) {
                        return Err(format!("{k}: unknown endpoint `{name}`"));
                    }
                    if k == "poison" && name == "personal_info" {
                        return Err(
                            "poison: personal_info is one object, it cannot be poisoned".into()
                        );
                    }
                    set.insert(name.to_string());
                }
                match k.as_str() {
                    "forbid" => n.forbid = set,
                    "poison" => n.poison = set,
                    "repeat_token" => n.repeat_token = set,
                    "not_found" => n.not_found = set,
                    _ => n.fail_once = set,
                }
            }
            "rate_limit_headers" => {
                let m = val
                    .as_str()
                    .filter(|m| ["full", "reset_only", "none"].contains(m))
                    .ok_or("rate_limit_headers: expected \"full\", \"reset_only\" or \"none\"")?;
                n.rate_limit_headers = m.to_string();
            }
            other => return Err(format!("unknown setting `{other}`")),
        }
    }
    Ok(n)
}

async fn body_json(req: Request) -> Result<Value, Response<Body>> {
    let bytes = to_bytes(req.into_body(), 1 << 20)
        .await
        .map_err(|_| detail(StatusCode::PAYLOAD_TOO_LARGE, "Body too large."))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(json!({}));
    }
    serde_json::from_slice(&bytes)
        .map_err(|e| detail(StatusCode::BAD_REQUEST, &format!("Invalid JSON: {e}")))
}

pub async fn handle(sim: &Sim, req: Request) -> Response<Body> {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    match (method, path.as_str()) {
        (Method::GET, "/__sim/stats") => {
            let v = stats_json(&sim.rt().stats);
            json_response(StatusCode::OK, v.to_string())
        }
        (Method::POST, "/__sim/reset") => {
            let mut rt = sim.rt();
            rt.stats = Stats::default();
            rt.window.clear();
            rt.fault_rng = Rng::stream(sim.args.seed, 0, "faults");
            json_response(StatusCode::OK, json!({"ok": true}).to_string())
        }
        (Method::GET, "/__sim/config") => {
            let v = config_json(&sim.rt().faults);
            json_response(StatusCode::OK, v.to_string())
        }
        (Method::POST, "/__sim/config") => {
            let v = match body_json(req).await {
                Ok(v) => v,
                Err(r) => return r,
            };
            let mut rt = sim.rt();
            match apply_config(&rt.faults, &v) {
                Ok(f) => {
                    let poison = (f.poison != rt.faults.poison).then(|| f.poison.clone());
                    rt.faults = f;
                    let body = config_json(&rt.faults).to_string();
                    drop(rt);
                    if let Some(p) = poison {
                        sim.data_mut().set_poison(&p);
                    }
                    json_response(StatusCode::OK, body)
                }
                Err(msg) => detail(StatusCode::BAD_REQUEST, &msg),
            }
        }
        (Method::POST, "/__sim/mutate") => {
            let v = match body_json(req).await {
                Ok(v) => v,
                Err(r) => return r,
            };
            let m = match crate::mutate::Request::parse(&v) {
                Ok(m) => m,
                Err(msg) => return detail(StatusCode::BAD_REQUEST, &msg),
            };
            let seed = m.seed.unwrap_or_else(|| {
                let mut rt = sim.rt();
                rt.mutations += 1;
                sim.args.seed.wrapping_add(rt.mutations)
            });
            let report = crate::mutate::apply(&mut sim.data_mut(), &m, seed);
            json_response(StatusCode::OK, report.to_string())
        }
        (Method::GET, "/__sim/export") => {
            let mut r = json_response(StatusCode::OK, sim.export());
            if let Ok(v) = axum::http::HeaderValue::from_str(&format!(
                "attachment; filename=\"healthhub-export-{}.json\"",
                sim.now().format("%Y-%m-%d")
            )) {
                r.headers_mut()
                    .insert(axum::http::header::CONTENT_DISPOSITION, v);
            }
            r
        }
        (Method::POST, "/__sim/token") => {
            let v = match body_json(req).await {
                Ok(v) => v,
                Err(r) => return r,
            };
            let ttl = match v.get("ttl_seconds") {
                None | Some(Value::Null) => sim.rt().faults.token_ttl,
                Some(t) => match t.as_u64() {
                    Some(t) => t,
                    None => {
                        return detail(
                            StatusCode::BAD_REQUEST,
                            "ttl_seconds: expected a non-negative integer",
                        )
                    }
                },
            };
            let scope = v
                .get("scope")
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| crate::oauth::ALL_SCOPES.join(" "));
            let token =
                sim.issue_token(ttl, scope.split_whitespace().map(str::to_string).collect());
            json_response(
                StatusCode::OK,
                json!({"access_token": token, "token_type": "bearer", "expires_in": ttl, "scope": scope}).to_string(),
            )
        }
        (Method::GET, "/__sim/info") | (Method::GET, "/__sim") | (Method::GET, "/__sim/") => {
            json_response(StatusCode::OK, info_json(&sim.data(), sim).to_string())
        }
        (
            _,
            "/__sim/stats" | "/__sim/reset" | "/__sim/config" | "/__sim/export" | "/__sim/token"
            | "/__sim/mutate",
        ) => detail(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed"),
        _ => detail(StatusCode::NOT_FOUND, "Not Found"),
    }
}

fn info_json(data: &Data, sim: &Sim) -> Value {
    let counts: Map<String, Value> = ENDPOINTS
        .iter()
        .enumerate()
        .map(|(i, e)| (e.to_string(), json!(data.count(i))))
        .collect();
    json!({
        "seed": sim.args.seed,
        "days": sim.args.days,
        "first_day": data.first_day().to_string(),
        "end_date": data.params.end_date.to_string(),
        "tz": data.params.tz.to_string(),
        "hr_per_day": data.params.hr_per_day,
        "page_size": sim.args.page_size,
        "hr_page_size": sim.args.hr_page_size,
        "battery_per_day": data.params.battery_per_day,
        "tz_changes": data.params.tz_changes.iter().map(|(d, o)| json!({"day": d.to_string(), "tz": o.to_string()})).collect::<Vec<_>>(),
        "tz_instants": data.params.tz_instants.iter().map(|(t, o)| json!({"at": crate::data::fmt_utc_us(*t, 0), "tz": o.to_string()})).collect::<Vec<_>>(),
        "now": sim.now().to_rfc3339(),
        "counts": counts,
    })
}
