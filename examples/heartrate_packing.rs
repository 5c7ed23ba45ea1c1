//! `make bench` helper: how many bytes the store keeps per heartrate sample, for the
//! samples of an export file as received (OpenAPI 1.41: with `timestamp_unix`) and the
//! same samples without it (1.27). Prints one JSON line per shape.
//!
//! Usage: `cargo run --release --example heartrate_packing -- EXPORT.json`

use healthhub::store::heartrate::{by_day, DayPack, Sample};
use healthhub::store::heartrate_bytes::encode;
use serde_json::Value;

fn measure(label: &str, samples: &[Value]) -> Result<String, String> {
    let text_bytes: usize = samples.iter().map(|s| s.to_string().len()).sum();
    let parsed = samples
        .iter()
        .map(Sample::parse)
        .collect::<Result<Vec<_>, _>>()?;
    let n = parsed.len();
    let mut packed = 0usize;
    let mut days = 0usize;
    for (day, group) in by_day(parsed) {
        let mut pack = DayPack::default();
        pack.merge(group);
        let c = pack.to_columns()?;
        // The bytes of the columns, the day's source names, and any sample kept with
        // fields.
        packed += encode(&c.t, &c.bpm, &c.src)?.len();
        packed += c.sources.iter().map(|s| s.len() + 3).sum::<usize>();
        packed += c
            .extra
            .iter()
            .map(|(_, _, f)| Value::Object(f.clone()).to_string().len() + 16)
            .sum::<usize>();
        packed += 40 + day.to_string().len() * 2; // key, day, n and the field names
        days += 1;
    }
    Ok(serde_json::json!({
        "shape": label,
        "samples": n,
        "days": days,
        "json_bytes_per_sample": text_bytes as f64 / n.max(1) as f64,
        "packed_bytes_per_sample": packed as f64 / n.max(1) as f64,
    })
    .to_string())
}

fn main() -> Result<(), String> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: heartrate_packing EXPORT.json")?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let export: Value = serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
    let samples = export["collections"]["heartrate"]
        .as_array()
        .cloned()
        .ok_or("the export has no heartrate collection")?;
    let old: Vec<Value> = samples
        .iter()
        .map(|s| {
            let mut s = s.clone();
            if let Some(o) = s.as_object_mut() {
                o.remove("timestamp_unix");
            }
            s
        })
        .collect();
    println!("{}", measure("1.27 (no timestamp_unix)", &old)?);
    println!("{}", measure("1.41 (timestamp_unix)", &samples)?);
    Ok(())
}
