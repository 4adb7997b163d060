//! Family access as pages (issue 15, part 1): the client's "Family and friends" page
//! (`/family`: who can see what, when each last looked, invite, withdraw, change, end); the
//! invitee's join page (`/join/{token}`: sign up, or accept when signed in as a family
//! member); and the family member's own pages (their home, and per person the pages for
//! family, the warning signs and the safety plan).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::CookieJar;
use rapport_app::accounts::NewClient;
use rapport_app::family::{self, FamilyPage, InvitationPreview, NewInvitation, Person};
use rapport_app::plans::SectionedPlan;
use rapport_app::{Actor, Error};
use rapport_core::accounts::Role;
use rapport_core::family::Scope;
use uuid::Uuid;

use super::accounts::signed_in;
use super::templates::{FieldView, FormError, Layout};
use super::time::{own_timezone, when};
use super::{Page, field, invalid, invalid_or_conflict, render, render_status, to};
use crate::extract::{Ctx, MemberId, Signed};
use crate::i18n;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/family", get(client_page))
        .route("/family/invitations", post(invite))
        .route("/family/invitations/{id}/withdraw", post(withdraw))
        .route("/family/members/{id}", post(save_scopes))
        .route("/family/members/{id}/end", post(end_access))
        .route("/join/{token}", get(join_page).post(join))
        .route("/join/{token}/accept", post(accept))
        .route("/family/people/{client_id}/learning", get(learning))
        .route(
            "/family/people/{client_id}/warning-signs",
            get(warning_signs),
        )
        .route("/family/people/{client_id}/safety-plan", get(safety_plan))
}

/// One scope as a checkbox.
pub struct ScopeBox {
    pub word: &'static str,
    pub label: String,
    /// What it lets them do, said to the client.
    pub explanation: String,
    pub checked: bool,
}

fn boxes(lang: i18n::Lang, checked: &[Scope]) -> Vec<ScopeBox> {
    Scope::ALL
        .iter()
        .map(|s| ScopeBox {
            word: s.as_str(),
            label: i18n::t(lang, &format!("scope-{}", s.as_str())),
            explanation: i18n::t(lang, &format!("fm-explain-{}", s.as_str())),
            checked: checked.contains(s),
        })
        .collect()
}

/// The scope words ticked on a form (`scopes=…`, repeated).
fn ticked(fields: &[(String, String)]) -> Vec<String> {
    fields
        .iter()
        .filter(|(k, _)| k == "scopes")
        .map(|(_, v)| v.clone())
        .collect()
}

fn labels(lang: i18n::Lang, scopes: &[Scope]) -> Vec<String> {
    scopes
        .iter()
        .map(|s| i18n::t(lang, &format!("scope-{}", s.as_str())))
        .collect()
}

/// The invitation's own refusals, in the page's language (the others are in `i18n::errors`).
fn said(lang: i18n::Lang, message: String) -> String {
    let key = match message.as_str() {
        rapport_app::messages::FAMILY_NO_SCOPE => "fm-err-no-scope",
        rapport_app::messages::FAMILY_OWN_EMAIL => "fm-err-own-email",
        _ => return message,
    };
    i18n::t(lang, key)
}

/// A family member on the client's page.
pub struct MemberRow {
    pub id: String,
    pub name: String,
    pub relationship: String,
    pub boxes: Vec<ScopeBox>,
    pub sees_nothing: bool,
    pub last_seen: Option<String>,
    pub since: String,
    pub error: Option<String>,
}

/// An invitation still waiting, on the client's page.
pub struct InvitationRow {
    pub id: String,
    pub name: String,
    pub relationship: String,
    pub email: String,
    pub scopes: Vec<String>,
    pub expires: String,
}

#[derive(Template)]
#[template(path = "family.html")]
pub struct ClientFamilyPage {
    pub l: Layout,
    pub notice: Option<String>,
    pub errors: Vec<FormError>,
    pub members: Vec<MemberRow>,
    pub invitations: Vec<InvitationRow>,
    pub name: FieldView,
    pub email: FieldView,
    pub relationship: FieldView,
    pub scopes: Vec<ScopeBox>,
    pub scopes_error: Option<String>,
    /// The link of the invitation just made: shown this once.
    pub link: Option<String>,
    pub invited_name: String,
}

/// What was typed on the invite form.
#[derive(Default)]
struct Typed {
    name: String,
    email: String,
    relationship: String,
    scopes: Vec<Scope>,
}

fn client_only(actor: &Actor) -> Result<(), Error> {
    match actor.role {
        Role::Client => Ok(()),
        _ => Err(Error::Forbidden),
    }
}

async fn family_page(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    typed: Typed,
    errors: Vec<FormError>,
    notice: Option<&'static str>,
) -> Result<ClientFamilyPage, Error> {
    client_only(actor)?;
    let lang = ctx.lang;
    let errors: Vec<FormError> = errors
        .into_iter()
        .map(|e| FormError::new(e.field, said(lang, e.message)))
        .collect();
    let tz = own_timezone(ctx);
    let members = family::members(&state.app, actor, actor.user_id).await?;
    let invitations = family::pending_invitations(&state.app, actor, actor.user_id).await?;
    let member_error = |id: &str| {
        errors
            .iter()
            .find(|e| e.field == format!("member-{id}"))
            .map(|e| e.message.clone())
    };
    let scopes_error = errors
        .iter()
        .find(|e| e.field.starts_with("scopes"))
        .map(|e| e.message.clone());
    Ok(ClientFamilyPage {
        l: Layout::new(ctx),
        notice: notice.map(|key| i18n::t(lang, key)),
        members: members
            .into_iter()
            .map(|m| {
                let id = m.id.to_string();
                MemberRow {
                    error: member_error(&id),
                    id,
                    name: m.name,
                    relationship: m.relationship,
                    sees_nothing: m.scopes.is_empty(),
                    boxes: boxes(lang, &m.scopes),
                    last_seen: m.last_seen_at.map(|t| when(t, &tz)),
                    since: when(m.since, &tz),
                }
            })
            .collect(),
        invitations: invitations
            .into_iter()
            .map(|i| InvitationRow {
                id: i.id.to_string(),
                name: i.name,
                relationship: i.relationship,
                email: i.email,
                scopes: labels(lang, &i.scopes),
                expires: when(i.expires_at, &tz),
            })
            .collect(),
        name: FieldView::new("name", i18n::t(lang, "fm-name"), "text")
            .value(&typed.name)
            .autocomplete("off")
            .error_from(&errors),
        email: FieldView::new("email", i18n::t(lang, "fm-email"), "email")
            .value(&typed.email)
            .hint(i18n::t(lang, "fm-email-hint"))
            .autocomplete("off")
            .inputmode("email")
            .error_from(&errors),
        relationship: FieldView::new("relationship", i18n::t(lang, "fm-relationship"), "text")
            .value(&typed.relationship)
            .hint(i18n::t(lang, "fm-relationship-hint"))
            .autocomplete("off")
            .error_from(&errors),
        scopes: boxes(lang, &typed.scopes),
        scopes_error,
        errors: errors
            .into_iter()
            .filter(|e| !e.field.starts_with("member-"))
            .map(|e| {
                if e.field.starts_with("scopes") {
                    FormError::new("scopes", e.message)
                } else {
                    e
                }
            })
            .collect(),
        link: None,
        invited_name: String::new(),
    })
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct Done {
    done: Option<String>,
}

/// The notice after a change, as its message key.
fn notice_of(d: &Done) -> Option<&'static str> {
    match d.done.as_deref() {
        Some("saved") => Some("fm-saved"),
        Some("ended") => Some("fm-ended"),
        Some("withdrawn") => Some("fm-withdrawn"),
        _ => None,
    }
}

async fn client_page(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    axum::extract::Query(d): axum::extract::Query<Done>,
) -> Page {
    render(
        family_page(
            &state,
            &ctx,
            &actor,
            Typed::default(),
            vec![],
            notice_of(&d),
        )
        .await?,
    )
}

async fn invite(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    client_only(&actor)?;
    let words = ticked(&fields);
    let new = NewInvitation {
        email: field(&fields, "email"),
        name: field(&fields, "name"),
        relationship: field(&fields, "relationship"),
        scopes: words.clone(),
    };
    let typed = Typed {
        name: new.name.clone(),
        email: new.email.clone(),
        relationship: new.relationship.clone(),
        scopes: words.iter().filter_map(|w| Scope::parse(w)).collect(),
    };
    match family::invite(&state.app, &actor, actor.user_id, new, &state.web.base_url).await {
        Ok(made) => {
            let mut page =
                family_page(&state, &ctx, &actor, Typed::default(), vec![], None).await?;
            page.link = Some(made.link);
            page.invited_name = typed.name;
            render(page)
        }
        Err(e) => {
            let error = invalid(e)?;
            let page = family_page(&state, &ctx, &actor, typed, vec![error], None).await?;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
    }
}

async fn withdraw(
    State(state): State<AppState>,
    Signed { actor, .. }: Signed,
    Path(id): Path<Uuid>,
) -> Page {
    client_only(&actor)?;
    family::withdraw_invitation(&state.app, &actor, actor.user_id, id).await?;
    to("/family?done=withdrawn")
}

async fn save_scopes(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Path(id): Path<Uuid>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    client_only(&actor)?;
    match family::set_scopes(&state.app, &actor, actor.user_id, id, &ticked(&fields)).await {
        Ok(_) => to("/family?done=saved"),
        Err(e) => {
            let e = invalid_or_conflict(e, "member")?;
            let error = FormError::new(format!("member-{id}"), e.message);
            let page =
                family_page(&state, &ctx, &actor, Typed::default(), vec![error], None).await?;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, page)
        }
    }
}

async fn end_access(
    State(state): State<AppState>,
    Signed { actor, .. }: Signed,
    Path(id): Path<Uuid>,
) -> Page {
    client_only(&actor)?;
    family::end_access(&state.app, &actor, actor.user_id, id).await?;
    to("/family?done=ended")
}

#[derive(Template)]
#[template(path = "family_join.html")]
pub struct JoinPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    pub token: String,
    /// None: the link does not work; `problem` says why and what to do.
    pub invitation: Option<InvitationPreview>,
    pub problem: Option<String>,
    pub scopes: Vec<(String, String)>,
    /// Signed in as a family member: a button to accept instead of the form.
    pub signed_in_family: bool,
    /// Signed in as someone who cannot join as family (a client, a clinician).
    pub signed_in_other: bool,
    pub expires: String,
    pub name: FieldView,
    pub email: FieldView,
    pub password: FieldView,
    pub timezone: String,
}

async fn join_view(
    state: &AppState,
    ctx: &Ctx,
    token: &str,
    typed: (&str, &str, &str),
    errors: Vec<FormError>,
) -> Result<JoinPage, Error> {
    let (invitation, problem) = match family::preview(&state.app, token).await {
        Ok(p) => (Some(p), None),
        Err(Error::Invalid { message, .. }) => (None, Some(message)),
        Err(Error::NotFound) => (
            None,
            Some(rapport_app::messages::FAMILY_UNKNOWN_LINK.to_string()),
        ),
        Err(e) => return Err(e),
    };
    let role = ctx.full().ok().map(|c| c.actor.role);
    let (name, email) = match (&invitation, typed.0.is_empty() && typed.1.is_empty()) {
        (Some(i), true) => (i.name.clone(), i.email.clone()),
        _ => (typed.0.to_string(), typed.1.to_string()),
    };
    Ok(JoinPage {
        l: Layout::new(ctx),
        token: token.to_string(),
        scopes: invitation
            .as_ref()
            .map(|i| {
                i.scopes
                    .iter()
                    .map(|s| {
                        (
                            format!("scope-{}", s.as_str()),
                            format!("scope-invitee-{}", s.as_str()),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
        expires: invitation
            .as_ref()
            .map(|i| when(i.expires_at, "UTC"))
            .unwrap_or_default(),
        invitation,
        problem,
        signed_in_family: role == Some(Role::Family),
        signed_in_other: role.is_some_and(|r| r != Role::Family),
        name: FieldView::new("name", i18n::t(ctx.lang, "fj-name"), "text")
            .value(name)
            .autocomplete("name")
            .error_from(&errors),
        email: FieldView::new("email", i18n::t(ctx.lang, "fj-email"), "email")
            .value(email)
            .hint(i18n::t(ctx.lang, "fj-email-hint"))
            .autocomplete("email")
            .inputmode("email")
            .error_from(&errors),
        password: FieldView::new("password", i18n::t(ctx.lang, "fj-password"), "password")
            .hint(i18n::t(ctx.lang, "fj-password-hint"))
            .autocomplete("new-password")
            .error_from(&errors),
        timezone: typed.2.to_string(),
        errors,
    })
}

async fn join_page(State(state): State<AppState>, ctx: Ctx, Path(token): Path<String>) -> Page {
    let page = join_view(&state, &ctx, &token, ("", "", ""), vec![]).await?;
    let status = if page.invitation.is_some() {
        StatusCode::OK
    } else {
        StatusCode::GONE
    };
    render_status(status, page)
}

async fn join(
    State(state): State<AppState>,
    ctx: Ctx,
    jar: CookieJar,
    Path(token): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Page {
    let (name, email, password, tz) = (
        field(&fields, "name"),
        field(&fields, "email"),
        field(&fields, "password"),
        field(&fields, "timezone"),
    );
    let timezone = super::accounts::valid_timezone(&tz);
    let new = NewClient {
        name: &name,
        email: &email,
        password: &password,
        timezone,
    };
    let error = match family::sign_up_with_invitation(&state.app, new, &token, &ctx.address).await {
        Ok((_, secret)) => return Ok(signed_in(&state, jar, secret, "/home?done=joined")),
        Err(e) => invalid(e)?,
    };
    let page = join_view(&state, &ctx, &token, (&name, &email, &tz), vec![error]).await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, page)
}

async fn accept(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Path(token): Path<String>,
) -> Page {
    let error = match family::accept(&state.app, &actor, &token).await {
        Ok(_) => return to("/home?done=joined"),
        Err(e) => invalid_or_conflict(e, "invitation")?,
    };
    let page = join_view(&state, &ctx, &token, ("", "", ""), vec![error]).await?;
    render_status(StatusCode::UNPROCESSABLE_ENTITY, page)
}

/// One person on the family member's home, with a link per granted scope.
pub struct PersonCard {
    pub first_name: String,
    pub relationship: String,
    pub links: Vec<(String, &'static str)>,
}

#[derive(Template)]
#[template(path = "home_family.html")]
pub struct FamilyHome {
    pub l: Layout,
    pub name: String,
    pub notice: Option<&'static str>,
    pub people: Vec<PersonCard>,
}

fn card(p: Person) -> PersonCard {
    let base = format!("/family/people/{}", p.client_id);
    let links = p
        .scopes
        .iter()
        .map(|s| match s {
            Scope::Learning => (format!("{base}/learning"), "Pages for family"),
            Scope::WarningSigns => (
                format!("{base}/warning-signs"),
                "Warning signs and what helps",
            ),
            Scope::SafetyPlan => (format!("{base}/safety-plan"), "Safety plan"),
            Scope::Observations => (
                format!("{base}/observations/new"),
                "Tell the clinician what you noticed",
            ),
            Scope::FamilySessions => ("/family/sessions".to_string(), "Family sessions"),
        })
        .collect();
    PersonCard {
        first_name: p.first_name,
        relationship: p.relationship,
        links,
    }
}

/// The family member's home: each person who shares with them, a link per scope granted.
pub async fn family_home(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    notice: Option<&'static str>,
) -> Page {
    let people = family::my_people(&state.app, actor).await?;
    render(FamilyHome {
        l: Layout::new(ctx),
        name: actor.name.clone(),
        notice,
        people: people.into_iter().map(card).collect(),
    })
}

#[derive(Template)]
#[template(path = "family_learning.html")]
pub struct LearningPage {
    pub l: Layout,
    pub first_name: String,
    pub pages: Vec<FamilyPage>,
}

impl LearningPage {
    /// A library page's title (`suffix` empty) or summary (`-summary`) in the page's language.
    fn learn(&self, slug: &str, suffix: &str) -> String {
        i18n::t(self.l.lang, &format!("learn-{slug}{suffix}"))
    }
}

async fn learning(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    MemberId(client): MemberId,
) -> Page {
    let (first_name, pages) = family::learning(&state.app, &actor, client).await?;
    render(LearningPage {
        l: Layout::new(&ctx),
        first_name,
        pages,
    })
}

#[derive(Template)]
#[template(path = "family_warning_signs.html")]
pub struct WarningSignsPage {
    pub l: Layout,
    pub first_name: String,
    pub signs: Vec<String>,
    pub what_helps: Option<String>,
    pub contacts: Option<String>,
    pub observations_href: Option<String>,
}

async fn warning_signs(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    MemberId(client): MemberId,
) -> Page {
    let w = family::warning_signs(&state.app, &actor, client).await?;
    let people = family::my_people(&state.app, &actor).await?;
    let observations_href = people
        .iter()
        .find(|p| p.client_id == client && p.scopes.contains(&Scope::Observations))
        .map(|p| format!("/family/people/{}/observations/new", p.client_id));
    render(WarningSignsPage {
        l: Layout::new(&ctx),
        first_name: w.client_first_name,
        signs: w.signs.into_iter().map(|(_, l)| l).collect(),
        what_helps: w.what_helps,
        contacts: w.contacts,
        observations_href,
    })
}

#[derive(Template)]
#[template(path = "family_safety_plan.html")]
pub struct SafetyPlanPage {
    pub l: Layout,
    pub first_name: String,
    pub plan: Option<SectionedPlan>,
    pub updated: String,
    pub crisis: Vec<crate::crisis::CrisisLine>,
}

async fn safety_plan(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    MemberId(client): MemberId,
) -> Page {
    let (first_name, plan) = family::safety_plan(&state.app, &actor, client).await?;
    let tz = own_timezone(&ctx);
    render(SafetyPlanPage {
        l: Layout::new(&ctx),
        first_name,
        updated: plan
            .as_ref()
            .map(|p| when(p.updated_at, &tz))
            .unwrap_or_default(),
        plan,
        crisis: state.crisis_lines().await,
    })
}
