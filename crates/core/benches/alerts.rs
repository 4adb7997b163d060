//! Micro-benchmarks of the early-warning evaluation over long histories, and of the caseload's
//! judgements over a caseload of 150. Inputs are built outside the timed part. See
//! BENCHMARKS.md for the command and the figures.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rapport_core::alerts::{
    Appointment, Attendance, CheckIn, ClientData, Episode, Level, Medication, Phase, Phq9Point,
    Reporter, RiskAssessment, Scheduled, SessionFeedback, SignReport, WarningSignId, evaluate,
};
use rapport_core::caseload::{Track, risk_rank, track};
use rapport_core::outcomes::{Day, SECONDS_PER_DAY, Timestamp};

/// Days in one benchmark "year" (the history is counted in whole weeks of PHQ-9s too).
const DAYS_PER_YEAR: i64 = 365;
const WEEKS_PER_YEAR: i64 = 52;
/// The client's today: day 20,000 since 1970 (October 2024).
const TODAY: i64 = 20_000;
const CASELOAD: usize = 150;

/// A small deterministic generator (xorshift64*), so every run benchmarks the same data
/// without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (the tiny modulo bias does not matter here).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// True `per_mille` times in a thousand.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1_000) < per_mille
    }

    /// `centre` plus or minus up to `spread`, kept within `0..=max`.
    fn around(&mut self, centre: i64, spread: i64, max: i64) -> u8 {
        let v = centre + self.below((2 * spread + 1) as u64) as i64 - spread;
        v.clamp(0, max) as u8
    }
}

fn at(day: i64, hour: i64) -> Timestamp {
    Timestamp(day * SECONDS_PER_DAY + hour * 3_600)
}

/// One client in an active episode that began `years` ago, with everything the rules read:
/// a check-in every day (mood, sleep, medication, an own warning sign ticked now and then),
/// a PHQ-9 every week, a weekly session with its feedback, the weekly measure and session on
/// the schedule, a family member's report now and then, and a risk assessment. The episode
/// spans the whole history, so every rule reads all of it (the heaviest case).
fn client(years: i64, seed: u64) -> ClientData {
    let mut rng = Rng(seed);
    let days = years * DAYS_PER_YEAR;
    let weeks = years * WEEKS_PER_YEAR;
    let first_day = TODAY - days + 1;
    let own: Vec<WarningSignId> = ["withdrawing", "not_eating", "racing_thoughts", "no_sleep"]
        .iter()
        .map(|s| WarningSignId((*s).to_string()))
        .collect();
    let not_own = WarningSignId("an_old_sign".to_string());

    let check_ins = (first_day..=TODAY)
        .map(|day| {
            let mut warning_signs = Vec::new();
            if rng.chance(30) {
                warning_signs.push(own[rng.below(own.len() as u64) as usize].clone());
            }
            if rng.chance(5) {
                warning_signs.push(not_own.clone());
            }
            CheckIn {
                day: Day(day),
                mood: rng.around(6, 3, 10),
                sleep_hours: f64::from(rng.around(29, 6, 96)) / 4.0,
                medication: if rng.chance(50) {
                    Medication::Missed
                } else {
                    Medication::Taken
                },
                warning_signs,
                self_harm_thoughts: None,
            }
        })
        .collect();

    let phq9: Vec<Phq9Point> = (0..weeks)
        .map(|w| {
            // From about 16 at the start towards about 8, with noise.
            let trend = 16 - (8 * w) / weeks.max(1);
            Phq9Point {
                at: at(first_day + 7 * w, 18),
                total: Some(rng.around(trend, 3, 27)),
                item9: Some(u8::from(rng.chance(10))),
            }
        })
        .collect();

    let mut scheduled = Vec::new();
    let mut feedback = Vec::new();
    for w in 0..weeks {
        scheduled.push(Scheduled {
            at: at(first_day + 7 * w, 9),
            what: Appointment::Measure,
            attendance: Some(Attendance::Attended),
        });
        let session = at(first_day + 7 * w + 1, 10);
        let attendance = match rng.below(20) {
            0 => Attendance::Missed,
            1 => Attendance::Cancelled,
            _ => Attendance::Attended,
        };
        scheduled.push(Scheduled {
            at: session,
            what: Appointment::Session,
            attendance: Some(attendance),
        });
        if attendance == Attendance::Attended {
            feedback.push(SessionFeedback {
                at: Timestamp(session.0 + 3_600),
                heard: rng.around(8, 2, 10),
                worked_on: rng.around(8, 2, 10),
                approach: rng.around(8, 2, 10),
                overall: rng.around(8, 2, 10),
            });
        }
    }
    // Next week's session, not yet held.
    scheduled.push(Scheduled {
        at: at(TODAY + 3, 10),
        what: Appointment::Session,
        attendance: None,
    });

    let sign_reports = (first_day..=TODAY)
        .step_by(60)
        .map(|day| SignReport {
            day: Day(day),
            sign: own[rng.below(own.len() as u64) as usize].clone(),
            reporter: Reporter::FamilyMember,
        })
        .collect();

    ClientData {
        now: at(TODAY, 20),
        today: Day(TODAY),
        new_since: None,
        episode: Some(Episode {
            started_at: at(first_day, 0),
            started_on: Day(first_day),
            phase: Phase::Active,
        }),
        carried_in_remission: None,
        phq9,
        phq9_progress: None,
        gad7: vec![],
        gad7_is_target: false,
        risk_assessment: Some(RiskAssessment {
            at: at(first_day + 2, 11),
            judged_high: false,
        }),
        check_ins,
        sleep_diary: vec![],
        own_warning_signs: own,
        sign_reports,
        scheduled,
        feedback,
        fibser: vec![],
    }
}

fn evaluation(c: &mut Criterion) {
    let one = client(1, 0x9E37_79B9_7F4A_7C15);
    let ten = client(10, 0x9E37_79B9_7F4A_7C15);
    assert_eq!((one.check_ins.len(), one.phq9.len()), (365, 52));
    assert_eq!((ten.check_ins.len(), ten.phq9.len()), (3_650, 520));
    for (name, data) in [("one year", &one), ("ten years", &ten)] {
        let rules: Vec<&str> = evaluate(data, None).iter().map(|t| t.rule_id).collect();
        eprintln!(
            "{name}: {} check-ins, {} PHQ-9s, {} scheduled, {} feedback; fires {rules:?}",
            data.check_ins.len(),
            data.phq9.len(),
            data.scheduled.len(),
            data.feedback.len(),
        );
    }

    let mut g = c.benchmark_group("alerts_evaluate");
    g.bench_function("one_year", |b| b.iter(|| evaluate(black_box(&one), None)));
    g.bench_function("ten_years", |b| b.iter(|| evaluate(black_box(&ten), None)));
    g.finish();
}

/// What the caseload page judges per client: the episode's PHQ-9 totals (baseline first)
/// and the levels of the open flags.
struct CaseloadClient {
    totals: Vec<u8>,
    open_levels: Vec<Level>,
}

fn caseload_clients() -> Vec<CaseloadClient> {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    (0..CASELOAD)
        .map(|_| {
            let n = 1 + rng.below(26) as i64;
            let start = 8 + rng.below(16) as i64;
            let totals = (0..n)
                .map(|i| rng.around(start - (start / 2) * i / 26, 3, 27))
                .collect();
            let open_levels = (0..rng.below(3))
                .map(|_| Level::ALL[rng.below(4) as usize])
                .collect();
            CaseloadClient {
                totals,
                open_levels,
            }
        })
        .collect()
}

fn caseload(c: &mut Criterion) {
    let clients = caseload_clients();
    let tracks: Vec<Track> = clients.iter().map(|c| track(&c.totals, None)).collect();
    let not_on_track = tracks.iter().filter(|t| **t == Track::NotOnTrack).count();
    let too_early = tracks.iter().filter(|t| **t == Track::TooEarly).count();
    eprintln!("caseload of {CASELOAD}: {not_on_track} not on track, {too_early} too early");

    let mut g = c.benchmark_group("caseload_150");
    // The baseline: the cheapest pass over the same clients.
    g.bench_function("sum_latest_totals", |b| {
        b.iter(|| {
            black_box(&clients)
                .iter()
                .map(|c| u32::from(c.totals.last().copied().unwrap_or(0)))
                .sum::<u32>()
        })
    });
    g.bench_function("track", |b| {
        b.iter(|| {
            black_box(&clients)
                .iter()
                .filter(|c| track(&c.totals, None) == Track::NotOnTrack)
                .count()
        })
    });
    g.bench_function("risk_rank", |b| {
        b.iter(|| {
            black_box(&clients)
                .iter()
                .zip(black_box(&tracks))
                .map(|(c, t)| u32::from(risk_rank(&c.open_levels, *t)))
                .sum::<u32>()
        })
    });
    g.bench_function("track_and_risk_rank", |b| {
        b.iter(|| {
            black_box(&clients)
                .iter()
                .map(|c| u32::from(risk_rank(&c.open_levels, track(&c.totals, None))))
                .sum::<u32>()
        })
    });
    g.finish();
}

criterion_group!(benches, evaluation, caseload);
criterion_main!(benches);
