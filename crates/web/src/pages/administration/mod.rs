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
    pub title: &'static str,
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

fn plural(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
    let n = |k: &str| h.accounts.get(k).copied().unwrap_or(0);
    let jobs = |k: &str| h.jobs.get(k).copied().unwrap_or(0);
    let (failed, dead) = (jobs("failed"), jobs("dead"));
    let s = &h.settings;
    let cards = vec![
        Card {
            title: "Accounts",
            href: "/admin/users",
            health: format!(
                "{}, {}, {}, {}. Find an account, disable it, make a clinician practice lead, create staff.",
                plural(n("client"), "client", "clients"),
                plural(n("clinician"), "clinician", "clinicians"),
                plural(n("family"), "family member", "family members"),
                plural(n("admin"), "administrator", "administrators"),
            ),
            warn: false,
        },
        Card {
            title: "Clinician verification",
            href: "/admin/clinicians",
            health: "Licence checks: the directory lists a clinician only once checked.".into(),
            warn: false,
        },
        Card {
            title: "Care teams",
            href: "/admin/care-teams",
            health: "Add a clinician to a client's care team, or take them off; clients asking for another therapist.".into(),
            warn: false,
        },
        Card {
            title: "Triage duty",
            href: "/admin/triage",
            health: match h.on_triage_duty {
                0 => "Nobody is on triage duty: alerts of clients without a care team reach no one.".into(),
                k => format!("{} on triage duty.", plural(k as i64, "clinician", "clinicians")),
            },
            warn: h.on_triage_duty == 0,
        },
        Card {
            title: "On-call rota",
            href: "/admin/on-call",
            health: "Who is told when nobody acknowledges a safety alert in time.".into(),
            warn: false,
        },
        Card {
            title: "Instance settings",
            href: "/admin/settings",
            health: format!(
                "Crisis lines: {}. Client idle time-out: {} minutes.",
                match (&s.country, s.crisis_lines_here().len()) {
                    (Some(c), k) if k > 0 => format!("{} for {c}", plural(k as i64, "line", "lines")),
                    _ => "the built-in ones".into(),
                },
                s.client_idle_minutes
                    .unwrap_or(state.app.config.client_idle_minutes)
            ),
            warn: false,
        },
        Card {
            title: "Audit log",
            href: "/admin/audit",
            health: format!(
                "{}. Filter them and check the chain.",
                plural(h.audit_events, "event", "events")
            ),
            warn: false,
        },
        Card {
            title: "Jobs and e-mail",
            href: "/admin/jobs",
            health: format!(
                "{} queued, {failed} failed, {dead} dead. E-mail is {}.",
                jobs("queued"),
                if h.email_configured { "on" } else { "off" }
            ),
            warn: failed + dead > 0,
        },
        Card {
            title: "Erasure requests",
            href: "/admin/erasure-requests",
            health: "Clients' requests to delete their account, and the retention rules.".into(),
            warn: false,
        },
        Card {
            title: "Emergency access",
            href: "/admin/emergency-access",
            health: "Records opened in an emergency by clinicians outside the care team.".into(),
            warn: false,
        },
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
