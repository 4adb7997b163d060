//! Sign-up, sign-in (password, then the authenticator code for staff), enrolment of an
//! authenticator app, and sign-out.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use rapport_app::accounts::{self, NewClient, Stage, totp};
use rapport_app::{Error, demo};
use serde::Deserialize;

use super::legacy::{render, render_status};
use super::templates::{
    DemoRow, EnrolPage, FieldView, FormError, Layout, LoginPage, SignupPage, TotpPage,
};
use crate::error::PageError;
use crate::extract::{CSRF_COOKIE, Ctx, SESSION_COOKIE, private_cookie, removal_cookie};
use crate::middleware::csrf::new_token;
use crate::{messages, state::AppState};

/// A fresh session cookie, and a fresh CSRF token with it: nothing from before sign-in is
/// reused after it.
fn signed_in(state: &AppState, jar: CookieJar, secret: String, to: &str) -> Response {
    let jar = jar
        .add(private_cookie(state, SESSION_COOKIE, secret))
        .add(private_cookie(state, CSRF_COOKIE, new_token()));
    (jar, Redirect::to(to)).into_response()
}

fn after_password(stage: Stage) -> &'static str {
    match stage {
        Stage::Full => "/home",
        Stage::SecondFactor => "/login/totp",
        Stage::Enrolment => "/totp/enroll",
    }
}

// ----- sign-up -----

#[derive(Debug, Default, Deserialize)]
pub struct SignupForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    timezone: String,
    consent: Option<String>,
}

fn signup_page(ctx: &Ctx, form: &SignupForm, errors: Vec<FormError>) -> SignupPage {
    let consent_error = errors
        .iter()
        .find(|e| e.field == "consent")
        .map(|e| e.message.clone());
    SignupPage {
        l: Layout::new(ctx),
        name: FieldView::new("name", "Your name", "text")
            .value(&form.name)
            .hint("The name you would like us to use.")
            .autocomplete("name")
            .error_from(&errors),
        email: FieldView::new("email", "E-mail address", "email")
            .value(&form.email)
            .autocomplete("email")
            .inputmode("email")
            .error_from(&errors),
        password: FieldView::new("password", "Password", "password")
            .hint("At least 10 characters. A few words together are easy to remember and hard to guess.")
            .autocomplete("new-password")
            .error_from(&errors),
        timezone: form.timezone.clone(),
        consent: form.consent.is_some(),
        consent_error,
        errors,
    }
}

pub async fn signup_form(ctx: Ctx) -> Response {
    if ctx.full().is_ok() {
        return Redirect::to("/home").into_response();
    }
    render(signup_page(&ctx, &SignupForm::default(), vec![]))
}

pub async fn signup(
    State(state): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    Form(form): Form<SignupForm>,
) -> Response {
    let tz = valid_timezone(&form.timezone);
    let new = NewClient {
        name: &form.name,
        email: &form.email,
        password: &form.password,
        timezone: tz,
    };
    let mut errors: Vec<FormError> = accounts::validate_new_client(&new)
        .into_iter()
        .map(|e| FormError::new(e.field, e.message))
        .collect();
    if form.consent.is_none() {
        errors.push(FormError::new("consent", messages::CONSENT_REQUIRED));
    }
    if !errors.is_empty() {
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            signup_page(&ctx, &form, errors),
        );
    }
    match accounts::sign_up(&state.app, new, &ctx.address).await {
        Ok((_, secret)) => signed_in(&state, jar, secret, "/home"),
        Err(Error::Invalid { field, message }) => {
            let errors = vec![FormError::new(field, message)];
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                signup_page(&ctx, &form, errors),
            )
        }
        Err(e) => PageError(e).into_response(),
    }
}

/// A timezone name as browsers report it (`Europe/Madrid`); anything else is ignored.
fn valid_timezone(tz: &str) -> Option<&str> {
    let ok = !tz.is_empty()
        && tz.len() <= 64
        && tz
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/_-+".contains(c));
    ok.then_some(tz)
}

// ----- sign-in -----

#[derive(Debug, Default, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    /// Staff whose account is held back after wrong passwords send their code along.
    #[serde(default)]
    code: String,
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
        email: FieldView::new("email", "E-mail address", "email")
            .value(email)
            .autocomplete("username")
            .inputmode("email"),
        password: FieldView::new("password", "Password", "password")
            .autocomplete("current-password"),
        demo_accounts,
        demo_password: demo::DEMO_PASSWORD,
        code: None,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct LoginQuery {
    signed_out: Option<String>,
}

pub async fn login_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<LoginQuery>,
) -> Response {
    if ctx.full().is_ok() {
        return Redirect::to("/home").into_response();
    }
    let mut page = login_page(&state, &ctx, "", None);
    if q.signed_out.is_some() {
        page.notice = Some(messages::SIGNED_OUT_DONE);
    }
    render(page)
}

pub async fn login(
    State(state): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Response {
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
        Ok(step) => signed_in(&state, jar, step.session_secret, after_password(step.stage)),
        Err(Error::BadCredentials) => render_status(
            StatusCode::UNAUTHORIZED,
            login_page(&state, &ctx, &form.email, Some(messages::BAD_CREDENTIALS)),
        ),
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
        Err(e) => PageError(e).into_response(),
    }
}

// ----- the authenticator code -----

#[derive(Debug, Default, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

fn code_field(errors: &[FormError]) -> FieldView {
    FieldView::new("code", "Code from your authenticator app", "text")
        .autocomplete("one-time-code")
        .inputmode("numeric")
        .hint("6 digits, for example 123456.")
        .error_from(errors)
}

pub async fn totp_form(ctx: Ctx) -> Response {
    match &ctx.user {
        Some(c) if c.stage == Stage::SecondFactor => render(TotpPage {
            l: Layout::new(&ctx),
            errors: vec![],
            code: code_field(&[]),
        }),
        _ => Redirect::to("/login").into_response(),
    }
}

pub async fn totp(
    State(state): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    Form(form): Form<CodeForm>,
) -> Response {
    let (Some(current), Some(secret)) = (&ctx.user, &ctx.session_secret) else {
        return Redirect::to("/login").into_response();
    };
    match accounts::second_factor(&state.app, secret, current, &form.code).await {
        Ok(fresh) => signed_in(&state, jar, fresh, "/home"),
        Err(Error::Invalid { field, message }) => {
            let errors = vec![FormError::new(field, message)];
            let code = code_field(&errors);
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                TotpPage {
                    l: Layout::new(&ctx),
                    errors,
                    code,
                },
            )
        }
        Err(Error::Throttled { .. }) => {
            let errors = vec![FormError::new("code", messages::THROTTLED)];
            let code = code_field(&errors);
            render_status(
                StatusCode::TOO_MANY_REQUESTS,
                TotpPage {
                    l: Layout::new(&ctx),
                    errors,
                    code,
                },
            )
        }
        Err(e) => PageError(e).into_response(),
    }
}

// ----- enrolment -----

async fn enrol_page(
    state: &AppState,
    ctx: &Ctx,
    errors: Vec<FormError>,
) -> Result<EnrolPage, PageError> {
    let actor = &ctx
        .user
        .as_ref()
        .ok_or(PageError(Error::Unauthenticated))?
        .actor;
    let e = accounts::start_totp_enrolment(&state.app, actor).await?;
    let qr_svg = qr_svg(&e.otpauth_uri)?;
    let secret_grouped = e
        .secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    Ok(EnrolPage {
        l: Layout::new(ctx),
        code: code_field(&errors),
        errors,
        qr_svg,
        secret_grouped,
    })
}

/// The QR code of the `otpauth://` URI, drawn as SVG on the server.
fn qr_svg(uri: &str) -> Result<String, PageError> {
    let code = qrcode::QrCode::new(uri.as_bytes())
        .map_err(|e| PageError(Error::Internal(e.to_string())))?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    // Drop the XML prolog and label the image for screen readers.
    let svg = svg.trim_start_matches(|c| c != '<').to_string();
    let svg = match svg.find("<svg") {
        Some(i) => svg[i..].to_string(),
        None => svg,
    };
    Ok(svg.replacen(
        "<svg",
        "<svg role=\"img\" aria-label=\"QR code to add Rapport to your authenticator app\"",
        1,
    ))
}

pub async fn enrol_form(State(state): State<AppState>, ctx: Ctx) -> Response {
    match &ctx.user {
        Some(c) if !c.totp_enrolled && c.actor.role.requires_totp() => {
            match enrol_page(&state, &ctx, vec![]).await {
                Ok(p) => render(p),
                Err(e) => e.into_response(),
            }
        }
        Some(_) => Redirect::to("/home").into_response(),
        None => Redirect::to("/login").into_response(),
    }
}

pub async fn enrol(
    State(state): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    Form(form): Form<CodeForm>,
) -> Response {
    let (Some(current), Some(secret)) = (&ctx.user, &ctx.session_secret) else {
        return Redirect::to("/login").into_response();
    };
    match accounts::confirm_totp_enrolment(&state.app, &current.actor, &form.code, Some(secret))
        .await
    {
        Ok(Some(fresh)) => signed_in(&state, jar, fresh, "/home"),
        Ok(None) => Redirect::to("/home").into_response(),
        Err(Error::Invalid { field, message }) => {
            match enrol_page(&state, &ctx, vec![FormError::new(field, message)]).await {
                Ok(p) => render_status(StatusCode::UNPROCESSABLE_ENTITY, p),
                Err(e) => e.into_response(),
            }
        }
        Err(e) => PageError(e).into_response(),
    }
}

// ----- sign-out -----

pub async fn logout(State(state): State<AppState>, ctx: Ctx, jar: CookieJar) -> Response {
    if let Some(secret) = &ctx.session_secret {
        let actor = ctx.user.as_ref().map(|c| &c.actor);
        if let Err(e) = accounts::end_session(&state.app, secret, actor).await {
            return PageError(e).into_response();
        }
    }
    let jar = jar
        .add(removal_cookie(&state, SESSION_COOKIE))
        .add(removal_cookie(&state, CSRF_COOKIE));
    (jar, Redirect::to("/login?signed_out=1")).into_response()
}
