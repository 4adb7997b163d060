//! Goals: the client's own page, and the care team's page for a client.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use rapport_app::goals::{self, NewGoal};
use rapport_app::{Actor, Error};
use serde::Deserialize;
use uuid::Uuid;

use super::templates::{FieldView, FormError, Layout, date};
use super::{render, render_status};
use crate::error::PageError;
use crate::extract::Ctx;
use crate::state::AppState;

pub struct GoalView {
    pub id: String,
    pub title: String,
    pub status: &'static str,
    pub active: bool,
    pub success: String,
    pub measured_by: Option<String>,
    pub target: Option<String>,
    pub latest: Option<u8>,
    pub close_reason: Option<String>,
    pub progress: Vec<String>,
}

#[derive(Template)]
#[template(path = "goals.html")]
pub struct GoalsPage {
    pub l: Layout,
    pub own: bool,
    pub client_name: String,
    pub base: String,
    pub goals: Vec<GoalView>,
    pub scale: Vec<u8>,
    pub errors: Vec<FormError>,
    pub title: FieldView,
    pub success: FieldView,
    pub measured_by: FieldView,
    pub target_date: FieldView,
}

#[derive(Debug, Default, Deserialize)]
pub struct GoalForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    success: String,
    #[serde(default)]
    measured_by: String,
    #[serde(default)]
    target_date: String,
}

fn target(actor: &Actor, id: Option<String>) -> Result<(Uuid, String), PageError> {
    super::own_or_client(actor, id, "goals")
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    id: Option<String>,
    typed: &GoalForm,
    errors: Vec<FormError>,
) -> Result<GoalsPage, PageError> {
    let (client_id, base) = target(actor, id)?;
    let own = client_id == actor.user_id;
    let list = goals::goals_of(&state.app, actor, client_id).await?;
    let client_name = if own {
        actor.name.clone()
    } else {
        rapport_app::care_teams::client_record(&state.app, actor, client_id)
            .await?
            .name
    };
    Ok(GoalsPage {
        l: Layout::new(ctx),
        own,
        client_name,
        base,
        goals: list
            .into_iter()
            .map(|g| GoalView {
                id: g.id.to_string(),
                active: g.status == "active",
                status: match g.status.as_str() {
                    "achieved" => "achieved",
                    "dropped" => "set aside",
                    _ => "in progress",
                },
                latest: g.progress.last().map(|p| p.rating),
                progress: g
                    .progress
                    .iter()
                    .map(|p| {
                        let note = p
                            .note
                            .as_deref()
                            .map(|n| format!(": {n}"))
                            .unwrap_or_default();
                        format!("{} · {} of 10{note}", date(p.at), p.rating)
                    })
                    .collect(),
                title: g.title,
                success: g.success,
                measured_by: g.measured_by,
                target: g.target_date.map(|d| d.format("%-d %b %Y").to_string()),
                close_reason: g.close_reason,
            })
            .collect(),
        scale: (0..=10).collect(),
        title: FieldView::new("title", "The goal, in a few words", "text")
            .value(&typed.title)
            .error_from(&errors),
        success: FieldView::new("success", "What success looks like", "text")
            .value(&typed.success)
            .error_from(&errors),
        measured_by: FieldView {
            required: false,
            ..FieldView::new("measured_by", "How we will know (optional)", "text")
                .value(&typed.measured_by)
                .error_from(&errors)
        },
        target_date: FieldView {
            required: false,
            ..FieldView::new("target_date", "Target date (optional)", "date")
                .value(&typed.target_date)
                .error_from(&errors)
        },
        errors,
    })
}

async fn show(state: AppState, ctx: Ctx, id: Option<String>) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    match page(&state, &ctx, &actor, id, &GoalForm::default(), vec![]).await {
        Ok(p) => render(p),
        Err(e) => e.into_response(),
    }
}

async fn set(state: AppState, ctx: Ctx, id: Option<String>, form: GoalForm) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let (client_id, base) = match target(&actor, id.clone()) {
        Ok(t) => t,
        Err(e) => return e.into_response(),
    };
    let target_date = match form.target_date.trim() {
        "" => Ok(None),
        d => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| Error::invalid("target_date", "Use a date like 2027-03-31.")),
    };
    let result = match target_date {
        Ok(target_date) => {
            let new = NewGoal {
                title: form.title.clone(),
                success: form.success.clone(),
                measured_by: form.measured_by.clone(),
                target_date,
            };
            goals::set_goal(&state.app, &actor, client_id, new)
                .await
                .map(|_| ())
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Redirect::to(&base).into_response(),
        Err(Error::Invalid { field, message }) => match page(
            &state,
            &ctx,
            &actor,
            id,
            &form,
            vec![FormError::new(field, message)],
        )
        .await
        {
            Ok(p) => render_status(StatusCode::UNPROCESSABLE_ENTITY, p),
            Err(e) => e.into_response(),
        },
        Err(e) => PageError(e).into_response(),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ProgressForm {
    rating: Option<String>,
    #[serde(default)]
    note: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct CloseForm {
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    reason: String,
}

async fn after(
    state: AppState,
    ctx: Ctx,
    id: Option<String>,
    done: rapport_app::Result<()>,
) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    match done {
        Ok(()) => match target(&actor, id) {
            Ok((_, base)) => Redirect::to(&base).into_response(),
            Err(e) => e.into_response(),
        },
        Err(Error::Invalid { field, message }) => {
            match page(
                &state,
                &ctx,
                &actor,
                id,
                &GoalForm::default(),
                vec![FormError::new(field, message)],
            )
            .await
            {
                Ok(p) => render_status(StatusCode::UNPROCESSABLE_ENTITY, p),
                Err(e) => e.into_response(),
            }
        }
        Err(e) => PageError(e).into_response(),
    }
}

fn goal_id(s: &str) -> rapport_app::Result<Uuid> {
    Uuid::parse_str(s).map_err(|_| Error::NotFound)
}

async fn progress(
    state: AppState,
    ctx: Ctx,
    id: Option<String>,
    goal: String,
    form: ProgressForm,
) -> Response {
    let done = match (ctx.actor(), goal_id(&goal)) {
        (Ok(actor), Ok(goal)) => {
            let rating = form.rating.as_deref().and_then(|r| r.parse::<i64>().ok());
            goals::record_progress(&state.app, &actor, goal, rating, &form.note).await
        }
        (Err(r), _) => return r.into_response(),
        (_, Err(e)) => Err(e),
    };
    after(state, ctx, id, done).await
}

async fn close(
    state: AppState,
    ctx: Ctx,
    id: Option<String>,
    goal: String,
    form: CloseForm,
) -> Response {
    let done = match (ctx.actor(), goal_id(&goal)) {
        (Ok(actor), Ok(goal)) => {
            goals::close_goal(&state.app, &actor, goal, &form.outcome, &form.reason).await
        }
        (Err(r), _) => return r.into_response(),
        (_, Err(e)) => Err(e),
    };
    after(state, ctx, id, done).await
}

pub async fn own(State(state): State<AppState>, ctx: Ctx) -> Response {
    show(state, ctx, None).await
}

pub async fn own_set(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<GoalForm>,
) -> Response {
    set(state, ctx, None, form).await
}

pub async fn own_progress(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(goal): Path<String>,
    Form(form): Form<ProgressForm>,
) -> Response {
    progress(state, ctx, None, goal, form).await
}

pub async fn own_close(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(goal): Path<String>,
    Form(form): Form<CloseForm>,
) -> Response {
    close(state, ctx, None, goal, form).await
}

pub async fn client(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    show(state, ctx, Some(id)).await
}

pub async fn client_set(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<GoalForm>,
) -> Response {
    set(state, ctx, Some(id), form).await
}

pub async fn client_progress(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, goal)): Path<(String, String)>,
    Form(form): Form<ProgressForm>,
) -> Response {
    progress(state, ctx, Some(id), goal, form).await
}

pub async fn client_close(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, goal)): Path<(String, String)>,
    Form(form): Form<CloseForm>,
) -> Response {
    close(state, ctx, Some(id), goal, form).await
}
