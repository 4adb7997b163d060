//! A day of the seeded clients' history: the PHQ-9s answered that day (weekly, with every
//! item, scored by `rapport_core` as a submission is) and the daily check-ins (mood, sleep,
//! medication), each at a plausible local time in the client's own zone.

use std::ops::Range;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use rapport_core::measures::{Instrument, Medication};
use rapport_store::bulk::{AnswerRow, CheckinRow};
use rapport_store::measures::Measure;

use super::people::{Plan, ZONES};
use super::{id_at, mix};
use rapport_app::Result;

/// Weeks (after the first) whose PHQ-9 a client skips, in percent.
const PHQ9_SKIPPED_PERCENT: u64 = 8;
/// Check-ins with medication missed, in percent of check-ins of clients on medication.
const MISSED_MEDICATION_PERCENT: u64 = 7;

/// What the generator needs, shared by the threads that generate days.
pub(super) struct Context {
    pub plans: Vec<Plan>,
    /// Day 0: the first day of every episode.
    pub start: NaiveDate,
    /// Nothing is generated at or after this instant.
    pub now: DateTime<Utc>,
}

/// The rows of one day for a block of clients.
#[derive(Default)]
pub(super) struct DayRows {
    pub checkins: Vec<CheckinRow>,
    pub measures: Vec<Measure>,
    pub answers: Vec<AnswerRow>,
}

/// UTC offsets (local − UTC, in seconds) of each zone on `date` (at noon: every seeded time
/// of day is well clear of the small hours when clocks change).
pub(super) fn offsets_on(date: NaiveDate) -> [i64; ZONES.len()] {
    let noon = date.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default());
    ZONES.map(|z| (noon.and_utc() - rapport_app::time::local_to_utc(noon, z)).num_seconds())
}

/// The day `day` (0 = the episodes' first) of the clients in `clients`.
pub(super) fn day(ctx: &Context, day: u32, clients: Range<usize>) -> Result<DayRows> {
    let date = ctx.start + Duration::days(i64::from(day));
    let midnight = date.and_time(NaiveTime::MIN).and_utc();
    let offsets = offsets_on(date);
    let plans = ctx.plans.get(clients).unwrap_or_default();
    let mut out = DayRows {
        checkins: Vec::with_capacity(plans.len()),
        measures: Vec::with_capacity(plans.len() / 6),
        answers: Vec::with_capacity(plans.len() * 9 / 6),
    };
    let d = u64::from(day);
    for p in plans {
        let n = u64::from(p.n);
        // Local wall-clock minutes of this date, as an instant.
        let at = |minutes: i64| {
            midnight + Duration::minutes(minutes) - Duration::seconds(offsets[p.zone])
        };
        let course = p.course(day);

        let phq_offset = u32::from(p.phq_offset);
        if day >= phq_offset && (day - phq_offset).is_multiple_of(7) {
            let week = u64::from((day - phq_offset) / 7);
            let skipped = week > 0 && mix(8, n, week) % 100 < PHQ9_SKIPPED_PERCENT;
            let minute = i64::from(p.phq_minute) + (mix(10, n, d) % 41) as i64 - 20;
            let taken_at = at(minute);
            if !skipped && taken_at < ctx.now {
                let noise = if week == 0 {
                    0
                } else {
                    (mix(9, n, week) % 5) as i32 - 2
                };
                let total = (course.round() as i32 + noise).clamp(0, 24) as u8;
                phq9(p, d, total, taken_at, &mut out)?;
            }
        }

        let checked_in = mix(11, n, d) % 100 < u64::from(p.adherence);
        let minute = (i64::from(p.checkin_minute) + (mix(15, n, d) % 61) as i64 - 30).min(1439);
        let taken_at = at(minute);
        if checked_in && taken_at < ctx.now {
            let mood = ((9.5 - 0.33 * course).round() as i32 + (mix(12, n, d) % 5) as i32 - 2)
                .clamp(0, 10);
            let sleep = (i32::from(p.sleep_base) - (course / 3.0).round() as i32
                + (mix(13, n, d) % 9) as i32
                - 4)
            .clamp(8, 48);
            let medication = if !p.medicated {
                Medication::NotPrescribed
            } else if mix(14, n, d) % 100 < MISSED_MEDICATION_PERCENT {
                Medication::Missed
            } else {
                Medication::Taken
            };
            out.checkins.push(CheckinRow {
                id: id_at(taken_at, 9, n, d),
                client_id: p.id,
                episode_id: Some(p.episode),
                day: date,
                taken_at,
                mood: mood as i16,
                sleep_quarters: sleep as i16,
                medication: medication.as_str(),
                note: None,
                reported_by: p.id,
            });
        }
    }
    Ok(out)
}

/// A PHQ-9 adding up to `total`: the points fall on items 1–8 as the client's symptoms
/// weigh (at most 3 each); item 9 is 0, so no safety flag is owed. Scored by the real
/// scoring, which gives the total, band and item 9 that are stored.
fn phq9(p: &Plan, d: u64, total: u8, taken_at: DateTime<Utc>, out: &mut DayRows) -> Result<()> {
    let n = u64::from(p.n);
    let mut items = [0u8; 8];
    for unit in 0..u64::from(total) {
        let open: u64 = items
            .iter()
            .zip(p.weights)
            .filter(|(v, _)| **v < 3)
            .map(|(_, w)| u64::from(w))
            .sum();
        if open == 0 {
            break;
        }
        let mut pick = mix(16, n, d * 32 + unit) % open;
        for (item, weight) in items.iter_mut().zip(p.weights) {
            if *item >= 3 {
                continue;
            }
            let w = u64::from(weight);
            if pick < w {
                *item += 1;
                break;
            }
            pick -= w;
        }
    }
    let mut answers: Vec<Option<i64>> = items.iter().map(|v| Some(i64::from(*v))).collect();
    answers.push(Some(0));
    let difficulty = match total {
        0..=4 => 0,
        5..=9 => 1,
        10..=19 => 2,
        _ => 3,
    };
    let difficulty = match mix(17, n, d) % 10 {
        0 => (difficulty - 1).max(0),
        1 => (difficulty + 1).min(3),
        _ => difficulty,
    };
    let score = Instrument::Phq9.score(&answers, Some(difficulty))?;
    let id = id_at(taken_at, 8, n, d);
    for (i, v) in score.answers.iter().enumerate() {
        out.answers.push(AnswerRow {
            measure_id: id,
            item: i as i16 + 1,
            value: v.map(i16::from),
        });
    }
    out.measures.push(Measure {
        id,
        client_id: p.id,
        episode_id: p.episode,
        instrument: Instrument::Phq9.as_str().into(),
        taken_at,
        total: i16::from(score.total),
        band: score.band.map(|b| b.as_str().to_string()),
        prorated: score.prorated,
        item9: score.item9.map(i16::from),
        difficulty: score.difficulty.map(i16::from),
        submitted_by: p.id,
        language: None,
    });
    Ok(())
}
