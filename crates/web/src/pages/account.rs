//! One's own account: password, who opened my record, emergency contact.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use rapport_app::{Error, accounts, audit_log, care_teams};
use rapport_core::accounts::Role;
use serde::Deserialize;

use super::home::{Notice, notice_text};
use super::legacy::{render, render_status};
use super::templates::{
    AccessLogPage, AccessRow, AccountPage, FieldView, FormError, Layout, PasswordPage, date_time,
};
use crate::error::PageError;
use crate::extract::Ctx;
use crate::state::AppState;

pub async fn account(State(state): State<AppState>, ctx: Ctx, Query(n): Query<Notice>) -> Response {
    match account_page(&state, &ctx, notice_text(&n), None).await {
        Ok(p) => render(p),
        Err(e) => e.into_response(),
    }
}

/// The account page; `feed_url` is the calendar address just made, shown this once.
pub async fn account_page(
    state: &AppState,
    ctx: &Ctx,
    notice: Option<&'static str>,
    feed_url: Option<String>,
) -> Result<AccountPage, Response> {
    let current = ctx.full().map_err(IntoResponse::into_response)?.clone();
    let calendar = matches!(current.actor.role, Role::Client | Role::Clinician);
    let has_feed = calendar
        && rapport_app::calendar::has_feed(&state.app, &current.actor)
            .await
            .map_err(|e| PageError(e).into_response())?;
    Ok(AccountPage {
        l: Layout::new(ctx),
        notice,
        name: current.actor.name.clone(),
        role: current.actor.role.as_str(),
        totp: current.totp_enrolled,
        is_client: current.actor.role == Role::Client,
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
        current: FieldView::new("current_password", "Current password", "password")
            .autocomplete("current-password")
            .error_from(&errors),
        new: FieldView::new("new_password", "New password", "password")
            .hint("At least 10 characters.")
            .autocomplete("new-password")
            .error_from(&errors),
        errors,
    }
}

pub async fn password_form(ctx: Ctx) -> Response {
    if let Err(r) = ctx.full() {
        return r.into_response();
    }
    render(password_page(&ctx, vec![]))
}

pub async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<PasswordForm>,
) -> Response {
    let current = match ctx.full() {
        Ok(c) => c.clone(),
        Err(r) => return r.into_response(),
    };
    match accounts::change_password(
        &state.app,
        &current.actor,
        &form.current_password,
        &form.new_password,
        ctx.session_secret.as_deref(),
    )
    .await
    {
        Ok(()) => Redirect::to("/account?done=password").into_response(),
        Err(Error::Invalid { field, message }) => render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            password_page(&ctx, vec![FormError::new(field, message)]),
        ),
        Err(e) => PageError(e).into_response(),
    }
}

pub async fn access_log(State(state): State<AppState>, ctx: Ctx) -> Response {
    let current = match ctx.full() {
        Ok(c) => c.clone(),
        Err(r) => return r.into_response(),
    };
    match audit_log::my_access_log(&state.app, &current.actor).await {
        Ok(entries) => render(AccessLogPage {
            l: Layout::new(&ctx),
            entries: entries
                .into_iter()
                .map(|e| AccessRow {
                    at: date_time(e.at),
                    who: e.who,
                    what: e.what,
                })
                .collect(),
        }),
        Err(e) => PageError(e).into_response(),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ContactForm {
    #[serde(default)]
    emergency_contact: String,
}

pub async fn emergency_contact(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ContactForm>,
) -> Response {
    let current = match ctx.full() {
        Ok(c) => c.clone(),
        Err(r) => return r.into_response(),
    };
    let actor = &current.actor;
    match care_teams::set_emergency_contact(
        &state.app,
        actor,
        actor.user_id,
        &form.emergency_contact,
    )
    .await
    {
        Ok(()) => Redirect::to("/home?done=contact").into_response(),
        Err(e) => PageError(e).into_response(),
    }
}
