//! Rapport's storage: one schema and one set of queries for SQLite and PostgreSQL, field
//! encryption for free text about clients, and the hash-chained audit log.

pub mod access;
pub mod accounts;
pub mod alerts;
pub mod audit;
pub mod backup;
pub mod bulk;
pub mod calendar;
pub mod care_teams;
pub mod checkins;
pub mod consents;
pub mod consultations;
pub mod crypto;
mod db;
pub mod deliveries;
pub mod emergency_access;
pub mod episodes;
pub mod erasure;
mod error;
pub mod family;
pub mod goals;
pub mod groups;
pub mod homework;
pub mod idempotency;
pub mod intakes;
pub mod jobs;
pub mod measures;
pub mod messaging;
pub mod migrations;
pub mod notes;
pub mod notifications;
pub mod observations;
pub mod on_call;
pub mod plans;
pub mod practice_leads;
pub mod reminders;
pub mod reports;
pub mod sessions;
pub mod settings;
pub mod therapists;
pub mod throttle;
pub mod triage;

pub use access::ClientTx;
pub use db::{Backend, Db, DbOptions, ReadTx, Tx, WriteTx};
pub use error::{Error, Result, Unwritable};
pub use sea_orm::{ConnectionTrait, DatabaseTransaction};
