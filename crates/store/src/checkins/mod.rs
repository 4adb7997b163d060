//! Daily check-ins and the client's own warning signs they can tick.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::crypto::Keyring;
use crate::{ClientTx, Result, Tx};

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "checkins")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub episode_id: Option<Uuid>,
        pub day: Date,
        pub taken_at: DateTimeUtc,
        pub mood: i16,
        pub sleep_quarters: i16,
        pub medication: String,
        pub note: Option<String>,
        pub reported_by: Uuid,
        pub self_harm: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(has_many = "super::sign_tick::Entity")]
        Ticks,
    }

    impl Related<super::sign_tick::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Ticks.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod sign_tick {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "checkin_signs")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub checkin_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub sign_id: Uuid,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::entity::Entity",
            from = "Column::CheckinId",
            to = "super::entity::Column::Id"
        )]
        Checkin,
    }

    impl Related<super::entity::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Checkin.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod sign {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "warning_signs")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub label: String,
        pub created_at: DateTimeUtc,
        pub retired_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const TABLE: &str = "checkins";
const SIGNS: &str = "warning_signs";

/// A check-in with its note opened and the warning signs ticked.
#[derive(Debug, Clone, PartialEq)]
pub struct Checkin {
    pub id: Uuid,
    pub client_id: Uuid,
    pub episode_id: Option<Uuid>,
    pub day: NaiveDate,
    pub taken_at: DateTime<Utc>,
    pub mood: i16,
    pub sleep_quarters: i16,
    pub medication: String,
    pub note: Option<String>,
    pub reported_by: Uuid,
    pub signs: Vec<Uuid>,
    /// The answer to the question about self-harm (`yes`, `no`, `skip`); `None` when it was
    /// not asked.
    pub self_harm: Option<String>,
}

pub async fn insert(c: &impl ConnectionTrait, keys: &Keyring, k: &Checkin) -> Result<()> {
    let note = k
        .note
        .as_deref()
        .map(|n| keys.seal(TABLE, "note", &k.id.to_string(), n))
        .transpose()?;
    entity::ActiveModel {
        id: Set(k.id),
        client_id: Set(k.client_id),
        episode_id: Set(k.episode_id),
        day: Set(k.day),
        taken_at: Set(k.taken_at),
        mood: Set(k.mood),
        sleep_quarters: Set(k.sleep_quarters),
        medication: Set(k.medication.clone()),
        note: Set(note),
        reported_by: Set(k.reported_by),
        self_harm: Set(k.self_harm.clone()),
    }
    .insert(c)
    .await?;
    if !k.signs.is_empty() {
        sign_tick::Entity::insert_many(k.signs.iter().map(|s| sign_tick::ActiveModel {
            checkin_id: Set(k.id),
            sign_id: Set(*s),
        }))
        .exec(c)
        .await?;
    }
    Ok(())
}

/// The handle's client's check-ins from `since` on, oldest first, notes opened.
pub async fn since_of<T: Tx>(ct: &ClientTx<'_, T>, since: NaiveDate) -> Result<Vec<Checkin>> {
    self::since(ct.conn(), Some(ct.keys()), ct.client_id(), since).await
}

/// A client's check-ins from `since` on, oldest first. Notes stay sealed unless `keys` is given.
pub async fn since(
    c: &impl ConnectionTrait,
    keys: Option<&Keyring>,
    client_id: Uuid,
    since: NaiveDate,
) -> Result<Vec<Checkin>> {
    read_since(c, keys, entity::Column::ClientId.eq(client_id), since).await
}

/// The check-ins of many clients from `since` on, oldest first, with notes sealed (the
/// hourly sweep reads a page of clients at once).
pub async fn since_of_clients(
    c: &impl ConnectionTrait,
    client_ids: &[Uuid],
    since: NaiveDate,
) -> Result<Vec<Checkin>> {
    let clients = entity::Column::ClientId.is_in(client_ids.iter().copied());
    read_since(c, None, clients, since).await
}

async fn read_since(
    c: &impl ConnectionTrait,
    keys: Option<&Keyring>,
    clients: sea_orm::sea_query::SimpleExpr,
    since: NaiveDate,
) -> Result<Vec<Checkin>> {
    // One statement: the check-ins with their ticked signs joined (a submission's rules read
    // this under the write lock, where every statement is a hand-off to the database thread).
    let rows = entity::Entity::find()
        .filter(clients)
        .filter(entity::Column::Day.gte(since))
        .order_by_asc(entity::Column::Day)
        .order_by_asc(entity::Column::TakenAt)
        .find_with_related(sign_tick::Entity)
        .all(c)
        .await?;
    rows.into_iter()
        .map(|(r, ticks)| {
            let note = match (keys, &r.note) {
                (Some(k), Some(n)) => Some(k.open(TABLE, "note", &r.id.to_string(), n)?),
                _ => None,
            };
            Ok(Checkin {
                signs: ticks.into_iter().map(|t| t.sign_id).collect(),
                id: r.id,
                client_id: r.client_id,
                episode_id: r.episode_id,
                day: r.day,
                taken_at: r.taken_at,
                mood: r.mood,
                sleep_quarters: r.sleep_quarters,
                medication: r.medication,
                note,
                reported_by: r.reported_by,
                self_harm: r.self_harm,
            })
        })
        .collect()
}

/// The latest check-in day of each of many clients (the caseload): one grouped query.
pub async fn last_days(
    c: &impl ConnectionTrait,
    client_ids: &[Uuid],
) -> Result<Vec<(Uuid, NaiveDate)>> {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query, SubQueryStatement};
    use sea_orm::{FromQueryResult, StatementBuilder};
    #[derive(FromQueryResult)]
    struct Row {
        id: Uuid,
        day: Option<NaiveDate>,
    }
    // One look-up at the end of each client's stretch of `checkins_client_day`, where a
    // grouped MAX would walk all of every client's days (a year: ~50,000 entries for a
    // caseload).
    let (k, u) = (Alias::new("k"), Alias::new("users"));
    let latest = Query::select()
        .expr(Func::max(Expr::col((k.clone(), Alias::new("day")))))
        .from_as(Alias::new("checkins"), k.clone())
        .and_where(Expr::col((k, Alias::new("client_id"))).equals((u.clone(), Alias::new("id"))))
        .to_owned();
    let stmt = Query::select()
        .column((u.clone(), Alias::new("id")))
        .expr_as(
            Expr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(latest))),
            Alias::new("day"),
        )
        .from(u.clone())
        .and_where(Expr::col((u, Alias::new("id"))).is_in(client_ids.iter().copied()))
        .to_owned();
    let rows = Row::find_by_statement(StatementBuilder::build(&stmt, &c.get_database_backend()))
        .all(c)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| Some((r.id, r.day?)))
        .collect())
}

/// One of the client's own early warning signs, in their words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningSign {
    pub id: Uuid,
    pub client_id: Uuid,
    pub label: String,
}

pub async fn add_sign(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    s: &WarningSign,
    now: DateTime<Utc>,
) -> Result<()> {
    sign::ActiveModel {
        id: Set(s.id),
        client_id: Set(s.client_id),
        label: Set(keys.seal(SIGNS, "label", &s.id.to_string(), &s.label)?),
        created_at: Set(now),
        retired_at: Set(None),
    }
    .insert(c)
    .await?;
    Ok(())
}

/// The client's warning signs in use, oldest first.
pub async fn signs_of(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    client_id: Uuid,
) -> Result<Vec<WarningSign>> {
    entity_signs(c, client_id)
        .await?
        .into_iter()
        .map(|s| {
            Ok(WarningSign {
                label: keys.open(SIGNS, "label", &s.id.to_string(), &s.label)?,
                id: s.id,
                client_id: s.client_id,
            })
        })
        .collect()
}

/// The ids of the client's warning signs in use.
pub async fn sign_ids_of(c: &impl ConnectionTrait, client_id: Uuid) -> Result<Vec<Uuid>> {
    Ok(entity_signs(c, client_id)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect())
}

async fn entity_signs(c: &impl ConnectionTrait, client_id: Uuid) -> Result<Vec<sign::Model>> {
    Ok(sign::Entity::find()
        .filter(sign::Column::ClientId.eq(client_id))
        .filter(sign::Column::RetiredAt.is_null())
        .order_by_asc(sign::Column::CreatedAt)
        .all(c)
        .await?)
}

/// Takes a warning sign off the client's list (its past ticks stay).
pub async fn retire_sign(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool> {
    let res = sign::Entity::update_many()
        .col_expr(
            sign::Column::RetiredAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(sign::Column::Id.eq(id))
        .filter(sign::Column::ClientId.eq(client_id))
        .filter(sign::Column::RetiredAt.is_null())
        .exec(c)
        .await?;
    Ok(res.rows_affected == 1)
}
