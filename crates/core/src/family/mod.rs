//! Family access (issue 15, part 1): what a client shares with a family member or friend,
//! scope by scope, and the rules of the invitation that brings them in.
//!
//! A scope is a word of the API and of the `consents` table (`kind = "family_access"`,
//! `scope` = the word). No scope ever opens scores, notes, homework or messages.

use crate::outcomes::{SECONDS_PER_DAY, Timestamp};
use crate::{Error, Result};

string_enum! {
    /// One thing a client can let a family member see or do.
    Scope {
        Learning => "learning", "Pages to read";
        WarningSigns => "warning_signs", "Warning signs";
        SafetyPlan => "safety_plan", "Safety plan";
        FamilySessions => "family_sessions", "Family sessions";
        Observations => "observations", "Tell the clinician what they notice";
    }
}

impl Scope {
    /// One plain line that says what the scope lets the family member see or do.
    pub fn explanation(self) -> &'static str {
        match self {
            Scope::Learning => "Read the pages your clinician suggests for family and friends.",
            Scope::WarningSigns => {
                "See your own early warning signs and what helps when they appear."
            }
            Scope::SafetyPlan => "Read your safety plan (never change it).",
            Scope::FamilySessions => "See and join the family sessions they are invited to.",
            Scope::Observations => {
                "Tell your clinician when they notice one of your warning signs (you see it too)."
            }
        }
    }
}

string_enum! {
    /// Who a clinician recommends a learning page for.
    Audience {
        Client => "client", "For the client";
        Family => "family", "For the family";
    }
}

/// The library pages that suit a family member whatever the clinician recommended.
pub const FAMILY_LIBRARY: [&str; 4] = [
    "what-is-depression",
    "give-it-time",
    "formats",
    "medication-and-sleep",
];

/// How long an invitation link works.
pub const INVITATION_DAYS: i64 = 7;
/// The longest relationship ("sister", "a friend from work").
pub const MAX_RELATIONSHIP_CHARS: usize = 60;

/// Reads a list of scope words (`field` names the list: `scopes`), each known and none twice.
/// An empty list is allowed: linked, sees nothing.
pub fn parse_scopes<S: AsRef<str>>(field: &str, words: &[S]) -> Result<Vec<Scope>> {
    let mut out: Vec<Scope> = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let scope = Scope::parse(w.as_ref().trim()).ok_or_else(|| {
            Error::invalid(
                format!("{field}[{i}]"),
                "Choose learning, warning_signs, safety_plan, family_sessions or observations.",
            )
        })?;
        if out.contains(&scope) {
            return Err(Error::invalid(
                format!("{field}[{i}]"),
                "This is already in the list.",
            ));
        }
        out.push(scope);
    }
    Ok(sorted(out))
}

/// The scopes in the library's order (learning first), each once.
pub fn sorted(mut scopes: Vec<Scope>) -> Vec<Scope> {
    scopes.sort_by_key(|s| Scope::ALL.iter().position(|a| a == s));
    scopes.dedup();
    scopes
}

/// The scopes as stored on an invitation: the words joined by `,`.
pub fn join(scopes: &[Scope]) -> String {
    scopes
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// The stored words read back (unknown words are skipped).
pub fn split(stored: &str) -> Vec<Scope> {
    sorted(
        stored
            .split(',')
            .filter_map(|w| Scope::parse(w.trim()))
            .collect(),
    )
}

/// Checks the relationship ("sister"): 1 to 60 characters once trimmed.
pub fn check_relationship(value: &str) -> Result<()> {
    crate::text::required("relationship", value, "Say how you know them, e.g. sister.")?;
    crate::text::at_most("relationship", value, MAX_RELATIONSHIP_CHARS)
}

/// When an invitation made at `created_at` stops working.
pub fn expires_at(created_at: Timestamp) -> Timestamp {
    Timestamp(
        created_at
            .0
            .saturating_add(INVITATION_DAYS * SECONDS_PER_DAY),
    )
}

/// Where an invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationState {
    /// Can be used to join.
    Pending,
    /// Someone joined with it: single use.
    Used,
    /// The client took it back.
    Withdrawn,
    /// More than seven days old.
    Expired,
}

/// The state of an invitation at `now`. Used and withdrawn win over expired (they say more).
pub fn invitation_state(
    expires_at: Timestamp,
    used: bool,
    withdrawn: bool,
    now: Timestamp,
) -> InvitationState {
    if used {
        InvitationState::Used
    } else if withdrawn {
        InvitationState::Withdrawn
    } else if now >= expires_at {
        InvitationState::Expired
    } else {
        InvitationState::Pending
    }
}

/// Refuses an invitation that cannot be used now, with what to do.
pub fn check_usable(state: InvitationState) -> Result<()> {
    let message = match state {
        InvitationState::Pending => return Ok(()),
        InvitationState::Used => "This invitation link has been used already. Ask for a new link.",
        InvitationState::Withdrawn => "This invitation was withdrawn. Ask for a new link.",
        InvitationState::Expired => {
            "This invitation link has expired (links work for 7 days). Ask for a new link."
        }
    };
    Err(Error::invalid("invitation", message))
}

/// Whether the address someone signs up with is the invited one (case and spaces aside).
pub fn same_email(invited: &str, given: &str) -> bool {
    invited.trim().to_lowercase() == given.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn five_scopes_with_the_api_words() {
        let words: Vec<_> = Scope::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            words,
            [
                "learning",
                "warning_signs",
                "safety_plan",
                "family_sessions",
                "observations"
            ]
        );
    }

    #[test]
    fn a_bad_or_repeated_word_is_named_by_its_place() {
        let e = parse_scopes("scopes", &["learning", "observations", "scores"]).unwrap_err();
        assert_eq!(e.field, "scopes[2]");
        let e = parse_scopes("scopes", &["learning", "learning"]).unwrap_err();
        assert_eq!(e.field, "scopes[1]");
        assert_eq!(parse_scopes::<&str>("scopes", &[]).unwrap(), vec![]);
        assert_eq!(
            parse_scopes("scopes", &["observations", "learning"]).unwrap(),
            vec![Scope::Learning, Scope::Observations]
        );
    }

    #[test]
    fn invitations_expire_after_seven_days_and_work_once() {
        let made = Timestamp(1_000_000);
        let ends = expires_at(made);
        assert_eq!(ends.0 - made.0, 7 * 86_400);
        let just_before = Timestamp(ends.0 - 1);
        assert_eq!(
            invitation_state(ends, false, false, just_before),
            InvitationState::Pending
        );
        assert_eq!(
            invitation_state(ends, false, false, ends),
            InvitationState::Expired
        );
        assert_eq!(
            invitation_state(ends, true, false, just_before),
            InvitationState::Used
        );
        assert_eq!(
            invitation_state(ends, false, true, just_before),
            InvitationState::Withdrawn
        );
        assert!(check_usable(InvitationState::Pending).is_ok());
        for s in [
            InvitationState::Used,
            InvitationState::Withdrawn,
            InvitationState::Expired,
        ] {
            assert_eq!(check_usable(s).unwrap_err().field, "invitation");
        }
    }

    #[test]
    fn relationship_and_email_checks() {
        assert!(check_relationship("sister").is_ok());
        assert_eq!(check_relationship("  ").unwrap_err().field, "relationship");
        assert!(check_relationship(&"x".repeat(61)).is_err());
        assert!(check_relationship(&"é".repeat(60)).is_ok());
        assert!(same_email("Sam@Example.org", " sam@example.org "));
        assert!(!same_email("sam@example.org", "sam@example.com"));
    }

    proptest! {
        #[test]
        fn stored_scopes_read_back_the_same(mask in 0u8..32) {
            let scopes: Vec<Scope> = Scope::ALL
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, s)| *s)
                .collect();
            prop_assert_eq!(split(&join(&scopes)), scopes.clone());
            let words: Vec<&str> = scopes.iter().map(|s| s.as_str()).collect();
            prop_assert_eq!(parse_scopes("scopes", &words).unwrap(), scopes);
        }

        #[test]
        fn any_unknown_word_is_refused(word in "[a-z_]{0,20}") {
            prop_assume!(Scope::parse(word.trim()).is_none());
            prop_assert!(parse_scopes("scopes", &[word.as_str()]).is_err());
        }
    }
}
