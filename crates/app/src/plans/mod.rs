//! The client's plans: the safety plan (written by the client or with their care team, one tap
//! away on every page), the relapse-prevention plan with the client's own warning signs, and the
//! treatment plan. All versioned: a save never overwrites a version its writer has not seen.

mod documents;
mod relapse;
mod treatment;

pub use relapse::{relapse_plan, save_relapse_plan};
pub(crate) use treatment::{KIND as TREATMENT_PLAN_KIND, treatment_plans_from};
pub use treatment::{
    TreatmentPlanView, agree_treatment_plan, own_plan_to_agree, save_treatment_plan,
    treatment_plans,
};

use chrono::{DateTime, Utc};
use rapport_core::accounts::Role;
use rapport_core::plans::{PlanSection, SAFETY_STEPS, check_safety_plan};
use rapport_store::plans::{self, NewVersion};
use uuid::Uuid;

use crate::access;
use crate::audit_log::Entry;
use crate::policy::Action;
use crate::{Actor, App, Error, Result};

/// A plan of titled sections (the safety plan, the relapse-prevention plan) as people read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionedPlan {
    pub version: i32,
    pub updated_at: DateTime<Utc>,
    pub written_by: String,
    pub steps: Vec<(PlanSection, String)>,
}

/// The client's safety plan in force (the client or their care team); `None` before the first.
pub async fn safety_plan(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
) -> Result<Option<SectionedPlan>> {
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "safety_plan.read",
    )
    .await?;
    let plan = plans::current_of(&scope.client()).await?;
    let view = match plan {
        Some(p) => {
            let written_by = documents::author(scope.tx(), actor, p.written_by).await?;
            Some(SectionedPlan {
                version: p.version,
                updated_at: p.created_at,
                written_by,
                steps: SAFETY_STEPS.iter().copied().zip(p.steps).collect(),
            })
        }
        None => None,
    };
    scope.finish(Entry::ok("safety_plan.read")).await?;
    Ok(view)
}

/// Whether the signed-in client has a safety plan of their own. No audit event: nothing of the
/// plan is read, it only decides whether a page shows a link to it.
pub async fn has_safety_plan(app: &App, actor: &Actor) -> Result<bool> {
    if access::own(actor, Action::ReadClientRecord).is_err() || actor.role != Role::Client {
        return Ok(false);
    }
    Ok(plans::exists(app.db.conn(), actor.user_id).await?)
}

/// Saves a new version of the plan, written after version `previous` (0 for the first). If
/// someone saved a newer version meanwhile, nothing is overwritten: `Conflict`.
pub async fn save_safety_plan(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    previous: i32,
    steps: [String; 6],
) -> Result<i32> {
    let scope = access::write(
        app,
        actor,
        Action::WriteClientRecord,
        client_id,
        "safety_plan.saved",
    )
    .await?;
    check_safety_plan(&steps)?;
    let latest = plans::current_of(&scope.client())
        .await?
        .map(|p| p.version)
        .unwrap_or(0);
    documents::check_previous(latest, previous)?;
    let version = plans::save(
        &scope.client(),
        NewVersion {
            id: app.new_id(),
            previous,
            written_by: actor.user_id,
            steps: &steps,
            now: app.now(),
        },
    )
    .await
    .map_err(documents::same_moment)?;
    scope
        .commit(Entry::ok("safety_plan.saved").resource(format!("safety_plan:v{version}")))
        .await?;
    Ok(version)
}

/// The client's own early warning signs (their relapse-prevention list), ticked on the daily
/// check-in: (id, label).
pub async fn warning_signs(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
) -> Result<Vec<(Uuid, String)>> {
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "warning_signs.read",
    )
    .await?;
    let signs = rapport_store::checkins::signs_of(scope.conn(), scope.keys(), client_id).await?;
    scope.finish(Entry::ok("warning_signs.read")).await?;
    Ok(signs.into_iter().map(|s| (s.id, s.label)).collect())
}

/// Adds one of the client's own warning signs, in their words (sealed).
pub async fn add_warning_sign(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    label: &str,
) -> Result<Uuid> {
    let label = label.trim();
    if label.is_empty() {
        return Err(Error::invalid(
            "label",
            "Write the sign in a few words, for example \"sleeping past noon\".",
        ));
    }
    if label.chars().count() > 200 {
        return Err(Error::invalid("label", "Use 200 characters or fewer."));
    }
    let scope = access::write(
        app,
        actor,
        Action::WriteClientRecord,
        client_id,
        "warning_signs.changed",
    )
    .await?;
    if rapport_store::checkins::sign_ids_of(scope.conn(), client_id)
        .await?
        .len()
        >= rapport_core::measures::MAX_WARNING_SIGNS
    {
        return Err(Error::invalid(
            "label",
            "Twenty signs is the most; take one off first.",
        ));
    }
    let id = app.new_id();
    let sign = rapport_store::checkins::WarningSign {
        id,
        client_id,
        label: label.to_string(),
    };
    rapport_store::checkins::add_sign(scope.conn(), scope.keys(), &sign, app.now()).await?;
    scope.commit(Entry::ok("warning_signs.changed")).await?;
    Ok(id)
}

/// Takes a sign off the list; earlier ticks of it stay in the record.
pub async fn retire_warning_sign(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    sign_id: Uuid,
) -> Result<()> {
    let scope = access::write(
        app,
        actor,
        Action::WriteClientRecord,
        client_id,
        "warning_signs.changed",
    )
    .await?;
    if !rapport_store::checkins::retire_sign(scope.conn(), client_id, sign_id, app.now()).await? {
        return Err(Error::NotFound);
    }
    scope.commit(Entry::ok("warning_signs.changed")).await?;
    Ok(())
}
