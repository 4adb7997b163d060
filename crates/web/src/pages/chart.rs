//! A clinician's chart of one client (`/clients/{id}`): a summary at the top (latest measures
//! with their dates, open alerts, next session, plans, goals, notes to write) and a list of
//! jumps to the sections below it — alerts with their handling, sessions, the notes still to
//! write, charts, the record's timeline, session feedback, who the client is; and how often
//! the client is asked for each measure. Every time on it is on the reader's clock.

use askama::Template;
use axum::extract::{Query, State};
use axum::routing::{get, post};
use axum::{Form, Router};
use rapport_app::chart::{ClientChart, client_chart};
use rapport_app::time::Zone;
use rapport_app::timeline::ChartSummary;
use rapport_app::{Actor, Error, care_teams};
use rapport_core::accounts::Credential;
use uuid::Uuid;

use super::alerts::{AlertCard, cards};
use super::homework::chart::Typed as HomeworkTyped;
use super::measures::progress::{ProgressView, progress_from};
use super::templates::{FormError, Layout, TeamRow};
use super::time::zone;
use super::{Page, render, to};
use crate::extract::{ClientId, Ctx, Signed};
use crate::i18n::{self, Arg, Lang};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/clients/{id}", get(chart))
        .route("/clients/{id}/schedule", post(schedule))
}

#[derive(Template)]
#[template(path = "client_record.html")]
pub struct ClientRecordPage {
    pub l: Layout,
    pub client_id: String,
    pub name: String,
    pub email: String,
    pub timezone: String,
    pub since: String,
    pub emergency_contact: Option<String>,
    pub team: Vec<TeamRow>,
    pub p: ProgressView,
    pub alerts: Vec<AlertCard>,
    pub back: String,
    /// (what, label, every n days)
    pub schedule: Vec<(String, &'static str, i32)>,
    pub notice: Option<&'static str>,
    /// (slug, title) of the library's pages, to recommend one.
    pub library: Vec<(&'static str, String)>,
    /// Episodes, newest first: (state, started, lines of (when, who, "from → to", why)); who
    /// and why are people's words.
    pub episodes: Vec<(&'static str, String, Vec<EpisodeLine>)>,
    /// The current episode's state word, if one is open.
    pub episode_state: Option<&'static str>,
    /// The intake of the current episode: (question, answer) for each answer given.
    pub intake: Vec<(String, String)>,
    /// Whether the intake was sent, or how far it is.
    pub intake_status: &'static str,
    /// The treatment plan in force, in a line.
    pub plan_line: Option<String>,
    /// The client's sessions, newest first.
    pub sessions: Vec<super::sessions::ChartSession>,
    /// Session feedback, newest first: (date, heard, worked on, approach, overall, comment).
    pub feedback: Vec<(String, i16, i16, i16, i16, String)>,
    pub timeline: Vec<TimelineRow>,
    /// How many lines the whole timeline has.
    pub timeline_total: usize,
    pub summary: SummaryView,
    /// The reader's own sessions still without a signed progress note, oldest first; `None`
    /// for a reader who may not read notes.
    pub notes_to_write: Option<Vec<NoteRow>>,
    pub homework: super::homework::chart::Section,
    /// Family members' observations, newest first, hidden ones included.
    pub observations: Vec<super::observations::ObservationRow>,
    pub medication: super::medication::ChartSection,
}

/// The top of the chart, at a glance.
pub struct SummaryView {
    /// The latest of each questionnaire: (result page, "PHQ-9 12", band, date).
    pub latest: Vec<(String, String, Option<&'static str>, String)>,
    /// (session page, when).
    pub next_session: Option<(String, String)>,
    /// "version 2, 3 Nov 2026".
    pub safety_plan: Option<String>,
    pub staying_well: Option<String>,
    pub goals_open: usize,
    pub goals_closed: usize,
}

/// A change of an episode: (when, who, "from → to" in the reader's language, why).
pub type EpisodeLine = (String, String, String, Option<String>);

/// A session whose progress note is still to write.
pub struct NoteRow {
    pub href: String,
    pub when: String,
    /// "draft saved, not signed" or "not started".
    pub state: &'static str,
    pub unrecorded: bool,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct Done {
    pub done: Option<String>,
    /// `all` shows the whole timeline, not only its newest lines.
    pub timeline: Option<String>,
}

/// Lines of the timeline shown before "show all".
const TIMELINE_LINES: usize = 60;

fn summary_view(s: &ChartSummary, client_id: Uuid, zone: Zone, lang: Lang) -> SummaryView {
    let version = |v: &rapport_app::timeline::PlanState| {
        i18n::t_args(
            lang,
            "cl-chart-version",
            &[
                ("version", Arg::Num(i64::from(v.version))),
                (
                    "date",
                    Arg::Owned(i18n::local_date(lang, &zone.date(v.written_at))),
                ),
            ],
        )
    };
    SummaryView {
        latest: s
            .latest
            .iter()
            .map(|m| {
                (
                    format!("/results/{}", m.id),
                    format!("{} {}", m.instrument.label(), m.total),
                    m.band.map(|b| b.label()),
                    zone.date(m.taken_at),
                )
            })
            .collect(),
        next_session: s.next_session.map(|(sid, at)| {
            (
                format!("/sessions/{sid}?client={client_id}"),
                zone.day_time(at),
            )
        }),
        safety_plan: s.safety_plan.as_ref().map(version),
        staying_well: s.staying_well.as_ref().map(version),
        goals_open: s.goals_open,
        goals_closed: s.goals_closed,
    }
}

/// The care team on the reader's clock.
pub(super) fn team_rows(team: Vec<care_teams::TeamMember>, zone: Zone) -> Vec<TeamRow> {
    team.into_iter()
        .map(|m| TeamRow {
            name: m.name,
            credential: m.credential.map(Credential::label),
            role: m.role.label(),
            since: zone.date(m.since),
        })
        .collect()
}

/// One line of the chart's timeline.
pub struct TimelineRow {
    pub when: String,
    pub topic: &'static str,
    /// The topic's message (`cl-topic-…`).
    pub topic_key: String,
    /// The line, as HTML (people's names in it are marked `translate="no"`).
    pub text: askama::filters::Safe<String>,
    pub link: Option<String>,
}

async fn chart(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    ClientId(id): ClientId,
    Query(q): Query<Done>,
) -> Page {
    if let Some(o) = rapport_app::emergency_access::my_opening(&state.app, &actor, id).await? {
        return super::emergency_access::record(&state, &ctx, &actor, id, o).await;
    }
    let page = record_page(&state, &ctx, &actor, id, &q, Default::default()).await?;
    render(page)
}

/// The chart, with the homework section's form as typed and its errors (sent back).
pub async fn record_page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    id: Uuid,
    q: &Done,
    (typed, errors): (HomeworkTyped, Vec<FormError>),
) -> Result<ClientRecordPage, Error> {
    let zone = zone(ctx);
    let ClientChart {
        record: r,
        flags,
        summary,
        series,
        checkins,
        homework,
        schedule,
        episodes: history,
        intake,
        plans: plan,
        sessions,
        feedback,
        timeline: lines,
        observations,
        medications,
        adherence,
    } = client_chart(&state.app, actor, id).await?;
    let p = progress_from(state, &series, &checkins, &homework, &flags, zone, ctx.lang).await?;
    let sessions = super::sessions::chart_sessions(&sessions, id, zone, state.app.now(), ctx.lang);
    let medication = super::medication::chart_section(ctx.lang, &medications, &adherence);
    let feedback = feedback
        .into_iter()
        .rev()
        .map(|f| {
            (
                zone.date(f.at),
                f.heard,
                f.worked_on,
                f.approach,
                f.overall,
                f.comment.unwrap_or_default(),
            )
        })
        .collect();
    let timeline_total = lines.len();
    let shown = if q.timeline.as_deref() == Some("all") {
        timeline_total
    } else {
        TIMELINE_LINES
    };
    let timeline = lines
        .into_iter()
        .take(shown)
        .map(|l| TimelineRow {
            when: zone.date_time(l.at),
            topic: l.topic.as_str(),
            topic_key: format!("cl-topic-{}", l.topic.as_str()),
            text: super::timeline::line(ctx.lang, &l.event),
            link: l.link,
        })
        .collect();
    let unresolved = flags
        .into_iter()
        .filter(|f| f.status.unresolved())
        .collect();
    Ok(ClientRecordPage {
        l: Layout::new(ctx),
        homework: super::homework::chart::section(
            &r.name,
            &homework,
            zone,
            ctx.lang,
            (typed, errors),
        ),
        observations: super::observations::rows(observations, ctx),
        medication,
        client_id: id.to_string(),
        name: r.name,
        email: r.email,
        timezone: r.timezone,
        since: zone.date(r.member_since),
        emergency_contact: r.emergency_contact,
        team: team_rows(r.team, zone),
        p,
        alerts: cards(unresolved, zone, ctx.lang),
        notes_to_write: summary.notes_to_write.as_ref().map(|due| {
            due.iter()
                .map(|n| NoteRow {
                    href: format!("/sessions/{}/notes/{id}", n.session_id),
                    when: zone.day_time(n.starts_at),
                    state: if n.draft {
                        "draft saved, not signed"
                    } else {
                        "not started"
                    },
                    unrecorded: n.unrecorded,
                })
                .collect()
        }),
        summary: summary_view(&summary, id, zone, ctx.lang),
        back: format!("/clients/{id}"),
        schedule,
        episode_state: history
            .first()
            .map(|(state, _, _)| *state)
            .filter(|s| *s != rapport_core::episodes::EpisodeState::Closed)
            .map(|s| s.as_str()),
        episodes: history
            .into_iter()
            .map(|(state, started, lines)| {
                let lines = lines
                    .into_iter()
                    .map(|l| {
                        let word = |s: Option<rapport_core::episodes::EpisodeState>| {
                            i18n::t(
                                ctx.lang,
                                &format!(
                                    "cl-episode-label-{}",
                                    s.map_or("unknown", |s| s.as_str())
                                ),
                            )
                        };
                        let change = match l.from {
                            Some(from) => format!("{} → {}", word(Some(from)), word(l.to)),
                            None => i18n::t_args(
                                ctx.lang,
                                "cl-chart-episode-started",
                                &[("state", Arg::Owned(word(l.to)))],
                            ),
                        };
                        (
                            i18n::local_date(ctx.lang, &zone.date(l.at)),
                            l.by,
                            change,
                            l.reason,
                        )
                    })
                    .collect();
                (state.label(), zone.date(started), lines)
            })
            .collect(),
        intake_status: match (intake.submitted_at, intake.updated_at) {
            (Some(_), _) => "sent",
            (None, Some(_)) => "being written (a draft)",
            (None, None) => "not started",
        },
        intake: super::intake::summary(&intake, zone, ctx.lang),
        sessions,
        feedback,
        timeline,
        timeline_total,
        plan_line: plan.first().map(|v| {
            let agreed = match v.agreed_at {
                Some(at) => i18n::t_args(
                    ctx.lang,
                    "cl-chart-plan-agreed",
                    &[(
                        "date",
                        Arg::Owned(i18n::local_date(ctx.lang, &zone.date(at))),
                    )],
                ),
                None => i18n::t(ctx.lang, "cl-chart-plan-not-agreed"),
            };
            i18n::t_args(
                ctx.lang,
                "cl-chart-plan-line",
                &[
                    (
                        "approach",
                        Arg::Owned(i18n::error_message(ctx.lang, v.plan.approach.label())),
                    ),
                    (
                        "frequency",
                        Arg::Owned(
                            i18n::error_message(ctx.lang, v.plan.frequency.label()).to_lowercase(),
                        ),
                    ),
                    ("n", Arg::Num(i64::from(v.plan.expected_sessions))),
                    ("version", Arg::Num(i64::from(v.version))),
                    ("agreed", Arg::Owned(agreed)),
                ],
            )
        }),
        library: rapport_core::learning::PAGES
            .iter()
            .map(|p| (p.slug, i18n::t(ctx.lang, &format!("learn-{}", p.slug))))
            .collect(),
        notice: match q.done.as_deref() {
            Some("schedule") => Some("Schedule saved."),
            Some("risk") => Some("Risk assessment saved."),
            Some("episode") => Some("The episode is updated."),
            Some("recommended") => Some("Recommended. The client sees it on their library page."),
            Some("recommended_family") => Some(
                "Recommended for the family. Family members the client lets read pages see it.",
            ),
            Some("homework") => Some("Homework assigned. The client sees it on their home page."),
            Some("reviewed") => Some("Marked reviewed. The client sees your comment."),
            Some("hidden") => Some(
                "Hidden from the client. It stays here and still counts toward the warning-signs flag.",
            ),
            Some("hide-reason") => {
                Some("Not hidden: record the safety reason (up to 500 characters) to hide it.")
            }
            _ => None,
        },
    })
}

/// The clinician changes how often the client is asked for each measure.
async fn schedule(
    State(state): State<AppState>,
    Signed { actor, .. }: Signed,
    ClientId(id): ClientId,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    for (what, _) in rapport_app::measures::DEFAULT_SCHEDULE {
        let Some(days) = fields
            .iter()
            .find(|(k, _)| k == what)
            .and_then(|(_, v)| v.trim().parse::<i32>().ok())
        else {
            continue;
        };
        rapport_app::measures::set_schedule(&state.app, &actor, id, what, days).await?;
    }
    to(&format!("/clients/{id}?done=schedule"))
}
