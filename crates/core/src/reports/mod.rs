//! Outcome reports: each finished episode classified by CLINICAL.md "Change and outcome
//! definitions", and the practice's figures aggregated from them (rates with their counts and
//! 95 % Wilson intervals, the eligibility funnel, breakdowns with the small-cell rule).
//!
//! The reading of the definitions, where CLINICAL.md leaves a choice (also in
//! `docs/CLINICAL-CHOICES.md`, "Outcome reports"):
//! - **Outcomes are counted for finished episodes** (discharged to maintenance, or closed), the
//!   way NHS Talking Therapies counts finished courses of treatment. An episode is *in* a
//!   report's period when it finished in it; *started* counts the episodes started in it.
//! - **The measures of an episode** are its PHQ-9 and GAD-7 totals up to the end of treatment
//!   (the discharge, or the close when there was none), in time order; first = baseline.
//! - **The funnel**: finished → ≥ 2 attended sessions → paired scores (a first and a last,
//!   i.e. two or more, of both PHQ-9 and GAD-7) → a case at the start (PHQ-9 ≥ 10 or
//!   GAD-7 ≥ 8). Recovery, reliable recovery, reliable improvement and reliable deterioration
//!   are rates of the last stage.
//! - **Reliable improvement** is the paired rule of IAPT (reliably better on at least one
//!   scale, reliably worse on neither); **reliable deterioration** its mirror (reliably worse
//!   on at least one, reliably better on neither).
//! - **Response and remission** are PHQ-9 alone, at the last measure, over finished episodes
//!   with ≥ 2 attended sessions, two or more PHQ-9 and a PHQ-9 baseline ≥ 10 (NQF 1884/0710
//!   need no GAD-7); the funnel carries those two counts too.
//! - **Dropout**: a finished episode with at least one attended session that was closed
//!   without a planned discharge (it never went to maintenance).

mod aggregate;
mod episode;

pub use aggregate::{
    Breakdown, Breakdowns, Funnel, Granularity, OutcomeReport, Rates, Row, RowRates,
    SessionsPerEpisode, report,
};
pub use episode::{Classified, EpisodeFacts, SessionFact, classify};

#[cfg(test)]
mod tests;
