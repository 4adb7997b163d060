//! Goals set together by the client and their care team; both record progress.

use chrono::{DateTime, NaiveDate, Utc};
use rapport_core::goals::{GoalInput, GoalStatus, check_closing, check_goal, check_progress};
use rapport_store::goals::{self, Goal, Progress};
use uuid::Uuid;

use crate::access;
use crate::audit_log::Entry;
use crate::policy::Action;
use crate::words::stored;
use crate::{Actor, App, Error, Result};

/// One progress entry, as its reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressView {
    pub at: DateTime<Utc>,
    /// Who recorded it (the client or a clinician).
    pub by: Uuid,
    pub rating: u8,
    pub note: Option<String>,
}

/// A goal of the client's, as the client and their care team see it (not a store row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalView {
    pub id: Uuid,
    pub client_id: Uuid,
    pub title: String,
    pub success: String,
    pub measured_by: Option<String>,
    pub target_date: Option<NaiveDate>,
    pub status: GoalStatus,
    pub close_reason: Option<String>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    /// Oldest first.
    pub progress: Vec<ProgressView>,
}

impl TryFrom<Goal> for GoalView {
    type Error = Error;

    fn try_from(g: Goal) -> Result<GoalView> {
        Ok(GoalView {
            id: g.id,
            client_id: g.client_id,
            title: g.title,
            success: g.success,
            measured_by: g.measured_by,
            target_date: g.target_date,
            status: stored(&g.status, GoalStatus::parse)?,
            close_reason: g.close_reason,
            created_by: g.created_by,
            created_at: g.created_at,
            progress: g
                .progress
                .into_iter()
                .map(|p| ProgressView {
                    at: p.at,
                    by: p.by,
                    rating: p.rating,
                    note: p.note,
                })
                .collect(),
        })
    }
}

/// A new goal as typed.
#[derive(Debug, Clone, Default)]
pub struct NewGoal {
    pub title: String,
    pub success: String,
    pub measured_by: String,
    pub target_date: Option<NaiveDate>,
}

/// Sets a goal (the client or a clinician on their care team).
pub async fn set_goal(app: &App, actor: &Actor, client_id: Uuid, g: NewGoal) -> Result<Uuid> {
    let scope = access::write(
        app,
        actor,
        Action::WriteClientRecord,
        client_id,
        "goals.changed",
    )
    .await?;
    check_goal(&GoalInput {
        title: &g.title,
        success: &g.success,
        measured_by: &g.measured_by,
    })?;
    let goal = Goal {
        id: app.new_id(),
        client_id,
        title: g.title,
        success: g.success,
        measured_by: (!g.measured_by.trim().is_empty()).then_some(g.measured_by),
        target_date: g.target_date,
        status: GoalStatus::Active.as_str().into(),
        close_reason: None,
        created_by: actor.user_id,
        created_at: app.now(),
        progress: vec![],
    };
    goals::insert(&scope.client(), &goal).await?;
    scope
        .commit(Entry::ok("goals.changed").resource(format!("goal:{}", goal.id)))
        .await?;
    Ok(goal.id)
}

async fn goal_client(app: &App, goal_id: Uuid) -> Result<(Uuid, String)> {
    goals::owner(app.db.conn(), goal_id)
        .await?
        .ok_or(Error::NotFound)
}

/// Records progress on an active goal: a rating 0–10 and an optional note.
pub async fn record_progress(
    app: &App,
    actor: &Actor,
    goal_id: Uuid,
    rating: Option<i64>,
    note: &str,
) -> Result<()> {
    let (client_id, status) = goal_client(app, goal_id).await?;
    let scope = access::write(
        app,
        actor,
        Action::WriteClientRecord,
        client_id,
        "goals.changed",
    )
    .await?;
    if status != GoalStatus::Active.as_str() {
        return Err(Error::Conflict(
            "This goal is closed; set a new one instead.".into(),
        ));
    }
    let rating = check_progress(rating, note)?;
    let p = Progress {
        at: app.now(),
        by: actor.user_id,
        rating,
        note: (!note.trim().is_empty()).then(|| note.to_string()),
    };
    if !goals::add_progress(&scope.client(), app.new_id(), goal_id, &p).await? {
        return Err(Error::NotFound);
    }
    scope
        .commit(Entry::ok("goals.changed").resource(format!("goal:{goal_id}")))
        .await?;
    Ok(())
}

/// Marks a goal achieved or dropped, with a reason.
pub async fn close_goal(
    app: &App,
    actor: &Actor,
    goal_id: Uuid,
    outcome: &str,
    reason: &str,
) -> Result<()> {
    let (client_id, status) = goal_client(app, goal_id).await?;
    let scope = access::write(
        app,
        actor,
        Action::WriteClientRecord,
        client_id,
        "goals.changed",
    )
    .await?;
    if status != GoalStatus::Active.as_str() {
        return Err(Error::Conflict("This goal is closed already.".into()));
    }
    let outcome = check_closing(outcome, reason)?;
    if !goals::close(
        &scope.client(),
        goal_id,
        outcome.as_str(),
        reason,
        app.now(),
    )
    .await?
    {
        return Err(Error::NotFound);
    }
    scope
        .commit(Entry::ok("goals.changed").resource(format!("goal:{goal_id}")))
        .await?;
    Ok(())
}

/// The client's goals, oldest first (the client or their care team).
pub async fn goals_of(app: &App, actor: &Actor, client_id: Uuid) -> Result<Vec<GoalView>> {
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "goals.read",
    )
    .await?;
    let list = goals::of_client(&scope.client()).await?;
    scope.finish(Entry::ok("goals.read")).await?;
    list.into_iter().map(GoalView::try_from).collect()
}
