//! The profile's words (approaches, credentials, languages…) in the page's language. English
//! reads exactly as `rapport_core::therapists` labels them (as /find and the API do); other
//! languages take the `fd-*` messages /find already has, and `th-*` ones for the rest.

use rapport_core::therapists::{
    Credential, Format, Gender, Language, Mode, Specialty, TherapyApproach,
};

use crate::i18n::{self, Lang};

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

pub fn approach(lang: Lang, a: TherapyApproach) -> String {
    match lang {
        Lang::En => a.label().to_string(),
        _ => i18n::t(lang, &format!("fd-approach-{}", a.as_str())),
    }
}

pub fn format(lang: Lang, f: Format) -> String {
    match (lang, f) {
        (Lang::En, _) => f.label().to_string(),
        (_, Format::Individual) => i18n::t(lang, "label-individual"),
        _ => i18n::t(lang, &format!("fd-format-{}", f.as_str())),
    }
}

pub fn mode(lang: Lang, m: Mode) -> String {
    match lang {
        Lang::En => m.label().to_string(),
        _ => i18n::t(lang, &format!("fd-mode-{}", m.as_str())),
    }
}

pub fn specialty(lang: Lang, s: Specialty) -> String {
    match lang {
        Lang::En => s.label().to_string(),
        _ => upper_first(&i18n::t(lang, &format!("fd-spec-{}", s.as_str()))),
    }
}

pub fn gender(lang: Lang, g: Gender) -> String {
    match lang {
        Lang::En => g.label().to_string(),
        _ => i18n::t(lang, &format!("fd-gender-{}", g.as_str())),
    }
}

/// A credential in full, as the profile form lists it.
pub fn credential(lang: Lang, c: Credential) -> String {
    match lang {
        Lang::En => c.label().to_string(),
        _ => i18n::t(lang, &format!("th-cred-{}", c.as_str())),
    }
}

/// A credential as shown beside a name: the letters stay, the words are translated.
pub fn credential_short(lang: Lang, c: Credential) -> String {
    match (lang, c) {
        (Lang::En, _) => c.short().to_string(),
        (_, Credential::PsychiatricNurse | Credential::Counsellor) => {
            i18n::t(lang, &format!("th-cred-short-{}", c.as_str()))
        }
        _ => c.short().to_string(),
    }
}

/// The credentials shown beside a clinician's name, without those the name already ends
/// with: an account named "Daniel Reyes, LCSW" reads "Daniel Reyes, LCSW", not
/// "Daniel Reyes, LCSW LCSW".
pub fn credentials_beside(lang: Lang, name: &str, credentials: &[Credential]) -> String {
    let in_name: Vec<String> = name
        .split(',')
        .skip(1)
        .map(|w| w.trim().to_lowercase())
        .collect();
    credentials
        .iter()
        .map(|c| credential_short(lang, *c))
        .filter(|short| !in_name.contains(&short.to_lowercase()))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn language(lang: Lang, l: &Language) -> String {
    match lang {
        Lang::En => l.label(),
        _ => i18n::t_args(
            lang,
            "th-language-name",
            &[("code", l.primary().into()), ("tag", l.as_str().into())],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_the_name_carries_are_not_repeated() {
        let both = [Credential::Lcsw, Credential::Phd];
        assert_eq!(
            credentials_beside(Lang::En, "Daniel Reyes, LCSW", &both),
            "PhD"
        );
        assert_eq!(
            credentials_beside(Lang::En, "Daniel Reyes", &both),
            "LCSW, PhD"
        );
        assert_eq!(
            credentials_beside(
                Lang::En,
                "Brian O'Sullivan, counsellor",
                &[Credential::Counsellor]
            ),
            ""
        );
        // Only what follows a comma is a credential: a name that merely contains the letters
        // keeps them beside it.
        assert_eq!(
            credentials_beside(Lang::En, "Np Lee", &[Credential::Np]),
            "NP"
        );
    }
}
