//! Runs the early-warning rules of `core` on a client's stored data, inside the transaction of
//! the write that may trigger them, and raises what they find.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rapport_core::alerts::{
    self as rules, Appointment, Attendance, CheckIn, ClientData, Evidence, FlagKind, Gad7Point,
    MeasureRole, Medication, Needs, Phase, Reporter, RiskAssessment, Rule, Scheduled,
    SessionFeedback, SignReport, Trigger, WarningSignId,
};
use rapport_core::measures::{Instrument, SelfHarmAnswer};
use std::sync::Arc;

use rapport_core::outcomes::{Day, PracticeCurves, Timestamp};
use rapport_core::plans::TreatmentPlan;
use rapport_store::episodes::Episode;
use rapport_store::{
    ConnectionTrait, Tx, WriteTx, accounts::users, alerts, checkins, measures, sessions,
};
use uuid::Uuid;

use super::progress;
use super::raise::{Cause, Raised, raise_all};
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

/// The rules a PHQ-9 can trigger: safety from its item 9, deterioration, relapse, not on
/// track (and the latest risk judgement, read with the PHQ-9s).
const PHQ9_RULES: [Rule; 9] = [
    Rule::SafetyItem9,
    Rule::SafetyItem9Unanswered,
    Rule::SafetyRiskAssessment,
    Rule::DeteriorationFromBaseline,
    Rule::DeteriorationFromLowest,
    Rule::Relapse,
    Rule::Recurrence,
    Rule::NotOnTrackDefault,
    Rule::NotOnTrackPractice,
];

/// The rules a GAD-7 can trigger (when it is a target measure of the treatment plan).
const GAD7_RULES: [Rule; 2] = [
    Rule::Gad7DeteriorationFromBaseline,
    Rule::Gad7DeteriorationFromLowest,
];

/// The rules a check-in can trigger: its answer about self-harm, and the warning signs.
const CHECKIN_RULES: [Rule; 5] = [
    Rule::SafetySelfHarmCheckIn,
    Rule::WarningSignDays,
    Rule::LowMoodRun,
    Rule::MedicationMissed,
    Rule::SleepChange,
];

/// The rules' phase of an episode in the store's words.
fn phase(state: &str) -> Phase {
    match state {
        "consultation" => Phase::Consultation,
        "maintenance" => Phase::Maintenance,
        "closed" => Phase::Closed,
        _ => Phase::Active,
    }
}

/// The parts of the client's data that `needs` names (`Needs::of` a write's kinds or
/// `Needs::of_rules` its rules), as of `now` (the use-case's one reading of the clock); the
/// rest is left empty. The caller keeps only the triggers of those kinds or rules.
pub(super) async fn client_data(
    tx: &impl Tx,
    client_id: Uuid,
    episode: &Episode,
    needs: Needs,
    now: DateTime<Utc>,
) -> Result<ClientData> {
    let timezone = users::timezone_of(tx.conn(), client_id)
        .await?
        .ok_or(Error::NotFound)?;
    client_data_in(tx, client_id, &timezone, episode, needs, now).await
}

/// [`client_data`] for a client whose timezone the caller has read already.
async fn client_data_in(
    tx: &impl Tx,
    client_id: Uuid,
    timezone: &str,
    episode: &Episode,
    needs: Needs,
    now: DateTime<Utc>,
) -> Result<ClientData> {
    let c = tx.conn();
    let today = local_day(now, timezone);
    let mut data = base_data(episode, timezone, now);
    if needs.phq9 {
        let input = progress::phq9_input(tx, client_id, episode, now).await?;
        fill_phq9(tx, client_id, &mut data, &input).await?;
    }
    if needs.gad7 {
        // Only the GAD-7s the rule needs (core's `gad7_needed`), not the episode's series.
        data.gad7 = measures::gad7_needed(
            c,
            client_id,
            episode.id,
            progress::second_of(episode.started_at),
            progress::second_of(now),
        )
        .await?
        .into_iter()
        .map(|(at, total)| Gad7Point {
            at: timestamp(at),
            total: total.clamp(0, 255) as u8,
        })
        .collect();
        data.gad7_is_target = gad7_is_target(tx, client_id).await?;
    }
    if needs.check_ins {
        data.check_ins = check_ins(tx, client_id, today).await?;
    }
    if needs.sleep_diary {
        data.sleep_diary = diary_nights(tx, client_id, today).await?;
    }
    if needs.warning_signs {
        // What consented family members reported (observations): core counts a day once,
        // whoever reported. A report made while its author held the scope keeps counting
        // after a revoke; hidden ones count too (hiding is about the client's view).
        data.sign_reports = rapport_store::observations::sign_reports_since(
            c,
            client_id,
            today - Duration::days(CHECKIN_DAYS),
        )
        .await?
        .into_iter()
        .map(|(d, sign, by)| SignReport {
            day: day(d),
            sign: WarningSignId(sign.to_string()),
            reporter: if by == client_id {
                Reporter::Client
            } else {
                Reporter::FamilyMember
            },
        })
        .collect();
        // The client's own signs only sort the ticked and reported ones: with none of those
        // in the window, there is nothing to sort and no need to read them.
        if data.check_ins.iter().any(|k| !k.warning_signs.is_empty())
            || !data.sign_reports.is_empty()
        {
            data.own_warning_signs = checkins::sign_ids_of(c, client_id)
                .await?
                .into_iter()
                .map(|s| WarningSignId(s.to_string()))
                .collect();
        }
    }
    if needs.scheduled {
        // Not on a submission's path (a session's attendance; the hourly sweep reads these
        // for a page of clients at once).
        let taken: Vec<DateTime<Utc>> = measures::phq9_points(c, client_id)
            .await?
            .iter()
            .filter(|(e, ..)| *e == episode.id)
            .map(|(_, at, ..)| *at)
            .collect();
        let every = phq9_every(
            measures::schedules_of(c, client_id)
                .await?
                .iter()
                .map(|s| (s.instrument.as_str(), s.every_days)),
        );
        let sessions = sessions::outcomes_of(c, client_id, episode.started_at, now).await?;
        let homework =
            crate::homework::passed_occurrences(tx, client_id, timezone, episode.started_at, now)
                .await?;
        data.scheduled = scheduled(episode, every, &taken, &sessions, &homework, now);
    }
    if needs.feedback {
        data.feedback = sessions::feedback_answers_of(c, client_id)
            .await?
            .into_iter()
            .map(
                |(at, [heard, worked_on, approach, overall])| SessionFeedback {
                    at: timestamp(at),
                    heard: heard.clamp(0, 10) as u8,
                    worked_on: worked_on.clamp(0, 10) as u8,
                    approach: approach.clamp(0, 10) as u8,
                    overall: overall.clamp(0, 10) as u8,
                },
            )
            .collect();
    }
    Ok(data)
}

/// What every rule is given: the time, the client's day and the episode.
pub(super) fn base_data(episode: &Episode, timezone: &str, now: DateTime<Utc>) -> ClientData {
    ClientData {
        now: timestamp(now),
        today: day(local_day(now, timezone)),
        new_since: Some(timestamp(now)),
        episode: Some(rules::Episode {
            started_at: timestamp(episode.started_at),
            started_on: day(local_day(episode.started_at, timezone)),
            phase: phase(&episode.state),
        }),
        ..ClientData::default()
    }
}

/// The sleep diary's nights as far back as the check-ins, each as its hours asleep: the sleep
/// rule reads them instead of the check-in's hours where a night has one (issue 22).
async fn diary_nights(
    tx: &impl Tx,
    client_id: Uuid,
    today: NaiveDate,
) -> Result<Vec<rapport_core::alerts::DiaryNight>> {
    Ok(rapport_store::sleep::nights_since(
        tx.conn(),
        client_id,
        today - Duration::days(CHECKIN_DAYS),
    )
    .await?
    .iter()
    .filter_map(crate::sleep::asleep_hours)
    .map(|(d, hours)| rapport_core::alerts::DiaryNight { day: day(d), hours })
    .collect())
}

/// The client's own check-ins far enough back for every check-in rule.
async fn check_ins(tx: &impl Tx, client_id: Uuid, today: NaiveDate) -> Result<Vec<CheckIn>> {
    Ok(
        checkins::since(tx.conn(), None, client_id, check_ins_from(today))
            .await?
            .into_iter()
            .filter(|k| k.reported_by == client_id)
            .map(check_in)
            .collect(),
    )
}

/// The first day of the check-ins the rules read, on the client's `today`.
pub(super) fn check_ins_from(today: NaiveDate) -> NaiveDate {
    today - Duration::days(CHECKIN_DAYS)
}

/// A stored check-in as the rules see it.
pub(super) fn check_in(k: checkins::Checkin) -> CheckIn {
    CheckIn {
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
        self_harm_thoughts: k
            .self_harm
            .as_deref()
            .and_then(SelfHarmAnswer::parse)
            .and_then(SelfHarmAnswer::thoughts),
    }
}

/// The PHQ-9 part of `data` from `input` (the fold and the new PHQ-9s), with the latest risk
/// judgement.
async fn fill_phq9(
    tx: &impl Tx,
    client_id: Uuid,
    data: &mut ClientData,
    input: &progress::Phq9Input,
) -> Result<()> {
    data.phq9 = input.points();
    data.phq9_progress = Some(input.progress.clone());
    data.risk_assessment =
        alerts::latest_judgement(tx.conn(), client_id)
            .await?
            .map(|(at, judgement)| RiskAssessment {
                at: timestamp(at),
                judged_high: judgement == "high",
            });
    Ok(())
}

/// Whether the GAD-7 is a target measure of the client's treatment plan in force (its
/// latest version).
async fn gad7_is_target(tx: &impl Tx, client_id: Uuid) -> Result<bool> {
    let Some(v) =
        rapport_store::plans::documents::current(tx.conn(), tx.keys(), client_id, "treatment")
            .await?
    else {
        return Ok(false);
    };
    let plan: TreatmentPlan =
        serde_json::from_str(&v.body).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(plan.target_measures.contains(&Instrument::Gad7))
}

/// A session of the client's as the store gives it: (starts at, cancelled, attendance).
pub(super) type SessionOutcome = (DateTime<Utc>, bool, Option<String>);

/// The PHQ-9's schedule, in days, among a client's schedules as (instrument, every days):
/// weekly when none is set.
pub(super) fn phq9_every<'a>(schedules: impl IntoIterator<Item = (&'a str, i32)>) -> i64 {
    schedules
        .into_iter()
        .find(|(instrument, _)| *instrument == "phq9")
        .map_or(7, |(_, every)| i64::from(every))
}

/// What was scheduled in the episode up to `now`, as the disengagement rule reads it: the
/// PHQ-9s `taken` (oldest first) and the ones missed since on a schedule of `every` days;
/// the client's `sessions` from the episode's start;
/// and the `homework` whose day ended in the episode, as (ended, sent).
pub(super) fn scheduled(
    episode: &Episode,
    every: i64,
    taken: &[DateTime<Utc>],
    sessions: &[SessionOutcome],
    homework: &[(DateTime<Utc>, bool)],
    now: DateTime<Utc>,
) -> Vec<Scheduled> {
    let mut out = missed_measures(episode, every, taken, now);
    out.extend(
        sessions
            .iter()
            .map(|(at, cancelled, attendance)| Scheduled {
                at: timestamp(*at),
                what: Appointment::Session,
                attendance: if *cancelled {
                    Some(Attendance::Cancelled)
                } else {
                    attendance
                        .as_deref()
                        .and_then(rapport_core::sessions::Attendance::parse)
                        .map(|a| a.outcome())
                },
            }),
    );
    out.extend(homework.iter().map(|(at, sent)| Scheduled {
        at: timestamp(*at),
        what: Appointment::Homework,
        attendance: Some(if *sent {
            Attendance::Attended
        } else {
            Attendance::Missed
        }),
    }));
    out
}

/// Scheduled PHQ-9s that came and went without one: each due date since the last PHQ-9
/// (or the episode's start) that is a full schedule period in the past counts as missed.
/// `taken`: when the episode's PHQ-9s were answered, oldest first.
fn missed_measures(
    episode: &Episode,
    every: i64,
    taken: &[DateTime<Utc>],
    now: DateTime<Utc>,
) -> Vec<Scheduled> {
    if every <= 0 {
        return vec![];
    }
    let mut out: Vec<Scheduled> = taken
        .iter()
        .map(|at| Scheduled {
            at: timestamp(*at),
            what: Appointment::Measure,
            attendance: Some(Attendance::Attended),
        })
        .collect();
    let since = taken.last().copied().unwrap_or(episode.started_at);
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
    out
}

/// After a PHQ-9: the rules about it (safety from item 9, deterioration, relapse, not on
/// track), for this measure only — the one stored at `taken_at`, the use-case's one reading of
/// the clock (reading it again here could fall in the next second and drop every trigger).
/// A GAD-7 has its own rules ([`after_gad7`]); neither re-raises what the other raised.
pub(crate) async fn after_phq9(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    timezone: &str,
    episode: &Episode,
    measure_id: Uuid,
    taken_at: DateTime<Utc>,
) -> Result<Vec<Raised>> {
    // Everything the PHQ-9 rules read but the PHQ-9s, which come as the episode's kept fold
    // and the new ones (not the whole history); the fold is kept again below.
    let needs = Needs {
        phq9: false,
        ..Needs::of_rules(&PHQ9_RULES)
    };
    let mut data = client_data_in(tx, client_id, timezone, episode, needs, taken_at).await?;
    let input = progress::phq9_input(tx, client_id, episode, taken_at).await?;
    fill_phq9(tx, client_id, &mut data, &input).await?;
    progress::keep(tx, client_id, episode, input).await?;
    let this = timestamp(taken_at);
    let practice = practice(app, tx.conn()).await;
    let triggers = rules::evaluate(&data, practice.as_deref())
        .into_iter()
        .filter(|t| {
            PHQ9_RULES.iter().any(|r| r.id() == t.rule_id)
                && t.evidence.iter().any(|e| {
                    matches!(e, Evidence::Phq9 { role: MeasureRole::Flagged, at, .. } if *at == this)
                })
        })
        .collect();
    let cause = Cause {
        measure_id: Some(measure_id),
        ..Cause::at(taken_at)
    };
    raise_all(app, tx, client_id, Some(episode.id), triggers, cause).await
}

/// After a GAD-7: deterioration (up 4 or more from the episode's first GAD-7 or its lowest
/// point) when the GAD-7 is a target measure of the treatment plan, for this measure only —
/// the one stored at `taken_at`, found by that one reading of the clock, never a second one.
pub(crate) async fn after_gad7(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    timezone: &str,
    episode: &Episode,
    measure_id: Uuid,
    taken_at: DateTime<Utc>,
) -> Result<Vec<Raised>> {
    let data = client_data_in(
        tx,
        client_id,
        timezone,
        episode,
        Needs::of_rules(&GAD7_RULES),
        taken_at,
    )
    .await?;
    let this = timestamp(taken_at);
    let practice = practice(app, tx.conn()).await;
    let triggers = rules::evaluate(&data, practice.as_deref())
        .into_iter()
        .filter(|t| {
            GAD7_RULES.iter().any(|r| r.id() == t.rule_id)
                && t.evidence.iter().any(|e| {
                    matches!(e, Evidence::Gad7 { role: MeasureRole::Flagged, at, .. } if *at == this)
                })
        })
        .collect();
    let cause = Cause {
        measure_id: Some(measure_id),
        ..Cause::at(taken_at)
    };
    raise_all(app, tx, client_id, Some(episode.id), triggers, cause).await
}

/// A PHQ-9 that was refused and not stored, at `now`: its item 9 answered above zero raises
/// the critical safety flag (CLINICAL.md: item 9 ≥ 1, whatever the total); left blank
/// (`None`), the medium one (the question about self-harm was left unanswered). Core's rule
/// decides; an item 9 of 0 raises nothing.
pub(crate) async fn refused_phq9(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    episode: &Episode,
    item9: Option<u8>,
    now: DateTime<Utc>,
) -> Result<Vec<Raised>> {
    let triggers: Vec<Trigger> = rules::refused_phq9(timestamp(now), item9)
        .into_iter()
        .collect();
    raise_all(
        app,
        tx,
        client_id,
        Some(episode.id),
        triggers,
        Cause::at(now),
    )
    .await
}

/// Whether today's check-in asks the question about self-harm, as of `now`: while the
/// client's last PHQ-9 item 9 was ≥ 1 or a safety flag was raised (or given new evidence) in
/// the last 90 days (core's `ask_about_self_harm` decides).
pub(crate) async fn asks_about_self_harm(
    t: &impl Tx,
    client_id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool> {
    let c = t.conn();
    let last_item9 = measures::latest_item9(c, client_id)
        .await?
        .flatten()
        .map(|v| v.clamp(0, 255) as u8);
    let last_safety = alerts::all_of(c, client_id)
        .await?
        .into_iter()
        .filter(|f| f.kind == FlagKind::Safety.as_str())
        .map(|f| f.last_evidence_at.max(f.opened_at))
        .max();
    Ok(rules::ask_about_self_harm(
        timestamp(now),
        last_item9,
        last_safety.map(timestamp),
    ))
}

/// After a daily check-in: the rules about check-ins (a "yes" to the question about
/// self-harm, the client's warning signs, low mood, missed medication, changed sleep), when
/// this check-in's day (the client's own day at `now`, the use-case's one reading of the
/// clock) is part of the evidence — a pattern that only holds from earlier days has been
/// raised already.
pub(crate) async fn after_checkin(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    timezone: &str,
    episode: &Episode,
    checkin_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<Raised>> {
    let needs = Needs::of_rules(&CHECKIN_RULES);
    let data = client_data_in(tx, client_id, timezone, episode, needs, now).await?;
    let today = data.today;
    let practice = practice(app, tx.conn()).await;
    let triggers = rules::evaluate(&data, practice.as_deref())
        .into_iter()
        .filter(|t| {
            CHECKIN_RULES.iter().any(|r| r.id() == t.rule_id)
                && t.evidence.iter().any(|e| match e {
                    Evidence::WarningSign { day, .. }
                    | Evidence::Mood { day, .. }
                    | Evidence::MedicationMissed { day }
                    | Evidence::Sleep { day, .. }
                    | Evidence::SelfHarmThoughts { day } => *day == today,
                    _ => false,
                })
        })
        .collect();
    let cause = Cause {
        checkin_id: Some(checkin_id),
        ..Cause::at(now)
    };
    raise_all(app, tx, client_id, Some(episode.id), triggers, cause).await
}

/// After a family member's observation ticked some of the client's warning signs: the
/// warning-sign rule (own signs on 2 of the last 7 days), when today's reports are part of its
/// evidence. Only that rule: the other check-in rules read the client's own check-ins, which
/// an observation does not change.
pub(crate) async fn after_observation(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    episode: &Episode,
    now: DateTime<Utc>,
) -> Result<Vec<Raised>> {
    let data = client_data(
        tx,
        client_id,
        episode,
        Needs::of_rules(&[Rule::WarningSignDays]),
        now,
    )
    .await?;
    let today = data.today;
    let practice = practice(app, tx.conn()).await;
    let triggers = rules::evaluate(&data, practice.as_deref())
        .into_iter()
        .filter(|t| {
            t.rule_id == Rule::WarningSignDays.id()
                && t.evidence.iter().any(|e| {
                    matches!(e, Evidence::WarningSign { day, reporter: Reporter::FamilyMember, .. } if *day == today)
                })
        })
        .collect();
    raise_all(
        app,
        tx,
        client_id,
        Some(episode.id),
        triggers,
        Cause::at(now),
    )
    .await
}

/// The practice's expected-recovery curves for the not-on-track rule; if they cannot be read,
/// the default curve (a flag must never be lost to a report's cache).
pub(super) async fn practice(app: &App, c: &impl ConnectionTrait) -> Option<Arc<PracticeCurves>> {
    match crate::reports::curves_in(app, c).await {
        Ok(curves) => Some(curves),
        Err(e) => {
            tracing::warn!("the practice's expected-recovery curves could not be read: {e}");
            None
        }
    }
}

/// After a session's attendance is recorded: disengagement (two missed in a row).
pub(crate) async fn after_session(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    episode: &Episode,
    now: DateTime<Utc>,
) -> Result<Vec<Raised>> {
    let data = client_data(
        tx,
        client_id,
        episode,
        Needs::of(&[FlagKind::Disengagement]),
        now,
    )
    .await?;
    let practice = practice(app, tx.conn()).await;
    let triggers = rules::evaluate(&data, practice.as_deref())
        .into_iter()
        .filter(|t| t.rule_id == rules::Rule::MissedInARow.id())
        .collect();
    raise_all(
        app,
        tx,
        client_id,
        Some(episode.id),
        triggers,
        Cause::at(now),
    )
    .await
}

/// After session feedback: the alliance rule, for this feedback (the one stored at `given_at`,
/// the use-case's one reading of the clock).
pub(crate) async fn after_feedback(
    app: &App,
    tx: &WriteTx,
    client_id: Uuid,
    episode: &Episode,
    given_at: DateTime<Utc>,
) -> Result<Vec<Raised>> {
    let data = client_data(
        tx,
        client_id,
        episode,
        Needs::of(&[FlagKind::Alliance]),
        given_at,
    )
    .await?;
    let this = timestamp(given_at);
    let practice = practice(app, tx.conn()).await;
    let triggers = rules::evaluate(&data, practice.as_deref())
        .into_iter()
        .filter(|t| {
            t.kind == FlagKind::Alliance
                && t.evidence
                    .iter()
                    .any(|e| matches!(e, Evidence::Feedback { at, .. } if *at == this))
        })
        .collect();
    raise_all(
        app,
        tx,
        client_id,
        Some(episode.id),
        triggers,
        Cause::at(given_at),
    )
    .await
}
