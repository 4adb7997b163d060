//! One summary row per client (`client_summaries`): what the caseload shows of them, so that
//! a clinician's caseload is one indexed read (issue 19). The use-cases refresh a client's
//! row in the transaction of their write (`summaries::refresh`); triggers on every table the
//! row is made of mark it stale in the same statement as the change, so a write that does not
//! refresh it can never leave a row that says something else than the history: a stale row is
//! recomputed when read. The rows are filled at start-up (`summaries::backfill`).

use sea_orm::DbBackend;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0034_client_summaries"
    }
}

/// The tables whose rows carry the `client_id` of a client's summary.
const DIRECT: &[&str] = &[
    "measures",
    "checkins",
    "flags",
    "episodes",
    "session_attendees",
];

pub(super) fn sqlite_mark(client: &str) -> String {
    format!(
        "INSERT INTO client_summaries (client_id, stale, phq9_count) VALUES ({client}, 1, 0) \
         ON CONFLICT (client_id) DO UPDATE SET stale = 1;"
    )
}

/// The SQLite triggers: (name, SQL).
fn sqlite_triggers() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for table in DIRECT {
        for (op, row) in [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")] {
            let name = format!("client_summaries_{table}_{}", op.to_lowercase());
            let sql = format!(
                "CREATE TRIGGER {name} AFTER {op} ON {table} FOR EACH ROW BEGIN {} END",
                sqlite_mark(&format!("{row}.client_id"))
            );
            out.push((name, sql));
        }
    }
    // A session moved or cancelled changes the next session of everyone attending it.
    let name = "client_summaries_therapy_sessions_update".to_string();
    let sql = format!(
        "CREATE TRIGGER {name} AFTER UPDATE OF starts_at, cancelled_at ON therapy_sessions \
         FOR EACH ROW BEGIN INSERT INTO client_summaries (client_id, stale, phq9_count) \
         SELECT client_id, 1, 0 FROM session_attendees WHERE session_id = NEW.id \
         ON CONFLICT (client_id) DO UPDATE SET stale = 1; END"
    );
    out.push((name, sql));
    out
}

const PG_FUNCTIONS: &str = "
CREATE FUNCTION client_summaries_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO client_summaries (client_id, stale, phq9_count) VALUES (OLD.client_id, true, 0)
    ON CONFLICT (client_id) DO UPDATE SET stale = true;
  ELSE
    INSERT INTO client_summaries (client_id, stale, phq9_count) VALUES (NEW.client_id, true, 0)
    ON CONFLICT (client_id) DO UPDATE SET stale = true;
  END IF;
  RETURN NULL;
END $$;
CREATE FUNCTION client_summaries_session_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO client_summaries (client_id, stale, phq9_count)
  SELECT DISTINCT client_id, true, 0 FROM session_attendees WHERE session_id = NEW.id
  ON CONFLICT (client_id) DO UPDATE SET stale = true;
  RETURN NULL;
END $$;
";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("client_summaries")
                .col(uuid("client_id").primary_key())
                .col(boolean("stale"))
                .col(timestamp_with_time_zone_null("refreshed_at"))
                .col(uuid_null("episode_id"))
                .col(string_null("episode_state"))
                .col(small_integer_null("latest_total"))
                .col(string_null("latest_band"))
                .col(timestamp_with_time_zone_null("latest_at"))
                .col(uuid_null("latest_episode_id"))
                .col(small_integer_null("baseline"))
                .col(big_integer("phq9_count"))
                .col(text_null("recent"))
                .col(date_null("last_checkin"))
                .col(timestamp_with_time_zone_null("next_session"))
                .col(text_null("flags"))
                .take(),
        )
        .await?;
        let c = m.get_connection();
        match c.get_database_backend() {
            DbBackend::Postgres => {
                c.execute_unprepared(PG_FUNCTIONS).await?;
                for table in DIRECT {
                    c.execute_unprepared(&format!(
                        "CREATE TRIGGER client_summaries_stale \
                         AFTER INSERT OR UPDATE OR DELETE ON {table} \
                         FOR EACH ROW EXECUTE PROCEDURE client_summaries_stale()"
                    ))
                    .await?;
                }
                c.execute_unprepared(
                    "CREATE TRIGGER client_summaries_stale \
                     AFTER UPDATE OF starts_at, cancelled_at ON therapy_sessions \
                     FOR EACH ROW EXECUTE PROCEDURE client_summaries_session_stale()",
                )
                .await?;
            }
            _ => {
                for (_, sql) in sqlite_triggers() {
                    c.execute_unprepared(&sql).await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let c = m.get_connection();
        match c.get_database_backend() {
            DbBackend::Postgres => {
                for table in DIRECT.iter().chain(&["therapy_sessions"]) {
                    c.execute_unprepared(&format!(
                        "DROP TRIGGER client_summaries_stale ON {table}"
                    ))
                    .await?;
                }
                c.execute_unprepared(
                    "DROP FUNCTION client_summaries_stale(); \
                     DROP FUNCTION client_summaries_session_stale();",
                )
                .await?;
            }
            _ => {
                for (name, _) in sqlite_triggers() {
                    c.execute_unprepared(&format!("DROP TRIGGER {name}"))
                        .await?;
                }
            }
        }
        m.drop_table(Table::drop().table("client_summaries").take())
            .await
    }
}
