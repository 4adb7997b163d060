//! Administration at the size of a real service (issue 17): accounts searched and paged,
//! practice leads, the instance's settings and the audit log with its chain check.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::{DateTime, NaiveDate, Utc};
use rapport_app::admin::audit::{self, AuditPage, Filter};
use rapport_app::admin::{self, AccountPage, AccountQuery};
use rapport_app::settings::{self, CrisisLine, Settings};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{AccountId, ApiActor, ApiQuery, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/admin/users", get(list_users))
        .route(
            "/api/v1/admin/clinicians/{id}/practice-lead",
            put(set_practice_lead),
        )
        .route(
            "/api/v1/admin/settings",
            get(get_settings).put(put_settings),
        )
        .route("/api/v1/admin/audit", get(audit_log))
        .route("/api/v1/admin/audit/verify", post(verify_audit))
}

/// Which accounts, and which page of them.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UsersQuery {
    /// Words of a name (each the beginning of a word of the name), or the beginning of an
    /// e-mail address.
    pub q: Option<String>,
    /// `client`, `clinician`, `family` or `admin`.
    pub role: Option<String>,
    /// 1-based.
    pub page: Option<String>,
    /// 1 to 100; 25 when left out.
    pub per_page: Option<String>,
}

/// A number typed into a query, or a 422 naming its field.
pub fn number(field: &str, v: Option<&str>) -> Result<Option<u64>, ApiError> {
    match v.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v
            .parse::<u64>()
            .map(Some)
            .map_err(|_| ApiError::invalid(field, "Use a whole number from 1.")),
    }
}

impl UsersQuery {
    pub fn query(&self) -> Result<AccountQuery, ApiError> {
        Ok(AccountQuery {
            q: self.q.clone(),
            role: self.role.clone(),
            page: number("page", self.page.as_deref())?,
            per_page: number("per_page", self.per_page.as_deref())?,
        })
    }
}

/// An account as the administrator sees it: no clinical content.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserItem {
    #[schema(format = Uuid)]
    pub id: String,
    pub name: String,
    pub email: String,
    /// `client`, `clinician`, `family` or `admin`.
    pub role: String,
    pub disabled: bool,
    pub totp_enrolled: bool,
    /// A clinician an administrator made practice lead.
    pub practice_lead: bool,
    #[schema(format = DateTime)]
    pub created_at: String,
}

/// A page of accounts, ordered by e-mail address.
#[derive(Debug, Serialize, ToSchema)]
pub struct UsersPage {
    pub users: Vec<UserItem>,
    pub page: u64,
    pub per_page: u64,
    /// How many accounts match in all.
    pub total: u64,
}

impl From<AccountPage> for UsersPage {
    fn from(p: AccountPage) -> Self {
        UsersPage {
            users: p
                .accounts
                .into_iter()
                .map(|a| UserItem {
                    id: a.id.to_string(),
                    name: a.name,
                    email: a.email,
                    role: a.role.as_str().to_string(),
                    disabled: a.disabled,
                    totp_enrolled: a.totp_enrolled,
                    practice_lead: a.practice_lead,
                    created_at: a.created_at.to_rfc3339(),
                })
                .collect(),
            page: p.page,
            per_page: p.per_page,
            total: p.total,
        }
    }
}

/// Accounts found by name or e-mail, filtered by role, a page at a time (administrators).
/// Names are sealed at rest: they are found through a keyed blind index of the beginnings
/// of their words.
#[utoipa::path(get, path = "/api/v1/admin/users", tag = "admin", params(UsersQuery), security(("bearer" = [])),
    responses((status = 200, body = UsersPage), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list_users(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<UsersQuery>,
) -> Result<Json<UsersPage>, ApiError> {
    let page = admin::search_accounts(&state.app, &actor, &q.query()?).await?;
    Ok(Json(page.into()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PracticeLeadRequest {
    pub practice_lead: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PracticeLeadStatus {
    #[schema(format = Uuid)]
    pub id: String,
    pub practice_lead: bool,
}

/// Makes an active clinician a practice lead, or not (administrators; audited when it
/// changes anything). A practice lead sees the whole practice's outcome reports.
#[utoipa::path(put, path = "/api/v1/admin/clinicians/{id}/practice-lead", tag = "admin", request_body = PracticeLeadRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The clinician's id")),
    responses((status = 200, body = PracticeLeadStatus), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_practice_lead(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    AccountId(id): AccountId,
    JsonBody(body): JsonBody<PracticeLeadRequest>,
) -> Result<Json<PracticeLeadStatus>, ApiError> {
    rapport_app::practice_leads::set(&state.app, &actor, id, body.practice_lead).await?;
    Ok(Json(PracticeLeadStatus {
        id: id.to_string(),
        practice_lead: body.practice_lead,
    }))
}

/// One crisis line of one country.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CrisisLineBody {
    /// ISO 3166-1 alpha-2, e.g. `GB`.
    pub country: String,
    /// What it is, e.g. "Samaritans (call, any time)".
    pub label: String,
    /// `tel:…`, `sms:…` or `https://…`.
    pub href: String,
    /// What the button says, e.g. "Call 116 123".
    pub action: String,
}

/// The instance's settings. Left out or null: the default (the United States' crisis
/// lines or the instance's `--crisis-file`, the built-in schedule, `--client-idle-minutes`).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SettingsBody {
    /// The instance's country (ISO 3166-1 alpha-2): its crisis lines are the ones shown.
    #[serde(default)]
    pub country: Option<String>,
    /// Crisis lines, each for a country.
    #[serde(default)]
    pub crisis_lines: Vec<CrisisLineBody>,
    /// Days between asks for clients whose clinician changed nothing, by measure
    /// (`checkin`, `phq9`, `gad7`, `who5`; 0–365, 0 = not asked). Measures left out keep the
    /// built-in default (1, 7, 14, 30).
    #[serde(default)]
    pub default_schedule: BTreeMap<String, i32>,
    /// The client idle time-out in minutes (5–720).
    #[serde(default)]
    pub client_idle_minutes: Option<u32>,
}

impl From<Settings> for SettingsBody {
    fn from(s: Settings) -> Self {
        SettingsBody {
            country: s.country,
            crisis_lines: s
                .crisis_lines
                .into_iter()
                .map(|l| CrisisLineBody {
                    country: l.country,
                    label: l.label,
                    href: l.href,
                    action: l.action,
                })
                .collect(),
            default_schedule: s.default_schedule,
            client_idle_minutes: s.client_idle_minutes,
        }
    }
}

impl From<SettingsBody> for Settings {
    fn from(b: SettingsBody) -> Self {
        Settings {
            country: b.country,
            crisis_lines: b
                .crisis_lines
                .into_iter()
                .map(|l| CrisisLine {
                    country: l.country,
                    label: l.label,
                    href: l.href,
                    action: l.action,
                })
                .collect(),
            default_schedule: b.default_schedule,
            client_idle_minutes: b.client_idle_minutes,
        }
    }
}

/// The instance's settings as set (administrators).
#[utoipa::path(get, path = "/api/v1/admin/settings", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = SettingsBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn get_settings(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<SettingsBody>, ApiError> {
    Ok(Json(settings::get(&state.app, &actor).await?.into()))
}

/// Replaces the instance's settings (administrators; audited with the names of those that
/// changed).
#[utoipa::path(put, path = "/api/v1/admin/settings", tag = "admin", request_body = SettingsBody, security(("bearer" = [])),
    responses((status = 200, body = SettingsBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_settings(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    JsonBody(body): JsonBody<SettingsBody>,
) -> Result<Json<SettingsBody>, ApiError> {
    Ok(Json(
        settings::set(&state.app, &actor, body.into()).await?.into(),
    ))
}

/// Which events of the audit log.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// An action code, e.g. `account.disabled`.
    pub action: Option<String>,
    /// Who did it.
    pub actor_id: Option<String>,
    /// Whose record it was about.
    pub client_id: Option<String>,
    /// `ok`, `denied` or `failed`.
    pub outcome: Option<String>,
    /// From this day (UTC, `YYYY-MM-DD`) or instant (RFC 3339).
    pub from: Option<String>,
    /// Before the end of this day (UTC) or before this instant.
    pub to: Option<String>,
    /// Events before this sequence number (`next_before` of the page before).
    pub before: Option<String>,
    /// 1-based, 50 a page (up to page 200; go further with `before`).
    pub page: Option<String>,
}

fn instant(field: &str, v: &str, end: bool) -> Result<DateTime<Utc>, ApiError> {
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Ok(t.with_timezone(&Utc));
    }
    let day = NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| {
        ApiError::invalid(
            field,
            "Use a day like 2026-12-01 or an instant like 2026-12-01T08:00:00Z.",
        )
    })?;
    let day = if end {
        day.succ_opt().unwrap_or(day)
    } else {
        day
    };
    Ok(day.and_time(chrono::NaiveTime::MIN).and_utc())
}

fn id(field: &str, v: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(v).map_err(|_| ApiError::invalid(field, "Give an account's id."))
}

impl AuditQuery {
    /// The filter asked for; a value that does not read is a 422 naming its field.
    pub fn filter(&self) -> Result<Filter, ApiError> {
        fn text(v: &Option<String>) -> Option<&str> {
            v.as_deref().map(str::trim).filter(|v| !v.is_empty())
        }
        let outcome = text(&self.outcome).map(str::to_string);
        if let Some(o) = &outcome
            && !audit::OUTCOMES.contains(&o.as_str())
        {
            return Err(ApiError::invalid("outcome", "Use ok, denied or failed."));
        }
        let page = number("page", self.page.as_deref())?.unwrap_or(1);
        if !(1..=200).contains(&page) {
            return Err(ApiError::invalid(
                "page",
                "Use a page from 1 to 200; go further back with `before`.",
            ));
        }
        let before = match text(&self.before) {
            None => None,
            Some(v) => Some(
                v.parse::<i64>()
                    .map_err(|_| ApiError::invalid("before", "Use a sequence number."))?,
            ),
        };
        Ok(Filter {
            action: text(&self.action).map(str::to_string),
            actor_id: text(&self.actor_id)
                .map(|v| id("actor_id", v))
                .transpose()?,
            client_id: text(&self.client_id)
                .map(|v| id("client_id", v))
                .transpose()?,
            outcome,
            from: text(&self.from)
                .map(|v| instant("from", v, false))
                .transpose()?,
            to: text(&self.to).map(|v| instant("to", v, true)).transpose()?,
            before,
            offset: (page - 1) * audit::PER_PAGE,
        })
    }
}

/// An event of the audit log, as recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditItem {
    pub seq: i64,
    #[schema(format = DateTime)]
    pub at: String,
    #[schema(format = Uuid)]
    pub actor_id: Option<String>,
    pub actor_name: Option<String>,
    pub actor_role: Option<String>,
    pub action: String,
    #[schema(format = Uuid)]
    pub client_id: Option<String>,
    pub resource: Option<String>,
    pub outcome: String,
    pub address: Option<String>,
    pub detail: Option<String>,
}

/// A page of events, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditBody {
    pub events: Vec<AuditItem>,
    /// Pass as `before` for the next page; null on the last.
    pub next_before: Option<i64>,
}

impl From<AuditPage> for AuditBody {
    fn from(p: AuditPage) -> Self {
        AuditBody {
            events: p
                .events
                .into_iter()
                .map(|e| AuditItem {
                    seq: e.seq,
                    at: e.at.to_rfc3339(),
                    actor_id: e.actor_id.map(|i| i.to_string()),
                    actor_name: e.actor_name,
                    actor_role: e.actor_role,
                    action: e.action,
                    client_id: e.client_id.map(|i| i.to_string()),
                    resource: e.resource,
                    outcome: e.outcome,
                    address: e.address,
                    detail: e.detail,
                })
                .collect(),
            next_before: p.next_before,
        }
    }
}

/// The audit log, filtered, newest first, 50 a page (administrators).
#[utoipa::path(get, path = "/api/v1/admin/audit", tag = "admin", params(AuditQuery), security(("bearer" = [])),
    responses((status = 200, body = AuditBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn audit_log(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<AuditBody>, ApiError> {
    Ok(Json(
        audit::events(&state.app, &actor, q.filter()?).await?.into(),
    ))
}

/// The result of walking the audit chain.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChainCheck {
    /// Whether every event links to the one before and matches its hash.
    pub intact: bool,
    /// How many events were checked.
    pub events: u64,
    /// The first event whose link does not hold.
    pub first_broken_seq: Option<i64>,
    pub reason: Option<String>,
}

/// Walks the audit chain from its first event to its head (administrators).
#[utoipa::path(post, path = "/api/v1/admin/audit/verify", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = ChainCheck), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn verify_audit(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<ChainCheck>, ApiError> {
    let v = rapport_app::audit_log::verify(&state.app, Some(&actor)).await?;
    Ok(Json(ChainCheck {
        intact: v.first_broken.is_none(),
        events: v.events,
        first_broken_seq: v.first_broken.as_ref().map(|b| b.0),
        reason: v.first_broken.map(|b| b.1),
    }))
}
