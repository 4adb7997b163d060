//! What the client's home page asks first, in one statement of scalar subqueries: the small
//! answers (when each questionnaire and the check-in were last done, the current episode and
//! its intake, whether a treatment plan waits for agreement, the default schedule) and which
//! of the page's parts have anything to read, so that the page reads nothing for a part that
//! is empty. Each subquery is a look-up on an index by the client's id.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{
    Alias, Expr, ExprTrait, Func, Order, Query, SelectStatement, SubQueryStatement,
};
use uuid::Uuid;

use crate::Result;
use crate::accounts::profiles::open_emergency_contact;
use crate::crypto::Keyring;

/// The answers, for one client at one moment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// Their timezone (`None`: no such account).
    pub timezone: Option<String>,
    /// Who to call in an emergency, opened.
    pub emergency_contact: Option<String>,
    /// The day of their latest check-in.
    pub last_checkin: Option<NaiveDate>,
    /// When they last took each instrument asked about, in the order asked.
    pub last_taken: Vec<Option<DateTime<Utc>>>,
    /// The current episode's first and latest PHQ-9 totals, when it holds two or more.
    pub phq9_ends: Option<(i16, i16)>,
    /// Sessions not cancelled that they attended from the current episode's start to `now`.
    pub attended_in_episode: i64,
    /// The current episode's intake: `None` when not started, `Some(None)` while a draft.
    pub intake: Option<Option<DateTime<Utc>>>,
    /// Their treatment plan in force waits for their agreement.
    pub plan_to_agree: bool,
    /// The instance's default schedule setting (JSON text), if set.
    pub default_schedule: Option<String>,
    /// Their clinician changed a schedule of theirs.
    pub schedules: bool,
    /// A medication list was ever kept for them.
    pub medication: bool,
    /// A session they attended started at or after `feedback_since`.
    pub attended_lately: bool,
    /// A session of theirs not cancelled starts after `now`.
    pub session_ahead: bool,
    /// A request of theirs for another time is open or was asked at or after `requests_since`.
    pub requests: bool,
    /// Homework not cancelled.
    pub homework: bool,
    pub consultations: bool,
    /// A place in a group, in any state.
    pub group_places: bool,
}

/// What the outline is asked about.
pub struct Asked<'a> {
    pub client_id: Uuid,
    /// The instruments whose latest is wanted (`Outline::last_taken`).
    pub instruments: &'a [&'a str],
    /// The plan kind whose agreement is looked at.
    pub plan_kind: &'a str,
    /// The setting key of the default schedule.
    pub schedule_key: &'a str,
    pub now: DateTime<Utc>,
    pub feedback_since: DateTime<Utc>,
    pub requests_since: DateTime<Utc>,
}

fn col(table: &str, column: &str) -> Expr {
    Expr::col((Alias::new(table), Alias::new(column)))
}

fn scalar(q: SelectStatement) -> Expr {
    Expr::SubQuery(None, Box::new(SubQueryStatement::SelectStatement(q)))
}

/// `SELECT 1 FROM table WHERE table.client_id = ?` (more conditions added by the caller).
fn theirs(table: &str, client_id: Uuid) -> SelectStatement {
    Query::select()
        .expr(Expr::val(1))
        .from(Alias::new(table))
        .and_where(col(table, "client_id").eq(client_id))
        .to_owned()
}

/// The client's current episode's `column` (the latest episode not closed).
fn current_episode(client_id: Uuid, column: &str) -> SelectStatement {
    Query::select()
        .expr(col("episodes", column))
        .from(Alias::new("episodes"))
        .and_where(col("episodes", "client_id").eq(client_id))
        .and_where(col("episodes", "state").ne("closed"))
        .order_by(
            (Alias::new("episodes"), Alias::new("started_at")),
            Order::Desc,
        )
        .limit(1)
        .to_owned()
}

/// A session of the client's (by `session_attendees`), with more conditions on the session.
fn their_session(client_id: Uuid) -> SelectStatement {
    Query::select()
        .expr(Expr::val(1))
        .from(Alias::new("session_attendees"))
        .inner_join(
            Alias::new("therapy_sessions"),
            col("therapy_sessions", "id")
                .equals((Alias::new("session_attendees"), Alias::new("session_id"))),
        )
        .and_where(col("session_attendees", "client_id").eq(client_id))
        .to_owned()
}

/// The outline of one client's home page at `a.now`, in one statement (their emergency contact
/// opened).
pub async fn outline(c: &impl ConnectionTrait, keys: &Keyring, a: &Asked<'_>) -> Result<Outline> {
    let id = a.client_id;
    let mut q = Query::select();
    q.expr_as(
        scalar(
            Query::select()
                .expr(col("users", "timezone"))
                .from(Alias::new("users"))
                .and_where(col("users", "id").eq(id))
                .to_owned(),
        ),
        Alias::new("timezone"),
    )
    .expr_as(
        scalar(
            Query::select()
                .expr(col("client_profiles", "emergency_contact"))
                .from(Alias::new("client_profiles"))
                .and_where(col("client_profiles", "user_id").eq(id))
                .to_owned(),
        ),
        Alias::new("emergency_contact"),
    );
    q.expr_as(
        scalar(
            Query::select()
                .expr(Func::max(col("checkins", "day")))
                .from(Alias::new("checkins"))
                .and_where(col("checkins", "client_id").eq(id))
                .to_owned(),
        ),
        Alias::new("last_checkin"),
    );
    for (i, instrument) in a.instruments.iter().enumerate() {
        q.expr_as(
            scalar(
                Query::select()
                    .expr(Func::max(col("measures", "taken_at")))
                    .from(Alias::new("measures"))
                    .and_where(col("measures", "client_id").eq(id))
                    .and_where(col("measures", "instrument").eq(*instrument))
                    .to_owned(),
            ),
            Alias::new(format!("taken{i}")),
        );
    }
    let phq9 = |order: Order| {
        Query::select()
            .expr(col("measures", "total"))
            .from(Alias::new("measures"))
            .and_where(col("measures", "client_id").eq(id))
            .and_where(col("measures", "instrument").eq("phq9"))
            .and_where(col("measures", "episode_id").eq(scalar(current_episode(id, "id"))))
            .order_by(
                (Alias::new("measures"), Alias::new("taken_at")),
                order.clone(),
            )
            .order_by((Alias::new("measures"), Alias::new("id")), order)
            .limit(1)
            .to_owned()
    };
    q.expr_as(scalar(phq9(Order::Asc)), Alias::new("phq9_first"))
        .expr_as(scalar(phq9(Order::Desc)), Alias::new("phq9_last"))
        .expr_as(
            scalar(
                Query::select()
                    .expr(Func::count(Expr::val(1)))
                    .from(Alias::new("measures"))
                    .and_where(col("measures", "client_id").eq(id))
                    .and_where(col("measures", "instrument").eq("phq9"))
                    .and_where(col("measures", "episode_id").eq(scalar(current_episode(id, "id"))))
                    .to_owned(),
            ),
            Alias::new("phq9_count"),
        )
        .expr_as(
            scalar(
                Query::select()
                    .expr(Func::count(Expr::val(1)))
                    .from(Alias::new("session_attendees"))
                    .inner_join(
                        Alias::new("therapy_sessions"),
                        col("therapy_sessions", "id")
                            .equals((Alias::new("session_attendees"), Alias::new("session_id"))),
                    )
                    .and_where(col("session_attendees", "client_id").eq(id))
                    .and_where(
                        col("session_attendees", "attendance")
                            .eq(rapport_core::sessions::Attendance::Attended.as_str()),
                    )
                    .and_where(col("therapy_sessions", "cancelled_at").is_null())
                    .and_where(
                        col("therapy_sessions", "starts_at")
                            .gte(scalar(current_episode(id, "started_at"))),
                    )
                    .and_where(col("therapy_sessions", "starts_at").lte(a.now))
                    .to_owned(),
            ),
            Alias::new("attended_in_episode"),
        );
    let intake = |column: &str| {
        Query::select()
            .expr(col("intakes", column))
            .from(Alias::new("intakes"))
            .and_where(col("intakes", "episode_id").eq(scalar(current_episode(id, "id"))))
            .limit(1)
            .to_owned()
    };
    q.expr_as(Expr::exists(intake("id")), Alias::new("intake"))
        .expr_as(scalar(intake("submitted_at")), Alias::new("intake_sent_at"));
    let latest_version = Query::select()
        .expr(Func::max(col("plan_versions", "version")))
        .from(Alias::new("plan_versions"))
        .and_where(col("plan_versions", "client_id").eq(id))
        .and_where(col("plan_versions", "kind").eq(a.plan_kind))
        .to_owned();
    q.expr_as(
        Expr::exists(
            theirs("plan_versions", id)
                .and_where(col("plan_versions", "kind").eq(a.plan_kind))
                .and_where(col("plan_versions", "version").eq(scalar(latest_version)))
                .and_where(col("plan_versions", "agreed_at").is_null())
                .to_owned(),
        ),
        Alias::new("plan_to_agree"),
    );
    q.expr_as(
        scalar(
            Query::select()
                .expr(col("instance_settings", "value"))
                .from(Alias::new("instance_settings"))
                .and_where(col("instance_settings", "key").eq(a.schedule_key))
                .to_owned(),
        ),
        Alias::new("default_schedule"),
    );
    q.expr_as(
        Expr::exists(theirs("measure_schedules", id)),
        Alias::new("schedules"),
    )
    .expr_as(
        Expr::exists(theirs("medication_versions", id)),
        Alias::new("medication"),
    )
    .expr_as(
        Expr::exists(
            their_session(id)
                .and_where(
                    col("session_attendees", "attendance")
                        .eq(rapport_core::sessions::Attendance::Attended.as_str()),
                )
                .and_where(col("therapy_sessions", "starts_at").gte(a.feedback_since))
                .to_owned(),
        ),
        Alias::new("attended_lately"),
    )
    .expr_as(
        Expr::exists(
            their_session(id)
                .and_where(col("therapy_sessions", "cancelled_at").is_null())
                .and_where(col("therapy_sessions", "starts_at").gt(a.now))
                .to_owned(),
        ),
        Alias::new("session_ahead"),
    )
    .expr_as(
        Expr::exists(
            theirs("session_requests", id)
                .and_where(
                    col("session_requests", "asked_at")
                        .gte(a.requests_since)
                        .or(col("session_requests", "answer").is_null()),
                )
                .to_owned(),
        ),
        Alias::new("requests"),
    )
    .expr_as(
        Expr::exists(
            theirs("homework_assignments", id)
                .and_where(col("homework_assignments", "cancelled_at").is_null())
                .to_owned(),
        ),
        Alias::new("homework"),
    )
    .expr_as(
        Expr::exists(theirs("consultations", id)),
        Alias::new("consultations"),
    )
    .expr_as(
        Expr::exists(theirs("group_members", id)),
        Alias::new("group_places"),
    );
    let Some(row) = c.query_one(&q).await? else {
        return Ok(Outline::default());
    };
    let flag = |name: &str| row.try_get::<bool>("", name);
    let phq9_ends = match (
        row.try_get::<i64>("", "phq9_count")?,
        row.try_get::<Option<i16>>("", "phq9_first")?,
        row.try_get::<Option<i16>>("", "phq9_last")?,
    ) {
        (2.., Some(first), Some(last)) => Some((first, last)),
        _ => None,
    };
    let intake = match flag("intake")? {
        true => Some(row.try_get::<Option<DateTime<Utc>>>("", "intake_sent_at")?),
        false => None,
    };
    let emergency_contact = row
        .try_get::<Option<String>>("", "emergency_contact")?
        .map(|sealed| open_emergency_contact(keys, id, &sealed))
        .transpose()?;
    Ok(Outline {
        timezone: row.try_get("", "timezone")?,
        emergency_contact,
        last_checkin: row.try_get("", "last_checkin")?,
        last_taken: (0..a.instruments.len())
            .map(|i| row.try_get::<Option<DateTime<Utc>>>("", &format!("taken{i}")))
            .collect::<std::result::Result<_, _>>()?,
        phq9_ends,
        attended_in_episode: row.try_get("", "attended_in_episode")?,
        intake,
        plan_to_agree: flag("plan_to_agree")?,
        default_schedule: row.try_get("", "default_schedule")?,
        schedules: flag("schedules")?,
        medication: flag("medication")?,
        attended_lately: flag("attended_lately")?,
        session_ahead: flag("session_ahead")?,
        requests: flag("requests")?,
        homework: flag("homework")?,
        consultations: flag("consultations")?,
        group_places: flag("group_places")?,
    })
}
