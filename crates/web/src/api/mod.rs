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
        match axum::Json::<serde_json::Value>::from_request(req, state).await {
            // A body is a JSON object; serde would read a struct from an array too.
            Ok(axum::Json(v)) if !v.is_object() => {
                Err(ApiError::invalid("body", "Send a JSON object."))
            }
            Ok(axum::Json(mut v)) => {
                whole_numbers(&mut v);
                serde_json::from_value::<T>(v).map(JsonBody).map_err(|e| {
                    let text = e.to_string();
                    let field = text
                        .split('`')
                        .nth(1)
                        .filter(|f| f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
                    ApiError::invalid(field.unwrap_or("body"), &text)
                })
            }
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

/// Query parameters whose rejection is the API's JSON error (422 naming the parameter), not
/// axum's plain-text 400.
pub struct ApiQuery<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for ApiQuery<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(ApiQuery(v)),
            Err(e) => {
                let text = e.body_text();
                // "Failed to deserialize query string: from: input contains invalid characters"
                let detail = text.split_once(": ").map_or(text.as_str(), |(_, d)| d);
                let (field, message) = match detail.split_once(": ") {
                    Some((f, m)) if f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
                        (f.to_string(), m.to_string())
                    }
                    _ => ("query".to_string(), detail.to_string()),
                };
                Err(ApiError::invalid(&field, &message))
            }
        }
    }
}

/// `2.0` is the integer 2 in JSON (and in JSON Schema); serde reads it as a float only, so
/// whole numbers written with a fraction are made integers before a body is read.
fn whole_numbers(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Number(n) if !n.is_i64() && !n.is_u64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f.abs() < 9.0e15
            {
                *v = serde_json::Value::from(f as i64);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(whole_numbers),
        serde_json::Value::Object(map) => map.values_mut().for_each(whole_numbers),
        _ => {}
    }
}
