//! The client's home page in one read (issue 19): their record and team, today's
//! questionnaires, feedback to give, the next session, the intake, the plan to agree, their
//! requests for another time, homework, consultations, the offer of another therapist and their
//! groups, all read in one snapshot. The policy is asked about each part as its own use-case
//! asks it, and each part's read is recorded as its own use-case records it, in one batch.

use chrono::{DateTime, Duration, Utc};
use rapport_store::home as store;
use rapport_store::measures;
use uuid::Uuid;

use crate::access;
use crate::care_teams::TeamMember;
use crate::consultations::{ConsultationView, SwitchOffer};
use crate::groups::MyPlace;
use crate::homework::AssignmentView;
use crate::intake::IntakeProgress;
use crate::measures::Due;
use crate::policy::Action;
use crate::sessions::{FeedbackDue, NextSession, RequestView};
use crate::time::local_day;
use crate::{Actor, App, Error, Result};

/// What the client's home page shows, as read for them.
#[derive(Debug, Clone)]
pub struct ClientHome {
    /// Their timezone, emergency contact and care team: what the page shows of their record
    /// (`care_teams::client_record`).
    pub timezone: String,
    pub emergency_contact: Option<String>,
    pub team: Vec<TeamMember>,
    /// Today's questionnaires and check-in (`measures::due_today`).
    pub due_today: Vec<Due>,
    /// Sessions waiting for their feedback (`sessions::due_feedback`).
    pub feedback_due: Vec<FeedbackDue>,
    /// Their next session not cancelled (the first ahead of `sessions::sessions_of`).
    pub next_session: Option<NextSession>,
    /// Their intake (`intake::own_progress`).
    pub intake: IntakeProgress,
    /// A treatment plan waits for their agreement (`plans::own_plan_to_agree`).
    pub plan_to_agree: bool,
    /// Their requests for another time (`sessions::my_requests`).
    pub requests: Vec<RequestView>,
    /// Their homework (`homework::assignments_of`).
    pub homework: Vec<AssignmentView>,
    /// Their consultations, newest first (`consultations::my_consultations`).
    pub consultations: Vec<ConsultationView>,
    /// The offer of another therapist (`consultations::switch_offer`).
    pub switch_offer: Option<SwitchOffer>,
    /// Their live places in groups (`groups::my_groups`).
    pub groups: Vec<MyPlace>,
}

/// The parts that read the client's record through a scope, with the audit action each
/// records: the policy is asked about each, and each read is recorded.
const SCOPED_PARTS: [(Action, &str); 5] = [
    (Action::ReadClientRecord, "client.record.read"),
    (Action::ReadClientRecord, "sessions.read"),
    (Action::AskForChanges, "session_requests.read"),
    (Action::ReadClientRecord, "homework.read"),
    (Action::ConsultClinicians, "consultation.read"),
];

/// How long after an attended session its feedback is asked for, and how long a request for
/// another time is shown after it was asked: the parts' own windows.
fn windows(now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    (
        now - Duration::days(crate::sessions::FEEDBACK_ASK_DAYS),
        now - Duration::days(crate::sessions::REQUESTS_SHOWN_DAYS),
    )
}

/// The signed-in client's home page, read in one snapshot: one statement answers the small
/// questions and says which parts have anything to read; only those are read.
pub async fn client_home(app: &App, actor: &Actor) -> Result<ClientHome> {
    // The parts that ask the policy about one's own record without a scope.
    access::own(actor, Action::SubmitMeasures)?;
    access::own(actor, Action::JoinGroups)?;
    let client_id: Uuid = actor.user_id;
    let scope = access::read_for_all(app, actor, client_id, &SCOPED_PARTS).await?;
    let (c, keys) = (scope.conn(), scope.keys());
    let now = app.now();
    let (feedback_since, requests_since) = windows(now);
    let o = store::outline(
        c,
        keys,
        &store::Asked {
            client_id,
            instruments: &crate::measures::LAST_TAKEN,
            plan_kind: crate::plans::TREATMENT_PLAN_KIND,
            schedule_key: crate::settings::SCHEDULE_KEY,
            now,
            feedback_since,
            requests_since,
        },
    )
    .await?;
    let timezone = o.timezone.clone().ok_or(Error::NotFound)?;
    let team = crate::care_teams::team_members(c, keys, client_id).await?;
    let today = local_day(now, &timezone);
    let facts = crate::measures::DueFacts {
        custom: match o.schedules {
            true => measures::schedules_of(c, client_id).await?,
            false => vec![],
        },
        defaults: crate::settings::with_default_schedule(o.default_schedule.as_deref()),
        last_checkin: o.last_checkin,
        last_taken: o.last_taken,
        fibser_asked: o.medication
            && crate::medication::fibser_due_for(c, client_id, today).await?,
    };
    let due_today = crate::measures::due_from(&facts, today, &timezone);
    let feedback_due = match o.attended_lately {
        true => crate::sessions::due_feedback_in(c, client_id, now).await?,
        false => vec![],
    };
    let next_session = match o.session_ahead {
        true => crate::sessions::next_session_in(c, keys, client_id, now).await?,
        false => None,
    };
    let requests = match o.requests {
        true => crate::sessions::my_requests_in(c, keys, client_id, now).await?,
        false => vec![],
    };
    let homework = match o.homework {
        true => crate::homework::stored_assignments(&scope.client()).await?,
        false => (vec![], vec![]),
    };
    let consultations = match o.consultations {
        true => crate::consultations::mine_in(app, &scope.client()).await?,
        false => vec![],
    };
    let switch_offer = crate::consultations::switch_offer_from(o.attended_in_episode, o.phq9_ends);
    let groups = match o.group_places {
        true => crate::groups::my_groups_in(c, keys, client_id).await?,
        false => vec![],
    };
    scope.finish_parts(&SCOPED_PARTS).await?;
    let homework = crate::homework::views_of(homework, &timezone, now)?;
    Ok(ClientHome {
        timezone,
        emergency_contact: o.emergency_contact,
        team,
        due_today,
        feedback_due,
        next_session,
        intake: crate::intake::progress_from(o.intake),
        plan_to_agree: o.plan_to_agree,
        requests,
        homework,
        consultations,
        switch_offer,
        groups,
    })
}
