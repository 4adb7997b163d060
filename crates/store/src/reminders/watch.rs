//! When each client's reminders must next be looked at (m0048): the clients whose time has
//! come, read on an index, and their next time written back unless a change marked them
//! again meanwhile.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{Condition, ConnectionTrait, QueryOrder, QuerySelect, StatementBuilder};

use super::Upcoming;
use crate::Result;

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "reminder_watch")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub client_id: Uuid,
        pub look_at: Option<DateTimeUtc>,
        pub marks: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A client whose time to be looked at has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Watched {
    pub client_id: Uuid,
    /// The marks counted when read: the row moves on only if nothing marked it since.
    pub marks: i64,
    pub timezone: String,
    /// A client account, not disabled, in an active or maintenance episode: the reminders
    /// are for them.
    pub in_care: bool,
}

/// Up to `limit` clients whose `look_at` is at or before `now`, the earliest first.
pub async fn due(c: &impl ConnectionTrait, now: DateTime<Utc>, limit: u64) -> Result<Vec<Watched>> {
    use crate::accounts::users::entity as users;
    use crate::episodes::entity as episodes;
    let rows: Vec<(Uuid, i64)> = entity::Entity::find()
        .select_only()
        .column(entity::Column::ClientId)
        .column(entity::Column::Marks)
        .filter(entity::Column::LookAt.lte(now))
        .order_by_asc(entity::Column::LookAt)
        .order_by_asc(entity::Column::ClientId)
        .limit(limit)
        .into_tuple()
        .all(c)
        .await?;
    if rows.is_empty() {
        return Ok(vec![]);
    }
    let ids: Vec<Uuid> = rows.iter().map(|(id, _)| *id).collect();
    let in_episode = Query::select()
        .column(episodes::Column::ClientId)
        .from(episodes::Entity)
        .and_where(episodes::Column::ClientId.is_in(ids.iter().copied()))
        .and_where(episodes::Column::State.is_in(["active", "maintenance"]))
        .to_owned();
    let accounts: Vec<(Uuid, String)> = users::Entity::find()
        .select_only()
        .column(users::Column::Id)
        .column(users::Column::Timezone)
        .filter(users::Column::Id.is_in(ids.iter().copied()))
        .into_tuple()
        .all(c)
        .await?;
    let in_care: Vec<Uuid> = users::Entity::find()
        .select_only()
        .column(users::Column::Id)
        .filter(users::Column::Id.is_in(ids.iter().copied()))
        .filter(users::Column::Role.eq("client"))
        .filter(users::Column::DisabledAt.is_null())
        .filter(users::Column::Id.in_subquery(in_episode))
        .into_tuple()
        .all(c)
        .await?;
    let zones: BTreeMap<Uuid, String> = accounts.into_iter().collect();
    Ok(rows
        .into_iter()
        .map(|(client_id, marks)| Watched {
            client_id,
            marks,
            timezone: zones.get(&client_id).cloned().unwrap_or_default(),
            in_care: in_care.contains(&client_id),
        })
        .collect())
}

/// Sets each client's next `look_at` (`None`: not until something changes), unless a change
/// marked them since they were read; how many rows moved on. Rows with the same next time go
/// in one statement.
pub async fn move_on(
    c: &impl ConnectionTrait,
    next: &[(Watched, Option<DateTime<Utc>>)],
) -> Result<u64> {
    let mut groups: BTreeMap<Option<DateTime<Utc>>, Vec<&Watched>> = BTreeMap::new();
    for (w, at) in next {
        groups.entry(*at).or_default().push(w);
    }
    let mut moved = 0;
    for (at, rows) in groups {
        // Two bound values a row: well under SQLite's limit per statement.
        for chunk in rows.chunks(500) {
            let unchanged = chunk.iter().fold(Condition::any(), |any, w| {
                any.add(
                    Condition::all()
                        .add(entity::Column::ClientId.eq(w.client_id))
                        .add(entity::Column::Marks.eq(w.marks)),
                )
            });
            moved += entity::Entity::update_many()
                .col_expr(entity::Column::LookAt, Expr::value(at))
                .filter(unchanged)
                .exec(c)
                .await?
                .rows_affected;
        }
    }
    Ok(moved)
}

/// The sessions not cancelled that the clients attend, starting after `from` and up to `to`.
pub async fn sessions_of(
    c: &impl ConnectionTrait,
    client_ids: &[Uuid],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Upcoming>> {
    use crate::sessions::{attendee, entity as sessions};
    let q = Query::select()
        .column((attendee::Entity, attendee::Column::SessionId))
        .column((attendee::Entity, attendee::Column::ClientId))
        .column((sessions::Entity, sessions::Column::StartsAt))
        .from(attendee::Entity)
        .inner_join(
            sessions::Entity,
            Expr::col((sessions::Entity, sessions::Column::Id))
                .equals((attendee::Entity, attendee::Column::SessionId)),
        )
        .and_where(
            Expr::col((attendee::Entity, attendee::Column::ClientId))
                .is_in(client_ids.iter().copied()),
        )
        .and_where(Expr::col((sessions::Entity, sessions::Column::StartsAt)).gt(from))
        .and_where(Expr::col((sessions::Entity, sessions::Column::StartsAt)).lte(to))
        .and_where(Expr::col((sessions::Entity, sessions::Column::CancelledAt)).is_null())
        .to_owned();
    let rows = c
        .query_all_raw(StatementBuilder::build(&q, &c.get_database_backend()))
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Upcoming {
                session_id: r.try_get_by_index(0)?,
                client_id: r.try_get_by_index(1)?,
                starts_at: r.try_get_by_index(2)?,
            })
        })
        .collect()
}
