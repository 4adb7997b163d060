//! The demo's therapy group: "CBT for depression", twelve weeks, eight members, led by the
//! therapist of the first client, on a Wednesday evening free in her diary. It runs on a clock of its own that starts eight weeks before
//! now (after the year's replay, whose history it reads: the members' PHQ-9 series are theirs):
//! the leader creates the group and offers the places, the members join (every other one
//! showing their first name), twelve weekly sessions are booked, and each of the eight held so
//! far gets its attendance and a note about the group. Four lie ahead.

use std::sync::Arc;

use chrono::{DateTime, Datelike, Duration, Utc};
use rapport_app::clock::{Clock, ManualClock};
use rapport_app::groups::{self, Answer, NewGroup, NewGroupSessions};
use rapport_app::{Actor, App, Result};
use rapport_core::accounts::Role;
use rapport_core::episodes::EpisodeState;

use super::practice::Practice;

/// Weeks of the group behind us, of the twelve.
const WEEKS_HELD: i64 = 8;
const WEEKS: i64 = 12;
const MEMBERS: usize = 8;

const NOTES: [&str; 8] = [
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
    // The first session: the Wednesday 18:00 (the leader's time) eight weeks ago or a little more.
    let day = (now - Duration::weeks(WEEKS_HELD)).date_naive();
    let back = i64::from(day.weekday().num_days_from_monday()) - 2;
    let wednesday = day - Duration::days(back.rem_euclid(7));
    let first_local = wednesday.and_hms_opt(18, 0, 0).unwrap_or_default();
    let clock = Arc::new(ManualClock::new(first_local.and_utc() - Duration::days(7)));
    let mut past = app.clone();
    past.clock = clock.clone();
    // Eight of the leader's clients whose current episode began before the group did (not the
    // client the browser journeys book with).
    let mut members: Vec<Actor> = vec![];
    for c in practice
        .clients
        .iter()
        .filter(|c| c.therapist.id == leader.user_id && c.name != super::sessions::PLAIN)
    {
        let episodes = rapport_app::episodes::history(app, &leader, c.id).await?;
        if episodes.first().is_some_and(|(state, started, _)| {
            *state != EpisodeState::Closed && *started < first_local.and_utc() - Duration::days(2)
        }) && members.len() < MEMBERS
        {
            members.push(actor(c.id, Role::Client, c.name));
        }
    }
    let g = groups::create(
        &past,
        &leader,
        NewGroup {
            name: "CBT for depression".into(),
            approach: "cbt".into(),
            capacity: Some(8),
            weeks: Some(WEEKS),
            schedule: "Wednesday evenings, 90 minutes".into(),
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
    // The first evening time free in the leader's diary.
    let mut booked = rapport_app::sessions::Booking::Scheduled(vec![]);
    for (h, m) in [(20, 30), (18, 0), (19, 0)] {
        booked = groups::schedule_sessions(
            &past,
            &leader,
            g.id,
            NewGroupSessions {
                first: wednesday.and_hms_opt(h, m, 0),
                minutes: Some(90),
                weeks: Some(WEEKS),
                modality: "in_person".into(),
                place: "Group room, 2nd floor, 14 Elm Street".into(),
                allow_overlap: false,
            },
        )
        .await?;
        if matches!(booked, rapport_app::sessions::Booking::Scheduled(_)) {
            break;
        }
    }
    if !matches!(booked, rapport_app::sessions::Booking::Scheduled(_)) {
        return Ok(());
    }
    let groups::GroupDetail::Leader(view) = groups::detail(&past, &leader, g.id).await? else {
        return Ok(());
    };
    for (week, s) in view.sessions.iter().enumerate() {
        // Recorded just after the session ends, for the sessions over by now.
        let ends = s.slot.starts_at + Duration::minutes(i64::from(s.slot.minutes) + 10);
        if ends + Duration::minutes(5) > now {
            break;
        }
        let by = ends - clock.now();
        if by > Duration::zero() {
            clock.advance(by);
        }
        // Everyone came (the demo's missed sessions are elsewhere, and counted).
        for m in &members {
            let attendance = "attended";
            groups::record_attendance(&past, &leader, g.id, s.slot.id, m.user_id, attendance)
                .await?;
        }
        groups::write_note(&past, &leader, g.id, s.slot.id, NOTES[week % NOTES.len()]).await?;
    }
    Ok(())
}
