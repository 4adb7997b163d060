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

fn phase() -> impl Strategy<Value = Phase> {
    prop_oneof![
        Just(Phase::Consultation),
        Just(Phase::Active),
        Just(Phase::Maintenance),
        Just(Phase::Closed)
    ]
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
        option::of(any::<bool>()),
    )
        .prop_map(
            |(day, mood, sleep_hours, medication, warning_signs, self_harm_thoughts)| CheckIn {
                day,
                mood,
                sleep_hours,
                medication,
                warning_signs,
                self_harm_thoughts,
            },
        )
}

fn scheduled() -> impl Strategy<Value = Scheduled> {
    (
        timestamp(),
        prop_oneof![
            Just(Appointment::Measure),
            Just(Appointment::Session),
            Just(Appointment::Homework)
        ],
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
        episode in option::of((timestamp(), day(), phase())),
        carried in option::of((timestamp(), any::<u8>(), timestamp())),
        phq9 in vec(phq9_point(), 0..40),
        gad7 in vec((timestamp(), any::<u8>()), 0..20),
        gad7_is_target in any::<bool>(),
        risk in option::of((timestamp(), any::<bool>())),
        check_ins in vec(check_in(), 0..40),
        own_warning_signs in vec(sign(), 0..3),
        sign_reports in vec((day(), sign(), any::<bool>()), 0..10),
        sleep_diary in vec((day(), prop_oneof![any::<f64>(), (0u32..=96).prop_map(|q| f64::from(q) / 4.0)]), 0..10),
        scheduled in vec(scheduled(), 0..12),
        feedback in vec(feedback(), 0..12),
        fibser in vec((timestamp(), any::<u8>(), any::<u8>(), any::<u8>()), 0..8),
    ) -> ClientData {
        ClientData {
            now,
            today,
            new_since,
            episode: episode.map(|(started_at, started_on, phase)| Episode { started_at, started_on, phase }),
            carried_in_remission: carried.map(|(since, low, ended_at)| CarriedRemission {
                remission: Remission { since, low },
                ended_at,
            }),
            phq9,
            phq9_progress: None,
            gad7: gad7.into_iter().map(|(at, total)| Gad7Point { at, total }).collect(),
            gad7_is_target,
            risk_assessment: risk.map(|(at, judged_high)| RiskAssessment { at, judged_high }),
            check_ins,
            sleep_diary: sleep_diary.into_iter().map(|(day, hours)| DiaryNight { day, hours }).collect(),
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
            fibser: fibser
                .into_iter()
                .map(|(at, frequency, intensity, burden)| FibserPoint { at, frequency, intensity, burden })
                .collect(),
        }
    }
}

prop_compose! {
    /// Client data whose check-ins, sleep-diary nights and warning-sign reports fall in the
    /// last three weeks, where the daily rules look (random days almost never land there).
    fn recent_client_data()(
        mut data in client_data(),
        check_in_days in vec(0i64..21, 40),
        diary in vec((0i64..21, (0u32..=48).prop_map(|q| f64::from(q) / 4.0)), 0..15),
        report_days in vec(0i64..21, 10),
    ) -> ClientData {
        data.today = Day(0);
        for (c, back) in data.check_ins.iter_mut().zip(check_in_days) {
            c.day = Day(-back);
        }
        data.sleep_diary = diary
            .into_iter()
            .map(|(back, hours)| DiaryNight { day: Day(-back), hours })
            .collect();
        for (r, back) in data.sign_reports.iter_mut().zip(report_days) {
            r.day = Day(-back);
        }
        data
    }
}

/// Each rule's triggers are the same with only what `Needs::of_rules` names.
fn rules_read_only_their_needs(data: &ClientData) -> Result<(), TestCaseError> {
    let all = evaluate(data, None);
    for rule in Rule::ALL {
        let partial = evaluate(&data.clone().only(Needs::of_rules(&[rule])), None);
        let of_rule = |ts: &[Trigger]| {
            ts.iter()
                .filter(|t| t.rule_id == rule.id())
                .cloned()
                .collect::<Vec<_>>()
        };
        prop_assert_eq!(of_rule(&partial), of_rule(&all), "{:?}", rule);
    }
    Ok(())
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

    /// `Needs::of_rules` is all a rule reads: the app loads only what the rules a write can
    /// trigger need (a check-in: the warning-sign rules and the self-harm question's safety
    /// rule), so every rule is held to its own needs too.
    #[test]
    fn each_rule_reads_only_what_its_needs_say(data in client_data()) {
        rules_read_only_their_needs(&data)?;
    }

    /// The same in the last three weeks, where the check-in rules (low mood, sleep, warning
    /// signs) fire: a rule that read the sleep diary or the signs without needing them would
    /// go silent after a check-in.
    #[test]
    fn each_rule_reads_only_what_its_needs_say_in_recent_days(data in recent_client_data()) {
        rules_read_only_their_needs(&data)?;
    }


    /// Evaluation never panics, whatever the data (empty, huge, unsorted, NaN sleep).
    #[test]
    fn evaluation_never_panics(data in client_data()) {
        let triggers = evaluate(&data, None);
        for t in &triggers {
            let rule = Rule::ALL.into_iter().find(|r| r.id() == t.rule_id);
            prop_assert_eq!(Some(t.level), rule.map(Rule::level));
            prop_assert_eq!(Some(t.kind), rule.map(Rule::kind));
        }
        let open: Vec<OpenFlag<usize>> = triggers
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(id, t)| OpenFlag { id, kind: t.kind, level: t.level })
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// CLINICAL.md "Item 9 left unanswered … a medium safety flag": a latest PHQ-9 whose item
    /// 9 is blank always yields the medium safety trigger, whatever else the data holds.
    #[test]
    fn latest_item9_blank_always_flags_medium_safety(mut data in client_data(), total in option::of(any::<u8>())) {
        let latest = data.phq9.iter().map(|p| p.at).max().unwrap_or(Timestamp(0));
        data.phq9.push(Phq9Point { at: latest, total, item9: None });
        let t = evaluate(&data, None);
        prop_assert!(t.iter().any(|t| t.rule_id == Rule::SafetyItem9Unanswered.id()
            && t.kind == FlagKind::Safety && t.level == Level::Medium));
    }

    /// CLINICAL.md "'yes' is the same as item 9 ≥ 1": a check-in today answering yes always
    /// yields a critical safety trigger.
    #[test]
    fn self_harm_yes_today_always_flags(mut data in client_data(), mood in 0u8..=10) {
        data.check_ins.push(CheckIn {
            day: data.today,
            mood,
            sleep_hours: 7.0,
            medication: Medication::Taken,
            warning_signs: vec![],
            self_harm_thoughts: Some(true),
        });
        prop_assert!(evaluate(&data, None).iter().any(|t| t.rule_id == Rule::SafetySelfHarmCheckIn.id()
            && t.level == Level::Critical));
    }

    /// CLINICAL.md "no check-in for 14 days in an *active* episode": never in maintenance,
    /// closed or without an episode.
    #[test]
    fn no_check_in_only_in_active_episodes(data in client_data()) {
        let active = data.episode.is_some_and(|e| e.phase == Phase::Active);
        if !active {
            prop_assert!(!evaluate(&data, None).iter().any(|t| t.rule_id == Rule::NoCheckIn.id()));
        }
    }

    /// CLINICAL.md "GAD-7 up ≥ 4 … when GAD-7 is a target measure": never otherwise; and as a
    /// target, a latest GAD-7 4 or more above the episode's first always flags.
    #[test]
    fn gad7_deterioration_only_as_a_target(
        mut data in client_data(),
        totals in vec(0u8..=21, 1..8),
        rise in 4u8..=10,
    ) {
        data.episode = None;
        data.new_since = None;
        data.gad7 = totals.iter().enumerate()
            .map(|(i, &total)| Gad7Point { at: Timestamp(i as i64 * 7 * SECONDS_PER_DAY), total })
            .collect();
        let first = totals[0];
        data.gad7.push(Gad7Point {
            at: Timestamp(totals.len() as i64 * 7 * SECONDS_PER_DAY),
            total: first.saturating_add(rise),
        });
        let gad7_rules = |d: &ClientData| evaluate(d, None).into_iter()
            .filter(|t| t.rule_id == Rule::Gad7DeteriorationFromBaseline.id()
                || t.rule_id == Rule::Gad7DeteriorationFromLowest.id())
            .collect::<Vec<_>>();
        data.gad7_is_target = false;
        prop_assert!(gad7_rules(&data).is_empty());
        data.gad7_is_target = true;
        prop_assert!(gad7_rules(&data).iter().any(|t| t.rule_id == Rule::Gad7DeteriorationFromBaseline.id()
            && t.kind == FlagKind::Deterioration && t.level == Level::High));
    }

    /// CLINICAL.md "Relapse: after sustained remission, PHQ-9 ≥ 10": whenever the relapse flag
    /// rises, the flagged total is 10 or more and the remission was sustained (a measure below
    /// 5 at least 14 days after it began) or carried across a closed episode.
    #[test]
    fn relapse_only_after_a_sustained_or_carried_remission(
        weekly in vec((0u8..=27, 0i64..=20), 1..30),
        carried in option::of((0u8..5, -400i64..0)),
    ) {
        let mut day = 0;
        let phq9: Vec<Phq9Point> = weekly.iter().map(|&(total, gap)| {
            day += gap;
            Phq9Point { at: Timestamp(day * SECONDS_PER_DAY), total: Some(total), item9: Some(0) }
        }).collect();
        let data = ClientData {
            now: Timestamp((day + 1) * SECONDS_PER_DAY),
            today: Day(day + 1),
            new_since: Some(Timestamp(i64::MIN)),
            carried_in_remission: carried.map(|(low, ended)| CarriedRemission {
                remission: Remission { since: Timestamp((ended - 30) * SECONDS_PER_DAY), low },
                ended_at: Timestamp(ended * SECONDS_PER_DAY),
            }),
            phq9,
            ..ClientData::default()
        };
        for t in evaluate(&data, None).iter().filter(|t| t.kind == FlagKind::Relapse) {
            let flagged = t.evidence.iter().find_map(|e| match e {
                Evidence::Phq9 { role: MeasureRole::Flagged, total, at, .. } => Some((*total, *at)),
                _ => None,
            });
            prop_assert!(flagged.is_some_and(|(total, _)| total >= Some(10)));
            let since = t.evidence.iter().find_map(|e| match e {
                Evidence::Remission { since, .. } => Some(*since),
                _ => None,
            });
            let sustained = t.evidence.iter().any(|e| matches!(e,
                Evidence::Phq9 { role: MeasureRole::Sustained, at, total: Some(total), .. }
                    if *total < 5 && since.is_some_and(|s| at.0 - s.0 >= 14 * SECONDS_PER_DAY)));
            let carried_in = t.evidence.iter().any(|e| matches!(e,
                Evidence::CarriedRemission { ended_at }
                    if flagged.is_some_and(|(_, at)| at.0 - ended_at.0 <= 365 * SECONDS_PER_DAY)));
            prop_assert!(sustained || carried_in, "{:#?}", t);
        }
    }

    /// CLINICAL.md "mood ≤ 3 on 3 consecutive check-ins within 5 days (a day without a
    /// check-in does not break the run)": three low check-ins ending today with gaps adding up
    /// to at most 2 days always flag; spread over more than 5 days, they never do.
    #[test]
    fn low_mood_run_with_gap_days(gap_a in 0i64..=4, gap_b in 0i64..=4, moods in [0u8..=3, 0u8..=3, 0u8..=3]) {
        let today = 100;
        let days = [today - 2 - gap_a - gap_b, today - 1 - gap_b, today];
        let data = ClientData {
            now: Timestamp(today * SECONDS_PER_DAY),
            today: Day(today),
            check_ins: days.iter().zip(moods).map(|(&d, mood)| CheckIn {
                day: Day(d),
                mood,
                sleep_hours: 7.0,
                medication: Medication::Taken,
                warning_signs: vec![],
                self_harm_thoughts: None,
            }).collect(),
            ..ClientData::default()
        };
        let fires = evaluate(&data, None).iter().any(|t| t.rule_id == Rule::LowMoodRun.id());
        prop_assert_eq!(fires, gap_a + gap_b <= 2);
    }

    /// The question about self-harm is always asked after an item 9 ≥ 1, and after a safety
    /// flag exactly when it is at most 90 days old.
    #[test]
    fn ask_about_self_harm_rule(now in -1_000_000i64..1_000_000, item9 in option::of(0u8..=3), ago in option::of(0i64..200)) {
        let now_ts = Timestamp(now * 1_000);
        let flag = ago.map(|d| Timestamp(now_ts.0 - d * SECONDS_PER_DAY));
        let asked = ask_about_self_harm(now_ts, item9, flag);
        prop_assert_eq!(asked, item9.is_some_and(|i| i >= 1) || ago.is_some_and(|d| d <= 90));
    }
}
