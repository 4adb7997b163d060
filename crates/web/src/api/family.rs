//! Family access over the API (issue 15, part 1): a client invites, lists, changes and ends
//! what each family member can see; a family member accepts a further invitation, lists the
//! people who share with them and reads, per person, what each scope opens.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use rapport_app::Error;
use rapport_app::family::{self, FamilyPage, InvitationView, Member, NewInvitation, Person};
use rapport_core::family::Scope;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::plans::safety::SafetyPlanView;
use super::{AccountId, ApiActor, ClientId, JsonBody};
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/family/invitations",
            get(family_invitations).post(family_invite),
        )
        .route(
            "/api/v1/family/invitations/accept",
            post(accept_family_invitation),
        )
        .route(
            "/api/v1/family/invitations/{id}",
            delete(withdraw_family_invitation),
        )
        .route("/api/v1/family/members", get(family_members))
        .route(
            "/api/v1/family/members/{id}",
            put(set_family_scopes).delete(end_family_access),
        )
        .route("/api/v1/family/people", get(family_people))
        .route(
            "/api/v1/family/people/{client_id}/learning",
            get(family_learning),
        )
        .route(
            "/api/v1/family/people/{client_id}/warning-signs",
            get(family_warning_signs),
        )
        .route(
            "/api/v1/family/people/{client_id}/safety-plan",
            get(family_safety_plan),
        )
}

/// A scope a client grants a family member (for the OpenAPI document: requests carry the
/// word, which the use-case reads and names by its place when unknown).
#[allow(dead_code)]
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FamilyScope {
    Learning,
    WarningSigns,
    SafetyPlan,
    FamilySessions,
    Observations,
}

fn words(scopes: &[Scope]) -> Vec<String> {
    scopes.iter().map(|s| s.as_str().to_string()).collect()
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct FamilyInvitationRequest {
    /// The address the invitee signs up with (they must use this one).
    pub email: String,
    /// Their name, as the client knows them.
    pub name: String,
    /// How the client knows them, 1–60 characters ("sister").
    pub relationship: String,
    /// What they may see, each once; at least one.
    #[schema(value_type = Vec<FamilyScope>)]
    pub scopes: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FamilyInvitationCreated {
    pub id: String,
    /// Shown once: only its hash is kept.
    pub token: String,
    /// `{base_url}/join/{token}`: the client sends it themself (Rapport sends no e-mail).
    pub link: String,
}

/// Invites a family member or friend (the client, for themself). The link works once, for 7 days.
#[utoipa::path(post, path = "/api/v1/family/invitations", tag = "family", request_body = FamilyInvitationRequest, security(("bearer" = [])),
    responses((status = 201, body = FamilyInvitationCreated), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn family_invite(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    JsonBody(body): JsonBody<FamilyInvitationRequest>,
) -> Result<(StatusCode, Json<FamilyInvitationCreated>), ApiError> {
    let made = family::invite(
        &state.app,
        &actor,
        actor.user_id,
        NewInvitation {
            email: body.email,
            name: body.name,
            relationship: body.relationship,
            scopes: body.scopes,
        },
        &state.web.base_url,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(FamilyInvitationCreated {
            id: made.id.to_string(),
            token: made.token,
            link: made.link,
        }),
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FamilyInvitationItem {
    pub id: String,
    pub email: String,
    pub name: String,
    pub relationship: String,
    #[schema(value_type = Vec<FamilyScope>)]
    pub scopes: Vec<String>,
    pub created_at: String,
    pub expires_at: String,
}

impl From<InvitationView> for FamilyInvitationItem {
    fn from(i: InvitationView) -> Self {
        FamilyInvitationItem {
            id: i.id.to_string(),
            scopes: words(&i.scopes),
            email: i.email,
            name: i.name,
            relationship: i.relationship,
            created_at: i.created_at.to_rfc3339(),
            expires_at: i.expires_at.to_rfc3339(),
        }
    }
}

/// The client's invitations still waiting (not used, withdrawn or expired), newest first.
#[utoipa::path(get, path = "/api/v1/family/invitations", tag = "family", security(("bearer" = [])),
    responses((status = 200, body = Vec<FamilyInvitationItem>), (status = 403, body = ErrorBody)))]
pub async fn family_invitations(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<FamilyInvitationItem>>, ApiError> {
    let list = family::pending_invitations(&state.app, &actor, actor.user_id).await?;
    Ok(Json(
        list.into_iter().map(FamilyInvitationItem::from).collect(),
    ))
}

/// Withdraws an invitation still waiting: its link stops working.
#[utoipa::path(delete, path = "/api/v1/family/invitations/{id}", tag = "family", security(("bearer" = [])),
    params(("id" = String, Path, description = "The invitation's id")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn withdraw_family_invitation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    AccountId(id): AccountId,
) -> Result<StatusCode, ApiError> {
    family::withdraw_invitation(&state.app, &actor, actor.user_id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AcceptInvitationRequest {
    /// The token of the invitation link (the part after `/join/`).
    pub invitation: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FamilyAcceptedView {
    /// The client who now shares with the family member.
    pub client_id: String,
}

/// A signed-in family member accepts another client's invitation (sent to their address).
#[utoipa::path(post, path = "/api/v1/family/invitations/accept", tag = "family", request_body = AcceptInvitationRequest, security(("bearer" = [])),
    responses((status = 200, body = FamilyAcceptedView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn accept_family_invitation(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    JsonBody(body): JsonBody<AcceptInvitationRequest>,
) -> Result<Json<FamilyAcceptedView>, ApiError> {
    let client = family::accept(&state.app, &actor, &body.invitation).await?;
    Ok(Json(FamilyAcceptedView {
        client_id: client.to_string(),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FamilyMemberItem {
    /// The family member's user id.
    pub id: String,
    pub name: String,
    pub relationship: String,
    #[schema(value_type = Vec<FamilyScope>)]
    pub scopes: Vec<String>,
    /// When they last used what the client shares (none yet: null).
    pub last_seen_at: Option<String>,
}

impl From<Member> for FamilyMemberItem {
    fn from(m: Member) -> Self {
        FamilyMemberItem {
            id: m.id.to_string(),
            scopes: words(&m.scopes),
            name: m.name,
            relationship: m.relationship,
            last_seen_at: m.last_seen_at.map(|t| t.to_rfc3339()),
        }
    }
}

/// Who the client shares with, what each can see and when they last looked.
#[utoipa::path(get, path = "/api/v1/family/members", tag = "family", security(("bearer" = [])),
    responses((status = 200, body = Vec<FamilyMemberItem>), (status = 403, body = ErrorBody)))]
pub async fn family_members(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<FamilyMemberItem>>, ApiError> {
    let list = family::members(&state.app, &actor, actor.user_id).await?;
    Ok(Json(list.into_iter().map(FamilyMemberItem::from).collect()))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct FamilyScopesRequest {
    /// Everything the family member may see from now on, each once; `[]` shows nothing.
    #[schema(value_type = Vec<FamilyScope>)]
    pub scopes: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FamilyScopesView {
    pub id: String,
    #[schema(value_type = Vec<FamilyScope>)]
    pub scopes: Vec<String>,
}

/// Sets what a family member can see, at once (their next request is judged by it).
#[utoipa::path(put, path = "/api/v1/family/members/{id}", tag = "family", request_body = FamilyScopesRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The family member's user id")),
    responses((status = 200, body = FamilyScopesView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_family_scopes(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    AccountId(id): AccountId,
    JsonBody(body): JsonBody<FamilyScopesRequest>,
) -> Result<Json<FamilyScopesView>, ApiError> {
    let scopes = family::set_scopes(&state.app, &actor, actor.user_id, id, &body.scopes).await?;
    Ok(Json(FamilyScopesView {
        id: id.to_string(),
        scopes: words(&scopes),
    }))
}

/// Ends a family member's access: every scope revoked, the link ended.
#[utoipa::path(delete, path = "/api/v1/family/members/{id}", tag = "family", security(("bearer" = [])),
    params(("id" = String, Path, description = "The family member's user id")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn end_family_access(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    AccountId(id): AccountId,
) -> Result<StatusCode, ApiError> {
    family::end_access(&state.app, &actor, actor.user_id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FamilyPersonItem {
    pub client_id: String,
    pub first_name: String,
    /// How the client described the family member ("sister").
    pub relationship: String,
    #[schema(value_type = Vec<FamilyScope>)]
    pub scopes: Vec<String>,
}

impl From<Person> for FamilyPersonItem {
    fn from(p: Person) -> Self {
        FamilyPersonItem {
            client_id: p.client_id.to_string(),
            scopes: words(&p.scopes),
            first_name: p.first_name,
            relationship: p.relationship,
        }
    }
}

/// The clients who share with the signed-in family member, and what each shares.
#[utoipa::path(get, path = "/api/v1/family/people", tag = "family", security(("bearer" = [])),
    responses((status = 200, body = Vec<FamilyPersonItem>)))]
pub async fn family_people(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<FamilyPersonItem>>, ApiError> {
    let list = family::my_people(&state.app, &actor).await?;
    Ok(Json(list.into_iter().map(FamilyPersonItem::from).collect()))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FamilyPageItem {
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// Recommended by the clinician for this family (else a library page for families).
    pub recommended: bool,
    /// The page's address.
    pub href: String,
}

impl From<FamilyPage> for FamilyPageItem {
    fn from(p: FamilyPage) -> Self {
        FamilyPageItem {
            slug: p.slug.into(),
            title: p.title.into(),
            summary: p.summary.into(),
            recommended: p.recommended,
            href: format!("/learn/{}", p.slug),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FamilyLearningView {
    pub client_first_name: String,
    pub pages: Vec<FamilyPageItem>,
}

/// Pages for the family (scope `learning`): the clinician's recommendations for this
/// family first, then the library's pages for families.
#[utoipa::path(get, path = "/api/v1/family/people/{client_id}/learning", tag = "family", security(("bearer" = [])),
    params(("client_id" = String, Path, description = "The client's id")),
    responses((status = 200, body = FamilyLearningView), (status = 403, body = ErrorBody)))]
pub async fn family_learning(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
) -> Result<Json<FamilyLearningView>, ApiError> {
    let (name, pages) = family::learning(&state.app, &actor, client).await?;
    Ok(Json(FamilyLearningView {
        client_first_name: name,
        pages: pages.into_iter().map(FamilyPageItem::from).collect(),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FamilySignItem {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FamilyWarningSignsView {
    pub client_first_name: String,
    /// The client's own early warning signs, in their words.
    pub warning_signs: Vec<FamilySignItem>,
    /// What helps them stay well, from their plan (null before they write it).
    pub what_helps: Option<String>,
    /// Who to contact, from the same plan.
    pub contacts: Option<String>,
}

/// The client's own warning signs and what to do (scope `warning_signs`).
#[utoipa::path(get, path = "/api/v1/family/people/{client_id}/warning-signs", tag = "family", security(("bearer" = [])),
    params(("client_id" = String, Path, description = "The client's id")),
    responses((status = 200, body = FamilyWarningSignsView), (status = 403, body = ErrorBody)))]
pub async fn family_warning_signs(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
) -> Result<Json<FamilyWarningSignsView>, ApiError> {
    let w = family::warning_signs(&state.app, &actor, client).await?;
    Ok(Json(FamilyWarningSignsView {
        client_first_name: w.client_first_name,
        warning_signs: w
            .signs
            .into_iter()
            .map(|(id, label)| FamilySignItem {
                id: id.to_string(),
                label,
            })
            .collect(),
        what_helps: w.what_helps,
        contacts: w.contacts,
    }))
}

/// The client's safety plan in force, read-only (scope `safety_plan`); 404 before the first.
#[utoipa::path(get, path = "/api/v1/family/people/{client_id}/safety-plan", tag = "family", security(("bearer" = [])),
    params(("client_id" = String, Path, description = "The client's id")),
    responses((status = 200, body = SafetyPlanView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn family_safety_plan(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ClientId(client): ClientId,
) -> Result<Json<SafetyPlanView>, ApiError> {
    let (_, plan) = family::safety_plan(&state.app, &actor, client).await?;
    Ok(Json(plan.ok_or(ApiError(Error::NotFound))?.into()))
}
