//! Latencies and counts, and what is reported from them.

use std::time::Duration;

use serde::Serialize;

/// Latencies of the requests that succeeded (microseconds) and the count of those that failed.
#[derive(Debug, Clone, Default)]
pub struct Samples {
    micros: Vec<u32>,
    pub errors: u64,
}

impl Samples {
    pub fn ok(&mut self, d: Duration) {
        self.micros
            .push(u32::try_from(d.as_micros()).unwrap_or(u32::MAX));
    }

    pub fn err(&mut self) {
        self.errors += 1;
    }

    pub fn merge(&mut self, other: Samples) {
        self.micros.extend(other.micros);
        self.errors += other.errors;
    }

    /// Percentiles of the successes, the rate of all requests over `elapsed`.
    pub fn summary(&self, elapsed: Duration) -> Summary {
        let mut sorted = self.micros.clone();
        sorted.sort_unstable();
        let secs = elapsed.as_secs_f64().max(1e-9);
        let count = sorted.len() as u64;
        let sum: u64 = sorted.iter().map(|&m| u64::from(m)).sum();
        Summary {
            count,
            errors: self.errors,
            per_sec: count as f64 / secs,
            p50_ms: percentile(&sorted, 50.0),
            p95_ms: percentile(&sorted, 95.0),
            p99_ms: percentile(&sorted, 99.0),
            mean_ms: if count == 0 {
                0.0
            } else {
                sum as f64 / count as f64 / 1000.0
            },
            max_ms: sorted.last().map_or(0.0, |&m| f64::from(m) / 1000.0),
        }
    }
}

/// What a table row shows.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Summary {
    pub count: u64,
    pub errors: u64,
    pub per_sec: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub mean_ms: f64,
    pub max_ms: f64,
}

/// The nearest-rank percentile of sorted microseconds, in milliseconds.
fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    let i = rank.clamp(1, sorted.len()) - 1;
    f64::from(sorted[i]) / 1000.0
}

/// A quotient that stays finite when the divisor is nothing.
pub fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let mut s = Samples::default();
        for ms in 1..=100u64 {
            s.ok(Duration::from_millis(ms));
        }
        s.err();
        let sum = s.summary(Duration::from_secs(2));
        assert_eq!(sum.count, 100);
        assert_eq!(sum.errors, 1);
        assert_eq!(sum.per_sec, 50.0);
        assert_eq!(sum.p50_ms, 50.0);
        assert_eq!(sum.p95_ms, 95.0);
        assert_eq!(sum.p99_ms, 99.0);
        assert_eq!(sum.max_ms, 100.0);
        assert_eq!(sum.mean_ms, 50.5);
    }

    #[test]
    fn nothing_measured_is_zero() {
        let sum = Samples::default().summary(Duration::from_secs(1));
        assert_eq!((sum.count, sum.p99_ms), (0, 0.0));
        assert_eq!(ratio(1.0, 0.0), 0.0);
    }
}
