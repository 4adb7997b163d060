//! The structured risk assessment (`rapport_app::alerts::record_risk_assessment`), from an alert
//! or the chart.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use rapport_app::alerts::{self, RiskInput};
use rapport_app::care_teams;
use serde::Deserialize;
use uuid::Uuid;

use crate::extract::{ClientId, Ctx, Signed};
use crate::i18n::{self, Lang};
use crate::pages::templates::{FormError, Layout};
use crate::pages::{Page, invalid, render, render_status, to};
use crate::state::AppState;

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
    pub legend: String,
    pub options: Vec<(&'static str, String)>,
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

fn page(
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
        // English is the words here; another language has `cl-risk-<name>[-<value>]`.
        legend: match ctx.lang {
            Lang::En => legend.to_string(),
            lang => i18n::t(lang, &format!("cl-risk-{name}")),
        },
        options: options
            .into_iter()
            .map(|(value, label)| {
                let label = match ctx.lang {
                    Lang::En => label.to_string(),
                    lang => i18n::t(lang, &format!("cl-risk-{name}-{value}")),
                };
                (value, label)
            })
            .collect(),
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

#[derive(Debug, Default, Deserialize)]
pub struct FlagQuery {
    flag: Option<String>,
}

pub async fn form(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    ClientId(client_id): ClientId,
    Query(q): Query<FlagQuery>,
) -> Page {
    let name = care_teams::client_record(&state.app, &actor, client_id)
        .await?
        .name;
    let form = RiskForm {
        flag_id: q.flag.unwrap_or_default(),
        ..RiskForm::default()
    };
    render(page(&ctx, client_id, name, &form, vec![]))
}

pub async fn record(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    ClientId(client_id): ClientId,
    Form(form): Form<RiskForm>,
) -> Page {
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
    let error = match alerts::record_risk_assessment(&state.app, &actor, client_id, input).await {
        Ok(_) => return to(&format!("/clients/{client_id}?done=risk")),
        Err(e) => invalid(e)?,
    };
    let name = care_teams::client_record(&state.app, &actor, client_id)
        .await?
        .name;
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        page(&ctx, client_id, name, &form, vec![error]),
    )
}
