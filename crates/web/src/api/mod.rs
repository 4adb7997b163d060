//! The JSON API under `/api/v1`, for mobile apps and integrations. Bearer tokens only.

pub mod admin;
pub mod alerts;
pub mod auth;
pub mod health;
pub mod intake;
pub mod me;
pub mod measures;
pub mod openapi;
pub mod plans;
pub mod sessions;
pub mod treatment;
pub mod triage;

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use rapport_app::accounts::{TokenScope, resolve_bearer};
use rapport_app::{Actor, Error};

use crate::error::ApiError;
use crate::extract::client_address;
use crate::state::AppState;

/// The caller of an API request, from `Authorization: Bearer <token>`.
pub struct Bearer {
    pub actor: Actor,
    pub scope: TokenScope,
    pub token: String,
}

impl Bearer {
    /// Refuses a token that is good only for enrolling a second factor.
    pub fn full(&self) -> Result<&Actor, ApiError> {
        match self.scope {
            TokenScope::Full => Ok(&self.actor),
            TokenScope::TotpEnrolment => Err(ApiError(Error::SecondFactorRequired)),
        }
    }
}

impl FromRequestParts<AppState> for Bearer {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(ApiError(Error::Unauthenticated))?
            .to_string();
        let address = client_address(parts);
        let (actor, scope) = resolve_bearer(&state.app, &token, Some(&address))
            .await?
            .ok_or(ApiError(Error::Unauthenticated))?;
        Ok(Bearer {
            actor,
            scope,
            token,
        })
    }
}

/// A JSON body, with a JSON error (naming what is wrong) when it cannot be read.
pub struct JsonBody<T>(pub T);

impl<T, S> axum::extract::FromRequest<S> for JsonBody<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(JsonBody(v)),
            Err(e) => {
                let text = e.body_text();
                // serde names the field in backticks: "missing field `password`".
                let field = text
                    .split('`')
                    .nth(1)
                    .filter(|f| f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
                let message = text.rsplit(": ").next().unwrap_or(&text).to_string();
                Err(ApiError::invalid(field.unwrap_or("body"), &message))
            }
        }
    }
}
