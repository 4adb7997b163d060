//! Taking access away: disabling an account (and enabling it again). A disabled account's
//! sessions end, its API tokens are revoked, and every check of a session or token refuses it
//! from the next request on; its calendar feeds answer nothing.

use rapport_store::accounts::{api_tokens, sessions, users};
use uuid::Uuid;

use crate::audit_log::{Entry, record};
use crate::policy::Action;
use crate::{Actor, App, Error, Result, messages};

const MAX_REASON: usize = 500;

fn reason_of(reason: &str) -> Result<String> {
    let r = reason.trim();
    if r.is_empty() {
        return Err(Error::invalid("reason", messages::DISABLE_REASON_NEEDED));
    }
    if r.chars().count() > MAX_REASON {
        return Err(Error::invalid("reason", messages::REASON_TOO_LONG));
    }
    Ok(r.to_string())
}

/// Disables an account at once, with the reason in the audit log (administrators).
pub async fn disable_account(app: &App, actor: &Actor, user_id: Uuid, reason: &str) -> Result<()> {
    crate::access::allow(actor, Action::ManageAccounts)?;
    let reason = reason_of(reason)?;
    if user_id == actor.user_id {
        return Err(Error::invalid("user_id", messages::CANNOT_DISABLE_SELF));
    }
    let now = app.now();
    let tx = app.db.write().await?;
    if users::find(tx.conn(), tx.keys(), user_id).await?.is_none() {
        return Err(Error::NotFound);
    }
    users::set_disabled(tx.conn(), user_id, Some(now)).await?;
    sessions::delete_for_user(tx.conn(), user_id, None).await?;
    api_tokens::revoke_for_user(tx.conn(), user_id, now).await?;
    let mut e = Entry::ok("account.disabled").resource(format!("user:{user_id}"));
    e.detail = Some(reason);
    record(app, &tx, Some(actor), None, e).await?;
    tx.commit().await?;
    // A disabled clinician leaves the directory at once.
    app.directory.changed();
    Ok(())
}

/// Enables a disabled account again (administrators); the person signs in afresh.
pub async fn enable_account(
    app: &App,
    actor: &Actor,
    user_id: Uuid,
    reason: Option<&str>,
) -> Result<()> {
    crate::access::allow(actor, Action::ManageAccounts)?;
    let reason = match reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => Some(reason_of(r)?),
        None => None,
    };
    let tx = app.db.write().await?;
    if users::find(tx.conn(), tx.keys(), user_id).await?.is_none() {
        return Err(Error::NotFound);
    }
    users::set_disabled(tx.conn(), user_id, None).await?;
    let mut e = Entry::ok("account.enabled").resource(format!("user:{user_id}"));
    e.detail = reason;
    record(app, &tx, Some(actor), None, e).await?;
    tx.commit().await?;
    app.directory.changed();
    Ok(())
}
