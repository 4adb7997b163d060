//! Why a clinician may fit a request, or may not: each reason and concern as a kind with its
//! values, so that a page can say it in the reader's language. `Display` writes the English
//! sentence (what the API has always given); `code` names the kind.

use std::fmt;

use crate::therapists::TherapyApproach;
use crate::therapists::{Credential, Format, Gender, Jurisdiction, Language, Mode, Specialty};

use super::request::Missing;
use super::score::PHQ9_SEVERE;
use super::table::{Favour, lower_first, row};

/// Why depression that has not lifted counts for this person: earlier courses (two or more)
/// and/or no progress last time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grounds {
    /// Earlier courses of therapy, when two or more.
    pub courses: Option<u8>,
    pub no_progress: bool,
}

/// A reason a clinician fits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    HelpWith(Specialty),
    TreatmentResistant(Grounds),
    LongLasting {
        cbasp: bool,
        grounds: Grounds,
    },
    Approach(TherapyApproach),
    /// What the clinician offers for something missing last time (a row of the table).
    Missing {
        offers: Favour,
        missing: Missing,
    },
    DifferentApproach,
    Format(Format),
    FamilyOrGroup,
    Gender(Gender),
    Insurance(String),
    Prescriber(Credential),
    Meets(Mode),
    Language(Language),
    Jurisdiction(Jurisdiction),
    FeeWithin {
        fee: u32,
        max: u32,
    },
}

/// Something about a clinician that may not fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Concern {
    NoHelpWith(Specialty),
    NoTreatmentResistant,
    NoApproach(TherapyApproach),
    Missing(Missing),
    OnlyTriedApproaches,
    NoFormat(Format),
    OtherGender,
    GenderNotSaid,
    NoInsurance(String),
    /// Above the budget but kept: a sliding scale, or else the person's insurance.
    FeeAbove {
        fee: u32,
        max: u32,
        sliding: bool,
    },
    NoFee,
}

impl Reason {
    /// The kind, for the API and the pages' messages.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::HelpWith(_) => "help_with",
            Reason::TreatmentResistant(_) => "treatment_resistant",
            Reason::LongLasting { .. } => "long_lasting",
            Reason::Approach(_) => "approach",
            Reason::Missing { .. } => "missing",
            Reason::DifferentApproach => "different_approach",
            Reason::Format(_) => "format",
            Reason::FamilyOrGroup => "family_or_group",
            Reason::Gender(_) => "gender",
            Reason::Insurance(_) => "insurance",
            Reason::Prescriber(_) => "prescriber",
            Reason::Meets(_) => "mode",
            Reason::Language(_) => "language",
            Reason::Jurisdiction(_) => "jurisdiction",
            Reason::FeeWithin { .. } => "fee_within",
        }
    }
}

impl Concern {
    /// The kind, for the API and the pages' messages.
    pub fn code(&self) -> &'static str {
        match self {
            Concern::NoHelpWith(_) => "no_help_with",
            Concern::NoTreatmentResistant => "no_treatment_resistant",
            Concern::NoApproach(_) => "no_approach",
            Concern::Missing(_) => "missing",
            Concern::OnlyTriedApproaches => "only_tried_approaches",
            Concern::NoFormat(_) => "no_format",
            Concern::OtherGender => "other_gender",
            Concern::GenderNotSaid => "gender_not_said",
            Concern::NoInsurance(_) => "no_insurance",
            Concern::FeeAbove { .. } => "fee_above",
            Concern::NoFee => "no_fee",
        }
    }
}

/// "one course", "two courses" … as the English sentences say it.
pub fn courses(n: u8) -> String {
    match n {
        1 => "one course".into(),
        2 => "two courses".into(),
        3 => "three courses".into(),
        4 => "four courses".into(),
        5 => "five courses".into(),
        n => format!("{n} courses"),
    }
}

impl fmt::Display for Grounds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(n) = self.courses {
            write!(f, "you have had {} of therapy before", courses(n))?;
            if self.no_progress {
                f.write_str(" and ")?;
            }
        }
        if self.no_progress {
            f.write_str("you said the last therapy brought no progress")?;
        }
        Ok(())
    }
}

/// How a clinician meets, as the end of "Meets …".
pub fn meets(m: Mode) -> &'static str {
    match m {
        Mode::InPerson => "in person",
        Mode::Online => "online",
        Mode::Phone => "by phone",
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::HelpWith(s) => write!(
                f,
                "Has particular experience with {} — what you want help with",
                lower_first(s.label())
            ),
            Reason::TreatmentResistant(g) => write!(
                f,
                "Works with depression that has not lifted with earlier treatment — {g}"
            ),
            Reason::LongLasting { cbasp, grounds } => write!(
                f,
                "Works with long-lasting depression{} — {grounds}",
                if *cbasp { " (offers CBASP)" } else { "" }
            ),
            Reason::Approach(a) => write!(
                f,
                "Offers {}, the approach you asked for",
                lower_first(a.label())
            ),
            Reason::Missing { offers, missing } => {
                write!(f, "{}: {}", offers.phrase(), row(*missing).reason)
            }
            Reason::DifferentApproach => {
                f.write_str("Offers an approach different from what you tried before")
            }
            Reason::Format(fm) => {
                write!(f, "Offers {} work, as you asked", lower_first(fm.label()))
            }
            Reason::FamilyOrGroup => {
                f.write_str("Offers family or group work, which you are open to")
            }
            Reason::Gender(g) => write!(f, "{} therapist, as you preferred", g.label()),
            Reason::Insurance(plan) => write!(f, "Accepts your insurance ({plan})"),
            Reason::Prescriber(c) => write!(
                f,
                "Can prescribe ({}): with a PHQ-9 of {} or more, therapy and medication \
                 together are often suggested",
                c.short(),
                PHQ9_SEVERE
            ),
            Reason::Meets(m) => write!(f, "Meets {}, as you asked", meets(*m)),
            Reason::Language(l) => write!(f, "Offers therapy in {}", l.label()),
            Reason::Jurisdiction(j) => write!(f, "May practise where you are ({})", j.as_str()),
            Reason::FeeWithin { fee, max } => write!(f, "Usual fee {fee}, within your {max}"),
        }
    }
}

impl fmt::Display for Concern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Concern::NoHelpWith(s) => write!(
                f,
                "Does not list particular experience with {}",
                lower_first(s.label())
            ),
            Concern::NoTreatmentResistant => f.write_str(
                "Does not list experience with depression that has not lifted with earlier \
                 treatment",
            ),
            Concern::NoApproach(a) => write!(
                f,
                "Does not offer {}, the approach you asked for",
                lower_first(a.label())
            ),
            Concern::Missing(m) => f.write_str(row(*m).concern),
            Concern::OnlyTriedApproaches => {
                f.write_str("Lists only approaches you have tried before")
            }
            Concern::NoFormat(fm) => write!(f, "Does not offer {} work", lower_first(fm.label())),
            Concern::OtherGender => f.write_str("Not the therapist gender you preferred"),
            Concern::GenderNotSaid => f.write_str("Has not said their gender"),
            Concern::NoInsurance(plan) => write!(f, "Does not list your insurance ({plan})"),
            Concern::FeeAbove { fee, max, sliding } => {
                let how = if *sliding {
                    "offers a sliding scale"
                } else {
                    "accepts your insurance"
                };
                write!(f, "Usual fee {fee}, above your {max}; {how}")
            }
            Concern::NoFee => f.write_str("Has not stated a fee: ask about it"),
        }
    }
}
