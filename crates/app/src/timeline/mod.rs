//! The client's chart as one timeline, newest first: questionnaires, flags and their handling,
//! sessions and attendance, signed notes, treatment-plan versions, goals, episode changes and
//! the intake. Daily check-ins are left to the charts above it (a line a day would drown the
//! rest). Free text stays out of it: each line says what happened and links to where it is.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rapport_core::measures::{Band, Instrument};
use rapport_store::accounts::users;
use rapport_store::crypto::Keyring;
use rapport_store::plans::documents;
use rapport_store::{ConnectionTrait, alerts, episodes, goals, intakes, measures, notes, sessions};
use uuid::Uuid;

mod summary;

pub use summary::{ChartSummary, LatestMeasure, NoteToWrite, PlanState, chart_summary};

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
    let ct = scope.client();
    let c = scope.conn();
    let keys = scope.keys();
    let mut names = Names {
        c,
        keys,
        known: HashMap::new(),
    };
    let mut out = vec![];
    let record = format!("/clients/{client_id}");

    for m in measures::series(c, client_id, None, None).await? {
        let label = Instrument::parse(&m.instrument)
            .map_or(m.instrument.clone(), |i| i.label().to_string());
        let band = m
            .band
            .as_deref()
            .and_then(Band::parse)
            .map(|b| format!(" ({})", b.label().to_lowercase()))
            .unwrap_or_default();
        out.push(Line {
            at: m.taken_at,
            topic: Topic::Measure,
            text: format!("{label} {}{band}", m.total),
            link: Some(format!("/results/{}", m.id)),
        });
    }

    for f in alerts::all_of(c, client_id).await? {
        let what = f.kind.replace('_', " ");
        out.push(Line {
            at: f.opened_at,
            topic: Topic::Flag,
            text: format!("Alert ({}): {what}. {}", f.level, f.explanation),
            link: Some(format!("{record}#alerts")),
        });
        if let (Some(at), Some(by)) = (f.acknowledged_at, f.acknowledged_by) {
            out.push(Line {
                at,
                topic: Topic::Flag,
                text: format!("Alert acknowledged ({what}) by {}", names.of(by).await?),
                link: None,
            });
        }
        if let (Some(at), Some(by)) = (f.resolved_at, f.resolved_by) {
            out.push(Line {
                at,
                topic: Topic::Flag,
                text: format!("Alert resolved ({what}) by {}", names.of(by).await?),
                link: None,
            });
        }
    }

    let list = sessions::of_client(c, keys, client_id).await?;
    let ids: Vec<Uuid> = list.iter().map(|(s, _)| s.id).collect();
    for (s, a) in &list {
        let outcome = match (&s.cancelled_at, a.attendance.as_deref()) {
            (Some(_), _) => "cancelled".to_string(),
            (None, Some(word)) => rapport_core::sessions::Attendance::parse(word)
                .map_or(word.to_string(), |w| w.label().to_lowercase()),
            (None, None) if s.starts_at > app.now() => "scheduled".to_string(),
            (None, None) => "attendance not recorded".to_string(),
        };
        let kind = rapport_core::sessions::SessionKind::parse(&s.kind)
            .map_or(s.kind.clone(), |k| k.label().to_lowercase());
        out.push(Line {
            at: s.starts_at,
            topic: Topic::Session,
            text: format!("Session ({kind}, {} min): {outcome}", s.minutes),
            link: Some(format!("/sessions/{}", s.id)),
        });
    }
    for ch in sessions::changes_of(c, keys, &ids).await? {
        // Another member's request (in a group) is theirs, not this client's.
        if ch.kind == "reschedule_requested" && ch.by != client_id {
            continue;
        }
        let text = match ch.kind.as_str() {
            "rescheduled" => format!("Session moved by {}", names.of(ch.by).await?),
            "cancelled" => format!("Session cancelled by {}", names.of(ch.by).await?),
            _ => "The client asked to move a session".to_string(),
        };
        out.push(Line {
            at: ch.at,
            topic: Topic::Session,
            text,
            link: Some(format!("/sessions/{}", ch.session_id)),
        });
    }
    for fb in sessions::feedback_of(c, keys, client_id).await? {
        out.push(Line {
            at: fb.at,
            topic: Topic::Session,
            text: format!(
                "Session feedback: overall {} of 10 (lowest answer {})",
                fb.overall,
                fb.heard.min(fb.worked_on).min(fb.approach).min(fb.overall)
            ),
            link: None,
        });
    }

    if policy::decide(actor.role, Action::ReadNotes, scope.relation()) {
        for n in notes::of_client(&ct).await? {
            let link = Some(format!("/sessions/{}/notes/{client_id}", n.session_id));
            if let Some(at) = n.signed_at {
                out.push(Line {
                    at,
                    topic: Topic::Note,
                    text: format!("Progress note signed by {}", names.of(n.author_id).await?),
                    link: link.clone(),
                });
            }
            for a in &n.amendments {
                out.push(Line {
                    at: a.at,
                    topic: Topic::Note,
                    text: format!("Note amended by {}", names.of(a.by).await?),
                    link: link.clone(),
                });
            }
        }
    }

    for v in documents::versions_of(&ct, "treatment").await? {
        out.push(Line {
            at: v.created_at,
            topic: Topic::Plan,
            text: format!(
                "Treatment plan version {} by {}",
                v.version,
                names.of(v.written_by).await?
            ),
            link: Some(format!("{record}/treatment-plan")),
        });
        if let Some(at) = v.agreed_at {
            out.push(Line {
                at,
                topic: Topic::Plan,
                text: format!("The client agreed to treatment plan version {}", v.version),
                link: None,
            });
        }
    }
    for v in documents::versions_of(&ct, "relapse").await? {
        out.push(Line {
            at: v.created_at,
            topic: Topic::Plan,
            text: format!("Plan for staying well, version {}", v.version),
            link: Some(format!("{record}/staying-well")),
        });
    }

    for g in goals::of_client(&ct).await? {
        out.push(Line {
            at: g.created_at,
            topic: Topic::Goal,
            text: format!("Goal set: {}", g.title),
            link: Some(format!("{record}/goals")),
        });
        for p in &g.progress {
            out.push(Line {
                at: p.at,
                topic: Topic::Goal,
                text: format!("Goal progress {} of 10: {}", p.rating, g.title),
                link: None,
            });
        }
    }

    for (_, events) in episodes::history(&ct).await? {
        for e in events {
            let to = rapport_core::episodes::EpisodeState::parse(&e.to_state)
                .map_or(e.to_state.clone(), |s| s.label().to_lowercase());
            out.push(Line {
                at: e.at,
                topic: Topic::Episode,
                text: format!("Episode: {to} ({})", names.of(e.by).await?),
                link: None,
            });
        }
    }

    if let Some(at) = intakes::latest(&ct).await?.and_then(|i| i.submitted_at) {
        out.push(Line {
            at,
            topic: Topic::Intake,
            text: "Intake sent".into(),
            link: Some(format!("{record}#intake")),
        });
    }

    out.sort_by_key(|l| std::cmp::Reverse(l.at));
    scope.finish(Entry::ok("timeline.read")).await?;
    Ok(out)
}
