//! Administration at the size of a real service (issue 17): the hub with a card per area and
//! its health in one line, accounts searched and paged, care teams with a client found by
//! search, the instance's settings and the audit log. Administrators see no clinical content.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use rapport_app::Actor;

use super::home::{Notice, notice_text};
use super::templates::Layout;
use super::{Page, render};
use crate::extract::{Ctx, Signed};
use crate::i18n;
use crate::state::AppState;

pub mod audit;
pub mod care_teams;
pub mod settings;
pub mod users;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(hub_page))
        .merge(users::routes())
        .merge(care_teams::routes())
        .merge(settings::routes())
        .merge(audit::routes())
}

/// An area of administration and its health in one line.
pub struct Card {
    pub title: String,
    pub href: &'static str,
    pub health: String,
    /// Something needs the administrator's attention.
    pub warn: bool,
}

#[derive(Template)]
#[template(path = "admin/hub.html")]
pub struct HubPage {
    pub l: Layout,
    pub notice: Option<&'static str>,
    pub cards: Vec<Card>,
}

async fn hub_page(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Query(n): Query<Notice>,
) -> Page {
    hub(&state, &ctx, &actor, notice_text(&n)).await
}

/// The administrator's home: `/admin`, and `/home` for an administrator.
pub async fn hub(state: &AppState, ctx: &Ctx, actor: &Actor, notice: Option<&'static str>) -> Page {
    let h = rapport_app::admin::hub(&state.app, actor).await?;
    let lang = ctx.lang;
    let t = |key: &str| i18n::t(lang, key);
    let n = |k: &str| h.accounts.get(k).copied().unwrap_or(0);
    let jobs = |k: &str| h.jobs.get(k).copied().unwrap_or(0);
    let (failed, dead) = (jobs("failed"), jobs("dead"));
    let s = &h.settings;
    let card = |key: &str, href: &'static str, health: String, warn: bool| Card {
        title: t(key),
        href,
        health,
        warn,
    };
    let cards = vec![
        card(
            "admin-card-accounts",
            "/admin/users",
            i18n::t_args(
                lang,
                "admin-health-accounts",
                &[
                    ("clients", n("client").into()),
                    ("clinicians", n("clinician").into()),
                    ("family", n("family").into()),
                    ("admins", n("admin").into()),
                ],
            ),
            false,
        ),
        card(
            "admin-card-verification",
            "/admin/clinicians",
            t("admin-health-verification"),
            false,
        ),
        card(
            "admin-card-care-teams",
            "/admin/care-teams",
            t("admin-health-care-teams"),
            false,
        ),
        card(
            "admin-card-triage",
            "/admin/triage",
            match h.on_triage_duty {
                0 => t("admin-health-triage-nobody"),
                k => i18n::t_args(lang, "admin-health-triage", &[("n", k.into())]),
            },
            h.on_triage_duty == 0,
        ),
        card(
            "admin-card-on-call",
            "/admin/on-call",
            t("admin-health-on-call"),
            false,
        ),
        card(
            "admin-card-settings",
            "/admin/settings",
            i18n::t_args(
                lang,
                "admin-health-settings",
                &[
                    (
                        "lines",
                        match (&s.country, s.crisis_lines_here().len()) {
                            (Some(c), k) if k > 0 => i18n::t_args(
                                lang,
                                "admin-health-lines-for",
                                &[("n", k.into()), ("country", c.as_str().into())],
                            ),
                            _ => t("admin-health-lines-built-in"),
                        }
                        .into(),
                    ),
                    (
                        "minutes",
                        s.client_idle_minutes
                            .unwrap_or(state.app.config.client_idle_minutes)
                            .into(),
                    ),
                ],
            ),
            false,
        ),
        card(
            "admin-card-audit",
            "/admin/audit",
            i18n::t_args(lang, "admin-health-audit", &[("n", h.audit_events.into())]),
            false,
        ),
        card(
            "admin-card-jobs",
            "/admin/jobs",
            i18n::t_args(
                lang,
                if h.email_configured {
                    "admin-health-jobs-email-on"
                } else {
                    "admin-health-jobs-email-off"
                },
                &[
                    ("queued", jobs("queued").into()),
                    ("failed", failed.into()),
                    ("dead", dead.into()),
                ],
            ),
            failed + dead > 0,
        ),
        card(
            "admin-card-erasure",
            "/admin/erasure-requests",
            t("admin-health-erasure"),
            false,
        ),
        card(
            "admin-card-emergency",
            "/admin/emergency-access",
            t("admin-health-emergency"),
            false,
        ),
    ];
    render(HubPage {
        l: Layout::new(ctx),
        notice,
        cards,
    })
}

/// Page links that keep the search: `base?query&page=n`.
pub fn page_href(base: &str, pairs: &[(&str, &str)], page: u64) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        if !v.is_empty() {
            s.append_pair(k, v);
        }
    }
    s.append_pair("page", &page.to_string());
    format!("{base}?{}", s.finish())
}
