//! Questionnaires and the daily check-in over the API, a client's series of results, and one
//! stored questionnaire with its answers for the care team.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use rapport_app::measures::{
    self, AnswerView, CheckinResult, MeasureDetail, MeasurePoint, MeasureResult, NewCheckin,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiActor, ApiQuery, ClientId, IdempotencyKey, JsonBody, MeasureId};
use crate::error::{ApiError, CrisisLink, ErrorBody, ErrorWithCrisis, ErrorWithCrisisBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/measures", post(submit))
        .route("/api/v1/checkins", post(checkin))
        .route("/api/v1/clients/{id}/measures", get(series))
        .route("/api/v1/measures/{id}", get(measure))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct MeasureRequest {
    /// `phq9`, `phq2`, `gad7` or `who5`.
    pub instrument: String,
    /// One integer (or null for an unanswered item) per scored item, in order.
    pub answers: Vec<Option<i64>>,
    /// PHQ-9 only: how difficult the problems made life (0–3), not scored.
    pub difficulty: Option<i64>,
    /// The language the questionnaire was shown in, a BCP 47 tag (`es`, `es-US`): stored with
    /// the answers (which are numbers whatever the language) and carried by the FHIR export.
    pub language: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FlagView {
    /// `safety`, `deterioration`, `relapse`, `not_on_track`, `warning_signs`, `disengagement`, `alliance`.
    pub kind: String,
    /// `critical`, `high`, `medium`, `low`.
    pub level: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeasureResponse {
    pub id: String,
    pub instrument: String,
    pub total: u8,
    /// `minimal`, `mild`, `moderate`, `moderately_severe`, `severe` (PHQ-9, GAD-7).
    pub band: Option<String>,
    pub prorated: bool,
    /// Flags this result raised or added to. A `safety` flag means: show crisis resources now.
    pub flags: Vec<FlagView>,
    pub baseline: u8,
    pub follow_up: Option<String>,
    pub percentage: Option<u8>,
    /// The instance's crisis lines, on every PHQ-9 whose item 9 (thoughts of being better off
    /// dead or of self-harm) was answered above 0: show them at once. Empty otherwise.
    pub crisis: Vec<CrisisLink>,
}

impl From<MeasureResult> for MeasureResponse {
    fn from(r: MeasureResult) -> Self {
        MeasureResponse {
            id: r.id.to_string(),
            instrument: r.instrument.as_str().into(),
            total: r.total,
            band: r.band.map(|b| b.as_str().into()),
            prorated: r.prorated,
            flags: r
                .flags
                .into_iter()
                .map(|f| FlagView {
                    kind: f.kind.as_str().into(),
                    level: f.level.as_str().into(),
                })
                .collect(),
            baseline: r.baseline,
            follow_up: r.follow_up.map(|i| i.as_str().into()),
            percentage: r.percentage,
            crisis: vec![],
        }
    }
}

/// A client answers a questionnaire about themself. Honours `Idempotency-Key`.
#[utoipa::path(post, path = "/api/v1/measures", tag = "measures", request_body = MeasureRequest, security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "A retry with the same key returns the first answer and stores nothing twice")),
    responses((status = 201, body = MeasureResponse), (status = 422, body = ErrorWithCrisisBody, description = "Refused: `error` names the item to fix; `crisis` lists the crisis lines when item 9 was answered above 0"), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn submit(
    State(state): State<AppState>,
    caller: Result<ApiActor, ApiError>,
    IdempotencyKey(key): IdempotencyKey,
    JsonBody(body): JsonBody<MeasureRequest>,
) -> Result<(StatusCode, Json<MeasureResponse>), ErrorWithCrisis> {
    // The crisis lines come with the answer, and with its refusal, whatever the refusal.
    let crisis = if measures::asks_for_crisis_help(&body.instrument, &body.answers) {
        crisis_links(&state).await
    } else {
        vec![]
    };
    let refused = |error: ApiError| ErrorWithCrisis {
        error,
        crisis: crisis.clone(),
    };
    let ApiActor(actor) = caller.map_err(refused)?;
    let (instrument, answers) = (&body.instrument, &body.answers);
    let r = measures::submit_measure_in(
        &state.app,
        &actor,
        instrument,
        answers,
        body.difficulty,
        body.language.as_deref(),
        key.as_deref(),
    )
    .await
    .map_err(|e| refused(ApiError(e)))?;
    let response = MeasureResponse { crisis, ..r.into() };
    Ok((StatusCode::CREATED, Json(response)))
}

/// The instance's crisis lines, as the API gives them.
async fn crisis_links(state: &AppState) -> Vec<CrisisLink> {
    state
        .crisis_lines()
        .await
        .iter()
        .map(|l| CrisisLink {
            label: l.label.clone(),
            href: l.href.clone(),
        })
        .collect()
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CheckinRequest {
    /// 0 (worst) to 10 (best).
    pub mood: Option<i64>,
    /// 0–24, in quarter hours.
    pub sleep_hours: Option<f64>,
    /// `taken`, `missed` or `not_prescribed`.
    pub medication: Option<String>,
    pub note: Option<String>,
    /// Ids of the client's own warning signs ticked today.
    #[serde(default)]
    pub warning_signs: Vec<String>,
    /// The answer to "Have you had thoughts that you would be better off dead, or of hurting
    /// yourself, today?". Optional. Ask it while the client is at risk (their last PHQ-9 item 9
    /// was 1 or more, or a safety flag was raised in the last 90 days); an answer is taken
    /// whenever it is sent. `yes` raises the critical safety flag, and the answer carries the
    /// crisis lines.
    #[schema(value_type = Option<SelfHarmWord>)]
    pub self_harm: Option<String>,
    /// With `medication: missed`, why (optional): `side_effects`, `forgot`, `ran_out` or
    /// `chose_not_to`.
    pub missed_reason: Option<String>,
}

impl From<CheckinRequest> for NewCheckin {
    fn from(b: CheckinRequest) -> Self {
        NewCheckin {
            mood: b.mood,
            sleep_hours: b.sleep_hours,
            medication: b.medication,
            note: b.note,
            warning_signs: b.warning_signs,
            self_harm: b.self_harm,
            missed_reason: b.missed_reason,
        }
    }
}

/// An answer to the check-in's question about self-harm (for the OpenAPI document: the
/// request carries the word, which the use-case reads).
#[allow(dead_code)]
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SelfHarmWord {
    Yes,
    No,
    Skip,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CheckinResponse {
    pub id: String,
    /// The client's own calendar day.
    pub day: String,
    pub flags: Vec<FlagView>,
    /// The instance's crisis lines when the client answered `yes` to the question about
    /// self-harm: show them at once. Empty otherwise.
    pub crisis: Vec<CrisisLink>,
}

impl From<CheckinResult> for CheckinResponse {
    fn from(r: CheckinResult) -> Self {
        CheckinResponse {
            id: r.id.to_string(),
            day: r.day.to_string(),
            flags: r
                .flags
                .into_iter()
                .map(|f| FlagView {
                    kind: f.kind.as_str().into(),
                    level: f.level.as_str().into(),
                })
                .collect(),
            crisis: vec![],
        }
    }
}

/// The daily check-in. Honours `Idempotency-Key`.
#[utoipa::path(post, path = "/api/v1/checkins", tag = "measures", request_body = CheckinRequest, security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "A retry with the same key returns the first answer and stores nothing twice")),
    responses((status = 201, body = CheckinResponse), (status = 422, body = ErrorBody)))]
pub async fn checkin(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    IdempotencyKey(key): IdempotencyKey,
    JsonBody(body): JsonBody<CheckinRequest>,
) -> Result<(StatusCode, Json<CheckinResponse>), ApiError> {
    let said_yes = measures::checkin_asks_for_crisis_help(body.self_harm.as_deref());
    let r = measures::submit_checkin(&state.app, &actor, body.into(), key.as_deref()).await?;
    let crisis = if said_yes {
        crisis_links(&state).await
    } else {
        vec![]
    };
    let response = CheckinResponse { crisis, ..r.into() };
    Ok((StatusCode::CREATED, Json(response)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SeriesQuery {
    /// Only this instrument (`phq9`, `phq2`, `gad7`, `who5`).
    pub instrument: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeasureView {
    pub id: String,
    pub instrument: String,
    pub total: u8,
    pub band: Option<String>,
    pub taken_at: String,
    pub prorated: bool,
    pub item9: Option<u8>,
    pub episode_id: String,
}

impl From<MeasurePoint> for MeasureView {
    fn from(p: MeasurePoint) -> Self {
        MeasureView {
            id: p.id.to_string(),
            instrument: p.instrument.as_str().into(),
            total: p.total,
            band: p.band.map(|b| b.as_str().into()),
            taken_at: p.taken_at.to_rfc3339(),
            prorated: p.prorated,
            item9: p.item9,
            episode_id: p.episode_id.to_string(),
        }
    }
}

/// A client's measures, oldest first (the client, or a clinician on their care team).
#[utoipa::path(get, path = "/api/v1/clients/{id}/measures", tag = "measures", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id"), SeriesQuery),
    responses((status = 200, body = [MeasureView]), (status = 403, body = ErrorBody)))]
pub async fn series(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
    ApiQuery(q): ApiQuery<SeriesQuery>,
) -> Result<Json<Vec<MeasureView>>, ApiError> {
    let instrument = q.instrument.as_deref();
    let points = measures::client_series(&state.app, &actor, client, instrument).await?;
    Ok(Json(points.into_iter().map(MeasureView::from).collect()))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ItemAnswer {
    /// As printed on the form (the PHQ-9's "how difficult" is 10).
    pub number: u8,
    pub question: String,
    /// Absent: left unanswered.
    pub value: Option<u8>,
    /// The words of the answer chosen.
    pub label: Option<String>,
}

impl From<AnswerView> for ItemAnswer {
    fn from(a: AnswerView) -> Self {
        ItemAnswer {
            number: a.number,
            question: a.question.into(),
            value: a.value,
            label: a.answer.map(str::to_string),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PreviousMeasure {
    pub id: String,
    pub taken_at: String,
    pub total: u8,
    pub band: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeasureDetailView {
    pub id: String,
    pub client_id: String,
    pub instrument: String,
    pub taken_at: String,
    /// The total (WHO-5: raw, 0–25; `percentage` 0–100).
    pub total: u8,
    pub band: Option<String>,
    pub percentage: Option<u8>,
    pub prorated: bool,
    /// PHQ-9 only: item 9 (thoughts of being better off dead or of self-harm), apart.
    pub item9: Option<ItemAnswer>,
    /// Every item in order, then the unscored ones.
    pub answers: Vec<ItemAnswer>,
    /// The one before of the same instrument.
    pub previous: Option<PreviousMeasure>,
    /// Since the previous one (PHQ-9, GAD-7): `reliable_improvement`, `no_reliable_change`
    /// or `reliable_deterioration`.
    pub change: Option<String>,
    pub flags: Vec<FlagView>,
}

impl From<MeasureDetail> for MeasureDetailView {
    fn from(d: MeasureDetail) -> Self {
        MeasureDetailView {
            id: d.id.to_string(),
            client_id: d.client_id.to_string(),
            instrument: d.instrument.as_str().into(),
            taken_at: d.taken_at.to_rfc3339(),
            total: d.total,
            band: d.band.map(|b| b.as_str().into()),
            percentage: d.percentage,
            prorated: d.prorated,
            item9: d.item9.map(ItemAnswer::from),
            answers: d.answers.into_iter().map(ItemAnswer::from).collect(),
            previous: d.previous.map(|p| PreviousMeasure {
                id: p.id.to_string(),
                taken_at: p.taken_at.to_rfc3339(),
                total: p.total,
                band: p.band.map(|b| b.as_str().into()),
            }),
            change: d.change.map(|c| {
                serde_json::to_value(c)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            }),
            flags: d
                .flags
                .into_iter()
                .map(|f| FlagView {
                    kind: f.kind.as_str().into(),
                    level: f.level.as_str().into(),
                })
                .collect(),
        }
    }
}

/// One stored questionnaire with every answer (item 9 apart), its score and band, and the
/// change since the one before (the client, or a clinician on their care team or on triage
/// duty for an unassigned client). Someone else's is not found; the read is audited.
#[utoipa::path(get, path = "/api/v1/measures/{id}", tag = "measures", security(("bearer" = [])),
    params(("id" = String, Path, description = "The measure's id")),
    responses((status = 200, body = MeasureDetailView), (status = 404, body = ErrorBody)))]
pub async fn measure(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    MeasureId(id): MeasureId,
) -> Result<Json<MeasureDetailView>, ApiError> {
    Ok(Json(
        measures::measure_detail(&state.app, &actor, id)
            .await?
            .into(),
    ))
}
