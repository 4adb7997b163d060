//! Medication over the API (issue 22): the client's list (`GET|PUT
//! /api/v1/clients/{id}/medications`), the client confirming their intake's list, adherence
//! week by week, and marking a clinician as a prescriber; medication reviews (the questions a
//! client lists before one) and the one-page summary for the client's own doctor (GP), with
//! the client's consent.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::NaiveDate;
use rapport_app::medication::{self, MedicationList, NewMedicine};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{AccountId, ApiActor, ApiQuery, ClientId, JsonBody, SessionId};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/clients/{id}/medications",
            get(medications).put(set_medications),
        )
        .route("/api/v1/me/medications/confirm", post(confirm_intake))
        .route("/api/v1/clients/{id}/adherence", get(adherence))
        .route(
            "/api/v1/admin/clinicians/{id}/prescriber",
            put(set_prescriber),
        )
        .route(
            "/api/v1/sessions/{id}/questions",
            get(review_questions).put(set_review_questions),
        )
        .route("/api/v1/clients/{id}/medications/summary", get(gp_summary))
        .route(
            "/api/v1/me/gp-summary-consent",
            get(gp_summary_consent).put(set_gp_summary_consent),
        )
}

/// One medicine on the list.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MedicineBody {
    pub name: String,
    /// For example `50 mg`.
    pub dose: String,
    /// When it is taken, for example `once a day, morning`.
    pub schedule: String,
    /// `YYYY-MM-DD`.
    pub started_on: Option<String>,
    /// `YYYY-MM-DD`; absent while taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopped_on: Option<String>,
    /// Why it was stopped (free text, kept encrypted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_reason: Option<String>,
    /// Who prescribed it, when not the prescriber on the care team (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prescriber: Option<String>,
    /// A medicine for depression (the weekly FIBSER is asked while one is taken). Default
    /// `true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_depression: Option<bool>,
}

/// A medicine from the intake, as the client wrote it.
#[derive(Debug, Serialize, ToSchema)]
pub struct IntakeMedicineBody {
    pub name: String,
    pub dose: String,
    pub prescriber: String,
}

/// The client's medication list.
#[derive(Debug, Serialize, ToSchema)]
pub struct MedicationListBody {
    /// The list's version (each change by the prescriber is a new one); absent: no list yet.
    pub version: Option<i32>,
    pub written_at: Option<String>,
    /// The name of who wrote this version.
    pub written_by: Option<String>,
    pub medications: Vec<MedicineBody>,
    /// Whether the reader may change the list (the prescriber on the care team).
    pub may_edit: bool,
    /// While there is no list: the intake's medicines, for the client to confirm.
    pub from_intake: Vec<IntakeMedicineBody>,
    /// Whether the weekly FIBSER is asked (a medicine for depression is taken).
    pub fibser_due: bool,
    /// Whether a medication review with the prescriber is due: none for 12 weeks while a
    /// medicine is taken (counted from the first current medicine's start when there has
    /// been none).
    pub review_due: bool,
    /// The day the next review falls (or fell) due, `YYYY-MM-DD`; absent while no medicine
    /// is taken.
    pub review_due_on: Option<String>,
    /// The day of the last medication review (a `medication_review` session attended or not
    /// yet marked), `YYYY-MM-DD`.
    pub last_review: Option<String>,
}

impl From<MedicationList> for MedicationListBody {
    fn from(l: MedicationList) -> Self {
        MedicationListBody {
            version: l.version,
            written_at: l.written_at.map(|t| t.to_rfc3339()),
            written_by: l.written_by,
            medications: l
                .medications
                .into_iter()
                .map(|m| MedicineBody {
                    name: m.name,
                    dose: m.dose,
                    schedule: m.schedule,
                    started_on: m.started_on.map(|d| d.to_string()),
                    stopped_on: m.stopped_on.map(|d| d.to_string()),
                    stop_reason: m.stop_reason,
                    prescriber: m.prescriber,
                    for_depression: Some(m.for_depression),
                })
                .collect(),
            may_edit: l.may_edit,
            from_intake: l
                .from_intake
                .into_iter()
                .map(|m| IntakeMedicineBody {
                    name: m.name,
                    dose: m.dose,
                    prescriber: m.prescriber,
                })
                .collect(),
            fibser_due: l.fibser_due,
            review_due: l.review_due,
            review_due_on: l.review_due_on.map(|d| d.to_string()),
            last_review: l.last_review.map(|d| d.to_string()),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct MedicationsRequest {
    /// The whole list: what is left out is no longer on it (stop a medicine with
    /// `stopped_on` to keep it in view).
    #[serde(default)]
    pub medications: Vec<MedicineBody>,
}

fn date(field: String, value: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| ApiError::invalid(&field, "Use a date like 2026-11-30.")),
    }
}

/// Reads the API's medicines as the use-case takes them.
pub fn new_medicines(list: Vec<MedicineBody>) -> Result<Vec<NewMedicine>, ApiError> {
    list.into_iter()
        .enumerate()
        .map(|(i, m)| {
            Ok(NewMedicine {
                started_on: date(
                    format!("medications[{i}].started_on"),
                    m.started_on.as_deref(),
                )?,
                stopped_on: date(
                    format!("medications[{i}].stopped_on"),
                    m.stopped_on.as_deref(),
                )?,
                name: m.name,
                dose: m.dose,
                schedule: m.schedule,
                prescriber: m.prescriber,
                stop_reason: m.stop_reason,
                for_depression: m.for_depression,
            })
        })
        .collect()
}

/// The client's medication list (the client or their care team).
#[utoipa::path(get, path = "/api/v1/clients/{id}/medications", tag = "medication", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = MedicationListBody), (status = 403, body = ErrorBody)))]
pub async fn medications(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
) -> Result<Json<MedicationListBody>, ApiError> {
    let list = medication::medications_of(&state.app, &actor, client).await?;
    Ok(Json(list.into()))
}

/// Writes a new version of the client's medication list (the prescriber on the care team
/// only: the care-team role `psychiatrist`, or a clinician marked as prescriber). Answers
/// the list as it now stands.
#[utoipa::path(put, path = "/api/v1/clients/{id}/medications", tag = "medication", request_body = MedicationsRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = MedicationListBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_medications(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
    JsonBody(body): JsonBody<MedicationsRequest>,
) -> Result<Json<MedicationListBody>, ApiError> {
    let list = new_medicines(body.medications)?;
    medication::set_medications(&state.app, &actor, client, list).await?;
    let list = medication::medications_of(&state.app, &actor, client).await?;
    Ok(Json(list.into()))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ListVersion {
    pub version: i32,
}

/// The client confirms that their intake's medicines are right: they become the first version
/// of their list (only while there is none).
#[utoipa::path(post, path = "/api/v1/me/medications/confirm", tag = "medication", security(("bearer" = [])),
    responses((status = 201, body = ListVersion), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn confirm_intake(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<(StatusCode, Json<ListVersion>), ApiError> {
    let version = medication::confirm_intake_list(&state.app, &actor).await?;
    Ok((StatusCode::CREATED, Json(ListVersion { version })))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AdherenceQuery {
    /// How many weeks back, this one included (1–52; default 12).
    pub weeks: Option<u32>,
}

/// Missed doses with one reason.
#[derive(Debug, Serialize, ToSchema)]
pub struct MissedReasonCount {
    /// `side_effects`, `forgot`, `ran_out` or `chose_not_to`.
    pub reason: String,
    pub days: u32,
}

/// One week (Monday to Sunday) of adherence, side-effect burden and PHQ-9.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdherenceWeekBody {
    /// The week's Monday, `YYYY-MM-DD`.
    pub week_start: String,
    pub taken: u32,
    pub missed: u32,
    /// Taken ÷ (taken + missed) as a percentage; absent without such answers.
    pub rate_percent: Option<u8>,
    pub missed_reasons: Vec<MissedReasonCount>,
    /// The week's last FIBSER burden (0–6).
    pub burden: Option<u8>,
    /// The week's last PHQ-9 total.
    pub phq9: Option<u8>,
}

/// The client's weekly adherence from the check-in, with the reasons for missed doses, the
/// side-effect burden and the PHQ-9, oldest week first (the client or their care team).
#[utoipa::path(get, path = "/api/v1/clients/{id}/adherence", tag = "medication", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id"), AdherenceQuery),
    responses((status = 200, body = [AdherenceWeekBody]), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn adherence(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
    ApiQuery(q): ApiQuery<AdherenceQuery>,
) -> Result<Json<Vec<AdherenceWeekBody>>, ApiError> {
    let weeks = q.weeks.unwrap_or(12);
    if !(1..=52).contains(&weeks) {
        return Err(ApiError::invalid(
            "weeks",
            "Use a number of weeks from 1 to 52.",
        ));
    }
    let list = medication::adherence_of(&state.app, &actor, client, weeks).await?;
    Ok(Json(
        list.into_iter()
            .map(|w| AdherenceWeekBody {
                week_start: w.week_start.to_string(),
                taken: w.taken,
                missed: w.missed,
                rate_percent: w.rate_percent,
                missed_reasons: w
                    .reasons
                    .into_iter()
                    .map(|(r, days)| MissedReasonCount {
                        reason: r.as_str().into(),
                        days,
                    })
                    .collect(),
                burden: w.burden,
                phq9: w.phq9,
            })
            .collect(),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PrescriberRequest {
    /// Whether the clinician prescribes (and so keeps the medication list of the clients whose
    /// care team they are on).
    #[serde(default)]
    pub prescriber: bool,
}

/// Marks a clinician as a prescriber, or takes the mark away (an administrator).
#[utoipa::path(put, path = "/api/v1/admin/clinicians/{id}/prescriber", tag = "medication", request_body = PrescriberRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The clinician's id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_prescriber(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    AccountId(clinician): AccountId,
    JsonBody(body): JsonBody<PrescriberRequest>,
) -> Result<StatusCode, ApiError> {
    medication::set_prescriber(&state.app, &actor, clinician, body.prescriber).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct QuestionsRequest {
    /// The questions and side effects to raise, each a line of free text (kept encrypted);
    /// the whole list each time, blanks dropped; at most 20 of up to 1,000 characters.
    #[serde(default)]
    pub questions: Vec<String>,
}

/// One client's questions before a medication review.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewQuestionsBody {
    pub client_id: String,
    pub questions: Vec<String>,
    /// When they were last written; absent when none were.
    pub written_at: Option<String>,
}

/// The client lists the questions and side effects to raise at an upcoming medication review
/// (a `medication_review` session they are in, not over or cancelled). The client only.
#[utoipa::path(put, path = "/api/v1/sessions/{id}/questions", tag = "medication", request_body = QuestionsRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id")),
    responses((status = 200, body = QuestionsRequest), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_review_questions(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    SessionId(session): SessionId,
    JsonBody(body): JsonBody<QuestionsRequest>,
) -> Result<Json<QuestionsRequest>, ApiError> {
    let questions =
        medication::set_review_questions(&state.app, &actor, session, body.questions).await?;
    Ok(Json(QuestionsRequest { questions }))
}

/// The questions listed before a medication review: the client's own, or — for their care
/// team — each client in the session whose record the reader may read. Audited.
#[utoipa::path(get, path = "/api/v1/sessions/{id}/questions", tag = "medication", security(("bearer" = [])),
    params(("id" = String, Path, description = "The session's id")),
    responses((status = 200, body = [ReviewQuestionsBody]), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn review_questions(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    SessionId(session): SessionId,
) -> Result<Json<Vec<ReviewQuestionsBody>>, ApiError> {
    let list = medication::review_questions(&state.app, &actor, session).await?;
    Ok(Json(
        list.into_iter()
            .map(|q| ReviewQuestionsBody {
                client_id: q.client_id.to_string(),
                questions: q.questions,
                written_at: q.written_at.map(|t| t.to_rfc3339()),
            })
            .collect(),
    ))
}

/// A current medicine on the summary.
#[derive(Debug, Serialize, ToSchema)]
pub struct SummaryMedicineBody {
    pub name: String,
    pub dose: String,
    pub schedule: String,
    /// `YYYY-MM-DD`.
    pub started_on: Option<String>,
}

/// The PHQ-9 of the current episode.
#[derive(Debug, Serialize, ToSchema)]
pub struct Phq9TrendBody {
    pub first: u8,
    pub lowest: u8,
    pub latest: u8,
    /// How many PHQ-9s the episode has.
    pub count: usize,
}

/// The one-page summary for the client's own doctor (GP).
#[derive(Debug, Serialize, ToSchema)]
pub struct GpSummaryBody {
    pub client_id: String,
    pub client_name: String,
    pub produced_at: String,
    /// The medicines taken now.
    pub medications: Vec<SummaryMedicineBody>,
    /// Taken ÷ (taken + missed) over the last 4 weeks, from the daily check-in; absent
    /// without such answers.
    pub adherence_percent: Option<u8>,
    pub taken_days: u32,
    pub missed_days: u32,
    /// The last FIBSER burden (0–6).
    pub last_burden: Option<u8>,
    /// `YYYY-MM-DD` of the last FIBSER.
    pub last_burden_on: Option<String>,
    /// Absent without a PHQ-9 in the current episode.
    pub phq9: Option<Phq9TrendBody>,
}

/// The one-page summary for the client's own doctor: current medicines, adherence of the last
/// 4 weeks, the last side-effect burden and the PHQ-9 trend. The client, or a clinician on
/// the care team once the client has consented (409 without the consent). Every view is
/// audited.
#[utoipa::path(get, path = "/api/v1/clients/{id}/medications/summary", tag = "medication", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = GpSummaryBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn gp_summary(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
) -> Result<Json<GpSummaryBody>, ApiError> {
    let s = medication::gp_summary(&state.app, &actor, client).await?;
    Ok(Json(GpSummaryBody {
        client_id: s.client_id.to_string(),
        client_name: s.client_name,
        produced_at: s.produced_at.to_rfc3339(),
        medications: s
            .medicines
            .into_iter()
            .map(|m| SummaryMedicineBody {
                name: m.name,
                dose: m.dose,
                schedule: m.schedule,
                started_on: m.started_on.map(|d| d.to_string()),
            })
            .collect(),
        adherence_percent: s.adherence_percent,
        taken_days: s.taken,
        missed_days: s.missed,
        last_burden: s.last_burden.map(|(b, _)| b),
        last_burden_on: s.last_burden.map(|(_, d)| d.to_string()),
        phq9: s.phq9_trend.map(|(first, lowest, latest)| Phq9TrendBody {
            first,
            lowest,
            latest,
            count: s.phq9_count,
        }),
    }))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct GpConsentBody {
    /// Whether the client lets their care team print the summary for their doctor.
    pub consent: bool,
}

/// Whether the client has let their care team print the summary for their doctor (the
/// client).
#[utoipa::path(get, path = "/api/v1/me/gp-summary-consent", tag = "medication", security(("bearer" = [])),
    responses((status = 200, body = GpConsentBody), (status = 403, body = ErrorBody)))]
pub async fn gp_summary_consent(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<GpConsentBody>, ApiError> {
    let consent = medication::gp_summary_consent(&state.app, &actor, actor.user_id).await?;
    Ok(Json(GpConsentBody { consent }))
}

/// The client gives or withdraws their consent to the care team printing the summary for
/// their doctor. Audited.
#[utoipa::path(put, path = "/api/v1/me/gp-summary-consent", tag = "medication", request_body = GpConsentBody, security(("bearer" = [])),
    responses((status = 200, body = GpConsentBody), (status = 403, body = ErrorBody)))]
pub async fn set_gp_summary_consent(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    JsonBody(body): JsonBody<GpConsentBody>,
) -> Result<Json<GpConsentBody>, ApiError> {
    medication::set_gp_summary_consent(&state.app, &actor, body.consent).await?;
    Ok(Json(GpConsentBody {
        consent: body.consent,
    }))
}
