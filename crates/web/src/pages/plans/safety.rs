//! The safety plan: the client's own (one tap from every page) and, for the care team, the
//! client's.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use rapport_app::{Actor, plans};
use rapport_core::plans::SAFETY_STEPS;

use super::{PlanView, Saved, StepField, step_fields};
use crate::crisis::CrisisLine;
use crate::error::PageError;
use crate::extract::{Ctx, Record, Signed};
use crate::pages::templates::{FormError, Layout, first_name};
use crate::pages::time::zone;
use crate::pages::{Page, client_name, field, invalid_or_conflict, render, render_status, to};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "safety_plan.html")]
pub struct SafetyPlanPage {
    pub l: Layout,
    pub own: bool,
    pub client_name: String,
    /// A clinician's way back to the client's chart.
    pub chart: Option<String>,
    pub first_name: String,
    pub notice: Option<&'static str>,
    pub errors: Vec<FormError>,
    pub plan: Option<PlanView>,
    pub crisis: Vec<CrisisLine>,
    pub action: String,
    pub version: i32,
    pub fields: Vec<StepField>,
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    record: &Record,
    typed: Option<&[String; 6]>,
    errors: Vec<FormError>,
    notice: Option<&'static str>,
) -> Result<SafetyPlanPage, PageError> {
    let plan = plans::safety_plan(&state.app, actor, record.client_id).await?;
    let client_name = client_name(state, actor, record).await?;
    let current: Vec<String> = match &plan {
        Some(p) => p.steps.iter().map(|(_, t)| t.clone()).collect(),
        None => vec![String::new(); 6],
    };
    let fields = step_fields(
        &SAFETY_STEPS,
        typed.map(|t| t.as_slice()).unwrap_or(&current),
        &errors,
    );
    Ok(SafetyPlanPage {
        l: Layout::new(ctx),
        own: record.own,
        chart: (!record.own).then(|| format!("/clients/{}", record.client_id)),
        first_name: first_name(&client_name).to_string(),
        client_name,
        notice,
        plan: plan.as_ref().map(|p| PlanView {
            version: p.version,
            updated: zone(ctx).date_time(p.updated_at),
            written_by: p.written_by.clone(),
            steps: p.steps.iter().map(|(s, t)| (s.title, t.clone())).collect(),
        }),
        version: plan.map(|p| p.version).unwrap_or(0),
        crisis: state.crisis_lines().await,
        action: record.page("safety-plan"),
        fields,
        errors,
    })
}

pub async fn show(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    record: Record,
    Query(q): Query<Saved>,
) -> Page {
    let notice = q
        .saved
        .is_some()
        .then_some("Saved. A new version of the plan is in force.");
    render(page(&state, &ctx, &actor, &record, None, vec![], notice).await?)
}

pub async fn save(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    record: Record,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let steps: [String; 6] = SAFETY_STEPS.map(|s| field(&fields, s.key));
    let previous = field(&fields, "version").parse().unwrap_or(0);
    let saved = plans::save_safety_plan(
        &state.app,
        &actor,
        record.client_id,
        previous,
        steps.clone(),
    )
    .await;
    let error = match saved {
        Ok(_) => return to(&format!("{}?saved=1", record.page("safety-plan"))),
        Err(e) => invalid_or_conflict(e, SAFETY_STEPS[0].key)?,
    };
    let p = page(
        &state,
        &ctx,
        &actor,
        &record,
        Some(&steps),
        vec![error],
        None,
    )
    .await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, p)
}
