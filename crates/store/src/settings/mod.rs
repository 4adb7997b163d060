//! The instance's settings an administrator changes while it runs: one row a setting, its
//! value as JSON text (the crisis lines, default schedules and time-outs of `/admin/settings`,
//! the escalation time, whether emergency access is allowed, the retention of clinical
//! records). Nothing here is about a person.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait};

use crate::Result;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "instance_settings")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub key: String,
        pub value: String,
        pub updated_by: Option<Uuid>,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// One setting's value (JSON text), if it is set.
pub async fn get(c: &impl ConnectionTrait, key: &str) -> Result<Option<String>> {
    Ok(entity::Entity::find_by_id(key.to_string())
        .one(c)
        .await?
        .map(|m| m.value))
}

/// Every setting that was ever set: (key, JSON value).
pub async fn all(c: &impl ConnectionTrait) -> Result<Vec<(String, String)>> {
    Ok(entity::Entity::find()
        .all(c)
        .await?
        .into_iter()
        .map(|m| (m.key, m.value))
        .collect())
}

/// Sets one setting (`None`: back to the default).
pub async fn put(
    c: &impl ConnectionTrait,
    key: &str,
    value: Option<&str>,
    by: Uuid,
    at: DateTime<Utc>,
) -> Result<()> {
    let Some(value) = value else {
        entity::Entity::delete_by_id(key.to_string())
            .exec(c)
            .await?;
        return Ok(());
    };
    entity::Entity::insert(entity::ActiveModel {
        key: Set(key.to_string()),
        value: Set(value.to_string()),
        updated_by: Set(Some(by)),
        updated_at: Set(at),
    })
    .on_conflict(
        OnConflict::column(entity::Column::Key)
            .update_columns([
                entity::Column::Value,
                entity::Column::UpdatedBy,
                entity::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec(c)
    .await?;
    Ok(())
}
