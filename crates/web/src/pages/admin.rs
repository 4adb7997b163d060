//! Triage duty: which clinicians see the alerts of clients who have no care team yet.
//! (Accounts, care teams, settings and the audit log are in `administration`.)

use askama::Template;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use uuid::Uuid;

use super::templates::Layout;
use super::{Page, render, to};
use crate::extract::Signed;
use crate::messages;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/triage", get(page).post(triage))
}

#[derive(Template)]
#[template(path = "admin/triage.html")]
pub struct TriagePage {
    pub l: Layout,
    pub notice: Option<&'static str>,
    /// Every active clinician, and whether they are on triage duty.
    pub triage: Vec<rapport_app::triage::DutyRow>,
    pub nobody_on_triage: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    #[serde(default)]
    done: Option<String>,
}

async fn page(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Query(d): Query<Done>,
) -> Page {
    let triage = rapport_app::triage::duty_roster(&state.app, &actor).await?;
    render(TriagePage {
        l: Layout::new(&ctx),
        notice: d.done.map(|_| messages::TRIAGE_SAVED),
        nobody_on_triage: !triage.iter().any(|r| r.on_duty),
        triage,
    })
}

/// The administrator puts exactly the ticked clinicians on triage duty.
async fn triage(
    State(state): State<AppState>,
    Signed { actor, .. }: Signed,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let ids: Vec<Uuid> = fields
        .iter()
        .filter(|(k, _)| k == "clinician_ids")
        .filter_map(|(_, v)| Uuid::parse_str(v).ok())
        .collect();
    rapport_app::triage::set_duty(&state.app, &actor, &ids).await?;
    to("/admin/triage?done=triage")
}
