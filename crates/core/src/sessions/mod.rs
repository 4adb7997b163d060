//! Therapy sessions: who is in the room, where, how long, whether they repeat, and what became
//! of each (attended, cancelled late, missed). Dates and time zones are the caller's: this
//! crate only checks what was asked for and what may follow what.

mod requests;
pub mod room;

pub use requests::{
    MAX_PROPOSALS, RequestAnswer, check_answer_message, check_proposals, overlaps, same_place,
};

use crate::alerts::Attendance as Outcome;
use crate::text::{at_most, required};
use crate::{Error, Result};

pub const MIN_MINUTES: u16 = 15;
pub const MAX_MINUTES: u16 = 180;
/// A weekly series is at most a year of sessions.
pub const MAX_WEEKS: u8 = 52;
pub const MAX_REASON_CHARS: usize = 1_000;
pub const MAX_PLACE_CHARS: usize = 300;

string_enum!(
    /// Who is in the room.
    SessionKind {
        Individual => "individual", "Individual";
        Family => "family", "Family";
        Group => "group", "Group";
        MedicationReview => "medication_review", "Medication review";
    }
);

string_enum!(
    /// How the session happens.
    Modality {
        InPerson => "in_person", "In person";
        Online => "online", "Online";
        Phone => "phone", "By phone";
    }
);

string_enum!(
    /// What became of a session for one person in it.
    Attendance {
        Attended => "attended", "Attended";
        LateCancelled => "late_cancelled", "Cancelled late";
        NoShow => "no_show", "Did not attend";
    }
);

impl Attendance {
    /// How the early-warning rules count it: a late cancellation or a no-show is a missed
    /// session (CLINICAL.md "disengagement": two missed in a row).
    pub fn outcome(self) -> Outcome {
        match self {
            Attendance::Attended => Outcome::Attended,
            Attendance::LateCancelled | Attendance::NoShow => Outcome::Missed,
        }
    }
}

/// A session as asked for, before checking.
#[derive(Debug, Clone, Default)]
pub struct SessionInput<'a> {
    pub kind: &'a str,
    pub modality: &'a str,
    /// The place (in person) or the meeting link (online); nothing by phone.
    pub place: &'a str,
    pub minutes: Option<i64>,
    /// How many weekly sessions, this one included: 1 for a one-off.
    pub weeks: Option<i64>,
    /// How many clients take part.
    pub clients: usize,
}

/// A checked request for sessions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionPlan {
    pub kind: SessionKind,
    pub modality: Modality,
    pub place: Option<String>,
    pub minutes: u16,
    pub weeks: u8,
}

/// Checks a request for sessions, naming the first field to fix.
pub fn check_session(s: &SessionInput<'_>) -> Result<SessionPlan> {
    let kind = SessionKind::parse(s.kind)
        .ok_or_else(|| Error::invalid("kind", "Choose an individual, family or group session."))?;
    let modality = Modality::parse(s.modality)
        .ok_or_else(|| Error::invalid("modality", "Choose in person, online or by phone."))?;
    let place = s.place.trim();
    match modality {
        Modality::InPerson => required("place", place, "Say where the session takes place.")?,
        // Empty: the session's own room on Rapport; otherwise an outside meeting link.
        Modality::Online => {
            if !place.is_empty()
                && (!place.starts_with("https://") || place.len() <= "https://".len())
            {
                return Err(Error::invalid(
                    "place",
                    "Leave it empty for the session's own room, or give an outside meeting link starting with https://.",
                ));
            }
        }
        Modality::Phone => {}
    }
    at_most("place", place, MAX_PLACE_CHARS)?;
    let minutes = s
        .minutes
        .and_then(|m| u16::try_from(m).ok())
        .filter(|m| (MIN_MINUTES..=MAX_MINUTES).contains(m))
        .ok_or_else(|| {
            Error::invalid(
                "minutes",
                format!("A session lasts {MIN_MINUTES} to {MAX_MINUTES} minutes."),
            )
        })?;
    let weeks = s
        .weeks
        .and_then(|w| u8::try_from(w).ok())
        .filter(|w| (1..=MAX_WEEKS).contains(w))
        .ok_or_else(|| {
            Error::invalid(
                "weeks",
                format!("Choose 1 (once) up to {MAX_WEEKS} weekly sessions."),
            )
        })?;
    match (kind, s.clients) {
        (_, 0) => return Err(Error::invalid("clients", "Choose who the session is with.")),
        (SessionKind::Individual | SessionKind::Family | SessionKind::MedicationReview, n)
            if n > 1 =>
        {
            return Err(Error::invalid(
                "clients",
                "An individual or family session is with one client; choose a group session for more.",
            ));
        }
        _ => {}
    }
    Ok(SessionPlan {
        kind,
        modality,
        place: (modality != Modality::Phone && !place.is_empty()).then(|| place.to_string()),
        minutes,
        weeks,
    })
}

/// A reason for cancelling, rescheduling or asking to reschedule: required, and readable.
pub fn check_reason(reason: &str) -> Result<()> {
    required("reason", reason, "Say why, in a sentence.")?;
    at_most("reason", reason, MAX_REASON_CHARS)
}

/// Whether attendance may be recorded: not for a cancelled session, and not before it starts
/// (`started` is whether its start time has passed).
pub fn check_attendance(cancelled: bool, started: bool) -> Result<()> {
    if cancelled {
        return Err(Error::invalid(
            "attendance",
            "This session was cancelled; there is no attendance to record.",
        ));
    }
    if !started {
        return Err(Error::invalid(
            "attendance",
            "Attendance is recorded once the session has started.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> SessionInput<'static> {
        SessionInput {
            kind: "individual",
            modality: "in_person",
            place: "Room 2, 14 Elm Street",
            minutes: Some(50),
            weeks: Some(1),
            clients: 1,
        }
    }

    #[test]
    fn a_one_off_in_person_session() {
        let p = check_session(&input()).unwrap();
        assert_eq!(
            p,
            SessionPlan {
                kind: SessionKind::Individual,
                modality: Modality::InPerson,
                place: Some("Room 2, 14 Elm Street".into()),
                minutes: 50,
                weeks: 1
            }
        );
    }

    #[test]
    fn where_it_happens_decides_what_place_means() {
        let no_place = SessionInput {
            place: " ",
            ..input()
        };
        assert_eq!(check_session(&no_place).unwrap_err().field, "place");
        let online = SessionInput {
            modality: "online",
            place: "meet.example.org/abc",
            ..input()
        };
        assert_eq!(check_session(&online).unwrap_err().field, "place");
        let online = SessionInput {
            place: "https://meet.example.org/abc",
            ..online
        };
        assert_eq!(
            check_session(&online).unwrap().place.as_deref(),
            Some("https://meet.example.org/abc")
        );
        // No link: the session's own room.
        let own_room = SessionInput {
            place: "",
            ..online
        };
        assert_eq!(check_session(&own_room).unwrap().place, None);
        let phone = SessionInput {
            modality: "phone",
            place: "ignored",
            ..input()
        };
        assert_eq!(check_session(&phone).unwrap().place, None);
    }

    #[test]
    fn limits_on_length_repeats_and_who_takes_part() {
        for (case, field) in [
            (
                SessionInput {
                    minutes: Some(14),
                    ..input()
                },
                "minutes",
            ),
            (
                SessionInput {
                    minutes: Some(181),
                    ..input()
                },
                "minutes",
            ),
            (
                SessionInput {
                    minutes: None,
                    ..input()
                },
                "minutes",
            ),
            (
                SessionInput {
                    weeks: Some(0),
                    ..input()
                },
                "weeks",
            ),
            (
                SessionInput {
                    weeks: Some(53),
                    ..input()
                },
                "weeks",
            ),
            (
                SessionInput {
                    clients: 0,
                    ..input()
                },
                "clients",
            ),
            (
                SessionInput {
                    clients: 2,
                    ..input()
                },
                "clients",
            ),
            (
                SessionInput {
                    kind: "couple",
                    ..input()
                },
                "kind",
            ),
            (
                SessionInput {
                    modality: "",
                    ..input()
                },
                "modality",
            ),
        ] {
            assert_eq!(check_session(&case).unwrap_err().field, field, "{case:?}");
        }
        assert_eq!(
            check_session(&SessionInput {
                minutes: Some(15),
                ..input()
            })
            .unwrap()
            .minutes,
            15
        );
        assert_eq!(
            check_session(&SessionInput {
                weeks: Some(52),
                ..input()
            })
            .unwrap()
            .weeks,
            52
        );
        let group = SessionInput {
            kind: "group",
            clients: 6,
            ..input()
        };
        assert_eq!(check_session(&group).unwrap().kind, SessionKind::Group);
    }

    #[test]
    fn a_missed_session_counts_for_disengagement_a_kept_one_does_not() {
        assert_eq!(Attendance::Attended.outcome(), Outcome::Attended);
        assert_eq!(Attendance::NoShow.outcome(), Outcome::Missed);
        assert_eq!(Attendance::LateCancelled.outcome(), Outcome::Missed);
    }

    #[test]
    fn attendance_only_after_the_start_of_a_session_that_happened() {
        assert!(check_attendance(false, true).is_ok());
        assert!(check_attendance(false, false).is_err());
        assert!(check_attendance(true, true).is_err());
        assert!(check_reason("").is_err());
        assert!(check_reason(&"x".repeat(MAX_REASON_CHARS + 1)).is_err());
        assert!(check_reason("Client unwell").is_ok());
    }
}
