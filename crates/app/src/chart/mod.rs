//! A client's chart, and the client's own progress page, each in one read (issue 19). The
//! chart shows their record and team, flags, summary, measures and check-ins, homework,
//! measurement schedule, episodes, intake, treatment plans, sessions and their feedback, the
//! timeline, observations, medicines and adherence, all read in one snapshot. The policy is
//! asked about each part as its own use-case asks it (the relation looked up once), and each
//! part's read is recorded as its own use-case records it, in one batch. The rows several
//! parts are made of (the timeline's sources) are read once; each part read alone (its own
//! use-case, for the API and the other pages) reads just its rows and builds the same view
//! through the same `*_in` or `*_from` function.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::access;
use crate::alerts::AlertView;
use crate::care_teams::ClientRecord;
use crate::episodes::HistoryLine;
use crate::homework::AssignmentView;
use crate::intake::IntakeView;
use crate::measures::{CheckinPoint, MeasurePoint};
use crate::medication::{AdherenceWeek, MedicationList};
use crate::observations::ObservationView;
use crate::plans::TreatmentPlanView;
use crate::policy::Action;
use crate::sessions::{FeedbackView, SessionView};
use crate::timeline::{self, ChartSummary, Line};
use crate::{Actor, App, Error, Result};
use rapport_core::episodes::EpisodeState;
use rapport_store::accounts::users;

/// What a client's chart shows, as read for its reader.
#[derive(Debug, Clone)]
pub struct ClientChart {
    /// `care_teams::client_record`.
    pub record: ClientRecord,
    /// `alerts::of_client`, newest first.
    pub flags: Vec<AlertView>,
    /// `timeline::chart_summary`.
    pub summary: ChartSummary,
    /// Every measure, oldest first (`measures::client_series`).
    pub series: Vec<MeasurePoint>,
    /// The check-ins of the last [`CHECKIN_DAYS`] days (`measures::client_checkins`).
    pub checkins: Vec<CheckinPoint>,
    /// `homework::assignments_of`.
    pub homework: Vec<AssignmentView>,
    /// `measures::schedule_of`.
    pub schedule: Vec<(String, &'static str, i32)>,
    /// `episodes::history`, newest first.
    pub episodes: Vec<(EpisodeState, DateTime<Utc>, Vec<HistoryLine>)>,
    /// `intake::intake`.
    pub intake: IntakeView,
    /// `plans::treatment_plans`, the plan in force first.
    pub plans: Vec<TreatmentPlanView>,
    /// `sessions::sessions_of`, oldest first.
    pub sessions: Vec<SessionView>,
    /// `sessions::feedback_series`, oldest first.
    pub feedback: Vec<FeedbackView>,
    /// `timeline::timeline`, newest first.
    pub timeline: Vec<Line>,
    /// `observations::observations_of`.
    pub observations: Vec<ObservationView>,
    /// `medication::medications_of`.
    pub medications: MedicationList,
    /// `medication::adherence_of`, the last [`ADHERENCE_WEEKS`] weeks.
    pub adherence: Vec<AdherenceWeek>,
}

/// The check-ins the chart's chart shows: the last 30 days.
pub const CHECKIN_DAYS: i64 = 30;
/// The weeks of medication adherence the chart shows.
pub const ADHERENCE_WEEKS: u32 = 8;

/// Each part with the action its own use-case asks the policy about and the audit action it
/// records.
const PARTS: [(Action, &str); 16] = [
    (Action::ReadClientRecord, "client.record.read"),
    (Action::HandleAlerts, "alerts.read"),
    (Action::ReadClientRecord, "chart.summary.read"),
    (Action::ReadClientRecord, "measures.read"),
    (Action::ReadClientRecord, "checkins.read"),
    (Action::ReadClientRecord, "homework.read"),
    (Action::SetSchedules, "schedule.read"),
    (Action::ManageEpisodes, "episodes.read"),
    (Action::ReadClientRecord, "intake.read"),
    (Action::ReadClientRecord, "treatment_plan.read"),
    (Action::ReadClientRecord, "sessions.read"),
    (Action::ReadClientRecord, "feedback.read"),
    (Action::ReadClientRecord, "timeline.read"),
    (Action::ReadClientRecord, "observation.read"),
    (Action::ReadClientRecord, "medications.read"),
    (Action::ReadClientRecord, "adherence.read"),
];

/// The client's chart for its reader (their care team, or a clinician on triage duty, on
/// call or in an emergency opening), read in one snapshot.
pub async fn client_chart(app: &App, actor: &Actor, client_id: Uuid) -> Result<ClientChart> {
    let scope = access::read_for_all(app, actor, client_id, &PARTS).await?;
    // The rows the timeline is made of, read once: most other parts are made of them too.
    let rows = timeline::sources(&scope).await?;
    let record = crate::care_teams::client_record_in(&scope).await?;
    let timeline = timeline::timeline_from(&scope, &rows).await?;
    let read = timeline::SummaryRead {
        measures: &rows.measures,
        sessions: &rows.sessions,
        relapse: rows.relapse.first(),
        goals: &rows.goals,
        signed: rows
            .notes
            .as_ref()
            .map(|notes| notes.iter().map(|n| (n.session_id, n.signed_at)).collect()),
    };
    let summary = timeline::chart_summary_from(&scope, read).await?;
    let checkins = crate::measures::client_checkins_in(&scope, CHECKIN_DAYS).await?;
    let homework = crate::homework::stored_assignments(&scope.client()).await?;
    let schedule = crate::measures::schedule_in(&scope).await?;
    let episodes = crate::episodes::history_from(&scope, &rows.episodes).await?;
    let intake = crate::intake::intake_in(&scope).await?;
    let plans = crate::plans::treatment_plans_from(&scope, &rows.treatment).await?;
    let (c, keys) = (scope.conn(), scope.keys());
    let sessions =
        crate::sessions::sessions_from(c, keys, client_id, rows.sessions, rows.changes).await?;
    let flags = crate::alerts::views_of(c, keys, rows.flags).await?;
    let observations = crate::observations::observations_in(&scope).await?;
    let medications = crate::medication::medications_in(&scope, &record.timezone).await?;
    let adherence = crate::medication::adherence_from(
        &scope,
        ADHERENCE_WEEKS,
        &record.timezone,
        &rows.measures,
    )
    .await?;
    scope.finish_parts(&PARTS).await?;
    let homework = crate::homework::views_of(homework, &record.timezone, app.now())?;
    let feedback = rows.feedback.into_iter().map(FeedbackView::from).collect();
    let series = crate::measures::points_of(rows.measures)?;
    Ok(ClientChart {
        record,
        flags,
        summary,
        series,
        checkins,
        homework,
        schedule,
        episodes,
        intake,
        plans,
        sessions,
        feedback,
        timeline,
        observations,
        medications,
        adherence,
    })
}

/// What the client's own progress page shows, as read for them.
#[derive(Debug, Clone)]
pub struct OwnProgress {
    /// Every measure, oldest first (`measures::client_series`).
    pub series: Vec<MeasurePoint>,
    /// The check-ins of the last [`CHECKIN_DAYS`] days (`measures::client_checkins`).
    pub checkins: Vec<CheckinPoint>,
    /// `homework::assignments_of`.
    pub homework: Vec<AssignmentView>,
    /// `medication::adherence_of`, the last [`ADHERENCE_WEEKS`] weeks.
    pub adherence: Vec<AdherenceWeek>,
}

/// The parts of the progress page, as [`PARTS`] for the chart.
const PROGRESS_PARTS: [(Action, &str); 4] = [
    (Action::ReadClientRecord, "measures.read"),
    (Action::ReadClientRecord, "checkins.read"),
    (Action::ReadClientRecord, "homework.read"),
    (Action::ReadClientRecord, "adherence.read"),
];

/// The signed-in client's own progress, read in one snapshot: the measures once for the charts
/// and the weeks of medicine.
pub async fn own_progress(app: &App, actor: &Actor) -> Result<OwnProgress> {
    let client_id = actor.user_id;
    let scope = access::read_for_all(app, actor, client_id, &PROGRESS_PARTS).await?;
    let timezone = users::timezone_of(scope.conn(), client_id)
        .await?
        .ok_or(Error::NotFound)?;
    let measures = rapport_store::measures::series_of(&scope.client(), None, None).await?;
    let checkins = crate::measures::client_checkins_in(&scope, CHECKIN_DAYS).await?;
    let homework = crate::homework::stored_assignments(&scope.client()).await?;
    let adherence =
        crate::medication::adherence_from(&scope, ADHERENCE_WEEKS, &timezone, &measures).await?;
    scope.finish_parts(&PROGRESS_PARTS).await?;
    Ok(OwnProgress {
        series: crate::measures::points_of(measures)?,
        checkins,
        homework: crate::homework::views_of(homework, &timezone, app.now())?,
        adherence,
    })
}
