//! Homework as the early-warning rules see it: each dated occurrence of assigned homework whose
//! day has passed is a scheduled item, attended when sent and missed when not (CLINICAL.md
//! disengagement: "two scheduled items missed in a row").

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rapport_store::Tx;
use rapport_store::homework;
use uuid::Uuid;

use super::schedule::{occurrences, repeat_of};
use crate::Result;
use crate::time::{local_day, local_to_utc};

/// The client's assigned homework whose day ended between `since` and `now`: when the day
/// ended (the client's midnight, in their `timezone`, which the caller has read) and whether
/// it was sent, oldest first.
pub(crate) async fn passed_occurrences(
    tx: &impl Tx,
    client_id: Uuid,
    timezone: &str,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<(DateTime<Utc>, bool)>> {
    let dates = homework::dates_of(tx.conn(), client_id).await?;
    let sent = if dates.iter().any(|d| d.assigned) {
        homework::sent_of(tx.conn(), client_id).await?
    } else {
        vec![]
    };
    passed_in(&dates, &sent, timezone, since, now)
}

/// [`passed_occurrences`] of the calendars `dates` and the occurrences `sent` the caller has
/// read (the hourly sweep reads them for a page of clients at once).
pub(crate) fn passed_in(
    dates: &[homework::Dates],
    sent: &[(Uuid, Option<NaiveDate>)],
    timezone: &str,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<(DateTime<Utc>, bool)>> {
    let today = local_day(now, timezone);
    let mut out = vec![];
    for a in dates.iter().filter(|a| a.assigned) {
        let repeat = repeat_of(a.repeat_every.as_deref(), a.repeat_until)?;
        let created_on = local_day(a.created_at, timezone);
        for day in occurrences(a.due_on, repeat, created_on, today)
            .into_iter()
            .flatten()
            .filter(|d| *d < today)
        {
            let ended = local_to_utc((day + Duration::days(1)).into(), timezone);
            if ended >= since && ended <= now {
                out.push((ended, sent.contains(&(a.id, Some(day)))));
            }
        }
    }
    out.sort();
    Ok(out)
}
