//! Triage duty: the clinicians who see the flags of clients without an active care team (just
//! signed up, or between clinicians), so that a flag always reaches a person.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Query;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::Result;
use crate::alerts::{Flag, entity as flags};
use crate::care_teams::entity as teams;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "triage_clinicians")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub clinician_id: Uuid,
        pub added_by: Uuid,
        pub added_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The clinicians on triage duty, in the order they were put on it.
pub async fn on_duty(c: &impl ConnectionTrait) -> Result<Vec<Uuid>> {
    Ok(entity::Entity::find()
        .order_by_asc(entity::Column::AddedAt)
        .order_by_asc(entity::Column::ClinicianId)
        .all(c)
        .await?
        .into_iter()
        .map(|m| m.clinician_id)
        .collect())
}

pub async fn is_on_duty(c: &impl ConnectionTrait, clinician_id: Uuid) -> Result<bool> {
    Ok(entity::Entity::find_by_id(clinician_id)
        .one(c)
        .await?
        .is_some())
}

/// Puts exactly `ids` on duty: those already on it keep their start, the others are taken off.
pub async fn replace(
    c: &impl ConnectionTrait,
    ids: &[Uuid],
    by: Uuid,
    at: DateTime<Utc>,
) -> Result<()> {
    entity::Entity::delete_many()
        .filter(entity::Column::ClinicianId.is_not_in(ids.iter().copied()))
        .exec(c)
        .await?;
    let kept = on_duty(c).await?;
    for id in ids.iter().filter(|id| !kept.contains(id)) {
        entity::ActiveModel {
            clinician_id: Set(*id),
            added_by: Set(by),
            added_at: Set(at),
        }
        .insert(c)
        .await?;
    }
    Ok(())
}

/// Whether the client has nobody on an active care team.
pub async fn is_unassigned(c: &impl ConnectionTrait, client_id: Uuid) -> Result<bool> {
    let unassigned = teams::Entity::find()
        .filter(teams::Column::ClientId.eq(client_id))
        .filter(teams::Column::EndedAt.is_null())
        .one(c)
        .await?
        .is_none();
    // An erased client has left the service: nobody watches the kept record (docs/erasure.md).
    Ok(unassigned && !crate::erasure::is_erased(c, client_id).await?)
}

/// The flags in `statuses` of clients without an active care team, most recent first.
pub async fn unassigned_flags(c: &impl ConnectionTrait, statuses: &[&str]) -> Result<Vec<Flag>> {
    let assigned = Query::select()
        .column(teams::Column::ClientId)
        .from(teams::Entity)
        .and_where(teams::Column::EndedAt.is_null())
        .to_owned();
    Ok(flags::Entity::find()
        .filter(flags::Column::Status.is_in(statuses.iter().copied()))
        .filter(flags::Column::ClientId.not_in_subquery(assigned))
        .order_by_desc(flags::Column::LastEvidenceAt)
        .all(c)
        .await?)
}
