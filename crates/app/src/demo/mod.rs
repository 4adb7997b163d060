//! The demo practice: an administrator, three clinicians of different credentials and
//! approaches, and twenty clients on their care teams, with a year of history. Only
//! `rapport demo` calls this; nothing here exists outside a demo.

use chrono::Duration;
use rapport_core::accounts::{Approach, CareTeamRole, Credential, Role};
use rapport_store::accounts::{profiles, users};
use rapport_store::care_teams::{self, Membership};
use rapport_store::consents::{self, Consent};

use crate::accounts::{passwords, totp};
use crate::audit_log::{Entry, record};
use crate::{App, Result};

/// The password of every demo account (printed by `rapport demo`, shown on its sign-in page).
pub const DEMO_PASSWORD: &str = "demo-password-2026";

/// A demo sign-in, as printed and shown on the demo's sign-in page.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub role: Role,
    pub name: String,
    pub email: String,
    pub totp_secret: Option<String>,
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

const CLIENTS: [&str; 20] = [
    "Alex Morgan",
    "Sam Patel",
    "Jordan Lee",
    "Riley Chen",
    "Casey Novak",
    "Taylor Brooks",
    "Jamie Ortiz",
    "Morgan Ellis",
    "Avery Kim",
    "Quinn Harper",
    "Rowan Fischer",
    "Skyler Adams",
    "Elena García",
    "Noah Williams",
    "Fatima Hassan",
    "Liam O'Connor",
    "Grace Mensah",
    "Hiro Tanaka",
    "Isabel Costa",
    "Marcus Johnson",
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

/// Fills an empty database with the demo practice and returns its sign-ins.
pub async fn seed(app: &App) -> Result<Vec<DemoAccount>> {
    let hash = passwords::hash(DEMO_PASSWORD.to_string()).await?;
    let now = app.now();
    let year_ago = now - Duration::days(365);
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
    let mut clinician_ids = Vec::new();
    for cl in &CLINICIANS {
        admins.push(staff(Role::Clinician, cl.name, cl.email));
    }
    for (i, a) in admins.iter().enumerate() {
        let id = app.new_id();
        users::insert(
            c,
            tx.keys(),
            users::NewUser {
                id,
                email: &a.email,
                name: &a.name,
                role: a.role.as_str(),
                password_hash: &hash,
                timezone: "America/Chicago",
                now: year_ago - Duration::days(30),
            },
        )
        .await?;
        if let Some(secret) = &a.totp_secret {
            users::set_pending_totp(c, tx.keys(), id, secret).await?;
            users::confirm_totp(c, id, year_ago - Duration::days(30), 0).await?;
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
            clinician_ids.push(id);
        }
    }
    accounts.extend(admins);

    for (i, name) in CLIENTS.iter().enumerate() {
        let id = app.new_id();
        let email = email_of(name);
        let joined = year_ago + Duration::days((i as i64 * 17) % 300);
        users::insert(
            c,
            tx.keys(),
            users::NewUser {
                id,
                email: &email,
                name,
                role: Role::Client.as_str(),
                password_hash: &hash,
                timezone: "America/Chicago",
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
        let therapist = clinician_ids[i % 2];
        care_teams::add(
            c,
            Membership {
                id: app.new_id(),
                client_id: id,
                clinician_id: therapist,
                role: CareTeamRole::PrimaryTherapist.as_str().into(),
                started_at: joined + Duration::days(3),
                ended_at: None,
                added_by: None,
            },
        )
        .await?;
        // Every third client also sees the psychiatrist for medication.
        if i % 3 == 0 {
            care_teams::add(
                c,
                Membership {
                    id: app.new_id(),
                    client_id: id,
                    clinician_id: clinician_ids[2],
                    role: CareTeamRole::Psychiatrist.as_str().into(),
                    started_at: joined + Duration::days(10),
                    ended_at: None,
                    added_by: None,
                },
            )
            .await?;
        }
        accounts.push(DemoAccount {
            role: Role::Client,
            name: name.to_string(),
            email,
            totp_secret: None,
        });
    }
    let mut e = Entry::ok("demo.seeded");
    e.detail = Some("demo practice created".into());
    record(app, &tx, None, None, e).await?;
    tx.commit().await?;
    Ok(accounts)
}
