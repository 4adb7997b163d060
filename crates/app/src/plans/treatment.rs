//! The treatment plan: written by a clinician on the care team, agreed by the client, every
//! change a new version that needs agreeing again.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rapport_core::plans::{TreatmentPlan, TreatmentPlanInput, check_treatment_plan};
use rapport_store::plans::documents as store;
use uuid::Uuid;

use super::documents::{self, NewDocument};
use crate::access;
use crate::audit_log::Entry;
use crate::policy::Action;
use crate::{Actor, App, Error, Result};

pub(crate) const KIND: &str = "treatment";

/// One version of the treatment plan as people read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreatmentPlanView {
    pub version: i32,
    pub plan: TreatmentPlan,
    pub review_on: Option<NaiveDate>,
    pub written_by: String,
    pub written_at: DateTime<Utc>,
    /// When the client agreed to this version.
    pub agreed_at: Option<DateTime<Utc>>,
}

/// Every version of the client's treatment plan, newest (the plan in force) first; the client
/// or their care team.
pub async fn treatment_plans(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
) -> Result<Vec<TreatmentPlanView>> {
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "treatment_plan.read",
    )
    .await?;
    let versions = store::versions_of(&scope.client(), KIND).await?;
    let out = treatment_plans_from(&scope, &versions).await?;
    scope.finish(Entry::ok("treatment_plan.read")).await?;
    Ok(out)
}

/// [`treatment_plans`] from the versions as stored, newest first, in a scope the caller
/// opened (and records).
pub(crate) async fn treatment_plans_from(
    scope: &access::ReadScope<'_>,
    versions: &[store::PlanVersion],
) -> Result<Vec<TreatmentPlanView>> {
    let mut out = vec![];
    for v in versions {
        out.push(TreatmentPlanView {
            version: v.version,
            plan: documents::body(v)?,
            review_on: v.review_on,
            written_by: documents::author(scope.tx(), scope.actor(), v.written_by).await?,
            written_at: v.created_at,
            agreed_at: v.agreed_at,
        });
    }
    Ok(out)
}

/// Saves a new version written after version `previous` (0 for the first); a clinician on the
/// care team. The review date may not be in the past.
pub async fn save_treatment_plan(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    previous: i32,
    input: &TreatmentPlanInput<'_>,
    review_on: Option<NaiveDate>,
) -> Result<i32> {
    let scope = access::write(
        app,
        actor,
        Action::WriteTreatmentPlan,
        client_id,
        "treatment_plan.saved",
    )
    .await?;
    let plan = check_treatment_plan(input)?;
    // A day's grace: the clinician's today may still be yesterday in UTC.
    let earliest = (app.now() - Duration::days(1)).date_naive();
    let review_on = review_on
        .filter(|d| *d >= earliest)
        .ok_or_else(|| Error::invalid("review_on", "Choose a review date from today on."))?;
    let version = documents::save(
        app,
        &scope.client(),
        actor,
        NewDocument {
            kind: KIND,
            previous,
            body: &plan,
            review_on: Some(review_on),
        },
    )
    .await?;
    scope
        .commit(Entry::ok("treatment_plan.saved").resource(format!("treatment_plan:v{version}")))
        .await?;
    Ok(version)
}

/// The client agrees to version `version`, which must be the plan in force (a newer version
/// they have not read is a conflict).
pub async fn agree_treatment_plan(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    version: i32,
) -> Result<()> {
    let scope = access::write(
        app,
        actor,
        Action::AgreeTreatmentPlan,
        client_id,
        "treatment_plan.agreed",
    )
    .await?;
    let current = store::current_of(&scope.client(), KIND)
        .await?
        .ok_or(Error::NotFound)?;
    if current.version != version {
        return Err(Error::Conflict(
            "Your clinician changed the plan since you opened it. Read the new version, then agree to it.".into(),
        ));
    }
    if current.agreed_at.is_some() {
        return Ok(());
    }
    if !store::agree(&scope.client(), current.id, actor.user_id, app.now()).await? {
        return Err(Error::NotFound);
    }
    scope
        .commit(Entry::ok("treatment_plan.agreed").resource(format!("treatment_plan:v{version}")))
        .await?;
    Ok(())
}

/// Whether the signed-in client has a plan version waiting for their agreement (no audit
/// event: it only decides whether to point them to it).
pub async fn own_plan_to_agree(app: &App, actor: &Actor) -> Result<bool> {
    Ok(store::awaits_agreement(app.db.conn(), actor.user_id, KIND).await?)
}
