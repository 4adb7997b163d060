//! The demo practice: an administrator, three clinicians of different credentials and
//! approaches, and twenty clients on their care teams, with a year of history. Only
//! `rapport demo` calls this; nothing here exists outside a demo.
//!
//! The practice is created as it was a year ago ([`practice`]); then the clients' year of
//! questionnaires and check-ins is replayed through the real use-cases on a clock that moves
//! from then to now ([`history`]), so the scores, flags and audit trail are the real ones.

mod clients;
mod history;
mod practice;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use chrono::Duration;
use rapport_core::accounts::Role;

use crate::audit_log::{Entry, record};
use crate::clock::ManualClock;
use crate::{App, Result};

/// The password of every demo account (printed by `rapport demo`, shown on its sign-in page).
pub const DEMO_PASSWORD: &str = "demo-password-2026";

/// A demo sign-in, as printed and shown on the demo's sign-in page.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub role: Role,
    pub name: String,
    pub email: String,
    pub totp_secret: Option<String>,
}

/// Fills an empty database with the demo practice and its year, and returns its sign-ins.
pub async fn seed(app: &App) -> Result<Vec<DemoAccount>> {
    let now = app.now();
    // The same database, on a clock that starts before the practice opened.
    let clock = Arc::new(ManualClock::new(now - Duration::days(400)));
    let past = App::new(app.db.clone(), clock.clone(), (*app.config).clone());
    let practice = practice::create(&past, DEMO_PASSWORD, now).await?;
    history::replay(&past, &clock, &practice, now).await?;

    let tx = app.db.write().await?;
    let mut e = Entry::ok("demo.seeded");
    e.detail = Some("demo practice created with a year of history".into());
    record(app, &tx, None, None, e).await?;
    tx.commit().await?;
    Ok(practice.accounts)
}
