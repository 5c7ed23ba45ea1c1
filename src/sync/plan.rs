//! Sync planning: which windows to ask each endpoint for, what is done, and how the
//! state moves on when a window completes. Pure (no web-sys), tested natively.
//!
//! - First sync: every date endpoint once from [`FLOOR`] to today (daily collections
//!   return years in a page or a few), `ring_configuration` and `personal_info` whole;
//!   then heartrate from the earliest `day` any collection returned to today, in
//!   windows of at most 30 days (padding included), never stopping at an empty one.
//! - Later syncs: from each endpoint's watermark minus [`TRAILING_DAYS`] (documents are
//!   revised after the fact), upserting by key.
//! - A run's windows are persisted with their done marks before anything is fetched,
//!   so an interrupted run (reload, closed tab, network lost, token expired) resumes
//!   with the same windows, skipping the done ones; `next_token` is never persisted, an
//!   interrupted window is fetched again from its start (upserts make that harmless).

use crate::endpoints::{Endpoint, EndpointId, QueryKind};
use crate::oura::query::{windows_of_days, Window};
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The earliest date asked for on a first sync (Oura does not document its default
/// range; the Oura Ring 2 shipped in 2015, the API v1 in 2013).
pub const FLOOR: NaiveDate = match NaiveDate::from_ymd_opt(2013, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Days re-fetched before the watermark on every sync (Oura revises recent documents).
pub const TRAILING_DAYS: u64 = 7;

/// A window as persisted in a run (serialisable form of [`Window`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WindowSpec {
    Days {
        #[serde(deserialize_with = "de_day")]
        first: NaiveDate,
        #[serde(deserialize_with = "de_day")]
        last: NaiveDate,
    },
    Instants {
        #[serde(deserialize_with = "de_instant")]
        start: DateTime<Utc>,
        #[serde(deserialize_with = "de_instant")]
        end: DateTime<Utc>,
    },
    All,
}

impl WindowSpec {
    pub fn to_window(&self) -> Window {
        match self {
            WindowSpec::Days { first, last } => Window::Days {
                first: *first,
                last: *last,
            },
            WindowSpec::Instants { start, end } => Window::Instants {
                start: *start,
                end: *end,
            },
            WindowSpec::All => Window::All,
        }
    }

    pub fn from_window(w: &Window) -> WindowSpec {
        match w {
            Window::Days { first, last } => WindowSpec::Days {
                first: *first,
                last: *last,
            },
            Window::Instants { start, end } => WindowSpec::Instants {
                start: *start,
                end: *end,
            },
            Window::All => WindowSpec::All,
        }
    }

    /// A short human description (`2026-10-01 – 2026-11-24`), for progress.
    pub fn describe(&self) -> String {
        match self {
            WindowSpec::Days { first, last } => format!("{first} – {last}"),
            WindowSpec::Instants { start, end } => {
                format!("{} – {}", start.date_naive(), end.date_naive())
            }
            WindowSpec::All => String::new(),
        }
    }
}

// Dates and instants are read back with the app's own strict parsers (chrono's serde
// impls bring its generic parser, ≈ 12 KB of the first load).
fn de_day<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let s = String::deserialize(d)?;
    crate::oura::models::parse_day(&s)
        .ok_or_else(|| serde::de::Error::custom(format!("not a YYYY-MM-DD date: {s:?}")))
}

fn de_opt_day<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(s) => crate::oura::models::parse_day(&s)
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("not a YYYY-MM-DD date: {s:?}"))),
    }
}

fn de_instant<'de, D: serde::Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    let s = String::deserialize(d)?;
    crate::oura::models::parse_timestamp(&s)
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| serde::de::Error::custom(format!("not an RFC 3339 instant: {s:?}")))
}

/// The windows of one endpoint in the current run, with their done marks.
///
/// Done marks live in their own meta keys (`sync/<path>/done/<id>/<index>`, written in
/// the transaction of the window's last page, see [`super::machine`]), so concurrent
/// windows never overwrite each other's; `done` here is what was read back (and the
/// marks of runs saved before the keys existed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunWindows {
    /// Identifies the run (its start, ms since the epoch): done keys of another run are
    /// ignored.
    #[serde(default)]
    pub id: i64,
    /// The local day the run syncs up to (the watermark once every window is done).
    #[serde(default, deserialize_with = "de_opt_day")]
    pub through: Option<NaiveDate>,
    pub windows: Vec<WindowSpec>,
    pub done: Vec<bool>,
}

impl RunWindows {
    pub fn new(through: NaiveDate, windows: Vec<WindowSpec>) -> Self {
        Self::with_id(0, through, windows)
    }

    pub fn with_id(id: i64, through: NaiveDate, windows: Vec<WindowSpec>) -> Self {
        let done = vec![false; windows.len()];
        RunWindows {
            id,
            through: Some(through),
            windows,
            done,
        }
    }

    /// Index of the first window not done yet.
    pub fn next_pending(&self) -> Option<usize> {
        self.done.iter().position(|d| !d)
    }

    pub fn is_complete(&self) -> bool {
        self.done.iter().all(|d| *d)
    }
}

/// Everything the app remembers about syncing one endpoint (stored as meta
/// `sync/<path>`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointState {
    /// The last local day covered by a completed sync.
    #[serde(default, deserialize_with = "de_opt_day")]
    pub watermark: Option<NaiveDate>,
    /// When a sync of this endpoint last completed (ms since the epoch).
    pub last_synced_ms: Option<i64>,
    /// The run in progress, if any.
    pub run: Option<RunWindows>,
    /// Oura refused this endpoint (403): the reason. Not an error.
    pub unavailable: Option<String>,
    /// The last failure (i18n key and English message), cleared by a success.
    pub error_kind: Option<String>,
    pub error: Option<String>,
    /// Oura's own words about that failure (its `detail`), shown as they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oura_detail: Option<String>,
}

/// What the status views show of an [`EndpointState`] (the run's windows stay with the
/// sync engine, which is loaded on first use).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatusSummary {
    pub watermark: Option<NaiveDate>,
    pub last_synced_ms: Option<i64>,
    /// A run was interrupted (it resumes with the next sync).
    pub interrupted: bool,
    pub unavailable: Option<String>,
    pub error_kind: Option<String>,
    pub error: Option<String>,
    pub oura_detail: Option<String>,
}

impl From<&EndpointState> for StatusSummary {
    fn from(s: &EndpointState) -> Self {
        StatusSummary {
            watermark: s.watermark,
            last_synced_ms: s.last_synced_ms,
            interrupted: s.run.is_some(),
            unavailable: s.unavailable.clone(),
            error_kind: s.error_kind.clone(),
            error: s.error.clone(),
            oura_detail: s.oura_detail.clone(),
        }
    }
}

impl StatusSummary {
    /// Reads the summary straight from a stored state record (the JSON of an
    /// [`EndpointState`]); a damaged field reads as absent.
    pub fn from_stored(v: &serde_json::Value) -> Self {
        let text = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_owned);
        StatusSummary {
            watermark: v
                .get("watermark")
                .and_then(|x| x.as_str())
                .and_then(crate::oura::models::parse_day),
            last_synced_ms: v.get("last_synced_ms").and_then(|x| x.as_i64()),
            interrupted: v.get("run").is_some_and(|r| !r.is_null()),
            unavailable: text("unavailable"),
            error_kind: text("error_kind"),
            error: text("error"),
            oura_detail: text("oura_detail"),
        }
    }
}

impl EndpointState {
    /// The meta key of an endpoint's state.
    pub fn meta_key(endpoint: &Endpoint) -> String {
        format!("sync/{}", endpoint.path)
    }

    /// Marks window `index` done. When it was the last one, the run completes: the
    /// watermark moves to the run's day, errors and "unavailable" are cleared.
    pub fn complete_window(&mut self, index: usize, now_ms: i64) {
        let Some(run) = self.run.as_mut() else {
            return;
        };
        if let Some(d) = run.done.get_mut(index) {
            *d = true;
        }
        if run.is_complete() {
            let through = run.through;
            self.run = None;
            if through.is_some() {
                self.watermark = through;
            }
            self.last_synced_ms = Some(now_ms);
            self.error = None;
            self.error_kind = None;
            self.oura_detail = None;
            self.unavailable = None;
        }
    }

    /// Oura answered 403: the endpoint is unavailable; this run skips it.
    pub fn mark_unavailable(&mut self, reason: String, now_ms: i64) {
        self.run = None;
        self.unavailable = Some(reason);
        self.error = None;
        self.error_kind = None;
        self.oura_detail = None;
        self.last_synced_ms = Some(now_ms);
    }

    /// A failure after the client's retries: remembered, and the run stays for the
    /// next sync to resume.
    pub fn mark_failed(&mut self, kind: &str, message: String, oura_detail: Option<String>) {
        self.error_kind = Some(kind.to_owned());
        self.error = Some(message);
        self.oura_detail = oura_detail;
    }
}

fn minus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(FLOOR).max(FLOOR)
}

/// The first local day to ask for: the floor on a first sync, else the watermark minus
/// the trailing window.
pub fn start_day(watermark: Option<NaiveDate>) -> NaiveDate {
    match watermark {
        None => FLOOR,
        Some(w) => minus_days(w, TRAILING_DAYS),
    }
}

/// The windows of a non-heartrate endpoint for a run up to `today`.
pub fn document_windows(
    endpoint: &Endpoint,
    watermark: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<WindowSpec> {
    match endpoint.query {
        QueryKind::Dates => {
            let first = start_day(watermark).min(today);
            vec![WindowSpec::Days { first, last: today }]
        }
        QueryKind::TokenOnly | QueryKind::Single => vec![WindowSpec::All],
        QueryKind::DateTimes => Vec::new(),
    }
}

/// The windows of heartrate for a run up to `today`: from its watermark minus the
/// trailing window, or on a first sync from `history_start` (see [`history_start`]).
pub fn heartrate_run_windows(
    watermark: Option<NaiveDate>,
    history_start: NaiveDate,
    today: NaiveDate,
) -> Vec<WindowSpec> {
    run_windows_of(
        EndpointId::Heartrate.endpoint(),
        watermark,
        history_start,
        today,
    )
}

/// The windows of a time-series endpoint (heartrate, ring_battery_level) for a run up
/// to `today`, as [`heartrate_run_windows`], each at most [`Endpoint::window_days`].
pub fn run_windows_of(
    e: &Endpoint,
    watermark: Option<NaiveDate>,
    history_start: NaiveDate,
    today: NaiveDate,
) -> Vec<WindowSpec> {
    let first = match watermark {
        Some(w) => minus_days(w, TRAILING_DAYS),
        None => history_start.max(FLOOR),
    }
    .min(today);
    windows_of_days(first, today, e.window_days())
        .iter()
        .map(WindowSpec::from_window)
        .collect()
}

/// Where time-series history starts on a first sync: the earliest `day` of any stored
/// document (days before the [`FLOOR`] are not real and are ignored); with nothing
/// stored, the day the ring was set up when that is a real date (`1970-01-01` is
/// Oura's "unknown"), else the floor.
pub fn history_start(
    earliest_doc_day: Option<NaiveDate>,
    ring_set_up: Option<NaiveDate>,
) -> NaiveDate {
    earliest_doc_day
        .filter(|d| *d >= FLOOR)
        .or(ring_set_up.filter(|d| *d >= FLOOR))
        .unwrap_or(FLOOR)
}

/// Whether the data is old enough for an automatic sync (`interval_ms` after the last
/// complete sync; never synced → yes).
pub fn is_due(last_complete_ms: Option<i64>, now_ms: i64, interval_ms: i64) -> bool {
    match last_complete_ms {
        None => true,
        Some(t) => now_ms.saturating_sub(t) >= interval_ms,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::by_path;
    use chrono::TimeDelta;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn ep(p: &str) -> &'static Endpoint {
        by_path(p).unwrap()
    }

    #[test]
    fn a_first_sync_asks_from_the_floor_to_today() {
        let w = document_windows(ep("daily_sleep"), None, d("2026-11-24"));
        assert_eq!(
            w,
            vec![WindowSpec::Days {
                first: d("2013-01-01"),
                last: d("2026-11-24")
            }]
        );
        assert_eq!(
            document_windows(ep("personal_info"), None, d("2026-11-24")),
            vec![WindowSpec::All]
        );
        assert_eq!(
            document_windows(
                ep("ring_configuration"),
                Some(d("2026-11-01")),
                d("2026-11-24")
            ),
            vec![WindowSpec::All]
        );
        assert!(document_windows(ep("heartrate"), None, d("2026-11-24")).is_empty());
    }

    #[test]
    fn later_syncs_ask_only_the_trailing_window() {
        let w = document_windows(ep("sleep"), Some(d("2026-11-20")), d("2026-11-24"));
        assert_eq!(
            w,
            vec![WindowSpec::Days {
                first: d("2026-11-13"),
                last: d("2026-11-24")
            }]
        );
    }

    #[test]
    fn heartrate_walks_from_the_earliest_day_in_30_day_windows_without_gaps() {
        let w = heartrate_run_windows(None, d("2025-11-24"), d("2026-11-24"));
        assert!(
            w.len() >= 13,
            "a year needs at least 13 windows, got {}",
            w.len()
        );
        let mut prev_end: Option<DateTime<Utc>> = None;
        for spec in &w {
            let WindowSpec::Instants { start, end } = spec else {
                panic!("heartrate windows are instants: {spec:?}");
            };
            assert!(*end - *start <= TimeDelta::days(30));
            if let Some(p) = prev_end {
                assert_eq!(p, *start, "no gap, no overlap");
            }
            prev_end = Some(*end);
        }
        let WindowSpec::Instants { start, .. } = &w[0] else {
            unreachable!()
        };
        assert!(
            start.date_naive() <= d("2025-11-24"),
            "covers the earliest day"
        );
        assert!(
            prev_end.unwrap().date_naive() > d("2026-11-24"),
            "covers today"
        );
    }

    #[test]
    fn the_battery_walks_the_same_range_in_20_day_windows() {
        let hr = heartrate_run_windows(None, d("2025-11-24"), d("2026-11-24"));
        let battery = run_windows_of(
            ep("ring_battery_level"),
            None,
            d("2025-11-24"),
            d("2026-11-24"),
        );
        let bounds = |w: &[WindowSpec]| -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
            w.iter()
                .map(|s| match s {
                    WindowSpec::Instants { start, end } => (*start, *end),
                    other => panic!("instants expected: {other:?}"),
                })
                .collect()
        };
        let (h, b) = (bounds(&hr), bounds(&battery));
        assert_eq!(h[0].0, b[0].0, "same start");
        assert_eq!(h.last().unwrap().1, b.last().unwrap().1, "same end");
        assert!(b.windows(2).all(|p| p[0].1 == p[1].0), "no gap, no overlap");
        assert!(b.iter().all(|(s, e)| *e - *s <= TimeDelta::days(20)));
        let days = (b.last().unwrap().1 - b[0].0).num_days();
        assert_eq!(days, 368, "the year, padded");
        assert_eq!((h.len(), b.len()), (13, 19));
    }

    #[test]
    fn heartrate_later_syncs_start_at_the_trailing_window() {
        let w = heartrate_run_windows(Some(d("2026-11-20")), d("2020-01-01"), d("2026-11-24"));
        assert_eq!(w.len(), 1);
        let WindowSpec::Instants { start, .. } = &w[0] else {
            unreachable!()
        };
        assert!(start.date_naive() <= d("2026-11-13") && start.date_naive() >= d("2026-11-11"));
    }

    #[test]
    fn history_starts_at_the_earliest_real_day_never_at_a_sentinel() {
        let sentinel = d("1970-01-01");
        assert_eq!(
            history_start(Some(d("2018-03-04")), Some(sentinel)),
            d("2018-03-04")
        );
        // Nothing stored (e.g. only the heartrate scope): the ring's set-up day if real…
        assert_eq!(history_start(None, Some(d("2019-05-06"))), d("2019-05-06"));
        // …else the floor, never 1970.
        assert_eq!(history_start(None, Some(sentinel)), FLOOR);
        assert_eq!(history_start(None, None), FLOOR);
        assert_eq!(history_start(Some(sentinel), None), FLOOR);
        // With nothing stored, heartrate still walks all of history, not today only.
        let w = heartrate_run_windows(None, history_start(None, None), d("2026-11-24"));
        assert!(w.len() > 150, "{} windows", w.len());
        // The 1970 sentinel would have meant ~694 windows; the floor bounds it.
        assert!(w.len() < 180, "{} windows", w.len());
    }

    #[test]
    fn completing_the_last_window_moves_the_watermark_and_clears_errors() {
        let mut s = EndpointState {
            run: Some(RunWindows::new(
                d("2026-11-24"),
                vec![WindowSpec::All, WindowSpec::All],
            )),
            error: Some("boom".into()),
            error_kind: Some("client.error.server".into()),
            ..Default::default()
        };
        s.complete_window(0, 5);
        assert_eq!(s.watermark, None, "one window left");
        assert_eq!(s.run.as_ref().and_then(RunWindows::next_pending), Some(1));
        s.complete_window(1, 7);
        assert_eq!(s.watermark, Some(d("2026-11-24")));
        assert_eq!(s.last_synced_ms, Some(7));
        assert!(s.run.is_none() && s.error.is_none() && s.error_kind.is_none());
    }

    #[test]
    fn a_failure_keeps_the_run_for_resuming_and_403_skips_it() {
        let mut s = EndpointState {
            run: Some(RunWindows::new(d("2026-11-24"), vec![WindowSpec::All])),
            ..Default::default()
        };
        s.mark_failed("client.error.server", "Oura's server failed".into(), None);
        assert!(s.run.is_some());
        assert_eq!(s.error_kind.as_deref(), Some("client.error.server"));
        s.mark_unavailable("missing scope".into(), 9);
        assert!(s.run.is_none());
        assert_eq!(s.unavailable.as_deref(), Some("missing scope"));
        assert_eq!(
            s.watermark, None,
            "an unavailable endpoint has no watermark"
        );
    }

    #[test]
    fn state_round_trips_through_json() {
        let s = EndpointState {
            watermark: Some(d("2026-11-20")),
            run: Some(RunWindows::new(
                d("2026-11-24"),
                heartrate_run_windows(None, d("2026-09-01"), d("2026-11-24")),
            )),
            ..Default::default()
        };
        let json = serde_json::to_value(&s).unwrap();
        let back: EndpointState = serde_json::from_value(json).unwrap();
        assert_eq!(back, s);
        // The status views read the same from the stored JSON.
        let stored = serde_json::to_value(&s).unwrap();
        assert_eq!(StatusSummary::from_stored(&stored), StatusSummary::from(&s));
        assert!(StatusSummary::from_stored(&stored).interrupted);
        assert_eq!(
            StatusSummary::from_stored(&stored).watermark,
            Some(d("2026-11-20"))
        );
        let failed = EndpointState {
            unavailable: Some("no scope".into()),
            error_kind: Some("sync.error.server".into()),
            error: Some("HTTP 500".into()),
            last_synced_ms: Some(1_700_000_000_000),
            ..Default::default()
        };
        let stored = serde_json::to_value(&failed).unwrap();
        assert_eq!(
            StatusSummary::from_stored(&stored),
            StatusSummary::from(&failed)
        );
        assert_eq!(
            StatusSummary::from_stored(&serde_json::json!("garbage")),
            StatusSummary::default()
        );
        for w in &s.run.unwrap().windows {
            assert_eq!(&WindowSpec::from_window(&w.to_window()), w);
        }
        // Older or partial records: absent optional days are None.
        let sparse: EndpointState = serde_json::from_str("{}").unwrap();
        assert_eq!(sparse, EndpointState::default());
        // A damaged record is an error (the caller reports it), never a wrong date.
        for bad in [
            r#"{"watermark":"2026-13-01"}"#,
            r#"{"watermark":20261120}"#,
            r#"{"run":{"through":null,"windows":[{"kind":"instants","start":"yesterday","end":"2026-11-24T00:00:00Z"}],"done":[false]}}"#,
        ] {
            assert!(serde_json::from_str::<EndpointState>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn auto_sync_is_due_after_the_interval() {
        assert!(is_due(None, 0, 3_600_000));
        assert!(!is_due(Some(1_000), 1_000 + 3_599_999, 3_600_000));
        assert!(is_due(Some(1_000), 1_000 + 3_600_000, 3_600_000));
    }
}
