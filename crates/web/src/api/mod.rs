//! The JSON API under `/api/v1`, for mobile apps and integrations. Bearer tokens only.

pub mod accounts;
pub mod admin;
pub mod administration;
pub mod alerts;
pub mod calendar;
pub mod care_teams;
pub mod consultations;
pub mod emergency_access;
pub mod episodes;
pub mod erasure;
pub mod export;
mod extract;
pub mod family;
pub mod feedback;
pub mod fhir;
pub mod goals;
pub mod groups;
pub mod health;
pub mod homework;
pub mod instruments;
pub mod intake;
pub mod jobs;
pub mod learning;
pub mod matching;
pub mod measures;
pub mod medication;
pub mod messaging;
pub mod notes;
pub mod notifications;
pub mod observations;
pub mod on_call;
pub mod openapi;
pub mod plans;
pub mod reminders;
pub mod reports;
pub mod session_requests;
pub mod session_rooms;
pub mod sessions;
pub mod sleep;
pub mod therapists;
pub mod triage;

use axum::Router;

pub use extract::{
    AccountId, AlertId, ApiActor, ApiQuery, Bearer, ClientId, ClinicianId, GoalId, HomeworkId,
    IdempotencyKey, JsonBody, MeasureId, RequestId, SessionId,
};

use crate::state::AppState;

/// The API's routes, `/healthz` and `/metrics`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(accounts::routes())
        .merge(admin::routes())
        .merge(administration::routes())
        .merge(care_teams::routes())
        .merge(triage::routes())
        .merge(intake::routes())
        .merge(plans::routes())
        .merge(goals::routes())
        .merge(homework::routes())
        .merge(consultations::routes())
        .merge(groups::routes())
        .merge(family::routes())
        .merge(episodes::routes())
        .merge(learning::routes())
        .merge(matching::routes())
        .merge(sessions::routes())
        .merge(session_requests::routes())
        .merge(session_rooms::routes())
        .merge(notes::routes())
        .merge(observations::routes())
        .merge(feedback::routes())
        .merge(calendar::routes())
        .merge(health::routes())
        .merge(measures::routes())
        .merge(instruments::routes())
        .merge(medication::routes())
        .merge(sleep::routes())
        .merge(fhir::routes())
        .merge(export::routes())
        .merge(alerts::routes())
        .merge(therapists::routes())
        .merge(openapi::routes())
        .merge(reminders::routes())
        .merge(on_call::routes())
        .merge(messaging::routes())
        .merge(notifications::routes())
        .merge(jobs::routes())
        .merge(erasure::routes())
        .merge(emergency_access::routes())
        .merge(reports::routes())
}
