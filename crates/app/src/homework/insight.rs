//! Homework beside the PHQ-9, week by week (issue 13, item 5): for each week from the first
//! assignment (or the first PHQ-9, whichever is later) to this one, the homework that came due
//! and how much of it was sent, the PHQ-9 of that week, and for behavioural activation the mean
//! pleasure and mastery of what the diary holds and pleasure predicted against pleasure found.
//! It reads nothing: the page hands it what `assignments_of` and `client_series` gave it.

use chrono::{Datelike, Duration, NaiveDate};
use rapport_core::homework::{
    Activation, Content, DiaryEntry, PlannedActivity, Status, activation,
};

use super::AssignmentView;
use crate::measures::MeasurePoint;
use crate::time::Zone;

/// Most weeks shown: about four months, the length of a course of therapy.
pub const MAX_WEEKS: usize = 16;
const MAX_WEEKS_BACK: i64 = 15;

/// One week, Monday first.
#[derive(Debug, Clone, PartialEq)]
pub struct Week {
    pub monday: NaiveDate,
    /// The week's last PHQ-9 total.
    pub phq9: Option<u8>,
    /// Occurrences of assigned homework due that week (dated ones).
    pub due: usize,
    /// Of those, sent (done or reviewed).
    pub done: usize,
    /// Sent entries of the week, assigned or the client's own.
    pub entries: usize,
    /// Behavioural activation in the entries sent that week.
    pub activation: Activation,
}

/// Over all the weeks: what activation shows in total.
#[derive(Debug, Clone, PartialEq)]
pub struct Insight {
    /// Oldest first.
    pub weeks: Vec<Week>,
    pub activation: Activation,
}

fn monday(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// The weeks up to the one holding `today`, on the client's clock.
pub fn weekly(
    assignments: &[AssignmentView],
    phq9: &[MeasurePoint],
    zone: &Zone,
    today: NaiveDate,
) -> Insight {
    let this_week = monday(today);
    let first = assignments
        .iter()
        .map(|a| monday(zone.day(a.created_at)))
        .min()
        .unwrap_or(this_week)
        .max(this_week - Duration::weeks(MAX_WEEKS_BACK));
    let mut weeks: Vec<Week> = std::iter::successors(Some(first), |w| {
        Some(*w + Duration::weeks(1)).filter(|n| *n <= this_week)
    })
    .map(|monday| Week {
        monday,
        phq9: None,
        due: 0,
        done: 0,
        entries: 0,
        activation: Activation::default(),
    })
    .collect();
    let count = weeks.len();
    let index = move |day: NaiveDate| {
        let n = (monday(day) - first).num_weeks();
        usize::try_from(n).ok().filter(|i| *i < count)
    };

    for p in phq9 {
        if let Some(i) = index(zone.day(p.taken_at)) {
            weeks[i].phq9 = Some(p.total);
        }
    }
    let mut diary: Vec<Vec<DiaryEntry>> = vec![vec![]; weeks.len()];
    let mut planned: Vec<Vec<PlannedActivity>> = vec![vec![]; weeks.len()];
    let (mut all_diary, mut all_planned) = (vec![], vec![]);
    for a in assignments {
        for o in &a.occurrences {
            let sent = matches!(o.status, Status::Done | Status::Reviewed);
            if !a.self_started()
                && o.status != Status::Due
                && let Some(i) = o.due_on.and_then(index)
            {
                weeks[i].due += 1;
                weeks[i].done += usize::from(sent);
            }
            let Some(entry) = o.entry.as_ref().filter(|_| sent) else {
                continue;
            };
            let day = o
                .due_on
                .or(entry.submitted_at.map(|t| zone.day(t)))
                .unwrap_or(today);
            let Some(i) = index(day) else { continue };
            weeks[i].entries += 1;
            match &entry.content {
                Content::ActivityDiary(d) => {
                    diary[i].extend(d.entries.iter().cloned());
                    all_diary.extend(d.entries.iter().cloned());
                }
                Content::ActivityPlan(p) => {
                    planned[i].extend(p.activities.iter().cloned());
                    all_planned.extend(p.activities.iter().cloned());
                }
                _ => {}
            }
        }
    }
    for (i, w) in weeks.iter_mut().enumerate() {
        w.activation = activation(&diary[i], &planned[i]);
    }
    Insight {
        weeks,
        activation: activation(&all_diary, &all_planned),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::{TimeZone, Utc};
    use rapport_core::homework::{ActivityDiary, ActivityPlan, Journal, Kind};
    use rapport_core::measures::Instrument;
    use uuid::Uuid;

    use super::*;
    use crate::homework::{EntryView, Occurrence};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn entry(content: Content, on: NaiveDate) -> EntryView {
        let at = Utc.from_utc_datetime(&on.and_hms_opt(18, 0, 0).unwrap());
        EntryView {
            id: Uuid::nil(),
            assignment_id: Uuid::nil(),
            due_on: Some(on),
            status: Status::Done,
            content,
            draft: false,
            created_at: at,
            updated_at: at,
            submitted_at: Some(at),
            reviewed_at: None,
            reviewed_by: None,
            review_comment: None,
        }
    }

    fn assignment(
        kind: Kind,
        created: &str,
        occurrences: Vec<Occurrence>,
        own: bool,
    ) -> AssignmentView {
        AssignmentView {
            id: Uuid::nil(),
            client_id: Uuid::nil(),
            kind,
            instructions: None,
            assigned_by: (!own).then(Uuid::nil),
            due_on: None,
            repeat: None,
            created_at: Utc.from_utc_datetime(&day(created).and_hms_opt(9, 0, 0).unwrap()),
            occurrences,
        }
    }

    fn phq9(total: u8, on: &str) -> MeasurePoint {
        MeasurePoint {
            id: Uuid::nil(),
            instrument: Instrument::Phq9,
            total,
            band: None,
            prorated: false,
            item9: Some(0),
            taken_at: Utc.from_utc_datetime(&day(on).and_hms_opt(8, 0, 0).unwrap()),
            episode_id: Uuid::nil(),
        }
    }

    #[test]
    fn weeks_hold_homework_done_beside_the_phq9_and_activation() {
        // Monday 16 Nov to Sunday 29 Nov 2026; today is Wednesday 25 Nov.
        let diary = Content::ActivityDiary(ActivityDiary {
            entries: vec![DiaryEntry {
                day: "2026-11-17".into(),
                activity: "Walk".into(),
                mastery: Some(4),
                pleasure: Some(6),
                ..DiaryEntry::default()
            }],
        });
        let plan = Content::ActivityPlan(ActivityPlan {
            activities: vec![PlannedActivity {
                day: "2026-11-24".into(),
                activity: "Swim".into(),
                predicted_pleasure: Some(2),
                done: Some(true),
                actual_pleasure: Some(7),
            }],
        });
        let occurrence = |on: &str, status: Status, content: Option<Content>| Occurrence {
            due_on: Some(day(on)),
            status,
            entry: content.map(|c| EntryView {
                status,
                ..entry(c, day(on))
            }),
        };
        let assignments = [
            assignment(
                Kind::ActivityDiary,
                "2026-11-16",
                vec![
                    occurrence("2026-11-17", Status::Done, Some(diary)),
                    occurrence("2026-11-18", Status::Missed, None),
                    occurrence("2026-11-24", Status::Reviewed, Some(plan)),
                    occurrence("2026-11-25", Status::Due, None),
                ],
                false,
            ),
            assignment(
                Kind::Journal,
                "2026-11-20",
                vec![occurrence(
                    "2026-11-20",
                    Status::Done,
                    Some(Content::Journal(Journal::default())),
                )],
                true,
            ),
        ];
        let series = [
            phq9(15, "2026-11-16"),
            phq9(12, "2026-11-19"),
            phq9(9, "2026-11-23"),
        ];
        let i = weekly(&assignments, &series, &Zone::default(), day("2026-11-25"));
        assert_eq!(i.weeks.len(), 2);
        let (first, second) = (&i.weeks[0], &i.weeks[1]);
        assert_eq!(first.monday, day("2026-11-16"));
        assert_eq!(
            (first.phq9, first.due, first.done, first.entries),
            (Some(12), 2, 1, 2)
        );
        assert_eq!(first.activation.mean_pleasure, Some(6.0));
        // Today's occurrence is not yet due: it counts neither way.
        assert_eq!(
            (second.phq9, second.due, second.done, second.entries),
            (Some(9), 1, 1, 1)
        );
        assert_eq!(second.activation.surprise(), Some(5.0));
        assert_eq!(i.activation.rated, 1);
        assert_eq!(i.activation.compared, 1);
    }

    #[test]
    fn at_most_sixteen_weeks_and_at_least_this_one() {
        let none = weekly(&[], &[], &Zone::default(), day("2026-11-25"));
        assert_eq!(none.weeks.len(), 1);
        let old = assignment(Kind::Journal, "2025-01-06", vec![], false);
        let long = weekly(&[old], &[], &Zone::default(), day("2026-11-25"));
        assert_eq!(long.weeks.len(), MAX_WEEKS);
        assert_eq!(long.weeks.last().unwrap().monday, day("2026-11-23"));
    }
}
