//! CLINICAL.md "Early warning" rows disengagement and alliance.

use super::*;

// ---- disengagement -----------------------------------------------------------------------

fn scheduled(entries: &[(i64, Appointment, Option<Attendance>)]) -> ClientData {
    let mut data = client();
    data.scheduled = entries
        .iter()
        .map(|&(w, what, attendance)| Scheduled {
            at: Timestamp(TODAY * SECONDS_PER_DAY - w * 7 * SECONDS_PER_DAY),
            what,
            attendance,
        })
        .collect();
    data
}

#[test]
fn disengagement_two_missed_in_a_row() {
    // CLINICAL.md "disengagement | two scheduled measures or sessions missed in a row | low".
    use Appointment::{Measure, Session};
    use Attendance::{Attended, Cancelled, Missed};
    // (weeks ago, what, outcome)
    assert!(!fires(
        &scheduled(&[
            (3, Session, Some(Missed)),
            (2, Session, Some(Attended)),
            (1, Session, Some(Missed))
        ]),
        Rule::MissedInARow
    ));
    let t = only(
        &scheduled(&[
            (3, Session, Some(Attended)),
            (2, Session, Some(Missed)),
            (1, Session, Some(Missed)),
        ]),
        Rule::MissedInARow,
    );
    assert_eq!((t.kind, t.level), (FlagKind::Disengagement, Level::Low));
    assert_eq!(t.evidence.len(), 2);
    // A measure and then a session, both missed.
    assert!(fires(
        &scheduled(&[(2, Measure, Some(Missed)), (1, Session, Some(Missed))]),
        Rule::MissedInARow
    ));
    // Two measures missed while the sessions in between were attended.
    assert!(fires(
        &scheduled(&[
            (4, Measure, Some(Missed)),
            (3, Session, Some(Attended)),
            (2, Measure, Some(Missed)),
            (1, Session, Some(Attended))
        ]),
        Rule::MissedInARow
    ));
    // Cancelled ones are skipped; not-yet-known and future ones are ignored.
    assert!(fires(
        &scheduled(&[
            (3, Session, Some(Missed)),
            (2, Session, Some(Cancelled)),
            (1, Session, Some(Missed)),
            (0, Session, None)
        ]),
        Rule::MissedInARow
    ));
    assert!(!fires(
        &scheduled(&[(2, Session, Some(Missed)), (-1, Session, Some(Missed))]),
        Rule::MissedInARow
    ));
}

#[test]
fn missed_homework_is_a_missed_scheduled_item() {
    use Appointment::{Homework, Measure, Session};
    use Attendance::{Attended, Missed};
    // A measure missed, then the homework due after it.
    assert!(fires(
        &scheduled(&[(2, Measure, Some(Missed)), (1, Homework, Some(Missed))]),
        Rule::MissedInARow
    ));
    assert!(fires(
        &scheduled(&[(2, Homework, Some(Missed)), (1, Homework, Some(Missed))]),
        Rule::MissedInARow
    ));
    // Homework sent breaks a run; missed homework between attended sessions is no run.
    assert!(!fires(
        &scheduled(&[(2, Session, Some(Missed)), (1, Homework, Some(Attended))]),
        Rule::MissedInARow
    ));
    assert!(!fires(
        &scheduled(&[
            (4, Session, Some(Attended)),
            (3, Homework, Some(Missed)),
            (2, Session, Some(Attended)),
            (1, Homework, Some(Missed)),
            (0, Session, Some(Attended))
        ]),
        Rule::MissedInARow
    ));
}

#[test]
fn disengagement_13_vs_14_days_without_check_in() {
    // CLINICAL.md "disengagement | … or no check-in for 14 days in an active episode | low".
    let last_check_in = |days_ago: i64| {
        let mut data = client();
        data.check_ins = vec![ok_check_in(TODAY - days_ago)];
        data
    };
    assert!(!fires(&last_check_in(13), Rule::NoCheckIn));
    let t = only(&last_check_in(14), Rule::NoCheckIn);
    assert_eq!(t.level, Level::Low);
    assert_eq!(
        t.evidence,
        vec![Evidence::NoCheckIn {
            last: Some(Day(TODAY - 14)),
            days_without: 14
        }]
    );
    // Not in a finished episode, nor without one.
    let mut data = last_check_in(30);
    data.episode = data.episode.map(|e| Episode {
        phase: Phase::Closed,
        ..e
    });
    assert!(!fires(&data, Rule::NoCheckIn));
    data.episode = None;
    assert!(!fires(&data, Rule::NoCheckIn));
}

#[test]
fn disengagement_no_check_in_only_in_an_active_episode_not_maintenance() {
    // CLINICAL.md "no check-in for 14 days in an *active* episode (a maintenance episode is
    // watched by its monthly PHQ-9 only)".
    let mut data = client();
    data.check_ins = vec![ok_check_in(TODAY - 20)];
    assert!(fires(&data, Rule::NoCheckIn));
    data.episode = data.episode.map(|e| Episode {
        phase: Phase::Maintenance,
        ..e
    });
    assert!(evaluate(&data, None).is_empty());
    // Its monthly PHQ-9s missed twice in a row still count.
    data.scheduled = vec![
        Scheduled {
            at: Timestamp((TODAY - 60) * SECONDS_PER_DAY),
            what: Appointment::Measure,
            attendance: Some(Attendance::Missed),
        },
        Scheduled {
            at: Timestamp((TODAY - 30) * SECONDS_PER_DAY),
            what: Appointment::Measure,
            attendance: Some(Attendance::Missed),
        },
    ];
    assert_eq!(rules(&data), [Rule::MissedInARow.id()]);
}

#[test]
fn disengagement_counted_from_the_episode_start() {
    let mut data = client();
    data.check_ins.clear();
    data.episode = Some(Episode {
        started_at: Timestamp(0),
        started_on: Day(TODAY - 13),
        phase: Phase::Active,
    });
    assert!(!fires(&data, Rule::NoCheckIn));
    data.episode = Some(Episode {
        started_at: Timestamp(0),
        started_on: Day(TODAY - 14),
        phase: Phase::Active,
    });
    assert!(fires(&data, Rule::NoCheckIn));
    // A check-in dated after today does not silence the rule.
    data.check_ins = vec![ok_check_in(TODAY + 400)];
    assert!(fires(&data, Rule::NoCheckIn));
}

// ---- alliance ----------------------------------------------------------------------------

fn feedback(overalls: &[(u8, u8)]) -> ClientData {
    let mut data = client();
    data.feedback = overalls
        .iter()
        .enumerate()
        .map(|(i, &(lowest_other, overall))| SessionFeedback {
            at: week(i as i64),
            heard: 10,
            worked_on: lowest_other,
            approach: 10,
            overall,
        })
        .collect();
    data
}

#[test]
fn alliance_any_answer_6_vs_5() {
    // CLINICAL.md "alliance | session feedback with any answer ≤ 5 | medium".
    assert!(rules(&feedback(&[(6, 6)])).is_empty());
    let t = only(&feedback(&[(5, 9)]), Rule::FeedbackLowAnswer);
    assert_eq!((t.kind, t.level), (FlagKind::Alliance, Level::Medium));
    assert!(fires(&feedback(&[(9, 5)]), Rule::FeedbackLowAnswer));
    // Only the latest is judged unless newer ones arrived together.
    let mut data = feedback(&[(2, 2), (9, 9)]);
    assert!(!fires(&data, Rule::FeedbackLowAnswer));
    data.new_since = Some(week(0));
    assert!(fires(&data, Rule::FeedbackLowAnswer));
}

#[test]
fn alliance_overall_2_vs_3_below_own_average() {
    // CLINICAL.md "alliance | … or the overall answer 3 or more below the client's own average".
    // Earlier overall answers 9 and 10: average 9.5.
    assert!(!fires(
        &feedback(&[(9, 9), (9, 10), (9, 7)]),
        Rule::FeedbackBelowOwnAverage
    ));
    let t = only(
        &feedback(&[(9, 9), (9, 10), (9, 6)]),
        Rule::FeedbackBelowOwnAverage,
    );
    assert_eq!(t.level, Level::Medium);
    assert!(t.evidence.contains(&Evidence::OwnAverage {
        overall: 9.5,
        earlier: 2
    }));
    // Exactly 3 below: average 10, overall 7.
    assert!(!fires(
        &feedback(&[(10, 10), (10, 8)]),
        Rule::FeedbackBelowOwnAverage
    ));
    assert!(fires(
        &feedback(&[(10, 10), (10, 7)]),
        Rule::FeedbackBelowOwnAverage
    ));
    // No earlier feedback, no average.
    assert!(rules(&feedback(&[(10, 6)])).is_empty());
}
