//! The safety plan: the client's own (one tap from every page) and, for the care team, the
//! client's.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use rapport_app::{Actor, Error, plans};
use rapport_core::plans::{PlanSection, SAFETY_STEPS};
use serde::Deserialize;
use uuid::Uuid;

use super::legacy::{render, render_status};
use super::templates::{FormError, Layout, date_time};
use crate::crisis::CrisisLine;
use crate::error::PageError;
use crate::extract::Ctx;
use crate::state::AppState;

pub struct PlanView {
    pub version: i32,
    pub updated: String,
    pub written_by: String,
    pub steps: Vec<(&'static str, String)>,
}

pub struct StepField {
    pub key: &'static str,
    pub title: &'static str,
    pub prompt: &'static str,
    pub value: String,
    pub error: Option<String>,
}

/// The form fields of a plan of sections, holding `values` (what was typed, or the plan in
/// force) and the error of each.
pub fn step_fields(
    sections: &[PlanSection],
    values: &[String],
    errors: &[FormError],
) -> Vec<StepField> {
    sections
        .iter()
        .enumerate()
        .map(|(i, s)| StepField {
            key: s.key,
            title: s.title,
            prompt: s.prompt,
            value: values.get(i).cloned().unwrap_or_default(),
            error: errors
                .iter()
                .find(|e| e.field == s.key)
                .map(|e| e.message.clone()),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "safety_plan.html")]
pub struct SafetyPlanPage {
    pub l: Layout,
    pub own: bool,
    pub client_name: String,
    pub notice: Option<&'static str>,
    pub errors: Vec<FormError>,
    pub plan: Option<PlanView>,
    pub crisis: Vec<CrisisLine>,
    pub action: String,
    pub version: i32,
    pub fields: Vec<StepField>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Saved {
    pub saved: Option<String>,
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    client_id: Uuid,
    typed: Option<&[String; 6]>,
    errors: Vec<FormError>,
    notice: Option<&'static str>,
) -> Result<SafetyPlanPage, PageError> {
    let own = actor.user_id == client_id;
    let plan = plans::safety_plan(&state.app, actor, client_id).await?;
    let client_name = if own {
        actor.name.clone()
    } else {
        rapport_app::care_teams::client_record(&state.app, actor, client_id)
            .await?
            .name
    };
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
        own,
        client_name,
        notice,
        plan: plan.as_ref().map(|p| PlanView {
            version: p.version,
            updated: date_time(p.updated_at),
            written_by: p.written_by.clone(),
            steps: p.steps.iter().map(|(s, t)| (s.title, t.clone())).collect(),
        }),
        version: plan.map(|p| p.version).unwrap_or(0),
        crisis: state.web.crisis.lines.clone(),
        action: if own {
            "/safety-plan".into()
        } else {
            format!("/clients/{client_id}/safety-plan")
        },
        fields,
        errors,
    })
}

async fn show(state: AppState, ctx: Ctx, client_id: Option<String>, q: Saved) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let client_id = match super::legacy::own_or_client(&actor, client_id, "safety-plan") {
        Ok((id, _)) => id,
        Err(e) => return e.into_response(),
    };
    let notice = q
        .saved
        .is_some()
        .then_some("Saved. A new version of the plan is in force.");
    match page(&state, &ctx, &actor, client_id, None, vec![], notice).await {
        Ok(p) => render(p),
        Err(e) => e.into_response(),
    }
}

async fn save(
    state: AppState,
    ctx: Ctx,
    client_id: Option<String>,
    fields: Vec<(String, String)>,
) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let (client_id, back) = match super::legacy::own_or_client(&actor, client_id, "safety-plan") {
        Ok(t) => t,
        Err(e) => return e.into_response(),
    };
    let get = |k: &str| {
        fields
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let steps: [String; 6] = SAFETY_STEPS.map(|s| get(s.key));
    let previous = get("version").parse().unwrap_or(0);
    let error =
        match plans::save_safety_plan(&state.app, &actor, client_id, previous, steps.clone()).await
        {
            Ok(_) => return Redirect::to(&format!("{back}?saved=1")).into_response(),
            Err(Error::Invalid { field, message }) => FormError::new(field, message),
            Err(Error::Conflict(message)) => FormError::new(SAFETY_STEPS[0].key, message),
            Err(e) => return PageError(e).into_response(),
        };
    match page(
        &state,
        &ctx,
        &actor,
        client_id,
        Some(&steps),
        vec![error],
        None,
    )
    .await
    {
        Ok(p) => render_status(StatusCode::UNPROCESSABLE_ENTITY, p),
        Err(e) => e.into_response(),
    }
}

pub async fn own(State(state): State<AppState>, ctx: Ctx, Query(q): Query<Saved>) -> Response {
    show(state, ctx, None, q).await
}

pub async fn own_save(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    save(state, ctx, None, fields).await
}

pub async fn client(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<Saved>,
) -> Response {
    show(state, ctx, Some(id), q).await
}

pub async fn client_save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    save(state, ctx, Some(id), fields).await
}
