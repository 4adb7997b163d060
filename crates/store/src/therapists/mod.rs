//! The directory's storage: each clinician's public profile (its JSON, with the columns the
//! directory filters on kept plain) and the practice's checks of their licence. `listed` loads
//! everyone a visitor may find in one query, for the directory and for matching.

use chrono::{DateTime, NaiveDate, Utc};
use rapport_core::therapists::Profile;
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder, Statement};

use crate::accounts::users;
use crate::crypto::Keyring;
use crate::{Error, Result};

pub(crate) mod profile {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "therapist_profiles")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub clinician_id: Uuid,
        pub profile: String,
        pub accepting_new_clients: bool,
        pub updated_at: DateTimeUtc,
        pub revision: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod verification {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "clinician_verifications")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub clinician_id: Uuid,
        pub licence_number: String,
        pub issuer: String,
        pub checked_on: Date,
        pub checked_by: Uuid,
        pub recorded_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// One check of a clinician's licence by an administrator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub id: Uuid,
    pub clinician_id: Uuid,
    pub licence_number: String,
    /// The state or country that issued the licence (`US-CA`, `IE`, or as written).
    pub issuer: String,
    pub checked_on: NaiveDate,
    pub checked_by: Uuid,
    pub recorded_at: DateTime<Utc>,
}

impl From<verification::Model> for Verification {
    fn from(m: verification::Model) -> Self {
        Verification {
            id: m.id,
            clinician_id: m.clinician_id,
            licence_number: m.licence_number,
            issuer: m.issuer,
            checked_on: m.checked_on,
            checked_by: m.checked_by,
            recorded_at: m.recorded_at,
        }
    }
}

/// A clinician a visitor may find: verified, accepting new clients, account active.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub clinician_id: Uuid,
    pub name: String,
    pub profile: Profile,
    pub verified_on: NaiveDate,
}

fn to_json(p: &Profile) -> Result<String> {
    serde_json::to_string(p).map_err(|e| Error::Config(format!("profile as JSON: {e}")))
}

fn from_json(clinician_id: Uuid, s: &str) -> Result<Profile> {
    serde_json::from_str(s)
        .map_err(|e| Error::Config(format!("stored profile of {clinician_id}: {e}")))
}

/// Writes a clinician's profile (the whole of it; the last save wins).
pub async fn upsert_profile(
    c: &impl ConnectionTrait,
    clinician_id: Uuid,
    p: &Profile,
    now: DateTime<Utc>,
) -> Result<()> {
    use sea_orm::QuerySelect;
    let greatest: Option<Option<i64>> = profile::Entity::find()
        .select_only()
        .column_as(profile::Column::Revision.max(), "greatest")
        .into_tuple()
        .one(c)
        .await?;
    let model = profile::ActiveModel {
        clinician_id: Set(clinician_id),
        profile: Set(to_json(p)?),
        accepting_new_clients: Set(p.accepting_new_clients),
        updated_at: Set(now),
        revision: Set(greatest.flatten().unwrap_or(0) + 1),
    };
    if profile::Entity::find_by_id(clinician_id)
        .one(c)
        .await?
        .is_some()
    {
        model.update(c).await?;
    } else {
        model.insert(c).await?;
    }
    Ok(())
}

/// A clinician's profile, if they have saved one.
pub async fn find_profile(c: &impl ConnectionTrait, clinician_id: Uuid) -> Result<Option<Profile>> {
    profile::Entity::find_by_id(clinician_id)
        .one(c)
        .await?
        .map(|m| from_json(m.clinician_id, &m.profile))
        .transpose()
}

/// A profile and when it was last saved.
pub async fn find_profile_saved(
    c: &impl ConnectionTrait,
    clinician_id: Uuid,
) -> Result<Option<(Profile, DateTime<Utc>)>> {
    profile::Entity::find_by_id(clinician_id)
        .one(c)
        .await?
        .map(|m| Ok((from_json(m.clinician_id, &m.profile)?, m.updated_at)))
        .transpose()
}

pub async fn record_verification(c: &impl ConnectionTrait, v: &Verification) -> Result<()> {
    verification::ActiveModel {
        id: Set(v.id),
        clinician_id: Set(v.clinician_id),
        licence_number: Set(v.licence_number.clone()),
        issuer: Set(v.issuer.clone()),
        checked_on: Set(v.checked_on),
        checked_by: Set(v.checked_by),
        recorded_at: Set(v.recorded_at),
    }
    .insert(c)
    .await?;
    Ok(())
}

/// The current check of a clinician's licence (the latest recorded).
pub async fn latest_verification(
    c: &impl ConnectionTrait,
    clinician_id: Uuid,
) -> Result<Option<Verification>> {
    Ok(verification::Entity::find()
        .filter(verification::Column::ClinicianId.eq(clinician_id))
        .order_by_desc(verification::Column::RecordedAt)
        .order_by_desc(verification::Column::Id)
        .one(c)
        .await?
        .map(Verification::from))
}

/// The current check of every clinician that has one (the administrator's list), by clinician.
pub async fn latest_verifications(
    c: &impl ConnectionTrait,
) -> Result<std::collections::HashMap<Uuid, Verification>> {
    let mut out = std::collections::HashMap::new();
    for m in verification::Entity::find()
        .order_by_asc(verification::Column::RecordedAt)
        .order_by_asc(verification::Column::Id)
        .all(c)
        .await?
    {
        out.insert(m.clinician_id, Verification::from(m));
    }
    Ok(out)
}

fn backend_of(c: &impl ConnectionTrait) -> sea_orm::DatabaseBackend {
    c.get_database_backend()
}

/// The clinicians a visitor may find, ordered by clinician id: a saved profile that accepts new
/// clients, a licence check, an active clinician account. One query; names opened in bulk.
pub async fn listed(c: &impl ConnectionTrait, keys: &Keyring) -> Result<Vec<Listed>> {
    listed_where(c, keys, None).await
}

/// One clinician, if a visitor may find them.
pub async fn listed_one(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    clinician_id: Uuid,
) -> Result<Option<Listed>> {
    Ok(listed_where(c, keys, Some(clinician_id))
        .await?
        .into_iter()
        .next())
}

async fn listed_where(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    only: Option<Uuid>,
) -> Result<Vec<Listed>> {
    let backend = backend_of(c);
    let param = match backend {
        sea_orm::DatabaseBackend::Postgres => "$1",
        _ => "?",
    };
    let (only_sql, values) = match only {
        Some(id) => (
            format!("AND p.clinician_id = {param}"),
            vec![sea_orm::Value::from(id)],
        ),
        None => (String::new(), vec![]),
    };
    // The latest check per clinician: the one with the greatest recorded_at (ties: any one of
    // them, dropped below by clinician id).
    let sql = format!(
        "SELECT p.clinician_id AS clinician_id, u.name AS name, p.profile AS profile, \
                v.checked_on AS checked_on \
         FROM therapist_profiles p \
         JOIN users u ON u.id = p.clinician_id \
         JOIN (SELECT clinician_id, MAX(recorded_at) AS at FROM clinician_verifications \
               GROUP BY clinician_id) lv ON lv.clinician_id = p.clinician_id \
         JOIN clinician_verifications v \
              ON v.clinician_id = lv.clinician_id AND v.recorded_at = lv.at \
         WHERE p.accepting_new_clients AND u.disabled_at IS NULL AND u.role = 'clinician' \
         {only_sql} \
         ORDER BY p.clinician_id"
    );
    let rows = c
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    let mut raw: Vec<(Uuid, String, String, NaiveDate)> = Vec::with_capacity(rows.len());
    for r in rows {
        let clinician_id: Uuid = r.try_get("", "clinician_id")?;
        if raw.last().is_some_and(|l| l.0 == clinician_id) {
            continue;
        }
        raw.push((
            clinician_id,
            r.try_get("", "name")?,
            r.try_get("", "profile")?,
            r.try_get("", "checked_on")?,
        ));
    }
    let open = |part: &[(Uuid, String, String, NaiveDate)]| -> Result<Vec<Listed>> {
        part.iter()
            .map(|(id, name, profile, verified_on)| {
                Ok(Listed {
                    name: keys.open(users::TABLE, "name", &id.to_string(), name)?,
                    profile: from_json(*id, profile)?,
                    clinician_id: *id,
                    verified_on: *verified_on,
                })
            })
            .collect()
    };
    // Opening names and reading profiles is the cost at scale: share it among the cores.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if raw.len() < 4_096 || threads < 2 {
        return open(&raw);
    }
    let chunk = raw.len().div_ceil(threads);
    let parts: Vec<Result<Vec<Listed>>> = std::thread::scope(|s| {
        let handles: Vec<_> = raw
            .chunks(chunk)
            .map(|part| s.spawn(move || open(part)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(Error::Config("reading the directory failed".into())))
            })
            .collect()
    });
    let mut out = Vec::with_capacity(raw.len());
    for part in parts {
        out.extend(part?);
    }
    Ok(out)
}

/// A cheap stamp that changes whenever the directory may have: how many profiles and checks
/// there are and when the last was written. An in-memory copy of `listed` compares it to tell
/// it is stale (and how many accounts are disabled).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DirectoryVersion {
    pub profiles: i64,
    pub verifications: i64,
    pub last_saved: Option<DateTime<Utc>>,
    /// The greatest profile revision (moves with every save, whatever the clock says).
    pub revision: Option<i64>,
    pub last_verified: Option<DateTime<Utc>>,
    /// Disabled accounts (disabling a listed clinician removes them).
    pub disabled: i64,
}

pub async fn directory_version(c: &impl ConnectionTrait) -> Result<DirectoryVersion> {
    let backend = backend_of(c);
    let row = c
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT (SELECT COUNT(*) FROM therapist_profiles) AS profiles, \
                    (SELECT MAX(updated_at) FROM therapist_profiles) AS last_saved, \
                    (SELECT MAX(revision) FROM therapist_profiles) AS revision, \
                    (SELECT COUNT(*) FROM clinician_verifications) AS verifications, \
                    (SELECT MAX(recorded_at) FROM clinician_verifications) AS last_verified, \
                    (SELECT COUNT(*) FROM users WHERE disabled_at IS NOT NULL) AS disabled",
        ))
        .await?
        .ok_or_else(|| Error::Config("directory version: no row".into()))?;
    Ok(DirectoryVersion {
        profiles: row.try_get("", "profiles")?,
        verifications: row.try_get("", "verifications")?,
        last_saved: row.try_get("", "last_saved")?,
        revision: row.try_get("", "revision")?,
        last_verified: row.try_get("", "last_verified")?,
        disabled: row.try_get("", "disabled")?,
    })
}

/// Keeps the account's clinician row (what care-team cards show) in step with the directory
/// profile: the first credential, the statement as the bio, whether they take new clients.
pub async fn sync_clinician_row(
    c: &impl ConnectionTrait,
    clinician_id: Uuid,
    p: &Profile,
) -> Result<()> {
    use crate::accounts::profiles::clinician;
    let Some(credential) = p.credentials.first() else {
        return Ok(());
    };
    if clinician::Entity::find_by_id(clinician_id)
        .one(c)
        .await?
        .is_none()
    {
        return Ok(());
    }
    clinician::ActiveModel {
        user_id: Set(clinician_id),
        credential: Set(credential.as_str().to_string()),
        bio: Set(p.statement.clone()),
        accepting_clients: Set(p.accepting_new_clients),
        ..Default::default()
    }
    .update(c)
    .await?;
    Ok(())
}

/// Whether each clinician with a saved profile accepts new clients (the administrator's list).
pub async fn accepting_by_clinician(
    c: &impl ConnectionTrait,
) -> Result<std::collections::HashMap<Uuid, bool>> {
    use sea_orm::QuerySelect;
    let rows: Vec<(Uuid, bool)> = profile::Entity::find()
        .select_only()
        .column(profile::Column::ClinicianId)
        .column(profile::Column::AcceptingNewClients)
        .into_tuple()
        .all(c)
        .await?;
    Ok(rows.into_iter().collect())
}

/// A profile as the bulk loader writes it (`rapport demo`, `rapport seed --therapists`).
#[derive(Debug, Clone)]
pub struct ProfileRow {
    pub clinician_id: Uuid,
    pub profile: Profile,
    pub updated_at: DateTime<Utc>,
}

impl crate::bulk::Row for ProfileRow {
    const TABLE: &'static str = "therapist_profiles";
    const COLUMNS: &'static [&'static str] = &[
        "clinician_id",
        "profile",
        "accepting_new_clients",
        "updated_at",
        "revision",
    ];

    fn values(self, _keys: &Keyring, out: &mut Vec<crate::bulk::Value>) -> Result<()> {
        use crate::bulk::Value;
        out.extend([
            Value::from(self.clinician_id),
            Value::from(to_json(&self.profile)?),
            Value::from(self.profile.accepting_new_clients),
            Value::from(self.updated_at),
            Value::from(0i64),
        ]);
        Ok(())
    }
}

impl crate::bulk::Row for Verification {
    const TABLE: &'static str = "clinician_verifications";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "clinician_id",
        "licence_number",
        "issuer",
        "checked_on",
        "checked_by",
        "recorded_at",
    ];

    fn values(self, _keys: &Keyring, out: &mut Vec<crate::bulk::Value>) -> Result<()> {
        use crate::bulk::Value;
        out.extend([
            Value::from(self.id),
            Value::from(self.clinician_id),
            Value::from(self.licence_number),
            Value::from(self.issuer),
            Value::from(self.checked_on),
            Value::from(self.checked_by),
            Value::from(self.recorded_at),
        ]);
        Ok(())
    }
}

/// The clinicians whose profile was saved with a revision of `from_revision` or more, or whose
/// licence check was recorded at `checked_from` or later: what an in-memory directory must read
/// again (the caller picks marks a little before its own, so that a save or check committed
/// late is not missed).
pub async fn changed_since(
    c: &impl ConnectionTrait,
    from_revision: i64,
    checked_from: Option<DateTime<Utc>>,
) -> Result<Vec<Uuid>> {
    use sea_orm::QuerySelect;
    let mut ids: Vec<Uuid> = profile::Entity::find()
        .select_only()
        .column(profile::Column::ClinicianId)
        .filter(profile::Column::Revision.gte(from_revision))
        .into_tuple()
        .all(c)
        .await?;
    let mut checks = verification::Entity::find()
        .select_only()
        .column(verification::Column::ClinicianId);
    if let Some(at) = checked_from {
        checks = checks.filter(verification::Column::RecordedAt.gte(at));
    }
    let checked: Vec<Uuid> = checks.into_tuple().all(c).await?;
    ids.extend(checked);
    ids.sort();
    ids.dedup();
    Ok(ids)
}
