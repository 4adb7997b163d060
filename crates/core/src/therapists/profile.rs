//! A clinician's public profile: what a person looking for a therapist reads, and what matching
//! filters and scores on. Every list word is stable (stored and used by the API); free text is
//! short and about the clinician, never about a client.

use serde::{Deserialize, Serialize};

use crate::text::at_most;
use crate::{Error, Result};

pub const MAX_PRONOUNS_CHARS: usize = 40;
pub const MAX_LOCATION_CHARS: usize = 200;
pub const MAX_AVAILABILITY_CHARS: usize = 300;
pub const MAX_STATEMENT_CHARS: usize = 1_500;
pub const MAX_INSURANCE_CHARS: usize = 80;
pub const MAX_LIST: usize = 40;
pub const MAX_YEARS: u16 = 70;
pub const MAX_FEE: u32 = 10_000;

/// A closed set of words that also reads the spellings people type (`PhD`, `psychiatric nurse`):
/// case and the separator (space, hyphen, underscore) do not matter.
macro_rules! lenient_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal, $label:literal;)+ }
     $(aliases { $($alias:literal => $aliased:ident;)+ })?) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable word stored in the database and used in the API.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// How a person reads it.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The word, whatever its case or separators (`PsyD`, `psychiatric-nurse`).
            pub fn parse(s: &str) -> Option<$name> {
                let folded: String = s
                    .trim()
                    .chars()
                    .map(|c| if c == ' ' || c == '-' { '_' } else { c.to_ascii_lowercase() })
                    .filter(|c| *c != '.')
                    .collect();
                Self::ALL.iter().copied().find(|v| v.as_str() == folded).or_else(|| {
                    match folded.as_str() {
                        $($($alias => Some($name::$aliased),)+)?
                        _ => None,
                    }
                })
            }

            /// Bit `n` for the `n`th word, for the compact directory.
            pub fn bit(self) -> u64 {
                1u64 << (self as u32)
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::parse(&s).ok_or_else(|| {
                    let words: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                    serde::de::Error::custom(format!("unknown word `{s}`: use one of {}", words.join(", ")))
                })
            }
        }
    };
}

lenient_enum!(
    /// A professional qualification.
    Credential {
        Md => "md", "MD (doctor of medicine)";
        Do => "do", "DO (doctor of osteopathic medicine)";
        Phd => "phd", "PhD (clinical psychologist)";
        Psyd => "psyd", "PsyD (doctor of psychology)";
        Lcsw => "lcsw", "LCSW (licensed clinical social worker)";
        Lpc => "lpc", "LPC (licensed professional counselor)";
        Lmft => "lmft", "LMFT (licensed marriage and family therapist)";
        Np => "np", "NP (psychiatric nurse practitioner)";
        PsychiatricNurse => "psychiatric_nurse", "Psychiatric nurse";
        Counsellor => "counsellor", "Counsellor";
    }
    // Earlier words for the same thing (accounts stored `psych_nurse` before issue 14).
    aliases {
        "psych_nurse" => PsychiatricNurse;
        "counselor" => Counsellor;
    }
);

impl Credential {
    /// The short form shown beside a name (`PhD`, `LCSW`).
    pub fn short(self) -> &'static str {
        match self {
            Credential::Md => "MD",
            Credential::Do => "DO",
            Credential::Phd => "PhD",
            Credential::Psyd => "PsyD",
            Credential::Lcsw => "LCSW",
            Credential::Lpc => "LPC",
            Credential::Lmft => "LMFT",
            Credential::Np => "NP",
            Credential::PsychiatricNurse => "Psychiatric nurse",
            Credential::Counsellor => "Counsellor",
        }
    }
}

lenient_enum!(
    /// A way of doing psychotherapy that a clinician offers. The first seven are the ones Rapport
    /// supports with plans and homework; the rest are offered by clinicians and matched on.
    TherapyApproach {
        Cbt => "cbt", "Cognitive behavioural therapy (CBT)";
        BehaviouralActivation => "behavioural_activation", "Behavioural activation";
        Cognitive => "cognitive", "Cognitive therapy";
        Interpersonal => "interpersonal", "Interpersonal therapy (IPT)";
        Psychodynamic => "psychodynamic", "Psychodynamic therapy";
        Family => "family", "Family therapy";
        Group => "group", "Group therapy";
        Mbct => "mbct", "Mindfulness-based cognitive therapy (MBCT)";
        Cbasp => "cbasp", "CBASP (for long-lasting depression)";
        ProblemSolving => "problem_solving", "Problem-solving therapy";
        Act => "act", "Acceptance and commitment therapy (ACT)";
        EmotionFocused => "emotion_focused", "Emotion-focused therapy";
        Counselling => "counselling", "Person-centred counselling";
        Couples => "couples", "Couples therapy";
    }
);

lenient_enum!(
    /// Who is in the room.
    Format {
        Individual => "individual", "Individual";
        Family => "family", "Family";
        Group => "group", "Group";
    }
);

lenient_enum!(
    /// How sessions happen.
    Mode {
        InPerson => "in_person", "In person";
        Online => "online", "Online (video)";
        Phone => "phone", "By phone";
    }
);

lenient_enum!(
    /// What a clinician has particular experience with.
    Specialty {
        TreatmentResistantDepression => "treatment_resistant_depression", "Depression that has not lifted with earlier treatment";
        ChronicDepression => "chronic_depression", "Long-lasting depression";
        Perinatal => "perinatal", "Depression in pregnancy and after birth";
        Grief => "grief", "Grief and loss";
        Anxiety => "anxiety", "Anxiety alongside depression";
        Trauma => "trauma", "Trauma";
        OlderAdults => "older_adults", "Later life";
        YoungAdults => "young_adults", "Young adults";
        Lgbtq => "lgbtq", "LGBTQ+ affirming care";
        ChronicIllness => "chronic_illness", "Living with a long-term illness or pain";
        Relationships => "relationships", "Relationships and family conflict";
        WorkStress => "work_stress", "Work, burnout and job loss";
        SubstanceUse => "substance_use", "Alcohol or drug use";
        Bipolar => "bipolar", "Bipolar disorder";
        SuicidalThoughts => "suicidal_thoughts", "Thoughts of suicide";
    }
);

lenient_enum!(
    /// A clinician's gender, if they choose to say it (people may prefer a therapist of a
    /// particular gender; matching treats that as a preference, never a filter).
    Gender {
        Woman => "woman", "Woman";
        Man => "man", "Man";
        NonBinary => "non_binary", "Non-binary";
    }
);

/// A language as a BCP 47 tag (`en`, `es`, `pt-BR`), stored in its usual case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Language(String);

impl Language {
    /// Checks the shape of a BCP 47 tag: a 2–3 letter language, then subtags of 1–8 letters or
    /// digits. Case is normalised (`pt-br` → `pt-BR`).
    pub fn parse(s: &str) -> Option<Language> {
        let mut parts = s.trim().split(['-', '_']);
        let primary = parts.next()?;
        if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        let mut tag = primary.to_ascii_lowercase();
        for sub in parts {
            if sub.is_empty() || sub.len() > 8 || !sub.chars().all(|c| c.is_ascii_alphanumeric()) {
                return None;
            }
            tag.push('-');
            match sub.len() {
                2 if sub.chars().all(|c| c.is_ascii_alphabetic()) => {
                    tag.push_str(&sub.to_ascii_uppercase())
                }
                4 if sub.chars().all(|c| c.is_ascii_alphabetic()) => {
                    let mut cs = sub.chars();
                    if let Some(first) = cs.next() {
                        tag.push(first.to_ascii_uppercase());
                    }
                    tag.extend(cs.map(|c| c.to_ascii_lowercase()));
                }
                _ => tag.push_str(&sub.to_ascii_lowercase()),
            }
        }
        Some(Language(tag))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The language without region or script (`pt-BR` → `pt`): what matching compares.
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// The language's name in English for the common ones, else the tag.
    pub fn label(&self) -> String {
        let name = match self.primary() {
            "en" => "English",
            "es" => "Spanish",
            "fr" => "French",
            "de" => "German",
            "pt" => "Portuguese",
            "zh" => "Chinese",
            "vi" => "Vietnamese",
            "ko" => "Korean",
            "tl" => "Tagalog",
            "ar" => "Arabic",
            "ru" => "Russian",
            "hi" => "Hindi",
            "ja" => "Japanese",
            "it" => "Italian",
            "pl" => "Polish",
            "ht" => "Haitian Creole",
            "asl" | "ase" => "American Sign Language",
            "he" => "Hebrew",
            "fa" => "Persian",
            "uk" => "Ukrainian",
            "ta" => "Tamil",
            "te" => "Telugu",
            "gu" => "Gujarati",
            "ur" => "Urdu",
            "yue" => "Cantonese",
            "sv" => "Swedish",
            "no" | "nb" => "Norwegian",
            "ga" => "Irish",
            "yi" => "Yiddish",
            "yo" => "Yoruba",
            "ha" => "Hausa",
            "tw" => "Twi",
            _ => return self.0.clone(),
        };
        if self.0.contains('-') {
            format!("{name} ({})", self.0)
        } else {
            name.to_string()
        }
    }
}

impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Language::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{s}` is not a language tag: use a BCP 47 tag such as en, es or pt-BR"
            ))
        })
    }
}

/// Where a clinician may practise: an ISO 3166-2 subdivision (`US-CA`) or, where licences are
/// national, an ISO 3166-1 country (`IE`). Stored upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Jurisdiction(String);

impl Jurisdiction {
    pub fn parse(s: &str) -> Option<Jurisdiction> {
        let s = s.trim().to_ascii_uppercase();
        let (country, sub) = match s.split_once('-') {
            Some((c, sub)) => (c, Some(sub)),
            None => (s.as_str(), None),
        };
        let country_ok = country.len() == 2 && country.chars().all(|c| c.is_ascii_alphabetic());
        let sub_ok = sub.is_none_or(|sub| {
            (1..=3).contains(&sub.len()) && sub.chars().all(|c| c.is_ascii_alphanumeric())
        });
        (country_ok && sub_ok).then_some(Jurisdiction(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn country(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// Whether a clinician licensed here may see a person in `place`: the same code, or a
    /// national licence for a place in that country.
    pub fn covers(&self, place: &Jurisdiction) -> bool {
        self == place || (!self.0.contains('-') && place.country() == self.0)
    }
}

impl<'de> Deserialize<'de> for Jurisdiction {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Jurisdiction::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{s}` is not a place code: use ISO 3166-2 such as US-CA, or a country such as IE"
            ))
        })
    }
}

/// Insurance accepted: a list of plan names, or one name (API clients send either).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct InsuranceList(pub Vec<String>);

impl<'de> Deserialize<'de> for InsuranceList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            One(String),
            Many(Vec<String>),
        }
        Ok(match Option::<OneOrMany>::deserialize(d)? {
            None => InsuranceList::default(),
            Some(OneOrMany::One(s)) => InsuranceList(vec![s]),
            Some(OneOrMany::Many(v)) => InsuranceList(v),
        })
    }
}

impl InsuranceList {
    /// Whether `plan` is on the list (case and surrounding spaces ignored).
    pub fn accepts(&self, plan: &str) -> bool {
        let plan = plan.trim();
        self.0.iter().any(|p| p.trim().eq_ignore_ascii_case(plan))
    }
}

/// Everything a clinician says about themself in the directory (`GET|PUT /api/v1/me/profile`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pronouns: Option<String>,
    /// Said only if they wish; matching uses it for a client's preference, never as a filter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    pub credentials: Vec<Credential>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years_in_practice: Option<u16>,
    pub approaches: Vec<TherapyApproach>,
    pub formats: Vec<Format>,
    pub modes: Vec<Mode>,
    /// Where in-person sessions happen (needed when `modes` has `in_person`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    pub jurisdictions: Vec<Jurisdiction>,
    pub languages: Vec<Language>,
    #[serde(default)]
    pub specialties: Vec<Specialty>,
    /// Fee for one session, in whole units of the practice's currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sliding_scale: Option<bool>,
    #[serde(default)]
    pub insurance: InsuranceList,
    pub accepting_new_clients: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<String>,
}

impl Profile {
    /// Checks a profile and tidies it (lists sorted and without repeats, blank text → none).
    /// The error names the field to fix.
    pub fn checked(mut self) -> Result<Profile> {
        fn tidy(t: &mut Option<String>) {
            if let Some(s) = t.as_mut() {
                *s = s.trim().to_string();
            }
            if t.as_deref().is_some_and(str::is_empty) {
                *t = None;
            }
        }
        for t in [
            &mut self.pronouns,
            &mut self.location,
            &mut self.availability,
            &mut self.statement,
        ] {
            tidy(t);
        }
        self.credentials.sort();
        self.credentials.dedup();
        self.approaches.sort();
        self.approaches.dedup();
        self.formats.sort();
        self.formats.dedup();
        self.modes.sort();
        self.modes.dedup();
        self.jurisdictions.sort();
        self.jurisdictions.dedup();
        self.languages.dedup();
        self.specialties.sort();
        self.specialties.dedup();
        self.insurance.0 = {
            let mut seen: Vec<String> = vec![];
            for p in self.insurance.0.iter().map(|p| p.trim()) {
                if !p.is_empty() && !seen.iter().any(|s| s.eq_ignore_ascii_case(p)) {
                    seen.push(p.to_string());
                }
            }
            seen
        };

        let need = |field: &str, empty: bool, what: &str| {
            if empty {
                Err(Error::invalid(
                    field,
                    format!("Choose at least one {what}."),
                ))
            } else {
                Ok(())
            }
        };
        need("credentials", self.credentials.is_empty(), "credential")?;
        need("approaches", self.approaches.is_empty(), "approach")?;
        need(
            "formats",
            self.formats.is_empty(),
            "format (individual, family or group)",
        )?;
        need(
            "modes",
            self.modes.is_empty(),
            "way of meeting (in person, online or phone)",
        )?;
        need(
            "jurisdictions",
            self.jurisdictions.is_empty(),
            "place where you may practise (such as US-CA)",
        )?;
        need(
            "languages",
            self.languages.is_empty(),
            "language you offer therapy in",
        )?;
        for (field, len) in [
            ("languages", self.languages.len()),
            ("jurisdictions", self.jurisdictions.len()),
            ("insurance", self.insurance.0.len()),
        ] {
            if len > MAX_LIST {
                return Err(Error::invalid(field, format!("List up to {MAX_LIST}.")));
            }
        }
        if self.modes.contains(&Mode::InPerson) && self.location.is_none() {
            return Err(Error::invalid(
                "location",
                "Say where you see people in person (a town or an address), or untick in person.",
            ));
        }
        if self.years_in_practice.is_some_and(|y| y > MAX_YEARS) {
            return Err(Error::invalid(
                "years_in_practice",
                format!("Write a number of years from 0 to {MAX_YEARS}."),
            ));
        }
        if self.fee.is_some_and(|f| f > MAX_FEE) {
            return Err(Error::invalid(
                "fee",
                format!("Write the fee for one session as a whole number up to {MAX_FEE}."),
            ));
        }
        at_most(
            "pronouns",
            self.pronouns.as_deref().unwrap_or(""),
            MAX_PRONOUNS_CHARS,
        )?;
        at_most(
            "location",
            self.location.as_deref().unwrap_or(""),
            MAX_LOCATION_CHARS,
        )?;
        at_most(
            "availability",
            self.availability.as_deref().unwrap_or(""),
            MAX_AVAILABILITY_CHARS,
        )?;
        at_most(
            "statement",
            self.statement.as_deref().unwrap_or(""),
            MAX_STATEMENT_CHARS,
        )?;
        for (n, p) in self.insurance.0.iter().enumerate() {
            at_most(&format!("insurance[{n}]"), p, MAX_INSURANCE_CHARS)?;
        }
        Ok(self)
    }

    /// Whether the clinician may see someone in `place` at all.
    pub fn practises_in(&self, place: &Jurisdiction) -> bool {
        self.jurisdictions.iter().any(|j| j.covers(place))
    }

    /// Whether they offer therapy in `lang` (compared without region: `es` matches `es-MX`).
    pub fn speaks(&self, lang: &Language) -> bool {
        self.languages.iter().any(|l| l.primary() == lang.primary())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal() -> Profile {
        serde_json::from_value(serde_json::json!({
            "credentials": ["PhD"],
            "approaches": ["cbt"],
            "formats": ["individual"],
            "modes": ["online"],
            "jurisdictions": ["us-ca"],
            "languages": ["en"],
            "accepting_new_clients": true
        }))
        .unwrap()
    }

    #[test]
    fn credentials_read_the_spellings_people_type() {
        for (typed, c) in [
            ("PhD", Credential::Phd),
            ("Ph.D.", Credential::Phd),
            ("psychiatric nurse", Credential::PsychiatricNurse),
            ("Psychiatric-Nurse", Credential::PsychiatricNurse),
            ("LCSW", Credential::Lcsw),
            ("psych_nurse", Credential::PsychiatricNurse),
            ("counselor", Credential::Counsellor),
        ] {
            assert_eq!(Credential::parse(typed), Some(c), "{typed}");
        }
        assert_eq!(Credential::parse("wizard"), None);
        assert_eq!(serde_json::to_value(Credential::Psyd).unwrap(), "psyd");
    }

    #[test]
    fn every_word_parses_back_and_is_unique() {
        fn check<T: Copy + PartialEq + std::fmt::Debug>(
            all: &[T],
            word: fn(T) -> &'static str,
            parse: fn(&str) -> Option<T>,
        ) {
            let mut seen = std::collections::HashSet::new();
            for v in all {
                assert_eq!(parse(word(*v)), Some(*v));
                assert!(seen.insert(word(*v)));
            }
            assert!(all.len() <= 64, "bits fit in a u64");
        }
        check(Credential::ALL, Credential::as_str, Credential::parse);
        check(
            TherapyApproach::ALL,
            TherapyApproach::as_str,
            TherapyApproach::parse,
        );
        check(Format::ALL, Format::as_str, Format::parse);
        check(Mode::ALL, Mode::as_str, Mode::parse);
        check(Specialty::ALL, Specialty::as_str, Specialty::parse);
        check(Gender::ALL, Gender::as_str, Gender::parse);
    }

    #[test]
    fn language_tags_are_checked_and_normalised() {
        assert_eq!(Language::parse("pt-br").unwrap().as_str(), "pt-BR");
        assert_eq!(
            Language::parse("zh-hant-TW").unwrap().as_str(),
            "zh-Hant-TW"
        );
        assert_eq!(Language::parse("ES").unwrap().as_str(), "es");
        assert_eq!(Language::parse("es-MX").unwrap().primary(), "es");
        for bad in ["", "e", "english", "en--US", "en-toolongsubtag", "e1"] {
            assert_eq!(Language::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn jurisdictions_cover_their_own_place_or_a_whole_country() {
        let ca = Jurisdiction::parse("us-ca").unwrap();
        assert_eq!(ca.as_str(), "US-CA");
        assert!(ca.covers(&ca));
        assert!(!ca.covers(&Jurisdiction::parse("US-NY").unwrap()));
        let ie = Jurisdiction::parse("IE").unwrap();
        assert!(ie.covers(&Jurisdiction::parse("IE-D").unwrap()));
        assert!(
            !Jurisdiction::parse("US")
                .unwrap()
                .covers(&Jurisdiction::parse("GB-ENG").unwrap())
        );
        for bad in ["", "U", "USA-CA", "US-", "US-CALI", "1S-CA"] {
            assert_eq!(Jurisdiction::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn insurance_is_one_name_or_a_list() {
        let one: Profile = serde_json::from_value({
            let mut v = serde_json::to_value(minimal()).unwrap();
            v["insurance"] = "Aetna".into();
            v
        })
        .unwrap();
        assert!(one.insurance.accepts(" aetna "));
        assert!(!minimal().insurance.accepts("Aetna"));
    }

    #[test]
    fn a_profile_names_what_to_fix() {
        assert!(minimal().checked().is_ok());
        let field = |p: Profile| p.checked().unwrap_err().field;
        assert_eq!(
            field(Profile {
                credentials: vec![],
                ..minimal()
            }),
            "credentials"
        );
        assert_eq!(
            field(Profile {
                languages: vec![],
                ..minimal()
            }),
            "languages"
        );
        assert_eq!(
            field(Profile {
                modes: vec![Mode::InPerson],
                location: Some("  ".into()),
                ..minimal()
            }),
            "location"
        );
        assert_eq!(
            field(Profile {
                fee: Some(MAX_FEE + 1),
                ..minimal()
            }),
            "fee"
        );
        assert_eq!(
            field(Profile {
                years_in_practice: Some(71),
                ..minimal()
            }),
            "years_in_practice"
        );
        assert_eq!(
            field(Profile {
                statement: Some("x".repeat(MAX_STATEMENT_CHARS + 1)),
                ..minimal()
            }),
            "statement"
        );
    }

    #[test]
    fn checking_tidies_lists_and_text() {
        let p = Profile {
            approaches: vec![
                TherapyApproach::Interpersonal,
                TherapyApproach::Cbt,
                TherapyApproach::Cbt,
            ],
            insurance: InsuranceList(vec!["Aetna".into(), " aetna".into(), "".into()]),
            statement: Some("  ".into()),
            ..minimal()
        }
        .checked()
        .unwrap();
        assert_eq!(
            p.approaches,
            vec![TherapyApproach::Cbt, TherapyApproach::Interpersonal]
        );
        assert_eq!(p.insurance.0, vec!["Aetna".to_string()]);
        assert_eq!(p.statement, None);
    }

    #[test]
    fn unknown_words_are_refused_with_the_words_to_use() {
        let mut v = serde_json::to_value(minimal()).unwrap();
        v["modes"] = serde_json::json!(["carrier_pigeon"]);
        let e = serde_json::from_value::<Profile>(v)
            .unwrap_err()
            .to_string();
        assert!(e.contains("in_person, online, phone"), "{e}");
    }
}
