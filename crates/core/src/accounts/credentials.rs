use serde::{Deserialize, Serialize};

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable word stored in the database and used in the API.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// How a person reads it.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }
    };
}

string_enum! {
    /// A way of doing psychotherapy for depression.
    Approach {
        Cbt => "cbt", "Cognitive behavioural therapy";
        BehaviouralActivation => "behavioural_activation", "Behavioural activation";
        CognitiveTherapy => "cognitive_therapy", "Cognitive therapy";
        Interpersonal => "interpersonal", "Interpersonal therapy";
        Psychodynamic => "psychodynamic", "Psychodynamic therapy";
        Family => "family", "Family therapy";
        Group => "group", "Group therapy";
    }
}

string_enum! {
    /// What a clinician does on a client's care team.
    CareTeamRole {
        PrimaryTherapist => "primary_therapist", "Therapist";
        Psychiatrist => "psychiatrist", "Psychiatrist (medication)";
        CoTherapist => "co_therapist", "Co-therapist";
        Supervisor => "supervisor", "Supervisor";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_parses_back() {
        for a in Approach::ALL {
            assert_eq!(Approach::parse(a.as_str()), Some(*a));
        }
        for r in CareTeamRole::ALL {
            assert_eq!(CareTeamRole::parse(r.as_str()), Some(*r));
        }
        assert_eq!(Approach::parse("quack"), None);
    }
}
