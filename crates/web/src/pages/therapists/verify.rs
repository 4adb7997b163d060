//! The administrator's licence checks: every clinician with where they stand, and a form each
//! to record a check (licence number, issuer, date checked).

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use rapport_app::Error;
use rapport_app::therapists::{self, ClinicianCheckRow, LicenceCheck};
use serde::Deserialize;
use uuid::Uuid;

use crate::error::PageError;
use crate::extract::{Ctx, Signed};
use crate::i18n::{self, Lang};
use crate::pages::templates::{FormError, Layout};
use crate::pages::{Page, invalid, render, render_status, to};
use crate::state::AppState;

pub struct Row {
    pub id: String,
    pub name: String,
    pub email: String,
    /// Where they stand: the `more-verify-state-*` message.
    pub state: &'static str,
    /// The latest check: licence number, issuer and the day, written out.
    pub check: Option<(String, String, String)>,
    /// The form's values (what was typed, on an error for this row).
    pub licence_number: String,
    pub issuer: String,
    pub checked_on: String,
    pub error: Option<FormError>,
}

impl Row {
    pub fn err(&self, field: &str) -> Option<&str> {
        self.error
            .as_ref()
            .filter(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    fn of(r: &ClinicianCheckRow, today: NaiveDate, lang: Lang) -> Row {
        let state = if r.disabled {
            "more-verify-state-disabled"
        } else if !r.has_profile {
            "more-verify-state-no-profile"
        } else if r.check.is_none() {
            "more-verify-state-unchecked"
        } else if !r.accepting_new_clients {
            "more-verify-state-not-accepting"
        } else {
            "more-verify-state-listed"
        };
        Row {
            id: r.clinician_id.to_string(),
            name: r.name.clone(),
            email: r.email.clone(),
            state,
            check: r.check.as_ref().map(|v| {
                (
                    v.licence_number.clone(),
                    v.issuer.clone(),
                    i18n::local_date(lang, &v.checked_on.format("%-d %b %Y").to_string()),
                )
            }),
            licence_number: r
                .check
                .as_ref()
                .map(|v| v.licence_number.clone())
                .unwrap_or_default(),
            issuer: r
                .check
                .as_ref()
                .map(|v| v.issuer.clone())
                .unwrap_or_default(),
            checked_on: today.to_string(),
            error: None,
        }
    }
}

#[derive(Template)]
#[template(path = "therapists/verify.html")]
pub struct VerifyPage {
    pub l: Layout,
    pub notice: Option<&'static str>,
    pub errors: Vec<FormError>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Deserialize)]
pub struct Done {
    done: Option<String>,
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    actor: &rapport_app::Actor,
    typed: Option<(Uuid, VerifyForm, FormError)>,
    notice: Option<&'static str>,
) -> Result<VerifyPage, PageError> {
    let today = state.app.now().date_naive();
    let list = therapists::clinicians_to_verify(&state.app, actor).await?;
    let mut errors = vec![];
    let rows = list
        .iter()
        .map(|r| {
            let mut row = Row::of(r, today, ctx.lang);
            if let Some((id, form, e)) = &typed
                && *id == r.clinician_id
            {
                row.licence_number = form.licence_number.clone();
                row.issuer = form.issuer.clone();
                row.checked_on = form.checked_on.clone();
                // The summary links to this row's field.
                let field = format!("{}-{}", e.field, r.clinician_id);
                errors.push(FormError::new(field, e.message.clone()));
                row.error = Some(e.clone());
            }
            row
        })
        .collect();
    Ok(VerifyPage {
        l: Layout::new(ctx),
        notice,
        errors,
        rows,
    })
}

pub async fn list(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Query(q): Query<Done>,
) -> Page {
    let notice = q.done.map(|_| "The licence check is recorded.");
    render(page(&state, &ctx, &actor, None, notice).await?)
}

#[derive(Debug, Clone, Deserialize)]
pub struct VerifyForm {
    #[serde(default)]
    licence_number: String,
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    checked_on: String,
}

pub async fn save(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Path(id): Path<String>,
    Form(form): Form<VerifyForm>,
) -> Page {
    let id = Uuid::parse_str(&id).map_err(|_| PageError(Error::NotFound))?;
    let checked_on = match form.checked_on.trim() {
        "" => Ok(None),
        d => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| FormError::new("checked_on", "Write the date like 2026-11-30.")),
    };
    let error = match checked_on {
        Err(e) => e,
        Ok(checked_on) => {
            let input = LicenceCheck {
                licence_number: form.licence_number.clone(),
                issuer: form.issuer.clone(),
                checked_on,
            };
            match therapists::verify(&state.app, &actor, id, input).await {
                Ok(_) => return to("/admin/clinicians?done=verified"),
                Err(e) => invalid(e)?,
            }
        }
    };
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        page(&state, &ctx, &actor, Some((id, form, error)), None).await?,
    )
}
