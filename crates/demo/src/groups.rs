//! The demo's therapy group: "CBT for depression", twelve weeks, eight members, led by the
//! therapist of the first client. It runs on a clock of its own that starts eight weeks before
//! now (after the year's replay, whose history it reads: the members' PHQ-9 series are theirs):
//! the leader creates the group and offers the places, the members join (every other one
//! showing their first name), twelve weekly sessions are booked, and each of the eight held so
//! far gets its attendance (three single sessions missed) and a note about the group. Four lie ahead.

use std::sync::Arc;

use chrono::{DateTime, Datelike, Duration, Utc};
use rapport_app::clock::{Clock, ManualClock};
use rapport_app::groups::{self, Answer, NewGroup, NewGroupSessions};
use rapport_app::{Actor, App, Result};
use rapport_core::accounts::Role;

use super::practice::Practice;

/// Weeks of the group behind us, of the twelve.
const WEEKS_HELD: i64 = 8;
const WEEKS: i64 = 12;
const MEMBERS: usize = 8;

const NOTES: [&str; WEEKS_HELD as usize] = [
    "Welcome and ground rules (confidentiality, phones away). Introduced the CBT model: situation, thoughts, feelings, behaviour. Members shared what brought them, as much as each wished.",
    "Behavioural activation: the activity diary and the link between doing and mood. Each member chose two small activities for the week.",
    "Reviewed the diaries together; several noticed low mood after staying in. Introduced scheduling pleasure and mastery activities.",
    "Thinking traps: all-or-nothing, mind reading, catastrophising. Worked through an example from the group in pairs.",
    "Thought records, columns one to three. Good energy; the group supported one another well when examples felt close to home.",
    "Thought records completed: evidence for and against, balanced thoughts. Practised with a shared, made-up example first.",
    "Problem solving in steps. The group chose a common problem (getting started in the morning) and brainstormed options.",
    "Midpoint review: what has helped so far. Members rated the group useful; agreed to spend more time on practice in pairs.",
];

fn actor(id: uuid::Uuid, role: Role, name: &str) -> Actor {
    Actor {
        user_id: id,
        role,
        name: name.to_string(),
        address: None,
    }
}

/// Runs the group from eight weeks ago to now.
pub(super) async fn run(app: &App, practice: &Practice, now: DateTime<Utc>) -> Result<()> {
    let Some(first) = practice.clients.first() else {
        return Ok(());
    };
    let leader = actor(first.therapist.id, Role::Clinician, first.therapist.name);
    let members: Vec<Actor> = practice
        .clients
        .iter()
        .filter(|c| c.therapist.id == leader.user_id)
        .take(MEMBERS)
        .map(|c| actor(c.id, Role::Client, c.name))
        .collect();
    // The first session: the Wednesday 18:00 (the leader's time) eight to nine weeks ago.
    let day = (now - Duration::weeks(WEEKS_HELD)).date_naive();
    let back = i64::from(day.weekday().num_days_from_monday()) - 2;
    let wednesday = day - Duration::days(back.rem_euclid(7) + 7);
    let first_local = wednesday.and_hms_opt(18, 0, 0).unwrap_or_default();
    let clock = Arc::new(ManualClock::new(first_local.and_utc() - Duration::days(7)));
    let mut past = app.clone();
    past.clock = clock.clone();
    let g = groups::create(
        &past,
        &leader,
        NewGroup {
            name: "CBT for depression".into(),
            approach: "cbt".into(),
            capacity: Some(8),
            weeks: Some(WEEKS),
            schedule: "Wednesdays 18:00–19:30".into(),
            entry_criteria: "Adults with mild to moderately severe depression (PHQ-9 5–19) who can attend most of the twelve weeks. Not during a crisis: we will find you other help first.".into(),
        },
    )
    .await?;
    for (n, m) in members.iter().enumerate() {
        groups::add_member(&past, &leader, g.id, m.user_id).await?;
        clock.advance(Duration::hours(2));
        groups::answer(
            &past,
            m,
            g.id,
            Answer::Join {
                show_first_name: n % 2 == 0,
            },
        )
        .await?;
    }
    let booked = groups::schedule_sessions(
        &past,
        &leader,
        g.id,
        NewGroupSessions {
            first: Some(first_local),
            minutes: Some(90),
            weeks: Some(WEEKS),
            modality: "in_person".into(),
            place: "Group room, 2nd floor".into(),
            allow_overlap: true,
        },
    )
    .await?;
    let rapport_app::sessions::Booking::Scheduled(ids) = booked else {
        return Ok(());
    };
    for (week, session_id) in ids.iter().enumerate().take(WEEKS_HELD as usize) {
        // The morning after, whatever the leader's time zone.
        let ends = first_local.and_utc() + Duration::weeks(week as i64) + Duration::hours(16);
        let by = ends - clock.now();
        if by > Duration::zero() {
            clock.advance(by);
        }
        if clock.now() >= now {
            break;
        }
        for (n, m) in members.iter().enumerate() {
            // Three members each missed one session, early on; never two in a row.
            let attendance = if n % 3 == 1 && week == 2 + n % 4 {
                "no_show"
            } else {
                "attended"
            };
            groups::record_attendance(&past, &leader, g.id, *session_id, m.user_id, attendance)
                .await?;
        }
        groups::write_note(&past, &leader, g.id, *session_id, NOTES[week]).await?;
    }
    Ok(())
}
