//! The client's own copy of their record (GDPR Art. 15 and 20): the files of the ZIP, made
//! from what the caller read. Pure: the time, ids and names come in; nothing is looked up.
//!
//! - `fhir-bundle.json`: [`crate::fhir::record_bundle`], a FHIR R4 `collection` Bundle;
//! - `summary.html`: a printable page in plain words, self-contained ([`summary`]);
//! - `measures.csv`, `checkins.csv`, `homework.csv` ([`tables`]);
//! - `README.txt`: what is in the file and what is not, and why ([`readme`]).

mod csv;
mod readme;
mod summary;
mod tables;
#[cfg(test)]
mod tests;

use chrono::{DateTime, NaiveDate, Utc};

use crate::fhir::ExportInput;
use crate::goals::GoalStatus;
use crate::intake::Intake;
use crate::measures::Medication;
use crate::plans::TreatmentPlan;
use crate::sessions::{Attendance, Modality, SessionKind};

pub use csv::cell as csv_cell;

/// Everything of one client's record that goes into their export.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The patient, the questionnaires and the sent homework (the existing FHIR export).
    pub fhir: ExportInput,
    /// When the export was made.
    pub made_at: DateTime<Utc>,
    pub checkins: Vec<Checkin>,
    pub goals: Vec<Goal>,
    /// Every version of the treatment plan, oldest first (the last is the one in force).
    pub treatment_plans: Vec<TreatmentPlanVersion>,
    pub safety_plan: Option<SectionedPlan>,
    pub relapse_plan: Option<SectionedPlan>,
    pub sessions: Vec<Session>,
    pub care_team: Vec<TeamMember>,
    pub messages: Vec<Message>,
    /// The latest intake ("About you"), as far as it is written.
    pub intake: Option<IntakeAnswers>,
}

/// The intake as the client wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeAnswers {
    pub id: String,
    pub updated_at: DateTime<Utc>,
    /// When it was sent to the clinician; `None` while it is a draft.
    pub submitted_at: Option<DateTime<Utc>>,
    pub intake: Intake,
}

impl IntakeAnswers {
    /// Its answers as `(field, value)` pairs, nested fields joined by dots, empty ones left out.
    pub fn answers(&self) -> Vec<(String, String)> {
        let json = serde_json::to_value(&self.intake).unwrap_or_default();
        tables::flatten_pairs(&json)
    }
}

/// One daily check-in.
#[derive(Debug, Clone, PartialEq)]
pub struct Checkin {
    pub id: String,
    pub day: NaiveDate,
    pub taken_at: DateTime<Utc>,
    /// 0–10.
    pub mood: u8,
    pub sleep_hours: f64,
    pub medication: Medication,
    pub note: Option<String>,
}

/// One goal with its progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    pub id: String,
    pub title: String,
    pub success: String,
    pub measured_by: Option<String>,
    pub target_date: Option<NaiveDate>,
    pub status: GoalStatus,
    pub close_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub progress: Vec<GoalProgress>,
}

/// One progress rating of a goal (0–10) with its note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalProgress {
    pub at: DateTime<Utc>,
    pub rating: u8,
    pub note: Option<String>,
}

/// One version of the treatment plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreatmentPlanVersion {
    pub id: String,
    pub version: i32,
    pub plan: TreatmentPlan,
    pub review_on: Option<NaiveDate>,
    /// The writer's name ("you" never: the export names the clinician).
    pub written_by: String,
    pub written_at: DateTime<Utc>,
    pub agreed_at: Option<DateTime<Utc>>,
}

/// The safety plan or the plan for staying well in force: titled sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionedPlan {
    pub id: String,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
    pub written_by: String,
    pub sections: Vec<(String, String)>,
}

/// One session the client is in; nothing about anyone else in it but the clinician.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: String,
    pub starts_at: DateTime<Utc>,
    pub minutes: u16,
    pub kind: SessionKind,
    pub modality: Modality,
    pub place: Option<String>,
    pub clinician: String,
    pub cancelled: bool,
    pub attendance: Option<Attendance>,
}

/// One clinician on the care team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamMember {
    pub name: String,
    /// How the care team page says it ("Primary therapist").
    pub role: String,
    pub credential: Option<String>,
    pub since: DateTime<Utc>,
}

/// One secure message of the client's thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: String,
    pub sent_at: DateTime<Utc>,
    /// `None` when the client wrote it; else the clinician's name.
    pub from_clinician: Option<String>,
    pub body: String,
}

/// One file of the ZIP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub name: &'static str,
    pub bytes: Vec<u8>,
}

/// The files of the export, in the order the ZIP lists them.
pub fn files(record: &Record) -> Vec<File> {
    let bundle = crate::fhir::record_bundle(record);
    let json = serde_json::to_vec_pretty(&bundle).unwrap_or_default();
    vec![
        File {
            name: "README.txt",
            bytes: readme::text(record).into_bytes(),
        },
        File {
            name: "summary.html",
            bytes: summary::html(record).into_bytes(),
        },
        File {
            name: "fhir-bundle.json",
            bytes: json,
        },
        File {
            name: "measures.csv",
            bytes: tables::measures(record).into_bytes(),
        },
        File {
            name: "checkins.csv",
            bytes: tables::checkins(record).into_bytes(),
        },
        File {
            name: "homework.csv",
            bytes: tables::homework(record).into_bytes(),
        },
    ]
}

/// The download's name: the day it was made, never a person's name.
pub fn file_name(made_at: DateTime<Utc>) -> String {
    format!("rapport-export-{}.zip", made_at.format("%Y-%m-%d"))
}

/// `2026-12-05 14:30 UTC`.
pub(crate) fn when(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// RFC 3339 to the second, `Z`.
pub(crate) fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
