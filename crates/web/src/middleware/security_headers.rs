//! Security headers on every response, and the friendly error page for errors that handlers
//! and other middleware marked with `ErrorPage`.

use askama::Template;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

use crate::error::ErrorPage;
use crate::pages::templates::ErrorTemplate;
use crate::state::AppState;

/// No inline script or style, nothing from another host, never framed.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; \
worker-src 'self'; manifest-src 'self'";

/// Marks a response (the online session room) whose page may use the camera, the microphone
/// and screen sharing; every other page may not.
#[derive(Debug, Clone, Copy)]
pub struct MediaAllowed;

pub async fn apply(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let is_static = path.starts_with("/static/") || crate::offline::sets_own_caching(path);
    // The error page is rendered without the session: the switcher's (or the account's)
    // cookie, else the browser's language.
    let lang = crate::extract::cookie_or_browser_language(&state, req.headers());
    let mut resp = next.run(req).await;
    if let Some(err) = resp.extensions().get::<ErrorPage>().cloned() {
        let page = ErrorTemplate {
            demo: state.app.config.demo,
            status: err.status.as_u16(),
            message: crate::i18n::error_message(lang, err.message),
            lang,
        };
        let body = page.render().unwrap_or_else(|_| err.message.to_string());
        let mut fresh = (err.status, Html(body)).into_response();
        for (k, v) in resp.headers() {
            if k == header::SET_COOKIE || k == header::RETRY_AFTER {
                fresh.headers_mut().append(k.clone(), v.clone());
            }
        }
        resp = fresh;
    }
    let media = resp.extensions().get::<MediaAllowed>().is_some();
    let h = resp.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, name: HeaderName, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(h, header::CONTENT_SECURITY_POLICY, CSP);
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(
        h,
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        h,
        HeaderName::from_static("cross-origin-resource-policy"),
        "same-origin",
    );
    let permissions = if media {
        "camera=(self), microphone=(self), display-capture=(self), geolocation=(), interest-cohort=()"
    } else {
        "camera=(), microphone=(), geolocation=(), interest-cohort=()"
    };
    set(
        h,
        HeaderName::from_static("permissions-policy"),
        permissions,
    );
    if state.web.secure_cookies() {
        set(
            h,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    if !is_static {
        // Pages carry health information: never keep them in a shared or back-button cache.
        set(h, header::CACHE_CONTROL, "no-store");
    }
    resp
}
