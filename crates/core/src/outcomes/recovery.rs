//! Recovery and reliable recovery, the NHS Talking Therapies (IAPT) way
//! (CLINICAL.md "Recovery (IAPT)").
//!
//! Reading of the definition, following the IAPT manual:
//! - *A case at the first measure* means a case on **either** scale: PHQ-9 ≥ 10 **or**
//!   GAD-7 ≥ 8 at the first measure of each. An episode that starts below caseness on both
//!   is not counted (it could not recover).
//! - *Below caseness on both at the last*: PHQ-9 < 10 **and** GAD-7 < 8 at the last measure
//!   of each.
//! - So both scales need a first and a last measure (two measures each); otherwise the
//!   episode is not counted.
//! - *Reliable improvement* for reliable recovery is IAPT's paired rule: a reliable
//!   improvement on at least one scale and a reliable deterioration on neither.
//! - Counted only for episodes with at least [`MIN_TREATMENT_SESSIONS`] treatment sessions.

use serde::{Deserialize, Serialize};

use super::scale::{Change, Scale, Series};

/// Recovery is counted only for episodes with at least this many treatment sessions.
pub const MIN_TREATMENT_SESSIONS: u32 = 2;

/// Why an episode does not count towards recovery rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotCounted {
    FewerThanTwoSessions,
    /// Fewer than two PHQ-9 or fewer than two GAD-7 measures.
    MissingMeasures,
    /// Below caseness on both scales at the first measure.
    NotACaseAtStart,
}

/// An episode's recovery status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum Recovery {
    NotCounted {
        reason: NotCounted,
    },
    NotRecovered,
    /// `reliable`: also reliably improved (reliable recovery).
    Recovered {
        reliable: bool,
    },
}

impl Recovery {
    /// In the denominator of recovery rates.
    pub fn is_counted(self) -> bool {
        !matches!(self, Recovery::NotCounted { .. })
    }

    pub fn is_recovered(self) -> bool {
        matches!(self, Recovery::Recovered { .. })
    }

    pub fn is_reliably_recovered(self) -> bool {
        matches!(self, Recovery::Recovered { reliable: true })
    }
}

/// IAPT's paired reliable improvement: better on at least one scale, worse on neither.
pub fn paired_reliable_improvement(phq9: Change, gad7: Change) -> bool {
    let improved = phq9 == Change::ReliableImprovement || gad7 == Change::ReliableImprovement;
    let deteriorated =
        phq9 == Change::ReliableDeterioration || gad7 == Change::ReliableDeterioration;
    improved && !deteriorated
}

/// Recovery over one episode's PHQ-9 and GAD-7 series.
pub fn recovery(phq9: &Series, gad7: &Series, treatment_sessions: u32) -> Recovery {
    if treatment_sessions < MIN_TREATMENT_SESSIONS {
        return Recovery::NotCounted {
            reason: NotCounted::FewerThanTwoSessions,
        };
    }
    let ends = |s: &Series| match (s.first(), s.last()) {
        (Some(first), Some(last)) if s.len() >= 2 => Some((first.total, last.total)),
        _ => None,
    };
    let (Some((p_first, p_last)), Some((g_first, g_last))) = (ends(phq9), ends(gad7)) else {
        return Recovery::NotCounted {
            reason: NotCounted::MissingMeasures,
        };
    };
    if !(Scale::Phq9.is_case(p_first) || Scale::Gad7.is_case(g_first)) {
        return Recovery::NotCounted {
            reason: NotCounted::NotACaseAtStart,
        };
    }
    if Scale::Phq9.is_case(p_last) || Scale::Gad7.is_case(g_last) {
        return Recovery::NotRecovered;
    }
    Recovery::Recovered {
        reliable: paired_reliable_improvement(
            Scale::Phq9.change(p_first, p_last),
            Scale::Gad7.change(g_first, g_last),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcomes::scale::ScorePoint;
    use crate::outcomes::time::Timestamp;

    fn s(totals: &[u8]) -> Series {
        Series::new(
            totals
                .iter()
                .enumerate()
                .map(|(i, t)| ScorePoint {
                    at: Timestamp(i as i64),
                    total: *t,
                })
                .collect(),
        )
    }

    #[test]
    fn recovery_case_at_first_below_caseness_on_both_at_last() {
        // CLINICAL.md "Recovery (IAPT): a case at the first measure and below caseness on
        // both PHQ-9 and GAD-7 at the last".
        assert_eq!(
            recovery(&s(&[12, 9]), &s(&[6, 7]), 2),
            Recovery::Recovered { reliable: false }
        );
        assert_eq!(
            recovery(&s(&[12, 10]), &s(&[6, 7]), 2),
            Recovery::NotRecovered
        );
        assert_eq!(
            recovery(&s(&[12, 9]), &s(&[6, 8]), 2),
            Recovery::NotRecovered
        );
    }

    #[test]
    fn recovery_case_on_either_scale_at_first() {
        // Our reading: a case at first on GAD-7 alone counts.
        assert_eq!(
            recovery(&s(&[9, 3]), &s(&[8, 3]), 2),
            Recovery::Recovered { reliable: true }
        );
        assert_eq!(
            recovery(&s(&[9, 3]), &s(&[7, 3]), 2),
            Recovery::NotCounted {
                reason: NotCounted::NotACaseAtStart
            }
        );
    }

    #[test]
    fn recovery_counted_with_2_or_more_sessions() {
        // CLINICAL.md "Counted for episodes with ≥ 2 treatment sessions."
        assert_eq!(
            recovery(&s(&[20, 3]), &s(&[15, 2]), 1),
            Recovery::NotCounted {
                reason: NotCounted::FewerThanTwoSessions
            }
        );
        assert!(recovery(&s(&[20, 3]), &s(&[15, 2]), 2).is_reliably_recovered());
    }

    #[test]
    fn recovery_needs_two_measures_of_each() {
        let missing = Recovery::NotCounted {
            reason: NotCounted::MissingMeasures,
        };
        assert_eq!(recovery(&s(&[20, 3]), &s(&[15]), 5), missing);
        assert_eq!(recovery(&s(&[20, 3]), &s(&[]), 5), missing);
        assert_eq!(recovery(&s(&[20]), &s(&[15, 2]), 5), missing);
    }

    #[test]
    fn reliable_recovery_is_recovery_plus_paired_reliable_improvement() {
        // CLINICAL.md "reliable recovery = recovery + reliable improvement".
        // PHQ-9 15 → 9 is −6 (reliable); GAD-7 3 → 6 is +3 (not reliably worse).
        assert!(recovery(&s(&[15, 9]), &s(&[3, 6]), 2).is_reliably_recovered());
        // PHQ-9 14 → 9 is −5: recovered but not reliably.
        let r = recovery(&s(&[14, 9]), &s(&[3, 6]), 2);
        assert!(r.is_recovered() && !r.is_reliably_recovered());
        // PHQ-9 −6 but GAD-7 +4 (reliably worse): not reliable improvement.
        let r = recovery(&s(&[15, 9]), &s(&[3, 7]), 2);
        assert!(r.is_recovered() && !r.is_reliably_recovered());
    }
}
