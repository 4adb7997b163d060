//! Therapy groups as pages: a clinician's `/groups` (the groups they lead and a form for a new
//! one) and `/groups/{id}` (members and their consent, offering places from the caseload,
//! scheduling, attendance, group notes, outcomes with a chart and its table); a client's
//! `/groups` and `/groups/{id}` (the offer: join or decline, the first-name choice, the
//! schedule, the first names shown, leave).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form, Router};
use rapport_app::groups::{
    self, Answer, GroupDetail, GroupOutcomes, LeaderView, MemberView, NewGroup, NewGroupSessions,
};
use rapport_app::sessions::Booking;
use rapport_app::{Actor, Error};
use rapport_core::accounts::Role;
use rapport_core::groups::MemberState;
use rapport_core::outcomes::Cell;
use rapport_core::plans::approach::Approach;
use serde::Deserialize;
use uuid::Uuid;

use super::templates::{FormError, Layout};
use super::time::{own_timezone, when};
use super::{Page, field, invalid_or_conflict, render, render_status, to};
use crate::charts::sparkline;
use crate::extract::{Ctx, Signed};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/groups", get(list).post(create))
        .route("/groups/{id}", get(show))
        .route("/groups/{id}/members", post(add_member))
        .route("/groups/{id}/sessions", post(schedule))
        .route("/groups/{id}/attendance", post(attendance))
        .route("/groups/{id}/notes", post(note))
        .route("/groups/{id}/consent", post(consent))
        .route("/groups/{id}/decline", post(decline))
        .route("/groups/{id}/leave", post(leave))
}

/// A group on a list.
pub struct Row {
    pub id: String,
    pub name: String,
    pub approach: &'static str,
    pub schedule: String,
    pub weeks: i16,
    /// "3 joined, 2 offered, 8 places" or "Offered to you".
    pub status: String,
}

/// The new-group form, with what was typed.
#[derive(Debug, Default, Clone)]
pub struct Typed {
    pub name: String,
    pub approach: String,
    pub capacity: String,
    pub weeks: String,
    pub schedule: String,
    pub entry_criteria: String,
}

#[derive(Template)]
#[template(path = "groups.html")]
pub struct ListPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    pub clinician: bool,
    pub rows: Vec<Row>,
    pub typed: Typed,
    /// (word, label) of each approach.
    pub approaches: Vec<(&'static str, &'static str)>,
}

impl ListPage {
    fn error_of(&self, f: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == f)
            .map(|e| e.message.as_str())
    }
}

fn approach_label(word: &str) -> &'static str {
    Approach::parse(word).map(Approach::label).unwrap_or("")
}

fn approaches() -> Vec<(&'static str, &'static str)> {
    Approach::ALL
        .iter()
        .map(|a| (a.as_str(), a.label()))
        .collect()
}

async fn list_page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    errors: Vec<FormError>,
    typed: Typed,
) -> Result<ListPage, Error> {
    let clinician = actor.role == Role::Clinician;
    let rows = if clinician {
        groups::led_groups(&state.app, actor)
            .await?
            .into_iter()
            .map(|(g, joined, offered)| Row {
                id: g.id.to_string(),
                approach: approach_label(&g.approach),
                status: crate::i18n::t_args(
                    ctx.lang,
                    "grp-status-led",
                    &[
                        ("joined", joined.into()),
                        ("offered", offered.into()),
                        ("places", g.capacity.into()),
                    ],
                ),
                name: g.name,
                schedule: g.schedule,
                weeks: g.weeks,
            })
            .collect()
    } else {
        groups::my_groups(&state.app, actor)
            .await?
            .into_iter()
            .map(|p| Row {
                id: p.group.id.to_string(),
                approach: approach_label(&p.group.approach),
                status: match p.state {
                    MemberState::Offered => crate::i18n::t(ctx.lang, "grp-status-offered"),
                    _ => crate::i18n::t(ctx.lang, "grp-status-joined"),
                },
                name: p.group.name,
                schedule: p.group.schedule,
                weeks: p.group.weeks,
            })
            .collect()
    };
    Ok(ListPage {
        l: Layout::new(ctx),
        errors,
        clinician,
        rows,
        typed,
        approaches: approaches(),
    })
}

async fn list(State(state): State<AppState>, Signed { actor, ctx }: Signed) -> Page {
    let typed = Typed {
        approach: "cbt".into(),
        capacity: "8".into(),
        weeks: "8".into(),
        ..Typed::default()
    };
    render(list_page(&state, &ctx, &actor, vec![], typed).await?)
}

fn number(s: &str) -> Option<i64> {
    s.trim().parse().ok()
}

async fn create(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(f): Form<Vec<(String, String)>>,
) -> Page {
    let typed = Typed {
        name: field(&f, "name"),
        approach: field(&f, "approach"),
        capacity: field(&f, "capacity"),
        weeks: field(&f, "weeks"),
        schedule: field(&f, "schedule"),
        entry_criteria: field(&f, "entry_criteria"),
    };
    let made = groups::create(
        &state.app,
        &actor,
        NewGroup {
            name: typed.name.clone(),
            approach: typed.approach.clone(),
            capacity: number(&typed.capacity),
            weeks: number(&typed.weeks),
            schedule: typed.schedule.clone(),
            entry_criteria: typed.entry_criteria.clone(),
        },
    )
    .await;
    let error = match made {
        Ok(g) => return to(&format!("/groups/{}?done=created", g.id)),
        Err(e) => invalid_or_conflict(e, "name")?,
    };
    let page = list_page(&state, &ctx, &actor, vec![error], typed).await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, page)
}

/// One member on the leader's page.
pub struct MemberRow {
    pub client_id: String,
    pub name: String,
    pub shared: bool,
    pub state: &'static str,
    pub shows_name: bool,
}

/// One session on the leader's page.
pub struct SessionRow {
    pub id: String,
    pub when: String,
    pub minutes: i16,
    pub place: String,
    pub cancelled: bool,
    pub started: bool,
    /// (client id, name, attendance label or "").
    pub attendance: Vec<(String, String, &'static str)>,
    pub note: String,
}

/// One member's outcome row.
pub struct OutcomeRow {
    pub name: String,
    pub spark: String,
    pub scores: String,
    pub baseline: String,
    pub latest: String,
    pub improved: &'static str,
    pub attended: String,
}

#[derive(Template)]
#[template(path = "group_leader.html")]
pub struct LeaderPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    pub notice: Option<&'static str>,
    pub id: String,
    pub name: String,
    pub approach: &'static str,
    pub facts: String,
    pub schedule: String,
    pub entry_criteria: String,
    pub members: Vec<MemberRow>,
    pub candidates: Vec<(String, String)>,
    pub sessions: Vec<SessionRow>,
    pub outcomes: Vec<OutcomeRow>,
    pub not_shared: usize,
    /// The share reliably improved, in words.
    pub share: String,
}

/// The upcoming and past sessions on a member's page.
pub struct Slot {
    pub when: String,
    pub minutes: i16,
    pub place: String,
    pub cancelled: bool,
}

#[derive(Template)]
#[template(path = "group_member.html")]
pub struct MemberPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    pub notice: Option<&'static str>,
    pub id: String,
    pub name: String,
    pub approach: &'static str,
    pub leader: String,
    pub weeks: i16,
    pub schedule: String,
    pub entry_criteria: String,
    pub offered: bool,
    pub shows_name: bool,
    pub first_names: Vec<String>,
    pub sessions: Vec<Slot>,
}

impl MemberPage {
    /// The group's approach in the page's language.
    fn approach_words(&self) -> String {
        if self.l.lang == crate::i18n::Lang::En {
            return self.approach.to_string();
        }
        rapport_core::plans::approach::Approach::ALL
            .iter()
            .find(|a| a.label() == self.approach)
            .map_or_else(
                || self.approach.to_string(),
                |a| {
                    let words = crate::i18n::t(self.l.lang, &format!("tp-approach-{}", a.as_str()));
                    let mut c = words.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                },
            )
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct Done {
    done: Option<String>,
}

fn notice_of(d: &Done) -> Option<&'static str> {
    match d.done.as_deref() {
        Some("created") => Some("The group is created. Offer places to clients on your caseload."),
        Some("added") => Some("The place is offered. The client decides whether to join."),
        Some("scheduled") => Some("The sessions are scheduled with the members who joined."),
        Some("attendance") => Some("Attendance saved."),
        Some("note") => Some("The group note is saved."),
        Some("joined") => Some("You joined the group. Its sessions are in your sessions too."),
        Some("saved") => Some("Your choice is saved."),
        _ => None,
    }
}

fn place_of(modality: &str, place: Option<&str>) -> String {
    match (modality, place) {
        ("phone", _) => "By phone".into(),
        (_, Some(p)) => p.to_string(),
        _ => String::new(),
    }
}

fn attendance_label(a: Option<&str>) -> &'static str {
    a.and_then(rapport_core::sessions::Attendance::parse)
        .map(rapport_core::sessions::Attendance::label)
        .unwrap_or("")
}

fn share_words(lang: crate::i18n::Lang, o: &GroupOutcomes) -> String {
    use crate::i18n::t_args;
    match o.share {
        Cell::Empty => crate::i18n::t(lang, "grp-share-empty"),
        Cell::TooFew => t_args(
            lang,
            "grp-share-too-few",
            &[
                ("n", o.paired.into()),
                ("min", rapport_core::outcomes::MIN_CELL.into()),
            ],
        ),
        Cell::Rate(r) => t_args(
            lang,
            "grp-share-rate",
            &[
                ("count", r.count.into()),
                ("of", r.of.into()),
                ("share", format!("{:.0}", r.share * 100.0).into()),
                ("low", format!("{:.0}", r.low * 100.0).into()),
                ("high", format!("{:.0}", r.high * 100.0).into()),
            ],
        ),
    }
}

async fn leader_page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    v: LeaderView,
    errors: Vec<FormError>,
    notice: Option<&'static str>,
) -> Result<LeaderPage, Error> {
    let tz = own_timezone(ctx);
    let now = state.app.now();
    let o = groups::outcomes(&state.app, actor, v.group.id).await?;
    let candidates = groups::candidates(&state.app, actor, v.group.id)
        .await?
        .into_iter()
        .map(|(id, n)| (id.to_string(), n))
        .collect();
    let names: Vec<(uuid::Uuid, String)> = v
        .members
        .iter()
        .filter_map(|m| Some((m.client_id?, m.name.clone()?)))
        .collect();
    let name_of = |c: &uuid::Uuid| {
        names
            .iter()
            .find(|(id, _)| id == c)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let members = v
        .members
        .iter()
        .map(|m| MemberRow {
            client_id: m.client_id.map(|c| c.to_string()).unwrap_or_default(),
            name: m
                .name
                .clone()
                .unwrap_or_else(|| crate::i18n::t(ctx.lang, "grp-member-not-shared")),
            shared: m.shared,
            state: m.state.label(),
            shows_name: m.show_first_name,
        })
        .collect();
    let sessions = v
        .sessions
        .iter()
        .map(|s| SessionRow {
            id: s.slot.id.to_string(),
            when: when(s.slot.starts_at, &tz),
            minutes: s.slot.minutes,
            place: place_of(&s.slot.modality, s.slot.place.as_deref()),
            cancelled: s.slot.cancelled_at.is_some(),
            started: s.slot.starts_at <= now,
            attendance: s
                .attendance
                .iter()
                .map(|(c, a)| (c.to_string(), name_of(c), attendance_label(a.as_deref())))
                .collect(),
            note: s.note.as_ref().map(|n| n.text.clone()).unwrap_or_default(),
        })
        .collect();
    let outcomes = o
        .members
        .iter()
        .map(|m| {
            let scores: Vec<u8> = m
                .phq9
                .iter()
                .filter_map(|(_, v)| u8::try_from(*v).ok())
                .collect();
            OutcomeRow {
                name: m.name.clone(),
                spark: sparkline(&scores, 27),
                scores: scores
                    .iter()
                    .map(u8::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
                baseline: m
                    .baseline
                    .map(|b| b.to_string())
                    .unwrap_or_else(|| "—".into()),
                latest: m
                    .latest
                    .map(|b| b.to_string())
                    .unwrap_or_else(|| "—".into()),
                improved: match m.improved {
                    Some(true) => "Yes",
                    Some(false) => "No",
                    None => "—",
                },
                attended: crate::i18n::t_args(
                    ctx.lang,
                    "grp-attended",
                    &[
                        ("n", m.attended.into()),
                        ("of", m.sessions.into()),
                        ("missed", m.missed.into()),
                    ],
                ),
            }
        })
        .collect();
    let g = v.group;
    Ok(LeaderPage {
        l: Layout::new(ctx),
        errors,
        notice,
        id: g.id.to_string(),
        approach: approach_label(&g.approach),
        facts: crate::i18n::t_args(
            ctx.lang,
            "grp-facts",
            &[("weeks", g.weeks.into()), ("places", g.capacity.into())],
        ),
        name: g.name,
        schedule: g.schedule,
        entry_criteria: g.entry_criteria,
        members,
        candidates,
        sessions,
        share: share_words(ctx.lang, &o),
        not_shared: o.not_shared,
        outcomes,
    })
}

fn member_page(
    ctx: &Ctx,
    v: MemberView,
    errors: Vec<FormError>,
    notice: Option<&'static str>,
) -> MemberPage {
    let tz = own_timezone(ctx);
    let g = v.group;
    MemberPage {
        l: Layout::new(ctx),
        errors,
        notice,
        id: g.id.to_string(),
        approach: approach_label(&g.approach),
        name: g.name,
        leader: g.clinician_name,
        weeks: g.weeks,
        schedule: g.schedule,
        entry_criteria: g.entry_criteria,
        offered: v.state == MemberState::Offered,
        shows_name: v.show_first_name,
        first_names: v.first_names,
        sessions: v
            .sessions
            .iter()
            .map(|s| Slot {
                when: when(s.starts_at, &tz),
                minutes: s.minutes,
                place: place_of(&s.modality, s.place.as_deref()),
                cancelled: s.cancelled_at.is_some(),
            })
            .collect(),
    }
}

fn group_id(id: &str) -> Result<Uuid, Error> {
    Uuid::parse_str(id).map_err(|_| Error::NotFound)
}

async fn page_of(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    id: Uuid,
    errors: Vec<FormError>,
    notice: Option<&'static str>,
) -> Page {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    match groups::detail(&state.app, actor, id).await? {
        GroupDetail::Leader(v) => render_status(
            status,
            leader_page(state, ctx, actor, v, errors, notice).await?,
        ),
        GroupDetail::Member(v) => render_status(status, member_page(ctx, v, errors, notice)),
    }
}

async fn show(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Path(id): Path<String>,
    Query(d): Query<Done>,
) -> Page {
    let id = group_id(&id)?;
    page_of(&state, &ctx, &actor, id, vec![], notice_of(&d)).await
}

/// After a form: back to the group with a notice, or the page again with the error.
async fn after(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    id: Uuid,
    result: Result<(), Error>,
    done: &str,
    field: &str,
) -> Page {
    match result {
        Ok(()) => to(&format!("/groups/{id}?done={done}")),
        Err(e) => {
            let error = invalid_or_conflict(e, field)?;
            page_of(state, ctx, actor, id, vec![error], None).await
        }
    }
}

fn uuid_field(f: &[(String, String)], k: &str, message: &str) -> Result<Uuid, Error> {
    Uuid::parse_str(field(f, k).trim()).map_err(|_| Error::invalid(k, message))
}

async fn add_member(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Page {
    let id = group_id(&id)?;
    let result = match uuid_field(&f, "client_id", "Choose a client from your caseload.") {
        Ok(c) => groups::add_member(&state.app, &actor, id, c)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    after(&state, &ctx, &actor, id, result, "added", "client_id").await
}

async fn schedule(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Page {
    let id = group_id(&id)?;
    let first = {
        let s = field(&f, "starts_at_local");
        chrono::NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M").ok()
    };
    let result = groups::schedule_sessions(
        &state.app,
        &actor,
        id,
        NewGroupSessions {
            first,
            minutes: number(&field(&f, "minutes")),
            weeks: number(&field(&f, "weeks")),
            modality: field(&f, "modality"),
            place: field(&f, "place"),
            allow_overlap: field(&f, "allow_overlap") == "1",
        },
    )
    .await
    .and_then(|b| match b {
        Booking::Scheduled(_) => Ok(()),
        Booking::Clashes(_) => Err(Error::invalid(
            "starts_at_local",
            "This overlaps another of your sessions or the room is taken; nothing was booked. Choose another time, or tick \"book anyway\".",
        )),
    });
    after(
        &state,
        &ctx,
        &actor,
        id,
        result,
        "scheduled",
        "starts_at_local",
    )
    .await
}

async fn attendance(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Page {
    let id = group_id(&id)?;
    let session = uuid_field(&f, "session_id", "Choose a session.");
    let client = uuid_field(&f, "client_id", "Choose a member.");
    let result = match (session, client) {
        (Ok(s), Ok(c)) => {
            groups::record_attendance(&state.app, &actor, id, s, c, &field(&f, "attendance")).await
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    after(&state, &ctx, &actor, id, result, "attendance", "attendance").await
}

async fn note(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Page {
    let id = group_id(&id)?;
    let result = match uuid_field(&f, "session_id", "Choose a session.") {
        Ok(s) => groups::write_note(&state.app, &actor, id, s, &field(&f, "text")).await,
        Err(e) => Err(e),
    };
    after(&state, &ctx, &actor, id, result, "note", "text").await
}

async fn consent(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Page {
    let id = group_id(&id)?;
    let was_offered = matches!(
        groups::detail(&state.app, &actor, id).await?,
        GroupDetail::Member(ref v) if v.state == MemberState::Offered
    );
    let show = field(&f, "show_first_name") == "yes";
    let result = groups::answer(
        &state.app,
        &actor,
        id,
        Answer::Join {
            show_first_name: show,
        },
    )
    .await;
    let done = if was_offered { "joined" } else { "saved" };
    after(&state, &ctx, &actor, id, result, done, "show_first_name").await
}

async fn decline(
    State(state): State<AppState>,
    Signed { actor, .. }: Signed,
    Path(id): Path<String>,
) -> Page {
    let id = group_id(&id)?;
    groups::answer(&state.app, &actor, id, Answer::Decline).await?;
    to("/groups")
}

async fn leave(
    State(state): State<AppState>,
    Signed { actor, .. }: Signed,
    Path(id): Path<String>,
) -> Page {
    let id = group_id(&id)?;
    groups::answer(&state.app, &actor, id, Answer::Leave).await?;
    to("/groups")
}
