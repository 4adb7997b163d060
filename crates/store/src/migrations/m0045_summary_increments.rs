//! A new PHQ-9 or check-in moves the client's summary row (m0034) on in place, in the
//! statement that inserts it, instead of marking it stale for the write to compute again
//! (issue 19: the computation was seven statements of every submission's transaction).
//!
//! - A check-in: the row's last check-in day becomes the later of the two.
//! - A PHQ-9 newer than every PHQ-9 of the client, of the row's own episode: it becomes the
//!   latest, the episode's count grows by one (the baseline when it is the first) and it
//!   joins the sparkline. Anything else (a PHQ-9 of another episode, one not after the
//!   latest — a tie included, whose order the history leaves open) marks the row stale, as
//!   before. Other instruments are not in the row and leave it alone.
//!
//! A stale row stays stale, and a missing one is made stale, exactly as m0034's triggers do;
//! updates and deletions of either table still mark the row stale.

use sea_orm::DbBackend;
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0045_summary_increments"
    }
}

/// Whether a PHQ-9 (`NEW`) moves the stored row on: the row is fresh, of the PHQ-9's episode,
/// and the PHQ-9 is after its latest. Never NULL.
const PHQ9_MOVES_ON: &str = "COALESCE(NOT client_summaries.stale \
     AND client_summaries.refreshed_at IS NOT NULL \
     AND client_summaries.episode_id = NEW.episode_id \
     AND (client_summaries.latest_at IS NULL OR client_summaries.latest_at < NEW.taken_at), \
     FALSE)";

/// The statements that take a new PHQ-9 in; `point` is its sparkline entry as text.
fn phq9_added(stale: &str, point: &str) -> String {
    format!(
        "INSERT INTO client_summaries (client_id, stale, phq9_count) \
           VALUES (NEW.client_id, {stale}, 0) \
           ON CONFLICT (client_id) DO UPDATE SET stale = {stale} WHERE NOT {PHQ9_MOVES_ON}; \
         UPDATE client_summaries SET \
           latest_total = NEW.total, latest_band = NEW.band, latest_at = NEW.taken_at, \
           latest_episode_id = NEW.episode_id, \
           baseline = CASE WHEN phq9_count = 0 THEN NEW.total ELSE baseline END, \
           phq9_count = phq9_count + 1, \
           recent = CASE WHEN recent IS NULL OR recent = '' THEN '' ELSE recent || ',' END \
             || {point} \
           WHERE client_id = NEW.client_id AND NOT stale;"
    )
}

/// The statement that takes a new check-in in.
fn checkin_added(stale: &str) -> String {
    format!(
        "INSERT INTO client_summaries (client_id, stale, phq9_count) \
           VALUES (NEW.client_id, {stale}, 0) \
           ON CONFLICT (client_id) DO UPDATE SET last_checkin = NEW.day \
           WHERE client_summaries.last_checkin IS NULL OR client_summaries.last_checkin < NEW.day;"
    )
}

/// m0034's SQLite trigger for inserts into `table`, to put back on the way down.
fn sqlite_marking(table: &str) -> String {
    format!(
        "CREATE TRIGGER client_summaries_{table}_insert AFTER INSERT ON {table} FOR EACH ROW \
         BEGIN INSERT INTO client_summaries (client_id, stale, phq9_count) \
         VALUES (NEW.client_id, 1, 0) ON CONFLICT (client_id) DO UPDATE SET stale = 1; END"
    )
}

fn sqlite_up() -> Vec<String> {
    // SQLite keeps times as RFC 3339 text in UTC: its first 19 characters are the second.
    let point = "strftime('%s', substr(NEW.taken_at, 1, 19)) || ':' || NEW.total";
    vec![
        "DROP TRIGGER client_summaries_measures_insert".into(),
        "DROP TRIGGER client_summaries_checkins_insert".into(),
        format!(
            "CREATE TRIGGER client_summaries_measures_insert AFTER INSERT ON measures \
             FOR EACH ROW WHEN NEW.instrument = 'phq9' BEGIN {} END",
            phq9_added("1", point)
        ),
        format!(
            "CREATE TRIGGER client_summaries_checkins_insert AFTER INSERT ON checkins \
             FOR EACH ROW BEGIN {} END",
            checkin_added("1")
        ),
    ]
}

fn sqlite_down() -> Vec<String> {
    vec![
        "DROP TRIGGER client_summaries_measures_insert".into(),
        "DROP TRIGGER client_summaries_checkins_insert".into(),
        sqlite_marking("measures"),
        sqlite_marking("checkins"),
    ]
}

fn pg_up() -> Vec<String> {
    let point = "floor(extract(epoch FROM NEW.taken_at))::bigint::text || ':' || NEW.total::text";
    let mut out = vec![format!(
        "CREATE FUNCTION client_summaries_measure_added() RETURNS trigger LANGUAGE plpgsql AS $$ \
         BEGIN IF NEW.instrument = 'phq9' THEN {} END IF; RETURN NULL; END $$",
        phq9_added("true", point)
    )];
    out.push(format!(
        "CREATE FUNCTION client_summaries_checkin_added() RETURNS trigger LANGUAGE plpgsql AS $$ \
         BEGIN {} RETURN NULL; END $$",
        checkin_added("true")
    ));
    for (table, function) in [
        ("measures", "client_summaries_measure_added"),
        ("checkins", "client_summaries_checkin_added"),
    ] {
        out.push(format!("DROP TRIGGER client_summaries_stale ON {table}"));
        out.push(format!(
            "CREATE TRIGGER client_summaries_stale AFTER UPDATE OR DELETE ON {table} \
             FOR EACH ROW EXECUTE PROCEDURE client_summaries_stale()"
        ));
        out.push(format!(
            "CREATE TRIGGER client_summaries_added AFTER INSERT ON {table} \
             FOR EACH ROW EXECUTE PROCEDURE {function}()"
        ));
    }
    out
}

fn pg_down() -> Vec<String> {
    let mut out = Vec::new();
    for table in ["measures", "checkins"] {
        out.push(format!("DROP TRIGGER client_summaries_added ON {table}"));
        out.push(format!("DROP TRIGGER client_summaries_stale ON {table}"));
        out.push(format!(
            "CREATE TRIGGER client_summaries_stale AFTER INSERT OR UPDATE OR DELETE ON {table} \
             FOR EACH ROW EXECUTE PROCEDURE client_summaries_stale()"
        ));
    }
    out.push(
        "DROP FUNCTION client_summaries_measure_added(); \
         DROP FUNCTION client_summaries_checkin_added();"
            .into(),
    );
    out
}

async fn run(m: &SchemaManager<'_>, statements: Vec<String>) -> Result<(), DbErr> {
    let c = m.get_connection();
    for sql in statements {
        c.execute_unprepared(&sql).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// One connection for the whole change: on SQLite, without a transaction, the drop and
    /// the create may run on two pooled connections, and the second may not see the first's
    /// drop yet.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        match m.get_connection().get_database_backend() {
            DbBackend::Postgres => run(m, pg_up()).await,
            _ => run(m, sqlite_up()).await,
        }
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        match m.get_connection().get_database_backend() {
            DbBackend::Postgres => run(m, pg_down()).await,
            _ => run(m, sqlite_down()).await,
        }
    }
}
