//! The intake over the API: read it, save a draft, send it.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use rapport_app::Error;
use rapport_app::intake;
use rapport_core::intake::{Adherence, Intake, LifeEvent, Medicine};
use rapport_core::plans::approach::EarlierTherapy;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiActor, ClientId, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/clients/{id}/intake", get(intake).put(save_intake))
}

#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
pub struct MedicineDoc {
    pub name: String,
    #[serde(default)]
    pub dose: String,
    #[serde(default)]
    pub prescriber: String,
}

/// The intake's answers. Every field may be left out of a draft.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct IntakeDoc {
    /// What brings the client now.
    pub reason: String,
    /// Any of `job_loss`, `career_change`, `serious_illness`, `bereavement`, `separation`, `other`.
    pub life_events: Vec<String>,
    pub life_events_note: String,
    pub had_therapy: Option<bool>,
    /// Any of `cbt`, `behavioural_activation`, `interpersonal`, `psychodynamic`, `family`,
    /// `group`, `counselling`, `not_sure`.
    pub earlier_kinds: Vec<String>,
    pub earlier_length: String,
    pub earlier_helped: String,
    pub earlier_not_helped: String,
    pub earlier_missing: String,
    /// What the client wants from therapy now.
    pub wants: String,
    pub medicines: Vec<MedicineDoc>,
    /// `as_prescribed`, `mostly` or `not`.
    pub adherence: Option<String>,
    pub sleep: String,
    pub supports: String,
}

fn words<T>(field: &str, list: Vec<String>, parse: fn(&str) -> Option<T>) -> Result<Vec<T>, Error> {
    list.iter()
        .enumerate()
        .map(|(n, w)| {
            parse(w).ok_or_else(|| Error::invalid(format!("{field}[{n}]"), "Unknown word."))
        })
        .collect()
}

impl IntakeDoc {
    fn into_intake(self) -> Result<Intake, Error> {
        Ok(Intake {
            life_events: words("life_events", self.life_events, LifeEvent::parse)?,
            earlier_kinds: words("earlier_kinds", self.earlier_kinds, EarlierTherapy::parse)?,
            adherence: match self.adherence.as_deref() {
                None | Some("") => None,
                Some(w) => Some(Adherence::parse(w).ok_or_else(|| {
                    Error::invalid("adherence", "Use as_prescribed, mostly or not.")
                })?),
            },
            medicines: self
                .medicines
                .into_iter()
                .map(|m| Medicine {
                    name: m.name,
                    dose: m.dose,
                    prescriber: m.prescriber,
                })
                .collect(),
            reason: self.reason,
            life_events_note: self.life_events_note,
            had_therapy: self.had_therapy,
            earlier_length: self.earlier_length,
            earlier_helped: self.earlier_helped,
            earlier_not_helped: self.earlier_not_helped,
            earlier_missing: self.earlier_missing,
            wants: self.wants,
            sleep: self.sleep,
            supports: self.supports,
        })
    }

    fn from_intake(i: Intake) -> IntakeDoc {
        IntakeDoc {
            life_events: i.life_events.iter().map(|e| e.as_str().into()).collect(),
            earlier_kinds: i.earlier_kinds.iter().map(|e| e.as_str().into()).collect(),
            adherence: i.adherence.map(|a| a.as_str().into()),
            medicines: i
                .medicines
                .into_iter()
                .map(|m| MedicineDoc {
                    name: m.name,
                    dose: m.dose,
                    prescriber: m.prescriber,
                })
                .collect(),
            reason: i.reason,
            life_events_note: i.life_events_note,
            had_therapy: i.had_therapy,
            earlier_length: i.earlier_length,
            earlier_helped: i.earlier_helped,
            earlier_not_helped: i.earlier_not_helped,
            earlier_missing: i.earlier_missing,
            wants: i.wants,
            sleep: i.sleep,
            supports: i.supports,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BaselineDoc {
    /// `phq9` or `gad7`.
    pub instrument: String,
    pub total: i16,
    pub band: Option<String>,
    pub taken_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IntakeView {
    pub intake: IntakeDoc,
    /// RFC 3339; absent before the first save.
    pub updated_at: Option<String>,
    /// RFC 3339; absent until sent.
    pub submitted_at: Option<String>,
    /// The first PHQ-9 and GAD-7 of the episode, where answered.
    pub baselines: Vec<BaselineDoc>,
}

impl From<intake::IntakeView> for IntakeView {
    fn from(v: intake::IntakeView) -> Self {
        IntakeView {
            intake: IntakeDoc::from_intake(v.intake),
            updated_at: v.updated_at.map(|t| t.to_rfc3339()),
            submitted_at: v.submitted_at.map(|t| t.to_rfc3339()),
            baselines: v
                .baselines
                .into_iter()
                .map(|b| BaselineDoc {
                    instrument: b.instrument.as_str().into(),
                    total: b.total,
                    band: b.band.map(|b| b.as_str().into()),
                    taken_at: b.taken_at.to_rfc3339(),
                })
                .collect(),
        }
    }
}

/// The intake of the client's current episode (the client or their care team); empty answers
/// before anything is written.
#[utoipa::path(get, path = "/api/v1/clients/{id}/intake", tag = "plans", security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = IntakeView), (status = 403, body = ErrorBody)))]
pub async fn intake(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
) -> Result<Json<IntakeView>, ApiError> {
    let v = intake::intake(&state.app, &actor, client).await?;
    Ok(Json(v.into()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct IntakeRequest {
    pub intake: IntakeDoc,
    /// `true` sends it to the care team (the required answers must be there); `false` saves a
    /// draft.
    #[serde(default)]
    pub send: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IntakeSaved {
    /// RFC 3339, once sent.
    pub submitted_at: Option<String>,
}

/// Saves the intake as a draft, or sends it (the client or their care team).
#[utoipa::path(put, path = "/api/v1/clients/{id}/intake", tag = "plans", request_body = IntakeRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The client's id")),
    responses((status = 200, body = IntakeSaved), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save_intake(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
    JsonBody(body): JsonBody<IntakeRequest>,
) -> Result<Json<IntakeSaved>, ApiError> {
    let intake = body.intake.into_intake()?;
    let at = intake::save_intake(&state.app, &actor, client, intake, body.send).await?;
    Ok(Json(IntakeSaved {
        submitted_at: at.map(|t| t.to_rfc3339()),
    }))
}
