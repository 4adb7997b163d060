//! Every sentence of the messaging rules, in one place for translation.

pub(super) const EMPTY: &str = "Write a message before sending it.";

/// "Keep a message to 4,000 characters or fewer (this one has 4,213)."
pub(super) fn too_long(n: usize) -> String {
    format!(
        "Keep a message to 4,000 characters or fewer (this one has {}). You can send the rest \
         in a second message.",
        thousands(n)
    )
}

pub(super) const SLOT_ORDER: &str = "Each period must end after it starts, on the same day.";
pub(super) const SLOT_OVERLAP: &str = "Two periods on the same day overlap. Join them into one.";
pub(super) const SLOT_TIME: &str = "Write the time as hours and minutes, like 09:00 or 17:30.";
pub(super) const TOO_MANY_SLOTS: &str = "Use at most 21 periods a week.";
pub(super) const AWAY_TOO_LONG: &str = "Keep the away message to 500 characters or fewer.";

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_grouped() {
        assert_eq!(super::thousands(7), "7");
        assert_eq!(super::thousands(4001), "4,001");
        assert_eq!(super::thousands(1234567), "1,234,567");
    }
}
