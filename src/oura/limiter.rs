//! The request limiter: an async semaphore for one thread (wasm), FIFO, shared by all
//! pagers of a client, and the pause after a 429 that holds back every request of it
//! ([`super::rate_limit`] decides its length). Pure (no web-sys), tested natively.

use super::rate_limit::{next_pause_until, pause_remaining};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

#[derive(Debug, Default)]
struct LimiterState {
    available: usize,
    in_flight: usize,
    peak: usize,
    next_id: u64,
    waiters: VecDeque<(u64, Option<Waker>)>,
    /// The shared pause after a 429 (unix ms), see [`Limiter::pause_after_429`].
    paused_until: Option<i64>,
}

/// An async semaphore for one thread (wasm): at most `n` permits out at a time, given
/// in FIFO order. Cloning shares the permits.
#[derive(Clone, Debug)]
pub struct Limiter(Rc<RefCell<LimiterState>>);

impl Limiter {
    /// A limiter with `n` permits (at least 1).
    pub fn new(n: usize) -> Self {
        Limiter(Rc::new(RefCell::new(LimiterState {
            available: n.max(1),
            ..LimiterState::default()
        })))
    }

    /// Waits for a permit; it is returned when the [`Permit`] is dropped.
    pub fn acquire(&self) -> Acquire {
        Acquire {
            limiter: self.clone(),
            id: None,
        }
    }

    /// Permits currently out.
    pub fn in_flight(&self) -> usize {
        self.0.borrow().in_flight
    }

    /// The most permits that were out at once.
    pub fn peak(&self) -> usize {
        self.0.borrow().peak
    }

    /// Records a 429 received at `now_ms` (unix ms) asking to wait `wait` (`stated`:
    /// by Oura's headers; else a backoff): every request of the limiter waits for the
    /// pause before it is sent (see [`next_pause_until`]). Returns the pause left.
    pub fn pause_after_429(&self, now_ms: i64, wait: Duration, stated: bool) -> Duration {
        let mut s = self.0.borrow_mut();
        let until = next_pause_until(s.paused_until, now_ms, wait, stated);
        s.paused_until = Some(until);
        pause_remaining(s.paused_until, now_ms)
    }

    /// What is left at `now_ms` of the pause after a 429 (zero: send now).
    pub fn pause_remaining(&self, now_ms: i64) -> Duration {
        pause_remaining(self.0.borrow().paused_until, now_ms)
    }

    fn wake_front(state: &mut LimiterState) {
        if state.available > 0 {
            if let Some((_, Some(w))) = state.waiters.front_mut().map(|(i, w)| (*i, w.take())) {
                w.wake();
            }
        }
    }
}

/// The future of [`Limiter::acquire`].
pub struct Acquire {
    limiter: Limiter,
    id: Option<u64>,
}

impl Future for Acquire {
    type Output = Permit;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Permit> {
        let limiter = self.limiter.clone();
        let mut s = limiter.0.borrow_mut();
        let first_in_line = match self.id {
            None => s.waiters.is_empty(),
            Some(id) => s.waiters.front().is_some_and(|(i, _)| *i == id),
        };
        if s.available > 0 && first_in_line {
            if self.id.take().is_some() {
                s.waiters.pop_front();
            }
            s.available -= 1;
            s.in_flight += 1;
            s.peak = s.peak.max(s.in_flight);
            // Another permit may be free for the next in line.
            Limiter::wake_front(&mut s);
            drop(s);
            return Poll::Ready(Permit {
                limiter: self.limiter.clone(),
            });
        }
        match self.id {
            Some(id) => {
                if let Some(slot) = s.waiters.iter_mut().find(|(i, _)| *i == id) {
                    slot.1 = Some(cx.waker().clone());
                }
            }
            None => {
                let id = s.next_id;
                s.next_id += 1;
                s.waiters.push_back((id, Some(cx.waker().clone())));
                drop(s);
                self.id = Some(id);
            }
        }
        Poll::Pending
    }
}

impl Drop for Acquire {
    fn drop(&mut self) {
        if let Some(id) = self.id {
            let mut s = self.limiter.0.borrow_mut();
            s.waiters.retain(|(i, _)| *i != id);
            Limiter::wake_front(&mut s);
        }
    }
}

/// A permit of a [`Limiter`]; dropping it lets the next request go.
#[derive(Debug)]
pub struct Permit {
    limiter: Limiter,
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut s = self.limiter.0.borrow_mut();
        s.available += 1;
        s.in_flight = s.in_flight.saturating_sub(1);
        Limiter::wake_front(&mut s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poll_once<F: Future + Unpin>(f: &mut F, waker: &Waker) -> Poll<F::Output> {
        Pin::new(f).poll(&mut Context::from_waker(waker))
    }

    #[test]
    fn the_limiter_bounds_permits_in_fifo_order() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;
        use std::task::Wake;
        struct Count(AtomicUsize);
        impl Wake for Count {
            fn wake(self: Arc<Self>) {
                self.0.fetch_add(1, Ordering::SeqCst);
            }
        }
        let count = Arc::new(Count(AtomicUsize::new(0)));
        let waker = Waker::from(count.clone());

        let l = Limiter::new(2);
        let Poll::Ready(p1) = poll_once(&mut l.acquire(), &waker) else {
            panic!()
        };
        let Poll::Ready(p2) = poll_once(&mut l.acquire(), &waker) else {
            panic!()
        };
        assert_eq!(l.in_flight(), 2);
        let mut a3 = l.acquire();
        let mut a4 = l.acquire();
        assert!(poll_once(&mut a3, &waker).is_pending());
        assert!(poll_once(&mut a4, &waker).is_pending());
        drop(p1);
        assert_eq!(
            count.0.load(Ordering::SeqCst),
            1,
            "the first waiter is woken"
        );
        assert!(
            poll_once(&mut a4, &waker).is_pending(),
            "FIFO: a3 goes first"
        );
        let Poll::Ready(p3) = poll_once(&mut a3, &waker) else {
            panic!()
        };
        assert!(poll_once(&mut a4, &waker).is_pending());
        // A cancelled waiter does not keep a permit from the others.
        let mut a5 = l.acquire();
        assert!(poll_once(&mut a5, &waker).is_pending());
        drop(a4);
        drop(p2);
        let Poll::Ready(p5) = poll_once(&mut a5, &waker) else {
            panic!()
        };
        assert_eq!(l.in_flight(), 2);
        assert_eq!(l.peak(), 2);
        drop((p3, p5));
        assert_eq!(l.in_flight(), 0);
        let Poll::Ready(_p) = poll_once(&mut l.acquire(), &waker) else {
            panic!()
        };
    }

    #[test]
    fn a_429_pauses_every_request_of_the_limiter() {
        let l = Limiter::new(4);
        let other = l.clone();
        assert_eq!(l.pause_remaining(1_000), Duration::ZERO);
        let left = l.pause_after_429(1_000, Duration::from_secs(2), true);
        assert_eq!(left, Duration::from_secs(2));
        assert_eq!(other.pause_remaining(1_500), Duration::from_millis(1_500));
        // Another 429 in the meantime stating less: the pause stays as it was.
        assert_eq!(
            other.pause_after_429(2_000, Duration::from_secs(1), true),
            Duration::from_secs(1)
        );
        assert_eq!(l.pause_remaining(2_500), Duration::from_millis(500));
        assert_eq!(l.pause_remaining(3_000), Duration::ZERO);
        assert_eq!(Limiter::new(1).pause_remaining(3_000), Duration::ZERO);
    }
}
