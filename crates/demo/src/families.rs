//! Two families (issue 15, part 1), made through the real use-cases: Alex Morgan's sister Jess
//! sees Alex's warning signs and the pages for family, and can tell the clinician what she
//! notices; Morgan Ellis's father Pat was shown the safety plan for a while, then Morgan took
//! that back and left him the pages for family.

use std::sync::Arc;

use chrono::Duration;
use rapport_app::clock::ManualClock;
use rapport_app::family::{self, NewInvitation};
use rapport_app::observations::{self, NewObservation};
use rapport_app::{Actor, App, Error, Result};
use rapport_core::accounts::Role;

use super::DemoAccount;
use super::practice::Practice;

/// One family member: the client who invites them, who they are, what is granted, and what
/// the client later leaves them (none: unchanged).
#[derive(Clone, Copy)]
struct Relative {
    client: &'static str,
    name: &'static str,
    email: &'static str,
    relationship: &'static str,
    granted: &'static [&'static str],
    later: Option<&'static [&'static str]>,
}

const FAMILIES: [Relative; 2] = [
    Relative {
        client: "Alex Morgan",
        name: "Jess Morgan",
        email: "jess.morgan@example.org",
        relationship: "sister",
        granted: &["warning_signs", "observations", "learning"],
        later: None,
    },
    Relative {
        client: "Morgan Ellis",
        name: "Pat Ellis",
        email: "pat.ellis@example.org",
        relationship: "father",
        granted: &["safety_plan", "learning"],
        later: Some(&["learning"]),
    },
];

/// What Jess noticed.
const OBSERVATION: &str =
    "Alex cancelled our Sunday walk again and has not answered my calls since.";

/// Invites and joins each family member six weeks ago; twelve days ago Morgan narrowed Pat's
/// scopes; two days ago Jess looked at Alex's warning signs. Returns their sign-ins.
pub(super) async fn create(
    app: &App,
    practice: &Practice,
    password: &str,
) -> Result<Vec<DemoAccount>> {
    let now = app.now();
    let clock = Arc::new(ManualClock::new(now - Duration::days(42)));
    let mut then = app.clone();
    then.clock = clock.clone();
    let app = &then;
    let mut accounts = Vec::new();
    let mut later = Vec::new();
    for r in FAMILIES {
        let seat = practice
            .clients
            .iter()
            .find(|c| c.name == r.client)
            .ok_or_else(|| Error::Internal(format!("the demo has no client {}", r.client)))?;
        let client = Actor {
            user_id: seat.id,
            role: Role::Client,
            name: seat.name.to_string(),
            address: None,
        };
        let made = family::invite(
            app,
            &client,
            seat.id,
            NewInvitation {
                email: r.email.into(),
                name: r.name.into(),
                relationship: r.relationship.into(),
                scopes: r.granted.iter().map(|s| s.to_string()).collect(),
            },
            "http://localhost",
        )
        .await?;
        let (relative, session) = family::sign_up_with_invitation(
            app,
            rapport_app::accounts::NewClient {
                name: r.name,
                email: r.email,
                password,
                timezone: None,
            },
            &made.token,
            "127.0.0.1",
        )
        .await?;
        rapport_app::accounts::end_session(app, &session, None).await?;
        later.push((r, client, seat.id, relative));
        accounts.push(DemoAccount {
            role: Role::Family,
            name: r.name.to_string(),
            email: r.email.to_string(),
            totp_secret: None,
            practice_lead: false,
        });
    }
    clock.advance(Duration::days(30));
    for (r, client, client_id, relative) in &later {
        if let Some(scopes) = r.later {
            let words: Vec<String> = scopes.iter().map(|s| s.to_string()).collect();
            family::set_scopes(app, client, *client_id, relative.user_id, &words).await?;
        }
    }
    // Jess has looked at the warning signs, so Alex sees when, and told the clinician what
    // she noticed: the first of Alex's signs, and a few words.
    clock.advance(Duration::days(10));
    for (r, _, client_id, relative) in &later {
        if r.granted.contains(&"warning_signs") {
            family::warning_signs(app, relative, *client_id).await?;
        }
        if r.granted.contains(&"observations") {
            let form = observations::report_form(app, relative, *client_id).await?;
            observations::report(
                app,
                relative,
                *client_id,
                NewObservation {
                    warning_signs: form
                        .signs
                        .iter()
                        .take(1)
                        .map(|s| s.id.to_string())
                        .collect(),
                    note: Some(OBSERVATION.into()),
                },
            )
            .await?;
        }
    }
    Ok(accounts)
}
