//! Accounts: sign-up, sign-in with a second factor for staff, sessions, API tokens,
//! password changes, and accounts made by administrators.

mod api_tokens;
mod change_password;
mod create_user;
mod language;
pub mod passwords;
mod sessions;
mod sign_in;
mod sign_up;
pub(crate) mod throttle;
pub mod totp;

pub use api_tokens::{
    ApiLogin, TokenScope, api_login, api_logout, resolve_bearer, upgrade_after_enrolment,
};
pub use change_password::change_password;
pub use create_user::{NewStaff, create_staff};
pub use language::{own_language, set_language};
pub(crate) use sessions::start as start_session;
pub use sessions::{Current, Stage, end_session, resolve_session};
pub use sign_in::{
    SignInStep, TotpEnrolment, check_password, check_password_with_code, confirm_totp_enrolment,
    second_factor, start_totp_enrolment,
};
pub use sign_up::{DATA_CONSENT_VERSION, NewClient, sign_up, validate as validate_new_client};

use rapport_core::accounts::Role;
use rapport_store::accounts::users::User;

use crate::{Actor, Error, Result};

/// The actor a stored user acts as.
pub(crate) fn actor_of(user: &User, address: Option<&str>) -> Result<Actor> {
    Ok(Actor {
        user_id: user.id,
        role: Role::parse(&user.role).ok_or_else(|| Error::Internal("unknown role".into()))?,
        name: user.name.clone(),
        address: address.map(str::to_string),
    })
}

/// A random secret for a cookie or bearer token, and the hash we store instead of it.
pub(crate) fn new_secret() -> (String, String) {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_secret(&secret);
    (secret, hash)
}

pub(crate) fn hash_secret(secret: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One's own e-mail address (for `GET /api/v1/me`).
pub async fn email_of(app: &crate::App, actor: &Actor) -> Result<String> {
    rapport_store::accounts::users::find(app.db.conn(), app.db.keys(), actor.user_id)
        .await?
        .map(|u| u.email)
        .ok_or(Error::Unauthenticated)
}

/// Deletes browser sessions past their absolute lifetime and forgets old throttling entries.
pub async fn sweep_sessions(app: &crate::App) -> Result<u64> {
    let now = app.now();
    let tx = app.db.write().await?;
    let n = rapport_store::accounts::sessions::delete_expired(tx.conn(), now).await?;
    throttle::tally_ended(app, &tx, now).await?;
    rapport_store::throttle::prune(tx.conn(), now - chrono::Duration::days(1)).await?;
    tx.commit().await?;
    Ok(n)
}
