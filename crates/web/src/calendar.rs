//! A private calendar feed as iCalendar text (RFC 5545): when and where each session is, never
//! who or why. A pure function of the events, so calendar apps get the same bytes for the same
//! sessions.

use chrono::{DateTime, Duration, Utc};
use rapport_app::calendar::CalendarEvent;

/// Lines longer than this many octets are folded (RFC 5545 §3.1).
const FOLD_AT: usize = 75;

/// The whole feed: one VCALENDAR with a VEVENT per session, CRLF line ends, lines folded.
pub fn ics(events: &[CalendarEvent], now: DateTime<Utc>) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Rapport//Sessions//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        "X-WR-CALNAME:Rapport".into(),
    ];
    for e in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}@rapport", e.id));
        lines.push(format!("DTSTAMP:{}", stamp(now)));
        lines.push(format!("DTSTART:{}", stamp(e.starts_at)));
        lines.push(format!(
            "DTEND:{}",
            stamp(e.starts_at + Duration::minutes(e.minutes))
        ));
        lines.push("SUMMARY:Therapy session".into());
        match e.modality.as_str() {
            "online" => {
                lines.push("LOCATION:Online".into());
                if let Some(link) = e.place.as_deref().filter(|p| !p.trim().is_empty()) {
                    lines.push(format!("URL:{}", uri(link)));
                }
            }
            "phone" => lines.push("LOCATION:By phone".into()),
            _ => {
                if let Some(place) = e.place.as_deref().filter(|p| !p.trim().is_empty()) {
                    lines.push(format!("LOCATION:{}", text(place)));
                }
            }
        }
        lines.push(format!(
            "STATUS:{}",
            if e.cancelled {
                "CANCELLED"
            } else {
                "CONFIRMED"
            }
        ));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in &lines {
        out.push_str(&fold(line));
    }
    out
}

/// A UTC date-time: `20261103T140500Z`.
fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value: backslash, semicolon and comma escaped, line breaks as `\n`, other control
/// characters dropped.
fn text(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value is not escaped, but it may not break the line.
fn uri(s: &str) -> String {
    s.trim().chars().filter(|c| !c.is_control()).collect()
}

/// One content line, folded after at most 75 octets (never inside a character), each piece
/// ending in CRLF; continuation lines start with a space.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut used = 0;
    for ch in line.chars() {
        let n = ch.len_utf8();
        if used + n > FOLD_AT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(ch);
        used += n;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use uuid::Uuid;

    fn event(modality: &str, place: Option<&str>, cancelled: bool) -> CalendarEvent {
        CalendarEvent {
            id: Uuid::from_u128(0x1234),
            starts_at: Utc.with_ymd_and_hms(2026, 11, 3, 16, 0, 0).unwrap(),
            minutes: 50,
            modality: modality.into(),
            place: place.map(str::to_string),
            cancelled,
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 10, 1, 8, 30, 5).unwrap()
    }

    /// The content lines, unfolded.
    fn unfolded(ics: &str) -> Vec<String> {
        ics.replace("\r\n ", "")
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn a_calendar_with_one_session() {
        let out = ics(&[event("in_person", Some("Room 2"), false)], now());
        assert!(out.ends_with("END:VCALENDAR\r\n"));
        assert!(
            !out.replace("\r\n", "").contains('\n'),
            "only CRLF line ends"
        );
        let lines = unfolded(&out);
        for expected in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:Rapport",
            "BEGIN:VEVENT",
            "UID:00000000-0000-0000-0000-000000001234@rapport",
            "DTSTAMP:20261001T083005Z",
            "DTSTART:20261103T160000Z",
            "DTEND:20261103T165000Z",
            "SUMMARY:Therapy session",
            "LOCATION:Room 2",
            "STATUS:CONFIRMED",
            "END:VEVENT",
        ] {
            assert!(lines.iter().any(|l| l == expected), "missing {expected}");
        }
        assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            text("Room 2; Elm St, 14\\B\nSecond floor\r\nback door"),
            "Room 2\\; Elm St\\, 14\\\\B\\nSecond floor\\nback door"
        );
        let out = ics(&[event("in_person", Some("A, B; C"), false)], now());
        assert!(unfolded(&out).contains(&"LOCATION:A\\, B\\; C".to_string()));
    }

    #[test]
    fn long_lines_are_folded_at_75_octets_between_characters() {
        let place =
            "Gartenstraße 12, Hinterhaus, 3. Stock — Praxis für Psychotherapie, Klingel »Okafor«";
        let out = ics(&[event("in_person", Some(place), false)], now());
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert!(out.contains("\r\n "), "the long line is folded");
        assert!(unfolded(&out).contains(&format!("LOCATION:{}", text(place))));
        let folded = fold(&"é".repeat(60));
        assert!(folded.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(folded.replace("\r\n ", "").trim_end(), "é".repeat(60));
    }

    #[test]
    fn cancelled_online_and_phone_sessions() {
        let out = ics(
            &[
                event("online", Some("https://meet.example.org/a,b;c"), true),
                event("phone", None, false),
            ],
            now(),
        );
        let lines = unfolded(&out);
        assert!(lines.contains(&"STATUS:CANCELLED".to_string()));
        assert!(lines.contains(&"LOCATION:Online".to_string()));
        assert!(lines.contains(&"URL:https://meet.example.org/a,b;c".to_string()));
        assert!(lines.contains(&"LOCATION:By phone".to_string()));
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 2);
    }

    #[test]
    fn no_names_and_nothing_clinical() {
        let out = ics(&[event("in_person", Some("Room 2"), false)], now());
        let summaries: Vec<_> = unfolded(&out)
            .into_iter()
            .filter(|l| l.starts_with("SUMMARY") || l.starts_with("DESCRIPTION"))
            .collect();
        assert_eq!(summaries, ["SUMMARY:Therapy session"]);
        for word in ["ATTENDEE", "ORGANIZER", "CONTACT", "DESCRIPTION"] {
            assert!(!out.contains(word), "{word} in the feed");
        }
    }

    /// A TEXT value read back as RFC 5545 says (§3.3.11).
    fn unescaped(value: &str) -> String {
        let mut out = String::new();
        let mut chars = value.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        }
        out
    }

    proptest::proptest! {
        // Any place a clinician types (any text, control characters, long lines, any script)
        // gives a feed whose physical lines end in CRLF and hold at most 75 octets, whose
        // content lines unfold to one per property, and whose LOCATION reads back as the place
        // (line breaks kept, other control characters dropped); a URL never breaks its line.
        #[test]
        fn any_place_makes_a_well_formed_feed(
            place in "(.|\\r|\\n|\\t|[,;\\\\]){0,300}",
            online in proptest::bool::ANY,
            cancelled in proptest::bool::ANY,
        ) {
            let modality = if online { "online" } else { "in_person" };
            let out = ics(&[event(modality, Some(&place), cancelled)], now());
            proptest::prop_assert!(out.ends_with("END:VCALENDAR\r\n"));
            let body = out.strip_suffix("\r\n").unwrap_or(&out);
            for line in body.split("\r\n") {
                proptest::prop_assert!(line.len() <= FOLD_AT, "{} octets", line.len());
                proptest::prop_assert!(!line.contains(['\r', '\n']), "a bare line break");
            }
            let lines = unfolded(&out);
            proptest::prop_assert!(lines.iter().all(|l| l.contains(':')), "{lines:?}");
            let shown = place.trim();
            if shown.is_empty() && !online {
                proptest::prop_assert!(!lines.iter().any(|l| l.starts_with("LOCATION:")));
            } else if shown.is_empty() {
                proptest::prop_assert!(!lines.iter().any(|l| l.starts_with("URL:")));
            } else if online {
                let url = lines.iter().find_map(|l| l.strip_prefix("URL:"));
                let expected: String = shown.chars().filter(|c| !c.is_control()).collect();
                proptest::prop_assert_eq!(url, Some(expected.as_str()));
            } else {
                let value = lines.iter().find_map(|l| l.strip_prefix("LOCATION:")).unwrap_or_default();
                let expected: String = place
                    .replace("\r\n", "\n")
                    .replace('\r', "\n")
                    .chars()
                    .filter(|c| *c == '\n' || !c.is_control())
                    .collect();
                proptest::prop_assert_eq!(unescaped(value), expected);
            }
        }
    }

    #[test]
    fn an_empty_feed_is_still_a_calendar() {
        let lines = unfolded(&ics(&[], now()));
        assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
        assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
        assert!(!lines.iter().any(|l| l == "BEGIN:VEVENT"));
    }
}
