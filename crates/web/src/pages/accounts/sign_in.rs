//! Sign-in (the password, then the authenticator code for staff) and sign-out.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum_extra::extract::CookieJar;
use rapport_app::accounts::{self, Stage, totp};
use rapport_app::{Error, demo};
use serde::Deserialize;

use super::{safe_next, signed_in};
use crate::extract::{CSRF_COOKIE, Ctx, SESSION_COOKIE, removal_cookie};
use crate::i18n;
use crate::messages;
use crate::pages::templates::{DemoRow, FieldView, FormError, Layout, LoginPage, TotpPage};
use crate::pages::{Page, render, render_status, to};
use crate::state::AppState;

fn after_password(stage: Stage) -> &'static str {
    match stage {
        Stage::Full => "/home",
        Stage::SecondFactor => "/login/totp",
        Stage::Enrolment => "/totp/enroll",
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    /// Staff whose account is held back after wrong passwords send their code along.
    #[serde(default)]
    code: String,
    /// Where a client goes once signed in (a path on this site).
    #[serde(default)]
    next: String,
}

fn login_page(state: &AppState, ctx: &Ctx, email: &str, error: Option<&'static str>) -> LoginPage {
    let now = state.app.now();
    let demo_accounts = state
        .web
        .demo_accounts
        .iter()
        .flatten()
        .map(|a| DemoRow {
            role: a.role.clone(),
            name: a.name.clone(),
            email: a.email.clone(),
            code: a
                .totp_secret
                .as_deref()
                .and_then(|s| totp::code_at(s, now).ok()),
        })
        .collect();
    LoginPage {
        l: Layout::new(ctx),
        notice: None,
        error,
        email: FieldView::new("email", i18n::t(ctx.lang, "field-email"), "email")
            .value(email)
            .autocomplete("username")
            .inputmode("email"),
        password: FieldView::new("password", i18n::t(ctx.lang, "field-password"), "password")
            .autocomplete("current-password"),
        demo_accounts,
        demo_password: demo::DEMO_PASSWORD,
        code: None,
        next: String::new(),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct LoginQuery {
    signed_out: Option<String>,
    #[serde(default)]
    next: String,
}

pub async fn form(State(state): State<AppState>, ctx: Ctx, Query(q): Query<LoginQuery>) -> Page {
    if ctx.full().is_ok() {
        return to(safe_next(&q.next).unwrap_or("/home"));
    }
    let mut page = login_page(&state, &ctx, "", None);
    page.next = safe_next(&q.next).unwrap_or_default().to_string();
    if q.signed_out.is_some() {
        page.notice = Some(messages::SIGNED_OUT_DONE);
    }
    render(page)
}

pub async fn sign_in(
    State(state): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Page {
    let code = Some(form.code.trim()).filter(|c| !c.is_empty());
    let signed = accounts::check_password_with_code(
        &state.app,
        &form.email,
        &form.password,
        code,
        &ctx.address,
    )
    .await;
    match signed {
        Ok(step) => {
            let to = match (step.stage, safe_next(&form.next)) {
                (Stage::Full, Some(next)) => next,
                (stage, _) => after_password(stage),
            };
            Ok(signed_in(&state, jar, step.session_secret, to))
        }
        Err(Error::BadCredentials) => {
            let mut page = login_page(&state, &ctx, &form.email, Some(messages::BAD_CREDENTIALS));
            page.next = safe_next(&form.next).unwrap_or_default().to_string();
            render_status(StatusCode::UNAUTHORIZED, page)
        }
        Err(Error::Throttled { .. }) => {
            // Staff held back may still sign in with their password and code together.
            let mut page = login_page(&state, &ctx, &form.email, Some(messages::THROTTLED));
            page.notice = Some(messages::THROTTLED_STAFF_CODE);
            page.code = Some(
                FieldView::new("code", "Staff: code from your authenticator app", "text")
                    .autocomplete("one-time-code")
                    .inputmode("numeric")
                    .hint("Staff can sign in now with the password and the current code together."),
            );
            render_status(StatusCode::TOO_MANY_REQUESTS, page)
        }
        Err(e) => Err(e.into()),
    }
}

// ----- the authenticator code -----

#[derive(Debug, Default, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    pub code: String,
}

pub(super) fn code_field(errors: &[FormError]) -> FieldView {
    FieldView::new("code", "Code from your authenticator app", "text")
        .autocomplete("one-time-code")
        .inputmode("numeric")
        .hint("6 digits, for example 123456.")
        .error_from(errors)
}

/// The code page, for someone whose password was right and who has a second factor.
pub async fn code_form(ctx: Ctx) -> Page {
    match &ctx.user {
        Some(c) if c.stage == Stage::SecondFactor => render(TotpPage {
            l: Layout::new(&ctx),
            errors: vec![],
            code: code_field(&[]),
        }),
        _ => to("/login"),
    }
}

pub async fn code(
    State(state): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    Form(form): Form<CodeForm>,
) -> Page {
    let (Some(current), Some(secret)) = (&ctx.user, &ctx.session_secret) else {
        return to("/login");
    };
    let (status, error) =
        match accounts::second_factor(&state.app, secret, current, &form.code).await {
            Ok(fresh) => return Ok(signed_in(&state, jar, fresh, "/home")),
            Err(Error::Invalid { field, message }) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                FormError::new(field, message),
            ),
            Err(Error::Throttled { .. }) => (
                StatusCode::TOO_MANY_REQUESTS,
                FormError::new("code", messages::THROTTLED),
            ),
            Err(e) => return Err(e.into()),
        };
    let errors = vec![error];
    let code = code_field(&errors);
    render_status(
        status,
        TotpPage {
            l: Layout::new(&ctx),
            errors,
            code,
        },
    )
}

// ----- sign-out -----

pub async fn sign_out(State(state): State<AppState>, ctx: Ctx, jar: CookieJar) -> Page {
    if let Some(secret) = &ctx.session_secret {
        let actor = ctx.user.as_ref().map(|c| &c.actor);
        accounts::end_session(&state.app, secret, actor).await?;
    }
    let jar = jar
        .add(removal_cookie(&state, SESSION_COOKIE))
        .add(removal_cookie(&state, CSRF_COOKIE));
    // What this browser kept for offline use (the safety plan, the check-in form, drafts)
    // goes with the session: the device may be shared.
    Ok((
        [(CLEAR_SITE_DATA, "\"cache\", \"storage\"")],
        jar,
        Redirect::to("/login?signed_out=1"),
    )
        .into_response())
}

const CLEAR_SITE_DATA: axum::http::HeaderName =
    axum::http::HeaderName::from_static("clear-site-data");
