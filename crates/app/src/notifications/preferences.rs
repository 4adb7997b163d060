//! How and when a person is told beyond the app: which kinds they get by e-mail, quiet hours,
//! the daily limit of reminders, and one-click unsubscribing per kind.

use chrono::{DateTime, Utc};
use rapport_core::notifications::NoticeKind;
use rapport_store::WriteTx;
use uuid::Uuid;

use crate::{App, Result};

/// When to e-mail `user_id` a notice of `kind` given at `now`: `None` when they are not to be
/// e-mailed for it.
#[allow(dead_code)] // called once issue 16's parts land; remove then
pub(crate) async fn email_at(
    _app: &App,
    _tx: &WriteTx,
    _user_id: Uuid,
    _kind: NoticeKind,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>> {
    Ok(Some(now))
}

/// The path of the one-click link that stops e-mails of `kind` to `user_id`, for the foot of
/// the e-mail; `None` for kinds one cannot unsubscribe from.
#[allow(dead_code)] // called once issue 16's parts land; remove then
pub(crate) fn unsubscribe_path(_app: &App, _user_id: Uuid, _kind: NoticeKind) -> Option<String> {
    None
}
