//! Secure messages (issue 16, part 5), made through the real use-cases: Daniel Reyes's office
//! hours and away message and Dr. Maya Okafor's office hours (both on the practice's clock,
//! America/Chicago), and three threads over the last ten days — written, read (the receipts
//! are the real readings) and answered; the last message of one is still unread, so the
//! clinician's list of threads shows it.

use std::sync::Arc;

use chrono::Duration;
use rapport_app::clock::ManualClock;
use rapport_app::messaging::{self, NewOfficeHours, NewPeriod};
use rapport_app::{Actor, App, Error, Result};
use rapport_core::accounts::Role;

use super::practice::{Practice, Seat, TIMEZONE};

/// Who acts in a thread.
#[derive(Clone, Copy)]
enum Side {
    Client,
    Therapist,
}

/// One step of a thread: hours after the thread starts, who, and what they write (none: they
/// read the thread).
type Step = (i64, Side, Option<&'static str>);

struct Thread {
    client: &'static str,
    /// Days before today the thread starts.
    days_ago: i64,
    steps: &'static [Step],
}

const THREADS: [Thread; 3] = [
    Thread {
        client: "Morgan Ellis",
        days_ago: 9,
        steps: &[
            (
                0,
                Side::Client,
                Some(
                    "Hi Daniel, I tried the breathing exercise before the meeting at work. It helped a bit, but I still left early.",
                ),
            ),
            (20, Side::Therapist, None),
            (
                21,
                Side::Therapist,
                Some(
                    "Thank you for trying it, Morgan. Leaving early after going at all is a step. Let's look at what happened just before you left on Thursday.",
                ),
            ),
            (26, Side::Client, None),
            (
                27,
                Side::Client,
                Some("OK. I'll write down what I noticed so I don't forget."),
            ),
            (44, Side::Therapist, None),
        ],
    },
    Thread {
        client: "Casey Novak",
        days_ago: 6,
        steps: &[
            (
                0,
                Side::Therapist,
                Some(
                    "Hi Casey, I saw you started the activity diary. Bring it along next time and we will look at it together.",
                ),
            ),
            (3, Side::Client, None),
            (
                4,
                Side::Client,
                Some(
                    "Thanks. I filled in two days so far. The walks seem to help more than I expected.",
                ),
            ),
            (22, Side::Therapist, None),
        ],
    },
    Thread {
        client: "Skyler Adams",
        days_ago: 2,
        steps: &[
            (
                0,
                Side::Client,
                Some("Can we talk about my sleep next time? It has been worse this week."),
            ),
            (16, Side::Therapist, None),
            (
                17,
                Side::Therapist,
                Some(
                    "Yes, let's start with sleep on Thursday. Could you note your bedtime and waking time until then?",
                ),
            ),
            (30, Side::Client, None),
            (
                31,
                Side::Client,
                Some("Will do. I went to bed at 1 and woke at 9 today."),
            ),
        ],
    },
];

/// Daniel's away message.
const AWAY: &str = "I read messages Monday to Thursday 9:00–17:00 and Friday mornings, and reply within one working day. If you are in crisis, call or text 988, or call 911 in an emergency.";

fn actor(id: uuid::Uuid, role: Role, name: &str) -> Actor {
    Actor {
        user_id: id,
        role,
        name: name.to_string(),
        address: None,
    }
}

fn seat<'a>(practice: &'a Practice, name: &str) -> Result<&'a Seat> {
    practice
        .clients
        .iter()
        .find(|c| c.name == name)
        .ok_or_else(|| Error::Internal(format!("the demo has no client {name}")))
}

fn periods(days: &[&str], start: &str, end: &str) -> Vec<NewPeriod> {
    days.iter()
        .map(|d| NewPeriod {
            day: (*d).to_string(),
            start: start.to_string(),
            end: end.to_string(),
        })
        .collect()
}

/// Sets the office hours, then writes and reads the threads, each on a clock of its own days.
pub(super) async fn create(app: &App, practice: &Practice) -> Result<()> {
    let now = app.now();
    let daniel = &seat(practice, "Morgan Ellis")?.therapist;
    let maya = &seat(practice, "Casey Novak")?.therapist;
    let mut hours = periods(
        &["monday", "tuesday", "wednesday", "thursday"],
        "09:00",
        "17:00",
    );
    hours.extend(periods(&["friday"], "09:00", "13:00"));
    messaging::set_office_hours(
        app,
        &actor(daniel.id, Role::Clinician, daniel.name),
        NewOfficeHours {
            timezone: TIMEZONE.into(),
            hours,
            away_message: Some(AWAY.into()),
        },
    )
    .await?;
    messaging::set_office_hours(
        app,
        &actor(maya.id, Role::Clinician, maya.name),
        NewOfficeHours {
            timezone: TIMEZONE.into(),
            hours: periods(&["monday", "wednesday", "friday"], "10:00", "16:00"),
            away_message: None,
        },
    )
    .await?;
    for t in THREADS {
        let seat = seat(practice, t.client)?;
        let client = actor(seat.id, Role::Client, seat.name);
        let therapist = actor(seat.therapist.id, Role::Clinician, seat.therapist.name);
        let start = now - Duration::days(t.days_ago);
        for (hours, side, text) in t.steps {
            let clock = Arc::new(ManualClock::new(start + Duration::hours(*hours)));
            let mut then = app.clone();
            then.clock = clock;
            let who = match side {
                Side::Client => &client,
                Side::Therapist => &therapist,
            };
            match text {
                Some(text) => {
                    messaging::send(&then, who, seat.id, text).await?;
                }
                None => {
                    messaging::thread(&then, who, seat.id).await?;
                }
            }
        }
    }
    Ok(())
}
