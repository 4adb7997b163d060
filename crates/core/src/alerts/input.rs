//! What the rules look at: one client's data, handed in by the app, with `now` and `today`.
//!
//! Every list may come in any order; the rules sort what needs sorting (stable, so entries
//! with the same time keep the order given). Nothing is rejected and nothing panics: refusing
//! data here could silence a flag. Values out of their usual range are taken as they are
//! (the instruments validate answers on entry); sleep hours that are not a finite number
//! are ignored.

use serde::{Deserialize, Serialize};

use super::kinds::FlagKind;
use super::messages::Rule;
use super::progress::Phq9Progress;
use crate::outcomes::{Day, Remission, Timestamp};

/// One PHQ-9 response. `total` is `None` when it could not be scored (three or more items
/// missing): item 9 still counts for safety. `item9` is `None` when unanswered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phq9Point {
    pub at: Timestamp,
    pub total: Option<u8>,
    pub item9: Option<u8>,
}

/// One GAD-7 response (always scored: the GAD-7 has no proration).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gad7Point {
    pub at: Timestamp,
    pub total: u8,
}

/// Where an episode of care stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Meeting a therapist before treatment starts.
    Consultation,
    /// In treatment: every rule applies.
    #[default]
    Active,
    /// Discharged to relapse prevention: watched by its monthly PHQ-9, so "no check-in for
    /// 14 days" does not apply (CLINICAL.md "disengagement").
    Maintenance,
    /// Finished.
    Closed,
}

/// The client's current episode of care.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Episode {
    /// PHQ-9 measures from this instant on belong to the episode; its first scored one is
    /// the baseline.
    pub started_at: Timestamp,
    /// The same start as a day in the client's time zone (for "no check-in for 14 days").
    pub started_on: Day,
    pub phase: Phase,
}

/// A sustained remission the client was discharged in, from an earlier (closed) episode
/// (CLINICAL.md "Relapse": "a remission carries across a closed episode").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarriedRemission {
    pub remission: Remission,
    /// When that episode ended; the remission is carried for
    /// [`super::CARRIED_REMISSION_DAYS`] after it.
    pub ended_at: Timestamp,
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
    /// The answer to "Have you had thoughts that you would be better off dead, or of hurting
    /// yourself, today?": `Some(true)` yes, `Some(false)` no, `None` skipped or not asked.
    pub self_harm_thoughts: Option<bool>,
}

/// One night of the sleep diary: the morning it ended and the hours asleep (time asleep from
/// `rapport_core::sleep::sleep_night`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct DiaryNight {
    pub day: Day,
    pub hours: f64,
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

/// A scheduled measure or session, or a day assigned homework was due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Appointment {
    Measure,
    Session,
    /// One dated occurrence of homework a clinician assigned: attended when sent, missed
    /// when its day passed unsent.
    Homework,
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

/// One FIBSER response (CLINICAL.md "FIBSER"): the three answers, 0–6 each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FibserPoint {
    pub at: Timestamp,
    pub frequency: u8,
    pub intensity: u8,
    pub burden: u8,
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
    /// A sustained remission the client was discharged in at the end of an earlier, closed
    /// episode. Remissions within this episode's series are found anyway.
    pub carried_in_remission: Option<CarriedRemission>,
    /// All the client's PHQ-9 responses. Safety looks at all of them; the other measure
    /// rules only at those of the episode. With `phq9_progress`, only those at or after
    /// `new_since` (the latest among them).
    pub phq9: Vec<Phq9Point>,
    /// The episode's PHQ-9s before `new_since` folded ([`Phq9Progress::extend`] from
    /// `carried_in_remission`, which is then not read again), so that a submission need not
    /// hand in the whole series: the rules give the same triggers as with every PHQ-9 in
    /// `phq9`, provided `phq9` then holds every PHQ-9 at or after `new_since`, among them the
    /// latest and the episode's latest scored one (the app stores scored PHQ-9s only and
    /// judges the one it stored). `None`: `phq9` is the whole series.
    #[serde(default)]
    pub phq9_progress: Option<Phq9Progress>,
    /// The latest structured risk assessment, if any.
    pub risk_assessment: Option<RiskAssessment>,
    /// The client's GAD-7 responses; the rules look only at those of the episode.
    pub gad7: Vec<Gad7Point>,
    /// Whether the GAD-7 is a target measure of the client's treatment plan (only then does
    /// a GAD-7 rise flag deterioration).
    pub gad7_is_target: bool,
    pub check_ins: Vec<CheckIn>,
    /// Nights of the sleep diary (issue 22): where one exists for a day, the sleep rule reads
    /// its time asleep instead of the check-in's hours. Loaded with `check_ins`.
    #[serde(default)]
    pub sleep_diary: Vec<DiaryNight>,
    /// The client's own early warning signs (from the relapse-prevention plan).
    pub own_warning_signs: Vec<WarningSignId>,
    /// Warning signs reported outside check-ins.
    pub sign_reports: Vec<SignReport>,
    pub scheduled: Vec<Scheduled>,
    /// The client's session feedback, earlier ones included (for the client's own average).
    pub feedback: Vec<SessionFeedback>,
    /// The client's FIBSER responses (side effects of medicine).
    #[serde(default)]
    pub fibser: Vec<FibserPoint>,
}

/// The parts of [`ClientData`] that the rules of some flag kinds read, so that the app loads
/// only those after a write that can trigger only them. The time fields (`now`, `today`,
/// `new_since`), the episode and the remission carried in are always given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Needs {
    /// `phq9`, `phq9_progress` and `risk_assessment`.
    pub phq9: bool,
    /// `gad7` and `gad7_is_target`.
    pub gad7: bool,
    /// The client's own `check_ins`.
    pub check_ins: bool,
    /// `own_warning_signs` and `sign_reports`.
    pub warning_signs: bool,
    /// `sleep_diary`.
    pub sleep_diary: bool,
    pub scheduled: bool,
    pub feedback: bool,
    pub fibser: bool,
}

impl Needs {
    /// What the rules of these kinds read (a property test holds each kind to it).
    pub fn of(kinds: &[FlagKind]) -> Needs {
        Needs::of_rules(
            &Rule::ALL
                .into_iter()
                .filter(|r| kinds.contains(&r.kind()))
                .collect::<Vec<_>>(),
        )
    }

    /// What these rules read (a property test holds each rule to it), for a write that can
    /// trigger only some rules of a kind (a check-in: the self-harm question's safety rule,
    /// not the PHQ-9's).
    pub fn of_rules(rules: &[Rule]) -> Needs {
        let mut n = Needs::default();
        for r in rules {
            match r {
                Rule::SafetyItem9
                | Rule::SafetyItem9Unanswered
                | Rule::SafetyRiskAssessment
                | Rule::DeteriorationFromBaseline
                | Rule::DeteriorationFromLowest
                | Rule::Relapse
                | Rule::Recurrence
                | Rule::NotOnTrackDefault
                | Rule::NotOnTrackPractice => n.phq9 = true,
                Rule::Gad7DeteriorationFromBaseline | Rule::Gad7DeteriorationFromLowest => {
                    n.gad7 = true
                }
                Rule::SafetySelfHarmCheckIn | Rule::LowMoodRun | Rule::MedicationMissed => {
                    n.check_ins = true
                }
                Rule::WarningSignDays => {
                    n.check_ins = true;
                    n.warning_signs = true;
                }
                Rule::SleepChange => {
                    n.check_ins = true;
                    n.sleep_diary = true;
                }
                Rule::MissedInARow | Rule::NoCheckIn => {
                    n.check_ins = true;
                    n.scheduled = true;
                }
                Rule::FeedbackLowAnswer | Rule::FeedbackBelowOwnAverage => n.feedback = true,
                Rule::SideEffectsBurden | Rule::SideEffectsBurdenHigh => n.fibser = true,
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
            self.phq9_progress = None;
            self.risk_assessment = None;
        }
        if !needs.gad7 {
            self.gad7.clear();
            self.gad7_is_target = false;
        }
        if !needs.check_ins {
            self.check_ins.clear();
        }
        if !needs.warning_signs {
            self.own_warning_signs.clear();
            self.sign_reports.clear();
        }
        if !needs.sleep_diary {
            self.sleep_diary.clear();
        }
        if !needs.scheduled {
            self.scheduled.clear();
        }
        if !needs.feedback {
            self.feedback.clear();
        }
        if !needs.fibser {
            self.fibser.clear();
        }
        self
    }
}
