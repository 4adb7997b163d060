//! Episodes of care: the unit of treatment that measures, flags, sessions and homework
//! belong to. States: consultation → active → maintenance → closed.

use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::Result;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "episodes")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub state: String,
        pub started_at: DateTimeUtc,
        pub discharged_at: Option<DateTimeUtc>,
        pub closed_at: Option<DateTimeUtc>,
        pub opened_by: Option<Uuid>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub type Episode = entity::Model;

pub async fn insert(c: &impl ConnectionTrait, e: Episode) -> Result<()> {
    entity::ActiveModel {
        id: Set(e.id),
        client_id: Set(e.client_id),
        state: Set(e.state),
        started_at: Set(e.started_at),
        discharged_at: Set(e.discharged_at),
        closed_at: Set(e.closed_at),
        opened_by: Set(e.opened_by),
    }
    .insert(c)
    .await?;
    Ok(())
}

/// The client's current episode: the latest one not closed.
pub async fn current(c: &impl ConnectionTrait, client_id: Uuid) -> Result<Option<Episode>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .filter(entity::Column::State.ne("closed"))
        .order_by_desc(entity::Column::StartedAt)
        .one(c)
        .await?)
}

/// The current episodes of many clients (the caseload), keyed by client.
pub async fn current_of(c: &impl ConnectionTrait, client_ids: &[Uuid]) -> Result<Vec<Episode>> {
    let mut all = entity::Entity::find()
        .filter(entity::Column::ClientId.is_in(client_ids.iter().copied()))
        .filter(entity::Column::State.ne("closed"))
        .order_by_desc(entity::Column::StartedAt)
        .all(c)
        .await?;
    let mut seen = std::collections::HashSet::new();
    all.retain(|e| seen.insert(e.client_id));
    Ok(all)
}

/// Every episode that is active or in maintenance (the periodic checks walk them).
pub async fn watched(c: &impl ConnectionTrait) -> Result<Vec<Episode>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::State.is_in(["active", "maintenance"]))
        .order_by_asc(entity::Column::StartedAt)
        .all(c)
        .await?)
}
