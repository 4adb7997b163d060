//! Errors become responses in one place: a friendly page for people, JSON for programs.
//! Internals are logged, never shown.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use rapport_app::Error;
use serde::Serialize;

use crate::messages;

/// Marks a response that the error-page middleware renders as a full page.
#[derive(Debug, Clone)]
pub struct ErrorPage {
    pub status: StatusCode,
    pub message: &'static str,
}

fn log(e: &Error) {
    if matches!(e, Error::Store(_) | Error::Internal(_)) {
        tracing::error!(error = %e, "request failed");
    }
}

/// What the user is told when the storage refuses writes: nothing was saved, and it is no
/// fault of theirs.
fn unwritable_message(e: &Error) -> &'static str {
    if matches!(e, Error::Store(rapport_app::StoreError::Unwritable(_))) {
        return messages::CANNOT_RECORD_OPENING;
    }
    match e.unwritable() {
        Some(rapport_app::Unwritable::ReadOnly) => messages::READ_ONLY,
        _ => messages::DISK_FULL,
    }
}

/// An error on a page.
#[derive(Debug)]
pub struct PageError(pub Error);

impl From<Error> for PageError {
    fn from(e: Error) -> Self {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        log(&self.0);
        let (status, message) = match self.0 {
            Error::Unauthenticated | Error::SecondFactorRequired => {
                return Redirect::to("/login").into_response();
            }
            Error::Forbidden => (StatusCode::FORBIDDEN, messages::FORBIDDEN),
            Error::NotFound => (StatusCode::NOT_FOUND, messages::NOT_FOUND),
            Error::Throttled { .. } => (StatusCode::TOO_MANY_REQUESTS, messages::THROTTLED),
            Error::BadCredentials => (StatusCode::UNAUTHORIZED, messages::BAD_CREDENTIALS),
            Error::Invalid { .. } | Error::Conflict(_) => {
                (StatusCode::BAD_REQUEST, messages::INVALID)
            }
            ref e if e.unwritable().is_some() => {
                (StatusCode::SERVICE_UNAVAILABLE, unwritable_message(e))
            }
            Error::Store(_) | Error::Internal(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, messages::INTERNAL)
            }
        };
        let mut r = status.into_response();
        r.extensions_mut().insert(ErrorPage { status, message });
        r
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// A stable word: `invalid`, `unauthenticated`, `forbidden`, `not_found`, `conflict`,
    /// `too_many_requests`, `totp_required`, `unavailable` (the storage refuses writes: a
    /// full disk, a read-only database; try again later), `internal`.
    pub code: &'static str,
    pub message: String,
    /// The field or item to fix, for `invalid`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// An error from the JSON API: `{error: {code, message, field?}}`.
#[derive(Debug)]
pub struct ApiError(pub Error);

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        ApiError(e)
    }
}

impl ApiError {
    pub fn invalid(field: &str, message: &str) -> ApiError {
        ApiError(Error::invalid(field, message))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body, retry) = self.parts();
        with_retry((status, Json(body)).into_response(), retry)
    }
}

fn with_retry(mut r: Response, retry: Option<u64>) -> Response {
    if let Some(secs) = retry
        && let Ok(v) = secs.to_string().parse()
    {
        r.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
    }
    r
}

/// A refused PHQ-9 whose item 9 was answered above 0: the error, and the instance's crisis
/// lines beside it, so that an API client can show them although nothing was stored.
pub struct ErrorWithCrisis {
    pub error: ApiError,
    pub crisis: Vec<CrisisLink>,
}

/// A crisis line as the API gives it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CrisisLink {
    /// What it is, e.g. "988 Suicide & Crisis Lifeline (call, any time)".
    pub label: String,
    /// How to reach it: `tel:988`, `sms:988`, or an https address.
    pub href: String,
}

/// `{error: {code, message, field?}, crisis: [{label, href}]}`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorWithCrisisBody {
    pub error: ErrorDetail,
    pub crisis: Vec<CrisisLink>,
}

impl IntoResponse for ErrorWithCrisis {
    fn into_response(self) -> Response {
        let (status, body, retry) = self.error.parts();
        let body = ErrorWithCrisisBody {
            error: body.error,
            crisis: self.crisis,
        };
        with_retry((status, Json(body)).into_response(), retry)
    }
}

impl ApiError {
    /// The status, the body and the seconds to wait (for a throttled request). Logs the cause.
    fn parts(self) -> (StatusCode, ErrorBody, Option<u64>) {
        log(&self.0);
        let retry = match &self.0 {
            Error::Throttled { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        };
        let (status, code, message, field) = match self.0 {
            Error::Invalid { field, message } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                message,
                Some(field),
            ),
            Error::BadCredentials => (
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                messages::BAD_CREDENTIALS.into(),
                None,
            ),
            Error::Unauthenticated => (
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                messages::SIGNED_OUT.into(),
                None,
            ),
            Error::SecondFactorRequired => (
                StatusCode::FORBIDDEN,
                "totp_required",
                "Enrol two-step sign-in first.".into(),
                None,
            ),
            Error::Throttled { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_requests",
                messages::THROTTLED.into(),
                None,
            ),
            Error::Forbidden => (
                StatusCode::FORBIDDEN,
                "forbidden",
                messages::FORBIDDEN.into(),
                None,
            ),
            Error::NotFound => (
                StatusCode::NOT_FOUND,
                "not_found",
                messages::NOT_FOUND.into(),
                None,
            ),
            Error::Conflict(m) => (StatusCode::CONFLICT, "conflict", m, None),
            ref e if e.unwritable().is_some() => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                unwritable_message(e).into(),
                None,
            ),
            Error::Store(_) | Error::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                messages::INTERNAL.into(),
                None,
            ),
        };
        let body = ErrorBody {
            error: ErrorDetail {
                code,
                message,
                field,
            },
        };
        (status, body, retry)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rapport_app::{StoreError, Unwritable};

    fn api(e: Error) -> (StatusCode, String, String) {
        let (status, body, _) = ApiError(e).parts();
        (status, body.error.code.to_string(), body.error.message)
    }

    #[test]
    fn the_storage_refusing_writes_is_a_503_that_says_what_happened() {
        let full = Error::Store(StoreError::Io(std::io::Error::from_raw_os_error(28)));
        assert_eq!(
            api(full),
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable".into(),
                messages::DISK_FULL.into()
            )
        );
        let read_only = Error::Store(StoreError::Io(std::io::Error::from_raw_os_error(30)));
        assert_eq!(api(read_only).2, messages::READ_ONLY);
        // A read whose audit event could not be recorded: nothing is shown, and the words
        // say why (not "nothing was saved", which would puzzle someone who only opened a page).
        let opening = Error::Store(StoreError::Unwritable(Unwritable::ReadOnly));
        assert_eq!(
            api(opening),
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable".into(),
                messages::CANNOT_RECORD_OPENING.into()
            )
        );
        assert_eq!(
            api(Error::Store(StoreError::Audit("lost".into()))).0,
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }
}
