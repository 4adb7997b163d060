//! Whether a message's words speak of self-harm or suicide: a short list of phrases, matched
//! as whole words after the text is lowered, its apostrophes dropped ("don't" → "dont") and
//! everything that is not a letter or a digit made a space. It errs towards showing the crisis
//! lines: "I am not suicidal" matches too, and showing a crisis line to someone who did not
//! need it costs little. It raises no flag and tells nobody (docs/messages.md): it only decides
//! whether the writer sees the crisis lines at once.

/// The phrases, as people write them; matched as whole words (see [`normalise`]).
const PHRASES: &[&str] = &[
    // Suicide, named.
    "suicide",
    "suicides",
    "suicidal",
    "suicidality",
    // Ending one's life.
    "kill myself",
    "killing myself",
    "killed myself",
    "kill my self",
    "end my life",
    "ending my life",
    "end it all",
    "ending it all",
    "take my life",
    "take my own life",
    "taking my own life",
    "hang myself",
    "shoot myself",
    "overdose",
    "overdosing",
    // Wishing to be dead.
    "want to die",
    "wanna die",
    "want to be dead",
    "wish i was dead",
    "wish i were dead",
    "better off dead",
    "better off without me",
    "no reason to live",
    "nothing to live for",
    "don't want to live",
    "do not want to live",
    "don't want to be alive",
    "do not want to be alive",
    "don't want to wake up",
    "hope i don't wake up",
    "don't want to be here anymore",
    // Harming oneself.
    "hurt myself",
    "hurting myself",
    "harm myself",
    "harming myself",
    "self harm",
    "self harming",
    "selfharm",
    "self injury",
    "self injure",
    "cut myself",
    "cutting myself",
];

/// Lowered, apostrophes dropped, anything else that is not a letter or digit made a space,
/// runs of spaces made one, and a space at each end (so that a phrase matches whole words).
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    for c in text.chars().flat_map(char::to_lowercase) {
        if matches!(c, '\'' | '’' | '‘' | '`' | 'ʼ') {
            continue;
        }
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// Whether the text speaks of self-harm or suicide (one of [`PHRASES`], as whole words).
pub fn speaks_of_self_harm(text: &str) -> bool {
    let t = normalise(text);
    PHRASES.iter().any(|p| t.contains(&normalise(p)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hits() {
        for text in [
            "I keep thinking about suicide.",
            "Honestly I feel SUICIDAL tonight",
            "I want to kill myself",
            "i wanna die",
            "Sometimes I think everyone would be better off without me.",
            "I don't want to live like this",
            "I don’t want to live like this", // a typographic apostrophe
            "I dont want to be alive anymore",
            "I cut myself again last night",
            "thinking of self-harm again",
            "self harming",
            "I might hurt   myself",
            "Kill-myself thoughts are back",
            "There is no reason to live.",
            "I hope I don't wake up tomorrow",
            "I'm not suicidal, just tired", // errs towards showing the lines
            "I took an overdose once",
            "I want to end it all",
        ] {
            assert!(speaks_of_self_harm(text), "{text}");
        }
    }

    #[test]
    fn near_misses() {
        for text in [
            "I need to skill myself up for the new job",
            "My homework is overdue",
            "I was killing it at work today",
            "My phone died on the bus",
            "I'm dying to see the new film",
            "The deadline is Friday",
            "We talked about self-harmony in yoga",
            "I want to diet before summer",
            "I cut my hair myself",
            "It was harmless fun",
            "Can we move Thursday's session?",
            "The ending of my book was sad",
            "",
        ] {
            assert!(!speaks_of_self_harm(text), "{text}");
        }
    }

    #[test]
    fn every_phrase_matches_itself_in_a_sentence() {
        for p in PHRASES {
            assert!(speaks_of_self_harm(&format!("Today, {p}.")), "{p}");
            assert!(speaks_of_self_harm(&p.to_uppercase()), "{p}");
        }
    }

    proptest! {
        /// Words of letters alone never hit unless they contain a phrase's word; and adding
        /// text around a hit keeps it a hit.
        #[test]
        fn a_hit_stays_a_hit_whatever_surrounds_it(before in "[a-z ,.!?]{0,30}", after in "[a-z ,.!?]{0,30}") {
            let text = format!("{before} I want to die {after}");
            prop_assert!(speaks_of_self_harm(&text));
        }

        #[test]
        fn never_panics(s in "\\PC{0,200}") {
            let _ = speaks_of_self_harm(&s);
        }
    }
}
