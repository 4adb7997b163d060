//! Reminders and each person's choices about being told (issue 16): preferences, e-mail per
//! kind, the log that makes each reminder given once, the reminder e-mails of a local day,
//! and the few batched reads the reminder run needs (a page of clients at a time, never a
//! query per client per kind).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QuerySelect, TryInsertResult};

use crate::Result;

pub mod watch;

pub(crate) mod preference {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "notification_preferences")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: Uuid,
        pub quiet_start: Option<String>,
        pub quiet_end: Option<String>,
        pub daily_limit: i16,
        pub checkin_at: Option<String>,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod channel {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "notification_channels")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub kind: String,
        pub email: bool,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod log {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "reminder_log")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub key: String,
        pub user_id: Uuid,
        pub kind: String,
        pub notification_id: Option<Uuid>,
        pub given_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod email {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "reminder_emails")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub user_id: Uuid,
        pub day: Date,
        pub kind: String,
        pub send_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A person's saved settings (times as `HH:MM`).
pub type Stored = preference::Model;

/// One person's saved choices: their settings row (if they saved it) and e-mail per kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Saved {
    pub settings: Option<Stored>,
    pub email: Vec<(String, bool)>,
}

/// What `user_id` saved.
pub async fn saved_of(c: &impl ConnectionTrait, user_id: Uuid) -> Result<Saved> {
    let settings = preference::Entity::find_by_id(user_id).one(c).await?;
    let email = channel::Entity::find()
        .filter(channel::Column::UserId.eq(user_id))
        .all(c)
        .await?
        .into_iter()
        .map(|r| (r.kind, r.email))
        .collect();
    Ok(Saved { settings, email })
}

/// The settings rows of many people (those who saved none are missing), one query.
pub async fn settings_of_many(
    c: &impl ConnectionTrait,
    user_ids: &[Uuid],
) -> Result<HashMap<Uuid, Stored>> {
    Ok(preference::Entity::find()
        .filter(preference::Column::UserId.is_in(user_ids.iter().copied()))
        .all(c)
        .await?
        .into_iter()
        .map(|r| (r.user_id, r))
        .collect())
}

/// Saves a person's settings (replacing what was there).
pub async fn save_settings(c: &impl ConnectionTrait, s: Stored) -> Result<()> {
    preference::Entity::insert(preference::ActiveModel::from(s))
        .on_conflict(
            OnConflict::column(preference::Column::UserId)
                .update_columns([
                    preference::Column::QuietStart,
                    preference::Column::QuietEnd,
                    preference::Column::DailyLimit,
                    preference::Column::CheckinAt,
                    preference::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(c)
        .await?;
    Ok(())
}

/// Turns e-mail about `kind` on or off for `user_id`.
pub async fn set_email(
    c: &impl ConnectionTrait,
    user_id: Uuid,
    kind: &str,
    on: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    channel::Entity::insert(channel::ActiveModel {
        user_id: Set(user_id),
        kind: Set(kind.to_string()),
        email: Set(on),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([channel::Column::UserId, channel::Column::Kind])
            .update_columns([channel::Column::Email, channel::Column::UpdatedAt])
            .to_owned(),
    )
    .exec_without_returning(c)
    .await?;
    Ok(())
}

/// Records that the reminder `key` is given; false when it was given already (by this run,
/// an earlier one, or another server's at the same moment: on PostgreSQL the second insert
/// waits for the first transaction and then finds the key taken).
pub async fn log_once(
    c: &impl ConnectionTrait,
    key: &str,
    user_id: Uuid,
    kind: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let r = log::Entity::insert(log::ActiveModel {
        key: Set(key.to_string()),
        user_id: Set(user_id),
        kind: Set(kind.to_string()),
        notification_id: Set(None),
        given_at: Set(now),
    })
    .on_conflict_do_nothing_on([log::Column::Key])
    .exec_without_returning(c)
    .await?;
    Ok(matches!(r, TryInsertResult::Inserted(n) if n > 0))
}

/// Links a logged reminder to the notice it gave.
pub async fn set_notification(c: &impl ConnectionTrait, key: &str, id: Uuid) -> Result<()> {
    log::Entity::update_many()
        .col_expr(log::Column::NotificationId, Expr::value(id))
        .filter(log::Column::Key.eq(key))
        .exec(c)
        .await?;
    Ok(())
}

/// Which of `keys` were given already.
pub async fn given(c: &impl ConnectionTrait, keys: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for chunk in keys.chunks(500) {
        let rows: Vec<String> = log::Entity::find()
            .select_only()
            .column(log::Column::Key)
            .filter(log::Column::Key.is_in(chunk.iter().cloned()))
            .into_tuple()
            .all(c)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// How many reminder e-mails `user_id` has on the local `day`.
pub async fn emails_on(c: &impl ConnectionTrait, user_id: Uuid, day: NaiveDate) -> Result<u64> {
    Ok(email::Entity::find()
        .filter(email::Column::UserId.eq(user_id))
        .filter(email::Column::Day.eq(day))
        .count(c)
        .await?)
}

/// Counts one reminder e-mail on the local `day`.
pub async fn add_email(
    c: &impl ConnectionTrait,
    id: Uuid,
    user_id: Uuid,
    day: NaiveDate,
    kind: &str,
    send_at: DateTime<Utc>,
) -> Result<()> {
    email::Entity::insert(email::ActiveModel {
        id: Set(id),
        user_id: Set(user_id),
        day: Set(day),
        kind: Set(kind.to_string()),
        send_at: Set(send_at),
    })
    .exec_without_returning(c)
    .await?;
    Ok(())
}

/// A client the reminders are for: an account that is not disabled, in an active episode or
/// in maintenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub id: Uuid,
    pub timezone: String,
}

/// The last time each of the clients took each instrument: (client, instrument, taken_at).
pub async fn last_taken(
    c: &impl ConnectionTrait,
    client_ids: &[Uuid],
) -> Result<Vec<(Uuid, String, DateTime<Utc>)>> {
    use crate::measures::entity as measures;
    let rows: Vec<(Uuid, String, Option<DateTime<Utc>>)> = measures::Entity::find()
        .select_only()
        .column(measures::Column::ClientId)
        .column(measures::Column::Instrument)
        .column_as(measures::Column::TakenAt.max(), "last")
        .filter(measures::Column::ClientId.is_in(client_ids.iter().copied()))
        .group_by(measures::Column::ClientId)
        .group_by(measures::Column::Instrument)
        .into_tuple()
        .all(c)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, i, at)| Some((id, i, at?)))
        .collect())
}

/// The clinicians' changes to how often each of the clients is asked: (client, what, days).
pub async fn schedules_of_many(
    c: &impl ConnectionTrait,
    client_ids: &[Uuid],
) -> Result<Vec<(Uuid, String, i32)>> {
    use crate::measures::schedules::entity as schedules;
    Ok(schedules::Entity::find()
        .filter(schedules::Column::ClientId.is_in(client_ids.iter().copied()))
        .all(c)
        .await?
        .into_iter()
        .map(|s| (s.client_id, s.instrument, s.every_days))
        .collect())
}

/// An assignment's calendar, for its due days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomeworkDates {
    pub id: Uuid,
    pub client_id: Uuid,
    pub due_on: Option<NaiveDate>,
    pub repeat_every: Option<String>,
    pub repeat_until: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

/// The open (not cancelled) assignments of the clients that may fall due on or after `from`.
pub async fn homework_of_many(
    c: &impl ConnectionTrait,
    client_ids: &[Uuid],
    from: NaiveDate,
) -> Result<Vec<HomeworkDates>> {
    use crate::homework::assignment;
    use sea_orm::Condition;
    Ok(assignment::Entity::find()
        .filter(assignment::Column::ClientId.is_in(client_ids.iter().copied()))
        .filter(assignment::Column::CancelledAt.is_null())
        .filter(
            Condition::any()
                .add(assignment::Column::DueOn.gte(from))
                .add(assignment::Column::RepeatUntil.gte(from)),
        )
        .all(c)
        .await?
        .into_iter()
        .map(|a| HomeworkDates {
            id: a.id,
            client_id: a.client_id,
            due_on: a.due_on,
            repeat_every: a.repeat_every,
            repeat_until: a.repeat_until,
            created_at: a.created_at,
        })
        .collect())
}

/// The occurrences sent (not drafts) on or after `from`, as (assignment, occurrence).
pub async fn homework_sent_since(
    c: &impl ConnectionTrait,
    client_ids: &[Uuid],
    from: NaiveDate,
) -> Result<Vec<(Uuid, Option<NaiveDate>)>> {
    use crate::homework::entry;
    Ok(entry::Entity::find()
        .select_only()
        .column(entry::Column::AssignmentId)
        .column(entry::Column::DueOn)
        .filter(entry::Column::ClientId.is_in(client_ids.iter().copied()))
        .filter(entry::Column::Draft.eq(false))
        .filter(entry::Column::DueOn.gte(from))
        .into_tuple()
        .all(c)
        .await?)
}

/// A session ahead that a client attends (not cancelled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upcoming {
    pub session_id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub client_id: Uuid,
}

/// Whether `user_id` is an account that is not disabled, with its role and timezone.
pub async fn account_of(
    c: &impl ConnectionTrait,
    user_id: Uuid,
) -> Result<Option<(String, String)>> {
    use crate::accounts::users::entity as users;
    Ok(users::Entity::find()
        .select_only()
        .column(users::Column::Role)
        .column(users::Column::Timezone)
        .filter(users::Column::Id.eq(user_id))
        .filter(users::Column::DisabledAt.is_null())
        .into_tuple()
        .one(c)
        .await?)
}
