//! The one place that reads the wall clock. Everything else is handed the time.

use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The real clock.
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)]
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still until told to move (tests, and benchmarks that replay a year),
/// or, made with [`ManualClock::moving`], also moves on by a step every time it is read — so
/// that a use-case that reads the clock twice and compares the readings is caught in tests.
pub struct ManualClock {
    at: Mutex<DateTime<Utc>>,
    step: Duration,
}

impl ManualClock {
    pub fn new(at: DateTime<Utc>) -> ManualClock {
        ManualClock::moving(at, Duration::zero())
    }

    /// A clock that moves on by `step` after every reading.
    pub fn moving(at: DateTime<Utc>, step: Duration) -> ManualClock {
        ManualClock {
            at: Mutex::new(at),
            step,
        }
    }

    pub fn advance(&self, by: Duration) {
        if let Ok(mut t) = self.at.lock() {
            *t += by;
        }
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        self.at
            .lock()
            .map(|mut t| {
                let now = *t;
                *t += self.step;
                now
            })
            .unwrap_or_default()
    }
}

/// A monotonic instant for measuring durations (metrics), kept here with the other clocks.
#[allow(clippy::disallowed_methods)]
pub fn monotonic() -> std::time::Instant {
    std::time::Instant::now()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moving_clock_moves_on_every_reading_and_a_manual_one_stands_still() {
        let start = DateTime::<Utc>::default();
        let still = ManualClock::new(start);
        assert_eq!(still.now(), still.now());
        let moving = ManualClock::moving(start, Duration::milliseconds(700));
        assert_eq!(moving.now(), start);
        assert_eq!(moving.now(), start + Duration::milliseconds(700));
        moving.advance(Duration::days(1));
        assert_eq!(
            moving.now(),
            start + Duration::days(1) + Duration::milliseconds(1400)
        );
    }
}
