//! What the top of a client's chart says at a glance, for their care team: the latest of each
//! questionnaire with its date, the next session, where the plans stand, and the progress
//! notes still to write. Homework is not in it: it does not exist yet.

use chrono::{DateTime, Utc};
use rapport_core::measures::{Band, Instrument};
use rapport_core::sessions::Attendance;
use rapport_store::plans::documents;
use rapport_store::{goals, measures, notes, plans, sessions};
use uuid::Uuid;

use crate::access;
use crate::audit_log::Entry;
use crate::policy::{self, Action};
use crate::{Actor, App, Result};

/// The questionnaires the summary gives the latest of, in this order.
const INSTRUMENTS: [Instrument; 3] = [Instrument::Phq9, Instrument::Gad7, Instrument::Who5];

/// A questionnaire's latest answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LatestMeasure {
    pub id: Uuid,
    pub instrument: Instrument,
    pub total: i16,
    pub band: Option<Band>,
    pub taken_at: DateTime<Utc>,
}

/// A plan's version in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanState {
    pub version: i32,
    pub written_at: DateTime<Utc>,
}

/// A session whose progress note is still to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoteToWrite {
    pub session_id: Uuid,
    pub starts_at: DateTime<Utc>,
    /// A draft is saved, not signed.
    pub draft: bool,
    /// The attendance is not recorded yet.
    pub unrecorded: bool,
}

/// The chart's summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartSummary {
    /// The latest PHQ-9, GAD-7 and WHO-5 (those ever answered).
    pub latest: Vec<LatestMeasure>,
    /// The next session not cancelled: (session, start).
    pub next_session: Option<(Uuid, DateTime<Utc>)>,
    pub safety_plan: Option<PlanState>,
    pub staying_well: Option<PlanState>,
    /// Goals being worked on, and goals closed (met or not).
    pub goals_open: usize,
    pub goals_closed: usize,
    /// The reader's own sessions (those they lead) begun, not cancelled, that the client
    /// attended (or whose attendance is not recorded yet) without a signed progress note,
    /// oldest first. `None` for a reader who may not read notes.
    pub notes_to_write: Option<Vec<NoteToWrite>>,
}

/// The summary at the top of a client's chart (their care team, or triage duty).
pub async fn chart_summary(app: &App, actor: &Actor, client_id: Uuid) -> Result<ChartSummary> {
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "chart.summary.read",
    )
    .await?;
    let (ct, c) = (scope.client(), scope.conn());
    let measures = measures::series(c, client_id, None, None).await?;
    let sessions = sessions::of_client(c, scope.keys(), client_id).await?;
    let relapse = documents::current_of(&ct, "relapse").await?;
    let goals = goals::of_client(&ct).await?;
    let signed = match policy::decide(actor.role, Action::ReadNotes, scope.relation()) {
        true => Some(notes::signed_of(&ct).await?),
        false => None,
    };
    let read = Read {
        measures: &measures,
        sessions: &sessions,
        relapse: relapse.as_ref(),
        goals: &goals,
        signed,
    };
    let summary = chart_summary_from(&scope, read).await?;
    scope.finish(Entry::ok("chart.summary.read")).await?;
    Ok(summary)
}

/// What the summary is made of that the chart's other parts read too.
pub(crate) struct Read<'r> {
    /// Every measure, oldest first.
    pub measures: &'r [measures::Measure],
    /// The client's sessions with their attendance.
    pub sessions: &'r [(sessions::Session, sessions::Attendee)],
    /// The staying-well plan in force.
    pub relapse: Option<&'r documents::PlanVersion>,
    pub goals: &'r [goals::Goal],
    /// Each progress note's session and when it was signed; `None` for a reader who may not
    /// read notes.
    pub signed: Option<Vec<(Uuid, Option<DateTime<Utc>>)>>,
}

/// [`chart_summary`] in a scope the caller opened (and records), from what was read.
pub(crate) async fn chart_summary_from(
    scope: &access::ReadScope<'_>,
    read: Read<'_>,
) -> Result<ChartSummary> {
    let (ct, actor) = (scope.client(), scope.actor());
    let now = scope.app().now();

    let mut latest = vec![];
    for instrument in INSTRUMENTS {
        // The series is oldest first: the last one taken is the latest.
        let last = read
            .measures
            .iter()
            .rev()
            .find(|m| m.instrument == instrument.as_str());
        if let Some(m) = last {
            latest.push(LatestMeasure {
                id: m.id,
                instrument,
                total: m.total,
                band: m.band.as_deref().and_then(Band::parse),
                taken_at: m.taken_at,
            });
        }
    }

    let all = read.sessions;
    let next_session = all
        .iter()
        .find(|(s, _)| s.starts_at > now && s.cancelled_at.is_none())
        .map(|(s, _)| (s.id, s.starts_at));
    let notes_to_write = read.signed.map(|states| {
        all.iter()
            .filter(|(s, a)| {
                s.clinician_id == actor.user_id
                    && s.starts_at <= now
                    && s.cancelled_at.is_none()
                    && a.attendance
                        .as_deref()
                        .is_none_or(|w| w == Attendance::Attended.as_str())
            })
            .filter_map(|(s, a)| {
                let state = states.iter().find(|(session, _)| *session == s.id);
                match state {
                    Some((_, Some(_))) => None,
                    _ => Some(NoteToWrite {
                        session_id: s.id,
                        starts_at: s.starts_at,
                        draft: state.is_some(),
                        unrecorded: a.attendance.is_none(),
                    }),
                }
            })
            .collect()
    });

    let safety_plan = plans::current_of(&ct).await?.map(|p| PlanState {
        version: p.version,
        written_at: p.created_at,
    });
    let staying_well = read.relapse.map(|p| PlanState {
        version: p.version,
        written_at: p.created_at,
    });
    let goals = read.goals;
    let goals_open = goals.iter().filter(|g| g.status == "active").count();
    Ok(ChartSummary {
        latest,
        next_session,
        safety_plan,
        staying_well,
        goals_open,
        goals_closed: goals.len() - goals_open,
        notes_to_write,
    })
}
