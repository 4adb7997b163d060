//! One's own account (`rapport_app::accounts`): signing up, in and out, the authenticator app,
//! the account page, the password and the emergency contact.

mod language;
mod sign_in;
mod sign_up;
mod totp;

pub(crate) use sign_up::valid_timezone;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::CookieJar;

use crate::i18n;
use rapport_app::{accounts, care_teams};
use rapport_core::accounts::Role;
use serde::Deserialize;

use super::home::{Notice, notice_text};
use super::templates::{AccountPage, FieldView, FormError, Layout, PasswordPage};
use super::{Page, invalid, render, render_status, to};
use crate::error::PageError;
use crate::extract::{CSRF_COOKIE, Ctx, SESSION_COOKIE, Signed, private_cookie};
use crate::middleware::csrf::new_token;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/signup", get(sign_up::form).post(sign_up::sign_up))
        .route("/login", get(sign_in::form).post(sign_in::sign_in))
        .route("/login/totp", get(sign_in::code_form).post(sign_in::code))
        .route("/totp/enroll", get(totp::form).post(totp::enrol))
        .route("/logout", post(sign_in::sign_out))
        .route("/account", get(account))
        .route(
            "/account/password",
            get(password_form).post(change_password),
        )
        .route("/account/emergency-contact", post(emergency_contact))
        .route("/account/language", post(language::save))
        .route("/language/{code}", get(language::switch))
}

/// A return address after sign-up or sign-in (`?next=/consultations/new?clinician=…`): only
/// a path on this site, never another origin (`//host`, `/\\host`) or a scheme.
pub fn safe_next(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && next.len() <= 500
        && !next.chars().any(|c| c.is_control() || c == '\\');
    ok.then_some(next)
}

/// A fresh session cookie, and a fresh CSRF token with it: nothing from before sign-in is
/// reused after it.
pub(crate) fn signed_in(state: &AppState, jar: CookieJar, secret: String, to: &str) -> Response {
    let jar = jar
        .add(private_cookie(state, SESSION_COOKIE, secret))
        .add(private_cookie(state, CSRF_COOKIE, new_token()));
    (jar, Redirect::to(to)).into_response()
}

async fn account(State(state): State<AppState>, signed: Signed, Query(n): Query<Notice>) -> Page {
    render(account_page(&state, &signed, notice_text(&n), None).await?)
}

/// The account page; `feed_url` is the calendar address just made, shown this once.
pub async fn account_page(
    state: &AppState,
    Signed { actor, ctx }: &Signed,
    notice: Option<&'static str>,
    feed_url: Option<String>,
) -> Result<AccountPage, PageError> {
    let calendar = matches!(actor.role, Role::Client | Role::Clinician | Role::Family);
    let has_feed = calendar && rapport_app::calendar::has_feed(&state.app, actor).await?;
    Ok(AccountPage {
        language: ctx
            .user
            .as_ref()
            .and_then(|c| c.language)
            .map(|l| l.as_str()),
        l: Layout::new(ctx),
        notice,
        name: actor.name.clone(),
        role: actor.role.as_str(),
        role_key: match actor.role {
            Role::Client => "role-client",
            Role::Clinician => "role-clinician",
            Role::Family => "role-family",
            Role::Admin => "role-admin",
        },
        totp: ctx.user.as_ref().is_some_and(|c| c.totp_enrolled),
        is_client: actor.role == Role::Client,
        calendar,
        has_feed,
        feed_url,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

fn password_page(ctx: &Ctx, errors: Vec<FormError>) -> PasswordPage {
    PasswordPage {
        l: Layout::new(ctx),
        current: FieldView::new(
            "current_password",
            i18n::t(ctx.lang, "pw-current"),
            "password",
        )
        .autocomplete("current-password")
        .error_from(&errors),
        new: FieldView::new("new_password", i18n::t(ctx.lang, "pw-new"), "password")
            .hint(i18n::t(ctx.lang, "pw-new-hint"))
            .autocomplete("new-password")
            .error_from(&errors),
        errors,
    }
}

async fn password_form(Signed { ctx, .. }: Signed) -> Page {
    render(password_page(&ctx, vec![]))
}

async fn change_password(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(form): Form<PasswordForm>,
) -> Page {
    let changed = accounts::change_password(
        &state.app,
        &actor,
        &form.current_password,
        &form.new_password,
        ctx.session_secret.as_deref(),
    )
    .await;
    let error = match changed {
        Ok(()) => return to("/account?done=password"),
        Err(e) => invalid(e)?,
    };
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        password_page(&ctx, vec![error]),
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct ContactForm {
    #[serde(default)]
    emergency_contact: String,
}

async fn emergency_contact(
    State(state): State<AppState>,
    Signed { actor, .. }: Signed,
    Form(form): Form<ContactForm>,
) -> Page {
    care_teams::set_emergency_contact(&state.app, &actor, actor.user_id, &form.emergency_contact)
        .await?;
    to("/home?done=contact")
}
