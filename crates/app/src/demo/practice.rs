//! The demo practice itself: an administrator, three clinicians of different credentials and
//! approaches, and twenty clients on their care teams, each joining a few days before their
//! treatment starts.

use chrono::{DateTime, Duration, Utc};
use rapport_core::accounts::{Approach, CareTeamRole, Credential, Role};
use rapport_store::accounts::{profiles, users};
use rapport_store::care_teams::{self, Membership};
use rapport_store::consents::{self, Consent};
use uuid::Uuid;

use super::DemoAccount;
use super::clients::{PROFILES, sees_psychiatrist};
use crate::accounts::{passwords, totp};
use crate::{App, Result};

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
}

struct Clinician {
    name: &'static str,
    email: &'static str,
    credential: Credential,
    approaches: &'static [Approach],
    bio: &'static str,
}

const CLINICIANS: [Clinician; 3] = [
    Clinician {
        name: "Dr. Maya Okafor",
        email: "maya.okafor@demo.rapport.test",
        credential: Credential::PhD,
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

fn email_of(name: &str) -> String {
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

/// Creates the accounts, profiles, consents and care teams in one transaction. `now` is the
/// real present; the rows carry dates in the past year.
pub(super) async fn create(app: &App, password: &str, now: DateTime<Utc>) -> Result<Practice> {
    let hash = passwords::hash(password.to_string()).await?;
    let staff_since = now - Duration::days(STAFF_DAYS_AGO);
    let tx = app.db.write().await?;
    let c = tx.conn();
    let mut accounts = Vec::new();

    let staff = |role: Role, name: &str, email: &str| DemoAccount {
        role,
        name: name.to_string(),
        email: email.to_string(),
        totp_secret: Some(totp::new_secret()),
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
    let mut admin_id = None;
    for (i, a) in admins.iter().enumerate() {
        let id = app.new_id();
        if a.role == Role::Admin {
            admin_id = Some(id);
        }
        users::insert(
            c,
            tx.keys(),
            users::NewUser {
                id,
                email: &a.email,
                name: &a.name,
                role: a.role.as_str(),
                password_hash: &hash,
                timezone: TIMEZONE,
                now: staff_since,
            },
        )
        .await?;
        if let Some(secret) = &a.totp_secret {
            users::set_pending_totp(c, tx.keys(), id, secret).await?;
            users::confirm_totp(c, id, staff_since, 0).await?;
        }
        if a.role == Role::Clinician {
            let cl = &CLINICIANS[i - 1];
            profiles::upsert_clinician(
                c,
                &profiles::ClinicianProfile {
                    user_id: id,
                    credential: cl.credential.as_str().to_string(),
                    license_number: Some(format!("DEMO-{:05}", 10_000 + i * 731)),
                    license_region: Some("IL".to_string()),
                    bio: Some(cl.bio.to_string()),
                    accepting_clients: true,
                    approaches: cl
                        .approaches
                        .iter()
                        .map(|a| a.as_str().to_string())
                        .collect(),
                },
            )
            .await?;
            clinicians.push(Staff { id, name: cl.name });
        }
    }
    accounts.extend(admins);
    // Daniel Reyes is on triage duty: he sees the alerts of new clients until someone takes
    // them on. The administrator put him there when the practice opened.
    if let (Some(admin), Some(daniel)) = (admin_id, clinicians.get(1)) {
        rapport_store::triage::replace(c, &[daniel.id], admin, staff_since).await?;
    }

    let mut clients = Vec::new();
    for (i, profile) in PROFILES.iter().enumerate() {
        let name = profile.name;
        let id = app.new_id();
        let email = email_of(name);
        // Intake a week before the first questionnaire.
        let joined = now - Duration::days(profile.start_days_ago + 6);
        users::insert(
            c,
            tx.keys(),
            users::NewUser {
                id,
                email: &email,
                name,
                role: Role::Client.as_str(),
                password_hash: &hash,
                timezone: TIMEZONE,
                now: joined,
            },
        )
        .await?;
        profiles::upsert_client(
            c,
            tx.keys(),
            &profiles::ClientProfile {
                user_id: id,
                date_of_birth: None,
                emergency_contact: None,
            },
            joined,
        )
        .await?;
        consents::grant(
            c,
            Consent {
                id: app.new_id(),
                client_id: id,
                kind: "data_processing".into(),
                grantee_id: None,
                scope: None,
                text_version: crate::accounts::DATA_CONSENT_VERSION.into(),
                granted_at: joined,
                revoked_at: None,
            },
        )
        .await?;
        let (Some(therapist), Some(psychiatrist)) = (clinicians.get(i % 2), clinicians.get(2))
        else {
            return Err(crate::Error::Internal(
                "the demo practice needs three clinicians".into(),
            ));
        };
        care_teams::add(
            c,
            Membership {
                id: app.new_id(),
                client_id: id,
                clinician_id: therapist.id,
                role: CareTeamRole::PrimaryTherapist.as_str().into(),
                started_at: joined + Duration::days(3),
                ended_at: None,
                added_by: None,
            },
        )
        .await?;
        // Every third client also sees the psychiatrist for medication.
        let psychiatrist = if sees_psychiatrist(i) {
            care_teams::add(
                c,
                Membership {
                    id: app.new_id(),
                    client_id: id,
                    clinician_id: psychiatrist.id,
                    role: CareTeamRole::Psychiatrist.as_str().into(),
                    started_at: joined + Duration::days(10),
                    ended_at: None,
                    added_by: None,
                },
            )
            .await?;
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
        });
    }
    tx.commit().await?;
    Ok(Practice { accounts, clients })
}
