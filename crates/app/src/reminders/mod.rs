//! Reminders (issue 16): measures due, the daily check-in at the client's chosen local time,
//! homework due, sessions 24 hours and 1 hour before; a medication review due (issue 22), to
//! the client and the prescribers on their team, once per due period.
//!
//! [`run`] looks only at the clients whose time has come (`reminder_watch`, m0048: their
//! daily reminder time, a reminder before a session, or a change to anything their reminders
//! are worked out from), a page of 500 at a time with a handful of batched reads per page.
//! For those in care (an account that is not disabled, in an active episode or in
//! maintenance) it works out which reminders are due on each client's own clock, leaves out
//! those the reminder log has already, and gives the rest in write transactions of up to 100
//! reminders: each reminder's log row (its key is unique: `kind:client:subject:occurrence`)
//! and its notice (`notifications::notify`) together. Then it sets when each is next looked
//! at. A second run, or a second server running at the same moment, finds the key taken
//! and gives nothing twice. Whether a reminder also goes by e-mail, and when, is decided by
//! `notify` through `preferences::email_at` (quiet hours, the daily limit, unsubscribing).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use rapport_core::notifications::NoticeKind;
use rapport_core::notifications::schedule::{self, session_lead_due};
use rapport_store::reminders::{self as store, HomeworkDates, Recipient, Upcoming, watch};
use rapport_store::{accounts::users, checkins};
use uuid::Uuid;

use crate::homework::schedule::{occurrences, repeat_of};
use crate::measures::due::{DEFAULT_SCHEDULE, is_due};
use crate::medication::{ReviewReminder, reminders_due};
use crate::notifications::preferences as prefs;
use crate::notifications::{Notice, notify};
use crate::{App, Result};

mod settings;

pub use settings::{
    EmailChoice, PreferencesInput, PreferencesView, Unsubscribe, decide_email, my_preferences,
    save_preferences, unsubscribe, unsubscribe_info, unsubscribe_link,
};

/// When on their day a client is reminded of measures and homework due that day, unless they
/// chose a check-in reminder time (then at that time, with it).
pub fn day_reminder_time() -> NaiveTime {
    NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN)
}

/// Clients read per page.
const PAGE: u64 = 500;

/// One reminder to give.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Due {
    key: String,
    client_id: Uuid,
    /// Who is told: the client, or (a medication review due) a prescriber on their team.
    user_id: Uuid,
    kind: NoticeKind,
    subject_id: Option<Uuid>,
    link: String,
}

/// Gives every reminder that is due now and was not given yet; how many. Idempotent: a run
/// repeated after a crash gives nothing twice.
pub async fn run(app: &App) -> Result<usize> {
    let now = app.now();
    let c = app.db.conn();
    let mut given = 0;
    loop {
        let page = watch::due(c, now, PAGE).await?;
        if page.is_empty() {
            return Ok(given);
        }
        let in_care: Vec<Recipient> = page
            .iter()
            .filter(|w| w.in_care)
            .map(|w| Recipient {
                id: w.client_id,
                timezone: w.timezone.clone(),
            })
            .collect();
        let mut next = HashMap::new();
        if !in_care.is_empty() {
            let ids: Vec<Uuid> = in_care.iter().map(|r| r.id).collect();
            let mut sessions: HashMap<Uuid, Vec<Upcoming>> = HashMap::new();
            for u in watch::sessions_of(c, &ids, now, now + SESSIONS_AHEAD).await? {
                sessions.entry(u.client_id).or_default().push(u);
            }
            let (due, looks) = due_in(app, &in_care, &sessions, now).await?;
            next = looks;
            let keys: Vec<String> = due.iter().map(|d| d.key.clone()).collect();
            let done: HashSet<String> = store::given(c, &keys).await?.into_iter().collect();
            let mut due: Vec<Due> = due.into_iter().filter(|d| !done.contains(&d.key)).collect();
            // Locks in the order of the clients' ids (see `give`), whatever the page's order.
            due.sort_by_key(|d| d.client_id);
            for batch in due.chunks(BATCH) {
                given += give(app, batch).await?;
            }
        }
        // A client not in care is not looked at again until something of theirs changes.
        let moves: Vec<_> = page
            .into_iter()
            .map(|w| {
                let at = next.get(&w.client_id).copied();
                (w, at)
            })
            .collect();
        let tx = app.db.write().await?;
        let moved = watch::move_on(tx.conn(), &moves).await?;
        tx.commit().await?;
        if moved == 0 {
            // Every client of the page was marked again while it was worked on: the next
            // run looks at them.
            return Ok(given);
        }
    }
}

/// How far ahead a page's sessions are read: a session's first reminder (a day before) must
/// be seen by the look before it, and a look comes at least once a local day (up to 25 hours
/// apart across daylight saving).
const SESSIONS_AHEAD: Duration = Duration::hours(50);

/// Reminders given per write transaction (one commit, not one per reminder).
const BATCH: usize = 100;

/// Gives a batch of reminders, each with its log row, in one transaction; those another run
/// gave first are left out. Each client's account row is locked (PostgreSQL) before their
/// keys, in the order of the clients' ids as every run walks them, so two runs at once wait
/// for each other and never deadlock.
async fn give(app: &App, batch: &[Due]) -> Result<usize> {
    let tx = app.db.write().await?;
    let mut given = 0;
    let mut locked = None;
    for d in batch {
        if locked != Some(d.client_id) {
            users::lock(&tx, d.client_id).await?;
            locked = Some(d.client_id);
        }
        let now = app.now();
        if !store::log_once(tx.conn(), &d.key, d.client_id, d.kind.as_str(), now).await? {
            continue;
        }
        let id = notify(
            app,
            &tx,
            Notice {
                user_id: d.user_id,
                kind: d.kind,
                client_id: Some(d.client_id),
                subject_id: d.subject_id,
                link: d.link.clone(),
            },
        )
        .await?;
        store::set_notification(tx.conn(), &d.key, id).await?;
        given += 1;
    }
    tx.commit().await?;
    Ok(given)
}

/// The reminders due now for a page of clients: a few batched reads, then pure rules.
async fn due_in(
    app: &App,
    page: &[Recipient],
    sessions: &HashMap<Uuid, Vec<Upcoming>>,
    now: DateTime<Utc>,
) -> Result<(Vec<Due>, HashMap<Uuid, DateTime<Utc>>)> {
    let c = app.db.conn();
    let ids: Vec<Uuid> = page.iter().map(|r| r.id).collect();
    let settings = store::settings_of_many(c, &ids).await?;
    let instance = crate::settings::current(app).await?;
    let checked_in: HashMap<Uuid, NaiveDate> =
        checkins::last_days(c, &ids).await?.into_iter().collect();
    let mut taken: HashMap<(Uuid, String), DateTime<Utc>> = HashMap::new();
    for (id, what, at) in store::last_taken(c, &ids).await? {
        taken.insert((id, what), at);
    }
    let mut every: HashMap<(Uuid, String), i32> = HashMap::new();
    for (id, what, days) in store::schedules_of_many(c, &ids).await? {
        every.insert((id, what), days);
    }
    // Every zone's today is within a day of UTC's.
    let from = now.date_naive() - Duration::days(1);
    let mut homework: HashMap<Uuid, Vec<HomeworkDates>> = HashMap::new();
    for h in store::homework_of_many(c, &ids, from).await? {
        homework.entry(h.client_id).or_default().push(h);
    }
    let sent: HashSet<(Uuid, Option<NaiveDate>)> = store::homework_sent_since(c, &ids, from)
        .await?
        .into_iter()
        .collect();

    let zones: Vec<(Uuid, String)> = page.iter().map(|r| (r.id, r.timezone.clone())).collect();
    let reviews: HashMap<Uuid, ReviewReminder> = reminders_due(c, &zones, now)
        .await?
        .into_iter()
        .map(|r| (r.client_id, r))
        .collect();

    let mut out = Vec::new();
    let mut looks = HashMap::new();
    for r in page {
        let tz = schedule::zone(&r.timezone);
        let today = schedule::local_day(now, tz);
        let p = prefs::apply(
            rapport_core::accounts::Role::Client,
            store::Saved {
                settings: settings.get(&r.id).cloned(),
                email: vec![],
            },
        );
        // The daily check-in, at the chosen time, unless they checked in today already.
        if let Some(t) = p.checkin_at
            && let Some((day, _)) = schedule::daily_due(now, t, tz)
            && checked_in.get(&r.id) != Some(&day)
        {
            out.push(Due {
                key: format!("{}:{}:{day}", NoticeKind::CheckinDue.as_str(), r.id),
                client_id: r.id,
                user_id: r.id,
                kind: NoticeKind::CheckinDue,
                subject_id: None,
                link: "/checkin".into(),
            });
        }
        let day_time = p.checkin_at.unwrap_or_else(day_reminder_time);
        let starts: Vec<DateTime<Utc>> = sessions
            .get(&r.id)
            .into_iter()
            .flatten()
            .map(|s| s.starts_at)
            .collect();
        looks.insert(r.id, schedule::next_look(now, day_time, tz, &starts));
        if schedule::daily_due(now, day_time, tz).is_some() {
            // Measures due, once per due occasion (the day it fell due; "first" before any).
            for (what, _) in DEFAULT_SCHEDULE {
                if what == "checkin" {
                    continue;
                }
                let default_days = instance.schedule_days(what);
                let days = every
                    .get(&(r.id, what.to_string()))
                    .copied()
                    .unwrap_or(default_days);
                let last = taken
                    .get(&(r.id, what.to_string()))
                    .map(|at| schedule::local_day(*at, tz));
                if !is_due(last, days, today) {
                    continue;
                }
                let occasion = last
                    .map(|d| (d + Duration::days(i64::from(days))).to_string())
                    .unwrap_or_else(|| "first".into());
                out.push(Due {
                    key: format!(
                        "{}:{}:{what}:{occasion}",
                        NoticeKind::MeasureDue.as_str(),
                        r.id
                    ),
                    client_id: r.id,
                    user_id: r.id,
                    kind: NoticeKind::MeasureDue,
                    subject_id: None,
                    link: format!("/measures/{what}"),
                });
            }
            // A medication review due: once per due period (the day it fell due), to the
            // client and to each prescriber on their team.
            if let Some(review) = reviews.get(&r.id) {
                let kind = NoticeKind::MedicationReviewDue;
                let base = format!("{}:{}:{}", kind.as_str(), r.id, review.due_on);
                out.push(Due {
                    key: base.clone(),
                    client_id: r.id,
                    user_id: r.id,
                    kind,
                    subject_id: None,
                    link: "/medications".into(),
                });
                for p in &review.prescribers {
                    out.push(Due {
                        key: format!("{base}:{p}"),
                        client_id: r.id,
                        user_id: *p,
                        kind,
                        subject_id: None,
                        link: format!("/clients/{}/medications", r.id),
                    });
                }
            }
            // Homework due today and not sent: one reminder a day, however many are due.
            let due_today: Vec<Uuid> = homework
                .get(&r.id)
                .into_iter()
                .flatten()
                .filter(|h| homework_due_on(h, today, tz))
                .filter(|h| !sent.contains(&(h.id, Some(today))))
                .map(|h| h.id)
                .collect();
            if let Some(first) = due_today.first() {
                let link = if due_today.len() == 1 {
                    format!("/homework/{first}")
                } else {
                    "/homework".into()
                };
                out.push(Due {
                    key: format!("{}:{}:{today}", NoticeKind::HomeworkDue.as_str(), r.id),
                    client_id: r.id,
                    user_id: r.id,
                    kind: NoticeKind::HomeworkDue,
                    subject_id: Some(*first),
                    link,
                });
            }
        }
        // Sessions: a day and an hour before (a moved session is reminded at its new time).
        for s in sessions.get(&r.id).into_iter().flatten() {
            if let Some(lead) = session_lead_due(s.starts_at, now) {
                out.push(Due {
                    key: format!(
                        "{}:{}:{}:{}:{}",
                        NoticeKind::SessionSoon.as_str(),
                        r.id,
                        s.session_id,
                        lead.as_str(),
                        s.starts_at.timestamp()
                    ),
                    client_id: r.id,
                    user_id: r.id,
                    kind: NoticeKind::SessionSoon,
                    subject_id: Some(s.session_id),
                    link: format!("/sessions/{}", s.session_id),
                });
            }
        }
    }
    Ok((out, looks))
}

/// Whether an assignment has an occurrence on `today` (its due day, or a day of its
/// recurrence).
fn homework_due_on(h: &HomeworkDates, today: NaiveDate, tz: chrono_tz::Tz) -> bool {
    let Ok(repeat) = repeat_of(h.repeat_every.as_deref(), h.repeat_until) else {
        return false;
    };
    let created_on = schedule::local_day(h.created_at, tz);
    occurrences(h.due_on, repeat, created_on, today).contains(&Some(today))
}
