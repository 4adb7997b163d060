//! The clinicians the practice marks as prescribers (besides a care team's psychiatrist).

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait};

use crate::Result;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "prescribers")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub clinician_id: Uuid,
        pub marked_by: Uuid,
        pub marked_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub async fn is_marked(c: &impl ConnectionTrait, clinician_id: Uuid) -> Result<bool> {
    Ok(entity::Entity::find_by_id(clinician_id)
        .one(c)
        .await?
        .is_some())
}

/// Marks (or unmarks) a clinician as a prescriber; marking twice keeps the first mark.
pub async fn set(
    c: &impl ConnectionTrait,
    clinician_id: Uuid,
    prescriber: bool,
    by: Uuid,
    at: DateTime<Utc>,
) -> Result<()> {
    let marked = is_marked(c, clinician_id).await?;
    if prescriber && !marked {
        entity::ActiveModel {
            clinician_id: Set(clinician_id),
            marked_by: Set(by),
            marked_at: Set(at),
        }
        .insert(c)
        .await?;
    } else if !prescriber && marked {
        entity::Entity::delete_by_id(clinician_id).exec(c).await?;
    }
    Ok(())
}

/// Which of these clinicians are marked.
pub async fn marked_among(c: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<Uuid>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::ClinicianId.is_in(ids.iter().copied()))
        .all(c)
        .await?
        .into_iter()
        .map(|m| m.clinician_id)
        .collect())
}
