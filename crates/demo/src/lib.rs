//! Rapport's made-up data, outside the use-case crate: the demo practice (`rapport demo`,
//! this module) and the bulk seed for benchmarks (`rapport seed`, [`seed`]). Both reach the
//! database only through `rapport-app`: its use-cases, and its [`rapport_app::bulk`] loader
//! for the accounts that no use-case could have made a year ago.
//!
//! The demo practice: an administrator, three clinicians of different credentials and
//! approaches, and twenty clients on their care teams, with a year of history. Only
//! `rapport demo` calls this; nothing here exists outside a demo.
//!
//! The practice's accounts are loaded as they were a year ago ([`practice`]); then the
//! clients' year of questionnaires and check-ins is replayed through the real use-cases on a
//! clock that moves from then to now ([`history`]), so the scores, flags and audit trail are
//! the real ones.
//! The same replay writes each client's intake, treatment plan (agreed, and changed as they
//! recover), discharge to staying well and relapse-prevention plan at their moments ([`plans`]),
//! and runs their sessions: booked, attended (or not), answered with feedback and written up
//! in notes ([`sessions`], [`session_notes`]), and gives, writes and reviews a few clients'
//! homework over the last weeks ([`homework`]). A twelve-week CBT group of eight, eight weeks
//! in, runs last on a clock of its own ([`groups`]).

mod clients;
mod directory;
mod families;
mod groups;
mod history;
mod homework;
mod medication;
mod messaging;
mod on_call;
mod plans;
mod practice;
pub mod seed;
mod session_notes;
mod sessions;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use chrono::Duration;
use rapport_app::audit_log::Entry;
use rapport_app::clock::ManualClock;
use rapport_app::{Actor, App, Result, bulk};
use rapport_core::accounts::Role;

/// The password of every demo account (printed by `rapport demo`, shown on its sign-in page,
/// which is why `rapport-app` holds it).
pub use rapport_app::demo::DEMO_PASSWORD;

/// A demo sign-in, as printed and shown on the demo's sign-in page.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub role: Role,
    pub name: String,
    pub email: String,
    pub totp_secret: Option<String>,
    /// Sees the whole practice's outcome reports (issue 17).
    pub practice_lead: bool,
}

/// Fills an empty database with the demo practice and its year, and returns its sign-ins.
pub async fn create(app: &App) -> Result<Vec<DemoAccount>> {
    let now = app.now();
    // The same database, on a clock that starts before the practice opened.
    let clock = Arc::new(ManualClock::new(now - Duration::days(400)));
    let mut past = app.clone();
    past.clock = clock.clone();
    let practice = practice::create(&past, &clock, DEMO_PASSWORD, now).await?;
    history::replay(&past, &clock, &practice, now).await?;
    safety_plans(app, &practice).await?;
    groups::run(app, &practice, now).await?;
    let relatives = families::create(app, &practice, DEMO_PASSWORD).await?;
    on_call::rota(app, &practice, now).await?;
    messaging::create(app, &practice).await?;
    let lead = practice_lead(app, &practice).await?;

    let mut e = Entry::ok("demo.seeded");
    e.detail = Some("demo practice created with a year of history".into());
    bulk::record(app, e).await?;
    let mut accounts = practice.accounts;
    for a in &mut accounts {
        a.practice_lead = lead == Some(a.email.as_str());
    }
    accounts.extend(relatives);
    Ok(accounts)
}

/// The administrator makes the first clinician a practice lead (issue 17): she sees the whole
/// practice's outcome reports. Returns her e-mail address.
async fn practice_lead(app: &App, practice: &practice::Practice) -> Result<Option<&'static str>> {
    let (Some(admin), Some(lead)) = (&practice.admin, practice.clinicians.first()) else {
        return Ok(None);
    };
    rapport_app::practice_leads::set(app, admin, lead.id, true).await?;
    Ok(Some(practice::first_clinician_email()))
}

/// Safety plans for a few clients: written with their therapist (as the therapist), made up
/// and plain.
async fn safety_plans(app: &App, practice: &practice::Practice) -> Result<()> {
    let plans: [(&str, [&str; 6]); 3] = [
        (
            "Morgan Ellis",
            [
                "Lying awake after 3 a.m.; cancelling plans; thinking nobody would notice if I was gone.",
                "A hot shower; the breathing exercise from session 4; walking round the block with music.",
                "The library café; my neighbour Ruth's kitchen; the Thursday climbing group.",
                "My brother Sam (555-0110); Ruth next door (555-0131).",
                "Daniel Reyes, my therapist (practice line 555-0100); call or text 988; the emergency department at St. Luke's.",
                "Sam keeps my spare medication; the car keys stay with Ruth on bad weeks.",
            ],
        ),
        (
            "Skyler Adams",
            [
                "Skipping meals; staying in pyjamas all day; replaying old arguments.",
                "Cooking something simple; a podcast; ten minutes outside.",
                "My cousin's flat; the park by the river.",
                "My cousin Lee (555-0155).",
                "Daniel Reyes (555-0100); 988 by call or text.",
                "",
            ],
        ),
        (
            "Casey Novak",
            [
                "Sleeping 11 hours and still tired; not opening post; feeling like a burden.",
                "Journaling for five minutes; a cold glass of water and a walk.",
                "Choir on Tuesdays; my friend Ana's garden.",
                "Ana (555-0172); my mum (555-0123).",
                "Dr. Maya Okafor (555-0100); 988.",
                "Ask Ana to keep the sleeping tablets.",
            ],
        ),
    ];
    for (name, steps) in plans {
        let Some(seat) = practice.clients.iter().find(|c| c.name == name) else {
            continue;
        };
        let actor = Actor {
            user_id: seat.therapist.id,
            role: Role::Clinician,
            name: seat.therapist.name.to_string(),
            address: None,
        };
        rapport_app::plans::save_safety_plan(app, &actor, seat.id, 0, steps.map(str::to_string))
            .await?;
    }
    Ok(())
}
