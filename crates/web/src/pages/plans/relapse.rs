//! The plan for staying well (relapse prevention): the client's own early warning signs, each a
//! tick box on the daily check-in, and the four parts of the plan. The client's own page, and
//! the care team's page for a client.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use rapport_app::{Actor, plans};
use rapport_core::plans::RELAPSE_SECTIONS;
use serde::Deserialize;

use super::{PlanView, Saved, StepField, step_fields};
use crate::error::PageError;
use crate::extract::{Ctx, Record, SignId, Signed};
use crate::pages::templates::{FieldView, FormError, Layout};
use crate::pages::time::zone;
use crate::pages::{Page, client_name, field, invalid_or_conflict, render, render_status, to};
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
    record: &Record,
    typed: Typed<'_>,
    errors: Vec<FormError>,
    notice: Option<&'static str>,
) -> Result<StayingWellPage, PageError> {
    let client_id = record.client_id;
    let signs = plans::warning_signs(&state.app, actor, client_id).await?;
    let plan = plans::relapse_plan(&state.app, actor, client_id).await?;
    let client_name = client_name(state, actor, record).await?;
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
        own: record.own,
        client_name,
        notice,
        signs_base: record.page("warning-signs"),
        action: record.page("staying-well"),
        signs: signs
            .into_iter()
            .map(|(id, label)| (id.to_string(), label))
            .collect(),
        label: FieldView::new(
            "label",
            crate::i18n::t(ctx.lang, "staying-sign-label"),
            "text",
        )
        .value(typed.label)
        .error_from(&errors),
        version: plan.as_ref().map(|p| p.version).unwrap_or(0),
        plan: plan.map(|p| PlanView {
            version: p.version,
            updated: zone(ctx).date_time(p.updated_at),
            written_by: p.written_by,
            steps: p.steps.into_iter().map(|(s, t)| (s.title, t)).collect(),
        }),
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
    let notice = q.saved.is_some().then_some("Saved.");
    render(
        page(
            &state,
            &ctx,
            &actor,
            &record,
            Typed::default(),
            vec![],
            notice,
        )
        .await?,
    )
}

/// Back to the page when done, or the page again with what was typed and what to fix.
async fn after(
    state: &AppState,
    Signed { actor, ctx }: &Signed,
    record: &Record,
    typed: Typed<'_>,
    done: rapport_app::Result<()>,
) -> Page {
    let error = match done {
        Ok(()) => return to(&format!("{}?saved=1", record.page("staying-well"))),
        Err(e) => invalid_or_conflict(e, RELAPSE_SECTIONS[0].key)?,
    };
    let p = page(state, ctx, actor, record, typed, vec![error], None).await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, p)
}

pub async fn save(
    State(state): State<AppState>,
    signed: Signed,
    record: Record,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let sections: [String; 4] = RELAPSE_SECTIONS.map(|s| field(&fields, s.key));
    let previous = field(&fields, "version").parse().unwrap_or(0);
    let done = plans::save_relapse_plan(
        &state.app,
        &signed.actor,
        record.client_id,
        previous,
        sections.clone(),
    )
    .await
    .map(|_| ());
    let typed = Typed {
        sections: Some(&sections),
        ..Typed::default()
    };
    after(&state, &signed, &record, typed, done).await
}

#[derive(Debug, Default, Deserialize)]
pub struct LabelForm {
    #[serde(default)]
    label: String,
}

pub async fn add_sign(
    State(state): State<AppState>,
    signed: Signed,
    record: Record,
    Form(form): Form<LabelForm>,
) -> Page {
    let done = plans::add_warning_sign(&state.app, &signed.actor, record.client_id, &form.label)
        .await
        .map(|_| ());
    let typed = Typed {
        label: &form.label,
        ..Typed::default()
    };
    after(&state, &signed, &record, typed, done).await
}

pub async fn retire_sign(
    State(state): State<AppState>,
    signed: Signed,
    record: Record,
    SignId(sign): SignId,
) -> Page {
    let done = plans::retire_warning_sign(&state.app, &signed.actor, record.client_id, sign).await;
    after(&state, &signed, &record, Typed::default(), done).await
}
