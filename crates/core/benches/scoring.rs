//! Micro-benchmarks of scoring: the questionnaires as the API receives them, and the daily
//! check-in parse. See BENCHMARKS.md for the command and the figures.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rapport_core::measures::{CheckIn, CheckInInput, Instrument};

/// Every item answered, item 9 included, with the difficulty (item 10).
const PHQ9_COMPLETE: [Option<i64>; 9] = [
    Some(2),
    Some(3),
    Some(1),
    Some(2),
    Some(0),
    Some(2),
    Some(1),
    Some(1),
    Some(0),
];

/// Item 5 left out: the total is prorated from the other eight.
const PHQ9_ONE_PRORATED: [Option<i64>; 9] = [
    Some(2),
    Some(3),
    Some(1),
    Some(2),
    None,
    Some(2),
    Some(1),
    Some(1),
    Some(0),
];

const GAD7: [Option<i64>; 7] = [
    Some(2),
    Some(1),
    Some(3),
    Some(0),
    Some(1),
    Some(2),
    Some(1),
];

const WHO5: [Option<i64>; 5] = [Some(3), Some(2), Some(4), Some(1), Some(3)];

/// A typical check-in: mood, sleep in quarter hours, medication, a short note and two of the
/// client's own warning signs ticked (one twice, as a double tap would).
fn check_in_input(ticks: &[u32]) -> CheckInInput<'_, u32> {
    CheckInInput {
        mood: Some(4),
        sleep_hours: Some(6.25),
        medication: Some("taken"),
        note: Some("  Slept badly, argument at work.  "),
        warning_signs: ticks,
    }
}

fn scoring(c: &mut Criterion) {
    // Each input is checked once outside the timed part, so a benchmark never times an error.
    assert!(
        !Instrument::Phq9
            .score(&PHQ9_COMPLETE, Some(1))
            .unwrap()
            .prorated
    );
    assert!(
        Instrument::Phq9
            .score(&PHQ9_ONE_PRORATED, Some(1))
            .unwrap()
            .prorated
    );
    Instrument::Gad7.score(&GAD7, None).unwrap();
    Instrument::Who5.score(&WHO5, None).unwrap();
    let ticks = [7u32, 3, 7];
    assert_eq!(
        CheckIn::parse(check_in_input(&ticks))
            .unwrap()
            .warning_signs,
        [7, 3]
    );

    let mut g = c.benchmark_group("scoring");
    g.bench_function("phq9_complete", |b| {
        b.iter(|| Instrument::Phq9.score(black_box(&PHQ9_COMPLETE), black_box(Some(1))))
    });
    g.bench_function("phq9_one_prorated", |b| {
        b.iter(|| Instrument::Phq9.score(black_box(&PHQ9_ONE_PRORATED), black_box(Some(1))))
    });
    g.bench_function("gad7", |b| {
        b.iter(|| Instrument::Gad7.score(black_box(&GAD7), black_box(None)))
    });
    g.bench_function("who5", |b| {
        b.iter(|| Instrument::Who5.score(black_box(&WHO5), black_box(None)))
    });
    g.bench_function("check_in_parse", |b| {
        b.iter(|| CheckIn::parse(black_box(check_in_input(black_box(&ticks)))))
    });
    g.finish();
}

criterion_group!(benches, scoring);
criterion_main!(benches);
