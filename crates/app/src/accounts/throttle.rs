//! Slowing repeated failed sign-ins, per account and per address. The account key is a hash
//! of the e-mail typed, so an address with no account is throttled exactly like one with.
//!
//! An attempt is counted *before* its password or code is checked, under a lock, so a burst
//! of parallel guesses gets no more checks than the allowance; a success gives it back.

use chrono::{DateTime, Duration, Utc};
use rapport_store::WriteTx;
use rapport_store::throttle::{self, Entry};

use crate::{App, Error, Result};

/// Attempts allowed in a window before each further one adds a growing wait.
const FREE_ATTEMPTS: i32 = 5;
const WINDOW_MINUTES: i64 = 15;
const FIRST_BLOCK_SECS: i64 = 30;
const MAX_BLOCK_SECS: i64 = 15 * 60;

pub(crate) fn account_key(email: &str) -> String {
    format!(
        "account:{}",
        super::hash_secret(&email.trim().to_lowercase())
    )
}

pub(crate) fn address_key(address: &str) -> String {
    format!("address:{address}")
}

/// One more attempt in the entry's window, blocking once past the allowance.
fn counted(e: Entry, now: DateTime<Utc>) -> Entry {
    let fresh_window = now - e.window_started_at >= Duration::minutes(WINDOW_MINUTES);
    let failures = if fresh_window { 1 } else { e.failures + 1 };
    let blocked_until = (failures >= FREE_ATTEMPTS).then(|| {
        let doublings = (failures - FREE_ATTEMPTS).min(10) as u32;
        now + Duration::seconds((FIRST_BLOCK_SECS << doublings).min(MAX_BLOCK_SECS))
    });
    // The window restarts while a block runs, so a patient guesser stays slowed.
    let window_started_at = if fresh_window || blocked_until.is_some() {
        now
    } else {
        e.window_started_at
    };
    Entry {
        key: e.key,
        failures,
        window_started_at,
        blocked_until,
    }
}

/// Refuses while any key is blocked; otherwise counts this attempt against every key.
pub(crate) async fn begin_attempt(app: &App, keys: &[String]) -> Result<()> {
    let now = app.now();
    let tx = app.db.write().await?;
    let mut entries = Vec::with_capacity(keys.len());
    for key in keys {
        entries.push(throttle::lock(&tx, key, now).await?);
    }
    let wait = entries
        .iter()
        .filter_map(|e| e.blocked_until)
        .filter(|until| *until > now)
        .map(|until| (until - now).num_seconds() + 1)
        .max();
    if let Some(secs) = wait {
        return Err(Error::Throttled {
            retry_after_secs: secs.max(1) as u64,
        });
    }
    for e in entries {
        throttle::update(tx.conn(), counted(e, now)).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The attempt succeeded: the account starts afresh, and the address gets its attempt back.
pub(crate) async fn attempt_succeeded(
    tx: &WriteTx,
    account: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut e = throttle::lock(tx, account, now).await?;
    (e.failures, e.blocked_until) = (0, None);
    throttle::update(tx.conn(), e).await?;
    let mut e = throttle::lock(tx, address, now).await?;
    e.failures = (e.failures - 1).max(0);
    if e.failures < FREE_ATTEMPTS {
        e.blocked_until = None;
    }
    throttle::update(tx.conn(), e).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn entry(failures: i32, window_started_at: DateTime<Utc>) -> Entry {
        Entry {
            key: "k".into(),
            failures,
            window_started_at,
            blocked_until: None,
        }
    }

    #[test]
    fn blocks_from_the_fifth_attempt_with_a_doubling_wait() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let mut e = entry(0, now);
        for _ in 0..4 {
            e = counted(e, now);
            assert_eq!(e.blocked_until, None);
        }
        e = counted(e, now);
        assert_eq!(e.blocked_until, Some(now + Duration::seconds(30)));
        e = counted(e, now);
        assert_eq!(e.blocked_until, Some(now + Duration::seconds(60)));
        for _ in 0..20 {
            e = counted(e, now);
        }
        assert_eq!(
            e.blocked_until,
            Some(now + Duration::seconds(MAX_BLOCK_SECS))
        );
    }

    #[test]
    fn a_new_window_starts_the_count_again() {
        let start = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let e = counted(entry(4, start), start + Duration::minutes(16));
        assert_eq!((e.failures, e.blocked_until), (1, None));
    }
}
