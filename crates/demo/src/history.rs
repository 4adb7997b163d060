//! A year of measurement history, replayed through the real use-cases on an app whose clock
//! moves from a year ago to now: every PHQ-9, GAD-7, WHO-5 and check-in is scored, stored,
//! checked by the early-warning rules and audited exactly as if the client had sent it that
//! day, so the flags in the demo are the ones the rules raise. The intakes, treatment plans
//! (and their changes), discharges to staying well and relapse-prevention plans ([`plans`])
//! are written at their moments in the same replay, and the sessions ([`sessions`]) are booked,
//! attended and written up; the therapist's decisions are taken at the end of a session.
//!
//! Nothing is random: the variation (skipped weeks, a point up or down, the time of day, a
//! note now and then) comes from [`vary`], a fixed mix of the client's index and the day.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use rapport_app::alerts::{self, StatusFilter};
use rapport_app::clock::{Clock, ManualClock};
use rapport_app::measures::{
    MeasureResult, NewCheckin, set_schedule, submit_checkin, submit_measure,
};
use rapport_app::{Actor, App, Error, Result};
use rapport_core::accounts::Role;
use rapport_core::alerts::FlagKind;
use rapport_core::plans::TreatmentPlanInput;
use uuid::Uuid;

use super::clients::{PROFILES, Profile, Story, sees_psychiatrist};
use super::homework::{self, Homework};
use super::medication;
use super::plans::{self, Revision, STEP_DOWNS};
use super::practice::{Practice, Seat, Staff, TIMEZONE};
use super::sessions::{self, Act, Diary};

/// Daily check-ins only in the last this many days (a year of them would slow start-up).
const CHECKIN_DAYS: i64 = 45;

/// A week's questionnaires are never skipped in the last this many weeks (the end of each
/// story is exact).
const NO_SKIP_LAST_WEEKS: u32 = 4;

/// Kind, ordinary notes a client might leave with a check-in.
const NOTES: [&str; 14] = [
    "Walked to the park with my sister.",
    "Cooked a proper dinner tonight.",
    "Called an old friend and it went well.",
    "Tired, but I got out of the house.",
    "Read for half an hour before bed.",
    "Good session today.",
    "Rainy day. Stayed in and watched a film.",
    "First time at the gym in weeks.",
    "Coffee with a colleague after work.",
    "Slept better with the phone out of the bedroom.",
    "Played with the dog in the yard.",
    "Slow morning, better afternoon.",
    "Did the thought record from Tuesday.",
    "Planted herbs on the balcony.",
];

/// The notes of the low-mood client's last three days: plain and unalarming.
const LOW_DAY_NOTES: [&str; 3] = [
    "A heavy, slow day. Kept things small.",
    "Stayed in most of the day.",
    "Still flat. Talking to my therapist this week.",
];

/// A fixed, random-looking number from a client, a day or week, and a purpose.
pub(super) fn vary(client: usize, at: i64, purpose: u64) -> u64 {
    let mut x = (client as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ (at as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
        ^ purpose.wrapping_mul(0x1656_67B1_9E37_79F9);
    x ^= x >> 31;
    x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    x ^ (x >> 29)
}

/// `total` spread over `items` answers of at most `max` each, the larger ones starting at
/// item `turn` (so the answers change from week to week but always add up).
fn spread(total: u8, items: u8, max: u8, turn: u64) -> Vec<Option<i64>> {
    let total = total.min(items.saturating_mul(max));
    let (base, extra) = (total / items, total % items);
    (0..items)
        .map(|k| {
            let pos = ((u64::from(k) + turn) % u64::from(items)) as u8;
            Some(i64::from(base + u8::from(pos < extra)))
        })
        .collect()
}

/// What happens at one moment of the replay.
#[derive(Debug, Clone, Copy)]
enum What {
    Phq9(u32),
    Gad7(u32),
    Who5(u32),
    Checkin(i64),
    /// The client writes down their own warning signs (the relapse-prevention plan).
    Signs,
    /// The clinician moves the questionnaires to every four weeks and, for most clients,
    /// discharges them to staying well (maintenance).
    Monthly,
    /// The client fills in the intake (sent, or one client's draft).
    Intake,
    /// The primary therapist writes a new version of the treatment plan.
    Plan(Revision),
    /// The client agrees to the treatment plan in force.
    Agree,
    /// The relapse-prevention plan is written (by the client, or in session by the therapist).
    RelapsePlan,
    Acknowledge(Uuid),
    Resolve(Uuid),
    /// A session is booked, attended, given feedback on or written up ([`sessions`]).
    Session(Act),
    /// Homework is given, written or reviewed ([`homework`]).
    Homework(homework::Step),
    /// The psychiatrist writes the medication list from the intake ([`medication`]).
    Medication,
    /// The client rates their side effects (FIBSER), this many weeks before now.
    Fibser(i64),
}

#[derive(Debug, Clone, Copy)]
struct Step {
    at: DateTime<Utc>,
    client: usize,
    what: What,
}

/// Today in the practice's time zone, and local times on days relative to it.
pub(super) struct Calendar {
    today: NaiveDate,
}

impl Calendar {
    pub(super) fn new(now: DateTime<Utc>) -> Calendar {
        Calendar {
            today: rapport_app::time::local_day(now, TIMEZONE),
        }
    }

    /// `minutes` after midnight, `day` days from today (negative: before), in Chicago.
    pub(super) fn at(&self, day: i64, minutes: u64) -> Option<DateTime<Utc>> {
        chrono_tz::America::Chicago
            .from_local_datetime(&self.local(day, minutes)?)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    }

    /// The wall-clock time `minutes` after midnight, `day` days from today (at most 23:59).
    pub(super) fn local(&self, day: i64, minutes: u64) -> Option<NaiveDateTime> {
        let date = self.today.checked_add_signed(Duration::days(day))?;
        let time = NaiveTime::from_hms_opt(0, 0, 0)?
            + Duration::minutes(i64::try_from(minutes.min(24 * 60 - 1)).ok()?);
        Some(date.and_time(time))
    }
}

/// The client's PHQ-9 total and item 9 in a week of treatment.
fn phq9_of(index: usize, p: &Profile, week: u32, last_week: u32) -> (u8, u8) {
    let course = p.course_at(f64::from(week)).round() as i64;
    let wobble = i64::from(p.wobble);
    let off = if week == 0 || week >= p.exact_from_week || wobble == 0 {
        0
    } else {
        (vary(index, i64::from(week), 1) % (2 * wobble as u64 + 1)) as i64 - wobble
    };
    let total = (course + off).clamp(0, 24) as u8;
    let item9 = u8::from(p.story == Story::Item9 && week == last_week);
    (total.max(item9), item9)
}

/// The PHQ-9 answers (items 1–8, then item 9) and the difficulty question.
fn phq9_answers(index: usize, week: u32, total: u8, item9: u8) -> (Vec<Option<i64>>, i64) {
    let mut answers = spread(total - item9, 8, 3, vary(index, i64::from(week), 2));
    answers.push(Some(i64::from(item9)));
    let difficulty = match total {
        0..=4 => 0,
        5..=9 => 1,
        10..=19 => 2,
        _ => 3,
    };
    (answers, difficulty)
}

/// The weeks of a client's treatment so far (the last one ends before today).
pub(super) fn last_week(p: &Profile) -> u32 {
    u32::try_from((p.start_days_ago - 1) / 7).unwrap_or(0)
}

fn in_monthly(p: &Profile, week: u32) -> bool {
    p.monthly_from_week.is_some_and(|m| week >= m)
}

/// Whether the client skipped the week's questionnaires (now and then, never at the start, in
/// the last weeks or on monthly questionnaires, and never for the client who is not on track).
/// Never three weeks running: by the session after, the disengagement rule would count two
/// missed questionnaires in a row.
pub(super) fn skipped(i: usize, p: &Profile, week: u32) -> bool {
    let by_chance = |week: u32| {
        week > 0
            && week + NO_SKIP_LAST_WEEKS <= last_week(p)
            && !in_monthly(p, week)
            && p.story != Story::NotOnTrack
            && vary(i, i64::from(week), 3).is_multiple_of(9)
    };
    by_chance(week) && !(week >= 2 && by_chance(week - 1) && by_chance(week - 2))
}

/// Every step of every client, in time order.
fn plan(cal: &Calendar) -> Vec<Step> {
    let mut steps = Vec::new();
    for (i, p) in PROFILES.iter().enumerate() {
        let start = -p.start_days_ago;
        let last = last_week(p);
        let mut last_who5: Option<u32> = None;
        for week in 0..=last {
            let monthly = in_monthly(p, week);
            if let Some(m) = p.monthly_from_week
                && week > m
                && (week - m) % 4 != 0
            {
                continue;
            }
            if skipped(i, p, week) {
                continue;
            }
            let day = start + 7 * i64::from(week);
            let minutes = 9 * 60 + vary(i, day, 4) % 150;
            let mut push = |offset: u64, what: What| {
                if let Some(at) = cal.at(day, minutes + offset) {
                    steps.push(Step {
                        at,
                        client: i,
                        what,
                    });
                }
            };
            push(0, What::Phq9(week));
            if week == 0 {
                // The intake, after the baseline questionnaires.
                push(25, What::Intake);
            }
            if monthly || week.is_multiple_of(2) {
                push(4, What::Gad7(week));
            }
            if last_who5.is_none_or(|w| week >= w + 4) {
                push(9, What::Who5(week));
                last_who5 = Some(week);
            }
            if p.monthly_from_week == Some(week) {
                // The session the day before, where they agreed on it and on the new plan (monthly
                // sessions, or every two weeks for those not discharged); the client agrees to it
                // that evening, and writes the relapse-prevention plan two days later.
                let mut at = |day: i64, minutes: u64, what: What| {
                    if let Some(at) = cal.at(day, minutes) {
                        steps.push(Step {
                            at,
                            client: i,
                            what,
                        });
                    }
                };
                let after = sessions::after_session(i);
                at(day - 1, after, What::Monthly);
                let revision = if plans::discharged(p) {
                    Revision::StayingWell
                } else {
                    Revision::Fortnightly
                };
                at(day - 1, after + 5, What::Plan(revision));
                at(day - 1, evening(after + 150), What::Agree);
                if plans::relapse_of(p.name).is_some_and(|r| r.days_ago.is_none()) {
                    at(day + 2, 20 * 60 + 15, What::RelapsePlan);
                }
            }
        }
        plan_steps(cal, i, p, &mut steps);
        if !p.warning_signs.is_empty()
            && let Some(at) = cal.at(start + 10, 17 * 60)
        {
            steps.push(Step {
                at,
                client: i,
                what: What::Signs,
            });
        }
        if sees_psychiatrist(i) {
            // The list a few days in (the psychiatrist joined the team on day 4), and the
            // weekly FIBSER over the last weeks, in the evening.
            if let Some(at) = cal.at(start + 5, 17 * 60) {
                steps.push(Step {
                    at,
                    client: i,
                    what: What::Medication,
                });
            }
            for back in 0..medication::FIBSER_WEEKS {
                let day = -1 - 7 * back;
                if day > start + 5
                    && let Some(at) = cal.at(day, 18 * 60 + vary(i, day, 30) % 60)
                {
                    steps.push(Step {
                        at,
                        client: i,
                        what: What::Fibser(back),
                    });
                }
            }
        }
        for day in start.max(-CHECKIN_DAYS)..=-1 {
            let forced = match p.story {
                Story::LowMood => day >= -3,
                Story::MissedMedication => [-6, -4, -1].contains(&day),
                _ => false,
            };
            let week = u32::try_from((day - start) / 7).unwrap_or(0);
            let rest_day = vary(i, day, 5).is_multiple_of(7)
                || (in_monthly(p, week) && vary(i, day, 6).is_multiple_of(3));
            if rest_day && !forced {
                continue;
            }
            if let Some(at) = cal.at(day, 19 * 60 + 30 + vary(i, day, 7) % 180) {
                steps.push(Step {
                    at,
                    client: i,
                    what: What::Checkin(day),
                });
            }
        }
    }
    steps.sort_by_key(|s| s.at);
    steps
}

/// A time of day in the evening at the latest (never past midnight).
fn evening(minutes: u64) -> u64 {
    minutes.min(23 * 60 + 30)
}

/// The first treatment plan (after the first session, two days after the baseline), the
/// steps down to every two weeks, and the relapse-prevention plans not written at a discharge.
fn plan_steps(cal: &Calendar, i: usize, p: &Profile, steps: &mut Vec<Step>) {
    let start = -p.start_days_ago;
    let mut at = |day: i64, minutes: u64, what: What| {
        if let Some(at) = cal.at(day, minutes) {
            steps.push(Step {
                at,
                client: i,
                what,
            });
        }
    };
    // Written after the session that day (the client's first, or where they decided).
    let after = sessions::after_session(i);
    at(start + 2, after, What::Plan(Revision::First));
    if plans::plan_of(p.name).is_some_and(|b| b.agreed) {
        at(
            start + 2,
            evening(after + 90 + vary(i, start, 17) % 90),
            What::Agree,
        );
    }
    for (name, days_ago, agreed) in STEP_DOWNS {
        if name == p.name {
            at(-days_ago, after, What::Plan(Revision::Fortnightly));
            if agreed {
                at(-days_ago, evening(after + 180), What::Agree);
            }
        }
    }
    if let Some(r) = plans::relapse_of(p.name)
        && let Some(days_ago) = r.days_ago
    {
        // In the session, with the therapist; or by the client that evening.
        let minute = if r.with_therapist {
            sessions::in_session(i)
        } else {
            20 * 60 + 15
        };
        at(-days_ago, minute, What::RelapsePlan);
    }
}

/// The daily check-in a client sends on `day` (days from today).
fn checkin_of(
    index: usize,
    p: &Profile,
    day: i64,
    on_medication: bool,
    signs: &[Uuid],
) -> NewCheckin {
    let start = -p.start_days_ago;
    let week = (day - start) as f64 / 7.0;
    let usual = (9.0 - p.course_at(week) / 3.0).round() as i64;
    let mut mood = (usual + (vary(index, day, 8) % 3) as i64 - 1).clamp(4, 9);
    let low_day = p.story == Story::LowMood && day >= -3;
    if low_day {
        mood = [3, 2, 3][usize::try_from(day + 3).unwrap_or(0).min(2)];
    }
    let sleep = 6.5 + (index % 5) as f64 * 0.25 + ((vary(index, day, 9) % 5) as f64 - 2.0) * 0.25;
    let medication = if !on_medication {
        "not_prescribed"
    } else {
        let missed = match p.story {
            Story::MissedMedication if day >= -7 => [-6, -4, -1].contains(&day),
            // Now and then, never twice in a week.
            _ => (day + index as i64).rem_euclid(12) == 0,
        };
        if missed { "missed" } else { "taken" }
    };
    let missed_reason = (medication == "missed")
        .then(|| medication::missed_reason(p, day))
        .flatten();
    let note = if low_day {
        LOW_DAY_NOTES
            .get(usize::try_from(day + 3).unwrap_or(0))
            .map(|n| n.to_string())
    } else if vary(index, day, 10).is_multiple_of(6) {
        Some(NOTES[(vary(index, day, 11) % NOTES.len() as u64) as usize].to_string())
    } else {
        None
    };
    // A sign now and then, eleven days apart (so never two days in a week), once the plan
    // with the signs is written; the low-mood client also ticks one on their low days.
    let tick = (day + 3 * index as i64).rem_euclid(11) == 0 && day >= start + 11;
    let warning_signs =
        match signs.get(usize::try_from(day.rem_euclid(2)).unwrap_or(0) % signs.len().max(1)) {
            Some(sign) if tick || (low_day && day == -2) => vec![sign.to_string()],
            _ => vec![],
        };
    NewCheckin {
        mood: Some(mood),
        sleep_hours: Some(sleep),
        medication: Some(medication.to_string()),
        note,
        warning_signs,
        self_harm: None,
        missed_reason,
    }
}

/// The GAD-7 total that goes with a week's PHQ-9 total (anxiety tracks mood, a little lower).
fn gad7_of(index: usize, week: u32, phq9: u8) -> u8 {
    let ratio = 0.55 + (index % 4) as f64 * 0.1;
    let off = (vary(index, i64::from(week), 12) % 3) as i64 - 1;
    ((f64::from(phq9) * ratio).round() as i64 + off).clamp(0, 21) as u8
}

/// The WHO-5 raw score (0–25) that goes with a week's PHQ-9 total.
fn who5_of(index: usize, week: u32, phq9: u8) -> u8 {
    let off = (vary(index, i64::from(week), 13) % 3) as i64 - 1;
    ((22.0 - f64::from(phq9) * 0.8).round() as i64 + off).clamp(0, 25) as u8
}

fn client_actor(seat: &Seat) -> Actor {
    Actor {
        user_id: seat.id,
        role: Role::Client,
        name: seat.name.to_string(),
        address: None,
    }
}

fn clinician_actor(staff: &Staff) -> Actor {
    Actor {
        user_id: staff.id,
        role: Role::Clinician,
        name: staff.name.to_string(),
        address: None,
    }
}

/// A slow responder's not-on-track flag, as their clinician handles it.
#[derive(Debug, Clone, Copy, Default)]
struct Watch {
    flag: Option<Uuid>,
    resolving: bool,
}

/// Moves the clock forward to `at` (never back).
pub(super) fn move_to(clock: &ManualClock, at: DateTime<Utc>) {
    let by = at - clock.now();
    if by > Duration::zero() {
        clock.advance(by);
    }
}

fn first_name(name: &str) -> &str {
    name.split(' ').next().unwrap_or(name)
}

/// Replays the year on `app`, whose clock is `clock`, up to `now`.
pub(super) async fn replay(
    app: &App,
    clock: &ManualClock,
    practice: &Practice,
    now: DateTime<Utc>,
) -> Result<()> {
    let cal = Calendar::new(now);
    let mut diary = Diary::new(&cal, now);
    let mut steps = plan(&cal);
    steps.extend(
        diary
            .moments(&cal)
            .into_iter()
            .map(|(at, client, act)| Step {
                at,
                client,
                what: What::Session(act),
            }),
    );
    let mut homework = Homework::new(&cal);
    let index_of = |name: &str| PROFILES.iter().position(|p| p.name == name);
    let moments = homework.moments(&cal, |name| {
        sessions::after_session(index_of(name).unwrap_or(usize::MAX))
    });
    steps.extend(moments.into_iter().filter_map(|(at, name, step)| {
        Some(Step {
            at,
            client: index_of(name)?,
            what: What::Homework(step),
        })
    }));
    steps.sort_by_key(|s| s.at);
    let mut signs: Vec<Vec<Uuid>> = vec![Vec::new(); PROFILES.len()];
    let mut watches = [Watch::default(); PROFILES.len()];
    let mut phq9_totals = [0u8; PROFILES.len()];
    // The version of each client's treatment plan in force.
    let mut versions = [0i32; PROFILES.len()];
    let mut n = 0;
    while let Some(step) = steps.get(n).copied() {
        n += 1;
        let (Some(p), Some(seat)) = (PROFILES.get(step.client), practice.clients.get(step.client))
        else {
            continue;
        };
        let i = step.client;
        move_to(clock, step.at);
        let client = client_actor(seat);
        let therapist = clinician_actor(&seat.therapist);
        match step.what {
            What::Phq9(week) => {
                let (total, item9) = phq9_of(i, p, week, last_week(p));
                let (answers, difficulty) = phq9_answers(i, week, total, item9);
                let result =
                    submit_measure(app, &client, "phq9", &answers, Some(difficulty), None).await?;
                phq9_totals[i] = total;
                if p.story == Story::SlowResponse
                    && let Some(follow_up) =
                        handle_slow(app, seat, &result, &mut watches[i]).await?
                {
                    // Their therapist, at the end of their next session.
                    let at = diary
                        .next_session_end(&cal, i, step.at)
                        .unwrap_or(step.at + Duration::hours(26));
                    insert_step(&mut steps, at, i, follow_up);
                }
            }
            What::Gad7(week) => {
                let total = gad7_of(i, week, phq9_totals[i]);
                let answers = spread(total, 7, 3, vary(i, i64::from(week), 14));
                submit_measure(app, &client, "gad7", &answers, None, None).await?;
            }
            What::Who5(week) => {
                let raw = who5_of(i, week, phq9_totals[i]);
                let answers = spread(raw, 5, 5, vary(i, i64::from(week), 15));
                submit_measure(app, &client, "who5", &answers, None, None).await?;
            }
            What::Checkin(day) => {
                let k = checkin_of(i, p, day, seat.psychiatrist.is_some(), &signs[i]);
                submit_checkin(app, &client, k, None).await?;
            }
            What::Signs => {
                for label in p.warning_signs {
                    let id =
                        rapport_app::plans::add_warning_sign(app, &client, seat.id, label).await?;
                    signs[i].push(id);
                }
            }
            What::Monthly if !plans::discharged(p) => {
                for what in ["phq9", "gad7"] {
                    set_schedule(app, &therapist, seat.id, what, 28).await?;
                }
            }
            What::Monthly => {
                let total = phq9_totals[i];
                let how = if total <= 4 {
                    "in remission"
                } else {
                    "steady in the mild range"
                };
                let reason = format!(
                    "{} has been {how} for two months (PHQ-9 {total}). We agreed together to move to staying well: a session and the questionnaires once a month, and a relapse-prevention plan.",
                    first_name(seat.name)
                );
                rapport_app::episodes::change(app, &therapist, seat.id, "maintenance", &reason)
                    .await?;
                // Every four weeks, as the replay asks for them (the discharge sets 30 days).
                for what in ["phq9", "gad7"] {
                    set_schedule(app, &therapist, seat.id, what, 28).await?;
                }
            }
            What::Intake => {
                if let Some(t) = plans::intake_of(seat.name) {
                    rapport_app::intake::save_intake(app, &client, seat.id, t.intake(), t.send)
                        .await?;
                }
            }
            What::Plan(revision) => {
                versions[i] =
                    write_plan(app, &cal, &therapist, seat, i, revision, versions[i]).await?;
            }
            What::Agree => {
                rapport_app::plans::agree_treatment_plan(app, &client, seat.id, versions[i])
                    .await?;
            }
            What::RelapsePlan => {
                if let Some(r) = plans::relapse_of(seat.name) {
                    let by = if r.with_therapist {
                        &therapist
                    } else {
                        &client
                    };
                    let sections = r.sections.map(str::to_string);
                    rapport_app::plans::save_relapse_plan(app, by, seat.id, 0, sections).await?;
                }
            }
            What::Session(act) => {
                diary.run(app, &cal, practice, i, act).await?;
            }
            What::Medication => {
                if let Some(psychiatrist) = &seat.psychiatrist {
                    medication::write_list(app, &clinician_actor(psychiatrist), seat, step.at)
                        .await?;
                }
            }
            What::Fibser(back) => {
                let answers = medication::fibser_of(i, p, back);
                submit_measure(app, &client, "fibser", &answers, None, None).await?;
            }
            What::Homework(act) => {
                homework
                    .run(app, &cal, &client, seat.id, &therapist, act)
                    .await?;
            }
            What::Acknowledge(flag) => {
                let note = format!(
                    "Went through the scores with {} in today's session. Adding behavioural activation and meeting twice a week for the next month.",
                    first_name(seat.name)
                );
                alerts::acknowledge(app, &therapist, flag, &note).await?;
                versions[i] = write_plan(
                    app,
                    &cal,
                    &therapist,
                    seat,
                    i,
                    Revision::Intensify,
                    versions[i],
                )
                .await?;
                insert_step(&mut steps, step.at + Duration::hours(20), i, What::Agree);
            }
            What::Resolve(flag) => {
                alerts::resolve(
                    app,
                    &therapist,
                    flag,
                    "Scores are now falling as expected; back on track. Weekly sessions continue.",
                )
                .await?;
                versions[i] = write_plan(
                    app,
                    &cal,
                    &therapist,
                    seat,
                    i,
                    Revision::BackOnTrack,
                    versions[i],
                )
                .await?;
                insert_step(&mut steps, step.at + Duration::hours(20), i, What::Agree);
            }
        }
    }
    Ok(())
}

/// Adds a step to the (time-ordered) steps still to come.
fn insert_step(steps: &mut Vec<Step>, at: DateTime<Utc>, client: usize, what: What) {
    let pos = steps.partition_point(|s| s.at <= at);
    steps.insert(pos, Step { at, client, what });
}

/// The therapist writes version `previous + 1` of the client's treatment plan, reviewed some
/// weeks later (the plan in force at the end of the year: never before next week). Returns the
/// version.
async fn write_plan(
    app: &App,
    cal: &Calendar,
    therapist: &Actor,
    seat: &Seat,
    i: usize,
    revision: Revision,
    previous: i32,
) -> Result<i32> {
    let (Some(p), Some(base), Some(intake)) = (
        PROFILES.get(i),
        plans::plan_of(seat.name),
        plans::intake_of(seat.name),
    ) else {
        return Ok(previous);
    };
    let (frequency, sessions, notes) = plans::revised(base, revision);
    let measures: Vec<String> = base.measures.iter().map(|m| m.to_string()).collect();
    let written = rapport_app::time::local_day(app.now(), TIMEZONE);
    let mut review = written + Duration::weeks(plans::review_weeks(revision));
    if revision == plans::last_revision(p) {
        let soonest = cal.today + Duration::days(7 + (i as i64 * 11) % 42);
        review = review.max(soonest);
    }
    let input = TreatmentPlanInput {
        approach: base.approach,
        ipt_focus: base.ipt_focus,
        with_medication: !intake.medicines.is_empty(),
        format: base.format,
        delivery: base.delivery,
        frequency,
        expected_sessions: Some(sessions),
        target_measures: &measures,
        notes: &notes,
    };
    rapport_app::plans::save_treatment_plan(app, therapist, seat.id, previous, &input, Some(review))
        .await
}

/// A slow responder's clinician acknowledges the not-on-track flag the day after it opens
/// (found in their inbox), and resolves it the day after the first PHQ-9 that is back on
/// track.
async fn handle_slow(
    app: &App,
    seat: &Seat,
    result: &MeasureResult,
    watch: &mut Watch,
) -> Result<Option<What>> {
    let not_on_track = result.flags.iter().any(|f| f.kind == FlagKind::NotOnTrack);
    match watch.flag {
        None if not_on_track => {
            let therapist = clinician_actor(&seat.therapist);
            let flag = alerts::inbox(app, &therapist, StatusFilter::Unresolved)
                .await?
                .into_iter()
                .find(|f| f.client_id == seat.id && f.kind == FlagKind::NotOnTrack)
                .ok_or(Error::NotFound)?;
            watch.flag = Some(flag.id);
            Ok(Some(What::Acknowledge(flag.id)))
        }
        Some(flag) if !watch.resolving && !not_on_track && result.total <= 11 => {
            watch.resolving = true;
            Ok(Some(What::Resolve(flag)))
        }
        _ => Ok(None),
    }
}
