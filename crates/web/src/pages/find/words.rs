//! The shortlist's reasons and concerns, the widening steps and the other places to find help,
//! in the page's language: `rapport_core::matching` gives each as a kind with its values and
//! these put them into the `find.ftl` messages. In English they read exactly as the core's
//! `Display` (the API's text); a test below checks.

use rapport_app::matching::EarlierReason;
use rapport_core::matching::score::PHQ9_SEVERE;
use rapport_core::matching::table::lower_first;
use rapport_core::matching::{Concern, Dropped, Favour, Grounds, Missing, Reason, Resource};
use rapport_core::therapists::{Language, Specialty, TherapyApproach};

use crate::i18n::{self, Arg, Lang};

fn specialty(lang: Lang, s: Specialty) -> String {
    i18n::t(lang, &format!("fd-spec-{}", s.as_str()))
}

fn approach(lang: Lang, a: TherapyApproach) -> String {
    lower_first(&i18n::t(lang, &format!("fd-approach-{}", a.as_str())))
}

fn language(lang: Lang, l: &Language) -> String {
    match lang {
        Lang::En => l.label(),
        _ => i18n::t_args(
            lang,
            "fd-language-name",
            &[("code", l.primary().into()), ("tag", l.as_str().into())],
        ),
    }
}

fn grounds(lang: Lang, g: Grounds) -> String {
    let courses = g
        .courses
        .map(|n| i18n::t_args(lang, "fd-grounds-courses", &[("n", n.into())]));
    let progress = g
        .no_progress
        .then(|| i18n::t(lang, "fd-grounds-no_progress"));
    match (courses, progress) {
        (Some(c), Some(p)) => i18n::t_args(
            lang,
            "fd-grounds-both",
            &[("courses", c.into()), ("progress", p.into())],
        ),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => String::new(),
    }
}

fn favour(lang: Lang, f: Favour) -> String {
    let (key, args): (&str, Vec<(&str, Arg<'_>)>) = match f {
        Favour::Approach(a) => (
            "fd-favour-approach",
            vec![("approach", approach(lang, a).into())],
        ),
        Favour::Specialty(s) => (
            "fd-favour-specialty",
            vec![("specialty", specialty(lang, s).into())],
        ),
        Favour::Credential(c) => (
            "fd-favour-credential",
            vec![("credential", c.short().into())],
        ),
        Favour::Mode(m) => ("fd-favour-mode", vec![("mode", m.as_str().into())]),
        Favour::SlidingScale => ("fd-favour-sliding_scale", vec![]),
        Favour::Insurance => ("fd-favour-insurance", vec![]),
        Favour::FeeWithinBudget => ("fd-favour-fee_within_budget", vec![]),
        Favour::DifferentApproach => ("fd-favour-different_approach", vec![]),
    };
    i18n::t_args(lang, key, &args)
}

fn row(lang: Lang, m: Missing) -> String {
    i18n::t(lang, &format!("fd-row-{}", m.as_str()))
}

/// A reason a clinician fits, in `lang`.
pub fn reason(lang: Lang, r: &Reason) -> String {
    let key = format!("fd-r-{}", r.code());
    let args: Vec<(&str, Arg<'_>)> = match r {
        Reason::HelpWith(s) => vec![("specialty", specialty(lang, *s).into())],
        Reason::TreatmentResistant(g) => vec![("grounds", grounds(lang, *g).into())],
        Reason::LongLasting { cbasp, grounds: g } => {
            let key = if *cbasp {
                "fd-r-long_lasting-cbasp"
            } else {
                "fd-r-long_lasting"
            };
            return i18n::t_args(lang, key, &[("grounds", grounds(lang, *g).into())]);
        }
        Reason::Approach(a) => vec![("approach", approach(lang, *a).into())],
        Reason::Missing { offers, missing } => {
            return format!("{}: {}", favour(lang, *offers), row(lang, *missing));
        }
        Reason::DifferentApproach | Reason::FamilyOrGroup => vec![],
        Reason::Format(f) => vec![("format", f.as_str().into())],
        Reason::Gender(g) => vec![("gender", g.as_str().into())],
        Reason::Insurance(plan) => vec![("plan", plan.into())],
        Reason::Prescriber(c) => vec![
            ("credential", c.short().into()),
            ("phq9", PHQ9_SEVERE.into()),
        ],
        Reason::Meets(m) => vec![("mode", m.as_str().into())],
        Reason::Language(l) => vec![("language", language(lang, l).into())],
        Reason::Jurisdiction(j) => vec![("place", j.as_str().into())],
        Reason::FeeWithin { fee, max } => vec![
            ("fee", fee.to_string().into()),
            ("max", max.to_string().into()),
        ],
    };
    i18n::t_args(lang, &key, &args)
}

/// Something that may not fit, in `lang`.
pub fn concern(lang: Lang, c: &Concern) -> String {
    let key = format!("fd-c-{}", c.code());
    let args: Vec<(&str, Arg<'_>)> = match c {
        Concern::NoHelpWith(s) => vec![("specialty", specialty(lang, *s).into())],
        Concern::NoApproach(a) => vec![("approach", approach(lang, *a).into())],
        Concern::Missing(m) => {
            return i18n::t(lang, &format!("fd-row-{}-concern", m.as_str()));
        }
        Concern::NoFormat(f) => vec![("format", f.as_str().into())],
        Concern::NoInsurance(plan) => vec![("plan", plan.into())],
        Concern::FeeAbove { fee, max, sliding } => vec![
            ("fee", fee.to_string().into()),
            ("max", max.to_string().into()),
            ("sliding", (if *sliding { "yes" } else { "no" }).into()),
        ],
        Concern::NoTreatmentResistant
        | Concern::OnlyTriedApproaches
        | Concern::OtherGender
        | Concern::GenderNotSaid
        | Concern::NoFee => vec![],
    };
    i18n::t_args(lang, &key, &args)
}

/// Why someone seen before is offered first, in `lang`.
pub fn earlier(lang: Lang, e: &EarlierReason) -> String {
    match e {
        EarlierReason::WorkedWith(name) => {
            i18n::t_args(lang, "fd-e-worked_with", &[("name", name.into())])
        }
        EarlierReason::ListedTakingNew => i18n::t(lang, "fd-e-listed_taking_new"),
        EarlierReason::Listed => i18n::t(lang, "fd-e-listed"),
        EarlierReason::NotTakingNew => i18n::t(lang, "fd-e-not_taking_new"),
    }
}

/// A widening step's sentence, in `lang`.
pub fn widening(lang: Lang, d: &Dropped) -> String {
    match d {
        Dropped::Mode(m) => i18n::t_args(lang, "fd-w-mode", &[("mode", m.as_str().into())]),
        Dropped::Budget(max) => {
            i18n::t_args(lang, "fd-w-budget", &[("max", max.to_string().into())])
        }
        Dropped::Language(l) => i18n::t_args(
            lang,
            "fd-w-language",
            &[("language", language(lang, l).into())],
        ),
        Dropped::Jurisdiction(j) => {
            i18n::t_args(lang, "fd-w-jurisdiction", &[("place", j.as_str().into())])
        }
    }
}

/// A public resource's name, in `lang`.
pub fn resource(lang: Lang, r: &Resource) -> String {
    i18n::t(lang, &format!("fd-resource-{}", r.key))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use rapport_core::matching::RESOURCES;
    use rapport_core::therapists::{Credential, Format, Gender, Jurisdiction, Mode};

    use super::*;

    fn reasons() -> Vec<Reason> {
        let mut all = vec![];
        for g in [
            Grounds {
                courses: Some(2),
                no_progress: false,
            },
            Grounds {
                courses: Some(7),
                no_progress: true,
            },
            Grounds {
                courses: None,
                no_progress: true,
            },
        ] {
            all.push(Reason::TreatmentResistant(g));
            all.push(Reason::LongLasting {
                cbasp: true,
                grounds: g,
            });
            all.push(Reason::LongLasting {
                cbasp: false,
                grounds: g,
            });
        }
        all.extend(Specialty::ALL.iter().map(|s| Reason::HelpWith(*s)));
        all.extend(TherapyApproach::ALL.iter().map(|a| Reason::Approach(*a)));
        all.extend(Format::ALL.iter().map(|f| Reason::Format(*f)));
        all.extend(Gender::ALL.iter().map(|g| Reason::Gender(*g)));
        all.extend(Mode::ALL.iter().map(|m| Reason::Meets(*m)));
        for row in rapport_core::matching::TABLE {
            for f in row.favours {
                all.push(Reason::Missing {
                    offers: *f,
                    missing: row.missing,
                });
            }
        }
        all.extend([
            Reason::DifferentApproach,
            Reason::FamilyOrGroup,
            Reason::Insurance("Aetna".into()),
            Reason::Prescriber(Credential::Md),
            Reason::Language(Language::parse("es").unwrap()),
            Reason::Language(Language::parse("xx").unwrap()),
            Reason::Jurisdiction(Jurisdiction::parse("US-CA").unwrap()),
            Reason::FeeWithin { fee: 90, max: 1200 },
        ]);
        all
    }

    fn concerns() -> Vec<Concern> {
        let mut all = vec![];
        all.extend(Specialty::ALL.iter().map(|s| Concern::NoHelpWith(*s)));
        all.extend(TherapyApproach::ALL.iter().map(|a| Concern::NoApproach(*a)));
        all.extend(Format::ALL.iter().map(|f| Concern::NoFormat(*f)));
        all.extend(Missing::ALL.iter().map(|m| Concern::Missing(*m)));
        all.extend([
            Concern::NoTreatmentResistant,
            Concern::OnlyTriedApproaches,
            Concern::OtherGender,
            Concern::GenderNotSaid,
            Concern::NoInsurance("Aetna".into()),
            Concern::FeeAbove {
                fee: 180,
                max: 120,
                sliding: true,
            },
            Concern::FeeAbove {
                fee: 180,
                max: 120,
                sliding: false,
            },
            Concern::NoFee,
        ]);
        all
    }

    fn steps() -> Vec<Dropped> {
        let mut all: Vec<Dropped> = Mode::ALL.iter().map(|m| Dropped::Mode(*m)).collect();
        all.extend([
            Dropped::Budget(80),
            Dropped::Language(Language::parse("es").unwrap()),
            Dropped::Jurisdiction(Jurisdiction::parse("US-TX").unwrap()),
        ]);
        all
    }

    #[test]
    fn english_reads_as_the_core_writes_it() {
        for r in reasons() {
            assert_eq!(reason(Lang::En, &r), r.to_string(), "{r:?}");
        }
        for c in concerns() {
            assert_eq!(concern(Lang::En, &c), c.to_string(), "{c:?}");
        }
        for d in steps() {
            assert_eq!(widening(Lang::En, &d), d.to_string(), "{d:?}");
        }
        for e in [
            EarlierReason::WorkedWith("Kofi Mensah".into()),
            EarlierReason::ListedTakingNew,
            EarlierReason::Listed,
            EarlierReason::NotTakingNew,
        ] {
            assert_eq!(earlier(Lang::En, &e), e.to_string(), "{e:?}");
        }
        for r in RESOURCES {
            assert_eq!(resource(Lang::En, r), r.label);
        }
    }

    #[test]
    fn spanish_says_each_in_its_own_words() {
        let said: Vec<(String, String)> = reasons()
            .iter()
            .map(|r| (r.to_string(), reason(Lang::Es, r)))
            .chain(
                concerns()
                    .iter()
                    .map(|c| (c.to_string(), concern(Lang::Es, c))),
            )
            .chain(
                steps()
                    .iter()
                    .map(|d| (d.to_string(), widening(Lang::Es, d))),
            )
            .chain(
                RESOURCES
                    .iter()
                    .map(|r| (r.label.to_string(), resource(Lang::Es, r))),
            )
            .collect();
        for (en, es) in said {
            assert_ne!(en, es);
            assert!(!es.contains("fd-"), "a message is missing: {es}");
        }
        assert_eq!(
            reason(
                Lang::Es,
                &Reason::TreatmentResistant(Grounds {
                    courses: Some(3),
                    no_progress: true
                })
            ),
            "Trabaja con depresión que no ha mejorado con tratamientos anteriores: ya fuiste a \
             terapia tres veces y dijiste que la última terapia no trajo avances"
        );
        assert_eq!(
            reason(Lang::Es, &Reason::Language(Language::parse("es").unwrap())),
            "Ofrece terapia en español"
        );
    }
}
