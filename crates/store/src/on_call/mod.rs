//! Critical flags reach a person (issue 16): the on-call rota, its settings (kept in
//! `instance_settings`, [`crate::settings`]), and the
//! record of each escalation of an unacknowledged safety flag (who was told, when).

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder, TryInsertResult};

use crate::Result;
use crate::accounts::users::entity as users;
use crate::alerts::{Flag, entity as flags, evidence};

pub(crate) mod shifts {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "on_call_shifts")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub clinician_id: Uuid,
        pub starts_at: DateTimeUtc,
        pub ends_at: DateTimeUtc,
        pub added_by: Uuid,
        pub added_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod escalations {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "flag_escalations")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub flag_id: Uuid,
        pub since: DateTimeUtc,
        pub escalated_at: DateTimeUtc,
        pub via: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod recipients {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "flag_escalation_recipients")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub escalation_id: Uuid,
        pub user_id: Uuid,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A shift on the rota: the clinician is on call from `starts_at` until (not including)
/// `ends_at`.
pub type Shift = shifts::Model;
/// An escalation as stored (its recipients apart).
pub type Escalation = escalations::Model;

/// How an escalation reached someone: the rota, the triage clinicians (nobody on call), or
/// nobody at all.
pub const ON_CALL: &str = "on_call";
pub const TRIAGE: &str = "triage";
pub const NOBODY: &str = "nobody";

/// The setting that holds the escalation time, in minutes.
pub const ESCALATION_MINUTES: &str = "escalation_minutes";

/// A setting's value (JSON text), if an administrator set it.
pub async fn setting(c: &impl ConnectionTrait, name: &str) -> Result<Option<String>> {
    crate::settings::get(c, name).await
}

/// Sets a setting (created or replaced); `value` is JSON text.
pub async fn set_setting(
    c: &impl ConnectionTrait,
    name: &str,
    value: &str,
    by: Uuid,
    at: DateTime<Utc>,
) -> Result<()> {
    crate::settings::put(c, name, Some(value), by, at).await
}

/// The shifts not over at `now` (current and future), earliest first.
pub async fn upcoming(c: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Vec<Shift>> {
    Ok(shifts::Entity::find()
        .filter(shifts::Column::EndsAt.gt(now))
        .order_by_asc(shifts::Column::StartsAt)
        .order_by_asc(shifts::Column::ClinicianId)
        .all(c)
        .await?)
}

/// Replaces the shifts not over at `now` with `new`; shifts already over stay as the record
/// of who was on call.
pub async fn replace_upcoming(
    c: &impl ConnectionTrait,
    now: DateTime<Utc>,
    new: Vec<Shift>,
) -> Result<()> {
    shifts::Entity::delete_many()
        .filter(shifts::Column::EndsAt.gt(now))
        .exec(c)
        .await?;
    if new.is_empty() {
        return Ok(());
    }
    shifts::Entity::insert_many(new.into_iter().map(shifts::ActiveModel::from))
        .exec_without_returning(c)
        .await?;
    Ok(())
}

/// The clinicians on call at `at` (active clinician accounts only), in the order their shifts
/// started, each once.
pub async fn on_call_at(c: &impl ConnectionTrait, at: DateTime<Utc>) -> Result<Vec<Uuid>> {
    let ids: Vec<Uuid> = shifts::Entity::find()
        .filter(shifts::Column::StartsAt.lte(at))
        .filter(shifts::Column::EndsAt.gt(at))
        .order_by_asc(shifts::Column::StartsAt)
        .order_by_asc(shifts::Column::ClinicianId)
        .all(c)
        .await?
        .into_iter()
        .map(|s| s.clinician_id)
        .collect();
    active_clinicians(c, &ids).await
}

/// Of `ids`, those that are active clinician accounts, in the given order, each once.
pub async fn active_clinicians(c: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<Uuid>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let active: Vec<Uuid> = users::Entity::find()
        .filter(users::Column::Id.is_in(ids.iter().copied()))
        .filter(users::Column::Role.eq("clinician"))
        .filter(users::Column::DisabledAt.is_null())
        .all(c)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    let mut out: Vec<Uuid> = Vec::with_capacity(active.len());
    for id in ids {
        if active.contains(id) && !out.contains(id) {
            out.push(*id);
        }
    }
    Ok(out)
}

/// Safety flags nobody has acknowledged yet (status `open`), oldest first.
pub async fn open_safety_flags(c: &impl ConnectionTrait) -> Result<Vec<Flag>> {
    Ok(flags::Entity::find()
        .filter(flags::Column::Kind.eq("safety"))
        .filter(flags::Column::Status.eq("open"))
        .order_by_asc(flags::Column::OpenedAt)
        .all(c)
        .await?)
}

/// When the first evidence after `after` was added to the flag (what reopened it).
pub async fn first_evidence_after(
    c: &impl ConnectionTrait,
    flag_id: Uuid,
    after: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>> {
    Ok(evidence::Entity::find()
        .filter(evidence::Column::FlagId.eq(flag_id))
        .filter(evidence::Column::At.gt(after))
        .order_by_asc(evidence::Column::At)
        .one(c)
        .await?
        .map(|e| e.at))
}

/// The flag's escalation for the stretch that began at `since`, if any.
pub async fn escalation_for(
    c: &impl ConnectionTrait,
    flag_id: Uuid,
    since: DateTime<Utc>,
) -> Result<Option<Escalation>> {
    Ok(escalations::Entity::find()
        .filter(escalations::Column::FlagId.eq(flag_id))
        .filter(escalations::Column::Since.eq(since))
        .one(c)
        .await?)
}

/// An escalation that reached nobody reaches someone after all (`via` says how), if it still
/// reached nobody: false when another server got there first.
pub async fn reached_later(
    c: &impl ConnectionTrait,
    id: Uuid,
    via: &str,
    at: DateTime<Utc>,
) -> Result<bool> {
    let r = escalations::Entity::update_many()
        .col_expr(escalations::Column::Via, Expr::value(via))
        .col_expr(escalations::Column::EscalatedAt, Expr::value(at))
        .filter(escalations::Column::Id.eq(id))
        .filter(escalations::Column::Via.eq(NOBODY))
        .exec(c)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Records the escalation unless one exists for the flag and its stretch already (another
/// server got there first): false then, and nothing was written.
pub async fn claim(c: &impl ConnectionTrait, e: Escalation) -> Result<bool> {
    let r = escalations::Entity::insert(escalations::ActiveModel::from(e))
        .on_conflict_do_nothing_on([escalations::Column::FlagId, escalations::Column::Since])
        .exec_without_returning(c)
        .await?;
    Ok(matches!(r, TryInsertResult::Inserted(n) if n > 0))
}

/// Records whom an escalation reached.
pub async fn add_recipients(
    c: &impl ConnectionTrait,
    escalation_id: Uuid,
    users: &[(Uuid, Uuid)],
) -> Result<()> {
    if users.is_empty() {
        return Ok(());
    }
    recipients::Entity::insert_many(users.iter().map(|(id, user_id)| recipients::ActiveModel {
        id: Set(*id),
        escalation_id: Set(escalation_id),
        user_id: Set(*user_id),
    }))
    .exec_without_returning(c)
    .await?;
    Ok(())
}

/// The latest escalation of each of these flags, with whom it reached.
pub async fn latest_of(
    c: &impl ConnectionTrait,
    flag_ids: &[Uuid],
) -> Result<Vec<(Escalation, Vec<Uuid>)>> {
    if flag_ids.is_empty() {
        return Ok(vec![]);
    }
    let all = escalations::Entity::find()
        .filter(escalations::Column::FlagId.is_in(flag_ids.iter().copied()))
        .order_by_desc(escalations::Column::EscalatedAt)
        .order_by_desc(escalations::Column::Id)
        .all(c)
        .await?;
    let mut latest: Vec<Escalation> = Vec::new();
    for e in all {
        if !latest.iter().any(|l| l.flag_id == e.flag_id) {
            latest.push(e);
        }
    }
    if latest.is_empty() {
        return Ok(vec![]);
    }
    let who = recipients::Entity::find()
        .filter(recipients::Column::EscalationId.is_in(latest.iter().map(|e| e.id)))
        .order_by_asc(recipients::Column::Id)
        .all(c)
        .await?;
    Ok(latest
        .into_iter()
        .map(|e| {
            let to = who
                .iter()
                .filter(|r| r.escalation_id == e.id)
                .map(|r| r.user_id)
                .collect();
            (e, to)
        })
        .collect())
}

/// The unresolved flags (of `statuses`) escalated to `user_id`, newest evidence first —
/// optionally of one client only. The on-call clinician answers these as triage duty answers
/// an unassigned client's (the access policy's `OnCall` relation).
pub async fn escalated_to(
    c: &impl ConnectionTrait,
    user_id: Uuid,
    client_id: Option<Uuid>,
    statuses: &[&str],
) -> Result<Vec<Flag>> {
    use sea_orm::sea_query::{ExprTrait, Query};
    let escalations_of_user = Query::select()
        .column((escalations::Entity, escalations::Column::FlagId))
        .from(escalations::Entity)
        .inner_join(
            recipients::Entity,
            Expr::col((recipients::Entity, recipients::Column::EscalationId))
                .equals((escalations::Entity, escalations::Column::Id)),
        )
        .and_where(Expr::col((recipients::Entity, recipients::Column::UserId)).eq(user_id))
        .to_owned();
    let mut q = flags::Entity::find()
        .filter(flags::Column::Status.is_in(statuses.iter().copied()))
        .filter(flags::Column::Id.in_subquery(escalations_of_user));
    if let Some(client_id) = client_id {
        q = q.filter(flags::Column::ClientId.eq(client_id));
    }
    Ok(q.order_by_desc(flags::Column::LastEvidenceAt)
        .all(c)
        .await?)
}
