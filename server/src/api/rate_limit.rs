//! Per-key rate limiting (GCRA, in memory per process). With N replicas the effective limit is
//! N times the configured one; a shared limiter is not worth a network hop per request here.

use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};

use super::problem::ApiError;
use crate::ids::KeyId;

pub struct KeyLimiter {
    inner: DefaultKeyedRateLimiter<KeyId>,
    clock: DefaultClock,
}

impl KeyLimiter {
    /// `None` when `per_second` is 0 (limiting disabled).
    pub fn new(per_second: u32, burst: u32) -> Option<KeyLimiter> {
        let per_second = NonZeroU32::new(per_second)?;
        let burst = NonZeroU32::new(burst.max(per_second.get()))?;
        Some(KeyLimiter {
            inner: DefaultKeyedRateLimiter::keyed(Quota::per_second(per_second).allow_burst(burst)),
            clock: DefaultClock::default(),
        })
    }

    pub fn check(&self, key: &KeyId) -> Result<(), ApiError> {
        self.inner.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.clock.now());
            ApiError::RateLimited {
                retry_after: wait.as_secs().max(1),
            }
        })
    }
}
