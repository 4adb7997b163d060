use serde::{Deserialize, Serialize};

/// The four kinds of people Rapport serves. The strings are part of the API contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Client,
    Clinician,
    Family,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Client, Role::Clinician, Role::Family, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Client => "client",
            Role::Clinician => "clinician",
            Role::Family => "family",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Clinicians and administrators must enrol a second factor before they see anything.
    pub fn requires_totp(self) -> bool {
        matches!(self, Role::Clinician | Role::Admin)
    }

    /// Idle time-out of a browser session, in minutes. Clients' is longer because a depressed
    /// person filling in a form slowly must not lose it; staff sessions follow HIPAA's
    /// automatic log-off.
    pub fn idle_timeout_minutes(self, client_idle_minutes: u32) -> u32 {
        match self {
            Role::Clinician | Role::Admin => 30,
            Role::Client | Role::Family => client_idle_minutes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn staff_need_totp_and_short_sessions() {
        assert!(Role::Clinician.requires_totp());
        assert!(Role::Admin.requires_totp());
        assert!(!Role::Client.requires_totp());
        assert_eq!(Role::Clinician.idle_timeout_minutes(120), 30);
        assert_eq!(Role::Client.idle_timeout_minutes(120), 120);
    }
}
