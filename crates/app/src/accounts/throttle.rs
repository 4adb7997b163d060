//! Slowing repeated failed sign-ins, per account and per address. The account key is a hash
//! of the e-mail typed, so an address with no account is throttled exactly like one with.

use chrono::{DateTime, Duration, Utc};
use rapport_store::ConnectionTrait;
use rapport_store::throttle::{self, Entry};

use crate::{Error, Result};

/// Failures allowed in a window before each further one adds a growing wait.
const FREE_FAILURES: i32 = 5;
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

/// Refuses while any of the keys is blocked.
pub(crate) async fn check(
    c: &impl ConnectionTrait,
    keys: &[String],
    now: DateTime<Utc>,
) -> Result<()> {
    let mut wait = 0i64;
    for key in keys {
        if let Some(Entry {
            blocked_until: Some(until),
            ..
        }) = throttle::get(c, key).await?
            && until > now
        {
            wait = wait.max((until - now).num_seconds() + 1);
        }
    }
    if wait > 0 {
        return Err(Error::Throttled {
            retry_after_secs: wait as u64,
        });
    }
    Ok(())
}

/// Counts a failure against each key and blocks those past the free allowance.
pub(crate) async fn fail(
    c: &impl ConnectionTrait,
    keys: &[String],
    now: DateTime<Utc>,
) -> Result<()> {
    for key in keys {
        let entry = match throttle::get(c, key).await? {
            Some(e) if now - e.window_started_at < Duration::minutes(WINDOW_MINUTES) => e,
            _ => Entry {
                key: key.clone(),
                failures: 0,
                window_started_at: now,
                blocked_until: None,
            },
        };
        let failures = entry.failures + 1;
        let blocked_until = (failures >= FREE_FAILURES).then(|| {
            let doublings = (failures - FREE_FAILURES).min(10) as u32;
            let secs = (FIRST_BLOCK_SECS << doublings).min(MAX_BLOCK_SECS);
            now + Duration::seconds(secs)
        });
        // The window restarts while a block runs, so a patient attacker stays slowed.
        let window_started_at = if blocked_until.is_some() {
            now
        } else {
            entry.window_started_at
        };
        throttle::put(
            c,
            Entry {
                key: key.clone(),
                failures,
                window_started_at,
                blocked_until,
            },
        )
        .await?;
    }
    Ok(())
}

pub(crate) async fn clear(c: &impl ConnectionTrait, key: &str) -> Result<()> {
    throttle::clear(c, key).await?;
    Ok(())
}
