//! `Idempotency-Key` for submissions: the first answer is saved in the same transaction as
//! what it stored, so a retry gets it back and nothing is stored twice.

use rapport_store::{WriteTx, idempotency};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{Actor, App, Error, Result};

/// The first answer to this key, if there was one.
pub(crate) async fn replay<T: DeserializeOwned>(
    app: &App,
    actor: &Actor,
    key: Option<&str>,
    route: &str,
) -> Result<Option<T>> {
    let Some(key) = key else { return Ok(None) };
    if key.is_empty() || key.len() > 200 {
        return Err(Error::invalid(
            "Idempotency-Key",
            "Use a key of 1 to 200 characters.",
        ));
    }
    match idempotency::find(app.db.conn(), actor.user_id, key).await? {
        Some(saved) if saved.route == route => serde_json::from_str(&saved.body)
            .map(Some)
            .map_err(|e| Error::Internal(e.to_string())),
        Some(_) => Err(Error::invalid(
            "Idempotency-Key",
            "This key was used for another kind of request.",
        )),
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
    answer: &T,
) -> Result<()> {
    let Some(key) = key else { return Ok(()) };
    let body = serde_json::to_string(answer).map_err(|e| Error::Internal(e.to_string()))?;
    idempotency::save(tx.conn(), actor.user_id, key, route, 201, &body, app.now())
        .await
        .map_err(|e| match e {
            rapport_store::Error::Conflict(_) => Error::Conflict(
                "A request with this Idempotency-Key is in progress; send it again in a moment."
                    .into(),
            ),
            other => other.into(),
        })
}
