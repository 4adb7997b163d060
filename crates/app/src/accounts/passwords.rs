//! Argon2id password hashing, off the async threads, in a bounded amount of memory.
//!
//! Each hash needs 19 MiB of working memory. Allocated per hash, those blocks stay in the
//! allocator's arenas after a burst of sign-ins (the server was measured at 697 MB after
//! 200 at once). Instead a few workspaces are allocated once and reused, and no more hashes
//! run at a time than there are workspaces (about one per core: hashing is pure CPU, so
//! more at once would not finish sooner).

use std::sync::{Mutex, OnceLock};

use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::Semaphore;

use crate::{Error, Result};

/// Argon2id with the crate's defaults (19 MiB, 2 passes, 1 lane): OWASP's minimum.
fn params() -> Params {
    Params::default()
}

struct Workspaces {
    turns: Semaphore,
    free: Mutex<Vec<Vec<Block>>>,
}

fn workspaces() -> &'static Workspaces {
    static W: OnceLock<Workspaces> = OnceLock::new();
    W.get_or_init(|| {
        let n = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 4));
        Workspaces {
            turns: Semaphore::new(n),
            free: Mutex::new(Vec::new()),
        }
    })
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("password hashing: {e}"))
}

/// Runs `f` on a blocking thread with a workspace of `blocks` blocks, waiting for a turn.
async fn with_workspace<T: Send + 'static>(
    blocks: usize,
    f: impl FnOnce(&mut [Block]) -> Result<T> + Send + 'static,
) -> Result<T> {
    let w = workspaces();
    let turn = w.turns.acquire().await.map_err(internal)?;
    let r = tokio::task::spawn_blocking(move || {
        // A panic while holding the list cannot leave it half-changed (push and pop are
        // single steps), so a poisoned lock is still good.
        let take = || w.free.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let mut memory = take().unwrap_or_default();
        if memory.len() < blocks {
            memory.resize(blocks, Block::default());
        }
        let r = f(&mut memory[..blocks]);
        w.free
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(memory);
        r
    })
    .await
    .map_err(internal)?;
    drop(turn);
    r
}

/// Argon2 of `password` with these settings, in `memory`.
fn compute(
    password: &[u8],
    algorithm: Algorithm,
    version: Version,
    params: Params,
    salt: &[u8],
    len: usize,
    memory: &mut [Block],
) -> Result<Output> {
    let argon = Argon2::new(algorithm, version, params);
    Output::init_with(len, |out| {
        Ok(argon.hash_password_into_with_memory(password, salt, out, &mut *memory)?)
    })
    .map_err(internal)
}

pub async fn hash(password: String) -> Result<String> {
    let params = params();
    with_workspace(params.block_count(), move |memory| {
        let salt = SaltString::generate(&mut OsRng);
        let mut salt_bytes = [0u8; 64];
        let salt_bytes = salt.decode_b64(&mut salt_bytes).map_err(internal)?;
        let output = compute(
            password.as_bytes(),
            Algorithm::Argon2id,
            Version::V0x13,
            params.clone(),
            salt_bytes,
            Params::DEFAULT_OUTPUT_LEN,
            memory,
        )?;
        Ok(PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(&params).map_err(internal)?,
            salt: Some(salt.as_salt()),
            hash: Some(output),
        }
        .to_string())
    })
    .await
}

/// Checks a password against a stored hash. With no hash (no such account) it checks
/// against a dummy, so the answer takes as long either way.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool> {
    let stored = match stored {
        Some(s) => s,
        None => dummy_hash().await?.to_string(),
    };
    let blocks = {
        let parsed = PasswordHash::new(&stored).map_err(internal)?;
        Params::try_from(&parsed).map_err(internal)?.block_count()
    };
    with_workspace(blocks, move |memory| {
        let parsed = PasswordHash::new(&stored).map_err(internal)?;
        let expected = parsed
            .hash
            .ok_or_else(|| internal("the stored hash has no output"))?;
        let salt = parsed
            .salt
            .ok_or_else(|| internal("the stored hash has no salt"))?;
        let mut salt_bytes = [0u8; 64];
        let salt_bytes = salt.decode_b64(&mut salt_bytes).map_err(internal)?;
        let version = parsed
            .version
            .map(Version::try_from)
            .transpose()
            .map_err(internal)?
            .unwrap_or_default();
        let computed = compute(
            password.as_bytes(),
            Algorithm::try_from(parsed.algorithm).map_err(internal)?,
            version,
            Params::try_from(&parsed).map_err(internal)?,
            salt_bytes,
            expected.len(),
            memory,
        )?;
        // `Output` compares in constant time.
        Ok(computed == expected)
    })
    .await
}

async fn dummy_hash() -> Result<&'static str> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(h) = DUMMY.get() {
        return Ok(h);
    }
    let h = hash("no such account".into()).await?;
    Ok(DUMMY.get_or_init(|| h))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

    use super::*;

    #[tokio::test]
    async fn hashes_are_standard_argon2id_both_ways() {
        let ours = hash("correct horse".into()).await.unwrap();
        assert!(ours.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(
            Argon2::default()
                .verify_password(b"correct horse", &parsed)
                .is_ok()
        );
        assert!(
            Argon2::default()
                .verify_password(b"correct horsf", &parsed)
                .is_err()
        );

        let salt = SaltString::generate(&mut OsRng);
        let theirs = Argon2::default()
            .hash_password(b"battery staple", &salt)
            .unwrap()
            .to_string();
        assert!(
            verify("battery staple".into(), Some(theirs.clone()))
                .await
                .unwrap()
        );
        assert!(
            !verify("battery stapler".into(), Some(theirs))
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn other_parameters_and_no_account_are_checked_too() {
        // A hash made with other costs (an older setting) still verifies, in a larger or
        // smaller workspace than the default.
        let salt = SaltString::generate(&mut OsRng);
        let params = Params::new(8 * 1024, 1, 1, None).unwrap();
        let older = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password(b"older", &salt)
            .unwrap()
            .to_string();
        assert!(verify("older".into(), Some(older.clone())).await.unwrap());
        assert!(!verify("newer".into(), Some(older)).await.unwrap());
        assert!(!verify("anything".into(), None).await.unwrap());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn many_at_once_share_a_few_workspaces() {
        let stored = hash("same".into()).await.unwrap();
        let checks: Vec<_> = (0..12)
            .map(|i| {
                let stored = stored.clone();
                tokio::spawn(async move {
                    verify(
                        if i % 3 == 0 { "other" } else { "same" }.into(),
                        Some(stored),
                    )
                    .await
                })
            })
            .collect();
        for (i, c) in checks.into_iter().enumerate() {
            assert_eq!(c.await.unwrap().unwrap(), i % 3 != 0);
        }
        let w = workspaces();
        let kept = w.free.lock().unwrap().len();
        assert!((1..=4).contains(&kept), "{kept} workspaces");
    }
}
