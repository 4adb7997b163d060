//! Directory clinicians at scale (`rapport seed --therapists N`): accounts, the account's
//! clinician row, a varied public profile and a licence check each, every one verified and
//! accepting new clients, so that matching and the directory can be measured over them.
//! Therapist `n` (from 1) is `therapist{n}@seed.rapport.test`; the variation follows from `n`
//! alone, so two runs write the same directory.

use chrono::{DateTime, Duration, Utc};
use rapport_core::accounts::Role;
use rapport_core::therapists::{
    Credential, Format, Gender, InsuranceList, Jurisdiction, Language, Mode, Profile, Specialty,
    TherapyApproach,
};
use rapport_store::bulk::{ClinicianProfileRow, UserRow};
use rapport_store::therapists::{ProfileRow, Verification};
use uuid::Uuid;

use super::people::{FIRST, LAST};
use super::{DOMAIN, id_at, mix};

/// The e-mail address of directory therapist `n` (counting from 1).
pub fn therapist_email(n: u32) -> String {
    format!("therapist{n}@{DOMAIN}")
}

/// Places, most in the US; a clinician is licensed in one to three of the first ones near
/// each other in this list, or in one of the countries at its end.
const PLACES: [(&str, &str); 24] = [
    ("US-CA", "Los Angeles, CA"),
    ("US-CA", "San Francisco, CA"),
    ("US-OR", "Portland, OR"),
    ("US-WA", "Seattle, WA"),
    ("US-NV", "Reno, NV"),
    ("US-AZ", "Tucson, AZ"),
    ("US-CO", "Denver, CO"),
    ("US-TX", "Austin, TX"),
    ("US-TX", "Houston, TX"),
    ("US-IL", "Chicago, IL"),
    ("US-MN", "Minneapolis, MN"),
    ("US-MI", "Detroit, MI"),
    ("US-OH", "Columbus, OH"),
    ("US-GA", "Atlanta, GA"),
    ("US-FL", "Orlando, FL"),
    ("US-NC", "Durham, NC"),
    ("US-PA", "Philadelphia, PA"),
    ("US-NJ", "Newark, NJ"),
    ("US-NY", "New York, NY"),
    ("US-MA", "Boston, MA"),
    ("IE", "Galway"),
    ("GB", "Leeds"),
    ("CA-ON", "Ottawa"),
    ("DE", "Hamburg"),
];

/// The first of every clinician's languages is English (or German in Germany); a third
/// speak a second one.
const SECOND_LANGUAGES: [&str; 12] = [
    "es", "es", "es", "vi", "zh", "ko", "tl", "ar", "ru", "pt", "ase", "fr",
];

const PLANS: [&str; 8] = [
    "Aetna",
    "Cigna",
    "UnitedHealthcare",
    "Blue Cross Blue Shield",
    "Kaiser Permanente",
    "Medicaid",
    "Medicare",
    "Humana",
];

const AVAILABILITY: [&str; 5] = [
    "Weekday evenings",
    "Weekday mornings",
    "Afternoons and Saturday",
    "Monday to Thursday, 9 to 5",
    "Evenings and weekends",
];

/// Picks from `all` the entries whose bit is set in `bits` (at least `first`).
fn some<T: Copy>(all: &[T], bits: u64, first: usize) -> Vec<T> {
    let mut out: Vec<T> = all
        .iter()
        .enumerate()
        .filter(|(i, _)| bits >> i & 1 == 1)
        .map(|(_, v)| *v)
        .collect();
    if out.is_empty() {
        out.push(all[first % all.len()]);
    }
    out
}

/// Therapist `n`'s profile: varied, valid, accepting new clients.
pub fn profile_of(n: u32) -> Profile {
    let n = u64::from(n);
    let r = |salt: u64| mix(0xD1EC_7081, n, salt);
    let place = (r(1) % PLACES.len() as u64) as usize;
    let (home, town) = PLACES[place];
    let mut jurisdictions = vec![home];
    if place < 20 && r(2) % 3 == 0 {
        jurisdictions.push(PLACES[(place + 1) % 20].0);
    }
    if place < 20 && r(3) % 7 == 0 {
        jurisdictions.push(PLACES[(place + 2) % 20].0);
    }
    let modes = match r(4) % 6 {
        0 => vec![Mode::InPerson],
        1 => vec![Mode::Online],
        2 => vec![Mode::Online, Mode::Phone],
        3 => vec![Mode::InPerson, Mode::Online, Mode::Phone],
        _ => vec![Mode::InPerson, Mode::Online],
    };
    let mut languages = vec![if home == "DE" { "de" } else { "en" }];
    if r(5) % 3 == 0 {
        languages.push(SECOND_LANGUAGES[(r(6) % SECOND_LANGUAGES.len() as u64) as usize]);
    }
    // Mostly the approaches Rapport supports with plans, a few of the others.
    let approaches = some(
        TherapyApproach::ALL,
        r(7) & r(8) & 0x3FFF,
        (r(9) % 7) as usize,
    );
    let formats = {
        let mut f = vec![Format::Individual];
        if r(10) % 4 == 0 {
            f.push(Format::Family);
        }
        if r(11) % 5 == 0 {
            f.push(Format::Group);
        }
        f
    };
    let specialties = some(Specialty::ALL, r(12) & r(13) & r(14) & 0x7FFF, 0);
    let insurance = if r(15) % 4 == 0 {
        vec![]
    } else {
        some(&PLANS, r(16) & r(17), (r(18) % 8) as usize)
            .into_iter()
            .map(str::to_string)
            .collect()
    };
    Profile {
        pronouns: None,
        gender: Gender::ALL.get((r(19) % 4) as usize).copied(),
        credentials: vec![Credential::ALL[(r(20) % Credential::ALL.len() as u64) as usize]],
        years_in_practice: Some((r(21) % 40) as u16),
        approaches,
        formats,
        location: modes.contains(&Mode::InPerson).then(|| town.to_string()),
        modes,
        jurisdictions: jurisdictions
            .into_iter()
            .filter_map(Jurisdiction::parse)
            .collect(),
        languages: languages.into_iter().filter_map(Language::parse).collect(),
        specialties,
        fee: Some(40 + (r(22) % 33) as u32 * 5),
        sliding_scale: Some(r(23) % 3 == 0),
        insurance: InsuranceList(insurance),
        accepting_new_clients: true,
        availability: Some(AVAILABILITY[(r(24) % 5) as usize].to_string()),
        statement: None,
    }
}

/// The rows of therapists `from..from + count` (counting from 1), checked by `admin`.
pub(super) struct Rows {
    pub users: Vec<UserRow>,
    pub clinicians: Vec<ClinicianProfileRow>,
    pub profiles: Vec<ProfileRow>,
    pub checks: Vec<Verification>,
}

pub(super) fn therapists(
    from: u32,
    count: u32,
    since: DateTime<Utc>,
    admin: Uuid,
    password_hash: &str,
) -> rapport_app::Result<Rows> {
    let mut rows = Rows {
        users: Vec::with_capacity(count as usize),
        clinicians: Vec::with_capacity(count as usize),
        profiles: Vec::with_capacity(count as usize),
        checks: Vec::with_capacity(count as usize),
    };
    for n in from..from + count {
        let k = u64::from(n);
        let id = id_at(since, 0x7E2A, k, 0);
        let profile = profile_of(n)
            .checked()
            .map_err(|e| rapport_app::Error::Internal(format!("seeded profile {n}: {e}")))?;
        let first = FIRST[(mix(k, 41, 1) % FIRST.len() as u64) as usize];
        let last = LAST[(mix(k, 43, 2) % LAST.len() as u64) as usize];
        rows.users.push(UserRow {
            id,
            email: therapist_email(n),
            name: format!("{first} {last}"),
            role: Role::Clinician.as_str(),
            password_hash: password_hash.to_string(),
            totp_secret: None,
            totp_enrolled_at: None,
            timezone: "America/Chicago",
            created_at: since,
        });
        rows.clinicians
            .push(crate::directory::care_team_card(id, &profile, None));
        let checked = since + Duration::days(1 + (k % 20) as i64);
        rows.checks.push(Verification {
            id: id_at(checked, 0x7E2B, k, 0),
            clinician_id: id,
            licence_number: format!("SEED-{n:07}"),
            issuer: profile
                .jurisdictions
                .first()
                .map(|j| j.as_str().to_string())
                .unwrap_or_default(),
            checked_on: checked.date_naive(),
            checked_by: admin,
            // Each its own moment (a tenth of a second apart), so the latest is one row.
            recorded_at: since + Duration::milliseconds(100 * k as i64),
        });
        rows.profiles.push(ProfileRow {
            clinician_id: id,
            profile,
            updated_at: since,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_seeded_profile_is_valid_and_they_vary() {
        let mut languages = std::collections::BTreeSet::new();
        let mut places = std::collections::BTreeSet::new();
        for n in 1..=2_000 {
            let p = profile_of(n);
            assert!(p.clone().checked().is_ok(), "{n}: {p:?}");
            languages.extend(p.languages.iter().map(|l| l.primary().to_string()));
            places.extend(p.jurisdictions.iter().map(|j| j.as_str().to_string()));
        }
        assert!(languages.len() >= 10, "{languages:?}");
        assert!(places.len() >= 20, "{places:?}");
        assert_eq!(profile_of(7), profile_of(7), "the same every run");
    }
}
