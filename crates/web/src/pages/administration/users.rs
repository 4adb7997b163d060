//! Accounts, searched and paged (`rapport_app::admin::search_accounts`): disable or enable
//! one, make a clinician practice lead, create a staff account.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Form, Router};
use rapport_app::accounts::{NewStaff, create_staff};
use rapport_app::admin::{self, AccountQuery};
use rapport_app::{Actor, Error};
use rapport_core::accounts::{Credential, Role};
use serde::Deserialize;
use uuid::Uuid;

use super::page_href;
use crate::extract::{Ctx, Signed};
use crate::i18n;
use crate::messages;
use crate::pages::templates::{FieldView, FormError, Layout};
use crate::pages::{Page, invalid, render_status, to};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/users", get(page).post(create_user))
        .route("/admin/users/access", post(account_access))
        .route("/admin/users/practice-lead", post(practice_lead))
}

/// What the search form holds, and the notice after a form.
#[derive(Debug, Default, Deserialize)]
pub struct UsersQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub page: String,
    #[serde(default)]
    pub per_page: String,
    #[serde(default)]
    pub done: String,
}

/// An account's row.
pub struct Row {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: &'static str,
    /// The role in the page's language.
    pub role_label: String,
    pub totp: bool,
    pub disabled: bool,
    pub practice_lead: bool,
}

/// What an administrator typed into the create-account form, kept when it is sent back.
#[derive(Debug, Default, Deserialize)]
pub struct StaffForm {
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub credential: String,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
pub struct UsersPage {
    pub l: Layout,
    pub notice: Option<&'static str>,
    pub errors: Vec<FormError>,
    pub q: String,
    pub role: String,
    pub roles: Vec<(&'static str, String)>,
    pub rows: Vec<Row>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// Where a form on the page returns to: this very page.
    pub back: String,
    pub new_role: String,
    pub new_name: FieldView,
    pub new_email: FieldView,
    pub new_password: FieldView,
    pub new_credential: String,
    pub credentials: Vec<(&'static str, String)>,
}

fn notice(done: &str) -> Option<&'static str> {
    match done {
        "user" => Some(messages::USER_CREATED),
        "disabled" => Some(messages::ACCOUNT_DISABLED),
        "enabled" => Some(messages::ACCOUNT_ENABLED),
        "lead_on" => Some("The clinician is now a practice lead."),
        "lead_off" => Some("The clinician is no longer a practice lead."),
        _ => None,
    }
}

/// The page: the accounts asked for (an error in the search is shown on its field, with
/// the first page of everyone), and the create form as typed.
pub async fn build(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    query: UsersQuery,
    form: StaffForm,
    mut errors: Vec<FormError>,
) -> Page {
    let asked = AccountQuery {
        q: Some(query.q.clone()),
        role: Some(query.role.clone()),
        page: query.page.trim().parse().ok().or(Some(1)),
        per_page: query.per_page.trim().parse().ok(),
    };
    let result = match admin::search_accounts(&state.app, actor, &asked).await {
        Ok(p) => p,
        Err(e) => {
            errors.push(invalid(e)?);
            admin::search_accounts(&state.app, actor, &AccountQuery::default()).await?
        }
    };
    let pages = result.pages();
    let keep = [
        ("q", query.q.as_str()),
        ("role", query.role.as_str()),
        ("per_page", query.per_page.as_str()),
    ];
    let back = page_href("/admin/users", &keep, result.page);
    let prev = (result.page > 1).then(|| page_href("/admin/users", &keep, result.page - 1));
    let next = (result.page < pages).then(|| page_href("/admin/users", &keep, result.page + 1));
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let t = |key: &str| i18n::t(ctx.lang, key);
    render_status(
        status,
        UsersPage {
            l: Layout::new(ctx),
            notice: notice(&query.done),
            q: query.q,
            role: query.role,
            roles: vec![
                (Role::Client.as_str(), t("admin-role-client")),
                (Role::Clinician.as_str(), t("admin-role-clinician")),
                (Role::Family.as_str(), t("admin-role-family")),
                (Role::Admin.as_str(), t("admin-role-admin")),
            ],
            rows: result
                .accounts
                .into_iter()
                .map(|a| Row {
                    id: a.id.to_string(),
                    name: a.name,
                    email: a.email,
                    role: a.role.as_str(),
                    role_label: t(&format!("role-{}", a.role.as_str())),
                    totp: a.totp_enrolled,
                    disabled: a.disabled,
                    practice_lead: a.practice_lead,
                })
                .collect(),
            prev,
            next,
            page: result.page,
            pages,
            total: result.total,
            back,
            new_role: if form.role.is_empty() {
                "clinician".into()
            } else {
                form.role
            },
            new_name: FieldView::new("name", t("admin-field-name"), "text")
                .value(form.name)
                .error_from(&errors),
            new_email: FieldView::new("email", t("admin-field-email"), "email")
                .value(form.email)
                .error_from(&errors),
            new_password: FieldView::new("password", t("admin-field-password"), "password")
                .hint(t("admin-field-password-hint"))
                .autocomplete("new-password")
                .error_from(&errors),
            new_credential: form.credential,
            credentials: Credential::ALL
                .iter()
                .map(|c| (c.as_str(), t(&format!("credential-{}", c.as_str()))))
                .collect(),
            errors,
        },
    )
}

async fn page(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Query(q): Query<UsersQuery>,
) -> Page {
    build(&state, &ctx, &actor, q, StaffForm::default(), vec![]).await
}

async fn create_user(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(form): Form<StaffForm>,
) -> Page {
    let role = match Role::parse(&form.role) {
        Some(r @ (Role::Clinician | Role::Admin)) => r,
        _ => Role::Clinician,
    };
    let new = NewStaff {
        role,
        email: &form.email,
        name: &form.name,
        password: &form.password,
        credential: Credential::parse(&form.credential),
        approaches: vec![],
        timezone: None,
    };
    let error = match create_staff(&state.app, Some(&actor), new).await {
        Ok(_) => {
            let q = [("q", form.email.as_str())];
            return to(&format!("{}&done=user", page_href("/admin/users", &q, 1)));
        }
        Err(e) => invalid(e)?,
    };
    build(
        &state,
        &ctx,
        &actor,
        UsersQuery::default(),
        form,
        vec![error],
    )
    .await
}

/// Where a row's form returns to: the page it was sent from (only ever an address of ours).
fn back_to(back: &str, done: &str) -> String {
    let base = if back.starts_with("/admin/users?") || back == "/admin/users" {
        back
    } else {
        "/admin/users"
    };
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}done={done}")
}

/// The search a row's form came from, to show again with an error.
fn query_of(back: &str) -> UsersQuery {
    let query = back.split_once('?').map_or("", |(_, q)| q);
    let mut out = UsersQuery::default();
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        match k.as_ref() {
            "q" => out.q = v.into_owned(),
            "role" => out.role = v.into_owned(),
            "page" => out.page = v.into_owned(),
            "per_page" => out.per_page = v.into_owned(),
            _ => {}
        }
    }
    out
}

#[derive(Debug, Deserialize)]
pub struct AccessForm {
    user_id: String,
    #[serde(default)]
    reason: String,
    /// `disable` or `enable`: the button pressed.
    action: String,
    #[serde(default)]
    back: String,
}

/// Disables an account (with a reason) or enables it again.
async fn account_access(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(form): Form<AccessForm>,
) -> Page {
    let Ok(user_id) = Uuid::parse_str(&form.user_id) else {
        let e = FormError::new("user_id", messages::CHOOSE_ACCOUNT);
        let q = query_of(&form.back);
        return build(&state, &ctx, &actor, q, StaffForm::default(), vec![e]).await;
    };
    let app = &state.app;
    let (result, done) = if form.action == "enable" {
        let reason = Some(form.reason.as_str());
        let r = admin::enable_account(app, &actor, user_id, reason).await;
        (r, "enabled")
    } else {
        let r = admin::disable_account(app, &actor, user_id, &form.reason).await;
        (r, "disabled")
    };
    let error = match result {
        Ok(()) => return to(&back_to(&form.back, done)),
        Err(Error::NotFound) => FormError::new("user_id", rapport_app::messages::NO_SUCH_ACCOUNT),
        Err(e) => invalid(e)?,
    };
    // The reason field of the row the form came from.
    let error = FormError::new(format!("reason-{}", form.user_id), error.message);
    let q = query_of(&form.back);
    build(&state, &ctx, &actor, q, StaffForm::default(), vec![error]).await
}

#[derive(Debug, Deserialize)]
pub struct LeadForm {
    user_id: String,
    /// `on` or `off`: the button pressed.
    practice_lead: String,
    #[serde(default)]
    back: String,
}

/// Makes a clinician a practice lead, or not.
async fn practice_lead(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Form(form): Form<LeadForm>,
) -> Page {
    let lead = form.practice_lead == "on";
    let error = match Uuid::parse_str(&form.user_id) {
        Err(_) => FormError::new("user_id", messages::CHOOSE_ACCOUNT),
        Ok(id) => match rapport_app::practice_leads::set(&state.app, &actor, id, lead).await {
            Ok(()) => {
                return to(&back_to(
                    &form.back,
                    if lead { "lead_on" } else { "lead_off" },
                ));
            }
            Err(e) => invalid(e)?,
        },
    };
    let q = query_of(&form.back);
    build(&state, &ctx, &actor, q, StaffForm::default(), vec![error]).await
}
