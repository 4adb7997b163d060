//! Response and remission on the PHQ-9 (CLINICAL.md "Change and outcome definitions").

/// Response and remission count only from a baseline at or above this (NQF 1884, NQF 0710).
pub const RESPONSE_MIN_BASELINE: u8 = 10;
/// Remission: a PHQ-9 total below this (NQF 0710).
pub const REMISSION_BELOW: u8 = 5;

/// Response (NQF 1884): PHQ-9 down by 50 % or more from a baseline of 10 or more.
/// Integer arithmetic, so 10 → 5 is exactly 50 % and counts.
pub fn phq9_response(baseline: u8, score: u8) -> bool {
    baseline >= RESPONSE_MIN_BASELINE
        && 2 * (i32::from(baseline) - i32::from(score)) >= i32::from(baseline)
}

/// Remission (NQF 0710): PHQ-9 below 5 from a baseline of 10 or more.
pub fn phq9_remission(baseline: u8, score: u8) -> bool {
    baseline >= RESPONSE_MIN_BASELINE && score < REMISSION_BELOW
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_is_down_50_percent_from_baseline_10_or_more() {
        // CLINICAL.md "Response: PHQ-9 down ≥ 50% from a baseline ≥ 10 (NQF 1884)."
        assert!(phq9_response(10, 5));
        assert!(!phq9_response(10, 6));
        assert!(phq9_response(15, 7));
        assert!(!phq9_response(15, 8));
        assert!(phq9_response(27, 13));
        assert!(!phq9_response(27, 14));
        assert!(!phq9_response(9, 0), "baseline below 10 never counts");
    }

    #[test]
    fn remission_is_below_5_from_baseline_10_or_more() {
        // CLINICAL.md "Remission: PHQ-9 < 5 from a baseline ≥ 10 (NQF 0710)."
        assert!(phq9_remission(10, 4));
        assert!(!phq9_remission(10, 5));
        assert!(!phq9_remission(9, 0));
    }
}
