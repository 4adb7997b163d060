//! What a handler learns about the request: who is signed in, the CSRF token, the address,
//! whose record a page is about and the ids in its path.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use rapport_app::accounts::{Current, Stage, resolve_session};
use rapport_app::{Actor, Error};
use rapport_core::language::Language;
use uuid::Uuid;

use crate::error::{ApiError, PageError};
use crate::middleware::csrf::CsrfToken;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "rapport_session";
pub const CSRF_COOKIE: &str = "rapport_csrf";
/// The language someone signed out chose with the switcher (`en`, `es`).
pub const LANGUAGE_COOKIE: &str = "rapport_lang";

/// The language of a request without its session: the switcher's cookie, else the browser's.
pub fn cookie_or_browser_language(state: &AppState, headers: &axum::http::HeaderMap) -> Language {
    let jar = CookieJar::from_headers(headers);
    if let Some(l) = jar
        .get(&cookie_name(state, LANGUAGE_COOKIE))
        .and_then(|c| Language::parse(c.value()))
    {
        return l;
    }
    headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|h| h.to_str().ok())
        .map(Language::negotiate)
        .unwrap_or_default()
}

/// The page's language: the person's own choice, else the switcher's cookie, else the
/// browser's `Accept-Language`, else English.
pub fn language_of(state: &AppState, parts: &Parts, user: Option<&Current>) -> Language {
    if let Some(l) = user.and_then(|c| c.language) {
        return l;
    }
    cookie_or_browser_language(state, &parts.headers)
}

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
    /// Unread notices of someone fully signed in (the badge in the navigation); `None` for
    /// everyone else.
    pub unread_notices: Option<u64>,
    /// The language the page is in.
    pub lang: Language,
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
        // Several extractors of one request ask for it: the session is resolved once.
        if let Some(ctx) = parts.extensions.get::<Ctx>() {
            return Ok(ctx.clone());
        }
        let jar = CookieJar::from_headers(&parts.headers);
        let address = client_address(parts);
        let session_secret = jar
            .get(&cookie_name(state, SESSION_COOKIE))
            .map(|c| c.value().to_string());
        let user = match &session_secret {
            Some(s) => resolve_session(&state.app, s, Some(&address)).await?,
            None => None,
        };
        // The banner's count and the badge's, side by side.
        let (critical_alerts, unread_notices) = match &user {
            Some(c) if c.stage == Stage::Full => {
                let clinician = c.actor.role == rapport_core::accounts::Role::Clinician;
                let (critical, unread) = tokio::try_join!(
                    async {
                        if !clinician {
                            return Ok(0);
                        }
                        rapport_app::alerts::open_critical_count(&state.app, &c.actor).await
                    },
                    rapport_app::notifications::unread(&state.app, &c.actor),
                )?;
                (critical, Some(unread))
            }
            _ => (0, None),
        };
        let csrf = parts
            .extensions
            .get::<CsrfToken>()
            .map(|t| t.0.clone())
            .unwrap_or_default();
        let lang = language_of(state, parts, user.as_ref());
        let ctx = Ctx {
            lang,
            user,
            session_secret,
            csrf,
            demo: state.app.config.demo,
            path: parts.uri.path().to_string(),
            address,
            critical_alerts,
            unread_notices,
        };
        parts.extensions.insert(ctx.clone());
        Ok(ctx)
    }
}

/// Someone fully signed in: the actor, and the page's context. Anyone else is sent to the step
/// of sign-in they have not finished (`/totp/enroll`, `/login/totp` or `/login`).
#[derive(Debug, Clone)]
pub struct Signed {
    pub actor: Actor,
    pub ctx: Ctx,
}

impl FromRequestParts<AppState> for Signed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let ctx = Ctx::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let actor = ctx.actor().map_err(IntoResponse::into_response)?;
        Ok(Signed { actor, ctx })
    }
}

/// Whose record a page is about: under `/clients/{id}/…` that client's (for their care team),
/// elsewhere the signed-in person's own. One handler serves both addresses.
#[derive(Debug, Clone)]
pub struct Record {
    pub client_id: Uuid,
    /// The record is the reader's own.
    pub own: bool,
    /// `""` or `/clients/{id}`: what the record's addresses start with.
    prefix: String,
}

impl Record {
    /// The address of one of the record's pages: `/goals` or `/clients/{id}/goals`.
    pub fn page(&self, page: &str) -> String {
        format!("{}/{page}", self.prefix)
    }
}

impl FromRequestParts<AppState> for Record {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Signed { actor, .. } = Signed::from_request_parts(parts, state).await?;
        if !parts.uri.path().starts_with("/clients/") {
            return Ok(Record {
                client_id: actor.user_id,
                own: true,
                prefix: String::new(),
            });
        }
        let ClientId(id) = ClientId::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(Record {
            client_id: id,
            own: id == actor.user_id,
            prefix: format!("/clients/{id}"),
        })
    }
}

/// A path id that is not one: "not found", as a page or (under `/api/`) as JSON. Never a 500.
#[derive(Debug)]
pub struct NoSuchId {
    api: bool,
}

impl IntoResponse for NoSuchId {
    fn into_response(self) -> Response {
        if self.api {
            ApiError(Error::NotFound).into_response()
        } else {
            PageError(Error::NotFound).into_response()
        }
    }
}

/// The id in the path parameter `name`.
async fn path_id<S: Send + Sync>(
    parts: &mut Parts,
    state: &S,
    name: &str,
) -> Result<Uuid, NoSuchId> {
    let refused = NoSuchId {
        api: parts.uri.path().starts_with("/api/"),
    };
    let Ok(params) = RawPathParams::from_request_parts(parts, state).await else {
        return Err(refused);
    };
    params
        .iter()
        .find(|(k, _)| *k == name)
        .and_then(|(_, v)| Uuid::parse_str(v).ok())
        .ok_or(refused)
}

macro_rules! path_ids {
    ($($(#[$doc:meta])* $name:ident = $param:literal;)+) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name(pub Uuid);

        impl<S: Send + Sync> FromRequestParts<S> for $name {
            type Rejection = NoSuchId;

            async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, NoSuchId> {
                path_id(parts, state, $param).await.map($name)
            }
        }
    )+};
}

path_ids! {
    /// The client of `/clients/{id}/…`.
    ClientId = "id";
    /// A goal: `/goals/{goal}/…`.
    GoalId = "goal";
    /// The session of `/sessions/{id}/…`.
    SessionId = "id";
    /// The member of a session whose note it is: `/sessions/{id}/notes/{client_id}`.
    MemberId = "client_id";
    /// A warning sign: `/warning-signs/{sign}/…`.
    SignId = "sign";
    /// An alert: `/alerts/{id}/…`.
    AlertId = "id";
    /// A questionnaire's result: `/results/{id}`.
    ResultId = "id";
    /// A homework assignment: `/homework/{hw}/…`.
    HomeworkId = "hw";
}
