//! The twenty demo clients and the year each of them has had: when treatment started, the
//! course of their PHQ-9 totals, and what the early-warning rules should find in it.
//!
//! Everything here is made up. The stories are chosen so that the real rules, run on every
//! replayed submission, leave the inbox the demo is meant to show (see `tests.rs`).

/// What a client's year shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Story {
    /// Moderate or severe at the start, in remission within three to five months.
    Recovers,
    /// Improves and stays in the mild band.
    StaysMild,
    /// A high plateau for about two months, then improvement: a not-on-track flag that their
    /// clinician acknowledged and, once the scores fell, resolved.
    SlowResponse,
    /// Severe at the start and no better since the third measure: a not-on-track flag, open.
    NotOnTrack,
    /// In remission for about two months, then back at 10: a relapse flag, open (with the
    /// deterioration flag that a rise from ≤ 4 to ≥ 10 always raises as well).
    Relapse,
    /// Item 9 answered "several days" at last week's PHQ-9: a critical safety flag that no one
    /// has acknowledged yet.
    Item9,
    /// Mood 3 or lower on each of the last three days: a warning-signs flag, open.
    LowMood,
    /// Medication missed on three of the last seven days: a warning-signs flag, open.
    MissedMedication,
}

/// One client's year.
#[derive(Debug, Clone, Copy)]
pub(super) struct Profile {
    pub name: &'static str,
    pub story: Story,
    /// How many days before today the first PHQ-9 was answered (the start of treatment).
    pub start_days_ago: i64,
    /// The PHQ-9 totals the course passes through, as (week of treatment, total): straight
    /// lines between them, flat after the last.
    pub course: &'static [(u32, u8)],
    /// How far a week's total may stray from the course, either way (never at the baseline).
    pub wobble: u8,
    /// From this week on the totals follow the course exactly (the end of the story).
    pub exact_from_week: u32,
    /// From this week on the clinician asks for questionnaires every four weeks instead of
    /// weekly (relapse prevention after recovery).
    pub monthly_from_week: Option<u32>,
    /// The client's own early warning signs, in their words (ticked now and then).
    pub warning_signs: &'static [&'static str],
}

const NEVER: u32 = u32::MAX;

/// Every third client (0, 3, 6, …) also sees the psychiatrist and takes medication.
pub(super) fn sees_psychiatrist(index: usize) -> bool {
    index.is_multiple_of(3)
}

pub(super) const PROFILES: [Profile; 20] = [
    Profile {
        name: "Alex Morgan",
        story: Story::Recovers,
        start_days_ago: 350,
        course: &[(0, 19), (7, 12), (18, 4)],
        wobble: 1,
        exact_from_week: NEVER,
        monthly_from_week: Some(26),
        warning_signs: &["Staying in bed past ten", "Skipping meals"],
    },
    Profile {
        name: "Sam Patel",
        story: Story::StaysMild,
        start_days_ago: 322,
        course: &[(0, 13), (6, 9), (12, 7)],
        wobble: 1,
        exact_from_week: NEVER,
        monthly_from_week: Some(18),
        warning_signs: &[],
    },
    Profile {
        name: "Jordan Lee",
        story: Story::SlowResponse,
        start_days_ago: 301,
        course: &[(0, 19), (1, 18), (8, 18), (14, 11), (20, 7), (26, 5)],
        wobble: 1,
        exact_from_week: NEVER,
        monthly_from_week: Some(32),
        warning_signs: &[],
    },
    Profile {
        name: "Riley Chen",
        story: Story::Recovers,
        start_days_ago: 287,
        course: &[(0, 16), (5, 10), (14, 3)],
        wobble: 1,
        exact_from_week: NEVER,
        monthly_from_week: Some(22),
        warning_signs: &[],
    },
    Profile {
        name: "Casey Novak",
        story: Story::Relapse,
        start_days_ago: 202,
        course: &[
            (0, 17),
            (6, 11),
            (12, 6),
            (15, 4),
            (24, 4),
            (25, 6),
            (26, 8),
            (27, 10),
        ],
        wobble: 1,
        exact_from_week: 15,
        monthly_from_week: None,
        warning_signs: &[],
    },
    Profile {
        name: "Taylor Brooks",
        story: Story::Recovers,
        start_days_ago: 266,
        course: &[(0, 21), (8, 11), (20, 5)],
        wobble: 2,
        exact_from_week: NEVER,
        monthly_from_week: Some(28),
        warning_signs: &["Cancelling plans with friends"],
    },
    Profile {
        name: "Jamie Ortiz",
        story: Story::StaysMild,
        start_days_ago: 245,
        course: &[(0, 11), (4, 8), (10, 6)],
        wobble: 1,
        exact_from_week: NEVER,
        monthly_from_week: Some(16),
        warning_signs: &[],
    },
    Profile {
        name: "Morgan Ellis",
        story: Story::Item9,
        start_days_ago: 88,
        course: &[(0, 16), (6, 12), (12, 11)],
        wobble: 1,
        exact_from_week: 11,
        monthly_from_week: None,
        warning_signs: &[],
    },
    Profile {
        name: "Avery Kim",
        story: Story::Recovers,
        start_days_ago: 217,
        course: &[(0, 18), (6, 11), (16, 4)],
        wobble: 1,
        exact_from_week: NEVER,
        monthly_from_week: Some(24),
        warning_signs: &[],
    },
    Profile {
        name: "Quinn Harper",
        story: Story::NotOnTrack,
        start_days_ago: 45,
        course: &[
            (0, 20),
            (1, 21),
            (2, 22),
            (3, 21),
            (4, 23),
            (5, 22),
            (6, 22),
        ],
        wobble: 0,
        exact_from_week: 0,
        monthly_from_week: None,
        warning_signs: &[],
    },
    Profile {
        name: "Rowan Fischer",
        story: Story::StaysMild,
        start_days_ago: 196,
        course: &[(0, 14), (6, 10), (14, 7)],
        wobble: 1,
        exact_from_week: NEVER,
        monthly_from_week: Some(24),
        warning_signs: &[],
    },
    Profile {
        name: "Skyler Adams",
        story: Story::LowMood,
        start_days_ago: 152,
        course: &[(0, 15), (6, 11), (12, 8), (17, 8), (21, 10)],
        wobble: 1,
        exact_from_week: 17,
        monthly_from_week: None,
        warning_signs: &["Not answering messages"],
    },
    Profile {
        name: "Elena García",
        story: Story::Recovers,
        start_days_ago: 175,
        course: &[(0, 20), (7, 11), (18, 4)],
        wobble: 1,
        exact_from_week: NEVER,
        monthly_from_week: None,
        warning_signs: &["Stopping my morning walk", "Sleeping in the afternoon"],
    },
    Profile {
        name: "Noah Williams",
        story: Story::SlowResponse,
        start_days_ago: 203,
        course: &[(0, 17), (9, 17), (16, 9), (22, 6)],
        wobble: 1,
        exact_from_week: NEVER,
        monthly_from_week: None,
        warning_signs: &[],
    },
    Profile {
        name: "Fatima Hassan",
        story: Story::Recovers,
        start_days_ago: 133,
        course: &[(0, 17), (6, 10), (15, 5)],
        wobble: 1,
        exact_from_week: NEVER,
        monthly_from_week: None,
        warning_signs: &[],
    },
    Profile {
        name: "Liam O'Connor",
        story: Story::MissedMedication,
        start_days_ago: 124,
        course: &[(0, 15), (6, 11), (12, 8)],
        wobble: 1,
        exact_from_week: NEVER,
        monthly_from_week: None,
        warning_signs: &[],
    },
    Profile {
        name: "Grace Mensah",
        story: Story::StaysMild,
        start_days_ago: 110,
        course: &[(0, 12), (5, 8), (10, 6)],
        wobble: 1,
        exact_from_week: NEVER,
        monthly_from_week: None,
        warning_signs: &[],
    },
    Profile {
        name: "Hiro Tanaka",
        story: Story::Recovers,
        start_days_ago: 93,
        course: &[(0, 18), (6, 12), (16, 7)],
        wobble: 1,
        exact_from_week: NEVER,
        monthly_from_week: None,
        warning_signs: &[],
    },
    Profile {
        name: "Isabel Costa",
        story: Story::StaysMild,
        start_days_ago: 72,
        course: &[(0, 14), (4, 11), (10, 9)],
        wobble: 1,
        exact_from_week: NEVER,
        monthly_from_week: None,
        warning_signs: &[],
    },
    Profile {
        name: "Marcus Johnson",
        story: Story::Recovers,
        start_days_ago: 30,
        course: &[(0, 17), (4, 14)],
        wobble: 1,
        exact_from_week: NEVER,
        monthly_from_week: None,
        warning_signs: &[],
    },
];

impl Profile {
    /// The course's PHQ-9 total at a (fractional) week of treatment.
    pub(super) fn course_at(&self, week: f64) -> f64 {
        let mut prev: Option<(f64, f64)> = None;
        for &(w, total) in self.course {
            let (w, total) = (f64::from(w), f64::from(total));
            if week <= w {
                return match prev {
                    Some((pw, pt)) if w > pw => pt + (total - pt) * (week - pw) / (w - pw),
                    _ => total,
                };
            }
            prev = Some((w, total));
        }
        prev.map_or(0.0, |(_, t)| t)
    }
}
