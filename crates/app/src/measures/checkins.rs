use rapport_core::measures::{CheckIn, CheckInInput, SelfHarmAnswer};
use rapport_store::checkins::{self, Checkin};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::episode_at;
use super::idempotent::{fingerprint, remember, replay};
use super::submit::FlagRaised;
use crate::access;
use crate::alerts::evaluate;
use crate::audit_log::{Entry, record};
use crate::policy::Action;
use crate::{Actor, App, Error, Result};

/// A daily check-in as sent. Serialized whole for the `Idempotency-Key` fingerprint, so a
/// field added here is part of it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NewCheckin {
    pub mood: Option<i64>,
    pub sleep_hours: Option<f64>,
    pub medication: Option<String>,
    pub note: Option<String>,
    /// Ids of the client's own warning signs ticked today.
    pub warning_signs: Vec<String>,
    /// The answer to the question about self-harm (`yes`, `no`, `skip`), when it was asked
    /// ([`asks_about_self_harm`]). An answer is taken even when it was not asked: a "yes" is
    /// never ignored.
    pub self_harm: Option<String>,
    /// Why a dose was missed (`side_effects`, `forgot`, `ran_out`, `chose_not_to`), with
    /// `missed` only. Left out of the fingerprint when absent, so earlier keys still match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missed_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckinResult {
    pub id: Uuid,
    pub day: chrono::NaiveDate,
    pub flags: Vec<FlagRaised>,
}

const ROUTE: &str = "POST /api/v1/checkins";

/// The client's daily check-in: mood, sleep, medication, an optional note (sealed) and ticks
/// of their own warning signs. The day is the client's own calendar day.
pub async fn submit_checkin(
    app: &App,
    actor: &Actor,
    new: NewCheckin,
    idempotency_key: Option<&str>,
) -> Result<CheckinResult> {
    access::own(actor, Action::SubmitMeasures)?;
    let body_hash = fingerprint(&new);
    if let Some(saved) = replay(app, actor, idempotency_key, ROUTE, &body_hash).await? {
        return Ok(saved);
    }
    let mut sign_ids = Vec::with_capacity(new.warning_signs.len());
    for (i, s) in new.warning_signs.iter().enumerate() {
        sign_ids.push(Uuid::parse_str(s).map_err(|_| {
            Error::invalid(
                format!("warning_signs[{i}]"),
                "This is not one of your warning signs.",
            )
        })?);
    }
    let parsed = CheckIn::parse(CheckInInput {
        mood: new.mood,
        sleep_hours: new.sleep_hours,
        medication: new.medication.as_deref(),
        note: new.note.as_deref(),
        warning_signs: &sign_ids,
    })?;
    let self_harm = SelfHarmAnswer::read(new.self_harm.as_deref())?;
    crate::medication::check_missed_reason(
        new.medication.as_deref(),
        new.missed_reason.as_deref(),
    )?;
    let client_id = actor.user_id;
    let tx = app.db.write().await?;
    let timezone = rapport_store::accounts::users::lock_timezone(&tx, client_id)
        .await?
        .ok_or(Error::NotFound)?;
    if !parsed.warning_signs.is_empty() {
        let own = checkins::sign_ids_of(tx.conn(), client_id).await?;
        if let Some(i) = parsed.warning_signs.iter().position(|s| !own.contains(s)) {
            return Err(Error::invalid(
                format!("warning_signs[{i}]"),
                "This is not one of your warning signs.",
            ));
        }
    }
    // The one reading of the clock: the check-in's day and the rules' "today" agree.
    let now = app.now();
    let day = crate::time::local_day(now, &timezone);
    let episode = episode_at(app, &tx, client_id, actor.user_id, now).await?;
    let k = Checkin {
        id: app.new_id(),
        client_id,
        episode_id: Some(episode.id),
        day,
        taken_at: now,
        mood: i16::from(parsed.mood),
        sleep_quarters: i16::from(parsed.sleep_quarter_hours),
        medication: parsed.medication.as_str().into(),
        note: parsed.note.clone(),
        reported_by: actor.user_id,
        signs: parsed.warning_signs.clone(),
        self_harm: self_harm.map(|a| a.as_str().to_string()),
    };
    checkins::insert(tx.conn(), tx.keys(), &k).await?;
    crate::medication::record_missed_reason(
        tx.conn(),
        k.id,
        client_id,
        &k.medication,
        new.missed_reason.as_deref(),
    )
    .await?;
    let raised =
        evaluate::after_checkin(app, &tx, client_id, &timezone, &episode, k.id, now).await?;
    let result = CheckinResult {
        id: k.id,
        day,
        flags: raised
            .into_iter()
            .map(|r| FlagRaised {
                kind: r.kind,
                level: r.level,
            })
            .collect(),
    };
    record(
        app,
        &tx,
        Some(actor),
        None,
        Entry::ok("checkin.submitted")
            .client(client_id)
            .resource(format!("checkin:{}", k.id)),
    )
    .await?;
    remember(app, &tx, actor, idempotency_key, ROUTE, &body_hash, &result).await?;
    tx.commit().await?;
    Ok(result)
}

/// Whether the client's check-in today asks the question about self-harm: while their last
/// PHQ-9 item 9 was 1 or more, or a safety flag was raised in the last 90 days (CLINICAL.md
/// "Early warning"). The client, for themself. Like "is there a safety plan", the answer is a
/// yes or no that shows nothing of the record, so it is not audited.
pub async fn asks_about_self_harm(app: &App, actor: &Actor) -> Result<bool> {
    access::own(actor, Action::SubmitMeasures)?;
    let tx = app.db.read().await?;
    let ask = evaluate::asks_about_self_harm(&tx, actor.user_id, app.now()).await?;
    tx.close().await?;
    Ok(ask)
}

/// The client's own warning signs, to tick on the check-in: (id, label).
pub async fn my_warning_signs(app: &App, actor: &Actor) -> Result<Vec<(String, String)>> {
    access::own(actor, Action::SubmitMeasures)?;
    Ok(
        checkins::signs_of(app.db.conn(), app.db.keys(), actor.user_id)
            .await?
            .into_iter()
            .map(|s| (s.id.to_string(), s.label))
            .collect(),
    )
}
