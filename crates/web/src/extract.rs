//! What a handler learns about the request: who is signed in, the CSRF token, the address.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::response::Redirect;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use rapport_app::accounts::{Current, Stage, resolve_session};

use crate::error::PageError;
use crate::middleware::csrf::CsrfToken;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "rapport_session";
pub const CSRF_COOKIE: &str = "rapport_csrf";

/// A cookie name, with the `__Host-` prefix when cookies are `Secure`.
pub fn cookie_name(state: &AppState, base: &str) -> String {
    if state.web.secure_cookies() {
        format!("__Host-{base}")
    } else {
        base.to_string()
    }
}

/// A cookie that scripts cannot read, sent to our host only.
pub fn private_cookie(state: &AppState, base: &str, value: String) -> Cookie<'static> {
    let mut c = Cookie::new(cookie_name(state, base), value);
    c.set_http_only(true);
    c.set_same_site(SameSite::Lax);
    c.set_path("/");
    c.set_secure(state.web.secure_cookies());
    c
}

pub fn removal_cookie(state: &AppState, base: &str) -> Cookie<'static> {
    let mut c = private_cookie(state, base, String::new());
    c.make_removal();
    c
}

/// The address a request came from, as `resolve_address` worked it out.
#[derive(Debug, Clone)]
pub struct ClientAddress(pub String);

/// The address a request came from: the peer, or behind a trusted proxy the address it
/// forwarded (`resolve_address`, in front of every route).
pub fn client_address(parts: &Parts) -> String {
    if let Some(a) = parts.extensions.get::<ClientAddress>() {
        return a.0.clone();
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ci| ci.0.ip().to_string())
        .unwrap_or_else(|| "unknown".to_string())
}

/// Middleware: works out the client's address once per request (`--trusted-proxy`).
pub async fn resolve_address(
    axum::extract::State(state): axum::extract::State<AppState>,
    mut req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if let Some(peer) = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ci| ci.0.ip())
    {
        let forwarded = req
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok());
        let client = state.proxies.client_of(peer, forwarded);
        req.extensions_mut()
            .insert(ClientAddress(client.to_string()));
    }
    next.run(req).await
}

/// Everything a page needs about the request.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub user: Option<Current>,
    pub session_secret: Option<String>,
    pub csrf: String,
    pub demo: bool,
    pub path: String,
    pub address: String,
    /// Open critical flags of a clinician's clients: the banner on every clinician page.
    pub critical_alerts: usize,
}

impl Ctx {
    /// The signed-in person, or a redirect to the step of sign-in they have not finished.
    pub fn full(&self) -> Result<&Current, Redirect> {
        match &self.user {
            Some(c) if c.stage == Stage::Full => Ok(c),
            Some(c) if c.stage == Stage::Enrolment => Err(Redirect::to("/totp/enroll")),
            Some(_) => Err(Redirect::to("/login/totp")),
            None => Err(Redirect::to("/login")),
        }
    }
}

impl Ctx {
    /// The signed-in person as an actor, or the redirect to finish signing in.
    pub fn actor(&self) -> Result<rapport_app::Actor, Redirect> {
        self.full().map(|c| c.actor.clone())
    }
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        let address = client_address(parts);
        let session_secret = jar
            .get(&cookie_name(state, SESSION_COOKIE))
            .map(|c| c.value().to_string());
        let user = match &session_secret {
            Some(s) => resolve_session(&state.app, s, Some(&address)).await?,
            None => None,
        };
        let critical_alerts = match &user {
            Some(c)
                if c.stage == Stage::Full
                    && c.actor.role == rapport_core::accounts::Role::Clinician =>
            {
                rapport_app::alerts::open_critical_count(&state.app, &c.actor).await?
            }
            _ => 0,
        };
        let csrf = parts
            .extensions
            .get::<CsrfToken>()
            .map(|t| t.0.clone())
            .unwrap_or_default();
        Ok(Ctx {
            user,
            session_secret,
            csrf,
            demo: state.app.config.demo,
            path: parts.uri.path().to_string(),
            address,
            critical_alerts,
        })
    }
}
