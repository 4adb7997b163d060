//! The learning library: short, plain pages for clients (psychoeducation, DESIGN.md
//! capability 3). This is the list alone; each page's text is a template in `web`
//! (`templates/learn/<slug>.html`), so every word a client reads stays in templates.

/// One page of the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LearnPage {
    /// Stable, lowercase words joined by hyphens; the page's address is `/learn/<slug>`.
    pub slug: &'static str,
    pub title: &'static str,
    /// One sentence that says what the page is about.
    pub summary: &'static str,
    /// Reading time, unhurried.
    pub minutes: u8,
}

/// The library, in the order a newcomer might read it.
pub const PAGES: [LearnPage; 10] = [
    LearnPage {
        slug: "what-is-depression",
        title: "What depression is",
        summary: "What depression is and is not, the common signs, and why it can be treated.",
        minutes: 3,
    },
    LearnPage {
        slug: "approaches",
        title: "Kinds of talking therapy",
        summary: "What CBT, behavioural activation, cognitive, interpersonal and psychodynamic therapy are, and what a session is like.",
        minutes: 3,
    },
    LearnPage {
        slug: "formats",
        title: "Ways to have therapy",
        summary: "On your own, with family or in a group; in person, by video or by phone, and who each suits.",
        minutes: 3,
    },
    LearnPage {
        slug: "homework",
        title: "Homework between sessions",
        summary: "Why therapists suggest small tasks between sessions, and what thought records, activity diaries, problem solving and journaling are.",
        minutes: 3,
    },
    LearnPage {
        slug: "give-it-time",
        title: "How change usually comes",
        summary: "What to expect as the weeks go by, why ups and downs are normal, and how weekly questionnaires help.",
        minutes: 3,
    },
    LearnPage {
        slug: "if-therapy-did-not-help",
        title: "If therapy did not help before",
        summary: "Why therapy sometimes does not help the first time, and how to make the next try fit you better.",
        minutes: 3,
    },
    LearnPage {
        slug: "medication-and-sleep",
        title: "Medication and sleep",
        summary: "How medication can sit alongside therapy, how to take it safely, and sleep habits that help.",
        minutes: 3,
    },
    LearnPage {
        slug: "finding-a-therapist",
        title: "Finding a therapist",
        summary: "How to find a qualified therapist, what the letters after their names mean, and what to ask when you first meet.",
        minutes: 3,
    },
    LearnPage {
        slug: "talking-about-depression",
        title: "Talking to people about your depression",
        summary: "Whether, whom and how much to tell, a few ways to start, and what to do when it does not go well.",
        minutes: 3,
    },
    LearnPage {
        slug: "medicines-side-effects",
        title: "Medicines: side effects and what to do",
        summary: "Which side effects are common, which usually fade, which need a call to your prescriber today, and how to keep taking your medicine safely.",
        minutes: 3,
    },
];

/// The page with this slug, if the library has one.
pub fn find(slug: &str) -> Option<&'static LearnPage> {
    PAGES.iter().find(|p| p.slug == slug)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ten_pages_with_unique_slugs() {
        assert_eq!(PAGES.len(), 10);
        let slugs: HashSet<&str> = PAGES.iter().map(|p| p.slug).collect();
        assert_eq!(slugs.len(), PAGES.len(), "slugs must be unique");
    }

    #[test]
    fn slugs_are_lowercase_words_joined_by_hyphens() {
        for p in &PAGES {
            assert!(!p.slug.is_empty(), "empty slug");
            assert!(
                p.slug.split('-').all(|w| !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())),
                "bad slug {:?}",
                p.slug
            );
        }
    }

    #[test]
    fn every_page_is_short_and_summarised_in_one_sentence() {
        for p in &PAGES {
            assert!(
                (2..=4).contains(&p.minutes),
                "{} takes {} min",
                p.slug,
                p.minutes
            );
            assert!(!p.title.trim().is_empty(), "{} has no title", p.slug);
            let s = p.summary.trim();
            assert!(s.ends_with('.'), "{}: summary should be a sentence", p.slug);
            assert!(
                !s.trim_end_matches('.').contains(". "),
                "{}: summary should be one sentence",
                p.slug
            );
        }
    }

    #[test]
    fn find_returns_the_page_or_nothing() {
        for p in &PAGES {
            assert_eq!(find(p.slug), Some(p));
        }
        assert_eq!(find("no-such-page"), None);
        assert_eq!(find(""), None);
        assert_eq!(find("What-Is-Depression"), None);
    }
}
