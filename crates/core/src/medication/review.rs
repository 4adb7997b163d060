//! "Seeing the doctor regularly" (issue 22): a medication review with the prescriber is due
//! when none has happened for a set interval while a medicine is listed.

use chrono::{Duration, NaiveDate};

/// The default interval between medication reviews, in weeks.
pub const DEFAULT_REVIEW_WEEKS: u32 = 12;

/// Whether a review is due on `today`: a medicine is current, and the last review (or, when
/// there has been none, the day the first current medicine was started) is `weeks` weeks
/// ago or more.
pub fn review_due(
    current_since: Option<NaiveDate>,
    last_review: Option<NaiveDate>,
    today: NaiveDate,
    weeks: u32,
) -> bool {
    let Some(since) = current_since else {
        return false;
    };
    let from = last_review.map_or(since, |r| r.max(since));
    today - from >= Duration::weeks(i64::from(weeks))
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
}
