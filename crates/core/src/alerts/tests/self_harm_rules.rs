//! CLINICAL.md, the paragraphs after the "Early warning" table: the daily check-in's question
//! about self-harm, when it is asked, and what "yes" raises.

use super::*;

fn answering(day: i64, answer: Option<bool>) -> ClientData {
    let mut data = client();
    data.check_ins = vec![CheckIn {
        self_harm_thoughts: answer,
        ..ok_check_in(day)
    }];
    data
}

#[test]
fn self_harm_yes_is_a_critical_safety_flag() {
    // "'yes' is the same as item 9 ≥ 1 (critical safety flag, crisis resources at once)".
    let t = only(&answering(TODAY, Some(true)), Rule::SafetySelfHarmCheckIn);
    assert_eq!((t.kind, t.level), (FlagKind::Safety, Level::Critical));
    assert_eq!(
        t.evidence,
        vec![Evidence::SelfHarmThoughts { day: Day(TODAY) }]
    );
    // "No", skipped or not asked: nothing.
    assert!(evaluate(&answering(TODAY, Some(false)), None).is_empty());
    assert!(evaluate(&answering(TODAY, None), None).is_empty());
    // Yesterday's "yes" raised its flag yesterday; today's evaluation is about today.
    assert!(!fires(
        &answering(TODAY - 1, Some(true)),
        Rule::SafetySelfHarmCheckIn
    ));
}

#[test]
fn self_harm_question_asked_after_item9_or_a_safety_flag_in_90_days() {
    // "asked while the client's last PHQ-9 item 9 was ≥ 1 or a safety flag was raised in the
    // last 90 days".
    let now = Timestamp(1_000 * SECONDS_PER_DAY);
    let days_ago = |d: i64| Some(Timestamp(now.0 - d * SECONDS_PER_DAY));
    assert!(!ask_about_self_harm(now, None, None));
    assert!(!ask_about_self_harm(now, Some(0), None));
    assert!(ask_about_self_harm(now, Some(1), None));
    assert!(ask_about_self_harm(now, Some(3), days_ago(400)));
    assert!(ask_about_self_harm(now, Some(0), days_ago(90)));
    assert!(!ask_about_self_harm(now, Some(0), days_ago(91)));
    assert!(!ask_about_self_harm(
        now,
        None,
        Some(Timestamp(now.0 - 90 * SECONDS_PER_DAY - 1))
    ));
}
