//! Time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30-second steps), as authenticator
//! apps expect them. Time is passed in.

use chrono::{DateTime, Utc};
use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, Secret, TOTP};

use crate::{Error, Result};

const STEP: u64 = 30;

fn totp(secret_b32: &str, issuer: &str, account: &str) -> Result<TOTP> {
    let bytes = Secret::Encoded(secret_b32.to_string())
        .to_bytes()
        .map_err(|_| Error::Internal("bad TOTP secret".into()))?;
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        STEP,
        bytes,
        Some(issuer.to_string()),
        account.to_string(),
    )
    .map_err(|e| Error::Internal(format!("TOTP: {e}")))
}

/// A new random secret, base32-encoded (160 bits).
pub fn new_secret() -> String {
    Secret::generate_secret().to_encoded().to_string()
}

/// The `otpauth://` URI an authenticator app scans.
pub fn uri(secret_b32: &str, issuer: &str, account: &str) -> Result<String> {
    Ok(totp(secret_b32, issuer, account)?.get_url())
}

/// The code for a moment (the demo's sign-in page shows it).
pub fn code_at(secret_b32: &str, at: DateTime<Utc>) -> Result<String> {
    Ok(totp(secret_b32, "Rapport", "demo")?.generate(at.timestamp().max(0) as u64))
}

/// The time step a code belongs to, if it is right for `now` give or take one step, and
/// later than `last_step` (so a code is good once).
pub fn check(
    secret_b32: &str,
    code: &str,
    now: DateTime<Utc>,
    last_step: i64,
) -> Result<Option<i64>> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    let t = totp(secret_b32, "Rapport", "check")?;
    let step_now = now.timestamp().max(0) / STEP as i64;
    for step in [step_now - 1, step_now, step_now + 1] {
        if step <= last_step || step < 0 {
            continue;
        }
        let expected = t.generate(step as u64 * STEP);
        if bool::from(expected.as_bytes().ct_eq(code.as_bytes())) {
            return Ok(Some(step));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn accepts_the_current_and_adjacent_code_once() {
        let secret = new_secret();
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 10).unwrap();
        let code = code_at(&secret, now).unwrap();
        let step = check(&secret, &code, now, 0).unwrap().unwrap();
        assert_eq!(
            check(&secret, &code, now, step).unwrap(),
            None,
            "replay refused"
        );
        let later = now + chrono::Duration::seconds(30);
        assert!(
            check(&secret, &code, later, 0).unwrap().is_some(),
            "one step of drift"
        );
        let much_later = now + chrono::Duration::seconds(120);
        assert_eq!(check(&secret, &code, much_later, 0).unwrap(), None);
        assert_eq!(check(&secret, "12345", now, 0).unwrap(), None);
        assert_eq!(check(&secret, "abcdef", now, 0).unwrap(), None);
    }

    #[test]
    fn matches_rfc_6238_test_vector() {
        // RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits) → last 6: 287082.
        let secret = totp_rs::Secret::Raw(b"12345678901234567890".to_vec())
            .to_encoded()
            .to_string();
        let at = Utc.timestamp_opt(59, 0).unwrap();
        assert_eq!(code_at(&secret, at).unwrap(), "287082");
    }
}
