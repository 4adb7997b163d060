//! The seeded practice's people: an administrator, the clinicians and the clients, their
//! accounts, profiles, consents, care teams, episodes and schedules, and each client's plan
//! for the year (how their PHQ-9 moves, when they answer, how often they check in).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rapport_core::accounts::{Approach, CareTeamRole, Credential, Email, PersonName, Role};
use rapport_core::episodes::EpisodeState;
use rapport_store::bulk::{ApproachRow, ClientProfileRow, ClinicianProfileRow, UserRow};
use rapport_store::care_teams::Membership;
use rapport_store::consents::Consent;
use rapport_store::episodes::{Episode, EpisodeEvent};
use rapport_store::measures::Schedule;
use uuid::Uuid;

use super::{id_at, mix};
use rapport_app::Result;

/// The domain of every seeded e-mail address (reserved: `.test` never resolves).
pub const DOMAIN: &str = "seed.rapport.test";

/// The seeded administrator's e-mail address.
pub const ADMIN_EMAIL: &str = "admin@seed.rapport.test";

/// The e-mail address of client `n` (counting from 1).
pub fn client_email(n: u32) -> String {
    format!("client{n}@{DOMAIN}")
}

/// The e-mail address of clinician `m` (counting from 1).
pub fn clinician_email(m: u32) -> String {
    format!("clinician{m}@{DOMAIN}")
}

/// The TOTP secret (base32) of a seeded staff account: derived from its e-mail address, so a
/// load tool can compute sign-in codes without reading the database. Seeded data is for
/// benchmarks only; a secret anyone can derive protects nothing.
pub fn totp_secret_for(email: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("rapport seed totp v1\n{email}").as_bytes());
    totp_rs::Secret::Raw(digest[..20].to_vec())
        .to_encoded()
        .to_string()
}

/// Where the seeded people live (check-in days and times are theirs).
pub(super) const ZONES: [&str; 5] = [
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "Europe/London",
];

pub(super) const FIRST: [&str; 48] = [
    "Alex", "Sam", "Jordan", "Riley", "Casey", "Taylor", "Morgan", "Jamie", "Avery", "Quinn",
    "Rowan", "Skyler", "Harper", "Emerson", "Finley", "Hayden", "Reese", "Parker", "Dakota",
    "Charlie", "Elliot", "Sage", "Robin", "Kai", "Noor", "Amara", "Mateo", "Lucia", "Ines",
    "Tomas", "Yara", "Omar", "Leila", "Hana", "Kenji", "Mei", "Arjun", "Priya", "Kofi", "Ama",
    "Sofia", "Lars", "Ingrid", "Mirela", "Dmitri", "Aiyana", "Tariq", "Zanele",
];

pub(super) const LAST: [&str; 48] = [
    "Morgan",
    "Patel",
    "Lee",
    "Chen",
    "Novak",
    "Brooks",
    "Garcia",
    "Okafor",
    "Reyes",
    "Nguyen",
    "Kim",
    "Silva",
    "Kowalski",
    "Haddad",
    "Mensah",
    "Lindqvist",
    "Ruiz",
    "Schmidt",
    "Rossi",
    "Dubois",
    "Tanaka",
    "Sato",
    "Ivanova",
    "Andersen",
    "Murphy",
    "O'Brien",
    "Walsh",
    "Cohen",
    "Fischer",
    "Moreau",
    "Santos",
    "Costa",
    "Yilmaz",
    "Demir",
    "Ali",
    "Khan",
    "Singh",
    "Das",
    "Abara",
    "Adeyemi",
    "Nakamura",
    "Horvat",
    "Popescu",
    "Jensen",
    "Larsen",
    "Bianchi",
    "Ortiz",
    "Ward",
];

/// A name from the lists, picked by `h`.
fn name(h: u64) -> String {
    let first = FIRST[(h % FIRST.len() as u64) as usize];
    let last = LAST[((h >> 20) % LAST.len() as u64) as usize];
    format!("{first} {last}")
}

/// A staff account as the seed writes it and the load tool signs in with.
#[derive(Debug, Clone)]
pub struct StaffLogin {
    pub role: Role,
    pub email: String,
    pub totp_secret: String,
}

/// The administrator and the clinicians, with their rows.
pub(super) struct Staff {
    pub admin: Uuid,
    pub clinicians: Vec<Uuid>,
    pub logins: Vec<StaffLogin>,
    pub users: Vec<UserRow>,
    pub profiles: Vec<ClinicianProfileRow>,
    pub approaches: Vec<ApproachRow>,
}

const STAFF_TIMEZONE: &str = "America/Chicago";

/// Staff accounts, created `since` (a month before the first episode).
pub(super) fn staff(clinicians: u32, since: DateTime<Utc>, password_hash: &str) -> Result<Staff> {
    let mut s = Staff {
        admin: Uuid::nil(),
        clinicians: Vec::with_capacity(clinicians as usize),
        logins: Vec::with_capacity(clinicians as usize + 1),
        users: Vec::with_capacity(clinicians as usize + 1),
        profiles: Vec::with_capacity(clinicians as usize),
        approaches: Vec::with_capacity(2 * clinicians as usize),
    };
    for m in 0..=clinicians {
        let (role, email, full_name) = if m == 0 {
            (
                Role::Admin,
                ADMIN_EMAIL.to_string(),
                "Seed Administrator".to_string(),
            )
        } else {
            let credential = Credential::ALL[(m as usize - 1) % Credential::ALL.len()];
            let n = name(mix(7, u64::from(m), 0));
            let full = match credential {
                Credential::Md | Credential::Phd | Credential::Psyd | Credential::Do => {
                    format!("Dr. {n}")
                }
                other => format!("{n}, {}", other.as_str().to_uppercase()),
            };
            (Role::Clinician, clinician_email(m), full)
        };
        let email = Email::parse(&email)?.into_string();
        let full_name = PersonName::parse(&full_name)?.into_string();
        let created = since + Duration::minutes(i64::from(m));
        let id = id_at(created, 1, u64::from(m), 0);
        let secret = totp_secret_for(&email);
        s.users.push(UserRow {
            id,
            email: email.clone(),
            name: full_name,
            role: role.as_str(),
            password_hash: password_hash.to_string(),
            totp_secret: Some(secret.clone()),
            totp_enrolled_at: Some(created + Duration::minutes(5)),
            timezone: STAFF_TIMEZONE,
            created_at: created,
        });
        s.logins.push(StaffLogin {
            role,
            email,
            totp_secret: secret,
        });
        if m == 0 {
            s.admin = id;
            continue;
        }
        let credential = Credential::ALL[(m as usize - 1) % Credential::ALL.len()];
        s.profiles.push(ClinicianProfileRow {
            user_id: id,
            credential: credential.as_str(),
            license_number: Some(format!("SEED-{m:06}")),
            license_region: Some("IL".into()),
            bio: None,
            accepting_clients: true,
        });
        let a = Approach::ALL.len();
        for k in [m as usize % a, (m as usize + 3) % a] {
            s.approaches.push(ApproachRow {
                clinician_id: id,
                approach: Approach::ALL[k].as_str(),
            });
        }
        s.clinicians.push(id);
    }
    Ok(s)
}

/// One client and how their year goes. Everything follows from the client's number.
#[derive(Debug, Clone)]
pub(super) struct Plan {
    pub n: u32,
    pub id: Uuid,
    pub clinician: Uuid,
    pub episode: Uuid,
    pub zone: usize,
    /// PHQ-9 total at the start, where the course levels off, and after how many weeks.
    pub baseline: u8,
    pub target: u8,
    pub weeks: u8,
    /// The day (0–6) of the first PHQ-9; one a week from then on.
    pub phq_offset: u8,
    /// Local minutes after midnight of the PHQ-9 and of the check-in.
    pub phq_minute: u16,
    pub checkin_minute: u16,
    /// Percent of days with a check-in.
    pub adherence: u8,
    pub medicated: bool,
    /// Usual sleep in quarter hours.
    pub sleep_base: u8,
    /// How strongly each of items 1–8 carries the client's symptoms.
    pub weights: [u8; 8],
}

impl Plan {
    pub(super) fn new(n: u32, clinician: Uuid) -> Plan {
        let h = |purpose: u64| mix(2, u64::from(n), purpose);
        let baseline = 10 + (h(1) % 13) as u8; // 10–22
        let kind = h(2) % 100;
        let (target, weeks) = if kind < 55 {
            // Responds: into remission or the mild band.
            (2 + (h(3) % 6) as u8, 10 + (h(4) % 15) as u8)
        } else if kind < 80 {
            // Partly.
            ((8 + (h(3) % 5) as u8).min(baseline), 12 + (h(4) % 19) as u8)
        } else if kind < 95 {
            // Hardly.
            (baseline - (h(3) % 4) as u8, 8 + (h(4) % 10) as u8)
        } else {
            // Worse.
            ((baseline + 3).min(24), 8 + (h(4) % 13) as u8)
        };
        let mut weights = [1u8; 8];
        for (i, w) in weights.iter_mut().enumerate() {
            *w = 1 + (h(10 + i as u64) % 4) as u8;
        }
        Plan {
            n,
            id: Uuid::nil(),
            clinician,
            episode: Uuid::nil(),
            zone: (h(5) % ZONES.len() as u64) as usize,
            baseline,
            target,
            weeks,
            phq_offset: (h(6) % 7) as u8,
            phq_minute: 9 * 60 + (h(7) % (12 * 60)) as u16,
            checkin_minute: 18 * 60 + (h(8) % (5 * 60)) as u16,
            adherence: 72 + (h(9) % 27) as u8,
            medicated: h(20) % 100 < 40,
            sleep_base: 26 + (h(21) % 9) as u8,
            weights,
        }
    }

    /// The PHQ-9 total the course passes through on `day` of the episode.
    pub(super) fn course(&self, day: u32) -> f32 {
        let week = day as f32 / 7.0;
        let weeks = f32::from(self.weeks.max(1));
        let (b, t) = (f32::from(self.baseline), f32::from(self.target));
        if week >= weeks {
            t
        } else {
            b + (t - b) * week / weeks
        }
    }
}

/// The rows that make a client a client of the practice.
#[derive(Default)]
pub(super) struct Accounts {
    pub users: Vec<UserRow>,
    pub profiles: Vec<ClientProfileRow>,
    pub consents: Vec<Consent>,
    pub care_teams: Vec<Membership>,
    pub episodes: Vec<Episode>,
    pub events: Vec<EpisodeEvent>,
    pub schedules: Vec<Schedule>,
}

/// When things happen around the start of the clients' episodes.
pub(super) struct Start {
    /// Midnight UTC of the first day of every episode (a calendar date, the same everywhere).
    pub midnight: DateTime<Utc>,
    /// UTC offset (local − UTC, seconds) of each zone on that date.
    pub offsets: [i64; ZONES.len()],
    pub clients: u32,
}

/// The accounts of one block of clients (`plans` fill in their ids), joining over the six
/// days before the episodes start, in number order.
pub(super) fn clients(
    plans: &mut [Plan],
    start: &Start,
    admin: Uuid,
    password_hash: &str,
) -> Result<Accounts> {
    let mut a = Accounts::default();
    let spread = Duration::days(6).num_milliseconds() / i64::from(start.clients.max(1));
    for p in plans.iter_mut() {
        let n = u64::from(p.n);
        let joined = start.midnight - Duration::days(7)
            + Duration::milliseconds(spread.max(1) * i64::from(p.n));
        let id = id_at(joined, 3, n, 0);
        p.id = id;
        let email = Email::parse(&client_email(p.n + 1))?.into_string();
        let full_name = PersonName::parse(&name(mix(4, n, 0)))?.into_string();
        a.users.push(UserRow {
            id,
            email,
            name: full_name,
            role: Role::Client.as_str(),
            password_hash: password_hash.to_string(),
            totp_secret: None,
            totp_enrolled_at: None,
            timezone: ZONES[p.zone],
            created_at: joined,
        });
        let born = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or_default()
            + Duration::days((mix(5, n, 0) % (55 * 365)) as i64);
        a.profiles.push(ClientProfileRow {
            user_id: id,
            date_of_birth: Some(born),
            emergency_contact: None,
            created_at: joined,
        });
        a.consents.push(Consent {
            id: id_at(joined, 4, n, 0),
            client_id: id,
            kind: "data_processing".into(),
            grantee_id: None,
            scope: None,
            text_version: rapport_app::accounts::DATA_CONSENT_VERSION.into(),
            granted_at: joined,
            revoked_at: None,
        });
        let assigned = joined + Duration::hours(12);
        a.care_teams.push(Membership {
            id: id_at(assigned, 5, n, 0),
            client_id: id,
            clinician_id: p.clinician,
            role: CareTeamRole::PrimaryTherapist.as_str().into(),
            started_at: assigned,
            ended_at: None,
            added_by: Some(admin),
        });
        // 08:00–08:59 where the client lives, on the first day.
        let local = start.midnight + Duration::minutes(8 * 60 + i64::from(p.n % 60));
        let started = local - Duration::seconds(start.offsets[p.zone]);
        let episode = id_at(started, 6, n, 0);
        p.episode = episode;
        let active = EpisodeState::Active;
        a.episodes.push(Episode {
            id: episode,
            client_id: id,
            state: active.as_str().into(),
            started_at: started,
            discharged_at: None,
            closed_at: None,
            opened_by: Some(p.clinician),
            sweep_slot: Some(rapport_store::episodes::sweep_slot(id)),
        });
        a.events.push(EpisodeEvent {
            id: id_at(started, 7, n, 0),
            episode_id: episode,
            at: started,
            by: p.clinician,
            from_state: None,
            to_state: active.as_str().into(),
            reason: None,
        });
        for (instrument, every_days, before_session) in [
            ("phq9", active.phq9_every_days().unwrap_or(7), true),
            ("checkin", 1, false),
        ] {
            a.schedules.push(Schedule {
                client_id: id,
                instrument: instrument.into(),
                every_days,
                before_session,
                set_by: Some(p.clinician),
                updated_at: started,
            });
        }
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totp_secrets_are_fixed_per_address_and_usable() {
        let a = totp_secret_for("clinician1@seed.rapport.test");
        assert_eq!(a, totp_secret_for("clinician1@seed.rapport.test"));
        assert_ne!(a, totp_secret_for("clinician2@seed.rapport.test"));
        assert_eq!(a.len(), 32);
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 23, 9, 0, 0).unwrap();
        let code = rapport_app::accounts::totp::code_at(&a, now).unwrap();
        assert!(
            rapport_app::accounts::totp::check(&a, &code, now, 0)
                .unwrap()
                .is_some()
        );
    }

    #[test]
    fn courses_stay_in_range() {
        for n in 0..2_000 {
            let p = Plan::new(n, Uuid::nil());
            assert!((10..=22).contains(&p.baseline));
            assert!(p.target <= 24);
            for day in [0, 30, 100, 365, 3650] {
                let c = p.course(day);
                assert!((0.0..=24.0).contains(&c), "{n} {day} {c}");
            }
            assert_eq!(p.course(0), f32::from(p.baseline));
        }
    }
}
