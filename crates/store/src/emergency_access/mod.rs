//! Emergency access ("break glass"): the openings of a client's record by clinicians not on
//! the care team, each with its reason (sealed) and the time it ends.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder, QuerySelect};

use crate::Result;
use crate::crypto::Keyring;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "emergency_openings")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub clinician_id: Uuid,
        pub client_id: Uuid,
        pub reason: String,
        pub opened_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const TABLE: &str = "emergency_openings";

/// The `instance_settings` row that turns emergency access off (`"false"`); absent: on.
pub const ENABLED_SETTING: &str = "emergency_access_enabled";

/// One opening, its reason opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    pub id: Uuid,
    pub clinician_id: Uuid,
    pub client_id: Uuid,
    pub reason: String,
    pub opened_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl Opening {
    fn from_model(m: entity::Model, keys: &Keyring) -> Result<Opening> {
        Ok(Opening {
            reason: keys.open(TABLE, "reason", &m.id.to_string(), &m.reason)?,
            id: m.id,
            clinician_id: m.clinician_id,
            client_id: m.client_id,
            opened_at: m.opened_at,
            expires_at: m.expires_at,
        })
    }
}

/// Records an opening, its reason sealed.
pub async fn insert(c: &impl ConnectionTrait, keys: &Keyring, o: &Opening) -> Result<()> {
    entity::ActiveModel {
        id: Set(o.id),
        clinician_id: Set(o.clinician_id),
        client_id: Set(o.client_id),
        reason: Set(keys.seal(TABLE, "reason", &o.id.to_string(), &o.reason)?),
        opened_at: Set(o.opened_at),
        expires_at: Set(o.expires_at),
    }
    .insert(c)
    .await?;
    Ok(())
}

/// Whether `clinician_id` holds an opening of `client_id`'s record at `now` (nothing opened).
pub async fn is_open(
    c: &impl ConnectionTrait,
    clinician_id: Uuid,
    client_id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool> {
    let found: Option<Uuid> = entity::Entity::find()
        .select_only()
        .column(entity::Column::Id)
        .filter(entity::Column::ClinicianId.eq(clinician_id))
        .filter(entity::Column::ClientId.eq(client_id))
        .filter(entity::Column::ExpiresAt.gt(now))
        .filter(entity::Column::OpenedAt.lte(now))
        .into_tuple()
        .one(c)
        .await?;
    Ok(found.is_some())
}

/// The clinician's openings still running at `now`, the one ending last first.
pub async fn active_of(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    clinician_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<Opening>> {
    entity::Entity::find()
        .filter(entity::Column::ClinicianId.eq(clinician_id))
        .filter(entity::Column::ExpiresAt.gt(now))
        .filter(entity::Column::OpenedAt.lte(now))
        .order_by_desc(entity::Column::ExpiresAt)
        .all(c)
        .await?
        .into_iter()
        .map(|m| Opening::from_model(m, keys))
        .collect()
}

/// The newest openings of the whole practice opened since `since`, at most `limit`.
pub async fn recent(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    since: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<Opening>> {
    entity::Entity::find()
        .filter(entity::Column::OpenedAt.gte(since))
        .order_by_desc(entity::Column::OpenedAt)
        .order_by_desc(entity::Column::Id)
        .limit(limit)
        .all(c)
        .await?
        .into_iter()
        .map(|m| Opening::from_model(m, keys))
        .collect()
}

/// The openings of one client's record with these ids (the client's access log).
pub async fn of_client_by_ids(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    client_id: Uuid,
    ids: &[Uuid],
) -> Result<Vec<Opening>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .filter(entity::Column::Id.is_in(ids.iter().copied()))
        .all(c)
        .await?
        .into_iter()
        .map(|m| Opening::from_model(m, keys))
        .collect()
}

/// Active client accounts whose address is `email` exactly, or whose full name is `name`
/// (compared by `same_name`): (id, name, e-mail). Names are sealed: the blind index of the
/// administrators' search narrows them to those with every word of `name`, and only those
/// are opened and compared; the e-mail look-up uses the unique index.
pub async fn find_clients(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    email: Option<&str>,
    name: Option<&str>,
    same_name: impl Fn(&str, &str) -> bool,
) -> Result<Vec<(Uuid, String, String)>> {
    use crate::accounts::users::entity as users;
    let base = users::Entity::find()
        .filter(users::Column::Role.eq("client"))
        .filter(users::Column::DisabledAt.is_null());
    let mut out = vec![];
    if let Some(email) = email {
        for m in base
            .clone()
            .filter(users::Column::Email.eq(email))
            .all(c)
            .await?
        {
            let name = keys.open("users", "name", &m.id.to_string(), &m.name)?;
            out.push((m.id, name, m.email));
        }
    }
    if let Some(wanted) = name {
        let mut base = base;
        if let Some(named) = crate::accounts::search::named(keys, wanted)? {
            base = base.filter(users::Column::Id.in_subquery(named));
        }
        let rows: Vec<(Uuid, String, String)> = base
            .select_only()
            .column(users::Column::Id)
            .column(users::Column::Name)
            .column(users::Column::Email)
            .into_tuple()
            .all(c)
            .await?;
        for (id, sealed, email) in rows {
            let name = keys.open("users", "name", &id.to_string(), &sealed)?;
            if same_name(&name, wanted) && !out.iter().any(|(o, _, _)| *o == id) {
                out.push((id, name, email));
            }
        }
    }
    Ok(out)
}
