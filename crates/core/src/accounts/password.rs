use crate::{Error, Result};

/// NIST SP 800-63B: at least 8 characters for a memorised secret; we ask for 10 because the
/// record behind it is health data. Long pass-phrases are welcome.
pub const MIN_PASSWORD_LEN: usize = 10;
/// Upper bound so that hashing cannot be used to exhaust the server.
pub const MAX_PASSWORD_LEN: usize = 256;

/// Checks a new password. `field` is the form field to name in the error.
pub fn check_new_password(field: &str, password: &str, email: &str) -> Result<()> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_LEN {
        return Err(Error::invalid(
            field,
            format!(
                "Use at least {MIN_PASSWORD_LEN} characters. A few words together are easy to remember."
            ),
        ));
    }
    if chars > MAX_PASSWORD_LEN {
        return Err(Error::invalid(
            field,
            format!("Use {MAX_PASSWORD_LEN} characters or fewer."),
        ));
    }
    if password.trim().eq_ignore_ascii_case(email.trim()) {
        return Err(Error::invalid(
            field,
            "Choose a password that is not your e-mail address.",
        ));
    }
    let first = password.chars().next();
    if password.chars().all(|c| Some(c) == first) {
        return Err(Error::invalid(
            field,
            "Choose a password that is harder to guess.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_and_guessability() {
        assert!(check_new_password("password", "short", "a@b.org").is_err());
        assert!(check_new_password("password", "aaaaaaaaaaaa", "a@b.org").is_err());
        assert!(check_new_password("password", "ana@example.org", "ana@example.org").is_err());
        assert!(check_new_password("password", &"ab".repeat(200), "a@b.org").is_err());
        assert!(check_new_password("password", "green kettle morning", "a@b.org").is_ok());
        assert_eq!(
            check_new_password("new_password", "x", "")
                .unwrap_err()
                .field,
            "new_password"
        );
    }
}
