//! The plan for staying well (relapse prevention): the client's own early warning signs, each a
//! tick box on the daily check-in, and the four parts of the plan. The client's own page, and
//! the care team's page for a client.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use rapport_app::{Actor, Error, plans};
use rapport_core::plans::RELAPSE_SECTIONS;
use serde::Deserialize;
use uuid::Uuid;

use super::legacy::{own_or_client, render, render_status};
use super::plans::{PlanView, Saved, StepField, step_fields};
use super::templates::{FieldView, FormError, Layout, date_time};
use crate::error::PageError;
use crate::extract::Ctx;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "staying_well.html")]
pub struct StayingWellPage {
    pub l: Layout,
    pub own: bool,
    pub client_name: String,
    pub notice: Option<&'static str>,
    /// Where the sign forms post: `/warning-signs` or `/clients/{id}/warning-signs`.
    pub signs_base: String,
    /// Where the plan form posts: this page's address.
    pub action: String,
    pub signs: Vec<(String, String)>,
    pub label: FieldView,
    pub plan: Option<PlanView>,
    pub version: i32,
    pub fields: Vec<StepField>,
    pub errors: Vec<FormError>,
}

/// What was typed into one of the page's two forms, to show again with its error.
#[derive(Default)]
struct Typed<'a> {
    label: &'a str,
    sections: Option<&'a [String; 4]>,
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    id: Option<String>,
    typed: Typed<'_>,
    errors: Vec<FormError>,
    notice: Option<&'static str>,
) -> Result<StayingWellPage, PageError> {
    let (client_id, action) = own_or_client(actor, id.clone(), "staying-well")?;
    let (_, signs_base) = own_or_client(actor, id, "warning-signs")?;
    let own = client_id == actor.user_id;
    let signs = plans::warning_signs(&state.app, actor, client_id).await?;
    let plan = plans::relapse_plan(&state.app, actor, client_id).await?;
    let client_name = if own {
        actor.name.clone()
    } else {
        rapport_app::care_teams::client_record(&state.app, actor, client_id)
            .await?
            .name
    };
    let current: Vec<String> = match &plan {
        Some(p) => p.steps.iter().map(|(_, t)| t.clone()).collect(),
        None => vec![String::new(); RELAPSE_SECTIONS.len()],
    };
    let fields = step_fields(
        &RELAPSE_SECTIONS,
        typed.sections.map(|t| t.as_slice()).unwrap_or(&current),
        &errors,
    );
    Ok(StayingWellPage {
        l: Layout::new(ctx),
        own,
        client_name,
        notice,
        signs_base,
        action,
        signs: signs
            .into_iter()
            .map(|(id, label)| (id.to_string(), label))
            .collect(),
        label: FieldView::new("label", "A warning sign, in a few words", "text")
            .value(typed.label)
            .error_from(&errors),
        version: plan.as_ref().map(|p| p.version).unwrap_or(0),
        plan: plan.map(|p| PlanView {
            version: p.version,
            updated: date_time(p.updated_at),
            written_by: p.written_by,
            steps: p.steps.into_iter().map(|(s, t)| (s.title, t)).collect(),
        }),
        fields,
        errors,
    })
}

async fn show(state: AppState, ctx: Ctx, id: Option<String>, q: Saved) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let notice = q.saved.is_some().then_some("Saved.");
    match page(&state, &ctx, &actor, id, Typed::default(), vec![], notice).await {
        Ok(p) => render(p),
        Err(e) => e.into_response(),
    }
}

/// Shows the page again with what was typed and what to fix, or goes back to it when done.
async fn after(
    state: AppState,
    ctx: Ctx,
    actor: Actor,
    id: Option<String>,
    typed: Typed<'_>,
    done: rapport_app::Result<()>,
) -> Response {
    let error = match done {
        Ok(()) => {
            return match own_or_client(&actor, id, "staying-well") {
                Ok((_, back)) => Redirect::to(&format!("{back}?saved=1")).into_response(),
                Err(e) => e.into_response(),
            };
        }
        Err(Error::Invalid { field, message }) => FormError::new(field, message),
        Err(Error::Conflict(message)) => FormError::new(RELAPSE_SECTIONS[0].key, message),
        Err(e) => return PageError(e).into_response(),
    };
    match page(&state, &ctx, &actor, id, typed, vec![error], None).await {
        Ok(p) => render_status(StatusCode::UNPROCESSABLE_ENTITY, p),
        Err(e) => e.into_response(),
    }
}

async fn save(
    state: AppState,
    ctx: Ctx,
    id: Option<String>,
    fields: Vec<(String, String)>,
) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let client_id = match own_or_client(&actor, id.clone(), "staying-well") {
        Ok((c, _)) => c,
        Err(e) => return e.into_response(),
    };
    let get = |k: &str| {
        fields
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let sections: [String; 4] = RELAPSE_SECTIONS.map(|s| get(s.key));
    let previous = get("version").parse().unwrap_or(0);
    let done = plans::save_relapse_plan(&state.app, &actor, client_id, previous, sections.clone())
        .await
        .map(|_| ());
    let typed = Typed {
        sections: Some(&sections),
        ..Typed::default()
    };
    after(state, ctx, actor, id, typed, done).await
}

#[derive(Debug, Default, Deserialize)]
pub struct LabelForm {
    #[serde(default)]
    label: String,
}

async fn signs_add(state: AppState, ctx: Ctx, id: Option<String>, form: LabelForm) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let done = match own_or_client(&actor, id.clone(), "warning-signs") {
        Ok((client_id, _)) => plans::add_warning_sign(&state.app, &actor, client_id, &form.label)
            .await
            .map(|_| ()),
        Err(e) => return e.into_response(),
    };
    let typed = Typed {
        label: &form.label,
        ..Typed::default()
    };
    after(state, ctx, actor, id, typed, done).await
}

async fn signs_retire(state: AppState, ctx: Ctx, id: Option<String>, sign: String) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let client_id = match own_or_client(&actor, id.clone(), "warning-signs") {
        Ok((c, _)) => c,
        Err(e) => return e.into_response(),
    };
    let Ok(sign) = Uuid::parse_str(&sign) else {
        return PageError(Error::NotFound).into_response();
    };
    let done = plans::retire_warning_sign(&state.app, &actor, client_id, sign).await;
    after(state, ctx, actor, id, Typed::default(), done).await
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

pub async fn own_signs_add(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<LabelForm>,
) -> Response {
    signs_add(state, ctx, None, form).await
}

pub async fn own_signs_retire(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(sign): Path<String>,
) -> Response {
    signs_retire(state, ctx, None, sign).await
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

pub async fn client_signs_add(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<LabelForm>,
) -> Response {
    signs_add(state, ctx, Some(id), form).await
}

pub async fn client_signs_retire(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, sign)): Path<(String, String)>,
) -> Response {
    signs_retire(state, ctx, Some(id), sign).await
}
