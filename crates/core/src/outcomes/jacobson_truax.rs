//! Jacobson & Truax (1991) reliable change index, for a practice that supplies its own
//! standard deviation and reliability (CLINICAL.md "Jacobson & Truax reliable change").

use serde::Serialize;

use crate::{Error, Result};

/// |RC| must exceed this for the change to be reliable (p < .05, two-sided).
pub const RELIABLE_RC: f64 = 1.96;

/// The criterion of one scale in one population: S_diff = √2 · SD · √(1 − r).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ReliableChangeCriterion {
    sd: f64,
    reliability: f64,
    s_diff: f64,
}

/// One assessed change.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ReliableChange {
    /// RC = (x2 − x1) / S_diff. Positive means the score rose (worse on PHQ-9 and GAD-7).
    pub rc: f64,
    /// |RC| > 1.96. Never true when RC is not a number.
    pub reliable: bool,
}

impl ReliableChangeCriterion {
    /// `sd`: the standard deviation of the scale in the reference population (> 0, finite).
    /// `reliability`: its test–retest or internal-consistency reliability r, in [0, 1).
    pub fn new(sd: f64, reliability: f64) -> Result<ReliableChangeCriterion> {
        if !(sd.is_finite() && sd > 0.0) {
            return Err(Error::invalid(
                "sd",
                "The standard deviation must be a number above 0.",
            ));
        }
        if !(reliability.is_finite() && (0.0..1.0).contains(&reliability)) {
            return Err(Error::invalid(
                "reliability",
                "The reliability must be at least 0 and below 1.",
            ));
        }
        let s_diff = std::f64::consts::SQRT_2 * sd * (1.0 - reliability).sqrt();
        Ok(ReliableChangeCriterion {
            sd,
            reliability,
            s_diff,
        })
    }

    pub fn sd(&self) -> f64 {
        self.sd
    }

    pub fn reliability(&self) -> f64 {
        self.reliability
    }

    /// The standard error of the difference between two scores.
    pub fn s_diff(&self) -> f64 {
        self.s_diff
    }

    /// The change from `x1` (earlier) to `x2` (later).
    pub fn assess(&self, x1: f64, x2: f64) -> ReliableChange {
        let rc = (x2 - x1) / self.s_diff;
        ReliableChange {
            rc,
            reliable: rc.abs() > RELIABLE_RC,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jacobson_truax_formula() {
        // CLINICAL.md "RC = (x2 − x1) / S_diff, S_diff = √2 · SD · √(1 − r); reliable when |RC| > 1.96".
        let c = ReliableChangeCriterion::new(5.0, 0.84).unwrap();
        let expected_s_diff = 2f64.sqrt() * 5.0 * 0.16f64.sqrt(); // = 2.828…
        assert!((c.s_diff() - expected_s_diff).abs() < 1e-12);
        let change = c.assess(20.0, 14.0);
        assert!((change.rc - (-6.0 / expected_s_diff)).abs() < 1e-12);
        assert!(change.reliable);
    }

    #[test]
    fn jacobson_truax_reliable_only_beyond_1_96() {
        // r = 0.5, SD = 1 → S_diff = 1, so RC equals the raw difference.
        let c = ReliableChangeCriterion::new(1.0, 0.5).unwrap();
        assert!((c.s_diff() - 1.0).abs() < 1e-12);
        assert!(!c.assess(0.0, 1.96).reliable);
        assert!(c.assess(0.0, 1.97).reliable);
        assert!(c.assess(1.97, 0.0).reliable);
        assert!(!c.assess(f64::NAN, 0.0).reliable);
    }

    #[test]
    fn jacobson_truax_rejects_bad_sd_and_reliability() {
        assert_eq!(
            ReliableChangeCriterion::new(0.0, 0.5).unwrap_err().field,
            "sd"
        );
        assert_eq!(
            ReliableChangeCriterion::new(-1.0, 0.5).unwrap_err().field,
            "sd"
        );
        assert_eq!(
            ReliableChangeCriterion::new(f64::NAN, 0.5)
                .unwrap_err()
                .field,
            "sd"
        );
        assert_eq!(
            ReliableChangeCriterion::new(f64::INFINITY, 0.5)
                .unwrap_err()
                .field,
            "sd"
        );
        for r in [1.0, -0.01, 1.5, f64::NAN] {
            assert_eq!(
                ReliableChangeCriterion::new(5.0, r).unwrap_err().field,
                "reliability"
            );
        }
        assert!(ReliableChangeCriterion::new(5.0, 0.0).is_ok());
        assert!(ReliableChangeCriterion::new(5.0, 0.999).is_ok());
    }
}
