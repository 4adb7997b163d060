//! Enrolment of an authenticator app (staff must have one before anything else).

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum_extra::extract::CookieJar;
use rapport_app::Error;
use rapport_app::accounts;

use super::sign_in::{CodeForm, code_field};
use super::signed_in;
use crate::error::PageError;
use crate::extract::Ctx;
use crate::pages::templates::{EnrolPage, FormError, Layout};
use crate::pages::{Page, invalid, render, render_status, to};
use crate::state::AppState;

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

pub async fn form(State(state): State<AppState>, ctx: Ctx) -> Page {
    match &ctx.user {
        Some(c) if !c.totp_enrolled && c.actor.role.requires_totp() => {
            render(enrol_page(&state, &ctx, vec![]).await?)
        }
        Some(_) => to("/home"),
        None => to("/login"),
    }
}

pub async fn enrol(
    State(state): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    Form(form): Form<CodeForm>,
) -> Page {
    let (Some(current), Some(secret)) = (&ctx.user, &ctx.session_secret) else {
        return to("/login");
    };
    let confirmed =
        accounts::confirm_totp_enrolment(&state.app, &current.actor, &form.code, Some(secret))
            .await;
    let error = match confirmed {
        Ok(Some(fresh)) => return Ok(signed_in(&state, jar, fresh, "/home")),
        Ok(None) => return to("/home"),
        Err(e) => invalid(e)?,
    };
    let p = enrol_page(&state, &ctx, vec![error]).await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, p)
}
