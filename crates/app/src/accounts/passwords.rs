//! Argon2id password hashing, off the async threads.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Argon2, password_hash::rand_core::OsRng};

use crate::{Error, Result};

fn argon2() -> Argon2<'static> {
    // Argon2id with the crate's defaults (19 MiB, 2 passes, 1 lane): OWASP's minimum.
    Argon2::default()
}

pub async fn hash(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| Error::Internal(format!("hashing: {e}")))
    })
    .await
    .map_err(|e| Error::Internal(e.to_string()))?
}

/// Checks a password against a stored hash. With no hash (no such account) it checks
/// against a dummy, so the answer takes as long either way.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool> {
    tokio::task::spawn_blocking(move || {
        let stored = match stored {
            Some(s) => s,
            None => dummy_hash()?.to_string(),
        };
        let parsed = PasswordHash::new(&stored).map_err(|e| Error::Internal(e.to_string()))?;
        Ok(argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
    .map_err(|e| Error::Internal(e.to_string()))?
}

fn dummy_hash() -> Result<&'static str> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(h) = DUMMY.get() {
        return Ok(h);
    }
    let salt = SaltString::generate(&mut OsRng);
    let h = argon2()
        .hash_password(b"no such account", &salt)
        .map_err(|e| Error::Internal(e.to_string()))?
        .to_string();
    Ok(DUMMY.get_or_init(|| h))
}
