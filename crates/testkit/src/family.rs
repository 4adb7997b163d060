//! Family members made under the use-cases, for tests of what a scope opens: an account with
//! role `family`, and a client's consent to one scope (as joining through an invitation
//! would leave them).

use rapport_app::accounts::passwords;
use rapport_app::{Actor, App};
use rapport_core::accounts::Role;
use rapport_store::accounts::users;
use rapport_store::consents::{self, Consent};
use uuid::Uuid;

use crate::{PASSWORD, TestDb};

/// A family member's account (password [`PASSWORD`]), linked to nobody yet.
pub async fn family_member(t: &TestDb, app: &App, name: &str, email: &str) -> Actor {
    let actor = Actor {
        user_id: app.new_id(),
        role: Role::Family,
        name: name.into(),
        address: None,
    };
    let hash = passwords::hash(PASSWORD.into()).await.unwrap();
    let tx = t.db.write().await.unwrap();
    users::insert(
        tx.conn(),
        tx.keys(),
        users::NewUser {
            id: actor.user_id,
            email,
            name,
            role: "family",
            password_hash: &hash,
            timezone: "UTC",
            now: app.now(),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    actor
}

/// The client gives the family member a scope; returns the consent's id.
pub async fn grant(t: &TestDb, app: &App, client: Uuid, family: &Actor, scope: &str) -> Uuid {
    let id = app.new_id();
    consents::grant(
        t.db.conn(),
        Consent {
            id,
            client_id: client,
            kind: "family_access".into(),
            grantee_id: Some(family.user_id),
            scope: Some(scope.into()),
            text_version: "test".into(),
            granted_at: app.now(),
            revoked_at: None,
        },
    )
    .await
    .unwrap();
    id
}
