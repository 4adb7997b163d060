//! Meeting a few before choosing, as pages: the client asks (`/consultations/new?clinician=…`,
//! a visitor sent to sign up and brought back), follows and chooses (`/consultations`), and
//! asks an earlier therapist to take them back; a clinician answers what is addressed to them
//! (`/consultations`: accept with a date and time, or decline with a reason).

use askama::Template;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form, Router};
use rapport_app::consultations::{self, Ask, ConsultationView, EarlierTherapist};
use rapport_app::{Actor, Error};
use rapport_core::accounts::Role;
use rapport_core::consultations::State as CState;
use rapport_core::measures::{FEEDBACK_MAX, FeedbackInput, FeedbackQuestion};
use serde::Deserialize;
use uuid::Uuid;

use super::templates::{FormError, Layout, next_query};
use super::time::{own_timezone, when};
use super::{Page, field, invalid, render, render_status, to};
use crate::extract::{Ctx, Signed};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/consultations", get(list).post(ask))
        .route("/consultations/new", get(new_form))
        .route("/consultations/{id}/accept", post(accept))
        .route("/consultations/{id}/decline", post(decline))
        .route("/consultations/{id}/choose", post(choose))
        .route("/consultations/{id}/feedback", post(feedback))
}

/// Who is asked, on the form.
pub struct Who {
    pub id: String,
    pub name: String,
}

#[derive(Template)]
#[template(path = "consultation_new.html")]
pub struct NewPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    pub who: Vec<Who>,
    /// Three boxes for times that suit the client, with what was typed.
    pub times: Vec<String>,
    pub message: String,
    pub returning: bool,
    pub share: bool,
}

impl NewPage {
    fn error_of(&self, f: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == f)
            .map(|e| e.message.as_str())
    }
}

/// One consultation on the list.
pub struct Item {
    pub id: String,
    /// The other person: the clinician for a client, the client for a clinician.
    pub with: String,
    pub state: CState,
    pub state_label: &'static str,
    pub times: Vec<String>,
    pub message: Option<String>,
    pub when: Option<String>,
    pub decline_reason: Option<String>,
    pub returning: bool,
    pub met: bool,
    /// A client choosing needs to say yes to sharing their record.
    pub needs_consent: bool,
    /// The client's answers after meeting, in the order of the questions.
    pub feedback: Option<[u8; 4]>,
}

#[derive(Template)]
#[template(path = "consultations.html")]
pub struct ListPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    pub notice: Option<&'static str>,
    pub clinician: bool,
    pub items: Vec<Item>,
    pub earlier: Vec<EarlierTherapist>,
    /// The four session-feedback questions: (field word, label).
    pub questions: Vec<(&'static str, &'static str)>,
    /// Side by side: (clinician, the four answers, comment) of each consultation the client
    /// gave feedback on.
    pub compare: Vec<(String, [u8; 4], Option<String>)>,
}

impl ListPage {
    /// 0 to 10, for a question's scale.
    fn scale(&self) -> std::ops::RangeInclusive<u8> {
        0..=FEEDBACK_MAX
    }

    /// The answer to question `i` (askama hands loop indices over by reference).
    fn at(&self, answers: &[u8; 4], i: &usize) -> u8 {
        answers.get(*i).copied().unwrap_or_default()
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    done: Option<String>,
}

fn client_only(actor: &Actor) -> Result<(), Error> {
    match actor.role {
        Role::Client => Ok(()),
        _ => Err(Error::Forbidden),
    }
}

/// The ids of `clinician=` in a query or form, in order.
fn ids_of(pairs: &[(String, String)], name: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect()
}

fn uuids(ids: &[String]) -> Result<Vec<Uuid>, Error> {
    ids.iter()
        .map(|s| {
            Uuid::parse_str(s).map_err(|_| {
                Error::invalid("clinician_ids", "Choose the clinicians from the list.")
            })
        })
        .collect()
}

async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    RawQuery(q): RawQuery,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Page {
    let query = q.unwrap_or_default();
    let Ok(actor) = ctx.actor() else {
        // A visitor signs up (or in) and comes back here.
        let back = format!("/consultations/new?{query}");
        return to(&format!("/signup{}", next_query(&back)));
    };
    client_only(&actor)?;
    let ids = uuids(&ids_of(&pairs, "clinician")).unwrap_or_default();
    let returning = field(&pairs, "returning") == "1";
    let page = new_page(
        &state,
        &ctx,
        &actor,
        &ids,
        NewPage {
            l: Layout::new(&ctx),
            errors: vec![],
            who: vec![],
            times: vec![String::new(); 3],
            message: String::new(),
            returning,
            share: false,
        },
    )
    .await?;
    render(page)
}

async fn new_page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    ids: &[Uuid],
    mut page: NewPage,
) -> Result<NewPage, Error> {
    page.l = Layout::new(ctx);
    page.who = consultations::clinicians(&state.app, actor, ids)
        .await?
        .into_iter()
        .map(|(id, name)| Who {
            id: id.to_string(),
            name,
        })
        .collect();
    Ok(page)
}

async fn ask(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    client_only(&actor)?;
    let ids = ids_of(&fields, "clinician");
    let times: Vec<String> = fields
        .iter()
        .filter(|(k, _)| k == "times")
        .map(|(_, v)| v.clone())
        .collect();
    let message = field(&fields, "message");
    let returning = field(&fields, "returning") == "1";
    let share = field(&fields, "share_earlier_record") == "yes";
    let parsed = uuids(&ids);
    let result = match &parsed {
        Ok(clinician_ids) => {
            consultations::ask(
                &state.app,
                &actor,
                actor.user_id,
                Ask {
                    clinician_ids: clinician_ids.clone(),
                    times: times
                        .iter()
                        .filter(|t| !t.trim().is_empty())
                        .cloned()
                        .collect(),
                    message: Some(message.clone()),
                    returning,
                    share_earlier_record: share,
                },
            )
            .await
        }
        Err(e) => Err(Error::invalid("clinician_ids", e.to_string())),
    };
    let error = match result {
        Ok(_) => return to("/consultations?done=asked"),
        Err(e) => invalid(e)?,
    };
    let mut shown = times.clone();
    shown.resize(shown.len().max(3), String::new());
    let page = new_page(
        &state,
        &ctx,
        &actor,
        &parsed.unwrap_or_default(),
        NewPage {
            l: Layout::new(&ctx),
            errors: vec![FormError::new(anchor(&error.field), error.message)],
            who: vec![],
            times: shown,
            message,
            returning,
            share,
        },
    )
    .await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, page)
}

/// The element an error links to on the form.
fn anchor(field: &str) -> String {
    match field {
        "times" => "times-0".into(),
        "clinician_ids" => "who".into(),
        f => f.into(),
    }
}

fn notice_of(d: &Done) -> Option<&'static str> {
    match d.done.as_deref() {
        Some("asked") => Some("Your request is sent. Each clinician will answer here."),
        Some("accepted") => Some("Accepted. The client sees the time you set."),
        Some("declined") => Some("Declined. The client sees your reason."),
        Some("feedback") => {
            Some("Thank you. Your answers are beside the others below, to help you choose.")
        }
        _ => None,
    }
}

async fn list_page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    errors: Vec<FormError>,
    notice: Option<&'static str>,
) -> Result<ListPage, Error> {
    let clinician = actor.role == Role::Clinician;
    let list: Vec<ConsultationView> = consultations::list(&state.app, actor).await?;
    let tz = own_timezone(ctx);
    let (earlier, needs_consent) = if clinician {
        (vec![], false)
    } else {
        (
            consultations::earlier_therapists(&state.app, actor).await?,
            consultations::needs_consent(&state.app, actor).await?,
        )
    };
    let comments: Vec<(String, Option<String>)> = list
        .iter()
        .map(|c| {
            (
                c.id.to_string(),
                c.feedback.as_ref().and_then(|f| f.comment.clone()),
            )
        })
        .collect();
    let items = list
        .into_iter()
        .map(|c| Item {
            id: c.id.to_string(),
            with: if clinician {
                c.client_name.clone()
            } else {
                c.clinician_name.clone()
            },
            state: c.state,
            state_label: c.state.label(),
            times: c.times,
            message: c.message,
            when: c.starts_at.map(|t| when(t, &tz)),
            decline_reason: c.decline_reason,
            returning: c.returning,
            met: c.met,
            needs_consent: needs_consent && !c.share_earlier_record,
            feedback: c.feedback.as_ref().map(|f| {
                let a = f.answers();
                [a[0].1, a[1].1, a[2].1, a[3].1]
            }),
        })
        .collect::<Vec<Item>>();
    let compare = list_feedback(&items, &comments);
    Ok(ListPage {
        l: Layout::new(ctx),
        errors,
        notice,
        clinician,
        items,
        earlier,
        questions: FeedbackQuestion::ALL
            .iter()
            .map(|q| (q.as_str(), q.label()))
            .collect(),
        compare,
    })
}

fn list_feedback(
    items: &[Item],
    comments: &[(String, Option<String>)],
) -> Vec<(String, [u8; 4], Option<String>)> {
    items
        .iter()
        .filter_map(|i| {
            let answers = i.feedback?;
            let comment = comments
                .iter()
                .find(|(id, _)| *id == i.id)
                .and_then(|(_, c)| c.clone());
            Some((i.with.clone(), answers, comment))
        })
        .collect()
}

async fn list(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Query(d): Query<Done>,
) -> Page {
    render(list_page(&state, &ctx, &actor, vec![], notice_of(&d)).await?)
}

async fn refused(state: &AppState, ctx: &Ctx, actor: &Actor, id: Uuid, e: Error) -> Page {
    let e = invalid(e)?;
    let error = FormError::new(format!("{}-{id}", e.field), e.message);
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        list_page(state, ctx, actor, vec![error], None).await?,
    )
}

async fn accept(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Path(id): Path<Uuid>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let at = field(&fields, "starts_at_local");
    let parsed = chrono::NaiveDateTime::parse_from_str(at.trim(), "%Y-%m-%dT%H:%M")
        .map_err(|_| Error::invalid("starts_at_local", "Choose a date and a time."));
    let result = match parsed {
        Ok(at) => consultations::accept(&state.app, &actor, id, at).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => to("/consultations?done=accepted"),
        Err(e) => refused(&state, &ctx, &actor, id, e).await,
    }
}

async fn decline(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Path(id): Path<Uuid>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    match consultations::decline(&state.app, &actor, id, &field(&fields, "reason")).await {
        Ok(()) => to("/consultations?done=declined"),
        Err(e) => refused(&state, &ctx, &actor, id, e).await,
    }
}

async fn choose(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Path(id): Path<Uuid>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let share = (field(&fields, "share_record") == "yes").then_some(true);
    match consultations::choose(&state.app, &actor, id, share).await {
        Ok(()) => to("/home?done=chosen"),
        Err(e) => refused(&state, &ctx, &actor, id, e).await,
    }
}

fn number(fields: &[(String, String)], k: &str) -> Option<i64> {
    field(fields, k).trim().parse().ok()
}

async fn feedback(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Path(id): Path<Uuid>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let comment = field(&fields, "comment");
    let input = FeedbackInput {
        heard: number(&fields, FeedbackQuestion::Heard.as_str()),
        worked_on_what_i_wanted: number(&fields, FeedbackQuestion::WhatIWanted.as_str()),
        approach_fits: number(&fields, FeedbackQuestion::ApproachFits.as_str()),
        overall: number(&fields, FeedbackQuestion::Overall.as_str()),
        comment: Some(&comment),
    };
    match consultations::give_feedback(&state.app, &actor, id, input).await {
        Ok(()) => to("/consultations?done=feedback"),
        Err(e) => refused(&state, &ctx, &actor, id, e).await,
    }
}
