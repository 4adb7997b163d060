//! Erasure and retention (issue 17, item 4). A client asks for their account to be deleted;
//! an administrator carries the request out (or declines it, with a reason such as a legal
//! hold). Carrying it out removes or anonymises at once everything that is not the clinical
//! record, and the clinical record is kept for the practice's retention period after the last
//! contact, then deleted by the periodic `erasure_retention` job. The client keeps a receipt
//! code that shows what was removed and what is kept, without signing in.
//! The decisions table by table: `docs/erasure.md`.

use chrono::{DateTime, Months, Utc};
use rapport_core::accounts::Role;
use rapport_store::accounts::users;
use rapport_store::erasure::{self as store, AtOnce, Close, NewRequest};
use rapport_store::on_call::{set_setting, setting};
use uuid::Uuid;

use crate::access;
use crate::accounts::{hash_secret, new_secret, throttle};
use crate::audit_log::{Entry, record, record_and_commit};
use crate::policy::Action;
use crate::{Actor, App, Error, Result, messages};

pub use rapport_store::erasure::{
    CARRIED_OUT, DECLINED, RECORDS_DELETED, REQUESTED, STATUSES, WITHDRAWN,
};

/// The practice setting that holds the retention period, in whole years.
pub const RETENTION_SETTING: &str = "clinical_record_years";
/// The retention period when the administrator never set one (docs/erasure.md: the APA's
/// record-keeping guideline for adults, longer than HIPAA's six years for documentation).
pub const DEFAULT_RETENTION_YEARS: u32 = 7;
/// The longest retention period an administrator may set.
pub const MAX_RETENTION_YEARS: u32 = 30;
/// The longest reason a client or an administrator may give.
pub const MAX_REASON: usize = 1000;
/// Requests per page in the administrator's list.
pub const PER_PAGE: u64 = 25;

/// A request as its reader may see it.
#[derive(Debug, Clone)]
pub struct RequestView {
    pub id: Uuid,
    pub client_id: Uuid,
    pub status: String,
    pub requested_at: DateTime<Utc>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub handled_at: Option<DateTime<Utc>>,
    /// The client's own words; for the client alone (never shown to an administrator).
    pub reason: Option<String>,
    pub decline_reason: Option<String>,
    /// When the kept clinical record was deleted.
    pub records_deleted_at: Option<DateTime<Utc>>,
    pub retention: Rule,
}

/// The retention rule that applies to one client's kept record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub clinical_record_years: u32,
    /// The last contact (fixed when the request is carried out; until then, as of now).
    pub last_contact_at: DateTime<Utc>,
    /// When the kept record is deleted: the last contact plus the retention period.
    pub kept_until: DateTime<Utc>,
}

impl Rule {
    fn new(years: u32, last_contact_at: DateTime<Utc>) -> Rule {
        Rule {
            clinical_record_years: years,
            last_contact_at,
            kept_until: last_contact_at
                .checked_add_months(Months::new(years * 12))
                .unwrap_or(last_contact_at),
        }
    }
}

/// A request in the administrator's list: the account's name and e-mail (as they are now:
/// anonymised once carried out), dates and the rule. Never the client's reason.
#[derive(Debug, Clone)]
pub struct AdminRow {
    pub request: RequestView,
    /// `None` once the account itself is deleted.
    pub name: Option<String>,
    pub email: Option<String>,
}

/// One page of the administrator's list.
#[derive(Debug, Clone)]
pub struct AdminPage {
    pub rows: Vec<AdminRow>,
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
}

/// What a receipt shows: categories and dates, nothing about the client's health.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub request: RequestView,
    pub removed: &'static [&'static str],
    pub kept: &'static [&'static str],
}

/// The retention period now in force.
pub async fn retention_years(app: &App) -> Result<u32> {
    Ok(setting(app.db.conn(), RETENTION_SETTING)
        .await?
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|y| *y <= MAX_RETENTION_YEARS)
        .unwrap_or(DEFAULT_RETENTION_YEARS))
}

async fn view(app: &App, r: store::Request, years: u32, with_reason: bool) -> Result<RequestView> {
    let last = match r.last_contact_at {
        Some(at) => at,
        None if r.status == REQUESTED => {
            store::last_contact(app.db.conn(), r.client_id, app.now()).await?
        }
        None => r.handled_at.or(r.withdrawn_at).unwrap_or(r.requested_at),
    };
    Ok(RequestView {
        id: r.id,
        client_id: r.client_id,
        status: r.status,
        requested_at: r.requested_at,
        withdrawn_at: r.withdrawn_at,
        handled_at: r.handled_at,
        reason: if with_reason { r.reason } else { None },
        decline_reason: r.decline_reason,
        records_deleted_at: r.records_deleted_at,
        retention: Rule::new(years, last),
    })
}

fn reason_of(field: &str, reason: Option<&str>, required: bool) -> Result<Option<String>> {
    let r = reason.map(str::trim).filter(|r| !r.is_empty());
    match r {
        None if required => Err(Error::invalid(field, messages::ERASURE_DECLINE_REASON)),
        Some(r) if r.chars().count() > MAX_REASON => {
            Err(Error::invalid(field, messages::ERASURE_REASON_TOO_LONG))
        }
        r => Ok(r.map(str::to_string)),
    }
}

/// A client asks for their account to be deleted. Returns the request, the receipt code
/// (only when a new request was made: it is shown once) and whether it is new; a request
/// already open is returned as it is.
pub async fn request(
    app: &App,
    actor: &Actor,
    reason: Option<&str>,
) -> Result<(RequestView, Option<String>)> {
    access::own(actor, Action::RequestErasure)?;
    let reason = reason_of("reason", reason, false)?;
    let years = retention_years(app).await?;
    let tx = app.db.write().await?;
    let c = tx.conn();
    if let Some(open) = store::latest_of(c, tx.keys(), actor.user_id)
        .await?
        .filter(|r| r.status == REQUESTED)
    {
        drop(tx);
        return Ok((view(app, open, years, true).await?, None));
    }
    let id = app.new_id();
    let (code, hash) = new_secret();
    store::insert(
        c,
        tx.keys(),
        NewRequest {
            id,
            client_id: actor.user_id,
            reason: reason.as_deref(),
            receipt_hash: &hash,
            at: app.now(),
        },
    )
    .await
    .map_err(|e| match e {
        // Another request of this client's was made at the same moment.
        rapport_store::Error::Conflict(_) => {
            Error::Conflict(messages::ERASURE_ALREADY_OPEN.to_string())
        }
        e => Error::Store(e),
    })?;
    let created = store::find(c, tx.keys(), id)
        .await?
        .ok_or(Error::NotFound)?;
    let e = Entry::ok("erasure.requested")
        .client(actor.user_id)
        .resource(format!("erasure:{id}"));
    record_and_commit(app, tx, actor, e).await?;
    Ok((view(app, created, years, true).await?, Some(code)))
}

/// The client's open request, or their last one (`None`: they never asked).
pub async fn mine(app: &App, actor: &Actor) -> Result<Option<RequestView>> {
    access::own(actor, Action::RequestErasure)?;
    let years = retention_years(app).await?;
    match store::latest_of(app.db.conn(), app.db.keys(), actor.user_id).await? {
        Some(r) => Ok(Some(view(app, r, years, true).await?)),
        None => Ok(None),
    }
}

/// The client takes back their open request.
pub async fn withdraw(app: &App, actor: &Actor) -> Result<RequestView> {
    access::own(actor, Action::RequestErasure)?;
    let years = retention_years(app).await?;
    let tx = app.db.write().await?;
    let c = tx.conn();
    let open = store::latest_of(c, tx.keys(), actor.user_id)
        .await?
        .filter(|r| r.status == REQUESTED)
        .ok_or(Error::NotFound)?;
    let closed = store::close(
        c,
        tx.keys(),
        open.id,
        Close {
            status: WITHDRAWN,
            by: None,
            decline_reason: None,
            last_contact_at: None,
            at: app.now(),
        },
    )
    .await?;
    if !closed {
        // Another administrator (or the client) got there first.
        return Err(Error::Conflict(messages::ERASURE_NOT_OPEN.to_string()));
    }
    let done = store::find(c, tx.keys(), open.id)
        .await?
        .ok_or(Error::NotFound)?;
    let e = Entry::ok("erasure.withdrawn")
        .client(actor.user_id)
        .resource(format!("erasure:{}", open.id));
    record_and_commit(app, tx, actor, e).await?;
    view(app, done, years, true).await
}

/// What a receipt code shows (no sign-in: the code is the key). Unknown code: `NotFound`.
pub async fn receipt(app: &App, code: &str) -> Result<Receipt> {
    let code = code.trim();
    if code.is_empty() || code.len() > 100 {
        return Err(Error::NotFound);
    }
    let years = retention_years(app).await?;
    let r = store::by_receipt(app.db.conn(), app.db.keys(), &hash_secret(code))
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Receipt {
        request: view(app, r, years, false).await?,
        removed: messages::ERASURE_REMOVED,
        kept: messages::ERASURE_KEPT,
    })
}

/// The requests (administrators): `status` one of [`STATUSES`] or all, newest first.
pub async fn requests(
    app: &App,
    actor: &Actor,
    status: Option<&str>,
    page: u64,
) -> Result<AdminPage> {
    access::allow(actor, Action::HandleErasure)?;
    if let Some(s) = status
        && !STATUSES.contains(&s)
    {
        return Err(Error::invalid("status", messages::ERASURE_UNKNOWN_STATUS));
    }
    let page = page.max(1);
    let years = retention_years(app).await?;
    let c = app.db.conn();
    let (list, total) = store::page(c, app.db.keys(), status, page, PER_PAGE).await?;
    let mut rows = Vec::with_capacity(list.len());
    for r in list {
        let user = users::find(c, app.db.keys(), r.client_id).await?;
        rows.push(AdminRow {
            name: user.as_ref().map(|u| u.name.clone()),
            email: user.map(|u| u.email),
            request: view(app, r, years, false).await?,
        });
    }
    Ok(AdminPage {
        rows,
        page,
        per_page: PER_PAGE,
        total,
    })
}

/// One request for the administrators' page that handles it.
pub async fn admin_request(app: &App, actor: &Actor, id: Uuid) -> Result<AdminRow> {
    access::allow(actor, Action::HandleErasure)?;
    let years = retention_years(app).await?;
    let c = app.db.conn();
    let r = store::find(c, app.db.keys(), id)
        .await?
        .ok_or(Error::NotFound)?;
    let user = users::find(c, app.db.keys(), r.client_id).await?;
    Ok(AdminRow {
        name: user.as_ref().map(|u| u.name.clone()),
        email: user.map(|u| u.email),
        request: view(app, r, years, false).await?,
    })
}

async fn open_request(
    app: &App,
    c: &impl rapport_store::ConnectionTrait,
    id: Uuid,
) -> Result<store::Request> {
    let r = store::find(c, app.db.keys(), id)
        .await?
        .ok_or(Error::NotFound)?;
    if r.status != REQUESTED {
        return Err(Error::Conflict(messages::ERASURE_NOT_OPEN.to_string()));
    }
    Ok(r)
}

/// Carries out a request (administrators): removes or anonymises at once everything that is
/// not the clinical record, fixes the last contact the retention runs from, and then clears
/// the old copies from the database files (`rapport_store::erasure::scrub`).
pub async fn carry_out(app: &App, actor: &Actor, id: Uuid) -> Result<RequestView> {
    access::allow(actor, Action::HandleErasure)?;
    let years = retention_years(app).await?;
    let now = app.now();
    let tx = app.db.write().await?;
    store::secure_delete(tx.conn()).await?;
    let r = open_request(app, tx.conn(), id).await?;
    let client = users::find(tx.conn(), tx.keys(), r.client_id).await?;
    let Some(client) = client.filter(|u| u.role == Role::Client.as_str()) else {
        return Err(Error::NotFound);
    };
    let last = store::last_contact(tx.conn(), client.id, now).await?;
    let sid = client.id.to_string();
    let sealed_name = tx
        .keys()
        .seal("users", "name", &sid, messages::ERASED_NAME)?;
    let email = format!("erased-{}@erased.invalid", client.id.simple());
    let throttle_key = throttle::account_key(&client.email).name;
    store::remove_at_once(
        tx.conn(),
        &AtOnce {
            client_id: client.id,
            email: &email,
            sealed_name: &sealed_name,
            throttle_key: &throttle_key,
            by: actor.user_id,
            at: now,
        },
    )
    .await?;
    let closed = store::close(
        tx.conn(),
        tx.keys(),
        id,
        Close {
            status: CARRIED_OUT,
            by: Some(actor.user_id),
            decline_reason: None,
            last_contact_at: Some(last),
            at: now,
        },
    )
    .await?;
    if !closed {
        // Another administrator (or the client) got there first.
        return Err(Error::Conflict(messages::ERASURE_NOT_OPEN.to_string()));
    }
    let done = store::find(tx.conn(), tx.keys(), id)
        .await?
        .ok_or(Error::NotFound)?;
    let xid = store::transaction_id(tx.conn()).await?;
    let e = Entry::ok("erasure.carried_out")
        .client(client.id)
        .resource(format!("erasure:{id}"));
    record_and_commit(app, tx, actor, e).await?;
    scrub(app, xid, store::REWRITTEN_AT_ONCE, store::AT_ONCE_TABLES).await;
    view(app, done, years, false).await
}

/// Declines a request (administrators), with a reason the client sees (a legal hold, say).
pub async fn decline(app: &App, actor: &Actor, id: Uuid, reason: &str) -> Result<RequestView> {
    access::allow(actor, Action::HandleErasure)?;
    let reason = reason_of("reason", Some(reason), true)?;
    let years = retention_years(app).await?;
    let tx = app.db.write().await?;
    let r = open_request(app, tx.conn(), id).await?;
    let closed = store::close(
        tx.conn(),
        tx.keys(),
        id,
        Close {
            status: DECLINED,
            by: Some(actor.user_id),
            decline_reason: reason.as_deref(),
            last_contact_at: None,
            at: app.now(),
        },
    )
    .await?;
    if !closed {
        // Another administrator (or the client) got there first.
        return Err(Error::Conflict(messages::ERASURE_NOT_OPEN.to_string()));
    }
    let done = store::find(tx.conn(), tx.keys(), id)
        .await?
        .ok_or(Error::NotFound)?;
    let e = Entry::ok("erasure.declined")
        .client(r.client_id)
        .resource(format!("erasure:{id}"));
    record_and_commit(app, tx, actor, e).await?;
    view(app, done, years, false).await
}

/// The retention period (administrators).
pub async fn retention(app: &App, actor: &Actor) -> Result<u32> {
    access::allow(actor, Action::ManageSettings)?;
    retention_years(app).await
}

/// Sets the retention period (administrators): whole years, 0 to [`MAX_RETENTION_YEARS`].
pub async fn set_retention(app: &App, actor: &Actor, years: i64) -> Result<u32> {
    access::allow(actor, Action::ManageSettings)?;
    let years = u32::try_from(years)
        .ok()
        .filter(|y| *y <= MAX_RETENTION_YEARS)
        .ok_or_else(|| {
            Error::invalid("clinical_record_years", messages::ERASURE_RETENTION_BOUNDS)
        })?;
    let tx = app.db.write().await?;
    set_setting(
        tx.conn(),
        RETENTION_SETTING,
        &years.to_string(),
        actor.user_id,
        app.now(),
    )
    .await?;
    let mut e = Entry::ok("settings.retention_changed");
    e.detail = Some(format!("clinical_record_years={years}"));
    record_and_commit(app, tx, actor, e).await?;
    Ok(years)
}

/// Deletes the kept clinical record of every erased client whose retention is over (the
/// periodic `erasure_retention` job). Returns how many records were deleted.
pub async fn delete_due(app: &App) -> Result<usize> {
    let years = retention_years(app).await?;
    let now = app.now();
    let due: Vec<store::Request> = store::carried_out(app.db.conn(), app.db.keys())
        .await?
        .into_iter()
        .filter(|r| {
            let last = r.last_contact_at.or(r.handled_at).unwrap_or(r.requested_at);
            Rule::new(years, last).kept_until <= now
        })
        .collect();
    let mut done = 0;
    for r in due {
        let tx = app.db.write().await?;
        store::secure_delete(tx.conn()).await?;
        store::delete_kept(tx.conn(), r.client_id).await?;
        store::mark_records_deleted(tx.conn(), r.id, now).await?;
        let mut e = Entry::ok("erasure.records_deleted")
            .client(r.client_id)
            .resource(format!("erasure:{}", r.id));
        e.detail = Some(format!("clinical_record_years={years}"));
        record(app, &tx, None, None, e).await?;
        tx.commit().await?;
        done += 1;
    }
    if done > 0 {
        let mut tables = store::KEPT_TABLES.to_vec();
        tables.push("erasure_requests");
        scrub(app, None, &[], &tables).await;
    }
    Ok(done)
}

/// Clears old copies after a commit; a failure is logged (the erasure itself is done, and
/// the next checkpoint or vacuum does the same).
async fn scrub(app: &App, xid: Option<i64>, rewrite: &[&str], vacuum: &[&str]) {
    match store::scrub(&app.db, xid, rewrite, vacuum).await {
        Ok(true) => {}
        Ok(false) => tracing::warn!(
            "erasure: old copies may remain until the next checkpoint or vacuum (readers held them)"
        ),
        Err(e) => tracing::warn!(error = %e, "erasure: clearing old copies failed"),
    }
}
