//! Seeded, varied profiles for benchmarks and property tests (and `rapport seed --therapists`).
//! Not real people; deterministic for a seed.

use crate::therapists::{
    Credential, Format, Gender, InsuranceList, Jurisdiction, Language, Mode, Profile, Specialty,
    TherapyApproach,
};

/// SplitMix64: small, fast and good enough for test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// 0..n
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }
    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn pick<T: Copy>(&mut self, all: &[T]) -> T {
        all[self.below(all.len() as u64) as usize]
    }
    /// Each of `all` with probability `percent`, at least one.
    pub fn some<T: Copy>(&mut self, all: &[T], percent: u64) -> Vec<T> {
        let mut v: Vec<T> = all
            .iter()
            .copied()
            .filter(|_| self.chance(percent))
            .collect();
        if v.is_empty() {
            v.push(self.pick(all));
        }
        v
    }
}

pub const STATES: &[&str] = &[
    "US-AL", "US-AK", "US-AZ", "US-AR", "US-CA", "US-CO", "US-CT", "US-DE", "US-FL", "US-GA",
    "US-HI", "US-ID", "US-IL", "US-IN", "US-IA", "US-KS", "US-KY", "US-LA", "US-ME", "US-MD",
    "US-MA", "US-MI", "US-MN", "US-MS", "US-MO", "US-MT", "US-NE", "US-NV", "US-NH", "US-NJ",
    "US-NM", "US-NY", "US-NC", "US-ND", "US-OH", "US-OK", "US-OR", "US-PA", "US-RI", "US-SC",
    "US-SD", "US-TN", "US-TX", "US-UT", "US-VT", "US-VA", "US-WA", "US-WV", "US-WI", "US-WY",
];
pub const COUNTRIES: &[&str] = &["IE", "NZ", "GB-ENG", "CA-ON"];
pub const LANGUAGES: &[&str] = &[
    "es", "zh", "vi", "ko", "tl", "fr", "ar", "ru", "pt-BR", "de", "ht",
];
pub const PLANS: &[&str] = &[
    "Aetna",
    "Cigna",
    "Kaiser",
    "Medicaid",
    "Medicare",
    "United",
    "Blue Cross",
];

/// One profile (accepting new clients about 85% of the time).
pub fn profile(rng: &mut Rng) -> Profile {
    let mut jurisdictions = vec![];
    let first = if rng.chance(95) {
        rng.pick(STATES)
    } else {
        rng.pick(COUNTRIES)
    };
    jurisdictions.push(first);
    for _ in 0..rng.below(3) {
        jurisdictions.push(rng.pick(STATES));
    }
    let mut languages = vec![Language::parse("en")];
    if rng.chance(30) {
        languages.push(Language::parse(rng.pick(LANGUAGES)));
    }
    let modes = rng.some(Mode::ALL, 55);
    Profile {
        pronouns: None,
        gender: match rng.below(10) {
            0..=4 => Some(Gender::Woman),
            5..=7 => Some(Gender::Man),
            8 => Some(Gender::NonBinary),
            _ => None,
        },
        credentials: vec![rng.pick(Credential::ALL)],
        years_in_practice: Some(rng.below(40) as u16),
        approaches: rng.some(TherapyApproach::ALL, 20),
        formats: {
            let mut f = vec![Format::Individual];
            if rng.chance(20) {
                f.push(Format::Family);
            }
            if rng.chance(15) {
                f.push(Format::Group);
            }
            f
        },
        location: modes
            .contains(&Mode::InPerson)
            .then(|| "Main Street".to_string()),
        modes,
        jurisdictions: jurisdictions
            .into_iter()
            .filter_map(Jurisdiction::parse)
            .collect(),
        languages: languages.into_iter().flatten().collect(),
        specialties: rng.some(Specialty::ALL, 15),
        fee: rng.chance(90).then(|| 60 + 10 * rng.below(20) as u32),
        sliding_scale: Some(rng.chance(35)),
        insurance: InsuranceList(
            PLANS
                .iter()
                .filter(|_| rng.chance(25))
                .map(|s| s.to_string())
                .collect(),
        ),
        accepting_new_clients: rng.chance(85),
        availability: None,
        statement: None,
    }
}

/// `n` profiles for a seed.
pub fn profiles(seed: u64, n: usize) -> Vec<Profile> {
    let mut rng = Rng::new(seed);
    (0..n).map(|_| profile(&mut rng)).collect()
}

/// A varied request such as people send (most give a place and a way of meeting).
pub fn request(rng: &mut Rng) -> super::Request {
    use super::request::{HelpWith, Missing};
    super::Request {
        help_with: rng.chance(80).then(|| rng.pick(HelpWith::ALL)),
        phq9_total: rng.chance(50).then(|| rng.below(28) as u8),
        earlier_courses: rng.below(4) as u8,
        missing: if rng.chance(60) {
            rng.some(Missing::ALL, 20)
        } else {
            vec![]
        },
        earlier_approaches: if rng.chance(20) {
            vec![rng.pick(TherapyApproach::ALL)]
        } else {
            vec![]
        },
        approach: rng.chance(30).then(|| rng.pick(TherapyApproach::ALL)),
        format: rng.chance(30).then(|| rng.pick(Format::ALL)),
        mode: rng.chance(60).then(|| rng.pick(Mode::ALL)),
        language: if rng.chance(20) {
            Language::parse(rng.pick(LANGUAGES))
        } else if rng.chance(50) {
            Language::parse("en")
        } else {
            None
        },
        therapist_gender: rng.chance(30).then(|| rng.pick(Gender::ALL)),
        max_fee: rng.chance(40).then(|| 60 + 10 * rng.below(15) as u32),
        insurance: rng.chance(30).then(|| rng.pick(PLANS).to_string()),
        jurisdiction: if rng.chance(80) {
            Jurisdiction::parse(rng.pick(STATES))
        } else {
            None
        },
        therapist_was_the_problem: None,
        open_to_family_or_group: rng.chance(30).then(|| rng.chance(50)),
    }
}
