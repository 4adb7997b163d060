//! The client's chart as one timeline, newest first: questionnaires, flags and their handling,
//! sessions and attendance, signed notes, treatment-plan versions, goals, episode changes and
//! the intake. Daily check-ins are left to the charts above it (a line a day would drown the
//! rest). Free text stays out of it: each line says what happened and links to where it is.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rapport_core::episodes::EpisodeState;
use rapport_core::measures::{Band, Instrument};
use rapport_core::sessions::{Attendance, SessionKind};
use rapport_store::accounts::users;
use rapport_store::crypto::Keyring;
use rapport_store::plans::documents;
use rapport_store::{ConnectionTrait, alerts, episodes, goals, intakes, measures, notes, sessions};
use uuid::Uuid;

mod event;
mod summary;

pub use event::{Event, SessionOutcome};
pub use summary::{ChartSummary, LatestMeasure, NoteToWrite, PlanState, chart_summary};
pub(crate) use summary::{Read as SummaryRead, chart_summary_from};

use crate::access;
use crate::audit_log::Entry;
use crate::policy::{self, Action};
use crate::{Actor, App, Result};

/// What a line is about (the page groups and marks them by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    Measure,
    Flag,
    Session,
    Note,
    Plan,
    Goal,
    Episode,
    Intake,
}

impl Topic {
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Measure => "measure",
            Topic::Flag => "flag",
            Topic::Session => "session",
            Topic::Note => "note",
            Topic::Plan => "plan",
            Topic::Goal => "goal",
            Topic::Episode => "episode",
            Topic::Intake => "intake",
        }
    }
}

/// One line of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub at: DateTime<Utc>,
    pub topic: Topic,
    /// What happened, for a page to write in its language.
    pub event: Event,
    /// The line in English.
    pub text: String,
    /// Where the detail is, on this server.
    pub link: Option<String>,
}

/// Names of the people who did things, looked up once each.
struct Names<'a, C> {
    c: &'a C,
    keys: &'a Keyring,
    known: HashMap<Uuid, String>,
}

impl<C: ConnectionTrait> Names<'_, C> {
    async fn of(&mut self, id: Uuid) -> Result<String> {
        if let Some(n) = self.known.get(&id) {
            return Ok(n.clone());
        }
        let name = users::find(self.c, self.keys, id)
            .await?
            .map(|u| u.name)
            .unwrap_or_default();
        self.known.insert(id, name.clone());
        Ok(name)
    }
}

/// The client's timeline, newest first (their care team; progress notes only for those who
/// may read notes).
pub async fn timeline(app: &App, actor: &Actor, client_id: Uuid) -> Result<Vec<Line>> {
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "timeline.read",
    )
    .await?;
    let out = timeline_in(&scope).await?;
    scope.finish(Entry::ok("timeline.read")).await?;
    Ok(out)
}

/// [`timeline`] in a scope the caller opened (and records).
pub(crate) async fn timeline_in(scope: &access::ReadScope<'_>) -> Result<Vec<Line>> {
    timeline_from(scope, &sources(scope).await?).await
}

/// What the timeline is made of, as stored: most of a chart's other parts are made of the same
/// rows, so the chart reads them once (`crate::chart`).
pub(crate) struct Sources {
    /// Every measure, oldest first.
    pub measures: Vec<measures::Measure>,
    /// Every flag, newest first.
    pub flags: Vec<alerts::Flag>,
    /// The client's sessions with their own attendance, oldest first.
    pub sessions: Vec<(sessions::Session, sessions::Attendee)>,
    /// Every change to those sessions.
    pub changes: Vec<sessions::Change>,
    /// Their feedback, oldest first.
    pub feedback: Vec<sessions::Feedback>,
    /// Their progress notes, when the reader may read notes.
    pub notes: Option<Vec<notes::ProgressNote>>,
    /// The versions of the treatment plan and of the staying-well plan, newest first.
    pub treatment: Vec<documents::PlanVersion>,
    pub relapse: Vec<documents::PlanVersion>,
    /// Their goals with their progress, oldest first.
    pub goals: Vec<goals::Goal>,
    /// Their episodes with their events, as `episodes::history` gives them.
    pub episodes: Vec<(episodes::Episode, Vec<episodes::EpisodeEvent>)>,
    /// When their latest intake was sent.
    pub intake_sent: Option<DateTime<Utc>>,
}

/// Reads the [`Sources`] in the scope.
pub(crate) async fn sources(scope: &access::ReadScope<'_>) -> Result<Sources> {
    let (ct, c, keys, client_id) = (
        scope.client(),
        scope.conn(),
        scope.keys(),
        scope.client_id(),
    );
    let sessions = sessions::of_client(c, keys, client_id).await?;
    let ids: Vec<Uuid> = sessions.iter().map(|(s, _)| s.id).collect();
    let may_read_notes = policy::decide(scope.actor().role, Action::ReadNotes, scope.relation());
    Ok(Sources {
        measures: measures::series(c, client_id, None, None).await?,
        flags: alerts::all_of(c, client_id).await?,
        changes: sessions::changes_of(c, keys, &ids).await?,
        sessions,
        feedback: sessions::feedback_of(c, keys, client_id).await?,
        notes: match may_read_notes {
            true => Some(notes::of_client(&ct).await?),
            false => None,
        },
        treatment: documents::versions_of(&ct, "treatment").await?,
        relapse: documents::versions_of(&ct, "relapse").await?,
        goals: goals::of_client(&ct).await?,
        episodes: episodes::history(&ct).await?,
        intake_sent: intakes::latest(&ct).await?.and_then(|i| i.submitted_at),
    })
}

/// The timeline, newest first, from its [`Sources`] (the names of those who did things read
/// in the scope).
pub(crate) async fn timeline_from(scope: &access::ReadScope<'_>, s: &Sources) -> Result<Vec<Line>> {
    let (c, keys) = (scope.conn(), scope.keys());
    let (app, client_id) = (scope.app(), scope.client_id());
    let mut names = Names {
        c,
        keys,
        known: HashMap::new(),
    };
    let mut out: Vec<Line> = vec![];
    let mut push = |at, topic, event: Event, link| {
        out.push(Line {
            at,
            topic,
            text: event.english(),
            event,
            link,
        })
    };
    let record = format!("/clients/{client_id}");

    for m in &s.measures {
        push(
            m.taken_at,
            Topic::Measure,
            Event::Measure {
                instrument: Instrument::parse(&m.instrument).ok_or(m.instrument.clone()),
                total: m.total,
                band: m.band.as_deref().and_then(Band::parse),
            },
            Some(format!("/results/{}", m.id)),
        );
    }

    for f in &s.flags {
        push(
            f.opened_at,
            Topic::Flag,
            Event::AlertOpened {
                kind: f.kind.clone(),
                level: f.level.clone(),
                explanation: f.explanation.clone(),
            },
            Some(format!("{record}#alerts")),
        );
        if let (Some(at), Some(by)) = (f.acknowledged_at, f.acknowledged_by) {
            let by = names.of(by).await?;
            let kind = f.kind.clone();
            push(at, Topic::Flag, Event::AlertAcknowledged { kind, by }, None);
        }
        if let (Some(at), Some(by)) = (f.resolved_at, f.resolved_by) {
            let by = names.of(by).await?;
            let kind = f.kind.clone();
            push(at, Topic::Flag, Event::AlertResolved { kind, by }, None);
        }
    }

    for (session, a) in &s.sessions {
        let outcome = match (&session.cancelled_at, a.attendance.as_deref()) {
            (Some(_), _) => SessionOutcome::Cancelled,
            (None, Some(word)) => Attendance::parse(word).map_or(SessionOutcome::Unrecorded, |w| {
                SessionOutcome::Attendance(w)
            }),
            (None, None) if session.starts_at > app.now() => SessionOutcome::Scheduled,
            (None, None) => SessionOutcome::Unrecorded,
        };
        push(
            session.starts_at,
            Topic::Session,
            Event::Session {
                kind: SessionKind::parse(&session.kind).ok_or(session.kind.clone()),
                minutes: session.minutes,
                outcome,
            },
            Some(format!("/sessions/{}", session.id)),
        );
    }
    for ch in &s.changes {
        // Another member's request (in a group) is theirs, not this client's.
        if ch.kind == "reschedule_requested" && ch.by != client_id {
            continue;
        }
        let event = match ch.kind.as_str() {
            "rescheduled" => Event::SessionMoved {
                by: names.of(ch.by).await?,
            },
            "cancelled" => Event::SessionCancelled {
                by: names.of(ch.by).await?,
            },
            _ => Event::MoveRequested,
        };
        push(
            ch.at,
            Topic::Session,
            event,
            Some(format!("/sessions/{}", ch.session_id)),
        );
    }
    for fb in &s.feedback {
        let lowest = fb.heard.min(fb.worked_on).min(fb.approach).min(fb.overall);
        let event = Event::Feedback {
            overall: fb.overall,
            lowest,
        };
        push(fb.at, Topic::Session, event, None);
    }

    if let Some(notes) = &s.notes {
        for n in notes {
            let link = Some(format!("/sessions/{}/notes/{client_id}", n.session_id));
            if let Some(at) = n.signed_at {
                let by = names.of(n.author_id).await?;
                push(at, Topic::Note, Event::NoteSigned { by }, link.clone());
            }
            for a in &n.amendments {
                let by = names.of(a.by).await?;
                push(a.at, Topic::Note, Event::NoteAmended { by }, link.clone());
            }
        }
    }

    for v in &s.treatment {
        let event = Event::TreatmentPlan {
            version: v.version,
            by: names.of(v.written_by).await?,
        };
        let link = Some(format!("{record}/treatment-plan"));
        push(v.created_at, Topic::Plan, event, link);
        if let Some(at) = v.agreed_at {
            let event = Event::TreatmentPlanAgreed { version: v.version };
            push(at, Topic::Plan, event, None);
        }
    }
    for v in &s.relapse {
        let event = Event::StayingWell { version: v.version };
        let link = Some(format!("{record}/staying-well"));
        push(v.created_at, Topic::Plan, event, link);
    }

    for g in &s.goals {
        let title = g.title.clone();
        let link = Some(format!("{record}/goals"));
        push(g.created_at, Topic::Goal, Event::GoalSet { title }, link);
        for p in &g.progress {
            let event = Event::GoalProgress {
                rating: p.rating,
                title: g.title.clone(),
            };
            push(p.at, Topic::Goal, event, None);
        }
    }

    for (_, events) in &s.episodes {
        for e in events {
            let event = Event::Episode {
                to: EpisodeState::parse(&e.to_state).ok_or(e.to_state.clone()),
                by: names.of(e.by).await?,
            };
            push(e.at, Topic::Episode, event, None);
        }
    }

    if let Some(at) = s.intake_sent {
        let link = Some(format!("{record}#intake"));
        push(at, Topic::Intake, Event::IntakeSent, link);
    }

    out.sort_by_key(|l| std::cmp::Reverse(l.at));
    Ok(out)
}
