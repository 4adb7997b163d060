//! Server-side browser sessions. The cookie holds a random secret; the database holds its
//! hash, the stage of sign-in reached, and the idle and absolute limits.

use chrono::Duration;
use rapport_core::accounts::Role;
use rapport_store::WriteTx;
use rapport_store::accounts::sessions::{self, Session};
use rapport_store::accounts::users::User;

use crate::{Actor, App, Result};

/// How far sign-in has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Signed in.
    Full,
    /// Password right; the authenticator code is still to come.
    SecondFactor,
    /// Password right; a second factor must be enrolled before anything else.
    Enrolment,
}

impl Stage {
    fn as_str(self) -> &'static str {
        match self {
            Stage::Full => "full",
            Stage::SecondFactor => "second_factor",
            Stage::Enrolment => "enrolment",
        }
    }

    fn parse(s: &str) -> Option<Stage> {
        [Stage::Full, Stage::SecondFactor, Stage::Enrolment]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// The person behind a request's session cookie.
#[derive(Debug, Clone)]
pub struct Current {
    pub actor: Actor,
    pub stage: Stage,
    pub totp_enrolled: bool,
    /// The person's clock: every time a page shows them is on it.
    pub zone: crate::time::Zone,
    /// The language they chose; `None` follows their browser.
    pub language: Option<rapport_core::language::Language>,
}

/// Starts a session (always with a new id: sign-in never reuses one) and returns the
/// secret for the cookie.
pub(crate) async fn start(app: &App, tx: &WriteTx, user: &User, stage: Stage) -> Result<String> {
    let now = app.now();
    let role = Role::parse(&user.role).unwrap_or(Role::Client);
    let idle_minutes =
        role.idle_timeout_minutes(crate::settings::client_idle_minutes_in(app, tx.conn()).await?);
    let (secret, hash) = super::new_secret();
    sessions::insert(
        tx.conn(),
        Session {
            id: hash,
            user_id: user.id,
            stage: stage.as_str().to_string(),
            created_at: now,
            last_seen_at: now,
            idle_timeout_secs: (idle_minutes * 60) as i32,
            expires_at: now + Duration::hours(app.config.session_absolute_hours as i64),
        },
    )
    .await?;
    Ok(secret)
}

/// Who a cookie belongs to, if the session is still alive. Ends sessions that went idle or
/// outlived their absolute limit.
pub async fn resolve_session(
    app: &App,
    secret: &str,
    address: Option<&str>,
) -> Result<Option<Current>> {
    let hash = super::hash_secret(secret);
    let Some((s, user)) = sessions::find_with_user(app.db.conn(), app.db.keys(), &hash).await?
    else {
        return Ok(None);
    };
    let now = app.now();
    let idle_limit = s.last_seen_at + Duration::seconds(s.idle_timeout_secs as i64);
    if now >= s.expires_at || now >= idle_limit {
        let tx = app.db.write().await?;
        sessions::delete(tx.conn(), &hash).await?;
        tx.commit().await?;
        return Ok(None);
    }
    let Some(user) = user else {
        return Ok(None);
    };
    if user.disabled_at.is_some() {
        return Ok(None);
    }
    // Sliding the idle window costs a write; once a minute is precise enough.
    if now - s.last_seen_at > Duration::seconds(60) {
        let tx = app.db.write().await?;
        sessions::touch(tx.conn(), &hash, now).await?;
        tx.commit().await?;
    }
    Ok(Some(Current {
        actor: super::actor_of(&user, address)?,
        stage: Stage::parse(&s.stage).unwrap_or(Stage::SecondFactor),
        totp_enrolled: user.totp_enrolled_at.is_some(),
        zone: crate::time::Zone::new(&user.timezone),
        language: user
            .language
            .as_deref()
            .and_then(rapport_core::language::Language::parse),
    }))
}

/// Signs out: the session is deleted, and the event recorded.
pub async fn end_session(app: &App, secret: &str, actor: Option<&Actor>) -> Result<()> {
    let tx = app.db.write().await?;
    sessions::delete(tx.conn(), &super::hash_secret(secret)).await?;
    if let Some(actor) = actor {
        crate::audit_log::record(
            app,
            &tx,
            Some(actor),
            None,
            crate::audit_log::Entry::ok("auth.sign_out"),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
