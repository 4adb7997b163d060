//! What outcome reports and the practice's expected-recovery curves read: episodes, their
//! PHQ-9 and GAD-7 totals, attended sessions, treatment plans and care-team memberships — a
//! handful of queries whatever the number of episodes (no query per episode).

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Func, Query, SelectStatement};
use sea_orm::{ConnectionTrait, FromQueryResult, QueryOrder, QuerySelect, StatementBuilder};

use crate::Result;
use crate::care_teams::{Membership, entity as teams};
use crate::crypto::Keyring;
use crate::episodes::{Episode, entity as episodes};
use crate::measures::entity as measures;
use crate::plans::documents::entity as plans;

/// Which episodes: those open at some time in `[from, to)` (started before `to`, not ended
/// before `from`), of clients `clinician` was ever on the care team of, when given.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub clinician: Option<Uuid>,
}

impl Window {
    fn condition(&self) -> Condition {
        let ended_in_or_after = Condition::any()
            .add(episodes::Column::DischargedAt.gte(self.from))
            .add(
                Condition::all()
                    .add(episodes::Column::DischargedAt.is_null())
                    .add(
                        Condition::any()
                            .add(episodes::Column::ClosedAt.is_null())
                            .add(episodes::Column::ClosedAt.gte(self.from)),
                    ),
            );
        let mut c = Condition::all()
            .add(episodes::Column::StartedAt.lt(self.to))
            .add(ended_in_or_after);
        if let Some(clinician) = self.clinician {
            let theirs = Query::select()
                .column(teams::Column::ClientId)
                .from(teams::Entity)
                .and_where(teams::Column::ClinicianId.eq(clinician))
                .to_owned();
            c = c.add(episodes::Column::ClientId.in_subquery(theirs));
        }
        c
    }

    fn episode_ids(&self) -> SelectStatement {
        Query::select()
            .column(episodes::Column::Id)
            .from(episodes::Entity)
            .cond_where(self.condition())
            .to_owned()
    }

    fn client_ids(&self) -> SelectStatement {
        Query::select()
            .column(episodes::Column::ClientId)
            .from(episodes::Entity)
            .cond_where(self.condition())
            .to_owned()
    }
}

/// A PHQ-9 or GAD-7 total of an episode.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct Score {
    pub episode_id: Uuid,
    pub instrument: String,
    pub taken_at: DateTime<Utc>,
    pub total: i16,
}

/// An attended, not cancelled session of a client.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct Attended {
    pub client_id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub kind: String,
    pub clinician_id: Uuid,
}

/// A treatment plan version, its body opened (JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanBody {
    pub client_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub body: String,
}

/// Everything a report over a window reads.
#[derive(Debug, Clone, Default)]
pub struct ReportRows {
    pub episodes: Vec<Episode>,
    /// PHQ-9 and GAD-7, oldest first.
    pub scores: Vec<Score>,
    /// Oldest first.
    pub sessions: Vec<Attended>,
    /// Treatment plans, oldest first.
    pub plans: Vec<PlanBody>,
    pub memberships: Vec<Membership>,
}

/// The rows of every episode in `w`, five queries in all.
pub async fn rows(c: &impl ConnectionTrait, keys: &Keyring, w: &Window) -> Result<ReportRows> {
    let episodes = episodes::Entity::find()
        .filter(w.condition())
        .order_by_asc(episodes::Column::StartedAt)
        .all(c)
        .await?;
    let scores = scores_of(c, w.episode_ids()).await?;
    let a = Alias::new("session_attendees");
    let s = Alias::new("therapy_sessions");
    let stmt = Query::select()
        .column((a.clone(), Alias::new("client_id")))
        .column((s.clone(), Alias::new("starts_at")))
        .column((s.clone(), Alias::new("kind")))
        .column((s.clone(), Alias::new("clinician_id")))
        .from(a.clone())
        .inner_join(
            s.clone(),
            Expr::col((s.clone(), Alias::new("id"))).equals((a.clone(), Alias::new("session_id"))),
        )
        .and_where(Expr::col((a.clone(), Alias::new("attendance"))).eq("attended"))
        .and_where(Expr::col((s.clone(), Alias::new("cancelled_at"))).is_null())
        .and_where(Expr::col((a, Alias::new("client_id"))).in_subquery(w.client_ids()))
        .order_by((s, Alias::new("starts_at")), sea_orm::Order::Asc)
        .to_owned();
    let sessions =
        Attended::find_by_statement(StatementBuilder::build(&stmt, &c.get_database_backend()))
            .all(c)
            .await?;
    let plans = plans::Entity::find()
        .filter(plans::Column::Kind.eq("treatment"))
        .filter(plans::Column::ClientId.in_subquery(w.client_ids()))
        .order_by_asc(plans::Column::CreatedAt)
        .all(c)
        .await?
        .into_iter()
        .map(|m| {
            Ok(PlanBody {
                body: keys.open("plan_versions", "body", &m.id.to_string(), &m.body)?,
                client_id: m.client_id,
                created_at: m.created_at,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let memberships = teams::Entity::find()
        .filter(teams::Column::ClientId.in_subquery(w.client_ids()))
        .all(c)
        .await?;
    Ok(ReportRows {
        episodes,
        scores,
        sessions,
        plans,
        memberships,
    })
}

async fn scores_of(c: &impl ConnectionTrait, episode_ids: SelectStatement) -> Result<Vec<Score>> {
    Ok(measures::Entity::find()
        .select_only()
        .column(measures::Column::EpisodeId)
        .column(measures::Column::Instrument)
        .column(measures::Column::TakenAt)
        .column(measures::Column::Total)
        .filter(measures::Column::Instrument.is_in(["phq9", "gad7"]))
        .filter(measures::Column::EpisodeId.in_subquery(episode_ids))
        .order_by_asc(measures::Column::TakenAt)
        .into_model::<Score>()
        .all(c)
        .await?)
}

fn finished() -> Condition {
    Condition::any()
        .add(episodes::Column::DischargedAt.is_not_null())
        .add(episodes::Column::ClosedAt.is_not_null())
}

/// Every finished episode (discharged or closed) and its PHQ-9 and GAD-7 totals, oldest
/// first: what the practice's expected-recovery curves are made of.
pub async fn finished_episodes(c: &impl ConnectionTrait) -> Result<(Vec<Episode>, Vec<Score>)> {
    let list = episodes::Entity::find().filter(finished()).all(c).await?;
    let ids = Query::select()
        .column(episodes::Column::Id)
        .from(episodes::Entity)
        .cond_where(finished())
        .to_owned();
    Ok((list, scores_of(c, ids).await?))
}

/// A stamp that moves when an episode finishes or is re-opened: the number of finished
/// episodes and the latest discharge and close.
pub async fn finished_stamp(
    c: &impl ConnectionTrait,
) -> Result<(i64, Option<DateTime<Utc>>, Option<DateTime<Utc>>)> {
    #[derive(FromQueryResult)]
    struct Stamp {
        n: i64,
        discharged: Option<DateTime<Utc>>,
        closed: Option<DateTime<Utc>>,
    }
    let stmt = Query::select()
        .expr_as(
            Func::count(Expr::col(episodes::Column::Id)),
            Alias::new("n"),
        )
        .expr_as(
            Func::max(Expr::col(episodes::Column::DischargedAt)),
            Alias::new("discharged"),
        )
        .expr_as(
            Func::max(Expr::col(episodes::Column::ClosedAt)),
            Alias::new("closed"),
        )
        .from(episodes::Entity)
        .cond_where(finished())
        .to_owned();
    let s = Stamp::find_by_statement(StatementBuilder::build(&stmt, &c.get_database_backend()))
        .one(c)
        .await?;
    Ok(s.map_or((0, None, None), |s| (s.n, s.discharged, s.closed)))
}

/// The ids of the active clinician accounts (a practice lead picks one to report on).
pub async fn clinicians(c: &impl ConnectionTrait) -> Result<Vec<Uuid>> {
    use crate::accounts::users::entity as users;
    Ok(users::Entity::find()
        .select_only()
        .column(users::Column::Id)
        .filter(users::Column::Role.eq("clinician"))
        .filter(users::Column::DisabledAt.is_null())
        .into_tuple()
        .all(c)
        .await?)
}
