//! Matching over the API: `POST /api/v1/match`, public (a bearer token is optional: a signed-in
//! client's history feeds the match). The answers are used for this one request, never stored.

use axum::extract::{FromRequestParts, State};
use axum::http::header;
use axum::http::request::Parts;
use axum::routing::post;
use axum::{Json, Router};
use rapport_app::Actor;
use rapport_app::matching::{self, Matches};
use rapport_core::matching::Request;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::{ApiActor, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/match", post(find_match))
}

/// The caller when a bearer token is sent (and then it must be good), else nobody.
pub struct MaybeActor(pub Option<Actor>);

impl FromRequestParts<AppState> for MaybeActor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if parts.headers.get(header::AUTHORIZATION).is_none() {
            return Ok(MaybeActor(None));
        }
        let ApiActor(actor) = ApiActor::from_request_parts(parts, state).await?;
        Ok(MaybeActor(Some(actor)))
    }
}

/// The questionnaire's answers; every field is optional. This documents the body; the handler
/// reads it with `Request::from_json`, whose errors name the field and the words to use.
#[allow(dead_code)]
#[derive(Debug, Deserialize, ToSchema)]
pub struct MatchRequest {
    /// What they want help with: `low_mood`, `long_lasting_depression`,
    /// `depression_not_lifting`, `grief`, `perinatal`, `relationships`, `work`, `anxiety`,
    /// `trauma`, `later_life`, `long_term_illness` or `alcohol_or_drugs`.
    pub help_with: Option<String>,
    /// The PHQ-9 total if they know it (0–27).
    pub phq9_total: Option<u8>,
    /// How many courses of therapy before (0–50; 0 when left out).
    pub earlier_courses: Option<u8>,
    /// What was missing last time.
    pub missing: Option<Vec<String>>,
    /// Approaches tried before that did not help (a signed-in client's intake fills it).
    pub earlier_approaches: Option<Vec<String>>,
    /// A preferred approach (`cbt`, `psychodynamic`, …): a preference, never a filter.
    pub approach: Option<String>,
    /// `individual`, `family` or `group`: a preference.
    pub format: Option<String>,
    /// `in_person`, `online` or `phone`: a filter.
    pub mode: Option<String>,
    /// A BCP 47 tag (`es`): a filter, compared without region.
    pub language: Option<String>,
    /// `woman`, `man` or `non_binary`: a preference.
    pub therapist_gender: Option<String>,
    /// The most they can pay for a session: a filter (a sliding scale or their insurance lets a
    /// dearer clinician through, and says so).
    pub max_fee: Option<u32>,
    /// Their insurance plan's name.
    pub insurance: Option<String>,
    /// Where they are, ISO 3166-2 (`US-CA`): a filter, in person and online.
    pub jurisdiction: Option<String>,
    /// `false` offers a signed-in client's earlier therapist on this instance first.
    pub therapist_was_the_problem: Option<bool>,
    pub open_to_family_or_group: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MatchResult {
    pub clinician_id: String,
    /// 0–100: the share of what was asked that fits.
    pub score: u8,
    /// Why, in plain words.
    pub reasons: Vec<String>,
    /// What does not fit.
    pub concerns: Vec<String>,
    /// The kind of each reason, in the same order (`help_with`, `approach`, `missing`, …).
    pub reason_codes: Vec<String>,
    /// The kind of each concern, in the same order (`no_approach`, `fee_above`, …).
    pub concern_codes: Vec<String>,
    pub name: String,
    /// Credential words (`phd`, `lcsw`, …).
    pub credentials: Vec<String>,
    /// The public profile page.
    pub profile_url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EarlierTherapistItem {
    pub clinician_id: String,
    pub name: String,
    pub reasons: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WidenStep {
    /// Which constraint this step drops: `mode`, `budget`, `language` or `jurisdiction`.
    pub step: String,
    pub message: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ResourceItem {
    pub label: String,
    pub href: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MatchResponse {
    /// Best first.
    pub results: Vec<MatchResult>,
    /// A signed-in client's earlier therapists, offered first when they said the therapist was
    /// not the problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earlier_therapists: Option<Vec<EarlierTherapistItem>>,
    /// When nothing matches: constraints to drop, one at a time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub widen: Option<Vec<WidenStep>>,
    /// When nothing matches: public help, and the crisis page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resources: Option<Vec<ResourceItem>>,
    /// The client asked for a different therapist: their current clinicians are left out.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub left_out_current: bool,
}

impl MatchResponse {
    pub fn from_matches(m: Matches) -> MatchResponse {
        let nothing = m.results.is_empty() && m.earlier_therapists.is_empty();
        MatchResponse {
            results: m
                .results
                .into_iter()
                .map(|r| MatchResult {
                    profile_url: format!("/therapists/{}", r.clinician_id),
                    clinician_id: r.clinician_id.to_string(),
                    score: r.score,
                    reasons: r.reasons.iter().map(ToString::to_string).collect(),
                    concerns: r.concerns.iter().map(ToString::to_string).collect(),
                    reason_codes: r.reasons.iter().map(|x| x.code().into()).collect(),
                    concern_codes: r.concerns.iter().map(|x| x.code().into()).collect(),
                    name: r.name,
                    credentials: r.credentials.iter().map(|c| c.as_str().into()).collect(),
                })
                .collect(),
            earlier_therapists: (!m.earlier_therapists.is_empty()).then(|| {
                m.earlier_therapists
                    .into_iter()
                    .map(|e| EarlierTherapistItem {
                        clinician_id: e.clinician_id.to_string(),
                        name: e.name,
                        reasons: e.reasons.iter().map(ToString::to_string).collect(),
                    })
                    .collect()
            }),
            widen: nothing.then(|| {
                m.widen
                    .iter()
                    .map(|s| WidenStep {
                        step: s.step.as_str().into(),
                        message: s.message(),
                    })
                    .collect()
            }),
            resources: nothing.then(|| {
                let mut list: Vec<ResourceItem> = m
                    .resources
                    .iter()
                    .map(|r| ResourceItem {
                        label: r.label.into(),
                        href: r.href.into(),
                        phone: r.phone.map(str::to_string),
                    })
                    .collect();
                list.push(ResourceItem {
                    label: "In danger now, or thinking of harming yourself: crisis lines".into(),
                    href: "/crisis".into(),
                    phone: None,
                });
                list
            }),
            left_out_current: m.left_out_current,
        }
    }
}

/// Matches the answers with listed clinicians, each result with why and what does not fit.
/// Public; with a client's bearer token their intake and history are used (and the run is in
/// their access log, without the answers).
#[utoipa::path(post, path = "/api/v1/match", tag = "matching", request_body = MatchRequest,
    security((), ("bearer" = [])),
    responses((status = 200, body = MatchResponse), (status = 422, body = ErrorBody)))]
pub async fn find_match(
    State(state): State<AppState>,
    MaybeActor(actor): MaybeActor,
    JsonBody(body): JsonBody<Value>,
) -> Result<Json<MatchResponse>, ApiError> {
    let req = Request::from_json(&body).map_err(rapport_app::Error::from)?;
    let m = matching::find_matches(&state.app, actor.as_ref(), req).await?;
    Ok(Json(MatchResponse::from_matches(m)))
}
