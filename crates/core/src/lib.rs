//! The pure domain of Rapport: no I/O, no async, no clock. Time comes in as a parameter.

/// A closed set of stable words (stored, and used in the API) with labels for people.
/// Serde uses the same words as `as_str`.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name { $(#[serde(rename = $text)] $variant),+ }

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

pub mod accounts;
pub mod alerts;
pub mod caseload;
pub mod consultations;
pub mod episodes;
pub mod error;
pub mod export;
pub mod family;
pub mod fhir;
pub mod goals;
pub mod groups;
pub mod homework;
pub mod intake;
pub mod jobs;
pub mod language;
pub mod learning;
pub mod matching;
pub mod measures;
pub mod medication;
pub mod messaging;
pub mod notes;
pub mod notifications;
pub mod observations;
pub mod outcomes;
pub mod plans;
pub mod reports;
pub mod sessions;
pub mod sleep;
pub mod text;
pub mod therapists;

pub use error::{Error, Result};
