//! What an API handler learns about the request: the caller (from the bearer token), the ids in
//! the path, the JSON body and the query. Each refuses with the API's JSON error.

use axum::extract::{FromRequest, FromRequestParts, Query, RawPathParams, Request};
use axum::http::header;
use axum::http::request::Parts;
use rapport_app::accounts::{TokenScope, resolve_bearer};
use rapport_app::{Actor, Error};
use serde::de::DeserializeOwned;
use serde_json::Value;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extract::client_address;
use crate::state::AppState;

/// The caller of an API request, from `Authorization: Bearer <token>`, whatever the token's
/// scope: for the steps of sign-in that a token good only for enrolling a second factor may
/// take. Everything else asks for an [`ApiActor`].
pub struct Bearer {
    pub actor: Actor,
    pub scope: TokenScope,
    pub token: String,
}

impl FromRequestParts<AppState> for Bearer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
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

impl Bearer {
    /// Refuses a token that is good only for enrolling a second factor.
    pub fn full(&self) -> Result<&Actor, ApiError> {
        match self.scope {
            TokenScope::Full => Ok(&self.actor),
            TokenScope::TotpEnrolment => Err(ApiError(Error::SecondFactorRequired)),
        }
    }
}

/// The caller, with a full token: a token good only for enrolling a second factor is refused
/// (`403 totp_required`), no token or a dead one is `401 unauthenticated`.
pub struct ApiActor(pub Actor);

impl FromRequestParts<AppState> for ApiActor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let bearer = Bearer::from_request_parts(parts, state).await?;
        match bearer.scope {
            TokenScope::Full => Ok(ApiActor(bearer.actor)),
            TokenScope::TotpEnrolment => Err(ApiError(Error::SecondFactorRequired)),
        }
    }
}

/// The id in one of the path's parameters (the first of `names` the route has). A value that
/// is not an id is `404 not_found`, as an id of nothing is: the OpenAPI document declares the
/// 404 on every operation with a path parameter.
async fn path_id<S: Send + Sync>(
    parts: &mut Parts,
    state: &S,
    names: &[&str],
) -> Result<Uuid, ApiError> {
    let params = RawPathParams::from_request_parts(parts, state)
        .await
        .map_err(|_| ApiError(Error::NotFound))?;
    names
        .iter()
        .find_map(|name| params.iter().find(|(k, _)| k == name))
        .and_then(|(_, v)| Uuid::parse_str(v).ok())
        .ok_or(ApiError(Error::NotFound))
}

macro_rules! path_ids {
    ($($(#[$doc:meta])* $name:ident = [$($param:literal),+];)+) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name(pub Uuid);

        impl<S: Send + Sync> FromRequestParts<S> for $name {
            type Rejection = ApiError;

            async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
                path_id(parts, state, &[$($param),+]).await.map($name)
            }
        }
    )+};
}

path_ids! {
    /// A client: `{client_id}` (`/sessions/{id}/notes/{client_id}`,
    /// `/admin/care-teams/{client_id}/…`), else the `{id}` of `/clients/{id}/…`.
    ClientId = ["client_id", "id"];
    /// A session: `/sessions/{id}/…`.
    SessionId = ["id"];
    /// A goal: `/goals/{id}/…`.
    GoalId = ["id"];
    /// A flag: `/alerts/{id}/…`.
    AlertId = ["id"];
    /// An account: `/admin/users/{id}/…`.
    AccountId = ["id"];
    /// A clinician: `/admin/care-teams/{client_id}/{clinician_id}`.
    ClinicianId = ["clinician_id"];
    /// A stored questionnaire: `/measures/{id}`.
    MeasureId = ["id"];
    /// A request for another time: `/session-requests/{id}/…`.
    RequestId = ["id"];
    /// A homework assignment (or, for a review, one entry): `/homework/{id}/…`.
    HomeworkId = ["id"];
    /// A notice: `/notifications/{id}/…`.
    NoticeId = ["id"];
}

/// The `Idempotency-Key` header: a retry with the same key is answered as the first request was.
pub struct IdempotencyKey(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let key = parts.headers.get("idempotency-key");
        Ok(IdempotencyKey(
            key.and_then(|v| v.to_str().ok()).map(str::to_string),
        ))
    }
}

/// serde names a field in backticks ("missing field `password`"): that field, if it is one.
fn field_named(text: &str) -> Option<&str> {
    text.split('`')
        .nth(1)
        .filter(|f| f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
}

/// A JSON body, with a JSON error (naming what is wrong) when it cannot be read.
pub struct JsonBody<T>(pub T);

impl<T, S> FromRequest<S> for JsonBody<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<Value>::from_request(req, state).await {
            // A body is a JSON object; serde would read a struct from an array too.
            Ok(axum::Json(v)) if !v.is_object() => {
                Err(ApiError::invalid("body", "Send a JSON object."))
            }
            Ok(axum::Json(mut v)) => {
                whole_numbers(&mut v);
                serde_json::from_value::<T>(v).map(JsonBody).map_err(|e| {
                    let text = e.to_string();
                    ApiError::invalid(field_named(&text).unwrap_or("body"), &text)
                })
            }
            Err(e) => {
                let text = e.body_text();
                let message = text.rsplit(": ").next().unwrap_or(&text);
                Err(ApiError::invalid(
                    field_named(&text).unwrap_or("body"),
                    message,
                ))
            }
        }
    }
}

/// Query parameters whose rejection is the API's JSON error (422 naming the parameter), not
/// axum's plain-text 400.
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(v)) => Ok(ApiQuery(v)),
            Err(e) => {
                let text = e.body_text();
                // "Failed to deserialize query string: from: input contains invalid characters"
                let detail = text.split_once(": ").map_or(text.as_str(), |(_, d)| d);
                let (field, message) = match detail.split_once(": ") {
                    Some((f, m)) if f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
                        (f, m)
                    }
                    _ => ("query", detail),
                };
                Err(ApiError::invalid(field, message))
            }
        }
    }
}

/// `2.0` is the integer 2 in JSON (and in JSON Schema); serde reads it as a float only, so
/// whole numbers written with a fraction are made integers before a body is read.
fn whole_numbers(v: &mut Value) {
    match v {
        Value::Number(n) if !n.is_i64() && !n.is_u64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f.abs() < 9.0e15
            {
                *v = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers),
        Value::Object(map) => map.values_mut().for_each(whole_numbers),
        _ => {}
    }
}
