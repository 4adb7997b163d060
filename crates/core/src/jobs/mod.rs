//! Background jobs (issue 16), the pure part: a job's states, how long to wait before the
//! next try (exponential, capped, with a jitter taken from the job's id so that no random
//! generator is needed and a test can predict it), when a job is given up (dead), and how long
//! a claim holds (the lease), and each client's daily slot for the work done once a day per
//! client. Times are whole seconds; the clock is the caller's.

use std::ops::RangeInclusive;

use chrono::{DateTime, Duration, Timelike, Utc};

string_enum! {
    /// Where a job stands.
    JobState {
        Queued => "queued", "Waiting";
        Running => "running", "Running";
        Done => "done", "Done";
        Failed => "failed", "Failed, will retry";
        Dead => "dead", "Gave up";
    }
}

impl JobState {
    /// A claimable state: waiting, or failed and due again. (A `running` job is claimable
    /// too once its lease ran out: its server stopped in the middle.)
    pub fn is_waiting(self) -> bool {
        matches!(self, JobState::Queued | JobState::Failed)
    }

    /// No further run will happen.
    pub fn is_final(self) -> bool {
        matches!(self, JobState::Done | JobState::Dead)
    }
}

/// The first retry waits this long (seconds).
pub const FIRST_RETRY_SECS: i64 = 30;
/// No retry waits longer than this (seconds): an hour.
pub const MAX_RETRY_SECS: i64 = 3_600;
/// How many tries a job has unless it says otherwise.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 8;
/// How long a claim holds (seconds). A job still `running` past its lease is taken to have
/// lost its server and is claimed again: handlers are idempotent (at-least-once).
pub const LEASE_SECS: i64 = 300;
/// Finished (`done`) jobs are removed after this long (seconds): a week.
pub const KEEP_DONE_SECS: i64 = 7 * 24 * 3_600;

/// A number in `0..=u64::MAX` taken from the job's id (FNV-1a), the same every time.
fn spread(id: &[u8; 16], attempt: u32) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.iter().chain(attempt.to_le_bytes().iter()) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Seconds to wait after the `attempts`-th failed try (1 for the first): 30 s, 1 min,
/// 2 min… doubling up to an hour, plus up to a quarter more taken from the job id, so that
/// jobs that failed together do not all come back at the same second.
pub fn backoff_secs(id: &[u8; 16], attempts: u32) -> i64 {
    let exp = attempts.saturating_sub(1).min(20);
    let base = FIRST_RETRY_SECS
        .saturating_mul(1_i64 << exp)
        .min(MAX_RETRY_SECS);
    let quarter = base / 4;
    let jitter = if quarter > 0 {
        (spread(id, attempts) % (quarter as u64 + 1)) as i64
    } else {
        0
    };
    base + jitter
}

/// What happens to a job whose try failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// Try again this many seconds from now.
    RetryIn(i64),
    /// The tries are used up: dead-letter it, for an administrator to see.
    Dead,
}

/// After the `attempts`-th try (counting this one) failed, with `max_attempts` allowed.
pub fn after_failure(id: &[u8; 16], attempts: u32, max_attempts: u32) -> AfterFailure {
    if attempts >= max_attempts.max(1) {
        AfterFailure::Dead
    } else {
        AfterFailure::RetryIn(backoff_secs(id, attempts))
    }
}

/// How many daily slots there are: one a minute.
pub const SLOTS: u32 = 1_440;

/// The minute of the UTC day at which the once-a-day work for someone falls (the
/// disengagement sweep), taken from their id: spread evenly over the day, the same on every
/// server and after every restart.
pub fn daily_slot(id: &[u8; 16]) -> u32 {
    u32::try_from(spread(id, 0) % u64::from(SLOTS)).unwrap_or(0)
}

/// Whether minute `slot` of a UTC day came in `(since, now]`. A window of a day or more
/// holds every slot.
pub fn slot_came(slot: u32, since: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    if now - since >= Duration::days(1) {
        return true;
    }
    let midnight = now - Duration::seconds(i64::from(now.num_seconds_from_midnight()));
    let mut at = midnight + Duration::minutes(i64::from(slot));
    if at > now {
        at -= Duration::days(1);
    }
    at > since
}

/// The slots that came in `(since, now]` — exactly those for which [`slot_came`] holds — as
/// at most two ranges of minutes (two when the window crosses midnight UTC), so that a store
/// can read just them on an index; a window of a day or more is the whole day, and an empty
/// or backward one no slot.
pub fn slots_came(since: DateTime<Utc>, now: DateTime<Utc>) -> Vec<RangeInclusive<u32>> {
    const DAY: i64 = 86_400;
    let window = now - since;
    if window >= Duration::days(1) {
        return vec![0..=SLOTS - 1];
    }
    if window <= Duration::zero() {
        return Vec::new();
    }
    // A slot's last instant is `ago` whole seconds before `now` (the fraction of a second is
    // the same in both), and it came when `ago` is shorter than the window: `ago < ceil(window)`.
    let whole = window.num_seconds();
    let window = if window > Duration::seconds(whole) {
        whole + 1
    } else {
        whole
    };
    let into_day = i64::from(now.num_seconds_from_midnight());
    let last_today = into_day.div_euclid(60);
    // Today's slots (`ago` = into_day - 60 s), then yesterday's (`ago` = into_day + DAY - 60 s).
    let first_today = if into_day < window {
        0
    } else {
        (into_day - window).div_euclid(60) + 1
    };
    let first_yesterday = ((into_day + DAY - window).div_euclid(60) + 1).max(last_today + 1);
    [
        (first_today, last_today),
        (first_yesterday, i64::from(SLOTS) - 1),
    ]
    .into_iter()
    .filter(|(first, last)| first <= last)
    .filter_map(|(first, last)| Some(u32::try_from(first).ok()?..=u32::try_from(last).ok()?))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_state_reads_back_from_its_word() {
        for s in JobState::ALL {
            assert_eq!(JobState::parse(s.as_str()), Some(*s));
            assert!(!(s.is_waiting() && s.is_final()));
        }
    }

    #[test]
    fn backoff_doubles_from_thirty_seconds_to_an_hour() {
        let id = [7u8; 16];
        let b1 = backoff_secs(&id, 1);
        assert!((30..=37).contains(&b1), "{b1}");
        let b2 = backoff_secs(&id, 2);
        assert!((60..=75).contains(&b2), "{b2}");
        let b20 = backoff_secs(&id, 20);
        assert!((3_600..=4_500).contains(&b20), "{b20}");
    }

    #[test]
    fn the_same_job_waits_the_same_and_two_jobs_differ() {
        let a = [1u8; 16];
        let mut b = [1u8; 16];
        b[15] = 2;
        assert_eq!(backoff_secs(&a, 5), backoff_secs(&a, 5));
        let differ = (1..8).any(|n| backoff_secs(&a, n) != backoff_secs(&b, n));
        assert!(differ);
    }

    #[test]
    fn dead_after_the_last_try() {
        let id = [0u8; 16];
        assert!(matches!(after_failure(&id, 1, 3), AfterFailure::RetryIn(_)));
        assert!(matches!(after_failure(&id, 2, 3), AfterFailure::RetryIn(_)));
        assert_eq!(after_failure(&id, 3, 3), AfterFailure::Dead);
        assert_eq!(after_failure(&id, 1, 0), AfterFailure::Dead);
    }

    #[test]
    fn slots_spread_over_the_day() {
        let mut hours = [0u32; 24];
        for n in 0u32..24_000 {
            let mut id = [0u8; 16];
            id[..4].copy_from_slice(&n.to_le_bytes());
            hours[(daily_slot(&id) / 60) as usize] += 1;
        }
        // 1,000 an hour on average; none far from it.
        assert!(hours.iter().all(|h| (800..1_200).contains(h)), "{hours:?}");
    }

    #[test]
    fn an_hour_across_midnight_is_two_ranges() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        // Slot 30 falls at 00:30:00 itself (taken); slot 1410 at 23:30:00, where the last
        // window ended (not taken again).
        assert_eq!(
            slots_came(at("2026-12-06T23:30:00Z"), at("2026-12-07T00:30:00Z")),
            vec![0..=30, 1_411..=1_439]
        );
        assert_eq!(
            slots_came(at("2026-12-07T09:00:00Z"), at("2026-12-07T10:00:00Z")),
            vec![541..=600]
        );
        assert_eq!(
            slots_came(at("2026-12-07T09:00:30Z"), at("2026-12-07T09:00:59Z")),
            Vec::<RangeInclusive<u32>>::new()
        );
        assert_eq!(
            slots_came(at("2026-12-06T10:00:00Z"), at("2026-12-07T10:00:00Z")),
            vec![0..=1_439]
        );
    }

    proptest! {
        #[test]
        fn backoff_is_bounded_and_never_shrinks_below_the_base(
            id in proptest::array::uniform16(any::<u8>()),
            attempts in 0u32..10_000,
        ) {
            let b = backoff_secs(&id, attempts);
            prop_assert!(b >= FIRST_RETRY_SECS);
            prop_assert!(b <= MAX_RETRY_SECS + MAX_RETRY_SECS / 4);
        }

        #[test]
        fn the_base_never_falls_as_attempts_grow(
            id in proptest::array::uniform16(any::<u8>()),
            attempts in 1u32..60,
        ) {
            // Jitter is at most a quarter, the base doubles: the next wait is never shorter
            // than the base of this one.
            let next = backoff_secs(&id, attempts + 1);
            let base = FIRST_RETRY_SECS.saturating_mul(1_i64 << (attempts - 1).min(20)).min(MAX_RETRY_SECS);
            prop_assert!(next >= base);
        }

        #[test]
        fn back_to_back_windows_take_each_slot_once_a_day(
            id in proptest::array::uniform16(any::<u8>()),
            start in 1_767_225_600i64..1_830_297_600i64,
            steps in proptest::collection::vec(1i64..7_200, 1..60),
        ) {
            let slot = daily_slot(&id);
            prop_assert!(slot < 1_440);
            let mut since = DateTime::from_timestamp(start, 0).unwrap();
            let end = since + Duration::days(1);
            let mut came = 0;
            for s in steps.iter().cycle() {
                // Windows one after another, covering exactly one day.
                let now = (since + Duration::seconds(*s)).min(end);
                came += u32::from(slot_came(slot, since, now));
                since = now;
                if now == end {
                    break;
                }
            }
            prop_assert_eq!(came, 1);
            prop_assert!(slot_came(slot, end - Duration::days(2), end));
        }

        #[test]
        fn the_ranges_hold_exactly_the_slots_that_came(
            now in 1_767_225_600i64..1_830_297_600i64,
            now_nanos in prop_oneof![Just(0u32), 0u32..1_000_000_000],
            window in prop_oneof![
                -120i64..120,
                0i64..90_000,
                (0i64..1_440).prop_map(|m| m * 60),
                Just(86_400i64),
            ],
            window_nanos in prop_oneof![Just(0i64), -999_999_999i64..1_000_000_000],
        ) {
            let now = DateTime::from_timestamp(now, now_nanos).unwrap();
            let since = now - Duration::seconds(window) - Duration::nanoseconds(window_nanos);
            let ranges = slots_came(since, now);
            prop_assert!(ranges.len() <= 2);
            for slot in 0..SLOTS {
                let in_ranges = ranges.iter().any(|r| r.contains(&slot));
                prop_assert_eq!(in_ranges, slot_came(slot, since, now), "slot {}", slot);
            }
        }

        #[test]
        fn a_job_is_dead_exactly_when_its_tries_are_used_up(
            id in proptest::array::uniform16(any::<u8>()),
            attempts in 1u32..50,
            max in 1u32..50,
        ) {
            let dead = after_failure(&id, attempts, max) == AfterFailure::Dead;
            prop_assert_eq!(dead, attempts >= max);
        }
    }
}
