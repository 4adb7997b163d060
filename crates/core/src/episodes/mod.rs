//! Episodes of care: the unit of treatment. consultation → active → maintenance (after
//! discharge, monthly PHQ-9 and the relapse rule keep watching) → closed; re-opened to active.

use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EpisodeState {
    Consultation,
    Active,
    Maintenance,
    Closed,
}

impl EpisodeState {
    pub const ALL: [EpisodeState; 4] = [
        EpisodeState::Consultation,
        EpisodeState::Active,
        EpisodeState::Maintenance,
        EpisodeState::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EpisodeState::Consultation => "consultation",
            EpisodeState::Active => "active",
            EpisodeState::Maintenance => "maintenance",
            EpisodeState::Closed => "closed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EpisodeState::Consultation => "Getting to know each other",
            EpisodeState::Active => "In treatment",
            EpisodeState::Maintenance => "Staying well (after discharge)",
            EpisodeState::Closed => "Closed",
        }
    }

    pub fn parse(s: &str) -> Option<EpisodeState> {
        Self::ALL.into_iter().find(|e| e.as_str() == s)
    }

    /// Whether the measures and the early-warning rules keep watching.
    pub fn watched(self) -> bool {
        matches!(self, EpisodeState::Active | EpisodeState::Maintenance)
    }

    /// How often the PHQ-9 is asked for in this state, in days (CLINICAL.md: weekly in
    /// treatment; monthly in maintenance).
    pub fn phq9_every_days(self) -> Option<i32> {
        match self {
            EpisodeState::Active => Some(7),
            EpisodeState::Maintenance => Some(30),
            EpisodeState::Consultation | EpisodeState::Closed => None,
        }
    }
}

/// Whether an episode may move from `from` to `to`, and whether the move needs a reason.
/// Start and re-open go to active; discharge to maintenance; close from anywhere open.
pub fn check_transition(from: EpisodeState, to: EpisodeState, reason: &str) -> Result<()> {
    use EpisodeState::*;
    let allowed = matches!(
        (from, to),
        (Consultation, Active)
            | (Consultation, Closed)
            | (Active, Maintenance)
            | (Active, Closed)
            | (Maintenance, Active)
            | (Maintenance, Closed)
            | (Closed, Active)
    );
    if !allowed {
        return Err(Error::invalid(
            "state",
            format!(
                "An episode that is {} cannot become {}.",
                from.label().to_lowercase(),
                to.label().to_lowercase()
            ),
        ));
    }
    let needs_reason = matches!(to, Maintenance | Closed)
        || from == Closed
        || (from == Maintenance && to == Active);
    let reason = reason.trim();
    if needs_reason && reason.is_empty() {
        return Err(Error::invalid(
            "reason",
            "Say why, in a sentence: it stays in the record.",
        ));
    }
    if reason.chars().count() > 2000 {
        return Err(Error::invalid("reason", "Use 2,000 characters or fewer."));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use EpisodeState::*;

    #[test]
    fn every_transition_against_the_table() {
        let allowed = [
            (Consultation, Active),
            (Consultation, Closed),
            (Active, Maintenance),
            (Active, Closed),
            (Maintenance, Active),
            (Maintenance, Closed),
            (Closed, Active),
        ];
        for from in EpisodeState::ALL {
            for to in EpisodeState::ALL {
                let ok = check_transition(from, to, "because").is_ok();
                assert_eq!(ok, allowed.contains(&(from, to)), "{from:?} → {to:?}");
            }
        }
    }

    #[test]
    fn discharge_close_and_reopen_need_a_reason() {
        assert_eq!(
            check_transition(Active, Maintenance, " ")
                .unwrap_err()
                .field,
            "reason"
        );
        assert_eq!(
            check_transition(Active, Closed, "").unwrap_err().field,
            "reason"
        );
        assert_eq!(
            check_transition(Maintenance, Active, "").unwrap_err().field,
            "reason"
        );
        assert_eq!(
            check_transition(Closed, Active, "").unwrap_err().field,
            "reason"
        );
        assert!(check_transition(Consultation, Active, "").is_ok());
    }

    #[test]
    fn maintenance_asks_monthly() {
        assert_eq!(Active.phq9_every_days(), Some(7));
        assert_eq!(Maintenance.phq9_every_days(), Some(30));
        assert!(Maintenance.watched() && !Closed.watched());
        for s in EpisodeState::ALL {
            assert_eq!(EpisodeState::parse(s.as_str()), Some(s));
        }
    }
}
