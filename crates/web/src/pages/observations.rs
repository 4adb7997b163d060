//! Observations and family sessions as pages (issue 15, parts 2 and 3): a family member's
//! report form (`/family/people/{client_id}/observations/new`), the client's "What your family
//! noticed" (`/observations`), the clinician hiding one from the chart, and a family member's
//! own family sessions (`/family/sessions`).

use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use rapport_app::observations::{self, NewObservation, ObservationView, SignView};
use rapport_app::{Error, sessions};
use rapport_core::sessions::Modality;
use uuid::Uuid;

use super::sessions::{WhereView, where_view};
use super::templates::{FormError, Layout};
use super::time::zone;
use super::{Page, field, invalid, render, render_status, to};
use crate::extract::{ClientId, Ctx, MemberId, Signed};
use crate::i18n;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/family/people/{client_id}/observations/new",
            get(new_form).post(send),
        )
        .route("/observations", get(mine))
        .route("/clients/{id}/observations/hide", post(hide))
        .route("/family/sessions", get(family_sessions))
}

/// One observation on a page: when, who (and how related), the signs, the note.
pub struct ObservationRow {
    pub id: String,
    pub when: String,
    pub who: String,
    pub signs: Vec<String>,
    pub note: Option<String>,
    /// "Hidden from the client on 3 Dec 2026 by Lena Ortiz: reason" (clinicians only), as
    /// HTML in the reader's language: the name and the reason are marked `translate="no"`.
    pub hidden: Option<askama::filters::Safe<String>>,
}

/// Observations as rows on the reader's clock.
pub fn rows(list: Vec<ObservationView>, ctx: &Ctx) -> Vec<ObservationRow> {
    let z = zone(ctx);
    list.into_iter()
        .map(|o| ObservationRow {
            id: o.id.to_string(),
            when: z.date_time(o.reported_at),
            who: match &o.relationship {
                Some(r) => format!("{} ({r})", o.reporter_name),
                None => o.reporter_name.clone(),
            },
            // The signs are the client's own words, but for a sign taken off their list since.
            signs: o
                .warning_signs
                .into_iter()
                .map(|s| match s.label.as_str() {
                    rapport_app::messages::RETIRED_SIGN => i18n::t(ctx.lang, "chart-retired-sign"),
                    _ => s.label,
                })
                .collect(),
            note: o.note,
            hidden: o.hidden_at.filter(|_| o.hidden).map(|at| {
                i18n::t_html(
                    ctx.lang,
                    "chart-obs-hidden",
                    &[
                        ("date", i18n::local_date(ctx.lang, &z.date(at)).into()),
                        ("name", o.hidden_by_name.unwrap_or_default().into()),
                        ("reason", o.hidden_reason.unwrap_or_default().into()),
                    ],
                )
            }),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "observation_new.html")]
pub struct ReportPage {
    pub l: Layout,
    pub action: String,
    pub first_name: String,
    /// (id, label, ticked)
    pub signs: Vec<(String, String, bool)>,
    pub note: String,
    pub max_note: usize,
    pub errors: Vec<FormError>,
    /// After sending: whether a clinician will see it.
    pub sent: Option<bool>,
}

impl ReportPage {
    fn error_of(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field || e.field.starts_with(&format!("{field}[")))
            .map(|e| e.message.as_str())
    }

    pub fn signs_error(&self) -> Option<&str> {
        self.error_of("warning_signs")
    }

    pub fn note_error(&self) -> Option<&str> {
        self.error_of("note")
    }
}

fn report_page(
    ctx: &Ctx,
    client_id: Uuid,
    first_name: String,
    signs: Vec<SignView>,
    ticked: &[String],
    note: String,
    errors: Vec<FormError>,
) -> ReportPage {
    ReportPage {
        l: Layout::new(ctx),
        action: format!("/family/people/{client_id}/observations/new"),
        first_name,
        signs: signs
            .into_iter()
            .map(|s| {
                let id = s.id.to_string();
                let on = ticked.contains(&id);
                (id, s.label, on)
            })
            .collect(),
        note,
        max_note: rapport_core::observations::MAX_NOTE_CHARS,
        errors,
        sent: None,
    }
}

async fn new_form(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    MemberId(client_id): MemberId,
) -> Page {
    let form = observations::report_form(&state.app, &actor, client_id).await?;
    render(report_page(
        &ctx,
        client_id,
        form.client_first_name,
        form.signs,
        &[],
        String::new(),
        vec![],
    ))
}

async fn send(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    MemberId(client_id): MemberId,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let ticked: Vec<String> = fields
        .iter()
        .filter(|(k, _)| k == "warning_signs")
        .map(|(_, v)| v.clone())
        .collect();
    let note = field(&fields, "note");
    let sent = observations::report(
        &state.app,
        &actor,
        client_id,
        NewObservation {
            warning_signs: ticked.clone(),
            note: Some(note.clone()),
        },
    )
    .await;
    let form = observations::report_form(&state.app, &actor, client_id).await?;
    match sent {
        Ok(r) => {
            let mut page = report_page(
                &ctx,
                client_id,
                form.client_first_name,
                form.signs,
                &[],
                String::new(),
                vec![],
            );
            page.sent = Some(r.clinician_will_see);
            render(page)
        }
        Err(e) => {
            let error = invalid(e)?;
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                report_page(
                    &ctx,
                    client_id,
                    form.client_first_name,
                    form.signs,
                    &ticked,
                    note,
                    vec![error],
                ),
            )
        }
    }
}

#[derive(Template)]
#[template(path = "observations.html")]
pub struct MinePage {
    pub l: Layout,
    pub rows: Vec<ObservationRow>,
}

/// The client's own page: every observation made about them that no clinician hid.
async fn mine(State(state): State<AppState>, Signed { actor, ctx }: Signed) -> Page {
    let list = observations::observations_of(&state.app, &actor, actor.user_id).await?;
    render(MinePage {
        l: Layout::new(&ctx),
        rows: rows(list, &ctx),
    })
}

/// A clinician on the care team hides an observation from the client, with the reason.
async fn hide(
    State(state): State<AppState>,
    Signed { actor, .. }: Signed,
    ClientId(client_id): ClientId,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let Ok(observation) = Uuid::parse_str(field(&fields, "observation").trim()) else {
        return Err(Error::NotFound.into());
    };
    match observations::hide(&state.app, &actor, observation, &field(&fields, "reason")).await {
        Ok(()) => to(&format!("/clients/{client_id}?done=hidden#observations")),
        Err(Error::Invalid { .. }) => to(&format!(
            "/clients/{client_id}?done=hide-reason#observations"
        )),
        Err(e) => Err(e.into()),
    }
}

/// One of a family member's family sessions on a page.
pub struct FamilySessionRow {
    pub when: String,
    pub minutes: i64,
    pub with: String,
    pub clinician: String,
    pub w: WhereView,
    pub cancelled: bool,
}

#[derive(Template)]
#[template(path = "family_sessions.html")]
pub struct FamilySessionsPage {
    pub l: Layout,
    pub sessions: Vec<FamilySessionRow>,
}

/// The family member's own upcoming family sessions.
async fn family_sessions(State(state): State<AppState>, Signed { actor, ctx }: Signed) -> Page {
    let z = zone(&ctx);
    let list = sessions::my_family_sessions(&state.app, &actor).await?;
    let now = state.app.now();
    render(FamilySessionsPage {
        l: Layout::new(&ctx),
        sessions: list
            .into_iter()
            .map(|s| {
                let modality = Modality::parse(&s.modality).unwrap_or(Modality::InPerson);
                FamilySessionRow {
                    when: z.day_time(s.starts_at),
                    minutes: s.minutes,
                    with: s.client_first_name,
                    clinician: s.clinician_name,
                    w: where_view(
                        s.id,
                        modality.as_str(),
                        s.place,
                        s.starts_at,
                        s.minutes,
                        s.cancelled,
                        now,
                    ),
                    cancelled: s.cancelled,
                }
            })
            .collect(),
    })
}
