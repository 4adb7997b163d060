//! Homework between sessions (issue 13): a clinician on the care team assigns an exercise
//! (`assign`), or the client starts one on their own (`start_own`); the client saves entries,
//! drafts as often as they like and then the finished one (`save_entry`); the care team reviews
//! them with a comment the client reads (`review`). The forms and their checks are core's
//! (`rapport_core::homework`); the calendar (due dates, recurrences) is here, in `schedule`.
//!
//! What a page or the API shows is an [`AssignmentView`]: the assignment with one
//! [`Occurrence`] per day it is due (one, undated or dated, when it does not repeat; every day
//! or week up to today when it does), each with its [`Status`] and its [`EntryView`] if the
//! client wrote one.

mod assign;
mod entries;
mod insight;
mod read;
mod rules;
pub(crate) mod schedule;

use chrono::{DateTime, NaiveDate, Utc};
use rapport_core::homework::{Content, Kind, Status};
use uuid::Uuid;

pub use assign::{NewAssignment, assign, start_own};
pub use entries::{review, save_entry};
pub use insight::{Insight, MAX_WEEKS, Week, weekly};
pub use read::{assignments_of, completion};
pub(crate) use read::{sent_entries, stored_assignments, views_of};
pub(crate) use rules::{passed_in, passed_occurrences};
pub use schedule::{MAX_REPEAT_DAYS, Repeat, RepeatInput};

use crate::{Actor, Error};

/// One entry: the client's work on one occurrence of an assignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryView {
    pub id: Uuid,
    pub assignment_id: Uuid,
    /// The occurrence it answers (none for an assignment without a date).
    pub due_on: Option<NaiveDate>,
    /// Where its occurrence stands (`draft`, `done`, `reviewed`, or `missed` for a draft left
    /// unsent past its day).
    pub status: Status,
    /// The exercise as the client wrote it (a draft may be incomplete).
    pub content: Content,
    /// Still being written: not sent to the care team yet.
    pub draft: bool,
    pub created_at: DateTime<Utc>,
    /// When it was last saved.
    pub updated_at: DateTime<Utc>,
    /// When the finished entry was sent.
    pub submitted_at: Option<DateTime<Utc>>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub reviewed_by: Option<Uuid>,
    /// The reviewer's comment, which the client reads.
    pub review_comment: Option<String>,
}

/// One day an assignment is due (or its only occurrence), where it stands, and the entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub due_on: Option<NaiveDate>,
    pub status: Status,
    pub entry: Option<EntryView>,
}

/// An assignment as the client and their care team see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignmentView {
    pub id: Uuid,
    pub client_id: Uuid,
    pub kind: Kind,
    /// The clinician's instructions (none for an exercise the client started).
    pub instructions: Option<String>,
    /// The clinician who assigned it; none when the client started it on their own.
    pub assigned_by: Option<Uuid>,
    pub due_on: Option<NaiveDate>,
    pub repeat: Option<Repeat>,
    pub created_at: DateTime<Utc>,
    /// Oldest first; the last is the current one.
    pub occurrences: Vec<Occurrence>,
}

impl AssignmentView {
    pub fn self_started(&self) -> bool {
        self.assigned_by.is_none()
    }

    /// Where the current (latest) occurrence stands.
    pub fn status(&self) -> Status {
        self.occurrences.last().map_or(Status::Due, |o| o.status)
    }

    /// The entries written, oldest occurrence first.
    pub fn entries(&self) -> impl Iterator<Item = &EntryView> {
        self.occurrences.iter().filter_map(|o| o.entry.as_ref())
    }
}

/// A client asking about an assignment that is not theirs learns only that there is none.
fn not_theirs(actor: &Actor, client_id: Uuid) -> impl FnOnce(Error) -> Error + '_ {
    move |e| match e {
        Error::Forbidden
            if actor.role == rapport_core::accounts::Role::Client && actor.user_id != client_id =>
        {
            Error::NotFound
        }
        e => e,
    }
}
