//! Erasure (issue 17, item 4): a client's requests to have their account deleted, and the
//! deletions themselves — what goes at once when a request is carried out, and the kept
//! clinical record when its retention is over. The client's reason and a reason for declining
//! are sealed. Which table is removed when, and why, is in `docs/erasure.md`.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DbBackend, PaginatorTrait, QueryOrder, QuerySelect,
    Statement, Value,
};

use crate::crypto::Keyring;
use crate::{Backend, Db, Result};

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "erasure_requests")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub status: String,
        pub reason: Option<String>,
        pub receipt_hash: String,
        pub requested_at: DateTimeUtc,
        pub withdrawn_at: Option<DateTimeUtc>,
        pub handled_at: Option<DateTimeUtc>,
        pub handled_by: Option<Uuid>,
        pub decline_reason: Option<String>,
        pub last_contact_at: Option<DateTimeUtc>,
        pub records_deleted_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const TABLE: &str = "erasure_requests";

pub const REQUESTED: &str = "requested";
pub const WITHDRAWN: &str = "withdrawn";
pub const DECLINED: &str = "declined";
pub const CARRIED_OUT: &str = "carried_out";
pub const RECORDS_DELETED: &str = "records_deleted";

/// Every status, in the order a request goes through them.
pub const STATUSES: [&str; 5] = [REQUESTED, WITHDRAWN, DECLINED, CARRIED_OUT, RECORDS_DELETED];

/// A request, its sealed fields opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub id: Uuid,
    pub client_id: Uuid,
    pub status: String,
    pub reason: Option<String>,
    pub requested_at: DateTime<Utc>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub handled_at: Option<DateTime<Utc>>,
    pub handled_by: Option<Uuid>,
    pub decline_reason: Option<String>,
    pub last_contact_at: Option<DateTime<Utc>>,
    pub records_deleted_at: Option<DateTime<Utc>>,
}

impl Request {
    fn from_model(m: entity::Model, keys: &Keyring) -> Result<Request> {
        let id = m.id.to_string();
        let open = |col: &str, v: Option<String>| -> Result<Option<String>> {
            v.map(|s| keys.open(TABLE, col, &id, &s)).transpose()
        };
        Ok(Request {
            reason: open("reason", m.reason)?,
            decline_reason: open("decline_reason", m.decline_reason)?,
            id: m.id,
            client_id: m.client_id,
            status: m.status,
            requested_at: m.requested_at,
            withdrawn_at: m.withdrawn_at,
            handled_at: m.handled_at,
            handled_by: m.handled_by,
            last_contact_at: m.last_contact_at,
            records_deleted_at: m.records_deleted_at,
        })
    }
}

pub struct NewRequest<'a> {
    pub id: Uuid,
    pub client_id: Uuid,
    pub reason: Option<&'a str>,
    pub receipt_hash: &'a str,
    pub at: DateTime<Utc>,
}

pub async fn insert(c: &impl ConnectionTrait, keys: &Keyring, r: NewRequest<'_>) -> Result<()> {
    let id = r.id.to_string();
    entity::ActiveModel {
        id: Set(r.id),
        client_id: Set(r.client_id),
        status: Set(REQUESTED.to_string()),
        reason: Set(r
            .reason
            .map(|s| keys.seal(TABLE, "reason", &id, s))
            .transpose()?),
        receipt_hash: Set(r.receipt_hash.to_string()),
        requested_at: Set(r.at),
        withdrawn_at: Set(None),
        handled_at: Set(None),
        handled_by: Set(None),
        decline_reason: Set(None),
        last_contact_at: Set(None),
        records_deleted_at: Set(None),
    }
    .insert(c)
    .await
    .map_err(|e| crate::Error::unique(e, "open erasure request"))?;
    Ok(())
}

fn open_all(v: Vec<entity::Model>, keys: &Keyring) -> Result<Vec<Request>> {
    v.into_iter()
        .map(|m| Request::from_model(m, keys))
        .collect()
}

/// The client's newest request, whatever became of it.
pub async fn latest_of(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    client_id: Uuid,
) -> Result<Option<Request>> {
    entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .order_by_desc(entity::Column::RequestedAt)
        .order_by_desc(entity::Column::Id)
        .one(c)
        .await?
        .map(|m| Request::from_model(m, keys))
        .transpose()
}

pub async fn find(c: &impl ConnectionTrait, keys: &Keyring, id: Uuid) -> Result<Option<Request>> {
    entity::Entity::find_by_id(id)
        .one(c)
        .await?
        .map(|m| Request::from_model(m, keys))
        .transpose()
}

/// The request a receipt code's hash belongs to.
pub async fn by_receipt(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    receipt_hash: &str,
) -> Result<Option<Request>> {
    entity::Entity::find()
        .filter(entity::Column::ReceiptHash.eq(receipt_hash))
        .one(c)
        .await?
        .map(|m| Request::from_model(m, keys))
        .transpose()
}

/// One page of requests (`status` or all), oldest open first: newest first by request time.
pub async fn page(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    status: Option<&str>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<Request>, u64)> {
    let mut q = entity::Entity::find();
    if let Some(s) = status {
        q = q.filter(entity::Column::Status.eq(s));
    }
    let total = q.clone().count(c).await?;
    let rows = q
        .order_by_desc(entity::Column::RequestedAt)
        .order_by_desc(entity::Column::Id)
        .offset(page.saturating_sub(1) * per_page)
        .limit(per_page)
        .all(c)
        .await?;
    Ok((open_all(rows, keys)?, total))
}

/// Carried-out requests whose kept record is still there.
pub async fn carried_out(c: &impl ConnectionTrait, keys: &Keyring) -> Result<Vec<Request>> {
    let rows = entity::Entity::find()
        .filter(entity::Column::Status.eq(CARRIED_OUT))
        .order_by_asc(entity::Column::LastContactAt)
        .all(c)
        .await?;
    open_all(rows, keys)
}

/// Whether the client's account was erased (a request carried out, kept record or not).
pub async fn is_erased(c: &impl ConnectionTrait, client_id: Uuid) -> Result<bool> {
    Ok(entity::Entity::find()
        .filter(entity::Column::ClientId.eq(client_id))
        .filter(entity::Column::Status.is_in([CARRIED_OUT, RECORDS_DELETED]))
        .count(c)
        .await?
        > 0)
}

/// How a request leaves `requested`.
pub struct Close<'a> {
    /// `withdrawn`, `declined` or `carried_out`.
    pub status: &'a str,
    /// The administrator who handled it (not for a withdrawal).
    pub by: Option<Uuid>,
    pub decline_reason: Option<&'a str>,
    /// The last contact, fixed when carried out.
    pub last_contact_at: Option<DateTime<Utc>>,
    pub at: DateTime<Utc>,
}

/// Moves a request on from `requested`; false when it was no longer `requested`.
pub async fn close(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    id: Uuid,
    to: Close<'_>,
) -> Result<bool> {
    use sea_orm::sea_query::Expr;
    let sid = id.to_string();
    let mut u = entity::Entity::update_many()
        .col_expr(entity::Column::Status, Expr::value(to.status))
        .filter(entity::Column::Id.eq(id))
        .filter(entity::Column::Status.eq(REQUESTED));
    if to.status == WITHDRAWN {
        u = u.col_expr(entity::Column::WithdrawnAt, Expr::value(to.at));
    } else {
        u = u
            .col_expr(entity::Column::HandledAt, Expr::value(to.at))
            .col_expr(entity::Column::HandledBy, Expr::value(to.by));
    }
    if let Some(r) = to.decline_reason {
        let sealed = keys.seal(TABLE, "decline_reason", &sid, r)?;
        u = u.col_expr(entity::Column::DeclineReason, Expr::value(sealed));
    }
    if to.status == CARRIED_OUT {
        // The client's own words go with the rest; the request keeps dates and codes only.
        u = u
            .col_expr(entity::Column::Reason, Expr::value(Option::<String>::None))
            .col_expr(
                entity::Column::LastContactAt,
                Expr::value(to.last_contact_at),
            );
    }
    Ok(u.exec(c).await?.rows_affected == 1)
}

/// Marks a carried-out request's kept record as deleted.
pub async fn mark_records_deleted(
    c: &impl ConnectionTrait,
    id: Uuid,
    at: DateTime<Utc>,
) -> Result<()> {
    use sea_orm::sea_query::Expr;
    entity::Entity::update_many()
        .col_expr(entity::Column::Status, Expr::value(RECORDS_DELETED))
        .col_expr(entity::Column::RecordsDeletedAt, Expr::value(at))
        .filter(entity::Column::Id.eq(id))
        .filter(entity::Column::Status.eq(CARRIED_OUT))
        .exec(c)
        .await?;
    Ok(())
}

/// A raw statement with `?` placeholders, numbered for PostgreSQL.
fn stmt(c: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Statement {
    let backend = c.get_database_backend();
    let sql = if backend == DbBackend::Postgres {
        let mut out = String::with_capacity(sql.len() + 8);
        let mut n = 0;
        for ch in sql.chars() {
            if ch == '?' {
                n += 1;
                out.push('$');
                out.push_str(&n.to_string());
            } else {
                out.push(ch);
            }
        }
        out
    } else {
        sql.to_string()
    };
    Statement::from_sql_and_values(backend, sql, values)
}

async fn exec(c: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Result<u64> {
    Ok(c.execute_raw(stmt(c, sql, values)).await?.rows_affected())
}

/// The last contact with a client: the newest of their measures, check-ins, messages,
/// sessions that took place (not cancelled, begun), progress notes and episode changes; the
/// account's creation when there is none. Dates only: nothing sealed is read.
pub async fn last_contact(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>> {
    let parts = [
        "SELECT MAX(taken_at) FROM measures WHERE client_id = ?",
        "SELECT MAX(taken_at) FROM checkins WHERE client_id = ?",
        "SELECT MAX(sent_at) FROM messages WHERE client_id = ?",
        "SELECT MAX(updated_at) FROM progress_notes WHERE client_id = ?",
        "SELECT MAX(started_at) FROM episodes WHERE client_id = ?",
        "SELECT MAX(closed_at) FROM episodes WHERE client_id = ?",
        "SELECT MAX(s.starts_at) FROM therapy_sessions s JOIN session_attendees a \
         ON a.session_id = s.id WHERE a.client_id = ? AND s.cancelled_at IS NULL \
         AND s.starts_at <= ?",
        "SELECT created_at FROM users WHERE id = ?",
    ];
    let mut newest: Option<DateTime<Utc>> = None;
    for sql in parts {
        let mut values: Vec<Value> = vec![client_id.into()];
        if sql.contains("starts_at <= ?") {
            values.push(now.into());
        }
        let row = c.query_one_raw(stmt(c, sql, values)).await?;
        let at = match row {
            Some(r) => r
                .try_get_by_index::<Option<DateTime<Utc>>>(0)
                .ok()
                .flatten(),
            None => None,
        };
        if let Some(at) = at.filter(|t| *t <= now) {
            newest = Some(newest.map_or(at, |n| n.max(at)));
        }
    }
    Ok(newest.unwrap_or(now))
}

/// What carrying out an erasure changes besides the account itself.
pub struct AtOnce<'a> {
    pub client_id: Uuid,
    /// The account's new e-mail address (unique, names no one).
    pub email: &'a str,
    /// The account's new name, sealed.
    pub sealed_name: &'a str,
    /// The throttling key of the old e-mail address.
    pub throttle_key: &'a str,
    pub by: Uuid,
    pub at: DateTime<Utc>,
}

/// The tables [`remove_at_once`] writes to (for PostgreSQL's `VACUUM` afterwards).
pub const AT_ONCE_TABLES: &[&str] = &[
    "sessions",
    "api_tokens",
    "calendar_feeds",
    "idempotency_keys",
    "login_throttle",
    "deliveries",
    "jobs",
    "notifications",
    "notification_preferences",
    "notification_channels",
    "reminder_log",
    "reminder_emails",
    "family_invitations",
    "family_links",
    "consents",
    "group_members",
    "homework_entries",
    "consultations",
    "therapist_requests",
    "measure_schedules",
    "account_search_terms",
    "client_profiles",
    "episodes",
    "flags",
    "care_teams",
    "users",
    "erasure_requests",
];

/// Deletes or anonymises, in the caller's transaction, everything about the client that is
/// not the clinical record (see `docs/erasure.md`), and takes the record out of everyone's
/// working lists: the episode closes, open alerts are resolved, the care team ends.
pub async fn remove_at_once(c: &impl ConnectionTrait, a: &AtOnce<'_>) -> Result<()> {
    let id = || -> Value { a.client_id.into() };
    let at = || -> Value { a.at.into() };
    let by = || -> Value { a.by.into() };
    for sql in [
        "DELETE FROM sessions WHERE user_id = ?",
        "DELETE FROM api_tokens WHERE user_id = ?",
        "DELETE FROM calendar_feeds WHERE user_id = ?",
        "DELETE FROM idempotency_keys WHERE user_id = ?",
        "DELETE FROM notification_preferences WHERE user_id = ?",
        "DELETE FROM notification_channels WHERE user_id = ?",
        "DELETE FROM reminder_log WHERE user_id = ?",
        "DELETE FROM reminder_emails WHERE user_id = ?",
        "DELETE FROM family_invitations WHERE client_id = ?",
        "DELETE FROM family_links WHERE client_id = ?",
        "DELETE FROM consultations WHERE client_id = ?",
        "DELETE FROM therapist_requests WHERE client_id = ?",
        "DELETE FROM measure_schedules WHERE client_id = ?",
        "DELETE FROM account_search_terms WHERE user_id = ?",
        "UPDATE client_profiles SET emergency_contact = NULL, date_of_birth = NULL \
         WHERE user_id = ?",
    ] {
        exec(c, sql, vec![id()]).await?;
    }
    // Notices to the client, and the care team's notices about them (their deliveries first,
    // and the jobs that would send those deliveries: ids only, but they would end as "dead").
    let deliveries = c
        .query_all_raw(stmt(
            c,
            "SELECT d.id FROM deliveries d JOIN notifications n ON n.id = d.notification_id \
             WHERE d.user_id = ? OR n.user_id = ? OR n.client_id = ?",
            vec![id(), id(), id()],
        ))
        .await?;
    for row in deliveries {
        let Ok(delivery) = row.try_get_by_index::<Uuid>(0) else {
            continue;
        };
        exec(
            c,
            "DELETE FROM jobs WHERE dedupe_key = ?",
            vec![format!("deliver:{delivery}").into()],
        )
        .await?;
    }
    // Notices to the client, and the care team's notices about them.
    exec(
        c,
        "DELETE FROM deliveries WHERE user_id = ? OR notification_id IN \
         (SELECT id FROM notifications WHERE user_id = ? OR client_id = ?)",
        vec![id(), id(), id()],
    )
    .await?;
    exec(
        c,
        "DELETE FROM notifications WHERE user_id = ? OR client_id = ?",
        vec![id(), id()],
    )
    .await?;
    exec(
        c,
        "DELETE FROM consents WHERE client_id = ? AND kind = ?",
        vec![id(), crate::family::CONSENT_KIND.into()],
    )
    .await?;
    exec(
        c,
        "DELETE FROM homework_entries WHERE client_id = ? AND draft = ?",
        vec![id(), true.into()],
    )
    .await?;
    exec(
        c,
        "DELETE FROM login_throttle WHERE key = ?",
        vec![a.throttle_key.into()],
    )
    .await?;
    exec(
        c,
        "UPDATE group_members SET show_first_name = ?, left_at = ? \
         WHERE client_id = ? AND left_at IS NULL",
        vec![false.into(), at(), id()],
    )
    .await?;
    exec(
        c,
        "UPDATE group_members SET show_first_name = ? WHERE client_id = ?",
        vec![false.into(), id()],
    )
    .await?;
    exec(
        c,
        "UPDATE episodes SET state = 'closed', closed_at = ? \
         WHERE client_id = ? AND state <> 'closed'",
        vec![at(), id()],
    )
    .await?;
    exec(
        c,
        "UPDATE flags SET status = 'resolved', resolved_at = ?, resolved_by = ? \
         WHERE client_id = ? AND status <> 'resolved'",
        vec![at(), by(), id()],
    )
    .await?;
    exec(
        c,
        "UPDATE care_teams SET ended_at = ? WHERE client_id = ? AND ended_at IS NULL",
        vec![at(), id()],
    )
    .await?;
    exec(
        c,
        "UPDATE users SET email = ?, name = ?, password_hash = '!erased', \
         totp_secret = NULL, totp_enrolled_at = NULL, disabled_at = ? WHERE id = ?",
        vec![a.email.into(), a.sealed_name.into(), at(), id()],
    )
    .await?;
    Ok(())
}

/// The tables [`delete_kept`] deletes from, directly or through their foreign keys.
pub const KEPT_TABLES: &[&str] = &[
    "therapy_sessions",
    "session_attendees",
    "session_changes",
    "session_requests",
    "session_feedback",
    "session_family",
    "room_participants",
    "room_ends",
    "room_lines",
    "progress_notes",
    "note_amendments",
    "psychotherapy_notes",
    "group_notes",
    "episodes",
    "episode_events",
    "measures",
    "measure_answers",
    "phq9_progress",
    "checkins",
    "checkin_signs",
    "checkin_missed_reasons",
    "medication_versions",
    "medication_items",
    "sleep_diaries",
    "review_questions",
    "warning_signs",
    "flags",
    "flag_evidence",
    "flag_escalations",
    "flag_escalation_recipients",
    "risk_assessments",
    "safety_plans",
    "plan_versions",
    "intakes",
    "goals",
    "goal_progress",
    "homework_assignments",
    "homework_entries",
    "observations",
    "observation_signs",
    "messages",
    "message_receipts",
    "recommendations",
    "emergency_openings",
    "care_teams",
    "consents",
    "group_members",
    "client_profiles",
    "users",
    "client_summaries",
];

/// Deletes the kept clinical record of an erased client and the account itself, in the
/// caller's transaction. The sessions that were the client's alone go with everything
/// hanging off them; from a group session only what was about this client.
pub async fn delete_kept(c: &impl ConnectionTrait, client_id: Uuid) -> Result<()> {
    let id = || -> Value { client_id.into() };
    // Sessions only this client attended (individual and family sessions), not a group's.
    exec(
        c,
        "DELETE FROM therapy_sessions WHERE id IN \
         (SELECT a.session_id FROM session_attendees a WHERE a.client_id = ?) \
         AND id NOT IN (SELECT session_id FROM group_sessions) \
         AND NOT EXISTS (SELECT 1 FROM session_attendees o \
           WHERE o.session_id = therapy_sessions.id AND o.client_id <> ?)",
        vec![id(), id()],
    )
    .await?;
    for sql in [
        // What hangs off shared sessions and names this client (no foreign key to the
        // client on psychotherapy notes: they belong to their author).
        "DELETE FROM psychotherapy_notes WHERE client_id = ?",
        "DELETE FROM progress_notes WHERE client_id = ?",
        "DELETE FROM session_feedback WHERE client_id = ?",
        "DELETE FROM session_requests WHERE client_id = ?",
        "DELETE FROM session_attendees WHERE client_id = ?",
        // The rest goes with the account through the foreign keys (ON DELETE CASCADE).
        "DELETE FROM users WHERE id = ?",
        // Last: the deletions above marked it stale (m0034's triggers) as they went.
        "DELETE FROM client_summaries WHERE client_id = ?",
    ] {
        exec(c, sql, vec![id()]).await?;
    }
    Ok(())
}

/// Makes SQLite overwrite what the caller's transaction deletes with zeros (`secure_delete`
/// is a per-connection switch; the pool turns it on for every connection, this makes sure).
/// Nothing on PostgreSQL, which has no such switch (see [`scrub`]).
pub async fn secure_delete(c: &impl ConnectionTrait) -> Result<()> {
    if c.get_database_backend() == DbBackend::Sqlite {
        c.execute_unprepared("PRAGMA secure_delete = ON").await?;
    }
    Ok(())
}

/// PostgreSQL: the id of the caller's transaction (its low 32 bits, as `xid`), so that
/// [`scrub`] can wait until no snapshot still sees what it deleted. `None` on SQLite.
pub async fn transaction_id(c: &impl ConnectionTrait) -> Result<Option<i64>> {
    if c.get_database_backend() != DbBackend::Postgres {
        return Ok(None);
    }
    let row = c
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT (pg_current_xact_id()::text::bigint % 4294967296)::bigint",
        ))
        .await?;
    Ok(row.and_then(|r| r.try_get_by_index::<i64>(0).ok()))
}

/// PostgreSQL: waits (up to 10 s) until no other session of this database holds a snapshot or
/// a transaction from before transaction `xid` committed, since `VACUUM FULL` keeps the rows
/// such a session could still see (a report running, autovacuum's ANALYZE). True when none is
/// left.
async fn wait_for_horizon(db: &Db, xid: i64) -> Result<bool> {
    for _ in 0..100 {
        let row = db
            .conn()
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() \
                 AND pid <> pg_backend_pid() AND ( \
                 (backend_xmin IS NOT NULL AND age(backend_xmin) >= age($1::text::xid)) \
                 OR (backend_xid IS NOT NULL AND age(backend_xid) > age($1::text::xid)))",
                [Value::from(xid.to_string())],
            ))
            .await?;
        let older = row
            .and_then(|r| r.try_get_by_index::<i64>(0).ok())
            .unwrap_or(1);
        if older == 0 {
            return Ok(true);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Ok(false)
}

/// The tables where carrying out an erasure leaves plain text about the client behind in
/// PostgreSQL's free space (the e-mail address, stored API answers, the mail server's replies;
/// and the consultations, whose rows are all about the client): rewritten by `VACUUM FULL` (small tables;
/// each is locked while it is rewritten, a fraction of a second at 100,000 accounts).
pub const REWRITTEN_AT_ONCE: &[&str] =
    &["users", "consultations", "idempotency_keys", "deliveries"];

/// After an erasure's commit, removes the old copies of what it deleted from the database's
/// files where the database lets us. SQLite (whose pool overwrites deleted content with
/// zeros) folds the write-ahead log into the file and truncates it
/// (`wal_checkpoint(TRUNCATE)`, retried for a few seconds while readers hold old pages).
/// PostgreSQL rewrites `rewrite` (`VACUUM FULL`: the old files are unlinked) and vacuums
/// `vacuum` (the dead rows' space is reclaimed, to be overwritten by later rows; what stays
/// there until then is in docs/erasure.md). Returns whether it fully succeeded.
pub async fn scrub(db: &Db, xid: Option<i64>, rewrite: &[&str], vacuum: &[&str]) -> Result<bool> {
    match db.backend() {
        Backend::Sqlite => {
            for _ in 0..50 {
                let row = db
                    .conn()
                    .query_one_raw(Statement::from_string(
                        DbBackend::Sqlite,
                        "PRAGMA wal_checkpoint(TRUNCATE)",
                    ))
                    .await?;
                let busy = row
                    .and_then(|r| r.try_get_by_index::<i32>(0).ok())
                    .unwrap_or(1);
                if busy == 0 {
                    return Ok(true);
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            Ok(false)
        }
        Backend::Postgres => {
            let mut settled = true;
            // VACUUM cannot run inside a transaction: each is a statement of its own.
            // One table a statement, and ANALYZE afterwards: with `VACUUM (FULL, ANALYZE) a, b`
            // the test found b's deleted row copied into its new file (as "recently dead"),
            // which one statement per table does not do.
            for t in rewrite {
                // Before each table: a snapshot taken meanwhile (autovacuum's ANALYZE) can
                // hold the horizon again.
                if let Some(xid) = xid {
                    settled &= wait_for_horizon(db, xid).await?;
                }
                db.conn()
                    .execute_unprepared(&format!("VACUUM FULL {t}"))
                    .await?;
            }
            if !rewrite.is_empty() {
                db.conn()
                    .execute_unprepared(&format!("ANALYZE {}", rewrite.join(", ")))
                    .await?;
            }
            let mut rest: Vec<&str> = vacuum
                .iter()
                .copied()
                .filter(|t| !rewrite.contains(t))
                .collect();
            rest.sort_unstable();
            rest.dedup();
            if !rest.is_empty() {
                db.conn()
                    .execute_unprepared(&format!("VACUUM {}", rest.join(", ")))
                    .await?;
            }
            Ok(settled)
        }
    }
}
