//! The relapse-prevention plan: triggers, what helps, who to contact, when to ask for a booster
//! session; written by the client or with their care team. Its warning signs are the list the
//! daily check-in ticks (`warning_signs` in the parent module).

use rapport_core::plans::{RELAPSE_SECTIONS, check_relapse_plan};
use rapport_store::plans::documents as store;
use uuid::Uuid;

use super::SectionedPlan;
use super::documents::{self, NewDocument};
use crate::access;
use crate::audit_log::Entry;
use crate::policy::Action;
use crate::{Actor, App, Result};

const KIND: &str = "relapse";

/// The plan in force (the client or their care team); `None` before the first.
pub async fn relapse_plan(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
) -> Result<Option<SectionedPlan>> {
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "relapse_plan.read",
    )
    .await?;
    let view = match store::current_of(&scope.client(), KIND).await? {
        Some(v) => {
            let texts: [String; 4] = documents::body(&v)?;
            Some(SectionedPlan {
                version: v.version,
                updated_at: v.created_at,
                written_by: documents::author(scope.tx(), actor, v.written_by).await?,
                steps: RELAPSE_SECTIONS.iter().copied().zip(texts).collect(),
            })
        }
        None => None,
    };
    scope.finish(Entry::ok("relapse_plan.read")).await?;
    Ok(view)
}

/// Saves a new version written after version `previous` (0 for the first).
pub async fn save_relapse_plan(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    previous: i32,
    sections: [String; 4],
) -> Result<i32> {
    let scope = access::write(
        app,
        actor,
        Action::WriteClientRecord,
        client_id,
        "relapse_plan.saved",
    )
    .await?;
    check_relapse_plan(&sections)?;
    let sections = sections.map(|s| s.trim().to_string());
    let version = documents::save(
        app,
        &scope.client(),
        actor,
        NewDocument {
            kind: KIND,
            previous,
            body: &sections,
            review_on: None,
        },
    )
    .await?;
    scope
        .commit(Entry::ok("relapse_plan.saved").resource(format!("relapse_plan:v{version}")))
        .await?;
    Ok(version)
}
