//! Time as core sees it. Core has no clock: the edge hands in plain numbers.
//!
//! Two small types, because two questions are asked:
//! - [`Timestamp`]: *when exactly* — whole seconds since 1970-01-01T00:00:00 UTC. Orders
//!   measures, risk assessments, scheduled measures and sessions, and session feedback.
//! - [`Day`]: *which day of the client's life* — a calendar day in the client's own time zone,
//!   counted from 1970-01-01 (day 0). Daily check-ins and "the last 7 days" use it. The app
//!   turns an instant into a day with the client's stored time zone; core only counts.

use serde::{Deserialize, Serialize};

/// Seconds in a day, for windows measured in days between instants.
pub const SECONDS_PER_DAY: i64 = 86_400;

/// An instant: whole seconds since the Unix epoch (UTC). Negative values are allowed.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Whole days from `earlier` to `self` (negative when `self` is earlier). Saturates
    /// instead of overflowing on absurd inputs.
    pub fn days_since(self, earlier: Timestamp) -> i64 {
        self.0.saturating_sub(earlier.0) / SECONDS_PER_DAY
    }
}

/// A calendar day in the client's time zone: days since 1970-01-01 (day 0).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Day(pub i64);

impl Day {
    /// Days from `earlier` to `self` (negative when `self` is earlier); saturating.
    pub fn days_since(self, earlier: Day) -> i64 {
        self.0.saturating_sub(earlier.0)
    }

    /// The day `days` before this one; saturating.
    pub fn minus(self, days: i64) -> Day {
        Day(self.0.saturating_sub(days))
    }

    /// The day `days` after this one; saturating.
    pub fn plus(self, days: i64) -> Day {
        Day(self.0.saturating_add(days))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_days_between_instants() {
        assert_eq!(
            Timestamp(SECONDS_PER_DAY * 3 - 1).days_since(Timestamp(0)),
            2
        );
        assert_eq!(Timestamp(SECONDS_PER_DAY * 3).days_since(Timestamp(0)), 3);
        assert_eq!(
            Timestamp(i64::MAX).days_since(Timestamp(i64::MIN)),
            i64::MAX / SECONDS_PER_DAY
        );
    }

    #[test]
    fn day_arithmetic_saturates() {
        assert_eq!(Day(10).minus(6), Day(4));
        assert_eq!(Day(10).plus(4), Day(14));
        assert_eq!(Day(14).days_since(Day(0)), 14);
        assert_eq!(Day(i64::MIN).minus(1), Day(i64::MIN));
        assert_eq!(Day(i64::MAX).plus(1), Day(i64::MAX));
    }
}
