//! One stored questionnaire as a clinician reads it (the care team, or triage duty for an
//! unassigned client): every answer with its question — the PHQ-9's item 9 apart, to be read
//! first — the score and band, and what changed since the one before of the same instrument.

use chrono::{DateTime, Utc};
use rapport_core::alerts::{FlagKind, Level};
use rapport_core::measures::{Band, Instrument};
use rapport_core::outcomes::{Change, Scale};
use rapport_store::{accounts::users, alerts, measures};
use serde::Serialize;
use uuid::Uuid;

use super::submit::FlagRaised;
use crate::access;
use crate::audit_log::Entry;
use crate::policy::Action;
use crate::words::{stored, stored_opt};
use crate::{Actor, App, Error, Result};

/// One question and the answer given to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerView {
    /// As printed on the form (the PHQ-9's "how difficult" is 10).
    pub number: u8,
    pub question: &'static str,
    /// `None`: left unanswered.
    pub value: Option<u8>,
    /// The words of the answer chosen.
    pub answer: Option<&'static str>,
}

/// The measure of the same instrument before this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviousView {
    pub id: Uuid,
    pub taken_at: DateTime<Utc>,
    pub total: u8,
    pub band: Option<Band>,
    /// WHO-5 only: 0–100.
    pub percentage: Option<u8>,
}

/// A stored measure with its answers, for a clinician.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeasureDetail {
    pub id: Uuid,
    pub client_id: Uuid,
    pub client_name: String,
    pub instrument: Instrument,
    pub taken_at: DateTime<Utc>,
    /// The total (WHO-5: raw, 0–25).
    pub total: u8,
    pub band: Option<Band>,
    /// WHO-5 only: 0–100.
    pub percentage: Option<u8>,
    /// One or two answers were missing and the total counts them as the mean of the others.
    pub prorated: bool,
    /// The PHQ-9's item 9 (thoughts of being better off dead or of self-harm); none for the
    /// other instruments.
    pub item9: Option<AnswerView>,
    /// Every item in the order of the form, item 9 included, then the unscored ones.
    pub answers: Vec<AnswerView>,
    pub previous: Option<PreviousView>,
    /// Reliable change from the previous one (PHQ-9 and GAD-7, CLINICAL.md).
    pub change: Option<Change>,
    /// The flags this measure raised or added evidence to.
    pub flags: Vec<FlagRaised>,
}

fn answer(instrument: Instrument, index: usize, value: Option<i16>) -> Option<AnswerView> {
    let def = instrument.definition();
    let item = def
        .items
        .iter()
        .chain(def.unscored_items.iter())
        .nth(index)?;
    let value = value.and_then(|v| u8::try_from(v).ok());
    Some(AnswerView {
        number: item.number,
        question: item.text,
        answer: value.and_then(|v| item.options.iter().find(|o| o.value == v).map(|o| o.label)),
        value,
    })
}

/// The WHO-5's percentage of stored answers, scored again by core's rules.
fn percentage(instrument: Instrument, answers: &[Option<i16>]) -> Option<u8> {
    if instrument != Instrument::Who5 {
        return None;
    }
    let answers: Vec<Option<i64>> = answers.iter().map(|a| a.map(i64::from)).collect();
    instrument.score(&answers, None).ok()?.percentage
}

/// A stored measure with every answer, for a clinician who may read the client's record; the
/// read is recorded as `measure.read`. Someone else's measure does not exist for the reader.
pub async fn measure_detail(app: &App, actor: &Actor, id: Uuid) -> Result<MeasureDetail> {
    let client_id = measures::owner(app.db.conn(), id)
        .await?
        .ok_or(Error::NotFound)?;
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "measure.read",
    )
    .await
    .map_err(|e| match e {
        Error::Forbidden => Error::NotFound,
        e => e,
    })?;
    let ct = scope.client();
    let c = scope.conn();
    let m = measures::find_of(&ct, id).await?.ok_or(Error::NotFound)?;
    let instrument = Instrument::parse(&m.instrument).ok_or(Error::NotFound)?;
    let series = measures::series_of(&ct, Some(&m.instrument), None).await?;
    let previous = series.iter().take_while(|s| s.id != m.id).last().cloned();
    let ids: Vec<Uuid> = [Some(m.id), previous.as_ref().map(|p| p.id)]
        .into_iter()
        .flatten()
        .collect();
    let given = measures::answers_of(c, &ids).await?;
    let answers_of = |of: Uuid| -> Vec<Option<i16>> {
        given.iter().filter(|a| a.0 == of).map(|a| a.2).collect()
    };
    let mine = answers_of(m.id);
    let mut answers: Vec<AnswerView> = mine
        .iter()
        .enumerate()
        .filter_map(|(i, v)| answer(instrument, i, *v))
        .collect();
    if let Some(d) = m.difficulty {
        let scored = instrument.definition().items.len();
        answers.extend(answer(instrument, scored, Some(d)));
    }
    let item9 = (instrument == Instrument::Phq9)
        .then(|| answers.iter().find(|a| a.number == 9).cloned())
        .flatten();
    let flags = alerts::of_client(&ct).await?;
    let flag_ids: Vec<Uuid> = flags.iter().map(|f| f.id).collect();
    let evidence = alerts::evidence_of(c, &flag_ids).await?;
    let raised = flags
        .iter()
        .filter(|f| {
            evidence
                .iter()
                .any(|e| e.flag_id == f.id && e.measure_id == Some(m.id))
        })
        .map(|f| {
            Ok(FlagRaised {
                kind: stored(&f.kind, FlagKind::parse)?,
                level: stored(&f.level, Level::parse)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let client_name = users::names_of(c, scope.keys(), &[client_id])
        .await?
        .into_iter()
        .next()
        .map(|(_, n)| n)
        .unwrap_or_default();
    scope
        .finish(Entry::ok("measure.read").resource(format!("measure:{id}")))
        .await?;
    let total = m.total.clamp(0, 255) as u8;
    let previous = previous
        .map(|p| -> Result<PreviousView> {
            Ok(PreviousView {
                percentage: percentage(instrument, &answers_of(p.id)),
                id: p.id,
                taken_at: p.taken_at,
                total: p.total.clamp(0, 255) as u8,
                band: stored_opt(p.band.as_deref(), Band::parse)?,
            })
        })
        .transpose()?;
    let scale = match instrument {
        Instrument::Phq9 => Some(Scale::Phq9),
        Instrument::Gad7 => Some(Scale::Gad7),
        _ => None,
    };
    Ok(MeasureDetail {
        id: m.id,
        client_id,
        client_name,
        instrument,
        taken_at: m.taken_at,
        total,
        band: stored_opt(m.band.as_deref(), Band::parse)?,
        percentage: percentage(instrument, &mine),
        prorated: m.prorated,
        item9,
        answers,
        change: scale
            .zip(previous.as_ref())
            .map(|(s, p)| s.change(p.total, total)),
        previous,
        flags: raised,
    })
}
