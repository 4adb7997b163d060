use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::crypto::Keyring;
use crate::{ClientTx, Result, Tx, WriteTx};

pub(crate) mod clinician {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "clinician_profiles")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: Uuid,
        pub credential: String,
        pub license_number: Option<String>,
        pub license_region: Option<String>,
        pub bio: Option<String>,
        pub accepting_clients: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod approach {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "clinician_approaches")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub clinician_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub approach: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod client {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "client_profiles")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: Uuid,
        pub date_of_birth: Option<Date>,
        pub emergency_contact: Option<String>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const CLIENT_TABLE: &str = "client_profiles";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClinicianProfile {
    pub user_id: Uuid,
    pub credential: String,
    pub license_number: Option<String>,
    pub license_region: Option<String>,
    pub bio: Option<String>,
    pub accepting_clients: bool,
    pub approaches: Vec<String>,
}

pub async fn upsert_clinician(c: &impl ConnectionTrait, p: &ClinicianProfile) -> Result<()> {
    clinician::Entity::delete_by_id(p.user_id).exec(c).await?;
    clinician::ActiveModel {
        user_id: Set(p.user_id),
        credential: Set(p.credential.clone()),
        license_number: Set(p.license_number.clone()),
        license_region: Set(p.license_region.clone()),
        bio: Set(p.bio.clone()),
        accepting_clients: Set(p.accepting_clients),
    }
    .insert(c)
    .await?;
    for a in &p.approaches {
        approach::ActiveModel {
            clinician_id: Set(p.user_id),
            approach: Set(a.clone()),
        }
        .insert(c)
        .await?;
    }
    Ok(())
}

pub async fn find_clinician(
    c: &impl ConnectionTrait,
    user_id: Uuid,
) -> Result<Option<ClinicianProfile>> {
    let Some(m) = clinician::Entity::find_by_id(user_id).one(c).await? else {
        return Ok(None);
    };
    let approaches = approach::Entity::find()
        .filter(approach::Column::ClinicianId.eq(user_id))
        .order_by_asc(approach::Column::Approach)
        .all(c)
        .await?
        .into_iter()
        .map(|a| a.approach)
        .collect();
    Ok(Some(ClinicianProfile {
        user_id: m.user_id,
        credential: m.credential,
        license_number: m.license_number,
        license_region: m.license_region,
        bio: m.bio,
        accepting_clients: m.accepting_clients,
        approaches,
    }))
}

/// A client's sealed emergency contact, opened (for a query that read it with other tables).
pub(crate) fn open_emergency_contact(
    keys: &Keyring,
    user_id: Uuid,
    sealed: &str,
) -> Result<String> {
    keys.open(
        CLIENT_TABLE,
        "emergency_contact",
        &user_id.to_string(),
        sealed,
    )
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientProfile {
    pub user_id: Uuid,
    pub date_of_birth: Option<chrono::NaiveDate>,
    pub emergency_contact: Option<String>,
}

/// A new client's profile, made with their account (there is no record yet to open a door on).
pub async fn insert_client(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    p: &ClientProfile,
    now: DateTime<Utc>,
) -> Result<()> {
    write_client(c, keys, p, now).await
}

/// Writes the handle's client's profile (`p.user_id` is ignored: the profile is theirs).
pub async fn upsert_client(
    ct: &ClientTx<'_, WriteTx>,
    p: &ClientProfile,
    now: DateTime<Utc>,
) -> Result<()> {
    let p = ClientProfile {
        user_id: ct.client_id(),
        ..p.clone()
    };
    write_client(ct.conn(), ct.keys(), &p, now).await
}

async fn write_client(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    p: &ClientProfile,
    now: DateTime<Utc>,
) -> Result<()> {
    let id = p.user_id.to_string();
    let contact = p
        .emergency_contact
        .as_deref()
        .map(|t| keys.seal(CLIENT_TABLE, "emergency_contact", &id, t))
        .transpose()?;
    let existing = client::Entity::find_by_id(p.user_id).one(c).await?;
    let model = client::ActiveModel {
        user_id: Set(p.user_id),
        date_of_birth: Set(p.date_of_birth),
        emergency_contact: Set(contact),
        created_at: Set(existing.as_ref().map(|e| e.created_at).unwrap_or(now)),
    };
    if existing.is_some() {
        model.update(c).await?;
    } else {
        model.insert(c).await?;
    }
    Ok(())
}

/// The handle's client's profile.
pub async fn find_client_of<T: Tx>(ct: &ClientTx<'_, T>) -> Result<Option<ClientProfile>> {
    find_client(ct.conn(), ct.keys(), ct.client_id()).await
}

/// A client's profile by connection: tests that look under the repositories (a backup's copy).
pub async fn find_client(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    user_id: Uuid,
) -> Result<Option<ClientProfile>> {
    let Some(m) = client::Entity::find_by_id(user_id).one(c).await? else {
        return Ok(None);
    };
    let id = m.user_id.to_string();
    Ok(Some(ClientProfile {
        user_id: m.user_id,
        date_of_birth: m.date_of_birth,
        emergency_contact: m
            .emergency_contact
            .as_deref()
            .map(|s| keys.open(CLIENT_TABLE, "emergency_contact", &id, s))
            .transpose()?,
    }))
}
