//! Slowing repeated failed sign-ins: wrong passwords per account and per address, wrong
//! authenticator codes per account on their own. The account key is a hash of the e-mail
//! typed, so an address with no account is throttled exactly like one with.
//!
//! Only failures count against an address: thirty people signing in at once from one clinic's
//! address are never refused because of each other. Against an account (its password, and
//! separately its codes) an attempt is reserved *before* it is checked, under a lock, so a
//! burst of parallel guesses gets no more checks than the allowance; a success gives the
//! account a fresh start.
//!
//! Attempts refused while a key is blocked are counted on the entry and written to the audit
//! log as one `auth.throttled` event per block, with the count, once the block has ended.

use chrono::{DateTime, Duration, Utc};
use rapport_store::WriteTx;
use rapport_store::throttle::{self, Entry};
use uuid::Uuid;

use crate::audit_log::{Entry as AuditEntry, record};
use crate::{Actor, App, Error, Result};

/// Wrong passwords allowed in a window (per account, per address) before a growing wait.
pub(crate) const PASSWORD_ALLOWANCE: i32 = 5;
/// Wrong authenticator codes allowed per account in a window before a growing wait.
pub(crate) const CODE_ALLOWANCE: i32 = 10;
const WINDOW_MINUTES: i64 = 15;
const FIRST_BLOCK_SECS: i64 = 30;
const MAX_BLOCK_SECS: i64 = 15 * 60;

/// One throttling key and how many failures it allows.
#[derive(Debug, Clone)]
pub(crate) struct Key {
    pub name: String,
    pub allowance: i32,
}

pub(crate) fn account_key(email: &str) -> Key {
    Key {
        name: format!(
            "account:{}",
            super::hash_secret(&email.trim().to_lowercase())
        ),
        allowance: PASSWORD_ALLOWANCE,
    }
}

pub(crate) fn address_key(address: &str) -> Key {
    Key {
        name: format!("address:{address}"),
        allowance: PASSWORD_ALLOWANCE,
    }
}

/// Wrong authenticator codes of one account, counted apart from its passwords.
pub(crate) fn code_key(user_id: Uuid) -> Key {
    Key {
        name: format!("code:{user_id}"),
        allowance: CODE_ALLOWANCE,
    }
}

/// One more failure in the entry's window, blocking once past the allowance.
fn counted(e: Entry, now: DateTime<Utc>, allowance: i32) -> Entry {
    let fresh_window = now - e.window_started_at >= Duration::minutes(WINDOW_MINUTES);
    let failures = if fresh_window { 1 } else { e.failures + 1 };
    let blocked_until = (failures >= allowance).then(|| {
        let doublings = (failures - allowance).min(10) as u32;
        now + Duration::seconds((FIRST_BLOCK_SECS << doublings).min(MAX_BLOCK_SECS))
    });
    // The window restarts while a block runs, so a patient guesser stays slowed.
    let window_started_at = if fresh_window || blocked_until.is_some() {
        now
    } else {
        e.window_started_at
    };
    Entry {
        failures,
        window_started_at,
        blocked_until,
        ..e
    }
}

fn wait_of(e: &Entry, now: DateTime<Utc>) -> Option<i64> {
    e.blocked_until
        .filter(|until| *until > now)
        .map(|until| (until - now).num_seconds() + 1)
}

fn kind_of(key: &str) -> &str {
    key.split(':').next().unwrap_or("key")
}

/// Writes the tally of a block that has ended to the audit log, and clears it.
async fn tally(
    app: &App,
    tx: &WriteTx,
    e: &mut Entry,
    actor: Option<&Actor>,
    address: Option<&str>,
) -> Result<()> {
    if e.refused == 0 {
        return Ok(());
    }
    let mut entry = AuditEntry::ok("auth.throttled").outcome("refused");
    entry.detail = Some(format!(
        "{} attempts refused while the {} was held back",
        e.refused,
        kind_of(&e.key)
    ));
    record(app, tx, actor, address, entry).await?;
    e.refused = 0;
    Ok(())
}

/// How an attempt may go on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Admission {
    /// Not held back.
    Open,
    /// Only `bypassable` is held back: the attempt may go on if the person proves themselves
    /// some other way (staff: their authenticator code); otherwise wait this long.
    OnlyWithProof { retry_after_secs: u64 },
}

/// Refuses while any key is blocked (counting the refusal on it); otherwise reserves this
/// attempt against the `reserved` keys. `watched` keys are only looked at: their failures are
/// counted afterwards, by `attempt_failed`. A block on `bypassable` alone (one of `reserved`)
/// admits the attempt as `OnlyWithProof`, with nothing reserved.
pub(crate) async fn begin_attempt(
    app: &App,
    reserved: &[Key],
    watched: &[Key],
    bypassable: Option<&Key>,
    actor: Option<&Actor>,
    address: Option<&str>,
) -> Result<Admission> {
    let now = app.now();
    let tx = app.db.write().await?;
    let mut entries = Vec::with_capacity(reserved.len() + watched.len());
    for key in reserved.iter().chain(watched) {
        let mut e = throttle::lock(&tx, &key.name, now).await?;
        if wait_of(&e, now).is_none() && e.refused > 0 {
            tally(app, &tx, &mut e, actor, address).await?;
            throttle::update(tx.conn(), e.clone()).await?;
        }
        entries.push((key, e));
    }
    let blocking: Vec<(i64, bool)> = entries
        .iter()
        .filter_map(|(k, e)| {
            let by_pass = bypassable.is_some_and(|b| b.name == k.name);
            wait_of(e, now).map(|w| (w, by_pass))
        })
        .collect();
    if let Some(secs) = blocking.iter().map(|(w, _)| *w).max() {
        let only_bypassable = blocking.iter().all(|(_, b)| *b);
        if only_bypassable {
            tx.commit().await?;
            return Ok(Admission::OnlyWithProof {
                retry_after_secs: secs.max(1) as u64,
            });
        }
        for (_, mut e) in entries {
            if wait_of(&e, now).is_some() {
                e.refused += 1;
                throttle::update(tx.conn(), e).await?;
            }
        }
        tx.commit().await?;
        return Err(Error::Throttled {
            retry_after_secs: secs.max(1) as u64,
        });
    }
    for (key, e) in entries.into_iter().take(reserved.len()) {
        throttle::update(tx.conn(), counted(e, now, key.allowance)).await?;
    }
    tx.commit().await?;
    Ok(Admission::Open)
}

/// Counts a failure against each of `keys` (the watched ones, checked after the attempt).
pub(crate) async fn attempt_failed(tx: &WriteTx, keys: &[Key], now: DateTime<Utc>) -> Result<()> {
    for key in keys {
        let e = throttle::lock(tx, &key.name, now).await?;
        throttle::update(tx.conn(), counted(e, now, key.allowance)).await?;
    }
    Ok(())
}

/// The attempt succeeded: the reserved keys (the account's) start afresh.
pub(crate) async fn attempt_succeeded(
    tx: &WriteTx,
    reserved: &[Key],
    now: DateTime<Utc>,
) -> Result<()> {
    for key in reserved {
        let mut e = throttle::lock(tx, &key.name, now).await?;
        (e.failures, e.blocked_until) = (0, None);
        throttle::update(tx.conn(), e).await?;
    }
    Ok(())
}

/// Writes the tallies of blocks that ended with nobody trying again (housekeeping).
pub(crate) async fn tally_ended(app: &App, tx: &WriteTx, now: DateTime<Utc>) -> Result<()> {
    for mut e in throttle::untallied(tx.conn(), now).await? {
        let address = e.key.strip_prefix("address:").map(str::to_string);
        tally(app, tx, &mut e, None, address.as_deref()).await?;
        throttle::update(tx.conn(), e).await?;
    }
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
            refused: 0,
        }
    }

    #[test]
    fn blocks_from_the_fifth_failure_with_a_doubling_wait() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let mut e = entry(0, now);
        for _ in 0..4 {
            e = counted(e, now, PASSWORD_ALLOWANCE);
            assert_eq!(e.blocked_until, None);
        }
        e = counted(e, now, PASSWORD_ALLOWANCE);
        assert_eq!(e.blocked_until, Some(now + Duration::seconds(30)));
        e = counted(e, now, PASSWORD_ALLOWANCE);
        assert_eq!(e.blocked_until, Some(now + Duration::seconds(60)));
        for _ in 0..20 {
            e = counted(e, now, PASSWORD_ALLOWANCE);
        }
        assert_eq!(
            e.blocked_until,
            Some(now + Duration::seconds(MAX_BLOCK_SECS))
        );
    }

    #[test]
    fn codes_are_allowed_ten_failures() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let mut e = entry(0, now);
        for _ in 0..9 {
            e = counted(e, now, CODE_ALLOWANCE);
            assert_eq!(e.blocked_until, None);
        }
        e = counted(e, now, CODE_ALLOWANCE);
        assert_eq!(e.blocked_until, Some(now + Duration::seconds(30)));
    }

    #[test]
    fn a_new_window_starts_the_count_again() {
        let start = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let e = counted(entry(4, start), start + Duration::minutes(16), 5);
        assert_eq!((e.failures, e.blocked_until), (1, None));
    }
}
