//! The `deliver` job: sends one e-mail delivery of a notice. Idempotent: a delivery already
//! accepted (or given up) is not sent again; one whose server stopped between sending and
//! recording the reply is sent again (at-least-once; the Message-ID is the same both times,
//! so a mail client shows it once).

use rapport_core::notifications::NoticeKind;
use rapport_store::accounts::users;
use rapport_store::deliveries::{self, ACCEPTED, DEAD};
use rapport_store::jobs::Job;
use rapport_store::notifications;

use super::{DeliverPayload, Failure, mail};
use crate::notifications::preferences;
use crate::words::stored;
use crate::{App, Error};

fn failure(message: impl Into<String>, permanent: bool) -> Failure {
    Failure {
        message: message.into(),
        permanent,
    }
}

pub(crate) async fn run(app: &App, job: &Job) -> Result<(), Failure> {
    let p: DeliverPayload = serde_json::from_str(&job.payload)
        .map_err(|e| failure(format!("unreadable payload: {e}"), true))?;
    let id = p.delivery_id;
    let now = app.now();
    let tx = app.db.write().await?;
    let c = tx.conn();
    let Some(d) = deliveries::get(c, id).await? else {
        return Err(failure("the delivery no longer exists", true));
    };
    if d.state == ACCEPTED || d.state == DEAD {
        return Ok(());
    }
    let last_try = job.attempts >= job.max_attempts;
    let Some(config) = app.config.mail.clone() else {
        let m = "e-mail is not configured on this server (--smtp-url)";
        deliveries::mark_failed(c, id, m, None, last_try, now).await?;
        tx.commit().await?;
        return Err(failure(m, false));
    };
    let notice = notifications::get(c, d.notification_id)
        .await?
        .ok_or_else(|| failure("the notice no longer exists", true))?;
    let kind = stored(&notice.kind, NoticeKind::parse)?;
    let user = users::find(c, tx.keys(), d.user_id)
        .await
        .map_err(Error::from)?;
    let Some(user) = user.filter(|u| u.disabled_at.is_none()) else {
        let m = "the account is disabled or gone";
        deliveries::mark_failed(c, id, m, None, true, now).await?;
        tx.commit().await?;
        return Err(failure(m, true));
    };
    let unsubscribe = preferences::unsubscribe_path(app, user.id, kind);
    let message = match mail::compose(
        &config,
        &app.config.base_url,
        &user.email,
        id,
        notice.id,
        unsubscribe.as_deref(),
        user.language
            .as_deref()
            .and_then(rapport_core::language::Language::parse)
            .unwrap_or_default(),
    ) {
        Ok(m) => m,
        Err(e) => {
            // An address that is not one: retrying cannot help.
            let m = e.to_string();
            deliveries::mark_failed(c, id, &m, None, true, now).await?;
            tx.commit().await?;
            return Err(failure(m, true));
        }
    };
    deliveries::mark_sent(c, id, now).await?;
    tx.commit().await?;

    let result = mail::send(&config, message).await;
    let now = app.now();
    let tx = app.db.write().await?;
    let out = match result {
        Ok(reply) => {
            deliveries::mark_accepted(tx.conn(), id, &reply.text, now)
                .await
                .map_err(Error::from)?;
            Ok(())
        }
        Err(e) => {
            deliveries::mark_failed(
                tx.conn(),
                id,
                &e.message,
                None,
                e.permanent || last_try,
                now,
            )
            .await?;
            Err(failure(e.message, e.permanent))
        }
    };
    tx.commit().await?;
    out
}
