use crate::{Error, Result};

/// The name a person wants to be called by. Free text, kept short.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(input: &str) -> Result<PersonName> {
        let s = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() {
            return Err(Error::invalid(
                "name",
                "Enter the name you would like us to use.",
            ));
        }
        if s.chars().count() > Self::MAX_CHARS {
            return Err(Error::invalid("name", "Use 100 characters or fewer."));
        }
        if s.chars().any(char::is_control) {
            return Err(Error::invalid(
                "name",
                "Use letters, spaces and punctuation only.",
            ));
        }
        Ok(PersonName(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_spaces() {
        assert_eq!(
            PersonName::parse("  Ana   María ").unwrap().as_str(),
            "Ana María"
        );
        assert!(PersonName::parse("   ").is_err());
        assert!(PersonName::parse(&"x".repeat(101)).is_err());
    }
}
