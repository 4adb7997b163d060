//! The sleep diary: a client's nights (issue 22).

use chrono::NaiveDate;
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, QueryOrder};

use crate::{ClientTx, Result, Tx, WriteTx};

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "sleep_diaries")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub day: Date,
        pub bedtime: String,
        pub minutes_to_fall_asleep: i16,
        pub awake_minutes: i16,
        pub wake_time: String,
        pub rise_time: String,
        pub recorded_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub type Night = entity::Model;

/// Adds a night to the handle's client's diary (whatever `n.client_id` says).
pub async fn insert(ct: &ClientTx<'_, WriteTx>, n: &Night) -> Result<()> {
    entity::ActiveModel {
        id: Set(n.id),
        client_id: Set(ct.client_id()),
        day: Set(n.day),
        bedtime: Set(n.bedtime.clone()),
        minutes_to_fall_asleep: Set(n.minutes_to_fall_asleep),
        awake_minutes: Set(n.awake_minutes),
        wake_time: Set(n.wake_time.clone()),
        rise_time: Set(n.rise_time.clone()),
        recorded_at: Set(n.recorded_at),
    }
    .insert(ct.conn())
    .await?;
    Ok(())
}

/// The handle's client's nights from `since` on, oldest first.
pub async fn since<T: Tx>(ct: &ClientTx<'_, T>, since: NaiveDate) -> Result<Vec<Night>> {
    nights_since(ct.conn(), ct.client_id(), since).await
}

/// A client's nights from `since` on, oldest first, for the early-warning rules (which read
/// check-ins the same way): a night holds clock times and minutes, no free text.
pub async fn nights_since(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    since: NaiveDate,
) -> Result<Vec<Night>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .filter(entity::Column::Day.gte(since))
        .order_by_asc(entity::Column::Day)
        .order_by_asc(entity::Column::RecordedAt)
        .all(c)
        .await?)
}
