//! Property tests of the early-warning rules.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

use super::super::*;
use crate::outcomes::{Day, Remission, SECONDS_PER_DAY, Timestamp};

fn timestamp() -> impl Strategy<Value = Timestamp> {
    prop_oneof![
        any::<i64>().prop_map(Timestamp),
        (-1_000i64..1_000).prop_map(|d| Timestamp(d * SECONDS_PER_DAY)),
    ]
}

fn day() -> impl Strategy<Value = Day> {
    prop_oneof![any::<i64>().prop_map(Day), (-50i64..50).prop_map(Day)]
}

fn phq9_point() -> impl Strategy<Value = Phq9Point> {
    (
        timestamp(),
        option::of(any::<u8>()),
        option::of(any::<u8>()),
    )
        .prop_map(|(at, total, item9)| Phq9Point { at, total, item9 })
}

fn sign() -> impl Strategy<Value = WarningSignId> {
    prop_oneof![Just("a"), Just("b"), Just("c")].prop_map(|s| WarningSignId(s.to_string()))
}

fn medication() -> impl Strategy<Value = Medication> {
    prop_oneof![
        Just(Medication::Taken),
        Just(Medication::Missed),
        Just(Medication::NotPrescribed)
    ]
}

fn check_in() -> impl Strategy<Value = CheckIn> {
    (
        day(),
        any::<u8>(),
        prop_oneof![any::<f64>(), (0u32..=96).prop_map(|q| f64::from(q) / 4.0)],
        medication(),
        vec(sign(), 0..3),
    )
        .prop_map(
            |(day, mood, sleep_hours, medication, warning_signs)| CheckIn {
                day,
                mood,
                sleep_hours,
                medication,
                warning_signs,
            },
        )
}

fn scheduled() -> impl Strategy<Value = Scheduled> {
    (
        timestamp(),
        prop_oneof![Just(Appointment::Measure), Just(Appointment::Session)],
        option::of(prop_oneof![
            Just(Attendance::Attended),
            Just(Attendance::Missed),
            Just(Attendance::Cancelled)
        ]),
    )
        .prop_map(|(at, what, attendance)| Scheduled {
            at,
            what,
            attendance,
        })
}

fn feedback() -> impl Strategy<Value = SessionFeedback> {
    (timestamp(), any::<[u8; 4]>()).prop_map(|(at, [heard, worked_on, approach, overall])| {
        SessionFeedback {
            at,
            heard,
            worked_on,
            approach,
            overall,
        }
    })
}

prop_compose! {
    fn client_data()(
        now in timestamp(),
        today in day(),
        new_since in option::of(timestamp()),
        episode in option::of((timestamp(), day(), any::<bool>())),
        carried in option::of((timestamp(), any::<u8>())),
        phq9 in vec(phq9_point(), 0..40),
        risk in option::of((timestamp(), any::<bool>())),
        check_ins in vec(check_in(), 0..40),
        own_warning_signs in vec(sign(), 0..3),
        sign_reports in vec((day(), sign(), any::<bool>()), 0..10),
        scheduled in vec(scheduled(), 0..12),
        feedback in vec(feedback(), 0..12),
    ) -> ClientData {
        ClientData {
            now,
            today,
            new_since,
            episode: episode.map(|(started_at, started_on, active)| Episode { started_at, started_on, active }),
            carried_in_remission: carried.map(|(since, low)| Remission { since, low }),
            phq9,
            risk_assessment: risk.map(|(at, judged_high)| RiskAssessment { at, judged_high }),
            check_ins,
            own_warning_signs,
            sign_reports: sign_reports
                .into_iter()
                .map(|(day, sign, family)| SignReport {
                    day,
                    sign,
                    reporter: if family { Reporter::FamilyMember } else { Reporter::Client },
                })
                .collect(),
            scheduled,
            feedback,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// CLINICAL.md "safety | PHQ-9 item 9 ≥ 1, whatever the total | critical": whatever else
    /// the data holds, a latest PHQ-9 with item 9 ≥ 1 always yields a critical safety trigger.
    #[test]
    fn latest_item9_always_flags_safety(
        mut data in client_data(),
        total in option::of(any::<u8>()),
        item9 in 1u8..=255,
    ) {
        let latest = data.phq9.iter().map(|p| p.at).max().unwrap_or(Timestamp(0));
        // Appended last, at the latest instant: the latest measure (ties keep input order).
        data.phq9.push(Phq9Point { at: latest, total, item9: Some(item9) });
        let triggers = evaluate(&data, None);
        prop_assert!(triggers.iter().any(|t| t.kind == FlagKind::Safety
            && t.level == Level::Critical
            && t.rule_id == Rule::SafetyItem9.id()));
        // And it opens (or feeds) a safety flag.
        let routing = route_triggers::<u8>(&[], triggers);
        prop_assert_eq!(routing.open.first().map(|f| (f.kind, f.level)),
            Some((FlagKind::Safety, Level::Critical)));
    }

    /// `Needs::of` is all a kind's rules read: with every other part left out, a kind's
    /// triggers are exactly the same. (The app loads only these parts after a write, so a
    /// rule reading more than its needs say would go silent there.)
    #[test]
    fn each_kind_reads_only_what_its_needs_say(data in client_data()) {
        let all = evaluate(&data, None);
        for kind in FlagKind::ALL {
            let partial = evaluate(&data.clone().only(Needs::of(&[kind])), None);
            let of_kind = |ts: &[Trigger]| ts.iter().filter(|t| t.kind == kind).cloned().collect::<Vec<_>>();
            prop_assert_eq!(of_kind(&partial), of_kind(&all), "{:?}", kind);
        }
    }

    /// Evaluation never panics, whatever the data (empty, huge, unsorted, NaN sleep).
    #[test]
    fn evaluation_never_panics(data in client_data()) {
        let triggers = evaluate(&data, None);
        for t in &triggers {
            prop_assert_eq!(t.level, t.kind.level());
        }
        let open: Vec<OpenFlag<usize>> = triggers
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(id, t)| OpenFlag { id, kind: t.kind })
            .collect();
        let routing = route_triggers(&open, triggers.clone());
        let routed: usize = routing.add_evidence.iter().map(|a| a.triggers.len()).sum::<usize>()
            + routing.open.iter().map(|f| f.triggers.len()).sum::<usize>();
        prop_assert_eq!(routed, triggers.len());
    }

    /// The order lists come in does not matter (for distinct times).
    #[test]
    fn input_order_does_not_matter(
        totals in vec((option::of(0u8..=27), option::of(0u8..=3)), 0..20),
        answers in vec(any::<[u8; 4]>(), 0..8),
    ) {
        let mut data = ClientData {
            now: Timestamp(1_000 * SECONDS_PER_DAY),
            today: Day(1_000),
            phq9: totals
                .iter()
                .enumerate()
                .map(|(i, &(total, item9))| Phq9Point { at: Timestamp(i as i64 * 7 * SECONDS_PER_DAY), total, item9 })
                .collect(),
            feedback: answers
                .iter()
                .enumerate()
                .map(|(i, &[heard, worked_on, approach, overall])| SessionFeedback {
                    at: Timestamp(i as i64 * 7 * SECONDS_PER_DAY),
                    heard, worked_on, approach, overall,
                })
                .collect(),
            ..ClientData::default()
        };
        let forwards = evaluate(&data, None);
        data.phq9.reverse();
        data.feedback.reverse();
        prop_assert_eq!(evaluate(&data, None), forwards);
    }
}
