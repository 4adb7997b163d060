//! The small judgements every suite makes of a use-case's answer, once: which field a
//! validation error names, whether it was a refusal, a conflict or "not found"; and the
//! form encoding the page tests post, and the wall-clock times they write.
//!
//! Each takes a `Result` as the use-case returned it or the error alone:
//!
//! ```text
//! assert_eq!(invalid_field(save(&app, &ana, draft).await), "reason");
//! assert!(forbidden(read(&app, &kofi, ana).await));
//! ```

use std::fmt::Debug;

use chrono::NaiveDateTime;
use rapport_app::{Actor, Error};
use uuid::Uuid;

/// A use-case's answer, or the error of one.
pub trait Outcome: Debug {
    fn error(&self) -> Option<&Error>;
}

impl<T: Debug> Outcome for Result<T, Error> {
    fn error(&self) -> Option<&Error> {
        self.as_ref().err()
    }
}

impl Outcome for &Error {
    fn error(&self) -> Option<&Error> {
        Some(self)
    }
}

impl Outcome for Error {
    fn error(&self) -> Option<&Error> {
        Some(self)
    }
}

/// The field a validation error names; any other answer fails the test.
pub fn invalid_field(r: impl Outcome) -> String {
    match r.error() {
        Some(Error::Invalid { field, .. }) => field.clone(),
        _ => panic!("expected Invalid, got {r:?}"),
    }
}

/// The policy refused.
pub fn forbidden(r: impl Outcome) -> bool {
    matches!(r.error(), Some(Error::Forbidden))
}

/// There is no such thing (or none the actor may know of).
pub fn not_found(r: impl Outcome) -> bool {
    matches!(r.error(), Some(Error::NotFound))
}

/// Refused because of the state it found (cancelled already, a stale version…).
pub fn conflict(r: impl Outcome) -> bool {
    matches!(r.error(), Some(Error::Conflict(_)))
}

/// The person's user id.
pub fn id(a: &Actor) -> Uuid {
    a.user_id
}

/// `application/x-www-form-urlencoded` encoding of one value.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A wall-clock time written "2026-11-24 10:00".
pub fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap_or_else(|e| panic!("{s}: {e}"))
}
