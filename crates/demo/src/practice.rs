//! The demo practice itself: an administrator, three clinicians of different credentials and
//! approaches, and twenty clients on their care teams, each joining a few days before their
//! treatment starts.

use chrono::{DateTime, Duration, Utc};
use rapport_app::accounts::{DATA_CONSENT_VERSION, passwords, totp};
use rapport_app::audit_log::Entry;
use rapport_app::clock::ManualClock;
use rapport_app::{Actor, App, Error, Result, bulk, triage};
use rapport_core::accounts::{Approach, CareTeamRole, Credential, Role};
use rapport_store::bulk::{
    ApproachRow, ClientProfileRow, ClinicianProfileRow, LoaderOptions, UserRow,
};
use rapport_store::care_teams::Membership;
use rapport_store::consents::Consent;
use rapport_store::therapists::{ProfileRow, Verification};
use uuid::Uuid;

use super::DemoAccount;
use super::clients::{PROFILES, sees_psychiatrist};

/// The time zone of every demo account.
pub(super) const TIMEZONE: &str = "America/Chicago";

/// Staff accounts exist this long before today (a month before the first client).
const STAFF_DAYS_AGO: i64 = 395;

/// A clinician of the practice, as the replay signs them in.
#[derive(Debug, Clone)]
pub(super) struct Staff {
    pub id: Uuid,
    pub name: &'static str,
}

/// A client of the practice and their care team.
#[derive(Debug, Clone)]
pub(super) struct Seat {
    pub id: Uuid,
    pub name: &'static str,
    pub therapist: Staff,
    pub psychiatrist: Option<Staff>,
}

/// What [`create`] made.
pub(super) struct Practice {
    pub accounts: Vec<DemoAccount>,
    /// In the order of [`PROFILES`].
    pub clients: Vec<Seat>,
    /// The administrator (issue 16: the on-call rota is theirs to set).
    pub admin: Option<Actor>,
    /// The practice's clinicians, in the order of [`CLINICIANS`].
    pub clinicians: Vec<Staff>,
}

struct Clinician {
    name: &'static str,
    email: &'static str,
    credential: Credential,
    approaches: &'static [Approach],
    bio: &'static str,
}

/// The e-mail address of the first of [`CLINICIANS`] (the practice lead).
pub(super) fn first_clinician_email() -> &'static str {
    CLINICIANS[0].email
}

const CLINICIANS: [Clinician; 3] = [
    Clinician {
        name: "Dr. Maya Okafor",
        email: "maya.okafor@demo.rapport.test",
        credential: Credential::Phd,
        approaches: &[Approach::Cbt, Approach::BehaviouralActivation],
        bio: "Clinical psychologist. Cognitive behavioural therapy and behavioural activation for depression, individual and group.",
    },
    Clinician {
        name: "Daniel Reyes, LCSW",
        email: "daniel.reyes@demo.rapport.test",
        credential: Credential::Lcsw,
        approaches: &[Approach::Interpersonal, Approach::Family],
        bio: "Clinical social worker. Interpersonal therapy and family work; sessions in English and Spanish.",
    },
    Clinician {
        name: "Dr. Priya Natarajan",
        email: "priya.natarajan@demo.rapport.test",
        credential: Credential::Md,
        approaches: &[Approach::Psychodynamic, Approach::CognitiveTherapy],
        bio: "Psychiatrist. Medication alongside psychodynamic and cognitive therapy; treatment-resistant depression.",
    },
];

pub(super) fn email_of(name: &str) -> String {
    let local: String = name
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            'a'..='z' => Some(c),
            'á' | 'à' => Some('a'),
            'é' => Some('e'),
            'í' => Some('i'),
            'ó' => Some('o'),
            ' ' => Some('.'),
            _ => None,
        })
        .collect();
    format!("{local}@demo.rapport.test")
}

/// Loads the accounts, profiles, consents and care teams as they were when each joined (no
/// use-case dates an account in the past; [`rapport_app::bulk`] writes them as rows), then the
/// administrator puts Daniel Reyes on triage duty through the use-case. `now` is the real
/// present; `app` runs on `clock`, which stands before the practice opened and is moved to
/// its opening.
pub(super) async fn create(
    app: &App,
    clock: &ManualClock,
    password: &str,
    now: DateTime<Utc>,
) -> Result<Practice> {
    let hash = passwords::hash(password.to_string()).await?;
    let staff_since = now - Duration::days(STAFF_DAYS_AGO);
    let mut rows = Rows::default();
    let mut accounts = Vec::new();

    let staff = |role: Role, name: &str, email: &str| DemoAccount {
        role,
        name: name.to_string(),
        email: email.to_string(),
        totp_secret: Some(totp::new_secret()),
        practice_lead: false,
    };
    let mut admins = vec![staff(
        Role::Admin,
        "Robin Administrator",
        "admin@demo.rapport.test",
    )];
    let mut clinicians = Vec::new();
    for cl in &CLINICIANS {
        admins.push(staff(Role::Clinician, cl.name, cl.email));
    }
    let mut administrator = None;
    let practice_profiles = super::directory::practice_profiles()?;
    for (i, a) in admins.iter().enumerate() {
        let id = app.new_id();
        if a.role == Role::Admin {
            administrator = Some(Actor {
                user_id: id,
                role: Role::Admin,
                name: a.name.clone(),
                address: None,
            });
        }
        rows.users.push(UserRow {
            id,
            email: a.email.clone(),
            name: a.name.clone(),
            role: a.role.as_str(),
            password_hash: hash.clone(),
            totp_secret: a.totp_secret.clone(),
            totp_enrolled_at: a.totp_secret.as_ref().map(|_| staff_since),
            timezone: TIMEZONE,
            created_at: staff_since,
        });
        if a.role == Role::Clinician {
            let cl = &CLINICIANS[i - 1];
            rows.clinicians.push(ClinicianProfileRow {
                user_id: id,
                credential: cl.credential.as_str(),
                license_number: Some(format!("DEMO-{:05}", 10_000 + i * 731)),
                license_region: Some("IL".to_string()),
                bio: Some(cl.bio.to_string()),
                accepting_clients: true,
            });
            rows.approaches
                .extend(cl.approaches.iter().map(|a| ApproachRow {
                    clinician_id: id,
                    approach: a.as_str(),
                }));
            clinicians.push(Staff { id, name: cl.name });
            if let Some(profile) = practice_profiles.get(i - 1) {
                rows.directory.push(ProfileRow {
                    clinician_id: id,
                    profile: profile.clone(),
                    updated_at: staff_since + Duration::days(1),
                });
            }
        }
    }
    accounts.extend(admins);
    // The directory: the practice's clinicians, checked when the practice opened, and the
    // made-up clinicians of the wider directory.
    let admin_id = administrator
        .as_ref()
        .map(|a| a.user_id)
        .unwrap_or_default();
    for (n, s) in clinicians.iter().enumerate() {
        rows.checks.push(Verification {
            id: app.new_id(),
            clinician_id: s.id,
            licence_number: format!("DEMO-{:05}", 10_000 + (n + 1) * 731),
            issuer: "US-IL".into(),
            checked_on: (staff_since + Duration::days(2)).date_naive(),
            checked_by: admin_id,
            recorded_at: staff_since + Duration::days(2),
        });
    }
    let mut new_id = || app.new_id();
    for l in super::directory::listings(&mut new_id, &hash, TIMEZONE, staff_since, admin_id, now)? {
        rows.users.push(l.user);
        rows.clinicians.push(l.clinician);
        rows.directory.push(l.profile);
        rows.checks.extend(l.check);
    }

    let mut clients = Vec::new();
    for (i, profile) in PROFILES.iter().enumerate() {
        let name = profile.name;
        let id = app.new_id();
        let email = email_of(name);
        // Intake a week before the first questionnaire.
        let joined = now - Duration::days(profile.start_days_ago + 6);
        rows.users.push(UserRow {
            id,
            email: email.clone(),
            name: name.to_string(),
            role: Role::Client.as_str(),
            password_hash: hash.clone(),
            totp_secret: None,
            totp_enrolled_at: None,
            timezone: TIMEZONE,
            created_at: joined,
        });
        rows.profiles.push(ClientProfileRow {
            user_id: id,
            date_of_birth: None,
            emergency_contact: None,
            created_at: joined,
        });
        rows.consents.push(Consent {
            id: app.new_id(),
            client_id: id,
            kind: "data_processing".into(),
            grantee_id: None,
            scope: None,
            text_version: DATA_CONSENT_VERSION.into(),
            granted_at: joined,
            revoked_at: None,
        });
        let (Some(therapist), Some(psychiatrist)) = (clinicians.get(i % 2), clinicians.get(2))
        else {
            return Err(Error::Internal(
                "the demo practice needs three clinicians".into(),
            ));
        };
        rows.teams.push(Membership {
            id: app.new_id(),
            client_id: id,
            clinician_id: therapist.id,
            role: CareTeamRole::PrimaryTherapist.as_str().into(),
            started_at: joined + Duration::days(3),
            ended_at: None,
            added_by: None,
        });
        // Every third client also sees the psychiatrist for medication.
        let psychiatrist = if sees_psychiatrist(i) {
            rows.teams.push(Membership {
                id: app.new_id(),
                client_id: id,
                clinician_id: psychiatrist.id,
                role: CareTeamRole::Psychiatrist.as_str().into(),
                started_at: joined + Duration::days(10),
                ended_at: None,
                added_by: None,
            });
            Some(psychiatrist.clone())
        } else {
            None
        };
        clients.push(Seat {
            id,
            name,
            therapist: therapist.clone(),
            psychiatrist,
        });
        accounts.push(DemoAccount {
            role: Role::Client,
            name: name.to_string(),
            email,
            totp_secret: None,
            practice_lead: false,
        });
    }
    rows.load(app, accounts.len()).await?;

    // Daniel Reyes is on triage duty: he sees the alerts of new clients until someone takes
    // them on. The administrator put him there when the practice opened.
    if let (Some(admin), Some(daniel)) = (&administrator, clinicians.get(1)) {
        super::history::move_to(clock, staff_since);
        triage::set_duty(app, admin, &[daniel.id]).await?;
    }
    Ok(Practice {
        accounts,
        clients,
        admin: administrator,
        clinicians,
    })
}

/// The practice's rows, by table.
#[derive(Default)]
struct Rows {
    users: Vec<UserRow>,
    clinicians: Vec<ClinicianProfileRow>,
    approaches: Vec<ApproachRow>,
    profiles: Vec<ClientProfileRow>,
    consents: Vec<Consent>,
    teams: Vec<Membership>,
    directory: Vec<ProfileRow>,
    checks: Vec<Verification>,
}

impl Rows {
    /// Writes them in one transaction (each table after those it refers to).
    async fn load(self, app: &App, accounts: usize) -> Result<()> {
        let mut load = bulk::open(app, &LoaderOptions::default()).await?;
        let written = async {
            load.write(self.users).await?;
            load.write(self.clinicians).await?;
            load.write(self.approaches).await?;
            load.write(self.profiles).await?;
            load.write(self.consents).await?;
            load.write(self.teams).await?;
            load.write(self.directory).await?;
            load.write(self.checks).await
        }
        .await;
        if let Err(e) = written {
            let _ = load.abort().await;
            return Err(e);
        }
        let mut e = Entry::ok("demo.accounts_loaded");
        e.detail = Some(format!("{accounts} demo accounts"));
        load.finish(e).await?;
        Ok(())
    }
}
