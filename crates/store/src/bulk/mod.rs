//! Bulk loading, for seeding benchmark data at scale (`rapport seed`): rows are written in
//! large transactions, many rows per statement, instead of one use-case (and one transaction)
//! each. Nothing in the running product writes through here.
//!
//! - **SQLite**: multi-row `INSERT` statements built with sea-query, one prepared statement
//!   per table and size (up to 1,000 rows, within SQLite's limit on bound values), on a
//!   connection of the loader's own whose `synchronous` is `OFF` and whose page cache is
//!   large. The setting dies with that connection; at [`Loader::finish`] the write-ahead log
//!   is checkpointed into the database file with `synchronous = FULL`, so what was loaded
//!   is on disk when `finish` returns.
//! - **PostgreSQL**: `COPY … FROM STDIN` (text format) on a pooled connection, in the same
//!   large transactions; each table's rows are gathered (up to 32 MiB in all) and sent in few,
//!   large `COPY`s.
//!
//! Rows are typed ([`Row`]): each knows its table, its columns and how to seal its
//! encrypted fields with the database's keys, so a bulk-loaded row is stored exactly as the
//! repositories store it. Secondary indexes (and, on PostgreSQL, foreign keys) of the big
//! tables may be dropped for the load and added again at the end
//! ([`Loader::defer_indexes_and_keys`]), which turns millions of scattered index updates and
//! per-row key checks into one sort per index and one validating pass per key.

mod copy;
mod rows;

pub use rows::{
    AnswerRow, ApproachRow, CheckinRow, ClientProfileRow, ClinicianProfileRow, UserRow,
};
pub use sea_orm::Value;

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, PostgresQueryBuilder, Query, SqliteQueryBuilder};
use sea_orm::sqlx::sqlite::{SqlitePoolOptions, SqliteSynchronous};
use sea_orm::sqlx::{self, Postgres};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, Statement,
    TransactionTrait,
};

use crate::crypto::Keyring;
use crate::{Backend, Db, Error, Result};

/// One row of one table, as the bulk loader writes it.
pub trait Row: Send {
    /// The table the row goes to.
    const TABLE: &'static str;
    /// Its columns, in the order [`Row::values`] gives them.
    const COLUMNS: &'static [&'static str];

    /// Appends the row's values, in [`Row::COLUMNS`] order, sealing the encrypted ones.
    fn values(self, keys: &Keyring, out: &mut Vec<Value>) -> Result<()>;
}

/// How the loader works; the defaults suit a seeding run.
#[derive(Debug, Clone, Copy)]
pub struct LoaderOptions {
    /// SQLite: the page cache of the loader's connection, in MiB.
    pub sqlite_cache_mib: u32,
    /// PostgreSQL: `COPY` (fast) or multi-row `INSERT` statements (for comparison).
    pub postgres_copy: bool,
}

impl Default for LoaderOptions {
    fn default() -> Self {
        LoaderOptions {
            sqlite_cache_mib: 256,
            postgres_copy: true,
        }
    }
}

/// At most this many rows per `INSERT` statement.
const MAX_ROWS_PER_STATEMENT: usize = 1_000;
/// At most this many bound values per statement (SQLite allows 32,766, PostgreSQL 65,535).
const MAX_VALUES_PER_STATEMENT: usize = 30_000;
/// `COPY` data is sent in pieces of about this size.
const COPY_PIECE_BYTES: usize = 1 << 20;
/// Pending `COPY` data is sent once it is this large (and at every commit).
const COPY_FLUSH_BYTES: usize = 32 << 20;

enum Conn {
    /// Multi-row inserts on a sea-orm connection (SQLite: the loader's own).
    Insert {
        conn: DatabaseConnection,
        backend: DbBackend,
        own_pool: bool,
        tx: Option<DatabaseTransaction>,
    },
    /// `COPY` on a pooled PostgreSQL connection.
    Copy {
        pool: sqlx::PgPool,
        tx: Option<sqlx::Transaction<'static, Postgres>>,
        /// Encoded rows not sent yet, per table, in the order the tables were first written.
        pending: Vec<PendingCopy>,
    },
}

struct PendingCopy {
    table: &'static str,
    statement: String,
    text: String,
}

/// An index or foreign key dropped for the load: its name, and the SQL that adds it again.
struct Deferred {
    name: String,
    sql: String,
}

/// Writes rows in large transactions; [`Loader::commit`] ends one (the next write starts the
/// next), [`Loader::finish`] commits, adds deferred indexes and keys again, and closes.
pub struct Loader {
    db: Db,
    conn: Conn,
    /// The SQL of an insert of `n` rows into a table, built once.
    statements: HashMap<(&'static str, usize), String>,
    /// Indexes and foreign keys dropped for the load, to add again at the end.
    deferred: Vec<Deferred>,
    written: u64,
}

impl Loader {
    /// A loader on `db`'s database. On SQLite it opens a connection of its own (see the
    /// module's notes); nothing else should write to the database while it loads.
    pub async fn open(db: &Db, options: &LoaderOptions) -> Result<Loader> {
        // Also at the end (a server started during the load may note a pass done).
        crate::upkeep::forget_all(db).await?;
        let conn = match db.backend() {
            Backend::Sqlite => {
                let pool = db.conn().get_sqlite_connection_pool();
                let cache_kib = i64::from(options.sqlite_cache_mib.max(2)) * 1024;
                let connect = (*pool.connect_options())
                    .clone()
                    .synchronous(SqliteSynchronous::Off)
                    .pragma("cache_size", format!("-{cache_kib}"))
                    .statement_cache_capacity(256);
                let own = SqlitePoolOptions::new()
                    .max_connections(1)
                    .min_connections(1)
                    .connect_with(connect)
                    .await
                    .map_err(|e| sqlx_error("opening the loader's connection", e))?;
                Conn::Insert {
                    conn: sea_orm::SqlxSqliteConnector::from_sqlx_sqlite_pool(own),
                    backend: DbBackend::Sqlite,
                    own_pool: true,
                    tx: None,
                }
            }
            Backend::Postgres if options.postgres_copy => Conn::Copy {
                pool: db.conn().get_postgres_connection_pool().clone(),
                tx: None,
                pending: Vec::new(),
            },
            Backend::Postgres => Conn::Insert {
                conn: db.conn().clone(),
                backend: DbBackend::Postgres,
                own_pool: false,
                tx: None,
            },
        };
        Ok(Loader {
            db: db.clone(),
            conn,
            statements: HashMap::new(),
            deferred: Vec::new(),
            written: 0,
        })
    }

    /// Rows written so far (committed or not).
    pub fn rows_written(&self) -> u64 {
        self.written
    }

    /// Drops the secondary indexes of `tables` (not those behind primary keys or unique
    /// constraints) and, on PostgreSQL, their foreign keys, until [`Loader::finish`] adds
    /// them again from their own definitions, read from the database's catalogue: one sort per
    /// index instead of millions of scattered updates, and one validating pass per foreign
    /// key instead of a trigger per row (as `pg_restore` does it). SQLite's foreign keys stay:
    /// it cannot drop them, and its checks are plain index look-ups. Call before writing to
    /// those tables. If the process dies before `finish`, the indexes and keys stay missing:
    /// the database is a half-loaded one to delete.
    pub async fn defer_indexes_and_keys(&mut self, tables: &[&str]) -> Result<()> {
        self.commit().await?;
        let backend = self.db.backend();
        let c = match &self.conn {
            Conn::Insert { conn, .. } => conn,
            Conn::Copy { .. } => self.db.conn(),
        };
        for table in tables {
            let (indexes, keys) = match backend {
                Backend::Sqlite => (
                    pairs(
                        c,
                        DbBackend::Sqlite,
                        "SELECT name, sql FROM sqlite_master \
                         WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL \
                         ORDER BY name",
                        table,
                    )
                    .await?,
                    vec![],
                ),
                Backend::Postgres => (
                    pairs(
                        c,
                        DbBackend::Postgres,
                        "SELECT i.indexname::text, i.indexdef::text FROM pg_indexes i \
                         WHERE i.schemaname = current_schema() AND i.tablename = $1 \
                         AND NOT EXISTS (SELECT 1 FROM pg_constraint k \
                             WHERE k.conname = i.indexname) \
                         ORDER BY i.indexname",
                        table,
                    )
                    .await?,
                    pairs(
                        c,
                        DbBackend::Postgres,
                        "SELECT conname::text, pg_get_constraintdef(oid)::text \
                         FROM pg_constraint WHERE contype = 'f' AND conrelid = $1::regclass \
                         ORDER BY conname",
                        table,
                    )
                    .await?,
                ),
            };
            // Triggers too (m0034's, which mark a client's summary stale on every row): the
            // summaries are computed once after the load (`summaries::backfill`).
            let triggers = match backend {
                Backend::Sqlite => {
                    pairs(
                        c,
                        DbBackend::Sqlite,
                        "SELECT name, sql FROM sqlite_master \
                         WHERE type = 'trigger' AND tbl_name = ? ORDER BY name",
                        table,
                    )
                    .await?
                }
                Backend::Postgres => {
                    pairs(
                        c,
                        DbBackend::Postgres,
                        "SELECT tgname::text, pg_get_triggerdef(oid)::text FROM pg_trigger \
                         WHERE tgrelid = $1::regclass AND NOT tgisinternal ORDER BY tgname",
                        table,
                    )
                    .await?
                }
            };
            for (name, sql) in triggers {
                let drop = match backend {
                    Backend::Sqlite => format!("DROP TRIGGER {}", quote(&name)),
                    Backend::Postgres => {
                        format!("DROP TRIGGER {} ON {}", quote(&name), quote(table))
                    }
                };
                c.execute_unprepared(&drop).await?;
                self.deferred.push(Deferred { name, sql });
            }
            for (name, sql) in indexes {
                // Only ordinary indexes: a unique or partial index guards the data.
                let upper = sql.to_uppercase();
                if upper.contains("UNIQUE") || upper.contains(" WHERE ") {
                    continue;
                }
                c.execute_unprepared(&format!("DROP INDEX {}", quote(&name)))
                    .await?;
                self.deferred.push(Deferred { name, sql });
            }
            for (name, definition) in keys {
                c.execute_unprepared(&format!(
                    "ALTER TABLE {} DROP CONSTRAINT {}",
                    quote(table),
                    quote(&name)
                ))
                .await?;
                let sql = format!(
                    "ALTER TABLE {} ADD CONSTRAINT {} {definition}",
                    quote(table),
                    quote(&name)
                );
                self.deferred.push(Deferred { name, sql });
            }
        }
        // Indexes before keys, whatever the order of the tables.
        self.deferred.sort_by_key(|d| d.sql.starts_with("ALTER"));
        Ok(())
    }

    /// Writes `rows` in the current transaction (starting one if none is open). With `COPY`
    /// the rows may wait in memory (up to 32 MiB) until a later write or the commit sends them;
    /// a table's rows may refer only to rows of tables first written before it.
    pub async fn write<R: Row>(&mut self, rows: Vec<R>) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let n = rows.len() as u64;
        let is_copy = matches!(self.conn, Conn::Copy { .. });
        if is_copy {
            self.copy(rows).await?;
        } else {
            self.insert(rows).await?;
        }
        self.written += n;
        Ok(())
    }

    async fn insert<R: Row>(&mut self, rows: Vec<R>) -> Result<()> {
        let ncols = R::COLUMNS.len();
        let full = (MAX_VALUES_PER_STATEMENT / ncols.max(1)).clamp(1, MAX_ROWS_PER_STATEMENT);
        let keys = self.db.keys();
        let Conn::Insert {
            conn, backend, tx, ..
        } = &mut self.conn
        else {
            return Err(Error::Config(
                "the loader is not writing with INSERT".into(),
            ));
        };
        if tx.is_none() {
            *tx = Some(conn.begin().await?);
        }
        let Some(tx) = tx.as_ref() else {
            return Err(Error::Config("no transaction".into()));
        };
        let mut left = rows.len();
        let mut rows = rows.into_iter();
        while left > 0 {
            // Full statements, then the rest in powers of two: few distinct statements to
            // prepare, each prepared once per connection.
            let k = if left >= full {
                full
            } else {
                1 << left.ilog2()
            };
            let mut values = Vec::with_capacity(k * ncols);
            for row in rows.by_ref().take(k) {
                row.values(keys, &mut values)?;
            }
            if values.len() != k * ncols {
                return Err(Error::Config(format!(
                    "{}: a row gave {} values for {ncols} columns",
                    R::TABLE,
                    values.len() / k.max(1)
                )));
            }
            let sql = match self.statements.get(&(R::TABLE, k)) {
                Some(sql) => sql.clone(),
                None => {
                    let sql = insert_sql(R::TABLE, R::COLUMNS, k, *backend)?;
                    self.statements.insert((R::TABLE, k), sql.clone());
                    sql
                }
            };
            tx.execute_raw(Statement::from_sql_and_values(*backend, sql, values))
                .await?;
            left -= k;
        }
        Ok(())
    }

    /// Encodes the rows into the table's pending `COPY` data; sends everything pending once
    /// it is large. Few, large `COPY`s: sqlx writes a `COPY`'s end apart from its data, and
    /// without TCP_NODELAY each `COPY` can wait for a delayed acknowledgement (~40 ms).
    async fn copy<R: Row>(&mut self, rows: Vec<R>) -> Result<()> {
        let keys = self.db.keys();
        let Conn::Copy { pending, .. } = &mut self.conn else {
            return Err(Error::Config("the loader is not writing with COPY".into()));
        };
        let at = match pending.iter().position(|p| p.table == R::TABLE) {
            Some(i) => i,
            None => {
                pending.push(PendingCopy {
                    table: R::TABLE,
                    statement: format!(
                        "COPY {} ({}) FROM STDIN",
                        quote(R::TABLE),
                        R::COLUMNS
                            .iter()
                            .map(|c| quote(c))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    text: String::new(),
                });
                pending.len() - 1
            }
        };
        let Some(p) = pending.get_mut(at) else {
            return Err(Error::Config("no pending COPY".into()));
        };
        let mut values = Vec::with_capacity(R::COLUMNS.len());
        for row in rows {
            values.clear();
            row.values(keys, &mut values)?;
            if values.len() != R::COLUMNS.len() {
                return Err(Error::Config(format!(
                    "{}: a row gave {} values for {} columns",
                    R::TABLE,
                    values.len(),
                    R::COLUMNS.len()
                )));
            }
            copy::encode_line(&values, &mut p.text)?;
        }
        if pending.iter().map(|p| p.text.len()).sum::<usize>() >= COPY_FLUSH_BYTES {
            self.flush_copies().await?;
        }
        Ok(())
    }

    /// Sends every table's pending `COPY` data, in the order the tables were first written
    /// (so a table's rows may refer to rows of tables first written before it).
    async fn flush_copies(&mut self) -> Result<()> {
        let Conn::Copy { pool, tx, pending } = &mut self.conn else {
            return Ok(());
        };
        if pending.iter().all(|p| p.text.is_empty()) {
            return Ok(());
        }
        if tx.is_none() {
            *tx = Some(pool.begin().await.map_err(|e| sqlx_error("BEGIN", e))?);
        }
        let Some(tx) = tx.as_mut() else {
            return Err(Error::Config("no transaction".into()));
        };
        for p in pending.iter_mut().filter(|p| !p.text.is_empty()) {
            let text = std::mem::take(&mut p.text);
            let conn: &mut sqlx::PgConnection = tx;
            let mut copy = conn
                .copy_in_raw(&p.statement)
                .await
                .map_err(|e| sqlx_error(p.table, e))?;
            let bytes = text.as_bytes();
            let mut at = 0;
            while at < bytes.len() {
                // Pieces end at a line's end, so no piece splits a row.
                let end = if bytes.len() - at <= COPY_PIECE_BYTES {
                    bytes.len()
                } else {
                    bytes[at + COPY_PIECE_BYTES..]
                        .iter()
                        .position(|b| *b == b'\n')
                        .map_or(bytes.len(), |i| at + COPY_PIECE_BYTES + i + 1)
                };
                if let Err(e) = copy.send(&bytes[at..end]).await {
                    let _ = copy.abort("send failed").await;
                    return Err(sqlx_error(p.table, e));
                }
                at = end;
            }
            copy.finish().await.map_err(|e| sqlx_error(p.table, e))?;
        }
        Ok(())
    }

    /// Sends what is pending and commits the current transaction, if any.
    pub async fn commit(&mut self) -> Result<()> {
        self.flush_copies().await?;
        match &mut self.conn {
            Conn::Insert { tx, .. } => {
                if let Some(tx) = tx.take() {
                    tx.commit().await?;
                }
            }
            Conn::Copy { tx, .. } => {
                if let Some(tx) = tx.take() {
                    tx.commit().await.map_err(|e| sqlx_error("COMMIT", e))?;
                }
            }
        }
        Ok(())
    }

    /// Commits, adds the deferred indexes and keys again, makes the load durable and closes
    /// the loader. Returns the number of rows written.
    pub async fn finish(mut self) -> Result<u64> {
        self.commit().await?;
        crate::upkeep::forget_all(&self.db).await?;
        self.rebuild_deferred().await?;
        match (&self.conn, self.db.backend()) {
            (Conn::Insert { conn, .. }, Backend::Sqlite) => {
                // Durable from here: the log is folded into the file, which is synced.
                conn.execute_unprepared("PRAGMA synchronous = FULL").await?;
                conn.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
                    .await?;
                conn.execute_unprepared("PRAGMA optimize").await?;
            }
            (_, Backend::Postgres) => {
                // VACUUM too, not only ANALYZE: until a table is vacuumed its visibility map is
                // empty, so even an index-only plan reads every row from the heap (the
                // administration hub's count by role took 97 ms at 100,000 clients).
                self.db
                    .conn()
                    .execute_unprepared("VACUUM (ANALYZE)")
                    .await?;
            }
            _ => {}
        }
        self.close().await?;
        Ok(self.written)
    }

    /// Gives up: rolls back what is not committed, adds any deferred indexes and keys again
    /// (so the committed part is a consistent database) and closes the loader.
    pub async fn abort(mut self) -> Result<()> {
        match &mut self.conn {
            Conn::Insert { tx, .. } => {
                if let Some(tx) = tx.take() {
                    tx.rollback().await?;
                }
            }
            Conn::Copy { tx, pending, .. } => {
                pending.clear();
                if let Some(tx) = tx.take() {
                    tx.rollback().await.map_err(|e| sqlx_error("ROLLBACK", e))?;
                }
            }
        }
        self.rebuild_deferred().await?;
        self.close().await
    }

    async fn rebuild_deferred(&mut self) -> Result<()> {
        let deferred = std::mem::take(&mut self.deferred);
        if deferred.is_empty() {
            return Ok(());
        }
        match (&self.conn, self.db.backend()) {
            (Conn::Insert { conn, .. }, Backend::Sqlite) => {
                for d in &deferred {
                    conn.execute_unprepared(&d.sql).await?;
                }
            }
            _ => {
                // One transaction, so that the sorts' working memory applies to them all, and
                // the keys are validated once, all or none.
                let tx = self.db.conn().begin().await?;
                tx.execute_unprepared("SET LOCAL maintenance_work_mem = '256MB'")
                    .await?;
                for d in &deferred {
                    tx.execute_unprepared(&d.sql).await?;
                }
                tx.commit().await?;
            }
        }
        Ok(())
    }

    async fn close(&mut self) -> Result<()> {
        if let Conn::Insert {
            conn,
            own_pool: true,
            ..
        } = &self.conn
        {
            conn.clone().close().await?;
        }
        Ok(())
    }

    /// The indexes and keys dropped by [`Loader::defer_indexes_and_keys`] and not yet
    /// added again.
    pub fn deferred(&self) -> Vec<String> {
        self.deferred.iter().map(|d| d.name.clone()).collect()
    }
}

/// Two text columns of each row of a query with one parameter.
async fn pairs(
    c: &DatabaseConnection,
    backend: DbBackend,
    sql: &str,
    param: &str,
) -> Result<Vec<(String, String)>> {
    let rows = c
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [Value::from(param)],
        ))
        .await?;
    Ok(rows
        .iter()
        .map(|r| Ok((r.try_get_by_index(0)?, r.try_get_by_index(1)?)))
        .collect::<std::result::Result<Vec<(String, String)>, DbErr>>()?)
}

/// Whether `table` has any row.
pub async fn has_rows(db: &Db, table: &str) -> Result<bool> {
    let q = Query::select()
        .expr(Expr::val(1))
        .from(table.to_string())
        .limit(1)
        .take();
    Ok(db.conn().query_one(&q).await?.is_some())
}

/// The size of the database in bytes: SQLite's pages in use (the file, log folded in), or
/// PostgreSQL's `pg_database_size`.
pub async fn database_size(db: &Db) -> Result<u64> {
    let sql = match db.backend() {
        Backend::Sqlite => {
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
        }
        Backend::Postgres => "SELECT pg_database_size(current_database())::bigint",
    };
    let row = db
        .conn()
        .query_one_raw(Statement::from_string(db_backend(db.backend()), sql))
        .await?;
    let bytes = match row {
        Some(r) => r.try_get_by_index::<i64>(0)?,
        None => 0,
    };
    Ok(u64::try_from(bytes).unwrap_or(0))
}

fn db_backend(b: Backend) -> DbBackend {
    match b {
        Backend::Sqlite => DbBackend::Sqlite,
        Backend::Postgres => DbBackend::Postgres,
    }
}

/// `INSERT INTO table (columns) VALUES (?, …), … ` for `rows` rows, with placeholders.
fn insert_sql(
    table: &'static str,
    columns: &'static [&'static str],
    rows: usize,
    backend: DbBackend,
) -> Result<String> {
    let mut q = Query::insert();
    q.into_table(table).columns(columns.iter().copied());
    for _ in 0..rows {
        q.values(columns.iter().map(|_| Expr::val(Value::Int(None))))
            .map_err(|e| Error::Config(format!("{table}: {e}")))?;
    }
    let (sql, values) = match backend {
        DbBackend::Postgres => q.build(PostgresQueryBuilder),
        _ => q.build(SqliteQueryBuilder),
    };
    if values.0.len() != rows * columns.len() {
        return Err(Error::Config(format!(
            "{table}: the statement binds {} values, not {}",
            values.0.len(),
            rows * columns.len()
        )));
    }
    Ok(sql)
}

/// A quoted SQL identifier (the names here are the schema's own, never input).
fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn sqlx_error(what: &str, e: sqlx::Error) -> Error {
    Error::Db(DbErr::Custom(format!("{what}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_statements_bind_every_value() {
        let sql = insert_sql("t", &["a", "b", "c"], 4, DbBackend::Sqlite).unwrap();
        assert_eq!(sql.matches('?').count(), 12);
        assert!(sql.starts_with(r#"INSERT INTO "t" ("a", "b", "c") VALUES"#));
        let sql = insert_sql("t", &["a", "b"], 3, DbBackend::Postgres).unwrap();
        assert!(sql.contains("$6"), "{sql}");
    }
}
