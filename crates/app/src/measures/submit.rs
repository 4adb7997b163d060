use rapport_core::alerts::{FlagKind, Level};
use rapport_core::measures::{Band, Instrument, blank_item9, positive_item9};
use rapport_store::measures;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::episode_at;
use super::idempotent::{fingerprint, remember, replay};
use crate::access;
use crate::alerts::evaluate;
use crate::audit_log::{Entry, record, record_and_commit};
use crate::policy::Action;
use crate::{Actor, App, Error, Result};

/// A flag that a submission raised or added evidence to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagRaised {
    pub kind: FlagKind,
    pub level: Level,
}

/// What the client (and the API) gets back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasureResult {
    pub id: Uuid,
    pub instrument: Instrument,
    pub total: u8,
    pub band: Option<Band>,
    pub prorated: bool,
    pub flags: Vec<FlagRaised>,
    /// The total at the first measure of this instrument in the episode (for "since you
    /// started"); the same as `total` for the first.
    pub baseline: u8,
    /// The instrument to ask for next (a positive PHQ-2 or a poor WHO-5: the PHQ-9).
    pub follow_up: Option<Instrument>,
    /// WHO-5: raw × 4.
    pub percentage: Option<u8>,
}

const ROUTE: &str = "POST /api/v1/measures";

/// A client answers a questionnaire about themself. With an idempotency key, a retry returns
/// the first answer and stores nothing twice.
pub async fn submit_measure(
    app: &App,
    actor: &Actor,
    instrument: &str,
    answers: &[Option<i64>],
    difficulty: Option<i64>,
    idempotency_key: Option<&str>,
) -> Result<MeasureResult> {
    submit_measure_in(
        app,
        actor,
        instrument,
        answers,
        difficulty,
        None,
        idempotency_key,
    )
    .await
}

/// [`submit_measure`], saying the language the questionnaire was answered in (a BCP 47 tag,
/// stored with the measure and carried by the FHIR export; the answers are numbers either way).
pub async fn submit_measure_in(
    app: &App,
    actor: &Actor,
    instrument: &str,
    answers: &[Option<i64>],
    difficulty: Option<i64>,
    language: Option<&str>,
    idempotency_key: Option<&str>,
) -> Result<MeasureResult> {
    access::own(actor, Action::SubmitMeasures)?;
    let language = language.map(str::trim).filter(|l| !l.is_empty());
    // Without a language the fingerprint is what it was before languages.
    let body_hash = match language {
        None => fingerprint(&(instrument, answers, difficulty)),
        Some(l) => fingerprint(&(instrument, answers, difficulty, l)),
    };
    if let Some(saved) = replay(app, actor, idempotency_key, ROUTE, &body_hash).await? {
        return Ok(saved);
    }
    let instrument = Instrument::parse(instrument)
        .ok_or_else(|| Error::invalid("instrument", "Use phq9, phq2, gad7, who5 or fibser."))?;
    if let Some(l) = language
        && !rapport_core::language::is_tag(l)
    {
        return Err(Error::invalid(
            "language",
            "Use a BCP 47 language tag, such as en or es-US.",
        ));
    }
    let score = match instrument.score(answers, difficulty) {
        Ok(score) => score,
        Err(e) => {
            safety_despite_rejection(app, actor, instrument, answers).await?;
            return Err(e.into());
        }
    };
    let client_id = actor.user_id;
    let tx = app.db.write().await?;
    let timezone = rapport_store::accounts::users::lock_timezone(&tx, client_id)
        .await?
        .ok_or(Error::NotFound)?;
    // The one reading of the clock: the measure is stored at it and the rules look for it.
    let now = app.now();
    let episode = episode_at(app, &tx, client_id, actor.user_id, now).await?;
    let id = app.new_id();
    measures::insert(
        tx.conn(),
        measures::Measure {
            id,
            client_id,
            episode_id: episode.id,
            instrument: instrument.as_str().into(),
            taken_at: now,
            total: i16::from(score.total),
            band: score.band.map(|b| b.as_str().to_string()),
            prorated: score.prorated,
            item9: score.item9.map(i16::from),
            difficulty: score.difficulty.map(i16::from),
            submitted_by: actor.user_id,
            language: language.map(str::to_string),
        },
        &score
            .answers
            .iter()
            .map(|a| a.map(i16::from))
            .collect::<Vec<_>>(),
    )
    .await?;
    let raised = match instrument {
        Instrument::Phq9 => {
            evaluate::after_phq9(app, &tx, client_id, &timezone, &episode, id, now).await?
        }
        Instrument::Gad7 => {
            evaluate::after_gad7(app, &tx, client_id, &timezone, &episode, id, now).await?
        }
        Instrument::Fibser => {
            crate::medication::after_fibser(app, &tx, client_id, &episode, id, now, &score.answers)
                .await?
        }
        _ => vec![],
    };
    let baseline = measures::first_total(tx.conn(), client_id, instrument.as_str(), episode.id)
        .await?
        .map_or(score.total, |t| t.clamp(0, 255) as u8);
    let result = MeasureResult {
        id,
        instrument,
        total: score.total,
        band: score.band,
        prorated: score.prorated,
        flags: raised
            .into_iter()
            .map(|r| FlagRaised {
                kind: r.kind,
                level: r.level,
            })
            .collect(),
        baseline,
        follow_up: score.follow_up,
        percentage: score.percentage,
    };
    let mut entry = Entry::ok("measure.submitted")
        .client(client_id)
        .resource(format!("measure:{id}"));
    entry.detail = Some(instrument.as_str().into());
    record(app, &tx, Some(actor), None, entry).await?;
    remember(app, &tx, actor, idempotency_key, ROUTE, &body_hash, &result).await?;
    tx.commit().await?;
    Ok(result)
}

/// A refused PHQ-9 still raises the safety flag (CLINICAL.md "Early warning"): critical when
/// its item 9 is answered above zero, whatever else is wrong (the client may not come back to
/// finish it); medium when item 9 was left blank (the client is asked to answer it, and
/// leaving it blank is itself worth a clinician's question). Either way the event is
/// recorded. Nothing is stored as a measure.
async fn safety_despite_rejection(
    app: &App,
    actor: &Actor,
    instrument: Instrument,
    answers: &[Option<i64>],
) -> Result<()> {
    if instrument != Instrument::Phq9 {
        return Ok(());
    }
    let (item9, action) = match positive_item9(answers) {
        Some(item9) => (Some(item9), "measure.unscored_item9"),
        None if blank_item9(answers) => (None, "measure.item9_unanswered"),
        None => return Ok(()),
    };
    let tx = app.db.write().await?;
    rapport_store::accounts::users::lock(&tx, actor.user_id).await?;
    let now = app.now();
    let episode = episode_at(app, &tx, actor.user_id, actor.user_id, now).await?;
    evaluate::refused_phq9(app, &tx, actor.user_id, &episode, item9, now).await?;
    let mut entry = Entry::ok(action).client(actor.user_id);
    entry.detail = Some("phq9".into());
    record_and_commit(app, tx, actor, entry).await?;
    Ok(())
}
