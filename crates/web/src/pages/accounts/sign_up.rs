//! Sign-up: a client makes their own account, and is signed in.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum_extra::extract::CookieJar;
use rapport_app::accounts::{self, NewClient};
use serde::Deserialize;

use super::{safe_next, signed_in};
use crate::extract::Ctx;
use crate::i18n;
use crate::messages;
use crate::pages::templates::{FieldView, FormError, Layout, SignupPage};
use crate::pages::{Page, invalid, render, render_status, to};
use crate::state::AppState;

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
    /// Where to go once signed up (a path on this site).
    #[serde(default)]
    next: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

fn signup_page(ctx: &Ctx, form: &SignupForm, errors: Vec<FormError>) -> SignupPage {
    let consent_error = errors
        .iter()
        .find(|e| e.field == "consent")
        .map(|e| i18n::error_message(ctx.lang, &e.message));
    SignupPage {
        l: Layout::new(ctx),
        name: FieldView::new("name", i18n::t(ctx.lang, "signup-name"), "text")
            .value(&form.name)
            .hint(i18n::t(ctx.lang, "signup-name-hint"))
            .autocomplete("name")
            .error_from(&errors),
        email: FieldView::new("email", i18n::t(ctx.lang, "field-email"), "email")
            .value(&form.email)
            .autocomplete("email")
            .inputmode("email")
            .error_from(&errors),
        password: FieldView::new("password", i18n::t(ctx.lang, "field-password"), "password")
            .hint(i18n::t(ctx.lang, "signup-password-hint"))
            .autocomplete("new-password")
            .error_from(&errors),
        timezone: form.timezone.clone(),
        consent: form.consent.is_some(),
        consent_error,
        errors,
        next: safe_next(&form.next).unwrap_or_default().to_string(),
    }
}

pub async fn form(ctx: Ctx, Query(q): Query<NextQuery>) -> Page {
    if ctx.full().is_ok() {
        return to(safe_next(&q.next).unwrap_or("/home"));
    }
    let form = SignupForm {
        next: q.next,
        ..SignupForm::default()
    };
    render(signup_page(&ctx, &form, vec![]))
}

pub async fn sign_up(
    State(state): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    Form(form): Form<SignupForm>,
) -> Page {
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
    if errors.is_empty() {
        match accounts::sign_up(&state.app, new, &ctx.address).await {
            Ok((_, secret)) => {
                let to = safe_next(&form.next).unwrap_or("/home");
                return Ok(signed_in(&state, jar, secret, to));
            }
            Err(e) => errors.push(invalid(e)?),
        }
    }
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        signup_page(&ctx, &form, errors),
    )
}

/// A timezone name as browsers report it (`Europe/Madrid`); anything else is ignored.
pub(crate) fn valid_timezone(tz: &str) -> Option<&str> {
    let ok = !tz.is_empty()
        && tz.len() <= 64
        && tz
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/_-+".contains(c));
    ok.then_some(tz)
}
