//! A clinician's own profile: read it, save it (checked by core; the care-team card's
//! credential kept in step), audited.

use chrono::NaiveDate;
use rapport_core::therapists::Profile;
use rapport_store::accounts::users;
use rapport_store::therapists;

use crate::access;
use crate::audit_log::{Entry, record_and_commit};
use crate::policy::Action;
use crate::{Actor, App, Error, Result};

/// What the public may read of a licence check: when and by whom it was issued, never the
/// licence number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicCheck {
    pub checked_on: NaiveDate,
    pub issuer: String,
}

/// A clinician's own view of their profile.
#[derive(Debug, Clone)]
pub struct MyProfile {
    /// None until they save one.
    pub profile: Option<Profile>,
    pub check: Option<PublicCheck>,
    /// Whether visitors find them now.
    pub listed: bool,
}

async fn view(
    c: &impl rapport_store::ConnectionTrait,
    app: &App,
    actor: &Actor,
) -> Result<MyProfile> {
    let profile = therapists::find_profile(c, actor.user_id).await?;
    let check = therapists::latest_verification(c, actor.user_id)
        .await?
        .map(|v| PublicCheck {
            checked_on: v.checked_on,
            issuer: v.issuer,
        });
    let listed = therapists::listed_one(c, app.db.keys(), actor.user_id)
        .await?
        .is_some();
    Ok(MyProfile {
        profile,
        check,
        listed,
    })
}

/// The signed-in clinician's profile and whether the practice has checked their licence.
pub async fn my_profile(app: &App, actor: &Actor) -> Result<MyProfile> {
    access::allow(actor, Action::EditOwnProfile)?;
    let r = app.db.read().await?;
    let out = view(r.conn(), app, actor).await?;
    r.close().await?;
    Ok(out)
}

/// Saves the signed-in clinician's whole profile. The error names the field to fix.
pub async fn save_my_profile(app: &App, actor: &Actor, profile: Profile) -> Result<MyProfile> {
    access::allow(actor, Action::EditOwnProfile)?;
    let profile = profile.checked()?;
    let tx = app.db.write().await?;
    if users::find(tx.conn(), tx.keys(), actor.user_id)
        .await?
        .is_none()
    {
        return Err(Error::NotFound);
    }
    therapists::upsert_profile(tx.conn(), actor.user_id, &profile, app.now()).await?;
    therapists::sync_clinician_row(tx.conn(), actor.user_id, &profile).await?;
    record_and_commit(
        app,
        tx,
        actor,
        Entry::ok("therapists.profile_saved").resource(format!("user:{}", actor.user_id)),
    )
    .await?;
    my_profile(app, actor).await
}
