//! The fold of an episode's PHQ-9 series kept for the early-warning rules (m0035), and the
//! reads that replace the whole series on a submission: one row, and the PHQ-9s from an
//! instant on (one stretch of `measures_client_totals`).

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, QueryOrder, QuerySelect};

use super::entity as measures;
use crate::Result;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "phq9_progress")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub episode_id: Uuid,
        pub client_id: Uuid,
        pub started_at: DateTimeUtc,
        pub carried_from: Option<Uuid>,
        pub carried_ended_at: Option<DateTimeUtc>,
        pub last_id: Uuid,
        pub last_at: DateTimeUtc,
        /// Core's `Phq9Progress` as JSON.
        pub state: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// One episode's kept fold.
pub type Phq9Progress = entity::Model;

/// The episode's kept fold, if any.
pub async fn progress_of(
    c: &impl ConnectionTrait,
    episode_id: Uuid,
) -> Result<Option<Phq9Progress>> {
    Ok(entity::Entity::find_by_id(episode_id).one(c).await?)
}

/// Saves the episode's fold (replacing what was there).
pub async fn save_progress(c: &impl ConnectionTrait, p: Phq9Progress) -> Result<()> {
    use entity::Column as C;
    entity::Entity::insert(entity::ActiveModel::from(p))
        .on_conflict(
            OnConflict::column(C::EpisodeId)
                .update_columns([
                    C::ClientId,
                    C::StartedAt,
                    C::CarriedFrom,
                    C::CarriedEndedAt,
                    C::LastId,
                    C::LastAt,
                    C::State,
                ])
                .to_owned(),
        )
        .exec_without_returning(c)
        .await?;
    Ok(())
}

/// A PHQ-9 as the rules read it: (id, when, total, item 9).
pub type Phq9Row = (Uuid, DateTime<Utc>, i16, Option<i16>);

/// The client's PHQ-9s (any episode) taken at or after `since`, oldest first (by id at the
/// same instant, as [`super::phq9_points`]).
pub async fn phq9_since(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    since: DateTime<Utc>,
) -> Result<Vec<Phq9Row>> {
    Ok(measures::Entity::find()
        .select_only()
        .column(measures::Column::Id)
        .column(measures::Column::TakenAt)
        .column(measures::Column::Total)
        .column(measures::Column::Item9)
        .filter(measures::Column::ClientId.eq(client_id))
        .filter(measures::Column::Instrument.eq("phq9"))
        .filter(measures::Column::TakenAt.gte(since))
        .order_by_asc(measures::Column::TakenAt)
        .order_by_asc(measures::Column::Id)
        .into_tuple()
        .all(c)
        .await?)
}

/// The client's latest PHQ-9 item 9 answer (`Some(None)`: their latest PHQ-9 left it
/// blank; `None`: no PHQ-9 at all).
pub async fn latest_item9(
    c: &impl ConnectionTrait,
    client_id: Uuid,
) -> Result<Option<Option<i16>>> {
    Ok(measures::Entity::find()
        .select_only()
        .column(measures::Column::Item9)
        .filter(measures::Column::ClientId.eq(client_id))
        .filter(measures::Column::Instrument.eq("phq9"))
        .order_by_desc(measures::Column::TakenAt)
        .into_tuple::<Option<i16>>()
        .one(c)
        .await?)
}

/// The GAD-7s of an episode that its deterioration rule needs (core's `gad7_needed`), as
/// (when, total), oldest first: its first taken at or after `start`, its lowest after that one
/// and before `cut` (the earliest of equal ones), and every one from `cut` on. Three look-ups
/// of `measures_client_totals` instead of the episode's whole series.
pub async fn gad7_needed(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    episode_id: Uuid,
    start: DateTime<Utc>,
    cut: DateTime<Utc>,
) -> Result<Vec<(DateTime<Utc>, i16)>> {
    let of_episode = || {
        measures::Entity::find()
            .select_only()
            .column(measures::Column::TakenAt)
            .column(measures::Column::Total)
            .filter(measures::Column::ClientId.eq(client_id))
            .filter(measures::Column::Instrument.eq("gad7"))
            .filter(measures::Column::EpisodeId.eq(episode_id))
    };
    let mut out = Vec::new();
    let first: Option<(DateTime<Utc>, i16)> = of_episode()
        .filter(measures::Column::TakenAt.gte(start))
        .filter(measures::Column::TakenAt.lt(cut))
        .order_by_asc(measures::Column::TakenAt)
        .into_tuple()
        .one(c)
        .await?;
    if let Some(first) = first {
        out.push(first);
        let lowest: Option<(DateTime<Utc>, i16)> = of_episode()
            .filter(measures::Column::TakenAt.gt(first.0))
            .filter(measures::Column::TakenAt.lt(cut))
            .order_by_asc(measures::Column::Total)
            .order_by_asc(measures::Column::TakenAt)
            .into_tuple()
            .one(c)
            .await?;
        out.extend(lowest);
    }
    out.extend(
        of_episode()
            .filter(measures::Column::TakenAt.gte(start.max(cut)))
            .order_by_asc(measures::Column::TakenAt)
            .into_tuple::<(DateTime<Utc>, i16)>()
            .all(c)
            .await?,
    );
    Ok(out)
}
