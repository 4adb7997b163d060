//! The caseload's judgements: where a client stands on expected recovery, how much their
//! PHQ-9 changed since the start of the episode, and the order of risk the clinician reads
//! their clients in.

use crate::alerts::{Level, NOT_ON_TRACK_FROM_N};
use crate::outcomes::{Change, PracticeCurves, Scale, expected_band};

/// Where a client stands against the expected-recovery band (CLINICAL.md "Expected recovery").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Track {
    /// Fewer than three PHQ-9s in the episode.
    TooEarly,
    OnTrack,
    NotOnTrack,
}

impl Track {
    /// The stable word used by the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Track::TooEarly => "too_early",
            Track::OnTrack => "on_track",
            Track::NotOnTrack => "not_on_track",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Track::TooEarly => "too early to tell",
            Track::OnTrack => "on track",
            Track::NotOnTrack => "not on track",
        }
    }
}

/// What the caseload's progress column says of a client. Beside an unresolved flag it never
/// says "on track": the flag is what the clinician must read, and a verdict of progress next
/// to it would read as reassurance (CLINICAL-CHOICES.md, "The caseload"). "Not on track" and
/// "too early to tell" reassure nobody and stay.
pub fn progress_label(track: Track, started: bool, flagged: bool) -> &'static str {
    match track {
        _ if !started => "not started",
        Track::OnTrack if flagged => "see alert",
        _ => track.label(),
    }
}

/// The caseload's change since the start: "-6, reliable improvement", "+6, reliable
/// deterioration", "-2". Beside an unresolved flag an improvement is given in points only,
/// without the verdict, for the reason `progress_label` gives.
pub fn change_label(points: i16, change: Change, flagged: bool) -> String {
    let verdict = match change {
        Change::ReliableImprovement if !flagged => ", reliable improvement",
        Change::ReliableDeterioration => ", reliable deterioration",
        Change::ReliableImprovement | Change::NoReliableChange => "",
    };
    format!("{}{verdict}", signed_points(points))
}

/// "+3", "-6", "0": PHQ-9 points since the start, signed.
pub fn signed_points(points: i16) -> String {
    if points > 0 {
        format!("+{points}")
    } else {
        points.to_string()
    }
}

/// What the caseload judges of an episode's PHQ-9s: the first (baseline), the latest, and
/// how many there are. The store reads these three without the series in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EpisodeTotals {
    pub baseline: u8,
    pub latest: u8,
    pub count: usize,
}

impl EpisodeTotals {
    /// Of a whole series, baseline first; `None` when it is empty.
    pub fn of(totals: &[u8]) -> Option<EpisodeTotals> {
        Some(EpisodeTotals {
            baseline: *totals.first()?,
            latest: *totals.last()?,
            count: totals.len(),
        })
    }
}

/// The standing of the latest of an episode's PHQ-9 totals (baseline first), judged as the
/// not-on-track rule judges it.
pub fn track(totals: &[u8], practice: Option<&PracticeCurves>) -> Track {
    track_of(EpisodeTotals::of(totals), practice)
}

/// `track`, from the episode's baseline, latest and count.
pub fn track_of(totals: Option<EpisodeTotals>, practice: Option<&PracticeCurves>) -> Track {
    match totals {
        Some(t) if t.count > NOT_ON_TRACK_FROM_N => {
            let n = u32::try_from(t.count - 1).unwrap_or(u32::MAX);
            if expected_band(t.baseline, n, practice).is_worse(t.latest) {
                Track::NotOnTrack
            } else {
                Track::OnTrack
            }
        }
        _ => Track::TooEarly,
    }
}

/// Change of the PHQ-9 since the episode's baseline: the points (negative is better) and
/// whether it is reliable.
pub fn change_since_baseline(totals: &[u8]) -> Option<(i16, Change)> {
    change_of(EpisodeTotals::of(totals))
}

/// `change_since_baseline`, from the episode's baseline, latest and count.
pub fn change_of(totals: Option<EpisodeTotals>) -> Option<(i16, Change)> {
    match totals {
        Some(t) if t.count > 1 => Some((
            i16::from(t.latest) - i16::from(t.baseline),
            Scale::Phq9.change(t.baseline, t.latest),
        )),
        _ => None,
    }
}

/// The order clients are read in, most urgent first: a critical flag, a high one, not on
/// track, a medium flag, a low one, nothing. Lower is more urgent.
pub fn risk_rank(open_levels: &[Level], track: Track) -> u8 {
    let has = |l: Level| open_levels.contains(&l);
    if has(Level::Critical) {
        0
    } else if has(Level::High) {
        1
    } else if track == Track::NotOnTrack {
        2
    } else if has(Level::Medium) {
        3
    } else if has(Level::Low) {
        4
    } else {
        5
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn too_early_until_the_third_measure() {
        assert_eq!(track(&[], None), Track::TooEarly);
        assert_eq!(track(&[20, 20], None), Track::TooEarly);
        // Default curve at n = 2 from 20: expected ≈ 16.4, edge ≈ 21.4.
        assert_eq!(track(&[20, 20, 21], None), Track::OnTrack);
        assert_eq!(track(&[20, 20, 22], None), Track::NotOnTrack);
    }

    #[test]
    fn change_since_the_baseline_with_reliable_change() {
        assert_eq!(change_since_baseline(&[18]), None);
        assert_eq!(
            change_since_baseline(&[18, 15, 12]),
            Some((-6, Change::ReliableImprovement))
        );
        assert_eq!(
            change_since_baseline(&[18, 13]),
            Some((-5, Change::NoReliableChange))
        );
        assert_eq!(
            change_since_baseline(&[8, 14]),
            Some((6, Change::ReliableDeterioration))
        );
    }

    #[test]
    fn critical_then_high_then_not_on_track_then_the_rest() {
        use Level::*;
        assert_eq!(risk_rank(&[Medium, Critical], Track::OnTrack), 0);
        assert_eq!(risk_rank(&[High], Track::NotOnTrack), 1);
        assert_eq!(risk_rank(&[Medium], Track::NotOnTrack), 2);
        assert_eq!(risk_rank(&[Medium], Track::OnTrack), 3);
        assert_eq!(risk_rank(&[Low], Track::TooEarly), 4);
        assert_eq!(risk_rank(&[], Track::OnTrack), 5);
    }

    #[test]
    fn progress_never_reads_on_track_beside_a_flag() {
        assert_eq!(progress_label(Track::OnTrack, true, false), "on track");
        assert_eq!(progress_label(Track::OnTrack, true, true), "see alert");
        assert_eq!(
            progress_label(Track::NotOnTrack, true, true),
            "not on track"
        );
        assert_eq!(
            progress_label(Track::TooEarly, true, true),
            "too early to tell"
        );
        assert_eq!(progress_label(Track::TooEarly, false, true), "not started");
    }

    #[test]
    fn an_improvement_beside_a_flag_is_given_in_points_only() {
        use Change::*;
        assert_eq!(
            change_label(-7, ReliableImprovement, false),
            "-7, reliable improvement"
        );
        assert_eq!(change_label(-7, ReliableImprovement, true), "-7");
        assert_eq!(
            change_label(6, ReliableDeterioration, true),
            "+6, reliable deterioration"
        );
        assert_eq!(change_label(-2, NoReliableChange, false), "-2");
        assert_eq!(change_label(0, NoReliableChange, true), "0");
    }

    proptest! {
        /// A client with a critical flag is never ranked below one without.
        #[test]
        fn a_critical_flag_always_comes_first(
            others in proptest::collection::vec(prop_oneof![Just(Level::Low), Just(Level::Medium), Just(Level::High)], 0..4),
            nt in any::<bool>(),
        ) {
            let track = if nt { Track::NotOnTrack } else { Track::OnTrack };
            let mut with = others.clone();
            with.push(Level::Critical);
            prop_assert!(risk_rank(&with, Track::OnTrack) < risk_rank(&others, track) || others.contains(&Level::Critical));
            prop_assert_eq!(risk_rank(&with, track), 0);
        }

        /// The track agrees with the not-on-track rule's band at every length.
        #[test]
        fn track_matches_the_band(baseline in 0u8..=27, latest in 0u8..=27, n in 2usize..30) {
            let mut totals = vec![baseline; n];
            totals.push(latest);
            let band = expected_band(baseline, u32::try_from(n).unwrap(), None);
            prop_assert_eq!(track(&totals, None) == Track::NotOnTrack, band.is_worse(latest));
        }
    }
}
