//! The languages Rapport speaks, and how one is chosen: a person's own choice, else their
//! browser's `Accept-Language`, else English. A language is stored and sent as its BCP 47
//! primary subtag (`en`, `es`).

string_enum! {
    /// A language the product is translated into.
    Language {
        En => "en", "English";
        Es => "es", "Español";
    }
}

// `string_enum!` cannot mark a variant `#[default]`.
#[allow(clippy::derivable_impls)]
impl Default for Language {
    fn default() -> Self {
        Language::En
    }
}

/// The longest BCP 47 tag kept (RFC 5646 recommends room for 35 characters).
pub const MAX_TAG_CHARS: usize = 35;

impl Language {
    /// The language of a BCP 47 tag (`es`, `es-MX`, `ES-us`), when it is one we have.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Language::parse(&primary)
    }

    /// The best language for an `Accept-Language` header: the first of ours by the browser's
    /// weights (`q`), English when none is ours.
    pub fn negotiate(accept_language: &str) -> Language {
        let mut best: Option<(u16, Language)> = None;
        for part in accept_language.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1000), weight);
            let (Some(q), Some(lang)) = (q, Language::from_tag(tag)) else {
                continue;
            };
            if q > 0 && best.is_none_or(|(b, _)| q > b) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }
}

/// A `q` value in thousandths (`0.8` is 800); `None` when it is not one.
fn weight(q: &str) -> Option<u16> {
    let v: f32 = q.trim().parse().ok()?;
    (0.0..=1.0)
        .contains(&v)
        .then(|| (v * 1000.0).round() as u16)
}

/// Whether `tag` is a well-formed BCP 47 language tag as far as we check: subtags of 1–8
/// letters or digits joined by `-`, the first 2–8 letters, at most [`MAX_TAG_CHARS`] in all.
pub fn is_tag(tag: &str) -> bool {
    if tag.is_empty() || tag.len() > MAX_TAG_CHARS {
        return false;
    }
    let mut subtags = tag.split('-');
    let primary_ok = subtags
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    primary_ok
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tags_name_their_language() {
        assert_eq!(Language::from_tag("es"), Some(Language::Es));
        assert_eq!(Language::from_tag("es-MX"), Some(Language::Es));
        assert_eq!(Language::from_tag("ES-us"), Some(Language::Es));
        assert_eq!(Language::from_tag("en-GB"), Some(Language::En));
        assert_eq!(Language::from_tag("de"), None);
        assert_eq!(Language::from_tag(""), None);
    }

    #[test]
    fn the_browser_chooses_by_weight() {
        assert_eq!(Language::negotiate("es-ES,es;q=0.9,en;q=0.8"), Language::Es);
        assert_eq!(
            Language::negotiate("de-DE,de;q=0.9,es;q=0.5,en;q=0.6"),
            Language::En
        );
        assert_eq!(Language::negotiate("de, fr;q=0.5"), Language::En);
        assert_eq!(Language::negotiate("es;q=0, en;q=0.1"), Language::En);
        assert_eq!(Language::negotiate(""), Language::En);
        assert_eq!(Language::negotiate("*"), Language::En);
    }

    #[test]
    fn tags_are_checked() {
        for ok in ["en", "es", "es-US", "es-419", "zh-Hant-TW", "sgn-BE-FR"] {
            assert!(is_tag(ok), "{ok}");
        }
        for bad in [
            "",
            "e",
            "es_US",
            "es-",
            "-es",
            "1a",
            "es-toolongsubtag",
            "es US",
        ] {
            assert!(!is_tag(bad), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn negotiation_never_panics(header in ".{0,80}") {
            let _ = Language::negotiate(&header);
            let _ = is_tag(&header);
        }
    }
}
