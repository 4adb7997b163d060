//! When each client's reminders must next be looked at (issue 19): the minute's reminder run
//! reads the clients whose `look_at` has come, on an index, instead of walking every active
//! client every minute (at 100,000 clients that walk took 16 s of CPU a minute; at a million
//! it never rested).
//!
//! - The run sets `look_at` to the next instant anything of theirs could fall due on time
//!   alone: their daily reminder time, or a lead before a session ahead (`NULL` for a client
//!   not in care: nothing falls due until something changes).
//! - Triggers on every table the reminders are worked out from mark the client to be looked
//!   at again at once (`look_at` = the epoch) in the statement of the change, and count the
//!   mark in `marks`: the run moves a row on only if its `marks` is still what it read, so a
//!   change made while it worked is never lost. Check-ins and measures taken need no trigger:
//!   they only take reminders away; nor do deletions, which only erasure makes (a mark there
//!   would name an account being deleted).
//! - A change to the instance's default schedule marks every row.
//!
//! Every client with an active or maintenance episode starts marked.

use sea_orm::DbBackend;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0048_reminder_watch"
    }
}

/// The instant that means "now, whatever the clock says" (tests run on a clock of their
/// own, so a trigger cannot use the database's), as SQLite keeps times.
pub(super) const MARKED: &str = "'1970-01-01T00:00:00+00:00'";
/// The same for PostgreSQL, typed (a bare literal in a `SELECT` list is text there).
const PG_MARKED: &str = "'1970-01-01T00:00:00+00:00'::timestamptz";

/// (table, the column naming the client): inserts and updates mark.
const DIRECT: &[(&str, &str)] = &[
    ("episodes", "client_id"),
    ("measure_schedules", "client_id"),
    ("homework_assignments", "client_id"),
    ("session_attendees", "client_id"),
    ("medication_versions", "client_id"),
    ("notification_preferences", "user_id"),
];

pub(super) fn mark(client: &str, marked: &str) -> String {
    format!(
        "INSERT INTO reminder_watch (client_id, look_at, marks) VALUES ({client}, {marked}, 1) \
         ON CONFLICT (client_id) DO UPDATE SET look_at = {marked}, \
         marks = reminder_watch.marks + 1;"
    )
}

fn mark_attendees(session: &str, marked: &str) -> String {
    format!(
        "INSERT INTO reminder_watch (client_id, look_at, marks) \
         SELECT DISTINCT client_id, {marked}, 1 FROM session_attendees WHERE session_id = {session} \
         ON CONFLICT (client_id) DO UPDATE SET look_at = {marked}, \
         marks = reminder_watch.marks + 1;"
    )
}

fn mark_all(marked: &str) -> String {
    format!("UPDATE reminder_watch SET look_at = {marked}, marks = marks + 1;")
}

/// A session moved, cancelled or made another kind (a medication review).
const SESSION_COLUMNS: &str = "starts_at, cancelled_at, kind";
/// What makes a client in care or not, and their clock.
const USER_COLUMNS: &str = "timezone, disabled_at, role";
const USER_WHEN: &str = "NEW.role = 'client' OR OLD.role = 'client'";
const SETTINGS_WHEN: &str = "NEW.key = 'default_schedule'";

/// The SQLite triggers: (name, SQL).
fn sqlite_triggers() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (table, column) in DIRECT {
        for op in ["INSERT", "UPDATE"] {
            let name = format!("reminder_watch_{table}_{}", op.to_lowercase());
            let sql = format!(
                "CREATE TRIGGER {name} AFTER {op} ON {table} FOR EACH ROW BEGIN {} END",
                mark(&format!("NEW.{column}"), MARKED)
            );
            out.push((name, sql));
        }
    }
    out.push((
        "reminder_watch_therapy_sessions_update".into(),
        format!(
            "CREATE TRIGGER reminder_watch_therapy_sessions_update \
             AFTER UPDATE OF {SESSION_COLUMNS} ON therapy_sessions FOR EACH ROW BEGIN {} END",
            mark_attendees("NEW.id", MARKED)
        ),
    ));
    out.push((
        "reminder_watch_users_update".into(),
        format!(
            "CREATE TRIGGER reminder_watch_users_update AFTER UPDATE OF {USER_COLUMNS} ON users \
             FOR EACH ROW WHEN {USER_WHEN} BEGIN {} END",
            mark("NEW.id", MARKED)
        ),
    ));
    for op in ["INSERT", "UPDATE"] {
        let name = format!("reminder_watch_instance_settings_{}", op.to_lowercase());
        let sql = format!(
            "CREATE TRIGGER {name} AFTER {op} ON instance_settings FOR EACH ROW \
             WHEN {SETTINGS_WHEN} BEGIN {} END",
            mark_all(MARKED)
        );
        out.push((name, sql));
    }
    out
}

/// PostgreSQL: one function for the tables that name the client in a column (its name is
/// the trigger's argument), one for sessions, one for the whole instance.
fn pg_up() -> Vec<String> {
    let mut out = vec![
        format!(
            "CREATE FUNCTION reminder_watch_mark() RETURNS trigger LANGUAGE plpgsql AS $$ \
             DECLARE client uuid := (to_jsonb(NEW) ->> TG_ARGV[0])::uuid; \
             BEGIN {} RETURN NULL; END $$",
            mark("client", PG_MARKED)
        ),
        format!(
            "CREATE FUNCTION reminder_watch_mark_attendees() RETURNS trigger LANGUAGE plpgsql \
             AS $$ BEGIN {} RETURN NULL; END $$",
            mark_attendees("NEW.id", PG_MARKED)
        ),
        format!(
            "CREATE FUNCTION reminder_watch_mark_all() RETURNS trigger LANGUAGE plpgsql \
             AS $$ BEGIN {} RETURN NULL; END $$",
            mark_all(PG_MARKED)
        ),
    ];
    for (table, column) in DIRECT {
        out.push(format!(
            "CREATE TRIGGER reminder_watch AFTER INSERT OR UPDATE ON {table} FOR EACH ROW \
             EXECUTE PROCEDURE reminder_watch_mark('{column}')"
        ));
    }
    out.push(format!(
        "CREATE TRIGGER reminder_watch AFTER UPDATE OF {SESSION_COLUMNS} ON therapy_sessions \
         FOR EACH ROW EXECUTE PROCEDURE reminder_watch_mark_attendees()"
    ));
    out.push(format!(
        "CREATE TRIGGER reminder_watch AFTER UPDATE OF {USER_COLUMNS} ON users \
         FOR EACH ROW WHEN ({USER_WHEN}) EXECUTE PROCEDURE reminder_watch_mark('id')"
    ));
    out.push(format!(
        "CREATE TRIGGER reminder_watch AFTER INSERT OR UPDATE ON instance_settings \
         FOR EACH ROW WHEN ({SETTINGS_WHEN}) EXECUTE PROCEDURE reminder_watch_mark_all()"
    ));
    out
}

fn pg_down() -> Vec<String> {
    let mut out: Vec<String> = DIRECT
        .iter()
        .map(|(table, _)| *table)
        .chain(["therapy_sessions", "users", "instance_settings"])
        .map(|table| format!("DROP TRIGGER reminder_watch ON {table}"))
        .collect();
    out.push(
        "DROP FUNCTION reminder_watch_mark(); DROP FUNCTION reminder_watch_mark_attendees(); \
         DROP FUNCTION reminder_watch_mark_all();"
            .into(),
    );
    out
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// One connection for the whole change (on SQLite, pooled connections may not see each
    /// other's schema change yet).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("reminder_watch")
                .col(uuid("client_id").primary_key())
                .col(timestamp_with_time_zone_null("look_at"))
                .col(big_integer("marks"))
                .foreign_key(&mut fk("reminder_watch", "client_id", "users"))
                .take(),
        )
        .await?;
        m.create_index(
            index(
                "reminder_watch",
                "reminder_watch_look_at",
                &["look_at", "client_id"],
            )
            .take(),
        )
        .await?;
        let c = m.get_connection();
        let (marked, statements) = match c.get_database_backend() {
            DbBackend::Postgres => (PG_MARKED, pg_up()),
            _ => (
                MARKED,
                sqlite_triggers().into_iter().map(|(_, sql)| sql).collect(),
            ),
        };
        c.execute_unprepared(&format!(
            "INSERT INTO reminder_watch (client_id, look_at, marks) \
             SELECT DISTINCT client_id, {marked}, 0 FROM episodes \
             WHERE state IN ('active', 'maintenance')"
        ))
        .await?;
        for sql in statements {
            c.execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let c = m.get_connection();
        let statements = match c.get_database_backend() {
            DbBackend::Postgres => pg_down(),
            _ => sqlite_triggers()
                .into_iter()
                .map(|(name, _)| format!("DROP TRIGGER {name}"))
                .collect(),
        };
        for sql in statements {
            c.execute_unprepared(&sql).await?;
        }
        m.drop_table(Table::drop().table("reminder_watch").take())
            .await
    }
}
