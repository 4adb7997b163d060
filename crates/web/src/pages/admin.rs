//! The administrator's forms: create staff accounts, assign care teams and end memberships,
//! disable and enable accounts.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use rapport_app::accounts::{NewStaff, create_staff};
use rapport_app::{Error, care_teams};
use rapport_core::accounts::{CareTeamRole, Credential, Role};
use serde::Deserialize;
use uuid::Uuid;

use super::home::{AdminForm, admin_home};
use super::templates::FormError;
use crate::error::PageError;
use crate::extract::Ctx;
use crate::messages;
use crate::state::AppState;

pub async fn create_user(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<AdminForm>,
) -> Response {
    let current = match ctx.full() {
        Ok(c) => c.clone(),
        Err(r) => return r.into_response(),
    };
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
    match create_staff(&state.app, Some(&current.actor), new).await {
        Ok(_) => Redirect::to("/home?done=user").into_response(),
        Err(Error::Invalid { field, message }) => {
            let errors = vec![FormError::new(field, message)];
            let mut r = admin_home(&state, &ctx, &current.actor, None, form, errors)
                .await
                .unwrap_or_else(IntoResponse::into_response);
            if r.status().is_success() {
                *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            }
            r
        }
        Err(e) => PageError(e).into_response(),
    }
}

#[derive(Debug, Deserialize)]
pub struct AssignForm {
    client_id: String,
    clinician_id: String,
    role: String,
}

pub async fn assign(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<AssignForm>,
) -> Response {
    let current = match ctx.full() {
        Ok(c) => c.clone(),
        Err(r) => return r.into_response(),
    };
    let (Ok(client), Ok(clinician)) = (
        Uuid::parse_str(&form.client_id),
        Uuid::parse_str(&form.clinician_id),
    ) else {
        return PageError(Error::invalid(
            "client_id",
            "Choose a client and a clinician.",
        ))
        .into_response();
    };
    let role = CareTeamRole::parse(&form.role).unwrap_or(CareTeamRole::PrimaryTherapist);
    match care_teams::assign(&state.app, &current.actor, client, clinician, role).await {
        Ok(_) => Redirect::to("/home?done=team").into_response(),
        Err(Error::Invalid { field, message }) => {
            let errors = vec![FormError::new(field, message)];
            admin_home(
                &state,
                &ctx,
                &current.actor,
                None,
                AdminForm::default(),
                errors,
            )
            .await
            .unwrap_or_else(IntoResponse::into_response)
        }
        Err(e) => PageError(e).into_response(),
    }
}

/// The administrator puts exactly the ticked clinicians on triage duty.
pub async fn triage(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let current = match ctx.full() {
        Ok(c) => c.clone(),
        Err(r) => return r.into_response(),
    };
    let ids: Vec<Uuid> = fields
        .iter()
        .filter(|(k, _)| k == "clinician_ids")
        .filter_map(|(_, v)| Uuid::parse_str(v).ok())
        .collect();
    match rapport_app::triage::set_duty(&state.app, &current.actor, &ids).await {
        Ok(_) => Redirect::to("/home?done=triage").into_response(),
        Err(e) => PageError(e).into_response(),
    }
}

/// The administration page again, with what to fix.
async fn admin_home_with_error(
    state: &AppState,
    ctx: &Ctx,
    actor: &rapport_app::Actor,
    error: FormError,
) -> Response {
    let mut r = admin_home(state, ctx, actor, None, AdminForm::default(), vec![error])
        .await
        .unwrap_or_else(IntoResponse::into_response);
    if r.status().is_success() {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    r
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
pub async fn account_access(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<AccessForm>,
) -> Response {
    let current = match ctx.full() {
        Ok(c) => c.clone(),
        Err(r) => return r.into_response(),
    };
    let Ok(user_id) = Uuid::parse_str(&form.user_id) else {
        let e = FormError::new("user_id", messages::CHOOSE_ACCOUNT);
        return admin_home_with_error(&state, &ctx, &current.actor, e).await;
    };
    let app = &state.app;
    let (result, done) = if form.action == "enable" {
        let reason = Some(form.reason.as_str());
        let r = rapport_app::admin::enable_account(app, &current.actor, user_id, reason).await;
        (r, "enabled")
    } else {
        let r =
            rapport_app::admin::disable_account(app, &current.actor, user_id, &form.reason).await;
        (r, "disabled")
    };
    match result {
        Ok(()) => Redirect::to(&format!("/home?done={done}")).into_response(),
        Err(Error::Invalid { field, message }) => {
            let e = FormError::new(field, message);
            admin_home_with_error(&state, &ctx, &current.actor, e).await
        }
        Err(Error::NotFound) => {
            let e = FormError::new("user_id", rapport_app::messages::NO_SUCH_ACCOUNT);
            admin_home_with_error(&state, &ctx, &current.actor, e).await
        }
        Err(e) => PageError(e).into_response(),
    }
}

#[derive(Debug, Deserialize)]
pub struct EndMembershipForm {
    client_id: String,
    clinician_id: String,
}

/// Takes a clinician off a client's care team; their access ends at once.
pub async fn end_care_team(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<EndMembershipForm>,
) -> Response {
    let current = match ctx.full() {
        Ok(c) => c.clone(),
        Err(r) => return r.into_response(),
    };
    let (Ok(client), Ok(clinician)) = (
        Uuid::parse_str(&form.client_id),
        Uuid::parse_str(&form.clinician_id),
    ) else {
        let e = FormError::new("end_client_id", messages::CHOOSE_CLIENT_AND_CLINICIAN);
        return admin_home_with_error(&state, &ctx, &current.actor, e).await;
    };
    match care_teams::end_membership(&state.app, &current.actor, client, clinician).await {
        Ok(()) => Redirect::to("/home?done=ended").into_response(),
        Err(Error::NotFound) => {
            let e = FormError::new("end_clinician_id", rapport_app::messages::NOT_ON_TEAM);
            admin_home_with_error(&state, &ctx, &current.actor, e).await
        }
        Err(e) => PageError(e).into_response(),
    }
}
