use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sea_orm::sqlx::Connection as _;
use sea_orm::sqlx::pool::PoolConnectionMetadata;
use sea_orm::sqlx::sqlite::{SqliteConnection, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use tokio::sync::{Mutex, OwnedMutexGuard};

use crate::audit::{HeadCache, Journal};
use crate::crypto::Keyring;
use crate::durability::WalSync;
use crate::migrations::Migrator;
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// How to reach the database.
#[derive(Debug, Clone)]
pub struct DbOptions {
    /// `sqlite:///path/to/rapport.db` or `postgres://…`.
    pub url: String,
    pub max_connections: u32,
}

impl DbOptions {
    /// A SQLite file, read through [`sqlite_readers`] pooled connections (its writes have a
    /// connection of their own).
    pub fn sqlite_file(path: &Path) -> DbOptions {
        DbOptions {
            url: format!("sqlite://{}", path.display()),
            max_connections: sqlite_readers(),
        }
    }

    pub fn backend(&self) -> Result<Backend> {
        if self.url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if self.url.starts_with("postgres://") || self.url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(Error::Config(
                "the database URL must start with sqlite:// or postgres://".to_string(),
            ))
        }
    }
}

/// Read connections for SQLite: three per core, at least 4 and at most 24. Each is a thread of
/// this process that runs its queries, with a page cache and prepared statements of its own:
/// beyond what the cores keep busy they add memory, and too few make long pages queue for one
/// (issue 19, two cores: 6 served the mixed load as 8 did with 5 MB less at its peak; 4 took
/// 14 MB less but the clinician's page waited, its p99 1.3–1.4 times as long; BENCHMARKS.md).
pub fn sqlite_readers() -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    u32::try_from(cores * 3).unwrap_or(24).clamp(4, 24)
}

/// How a SQLite connection makes its commits durable.
#[derive(Clone, Copy)]
enum Flush {
    /// Each commit flushes the log itself (`synchronous=FULL`).
    EveryCommit,
    /// Commits leave the flush to [`WalSync`] (`synchronous=NORMAL`): the write transactions'
    /// own connection.
    Grouped,
}

fn connect_options(options: &DbOptions, backend: Backend, flush: Flush) -> ConnectOptions {
    let mut opts = ConnectOptions::new(options.url.clone());
    opts.max_connections(options.max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    if backend == Backend::Sqlite {
        // A pooled SQLite connection is a file handle and a thread of this process, not a
        // socket that can go stale: pinging it on every acquire (sqlx's default) cost a round
        // trip to its thread per transaction and per query run on the pool (issue 19). Only a
        // connection idle for a minute is pinged.
        opts.test_before_acquire_if_idle_for(Duration::from_secs(60));
        opts.map_sqlx_sqlite_opts(move |o| {
            o.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(match flush {
                    Flush::EveryCommit => SqliteSynchronous::Full,
                    Flush::Grouped => SqliteSynchronous::Normal,
                })
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // What is deleted is overwritten with zeros, so that an erased client's data
                // leaves no copy in free space (docs/erasure.md).
                .pragma("secure_delete", "ON")
        });
        opts.map_sqlx_sqlite_pool_opts(|pool| pool.after_release(settled_connection));
    }
    opts
}

/// Keeps a SQLite connection for the next transaction only if it is back outside any
/// transaction. When SQLite has already rolled a transaction back by itself (it does on a full
/// disk), the ROLLBACK that follows fails and the driver goes on counting the transaction as
/// open: the next BEGIN would become a SAVEPOINT, and after one more error a transaction would
/// stay open for good, acknowledging writes that no other connection ever sees. Such a
/// connection is closed instead, and the pool opens a fresh one.
fn settled_connection(
    conn: &mut SqliteConnection,
    _: PoolConnectionMetadata,
) -> std::pin::Pin<
    Box<
        dyn std::future::Future<Output = std::result::Result<bool, sea_orm::sqlx::Error>>
            + Send
            + '_,
    >,
> {
    Box::pin(async move {
        if !conn.is_in_transaction() {
            return Ok(true);
        }
        // A rollback queued by a dropped transaction runs before the ping.
        conn.ping().await?;
        Ok(!conn.is_in_transaction())
    })
}

/// The file of a SQLite database URL (`None` for PostgreSQL and in-memory databases).
fn sqlite_path(options: &DbOptions) -> Option<std::path::PathBuf> {
    let rest = options.url.strip_prefix("sqlite:")?;
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let path = rest.split('?').next().unwrap_or(rest);
    if path.is_empty() || path == ":memory:" || options.url.contains("mode=memory") {
        return None;
    }
    Some(std::path::PathBuf::from(path))
}

/// Health data: the database file is created readable by its owner alone, whatever the
/// umask. SQLite gives its `-wal` and `-shm` files the database file's mode.
fn create_private_file(path: &Path) -> Result<()> {
    let mut open = std::fs::OpenOptions::new();
    open.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut open, 0o600);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        return Ok(()); // Let SQLite report the missing folder in its own words.
    }
    open.open(path)
        .map_err(|e| Error::Config(format!("cannot create {}: {e}", path.display())))?;
    Ok(())
}

/// Sets mode 0600 on the database, `-wal` and `-shm` files that exist (a database created
/// before this rule, or under a wide umask).
fn make_private(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let name = path.as_os_str().to_os_string();
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut f = name.clone();
            f.push(suffix);
            let f = std::path::PathBuf::from(f);
            if let Ok(meta) = std::fs::metadata(&f)
                && meta.permissions().mode() & 0o777 != 0o600
            {
                std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).map_err(
                    |e| Error::Config(format!("cannot make {} private: {e}", f.display())),
                )?;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// The database and the keys that open its encrypted fields. Cheap to clone.
#[derive(Clone)]
pub struct Db {
    conn: DatabaseConnection,
    /// SQLite in a file: the write transactions' own connection, whose commits are flushed
    /// together (`durability`); `None` on PostgreSQL, whose writes use `conn`.
    writer: Option<DatabaseConnection>,
    wal: Option<Arc<WalSync>>,
    backend: Backend,
    /// SQLite has one writer; writers queue here instead of spinning on SQLITE_BUSY.
    write_lock: Arc<Mutex<()>>,
    keys: Arc<Keyring>,
    /// Audit events of reads, waiting to be committed together.
    pub(crate) journal: Arc<Journal>,
    /// The audit chain's head as this process last wrote it.
    audit_head: Arc<HeadCache>,
    /// SQL statements run so far (see [`Db::statements_run`]).
    statements: Arc<AtomicU64>,
}

impl Db {
    /// Connects without touching the schema.
    pub async fn connect(options: &DbOptions, keys: Keyring) -> Result<Db> {
        let backend = options.backend()?;
        let file = sqlite_path(options);
        if let Some(path) = &file {
            create_private_file(path)?;
        }
        let statements = Arc::new(AtomicU64::new(0));
        let count = |conn: &mut DatabaseConnection| {
            let counter = statements.clone();
            conn.set_metric_callback(move |_| {
                counter.fetch_add(1, Ordering::Relaxed);
            });
        };
        let mut conn =
            Database::connect(connect_options(options, backend, Flush::EveryCommit)).await?;
        count(&mut conn);
        // One connection is enough for the writer: SQLite has one writer at a time, and the
        // write lock below queues them.
        let (writer, wal) = match &file {
            Some(path) => {
                let mut one = options.clone();
                one.max_connections = 1;
                let mut writer =
                    Database::connect(connect_options(&one, backend, Flush::Grouped)).await?;
                count(&mut writer);
                (Some(writer), Some(Arc::new(WalSync::new(path))))
            }
            None => (None, None),
        };
        if let Some(path) = &file {
            make_private(path)?;
        }
        Ok(Db {
            conn,
            writer,
            wal,
            backend,
            write_lock: Arc::new(Mutex::new(())),
            keys: Arc::new(keys),
            journal: Arc::default(),
            audit_head: Arc::default(),
            statements,
        })
    }

    /// Connects and brings the schema up to date.
    pub async fn open(options: &DbOptions, keys: Keyring) -> Result<Db> {
        let db = Db::connect(options, keys).await?;
        db.migrate().await?;
        Ok(db)
    }

    pub async fn migrate(&self) -> Result<()> {
        use crate::upkeep::{Pass, once};
        Migrator::up(&self.conn, None).await?;
        // Each pass until it has once run to the end (`upkeep`). Accounts made before the
        // search index existed get their terms.
        once(self, Pass::SearchTerms, async || {
            crate::accounts::search::backfill(self).await
        })
        .await?;
        once(self, Pass::SealedConsultationTimes, async || {
            crate::consultations::seal_plain_times(self).await
        })
        .await?;
        once(self, Pass::SweepSlots, async || {
            crate::episodes::place_in_sweep_slots(self).await
        })
        .await?;
        Ok(())
    }

    /// Undoes every migration: every table and all data are gone. For the test that proves
    /// each migration's `down` undoes its `up`; nothing else calls it.
    pub async fn undo_all_migrations(&self) -> Result<()> {
        Migrator::down(&self.conn, None).await?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn keys(&self) -> &Keyring {
        &self.keys
    }

    /// For reads that need no transaction.
    pub fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    /// How many SQL statements this process has run through this `Db`, BEGIN and COMMIT not
    /// counted (each is a round trip to the database; the tests bound a submission by it).
    pub fn statements_run(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// Write transactions committed on SQLite's writer connection, and the flushes of the log
    /// that made them durable (`(0, 0)` on PostgreSQL): how many commits shared a flush.
    pub fn commits_and_flushes(&self) -> (u64, u64) {
        self.wal
            .as_ref()
            .map_or((0, 0), |w| (w.commits(), w.flushes()))
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<()> {
        self.conn.ping().await?;
        Ok(())
    }

    /// Starts a read-write transaction. On SQLite it takes the write lock at once, so that
    /// a read followed by a write inside it cannot fail with a stale snapshot.
    pub async fn write(&self) -> Result<WriteTx> {
        let guard = match self.backend {
            Backend::Sqlite => Some(self.write_lock.clone().lock_owned().await),
            Backend::Postgres => None,
        };
        let tx = match self.backend {
            // BEGIN IMMEDIATE takes SQLite's write lock now (waiting on busy_timeout when
            // another process, such as the command line, holds it).
            Backend::Sqlite => {
                self.writer
                    .as_ref()
                    .unwrap_or(&self.conn)
                    .begin_with_options(TransactionOptions {
                        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                        ..TransactionOptions::default()
                    })
                    .await?
            }
            Backend::Postgres => self.conn.begin().await?,
        };
        Ok(WriteTx {
            tx,
            backend: self.backend,
            keys: self.keys.clone(),
            audit_head: self.audit_head.clone(),
            wal: self.wal.clone(),
            guard,
        })
    }

    /// Starts a read-only snapshot. It takes no write lock, so it neither waits for writers
    /// nor holds them up; what it reads is consistent with itself.
    pub async fn read(&self) -> Result<ReadTx> {
        Ok(ReadTx {
            tx: self.conn.begin().await?,
            keys: self.keys.clone(),
        })
    }

    pub async fn close(self) -> Result<()> {
        if let Some(writer) = self.writer {
            writer.close().await?;
        }
        self.conn.close().await?;
        Ok(())
    }
}

/// What both kinds of transaction offer to the code that reads through them.
pub trait Tx {
    fn conn(&self) -> &DatabaseTransaction;
    fn keys(&self) -> &Keyring;
}

/// A read-only snapshot (see `Db::read`).
pub struct ReadTx {
    tx: DatabaseTransaction,
    keys: Arc<Keyring>,
}

impl ReadTx {
    pub fn conn(&self) -> &DatabaseTransaction {
        &self.tx
    }

    pub fn keys(&self) -> &Keyring {
        &self.keys
    }

    /// Ends the snapshot.
    pub async fn close(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }
}

impl Tx for ReadTx {
    fn conn(&self) -> &DatabaseTransaction {
        &self.tx
    }

    fn keys(&self) -> &Keyring {
        &self.keys
    }
}

impl Tx for WriteTx {
    fn conn(&self) -> &DatabaseTransaction {
        &self.tx
    }

    fn keys(&self) -> &Keyring {
        &self.keys
    }
}

/// A read-write transaction; dropped without `commit` it rolls back.
pub struct WriteTx {
    tx: DatabaseTransaction,
    backend: Backend,
    keys: Arc<Keyring>,
    audit_head: Arc<HeadCache>,
    wal: Option<Arc<WalSync>>,
    guard: Option<OwnedMutexGuard<()>>,
}

impl WriteTx {
    pub fn conn(&self) -> &DatabaseTransaction {
        &self.tx
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn keys(&self) -> &Keyring {
        &self.keys
    }

    pub(crate) fn audit_head(&self) -> &HeadCache {
        &self.audit_head
    }

    /// Commits; returns once the commit is on disk. On SQLite the next writer goes on while
    /// this one waits for the log's flush, which it may share with others (`durability`).
    pub async fn commit(self) -> Result<()> {
        let WriteTx { tx, wal, guard, .. } = self;
        tx.commit().await?;
        let ticket = wal.as_ref().map(|w| w.committed());
        drop(guard);
        if let (Some(wal), Some(ticket)) = (wal, ticket) {
            wal.durable(ticket).await?;
        }
        Ok(())
    }
}
