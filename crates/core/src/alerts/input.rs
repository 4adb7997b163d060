//! What the rules look at: one client's data, handed in by the app, with `now` and `today`.
//!
//! Every list may come in any order; the rules sort what needs sorting (stable, so entries
//! with the same time keep the order given). Nothing is rejected and nothing panics: refusing
//! data here could silence a flag. Values out of their usual range are taken as they are
//! (the instruments validate answers on entry); sleep hours that are not a finite number
//! are ignored.

use serde::{Deserialize, Serialize};

use super::kinds::FlagKind;
use crate::outcomes::{Day, Remission, Timestamp};

/// One PHQ-9 response. `total` is `None` when it could not be scored (three or more items
/// missing): item 9 still counts for safety. `item9` is `None` when unanswered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phq9Point {
    pub at: Timestamp,
    pub total: Option<u8>,
    pub item9: Option<u8>,
}

/// The client's current episode of care.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Episode {
    /// PHQ-9 measures from this instant on belong to the episode; its first scored one is
    /// the baseline.
    pub started_at: Timestamp,
    /// The same start as a day in the client's time zone (for "no check-in for 14 days").
    pub started_on: Day,
    /// An active (open) episode, as opposed to a finished one.
    pub active: bool,
}

/// A clinician's structured risk assessment; only its judgement matters to the rules.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskAssessment {
    pub at: Timestamp,
    pub judged_high: bool,
}

/// The check-in's medication answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Medication {
    Taken,
    Missed,
    #[default]
    NotPrescribed,
}

/// The id of one of the client's own early warning signs (from their relapse-prevention plan).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WarningSignId(pub String);

/// A daily check-in by the client. Its ticked warning signs are reports by the client.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckIn {
    pub day: Day,
    /// 0–10.
    pub mood: u8,
    /// Hours slept, 0–24 in quarter hours.
    pub sleep_hours: f64,
    pub medication: Medication,
    pub warning_signs: Vec<WarningSignId>,
}

/// Who reported a warning sign.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Reporter {
    #[default]
    Client,
    /// A family member whose consent from the client covers reporting warning signs. The
    /// app passes only such reports.
    FamilyMember,
}

/// A warning sign reported outside a check-in (for example by a consented family member).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignReport {
    pub day: Day,
    pub sign: WarningSignId,
    pub reporter: Reporter,
}

/// A scheduled measure or session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Appointment {
    Measure,
    Session,
}

/// What became of a scheduled measure or session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    Attended,
    Missed,
    /// Cancelled or moved in good time: neither attended nor missed.
    Cancelled,
}

/// One scheduled measure or session. `attendance` is `None` while not yet known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scheduled {
    pub at: Timestamp,
    pub what: Appointment,
    pub attendance: Option<Attendance>,
}

/// The client's feedback on one session: four 0–10 sliders.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionFeedback {
    pub at: Timestamp,
    /// Felt heard and respected.
    pub heard: u8,
    /// Worked on what I wanted.
    pub worked_on: u8,
    /// The approach fits me.
    pub approach: u8,
    /// Overall, this session was right for me.
    pub overall: u8,
}

impl SessionFeedback {
    /// The lowest of the four answers.
    pub fn lowest_answer(&self) -> u8 {
        self.heard
            .min(self.worked_on)
            .min(self.approach)
            .min(self.overall)
    }
}

/// Everything the early-warning rules look at for one client.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClientData {
    /// The instant of evaluation.
    pub now: Timestamp,
    /// Today in the client's time zone. "The last 7 days" is `today` and the 6 days before.
    pub today: Day,
    /// Measures and feedback at or after this instant have not been evaluated before: each
    /// is evaluated, not only the latest (which always is). `None`: only the latest.
    pub new_since: Option<Timestamp>,
    /// The current episode; `None` when the client has none (then the whole PHQ-9 series is
    /// taken as one episode, and it is not active).
    pub episode: Option<Episode>,
    /// A remission reached before this episode's measures (for example in an earlier
    /// episode, now in relapse prevention). Remissions within the series are found anyway.
    pub carried_in_remission: Option<Remission>,
    /// All the client's PHQ-9 responses. Safety looks at all of them; the other measure
    /// rules only at those of the episode.
    pub phq9: Vec<Phq9Point>,
    /// The latest structured risk assessment, if any.
    pub risk_assessment: Option<RiskAssessment>,
    pub check_ins: Vec<CheckIn>,
    /// The client's own early warning signs (from the relapse-prevention plan).
    pub own_warning_signs: Vec<WarningSignId>,
    /// Warning signs reported outside check-ins.
    pub sign_reports: Vec<SignReport>,
    pub scheduled: Vec<Scheduled>,
    /// The client's session feedback, earlier ones included (for the client's own average).
    pub feedback: Vec<SessionFeedback>,
}

/// The parts of [`ClientData`] that the rules of some flag kinds read, so that the app loads
/// only those after a write that can trigger only them. The time fields (`now`, `today`,
/// `new_since`), the episode and the remission carried in are always given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    /// `phq9` and `risk_assessment`.
    pub phq9: bool,
    /// `check_ins`, `own_warning_signs` and `sign_reports`.
    pub check_ins: bool,
    pub scheduled: bool,
    pub feedback: bool,
}

impl Needs {
    /// What the rules of these kinds read (a property test holds each kind to it).
    pub fn of(kinds: &[FlagKind]) -> Needs {
        let mut n = Needs::default();
        for k in kinds {
            match k {
                FlagKind::Safety
                | FlagKind::Deterioration
                | FlagKind::Relapse
                | FlagKind::NotOnTrack => n.phq9 = true,
                FlagKind::WarningSigns => n.check_ins = true,
                FlagKind::Disengagement => {
                    n.check_ins = true;
                    n.scheduled = true;
                }
                FlagKind::Alliance => n.feedback = true,
            }
        }
        n
    }
}

impl ClientData {
    /// The same data with what `needs` leaves out emptied: what the app hands in when it
    /// loads only those parts.
    pub fn only(mut self, needs: Needs) -> ClientData {
        if !needs.phq9 {
            self.phq9.clear();
            self.risk_assessment = None;
        }
        if !needs.check_ins {
            self.check_ins.clear();
            self.own_warning_signs.clear();
            self.sign_reports.clear();
        }
        if !needs.scheduled {
            self.scheduled.clear();
        }
        if !needs.feedback {
            self.feedback.clear();
        }
        self
    }
}
