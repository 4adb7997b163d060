//! How and when a person is told beyond the app: which kinds they get by e-mail, quiet hours,
//! the daily limit of reminders, and one-click unsubscribing per kind.
//!
//! The rules are core's (`rapport_core::notifications::preferences`); this module reads the
//! person's saved choices (their role's defaults where they saved none), counts the reminder
//! e-mails of their local day, and signs and checks the one-click unsubscribe links.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use chrono::{DateTime, NaiveTime, Utc};
use hmac::{Hmac, Mac};
use rapport_core::accounts::Role;
use rapport_core::notifications::NoticeKind;
use rapport_core::notifications::preferences::{self as rules, Preferences};
use rapport_core::notifications::schedule::{self, QuietHours};
use rapport_store::reminders::{self as store, Saved};
use rapport_store::{ConnectionTrait, WriteTx, accounts::users};
use sha2::Sha256;
use uuid::Uuid;

use crate::{App, Result};

/// When to e-mail `user_id` a notice of `kind` given at `now`: `None` when they are not to be
/// e-mailed for it (they turned it off or unsubscribed, their account is disabled, or a
/// reminder would pass their daily limit). Critical kinds: at once. Other kinds: at once, or
/// when the person's quiet hours end. Call it once per notice, inside the notice's
/// transaction: a reminder e-mail it allows counts against the limit of the local day it goes
/// on (and a rollback takes the count back with the notice).
pub(crate) async fn email_at(
    app: &App,
    tx: &WriteTx,
    user_id: Uuid,
    kind: NoticeKind,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>> {
    let Some((role, timezone)) = store::account_of(tx.conn(), user_id).await? else {
        return Ok(None);
    };
    let Some(role) = Role::parse(&role) else {
        return Ok(None);
    };
    let prefs = load(tx.conn(), user_id, role).await?;
    let tz = schedule::zone(&timezone);
    let Some(at) = rules::email_time(&prefs, kind, now, tz) else {
        return Ok(None);
    };
    if kind.is_reminder() {
        // Two notices at once for one person count one after the other.
        users::lock(tx, user_id).await?;
        let day = schedule::local_day(at, tz);
        let already = store::emails_on(tx.conn(), user_id, day).await?;
        if !rules::within_limit(&prefs, kind, already) {
            return Ok(None);
        }
        store::add_email(tx.conn(), app.new_id(), user_id, day, kind.as_str(), at).await?;
    }
    Ok(Some(at))
}

/// The path of the one-click link that stops e-mails of `kind` to `user_id`, for the foot of
/// the e-mail; `None` for kinds one cannot unsubscribe from (critical kinds, care-team news).
pub(crate) fn unsubscribe_path(app: &App, user_id: Uuid, kind: NoticeKind) -> Option<String> {
    token(app, user_id, kind).map(|t| format!("/unsubscribe/{t}"))
}

/// The stable one-byte code of each kind one may unsubscribe from, so that a link names no
/// kind in words (nothing in it hints at care).
const CODES: [(NoticeKind, u8); 5] = [
    (NoticeKind::Message, 1),
    (NoticeKind::MeasureDue, 2),
    (NoticeKind::CheckinDue, 3),
    (NoticeKind::HomeworkDue, 4),
    (NoticeKind::SessionSoon, 5),
];

fn mac(app: &App, user_id: Uuid, code: u8) -> Option<Hmac<Sha256>> {
    let secret = app.db.keys().derive_secret("unsubscribe").ok()?;
    let mut m = Hmac::<Sha256>::new_from_slice(secret.as_ref()).ok()?;
    m.update(b"rapport/unsubscribe/v1");
    m.update(user_id.as_bytes());
    m.update(&[code]);
    Some(m)
}

/// The token: the user id, the kind's code and an HMAC-SHA256 over both with a key derived
/// from the keyring, base64url. No expiry; unforgeable without the key file.
pub(crate) fn token(app: &App, user_id: Uuid, kind: NoticeKind) -> Option<String> {
    let code = CODES.iter().find(|(k, _)| *k == kind)?.1;
    let tag = mac(app, user_id, code)?.finalize().into_bytes();
    let mut bytes = Vec::with_capacity(49);
    bytes.extend_from_slice(user_id.as_bytes());
    bytes.push(code);
    bytes.extend_from_slice(&tag);
    Some(B64.encode(bytes))
}

/// Whom and what a token names, when it is one of ours, unaltered.
pub(crate) fn read_token(app: &App, token: &str) -> Option<(Uuid, NoticeKind)> {
    let bytes = B64.decode(token.trim()).ok()?;
    if bytes.len() != 49 {
        return None;
    }
    let user_id = Uuid::from_slice(&bytes[..16]).ok()?;
    let code = bytes[16];
    let kind = CODES.iter().find(|(_, c)| *c == code)?.0;
    mac(app, user_id, code)?.verify_slice(&bytes[17..]).ok()?;
    Some((user_id, kind))
}

/// A person's preferences: their role's defaults with what they saved laid over them.
pub(crate) async fn load(
    c: &impl ConnectionTrait,
    user_id: Uuid,
    role: Role,
) -> Result<Preferences> {
    Ok(apply(role, store::saved_of(c, user_id).await?))
}

fn time_of(text: Option<&str>) -> Option<NaiveTime> {
    text.and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok())
}

/// Saved choices laid over the role's defaults.
pub(crate) fn apply(role: Role, saved: Saved) -> Preferences {
    let mut p = Preferences::defaults(role);
    for (kind, on) in saved.email {
        if let Some(k) = NoticeKind::parse(&kind) {
            // A kind no longer the role's is left alone.
            let _ = p.set_email(k, on);
        }
    }
    if let Some(s) = saved.settings {
        p.quiet = time_of(s.quiet_start.as_deref())
            .zip(time_of(s.quiet_end.as_deref()))
            .map(|(start, end)| QuietHours { start, end });
        p.daily_limit = u8::try_from(s.daily_limit)
            .unwrap_or(rules::DEFAULT_DAILY_LIMIT)
            .min(rules::MAX_DAILY_LIMIT);
        p.checkin_at = time_of(s.checkin_at.as_deref());
    }
    p
}

/// A wall-clock time as stored and shown, `HH:MM`.
pub(crate) fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}
