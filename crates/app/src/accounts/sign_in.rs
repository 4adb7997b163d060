//! Signing in: the password step, then the authenticator code (or its enrolment) for staff.

use rapport_core::accounts::Role;
use rapport_store::accounts::{sessions, users};

use super::sessions::{Current, Stage, start};
use super::throttle::{self, Admission};
use super::{actor_of, passwords, totp};
use crate::audit_log::{Entry, record, record_and_commit};
use crate::{Actor, App, Error, Result, messages};

/// Where the password step leaves a person, with the secret for their new session cookie.
#[derive(Debug)]
pub struct SignInStep {
    pub session_secret: String,
    pub stage: Stage,
    pub actor: Actor,
}

/// Checks e-mail and password. Every failure looks the same to the caller; failures are
/// counted per account and per address, and past the allowance sign-in waits.
pub async fn check_password(
    app: &App,
    email: &str,
    password: &str,
    address: &str,
) -> Result<SignInStep> {
    check_password_with_code(app, email, password, None, address).await
}

/// `check_password`, with the authenticator code of staff sent along: while staff's account
/// is held back after wrong passwords, the right password *and* the right code still sign
/// them in (fully, with no second step), so a guesser cannot lock them out.
pub async fn check_password_with_code(
    app: &App,
    email: &str,
    password: &str,
    code: Option<&str>,
    address: &str,
) -> Result<SignInStep> {
    let Verified { user, code_checked } =
        verified_user(app, email, password, code, address).await?;
    let role = Role::parse(&user.role).unwrap_or(Role::Client);
    let stage = match (role.requires_totp(), user.totp_enrolled_at.is_some()) {
        (false, _) => Stage::Full,
        (true, true) if code_checked => Stage::Full,
        (true, true) => Stage::SecondFactor,
        (true, false) => Stage::Enrolment,
    };
    let actor = actor_of(&user, Some(address))?;
    let tx = app.db.write().await?;
    let session_secret = start(app, &tx, &user, stage).await?;
    let action = if stage == Stage::Full {
        "auth.sign_in"
    } else {
        "auth.password_ok"
    };
    record(app, &tx, Some(&actor), None, Entry::ok(action)).await?;
    tx.commit().await?;
    Ok(SignInStep {
        session_secret,
        stage,
        actor,
    })
}

/// A person whose password was right, and whether their authenticator code was checked too
/// (it is, when they signed in past a block on their account).
pub(crate) struct Verified {
    pub user: users::User,
    pub code_checked: bool,
}

/// The password check shared by the pages and the API, with throttling and auditing.
pub(crate) async fn verified_user(
    app: &App,
    email: &str,
    password: &str,
    code: Option<&str>,
    address: &str,
) -> Result<Verified> {
    let normalised = email.trim().to_lowercase();
    let user = users::find_by_email(app.db.conn(), app.db.keys(), &normalised).await?;
    let actor = user
        .as_ref()
        .map(|u| actor_of(u, Some(address)))
        .transpose()?;
    let account = throttle::account_key(email);
    let from = throttle::address_key(address);
    // Staff who send their code may pass a block on their account's passwords.
    let provable = user.as_ref().is_some_and(|u| {
        Role::parse(&u.role).is_some_and(|r| r.requires_totp())
            && u.totp_enrolled_at.is_some()
            && u.disabled_at.is_none()
    }) && code.is_some();
    let admission = throttle::begin_attempt(
        app,
        std::slice::from_ref(&account),
        std::slice::from_ref(&from),
        provable.then_some(&account),
        actor.as_ref(),
        Some(address),
    )
    .await?;
    let mut code_checked = false;
    let reserved: &[throttle::Key] = match admission {
        Admission::Open => std::slice::from_ref(&account),
        Admission::OnlyWithProof { retry_after_secs } => {
            // The code first (itself throttled per account): without it no password is
            // checked while the account is held back.
            let (Some(u), Some(code)) = (user.as_ref(), code) else {
                return Err(Error::Throttled { retry_after_secs });
            };
            if !checked_code(app, u, code, address).await? {
                return Err(Error::BadCredentials);
            }
            code_checked = true;
            &[]
        }
    };
    let ok = passwords::verify(
        password.to_string(),
        user.as_ref().map(|u| u.password_hash.clone()),
    )
    .await?;
    let tx = app.db.write().await?;
    match user {
        Some(u) if ok && u.disabled_at.is_none() => {
            throttle::attempt_succeeded(&tx, reserved, app.now()).await?;
            tx.commit().await?;
            Ok(Verified {
                user: u,
                code_checked,
            })
        }
        _ => {
            throttle::attempt_failed(&tx, std::slice::from_ref(&from), app.now()).await?;
            record(
                app,
                &tx,
                actor.as_ref(),
                Some(address),
                Entry::ok("auth.sign_in").outcome("failed"),
            )
            .await?;
            tx.commit().await?;
            Err(Error::BadCredentials)
        }
    }
}

/// Checks an authenticator code as one throttled attempt, counted against the account's
/// codes (apart from its passwords). The code's time step is recorded in `tx`, so a code is
/// good once even when sent twice at the same moment.
pub(crate) async fn checked_code(
    app: &App,
    user: &users::User,
    code: &str,
    address: &str,
) -> Result<bool> {
    let key = throttle::code_key(user.id);
    let actor = actor_of(user, Some(address))?;
    throttle::begin_attempt(
        app,
        std::slice::from_ref(&key),
        &[],
        None,
        Some(&actor),
        Some(address),
    )
    .await?;
    let secret = user
        .totp_secret
        .as_deref()
        .ok_or(Error::SecondFactorRequired)?;
    let tx = app.db.write().await?;
    let good = match totp::check(secret, code, app.now(), user.totp_last_step)? {
        Some(step) => users::advance_totp_step(tx.conn(), user.id, step).await?,
        None => false,
    };
    if good {
        throttle::attempt_succeeded(&tx, std::slice::from_ref(&key), app.now()).await?;
    } else {
        record(
            app,
            &tx,
            Some(&actor),
            None,
            Entry::ok("auth.second_factor").outcome("failed"),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(good)
}

/// The authenticator code after a right password. On success the session is replaced by a
/// new, fully signed-in one.
pub async fn second_factor(
    app: &App,
    old_secret: &str,
    current: &Current,
    code: &str,
) -> Result<String> {
    if current.stage != Stage::SecondFactor {
        return Err(Error::Unauthenticated);
    }
    let actor = &current.actor;
    let address = actor.address.clone().unwrap_or_default();
    let user = users::find(app.db.conn(), app.db.keys(), actor.user_id)
        .await?
        .ok_or(Error::Unauthenticated)?;
    if !checked_code(app, &user, code, &address).await? {
        return Err(Error::invalid("code", messages::TOTP_WRONG));
    }
    let tx = app.db.write().await?;
    sessions::delete(tx.conn(), &super::hash_secret(old_secret)).await?;
    let fresh = start(app, &tx, &user, Stage::Full).await?;
    record_and_commit(app, tx, actor, Entry::ok("auth.sign_in")).await?;
    Ok(fresh)
}

/// What an authenticator app needs to add the account.
#[derive(Debug, Clone)]
pub struct TotpEnrolment {
    pub secret: String,
    pub otpauth_uri: String,
}

/// Starts (or, on a reload, continues) enrolment of an authenticator app.
pub async fn start_totp_enrolment(app: &App, actor: &Actor) -> Result<TotpEnrolment> {
    let user = users::find(app.db.conn(), app.db.keys(), actor.user_id)
        .await?
        .ok_or(Error::Unauthenticated)?;
    if user.totp_enrolled_at.is_some() {
        return Err(Error::Conflict(
            "Two-step sign-in is already on for this account.".into(),
        ));
    }
    let secret = match user.totp_secret {
        Some(s) => s,
        None => {
            let s = totp::new_secret();
            let tx = app.db.write().await?;
            users::set_pending_totp(tx.conn(), tx.keys(), user.id, &s).await?;
            tx.commit().await?;
            s
        }
    };
    let otpauth_uri = totp::uri(&secret, &app.config.totp_issuer, &user.email)?;
    Ok(TotpEnrolment {
        secret,
        otpauth_uri,
    })
}

/// Confirms enrolment with a first code. The browser session, if any, is replaced by a new
/// fully signed-in one whose secret is returned.
pub async fn confirm_totp_enrolment(
    app: &App,
    actor: &Actor,
    code: &str,
    old_session_secret: Option<&str>,
) -> Result<Option<String>> {
    let user = users::find(app.db.conn(), app.db.keys(), actor.user_id)
        .await?
        .ok_or(Error::Unauthenticated)?;
    if user.totp_enrolled_at.is_some() {
        return Err(Error::Conflict(
            "Two-step sign-in is already on for this account.".into(),
        ));
    }
    let secret = user
        .totp_secret
        .as_deref()
        .ok_or_else(|| Error::invalid("code", messages::TOTP_WRONG))?;
    let Some(step) = totp::check(secret, code, app.now(), 0)? else {
        return Err(Error::invalid("code", messages::TOTP_WRONG));
    };
    let tx = app.db.write().await?;
    users::confirm_totp(tx.conn(), user.id, app.now(), step).await?;
    record(app, &tx, Some(actor), None, Entry::ok("auth.totp_enrolled")).await?;
    let fresh = match old_session_secret {
        Some(old) => {
            sessions::delete(tx.conn(), &super::hash_secret(old)).await?;
            let mut enrolled = user.clone();
            enrolled.totp_enrolled_at = Some(app.now());
            Some(start(app, &tx, &enrolled, Stage::Full).await?)
        }
        None => None,
    };
    tx.commit().await?;
    Ok(fresh)
}
