//! Measures (PHQ-9, PHQ-2, GAD-7, WHO-5) with their item answers, and who is due what when.

mod schedules;

pub use schedules::{Schedule, schedules_of, set_schedule};

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::Result;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "measures")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub episode_id: Uuid,
        pub instrument: String,
        pub taken_at: DateTimeUtc,
        pub total: i16,
        pub band: Option<String>,
        pub prorated: bool,
        pub item9: Option<i16>,
        pub difficulty: Option<i16>,
        pub submitted_by: Uuid,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod answer {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "measure_answers")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub measure_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub item: i16,
        pub value: Option<i16>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A scored measure. Scores and codes stay plain so that reports can query them.
pub type Measure = entity::Model;

/// Stores a measure and its answers (`answers[i]` is item `i + 1`; `None` unanswered).
pub async fn insert(c: &impl ConnectionTrait, m: Measure, answers: &[Option<i16>]) -> Result<()> {
    let id = m.id;
    entity::ActiveModel::from(m).insert(c).await?;
    if !answers.is_empty() {
        answer::Entity::insert_many(
            answers
                .iter()
                .enumerate()
                .map(|(i, v)| answer::ActiveModel {
                    measure_id: Set(id),
                    item: Set(i as i16 + 1),
                    value: Set(*v),
                }),
        )
        .exec(c)
        .await?;
    }
    Ok(())
}

pub async fn find(c: &impl ConnectionTrait, id: Uuid) -> Result<Option<Measure>> {
    Ok(entity::Entity::find_by_id(id).one(c).await?)
}

/// A client's measures, oldest first; one instrument or all, one episode or all.
pub async fn series(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    instrument: Option<&str>,
    episode_id: Option<Uuid>,
) -> Result<Vec<Measure>> {
    let mut q = entity::Entity::find().filter(entity::Column::ClientId.eq(client_id));
    if let Some(i) = instrument {
        q = q.filter(entity::Column::Instrument.eq(i));
    }
    if let Some(e) = episode_id {
        q = q.filter(entity::Column::EpisodeId.eq(e));
    }
    Ok(q.order_by_asc(entity::Column::TakenAt).all(c).await?)
}

/// A client's PHQ-9 totals, oldest first, as the early-warning rules read them: (episode,
/// when, total, item 9).
pub async fn phq9_points(
    c: &impl ConnectionTrait,
    client_id: Uuid,
) -> Result<Vec<(Uuid, DateTime<Utc>, i16, Option<i16>)>> {
    use sea_orm::QuerySelect;
    Ok(entity::Entity::find()
        .select_only()
        .column(entity::Column::EpisodeId)
        .column(entity::Column::TakenAt)
        .column(entity::Column::Total)
        .column(entity::Column::Item9)
        .filter(entity::Column::ClientId.eq(client_id))
        .filter(entity::Column::Instrument.eq("phq9"))
        .order_by_asc(entity::Column::TakenAt)
        .into_tuple()
        .all(c)
        .await?)
}

/// The first total of one instrument in an episode (its baseline).
pub async fn first_total(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    instrument: &str,
    episode_id: Uuid,
) -> Result<Option<i16>> {
    use sea_orm::QuerySelect;
    Ok(entity::Entity::find()
        .select_only()
        .column(entity::Column::Total)
        .filter(entity::Column::ClientId.eq(client_id))
        .filter(entity::Column::Instrument.eq(instrument))
        .filter(entity::Column::EpisodeId.eq(episode_id))
        .order_by_asc(entity::Column::TakenAt)
        .into_tuple()
        .one(c)
        .await?)
}

/// The item answers of measures, ordered by measure and item.
pub async fn answers_of(
    c: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<Vec<(Uuid, i16, Option<i16>)>> {
    Ok(answer::Entity::find()
        .filter(answer::Column::MeasureId.is_in(ids.iter().copied()))
        .order_by_asc(answer::Column::MeasureId)
        .order_by_asc(answer::Column::Item)
        .all(c)
        .await?
        .into_iter()
        .map(|a| (a.measure_id, a.item, a.value))
        .collect())
}

/// One total of the caseload's sparkline.
#[derive(Debug, Clone, PartialEq, Eq, sea_orm::FromQueryResult)]
pub struct Total {
    pub client_id: Uuid,
    pub episode_id: Uuid,
    pub taken_at: DateTime<Utc>,
    pub total: i16,
    pub band: Option<String>,
}

/// The latest `per_client` totals of one instrument for each of many clients, by client then
/// oldest first (the caseload's latest and sparkline).
pub async fn recent_totals(
    c: &impl ConnectionTrait,
    client_ids: &[Uuid],
    instrument: &str,
    per_client: u32,
) -> Result<Vec<Total>> {
    use entity::Column as C;
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query, WindowStatement};
    use sea_orm::{FromQueryResult, Order, StatementBuilder};
    let shown = [C::ClientId, C::EpisodeId, C::TakenAt, C::Total, C::Band];
    let numbered = Query::select()
        .columns(shown)
        .expr_window_as(
            Func::cust("ROW_NUMBER"),
            WindowStatement::partition_by(C::ClientId)
                .order_by(C::TakenAt, Order::Desc)
                .to_owned(),
            Alias::new("rn"),
        )
        .from(entity::Entity)
        .and_where(Expr::col(C::ClientId).is_in(client_ids.iter().copied()))
        .and_where(Expr::col(C::Instrument).eq(instrument))
        .to_owned();
    let stmt = Query::select()
        .columns(shown)
        .from_subquery(numbered, Alias::new("numbered"))
        .and_where(Expr::col(Alias::new("rn")).lte(per_client))
        .order_by(C::ClientId, Order::Asc)
        .order_by(C::TakenAt, Order::Asc)
        .to_owned();
    Ok(
        Total::find_by_statement(StatementBuilder::build(&stmt, &c.get_database_backend()))
            .all(c)
            .await?,
    )
}

/// The first total of one instrument in each of these episodes, and how many there are.
#[derive(Debug, Clone, PartialEq, Eq, sea_orm::FromQueryResult)]
pub struct Baseline {
    pub episode_id: Uuid,
    pub total: i16,
    pub count: i64,
}

/// The baseline and count of each episode's totals (the caseload's change and progress),
/// without reading the series between them. `client_ids`: whose episodes they are.
pub async fn baselines_of(
    c: &impl ConnectionTrait,
    client_ids: &[Uuid],
    episode_ids: &[Uuid],
    instrument: &str,
) -> Result<Vec<Baseline>> {
    use entity::Column as C;
    use sea_orm::sea_query::{Alias, Asterisk, Expr, ExprTrait, Func, Query, WindowStatement};
    use sea_orm::{FromQueryResult, Order, StatementBuilder};
    let numbered = Query::select()
        .columns([C::EpisodeId, C::Total])
        .expr_window_as(
            Func::cust("ROW_NUMBER"),
            WindowStatement::partition_by(C::EpisodeId)
                .order_by(C::TakenAt, Order::Asc)
                .to_owned(),
            Alias::new("rn"),
        )
        .expr_window_as(
            Func::count(Expr::col(Asterisk)),
            WindowStatement::partition_by(C::EpisodeId),
            Alias::new("count"),
        )
        .from(entity::Entity)
        .and_where(Expr::col(C::ClientId).is_in(client_ids.iter().copied()))
        .and_where(Expr::col(C::Instrument).eq(instrument))
        .and_where(Expr::col(C::EpisodeId).is_in(episode_ids.iter().copied()))
        .to_owned();
    let stmt = Query::select()
        .columns([C::EpisodeId, C::Total])
        .column(Alias::new("count"))
        .from_subquery(numbered, Alias::new("numbered"))
        .and_where(Expr::col(Alias::new("rn")).eq(1))
        .to_owned();
    Ok(
        Baseline::find_by_statement(StatementBuilder::build(&stmt, &c.get_database_backend()))
            .all(c)
            .await?,
    )
}
