use rapport_core::accounts::{Approach, Credential, Email, PersonName, Role, check_new_password};
use rapport_store::accounts::{profiles, users};

use super::passwords;
use crate::access;
use crate::audit_log::{Entry, record};
use crate::policy::Action;
use crate::{Actor, App, Error, Result, messages};

/// A clinician or administrator account, made by an administrator.
pub struct NewStaff<'a> {
    pub role: Role,
    pub email: &'a str,
    pub name: &'a str,
    pub password: &'a str,
    /// Clinicians: their licence and the approaches they practise.
    pub credential: Option<Credential>,
    pub approaches: Vec<Approach>,
    pub timezone: Option<&'a str>,
}

/// Creates a staff account. `actor` is the administrator, or `None` for the operator at the
/// command line (who has the machine, and so the database, already).
pub async fn create_staff(
    app: &App,
    actor: Option<&Actor>,
    new: NewStaff<'_>,
) -> Result<users::User> {
    if let Some(actor) = actor {
        access::allow(actor, Action::ManageAccounts)?;
    }
    if !matches!(new.role, Role::Clinician | Role::Admin) {
        return Err(Error::invalid("role", messages::ROLE_NOT_CREATABLE));
    }
    let name = PersonName::parse(new.name)?;
    let email = Email::parse(new.email)?;
    check_new_password("password", new.password, email.as_str())?;
    let hash = passwords::hash(new.password.to_string()).await?;
    let id = app.new_id();
    let tx = app.db.write().await?;
    users::insert(
        tx.conn(),
        tx.keys(),
        users::NewUser {
            id,
            email: email.as_str(),
            name: name.as_str(),
            role: new.role.as_str(),
            password_hash: &hash,
            timezone: new.timezone.unwrap_or("UTC"),
            now: app.now(),
        },
    )
    .await
    .map_err(|e| match e {
        rapport_store::Error::Conflict(_) => Error::invalid("email", messages::EMAIL_TAKEN),
        other => other.into(),
    })?;
    if new.role == Role::Clinician {
        profiles::upsert_clinician(
            tx.conn(),
            &profiles::ClinicianProfile {
                user_id: id,
                credential: new
                    .credential
                    .unwrap_or(Credential::Lpc)
                    .as_str()
                    .to_string(),
                license_number: None,
                license_region: None,
                bio: None,
                accepting_clients: true,
                approaches: new
                    .approaches
                    .iter()
                    .map(|a| a.as_str().to_string())
                    .collect(),
            },
        )
        .await?;
    }
    let mut entry = Entry::ok("account.created").resource(format!("user:{id}"));
    if actor.is_none() {
        entry.detail = Some("command line".into());
    }
    record(app, &tx, actor, None, entry).await?;
    let user = users::find(tx.conn(), tx.keys(), id)
        .await?
        .ok_or(Error::NotFound)?;
    tx.commit().await?;
    Ok(user)
}
