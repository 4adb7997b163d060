//! Adherence over time (issue 22): the daily check-in's medication answers as a weekly rate,
//! and the reason a client may give for a missed dose.
//!
//! A week runs Monday to Sunday in the client's own days. Its rate is the share of
//! "taken" among the days answered "taken" or "missed"; days without a check-in, and days
//! answered "not prescribed", are unknown and count for neither, so a week with no such
//! answers has no rate (not 0%).

use chrono::{Datelike, Duration, NaiveDate};

use crate::measures::Medication;

string_enum! {
    /// Why a dose was missed, as the client may say on the check-in (optional).
    MissedReason {
        SideEffects => "side_effects", "Side effects";
        Forgot => "forgot", "Forgot";
        RanOut => "ran_out", "Ran out";
        ChoseNotTo => "chose_not_to", "Chose not to";
    }
}

/// One week's adherence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekAdherence {
    /// Its Monday.
    pub week_start: NaiveDate,
    pub taken: u32,
    pub missed: u32,
    /// Missed days by reason (reasons not given are not counted here), in [`MissedReason::ALL`]
    /// order, only those that occurred.
    pub reasons: Vec<(MissedReason, u32)>,
}

impl WeekAdherence {
    /// Taken ÷ (taken + missed), as a whole percentage; `None` without such answers.
    pub fn rate_percent(&self) -> Option<u8> {
        let answered = self.taken + self.missed;
        (answered > 0).then(|| {
            let pct = (f64::from(self.taken) * 100.0 / f64::from(answered)).round();
            pct.clamp(0.0, 100.0) as u8
        })
    }
}

/// The Monday of `day`'s week.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// The `weeks` weeks up to and including `today`'s, oldest first, from the client's check-in
/// answers (one per day; should a day come twice, each counts).
pub fn weekly_adherence(
    answers: &[(NaiveDate, Medication, Option<MissedReason>)],
    today: NaiveDate,
    weeks: u32,
) -> Vec<WeekAdherence> {
    let last = week_start(today);
    (0..weeks)
        .rev()
        .map(|back| {
            let start = last - Duration::weeks(i64::from(back));
            let end = start + Duration::days(7);
            let in_week = answers
                .iter()
                .filter(|(d, ..)| *d >= start && *d < end && *d <= today);
            let (mut taken, mut missed) = (0, 0);
            let mut counts = [0u32; 4];
            for (_, med, reason) in in_week {
                match med {
                    Medication::Taken => taken += 1,
                    Medication::Missed => {
                        missed += 1;
                        if let Some(r) = reason
                            && let Some(i) = MissedReason::ALL.iter().position(|x| x == r)
                        {
                            counts[i] += 1;
                        }
                    }
                    Medication::NotPrescribed => {}
                }
            }
            WeekAdherence {
                week_start: start,
                taken,
                missed,
                reasons: MissedReason::ALL
                    .iter()
                    .zip(counts)
                    .filter(|(_, n)| *n > 0)
                    .map(|(r, n)| (*r, n))
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(d: u32) -> NaiveDate {
        // 2026-03-02 is a Monday.
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    #[test]
    fn weeks_run_monday_to_sunday() {
        assert_eq!(week_start(day(2)), day(2));
        assert_eq!(week_start(day(8)), day(2));
        assert_eq!(week_start(day(9)), day(9));
    }

    // Issue 22 "Adherence over time": taken ÷ answered, unknown days left out, reasons kept.
    #[test]
    fn rate_counts_taken_and_missed_only() {
        use Medication::*;
        let answers = vec![
            (day(2), Taken, None),
            (day(3), Missed, Some(MissedReason::SideEffects)),
            (day(4), Missed, Some(MissedReason::SideEffects)),
            (day(5), Missed, None),
            (day(6), NotPrescribed, None),
            (day(9), Taken, None),
        ];
        let weeks = weekly_adherence(&answers, day(10), 3);
        assert_eq!(weeks.len(), 3);
        assert_eq!(weeks[0].rate_percent(), None);
        assert_eq!((weeks[1].taken, weeks[1].missed), (1, 3));
        assert_eq!(weeks[1].rate_percent(), Some(25));
        assert_eq!(weeks[1].reasons, vec![(MissedReason::SideEffects, 2)]);
        assert_eq!(weeks[2].rate_percent(), Some(100));
        assert_eq!(weeks[2].week_start, day(9));
    }

    #[test]
    fn reason_words_are_the_apis() {
        let words: Vec<_> = MissedReason::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(words, ["side_effects", "forgot", "ran_out", "chose_not_to"]);
    }

    proptest! {
        #[test]
        fn rate_is_a_share_and_counts_add_up(
            answers in proptest::collection::vec((0i64..40, 0u8..3), 0..60),
        ) {
            let start = day(2);
            let answers: Vec<_> = answers
                .into_iter()
                .map(|(d, m)| {
                    let med = [Medication::Taken, Medication::Missed, Medication::NotPrescribed][m as usize];
                    (start + Duration::days(d), med, None)
                })
                .collect();
            let today = start + Duration::days(39);
            let weeks = weekly_adherence(&answers, today, 6);
            let counted: u32 = weeks.iter().map(|w| w.taken + w.missed).sum();
            let expected = answers.iter().filter(|(_, m, _)| *m != Medication::NotPrescribed).count();
            prop_assert_eq!(counted as usize, expected);
            for w in &weeks {
                if let Some(r) = w.rate_percent() {
                    prop_assert!(r <= 100);
                    prop_assert_eq!(r == 100, w.missed == 0);
                }
            }
        }
    }
}
