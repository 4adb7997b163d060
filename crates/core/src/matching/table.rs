//! The what-was-missing table: what each answer about the last therapy steers matching towards,
//! the reason a person reads, and where the idea comes from. Also in docs/CLINICAL-CHOICES.md.
//! The claims are modest on purpose: the sources support trying a different kind of help, not
//! predicting who will respond to what.

use crate::therapists::{Credential, Mode, Specialty, TherapyApproach};

use super::request::Missing;

/// Something about a clinician that a row favours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Favour {
    Approach(TherapyApproach),
    Specialty(Specialty),
    Credential(Credential),
    Mode(Mode),
    SlidingScale,
    /// Takes the insurance the person named.
    Insurance,
    /// Usual fee within the person's budget.
    FeeWithinBudget,
    /// Offers at least one approach the person has not tried before.
    DifferentApproach,
}

impl Favour {
    /// What the clinician offers, as the start of a reason ("Offers CBT").
    pub fn phrase(self) -> String {
        match self {
            Favour::Approach(a) => format!("Offers {}", lower_first(a.label())),
            Favour::Specialty(s) => {
                format!("Has particular experience with {}", lower_first(s.label()))
            }
            Favour::Credential(c) => format!("Can prescribe ({})", c.short()),
            Favour::Mode(m) => match m {
                Mode::Online => "Offers sessions online".to_string(),
                Mode::Phone => "Offers sessions by phone".to_string(),
                Mode::InPerson => "Offers sessions in person".to_string(),
            },
            Favour::SlidingScale => "Offers a sliding scale".to_string(),
            Favour::Insurance => "Accepts your insurance".to_string(),
            Favour::FeeWithinBudget => "Usual fee within your budget".to_string(),
            Favour::DifferentApproach => "Offers an approach you have not tried before".to_string(),
        }
    }
}

/// Lower-cases the first letter unless the word is an abbreviation (`CBT`, `IPT`).
pub fn lower_first(s: &str) -> String {
    let mut cs = s.chars();
    match (cs.next(), cs.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            let mut out: String = a.to_lowercase().collect();
            out.push(b);
            out.extend(cs);
            out
        }
        _ => s.to_string(),
    }
}

/// One row: an answer about the last therapy and what it steers towards.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    pub missing: Missing,
    /// A clinician fits the row when any one of these holds.
    pub favours: &'static [Favour],
    /// Why, in plain words, after what the clinician offers ("Offers CBT: …").
    pub reason: &'static str,
    /// Said when a clinician has none of `favours`.
    pub concern: &'static str,
    pub source: &'static str,
}

pub const TABLE: &[Row] = &[
    Row {
        missing: Missing::TooUnstructured,
        favours: &[
            Favour::Approach(TherapyApproach::Cbt),
            Favour::Approach(TherapyApproach::BehaviouralActivation),
            Favour::Approach(TherapyApproach::ProblemSolving),
            Favour::Approach(TherapyApproach::Cognitive),
        ],
        reason: "a structured way of working, with an agenda for each session and things to try \
                 between sessions — you said the last therapy felt too unstructured",
        concern: "Does not list a structured approach (such as CBT or behavioural activation), \
                  which you said was missing",
        source: "NICE NG222 (2022), Depression in adults: CBT, behavioural activation and \
                 problem solving are structured treatments with agendas and homework",
    },
    Row {
        missing: Missing::DidNotAddressMyPast,
        favours: &[
            Favour::Approach(TherapyApproach::Psychodynamic),
            Favour::Approach(TherapyApproach::Cbasp),
        ],
        reason: "which looks at how earlier experiences and relationships shape how you feel \
                 now — you said the last therapy did not address your past",
        concern: "Does not list psychodynamic therapy or CBASP, the approaches that look most at \
                  your past",
        source: "Driessen et al. 2015 (short-term psychodynamic therapy for depression, \
                 meta-analysis); McCullough 2003 (CBASP works with a person's history of \
                 significant relationships)",
    },
    Row {
        missing: Missing::DidNotFeelHeard,
        favours: &[
            Favour::Approach(TherapyApproach::Counselling),
            Favour::Approach(TherapyApproach::EmotionFocused),
            Favour::Approach(TherapyApproach::Interpersonal),
        ],
        reason: "which puts feeling understood at the centre — you said you did not feel heard \
                 last time; meeting two or three therapists before you choose is the best way \
                 to find one you click with",
        concern: "How well you get on matters most after a time you did not feel heard: meet \
                  them before you choose",
        source: "Flückiger et al. 2018 (the therapeutic alliance and outcome, meta-analysis of \
                 295 studies)",
    },
    Row {
        missing: Missing::TooExpensive,
        favours: &[
            Favour::SlidingScale,
            Favour::Insurance,
            Favour::FeeWithinBudget,
        ],
        reason: "you said the last therapy was too expensive",
        concern: "No sliding scale or insurance listed, and you said cost was a problem",
        source: "Practical access: cost is a common reason to stop therapy early (no claim \
                 about which therapy works better)",
    },
    Row {
        missing: Missing::CouldNotAttend,
        favours: &[Favour::Mode(Mode::Online), Favour::Mode(Mode::Phone)],
        reason: "so you do not have to travel — you said you could not get to the sessions",
        concern: "Sees people only in person, and you said getting to sessions was hard",
        source: "Practical access: remote sessions remove travel (NICE NG222 lists remote \
                 delivery among the formats for psychological treatment)",
    },
    Row {
        missing: Missing::NoProgress,
        favours: &[
            Favour::Specialty(Specialty::TreatmentResistantDepression),
            Favour::DifferentApproach,
            Favour::Credential(Credential::Md),
            Favour::Credential(Credential::Do),
            Favour::Credential(Credential::Np),
        ],
        reason: "you said the last therapy brought no progress: experience with depression that \
                 has not lifted, a different approach, or adding medication to therapy can help",
        concern: "Lists no experience with depression that has not lifted and no new approach \
                  for you",
        source: "NICE NG222 (2022) on further-line treatment; Wiles et al. 2013 (CoBalT: CBT \
                 added to medication for depression that had not responded); Cuijpers et al. \
                 2014 (adding psychotherapy to medication, meta-analysis)",
    },
];

/// The row for an answer (every answer has exactly one; a test checks).
pub fn row(missing: Missing) -> &'static Row {
    TABLE
        .iter()
        .find(|r| r.missing == missing)
        .unwrap_or(&TABLE[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_answer_has_exactly_one_row_with_a_source() {
        for m in Missing::ALL {
            let rows: Vec<_> = TABLE.iter().filter(|r| r.missing == *m).collect();
            assert_eq!(rows.len(), 1, "{m:?}");
            assert!(!rows[0].favours.is_empty());
            assert!(!rows[0].source.is_empty() && !rows[0].reason.is_empty());
            assert_eq!(row(*m).missing, *m);
        }
    }

    #[test]
    fn abbreviations_keep_their_capitals() {
        assert_eq!(
            lower_first("Cognitive behavioural therapy (CBT)"),
            "cognitive behavioural therapy (CBT)"
        );
        assert_eq!(
            lower_first("CBASP (for long-lasting depression)"),
            "CBASP (for long-lasting depression)"
        );
    }
}
