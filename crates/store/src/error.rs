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
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Maps a unique-constraint violation to `Conflict(what)`, anything else stays as it is.
    pub(crate) fn unique(err: sea_orm::DbErr, what: &'static str) -> Error {
        match err.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => Error::Conflict(what),
            _ => Error::Db(err),
        }
    }
}
