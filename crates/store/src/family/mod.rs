//! Family access (issue 15, part 1): the invitations a client sends and the links to the family
//! members who joined. The invitee's e-mail, name and relationship are sealed; the scopes are
//! plain words joined by `,`; only the hash of an invitation's token is kept. What a family
//! member may see lives in `consents` (`kind = "family_access"`, one row per scope).
//!
//! A client's rows are reached by `client_id`; a family member's own list of links reads
//! across clients by `family_id`.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder, QuerySelect};

use crate::crypto::Keyring;
use crate::{Error, Result};

/// The `consents.kind` of a family member's scopes.
pub const CONSENT_KIND: &str = "family_access";

pub(crate) mod invitation {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "family_invitations")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub email: String,
        pub name: String,
        pub relationship: String,
        pub scopes: String,
        pub token_hash: String,
        pub created_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
        pub used_at: Option<DateTimeUtc>,
        pub withdrawn_at: Option<DateTimeUtc>,
        pub used_by: Option<Uuid>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod link {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "family_links")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub family_id: Uuid,
        pub relationship: String,
        pub invitation_id: Option<Uuid>,
        pub created_at: DateTimeUtc,
        pub ended_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const INVITATIONS: &str = "family_invitations";
const LINKS: &str = "family_links";

/// An invitation, its sealed fields opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub id: Uuid,
    pub client_id: Uuid,
    pub email: String,
    pub name: String,
    pub relationship: String,
    /// The scope words joined by `,` (as stored).
    pub scopes: String,
    pub token_hash: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub used_by: Option<Uuid>,
}

/// A link between a client and a family member, its relationship opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub id: Uuid,
    pub client_id: Uuid,
    pub family_id: Uuid,
    pub relationship: String,
    pub invitation_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
}

fn open_invitation(keys: &Keyring, m: invitation::Model) -> Result<Invitation> {
    let id = m.id.to_string();
    Ok(Invitation {
        email: keys.open(INVITATIONS, "email", &id, &m.email)?,
        name: keys.open(INVITATIONS, "name", &id, &m.name)?,
        relationship: keys.open(INVITATIONS, "relationship", &id, &m.relationship)?,
        id: m.id,
        client_id: m.client_id,
        scopes: m.scopes,
        token_hash: m.token_hash,
        created_at: m.created_at,
        expires_at: m.expires_at,
        used_at: m.used_at,
        withdrawn_at: m.withdrawn_at,
        used_by: m.used_by,
    })
}

fn open_link(keys: &Keyring, m: link::Model) -> Result<Link> {
    Ok(Link {
        relationship: keys.open(LINKS, "relationship", &m.id.to_string(), &m.relationship)?,
        id: m.id,
        client_id: m.client_id,
        family_id: m.family_id,
        invitation_id: m.invitation_id,
        created_at: m.created_at,
        ended_at: m.ended_at,
    })
}

/// Stores a new invitation (its e-mail, name and relationship sealed).
pub async fn insert_invitation(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    i: &Invitation,
) -> Result<()> {
    let id = i.id.to_string();
    invitation::ActiveModel {
        id: Set(i.id),
        client_id: Set(i.client_id),
        email: Set(keys.seal(INVITATIONS, "email", &id, &i.email)?),
        name: Set(keys.seal(INVITATIONS, "name", &id, &i.name)?),
        relationship: Set(keys.seal(INVITATIONS, "relationship", &id, &i.relationship)?),
        scopes: Set(i.scopes.clone()),
        token_hash: Set(i.token_hash.clone()),
        created_at: Set(i.created_at),
        expires_at: Set(i.expires_at),
        used_at: Set(i.used_at),
        withdrawn_at: Set(i.withdrawn_at),
        used_by: Set(i.used_by),
    }
    .insert(c)
    .await
    .map_err(|e| Error::unique(e, "token"))?;
    Ok(())
}

/// The invitation whose token hashes to `token_hash`, whatever its state.
pub async fn invitation_by_token(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    token_hash: &str,
) -> Result<Option<Invitation>> {
    invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(token_hash))
        .one(c)
        .await?
        .map(|m| open_invitation(keys, m))
        .transpose()
}

/// The client's invitations not used, not withdrawn and not expired at `now`, newest first.
pub async fn pending_of(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    client_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<Invitation>> {
    invitation::Entity::find()
        .filter(invitation::Column::ClientId.eq(client_id))
        .filter(invitation::Column::UsedAt.is_null())
        .filter(invitation::Column::WithdrawnAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .order_by_desc(invitation::Column::CreatedAt)
        .order_by_desc(invitation::Column::Id)
        .all(c)
        .await?
        .into_iter()
        .map(|m| open_invitation(keys, m))
        .collect()
}

/// Withdraws the client's invitation `id` if it is still unused and not withdrawn; whether it was.
pub async fn withdraw(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool> {
    let r = invitation::Entity::update_many()
        .col_expr(invitation::Column::WithdrawnAt, Expr::value(now))
        .filter(invitation::Column::Id.eq(id))
        .filter(invitation::Column::ClientId.eq(client_id))
        .filter(invitation::Column::UsedAt.is_null())
        .filter(invitation::Column::WithdrawnAt.is_null())
        .exec(c)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Marks invitation `id` used by `by`, only if nobody used or withdrew it first; whether it
/// was (so two sign-ups racing on one link cannot both join).
pub async fn mark_used(
    c: &impl ConnectionTrait,
    id: Uuid,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<bool> {
    let r = invitation::Entity::update_many()
        .col_expr(invitation::Column::UsedAt, Expr::value(now))
        .col_expr(invitation::Column::UsedBy, Expr::value(by))
        .filter(invitation::Column::Id.eq(id))
        .filter(invitation::Column::UsedAt.is_null())
        .filter(invitation::Column::WithdrawnAt.is_null())
        .exec(c)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Stores a new link; a live link for the same pair is `Conflict("family link")`.
pub async fn insert_link(c: &impl ConnectionTrait, keys: &Keyring, l: &Link) -> Result<()> {
    link::ActiveModel {
        id: Set(l.id),
        client_id: Set(l.client_id),
        family_id: Set(l.family_id),
        relationship: Set(keys.seal(LINKS, "relationship", &l.id.to_string(), &l.relationship)?),
        invitation_id: Set(l.invitation_id),
        created_at: Set(l.created_at),
        ended_at: Set(l.ended_at),
    }
    .insert(c)
    .await
    .map_err(|e| Error::unique(e, "family link"))?;
    Ok(())
}

/// The live link between the client and the family member, if any.
pub async fn live_link(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    client_id: Uuid,
    family_id: Uuid,
) -> Result<Option<Link>> {
    link::Entity::find()
        .filter(link::Column::ClientId.eq(client_id))
        .filter(link::Column::FamilyId.eq(family_id))
        .filter(link::Column::EndedAt.is_null())
        .one(c)
        .await?
        .map(|m| open_link(keys, m))
        .transpose()
}

/// The client's live links, oldest first.
pub async fn links_of_client(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    client_id: Uuid,
) -> Result<Vec<Link>> {
    link::Entity::find()
        .filter(link::Column::ClientId.eq(client_id))
        .filter(link::Column::EndedAt.is_null())
        .order_by_asc(link::Column::CreatedAt)
        .order_by_asc(link::Column::Id)
        .all(c)
        .await?
        .into_iter()
        .map(|m| open_link(keys, m))
        .collect()
}

/// A family member's live links (the clients who share with them), oldest first.
pub async fn links_of_family(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    family_id: Uuid,
) -> Result<Vec<Link>> {
    link::Entity::find()
        .filter(link::Column::FamilyId.eq(family_id))
        .filter(link::Column::EndedAt.is_null())
        .order_by_asc(link::Column::CreatedAt)
        .order_by_asc(link::Column::Id)
        .all(c)
        .await?
        .into_iter()
        .map(|m| open_link(keys, m))
        .collect()
}

/// Ends a live link.
pub async fn end_link(c: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<()> {
    link::Entity::update_many()
        .col_expr(link::Column::EndedAt, Expr::value(now))
        .filter(link::Column::Id.eq(id))
        .filter(link::Column::EndedAt.is_null())
        .exec(c)
        .await?;
    Ok(())
}

/// When the family member last used the client's data: the newest audit event by them about
/// the client that was allowed (joining is not a use).
pub async fn last_seen(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    family_id: Uuid,
) -> Result<Option<DateTime<Utc>>> {
    use crate::audit::entity;
    Ok(entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .filter(entity::Column::ActorId.eq(family_id))
        .filter(entity::Column::Outcome.eq("ok"))
        .filter(entity::Column::Action.ne("family.joined"))
        .order_by_desc(entity::Column::Seq)
        .limit(1)
        .one(c)
        .await?
        .map(|e| e.at))
}
