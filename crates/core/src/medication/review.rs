//! "Seeing the doctor regularly" (issue 22): a medication review with the prescriber is due
//! when none has happened for a set interval while a medicine is listed; before a review the
//! client lists the questions and side effects to raise.

use chrono::{Duration, NaiveDate};

use super::list::{Medicine, is_current};
use crate::{Error, Result};

/// The default interval between medication reviews, in weeks.
pub const DEFAULT_REVIEW_WEEKS: u32 = 12;
/// Most questions a client lists before one review.
pub const MAX_QUESTIONS: usize = 20;
/// Most characters in one question.
pub const MAX_QUESTION_CHARS: usize = 1_000;

/// Whether a review is due on `today`: a medicine is current, and the last review (or, when
/// there has been none, the day the first current medicine was started) is `weeks` weeks
/// ago or more.
pub fn review_due(
    current_since: Option<NaiveDate>,
    last_review: Option<NaiveDate>,
    today: NaiveDate,
    weeks: u32,
) -> bool {
    review_due_on(current_since, last_review, weeks).is_some_and(|d| d <= today)
}

/// The day the next review falls due (`None` while no medicine is current): `weeks` weeks
/// after the last review, or after the first current medicine started when there has been
/// none (or the last was before it). The same day for the whole due period, so it keys the
/// reminder.
pub fn review_due_on(
    current_since: Option<NaiveDate>,
    last_review: Option<NaiveDate>,
    weeks: u32,
) -> Option<NaiveDate> {
    let since = current_since?;
    let from = last_review.map_or(since, |r| r.max(since));
    Some(from + Duration::weeks(i64::from(weeks)))
}

/// Since when a medicine has been current without a break in the list: the earliest start of
/// the medicines current on `today`; a current medicine without a start counts from
/// `listed_on` (the day the list was written). `None` when none is current.
pub fn current_since(
    list: &[Medicine],
    today: NaiveDate,
    listed_on: NaiveDate,
) -> Option<NaiveDate> {
    list.iter()
        .filter(|m| is_current(m, today))
        .map(|m| m.started_on.unwrap_or(listed_on))
        .min()
}

/// The questions a client lists before a review: blanks dropped, each trimmed; too many or
/// too long is refused naming the field.
pub fn check_questions(questions: &[String]) -> Result<Vec<String>> {
    let kept: Vec<String> = questions
        .iter()
        .map(|q| q.trim().to_string())
        .filter(|q| !q.is_empty())
        .collect();
    if kept.len() > MAX_QUESTIONS {
        return Err(Error::invalid(
            "questions",
            format!("List at most {MAX_QUESTIONS} questions."),
        ));
    }
    if kept.iter().any(|q| q.chars().count() > MAX_QUESTION_CHARS) {
        return Err(Error::invalid(
            "questions",
            format!("Keep each question to {MAX_QUESTION_CHARS} characters or fewer."),
        ));
    }
    Ok(kept)
}

/// The PHQ-9 trend of an episode for the one-page summary: the first, the lowest and the
/// latest total (oldest first in, `None` when there is none).
pub fn phq9_trend(totals: &[u8]) -> Option<(u8, u8, u8)> {
    let first = *totals.first()?;
    let lowest = *totals.iter().min()?;
    let latest = *totals.last()?;
    Some((first, lowest, latest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(n)
    }

    #[test]
    fn due_twelve_weeks_after_the_last_review() {
        assert!(!review_due(None, None, day(500), 12));
        assert!(!review_due(Some(day(0)), None, day(83), 12));
        assert!(review_due(Some(day(0)), None, day(84), 12));
        assert!(!review_due(Some(day(0)), Some(day(80)), day(84), 12));
        assert!(review_due(Some(day(0)), Some(day(80)), day(164), 12));
    }

    #[test]
    fn the_due_day_stays_the_same_through_the_period() {
        assert_eq!(review_due_on(None, Some(day(3)), 12), None);
        assert_eq!(review_due_on(Some(day(0)), None, 12), Some(day(84)));
        assert_eq!(
            review_due_on(Some(day(10)), Some(day(2)), 12),
            Some(day(94))
        );
        assert_eq!(
            review_due_on(Some(day(0)), Some(day(90)), 12),
            Some(day(174))
        );
    }

    #[test]
    fn current_since_is_the_earliest_current_start() {
        let m = |start: Option<i64>, stop: Option<i64>| Medicine {
            started_on: start.map(day),
            stopped_on: stop.map(day),
            ..Medicine::default()
        };
        let list = vec![m(Some(5), None), m(Some(1), Some(3)), m(None, None)];
        assert_eq!(current_since(&list, day(10), day(7)), Some(day(5)));
        assert_eq!(current_since(&[m(Some(1), Some(3))], day(10), day(0)), None);
        assert_eq!(
            current_since(&[m(None, None)], day(10), day(2)),
            Some(day(2))
        );
    }

    #[test]
    fn questions_are_trimmed_and_limited() {
        let qs = vec![" Why am I so tired? ".to_string(), "  ".to_string()];
        assert_eq!(check_questions(&qs).unwrap(), vec!["Why am I so tired?"]);
        let many = vec!["q".to_string(); MAX_QUESTIONS + 1];
        assert_eq!(check_questions(&many).unwrap_err().field, "questions");
        let long = vec!["x".repeat(MAX_QUESTION_CHARS + 1)];
        assert!(check_questions(&long).is_err());
    }

    #[test]
    fn trend_is_first_lowest_latest() {
        assert_eq!(phq9_trend(&[]), None);
        assert_eq!(phq9_trend(&[18, 12, 9, 11]), Some((18, 9, 11)));
    }
}
