use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::crypto::Keyring;
use crate::{Error, Result};

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "users")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        #[sea_orm(unique)]
        pub email: String,
        pub name: String,
        pub role: String,
        pub password_hash: String,
        pub totp_secret: Option<String>,
        pub totp_enrolled_at: Option<DateTimeUtc>,
        pub totp_last_step: i64,
        pub timezone: String,
        pub locale: String,
        /// The language chosen (m0046); `None` follows the browser.
        pub language: Option<String>,
        pub created_at: DateTimeUtc,
        pub password_changed_at: DateTimeUtc,
        pub disabled_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) const TABLE: &str = "users";

/// An account, with its sealed fields opened.
#[derive(Debug, Clone)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub role: String,
    pub password_hash: String,
    pub totp_secret: Option<String>,
    pub totp_enrolled_at: Option<DateTime<Utc>>,
    pub totp_last_step: i64,
    pub timezone: String,
    pub locale: String,
    /// The language chosen (`en`, `es`); `None` follows the browser.
    pub language: Option<String>,
    pub created_at: DateTime<Utc>,
    pub disabled_at: Option<DateTime<Utc>>,
}

impl User {
    pub(crate) fn from_model(m: entity::Model, keys: &Keyring) -> Result<User> {
        let id = m.id.to_string();
        Ok(User {
            name: keys.open(TABLE, "name", &id, &m.name)?,
            totp_secret: m
                .totp_secret
                .as_deref()
                .map(|s| keys.open(TABLE, "totp_secret", &id, s))
                .transpose()?,
            id: m.id,
            email: m.email,
            role: m.role,
            password_hash: m.password_hash,
            totp_enrolled_at: m.totp_enrolled_at,
            totp_last_step: m.totp_last_step,
            timezone: m.timezone,
            locale: m.locale,
            language: m.language,
            created_at: m.created_at,
            disabled_at: m.disabled_at,
        })
    }
}

pub struct NewUser<'a> {
    pub id: Uuid,
    pub email: &'a str,
    pub name: &'a str,
    pub role: &'a str,
    pub password_hash: &'a str,
    pub timezone: &'a str,
    pub now: DateTime<Utc>,
}

pub async fn insert(c: &impl ConnectionTrait, keys: &Keyring, u: NewUser<'_>) -> Result<()> {
    let id = u.id.to_string();
    entity::ActiveModel {
        id: Set(u.id),
        email: Set(u.email.to_string()),
        name: Set(keys.seal(TABLE, "name", &id, u.name)?),
        role: Set(u.role.to_string()),
        password_hash: Set(u.password_hash.to_string()),
        totp_secret: Set(None),
        totp_enrolled_at: Set(None),
        totp_last_step: Set(0),
        timezone: Set(u.timezone.to_string()),
        locale: Set("en".to_string()),
        language: Set(None),
        created_at: Set(u.now),
        password_changed_at: Set(u.now),
        disabled_at: Set(None),
    }
    .insert(c)
    .await
    .map_err(|e| Error::unique(e, "e-mail address"))?;
    super::search::index(c, keys, u.id, u.name).await
}

pub async fn find(c: &impl ConnectionTrait, keys: &Keyring, id: Uuid) -> Result<Option<User>> {
    entity::Entity::find_by_id(id)
        .one(c)
        .await?
        .map(|m| User::from_model(m, keys))
        .transpose()
}

/// A user's timezone alone (nothing to open).
pub async fn timezone_of(c: &impl ConnectionTrait, id: Uuid) -> Result<Option<String>> {
    use sea_orm::QuerySelect;
    Ok(entity::Entity::find_by_id(id)
        .select_only()
        .column(entity::Column::Timezone)
        .into_tuple()
        .one(c)
        .await?)
}

/// The timezones of many users at once (the hourly sweep's page of clients).
pub async fn timezones_of(c: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<(Uuid, String)>> {
    use sea_orm::QuerySelect;
    Ok(entity::Entity::find()
        .select_only()
        .column(entity::Column::Id)
        .column(entity::Column::Timezone)
        .filter(entity::Column::Id.is_in(ids.iter().copied()))
        .into_tuple()
        .all(c)
        .await?)
}

/// A user's sealed name, opened (for a query that read it with other tables).
pub(crate) fn open_name(keys: &Keyring, id: Uuid, sealed: &str) -> Result<String> {
    keys.open(TABLE, "name", &id.to_string(), sealed)
}

/// The names of many users at once (one query; the caseload), opened.
pub async fn names_of(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    ids: &[Uuid],
) -> Result<Vec<(Uuid, String)>> {
    entity::Entity::find()
        .filter(entity::Column::Id.is_in(ids.iter().copied()))
        .all(c)
        .await?
        .into_iter()
        .map(|m| Ok((m.id, keys.open(TABLE, "name", &m.id.to_string(), &m.name)?)))
        .collect()
}

/// The name of `id` in what [`names_of`] read; empty for someone it did not find.
pub fn name_in(names: &[(Uuid, String)], id: Uuid) -> String {
    names
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, n)| n.clone())
        .unwrap_or_default()
}

pub async fn find_by_email(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    email: &str,
) -> Result<Option<User>> {
    entity::Entity::find()
        .filter(entity::Column::Email.eq(email))
        .one(c)
        .await?
        .map(|m| User::from_model(m, keys))
        .transpose()
}

/// Every account, oldest first (the administrator's list).
pub async fn list(c: &impl ConnectionTrait, keys: &Keyring) -> Result<Vec<User>> {
    entity::Entity::find()
        .order_by_asc(entity::Column::CreatedAt)
        .all(c)
        .await?
        .into_iter()
        .map(|m| User::from_model(m, keys))
        .collect()
}

/// The accounts of one role, oldest first (the clinicians of a rota, say: a few among
/// 100,000 clients, found by the role's index).
pub async fn of_role(c: &impl ConnectionTrait, keys: &Keyring, role: &str) -> Result<Vec<User>> {
    entity::Entity::find()
        .filter(entity::Column::Role.eq(role))
        .order_by_asc(entity::Column::CreatedAt)
        .all(c)
        .await?
        .into_iter()
        .map(|m| User::from_model(m, keys))
        .collect()
}

/// How many accounts each role has.
pub async fn count_by_role(c: &impl ConnectionTrait) -> Result<Vec<(String, i64)>> {
    use sea_orm::QuerySelect;
    use sea_orm::sea_query::{Asterisk, Expr, ExprTrait};
    // `COUNT(*)`, not `COUNT(id)`: the count is then answered from the (role, email) index
    // alone; counting ids read every account's row (10 ms against 50 ms at 100,000 clients
    // on SQLite).
    Ok(entity::Entity::find()
        .select_only()
        .column(entity::Column::Role)
        .column_as(Expr::col(Asterisk).count(), "n")
        .group_by(entity::Column::Role)
        .into_tuple()
        .all(c)
        .await?)
}

pub async fn set_password(
    c: &impl ConnectionTrait,
    id: Uuid,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    entity::ActiveModel {
        id: Set(id),
        password_hash: Set(password_hash.to_string()),
        password_changed_at: Set(now),
        ..Default::default()
    }
    .update(c)
    .await?;
    Ok(())
}

/// Sets (or, with `None`, forgets) the language a person chose.
pub async fn set_language(
    c: &impl ConnectionTrait,
    id: Uuid,
    language: Option<&str>,
) -> Result<()> {
    entity::ActiveModel {
        id: Set(id),
        language: Set(language.map(str::to_string)),
        ..Default::default()
    }
    .update(c)
    .await?;
    Ok(())
}

/// Stores a TOTP secret that is not yet confirmed (enrolment started).
pub async fn set_pending_totp(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    id: Uuid,
    secret: &str,
) -> Result<()> {
    entity::ActiveModel {
        id: Set(id),
        totp_secret: Set(Some(keys.seal(
            TABLE,
            "totp_secret",
            &id.to_string(),
            secret,
        )?)),
        totp_enrolled_at: Set(None),
        ..Default::default()
    }
    .update(c)
    .await?;
    Ok(())
}

pub async fn confirm_totp(
    c: &impl ConnectionTrait,
    id: Uuid,
    now: DateTime<Utc>,
    step: i64,
) -> Result<()> {
    entity::ActiveModel {
        id: Set(id),
        totp_enrolled_at: Set(Some(now)),
        totp_last_step: Set(step),
        ..Default::default()
    }
    .update(c)
    .await?;
    Ok(())
}

/// Records `step` as the last TOTP time step used, if it is later than the one recorded. Returns
/// false when it is not (the code was used already, perhaps by a parallel request), so a code
/// is good exactly once.
pub async fn advance_totp_step(c: &impl ConnectionTrait, id: Uuid, step: i64) -> Result<bool> {
    let res = entity::Entity::update_many()
        .col_expr(entity::Column::TotpLastStep, Expr::value(step))
        .filter(entity::Column::Id.eq(id))
        .filter(entity::Column::TotpLastStep.lt(step))
        .exec(c)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Locks a user's row until the transaction ends (PostgreSQL; SQLite writers take turns
/// anyway), so that writes about one client that raise flags take turns.
pub async fn lock(tx: &crate::WriteTx, id: Uuid) -> Result<()> {
    if tx.backend() == crate::Backend::Postgres {
        use sea_orm::QuerySelect;
        entity::Entity::find_by_id(id)
            .lock(sea_orm::sea_query::LockType::Update)
            .one(tx.conn())
            .await?;
    }
    Ok(())
}

/// [`lock`] and [`timezone_of`] in one statement: the timezone of a user whose row is then
/// locked until the transaction ends (PostgreSQL; on SQLite a plain read). `None` when there
/// is no such user.
pub async fn lock_timezone(tx: &crate::WriteTx, id: Uuid) -> Result<Option<String>> {
    use sea_orm::QuerySelect;
    let mut q = entity::Entity::find_by_id(id)
        .select_only()
        .column(entity::Column::Timezone);
    if tx.backend() == crate::Backend::Postgres {
        q = q.lock(sea_orm::sea_query::LockType::Update);
    }
    Ok(q.into_tuple().one(tx.conn()).await?)
}

/// Disables (`Some(at)`) or enables (`None`) an account; false when there is no such account.
pub async fn set_disabled(
    c: &impl ConnectionTrait,
    id: Uuid,
    at: Option<DateTime<Utc>>,
) -> Result<bool> {
    let res = entity::Entity::update_many()
        .col_expr(entity::Column::DisabledAt, Expr::value(at))
        .filter(entity::Column::Id.eq(id))
        .exec(c)
        .await?;
    Ok(res.rows_affected == 1)
}
