//! Clients' requests for another time: the times they propose, and the answer with its sealed
//! message. The reason asked is the `session_changes` row of the same id.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::Result;
use crate::crypto::Keyring;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "session_requests")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub session_id: Uuid,
        pub client_id: Uuid,
        pub asked_at: DateTimeUtc,
        pub proposed_1: Option<DateTimeUtc>,
        pub proposed_2: Option<DateTimeUtc>,
        pub proposed_3: Option<DateTimeUtc>,
        pub answer: Option<String>,
        pub answered_at: Option<DateTimeUtc>,
        pub answered_by: Option<Uuid>,
        pub message: Option<String>,
        pub to_starts_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const TABLE: &str = "session_requests";

/// A request for another time, its message opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub id: Uuid,
    pub session_id: Uuid,
    pub client_id: Uuid,
    pub asked_at: DateTime<Utc>,
    /// Up to three, in the order given.
    pub proposed: Vec<DateTime<Utc>>,
    /// `accepted`, `moved` or `declined`; `None` while open.
    pub answer: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    pub answered_by: Option<Uuid>,
    pub message: Option<String>,
    /// Where the answer moved the session to.
    pub to_starts_at: Option<DateTime<Utc>>,
}

fn open(keys: &Keyring, m: entity::Model) -> Result<Request> {
    let message = m
        .message
        .as_deref()
        .map(|t| keys.open(TABLE, "message", &m.id.to_string(), t))
        .transpose()?;
    Ok(Request {
        id: m.id,
        session_id: m.session_id,
        client_id: m.client_id,
        asked_at: m.asked_at,
        proposed: [m.proposed_1, m.proposed_2, m.proposed_3]
            .into_iter()
            .flatten()
            .collect(),
        answer: m.answer,
        answered_at: m.answered_at,
        answered_by: m.answered_by,
        message,
        to_starts_at: m.to_starts_at,
    })
}

/// Stores an open request (its reason is the change row of the same id, stored first).
pub async fn insert(c: &impl ConnectionTrait, r: &Request) -> Result<()> {
    let p = |i: usize| Set(r.proposed.get(i).copied());
    entity::ActiveModel {
        id: Set(r.id),
        session_id: Set(r.session_id),
        client_id: Set(r.client_id),
        asked_at: Set(r.asked_at),
        proposed_1: p(0),
        proposed_2: p(1),
        proposed_3: p(2),
        answer: Set(None),
        answered_at: Set(None),
        answered_by: Set(None),
        message: Set(None),
        to_starts_at: Set(None),
    }
    .insert(c)
    .await?;
    Ok(())
}

pub async fn find(c: &impl ConnectionTrait, keys: &Keyring, id: Uuid) -> Result<Option<Request>> {
    entity::Entity::find_by_id(id)
        .one(c)
        .await?
        .map(|m| open(keys, m))
        .transpose()
}

/// Whether the client has a request on this session still open.
pub async fn has_open(c: &impl ConnectionTrait, session_id: Uuid, client_id: Uuid) -> Result<bool> {
    Ok(entity::Entity::find()
        .filter(entity::Column::SessionId.eq(session_id))
        .filter(entity::Column::ClientId.eq(client_id))
        .filter(entity::Column::Answer.is_null())
        .one(c)
        .await?
        .is_some())
}

/// The requests on these sessions, oldest first.
pub async fn of_sessions(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    session_ids: &[Uuid],
) -> Result<Vec<Request>> {
    if session_ids.is_empty() {
        return Ok(vec![]);
    }
    entity::Entity::find()
        .filter(entity::Column::SessionId.is_in(session_ids.iter().copied()))
        .order_by_asc(entity::Column::AskedAt)
        .all(c)
        .await?
        .into_iter()
        .map(|m| open(keys, m))
        .collect()
}

/// A client's requests asked since `since`, and any still open, oldest first.
pub async fn of_client(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    client_id: Uuid,
    since: DateTime<Utc>,
) -> Result<Vec<Request>> {
    use sea_orm::Condition;
    entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .filter(
            Condition::any()
                .add(entity::Column::AskedAt.gte(since))
                .add(entity::Column::Answer.is_null()),
        )
        .order_by_asc(entity::Column::AskedAt)
        .all(c)
        .await?
        .into_iter()
        .map(|m| open(keys, m))
        .collect()
}

/// The open requests on the sessions a clinician leads that are not cancelled, oldest first.
pub async fn open_for_clinician(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    clinician_id: Uuid,
) -> Result<Vec<Request>> {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
    let s = Alias::new("therapy_sessions");
    let led = Query::select()
        .column((s.clone(), Alias::new("id")))
        .from(s.clone())
        .and_where(Expr::col((s.clone(), Alias::new("clinician_id"))).eq(clinician_id))
        .and_where(Expr::col((s, Alias::new("cancelled_at"))).is_null())
        .to_owned();
    entity::Entity::find()
        .filter(entity::Column::Answer.is_null())
        .filter(entity::Column::SessionId.in_subquery(led))
        .order_by_asc(entity::Column::AskedAt)
        .all(c)
        .await?
        .into_iter()
        .map(|m| open(keys, m))
        .collect()
}

/// An answer to a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub answer: String,
    pub at: DateTime<Utc>,
    pub by: Uuid,
    pub message: Option<String>,
    pub to_starts_at: Option<DateTime<Utc>>,
}

/// Answers a request that is still open; false when it was answered already (of two answers at
/// once exactly one counts).
pub async fn answer(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    id: Uuid,
    a: &Answer,
) -> Result<bool> {
    use sea_orm::sea_query::Expr;
    let message = a
        .message
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(|m| keys.seal(TABLE, "message", &id.to_string(), m))
        .transpose()?;
    let res = entity::Entity::update_many()
        .col_expr(entity::Column::Answer, Expr::value(Some(a.answer.clone())))
        .col_expr(entity::Column::AnsweredAt, Expr::value(Some(a.at)))
        .col_expr(entity::Column::AnsweredBy, Expr::value(Some(a.by)))
        .col_expr(entity::Column::Message, Expr::value(message))
        .col_expr(entity::Column::ToStartsAt, Expr::value(a.to_starts_at))
        .filter(entity::Column::Id.eq(id))
        .filter(entity::Column::Answer.is_null())
        .exec(c)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Closes every open request on a session the clinician moved: answered `moved`, to its new
/// time, with no message of its own (the move's reason is on the session).
pub async fn close_moved(
    c: &impl ConnectionTrait,
    session_id: Uuid,
    at: DateTime<Utc>,
    by: Uuid,
    to: DateTime<Utc>,
) -> Result<u64> {
    use sea_orm::sea_query::Expr;
    let res = entity::Entity::update_many()
        .col_expr(entity::Column::Answer, Expr::value(Some("moved")))
        .col_expr(entity::Column::AnsweredAt, Expr::value(Some(at)))
        .col_expr(entity::Column::AnsweredBy, Expr::value(Some(by)))
        .col_expr(entity::Column::ToStartsAt, Expr::value(Some(to)))
        .filter(entity::Column::SessionId.eq(session_id))
        .filter(entity::Column::Answer.is_null())
        .exec(c)
        .await?;
    Ok(res.rows_affected)
}
