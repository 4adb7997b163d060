use thiserror::Error;

/// What a use-case can answer instead of a result. `web` maps each to a status and a page.
#[derive(Debug, Error)]
pub enum Error {
    /// Bad input: `field` names what to fix.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// Sign-in failed. One message for every cause, so it reveals nothing.
    #[error("sign-in failed")]
    BadCredentials,
    /// Too many failed sign-ins; try again after this many seconds.
    #[error("too many attempts")]
    Throttled { retry_after_secs: u64 },
    /// Not signed in, or the session or token has ended.
    #[error("not signed in")]
    Unauthenticated,
    /// Signed in, but a second factor must be enrolled or checked first.
    #[error("two-step sign-in required")]
    SecondFactorRequired,
    /// The policy refused.
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Conflict(String),
    #[error("storage: {0}")]
    Store(#[from] rapport_store::Error),
    #[error("internal: {0}")]
    Internal(String),
}

impl From<rapport_core::Error> for Error {
    fn from(e: rapport_core::Error) -> Self {
        Error::Invalid {
            field: e.field,
            message: e.message,
        }
    }
}

pub use rapport_store::{Error as StoreError, Unwritable};

impl Error {
    /// Whether the storage refused the write (a full disk, a read-only database): no fault
    /// of the request, and over once space or writing returns.
    pub fn unwritable(&self) -> Option<Unwritable> {
        match self {
            Error::Store(e) => e.unwritable(),
            _ => None,
        }
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
