//! The compact directory: every listed profile reduced to bit sets, interned codes and integer
//! fees, scanned once per request with the hard filters; only the top k are explained.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use crate::therapists::{Credential, Format, Gender, Mode, Profile, Specialty, TherapyApproach};

use super::Match;
use super::request::Request;
use super::score::{Explanation, Facts, Plan, ProfileFacts, Silent, assess, passes};

const NO_FEE: u32 = u32::MAX;
const ACCEPTING: u8 = 1;
const SLIDING: u8 = 2;

/// One profile, compact. Lists (languages, places, insurance) are ranges into shared arrays.
#[derive(Debug, Clone, Copy)]
struct Rec {
    approaches: u64,
    specialties: u64,
    credentials: u32,
    fee: u32,
    flags: u8,
    modes: u8,
    formats: u8,
    /// 0 when not said, else 1 + the gender's index.
    gender: u8,
    langs: (u32, u32),
    places: (u32, u32),
    plans: (u32, u32),
}

/// Interned strings: each distinct value gets a small number.
#[derive(Debug, Default, Clone)]
struct Names(HashMap<String, u32>);

impl Names {
    fn id(&mut self, s: &str) -> u32 {
        let n = self.0.len() as u32;
        *self.0.entry(s.to_string()).or_insert(n)
    }
    fn get(&self, s: &str) -> Option<u32> {
        self.0.get(s).copied()
    }
}

fn insurance_key(s: &str) -> String {
    s.trim().to_ascii_lowercase()
}

/// The directory matching scans. Built once per change of the listed clinicians.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    profiles: Vec<Profile>,
    recs: Vec<Rec>,
    ids: Vec<u32>,
    langs: Names,
    places: Names,
    plans: Names,
}

fn push_range(ids: &mut Vec<u32>, items: impl Iterator<Item = u32>) -> (u32, u32) {
    let start = ids.len() as u32;
    ids.extend(items);
    (start, ids.len() as u32)
}

impl Directory {
    /// Builds from profiles (cloned); result `index` is the position in `profiles`.
    pub fn build(profiles: &[Profile]) -> Directory {
        Directory::from_profiles(profiles.to_vec())
    }

    pub fn from_profiles(profiles: Vec<Profile>) -> Directory {
        let mut d = Directory::index(profiles.iter());
        d.profiles = profiles;
        d
    }

    /// The compact form only, without a copy of the profiles: explain with `top_in`, passing
    /// the same profiles in the same order.
    pub fn index<'p>(profiles: impl ExactSizeIterator<Item = &'p Profile>) -> Directory {
        let mut d = Directory {
            recs: Vec::with_capacity(profiles.len()),
            ..Directory::default()
        };
        for p in profiles {
            let mut langs: Vec<u32> = p
                .languages
                .iter()
                .map(|l| d.langs.id(l.primary()))
                .collect();
            langs.sort_unstable();
            langs.dedup();
            let places: Vec<u32> = p
                .jurisdictions
                .iter()
                .map(|j| d.places.id(j.as_str()))
                .collect();
            let plans: Vec<u32> = p
                .insurance
                .0
                .iter()
                .map(|s| d.plans.id(&insurance_key(s)))
                .collect();
            let rec = Rec {
                approaches: p.approaches.iter().fold(0, |m, a| m | a.bit()),
                specialties: p.specialties.iter().fold(0, |m, s| m | s.bit()),
                credentials: p.credentials.iter().fold(0, |m, c| m | c.bit() as u32),
                fee: p.fee.unwrap_or(NO_FEE),
                flags: if p.accepting_new_clients {
                    ACCEPTING
                } else {
                    0
                } | if p.sliding_scale == Some(true) {
                    SLIDING
                } else {
                    0
                },
                modes: p.modes.iter().fold(0, |m, x| m | x.bit() as u8),
                formats: p.formats.iter().fold(0, |m, x| m | x.bit() as u8),
                gender: p.gender.map_or(0, |g| g as u8 + 1),
                langs: push_range(&mut d.ids, langs.into_iter()),
                places: push_range(&mut d.ids, places.into_iter()),
                plans: push_range(&mut d.ids, plans.into_iter()),
            };
            d.recs.push(rec);
        }
        d
    }

    pub fn len(&self) -> usize {
        self.recs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.recs.is_empty()
    }

    pub fn profile(&self, index: usize) -> Option<&Profile> {
        self.profiles.get(index)
    }

    fn list(&self, (a, b): (u32, u32)) -> &[u32] {
        &self.ids[a as usize..b as usize]
    }

    /// The baseline for the benchmark: one pass that only checks "accepting new clients".
    #[doc(hidden)]
    pub fn count_accepting(&self) -> usize {
        self.recs
            .iter()
            .filter(|r| r.flags & ACCEPTING != 0)
            .count()
    }

    /// The best `k` for a request, explained, best first (ties: lower index first).
    pub fn top(&self, req: &Request, k: usize) -> Vec<Match> {
        self.top_where(req, k, |_| true)
    }

    /// As `top`, leaving out the indexes `keep` refuses (the care team when switching).
    pub fn top_where(&self, req: &Request, k: usize, keep: impl Fn(usize) -> bool) -> Vec<Match> {
        self.top_in(|i| self.profiles.get(i), req, k, keep)
    }

    /// As `top_where` for a directory built with `index`: `profile(i)` gives the `i`th
    /// profile it was built from, for the explanations.
    pub fn top_in<'p>(
        &self,
        profile: impl Fn(usize) -> Option<&'p Profile>,
        req: &Request,
        k: usize,
        keep: impl Fn(usize) -> bool,
    ) -> Vec<Match> {
        if k == 0 {
            return vec![];
        }
        let Some(q) = self.query(req) else {
            return vec![];
        };
        let plan = Plan::new(req);
        // A min-heap of the best k so far: (score, Reverse(index)); the root is the worst kept.
        let mut heap: BinaryHeap<Reverse<(u8, Reverse<usize>)>> = BinaryHeap::with_capacity(k + 1);
        for (i, r) in self.recs.iter().enumerate() {
            if !self.passes(r, &q) || !keep(i) {
                continue;
            }
            let score = assess(
                &RecFacts {
                    d: self,
                    r,
                    plan_id: q.plan,
                },
                &plan,
                &mut Silent,
            );
            let entry = Reverse((score, Reverse(i)));
            if heap.len() < k {
                heap.push(entry);
            } else if heap.peek().is_some_and(|worst| entry < *worst) {
                heap.pop();
                heap.push(entry);
            }
        }
        let mut best: Vec<(u8, usize)> = heap
            .into_iter()
            .map(|Reverse((s, Reverse(i)))| (s, i))
            .collect();
        best.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        best.into_iter()
            .filter_map(|(_, i)| explain(profile(i)?, req, i))
            .collect()
    }

    fn query(&self, req: &Request) -> Option<Query> {
        let lang = match &req.language {
            Some(l) => Some(self.langs.get(l.primary())?),
            None => None,
        };
        let places = match &req.jurisdiction {
            Some(j) => {
                let own = self.places.get(j.as_str());
                let country = self.places.get(j.country());
                if own.is_none() && country.is_none() {
                    return None;
                }
                Some((own.unwrap_or(u32::MAX), country.unwrap_or(u32::MAX)))
            }
            None => None,
        };
        let plan = req
            .insurance
            .as_deref()
            .and_then(|p| self.plans.get(&insurance_key(p)));
        Some(Query {
            mode: req.mode.map_or(0, |m| m.bit() as u8),
            lang,
            places,
            max_fee: req.max_fee,
            plan,
        })
    }

    #[inline]
    fn passes(&self, r: &Rec, q: &Query) -> bool {
        if r.flags & ACCEPTING == 0 || (q.mode != 0 && r.modes & q.mode == 0) {
            return false;
        }
        if let Some(max) = q.max_fee {
            let ok = r.fee == NO_FEE
                || r.fee <= max
                || r.flags & SLIDING != 0
                || q.plan.is_some_and(|p| self.list(r.plans).contains(&p));
            if !ok {
                return false;
            }
        }
        if let Some(l) = q.lang
            && !self.list(r.langs).contains(&l)
        {
            return false;
        }
        q.places.is_none_or(|(own, country)| {
            self.list(r.places)
                .iter()
                .any(|p| *p == own || *p == country)
        })
    }
}

/// A request's hard filters in the directory's codes.
struct Query {
    mode: u8,
    lang: Option<u32>,
    /// The place's own code and its country's code (a national licence covers the place).
    places: Option<(u32, u32)>,
    max_fee: Option<u32>,
    plan: Option<u32>,
}

struct RecFacts<'a> {
    d: &'a Directory,
    r: &'a Rec,
    plan_id: Option<u32>,
}

impl Facts for RecFacts<'_> {
    fn has_specialty(&self, s: Specialty) -> bool {
        self.r.specialties & s.bit() != 0
    }
    fn has_approach(&self, a: TherapyApproach) -> bool {
        self.r.approaches & a.bit() != 0
    }
    fn offers_approach_outside(&self, tried: u64) -> bool {
        self.r.approaches & !tried != 0
    }
    fn has_format(&self, f: Format) -> bool {
        self.r.formats & f.bit() as u8 != 0
    }
    fn has_mode(&self, m: Mode) -> bool {
        self.r.modes & m.bit() as u8 != 0
    }
    fn has_credential(&self, c: Credential) -> bool {
        self.r.credentials & c.bit() as u32 != 0
    }
    fn gender(&self) -> Option<Gender> {
        match self.r.gender {
            0 => None,
            g => Gender::ALL.get(g as usize - 1).copied(),
        }
    }
    fn fee(&self) -> Option<u32> {
        (self.r.fee != NO_FEE).then_some(self.r.fee)
    }
    fn sliding_scale(&self) -> bool {
        self.r.flags & SLIDING != 0
    }
    fn takes_insurance(&self) -> bool {
        self.plan_id
            .is_some_and(|p| self.d.list(self.r.plans).contains(&p))
    }
}

/// Scores and explains one profile, or `None` when a hard filter excludes it.
pub fn explain(profile: &Profile, req: &Request, index: usize) -> Option<Match> {
    if !passes(profile, req) {
        return None;
    }
    let plan = Plan::new(req);
    let mut why = Explanation::default();
    let facts = ProfileFacts {
        profile,
        insurance: req.insurance.as_deref(),
    };
    let score = assess(&facts, &plan, &mut why);
    Some(Match {
        index,
        score,
        reasons: why.reasons,
        concerns: why.concerns,
    })
}

/// The plain, slow reference: every profile through `explain`, sorted. Also fine for small
/// directories.
pub fn rank(profiles: &[Profile], req: &Request, k: usize) -> Vec<Match> {
    let mut all: Vec<Match> = profiles
        .iter()
        .enumerate()
        .filter_map(|(i, p)| explain(p, req, i))
        .collect();
    all.sort_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
    all.truncate(k);
    all
}
