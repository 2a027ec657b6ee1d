//! Sign-in throttling: failed sign-ins counted per account and per client address over a
//! sliding window. Past the limit, attempts are refused before any password is checked, so a
//! guesser can neither try many passwords on one account nor spread guesses over many accounts
//! from one address. Counted in this process (each replica counts its own).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// The window over which failures count.
pub const WINDOW_MS: i64 = 15 * 60 * 1000;

/// Keys kept at most; past it, keys with no failure inside the window are dropped first.
const MAX_KEYS: usize = 100_000;

/// Failures counted per one kind of key (accounts, or client addresses).
#[derive(Debug)]
pub struct LoginThrottle {
    limit: usize,
    failures: Mutex<HashMap<String, VecDeque<i64>>>,
}

impl LoginThrottle {
    pub fn new(limit: u32) -> LoginThrottle {
        LoginThrottle {
            limit: limit.max(1) as usize,
            failures: Mutex::default(),
        }
    }

    /// When `key` may try again, if it is blocked now.
    pub fn blocked_until(&self, key: &str, now: i64) -> Option<i64> {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let times = map.get_mut(key)?;
        prune(times, now);
        (times.len() >= self.limit).then(|| times.front().map_or(now, |t| t + WINDOW_MS))
    }

    pub fn failed(&self, key: &str, now: i64) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= MAX_KEYS && !map.contains_key(key) {
            map.retain(|_, times| {
                prune(times, now);
                !times.is_empty()
            });
        }
        let times = map.entry(key.to_owned()).or_default();
        prune(times, now);
        times.push_back(now);
        while times.len() > self.limit {
            times.pop_front();
        }
    }

    /// A successful sign-in clears the account's failures (not the address's).
    pub fn forget(&self, key: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key);
    }
}

fn prune(times: &mut VecDeque<i64>, now: i64) {
    while times.front().is_some_and(|t| now - t >= WINDOW_MS) {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_the_limit_until_the_window_moves() {
        let throttle = LoginThrottle::new(3);
        for t in [0, 10, 20] {
            assert_eq!(throttle.blocked_until("a", t), None);
            throttle.failed("a", t);
        }
        assert_eq!(throttle.blocked_until("a", 30), Some(WINDOW_MS));
        assert_eq!(throttle.blocked_until("b", 30), None, "other keys are free");
        assert_eq!(
            throttle.blocked_until("a", WINDOW_MS),
            None,
            "the oldest failure aged out"
        );
        throttle.failed("a", WINDOW_MS);
        assert!(throttle.blocked_until("a", WINDOW_MS + 1).is_some());
        throttle.forget("a");
        assert_eq!(throttle.blocked_until("a", WINDOW_MS + 1), None);
    }
}
