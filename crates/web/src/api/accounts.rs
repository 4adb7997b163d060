//! Accounts over the API: sign up, sign in and out (bearer tokens), two-step sign-in, and the
//! signed-in account.

use axum::extract::State;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use rapport_app::Actor;
use rapport_app::accounts::{self, ApiLogin, NewClient};
use rapport_core::language::Language;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiActor, Bearer, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::extract::client_address;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/auth/signup", post(signup))
        .route("/api/v1/auth/login", post(login))
        .route("/api/v1/auth/logout", post(logout))
        .route("/api/v1/auth/totp/enroll", post(totp_enroll))
        .route("/api/v1/auth/totp/confirm", post(totp_confirm))
        .route("/api/v1/me", get(me))
        .route("/api/v1/me/language", put(set_language))
}

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

#[derive(Debug, Serialize, ToSchema)]
pub struct MeView {
    pub id: String,
    pub email: String,
    pub name: String,
    /// `client`, `clinician`, `family` or `admin`.
    pub role: String,
    /// The language chosen for pages and e-mails (`en`, `es`); null: none chosen, pages
    /// follow the browser's `Accept-Language`.
    pub language: Option<String>,
}

/// The signed-in account.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = MeView), (status = 401, body = ErrorBody)))]
pub async fn me(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<MeView>, ApiError> {
    let email = accounts::email_of(&state.app, &actor).await?;
    let language = accounts::own_language(&state.app, &actor).await?;
    Ok(Json(me_view(&actor, email, language)))
}

fn me_view(actor: &Actor, email: String, language: Option<Language>) -> MeView {
    let u = UserView::of(actor, email);
    MeView {
        id: u.id,
        email: u.email,
        name: u.name,
        role: u.role,
        language: language.map(|l| l.as_str().to_string()),
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct LanguageRequest {
    /// `en` or `es` (a longer BCP 47 tag such as `es-MX` counts as its language); null or
    /// empty: none chosen, follow the browser.
    pub language: Option<String>,
}

/// Chooses one's language for pages and e-mails.
#[utoipa::path(put, path = "/api/v1/me/language", tag = "accounts", request_body = LanguageRequest, security(("bearer" = [])),
    responses((status = 200, body = MeView), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_language(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    JsonBody(body): JsonBody<LanguageRequest>,
) -> Result<Json<MeView>, ApiError> {
    let language = accounts::set_language(&state.app, &actor, body.language.as_deref()).await?;
    let email = accounts::email_of(&state.app, &actor).await?;
    Ok(Json(me_view(&actor, email, language)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SignupRequest {
    pub email: String,
    pub password: String,
    pub name: String,
    /// IANA timezone, e.g. `America/Chicago`.
    pub timezone: Option<String>,
    /// The token of a family invitation (the part after `/join/`): the account is then a
    /// family member's (role `family`), linked to the client who invited them; `email` must
    /// be the invited address.
    pub invitation: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SignupResponse {
    pub user: UserView,
}

/// Creates a client account. Signing up records the client's consent to processing of their
/// health data for their care: an app must show that consent before it calls this. With
/// `invitation`, creates a family member's account through a client's invitation instead.
#[utoipa::path(post, path = "/api/v1/auth/signup", tag = "auth", request_body = SignupRequest,
    responses((status = 201, body = SignupResponse), (status = 422, body = ErrorBody)))]
pub async fn signup(
    State(state): State<AppState>,
    parts: Parts,
    JsonBody(body): JsonBody<SignupRequest>,
) -> Result<(StatusCode, Json<SignupResponse>), ApiError> {
    let address = client_address(&parts);
    let new = NewClient {
        name: &body.name,
        email: &body.email,
        password: &body.password,
        timezone: body.timezone.as_deref(),
    };
    let (actor, secret) = match body.invitation.as_deref() {
        Some(token) => {
            rapport_app::family::sign_up_with_invitation(&state.app, new, token, &address).await?
        }
        None => accounts::sign_up(&state.app, new, &address).await?,
    };
    // The API does not use the browser session that sign-up opens.
    accounts::end_session(&state.app, &secret, None).await?;
    let user = UserView::of(&actor, body.email.trim().to_lowercase());
    Ok((StatusCode::CREATED, Json(SignupResponse { user })))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
    /// The current authenticator code (clinicians and administrators).
    pub totp: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    pub token: String,
    pub user: UserView,
    /// True when the token is good only for enrolling an authenticator app.
    pub totp_enrolment_required: bool,
}

impl From<ApiLogin> for LoginResponse {
    fn from(r: ApiLogin) -> Self {
        LoginResponse {
            user: UserView::of(&r.actor, r.email),
            token: r.token,
            totp_enrolment_required: r.totp_enrolment_required,
        }
    }
}

/// Signs in and returns a bearer token. Wrong credentials of any kind give one answer.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    parts: Parts,
    JsonBody(b): JsonBody<LoginRequest>,
) -> Result<Json<LoginResponse>, ApiError> {
    let address = client_address(&parts);
    let code = b.totp.as_deref();
    let r = accounts::api_login(&state.app, &b.email, &b.password, code, &address).await?;
    Ok(Json(r.into()))
}

/// Revokes the token used for this request.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ErrorBody)))]
pub async fn logout(State(state): State<AppState>, bearer: Bearer) -> Result<StatusCode, ApiError> {
    accounts::api_logout(&state.app, &bearer.token, &bearer.actor).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TotpEnrolResponse {
    /// Base32 secret to type into an authenticator app.
    pub secret: String,
    pub otpauth_uri: String,
}

/// Starts enrolment of an authenticator app (clinicians and administrators).
#[utoipa::path(post, path = "/api/v1/auth/totp/enroll", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = TotpEnrolResponse), (status = 409, body = ErrorBody)))]
pub async fn totp_enroll(
    State(state): State<AppState>,
    bearer: Bearer,
) -> Result<Json<TotpEnrolResponse>, ApiError> {
    let e = accounts::start_totp_enrolment(&state.app, &bearer.actor).await?;
    Ok(Json(TotpEnrolResponse {
        secret: e.secret,
        otpauth_uri: e.otpauth_uri,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct TotpConfirmRequest {
    pub code: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TotpConfirmResponse {
    /// A full token; the enrolment-only token is revoked.
    pub token: String,
}

/// Confirms enrolment with the first code from the app.
#[utoipa::path(post, path = "/api/v1/auth/totp/confirm", tag = "auth", request_body = TotpConfirmRequest, security(("bearer" = [])),
    responses((status = 200, body = TotpConfirmResponse), (status = 422, body = ErrorBody)))]
pub async fn totp_confirm(
    State(state): State<AppState>,
    bearer: Bearer,
    JsonBody(body): JsonBody<TotpConfirmRequest>,
) -> Result<Json<TotpConfirmResponse>, ApiError> {
    accounts::confirm_totp_enrolment(&state.app, &bearer.actor, &body.code, None).await?;
    let token = accounts::upgrade_after_enrolment(&state.app, &bearer.token, &bearer.actor).await?;
    Ok(Json(TotpConfirmResponse { token }))
}
