//! The crisis resources an instance shows: on the public crisis page and beside a safety
//! flag. Defaults are the United States'; an instance sets its own country's.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrisisLine {
    /// What it is, e.g. "988 Suicide & Crisis Lifeline — call".
    pub label: String,
    /// How to reach it: `tel:988`, `sms:988`, or an https address.
    pub href: String,
    /// What the button says, e.g. "Call 988".
    pub action: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrisisResources {
    pub lines: Vec<CrisisLine>,
}

impl Default for CrisisResources {
    fn default() -> Self {
        let line = |label: &str, href: &str, action: &str| CrisisLine {
            label: label.into(),
            href: href.into(),
            action: action.into(),
        };
        CrisisResources {
            lines: vec![
                line(
                    "988 Suicide & Crisis Lifeline (call, any time)",
                    "tel:988",
                    "Call 988",
                ),
                line(
                    "988 Suicide & Crisis Lifeline (text)",
                    "sms:988",
                    "Text 988",
                ),
                line(
                    "988 Lifeline chat",
                    "https://988lifeline.org/chat",
                    "Chat at 988lifeline.org",
                ),
                line(
                    "If you are in danger now: emergency services",
                    "tel:911",
                    "Call 911",
                ),
            ],
        }
    }
}

impl CrisisResources {
    /// Reads lines of `label | href | button text`; blank lines and `#` comments are skipped.
    pub fn parse(text: &str) -> Result<CrisisResources, String> {
        let mut lines = Vec::new();
        for (n, raw) in text.lines().enumerate() {
            let raw = raw.trim();
            if raw.is_empty() || raw.starts_with('#') {
                continue;
            }
            let parts: Vec<&str> = raw.split('|').map(str::trim).collect();
            let [label, href, action] = parts.as_slice() else {
                return Err(format!(
                    "line {}: write `label | href | button text`",
                    n + 1
                ));
            };
            let ok_href = ["tel:", "sms:", "https://"]
                .iter()
                .any(|p| href.starts_with(p));
            if !ok_href {
                return Err(format!(
                    "line {}: the link must start with tel:, sms: or https://",
                    n + 1
                ));
            }
            lines.push(CrisisLine {
                label: label.to_string(),
                href: href.to_string(),
                action: action.to_string(),
            });
        }
        if lines.is_empty() {
            return Err("the crisis file lists no line".into());
        }
        Ok(CrisisResources { lines })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_carry_988_and_911() {
        let d = CrisisResources::default();
        assert!(d.lines.iter().any(|l| l.href == "tel:988"));
        assert!(d.lines.iter().any(|l| l.href == "sms:988"));
        assert!(d.lines.iter().any(|l| l.href.contains("988lifeline.org")));
        assert!(d.lines.iter().any(|l| l.href == "tel:911"));
    }

    #[test]
    fn parses_an_instance_file() {
        let r = CrisisResources::parse(
            "# UK\nSamaritans | tel:116123 | Call 116 123\n\nEmergency | tel:999 | Call 999\n",
        )
        .unwrap();
        assert_eq!(r.lines.len(), 2);
        assert!(CrisisResources::parse("bad line").is_err());
        assert!(CrisisResources::parse("x | javascript:alert(1) | y").is_err());
        assert!(CrisisResources::parse("").is_err());
    }
}
