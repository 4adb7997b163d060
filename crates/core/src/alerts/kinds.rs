//! Flag kinds and levels: the words of the API (DESIGN.md "Words used in the API").

use serde::{Deserialize, Serialize};

/// What a flag is about, one per row of CLINICAL.md "Early warning".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    Safety,
    Deterioration,
    Relapse,
    NotOnTrack,
    WarningSigns,
    Disengagement,
    Alliance,
    SideEffects,
}

impl FlagKind {
    /// In the order of the CLINICAL.md table.
    pub const ALL: [FlagKind; 8] = [
        FlagKind::Safety,
        FlagKind::Deterioration,
        FlagKind::Relapse,
        FlagKind::NotOnTrack,
        FlagKind::WarningSigns,
        FlagKind::Disengagement,
        FlagKind::Alliance,
        FlagKind::SideEffects,
    ];

    /// The stable word stored in the database and used in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            FlagKind::Safety => "safety",
            FlagKind::Deterioration => "deterioration",
            FlagKind::Relapse => "relapse",
            FlagKind::NotOnTrack => "not_on_track",
            FlagKind::WarningSigns => "warning_signs",
            FlagKind::Disengagement => "disengagement",
            FlagKind::Alliance => "alliance",
            FlagKind::SideEffects => "side_effects",
        }
    }

    pub fn parse(s: &str) -> Option<FlagKind> {
        FlagKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// How a person reads it, in the middle of a sentence ("not on track").
    pub fn label(self) -> &'static str {
        match self {
            FlagKind::Safety => "safety",
            FlagKind::Deterioration => "deterioration",
            FlagKind::Relapse => "relapse",
            FlagKind::NotOnTrack => "not on track",
            FlagKind::WarningSigns => "warning signs",
            FlagKind::Disengagement => "disengagement",
            FlagKind::Alliance => "alliance",
            FlagKind::SideEffects => "side effects",
        }
    }

    /// What the clinician might do about it, in a sentence (the product's own suggestions,
    /// not a protocol).
    pub fn suggestion(self) -> &'static str {
        match self {
            FlagKind::Safety => {
                "Contact the client today, record a structured risk assessment, and go through the safety plan together."
            }
            FlagKind::Deterioration => {
                "Talk with the client about what has changed; review the treatment plan, its intensity, and whether a medication review is needed."
            }
            FlagKind::Relapse => {
                "Offer a booster session soon and go through the plan for staying well together."
            }
            FlagKind::NotOnTrack => {
                "Talk about progress at the next session; consider changing the approach or the frequency of sessions."
            }
            FlagKind::WarningSigns => {
                "Check in with the client about the signs they ticked, and what their plan for staying well says to do."
            }
            FlagKind::Disengagement => {
                "Reach out to the client and ask what gets in the way; offer another time or another way to meet."
            }
            FlagKind::Alliance => {
                "Talk about fit at the next session: what helps and what does not. Consider another approach, or another therapist if the client wishes."
            }
            FlagKind::SideEffects => {
                "The prescriber reviews the medicine with the client: dose, timing or a remedy for the side effects (burden 3–4), or a lower dose or another medicine (burden 5–6). Ask whether doses are being missed because of them."
            }
        }
    }

    /// The level a flag of this kind has (CLINICAL.md "Early warning", column "level"); one
    /// rule differs, see [`super::Rule::level`] (item 9 left unanswered: a medium safety flag).
    pub fn level(self) -> Level {
        match self {
            FlagKind::Safety => Level::Critical,
            FlagKind::Deterioration | FlagKind::Relapse => Level::High,
            FlagKind::NotOnTrack
            | FlagKind::WarningSigns
            | FlagKind::Alliance
            | FlagKind::SideEffects => Level::Medium,
            FlagKind::Disengagement => Level::Low,
        }
    }
}

/// How urgent a flag is. Ordered: `Low < Medium < High < Critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Low,
    Medium,
    High,
    Critical,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Low, Level::Medium, Level::High, Level::Critical];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
            Level::Critical => "critical",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

string_enum! {
    /// Where a flag stands in the alert workflow: open, acknowledged by a clinician (with a
    /// note), resolved. Open and acknowledged flags are unresolved: one of a kind at a time.
    FlagStatus {
        Open => "open", "Open";
        Acknowledged => "acknowledged", "Acknowledged";
        Resolved => "resolved", "Resolved";
    }
}

impl FlagStatus {
    pub fn unresolved(self) -> bool {
        self != FlagStatus::Resolved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for k in FlagKind::ALL {
            assert_eq!(FlagKind::parse(k.as_str()), Some(k));
        }
        for l in Level::ALL {
            assert_eq!(Level::parse(l.as_str()), Some(l));
        }
        assert_eq!(FlagKind::parse("risk"), None);
        for s in FlagStatus::ALL {
            assert_eq!(FlagStatus::parse(s.as_str()), Some(*s));
        }
        assert!(FlagStatus::Acknowledged.unresolved() && !FlagStatus::Resolved.unresolved());
    }

    #[test]
    fn levels_match_the_early_warning_table() {
        // CLINICAL.md "Early warning", column "level".
        assert_eq!(FlagKind::Safety.level(), Level::Critical);
        assert_eq!(FlagKind::Deterioration.level(), Level::High);
        assert_eq!(FlagKind::Relapse.level(), Level::High);
        assert_eq!(FlagKind::NotOnTrack.level(), Level::Medium);
        assert_eq!(FlagKind::WarningSigns.level(), Level::Medium);
        assert_eq!(FlagKind::Disengagement.level(), Level::Low);
        assert_eq!(FlagKind::Alliance.level(), Level::Medium);
        assert_eq!(FlagKind::SideEffects.level(), Level::Medium);
        assert_eq!(FlagKind::parse("side_effects"), Some(FlagKind::SideEffects));
        assert!(Level::Low < Level::Medium && Level::High < Level::Critical);
    }
}
