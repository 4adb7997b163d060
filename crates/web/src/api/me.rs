use axum::Json;
use axum::extract::State;
use rapport_app::Actor;
use serde::Serialize;
use utoipa::ToSchema;

use super::Bearer;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    pub id: String,
    pub email: String,
    pub name: String,
    /// `client`, `clinician`, `family` or `admin`.
    pub role: String,
}

impl UserView {
    pub fn of(actor: &Actor, email: String) -> UserView {
        UserView {
            id: actor.user_id.to_string(),
            email,
            name: actor.name.clone(),
            role: actor.role.as_str().to_string(),
        }
    }
}

/// The signed-in account.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = UserView), (status = 401, body = ErrorBody)))]
pub async fn me(State(state): State<AppState>, bearer: Bearer) -> Result<Json<UserView>, ApiError> {
    let actor = bearer.full()?;
    let email = rapport_app::accounts::email_of(&state.app, actor).await?;
    Ok(Json(UserView::of(actor, email)))
}
