//! Rapport's use-cases: one function per thing a person does. Every use-case that touches a
//! client's record asks the policy first and writes an audit event in the same transaction.

pub mod access;
pub mod accounts;
pub mod actor;
pub mod admin;
pub mod alerts;
mod app;
pub mod audit_log;
pub mod bulk;
pub mod calendar;
pub mod care_teams;
pub mod clock;
pub mod consultations;
pub mod demo;
pub mod episodes;
mod error;
pub mod family;
pub mod fhir;
pub mod goals;
pub mod groups;
pub mod homework;
pub mod intake;
pub mod jobs;
pub mod learning;
pub mod matching;
pub mod measures;
pub mod messages;
pub mod messaging;
pub mod notes;
pub mod notifications;
pub mod observations;
pub mod plans;
pub mod policy;
pub mod practice_leads;
pub mod reminders;
pub mod reports;
pub mod sessions;
pub mod therapists;
pub mod time;
pub mod timeline;
pub mod triage;
mod words;

pub use actor::Actor;
pub use app::{App, Config, MailConfig};
pub use error::{Error, Result};
