use rapport_core::accounts::check_new_password;
use rapport_store::accounts::{api_tokens, sessions, users};

use super::passwords;
use crate::access;
use crate::audit_log::{Entry, record_and_commit};
use crate::policy::Action;
use crate::{Actor, App, Error, Result, messages};

/// Changes one's own password. Every other session and every API token of the account ends.
pub async fn change_password(
    app: &App,
    actor: &Actor,
    current: &str,
    new: &str,
    keep_session_secret: Option<&str>,
) -> Result<()> {
    access::allow(actor, Action::ManageOwnAccount)?;
    let user = users::find(app.db.conn(), app.db.keys(), actor.user_id)
        .await?
        .ok_or(Error::Unauthenticated)?;
    if !passwords::verify(current.to_string(), Some(user.password_hash.clone())).await? {
        return Err(Error::invalid(
            "current_password",
            messages::WRONG_CURRENT_PASSWORD,
        ));
    }
    check_new_password("new_password", new, &user.email)?;
    let hash = passwords::hash(new.to_string()).await?;
    let tx = app.db.write().await?;
    users::set_password(tx.conn(), user.id, &hash, app.now()).await?;
    let keep = keep_session_secret.map(super::hash_secret);
    sessions::delete_for_user(tx.conn(), user.id, keep.as_deref()).await?;
    api_tokens::revoke_for_user(tx.conn(), user.id, app.now()).await?;
    record_and_commit(app, tx, actor, Entry::ok("auth.password_changed")).await?;
    Ok(())
}
