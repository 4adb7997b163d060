//! The administrator's forms: create staff accounts, assign care teams and end memberships,
//! disable and enable accounts.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Form, Router};
use rapport_app::accounts::{NewStaff, create_staff};
use rapport_app::{Actor, Error, care_teams};
use rapport_core::accounts::{CareTeamRole, Credential, Role};
use serde::Deserialize;
use uuid::Uuid;

use super::home::{AdminForm, admin_home};
use super::templates::FormError;
use super::{Page, invalid, to};
use crate::extract::{Ctx, Signed};
use crate::messages;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/users", post(create_user))
        .route("/admin/care-teams", post(assign))
        .route("/admin/care-teams/end", post(end_care_team))
        .route("/admin/users/access", post(account_access))
        .route("/admin/triage", post(triage))
}

/// The administration page again, with what to fix.
async fn again(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    form: AdminForm,
    error: FormError,
) -> Page {
    let mut r = admin_home(state, ctx, actor, None, form, vec![error]).await?;
    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(r)
}

async fn create_user(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(form): Form<AdminForm>,
) -> Page {
    let role = match Role::parse(&form.role) {
        Some(r @ (Role::Clinician | Role::Admin)) => r,
        _ => Role::Clinician,
    };
    let new = NewStaff {
        role,
        email: &form.email,
        name: &form.name,
        password: &form.password,
        credential: Credential::parse(&form.credential),
        approaches: vec![],
        timezone: None,
    };
    let error = match create_staff(&state.app, Some(&actor), new).await {
        Ok(_) => return to("/home?done=user"),
        Err(e) => invalid(e)?,
    };
    again(&state, &ctx, &actor, form, error).await
}

#[derive(Debug, Deserialize)]
pub struct AssignForm {
    client_id: String,
    clinician_id: String,
    role: String,
}

async fn assign(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(form): Form<AssignForm>,
) -> Page {
    let (Ok(client), Ok(clinician)) = (
        Uuid::parse_str(&form.client_id),
        Uuid::parse_str(&form.clinician_id),
    ) else {
        return Err(Error::invalid("client_id", "Choose a client and a clinician.").into());
    };
    let role = CareTeamRole::parse(&form.role).unwrap_or(CareTeamRole::PrimaryTherapist);
    let error = match care_teams::assign(&state.app, &actor, client, clinician, role).await {
        Ok(_) => return to("/home?done=team"),
        Err(e) => invalid(e)?,
    };
    again(&state, &ctx, &actor, AdminForm::default(), error).await
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
    to("/home?done=triage")
}

#[derive(Debug, Deserialize)]
pub struct AccessForm {
    user_id: String,
    #[serde(default)]
    reason: String,
    /// `disable` or `enable`: the button pressed.
    action: String,
}

/// Disables an account (with a reason) or enables it again.
async fn account_access(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(form): Form<AccessForm>,
) -> Page {
    let Ok(user_id) = Uuid::parse_str(&form.user_id) else {
        let e = FormError::new("user_id", messages::CHOOSE_ACCOUNT);
        return again(&state, &ctx, &actor, AdminForm::default(), e).await;
    };
    let app = &state.app;
    let (result, done) = if form.action == "enable" {
        let reason = Some(form.reason.as_str());
        let r = rapport_app::admin::enable_account(app, &actor, user_id, reason).await;
        (r, "enabled")
    } else {
        let r = rapport_app::admin::disable_account(app, &actor, user_id, &form.reason).await;
        (r, "disabled")
    };
    let error = match result {
        Ok(()) => return to(&format!("/home?done={done}")),
        Err(Error::NotFound) => FormError::new("user_id", rapport_app::messages::NO_SUCH_ACCOUNT),
        Err(e) => invalid(e)?,
    };
    again(&state, &ctx, &actor, AdminForm::default(), error).await
}

#[derive(Debug, Deserialize)]
pub struct EndMembershipForm {
    client_id: String,
    clinician_id: String,
}

/// Takes a clinician off a client's care team; their access ends at once.
async fn end_care_team(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(form): Form<EndMembershipForm>,
) -> Page {
    let (Ok(client), Ok(clinician)) = (
        Uuid::parse_str(&form.client_id),
        Uuid::parse_str(&form.clinician_id),
    ) else {
        let e = FormError::new("end_client_id", messages::CHOOSE_CLIENT_AND_CLINICIAN);
        return again(&state, &ctx, &actor, AdminForm::default(), e).await;
    };
    let error = match care_teams::end_membership(&state.app, &actor, client, clinician).await {
        Ok(()) => return to("/home?done=ended"),
        Err(Error::NotFound) => {
            FormError::new("end_clinician_id", rapport_app::messages::NOT_ON_TEAM)
        }
        Err(e) => return Err(e.into()),
    };
    again(&state, &ctx, &actor, AdminForm::default(), error).await
}
