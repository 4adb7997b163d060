//! The year's therapy sessions, replayed through the real use-cases with the rest of the year
//! ([`super::history`]): the therapist books them (a weekly series, or one at a time at the end
//! of the last one when the cadence or the way of meeting changes), records who came, the
//! client answers the four questions that evening, and the therapist writes the progress note.
//!
//! Each client meets their therapist at the same time every week, on the day before their
//! questionnaires — or on the day of the session where something was decided (a step down to
//! every two weeks, a relapse-prevention plan written together) — then every two weeks or once a
//! month as their treatment plan says. A clinician's clients all have different times, so no
//! one is ever booked twice at once. On top: the staying-well group, Sam Patel's family
//! sessions, Dr. Natarajan's medication reviews, a few late cancellations, one client who
//! missed their last two sessions, one whose latest feedback is low, and the ordinary changes
//! of a practice (a session moved, one cancelled, a client asking for another time).
//!
//! The practice moved its diary into Rapport three months ago ([`SINCE_DAYS`]): the sessions
//! before happened, and the replay's decisions are still taken in them, but they are not in
//! the system. Feedback is given on the last eight weeks' sessions and notes are written for
//! the last four weeks'. Older ones would only slow the start-up.

use chrono::{DateTime, Duration, Utc};
use rapport_app::sessions::NewSessions;
use rapport_app::{Actor, App, Result};
use rapport_core::measures::FeedbackInput;
use rapport_core::notes::Dap;
use uuid::Uuid;

use super::clients::{PROFILES, Profile};
use super::history::{Calendar, skipped, vary};
use super::plans::{self, STEP_DOWNS};
use super::practice::{Practice, Seat, Staff};
use super::session_notes::{self, NoteText};

/// The client whose last two sessions were missed: the disengagement flag.
pub(super) const MISSED_TWO: &str = "Skyler Adams";
/// The client whose latest feedback is low (the alliance flag), and who asks for another
/// therapist.
pub(super) const LOW_FEEDBACK: &str = "Quinn Harper";
/// The client the browser journeys book sessions with: plain weekly sessions, nothing pending.
pub(super) const PLAIN: &str = "Jordan Lee";

/// Clients give feedback on the sessions of the last this many days.
const FEEDBACK_DAYS: i64 = 56;
/// Progress notes are written for the sessions of the last this many days.
const NOTE_DAYS: i64 = 28;
/// The practice moved its diary into Rapport this many days ago (13 weeks): the sessions before
/// happened (the plans and flags say so) but are not in the system. A year of them would slow
/// the start-up: every attendance runs the early-warning rules, and so does every check-in and
/// questionnaire, over all the client's sessions.
const SINCE_DAYS: i64 = 91;
/// Sessions are planned up to this many days ahead (only those booked by now exist).
const HORIZON_DAYS: i64 = 70;
/// A weekly series is booked this many weeks at a time (the next one at the end of its last
/// session). Every check-in and questionnaire runs the rules over all the client's sessions,
/// those to come included, so longer series would slow the start-up.
const SERIES_WEEKS: usize = 6;
/// The length of an individual session, in minutes.
const MINUTES: u64 = 50;

/// Each client's weekly time with their therapist, in minutes after midnight, in the order of
/// [`PROFILES`]: Dr. Okafor (the even clients) and Daniel Reyes (the odd ones) each see their
/// ten clients at ten different times, so their sessions never overlap.
const SLOTS: [u64; 20] = [
    600,  // Alex Morgan, 10:00
    960,  // Sam Patel, 16:00 (family sessions last an hour)
    1050, // Jordan Lee, 17:30, after work
    780,  // Riley Chen, 13:00
    900,  // Casey Novak, 15:00
    900,  // Taylor Brooks, 15:00
    780,  // Jamie Ortiz, 13:00
    600,  // Morgan Ellis, 10:00
    975,  // Avery Kim, 16:15, after school
    660,  // Quinn Harper, 11:00
    1170, // Rowan Fischer, 19:30, once the baby is down
    720,  // Skyler Adams, 12:00
    660,  // Elena García, 11:00
    1050, // Noah Williams, 17:30, after work
    720,  // Fatima Hassan, 12:00
    480,  // Liam O'Connor, 8:00, before work
    540,  // Grace Mensah, 9:00
    540,  // Hiro Tanaka, 9:00
    840,  // Isabel Costa, 14:00
    840,  // Marcus Johnson, 14:00
];

/// Dr. Natarajan's monthly medication reviews for the clients she prescribes for: (name, time,
/// how).
const REVIEWS: [(&str, u64, &str); 4] = [
    ("Riley Chen", 510, "phone"),
    ("Jamie Ortiz", 750, "online"),
    ("Elena García", 570, "in_person"),
    (LOW_FEEDBACK, 930, "phone"),
];

/// Late cancellations in the last weeks: (client, which past session counting back from the
/// last).
const LATE: [(&str, usize); 3] = [
    ("Liam O'Connor", 3),
    ("Isabel Costa", 5),
    ("Noah Williams", 6),
];

/// The staying-well group: Daniel Reyes with three clients he discharged, once a month in the
/// evening (days from today; the last one is still to come).
const GROUP: [&str; 3] = ["Sam Patel", "Riley Chen", "Taylor Brooks"];
const GROUP_DAYS: [i64; 2] = [-10, 18];
const GROUP_AT: u64 = 19 * 60;
const GROUP_MINUTES: u64 = 75;

/// The minute a session at the client's time has ended and its note and decisions follow.
pub(super) fn after_session(i: usize) -> u64 {
    SLOTS.get(i).copied().unwrap_or(600) + MINUTES + 15
}

/// Half way through a session at the client's time (a plan written together in the session).
pub(super) fn in_session(i: usize) -> u64 {
    SLOTS.get(i).copied().unwrap_or(600) + 30
}

/// Who runs a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum By {
    Therapist,
    Psychiatrist,
}

/// What became of a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Attended,
    LateCancelled,
    NoShow,
    /// Cancelled by the clinician beforehand.
    Cancelled,
}

impl Fate {
    /// The attendance recorded (none for a cancelled session).
    fn attendance(self) -> Option<&'static str> {
        match self {
            Fate::Attended => Some("attended"),
            Fate::LateCancelled => Some("late_cancelled"),
            Fate::NoShow => Some("no_show"),
            Fate::Cancelled => None,
        }
    }
}

/// A session as planned: days from today and minutes after midnight, in the practice's zone.
#[derive(Debug, Clone)]
struct Planned {
    /// Indices in [`PROFILES`]; the first one's care team runs it.
    clients: Vec<usize>,
    by: By,
    day: i64,
    minute: u64,
    minutes: u64,
    kind: &'static str,
    modality: &'static str,
    place: String,
    fate: Fate,
    /// In Rapport: booked by now, and not before the diary moved in ([`SINCE_DAYS`]).
    booked: bool,
}

/// Sessions booked together: one, or a weekly series.
#[derive(Debug, Clone)]
struct Booking {
    at: DateTime<Utc>,
    sessions: Vec<usize>,
}

/// The ordinary changes of a practice, and the notes that are not progress notes.
#[derive(Debug, Clone)]
enum Event {
    /// The clinician moves a session to another day, at the same time.
    Move {
        session: usize,
        days: i64,
        reason: &'static str,
    },
    Cancel {
        session: usize,
        reason: &'static str,
    },
    /// The client asks for another time.
    Request {
        session: usize,
        reason: &'static str,
    },
    OtherTherapist {
        reason: &'static str,
    },
    PsychotherapyNote {
        session: usize,
        body: &'static str,
    },
    Amend {
        session: usize,
        text: &'static str,
    },
}

/// A moment of the sessions' part of the replay.
#[derive(Debug, Clone, Copy)]
pub(super) enum Act {
    /// A booking is made (by the clinician of its first session).
    Book(usize),
    /// The clinician records whether the step's client came to a session.
    Attend(usize),
    /// The step's client answers the four questions about a session.
    Feedback(usize),
    /// The clinician writes (and signs, or leaves as a draft) a progress note.
    Note(usize),
    Event(usize),
}

/// A step of the sessions' part: when, whose, what.
pub(super) type Moment = (DateTime<Utc>, usize, Act);

/// Every session of the year, planned up front; the replay books them and fills in their ids.
pub(super) struct Diary {
    sessions: Vec<Planned>,
    bookings: Vec<Booking>,
    ids: Vec<Option<Uuid>>,
    /// (when, whose, what)
    events: Vec<(DateTime<Utc>, usize, Event)>,
    /// (session, client, text)
    notes: Vec<(usize, usize, &'static NoteText)>,
    now: DateTime<Utc>,
}

/// The day a session was decided on that fixes the client's weekday (none: the day before
/// their questionnaires).
fn anchor(p: &Profile) -> Option<i64> {
    if p.monthly_from_week.is_some() {
        return None;
    }
    STEP_DOWNS
        .iter()
        .find(|(name, _, _)| *name == p.name)
        .map(|(_, days_ago, _)| -days_ago)
        .or_else(|| {
            plans::relapse_of(p.name)
                .filter(|r| r.with_therapist)
                .and_then(|r| r.days_ago)
                .map(|d| -d)
        })
}

/// Days after the start of treatment of the first weekly session (3 to 9; the first session
/// of all is two days after the start).
fn offset(p: &Profile) -> i64 {
    let start = -p.start_days_ago;
    match anchor(p) {
        Some(day) => 3 + (day - (start + 3)).rem_euclid(7),
        None => 6,
    }
}

/// The day the sessions become less frequent (the session where it was agreed) and how many
/// days apart they are from then on.
fn change_of(p: &Profile) -> Option<(i64, i64)> {
    let start = -p.start_days_ago;
    if let Some(m) = p.monthly_from_week {
        let every = if plans::discharged(p) {
            28
        } else if p.name == PLAIN {
            7
        } else {
            14
        };
        return Some((start + 7 * i64::from(m) - 1, every));
    }
    STEP_DOWNS
        .iter()
        .find(|(name, _, _)| *name == p.name)
        .map(|(_, days_ago, _)| (-days_ago, 14))
}

fn slug(name: &str) -> String {
    name.split(' ')
        .next()
        .unwrap_or(name)
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' => 'a',
            'é' => 'e',
            'í' => 'i',
            'ó' => 'o',
            c => c,
        })
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// Where a session of the client's with a clinician happens.
fn place(modality: &str, by: By, i: usize, p: &Profile) -> String {
    let (room, who) = match (by, i % 2) {
        (By::Psychiatrist, _) => ("Room 1", "natarajan"),
        (By::Therapist, 0) => ("Room 2", "okafor"),
        (By::Therapist, _) => ("Room 4", "reyes"),
    };
    match modality {
        "in_person" => format!("{room}, 14 Elm Street"),
        "online" => format!("https://meet.example.org/{who}-{}", slug(p.name)),
        _ => String::new(),
    }
}

/// The kind, modality and length of the `k`th session of a client with their therapist.
fn how(
    p: &Profile,
    k: usize,
    day: i64,
    change: Option<(i64, i64)>,
) -> (&'static str, &'static str, u64) {
    let delivery = plans::plan_of(p.name).map_or("in_person", |b| b.delivery);
    let active = change.is_none_or(|(c, _)| day <= c);
    match (p.name, delivery) {
        // Anjali (and once, Sam's dad) come to every other session while in treatment, and to
        // the last staying-well session, when his dad's care changed.
        ("Sam Patel", _)
            if (active && k > 0 && k.is_multiple_of(2)) || (!active && (-28..0).contains(&day)) =>
        {
            ("family", "in_person", 60)
        }
        ("Sam Patel", _) if k == 0 => ("individual", "in_person", MINUTES),
        ("Sam Patel", _) => ("individual", "online", MINUTES),
        // By phone on high-pain days.
        (LOW_FEEDBACK, _) if k % 3 == 2 => ("individual", "phone", MINUTES),
        (LOW_FEEDBACK, _) => ("individual", "in_person", MINUTES),
        (_, "mixed") if k % 2 == 1 => ("individual", "online", MINUTES),
        (_, "online") => ("individual", "online", MINUTES),
        _ => ("individual", "in_person", MINUTES),
    }
}

/// The client's sessions with their therapist, from the first to the horizon.
fn with_therapist(i: usize, p: &Profile) -> Vec<Planned> {
    let start = -p.start_days_ago;
    let change = change_of(p);
    let mut days = vec![start + 2];
    let mut day = start + offset(p);
    while day <= HORIZON_DAYS {
        days.push(day);
        day += match change {
            Some((c, every)) if day >= c => every,
            _ => 7,
        };
    }
    days.into_iter()
        .enumerate()
        .map(|(k, day)| planned(i, p, k, day, change))
        .collect()
}

/// The `k`th session of a client with their therapist, on `day`.
fn planned(i: usize, p: &Profile, k: usize, day: i64, change: Option<(i64, i64)>) -> Planned {
    let (kind, modality, minutes) = how(p, k, day, change);
    Planned {
        clients: vec![i],
        by: By::Therapist,
        day,
        minute: SLOTS.get(i).copied().unwrap_or(600),
        minutes,
        kind,
        modality,
        place: place(modality, By::Therapist, i, p),
        fate: Fate::Attended,
        booked: false,
    }
}

/// Dr. Natarajan's medication reviews: every four weeks, the last three months and the next.
fn reviews(i: usize, p: &Profile, minute: u64, modality: &'static str) -> Vec<Planned> {
    let start = -p.start_days_ago;
    let mut out = vec![];
    let mut day = start + 14;
    while day <= HORIZON_DAYS {
        if day >= -90 {
            out.push(Planned {
                clients: vec![i],
                by: By::Psychiatrist,
                day,
                minute,
                minutes: 20,
                kind: "individual",
                modality,
                place: place(modality, By::Psychiatrist, i, p),
                fate: Fate::Attended,
                booked: false,
            });
        }
        day += 28;
    }
    out
}

fn index_of(name: &str) -> Option<usize> {
    PROFILES.iter().position(|p| p.name == name)
}

impl Diary {
    /// Plans every session of the year that ends at `now`.
    pub(super) fn new(cal: &Calendar, now: DateTime<Utc>) -> Diary {
        let mut d = Diary {
            sessions: vec![],
            bookings: vec![],
            ids: vec![],
            events: vec![],
            notes: vec![],
            now,
        };
        for (i, p) in PROFILES.iter().enumerate() {
            let mut track = with_therapist(i, p);
            fates(i, p, &mut track);
            let start = -p.start_days_ago;
            // The first session is booked once the intake is in.
            let first = cal.at(start, 9 * 60 + vary(i, start, 4) % 150 + 40);
            d.add_track(cal, track, first);
            if let Some((_, minute, modality)) = REVIEWS.iter().find(|r| r.0 == p.name) {
                let track = reviews(i, p, *minute, modality);
                let first = track.first().and_then(|s| cal.at(s.day - 10, 12 * 60 + 10));
                d.add_track(cal, track, first);
            }
        }
        let group: Vec<usize> = GROUP.iter().filter_map(|n| index_of(n)).collect();
        if !group.is_empty() {
            let track = GROUP_DAYS
                .iter()
                .map(|&day| Planned {
                    clients: group.clone(),
                    by: By::Therapist,
                    day,
                    minute: GROUP_AT,
                    minutes: GROUP_MINUTES,
                    kind: "group",
                    modality: "in_person",
                    place: "Group room, 14 Elm Street".into(),
                    fate: Fate::Attended,
                    booked: false,
                })
                .collect();
            d.add_track(cal, track, cal.at(GROUP_DAYS[0] - 14, 13 * 60 + 55));
        }
        d.ids = vec![None; d.sessions.len()];
        d.plan_events(cal);
        d.plan_notes(cal);
        d
    }

    /// Adds a client's sessions with one clinician, and their bookings: a weekly series where
    /// the same session repeats every week (at most [`SERIES_WEEKS`] at a time), else one at a
    /// time; each booked at the end of the session before (the first at `first`).
    fn add_track(&mut self, cal: &Calendar, track: Vec<Planned>, first: Option<DateTime<Utc>>) {
        let first_of_all = self.sessions.len();
        self.sessions.extend(track);
        let end = self.sessions.len();
        // Sessions before then happened, but not in Rapport.
        let base = (first_of_all..end)
            .find(|&s| self.sessions[s].day >= -SINCE_DAYS)
            .unwrap_or(end);
        let mut k = base;
        while k < end {
            let at = if k == first_of_all {
                first
            } else {
                let prev = &self.sessions[k - 1];
                cal.at(prev.day, prev.minute + prev.minutes + 5)
            };
            let Some(at) = at.filter(|at| *at < self.now) else {
                break;
            };
            let mut run = vec![k];
            // The first session of all is booked on its own; the weekly ones after it in series.
            while k > first_of_all && run.len() < SERIES_WEEKS && k + run.len() < end {
                let next = k + run.len();
                let (a, b) = (&self.sessions[next - 1], &self.sessions[next]);
                if b.day != a.day + 7
                    || (a.kind, a.modality, a.minutes, &a.place)
                        != (b.kind, b.modality, b.minutes, &b.place)
                {
                    break;
                }
                run.push(next);
            }
            for &s in &run {
                self.sessions[s].booked = true;
            }
            k += run.len();
            self.bookings.push(Booking { at, sessions: run });
        }
    }

    /// The client's sessions with their therapist, in order.
    fn therapist_sessions(&self, i: usize) -> Vec<usize> {
        (0..self.sessions.len())
            .filter(|&s| {
                let x = &self.sessions[s];
                x.by == By::Therapist && x.kind != "group" && x.clients == [i] && x.booked
            })
            .collect()
    }

    /// The client's last session with their therapist that they came to, by now.
    fn last_attended(&self, cal: &Calendar, i: usize) -> Option<usize> {
        self.therapist_sessions(i)
            .into_iter()
            .rev()
            .find(|&s| self.done(cal, s) && self.sessions[s].fate == Fate::Attended)
    }

    /// Whether the session has ended (and its attendance is recorded) by now.
    fn done(&self, cal: &Calendar, s: usize) -> bool {
        self.attend_at(cal, s).is_some_and(|at| at < self.now)
    }

    fn start_of(&self, cal: &Calendar, s: usize) -> Option<DateTime<Utc>> {
        let x = self.sessions.get(s)?;
        cal.at(x.day, x.minute)
    }

    fn attend_at(&self, cal: &Calendar, s: usize) -> Option<DateTime<Utc>> {
        let x = self.sessions.get(s)?;
        cal.at(x.day, x.minute + x.minutes + 10)
    }

    /// The moved session, the cancelled one, the client's request, the request for another
    /// therapist, the psychotherapy notes and the amendment.
    fn plan_events(&mut self, cal: &Calendar) {
        // The client's `nth` session from tomorrow on (0: the first).
        let upcoming = |d: &Diary, name: &str, nth: usize| {
            index_of(name).and_then(|i| {
                d.therapist_sessions(i)
                    .into_iter()
                    .filter(|&s| d.sessions[s].day >= 1)
                    .nth(nth)
            })
        };
        // Yesterday at `minutes`, or just after the session was booked if that is later.
        let after_booking = |d: &Diary, s: usize, minutes: u64| {
            let booked = d
                .bookings
                .iter()
                .find(|b| b.sessions.contains(&s))
                .map(|b| b.at + Duration::minutes(10))?;
            cal.at(-1, minutes)
                .map(|at| at.max(booked))
                .filter(|at| *at < d.now)
        };
        if let Some(s) = upcoming(self, "Fatima Hassan", 0)
            && let Some(at) = after_booking(self, s, 17 * 60 + 40)
        {
            self.events.push((
                at,
                self.sessions[s].clients[0],
                Event::Move {
                    session: s,
                    days: 1,
                    reason: "I'm teaching at the university that day. Same time the next day; the link stays the same.",
                },
            ));
        }
        if let Some(s) =
            upcoming(self, "Grace Mensah", 1).or_else(|| upcoming(self, "Grace Mensah", 0))
            && let Some(at) = after_booking(self, s, 20 * 60 + 35)
        {
            self.events.push((
                at,
                self.sessions[s].clients[0],
                Event::Request {
                    session: s,
                    reason: "My daughter's class assembly is that morning and I'd like to be there. Could we meet in the afternoon, or the next day?",
                },
            ));
        }
        if let Some(i) = index_of("Noah Williams")
            && let Some(s) = self
                .therapist_sessions(i)
                .into_iter()
                .rev()
                .find(|&s| self.sessions[s].fate == Fate::Cancelled)
            && let Some(at) = cal.at(self.sessions[s].day, 7 * 60 + 45)
        {
            self.events.push((
                at,
                i,
                Event::Cancel {
                    session: s,
                    reason: "I'm unwell and have cancelled all my sessions today. Sorry for the short notice; see you at the same time next week.",
                },
            ));
        }
        if let Some(i) = index_of(LOW_FEEDBACK)
            && let Some(s) = self.last_attended(cal, i)
        {
            let day = self.sessions[s].day;
            if let Some(at) = cal.at(day, after_session(i) + 100) {
                self.events.push((
                    at,
                    i,
                    Event::PsychotherapyNote {
                        session: s,
                        body: session_notes::QUINN_PROCESS,
                    },
                ));
            }
            if let Some(at) = cal.at(day + 1, 10 * 60 + 20).filter(|at| *at < self.now) {
                self.events.push((
                    at,
                    i,
                    Event::OtherTherapist {
                        reason: "I don't think talking about people is helping while the pain is this bad. I'd like to try someone who works more with the pain itself, if there is anyone. Nothing against Daniel.",
                    },
                ));
            }
        }
        if let Some(i) = index_of("Casey Novak")
            && let Some(s) = self.last_attended(cal, i)
            && let Some(at) = cal.at(self.sessions[s].day, after_session(i) + 95)
        {
            self.events.push((
                at,
                i,
                Event::PsychotherapyNote {
                    session: s,
                    body: session_notes::CASEY_PROCESS,
                },
            ));
        }
    }

    /// Which sessions get a progress note, and its text: the last weeks' sessions of each
    /// client, newest with the last of their texts. The amendment goes on one of them.
    fn plan_notes(&mut self, cal: &Calendar) {
        for (i, p) in PROFILES.iter().enumerate() {
            for by in [By::Therapist, By::Psychiatrist] {
                let texts = session_notes::of(p.name, by);
                let mine: Vec<usize> = (0..self.sessions.len())
                    .filter(|&s| {
                        let x = &self.sessions[s];
                        x.by == by
                            && x.kind != "group"
                            && x.clients == [i]
                            && x.day >= -NOTE_DAYS
                            && matches!(x.fate, Fate::Attended | Fate::NoShow)
                            && self.note_at(cal, s).is_some_and(|at| at < self.now)
                    })
                    .collect();
                let skip = mine.len().saturating_sub(texts.len());
                let start = texts.len().saturating_sub(mine.len());
                for (s, t) in mine[skip..].iter().zip(&texts[start..]) {
                    self.notes.push((*s, i, t));
                }
            }
        }
        // The group: one note for each client.
        for s in 0..self.sessions.len() {
            let x = &self.sessions[s];
            if x.kind == "group"
                && x.day >= -NOTE_DAYS
                && self.note_at(cal, s).is_some_and(|at| at < self.now)
            {
                for &i in &x.clients.clone() {
                    if let Some(t) = session_notes::of_group(PROFILES[i].name) {
                        self.notes.push((s, i, t));
                    }
                }
            }
        }
        // An amendment to Fatima's note from two sessions back, two days later.
        if let Some(i) = index_of("Fatima Hassan")
            && let Some(&(s, _, _)) = self
                .notes
                .iter()
                .filter(|(s, c, _)| *c == i && self.sessions[*s].by == By::Therapist)
                .rev()
                .nth(1)
            && let Some(at) = cal
                .at(self.sessions[s].day + 2, 8 * 60 + 40)
                .filter(|at| *at < self.now)
        {
            self.events.push((
                at,
                i,
                Event::Amend {
                    session: s,
                    text: session_notes::FATIMA_AMENDMENT,
                },
            ));
        }
    }

    fn note_at(&self, cal: &Calendar, s: usize) -> Option<DateTime<Utc>> {
        let x = self.sessions.get(s)?;
        let i = x.clients.first().copied().unwrap_or(0);
        cal.at(x.day, x.minute + x.minutes + 15 + vary(i, x.day, 25) % 25)
    }

    fn feedback_at(&self, cal: &Calendar, s: usize, i: usize) -> Option<DateTime<Utc>> {
        let x = self.sessions.get(s)?;
        let minute = (x.minute + x.minutes + 60 + vary(i, x.day, 26) % 150).min(23 * 60 + 30);
        cal.at(x.day, minute)
    }

    /// Whether the client answers the questions about a session (most do, most of the time;
    /// Jordan and Quinn about every session with their therapist, and Quinn not about the
    /// medication reviews, so that their last feedback is about the therapy).
    fn gives_feedback(&self, s: usize, i: usize) -> bool {
        let x = &self.sessions[s];
        let name = PROFILES[i].name;
        let always = name == PLAIN || (name == LOW_FEEDBACK && x.by == By::Therapist);
        x.day >= -FEEDBACK_DAYS
            && x.fate == Fate::Attended
            && (name != LOW_FEEDBACK || x.by == By::Therapist)
            && (always || !vary(i, x.day, 27).is_multiple_of(6))
    }

    /// Every moment of the sessions' part, in no particular order.
    pub(super) fn moments(&self, cal: &Calendar) -> Vec<Moment> {
        let mut out = vec![];
        for (b, booking) in self.bookings.iter().enumerate() {
            if let Some(&s) = booking.sessions.first() {
                out.push((booking.at, self.sessions[s].clients[0], Act::Book(b)));
            }
        }
        for (s, x) in self.sessions.iter().enumerate() {
            if !x.booked || x.fate == Fate::Cancelled || !self.done(cal, s) {
                continue;
            }
            let Some(at) = self.attend_at(cal, s) else {
                continue;
            };
            for &i in &x.clients {
                out.push((at, i, Act::Attend(s)));
                if self.gives_feedback(s, i)
                    && let Some(at) = self.feedback_at(cal, s, i).filter(|at| *at < self.now)
                {
                    out.push((at, i, Act::Feedback(s)));
                }
            }
        }
        for (n, (s, i, _)) in self.notes.iter().enumerate() {
            if let Some(at) = self.note_at(cal, *s) {
                out.push((at, *i, Act::Note(n)));
            }
        }
        for (e, (at, i, _)) in self.events.iter().enumerate() {
            out.push((*at, *i, Act::Event(e)));
        }
        out
    }

    /// The end of the client's next session with their therapist after `after` (when the
    /// therapist deals with what came up since the last one).
    pub(super) fn next_session_end(
        &self,
        cal: &Calendar,
        i: usize,
        after: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        (0..self.sessions.len())
            .filter(|&s| {
                let x = &self.sessions[s];
                x.by == By::Therapist && x.kind != "group" && x.clients == [i]
            })
            .filter(|&s| self.sessions[s].fate == Fate::Attended)
            .filter_map(|s| self.start_of(cal, s).map(|at| (s, at)))
            .find(|(_, at)| *at > after)
            .and_then(|(s, _)| {
                let x = &self.sessions[s];
                cal.at(x.day, x.minute + x.minutes + 15)
            })
    }

    /// Carries out one moment.
    pub(super) async fn run(
        &mut self,
        app: &App,
        cal: &Calendar,
        practice: &Practice,
        client: usize,
        act: Act,
    ) -> Result<()> {
        let seat = |i: usize| practice.clients.get(i);
        match act {
            Act::Book(b) => {
                let Some(booking) = self.bookings.get(b) else {
                    return Ok(());
                };
                let Some(&s) = booking.sessions.first() else {
                    return Ok(());
                };
                let x = &self.sessions[s];
                let (Some(by), Some(first)) = (
                    seat(x.clients[0]).and_then(|seat| clinician(seat, x.by)),
                    cal.local(x.day, x.minute),
                ) else {
                    return Ok(());
                };
                let clients = x
                    .clients
                    .iter()
                    .filter_map(|&i| seat(i).map(|seat| seat.id))
                    .collect();
                let new = NewSessions {
                    clients,
                    kind: x.kind.into(),
                    modality: x.modality.into(),
                    place: x.place.clone(),
                    first: Some(first),
                    minutes: Some(x.minutes as i64),
                    weeks: Some(booking.sessions.len() as i64),
                    family: Vec::new(),
                    group: None,
                };
                let ids = rapport_app::sessions::schedule(app, &actor(&by), new).await?;
                for (s, id) in booking.sessions.clone().into_iter().zip(ids) {
                    self.ids[s] = Some(id);
                }
            }
            Act::Attend(s) => {
                let (Some(x), Some(Some(id)), Some(client)) =
                    (self.sessions.get(s), self.ids.get(s), seat(client))
                else {
                    return Ok(());
                };
                let (Some(by), Some(attendance)) = (
                    seat(x.clients[0]).and_then(|seat| clinician(seat, x.by)),
                    x.fate.attendance(),
                ) else {
                    return Ok(());
                };
                rapport_app::sessions::record_attendance(
                    app,
                    &actor(&by),
                    *id,
                    client.id,
                    attendance,
                )
                .await?;
            }
            Act::Feedback(s) => {
                let (Some(Some(id)), Some(seat)) = (self.ids.get(s), seat(client)) else {
                    return Ok(());
                };
                let (answers, comment) = self.answers(cal, s, client);
                let input = FeedbackInput {
                    heard: Some(answers[0]),
                    worked_on_what_i_wanted: Some(answers[1]),
                    approach_fits: Some(answers[2]),
                    overall: Some(answers[3]),
                    comment,
                };
                rapport_app::sessions::submit_feedback(app, &client_actor(seat), *id, input)
                    .await?;
            }
            Act::Note(n) => {
                let Some(&(s, i, text)) = self.notes.get(n) else {
                    return Ok(());
                };
                let (Some(x), Some(Some(id)), Some(seat)) =
                    (self.sessions.get(s), self.ids.get(s), seat(i))
                else {
                    return Ok(());
                };
                let Some(by) = clinician(seat, x.by) else {
                    return Ok(());
                };
                let by = actor(&by);
                // The note page opens with the latest measures in the data part.
                let draft = rapport_app::notes::progress_note(app, &by, *id, seat.id).await?;
                let data = if draft.data.is_empty() {
                    text.data.to_string()
                } else {
                    format!("{}\n\n{}", text.data, draft.data)
                };
                let dap = Dap {
                    data,
                    assessment: text.assessment.into(),
                    plan: text.plan.into(),
                };
                rapport_app::notes::save_progress_note(app, &by, *id, seat.id, dap, text.sign)
                    .await?;
            }
            Act::Event(e) => {
                let Some((_, i, event)) = self.events.get(e).cloned() else {
                    return Ok(());
                };
                let Some(seat) = seat(i) else {
                    return Ok(());
                };
                let therapist = actor(&seat.therapist);
                let id = |s: usize| self.ids.get(s).copied().flatten();
                match event {
                    Event::Move {
                        session,
                        days,
                        reason,
                    } => {
                        let x = &self.sessions[session];
                        if let (Some(id), Some(to)) =
                            (id(session), cal.local(x.day + days, x.minute))
                        {
                            rapport_app::sessions::reschedule(
                                app,
                                &therapist,
                                id,
                                Some(to),
                                reason,
                            )
                            .await?;
                            self.sessions[session].day += days;
                        }
                    }
                    Event::Cancel { session, reason } => {
                        if let Some(id) = id(session) {
                            rapport_app::sessions::cancel(app, &therapist, id, reason).await?;
                        }
                    }
                    Event::Request { session, reason } => {
                        if let Some(id) = id(session) {
                            rapport_app::sessions::request_reschedule(
                                app,
                                &client_actor(seat),
                                id,
                                reason,
                            )
                            .await?;
                        }
                    }
                    Event::OtherTherapist { reason } => {
                        rapport_app::sessions::request_other_therapist(
                            app,
                            &client_actor(seat),
                            reason,
                        )
                        .await?;
                    }
                    Event::PsychotherapyNote { session, body } => {
                        if let Some(id) = id(session) {
                            rapport_app::notes::save_psychotherapy_note(
                                app, &therapist, id, seat.id, body,
                            )
                            .await?;
                        }
                    }
                    Event::Amend { session, text } => {
                        if let Some(id) = id(session) {
                            rapport_app::notes::amend_progress_note(
                                app, &therapist, id, seat.id, text,
                            )
                            .await?;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// A client's answers (heard, worked on what I wanted, approach fits, overall) and comment.
    fn answers(&self, cal: &Calendar, s: usize, i: usize) -> ([i64; 4], Option<&'static str>) {
        let day = self.sessions[s].day;
        let name = PROFILES[i].name;
        if name == LOW_FEEDBACK && self.sessions[s].by == By::Therapist {
            // Slipping over the weeks; the latest is low.
            let later: usize = self
                .therapist_sessions(i)
                .into_iter()
                .filter(|&t| self.sessions[t].day > day && self.gives_feedback(t, i))
                .filter(|&t| self.feedback_at(cal, t, i).is_some_and(|at| at < self.now))
                .count();
            return match later {
                0 => ([6, 4, 3, 4], Some(session_notes::QUINN_FEEDBACK)),
                1 => ([7, 6, 6, 6], None),
                2 => ([8, 6, 6, 7], None),
                3 => ([7, 7, 7, 7], None),
                _ => ([8, 8, 8, 8], None),
            };
        }
        // Each client answers around their own level (8 or 9), never more than a point off,
        // so no ordinary session is three points below their average.
        let level = 8 + (vary(i, 0, 23) % 2) as i64;
        let answer = |q: u64| (level + (vary(i, day, 24 + q) % 3) as i64 - 1).min(10);
        let comment = vary(i, day, 28).is_multiple_of(4).then(|| {
            session_notes::COMMENTS
                [(vary(i, day, 29) % session_notes::COMMENTS.len() as u64) as usize]
        });
        ([answer(0), answer(1), answer(2), answer(3)], comment)
    }
}

/// The late cancellations, the two missed sessions and the cancelled one of a client's sessions
/// with their therapist. Sessions where something was decided are always attended.
fn fates(i: usize, p: &Profile, track: &mut [Planned]) {
    let start = -p.start_days_ago;
    let protected: Vec<i64> = [
        Some(start + 2),
        change_of(p).map(|(c, _)| c),
        anchor(p),
        plans::relapse_of(p.name)
            .filter(|r| r.with_therapist)
            .and_then(|r| r.days_ago)
            .map(|d| -d),
    ]
    .into_iter()
    .flatten()
    .collect();
    let weekly_until =
        change_of(p).map_or(i64::MAX, |(c, every)| if every == 7 { i64::MAX } else { c });
    // Now and then, long ago: never twice running, never near a skipped week of questionnaires
    // (a missed questionnaire and a missed session in a row would flag).
    for k in 1..track.len() {
        let day = track[k].day;
        if day >= -FEEDBACK_DAYS || day >= weekly_until || protected.contains(&day) {
            continue;
        }
        let week = u32::try_from((day - start) / 7).unwrap_or(0);
        let near_skip = (week.saturating_sub(1)..=week + 1).any(|w| skipped(i, p, w));
        if track[k - 1].fate == Fate::Attended && !near_skip && vary(i, day, 21).is_multiple_of(29)
        {
            track[k].fate = Fate::LateCancelled;
        }
    }
    let past: Vec<usize> = (0..track.len()).filter(|&k| track[k].day < 0).collect();
    let back = |n: usize| past.len().checked_sub(n).and_then(|k| past.get(k)).copied();
    for (name, n) in LATE {
        if name == p.name
            && let Some(k) = back(n)
        {
            track[k].fate = Fate::LateCancelled;
        }
    }
    if p.name == "Noah Williams"
        && let Some(k) = back(2)
    {
        track[k].fate = Fate::Cancelled;
    }
    if p.name == MISSED_TWO {
        for n in [1, 2] {
            if let Some(k) = back(n) {
                track[k].fate = Fate::NoShow;
            }
        }
    }
}

fn clinician(seat: &Seat, by: By) -> Option<Staff> {
    match by {
        By::Therapist => Some(seat.therapist.clone()),
        By::Psychiatrist => seat.psychiatrist.clone(),
    }
}

fn actor(staff: &Staff) -> Actor {
    Actor {
        user_id: staff.id,
        role: rapport_core::accounts::Role::Clinician,
        name: staff.name.to_string(),
        address: None,
    }
}

fn client_actor(seat: &Seat) -> Actor {
    Actor {
        user_id: seat.id,
        role: rapport_core::accounts::Role::Client,
        name: seat.name.to_string(),
        address: None,
    }
}
