//! CLINICAL.md "Early warning" row warning signs.

use super::*;

// ---- warning signs -----------------------------------------------------------------------

fn sign(id: &str) -> WarningSignId {
    WarningSignId(id.to_string())
}

fn with_signs(days: &[i64]) -> ClientData {
    let mut data = client();
    data.own_warning_signs = vec![sign("withdrawing"), sign("skipping meals")];
    data.check_ins = days
        .iter()
        .map(|&d| CheckIn {
            warning_signs: vec![sign("withdrawing")],
            ..ok_check_in(d)
        })
        .collect();
    data.check_ins.push(ok_check_in(TODAY));
    data
}

#[test]
fn warning_signs_own_sign_on_1_vs_2_of_the_last_7_days() {
    // CLINICAL.md "warning signs | the client … reports one of the client's own early
    // warning signs on 2 of the last 7 days | medium".
    assert!(!fires(&with_signs(&[TODAY]), Rule::WarningSignDays));
    let t = only(&with_signs(&[TODAY, TODAY - 6]), Rule::WarningSignDays);
    assert_eq!((t.kind, t.level), (FlagKind::WarningSigns, Level::Medium));
    assert_eq!(t.evidence.len(), 2);
    // Day 7 back is outside the window; the same day twice is one day.
    assert!(!fires(
        &with_signs(&[TODAY, TODAY - 7]),
        Rule::WarningSignDays
    ));
    assert!(!fires(&with_signs(&[TODAY, TODAY]), Rule::WarningSignDays));
    // Future-dated reports are ignored.
    assert!(!fires(
        &with_signs(&[TODAY, TODAY + 1]),
        Rule::WarningSignDays
    ));
}

#[test]
fn warning_signs_reported_by_a_family_member_and_other_signs() {
    // CLINICAL.md "the client (or a consented family member) reports".
    let mut data = with_signs(&[TODAY]);
    data.sign_reports = vec![SignReport {
        day: Day(TODAY - 3),
        sign: sign("skipping meals"),
        reporter: Reporter::FamilyMember,
    }];
    let t = only(&data, Rule::WarningSignDays);
    assert!(t.evidence.contains(&Evidence::WarningSign {
        day: Day(TODAY - 3),
        sign: sign("skipping meals"),
        reporter: Reporter::FamilyMember,
    }));
    // A sign that is not on the client's own list does not count.
    data.sign_reports[0].sign = sign("something else");
    assert!(!fires(&data, Rule::WarningSignDays));
}

#[test]
fn warning_signs_client_and_family_count_the_same_each_day_once() {
    // CLINICAL.md "the client or a consented family member (their reports count the same,
    // each day once) reports one of the client's own early warning signs on 2 of the last 7
    // days".
    let report = |day: i64, reporter: Reporter| SignReport {
        day: Day(day),
        sign: sign("withdrawing"),
        reporter,
    };
    // The client today and a family member on the same day: one day, no flag.
    let mut data = with_signs(&[TODAY]);
    data.sign_reports = vec![report(TODAY, Reporter::FamilyMember)];
    assert!(!fires(&data, Rule::WarningSignDays));
    // A family member alone on two days: flagged, as the client would be.
    let mut data = client();
    data.own_warning_signs = vec![sign("withdrawing")];
    data.sign_reports = vec![
        report(TODAY, Reporter::FamilyMember),
        report(TODAY - 4, Reporter::FamilyMember),
    ];
    assert!(fires(&data, Rule::WarningSignDays));
    // One day by the client, another by a family member: two days.
    data.sign_reports = vec![
        report(TODAY, Reporter::Client),
        report(TODAY - 4, Reporter::FamilyMember),
    ];
    assert!(fires(&data, Rule::WarningSignDays));
    // Both on one day and nobody on another: still one day.
    data.sign_reports = vec![
        report(TODAY - 4, Reporter::Client),
        report(TODAY - 4, Reporter::FamilyMember),
    ];
    assert!(!fires(&data, Rule::WarningSignDays));
}

fn with_moods(moods: &[(i64, u8)]) -> ClientData {
    let mut data = client();
    data.check_ins = moods
        .iter()
        .map(|&(day, mood)| CheckIn {
            mood,
            ..ok_check_in(day)
        })
        .collect();
    data
}

#[test]
fn warning_signs_mood_4_vs_3_on_3_consecutive_check_ins() {
    // CLINICAL.md "warning signs | … mood ≤ 3 on 3 consecutive check-ins within 5 days".
    let days = |m: u8| with_moods(&[(TODAY - 2, m), (TODAY - 1, 3), (TODAY, 3)]);
    assert!(!fires(&days(4), Rule::LowMoodRun));
    let t = only(&days(3), Rule::LowMoodRun);
    assert_eq!(t.level, Level::Medium);
    assert_eq!(t.evidence.len(), 3);
    // Two consecutive check-ins are not enough, three are.
    assert!(!fires(
        &with_moods(&[(TODAY - 1, 2), (TODAY, 2)]),
        Rule::LowMoodRun
    ));
    // A run within the last 7 days counts even if it has ended.
    assert!(fires(
        &with_moods(&[(TODAY - 6, 1), (TODAY - 5, 1), (TODAY - 4, 1), (TODAY, 8)]),
        Rule::LowMoodRun
    ));
    assert!(!fires(
        &with_moods(&[(TODAY - 7, 1), (TODAY - 6, 1), (TODAY - 5, 1), (TODAY, 8)]),
        Rule::LowMoodRun
    ));
    // Two check-ins on one day: the lower mood counts.
    assert!(fires(
        &with_moods(&[(TODAY - 2, 2), (TODAY - 1, 7), (TODAY - 1, 3), (TODAY, 3)]),
        Rule::LowMoodRun
    ));
}

#[test]
fn warning_signs_low_mood_a_gap_day_does_not_break_the_run() {
    // CLINICAL.md "(a day without a check-in does not break the run)": days −3, −2 and 0.
    let t = only(
        &with_moods(&[(TODAY - 3, 2), (TODAY - 2, 2), (TODAY, 2)]),
        Rule::LowMoodRun,
    );
    assert_eq!(
        t.evidence,
        vec![
            Evidence::Mood {
                day: Day(TODAY - 3),
                mood: 2
            },
            Evidence::Mood {
                day: Day(TODAY - 2),
                mood: 2
            },
            Evidence::Mood {
                day: Day(TODAY),
                mood: 2
            },
        ]
    );
    // A check-in with mood above 3 does break it.
    assert!(!fires(
        &with_moods(&[(TODAY - 3, 2), (TODAY - 2, 2), (TODAY - 1, 5), (TODAY, 2)]),
        Rule::LowMoodRun
    ));
}

#[test]
fn warning_signs_low_mood_within_5_vs_6_days() {
    // CLINICAL.md "3 consecutive check-ins within 5 days": first and last at most 4 days
    // apart (days −4 … 0 are 5 days).
    assert!(fires(
        &with_moods(&[(TODAY - 4, 3), (TODAY - 2, 3), (TODAY, 3)]),
        Rule::LowMoodRun
    ));
    assert!(!fires(
        &with_moods(&[(TODAY - 5, 3), (TODAY - 2, 3), (TODAY, 3)]),
        Rule::LowMoodRun
    ));
    // Four low check-ins over 6 days: the last three are within 5.
    assert!(fires(
        &with_moods(&[(TODAY - 5, 3), (TODAY - 4, 3), (TODAY - 1, 3), (TODAY, 3)]),
        Rule::LowMoodRun
    ));
}

#[test]
fn warning_signs_medication_missed_2_vs_3_of_the_last_7_days() {
    // CLINICAL.md "warning signs | medication missed on ≥ 3 of the last 7 days".
    let missed = |days: &[i64]| {
        let mut data = client();
        data.check_ins.extend(days.iter().map(|&d| CheckIn {
            medication: Medication::Missed,
            ..ok_check_in(d)
        }));
        data
    };
    assert!(!fires(&missed(&[TODAY, TODAY - 6]), Rule::MedicationMissed));
    assert!(!fires(
        &missed(&[TODAY, TODAY - 6, TODAY - 7]),
        Rule::MedicationMissed
    ));
    let t = only(
        &missed(&[TODAY, TODAY - 3, TODAY - 6]),
        Rule::MedicationMissed,
    );
    assert_eq!(t.level, Level::Medium);
    assert_eq!(t.evidence.len(), 3);
}

/// Usual sleep of 7.5 h on the 14 days before the last 3 nights, then the given 3 nights.
fn with_sleep(usual_nights: i64, last_three: [f64; 3]) -> ClientData {
    let mut data = client();
    data.check_ins = (0..usual_nights)
        .map(|i| ok_check_in(TODAY - 3 - i))
        .chain(last_three.iter().enumerate().map(|(i, &h)| CheckIn {
            sleep_hours: h,
            ..ok_check_in(TODAY - 2 + i as i64)
        }))
        .collect();
    data
}

#[test]
fn warning_signs_sleep_1_75_vs_2_hours_off_the_median_for_3_nights() {
    // CLINICAL.md "warning signs | sleep ±2 h from the client's 14-day median for 3 nights".
    assert!(!fires(
        &with_sleep(14, [5.75, 5.75, 5.75]),
        Rule::SleepChange
    ));
    assert!(!fires(
        &with_sleep(14, [9.25, 9.25, 9.25]),
        Rule::SleepChange
    ));
    let t = only(&with_sleep(14, [5.5, 5.5, 5.5]), Rule::SleepChange);
    assert_eq!(t.level, Level::Medium);
    assert_eq!(
        t.evidence.first(),
        Some(&Evidence::Sleep {
            day: Day(TODAY - 2),
            hours: 5.5,
            median: 7.5
        })
    );
    assert!(fires(&with_sleep(14, [9.5, 9.5, 9.5]), Rule::SleepChange));
    assert!(
        fires(&with_sleep(14, [5.0, 10.0, 4.0]), Rule::SleepChange),
        "either way"
    );
    assert!(
        !fires(&with_sleep(14, [5.0, 7.5, 4.0]), Rule::SleepChange),
        "not running"
    );
}

#[test]
fn warning_signs_sleep_median_needs_7_nights() {
    assert!(!fires(&with_sleep(6, [3.0, 3.0, 3.0]), Rule::SleepChange));
    assert!(fires(&with_sleep(7, [3.0, 3.0, 3.0]), Rule::SleepChange));
    let mut nan = with_sleep(14, [3.0, 3.0, 3.0]);
    for c in nan.check_ins.iter_mut() {
        c.sleep_hours = f64::NAN;
    }
    assert!(!fires(&nan, Rule::SleepChange));
}

#[test]
fn warning_signs_sleep_reads_the_diary_where_a_night_has_one() {
    // Check-ins say 5.5 h on the last 3 nights (fires), but the diary says 7 h asleep on the
    // middle night: the diary wins for that night and the run is broken.
    let mut data = with_sleep(14, [5.5, 5.5, 5.5]);
    assert!(fires(&data, Rule::SleepChange));
    data.sleep_diary = vec![DiaryNight {
        day: Day(TODAY - 1),
        hours: 7.0,
    }];
    assert!(!fires(&data, Rule::SleepChange));
    // And the other way: check-ins at the usual 7.5 h, the diary's time asleep 4 h on the
    // last 3 nights.
    let mut data = with_sleep(14, [7.5, 7.5, 7.5]);
    assert!(!fires(&data, Rule::SleepChange));
    data.sleep_diary = (0..3)
        .map(|i| DiaryNight {
            day: Day(TODAY - 2 + i),
            hours: 4.0,
        })
        .collect();
    let t = only(&data, Rule::SleepChange);
    assert_eq!(
        t.evidence.first(),
        Some(&Evidence::Sleep {
            day: Day(TODAY - 2),
            hours: 4.0,
            median: 7.5
        })
    );
}
