//! The retry policy: which failures are retried, the exponential backoff with jitter
//! and how a server-stated wait is honoured. Pure, tested natively.

use super::error::ClientError;
use std::time::Duration;

/// How failed requests are retried. Delays are configurable (tests use tiny ones).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (≥ 1).
    pub max_attempts: u32,
    /// The backoff before the 2nd attempt; doubles each time.
    pub base_delay: Duration,
    /// The longest backoff.
    pub max_delay: Duration,
    /// The longest wait a response states (`Retry-After`, else `X-RateLimit-Reset`)
    /// that is honoured; a longer one ends the retries at once (the error carries it so
    /// the UI can say when to try again).
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(20),
            max_retry_after: Duration::from_secs(120),
        }
    }
}

/// What to do after a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryDecision {
    /// Wait this long, then try again.
    RetryAfter(Duration),
    /// Report the error.
    GiveUp,
}

impl RetryPolicy {
    /// The exponential backoff after failed attempt number `attempt` (1-based) with
    /// "equal jitter": `d = min(max_delay, base_delay · 2^(attempt−1))`, the delay is
    /// in `[d/2, d]`, `random` in `[0, 1)` choosing where.
    pub fn backoff(&self, attempt: u32, random: f64) -> Duration {
        let exp = attempt.saturating_sub(1).min(30);
        let d = self
            .base_delay
            .saturating_mul(1u32 << exp)
            .min(self.max_delay);
        let half = d / 2;
        let r = if random.is_finite() {
            random.clamp(0.0, 1.0)
        } else {
            0.0
        };
        half + (d - half).mul_f64(r)
    }

    /// Whether and when to retry after failed attempt number `attempt` (1-based).
    pub fn decide(
        &self,
        attempt: u32,
        error: &ClientError,
        retry_after: Option<Duration>,
        random: f64,
    ) -> RetryDecision {
        if !error.is_retryable() || attempt >= self.max_attempts {
            return RetryDecision::GiveUp;
        }
        match (error, retry_after) {
            (_, Some(wait)) if wait > self.max_retry_after => RetryDecision::GiveUp,
            (ClientError::RateLimited { .. } | ClientError::Server { .. }, Some(wait)) => {
                RetryDecision::RetryAfter(wait)
            }
            _ => RetryDecision::RetryAfter(self.backoff(attempt, random)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_exponentially_within_jitter_bounds_and_caps() {
        let p = RetryPolicy {
            max_attempts: 5,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(1000),
            max_retry_after: Duration::from_secs(10),
        };
        for attempt in 1..=10u32 {
            let d = Duration::from_millis((100u64 << (attempt - 1).min(20)).min(1000));
            for r in [0.0, 0.25, 0.5, 0.999, 1.0, -3.0, f64::NAN, 7.0] {
                let got = p.backoff(attempt, r);
                assert!(
                    got >= d / 2 && got <= d,
                    "attempt {attempt} r {r}: {got:?} vs {d:?}"
                );
            }
            assert_eq!(p.backoff(attempt, 0.0), d / 2);
            assert_eq!(p.backoff(attempt, 1.0), d);
        }
        assert_eq!(p.backoff(1000, 0.5), p.backoff(11, 0.5), "no overflow");
    }

    #[test]
    fn retry_decisions() {
        let p = RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(1000),
            max_retry_after: Duration::from_secs(10),
        };
        let server = ClientError::Server {
            status: 503,
            attempts: 1,
        };
        let limited = ClientError::RateLimited {
            attempts: 1,
            retry_after_secs: Some(2),
        };
        let unauthorized = ClientError::Unauthorized { detail: "x".into() };
        assert_eq!(
            p.decide(1, &server, None, 0.0),
            RetryDecision::RetryAfter(Duration::from_millis(50))
        );
        assert_eq!(
            p.decide(2, &server, None, 1.0),
            RetryDecision::RetryAfter(Duration::from_millis(200))
        );
        assert_eq!(
            p.decide(3, &server, None, 0.0),
            RetryDecision::GiveUp,
            "attempts exhausted"
        );
        assert_eq!(
            p.decide(1, &limited, Some(Duration::from_secs(2)), 0.9),
            RetryDecision::RetryAfter(Duration::from_secs(2)),
            "Retry-After is honoured"
        );
        assert_eq!(
            p.decide(1, &limited, Some(Duration::from_secs(11)), 0.9),
            RetryDecision::GiveUp,
            "too long a wait is reported"
        );
        assert_eq!(
            p.decide(1, &limited, None, 0.0),
            RetryDecision::RetryAfter(Duration::from_millis(50)),
            "unreadable Retry-After → backoff"
        );
        assert_eq!(p.decide(1, &unauthorized, None, 0.0), RetryDecision::GiveUp);
        let body = ClientError::InvalidBody {
            message: "EOF".into(),
            attempts: 1,
        };
        assert!(matches!(
            p.decide(1, &body, None, 0.0),
            RetryDecision::RetryAfter(_)
        ));
        let repeated = ClientError::RepeatedToken {
            endpoint: "x",
            pages: 2,
        };
        assert_eq!(p.decide(1, &repeated, None, 0.0), RetryDecision::GiveUp);
    }
}
