//! Practice leads: clinicians an administrator lets see the whole practice's outcome reports,
//! and who are told at once when a record is opened in an emergency.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::Result;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "practice_leads")]
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

/// The practice leads, in the order they were made leads.
pub async fn all(c: &impl ConnectionTrait) -> Result<Vec<Uuid>> {
    Ok(entity::Entity::find()
        .order_by_asc(entity::Column::AddedAt)
        .order_by_asc(entity::Column::ClinicianId)
        .all(c)
        .await?
        .into_iter()
        .map(|m| m.clinician_id)
        .collect())
}

pub async fn is_lead(c: &impl ConnectionTrait, clinician_id: Uuid) -> Result<bool> {
    Ok(entity::Entity::find_by_id(clinician_id)
        .one(c)
        .await?
        .is_some())
}

/// Makes `clinician_id` a practice lead (`lead`) or not; doing what is already so is a no-op.
/// Returns whether anything changed.
pub async fn set(
    c: &impl ConnectionTrait,
    clinician_id: Uuid,
    lead: bool,
    by: Uuid,
    at: DateTime<Utc>,
) -> Result<bool> {
    let was = is_lead(c, clinician_id).await?;
    match (was, lead) {
        (false, true) => {
            entity::ActiveModel {
                clinician_id: Set(clinician_id),
                added_by: Set(by),
                added_at: Set(at),
            }
            .insert(c)
            .await?;
            Ok(true)
        }
        (true, false) => {
            entity::Entity::delete_by_id(clinician_id).exec(c).await?;
            Ok(true)
        }
        _ => Ok(false),
    }
}
