use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error("a record with this {0} already exists")]
    Conflict(&'static str),
    #[error("key file {path}: {message}")]
    KeyFile { path: String, message: String },
    #[error("a stored value could not be decrypted ({0})")]
    Decrypt(String),
    #[error("{0}")]
    Config(String),
    #[error("audit: {0}")]
    Audit(String),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    /// The storage refused a write shared with others (a batch of audit events), whose own
    /// error went to whoever ran the batch.
    #[error("the database cannot be written to ({0:?})")]
    Unwritable(Unwritable),
}

pub type Result<T> = std::result::Result<T, Error>;

/// Why the database cannot take a write just now when it is the storage's doing, not the
/// request's: the service comes back by itself once space (or writing) returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unwritable {
    /// The disk is full (SQLITE_FULL, PostgreSQL's `disk_full`, ENOSPC).
    Full,
    /// The database or its file system is read-only (SQLITE_READONLY, PostgreSQL's
    /// `read_only_sql_transaction`, EROFS).
    ReadOnly,
}

fn io_unwritable(e: &std::io::Error) -> Option<Unwritable> {
    match e.raw_os_error() {
        Some(28) => Some(Unwritable::Full),     // ENOSPC
        Some(30) => Some(Unwritable::ReadOnly), // EROFS
        _ => None,
    }
}

fn sqlx_unwritable(e: &sea_orm::sqlx::Error) -> Option<Unwritable> {
    match e {
        sea_orm::sqlx::Error::Database(d) => match d.code()?.as_ref() {
            "53100" => Some(Unwritable::Full),
            "25006" => Some(Unwritable::ReadOnly),
            // SQLite's (extended) result codes: the primary code is the low byte.
            code => match code.parse::<i32>().ok()? & 0xff {
                13 => Some(Unwritable::Full),
                8 => Some(Unwritable::ReadOnly),
                _ => None,
            },
        },
        sea_orm::sqlx::Error::Io(io) => io_unwritable(io),
        _ => None,
    }
}

impl Error {
    /// Whether this is the storage refusing writes (a full disk, a read-only database).
    pub fn unwritable(&self) -> Option<Unwritable> {
        use sea_orm::{DbErr, RuntimeErr};
        match self {
            Error::Unwritable(why) => Some(*why),
            Error::Io(e) => io_unwritable(e),
            Error::Db(
                DbErr::Exec(RuntimeErr::SqlxError(e))
                | DbErr::Query(RuntimeErr::SqlxError(e))
                | DbErr::Conn(RuntimeErr::SqlxError(e)),
            ) => sqlx_unwritable(e),
            _ => None,
        }
    }

    /// Maps a unique-constraint violation to `Conflict(what)`, anything else stays as it is.
    pub(crate) fn unique(err: sea_orm::DbErr, what: &'static str) -> Error {
        match err.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => Error::Conflict(what),
            _ => Error::Db(err),
        }
    }
}
