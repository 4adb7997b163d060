//! Therapist profiles and the public directory over the API: a clinician reads and writes
//! their own profile, an administrator records a licence check, and anyone (no token) searches
//! the directory and reads one listed profile. The licence number never leaves the
//! administrator's records.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use rapport_app::therapists::{self, Filters, LicenceCheck, Listed, MyProfile};
use rapport_core::therapists::{
    Credential, Format, Gender, InsuranceList, Jurisdiction, Language, Mode, Profile, Specialty,
    TherapyApproach,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use super::{AccountId, ApiActor, ApiQuery, JsonBody};
use crate::error::{ApiError, ErrorBody, ErrorDetail};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/me/profile", get(my_profile).put(save_my_profile))
        .route(
            "/api/v1/admin/clinicians/{id}/verify",
            post(verify_clinician),
        )
        .route("/api/v1/therapists", get(therapists_directory))
        .route("/api/v1/therapists/{id}", get(therapist))
}

/// A profile as the API writes it (`PUT /api/v1/me/profile` takes the same fields).
#[derive(Debug, Serialize, ToSchema)]
pub struct ProfileDoc {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pronouns: Option<String>,
    /// `woman`, `man` or `non_binary`, only if the clinician chose to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// `md`, `do`, `phd`, `psyd`, `lcsw`, `lpc`, `lmft`, `np`, `psychiatric_nurse`, `counsellor`.
    pub credentials: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub years_in_practice: Option<u16>,
    /// `cbt`, `behavioural_activation`, `cognitive`, `interpersonal`, `psychodynamic`, `family`,
    /// `group`, `mbct`, `cbasp`, `problem_solving`, `act`, `emotion_focused`, `counselling`,
    /// `couples`.
    pub approaches: Vec<String>,
    /// `individual`, `family`, `group`.
    pub formats: Vec<String>,
    /// `in_person`, `online`, `phone`.
    pub modes: Vec<String>,
    /// Where in-person sessions happen (needed with `in_person`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// ISO 3166-2 codes such as `US-CA`, or a country such as `IE` for a national licence.
    pub jurisdictions: Vec<String>,
    /// BCP 47 tags such as `en`, `es`, `pt-BR`, `ase` (American Sign Language).
    pub languages: Vec<String>,
    /// `treatment_resistant_depression`, `perinatal`, `grief`, …
    pub specialties: Vec<String>,
    /// One session's fee in whole units of the practice's currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fee: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sliding_scale: Option<bool>,
    /// Plan names (a single string is read as a list of one).
    pub insurance: Vec<String>,
    pub accepting_new_clients: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statement: Option<String>,
}

fn strs<T: Copy>(v: &[T], word: fn(T) -> &'static str) -> Vec<String> {
    v.iter().map(|x| word(*x).to_string()).collect()
}

impl ProfileDoc {
    fn of(p: &Profile) -> ProfileDoc {
        ProfileDoc {
            pronouns: p.pronouns.clone(),
            gender: p.gender.map(|g| g.as_str().to_string()),
            credentials: strs(&p.credentials, Credential::as_str),
            years_in_practice: p.years_in_practice,
            approaches: strs(&p.approaches, TherapyApproach::as_str),
            formats: strs(&p.formats, Format::as_str),
            modes: strs(&p.modes, Mode::as_str),
            location: p.location.clone(),
            jurisdictions: p.jurisdictions.iter().map(|j| j.as_str().into()).collect(),
            languages: p.languages.iter().map(|l| l.as_str().into()).collect(),
            specialties: strs(&p.specialties, Specialty::as_str),
            fee: p.fee,
            sliding_scale: p.sliding_scale,
            insurance: p.insurance.0.clone(),
            accepting_new_clients: p.accepting_new_clients,
            availability: p.availability.clone(),
            statement: p.statement.clone(),
        }
    }
}

/// The practice's check of the licence, as anyone may read it.
#[derive(Debug, Serialize, ToSchema)]
pub struct VerificationDoc {
    /// `YYYY-MM-DD`.
    pub checked_on: String,
    /// The state or country that issued the licence.
    pub issuer: String,
}

/// The clinician's own profile, with the practice's check and whether visitors find them.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyProfileView {
    #[serde(flatten)]
    pub profile: ProfileDoc,
    /// Present once an administrator has checked the licence.
    pub verification: Option<VerificationDoc>,
    /// Whether the directory shows them now (checked, accepting new clients).
    pub listed: bool,
}

fn my_view(m: MyProfile) -> Response {
    let Some(profile) = m.profile else {
        return (
            StatusCode::NOT_FOUND,
            Json(ErrorBody {
                error: ErrorDetail {
                    code: "not_found",
                    message: "You have no profile yet: send one with PUT /api/v1/me/profile."
                        .into(),
                    field: None,
                },
            }),
        )
            .into_response();
    };
    Json(MyProfileView {
        profile: ProfileDoc::of(&profile),
        verification: m.check.map(|c| VerificationDoc {
            checked_on: c.checked_on.to_string(),
            issuer: c.issuer,
        }),
        listed: m.listed,
    })
    .into_response()
}

/// The signed-in clinician's profile (404 until they save one).
#[utoipa::path(get, path = "/api/v1/me/profile", tag = "therapists", security(("bearer" = [])),
    responses((status = 200, body = MyProfileView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn my_profile(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Response, ApiError> {
    Ok(my_view(therapists::my_profile(&state.app, &actor).await?))
}

/// One field of a profile as its type, or a 422 naming it.
fn field<T: DeserializeOwned>(body: &Value, name: &str) -> Result<(), ApiError> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(()),
        Some(v) => serde_json::from_value::<T>(v.clone())
            .map(|_| ())
            .map_err(|e| ApiError::invalid(name, &e.to_string())),
    }
}

/// Reads a profile from JSON; a word or value that does not fit names its field.
fn profile_of(body: Value) -> Result<Profile, ApiError> {
    match serde_json::from_value::<Profile>(body.clone()) {
        Ok(p) => Ok(p),
        Err(whole) => {
            field::<String>(&body, "pronouns")?;
            field::<Gender>(&body, "gender")?;
            field::<Vec<Credential>>(&body, "credentials")?;
            field::<u16>(&body, "years_in_practice")?;
            field::<Vec<TherapyApproach>>(&body, "approaches")?;
            field::<Vec<Format>>(&body, "formats")?;
            field::<Vec<Mode>>(&body, "modes")?;
            field::<String>(&body, "location")?;
            field::<Vec<Jurisdiction>>(&body, "jurisdictions")?;
            field::<Vec<Language>>(&body, "languages")?;
            field::<Vec<Specialty>>(&body, "specialties")?;
            field::<u32>(&body, "fee")?;
            field::<bool>(&body, "sliding_scale")?;
            field::<InsuranceList>(&body, "insurance")?;
            field::<bool>(&body, "accepting_new_clients")?;
            field::<String>(&body, "availability")?;
            field::<String>(&body, "statement")?;
            let text = whole.to_string();
            let name = text
                .split('`')
                .nth(1)
                .filter(|f| f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or("body")
                .to_string();
            Err(ApiError::invalid(&name, &text))
        }
    }
}

/// Saves the signed-in clinician's whole profile (the JSON); answers it with the
/// practice's check, when there is one.
#[utoipa::path(put, path = "/api/v1/me/profile", tag = "therapists", request_body = ProfileDoc, security(("bearer" = [])),
    responses((status = 200, body = MyProfileView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save_my_profile(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    JsonBody(body): JsonBody<Value>,
) -> Result<Response, ApiError> {
    let profile = profile_of(body)?;
    Ok(my_view(
        therapists::save_my_profile(&state.app, &actor, profile).await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct VerifyRequest {
    #[serde(default)]
    pub licence_number: String,
    /// The issuing state or country (`US-CA`, `Ireland`).
    #[serde(default)]
    pub issuer: String,
    /// `YYYY-MM-DD`, not in the future.
    #[serde(default)]
    pub checked_on: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VerificationRecorded {
    pub id: String,
    pub clinician_id: String,
    pub licence_number: String,
    pub issuer: String,
    pub checked_on: String,
    pub recorded_at: String,
}

/// Records the practice's check of a clinician's licence (an administrator). From then on,
/// while they accept new clients, the directory lists them.
#[utoipa::path(post, path = "/api/v1/admin/clinicians/{id}/verify", tag = "therapists", request_body = VerifyRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The clinician's id")),
    responses((status = 201, body = VerificationRecorded), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn verify_clinician(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    AccountId(clinician): AccountId,
    JsonBody(body): JsonBody<VerifyRequest>,
) -> Result<(StatusCode, Json<VerificationRecorded>), ApiError> {
    let checked_on = match body.checked_on.trim() {
        "" => None,
        d => Some(
            NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| ApiError::invalid("checked_on", "Use a date like 2026-11-30."))?,
        ),
    };
    let v = therapists::verify(
        &state.app,
        &actor,
        clinician,
        LicenceCheck {
            licence_number: body.licence_number,
            issuer: body.issuer,
            checked_on,
        },
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(VerificationRecorded {
            id: v.id.to_string(),
            clinician_id: v.clinician_id.to_string(),
            licence_number: v.licence_number,
            issuer: v.issuer,
            checked_on: v.checked_on.to_string(),
            recorded_at: v.recorded_at.to_rfc3339(),
        }),
    ))
}

/// A listed clinician as anyone may read them.
#[derive(Debug, Serialize, ToSchema)]
pub struct TherapistItem {
    pub clinician_id: String,
    pub name: String,
    #[serde(flatten)]
    pub profile: ProfileDoc,
    /// The day the practice checked the licence, `YYYY-MM-DD`.
    pub licence_checked_on: String,
}

impl TherapistItem {
    pub fn of(l: &Listed) -> TherapistItem {
        TherapistItem {
            clinician_id: l.clinician_id.to_string(),
            name: l.name.clone(),
            profile: ProfileDoc::of(&l.profile),
            licence_checked_on: l.verified_on.to_string(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DirectoryView {
    pub items: Vec<TherapistItem>,
    /// The next page's number, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<usize>,
}

/// The directory's filters; each is optional.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DirectoryQuery {
    /// An approach word (`cbt`, `interpersonal`, …).
    pub approach: Option<String>,
    /// `individual`, `family` or `group`.
    pub format: Option<String>,
    /// `in_person`, `online` or `phone`.
    pub mode: Option<String>,
    /// A BCP 47 tag (`es` also finds `es-MX`).
    pub language: Option<String>,
    /// A specialty word (`treatment_resistant_depression`, `perinatal`, …).
    pub specialty: Option<String>,
    /// Where the person is: ISO 3166-2 (`US-CA`) or a country.
    pub jurisdiction: Option<String>,
    /// The most one session may cost (clinicians who state no fee are left out).
    pub max_fee: Option<String>,
    /// A plan name (case ignored).
    pub insurance: Option<String>,
    /// 1-based; 20 to a page.
    pub page: Option<String>,
}

/// A filter's word. The page's form sends an empty value for "any" and may be typed loosely;
/// the API takes exactly the words its document lists (an empty value is refused there too).
fn word<T>(
    field: &str,
    value: Option<&str>,
    parse: fn(&str) -> Option<T>,
    all: Vec<&'static str>,
    strict: bool,
) -> Result<Option<T>, ApiError> {
    let value = if strict {
        value
    } else {
        value.map(str::trim).filter(|v| !v.is_empty())
    };
    match value {
        None => Ok(None),
        Some(v) => (!strict || all.contains(&v))
            .then(|| parse(v))
            .flatten()
            .map(Some)
            .ok_or_else(|| {
                // The page offers the words in a list: only an edited address sends another.
                let message = if strict {
                    format!("Unknown word `{v}`: use one of {}.", all.join(", "))
                } else {
                    "Choose one from the list.".to_string()
                };
                ApiError::invalid(field, &message)
            }),
    }
}

fn all<T: Copy>(v: &[T], w: fn(T) -> &'static str) -> Vec<&'static str> {
    v.iter().map(|x| w(*x)).collect()
}

/// The filters and page as typed (the API's query, `strict`, or the page's form); a word or
/// number that does not fit names its field.
pub fn filters_of(q: &DirectoryQuery, strict: bool) -> Result<(Filters, usize), ApiError> {
    let number = |field: &str, v: Option<&str>| -> Result<Option<u64>, ApiError> {
        match v.map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => v
                .parse::<u64>()
                .map(Some)
                .map_err(|_| ApiError::invalid(field, "Write a whole number.")),
        }
    };
    let filters = Filters {
        approach: word(
            "approach",
            q.approach.as_deref(),
            TherapyApproach::parse,
            all(TherapyApproach::ALL, TherapyApproach::as_str),
            strict,
        )?,
        format: word(
            "format",
            q.format.as_deref(),
            Format::parse,
            all(Format::ALL, Format::as_str),
            strict,
        )?,
        mode: word(
            "mode",
            q.mode.as_deref(),
            Mode::parse,
            all(Mode::ALL, Mode::as_str),
            strict,
        )?,
        specialty: word(
            "specialty",
            q.specialty.as_deref(),
            Specialty::parse,
            all(Specialty::ALL, Specialty::as_str),
            strict,
        )?,
        language: match q
            .language
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            None => None,
            Some(v) => Some(Language::parse(v).ok_or_else(|| {
                ApiError::invalid("language", "Use a BCP 47 tag such as en, es or pt-BR.")
            })?),
        },
        jurisdiction: match q
            .jurisdiction
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            None => None,
            Some(v) => Some(Jurisdiction::parse(v).ok_or_else(|| {
                ApiError::invalid(
                    "jurisdiction",
                    "Use an ISO 3166-2 code such as US-CA, or a country such as IE.",
                )
            })?),
        },
        max_fee: number("max_fee", q.max_fee.as_deref())?
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
        insurance: q
            .insurance
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string),
    };
    let page = match number("page", q.page.as_deref())? {
        None => 1,
        Some(0) => return Err(ApiError::invalid("page", "Pages are numbered from 1.")),
        Some(n) => usize::try_from(n).unwrap_or(usize::MAX / 2),
    };
    Ok((filters, page))
}

/// The public directory: clinicians whose licence the practice checked and who accept new
/// clients, filtered, 20 to a page. No token needed.
#[utoipa::path(get, path = "/api/v1/therapists", tag = "therapists", params(DirectoryQuery),
    responses((status = 200, body = DirectoryView), (status = 422, body = ErrorBody)))]
pub async fn therapists_directory(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<DirectoryQuery>,
) -> Result<Json<DirectoryView>, ApiError> {
    let (filters, page) = filters_of(&q, true)?;
    let found = therapists::directory(&state.app, &filters, page).await?;
    Ok(Json(DirectoryView {
        items: found.items.iter().map(TherapistItem::of).collect(),
        next: found.next,
    }))
}

/// One listed clinician's profile (404 unless listed). No token needed.
#[utoipa::path(get, path = "/api/v1/therapists/{id}", tag = "therapists",
    params(("id" = String, Path, description = "The clinician's id")),
    responses((status = 200, body = TherapistItem), (status = 404, body = ErrorBody)))]
pub async fn therapist(
    State(state): State<AppState>,
    AccountId(clinician): AccountId,
) -> Result<Json<TherapistItem>, ApiError> {
    let l = therapists::public_profile(&state.app, clinician).await?;
    Ok(Json(TherapistItem::of(&l)))
}
