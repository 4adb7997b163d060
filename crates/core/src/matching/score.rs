//! Hard filters and the weighted score with its reasons and concerns. The score is computed by
//! one function (`assess`) over a view of a clinician (`Facts`), so the plain reference path
//! (a `Profile`) and the compact directory give the same numbers by construction; only the hard
//! filters have two implementations, and a property test checks they agree.

use crate::therapists::{Credential, Format, Gender, Mode, Profile, Specialty, TherapyApproach};

use super::request::{Missing, Request};
use super::table::{Favour, TABLE};
use super::why::{Concern, Grounds, Reason};

/// Points for each criterion. The score is the share of the points that apply to this request
/// (0–100), so a request with few preferences is not scored lower.
pub mod weights {
    /// Always applies: accepting new clients and passing every hard filter.
    pub const BASE: u32 = 10;
    pub const HELP_WITH: u32 = 25;
    pub const TREATMENT_RESISTANT: u32 = 25;
    /// Long-lasting depression or CBASP when treatment-resistant expertise is favoured.
    pub const TREATMENT_RESISTANT_PARTIAL: u32 = 12;
    pub const APPROACH: u32 = 20;
    pub const MISSING_ROW: u32 = 15;
    pub const FORMAT: u32 = 10;
    pub const GENDER: u32 = 10;
    pub const INSURANCE: u32 = 10;
    pub const DIFFERENT_APPROACH: u32 = 10;
    pub const FAMILY_OR_GROUP: u32 = 5;
    pub const PRESCRIBER_SEVERE: u32 = 5;
}

/// PHQ-9 total from which depression is severe (Kroenke et al. 2001).
pub const PHQ9_SEVERE: u8 = 20;

/// What scoring needs to know about one clinician.
pub trait Facts {
    fn has_specialty(&self, s: Specialty) -> bool;
    fn has_approach(&self, a: TherapyApproach) -> bool;
    /// Whether they offer any approach outside `tried` (bit set of `TherapyApproach::bit`).
    fn offers_approach_outside(&self, tried: u64) -> bool;
    fn has_format(&self, f: Format) -> bool;
    fn has_mode(&self, m: Mode) -> bool;
    fn has_credential(&self, c: Credential) -> bool;
    fn gender(&self) -> Option<Gender>;
    fn fee(&self) -> Option<u32>;
    fn sliding_scale(&self) -> bool;
    /// Whether they take the request's insurance (false when none was named).
    fn takes_insurance(&self) -> bool;
}

/// A `Profile` seen through `Facts` for one request.
pub struct ProfileFacts<'a> {
    pub profile: &'a Profile,
    pub insurance: Option<&'a str>,
}

impl Facts for ProfileFacts<'_> {
    fn has_specialty(&self, s: Specialty) -> bool {
        self.profile.specialties.contains(&s)
    }
    fn has_approach(&self, a: TherapyApproach) -> bool {
        self.profile.approaches.contains(&a)
    }
    fn offers_approach_outside(&self, tried: u64) -> bool {
        self.profile.approaches.iter().any(|a| a.bit() & tried == 0)
    }
    fn has_format(&self, f: Format) -> bool {
        self.profile.formats.contains(&f)
    }
    fn has_mode(&self, m: Mode) -> bool {
        self.profile.modes.contains(&m)
    }
    fn has_credential(&self, c: Credential) -> bool {
        self.profile.credentials.contains(&c)
    }
    fn gender(&self) -> Option<Gender> {
        self.profile.gender
    }
    fn fee(&self) -> Option<u32> {
        self.profile.fee
    }
    fn sliding_scale(&self) -> bool {
        self.profile.sliding_scale == Some(true)
    }
    fn takes_insurance(&self) -> bool {
        self.insurance
            .is_some_and(|plan| self.profile.insurance.accepts(plan))
    }
}

/// The hard filters on a plain profile (the reference; the directory has a fast copy).
/// Never violated: accepting new clients; where the person is (always when given, in person as
/// well as online: a licence follows where the client is); the way of meeting; the language
/// (compared without region); the budget — usual fee within it, or a sliding scale, or the
/// person's insurance accepted, or no fee stated (then a concern says to ask).
pub fn passes(profile: &Profile, req: &Request) -> bool {
    profile.accepting_new_clients
        && req
            .jurisdiction
            .as_ref()
            .is_none_or(|j| profile.practises_in(j))
        && req.mode.is_none_or(|m| profile.modes.contains(&m))
        && req.language.as_ref().is_none_or(|l| profile.speaks(l))
        && req.max_fee.is_none_or(|max| {
            profile.fee.is_none_or(|fee| fee <= max)
                || profile.sliding_scale == Some(true)
                || req
                    .insurance
                    .as_deref()
                    .is_some_and(|plan| profile.insurance.accepts(plan))
        })
}

/// Where reasons and concerns go: nowhere when only ranking.
pub trait Sink {
    const EXPLAINS: bool;
    fn reason(&mut self, why: impl FnOnce() -> Reason);
    fn concern(&mut self, why: impl FnOnce() -> Concern);
}

/// Ranking only: nothing is built.
pub struct Silent;

impl Sink for Silent {
    const EXPLAINS: bool = false;
    fn reason(&mut self, _: impl FnOnce() -> Reason) {}
    fn concern(&mut self, _: impl FnOnce() -> Concern) {}
}

/// Reasons and concerns in the order found (most weighty first).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub reasons: Vec<Reason>,
    pub concerns: Vec<Concern>,
}

impl Sink for Explanation {
    const EXPLAINS: bool = true;
    fn reason(&mut self, why: impl FnOnce() -> Reason) {
        self.reasons.push(why());
    }
    fn concern(&mut self, why: impl FnOnce() -> Concern) {
        self.concerns.push(why());
    }
}

/// What a request asks, worked out once (bit sets and flags) before scanning.
#[derive(Debug, Clone)]
pub struct Plan<'r> {
    pub req: &'r Request,
    pub tried: u64,
    pub max_points: u32,
}

impl<'r> Plan<'r> {
    pub fn new(req: &'r Request) -> Plan<'r> {
        use weights::*;
        let tried = req.earlier_approaches.iter().fold(0, |m, a| m | a.bit());
        let mut max = BASE;
        if req.help_with.and_then(|h| h.specialty()).is_some() {
            max += HELP_WITH;
        }
        if req.favours_treatment_resistant() {
            max += TREATMENT_RESISTANT;
        }
        if req.approach.is_some() {
            max += APPROACH;
        }
        max += MISSING_ROW * req.missing.len() as u32;
        if req.format.is_some() {
            max += FORMAT;
        }
        if req.therapist_gender.is_some() {
            max += GENDER;
        }
        if req.insurance.is_some() {
            max += INSURANCE;
        }
        if tried != 0 {
            max += DIFFERENT_APPROACH;
        }
        if req.open_to_family_or_group == Some(true) {
            max += FAMILY_OR_GROUP;
        }
        if req.phq9_total.is_some_and(|t| t >= PHQ9_SEVERE) {
            max += PRESCRIBER_SEVERE;
        }
        Plan {
            req,
            tried,
            max_points: max,
        }
    }
}

fn is_prescriber<F: Facts>(f: &F) -> Option<Credential> {
    [Credential::Md, Credential::Do, Credential::Np]
        .into_iter()
        .find(|c| f.has_credential(*c))
}

fn holds<F: Facts>(f: &F, favour: Favour, plan: &Plan) -> bool {
    match favour {
        Favour::Approach(a) => f.has_approach(a),
        Favour::Specialty(s) => f.has_specialty(s),
        Favour::Credential(c) => f.has_credential(c),
        Favour::Mode(m) => f.has_mode(m),
        Favour::SlidingScale => f.sliding_scale(),
        Favour::Insurance => f.takes_insurance(),
        Favour::FeeWithinBudget => plan
            .req
            .max_fee
            .is_some_and(|max| f.fee().is_some_and(|fee| fee <= max)),
        Favour::DifferentApproach => plan.tried != 0 && f.offers_approach_outside(plan.tried),
    }
}

/// The score (0–100) of a clinician who passed the hard filters, with reasons and concerns
/// written to `sink`.
pub fn assess<F: Facts, S: Sink>(f: &F, plan: &Plan, sink: &mut S) -> u8 {
    use weights::*;
    let req = plan.req;
    let mut points = BASE;

    if let Some(s) = req.help_with.and_then(|h| h.specialty()) {
        if f.has_specialty(s) {
            points += HELP_WITH;
            sink.reason(|| Reason::HelpWith(s));
        } else {
            sink.concern(|| Concern::NoHelpWith(s));
        }
    }

    if req.favours_treatment_resistant() {
        let grounds = Grounds {
            courses: (req.earlier_courses >= 2).then_some(req.earlier_courses),
            no_progress: req.missing.contains(&Missing::NoProgress),
        };
        if f.has_specialty(Specialty::TreatmentResistantDepression) {
            points += TREATMENT_RESISTANT;
            sink.reason(|| Reason::TreatmentResistant(grounds));
        } else if f.has_specialty(Specialty::ChronicDepression)
            || f.has_approach(TherapyApproach::Cbasp)
        {
            points += TREATMENT_RESISTANT_PARTIAL;
            sink.reason(|| Reason::LongLasting {
                cbasp: f.has_approach(TherapyApproach::Cbasp),
                grounds,
            });
        } else {
            sink.concern(|| Concern::NoTreatmentResistant);
        }
    }

    if let Some(a) = req.approach {
        if f.has_approach(a) {
            points += APPROACH;
            sink.reason(|| Reason::Approach(a));
        } else {
            sink.concern(|| Concern::NoApproach(a));
        }
    }

    for m in &req.missing {
        let Some(row) = TABLE.iter().find(|r| r.missing == *m) else {
            continue;
        };
        let found = row.favours.iter().copied().find(|fv| holds(f, *fv, plan));
        match found {
            Some(fv) => {
                points += MISSING_ROW;
                sink.reason(|| Reason::Missing {
                    offers: fv,
                    missing: *m,
                });
            }
            None => sink.concern(|| Concern::Missing(*m)),
        }
    }

    if plan.tried != 0 {
        if f.offers_approach_outside(plan.tried) {
            points += DIFFERENT_APPROACH;
            sink.reason(|| Reason::DifferentApproach);
        } else {
            sink.concern(|| Concern::OnlyTriedApproaches);
        }
    }

    if let Some(fm) = req.format {
        if f.has_format(fm) {
            points += FORMAT;
            sink.reason(|| Reason::Format(fm));
        } else {
            sink.concern(|| Concern::NoFormat(fm));
        }
    }

    if req.open_to_family_or_group == Some(true)
        && (f.has_format(Format::Family) || f.has_format(Format::Group))
    {
        points += FAMILY_OR_GROUP;
        sink.reason(|| Reason::FamilyOrGroup);
    }

    if let Some(g) = req.therapist_gender {
        match f.gender() {
            Some(have) if have == g => {
                points += GENDER;
                sink.reason(|| Reason::Gender(g));
            }
            Some(_) => sink.concern(|| Concern::OtherGender),
            None => sink.concern(|| Concern::GenderNotSaid),
        }
    }

    if let Some(plan_name) = req.insurance.as_deref() {
        if f.takes_insurance() {
            points += INSURANCE;
            sink.reason(|| Reason::Insurance(plan_name.to_string()));
        } else {
            sink.concern(|| Concern::NoInsurance(plan_name.to_string()));
        }
    }

    if req.phq9_total.is_some_and(|t| t >= PHQ9_SEVERE)
        && let Some(c) = is_prescriber(f)
    {
        points += PRESCRIBER_SEVERE;
        sink.reason(|| Reason::Prescriber(c));
    }

    if S::EXPLAINS {
        // What the hard filters kept, said plainly, then the fee.
        if let Some(m) = req.mode {
            sink.reason(|| Reason::Meets(m));
        }
        if let Some(l) = req.language.as_ref() {
            sink.reason(|| Reason::Language(l.clone()));
        }
        if let Some(j) = req.jurisdiction.as_ref() {
            sink.reason(|| Reason::Jurisdiction(j.clone()));
        }
        if let Some(max) = req.max_fee {
            match f.fee() {
                Some(fee) if fee <= max => sink.reason(|| Reason::FeeWithin { fee, max }),
                Some(fee) => sink.concern(|| Concern::FeeAbove {
                    fee,
                    max,
                    sliding: f.sliding_scale(),
                }),
                None => sink.concern(|| Concern::NoFee),
            }
        }
    }

    ((points * 100) / plan.max_points).min(100) as u8
}
