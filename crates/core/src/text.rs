//! Limits on free text, with the message that says what to fix.

use crate::{Error, Result};

/// Refuses text longer than `max` characters once trimmed, naming `field`.
pub fn at_most(field: &str, value: &str, max: usize) -> Result<()> {
    if value.trim().chars().count() > max {
        return Err(Error::invalid(
            field,
            format!("Use {max} characters or fewer."),
        ));
    }
    Ok(())
}

/// Refuses an empty (or blank) answer with `message`, naming `field`.
pub fn required(field: &str, value: &str, message: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid(field, message));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_count_characters_after_trimming() {
        assert!(at_most("f", "  ééé  ", 3).is_ok());
        assert_eq!(at_most("f", "abcd", 3).unwrap_err().field, "f");
        assert!(required("f", " \n", "Say something.").is_err());
        assert!(required("f", "x", "Say something.").is_ok());
    }
}
