//! Measures (PHQ-9, PHQ-2, GAD-7, WHO-5) with their item answers, and who is due what when.

mod progress;
pub(crate) mod schedules;

pub use progress::{
    Phq9Progress, Phq9Row, gad7_needed, latest_item9, phq9_since, progress_of, save_progress,
};
pub use schedules::{Schedule, schedules_of, set_schedule};

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::{ClientTx, Result, Tx};

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
        /// The BCP 47 tag of the language it was answered in (m0046), when said.
        pub language: Option<String>,
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

/// The client a measure is about: what the door is asked about before the measure is opened.
pub async fn owner(c: &impl ConnectionTrait, id: Uuid) -> Result<Option<Uuid>> {
    Ok(find(c, id).await?.map(|m| m.client_id))
}

/// One of the handle's client's measures (`None` when it is someone else's).
pub async fn find_of<T: Tx>(ct: &ClientTx<'_, T>, id: Uuid) -> Result<Option<Measure>> {
    Ok(entity::Entity::find_by_id(id)
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .one(ct.conn())
        .await?)
}

/// The handle's client's measures, oldest first; one instrument or all, one episode or all.
pub async fn series_of<T: Tx>(
    ct: &ClientTx<'_, T>,
    instrument: Option<&str>,
    episode_id: Option<Uuid>,
) -> Result<Vec<Measure>> {
    series(ct.conn(), ct.client_id(), instrument, episode_id).await
}

/// The handle's client's latest measure of one instrument in one episode taken at or before
/// `at` (what stood at a session's start).
pub async fn latest_at_of<T: Tx>(
    ct: &ClientTx<'_, T>,
    instrument: &str,
    episode_id: Uuid,
    at: DateTime<Utc>,
) -> Result<Option<Measure>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .filter(entity::Column::Instrument.eq(instrument))
        .filter(entity::Column::EpisodeId.eq(episode_id))
        .filter(entity::Column::TakenAt.lte(at))
        .order_by_desc(entity::Column::TakenAt)
        .one(ct.conn())
        .await?)
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

/// When the client last took each of `instruments` (in their order; `None`: never), in one
/// statement: a look-up at the end of each instrument's stretch of `measures_client_totals`.
pub async fn last_taken(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    instruments: &[&str],
) -> Result<Vec<Option<DateTime<Utc>>>> {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query, SubQueryStatement};
    if instruments.is_empty() {
        return Ok(vec![]);
    }
    let mut stmt = Query::select();
    for (i, instrument) in instruments.iter().enumerate() {
        let last = Query::select()
            .expr(Func::max(Expr::col(Alias::new("taken_at"))))
            .from(Alias::new("measures"))
            .and_where(Expr::col(Alias::new("client_id")).eq(client_id))
            .and_where(Expr::col(Alias::new("instrument")).eq(*instrument))
            .to_owned();
        stmt.expr_as(
            Expr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(last))),
            Alias::new(format!("i{i}")),
        );
    }
    let Some(row) = c.query_one(&stmt).await? else {
        return Ok(vec![None; instruments.len()]);
    };
    (0..instruments.len())
        .map(|i| Ok(row.try_get::<Option<DateTime<Utc>>>("", &format!("i{i}"))?))
        .collect()
}

/// A client's PHQ-9 totals, oldest first (by id at the same instant), as the early-warning
/// rules read them: (episode, when, total, item 9).
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
        .order_by_asc(entity::Column::Id)
        .into_tuple()
        .all(c)
        .await?)
}

/// When the PHQ-9s of many episodes were answered, as (episode, taken at), oldest first (the
/// hourly sweep's page of clients).
pub async fn phq9_times_in(
    c: &impl ConnectionTrait,
    episode_ids: &[Uuid],
) -> Result<Vec<(Uuid, DateTime<Utc>)>> {
    use sea_orm::QuerySelect;
    Ok(entity::Entity::find()
        .select_only()
        .column(entity::Column::EpisodeId)
        .column(entity::Column::TakenAt)
        .filter(entity::Column::EpisodeId.is_in(episode_ids.iter().copied()))
        .filter(entity::Column::Instrument.eq("phq9"))
        .order_by_asc(entity::Column::TakenAt)
        .order_by_asc(entity::Column::Id)
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
    pub total: i16,
}

/// The totals of one instrument since `since` for each of many clients, by client then
/// oldest first (the caseload's sparkline). One stretch of `measures_client_totals` each.
pub async fn totals_since(
    c: &impl ConnectionTrait,
    client_ids: &[Uuid],
    instrument: &str,
    since: DateTime<Utc>,
) -> Result<Vec<Total>> {
    use sea_orm::QuerySelect;
    Ok(entity::Entity::find()
        .select_only()
        .column(entity::Column::ClientId)
        .column(entity::Column::Total)
        .filter(entity::Column::ClientId.is_in(client_ids.iter().copied()))
        .filter(entity::Column::Instrument.eq(instrument))
        .filter(entity::Column::TakenAt.gte(since))
        .order_by_asc(entity::Column::ClientId)
        .order_by_asc(entity::Column::TakenAt)
        .into_model::<Total>()
        .all(c)
        .await?)
}

/// Of one instrument, for each of these episodes: its client's latest measure, and the
/// episode's first total (its baseline) and number of measures.
#[derive(Debug, Clone, PartialEq, Eq, sea_orm::FromQueryResult)]
pub struct EpisodeSummary {
    pub episode_id: Uuid,
    pub latest_total: Option<i16>,
    pub latest_band: Option<String>,
    pub latest_at: Option<DateTime<Utc>>,
    pub latest_episode_id: Option<Uuid>,
    pub baseline: Option<i16>,
    pub count: i64,
}

/// `EpisodeSummary` of each episode (the caseload's latest, change and progress): a few
/// index look-ups per episode, however long its history.
pub async fn summaries_of(
    c: &impl ConnectionTrait,
    episode_ids: &[Uuid],
    instrument: &str,
) -> Result<Vec<EpisodeSummary>> {
    use sea_orm::sea_query::{
        Alias, Asterisk, Expr, ExprTrait, Func, Query, SelectStatement, SubQueryStatement,
    };
    use sea_orm::{FromQueryResult, Order, StatementBuilder};
    let (m, e) = (Alias::new("m"), Alias::new("e"));
    let col = |t: &Alias, name: &str| Expr::col((t.clone(), Alias::new(name)));
    // The client's measures of the instrument, or with `episode`, the episode's.
    let of = |episode: bool| -> SelectStatement {
        let mut q = Query::select();
        q.from_as(entity::Entity, m.clone())
            .and_where(col(&m, "client_id").equals((e.clone(), Alias::new("client_id"))))
            .and_where(col(&m, "instrument").eq(instrument));
        if episode {
            q.and_where(col(&m, "episode_id").equals((e.clone(), Alias::new("id"))));
        }
        q
    };
    let first = |what: &str, episode: bool, order: Order| {
        let q = of(episode)
            .column((m.clone(), Alias::new(what)))
            .order_by((m.clone(), Alias::new("taken_at")), order)
            .limit(1)
            .to_owned();
        Expr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(q)))
    };
    let count = of(true).expr(Func::count(Expr::col(Asterisk))).to_owned();
    let stmt = Query::select()
        .expr_as(col(&e, "id"), Alias::new("episode_id"))
        .expr_as(
            first("total", false, Order::Desc),
            Alias::new("latest_total"),
        )
        .expr_as(first("band", false, Order::Desc), Alias::new("latest_band"))
        .expr_as(
            first("taken_at", false, Order::Desc),
            Alias::new("latest_at"),
        )
        .expr_as(
            first("episode_id", false, Order::Desc),
            Alias::new("latest_episode_id"),
        )
        .expr_as(first("total", true, Order::Asc), Alias::new("baseline"))
        .expr_as(
            Expr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(count))),
            Alias::new("count"),
        )
        .from_as(Alias::new("episodes"), e.clone())
        .and_where(col(&e, "id").is_in(episode_ids.iter().copied()))
        .to_owned();
    Ok(
        EpisodeSummary::find_by_statement(StatementBuilder::build(
            &stmt,
            &c.get_database_backend(),
        ))
        .all(c)
        .await?,
    )
}
