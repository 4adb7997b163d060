//! The one-page summary for the client's own doctor (GP) (issue 22): current medicines,
//! adherence of the last four weeks, the last FIBSER burden and the PHQ-9 trend of the current
//! episode. The client reads their own at any time; the care team only while the client's
//! consent (`gp_summary`, given and withdrawn on `/medications`) is in force. Every view is
//! audited, and so is every refusal.

use chrono::{DateTime, NaiveDate, Utc};
use rapport_core::accounts::Role;
use rapport_core::measures::Instrument;
use rapport_core::medication as rules;
use rapport_store::consents::{self, Consent, grant as give_consent};
use rapport_store::{ConnectionTrait, care_teams, episodes, measures};
use uuid::Uuid;

use super::adherence::{AdherenceWeek, adherence_of};
use super::list::{MedicineView, medications_of};
use crate::access;
use crate::audit_log::{Entry, journal};
use crate::policy::Action;
use crate::time::local_day;
use crate::{Actor, App, Error, Result};

/// The consent kind in `consents`.
pub const GP_SUMMARY_CONSENT: &str = "gp_summary";
/// The wording the client agreed to.
pub const GP_SUMMARY_CONSENT_VERSION: &str = "2026-12-gp-summary-v1";
/// Weeks of adherence on the summary.
pub const SUMMARY_WEEKS: u32 = 4;

/// The one-page summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GpSummary {
    pub client_id: Uuid,
    pub client_name: String,
    pub produced_at: DateTime<Utc>,
    /// Current medicines only.
    pub medicines: Vec<MedicineView>,
    /// Oldest first.
    pub weeks: Vec<AdherenceWeek>,
    /// Taken ÷ (taken + missed) over the four weeks; `None` without such answers.
    pub adherence_percent: Option<u8>,
    pub taken: u32,
    pub missed: u32,
    /// The last FIBSER burden (0–6) and its day.
    pub last_burden: Option<(u8, NaiveDate)>,
    /// The PHQ-9 of the current episode: first, lowest and latest total.
    pub phq9_trend: Option<(u8, u8, u8)>,
    pub phq9_count: usize,
}

async fn consent_of(c: &impl ConnectionTrait, client_id: Uuid) -> Result<Option<Consent>> {
    Ok(consents::active_for(c, client_id)
        .await?
        .into_iter()
        .find(|k| k.kind == GP_SUMMARY_CONSENT))
}

/// Whether the client has consented to their care team printing the summary.
pub async fn gp_summary_consent(app: &App, actor: &Actor, client_id: Uuid) -> Result<bool> {
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "gp_summary_consent.read",
    )
    .await?;
    let given = consent_of(scope.conn(), client_id).await?.is_some();
    scope.finish(Entry::ok("gp_summary_consent.read")).await?;
    Ok(given)
}

/// The client gives (`true`) or withdraws (`false`) their consent; doing it twice is the same
/// as once. Audited.
pub async fn set_gp_summary_consent(app: &App, actor: &Actor, give: bool) -> Result<()> {
    let client_id = actor.user_id;
    let event = if give {
        "consent.gp_summary.given"
    } else {
        "consent.gp_summary.withdrawn"
    };
    if actor.role != Role::Client {
        journal(app, actor, Entry::ok(event).outcome("denied")).await?;
        return Err(Error::Forbidden);
    }
    let scope = access::write(app, actor, Action::WriteClientRecord, client_id, event).await?;
    let now = app.now();
    match (consent_of(scope.conn(), client_id).await?, give) {
        (None, true) => {
            give_consent(
                scope.conn(),
                Consent {
                    id: app.new_id(),
                    client_id,
                    kind: GP_SUMMARY_CONSENT.into(),
                    grantee_id: None,
                    scope: None,
                    text_version: GP_SUMMARY_CONSENT_VERSION.into(),
                    granted_at: now,
                    revoked_at: None,
                },
            )
            .await?;
        }
        (Some(k), false) => consents::revoke(scope.conn(), k.id, now).await?,
        _ => {}
    }
    scope.commit(Entry::ok(event)).await?;
    Ok(())
}

/// The summary, for the client or — with the client's consent in force — a clinician on their
/// care team. A refusal is audited (`gp_summary.read`, denied).
pub async fn gp_summary(app: &App, actor: &Actor, client_id: Uuid) -> Result<GpSummary> {
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "gp_summary.read",
    )
    .await?;
    let c = scope.conn();
    let own = actor.role == Role::Client && actor.user_id == client_id;
    if !own {
        let on_team = actor.role == Role::Clinician
            && care_teams::team_of(c, client_id)
                .await?
                .iter()
                .any(|m| m.clinician_id == actor.user_id);
        let consented = consent_of(c, client_id).await?.is_some();
        if !on_team || !consented {
            drop(scope);
            journal(
                app,
                actor,
                Entry::ok("gp_summary.read")
                    .client(client_id)
                    .outcome("denied"),
            )
            .await?;
            return Err(if on_team {
                Error::Conflict(
                    "The client has not agreed to share this summary with their doctor.".into(),
                )
            } else {
                Error::Forbidden
            });
        }
    }
    let tz = rapport_store::accounts::users::timezone_of(c, client_id)
        .await?
        .ok_or(Error::NotFound)?;
    let episode = episodes::current(c, client_id).await?;
    let phq9: Vec<u8> = match &episode {
        Some(e) => measures::series(c, client_id, Some(Instrument::Phq9.as_str()), Some(e.id))
            .await?
            .into_iter()
            .map(|m| m.total.clamp(0, 255) as u8)
            .collect(),
        None => vec![],
    };
    let last_burden = measures::series(c, client_id, Some(Instrument::Fibser.as_str()), None)
        .await?
        .into_iter()
        .max_by_key(|m| m.taken_at)
        .map(|m| (m.total.clamp(0, 6) as u8, local_day(m.taken_at, &tz)));
    let names = rapport_store::accounts::users::names_of(c, scope.keys(), &[client_id]).await?;
    let client_name = names.into_iter().next().map(|(_, n)| n).unwrap_or_default();
    scope
        .finish(Entry::ok("gp_summary.read").resource("gp_summary".to_string()))
        .await?;
    let list = medications_of(app, actor, client_id).await?;
    let weeks = adherence_of(app, actor, client_id, SUMMARY_WEEKS).await?;
    let taken: u32 = weeks.iter().map(|w| w.taken).sum();
    let missed: u32 = weeks.iter().map(|w| w.missed).sum();
    let adherence_percent = (taken + missed > 0)
        .then(|| u8::try_from((taken * 100 + (taken + missed) / 2) / (taken + missed)).ok())
        .flatten();
    Ok(GpSummary {
        client_id,
        client_name,
        produced_at: app.now(),
        medicines: list.medications.into_iter().filter(|m| m.current).collect(),
        weeks,
        adherence_percent,
        taken,
        missed,
        last_burden,
        phq9_trend: rules::phq9_trend(&phq9),
        phq9_count: phq9.len(),
    })
}
