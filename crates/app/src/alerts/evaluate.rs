//! Runs the early-warning rules of `core` on a client's stored data, inside the transaction of
//! the write that may trigger them, and raises what they find.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rapport_core::alerts::{
    self as rules, Appointment, Attendance, CheckIn, ClientData, Evidence, FlagKind, MeasureRole,
    Medication, Phq9Point, RiskAssessment, Scheduled, SessionFeedback, Trigger, WarningSignId,
};
use rapport_core::outcomes::{Day, Timestamp};
use rapport_store::episodes::Episode;
use rapport_store::{WriteTx, accounts::users, alerts, checkins, measures, sessions};
use uuid::Uuid;

use super::{Raise, Raised, raise};
use crate::time::local_day;
use crate::{App, Error, Result};

fn timestamp(at: DateTime<Utc>) -> Timestamp {
    Timestamp(at.timestamp())
}

fn day(d: NaiveDate) -> Day {
    Day(d.signed_duration_since(NaiveDate::default()).num_days())
}

/// Check-ins far enough back for the sleep rule (14 nights of median before a 3-night run
/// inside the last 7 days).
const CHECKIN_DAYS: i64 = 28;

async fn client_data(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    episode: &Episode,
) -> Result<ClientData> {
    let mut data = client_data_only(app, tx, client_id, episode).await?;
    data.scheduled = missed_measures(app, tx, client_id, episode).await?;
    data.scheduled
        .extend(sessions_of(app, tx, client_id, episode).await?);
    Ok(data)
}

/// The client's sessions in this episode up to now: attended, missed (a no-show or a late
/// cancellation), cancelled, or not yet recorded.
async fn sessions_of(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    episode: &Episode,
) -> Result<Vec<Scheduled>> {
    Ok(
        sessions::outcomes_of(tx.conn(), client_id, episode.started_at, app.now())
            .await?
            .into_iter()
            .map(|(at, cancelled, attendance)| Scheduled {
                at: timestamp(at),
                what: Appointment::Session,
                attendance: if cancelled {
                    Some(Attendance::Cancelled)
                } else {
                    attendance
                        .as_deref()
                        .and_then(rapport_core::sessions::Attendance::parse)
                        .map(|a| a.outcome())
                },
            })
            .collect(),
    )
}

/// Scheduled PHQ-9s that came and went without one: each due date since the last PHQ-9
/// (or the episode's start) that is a full schedule period in the past counts as missed.
async fn missed_measures(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    episode: &Episode,
) -> Result<Vec<Scheduled>> {
    let c = tx.conn();
    let every = measures::schedules_of(c, client_id)
        .await?
        .into_iter()
        .find(|s| s.instrument == "phq9")
        .map(|s| i64::from(s.every_days))
        .unwrap_or(7);
    if every <= 0 {
        return Ok(vec![]);
    }
    let series = measures::series(c, client_id, Some("phq9"), Some(episode.id)).await?;
    let mut out: Vec<Scheduled> = series
        .iter()
        .map(|m| Scheduled {
            at: timestamp(m.taken_at),
            what: Appointment::Measure,
            attendance: Some(Attendance::Attended),
        })
        .collect();
    let since = series
        .last()
        .map(|m| m.taken_at)
        .unwrap_or(episode.started_at);
    let now = app.now();
    // A measure counts as missed once its due date plus one period has passed unanswered.
    let mut due = since + Duration::days(every);
    let mut missed = 0;
    while due + Duration::days(every) <= now && missed < 8 {
        out.push(Scheduled {
            at: timestamp(due),
            what: Appointment::Measure,
            attendance: Some(Attendance::Missed),
        });
        due += Duration::days(every);
        missed += 1;
    }
    Ok(out)
}

async fn client_data_only(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    episode: &Episode,
) -> Result<ClientData> {
    let c = tx.conn();
    let user = users::find(c, tx.keys(), client_id)
        .await?
        .ok_or(Error::NotFound)?;
    let now = app.now();
    let today = local_day(now, &user.timezone);
    let phq9 = measures::series(c, client_id, Some("phq9"), None)
        .await?
        .into_iter()
        .map(|m| Phq9Point {
            at: timestamp(m.taken_at),
            total: Some(m.total.clamp(0, 255) as u8),
            item9: m.item9.map(|v| v.clamp(0, 255) as u8),
        })
        .collect();
    let risk_assessment = alerts::assessments_of(c, tx.keys(), client_id)
        .await?
        .first()
        .map(|r| RiskAssessment {
            at: timestamp(r.at),
            judged_high: r.judgement == "high",
        });
    let check_ins = checkins::since(c, None, client_id, today - Duration::days(CHECKIN_DAYS))
        .await?
        .into_iter()
        .filter(|k| k.reported_by == client_id)
        .map(|k| CheckIn {
            day: day(k.day),
            mood: k.mood.clamp(0, 255) as u8,
            sleep_hours: f64::from(k.sleep_quarters) / 4.0,
            medication: match k.medication.as_str() {
                "taken" => Medication::Taken,
                "missed" => Medication::Missed,
                _ => Medication::NotPrescribed,
            },
            warning_signs: k
                .signs
                .iter()
                .map(|s| WarningSignId(s.to_string()))
                .collect(),
        })
        .collect();
    let own_warning_signs = checkins::sign_ids_of(c, client_id)
        .await?
        .into_iter()
        .map(|s| WarningSignId(s.to_string()))
        .collect();
    Ok(ClientData {
        now: timestamp(now),
        today: day(today),
        new_since: Some(timestamp(now)),
        episode: Some(rules::Episode {
            started_at: timestamp(episode.started_at),
            started_on: day(local_day(episode.started_at, &user.timezone)),
            active: matches!(episode.state.as_str(), "active" | "maintenance"),
        }),
        carried_in_remission: None,
        phq9,
        risk_assessment,
        check_ins,
        own_warning_signs,
        // Family members' reports arrive with the family capability.
        sign_reports: vec![],
        scheduled: vec![],
        feedback: sessions::feedback_of(c, tx.keys(), client_id)
            .await?
            .into_iter()
            .map(|f| SessionFeedback {
                at: timestamp(f.at),
                heard: f.heard.clamp(0, 10) as u8,
                worked_on: f.worked_on.clamp(0, 10) as u8,
                approach: f.approach.clamp(0, 10) as u8,
                overall: f.overall.clamp(0, 10) as u8,
            })
            .collect(),
    })
}

/// Stores the triggers the caller's write is responsible for.
pub(crate) async fn raise_all(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    episode_id: Option<Uuid>,
    triggers: Vec<Trigger>,
    measure_id: Option<Uuid>,
    checkin_id: Option<Uuid>,
) -> Result<Vec<Raised>> {
    let mut out: Vec<Raised> = Vec::new();
    for t in triggers {
        let detail =
            serde_json::to_string(&t.evidence).map_err(|e| Error::Internal(e.to_string()))?;
        let r = raise(
            app,
            tx,
            client_id,
            episode_id,
            Raise {
                kind: t.kind.as_str().to_string(),
                level: t.level.as_str().to_string(),
                explanation: t.rule.to_string(),
                rule: t.rule_id.to_string(),
                detail,
                measure_id,
                checkin_id,
            },
        )
        .await?;
        if !out.iter().any(|o| o.flag_id == r.flag_id) {
            out.push(r);
        }
    }
    Ok(out)
}

/// After a PHQ-9: the rules about it (safety from item 9, deterioration, relapse, not on
/// track), for this measure only. Other instruments feed no rule, and must not re-raise what
/// an earlier PHQ-9 raised.
pub(crate) async fn after_phq9(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    episode: &Episode,
    measure_id: Uuid,
) -> Result<Vec<Raised>> {
    let data = client_data(app, tx, client_id, episode).await?;
    let now = timestamp(app.now());
    let triggers = rules::evaluate(&data, None)
        .into_iter()
        .filter(|t| {
            matches!(t.kind, FlagKind::Safety | FlagKind::Deterioration | FlagKind::Relapse | FlagKind::NotOnTrack)
                && t.evidence.iter().any(|e| {
                    matches!(e, Evidence::Phq9 { role: MeasureRole::Flagged, at, .. } if *at == now)
                })
        })
        .collect();
    raise_all(
        app,
        tx,
        client_id,
        Some(episode.id),
        triggers,
        Some(measure_id),
        None,
    )
    .await
}

/// A PHQ-9 too incomplete to score but with item 9 answered above zero: it is not stored,
/// yet the safety flag is raised (CLINICAL.md: item 9 ≥ 1, whatever the total).
pub(crate) async fn unscored_item9(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    episode: &Episode,
    item9: u8,
) -> Result<Vec<Raised>> {
    let trigger = Trigger::new(
        rules::Rule::SafetyItem9,
        vec![Evidence::Phq9 {
            role: MeasureRole::Flagged,
            at: timestamp(app.now()),
            total: None,
            item9: Some(item9),
        }],
    );
    raise_all(
        app,
        tx,
        client_id,
        Some(episode.id),
        vec![trigger],
        None,
        None,
    )
    .await
}

/// After a daily check-in: the rules about check-ins (the client's warning signs, low mood,
/// missed medication, changed sleep), when today's check-in is part of the evidence — a
/// pattern that only holds from earlier days has been raised already.
pub(crate) async fn after_checkin(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    episode: &Episode,
    checkin_id: Uuid,
) -> Result<Vec<Raised>> {
    let data = client_data(app, tx, client_id, episode).await?;
    let today = data.today;
    let triggers = rules::evaluate(&data, None)
        .into_iter()
        .filter(|t| {
            t.kind == FlagKind::WarningSigns
                && t.evidence.iter().any(|e| match e {
                    Evidence::WarningSign { day, .. }
                    | Evidence::Mood { day, .. }
                    | Evidence::MedicationMissed { day }
                    | Evidence::Sleep { day, .. } => *day == today,
                    _ => false,
                })
        })
        .collect();
    raise_all(
        app,
        tx,
        client_id,
        Some(episode.id),
        triggers,
        None,
        Some(checkin_id),
    )
    .await
}

/// The periodic check (daily): disengagement — no check-in for 14 days in an active episode,
/// or two scheduled measures missed in a row — for every watched episode. A client who has an
/// unresolved disengagement flag already is left alone: nothing new happened.
pub async fn sweep(app: &App) -> Result<usize> {
    let episodes = rapport_store::episodes::watched(app.db.conn()).await?;
    let mut raised = 0;
    for episode in episodes {
        let tx = app.db.write().await?;
        users::lock(&tx, episode.client_id).await?;
        let open = alerts::unresolved_of(tx.conn(), episode.client_id).await?;
        if open
            .iter()
            .any(|f| f.kind == FlagKind::Disengagement.as_str())
        {
            continue;
        }
        let data = client_data(app, &tx, episode.client_id, &episode).await?;
        let triggers: Vec<Trigger> = rules::evaluate(&data, None)
            .into_iter()
            .filter(|t| t.kind == FlagKind::Disengagement)
            .collect();
        if !triggers.is_empty() {
            raised += raise_all(
                app,
                &tx,
                episode.client_id,
                Some(episode.id),
                triggers,
                None,
                None,
            )
            .await?
            .len();
            tx.commit().await?;
        }
    }
    Ok(raised)
}

/// After a session's attendance is recorded: disengagement (two missed in a row).
pub(crate) async fn after_session(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    episode: &Episode,
) -> Result<Vec<Raised>> {
    let data = client_data(app, tx, client_id, episode).await?;
    let triggers = rules::evaluate(&data, None)
        .into_iter()
        .filter(|t| t.rule_id == rules::Rule::MissedInARow.id())
        .collect();
    raise_all(app, tx, client_id, Some(episode.id), triggers, None, None).await
}

/// After session feedback: the alliance rule, for this feedback.
pub(crate) async fn after_feedback(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    episode: &Episode,
) -> Result<Vec<Raised>> {
    let data = client_data(app, tx, client_id, episode).await?;
    let now = timestamp(app.now());
    let triggers = rules::evaluate(&data, None)
        .into_iter()
        .filter(|t| {
            t.kind == FlagKind::Alliance
                && t.evidence
                    .iter()
                    .any(|e| matches!(e, Evidence::Feedback { at, .. } if *at == now))
        })
        .collect();
    raise_all(app, tx, client_id, Some(episode.id), triggers, None, None).await
}
