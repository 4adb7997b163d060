//! When nothing matches: the constraints to drop, one at a time, each with a plain sentence,
//! and the public resources to point to.
//!
//! Only the hard filters can leave nobody (preferences such as approach, format or therapist
//! gender change the order, never who appears), so only they are offered, in this order: the
//! way of meeting, the budget, the language, and last where the person is — never dropped
//! silently: its sentence says that licence rules usually mean a therapist can only see
//! someone where they are licensed.

use std::fmt;

use serde::Serialize;

use super::request::Request;
use crate::therapists::{Jurisdiction, Language, Mode};

string_enum!(
    /// Which constraint a widening step drops.
    StepKind {
        Mode => "mode", "Way of meeting";
        Budget => "budget", "Budget";
        Language => "language", "Language";
        Jurisdiction => "jurisdiction", "Where you are";
    }
);

/// The constraint a step drops, with the value the person gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dropped {
    Mode(Mode),
    Budget(u32),
    Language(Language),
    Jurisdiction(Jurisdiction),
}

/// How else one can meet than `m`, as the end of "who meet …".
pub fn other_modes(m: Mode) -> &'static str {
    match m {
        Mode::InPerson => "online or by phone",
        Mode::Online => "in person or by phone",
        Mode::Phone => "in person or online",
    }
}

impl fmt::Display for Dropped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Dropped::Mode(m) => write!(f, "Also show therapists who meet {}.", other_modes(*m)),
            Dropped::Budget(max) => write!(
                f,
                "Also show therapists whose usual fee is above {max} — many will talk about \
                 fees, and some have places at a lower rate."
            ),
            Dropped::Language(l) => write!(
                f,
                "Also show therapists who do not offer therapy in {} (you could ask about an \
                 interpreter).",
                l.label()
            ),
            Dropped::Jurisdiction(j) => write!(
                f,
                "Also show therapists who are not licensed for {}. Licence rules usually mean a \
                 therapist may only see you where you are, even online: ask them before you \
                 book.",
                j.as_str()
            ),
        }
    }
}

/// One way to widen: the request with exactly one constraint dropped, and what that means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub step: StepKind,
    pub dropped: Dropped,
    pub request: Request,
}

impl Step {
    /// The step's sentence in English.
    pub fn message(&self) -> String {
        self.dropped.to_string()
    }
}

/// The steps available for a request, in order (each keeps every other answer).
pub fn widen(req: &Request) -> Vec<Step> {
    let mut steps = vec![];
    if let Some(m) = req.mode {
        steps.push(Step {
            step: StepKind::Mode,
            dropped: Dropped::Mode(m),
            request: Request {
                mode: None,
                ..req.clone()
            },
        });
    }
    if let Some(max) = req.max_fee {
        steps.push(Step {
            step: StepKind::Budget,
            dropped: Dropped::Budget(max),
            request: Request {
                max_fee: None,
                ..req.clone()
            },
        });
    }
    if let Some(l) = req.language.as_ref() {
        steps.push(Step {
            step: StepKind::Language,
            dropped: Dropped::Language(l.clone()),
            request: Request {
                language: None,
                ..req.clone()
            },
        });
    }
    if let Some(j) = req.jurisdiction.as_ref() {
        steps.push(Step {
            step: StepKind::Jurisdiction,
            dropped: Dropped::Jurisdiction(j.clone()),
            request: Request {
                jurisdiction: None,
                ..req.clone()
            },
        });
    }
    steps
}

/// A public resource to point to when nothing matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Resource {
    /// Names the resource for the pages' messages (`fd-resource-<key>`).
    #[serde(skip)]
    pub key: &'static str,
    pub label: &'static str,
    pub href: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<&'static str>,
}

/// Public help in the United States (the list). The instance's crisis page is linked
/// beside these by the web layer.
pub const RESOURCES: &[Resource] = &[
    Resource {
        key: "samhsa",
        label: "SAMHSA National Helpline (free, confidential, 24/7, treatment referral)",
        href: "https://www.samhsa.gov/find-help/helplines/national-helpline",
        phone: Some("1-800-662-4357"),
    },
    Resource {
        key: "findtreatment",
        label: "FindTreatment.gov (search for treatment near you)",
        href: "https://findtreatment.gov/",
        phone: None,
    },
    Resource {
        key: "nami",
        label: "NAMI HelpLine (information and support)",
        href: "https://www.nami.org/help",
        phone: Some("1-800-950-6264"),
    },
    Resource {
        key: "dbsa",
        label: "Depression and Bipolar Support Alliance (peer support groups)",
        href: "https://www.dbsalliance.org/",
        phone: None,
    },
];
