//! Explainable matching of a person with therapists: hard filters that are never violated, a
//! weighted score with reasons and concerns in plain words, the what-was-missing table with its
//! sources, widening when nothing matches, and a compact directory fast enough for a million
//! profiles. Pure: the web and app layers bring the profiles and the person's history.

pub mod directory;
#[doc(hidden)]
pub mod generate;
pub mod request;
pub mod score;
pub mod table;
pub mod why;
pub mod widen;

pub use directory::{Directory, explain, rank};
pub use request::{HelpWith, Missing, Request};
pub use table::{Favour, Row, TABLE};
pub use why::{Concern, Grounds, Reason};
pub use widen::{Dropped, RESOURCES, Resource, Step, StepKind, widen};

/// One clinician for a request: `index` into the profiles the directory was built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub index: usize,
    pub score: u8,
    pub reasons: Vec<Reason>,
    pub concerns: Vec<Concern>,
}

/// Results, and when there are none, the ways to widen and where else to look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub results: Vec<Match>,
    pub widen: Vec<Step>,
    pub resources: &'static [Resource],
}

impl Directory {
    /// `top_where`, with widening steps and resources when nothing matches.
    pub fn find(&self, req: &Request, k: usize, keep: impl Fn(usize) -> bool) -> Outcome {
        let results = self.top_where(req, k, keep);
        if results.is_empty() {
            Outcome {
                results,
                widen: widen(req),
                resources: RESOURCES,
            }
        } else {
            Outcome {
                results,
                widen: vec![],
                resources: &[],
            }
        }
    }
}

#[cfg(test)]
mod tests;
