//! One summary row per client (`client_summaries`, m0034): what a clinician's caseload shows
//! of them — their latest episode, latest PHQ-9, the episode's baseline and count, the
//! sparkline's half year of totals, last check-in, next session and unresolved flags — so that
//! the caseload is one indexed read (care team ⋈ users ⋈ summaries) instead of eight queries.
//!
//! A row is computed by [`compute`] from the same indexed look-ups the caseload used to make,
//! and stored by [`refresh`] in the transaction of the write that changed it. Triggers on
//! every table it is made of mark it stale in the same statement as any change, so a row that
//! is not stale says what the history says; [`Summary::holds_at`] tells whether a stored row
//! still holds at a later time (its next session not yet past); a row that does not hold is
//! computed again when read. The two commonest writes move a fresh row on in their own
//! statement instead (m0045): a check-in its last day, a PHQ-9 newer than the latest, of the
//! row's episode, its latest, count, baseline and sparkline; so a submission that raises no
//! flag leaves the row fresh and the write computes nothing.

mod encode;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ActiveValue::Set, ConnectionTrait, FromQueryResult, QueryOrder, StatementBuilder};

use crate::crypto::Keyring;
use crate::{Backend, Db, Result};

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "client_summaries")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub client_id: Uuid,
        pub stale: bool,
        pub refreshed_at: Option<DateTimeUtc>,
        pub episode_id: Option<Uuid>,
        pub episode_state: Option<String>,
        pub latest_total: Option<i16>,
        pub latest_band: Option<String>,
        pub latest_at: Option<DateTimeUtc>,
        pub latest_episode_id: Option<Uuid>,
        pub baseline: Option<i16>,
        pub phq9_count: i64,
        pub recent: Option<String>,
        pub last_checkin: Option<Date>,
        pub next_session: Option<DateTimeUtc>,
        pub flags: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

use entity::Column as C;

/// The sparkline's span: the PHQ-9s of the last half year.
pub const SPARKLINE_WEEKS: i64 = 26;

/// Where the sparkline starts: the beginning of the (UTC) day `SPARKLINE_WEEKS` weeks ago, so
/// that a measure taken that day is in it whatever the hour of reading.
pub fn sparkline_since(now: DateTime<Utc>) -> DateTime<Utc> {
    (now - chrono::Duration::weeks(SPARKLINE_WEEKS))
        .date_naive()
        .and_time(NaiveTime::MIN)
        .and_utc()
}

/// An unresolved flag as the caseload shows it (the store's words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagRef {
    pub id: Uuid,
    pub kind: String,
    pub level: String,
    pub status: String,
}

/// What the caseload shows of one client, as of `as_of`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub client_id: Uuid,
    /// When it was computed: it holds from then on until its next session has begun.
    pub as_of: DateTime<Utc>,
    /// The client's latest episode (closed or not).
    pub episode_id: Option<Uuid>,
    pub episode_state: Option<String>,
    /// The client's latest PHQ-9 (any episode); only read when they have an episode.
    pub latest_total: Option<i16>,
    pub latest_band: Option<String>,
    pub latest_at: Option<DateTime<Utc>>,
    pub latest_episode_id: Option<Uuid>,
    /// The latest episode's first PHQ-9 total and number of PHQ-9s.
    pub baseline: Option<i16>,
    pub phq9_count: i64,
    /// The PHQ-9s taken since `sparkline_since(as_of)`, oldest first: (seconds since the
    /// epoch, total).
    pub recent: Vec<(i64, i16)>,
    pub last_checkin: Option<NaiveDate>,
    /// The first session, not cancelled, starting at or after `as_of`.
    pub next_session: Option<DateTime<Utc>>,
    /// Unresolved flags (open or acknowledged), latest evidence first.
    pub flags: Vec<FlagRef>,
}

impl Summary {
    /// Whether what was computed as of `as_of` is still what the history says at `now`:
    /// nothing stored depends on the time but the next session (and the sparkline's window,
    /// which only narrows as time goes on).
    pub fn holds_at(&self, now: DateTime<Utc>) -> bool {
        self.as_of <= now && self.next_session.is_none_or(|t| t >= now)
    }

    /// The sparkline at `now` (`now` not before `as_of`): the totals since
    /// `sparkline_since(now)`, oldest first.
    pub fn recent_at(&self, now: DateTime<Utc>) -> Vec<i16> {
        let since = sparkline_since(now).timestamp();
        self.recent
            .iter()
            .filter(|(at, _)| *at >= since)
            .map(|(_, total)| *total)
            .collect()
    }

    fn from_model(m: entity::Model) -> Result<Option<Summary>> {
        let Some(as_of) = m.refreshed_at.filter(|_| !m.stale) else {
            return Ok(None);
        };
        Ok(Some(Summary {
            client_id: m.client_id,
            as_of,
            episode_id: m.episode_id,
            episode_state: m.episode_state,
            latest_total: m.latest_total,
            latest_band: m.latest_band,
            latest_at: m.latest_at,
            latest_episode_id: m.latest_episode_id,
            baseline: m.baseline,
            phq9_count: m.phq9_count,
            recent: encode::recent_from(m.recent.as_deref().unwrap_or(""))?,
            last_checkin: m.last_checkin,
            next_session: m.next_session,
            flags: encode::flags_from(m.flags.as_deref().unwrap_or(""))?,
        }))
    }

    fn into_active(self) -> entity::ActiveModel {
        entity::ActiveModel {
            client_id: Set(self.client_id),
            stale: Set(false),
            refreshed_at: Set(Some(self.as_of)),
            episode_id: Set(self.episode_id),
            episode_state: Set(self.episode_state),
            latest_total: Set(self.latest_total),
            latest_band: Set(self.latest_band),
            latest_at: Set(self.latest_at),
            latest_episode_id: Set(self.latest_episode_id),
            baseline: Set(self.baseline),
            phq9_count: Set(self.phq9_count),
            recent: Set(Some(encode::recent_to(&self.recent))),
            last_checkin: Set(self.last_checkin),
            next_session: Set(self.next_session),
            flags: Set(Some(encode::flags_to(&self.flags))),
        }
    }
}

/// The PHQ-9 totals since `since` of many clients, by client then oldest first, with when
/// (one stretch of `measures_client_totals` each).
async fn totals_since(
    c: &impl ConnectionTrait,
    client_ids: &[Uuid],
    since: DateTime<Utc>,
) -> Result<Vec<(Uuid, DateTime<Utc>, i16)>> {
    use crate::measures::entity as m;
    use sea_orm::QuerySelect;
    Ok(m::Entity::find()
        .select_only()
        .column(m::Column::ClientId)
        .column(m::Column::TakenAt)
        .column(m::Column::Total)
        .filter(m::Column::ClientId.is_in(client_ids.iter().copied()))
        .filter(m::Column::Instrument.eq("phq9"))
        .filter(m::Column::TakenAt.gte(since))
        .order_by_asc(m::Column::ClientId)
        .order_by_asc(m::Column::TakenAt)
        .into_tuple()
        .all(c)
        .await?)
}

/// The summaries of these clients as of `now`, from their history: a constant number of
/// indexed queries, whatever their number (the caseload's queries before m0034).
pub async fn compute(
    c: &impl ConnectionTrait,
    client_ids: &[Uuid],
    now: DateTime<Utc>,
) -> Result<Vec<Summary>> {
    if client_ids.is_empty() {
        return Ok(vec![]);
    }
    let episodes = crate::episodes::latest_of(c, client_ids).await?;
    let recent = totals_since(c, client_ids, sparkline_since(now)).await?;
    let episode_ids: Vec<Uuid> = episodes.iter().map(|e| e.id).collect();
    let totals = crate::measures::summaries_of(c, &episode_ids, "phq9").await?;
    let mut flags = crate::alerts::of_clients(c, client_ids, &["open", "acknowledged"]).await?;
    // Latest evidence first, as the query gives them; the later flag first on a tie (which
    // the query leaves to the plan), so that a stored row and a computed one agree.
    flags.sort_by_key(|f| std::cmp::Reverse((f.last_evidence_at, f.id)));
    let checkins = crate::checkins::last_days(c, client_ids).await?;
    let sessions = crate::sessions::next_of(c, client_ids, now).await?;
    let mut out = Vec::with_capacity(client_ids.len());
    for &client_id in client_ids {
        let episode = episodes.iter().find(|e| e.client_id == client_id);
        let s = episode.and_then(|e| totals.iter().find(|s| s.episode_id == e.id));
        out.push(Summary {
            client_id,
            as_of: now,
            episode_id: episode.map(|e| e.id),
            episode_state: episode.map(|e| e.state.clone()),
            latest_total: s.and_then(|s| s.latest_total),
            latest_band: s.and_then(|s| s.latest_band.clone()),
            latest_at: s.and_then(|s| s.latest_at),
            latest_episode_id: s.and_then(|s| s.latest_episode_id),
            baseline: s.and_then(|s| s.baseline),
            phq9_count: s.map_or(0, |s| s.count),
            recent: recent
                .iter()
                .filter(|(id, ..)| *id == client_id)
                .map(|(_, at, total)| (at.timestamp(), *total))
                .collect(),
            last_checkin: checkins
                .iter()
                .find(|(id, _)| *id == client_id)
                .map(|(_, d)| *d),
            next_session: sessions
                .iter()
                .find(|(id, _)| *id == client_id)
                .map(|(_, t)| *t),
            flags: flags
                .iter()
                .filter(|f| f.client_id == client_id)
                .map(|f| FlagRef {
                    id: f.id,
                    kind: f.kind.clone(),
                    level: f.level.clone(),
                    status: f.status.clone(),
                })
                .collect(),
        });
    }
    Ok(out)
}

/// Marks these clients' rows stale, making them if missing. On PostgreSQL this takes their
/// row locks until the transaction ends, so that a concurrent write of the same client waits
/// (its trigger marks the same row) and what is computed after it sees every committed write.
async fn mark(c: &impl ConnectionTrait, client_ids: &[Uuid]) -> Result<()> {
    if client_ids.is_empty() {
        return Ok(());
    }
    entity::Entity::insert_many(client_ids.iter().map(|&id| entity::ActiveModel {
        client_id: Set(id),
        stale: Set(true),
        phq9_count: Set(0),
        ..Default::default()
    }))
    .on_conflict(
        OnConflict::column(C::ClientId)
            .update_column(C::Stale)
            .to_owned(),
    )
    .exec_without_returning(c)
    .await?;
    Ok(())
}

async fn store(c: &impl ConnectionTrait, rows: Vec<Summary>) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    entity::Entity::insert_many(rows.into_iter().map(Summary::into_active))
        .on_conflict(
            OnConflict::column(C::ClientId)
                .update_columns([
                    C::Stale,
                    C::RefreshedAt,
                    C::EpisodeId,
                    C::EpisodeState,
                    C::LatestTotal,
                    C::LatestBand,
                    C::LatestAt,
                    C::LatestEpisodeId,
                    C::Baseline,
                    C::Phq9Count,
                    C::Recent,
                    C::LastCheckin,
                    C::NextSession,
                    C::Flags,
                ])
                .to_owned(),
        )
        .exec_without_returning(c)
        .await?;
    Ok(())
}

/// Computes and stores the client's row as of `now`, in the caller's write transaction (after
/// the writes that change it).
pub async fn refresh(c: &impl ConnectionTrait, client_id: Uuid, now: DateTime<Utc>) -> Result<()> {
    if c.get_database_backend() == sea_orm::DbBackend::Postgres {
        mark(c, &[client_id]).await?;
    }
    let rows = compute(c, &[client_id], now).await?;
    store(c, rows).await
}

/// [`refresh`] when the client's row is stale (one look-up when it is not): what every write
/// about a client calls before it commits. A missing row stays missing: the client has had
/// no write the row is made of since the last [`backfill`], and the caseload computes it.
pub async fn refresh_if_stale(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    now: DateTime<Utc>,
) -> Result<()> {
    use sea_orm::QuerySelect;
    let stale: Option<bool> = entity::Entity::find_by_id(client_id)
        .select_only()
        .column(C::Stale)
        .into_tuple()
        .one(c)
        .await?;
    if stale == Some(true) {
        refresh(c, client_id, now).await?;
    }
    Ok(())
}

/// The stored summaries of these clients that are not stale (whether they hold at a given
/// time is [`Summary::holds_at`]'s to say).
pub async fn stored(c: &impl ConnectionTrait, client_ids: &[Uuid]) -> Result<Vec<Summary>> {
    let mut out = Vec::new();
    for m in entity::Entity::find()
        .filter(C::ClientId.is_in(client_ids.iter().copied()))
        .all(c)
        .await?
    {
        out.extend(Summary::from_model(m)?);
    }
    Ok(out)
}

/// One client on a clinician's caseload, as the one read gives it.
#[derive(Debug, Clone)]
pub struct CaseloadRow {
    pub client_id: Uuid,
    pub role: String,
    pub since: DateTime<Utc>,
    pub name: String,
    /// The client's IANA timezone (their calendar: medication review dates).
    pub timezone: String,
    /// `None` when the row is missing or stale.
    pub summary: Option<Summary>,
}

#[derive(FromQueryResult)]
struct Joined {
    member_client_id: Uuid,
    member_role: String,
    member_since: DateTime<Utc>,
    user_name: String,
    user_timezone: String,
    client_id: Option<Uuid>,
    stale: Option<bool>,
    refreshed_at: Option<DateTime<Utc>>,
    episode_id: Option<Uuid>,
    episode_state: Option<String>,
    latest_total: Option<i16>,
    latest_band: Option<String>,
    latest_at: Option<DateTime<Utc>>,
    latest_episode_id: Option<Uuid>,
    baseline: Option<i16>,
    phq9_count: Option<i64>,
    recent: Option<String>,
    last_checkin: Option<NaiveDate>,
    next_session: Option<DateTime<Utc>>,
    flags: Option<String>,
}

/// The clinician's active memberships (earliest first) with each client's name (opened) and
/// summary: one read along `care_teams_clinician`, one primary-key look-up per client in
/// `users` and in `client_summaries`.
pub async fn caseload_of(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    clinician_id: Uuid,
) -> Result<Vec<CaseloadRow>> {
    let (t, u, s) = (
        Alias::new("care_teams"),
        Alias::new("users"),
        Alias::new("client_summaries"),
    );
    let col = |table: &Alias, name: &str| Expr::col((table.clone(), Alias::new(name)));
    let mut q = Query::select();
    q.expr_as(col(&t, "client_id"), Alias::new("member_client_id"))
        .expr_as(col(&t, "role"), Alias::new("member_role"))
        .expr_as(col(&t, "started_at"), Alias::new("member_since"))
        .expr_as(col(&u, "name"), Alias::new("user_name"))
        .expr_as(col(&u, "timezone"), Alias::new("user_timezone"));
    for name in [
        "client_id",
        "stale",
        "refreshed_at",
        "episode_id",
        "episode_state",
        "latest_total",
        "latest_band",
        "latest_at",
        "latest_episode_id",
        "baseline",
        "phq9_count",
        "recent",
        "last_checkin",
        "next_session",
        "flags",
    ] {
        q.expr_as(col(&s, name), Alias::new(name));
    }
    q.from(t.clone())
        .inner_join(
            u.clone(),
            col(&u, "id").equals((t.clone(), Alias::new("client_id"))),
        )
        .left_join(
            s.clone(),
            col(&s, "client_id").equals((t.clone(), Alias::new("client_id"))),
        )
        .and_where(col(&t, "clinician_id").eq(clinician_id))
        .and_where(col(&t, "ended_at").is_null())
        .order_by((t.clone(), Alias::new("started_at")), sea_orm::Order::Asc);
    let rows = Joined::find_by_statement(StatementBuilder::build(&q, &c.get_database_backend()))
        .all(c)
        .await?;
    rows.into_iter()
        .map(|r| {
            let summary = match (r.client_id, r.stale) {
                (Some(client_id), Some(stale)) => Summary::from_model(entity::Model {
                    client_id,
                    stale,
                    refreshed_at: r.refreshed_at,
                    episode_id: r.episode_id,
                    episode_state: r.episode_state,
                    latest_total: r.latest_total,
                    latest_band: r.latest_band,
                    latest_at: r.latest_at,
                    latest_episode_id: r.latest_episode_id,
                    baseline: r.baseline,
                    phq9_count: r.phq9_count.unwrap_or(0),
                    recent: r.recent,
                    last_checkin: r.last_checkin,
                    next_session: r.next_session,
                    flags: r.flags,
                })?,
                _ => None,
            };
            Ok(CaseloadRow {
                name: keys.open(
                    crate::accounts::users::TABLE,
                    "name",
                    &r.member_client_id.to_string(),
                    &r.user_name,
                )?,
                client_id: r.member_client_id,
                role: r.member_role,
                since: r.member_since,
                timezone: r.user_timezone,
                summary,
            })
        })
        .collect()
}

/// Clients computed per batch by [`backfill`].
const BATCH: u64 = 500;

/// Computes the rows of clients that have none or a stale one, a batch at a time, each batch
/// in a write transaction of its own; returns how many were written. Run after a bulk load
/// and at start-up until it has once run to the end (`crate::upkeep`: rows are missing for
/// the clients of a database older than m0034 and after a bulk load), and
/// safe beside running servers: a batch marks its rows (taking their locks on PostgreSQL)
/// before it computes them.
pub async fn backfill(db: &Db, now: DateTime<Utc>) -> Result<u64> {
    let (u, s) = (Alias::new("users"), Alias::new("client_summaries"));
    let col = |table: &Alias, name: &str| Expr::col((table.clone(), Alias::new(name)));
    let mut after: Option<Uuid> = None;
    let mut written = 0;
    loop {
        let mut q = Query::select();
        q.column((u.clone(), Alias::new("id")))
            .from(u.clone())
            .left_join(
                s.clone(),
                col(&s, "client_id").equals((u.clone(), Alias::new("id"))),
            )
            .and_where(col(&u, "role").eq("client"))
            .and_where(col(&s, "client_id").is_null().or(col(&s, "stale").eq(true)))
            .order_by((u.clone(), Alias::new("id")), sea_orm::Order::Asc)
            .limit(BATCH);
        if let Some(after) = after {
            q.and_where(col(&u, "id").gt(after));
        }
        let ids: Vec<Uuid> = db
            .conn()
            .query_all_raw(StatementBuilder::build(
                &q,
                &db.conn().get_database_backend(),
            ))
            .await?
            .iter()
            .map(|r| r.try_get_by_index::<Uuid>(0))
            .collect::<std::result::Result<_, _>>()?;
        let Some(&last) = ids.last() else {
            return Ok(written);
        };
        after = Some(last);
        let tx = db.write().await?;
        if db.backend() == Backend::Postgres {
            mark(tx.conn(), &ids).await?;
        }
        let rows = compute(tx.conn(), &ids, now).await?;
        written += rows.len() as u64;
        store(tx.conn(), rows).await?;
        tx.commit().await?;
    }
}
