//! Care teams: a client and a clinician each found by search (never a drop-down of every
//! client), then added to or taken off the client's care team. Works without JavaScript: the
//! search is a GET form, the matches are radio buttons in the POST form.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form, Router};
use rapport_app::admin::{self, AccountQuery};
use rapport_app::{Actor, Error, care_teams};
use rapport_core::accounts::{CareTeamRole, Role};
use serde::Deserialize;
use uuid::Uuid;

use crate::extract::{Ctx, Signed};
use crate::messages;
use crate::pages::templates::{FormError, Layout};
use crate::pages::{Page, invalid, render_status, to};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/care-teams", get(page).post(assign))
        .route("/admin/care-teams/end", post(end_membership))
}

/// How many matches a search shows; type more to narrow it.
const MATCHES: u64 = 10;

#[derive(Debug, Default, Deserialize)]
pub struct TeamQuery {
    #[serde(default)]
    pub client_q: String,
    #[serde(default)]
    pub clinician_q: String,
    /// The choices made, kept when the form comes back.
    #[serde(default)]
    pub client_id: String,
    #[serde(default)]
    pub clinician_id: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub done: String,
}

/// A match: (id, name, e-mail).
pub type Match = (String, String, String);

#[derive(Template)]
#[template(path = "admin/care_teams.html")]
pub struct CareTeamsPage {
    pub l: Layout,
    pub notice: Option<&'static str>,
    pub errors: Vec<FormError>,
    pub q: TeamQuery,
    pub searched: bool,
    pub clients: Vec<Match>,
    pub clients_total: u64,
    pub clients_more: bool,
    pub clinicians: Vec<Match>,
    pub clinicians_total: u64,
    pub clinicians_more: bool,
    pub team_roles: Vec<(&'static str, &'static str)>,
    /// Clients asking for another therapist: (name, when).
    pub therapist_requests: Vec<(String, String)>,
}

async fn matches(
    state: &AppState,
    actor: &Actor,
    q: &str,
    role: Role,
    field: &str,
    errors: &mut Vec<FormError>,
) -> Result<(Vec<Match>, u64), crate::error::PageError> {
    let asked = AccountQuery {
        q: Some(q.to_string()),
        role: Some(role.as_str().to_string()),
        page: None,
        per_page: Some(MATCHES),
    };
    match admin::search_accounts(&state.app, actor, &asked).await {
        Ok(p) => Ok((
            p.accounts
                .into_iter()
                .filter(|a| !a.disabled)
                .map(|a| (a.id.to_string(), a.name, a.email))
                .collect(),
            p.total,
        )),
        Err(Error::Invalid { message, .. }) => {
            errors.push(FormError::new(field, message));
            Ok((vec![], 0))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn build(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    q: TeamQuery,
    mut errors: Vec<FormError>,
) -> Page {
    let searched = !q.client_q.trim().is_empty();
    let (clients, clients_total) = if searched {
        matches(
            state,
            actor,
            &q.client_q,
            Role::Client,
            "client_q",
            &mut errors,
        )
        .await?
    } else {
        (vec![], 0)
    };
    let (clinicians, clinicians_total) = matches(
        state,
        actor,
        &q.clinician_q,
        Role::Clinician,
        "clinician_q",
        &mut errors,
    )
    .await?;
    let requests = care_teams::open_therapist_requests(&state.app, actor).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render_status(
        status,
        CareTeamsPage {
            l: Layout::new(ctx),
            notice: match q.done.as_str() {
                "team" => Some(messages::ASSIGNED),
                "ended" => Some(messages::MEMBERSHIP_ENDED),
                _ => None,
            },
            errors,
            searched,
            clients_more: clients_total > clients.len() as u64,
            clinicians_more: clinicians_total > clinicians.len() as u64,
            clients,
            clients_total,
            clinicians,
            clinicians_total,
            team_roles: CareTeamRole::ALL
                .iter()
                .map(|r| (r.as_str(), r.label()))
                .collect(),
            therapist_requests: requests
                .into_iter()
                .map(|(_, name, at)| (name, crate::pages::time::zone(ctx).date(at)))
                .collect(),
            q,
        },
    )
}

async fn page(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Query(q): Query<TeamQuery>,
) -> Page {
    build(&state, &ctx, &actor, q, vec![]).await
}

fn chosen(q: &TeamQuery) -> Result<(Uuid, Uuid), FormError> {
    let client = Uuid::parse_str(&q.client_id)
        .map_err(|_| FormError::new("client_q", "Find the client and choose them."))?;
    let clinician = Uuid::parse_str(&q.clinician_id)
        .map_err(|_| FormError::new("clinician_q", "Choose a clinician."))?;
    Ok((client, clinician))
}

async fn assign(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(q): Form<TeamQuery>,
) -> Page {
    let error = match chosen(&q) {
        Err(e) => e,
        Ok((client, clinician)) => {
            let role = CareTeamRole::parse(&q.role).unwrap_or(CareTeamRole::PrimaryTherapist);
            match care_teams::assign(&state.app, &actor, client, clinician, role).await {
                Ok(_) => return to("/admin/care-teams?done=team"),
                Err(e) => invalid(e)?,
            }
        }
    };
    build(&state, &ctx, &actor, q, vec![error]).await
}

/// Takes a clinician off a client's care team; their access ends at once.
async fn end_membership(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(q): Form<TeamQuery>,
) -> Page {
    let error = match chosen(&q) {
        Err(e) => e,
        Ok((client, clinician)) => {
            match care_teams::end_membership(&state.app, &actor, client, clinician).await {
                Ok(()) => return to("/admin/care-teams?done=ended"),
                Err(Error::NotFound) => {
                    FormError::new("clinician_q", rapport_app::messages::NOT_ON_TEAM)
                }
                Err(e) => invalid(e)?,
            }
        }
    };
    build(&state, &ctx, &actor, q, vec![error]).await
}
