//! Care teams: which clinicians treat which client, in which role. Access follows them.

pub mod requests;

use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::crypto::Keyring;
use crate::{Error, Result};

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "care_teams")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub clinician_id: Uuid,
        pub role: String,
        pub started_at: DateTimeUtc,
        pub ended_at: Option<DateTimeUtc>,
        pub added_by: Option<Uuid>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub type Membership = entity::Model;

/// Adds a clinician to a client's team; refuses a second active membership of the same pair.
pub async fn add(c: &impl ConnectionTrait, m: Membership) -> Result<()> {
    if is_member(c, m.client_id, m.clinician_id).await? {
        return Err(Error::Conflict("care-team membership"));
    }
    entity::ActiveModel {
        id: Set(m.id),
        client_id: Set(m.client_id),
        clinician_id: Set(m.clinician_id),
        role: Set(m.role),
        started_at: Set(m.started_at),
        ended_at: Set(m.ended_at),
        added_by: Set(m.added_by),
    }
    .insert(c)
    .await
    .map_err(|e| Error::unique(e, "care-team membership"))?;
    Ok(())
}

/// Whether the clinician is on the client's active care team.
pub async fn is_member(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    clinician_id: Uuid,
) -> Result<bool> {
    Ok(entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .filter(entity::Column::ClinicianId.eq(clinician_id))
        .filter(entity::Column::EndedAt.is_null())
        .one(c)
        .await?
        .is_some())
}

/// The active memberships of a client's team, earliest first.
pub async fn team_of(c: &impl ConnectionTrait, client_id: Uuid) -> Result<Vec<Membership>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .filter(entity::Column::EndedAt.is_null())
        .order_by_asc(entity::Column::StartedAt)
        .all(c)
        .await?)
}

/// An active member of a client's team with what people see of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamRow {
    pub clinician_id: Uuid,
    pub role: String,
    pub started_at: DateTimeUtc,
    /// Their name, opened.
    pub name: String,
    /// The credential word of their profile, if they have one.
    pub credential: Option<String>,
}

/// [`team_of`] with each clinician's name and credential, in one query (a member whose
/// account is gone is left out).
pub async fn team_with_names(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    client_id: Uuid,
) -> Result<Vec<TeamRow>> {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query};
    use sea_orm::{FromQueryResult, StatementBuilder};
    #[derive(FromQueryResult)]
    struct Row {
        clinician_id: Uuid,
        role: String,
        started_at: DateTimeUtc,
        name: String,
        credential: Option<String>,
    }
    let (t, u, p) = (
        Alias::new("care_teams"),
        Alias::new("users"),
        Alias::new("clinician_profiles"),
    );
    let stmt = Query::select()
        .column((t.clone(), Alias::new("clinician_id")))
        .column((t.clone(), Alias::new("role")))
        .column((t.clone(), Alias::new("started_at")))
        .column((u.clone(), Alias::new("name")))
        .column((p.clone(), Alias::new("credential")))
        .from(t.clone())
        .inner_join(
            u.clone(),
            Expr::col((u, Alias::new("id"))).equals((t.clone(), Alias::new("clinician_id"))),
        )
        .left_join(
            p.clone(),
            Expr::col((p, Alias::new("user_id"))).equals((t.clone(), Alias::new("clinician_id"))),
        )
        .and_where(Expr::col((t.clone(), Alias::new("client_id"))).eq(client_id))
        .and_where(Expr::col((t.clone(), Alias::new("ended_at"))).is_null())
        .order_by((t, Alias::new("started_at")), Order::Asc)
        .to_owned();
    Row::find_by_statement(StatementBuilder::build(&stmt, &c.get_database_backend()))
        .all(c)
        .await?
        .into_iter()
        .map(|r| {
            Ok(TeamRow {
                name: crate::accounts::users::open_name(keys, r.clinician_id, &r.name)?,
                clinician_id: r.clinician_id,
                role: r.role,
                started_at: r.started_at,
                credential: r.credential,
            })
        })
        .collect()
}

/// The ended memberships of a client's team (their earlier clinicians), latest ended first.
pub async fn former_of(c: &impl ConnectionTrait, client_id: Uuid) -> Result<Vec<Membership>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .filter(entity::Column::EndedAt.is_not_null())
        .order_by_desc(entity::Column::EndedAt)
        .all(c)
        .await?)
}

/// The clinician's active memberships (their caseload).
pub async fn clients_of(c: &impl ConnectionTrait, clinician_id: Uuid) -> Result<Vec<Membership>> {
    Ok(entity::Entity::find()
        .filter(entity::Column::ClinicianId.eq(clinician_id))
        .filter(entity::Column::EndedAt.is_null())
        .order_by_asc(entity::Column::StartedAt)
        .all(c)
        .await?)
}

/// Ends the clinician's active membership of the client's team; false when there was none.
pub async fn end(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    clinician_id: Uuid,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<bool> {
    let res = entity::Entity::update_many()
        .col_expr(entity::Column::EndedAt, Expr::value(Some(at)))
        .filter(entity::Column::ClientId.eq(client_id))
        .filter(entity::Column::ClinicianId.eq(clinician_id))
        .filter(entity::Column::EndedAt.is_null())
        .exec(c)
        .await?;
    Ok(res.rows_affected > 0)
}
