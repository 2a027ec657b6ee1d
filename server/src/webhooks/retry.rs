//! The retry schedule: exponential backoff with jitter, about three days in total.
//!
//! | attempt | delay before it |      | attempt | delay before it |
//! |---------|-----------------|------|---------|-----------------|
//! | 1       | immediately     |      | 9       | 4 h             |
//! | 2       | 5 s             |      | 10      | 8 h             |
//! | 3       | 30 s            |      | 11      | 12 h            |
//! | 4       | 2 min           |      | 12      | 12 h            |
//! | 5       | 10 min          |      | 13      | 12 h            |
//! | 6       | 30 min          |      | 14      | 12 h            |
//! | 7       | 1 h             |      | 15      | 12 h            |
//! | 8       | 2 h             |      |         |                 |
//!
//! That is 15 attempts over about 75.7 hours. Each delay is jittered by ±20 % so that a receiver
//! coming back from an outage is not hit by every retry in the same second.

use rand::Rng;

/// Delays in seconds before attempts 2, 3, … The message fails after the last one.
pub const DELAYS_SECS: &[i64] = &[
    5, 30, 120, 600, 1_800, 3_600, 7_200, 14_400, 28_800, 43_200, 43_200, 43_200, 43_200, 43_200,
];

/// When to try again after `attempts_made` failed attempts, or `None` when retries are exhausted.
/// `scale` shrinks the schedule in tests (1.0 in production).
pub fn next_attempt_at(attempts_made: i64, now_ms: i64, scale: f64) -> Option<i64> {
    let index = usize::try_from(attempts_made.checked_sub(1)?).ok()?;
    let base_ms = (*DELAYS_SECS.get(index)? * 1000) as f64 * scale;
    let jitter = rand::rng().random_range(0.8..1.2);
    Some(now_ms + (base_ms * jitter).round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Total attempts per message, the first included.
    fn max_attempts() -> i64 {
        DELAYS_SECS.len() as i64 + 1
    }

    #[test]
    fn schedule_spans_about_three_days() {
        let total: i64 = DELAYS_SECS.iter().sum();
        assert!((70 * 3600..80 * 3600).contains(&total), "{total}");
        assert_eq!(max_attempts(), 15);
    }

    #[test]
    fn delays_grow_with_jitter_and_end() {
        let first = next_attempt_at(1, 0, 1.0).expect("retry");
        assert!((4_000..=6_000).contains(&first), "{first}");
        let late = next_attempt_at(9, 0, 1.0).expect("retry");
        assert!(late > 8 * 3_600_000 * 8 / 10);
        assert_eq!(next_attempt_at(max_attempts(), 0, 1.0), None);
        assert_eq!(next_attempt_at(0, 0, 1.0), None);
    }
}
