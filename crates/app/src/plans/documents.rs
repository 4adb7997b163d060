//! What the versioned plans share: who wrote a version, refusing to overwrite a version the
//! writer has not seen, and the plans stored as one document a version.

use rapport_store::accounts::users;
use rapport_store::plans::documents::{self, PlanVersion};
use rapport_store::{ClientTx, Tx, WriteTx};
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::{Actor, App, Error, Result};

/// "you", or the writer's name.
pub(super) async fn author(tx: &impl Tx, actor: &Actor, written_by: Uuid) -> Result<String> {
    if written_by == actor.user_id {
        return Ok("you".into());
    }
    Ok(users::find(tx.conn(), tx.keys(), written_by)
        .await?
        .map(|u| u.name)
        .unwrap_or_default())
}

/// A save starts from the version its writer saw; a newer one saved meanwhile is a conflict.
pub(super) fn check_previous(latest: i32, previous: i32) -> Result<()> {
    if latest != previous {
        return Err(Error::Conflict(
            "Someone saved a newer version of this plan while you were writing. Your text is still in the form: copy what you need, reload, and add it.".into(),
        ));
    }
    Ok(())
}

/// Two saves of the same version at the same moment: the second is refused.
pub(super) fn same_moment(e: rapport_store::Error) -> Error {
    match e {
        rapport_store::Error::Conflict(_) => Error::Conflict(
            "Someone saved this plan at the same moment; reload and try again.".into(),
        ),
        other => other.into(),
    }
}

/// One version of a document plan, its body read back into `T`.
pub(super) fn body<T: DeserializeOwned>(v: &PlanVersion) -> Result<T> {
    serde_json::from_str(&v.body).map_err(|e| Error::Internal(e.to_string()))
}

/// A new version of a document plan, after version `previous` (0 for the first).
pub(super) struct NewDocument<'a, T> {
    pub kind: &'static str,
    pub previous: i32,
    pub body: &'a T,
    pub review_on: Option<chrono::NaiveDate>,
}

/// Saves a new version of the handle's client's document plan; returns its number.
pub(super) async fn save<T: Serialize>(
    app: &App,
    ct: &ClientTx<'_, WriteTx>,
    actor: &Actor,
    d: NewDocument<'_, T>,
) -> Result<i32> {
    let latest = documents::current_of(ct, d.kind)
        .await?
        .map(|p| p.version)
        .unwrap_or(0);
    check_previous(latest, d.previous)?;
    let v = PlanVersion {
        id: app.new_id(),
        client_id: ct.client_id(),
        kind: d.kind.into(),
        version: d.previous + 1,
        created_at: app.now(),
        written_by: actor.user_id,
        body: serde_json::to_string(d.body).map_err(|e| Error::Internal(e.to_string()))?,
        review_on: d.review_on,
        agreed_at: None,
        agreed_by: None,
    };
    documents::insert(ct, &v).await.map_err(same_moment)?;
    Ok(v.version)
}
