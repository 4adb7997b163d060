//! The clinician's alert inbox (critical first), acknowledging and resolving with a note, and
//! the structured risk assessment.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use rapport_app::alerts::{self, AlertView, RiskInput, StatusFilter};
use rapport_app::{Actor, Error};
use serde::Deserialize;
use uuid::Uuid;

use super::legacy::{render, render_status};
use super::templates::{FormError, Layout, date_time};
use crate::error::PageError;
use crate::extract::Ctx;
use crate::state::AppState;

/// An alert as the inbox shows it.
pub struct AlertCard {
    pub id: String,
    pub client_id: String,
    pub client_name: String,
    pub kind: String,
    pub level: String,
    pub status: String,
    pub opened: String,
    pub explanation: String,
    pub suggestion: &'static str,
    pub evidence: Vec<String>,
    pub note: Option<String>,
    /// The client has no care team: the alert reached this clinician on triage duty.
    pub triage: bool,
}

/// Evidence in words, from the rule's stored numbers.
fn evidence_words(e: &rapport_app::alerts::EvidenceView) -> String {
    let when = date_time(e.at);
    let items: Vec<serde_json::Value> = serde_json::from_str(&e.detail).unwrap_or_default();
    let parts: Vec<String> = items
        .iter()
        .filter_map(|v| {
            let kind = v.get("type")?.as_str()?;
            let num = |k: &str| v.get(k).and_then(serde_json::Value::as_i64);
            // Days are counted from 1 January 1970 in the client's calendar.
            let day = |k: &str| {
                num(k)
                    .and_then(|d| {
                        chrono::NaiveDate::default().checked_add_signed(chrono::Duration::days(d))
                    })
                    .map(|d| d.format("%a %-d %b").to_string())
                    .unwrap_or_default()
            };
            Some(match kind {
                "phq9" => format!(
                    "PHQ-9 ({}) total {}{}",
                    v.get("role").and_then(|r| r.as_str()).unwrap_or("measure"),
                    num("total")
                        .map(|t| t.to_string())
                        .unwrap_or_else(|| "not scored".into()),
                    num("item9")
                        .map(|i| format!(", item 9 = {i}"))
                        .unwrap_or_default()
                ),
                "gad7" => format!(
                    "GAD-7 ({}) total {}",
                    v.get("role").and_then(|r| r.as_str()).unwrap_or("measure"),
                    num("total").unwrap_or(0)
                ),
                "self_harm_thoughts" => format!(
                    "check-in of {}: answered yes to thoughts of being better off dead or of hurting themself",
                    day("day")
                ),
                "carried_remission" => format!(
                    "remission carried over from the episode that ended {}",
                    num("ended_at")
                        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
                        .map(|d| d.format("%-d %b %Y").to_string())
                        .unwrap_or_default()
                ),
                "expected_band" => format!(
                    "expected about {:.0}, edge {:.0}",
                    v.get("expected")
                        .and_then(serde_json::Value::as_f64)
                        .unwrap_or(0.0),
                    v.get("edge")
                        .and_then(serde_json::Value::as_f64)
                        .unwrap_or(0.0)
                ),
                "mood" => format!("mood {}", num("mood").unwrap_or(0)),
                "medication_missed" => "medication missed".into(),
                "warning_sign" => format!("own warning sign ticked on {}", day("day")),
                "feedback" => format!(
                    "session feedback: heard {}, worked on what they wanted {}, approach fits {}, overall {} (of 10)",
                    num("heard").unwrap_or(0),
                    num("worked_on").unwrap_or(0),
                    num("approach").unwrap_or(0),
                    num("overall").unwrap_or(0)
                ),
                "own_average" => format!(
                    "their own average overall answer was {:.1}",
                    v.get("overall")
                        .and_then(serde_json::Value::as_f64)
                        .unwrap_or(0.0)
                ),
                "sleep" => format!(
                    "slept {:.2} h (usual {:.2} h)",
                    v.get("hours")
                        .and_then(serde_json::Value::as_f64)
                        .unwrap_or(0.0),
                    v.get("median")
                        .and_then(serde_json::Value::as_f64)
                        .unwrap_or(0.0)
                ),
                "remission" => format!("remission low {}", num("low").unwrap_or(0)),
                "risk_assessment" => "risk assessment judged high".into(),
                "no_check_in" => format!(
                    "{} days without a check-in",
                    num("days_without").unwrap_or(0)
                ),
                other => other.replace('_', " "),
            })
        })
        .collect();
    if parts.is_empty() {
        format!("{when}: {}", e.rule.replace('_', " "))
    } else {
        format!("{when}: {}", parts.join("; "))
    }
}

pub fn cards(views: Vec<AlertView>) -> Vec<AlertCard> {
    views
        .into_iter()
        .map(|a| AlertCard {
            id: a.id.to_string(),
            client_id: a.client_id.to_string(),
            client_name: a.client_name,
            opened: date_time(a.created_at),
            evidence: a.evidence.iter().map(evidence_words).collect(),
            suggestion: a.kind.suggestion(),
            kind: a.kind.label().into(),
            level: a.level.as_str().into(),
            status: a.status.as_str().into(),
            explanation: a.explanation,
            note: a.acknowledge_note,
            triage: a.triage,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "alerts.html")]
pub struct InboxPage {
    pub l: Layout,
    pub alerts: Vec<AlertCard>,
    pub acknowledged: Vec<AlertCard>,
    pub errors: Vec<FormError>,
}

async fn inbox_page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    errors: Vec<FormError>,
) -> Result<InboxPage, PageError> {
    let open = alerts::inbox(&state.app, actor, StatusFilter::Open).await?;
    let acknowledged = alerts::inbox(&state.app, actor, StatusFilter::Acknowledged).await?;
    Ok(InboxPage {
        l: Layout::new(ctx),
        alerts: cards(open),
        acknowledged: cards(acknowledged),
        errors,
    })
}

pub async fn inbox(State(state): State<AppState>, ctx: Ctx) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    match inbox_page(&state, &ctx, &actor, vec![]).await {
        Ok(p) => render(p),
        Err(e) => e.into_response(),
    }
}

#[derive(Debug, Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    note: String,
    #[serde(default)]
    back: String,
}

/// Where to go after a form: back to the client's chart, or the inbox.
fn back_to(back: &str) -> String {
    if back.starts_with("/clients/") && !back.contains("//") {
        back.to_string()
    } else {
        "/alerts".to_string()
    }
}

async fn note_action(
    state: AppState,
    ctx: Ctx,
    id: String,
    form: NoteForm,
    resolve: bool,
) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let Ok(id) = Uuid::parse_str(&id) else {
        return PageError(Error::NotFound).into_response();
    };
    let done = if resolve {
        alerts::resolve(&state.app, &actor, id, &form.note).await
    } else {
        alerts::acknowledge(&state.app, &actor, id, &form.note)
            .await
            .map(|_| ())
    };
    match done {
        Ok(()) => Redirect::to(&back_to(&form.back)).into_response(),
        Err(Error::Invalid { message, .. }) => {
            match inbox_page(
                &state,
                &ctx,
                &actor,
                vec![FormError::new(format!("note-{id}"), message)],
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

pub async fn acknowledge(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<NoteForm>,
) -> Response {
    note_action(state, ctx, id, form, false).await
}

pub async fn resolve(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<NoteForm>,
) -> Response {
    note_action(state, ctx, id, form, true).await
}

#[derive(Template)]
#[template(path = "risk_assessment.html")]
pub struct RiskPage {
    pub l: Layout,
    pub client_id: String,
    pub client_name: String,
    pub errors: Vec<FormError>,
    pub groups: Vec<ChoiceGroup>,
    pub protective_factors: String,
    pub actions: String,
    pub flag_id: String,
}

pub struct ChoiceGroup {
    pub name: &'static str,
    pub legend: &'static str,
    pub options: Vec<(&'static str, &'static str)>,
    pub chosen: String,
    pub error: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct RiskForm {
    #[serde(default)]
    ideation: String,
    #[serde(default)]
    plan: String,
    #[serde(default)]
    intent: String,
    #[serde(default)]
    recent_behaviour: String,
    #[serde(default)]
    protective_factors: String,
    #[serde(default)]
    judgement: String,
    #[serde(default)]
    actions: String,
    #[serde(default)]
    flag_id: String,
}

fn risk_page(
    ctx: &Ctx,
    client_id: Uuid,
    client_name: String,
    f: &RiskForm,
    errors: Vec<FormError>,
) -> RiskPage {
    let err = |n: &str| {
        errors
            .iter()
            .find(|e| e.field == n)
            .map(|e| e.message.clone())
    };
    let group = |name: &'static str,
                 legend: &'static str,
                 options: Vec<(&'static str, &'static str)>,
                 chosen: &str| ChoiceGroup {
        name,
        legend,
        options,
        chosen: chosen.to_string(),
        error: err(name),
    };
    RiskPage {
        l: Layout::new(ctx),
        client_id: client_id.to_string(),
        client_name,
        groups: vec![
            group(
                "ideation",
                "Thoughts of suicide",
                vec![
                    ("none", "None"),
                    ("passive", "Passive (wishing to be dead)"),
                    ("active", "Active (thoughts of killing themself)"),
                ],
                &f.ideation,
            ),
            group(
                "plan",
                "A plan",
                vec![
                    ("none", "None"),
                    ("vague", "Vague"),
                    ("specific", "Specific (method, time or place)"),
                ],
                &f.plan,
            ),
            group(
                "intent",
                "Intent to act",
                vec![("none", "None"), ("some", "Some"), ("clear", "Clear")],
                &f.intent,
            ),
            group(
                "recent_behaviour",
                "Recent behaviour",
                vec![
                    ("none", "None"),
                    ("preparatory", "Preparatory acts"),
                    ("attempt", "An attempt"),
                ],
                &f.recent_behaviour,
            ),
            group(
                "judgement",
                "Your judgement of risk",
                vec![("low", "Low"), ("moderate", "Moderate"), ("high", "High")],
                &f.judgement,
            ),
        ],
        protective_factors: f.protective_factors.clone(),
        actions: f.actions.clone(),
        flag_id: f.flag_id.clone(),
        errors,
    }
}

async fn client_name(
    state: &AppState,
    actor: &Actor,
    client_id: Uuid,
) -> Result<String, PageError> {
    Ok(
        rapport_app::care_teams::client_record(&state.app, actor, client_id)
            .await?
            .name,
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct FlagQuery {
    flag: Option<String>,
}

pub async fn risk_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<FlagQuery>,
) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let Ok(client_id) = Uuid::parse_str(&id) else {
        return PageError(Error::NotFound).into_response();
    };
    let name = match client_name(&state, &actor, client_id).await {
        Ok(n) => n,
        Err(e) => return e.into_response(),
    };
    let form = RiskForm {
        flag_id: q.flag.unwrap_or_default(),
        ..RiskForm::default()
    };
    render(risk_page(&ctx, client_id, name, &form, vec![]))
}

pub async fn risk(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<RiskForm>,
) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let Ok(client_id) = Uuid::parse_str(&id) else {
        return PageError(Error::NotFound).into_response();
    };
    let input = RiskInput {
        flag_id: Uuid::parse_str(&form.flag_id).ok(),
        ideation: form.ideation.clone(),
        plan: form.plan.clone(),
        intent: form.intent.clone(),
        recent_behaviour: form.recent_behaviour.clone(),
        protective_factors: form.protective_factors.clone(),
        judgement: form.judgement.clone(),
        actions: form.actions.clone(),
    };
    match alerts::record_risk_assessment(&state.app, &actor, client_id, input).await {
        Ok(_) => Redirect::to(&format!("/clients/{client_id}?done=risk")).into_response(),
        Err(Error::Invalid { field, message }) => {
            let name = match client_name(&state, &actor, client_id).await {
                Ok(n) => n,
                Err(e) => return e.into_response(),
            };
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                risk_page(
                    &ctx,
                    client_id,
                    name,
                    &form,
                    vec![FormError::new(field, message)],
                ),
            )
        }
        Err(e) => PageError(e).into_response(),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct TakeOnForm {
    #[serde(default)]
    back: String,
}

/// A clinician on triage duty takes on a client who has no care team.
pub async fn take_on(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<TakeOnForm>,
) -> Response {
    let actor = match ctx.actor() {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    let Ok(client_id) = Uuid::parse_str(&id) else {
        return PageError(Error::NotFound).into_response();
    };
    match rapport_app::triage::take_on(&state.app, &actor, client_id).await {
        Ok(_) if form.back == "/alerts" => Redirect::to("/alerts").into_response(),
        Ok(_) => Redirect::to(&format!("/clients/{client_id}")).into_response(),
        Err(e) => PageError(e).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(detail: serde_json::Value) -> String {
        evidence_words(&rapport_app::alerts::EvidenceView {
            at: chrono::DateTime::from_timestamp(0, 0).unwrap_or_default(),
            rule: "rule".into(),
            detail: detail.to_string(),
            measure_id: None,
        })
    }

    #[test]
    fn the_new_evidence_reads_in_words() {
        let w = words(serde_json::json!([
            {"type": "gad7", "role": "flagged", "at": 0, "total": 12},
            {"type": "gad7", "role": "baseline", "at": 0, "total": 8}
        ]));
        assert!(
            w.contains("GAD-7 (flagged) total 12; GAD-7 (baseline) total 8"),
            "{w}"
        );
        let w = words(serde_json::json!([{"type": "self_harm_thoughts", "day": 20_000}]));
        assert!(
            w.contains("answered yes to thoughts of being better off dead"),
            "{w}"
        );
        let w = words(serde_json::json!([{"type": "carried_remission", "ended_at": 86_400}]));
        assert!(w.contains("ended 2 Jan 1970"), "{w}");
    }
}
