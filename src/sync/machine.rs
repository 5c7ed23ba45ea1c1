//! The state machine of one endpoint's part of a run (pure, tested natively): how a
//! saved run resumes, which windows are left, what each window's last page writes,
//! what a permanent failure does, and when the watermark moves.
//!
//! - **Done marks** are meta keys of their own, `sync/<path>/done/<run id>/<index>`,
//!   written in the same transaction as the window's last page. Concurrent windows
//!   (heartrate, battery) therefore never write over each other's marks, and a mark
//!   exists only if its window's documents were committed with it.
//! - **Finishing**: once every window has its mark, one transaction writes the state
//!   with the watermark moved to the run's day and deletes the marks ([`finish_ops`]).
//!   A run whose marks are all there when it is loaded (the tab closed in between)
//!   finishes at once.
//! - **Resuming on a later day** extends the run to today ([`extend_to`]): a run never
//!   ends at an old day.
//! - **Permanent failures** (400, 404, 422, a repeated `next_token`) are remembered
//!   for the rest of the run ([`Attempt`]): that window is not asked again in this run,
//!   the others go on, the endpoint shows the error with Oura's detail, the run stays
//!   saved with that window pending, so the watermark never moves over it; the next
//!   sync asks it once more.

use super::plan::{run_windows_of, EndpointState, RunWindows, WindowSpec};
use crate::endpoints::{Endpoint, QueryKind};
use chrono::NaiveDate;
use serde_json::Value;
use std::collections::BTreeSet;

/// The prefix of every done key of the endpoint.
pub fn done_prefix(e: &Endpoint) -> String {
    format!("sync/{}/done/", e.path)
}

/// The done key of window `index` of run `run_id`.
pub fn done_key(e: &Endpoint, run_id: i64, index: usize) -> String {
    format!("{}{run_id}/{index}", done_prefix(e))
}

/// Applies the done keys found in the meta store (keys of other runs are ignored).
pub fn apply_done_keys(e: &Endpoint, run: &mut RunWindows, keys: &[String]) {
    // A damaged record whose marks do not match its windows: every window pending.
    if run.done.len() != run.windows.len() {
        run.done = vec![false; run.windows.len()];
    }
    let prefix = done_prefix(e);
    for k in keys {
        let Some(rest) = k.strip_prefix(&prefix) else {
            continue;
        };
        let Some((id, index)) = rest.split_once('/') else {
            continue;
        };
        if id.parse::<i64>().ok() != Some(run.id) {
            continue;
        }
        if let Some(d) = index
            .parse::<usize>()
            .ok()
            .and_then(|i| run.done.get_mut(i))
        {
            *d = true;
        }
    }
}

/// Extends a run saved on an earlier day so that it ends at `today`. Returns whether
/// it changed (then it must be saved before fetching).
pub fn extend_to(e: &Endpoint, run: &mut RunWindows, today: NaiveDate) -> bool {
    let Some(through) = run.through else {
        run.through = Some(today);
        return true;
    };
    if through >= today {
        return false;
    }
    match e.query {
        QueryKind::Dates => {
            // The last window still pending grows; a finished one gets a successor.
            let last = run.windows.len().checked_sub(1);
            match last {
                Some(i) if !run.done.get(i).copied().unwrap_or(true) => {
                    if let WindowSpec::Days { last, .. } = &mut run.windows[i] {
                        *last = today;
                    }
                }
                _ => {
                    run.windows.push(WindowSpec::Days {
                        first: through,
                        last: today,
                    });
                    run.done.push(false);
                }
            }
        }
        QueryKind::DateTimes => {
            for w in run_windows_of(e, Some(through), through, today) {
                run.windows.push(w);
                run.done.push(false);
            }
        }
        // Fetched whole on every run: nothing to extend.
        QueryKind::TokenOnly | QueryKind::Single => {}
    }
    run.through = Some(today);
    true
}

/// What happened to the windows of one endpoint in this run (in memory only).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attempt {
    /// Windows that failed permanently in this run: not asked again until the next.
    pub failed: BTreeSet<usize>,
}

impl Attempt {
    /// The windows still to fetch in this run, in order.
    pub fn pending(&self, run: &RunWindows) -> Vec<usize> {
        (0..run.windows.len())
            .filter(|i| !run.done.get(*i).copied().unwrap_or(true) && !self.failed.contains(i))
            .collect()
    }
}

/// The meta writes of a window's last page: its done mark.
pub fn window_done_ops(
    e: &Endpoint,
    run: &RunWindows,
    index: usize,
) -> Vec<(String, Option<Value>)> {
    vec![(done_key(e, run.id, index), Some(Value::Bool(true)))]
}

/// If every window is done: the run completes (watermark moved, errors cleared) and
/// the meta writes that say so in one transaction (the state, and the done keys
/// deleted). `None` while a window is missing.
pub fn finish_ops(
    e: &Endpoint,
    state: &mut EndpointState,
    now_ms: i64,
) -> Option<Vec<(String, Option<Value>)>> {
    let run = state.run.as_ref()?;
    if !run.is_complete() {
        return None;
    }
    let mut ops: Vec<(String, Option<Value>)> = (0..run.windows.len())
        .map(|i| (done_key(e, run.id, i), None))
        .collect();
    let last = run.windows.len().saturating_sub(1);
    state.complete_window(last, now_ms);
    ops.push((
        EndpointState::meta_key(e),
        Some(serde_json::to_value(&*state).unwrap_or(Value::Null)),
    ));
    Some(ops)
}

/// A window failed permanently: remembered for this run, reported on the endpoint
/// (kind and message with Oura's detail); the run stays saved with the window pending.
pub fn fail_permanently(
    state: &mut EndpointState,
    attempt: &mut Attempt,
    index: usize,
    kind: &str,
    message: String,
    oura_detail: Option<String>,
) {
    attempt.failed.insert(index);
    state.mark_failed(kind, message, oura_detail);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::by_path;
    use crate::sync::plan::{document_windows, heartrate_run_windows, FLOOR};
    use std::collections::BTreeMap;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn ep(p: &str) -> &'static Endpoint {
        by_path(p).unwrap()
    }

    /// A meta store where transactions apply their writes atomically, in the order they
    /// commit.
    #[derive(Default)]
    struct Meta(BTreeMap<String, Value>);
    impl Meta {
        fn commit(&mut self, ops: &[(String, Option<Value>)]) {
            for (k, v) in ops {
                match v {
                    Some(v) => self.0.insert(k.clone(), v.clone()),
                    None => self.0.remove(k),
                };
            }
        }
        fn keys(&self) -> Vec<String> {
            self.0.keys().cloned().collect()
        }
        /// What a later load sees: the state and the done keys applied.
        fn load(&self, e: &Endpoint) -> EndpointState {
            let mut s: EndpointState = self
                .0
                .get(&EndpointState::meta_key(e))
                .map(|v| serde_json::from_value(v.clone()).unwrap())
                .unwrap_or_default();
            if let Some(run) = s.run.as_mut() {
                apply_done_keys(e, run, &self.keys());
            }
            s
        }
    }

    fn new_run(e: &Endpoint, meta: &mut Meta, through: &str, history: &str) -> EndpointState {
        let windows = heartrate_run_windows(None, d(history), d(through));
        let s = EndpointState {
            run: Some(RunWindows::with_id(42, d(through), windows)),
            ..Default::default()
        };
        meta.commit(&[(
            EndpointState::meta_key(e),
            Some(serde_json::to_value(&s).unwrap()),
        )]);
        s
    }

    #[test]
    fn concurrent_windows_never_erase_each_others_done_marks() {
        let hr = ep("heartrate");
        let mut meta = Meta::default();
        let s = new_run(hr, &mut meta, "2026-11-24", "2026-08-01");
        let run = s.run.clone().unwrap();
        let n = run.windows.len();
        assert!(n >= 4);
        // Every window builds its last-page transaction before any commits (they run
        // concurrently), then they commit in reverse order.
        let txs: Vec<_> = (0..n).map(|i| window_done_ops(hr, &run, i)).collect();
        for (i, tx) in txs.iter().enumerate().rev() {
            meta.commit(tx);
            let loaded = meta.load(hr);
            let done = loaded
                .run
                .as_ref()
                .unwrap()
                .done
                .iter()
                .filter(|d| **d)
                .count();
            assert_eq!(done, n - i, "after {} commits", n - i);
        }
        // All marks there: the run finishes in one transaction, and the marks go.
        let mut state = meta.load(hr);
        let ops = finish_ops(hr, &mut state, 7).expect("complete");
        meta.commit(&ops);
        let after = meta.load(hr);
        assert_eq!(after.watermark, Some(d("2026-11-24")));
        assert!(after.run.is_none());
        assert_eq!(
            meta.keys(),
            vec![EndpointState::meta_key(hr)],
            "no done key left"
        );
    }

    #[test]
    fn a_missing_window_keeps_the_run_and_the_watermark() {
        let hr = ep("heartrate");
        let mut meta = Meta::default();
        let s = new_run(hr, &mut meta, "2026-11-24", "2026-08-01");
        let run = s.run.clone().unwrap();
        for i in 1..run.windows.len() {
            meta.commit(&window_done_ops(hr, &run, i));
        }
        let mut state = meta.load(hr);
        assert!(finish_ops(hr, &mut state, 7).is_none());
        assert_eq!(state.watermark, None);
        assert_eq!(
            Attempt::default().pending(state.run.as_ref().unwrap()),
            vec![0]
        );
    }

    #[test]
    fn done_keys_of_another_run_are_ignored() {
        let e = ep("sleep");
        let mut run = RunWindows::with_id(5, d("2026-11-24"), vec![WindowSpec::All]);
        apply_done_keys(e, &mut run, &[done_key(e, 4, 0), done_key(ep("tag"), 5, 0)]);
        assert!(!run.done[0]);
        apply_done_keys(
            e,
            &mut run,
            &[done_key(e, 5, 0), "sync/sleep/done/x".into()],
        );
        assert!(run.done[0]);
    }

    #[test]
    fn a_run_resumed_two_days_later_ends_today() {
        // A document endpoint interrupted on day D, resumed on D+2.
        let e = ep("daily_sleep");
        let mut run = RunWindows::with_id(
            1,
            d("2026-11-20"),
            document_windows(e, None, d("2026-11-20")),
        );
        assert!(extend_to(e, &mut run, d("2026-11-22")));
        assert_eq!(run.through, Some(d("2026-11-22")));
        assert_eq!(
            run.windows,
            vec![WindowSpec::Days {
                first: FLOOR,
                last: d("2026-11-22")
            }],
            "the pending window grows"
        );
        assert!(
            !extend_to(e, &mut run, d("2026-11-22")),
            "same day: unchanged"
        );
        // Its window was done already: a new one covers the days since.
        let mut run = RunWindows::with_id(
            1,
            d("2026-11-20"),
            document_windows(e, Some(d("2026-11-19")), d("2026-11-20")),
        );
        run.done[0] = true;
        extend_to(e, &mut run, d("2026-11-22"));
        assert_eq!(run.windows.len(), 2);
        assert_eq!(
            run.windows[1],
            WindowSpec::Days {
                first: d("2026-11-20"),
                last: d("2026-11-22")
            }
        );
        assert_eq!(Attempt::default().pending(&run), vec![1]);
        // Heartrate: windows are added up to the new today.
        let hr = ep("heartrate");
        let mut run = RunWindows::with_id(
            1,
            d("2026-11-20"),
            heartrate_run_windows(None, d("2026-10-01"), d("2026-11-20")),
        );
        let before = run.windows.len();
        extend_to(hr, &mut run, d("2026-11-22"));
        assert!(run.windows.len() > before);
        let WindowSpec::Instants { end, .. } = run.windows.last().unwrap() else {
            panic!("instants")
        };
        assert!(end.date_naive() > d("2026-11-22"), "covers the new today");
        // Once finished, the watermark is the new today.
        let mut state = EndpointState {
            run: Some(run),
            ..Default::default()
        };
        for d in state.run.as_mut().unwrap().done.iter_mut() {
            *d = true;
        }
        finish_ops(hr, &mut state, 1).unwrap();
        assert_eq!(state.watermark, Some(d("2026-11-22")));
    }

    #[test]
    fn a_permanent_failure_is_not_retried_in_the_run_and_never_moves_the_watermark() {
        let hr = ep("heartrate");
        let mut meta = Meta::default();
        let s = new_run(hr, &mut meta, "2026-11-24", "2026-08-01");
        let run = s.run.clone().unwrap();
        let mut state = meta.load(hr);
        let mut attempt = Attempt::default();
        fail_permanently(
            &mut state,
            &mut attempt,
            1,
            "client.error.not_found",
            "Oura: Not Found".into(),
            Some("Not Found".into()),
        );
        let pending = attempt.pending(state.run.as_ref().unwrap());
        assert!(!pending.contains(&1), "not asked again in this run");
        assert_eq!(pending.len(), run.windows.len() - 1, "the others go on");
        for i in pending {
            meta.commit(&window_done_ops(hr, &run, i));
        }
        let mut loaded = meta.load(hr);
        assert!(
            finish_ops(hr, &mut loaded, 9).is_none(),
            "window 1 is missing"
        );
        assert_eq!(loaded.watermark, None);
        assert_eq!(state.error_kind.as_deref(), Some("client.error.not_found"));
        // The next run asks only that window again.
        assert_eq!(
            Attempt::default().pending(loaded.run.as_ref().unwrap()),
            vec![1]
        );
    }

    #[test]
    fn the_watermark_is_per_endpoint() {
        let (a, b) = (ep("sleep"), ep("tag"));
        let mut meta = Meta::default();
        for e in [a, b] {
            let s = EndpointState {
                run: Some(RunWindows::with_id(
                    3,
                    d("2026-11-24"),
                    document_windows(e, None, d("2026-11-24")),
                )),
                ..Default::default()
            };
            meta.commit(&[(
                EndpointState::meta_key(e),
                Some(serde_json::to_value(&s).unwrap()),
            )]);
        }
        let run = meta.load(a).run.unwrap();
        meta.commit(&window_done_ops(a, &run, 0));
        let mut sa = meta.load(a);
        meta.commit(&finish_ops(a, &mut sa, 1).unwrap());
        assert_eq!(meta.load(a).watermark, Some(d("2026-11-24")));
        assert_eq!(meta.load(b).watermark, None, "tag stored nothing yet");
        assert!(meta.load(b).run.is_some());
    }
}
