//! Every early-warning rule: its stable id, its flag kind and the plain-words explanation the
//! clinician reads. All the text of this module is here, so it can be translated in one place.

use super::kinds::{FlagKind, Level};

/// One rule (or sub-rule) of CLINICAL.md "Early warning".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    SafetyItem9,
    SafetyItem9Unanswered,
    SafetySelfHarmCheckIn,
    SafetyRiskAssessment,
    DeteriorationFromBaseline,
    DeteriorationFromLowest,
    Gad7DeteriorationFromBaseline,
    Gad7DeteriorationFromLowest,
    Relapse,
    Recurrence,
    NotOnTrackDefault,
    NotOnTrackPractice,
    WarningSignDays,
    LowMoodRun,
    MedicationMissed,
    SleepChange,
    MissedInARow,
    NoCheckIn,
    FeedbackLowAnswer,
    FeedbackBelowOwnAverage,
    SideEffectsBurden,
    SideEffectsBurdenHigh,
}

impl Rule {
    pub const ALL: [Rule; 22] = [
        Rule::SafetyItem9,
        Rule::SafetyItem9Unanswered,
        Rule::SafetySelfHarmCheckIn,
        Rule::SafetyRiskAssessment,
        Rule::DeteriorationFromBaseline,
        Rule::DeteriorationFromLowest,
        Rule::Gad7DeteriorationFromBaseline,
        Rule::Gad7DeteriorationFromLowest,
        Rule::Relapse,
        Rule::Recurrence,
        Rule::NotOnTrackDefault,
        Rule::NotOnTrackPractice,
        Rule::WarningSignDays,
        Rule::LowMoodRun,
        Rule::MedicationMissed,
        Rule::SleepChange,
        Rule::MissedInARow,
        Rule::NoCheckIn,
        Rule::FeedbackLowAnswer,
        Rule::FeedbackBelowOwnAverage,
        Rule::SideEffectsBurden,
        Rule::SideEffectsBurdenHigh,
    ];

    pub fn kind(self) -> FlagKind {
        match self {
            Rule::SafetyItem9
            | Rule::SafetyItem9Unanswered
            | Rule::SafetySelfHarmCheckIn
            | Rule::SafetyRiskAssessment => FlagKind::Safety,
            Rule::DeteriorationFromBaseline
            | Rule::DeteriorationFromLowest
            | Rule::Gad7DeteriorationFromBaseline
            | Rule::Gad7DeteriorationFromLowest => FlagKind::Deterioration,
            Rule::Relapse | Rule::Recurrence => FlagKind::Relapse,
            Rule::NotOnTrackDefault | Rule::NotOnTrackPractice => FlagKind::NotOnTrack,
            Rule::WarningSignDays
            | Rule::LowMoodRun
            | Rule::MedicationMissed
            | Rule::SleepChange => FlagKind::WarningSigns,
            Rule::MissedInARow | Rule::NoCheckIn => FlagKind::Disengagement,
            Rule::FeedbackLowAnswer | Rule::FeedbackBelowOwnAverage => FlagKind::Alliance,
            Rule::SideEffectsBurden | Rule::SideEffectsBurdenHigh => FlagKind::SideEffects,
        }
    }

    /// The level of the flag this rule raises: its kind's (CLINICAL.md "Early warning",
    /// column "level"), except item 9 left unanswered, a **medium** safety flag (the
    /// paragraph after the table).
    pub fn level(self) -> Level {
        match self {
            Rule::SafetyItem9Unanswered => Level::Medium,
            Rule::SideEffectsBurdenHigh => Level::High,
            _ => self.kind().level(),
        }
    }

    /// A stable machine word, for storage, tests and translation keys.
    pub fn id(self) -> &'static str {
        match self {
            Rule::SafetyItem9 => "safety_item9",
            Rule::SafetyItem9Unanswered => "safety_item9_unanswered",
            Rule::SafetySelfHarmCheckIn => "safety_self_harm_check_in",
            Rule::SafetyRiskAssessment => "safety_risk_assessment",
            Rule::DeteriorationFromBaseline => "deterioration_from_baseline",
            Rule::DeteriorationFromLowest => "deterioration_from_lowest",
            Rule::Gad7DeteriorationFromBaseline => "gad7_deterioration_from_baseline",
            Rule::Gad7DeteriorationFromLowest => "gad7_deterioration_from_lowest",
            Rule::Relapse => "relapse",
            Rule::Recurrence => "recurrence",
            Rule::NotOnTrackDefault => "not_on_track_default",
            Rule::NotOnTrackPractice => "not_on_track_practice",
            Rule::WarningSignDays => "warning_sign_days",
            Rule::LowMoodRun => "low_mood_run",
            Rule::MedicationMissed => "medication_missed",
            Rule::SleepChange => "sleep_change",
            Rule::MissedInARow => "missed_in_a_row",
            Rule::NoCheckIn => "no_check_in",
            Rule::FeedbackLowAnswer => "feedback_low_answer",
            Rule::FeedbackBelowOwnAverage => "feedback_below_own_average",
            Rule::SideEffectsBurden => "side_effects_burden",
            Rule::SideEffectsBurdenHigh => "side_effects_burden_high",
        }
    }

    /// What happened and why it is flagged, in plain words for the clinician.
    pub fn explanation(self) -> &'static str {
        match self {
            Rule::SafetyItem9 => {
                "PHQ-9 item 9 (thoughts of being better off dead or of hurting oneself) was \
                 answered 'several days' or more. This flags whatever the total. It is a flag, \
                 not a risk assessment: assess risk and review the safety plan."
            }
            Rule::SafetyItem9Unanswered => {
                "The question about thoughts of self-harm (PHQ-9 item 9) was left unanswered. \
                 The questionnaire was refused and the client asked to answer it; leaving it \
                 blank is itself worth asking about."
            }
            Rule::SafetySelfHarmCheckIn => {
                "In the daily check-in, the client answered yes to 'Have you had thoughts that \
                 you would be better off dead, or of hurting yourself, today?' (the same as \
                 PHQ-9 item 9 answered 1 or more). It is a flag, not a risk assessment: assess \
                 risk and review the safety plan."
            }
            Rule::SafetyRiskAssessment => {
                "The latest structured risk assessment judged the risk high."
            }
            Rule::DeteriorationFromBaseline => {
                "PHQ-9 is 6 or more points above the episode's baseline (reliable deterioration)."
            }
            Rule::DeteriorationFromLowest => {
                "PHQ-9 is 6 or more points above its lowest point in this episode (reliable \
                 deterioration)."
            }
            Rule::Gad7DeteriorationFromBaseline => {
                "GAD-7 (a target measure of the treatment plan) is 4 or more points above the \
                 episode's baseline (reliable deterioration)."
            }
            Rule::Gad7DeteriorationFromLowest => {
                "GAD-7 (a target measure of the treatment plan) is 4 or more points above its \
                 lowest point in this episode (reliable deterioration)."
            }
            Rule::Relapse => {
                "After a sustained remission (PHQ-9 below 5 on measures at least 14 days \
                 apart), PHQ-9 is back at 10 or more: an early warning of relapse, raised on \
                 the first such measure. It counts as a relapse once confirmed by a second \
                 measure of 10 or more at least 14 days later, or by the clinician."
            }
            Rule::Recurrence => {
                "6 months or more after a sustained remission began (PHQ-9 below 5 on measures \
                 at least 14 days apart), PHQ-9 is back at 10 or more: an early warning of \
                 recurrence, raised on the first such measure. It counts once confirmed by a \
                 second measure of 10 or more at least 14 days later, or by the clinician."
            }
            Rule::NotOnTrackDefault => {
                "From the 3rd measure on, PHQ-9 is above the edge of the expected-recovery band \
                 (the default curve: the expected score for this baseline and measure, plus 5 \
                 points)."
            }
            Rule::NotOnTrackPractice => {
                "From the 3rd measure on, PHQ-9 is above the edge of the expected-recovery band \
                 (this practice's finished episodes with a baseline in the same band: worse \
                 than three in four of them at this measure)."
            }
            Rule::WarningSignDays => {
                "The client's own early warning signs were reported on 2 or more of the last 7 \
                 days (by the client or a consented family member; each day counts once)."
            }
            Rule::LowMoodRun => {
                "Mood was 3 or lower (of 10) on 3 check-ins in a row within 5 days (days \
                 without a check-in do not break the run)."
            }
            Rule::MedicationMissed => "Medication was missed on 3 or more of the last 7 days.",
            Rule::SleepChange => {
                "Sleep was 2 hours or more away from the client's usual (the median of the 14 \
                 days before) on 3 nights running."
            }
            Rule::MissedInARow => {
                "Two scheduled items in a row (measures, sessions or homework) were missed."
            }
            Rule::NoCheckIn => {
                "No check-in for 14 days or more in an active episode (not in maintenance, \
                 which its monthly PHQ-9 watches)."
            }
            Rule::FeedbackLowAnswer => "Session feedback had an answer of 5 or lower (of 10).",
            Rule::FeedbackBelowOwnAverage => {
                "The session's overall rating was 3 or more points below the client's own \
                 average of earlier sessions."
            }
            Rule::SideEffectsBurden => {
                "FIBSER: the side effects of the medicine got in the way of daily activities \
                 with a burden of 3 or 4 (of 6): they need addressing (dose, timing, a remedy)."
            }
            Rule::SideEffectsBurdenHigh => {
                "FIBSER: the side effects of the medicine got in the way of daily activities \
                 with a burden of 5 or 6 (of 6): consider a lower dose or another medicine."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_rule_and_ids_are_unique() {
        for kind in FlagKind::ALL {
            assert!(Rule::ALL.iter().any(|r| r.kind() == kind), "{kind:?}");
        }
        let mut ids: Vec<_> = Rule::ALL.iter().map(|r| r.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Rule::ALL.len());
        assert!(Rule::ALL.iter().all(|r| !r.explanation().is_empty()));
    }
}
