//! The reason a client gave on the check-in for a missed dose.

use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait};

use crate::Result;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "checkin_missed_reasons")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub checkin_id: Uuid,
        pub client_id: Uuid,
        pub reason: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub async fn insert(
    c: &impl ConnectionTrait,
    checkin_id: Uuid,
    client_id: Uuid,
    reason: &str,
) -> Result<()> {
    entity::ActiveModel {
        checkin_id: Set(checkin_id),
        client_id: Set(client_id),
        reason: Set(reason.to_string()),
    }
    .insert(c)
    .await?;
    Ok(())
}

/// The reasons given for these check-ins: (check-in id, reason).
pub async fn of_checkins(c: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<(Uuid, String)>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::CheckinId.is_in(ids.iter().copied()))
        .all(c)
        .await?
        .into_iter()
        .map(|r| (r.checkin_id, r.reason))
        .collect())
}
