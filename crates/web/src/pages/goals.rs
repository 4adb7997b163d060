//! Goals: the client's own page (`/goals`), and the care team's page for a client
//! (`/clients/{id}/goals`); one handler serves both.

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use rapport_app::goals::{self, NewGoal};
use rapport_app::{Actor, Error};
use rapport_core::goals::GoalStatus;
use serde::Deserialize;

use super::templates::{FieldView, FormError, Layout};
use super::time::zone;
use super::{Page, client_name, invalid, render, render_status, to};
use crate::error::PageError;
use crate::extract::{Ctx, GoalId, Record, Signed};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/goals", get(show).post(set))
        .route("/goals/{goal}/progress", post(progress))
        .route("/goals/{goal}/close", post(close))
        .route("/clients/{id}/goals", get(show).post(set))
        .route("/clients/{id}/goals/{goal}/progress", post(progress))
        .route("/clients/{id}/goals/{goal}/close", post(close))
}

pub struct GoalView {
    pub id: String,
    pub title: String,
    pub status: String,
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

async fn page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    record: &Record,
    typed: &GoalForm,
    errors: Vec<FormError>,
) -> Result<GoalsPage, PageError> {
    let list = goals::goals_of(&state.app, actor, record.client_id).await?;
    let client_name = client_name(state, actor, record).await?;
    Ok(GoalsPage {
        l: Layout::new(ctx),
        own: record.own,
        client_name,
        base: record.page("goals"),
        goals: list
            .into_iter()
            .map(|g| GoalView {
                id: g.id.to_string(),
                active: g.status == GoalStatus::Active,
                status: crate::i18n::t(ctx.lang, &format!("goal-status-{}", g.status.as_str())),
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
                        let of = crate::i18n::t_args(
                            ctx.lang,
                            "goals-rating-of-ten",
                            &[("n", p.rating.into())],
                        );
                        let when = crate::i18n::local_date(ctx.lang, &zone(ctx).date(p.at));
                        format!("{when} · {of}{note}")
                    })
                    .collect(),
                title: g.title,
                success: g.success,
                measured_by: g.measured_by,
                target: g
                    .target_date
                    .map(|d| crate::i18n::local_date(ctx.lang, &d.format("%-d %b %Y").to_string())),
                close_reason: g.close_reason,
            })
            .collect(),
        scale: (0..=10).collect(),
        title: FieldView::new(
            "title",
            crate::i18n::t(ctx.lang, "goals-field-title"),
            "text",
        )
        .value(&typed.title)
        .error_from(&errors),
        success: FieldView::new("success", crate::i18n::t(ctx.lang, "goals-success"), "text")
            .value(&typed.success)
            .error_from(&errors),
        measured_by: FieldView {
            required: false,
            ..FieldView::new(
                "measured_by",
                crate::i18n::t(ctx.lang, "goals-field-measured-by"),
                "text",
            )
            .value(&typed.measured_by)
            .error_from(&errors)
        },
        target_date: FieldView {
            required: false,
            ..FieldView::new(
                "target_date",
                crate::i18n::t(ctx.lang, "goals-field-target"),
                "date",
            )
            .value(&typed.target_date)
            .error_from(&errors)
        },
        errors,
    })
}

async fn show(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    record: Record,
) -> Page {
    render(page(&state, &ctx, &actor, &record, &GoalForm::default(), vec![]).await?)
}

async fn set(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    record: Record,
    Form(form): Form<GoalForm>,
) -> Page {
    let target_date = match form.target_date.trim() {
        "" => Ok(None),
        d => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| Error::invalid("target_date", "Use a date like 2027-03-31.")),
    };
    let done = match target_date {
        Ok(target_date) => {
            let new = NewGoal {
                title: form.title.clone(),
                success: form.success.clone(),
                measured_by: form.measured_by.clone(),
                target_date,
            };
            goals::set_goal(&state.app, &actor, record.client_id, new).await
        }
        Err(e) => Err(e),
    };
    let error = match done {
        Ok(_) => return to(&record.page("goals")),
        Err(e) => invalid(e)?,
    };
    let p = page(&state, &ctx, &actor, &record, &form, vec![error]).await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, p)
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

/// Back to the goals, or the page again with what to fix.
async fn after(
    state: AppState,
    signed: Signed,
    record: Record,
    done: rapport_app::Result<()>,
) -> Page {
    let error = match done {
        Ok(()) => return to(&record.page("goals")),
        Err(e) => invalid(e)?,
    };
    let Signed { actor, ctx } = signed;
    let p = page(
        &state,
        &ctx,
        &actor,
        &record,
        &GoalForm::default(),
        vec![error],
    )
    .await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, p)
}

async fn progress(
    State(state): State<AppState>,
    signed: Signed,
    record: Record,
    GoalId(goal): GoalId,
    Form(form): Form<ProgressForm>,
) -> Page {
    let rating = form.rating.as_deref().and_then(|r| r.parse::<i64>().ok());
    let done = goals::record_progress(&state.app, &signed.actor, goal, rating, &form.note).await;
    after(state, signed, record, done).await
}

async fn close(
    State(state): State<AppState>,
    signed: Signed,
    record: Record,
    GoalId(goal): GoalId,
    Form(form): Form<CloseForm>,
) -> Page {
    let done =
        goals::close_goal(&state.app, &signed.actor, goal, &form.outcome, &form.reason).await;
    after(state, signed, record, done).await
}
