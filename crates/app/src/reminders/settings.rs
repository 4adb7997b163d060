//! A person's own settings for being told (every role, action `ReadNotifications`), and the
//! one-click unsubscribe that needs no sign-in (the signed link is the proof).

use chrono::{DateTime, Utc};
use rapport_core::notifications::NoticeKind;
use rapport_core::notifications::preferences::{self as rules, Preferences};
use rapport_core::notifications::schedule;
use rapport_store::accounts::users;
use rapport_store::reminders::{self as store, Stored};
use serde::Serialize;
use uuid::Uuid;

use crate::audit_log::{Entry, record, record_and_commit};
use crate::notifications::preferences::{self as prefs, hhmm};
use crate::policy::Action;
use crate::{Actor, App, Error, Result, access};

/// One kind of notice and whether it comes by e-mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmailChoice {
    pub kind: NoticeKind,
    pub label: &'static str,
    pub email: bool,
    /// Critical notices ignore quiet hours and the daily limit.
    pub critical: bool,
}

/// A person's settings as they read them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreferencesView {
    pub email: Vec<EmailChoice>,
    /// `HH:MM` on the person's clock; both `None`: no quiet hours.
    pub quiet_start: Option<String>,
    pub quiet_end: Option<String>,
    /// Reminder e-mails a day at most (0: none).
    pub daily_limit: u8,
    /// The daily check-in reminder's time, `HH:MM` (`None`: off).
    pub checkin_at: Option<String>,
    /// The timezone the times are read in (the account's).
    pub timezone: String,
    /// When the next check-in reminder falls, if one is set.
    pub next_checkin_reminder: Option<DateTime<Utc>>,
}

/// Settings as typed: every field optional; what is missing stays as it was (`email` only
/// changes the kinds it names). Quiet hours are cleared with two empty strings, the check-in
/// reminder with an empty string.
#[derive(Debug, Clone, Default)]
pub struct PreferencesInput {
    pub email: Vec<(String, bool)>,
    pub quiet_start: Option<String>,
    pub quiet_end: Option<String>,
    pub daily_limit: Option<i64>,
    pub checkin_at: Option<String>,
}

fn view(p: &Preferences, timezone: String, now: DateTime<Utc>) -> PreferencesView {
    let tz = schedule::zone(&timezone);
    PreferencesView {
        email: p
            .email
            .iter()
            .map(|(k, on)| EmailChoice {
                kind: *k,
                label: k.label(),
                email: *on,
                critical: k.is_critical(),
            })
            .collect(),
        quiet_start: p.quiet.map(|q| hhmm(q.start)),
        quiet_end: p.quiet.map(|q| hhmm(q.end)),
        daily_limit: p.daily_limit,
        checkin_at: p.checkin_at.map(hhmm),
        next_checkin_reminder: p.checkin_at.map(|t| schedule::next_daily(now, t, tz)),
        timezone,
    }
}

async fn timezone_of(app: &App, user_id: Uuid) -> Result<String> {
    users::timezone_of(app.db.conn(), user_id)
        .await?
        .ok_or(Error::NotFound)
}

/// The signed-in person's settings (their role's defaults until they save).
pub async fn my_preferences(app: &App, actor: &Actor) -> Result<PreferencesView> {
    access::allow(actor, Action::ReadNotifications)?;
    let p = prefs::load(app.db.conn(), actor.user_id, actor.role).await?;
    let tz = timezone_of(app, actor.user_id).await?;
    Ok(view(&p, tz, app.now()))
}

/// Applies what was typed to `p`; the first mistake names its field.
fn change(p: &mut Preferences, input: &PreferencesInput) -> Result<()> {
    for (kind, on) in &input.email {
        let k = NoticeKind::parse(kind.trim()).ok_or_else(|| {
            Error::invalid(format!("email.{kind}"), "There is no such kind of notice.")
        })?;
        p.set_email(k, *on)?;
    }
    if input.quiet_start.is_some() || input.quiet_end.is_some() {
        p.quiet =
            rules::parse_quiet_hours(input.quiet_start.as_deref(), input.quiet_end.as_deref())?;
    }
    if let Some(limit) = input.daily_limit {
        p.daily_limit = rules::check_daily_limit(limit)?;
    }
    if let Some(t) = &input.checkin_at {
        p.checkin_at = match t.trim() {
            "" => None,
            t => Some(rules::parse_time("checkin_at", t)?),
        };
    }
    Ok(())
}

/// Saves the signed-in person's settings; what they are now.
pub async fn save_preferences(
    app: &App,
    actor: &Actor,
    input: PreferencesInput,
) -> Result<PreferencesView> {
    access::allow(actor, Action::ReadNotifications)?;
    let tx = app.db.write().await?;
    let mut p = prefs::load(tx.conn(), actor.user_id, actor.role).await?;
    change(&mut p, &input)?;
    let now = app.now();
    store::save_settings(
        tx.conn(),
        Stored {
            user_id: actor.user_id,
            quiet_start: p.quiet.map(|q| hhmm(q.start)),
            quiet_end: p.quiet.map(|q| hhmm(q.end)),
            daily_limit: i16::from(p.daily_limit),
            checkin_at: p.checkin_at.map(hhmm),
            updated_at: now,
        },
    )
    .await?;
    for (kind, on) in &p.email {
        store::set_email(tx.conn(), actor.user_id, kind.as_str(), *on, now).await?;
    }
    let tz = users::timezone_of(tx.conn(), actor.user_id)
        .await?
        .ok_or(Error::NotFound)?;
    record_and_commit(app, tx, actor, Entry::ok("notification_preferences.saved")).await?;
    Ok(view(&p, tz, now))
}

/// What a one-click unsubscribe link stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Unsubscribe {
    pub kind: NoticeKind,
    pub label: &'static str,
}

/// Reads an unsubscribe link without changing anything (the page with its one button).
/// Invalid for a forged or altered token, or an account that is gone.
pub async fn unsubscribe_info(app: &App, token: &str) -> Result<Unsubscribe> {
    let (_, kind) = checked(app, token).await?;
    Ok(Unsubscribe {
        kind,
        label: kind.label(),
    })
}

async fn checked(app: &App, token: &str) -> Result<(Uuid, NoticeKind)> {
    let bad = || Error::invalid("token", crate::messages::UNSUBSCRIBE_LINK_BROKEN);
    let (user_id, kind) = prefs::read_token(app, token).ok_or_else(bad)?;
    if store::account_of(app.db.conn(), user_id).await?.is_none() {
        return Err(bad());
    }
    Ok((user_id, kind))
}

/// Turns e-mail about the link's kind off for its person, no sign-in needed; what was turned
/// off. Doing it twice is the same as once.
pub async fn unsubscribe(app: &App, token: &str, address: Option<&str>) -> Result<Unsubscribe> {
    let (user_id, kind) = checked(app, token).await?;
    let tx = app.db.write().await?;
    store::set_email(tx.conn(), user_id, kind.as_str(), false, app.now()).await?;
    let mut e = Entry::ok("notification_preferences.unsubscribed");
    e.detail = Some(format!("user:{user_id} kind:{}", kind.as_str()));
    record(app, &tx, None, address, e).await?;
    tx.commit().await?;
    Ok(Unsubscribe {
        kind,
        label: kind.label(),
    })
}

/// The path of the one-click unsubscribe link for `user_id` and `kind` (`None` for kinds one
/// cannot unsubscribe from): what the foot of an e-mail carries.
pub fn unsubscribe_link(app: &App, user_id: Uuid, kind: NoticeKind) -> Option<String> {
    prefs::unsubscribe_path(app, user_id, kind)
}

/// Decides, counts and commits the e-mail of a notice of `kind` to `user_id` given now, as
/// `notify` does inside the event's transaction: when it may go (`None`: not by e-mail).
pub async fn decide_email(
    app: &App,
    user_id: Uuid,
    kind: NoticeKind,
) -> Result<Option<DateTime<Utc>>> {
    let tx = app.db.write().await?;
    let at = prefs::email_at(app, &tx, user_id, kind, app.now()).await?;
    tx.commit().await?;
    Ok(at)
}
