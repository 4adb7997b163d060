//! CSRF protection for every form, in one place: each visitor holds a random token in an
//! HttpOnly cookie, every form carries it in a hidden `csrf` field, and a state-changing
//! request to a page whose field does not match is refused. With SameSite=Lax cookies and
//! an Origin check this closes cross-site form posts. The JSON API is exempt: it
//! authenticates with bearer tokens, never with cookies.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use base64::Engine;
use rand::RngCore;
use subtle::ConstantTimeEq;

use crate::error::ErrorPage;
use crate::extract::{CSRF_COOKIE, cookie_name, private_cookie};
use crate::messages;
use crate::state::AppState;

/// The token for this request's forms.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

const BODY_LIMIT: usize = 256 * 1024;

fn refuse() -> Response {
    let mut r = StatusCode::FORBIDDEN.into_response();
    r.extensions_mut().insert(ErrorPage {
        status: StatusCode::FORBIDDEN,
        message: messages::CSRF,
    });
    r
}

/// A browser that says where a form came from must say it came from us. With
/// `Referrer-Policy: no-referrer` our own forms send `Origin: null`, which tells nothing, so
/// the token decides; `Sec-Fetch-Site: cross-site` is refused outright.
fn same_origin(req: &Request) -> bool {
    let header_text = |name| {
        req.headers()
            .get(name)
            .and_then(|v: &axum::http::HeaderValue| v.to_str().ok())
    };
    if header_text(axum::http::HeaderName::from_static("sec-fetch-site")) == Some("cross-site") {
        return false;
    }
    let Some(origin) = header_text(header::ORIGIN).filter(|o| *o != "null") else {
        return true;
    };
    let Some(host) = header_text(header::HOST) else {
        return false;
    };
    origin.split_once("://").map(|(_, rest)| rest) == Some(host)
}

pub async fn protect(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let name = cookie_name(&state, CSRF_COOKIE);
    let existing = CookieJar::from_headers(req.headers())
        .get(&name)
        .map(|c| c.value().to_string());
    let (token, is_new) = match existing {
        Some(t) if t.len() >= 40 => (t, false),
        _ => (new_token(), true),
    };
    let path = req.uri().path();
    // Only pages carry forms. Handing a token to the parallel requests for assets would race:
    // each would set a different cookie and the form's token would no longer match.
    let is_page = !["/api/", "/static/", "/healthz", "/metrics"]
        .iter()
        .any(|p| path.starts_with(p));
    if !is_page {
        return next.run(req).await;
    }
    // A one-click unsubscribe link (issue 16) is its own proof: the signed token in the path.
    // Mail programs post to it without cookies (RFC 8058), and it only turns e-mails off.
    let one_click = path.starts_with("/unsubscribe/");
    let checks =
        !one_click && !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let mut req = if checks {
        if is_new || !same_origin(&req) {
            return refuse();
        }
        let (parts, body) = req.into_parts();
        let Ok(bytes) = to_bytes(body, BODY_LIMIT).await else {
            return StatusCode::PAYLOAD_TOO_LARGE.into_response();
        };
        let sent = form_urlencoded::parse(&bytes)
            .find(|(k, _)| k == "csrf")
            .map(|(_, v)| v.into_owned());
        let matches = sent.is_some_and(|s| bool::from(s.as_bytes().ct_eq(token.as_bytes())));
        if !matches {
            return refuse();
        }
        Request::from_parts(parts, Body::from(bytes))
    } else {
        req
    };
    req.extensions_mut().insert(CsrfToken(token.clone()));
    let mut resp = next.run(req).await;
    // Only a page that rendered its forms hands out a token (not an error page for a stray
    // /favicon.ico request, which would replace the token of the page that asked for it).
    let is_html = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_new && resp.status().is_success() && is_html {
        let cookie = private_cookie(&state, CSRF_COOKIE, token);
        if let Ok(v) = cookie.to_string().parse() {
            resp.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    resp
}
