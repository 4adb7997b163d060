//! `Idempotency-Key` for submissions: the first answer is saved in the same transaction as
//! what it stored, so a retry gets it back and nothing is stored twice. The key remembers a
//! hash of the request: the same key with a different request is refused (422), never
//! answered with the first answer. Keys expire after 24 hours.

use rapport_store::{WriteTx, idempotency};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use crate::{Actor, App, Error, Result};

/// The SHA-256 (hex) of a request as the use-case received it (its parsed fields, so that
/// the same request formatted differently is the same request).
pub(crate) fn fingerprint<B: Serialize>(request: &B) -> String {
    let text = serde_json::to_string(request).unwrap_or_default();
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn check_key(key: &str) -> Result<()> {
    if key.is_empty() || key.len() > 200 {
        return Err(Error::invalid(
            "Idempotency-Key",
            "Use a key of 1 to 200 characters.",
        ));
    }
    Ok(())
}

/// The first answer to this key, if there was one (and it has not expired). `body_hash` is
/// the [`fingerprint`] of this request.
pub(crate) async fn replay<T: DeserializeOwned>(
    app: &App,
    actor: &Actor,
    key: Option<&str>,
    route: &str,
    body_hash: &str,
) -> Result<Option<T>> {
    let Some(key) = key else { return Ok(None) };
    check_key(key)?;
    match idempotency::find(app.db.conn(), actor.user_id, key, app.now()).await? {
        Some(saved) if saved.route != route => Err(Error::invalid(
            "Idempotency-Key",
            format!("The Idempotency-Key \"{key}\" was used for another kind of request."),
        )),
        Some(saved) if saved.body_hash.as_deref().is_some_and(|h| h != body_hash) => {
            Err(Error::invalid(
                "Idempotency-Key",
                format!(
                    "The Idempotency-Key \"{key}\" was already used with a different request; use a new key for a new request."
                ),
            ))
        }
        Some(saved) => serde_json::from_str(&saved.body)
            .map(Some)
            .map_err(|e| Error::Internal(e.to_string())),
        None => Ok(None),
    }
}

/// Saves the answer under the key, inside the submission's transaction.
pub(crate) async fn remember<T: Serialize>(
    app: &App,
    tx: &WriteTx,
    actor: &Actor,
    key: Option<&str>,
    route: &str,
    body_hash: &str,
    answer: &T,
) -> Result<()> {
    let Some(key) = key else { return Ok(()) };
    let body = serde_json::to_string(answer).map_err(|e| Error::Internal(e.to_string()))?;
    idempotency::save(
        tx.conn(),
        actor.user_id,
        key,
        route,
        body_hash,
        201,
        &body,
        app.now(),
    )
    .await
    .map_err(|e| match e {
        rapport_store::Error::Conflict(_) => Error::Conflict(
            "A request with this Idempotency-Key is in progress; send it again in a moment.".into(),
        ),
        other => other.into(),
    })
}

/// Removes the keys older than 24 hours (run hourly by `serve`); returns how many.
pub async fn purge_expired_keys(app: &App) -> Result<u64> {
    let tx = app.db.write().await?;
    let n = idempotency::purge(tx.conn(), app.now()).await?;
    tx.commit().await?;
    Ok(n)
}
