//! A client creates their own account.

use rapport_core::accounts::{Email, PersonName, Role, check_new_password};
use rapport_store::accounts::{profiles, users};
use rapport_store::consents::{self, Consent};

use super::sessions::{Stage, start};
use super::{actor_of, passwords};
use crate::audit_log::{Entry, record};
use crate::{Actor, App, Error, Result, messages};

/// The version of the consent text a client agrees to at sign-up (shown on the page).
pub const DATA_CONSENT_VERSION: &str = "2026-11-data-processing-v1";

pub struct NewClient<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub password: &'a str,
    pub timezone: Option<&'a str>,
}

/// Every problem with a sign-up form, so a page can show them all at once.
pub fn validate(new: &NewClient<'_>) -> Vec<rapport_core::Error> {
    let mut errors = Vec::new();
    if let Err(e) = PersonName::parse(new.name) {
        errors.push(e);
    }
    if let Err(e) = Email::parse(new.email) {
        errors.push(e);
    }
    if let Err(e) = check_new_password("password", new.password, new.email) {
        errors.push(e);
    }
    errors
}

/// Creates a client account, records their consent to processing of their health data,
/// and signs them in. Every field is checked before anything is stored.
pub async fn sign_up(app: &App, new: NewClient<'_>, address: &str) -> Result<(Actor, String)> {
    let mut errors = validate(&new);
    if !errors.is_empty() {
        let e = errors.remove(0);
        return Err(Error::Invalid {
            field: e.field,
            message: e.message,
        });
    }
    let (Ok(name), Ok(email)) = (PersonName::parse(new.name), Email::parse(new.email)) else {
        return Err(Error::invalid(
            "email",
            "Check your name and e-mail address.",
        ));
    };
    let hash = passwords::hash(new.password.to_string()).await?;
    let id = app.new_id();
    let now = app.now();
    let tx = app.db.write().await?;
    users::insert(
        tx.conn(),
        tx.keys(),
        users::NewUser {
            id,
            email: email.as_str(),
            name: name.as_str(),
            role: Role::Client.as_str(),
            password_hash: &hash,
            timezone: new.timezone.unwrap_or("UTC"),
            now,
        },
    )
    .await
    .map_err(|e| match e {
        rapport_store::Error::Conflict(_) => Error::invalid("email", messages::EMAIL_TAKEN),
        other => other.into(),
    })?;
    profiles::insert_client(
        tx.conn(),
        tx.keys(),
        &profiles::ClientProfile {
            user_id: id,
            date_of_birth: None,
            emergency_contact: None,
        },
        now,
    )
    .await?;
    consents::grant(
        tx.conn(),
        Consent {
            id: app.new_id(),
            client_id: id,
            kind: "data_processing".into(),
            grantee_id: None,
            scope: None,
            text_version: DATA_CONSENT_VERSION.into(),
            granted_at: now,
            revoked_at: None,
        },
    )
    .await?;
    let user = users::find(tx.conn(), tx.keys(), id)
        .await?
        .ok_or(Error::NotFound)?;
    let actor = actor_of(&user, Some(address))?;
    let secret = start(app, &tx, &user, Stage::Full).await?;
    record(
        app,
        &tx,
        Some(&actor),
        None,
        Entry::ok("account.created").client(id),
    )
    .await?;
    tx.commit().await?;
    Ok((actor, secret))
}
