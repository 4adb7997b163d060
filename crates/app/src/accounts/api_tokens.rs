//! Bearer tokens for the JSON API: stored hashed, scoped, expiring, revocable.

use chrono::Duration;
use rapport_core::accounts::Role;
use rapport_store::accounts::api_tokens::{self, ApiToken};
use rapport_store::accounts::users::{self, User};

use super::actor_of;
use super::sign_in::{Verified, checked_code, verified_user};
use crate::audit_log::{Entry, record, record_and_commit};
use crate::{Actor, App, Error, Result};

/// What a token may be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenScope {
    Full,
    /// Good only for enrolling a second factor (staff who have not yet).
    TotpEnrolment,
}

impl TokenScope {
    fn as_str(self) -> &'static str {
        match self {
            TokenScope::Full => "full",
            TokenScope::TotpEnrolment => "totp_enrolment",
        }
    }
}

#[derive(Debug)]
pub struct ApiLogin {
    pub token: String,
    pub actor: Actor,
    pub email: String,
    pub totp_enrolment_required: bool,
}

/// Signs in for the API. Staff with a second factor must send the current code; staff
/// without one get a token good only for enrolment.
pub async fn api_login(
    app: &App,
    email: &str,
    password: &str,
    code: Option<&str>,
    address: &str,
) -> Result<ApiLogin> {
    let Verified { user, code_checked } =
        verified_user(app, email, password, code, address).await?;
    let role = Role::parse(&user.role).unwrap_or(Role::Client);
    let actor = actor_of(&user, Some(address))?;
    let scope = match (role.requires_totp(), user.totp_enrolled_at.is_some()) {
        (false, _) => TokenScope::Full,
        (true, false) => TokenScope::TotpEnrolment,
        (true, true) if code_checked => TokenScope::Full,
        (true, true) => {
            // A missing code is a wrong one: counted and recorded like any other.
            if !checked_code(app, &user, code.unwrap_or(""), address).await? {
                return Err(Error::BadCredentials);
            }
            TokenScope::Full
        }
    };
    let tx = app.db.write().await?;
    let token = issue(app, &tx, &user, scope).await?;
    record(
        app,
        &tx,
        Some(&actor),
        None,
        Entry::ok("auth.sign_in").resource("api"),
    )
    .await?;
    tx.commit().await?;
    Ok(ApiLogin {
        token,
        actor,
        email: user.email,
        totp_enrolment_required: scope == TokenScope::TotpEnrolment,
    })
}

pub(crate) async fn issue(
    app: &App,
    tx: &rapport_store::WriteTx,
    user: &User,
    scope: TokenScope,
) -> Result<String> {
    let now = app.now();
    let lifetime = match scope {
        TokenScope::Full => Duration::days(app.config.api_token_days as i64),
        TokenScope::TotpEnrolment => Duration::minutes(15),
    };
    let (secret, hash) = super::new_secret();
    api_tokens::insert(
        tx.conn(),
        ApiToken {
            id: app.new_id(),
            user_id: user.id,
            token_hash: hash,
            scope: scope.as_str().to_string(),
            created_at: now,
            expires_at: now + lifetime,
            last_used_at: None,
            revoked_at: None,
        },
    )
    .await?;
    Ok(secret)
}

/// The actor a bearer token stands for, if it is live: not revoked, not expired, not idle,
/// and its account not disabled.
pub async fn resolve_bearer(
    app: &App,
    token: &str,
    address: Option<&str>,
) -> Result<Option<(Actor, TokenScope)>> {
    let found =
        api_tokens::find_with_user(app.db.conn(), app.db.keys(), &super::hash_secret(token))
            .await?;
    let Some((t, user)) = found else {
        return Ok(None);
    };
    let now = app.now();
    if t.revoked_at.is_some() || t.expires_at <= now {
        return Ok(None);
    }
    let Some(user) = user else {
        return Ok(None);
    };
    if user.disabled_at.is_some() {
        return Ok(None);
    }
    // Idle like a browser session: staff after 30 minutes, clients after the client setting.
    let role = Role::parse(&user.role).unwrap_or(Role::Client);
    let unused_for = now - t.last_used_at.unwrap_or(t.created_at);
    // The setting is kept within its bounds, so a token used more recently than the shortest
    // time-out it allows is live whatever it says: no need to read it.
    let shortest = crate::settings::IDLE_BOUNDS
        .0
        .min(app.config.client_idle_minutes);
    let client_idle = match role {
        Role::Client | Role::Family if unused_for >= Duration::minutes(i64::from(shortest)) => {
            crate::settings::client_idle_minutes(app).await?
        }
        _ => app.config.client_idle_minutes,
    };
    let idle = Duration::minutes(role.idle_timeout_minutes(client_idle) as i64);
    if unused_for >= idle {
        return Ok(None);
    }
    let scope = if t.scope == "full" {
        TokenScope::Full
    } else {
        TokenScope::TotpEnrolment
    };
    // Sliding the idle window costs a write; once a minute is precise enough.
    if t.last_used_at
        .is_none_or(|at| now - at > Duration::seconds(60))
    {
        let tx = app.db.write().await?;
        api_tokens::mark_used(tx.conn(), t.id, now).await?;
        tx.commit().await?;
    }
    Ok(Some((actor_of(&user, address)?, scope)))
}

/// Revokes the token used for this request.
pub async fn api_logout(app: &App, token: &str, actor: &Actor) -> Result<()> {
    let tx = app.db.write().await?;
    if let Some(t) = api_tokens::find_by_hash(tx.conn(), &super::hash_secret(token)).await? {
        api_tokens::revoke(tx.conn(), t.id, app.now()).await?;
    }
    record_and_commit(app, tx, actor, Entry::ok("auth.sign_out").resource("api")).await?;
    Ok(())
}

/// After an API enrolment is confirmed: the enrolment token is revoked and a full one issued.
/// Refused unless the account has really enrolled its second factor.
pub async fn upgrade_after_enrolment(app: &App, old_token: &str, actor: &Actor) -> Result<String> {
    let tx = app.db.write().await?;
    let user = users::find(tx.conn(), tx.keys(), actor.user_id)
        .await?
        .ok_or(Error::Unauthenticated)?;
    let role = Role::parse(&user.role).unwrap_or(Role::Client);
    if role.requires_totp() && user.totp_enrolled_at.is_none() {
        return Err(Error::SecondFactorRequired);
    }
    if let Some(t) = api_tokens::find_by_hash(tx.conn(), &super::hash_secret(old_token)).await?
        && t.user_id == user.id
    {
        api_tokens::revoke(tx.conn(), t.id, app.now()).await?;
    }
    let token = issue(app, &tx, &user, TokenScope::Full).await?;
    tx.commit().await?;
    Ok(token)
}
