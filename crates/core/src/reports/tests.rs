//! A fixed data set whose figures were worked out by hand (the edge cases: an episode with one
//! session, one measure only, a baseline below caseness, no session at all, an episode still
//! open, one finished before the period), and property tests.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::outcomes::{Cell, Rate};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// `n` attended sessions from `first`, a week apart, the first `with` of them with a PHQ-9.
fn sessions(first: &str, n: usize, with: usize) -> Vec<SessionFact> {
    (0..n)
        .map(|i| SessionFact {
            on: day(first) + chrono::Duration::days(7 * i as i64),
            with_phq9: i < with,
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn episode(
    started: &str,
    finished: Option<&str>,
    planned: bool,
    phq9: &[u8],
    gad7: &[u8],
    sessions: Vec<SessionFact>,
    approach: &str,
    clinicians: &[&str],
) -> EpisodeFacts {
    EpisodeFacts {
        started_on: day(started),
        finished_on: finished.map(day),
        planned_ending: planned,
        phq9: phq9.to_vec(),
        gad7: gad7.to_vec(),
        sessions,
        approach: Some(approach.to_string()),
        format: Some("individual".to_string()),
        clinicians: clinicians.iter().map(|c| c.to_string()).collect(),
    }
}

/// The hand-worked set (also built through the API in `testkit/tests/reports.rs`).
pub(crate) fn fixture() -> Vec<EpisodeFacts> {
    vec![
        // E1: recovered reliably, responded, remitted.
        episode(
            "2026-01-05",
            Some("2026-03-02"),
            true,
            &[15, 10, 4],
            &[12, 5],
            sessions("2026-01-06", 6, 3),
            "cbt",
            &["lena"],
        ),
        // E2: one session, closed without discharge (a dropout), scores not counted.
        episode(
            "2026-01-06",
            Some("2026-03-03"),
            false,
            &[18, 8],
            &[14, 6],
            sessions("2026-01-07", 1, 1),
            "cbt",
            &["lena"],
        ),
        // E3: one GAD-7 only: not paired; PHQ-9 16 → 12 counts for response (no).
        episode(
            "2026-01-07",
            Some("2026-03-04"),
            true,
            &[16, 12],
            &[11],
            sessions("2026-01-08", 4, 2),
            "cbt",
            &["lena"],
        ),
        // E4: a baseline below caseness on both.
        episode(
            "2026-01-08",
            Some("2026-03-05"),
            true,
            &[7, 6],
            &[5, 4],
            sessions("2026-01-09", 3, 2),
            "interpersonal",
            &["lena"],
        ),
        // E5: recovered, not reliably (−3 and −2).
        episode(
            "2026-01-09",
            Some("2026-03-06"),
            true,
            &[12, 9],
            &[9, 7],
            sessions("2026-01-10", 5, 2),
            "interpersonal",
            &["lena"],
        ),
        // E6: reliably worse on both, closed without discharge; started before the period, two
        // of its sessions fall before it too.
        episode(
            "2025-12-01",
            Some("2026-02-10"),
            false,
            &[11, 18],
            &[9, 14],
            sessions("2025-12-16", 8, 2),
            "cbt",
            &["lena", "kofi"],
        ),
        // E7: reliably improved, responded (20 → 10 is exactly half), still a case at the end.
        episode(
            "2026-01-10",
            Some("2026-02-20"),
            true,
            &[20, 10],
            &[15, 10],
            sessions("2026-01-11", 2, 2),
            "behavioural_activation",
            &["kofi"],
        ),
        // E8: no session attended, one PHQ-9, closed.
        episode(
            "2026-01-11",
            Some("2026-01-30"),
            false,
            &[14],
            &[],
            vec![],
            "cbt",
            &["kofi"],
        ),
        // E9: still in treatment.
        episode(
            "2026-02-01",
            None,
            false,
            &[13, 11],
            &[8, 8],
            sessions("2026-02-02", 3, 0),
            "cbt",
            &["lena"],
        ),
        // E10: finished before the period.
        episode(
            "2025-11-01",
            Some("2025-12-15"),
            true,
            &[15, 3],
            &[12, 2],
            sessions("2025-11-02", 5, 2),
            "cbt",
            &["lena"],
        ),
    ]
}

fn rate(r: Option<Rate>) -> (u32, u32, f64, f64) {
    let r = r.expect("a rate");
    let round = |x: f64| (x * 10_000.0).round() / 10_000.0;
    (r.count, r.of, round(r.low), round(r.high))
}

fn the_report() -> OutcomeReport {
    report(
        &fixture(),
        day("2026-01-01"),
        day("2026-03-31"),
        Granularity::Month,
    )
}

#[test]
fn hand_computed_headline_and_funnel() {
    let r = the_report();
    assert_eq!((r.episodes, r.started, r.finished), (9, 8, 8));
    assert_eq!(
        r.funnel,
        Funnel {
            finished: 8,
            two_sessions: 6,
            paired: 5,
            case_at_start: 4,
            phq9_case_at_start: 5,
        }
    );
    assert_eq!(r.sessions_per_episode.total, 29);
    assert_eq!(r.sessions_per_episode.mean, Some(3.625));
    assert_eq!(r.sessions_per_episode.median, Some(3.5));
}

#[test]
fn hand_computed_rates_with_wilson_intervals() {
    // Wilson 95 % intervals: 2/4 → 0.1500–0.8500, 1/4 → 0.0456–0.6994, 2/5 → 0.1176–0.7693,
    // 1/5 → 0.0362–0.6245, 2/7 → 0.0822–0.6411, 12/29 → 0.2551–0.5926
    // (the sessions in the period: 6 + 1 + 4 + 3 + 5 + 5 of E6's 8 + 2 + 3 of E9; with a PHQ-9:
    // 3 + 1 + 2 + 2 + 2 + 0 + 2 + 0).
    let r = the_report().rates;
    assert_eq!(rate(r.recovery), (2, 4, 0.15, 0.85));
    assert_eq!(rate(r.reliable_recovery), (1, 4, 0.0456, 0.6994));
    assert_eq!(rate(r.reliable_improvement), (2, 4, 0.15, 0.85));
    assert_eq!(rate(r.reliable_deterioration), (1, 4, 0.0456, 0.6994));
    assert_eq!(rate(r.response), (2, 5, 0.1176, 0.7693));
    assert_eq!(rate(r.remission), (1, 5, 0.0362, 0.6245));
    assert_eq!(rate(r.dropout), (2, 7, 0.0822, 0.6411));
    assert_eq!(
        rate(the_report().phq9_session_share),
        (12, 29, 0.2551, 0.5926)
    );
}

#[test]
fn hand_computed_breakdowns() {
    let b = the_report().breakdowns;
    let keys = |rows: &Breakdown| -> Vec<(String, Option<u32>)> {
        rows.iter().map(|r| (r.key.clone(), r.finished)).collect()
    };
    let owned = |v: &[(&str, Option<u32>)]| -> Vec<(String, Option<u32>)> {
        v.iter().map(|(k, n)| (k.to_string(), *n)).collect()
    };
    assert_eq!(
        keys(&b.severity),
        owned(&[
            ("mild", Some(1)),
            ("moderate", Some(3)),
            ("moderately_severe", Some(3)),
            ("severe", Some(1)),
        ])
    );
    let moderate = &b.severity[1];
    assert!(matches!(moderate.rates.recovery, Cell::Rate(r) if (r.count, r.of) == (1, 2)));
    assert_eq!(
        keys(&b.approach),
        owned(&[
            ("behavioural_activation", Some(1)),
            ("cbt", Some(5)),
            ("interpersonal", Some(2)),
        ])
    );
    assert_eq!(
        keys(&b.period),
        owned(&[
            ("2026-01", Some(1)),
            ("2026-02", Some(2)),
            ("2026-03", Some(5))
        ])
    );
    // Small cells that name a clinician: Kofi has 3 finished episodes (hidden whole); Lena 6,
    // but only 3 in the recovery denominator (that cell hidden), 6 for dropout (shown).
    assert_eq!(
        keys(&b.clinician),
        owned(&[("kofi", None), ("lena", Some(6))])
    );
    assert_eq!(b.clinician[0].rates.dropout, Cell::TooFew);
    let lena = &b.clinician[1].rates;
    assert_eq!(lena.recovery, Cell::TooFew);
    assert!(matches!(lena.dropout, Cell::Rate(r) if (r.count, r.of) == (2, 6)));
}

#[test]
fn the_edge_cases_one_by_one() {
    let f = fixture();
    let one_session = classify(&f[1]);
    assert!(!one_session.two_sessions && one_session.dropout && !one_session.recovery.is_counted());
    let one_gad7 = classify(&f[2]);
    assert!(one_gad7.two_sessions && !one_gad7.paired && one_gad7.phq9_eligible);
    let below = classify(&f[3]);
    assert!(below.paired && !below.case_at_start && !below.phq9_eligible);
    let none = classify(&f[7]);
    assert!(!none.dropout_eligible && !none.dropout);
}

#[test]
fn an_empty_period_has_no_rates() {
    let r = report(
        &fixture(),
        day("2030-01-01"),
        day("2030-12-31"),
        Granularity::Month,
    );
    assert_eq!((r.episodes, r.finished), (1, 0)); // E9 is still open
    assert_eq!(r.rates, Rates::default());
    assert_eq!(r.sessions_per_episode.mean, None);
    assert!(r.breakdowns.severity.is_empty());
}

#[test]
fn granularity_by_span() {
    assert_eq!(
        Granularity::for_span(day("2025-04-01"), day("2026-03-31")),
        Granularity::Month
    );
    assert_eq!(
        Granularity::for_span(day("2024-01-01"), day("2026-03-31")),
        Granularity::Quarter
    );
    assert_eq!(Granularity::Quarter.key(day("2026-08-15")), "2026-Q3");
}

fn arb_episode() -> impl Strategy<Value = EpisodeFacts> {
    (
        0i64..120,
        proptest::option::of(0i64..60),
        any::<bool>(),
        proptest::collection::vec(0u8..=27, 0..6),
        proptest::collection::vec(0u8..=21, 0..6),
        proptest::collection::vec((0i64..180, any::<bool>()), 0..10),
        0usize..3,
    )
        .prop_map(|(start, length, planned, phq9, gad7, sessions, who)| {
            let origin = day("2026-01-01");
            let started_on = origin + chrono::Duration::days(start);
            EpisodeFacts {
                started_on,
                finished_on: length.map(|l| started_on + chrono::Duration::days(l)),
                planned_ending: planned,
                phq9,
                gad7,
                sessions: sessions
                    .into_iter()
                    .map(|(d, with_phq9)| SessionFact {
                        on: origin + chrono::Duration::days(d),
                        with_phq9,
                    })
                    .collect(),
                approach: Some(["cbt", "interpersonal", "psychodynamic"][who].to_string()),
                format: None,
                clinicians: vec![["a", "b", "c"][who].to_string()],
            }
        })
}

proptest! {
    #[test]
    fn the_funnel_narrows_and_numerators_fit(list in proptest::collection::vec(arb_episode(), 0..40)) {
        let r = report(&list, day("2026-01-01"), day("2026-06-30"), Granularity::Month);
        let f = r.funnel;
        prop_assert!(f.finished >= f.two_sessions && f.two_sessions >= f.paired && f.paired >= f.case_at_start);
        prop_assert!(f.two_sessions >= f.phq9_case_at_start);
        prop_assert!(r.finished <= r.episodes && r.started <= r.episodes);
        let rates = r.rates;
        let recovered = rates.recovery.map_or(0, |x| x.count);
        let reliably = rates.reliable_recovery.map_or(0, |x| x.count);
        prop_assert!(reliably <= recovered);
        let improved = rates.reliable_improvement.map_or(0, |x| x.count);
        let worse = rates.reliable_deterioration.map_or(0, |x| x.count);
        prop_assert!(improved + worse <= f.case_at_start);
        prop_assert!(reliably <= improved);
        let remitted = rates.remission.map_or(0, |x| x.count);
        prop_assert!(remitted <= rates.response.map_or(0, |x| x.count));
        for b in [&r.breakdowns.severity, &r.breakdowns.approach, &r.breakdowns.period] {
            let sum: u32 = b.iter().filter_map(|row| row.finished).sum();
            prop_assert_eq!(sum, f.finished);
        }
    }

    #[test]
    fn a_clinician_row_never_shows_fewer_than_five(list in proptest::collection::vec(arb_episode(), 0..40)) {
        let r = report(&list, day("2026-01-01"), day("2026-06-30"), Granularity::Month);
        for row in &r.breakdowns.clinician {
            match row.finished {
                Some(n) => prop_assert!(n >= 5),
                None => prop_assert_eq!(row.rates.recovery, Cell::TooFew),
            }
            for c in [row.rates.recovery, row.rates.response, row.rates.dropout] {
                if let Cell::Rate(x) = c {
                    prop_assert!(x.of >= 5);
                }
            }
        }
    }
}
