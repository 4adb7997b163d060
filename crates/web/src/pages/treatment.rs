//! The treatment plan: the client reads it in plain words and agrees to it; the care team
//! writes its versions.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use rapport_app::plans::{self, TreatmentPlanView};
use rapport_app::{Actor, Error};
use rapport_core::measures::Instrument;
use rapport_core::plans::TreatmentPlanInput;
use rapport_core::plans::approach::{Approach, Delivery, Format, Frequency, IptFocus};
use serde::Deserialize;
use uuid::Uuid;

use super::intake::Choice;
use super::legacy::{render, render_status};
use super::templates::{FormError, Layout, date, date_time};
use crate::error::PageError;
use crate::extract::Ctx;
use crate::state::AppState;

/// One version, as shown.
pub struct VersionView {
    pub version: i32,
    pub written: String,
    pub written_by: String,
    pub agreed: Option<String>,
    pub review: Option<String>,
    pub lines: Vec<String>,
    pub facts: Vec<(&'static str, String)>,
    pub notes: String,
}

fn version_view(v: &TreatmentPlanView) -> VersionView {
    let p = &v.plan;
    let mut facts = vec![("Approach", p.approach.label().to_string())];
    if let Some(f) = p.ipt_focus {
        facts.push(("IPT focus", f.label().to_string()));
    }
    facts.extend([
        (
            "With medication",
            if p.with_medication { "Yes" } else { "No" }.to_string(),
        ),
        ("Format", p.format.label().to_string()),
        ("Where", p.delivery.label().to_string()),
        ("How often", p.frequency.label().to_string()),
        (
            "Expected length",
            format!("{} sessions", p.expected_sessions),
        ),
        (
            "Target measures",
            p.target_measures
                .iter()
                .map(|i| i.label())
                .collect::<Vec<_>>()
                .join(", "),
        ),
    ]);
    VersionView {
        version: v.version,
        written: date_time(v.written_at),
        written_by: v.written_by.clone(),
        agreed: v.agreed_at.map(date),
        review: v.review_on.map(|d| d.format("%-d %b %Y").to_string()),
        lines: p.plain_words(),
        facts,
        notes: p.notes.clone(),
    }
}

/// The form as typed (or filled from the plan in force).
#[derive(Debug, Default, Deserialize, Clone)]
pub struct PlanForm {
    #[serde(default)]
    approach: String,
    #[serde(default)]
    ipt_focus: String,
    #[serde(default)]
    with_medication: Option<String>,
    #[serde(default)]
    format: String,
    #[serde(default)]
    delivery: String,
    #[serde(default)]
    frequency: String,
    #[serde(default)]
    expected_sessions: String,
    #[serde(default)]
    review_on: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    version: i32,
}

fn select<T: Copy>(
    all: &[T],
    word: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    chosen: &str,
) -> Vec<Choice> {
    all.iter()
        .map(|v| Choice {
            value: word(*v),
            label: label(*v),
            checked: word(*v) == chosen,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "treatment_plan.html")]
pub struct TreatmentPlanPage {
    pub l: Layout,
    pub own: bool,
    pub client_name: String,
    pub action: String,
    pub notice: Option<&'static str>,
    pub errors: Vec<FormError>,
    pub current: Option<VersionView>,
    pub earlier: Vec<VersionView>,
    pub f: PlanForm,
    pub medication: bool,
    pub approaches: Vec<Choice>,
    pub foci: Vec<Choice>,
    pub formats: Vec<Choice>,
    pub deliveries: Vec<Choice>,
    pub frequencies: Vec<Choice>,
    pub measures: Vec<Choice>,
}

impl TreatmentPlanPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

/// The form filled from the plan in force (or the usual start: CBT, individual, weekly).
fn from_plan(v: Option<&TreatmentPlanView>) -> (PlanForm, Vec<String>) {
    match v {
        Some(v) => (
            PlanForm {
                approach: v.plan.approach.as_str().into(),
                ipt_focus: v
                    .plan
                    .ipt_focus
                    .map(|f| f.as_str().into())
                    .unwrap_or_default(),
                with_medication: v.plan.with_medication.then(|| "on".into()),
                format: v.plan.format.as_str().into(),
                delivery: v.plan.delivery.as_str().into(),
                frequency: v.plan.frequency.as_str().into(),
                expected_sessions: v.plan.expected_sessions.to_string(),
                review_on: v.review_on.map(|d| d.to_string()).unwrap_or_default(),
                notes: v.plan.notes.clone(),
                version: v.version,
            },
            v.plan
                .target_measures
                .iter()
                .map(|i| i.as_str().to_string())
                .collect(),
        ),
        None => (
            PlanForm {
                format: Format::Individual.as_str().into(),
                frequency: Frequency::Weekly.as_str().into(),
                expected_sessions: "16".into(),
                ..PlanForm::default()
            },
            vec![],
        ),
    }
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    client_id: Uuid,
    typed: Option<(PlanForm, Vec<String>)>,
    errors: Vec<FormError>,
    notice: Option<&'static str>,
) -> Result<TreatmentPlanPage, PageError> {
    let own = client_id == actor.user_id;
    let versions = plans::treatment_plans(&state.app, actor, client_id).await?;
    let client_name = if own {
        actor.name.clone()
    } else {
        rapport_app::care_teams::client_record(&state.app, actor, client_id)
            .await?
            .name
    };
    let (mut f, measures) = typed.unwrap_or_else(|| from_plan(versions.first()));
    f.version = versions.first().map(|v| v.version).unwrap_or(0);
    let mut views = versions.iter().map(version_view);
    Ok(TreatmentPlanPage {
        l: Layout::new(ctx),
        own,
        client_name,
        action: if own {
            "/treatment-plan".into()
        } else {
            format!("/clients/{client_id}/treatment-plan")
        },
        notice,
        current: views.next(),
        earlier: views.collect(),
        medication: f.with_medication.is_some(),
        approaches: select(
            Approach::ALL,
            Approach::as_str,
            Approach::label,
            &f.approach,
        ),
        foci: select(
            IptFocus::ALL,
            IptFocus::as_str,
            IptFocus::label,
            &f.ipt_focus,
        ),
        formats: select(Format::ALL, Format::as_str, Format::label, &f.format),
        deliveries: select(
            Delivery::ALL,
            Delivery::as_str,
            Delivery::label,
            &f.delivery,
        ),
        frequencies: select(
            Frequency::ALL,
            Frequency::as_str,
            Frequency::label,
            &f.frequency,
        ),
        measures: [Instrument::Gad7, Instrument::Who5]
            .into_iter()
            .map(|i| Choice {
                value: i.as_str(),
                label: i.label(),
                checked: measures.iter().any(|m| m == i.as_str()),
            })
            .collect(),
        f,
        errors,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    saved: Option<String>,
    agreed: Option<String>,
}

async fn show(state: AppState, ctx: Ctx, client_id: Option<String>, q: Done) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let client_id = match super::legacy::own_or_client(&actor, client_id, "treatment-plan") {
        Ok((id, _)) => id,
        Err(e) => return e.into_response(),
    };
    let notice = if q.agreed.is_some() {
        Some("Thank you. Your agreement is recorded; your therapist can see it.")
    } else if q.saved.is_some() {
        Some("Saved as a new version. The client is asked to agree to it.")
    } else {
        None
    };
    match page(&state, &ctx, &actor, client_id, None, vec![], notice).await {
        Ok(p) => render(p),
        Err(e) => e.into_response(),
    }
}

pub async fn own(State(state): State<AppState>, ctx: Ctx, Query(q): Query<Done>) -> Response {
    show(state, ctx, None, q).await
}

pub async fn client(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<Done>,
) -> Response {
    show(state, ctx, Some(id), q).await
}

/// The client agrees to the version they read.
pub async fn agree(State(state): State<AppState>, ctx: Ctx, Form(f): Form<PlanForm>) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let error =
        match plans::agree_treatment_plan(&state.app, &actor, actor.user_id, f.version).await {
            Ok(()) => return Redirect::to("/treatment-plan?agreed=1").into_response(),
            Err(Error::Conflict(message)) => FormError::new("agree", message),
            Err(e) => return PageError(e).into_response(),
        };
    match page(&state, &ctx, &actor, actor.user_id, None, vec![error], None).await {
        Ok(p) => render_status(StatusCode::CONFLICT, p),
        Err(e) => e.into_response(),
    }
}

/// A clinician on the care team saves a new version.
pub async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let (client_id, back) = match super::legacy::own_or_client(&actor, Some(id), "treatment-plan") {
        Ok(t) => t,
        Err(e) => return e.into_response(),
    };
    let one = |k: &str| {
        fields
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let measures: Vec<String> = fields
        .iter()
        .filter(|(n, _)| n == "target_measures")
        .map(|(_, v)| v.clone())
        .collect();
    let f = PlanForm {
        approach: one("approach"),
        ipt_focus: one("ipt_focus"),
        with_medication: fields
            .iter()
            .any(|(n, _)| n == "with_medication")
            .then(|| "on".into()),
        format: one("format"),
        delivery: one("delivery"),
        frequency: one("frequency"),
        expected_sessions: one("expected_sessions"),
        review_on: one("review_on"),
        notes: one("notes"),
        version: one("version").parse().unwrap_or(0),
    };
    let review_on = NaiveDate::parse_from_str(f.review_on.trim(), "%Y-%m-%d").ok();
    let input = TreatmentPlanInput {
        approach: &f.approach,
        ipt_focus: &f.ipt_focus,
        with_medication: f.with_medication.is_some(),
        format: &f.format,
        delivery: &f.delivery,
        frequency: &f.frequency,
        expected_sessions: f.expected_sessions.trim().parse().ok(),
        target_measures: &measures,
        notes: &f.notes,
    };
    let error = match plans::save_treatment_plan(
        &state.app, &actor, client_id, f.version, &input, review_on,
    )
    .await
    {
        Ok(_) => return Redirect::to(&format!("{back}?saved=1")).into_response(),
        Err(Error::Invalid { field, message }) => FormError::new(field, message),
        Err(Error::Conflict(message)) => FormError::new("approach", message),
        Err(e) => return PageError(e).into_response(),
    };
    match page(
        &state,
        &ctx,
        &actor,
        client_id,
        Some((f, measures)),
        vec![error],
        None,
    )
    .await
    {
        Ok(p) => render_status(StatusCode::UNPROCESSABLE_ENTITY, p),
        Err(e) => e.into_response(),
    }
}
