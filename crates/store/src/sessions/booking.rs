//! What booking a session looks at: the sessions around a time (clashes with the clinician's
//! own or with the same room), and where a client's last session took place.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::SelectStatement;
use sea_orm::{ConnectionTrait, QueryOrder};

use super::{Session, attendee, entity, open};
use crate::Result;
use crate::crypto::Keyring;

/// Every session not cancelled that starts in `[from, to)`, any clinician's, oldest first.
pub async fn starting_between(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Session>> {
    entity::Entity::find()
        .filter(entity::Column::StartsAt.gte(from))
        .filter(entity::Column::StartsAt.lt(to))
        .filter(entity::Column::CancelledAt.is_null())
        .order_by_asc(entity::Column::StartsAt)
        .all(c)
        .await?
        .into_iter()
        .map(|m| open(keys, m))
        .collect()
}

/// The ids of the sessions `client_id` attends, as a subquery.
fn attended_by(client_id: Uuid) -> SelectStatement {
    use sea_orm::{QuerySelect, QueryTrait};
    attendee::Entity::find()
        .select_only()
        .column(attendee::Column::SessionId)
        .filter(attendee::Column::ClientId.eq(client_id))
        .into_query()
}

/// A client's latest session by its start (cancelled ones aside), if any.
pub async fn latest_of_client(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    client_id: Uuid,
) -> Result<Option<Session>> {
    entity::Entity::find()
        .filter(entity::Column::Id.in_subquery(attended_by(client_id)))
        .filter(entity::Column::CancelledAt.is_null())
        .order_by_desc(entity::Column::StartsAt)
        .one(c)
        .await?
        .map(|m| open(keys, m))
        .transpose()
}

/// A client's next session: the first not cancelled that starts after `after`, if any.
pub async fn next_of_client(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    client_id: Uuid,
    after: DateTime<Utc>,
) -> Result<Option<Session>> {
    entity::Entity::find()
        .filter(entity::Column::Id.in_subquery(attended_by(client_id)))
        .filter(entity::Column::CancelledAt.is_null())
        .filter(entity::Column::StartsAt.gt(after))
        .order_by_asc(entity::Column::StartsAt)
        .one(c)
        .await?
        .map(|m| open(keys, m))
        .transpose()
}
