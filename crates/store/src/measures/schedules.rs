use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait};

use crate::Result;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "measure_schedules")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub client_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub instrument: String,
        pub every_days: i32,
        pub before_session: bool,
        pub set_by: Option<Uuid>,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A clinician's change to how often a client is asked for a measure.
pub type Schedule = entity::Model;

pub async fn schedules_of(c: &impl ConnectionTrait, client_id: Uuid) -> Result<Vec<Schedule>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .all(c)
        .await?)
}

pub async fn set_schedule(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    instrument: &str,
    every_days: i32,
    before_session: bool,
    set_by: Uuid,
    now: DateTime<Utc>,
) -> Result<()> {
    entity::Entity::insert(entity::ActiveModel {
        client_id: Set(client_id),
        instrument: Set(instrument.to_string()),
        every_days: Set(every_days),
        before_session: Set(before_session),
        set_by: Set(Some(set_by)),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([entity::Column::ClientId, entity::Column::Instrument])
            .update_columns([
                entity::Column::EveryDays,
                entity::Column::BeforeSession,
                entity::Column::SetBy,
                entity::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(c)
    .await?;
    Ok(())
}
