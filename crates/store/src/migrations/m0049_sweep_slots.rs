//! Each episode keeps its client's daily slot for the hourly early-warning sweep (issue 19):
//! the sweep reads the hour's slots on an index, instead of walking every watched episode to
//! find them (at 100,000 clients that walk was two fifths of the sweep's CPU; at a million,
//! about 18 s of CPU an hour before anyone was judged).
//!
//! The slot is a hash of the client's id that SQL cannot compute on both databases, so the
//! column starts empty and `episodes::place_in_sweep_slots` fills it at start-up, after the
//! migrations; until then, every sweep takes an episode with no slot.
//!
//! Placing a slot is not a change to the episode that anyone reads: the triggers that mark a
//! client's summary (m0034) and reminders (m0048) to be worked out again now fire on updates
//! of the other columns only. (With them firing, placing 100,000 episodes at the upgrade
//! marked every summary stale and every client's reminders to be looked at, and the server
//! then spent minutes working them all out again.)

use sea_orm::DbBackend;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{index, m0034_client_summaries, m0048_reminder_watch};

/// Every column of `episodes` but the slot: an update of one of these marks the client.
const EPISODE_COLUMNS: &str =
    "id, client_id, state, started_at, discharged_at, closed_at, opened_by";

/// The two SQLite triggers on updates of episodes, on `columns` (`None`: any), as (name, SQL).
fn sqlite_triggers(columns: Option<&str>) -> [(&'static str, String); 2] {
    let of = columns.map(|c| format!(" OF {c}")).unwrap_or_default();
    [
        (
            "client_summaries_episodes_update",
            m0034_client_summaries::sqlite_mark("NEW.client_id"),
        ),
        (
            "reminder_watch_episodes_update",
            m0048_reminder_watch::mark("NEW.client_id", m0048_reminder_watch::MARKED),
        ),
    ]
    .map(|(name, body)| {
        (
            name,
            format!(
                "CREATE TRIGGER {name} AFTER UPDATE{of} ON episodes FOR EACH ROW BEGIN {body} END"
            ),
        )
    })
}

/// The same on PostgreSQL: (trigger, its events, its procedure).
fn pg_triggers(columns: Option<&str>) -> Vec<String> {
    let of = columns.map(|c| format!(" OF {c}")).unwrap_or_default();
    [
        (
            "client_summaries_stale",
            format!("INSERT OR UPDATE{of} OR DELETE"),
            "client_summaries_stale()",
        ),
        (
            "reminder_watch",
            format!("INSERT OR UPDATE{of}"),
            "reminder_watch_mark('client_id')",
        ),
    ]
    .into_iter()
    .flat_map(|(name, events, procedure)| {
        [
            format!("DROP TRIGGER {name} ON episodes"),
            format!(
                "CREATE TRIGGER {name} AFTER {events} ON episodes FOR EACH ROW \
                 EXECUTE PROCEDURE {procedure}"
            ),
        ]
    })
    .collect()
}

/// The update triggers on `columns` (`None`: any column, as before m0049).
async fn mark_on(m: &SchemaManager<'_>, columns: Option<&str>) -> Result<(), DbErr> {
    let c = m.get_connection();
    let statements = match c.get_database_backend() {
        DbBackend::Postgres => pg_triggers(columns),
        _ => sqlite_triggers(columns)
            .into_iter()
            .flat_map(|(name, sql)| [format!("DROP TRIGGER {name}"), sql])
            .collect(),
    };
    for sql in statements {
        c.execute_unprepared(&sql).await?;
    }
    Ok(())
}

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0049_sweep_slots"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("episodes")
                .add_column(integer_null("sweep_slot"))
                .take(),
        )
        .await?;
        m.create_index(index("episodes", "episodes_sweep_slot", &["sweep_slot", "id"]).take())
            .await?;
        mark_on(m, Some(EPISODE_COLUMNS)).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        mark_on(m, None).await?;
        m.drop_index(
            Index::drop()
                .name("episodes_sweep_slot")
                .table("episodes")
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("episodes")
                .drop_column("sweep_slot")
                .take(),
        )
        .await
    }
}
