//! One episode's facts and what they count for.

use chrono::NaiveDate;

use crate::outcomes::{
    Change, MIN_TREATMENT_SESSIONS, NotCounted, RESPONSE_MIN_BASELINE, Recovery, Scale, ScorePoint,
    Series, Timestamp, phq9_remission, phq9_response, recovery,
};

/// One attended treatment session of an episode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionFact {
    pub on: NaiveDate,
    /// A PHQ-9 was taken on the day of the session (see the app for "on the day").
    pub with_phq9: bool,
}

/// What a report needs to know of one episode.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EpisodeFacts {
    pub started_on: NaiveDate,
    /// The end of treatment: the discharge, or the close when there was none.
    pub finished_on: Option<NaiveDate>,
    /// Ended by a discharge (a planned ending), not closed straight from treatment.
    pub planned_ending: bool,
    /// PHQ-9 totals up to the end of treatment, in time order (the first is the baseline).
    pub phq9: Vec<u8>,
    /// GAD-7 totals likewise.
    pub gad7: Vec<u8>,
    /// The attended treatment sessions.
    pub sessions: Vec<SessionFact>,
    /// The treatment plan's approach (its stable word), if there was a plan.
    pub approach: Option<String>,
    /// The treatment plan's format (individual, family, group), if known.
    pub format: Option<String>,
    /// The clinicians on the client's care team during the episode (their ids).
    pub clinicians: Vec<String>,
}

/// How one finished episode counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Classified {
    pub sessions: u32,
    /// ≥ 2 attended sessions.
    pub two_sessions: bool,
    /// … and two or more of both PHQ-9 and GAD-7.
    pub paired: bool,
    /// … and a case at the first measure (PHQ-9 ≥ 10 or GAD-7 ≥ 8): in the denominator of
    /// recovery, reliable recovery, reliable improvement and reliable deterioration.
    pub case_at_start: bool,
    pub recovery: Recovery,
    pub reliable_improvement: bool,
    pub reliable_deterioration: bool,
    /// ≥ 2 attended sessions, two or more PHQ-9 and a PHQ-9 baseline ≥ 10: in the
    /// denominator of response and remission.
    pub phq9_eligible: bool,
    pub response: bool,
    pub remission: bool,
    /// At least one attended session: in the denominator of dropout.
    pub dropout_eligible: bool,
    pub dropout: bool,
}

fn series(totals: &[u8]) -> Series {
    Series::new(
        totals
            .iter()
            .zip(0i64..)
            .map(|(&total, i)| ScorePoint {
                at: Timestamp(i),
                total,
            })
            .collect(),
    )
}

fn change(scale: Scale, totals: &[u8]) -> Option<Change> {
    match (totals.first(), totals.last()) {
        (Some(&first), Some(&last)) if totals.len() >= 2 => Some(scale.change(first, last)),
        _ => None,
    }
}

/// Classifies one episode by CLINICAL.md's definitions (see the module's notes).
pub fn classify(e: &EpisodeFacts) -> Classified {
    let sessions = u32::try_from(e.sessions.len()).unwrap_or(u32::MAX);
    let recovery = recovery(&series(&e.phq9), &series(&e.gad7), sessions);
    let two_sessions = sessions >= MIN_TREATMENT_SESSIONS;
    let paired = two_sessions
        && !matches!(
            recovery,
            Recovery::NotCounted {
                reason: NotCounted::MissingMeasures
            }
        );
    let case_at_start = recovery.is_counted();
    let (improvement, deterioration) =
        match (change(Scale::Phq9, &e.phq9), change(Scale::Gad7, &e.gad7)) {
            (Some(p), Some(g)) if case_at_start => {
                let better = [p, g].contains(&Change::ReliableImprovement);
                let worse = [p, g].contains(&Change::ReliableDeterioration);
                (better && !worse, worse && !better)
            }
            _ => (false, false),
        };
    let phq9_ends = match (e.phq9.first(), e.phq9.last()) {
        (Some(&first), Some(&last)) if e.phq9.len() >= 2 => Some((first, last)),
        _ => None,
    };
    let phq9_eligible =
        two_sessions && phq9_ends.is_some_and(|(first, _)| first >= RESPONSE_MIN_BASELINE);
    let (response, remission) = match phq9_ends {
        Some((first, last)) if phq9_eligible => {
            (phq9_response(first, last), phq9_remission(first, last))
        }
        _ => (false, false),
    };
    let dropout_eligible = sessions >= 1;
    Classified {
        sessions,
        two_sessions,
        paired,
        case_at_start,
        recovery,
        reliable_improvement: improvement,
        reliable_deterioration: deterioration,
        phq9_eligible,
        response,
        remission,
        dropout_eligible,
        dropout: dropout_eligible && !e.planned_ending,
    }
}
