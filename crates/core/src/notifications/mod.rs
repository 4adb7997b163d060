//! Notices (issue 16): what a person is told inside Rapport, and by e-mail when they chose it.
//! The kinds are stable words; a notice's words for people are composed when it is shown, never
//! stored, and an e-mail never carries them (DESIGN.md "no health information outside").

pub mod preferences;
pub mod schedule;

string_enum! {
    /// What a notice is about.
    NoticeKind {
        SafetyFlag => "safety_flag", "A client needs your attention now";
        FlagEscalated => "flag_escalated", "A safety flag has not been acknowledged";
        Message => "message", "New message";
        CareTeamJoined => "care_team_joined", "Someone joined your care team";
        MeasureDue => "measure_due", "A questionnaire is due";
        CheckinDue => "checkin_due", "Time for your check-in";
        HomeworkDue => "homework_due", "Homework is due";
        SessionSoon => "session_soon", "A session is coming up";
        EmergencyAccess => "emergency_access", "A record was opened in an emergency";
        SideEffects => "side_effects", "A client's medicine needs a look (side effects)";
        MedicationReviewDue => "medication_review_due", "A medication review is due";
    }
}

impl NoticeKind {
    /// Critical notices go out at once on every channel the person enabled, whatever the
    /// quiet hours or the daily limit say. An emergency opening of a record is told at once
    /// too (HIPAA 164.312(a)(2)(ii): the care team and the practice lead review it now).
    pub fn is_critical(self) -> bool {
        matches!(
            self,
            NoticeKind::SafetyFlag | NoticeKind::FlagEscalated | NoticeKind::EmergencyAccess
        )
    }

    /// Reminders: subject to quiet hours, the daily limit and one-click unsubscribe.
    pub fn is_reminder(self) -> bool {
        matches!(
            self,
            NoticeKind::MeasureDue
                | NoticeKind::CheckinDue
                | NoticeKind::HomeworkDue
                | NoticeKind::SessionSoon
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_word() {
        for k in NoticeKind::ALL {
            assert_eq!(NoticeKind::parse(k.as_str()), Some(*k));
            assert!(!(k.is_critical() && k.is_reminder()), "{k:?}");
        }
    }
}
