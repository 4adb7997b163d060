use serde::Serialize;

use super::band::Band;
use super::instrument::Instrument;
use super::phq9::Syndrome;

/// A scored response. Fields that do not apply to the instrument are `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Score {
    pub instrument: Instrument,
    /// The validated answers, one per scored item; `None` only for a PHQ-9 item left out
    /// and prorated.
    pub answers: Vec<Option<u8>>,
    /// PHQ-9 item 10 (how difficult), never part of the total.
    pub difficulty: Option<u8>,
    /// The total (WHO-5: the raw score, 0–25).
    pub total: u8,
    /// PHQ-9 and GAD-7 only.
    pub band: Option<Band>,
    /// Some answers were missing and the total was prorated (PHQ-9 only).
    pub prorated: bool,
    /// At or above the caseness threshold (PHQ-9 ≥ 10, GAD-7 ≥ 8).
    pub caseness: Option<bool>,
    /// PHQ-9 item 9, always present on a scored PHQ-9: the safety flag depends on it.
    pub item9: Option<u8>,
    /// PHQ-9 only.
    pub syndrome: Option<Syndrome>,
    /// PHQ-2 only: a positive screen.
    pub positive_screen: Option<bool>,
    /// WHO-5 only: raw × 4, 0–100.
    pub percentage: Option<u8>,
    /// WHO-5 only: poor well-being.
    pub poor_wellbeing: Option<bool>,
    /// WHO-5 only: percentage ≤ 28.
    pub suggests_depression: Option<bool>,
    /// The instrument this result asks for next: a positive PHQ-2 or poor WHO-5 asks for the
    /// full PHQ-9.
    pub follow_up: Option<Instrument>,
}

impl Score {
    /// A score with the common fields filled in and nothing instrument-specific.
    pub(super) fn new(instrument: Instrument, answers: Vec<Option<u8>>, total: u8) -> Score {
        let def = instrument.definition();
        Score {
            instrument,
            answers,
            difficulty: None,
            total,
            band: Band::of(instrument, total),
            prorated: false,
            caseness: def.caseness_at.map(|at| total >= at),
            item9: None,
            syndrome: None,
            positive_screen: None,
            percentage: None,
            poor_wellbeing: None,
            suggests_depression: None,
            follow_up: None,
        }
    }
}
