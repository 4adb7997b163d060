//! What a timeline line says, as values: the pages write it in the reader's language; the
//! English sentence ([`Event::english`]) is the line's `text`.

use rapport_core::episodes::EpisodeState;
use rapport_core::measures::{Band, Instrument};
use rapport_core::sessions::{Attendance, SessionKind};

/// What became of a session, as the timeline says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionOutcome {
    Scheduled,
    Cancelled,
    Attendance(Attendance),
    /// It has happened and nobody recorded whether the client came.
    Unrecorded,
}

impl SessionOutcome {
    /// A stable word for the outcome (`scheduled`, `cancelled`, `attended`, `late_cancelled`,
    /// `no_show`, `unrecorded`).
    pub fn as_str(self) -> &'static str {
        match self {
            SessionOutcome::Scheduled => "scheduled",
            SessionOutcome::Cancelled => "cancelled",
            SessionOutcome::Attendance(a) => a.as_str(),
            SessionOutcome::Unrecorded => "unrecorded",
        }
    }

    fn english(self) -> String {
        match self {
            SessionOutcome::Scheduled => "scheduled".into(),
            SessionOutcome::Cancelled => "cancelled".into(),
            SessionOutcome::Attendance(a) => a.label().to_lowercase(),
            SessionOutcome::Unrecorded => "attendance not recorded".into(),
        }
    }
}

/// What happened, with its values. Words a person wrote (names, a goal's title) are theirs;
/// a stored word the app does not know (an old kind, say) is kept as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Measure {
        instrument: Result<Instrument, String>,
        total: i16,
        band: Option<Band>,
    },
    AlertOpened {
        /// The stored kind (`not_on_track`).
        kind: String,
        /// The stored level (`high`).
        level: String,
        /// The rule's explanation, as stored (English).
        explanation: String,
    },
    AlertAcknowledged {
        kind: String,
        by: String,
    },
    AlertResolved {
        kind: String,
        by: String,
    },
    Session {
        kind: Result<SessionKind, String>,
        minutes: i16,
        outcome: SessionOutcome,
    },
    SessionMoved {
        by: String,
    },
    SessionCancelled {
        by: String,
    },
    MoveRequested,
    Feedback {
        overall: i16,
        lowest: i16,
    },
    NoteSigned {
        by: String,
    },
    NoteAmended {
        by: String,
    },
    TreatmentPlan {
        version: i32,
        by: String,
    },
    TreatmentPlanAgreed {
        version: i32,
    },
    StayingWell {
        version: i32,
    },
    GoalSet {
        title: String,
    },
    GoalProgress {
        rating: u8,
        title: String,
    },
    Episode {
        to: Result<EpisodeState, String>,
        by: String,
    },
    IntakeSent,
}

impl Event {
    /// The line in English.
    pub fn english(&self) -> String {
        match self {
            Event::Measure {
                instrument,
                total,
                band,
            } => {
                let label = match instrument {
                    Ok(i) => i.label(),
                    Err(word) => word.as_str(),
                };
                let band = band
                    .map(|b| format!(" ({})", b.label().to_lowercase()))
                    .unwrap_or_default();
                format!("{label} {total}{band}")
            }
            Event::AlertOpened {
                kind,
                level,
                explanation,
            } => format!("Alert ({level}): {}. {explanation}", kind.replace('_', " ")),
            Event::AlertAcknowledged { kind, by } => {
                format!("Alert acknowledged ({}) by {by}", kind.replace('_', " "))
            }
            Event::AlertResolved { kind, by } => {
                format!("Alert resolved ({}) by {by}", kind.replace('_', " "))
            }
            Event::Session {
                kind,
                minutes,
                outcome,
            } => {
                let kind = match kind {
                    Ok(k) => k.label().to_lowercase(),
                    Err(word) => word.clone(),
                };
                format!("Session ({kind}, {minutes} min): {}", outcome.english())
            }
            Event::SessionMoved { by } => format!("Session moved by {by}"),
            Event::SessionCancelled { by } => format!("Session cancelled by {by}"),
            Event::MoveRequested => "The client asked to move a session".into(),
            Event::Feedback { overall, lowest } => {
                format!("Session feedback: overall {overall} of 10 (lowest answer {lowest})")
            }
            Event::NoteSigned { by } => format!("Progress note signed by {by}"),
            Event::NoteAmended { by } => format!("Note amended by {by}"),
            Event::TreatmentPlan { version, by } => {
                format!("Treatment plan version {version} by {by}")
            }
            Event::TreatmentPlanAgreed { version } => {
                format!("The client agreed to treatment plan version {version}")
            }
            Event::StayingWell { version } => format!("Plan for staying well, version {version}"),
            Event::GoalSet { title } => format!("Goal set: {title}"),
            Event::GoalProgress { rating, title } => {
                format!("Goal progress {rating} of 10: {title}")
            }
            Event::Episode { to, by } => {
                let to = match to {
                    Ok(s) => s.label().to_lowercase(),
                    Err(word) => word.clone(),
                };
                format!("Episode: {to} ({by})")
            }
            Event::IntakeSent => "Intake sent".into(),
        }
    }
}
