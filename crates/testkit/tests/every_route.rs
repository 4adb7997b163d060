//! Every route of the router, as every kind of person, against one practice, judged by the
//! policy table: nothing answers more than the table lets that person see. And the OpenAPI
//! document describes exactly the router's `/api/` routes.
//!
//! The routes are read from the web crate's source at test time (every `.route("…", …)` in
//! `crates/web/src`), so a new route is walked without anyone adding it here; a path parameter
//! this file does not know how to fill fails the test until it is taught.
//!
//! The practice: Annika and Bertil are clients; Lena is on Annika's care team, Kofi on
//! Bertil's, Gwen on both (she leads a group session with both of them, and a therapy group
//! both joined), Nia on neither; Cyra is a client with no care team, watched by Tomas on triage
//! duty; Sam is the administrator. Each client has a PHQ-9 (with an item 9 above 0, so a
//! safety flag), a goal, a safety plan, a check-in note, a medication list confirmed from the
//! intake, a FIBSER and a night of the sleep diary; Annika and Bertil also have an
//! individual session moved with a reason and a private request for another time in the
//! group, and Annika a family session; each client has asked Oona (a clinician who does not ask
//! here) for a consultation. Every sealed text of a client carries that client's secret word
//! (Fenna's observation about Annika too). Annika's family: Fenna holds all five of her scopes,
//! and Hedda, Wim, Saskia, Floris and Otto one scope each; an invitation of Annika's to Pim is
//! waiting. Ivo opened Annika's record in an emergency over an hour ago (his hour is over), Ezra
//! has just opened it; every client's safety flag went unacknowledged past the practice's 30
//! minutes and was escalated to Olu, on call; Rosa is practice lead (on no care team). Lena
//! wrote a psychotherapy note on Annika's session, and Ezra and Ivo gave reasons: each carries
//! a marker word that only its readers may see (the note: Lena; a reason: its clinician,
//! Annika, her care team and the practice lead — never the administrator).
//!
//! For each answer the policy decides (`policy::decide` with the relation the person has to
//! each client, for `ReadClientRecord`, or for a family member the action the route serves):
//! - nobody gets a 5xx;
//! - a client's secret word reaches only those who may read the client's record, and a family
//!   member through a route serving a scope the client granted (`family_action`: the
//!   `/family/people/{client_id}/…` pages and endpoints, judged by that scope's row of the
//!   policy table); their name and e-mail reach only those who may read the record and the
//!   administrator (who manages accounts); their id also the family members they share with;
//! - a GET about a client's record (its path names the client, their result, their session…)
//!   by someone who may read none of its clients is not a 2xx;
//! - a POST, PUT or DELETE about such a record by such a person, with a body that is well formed
//!   for it (`probe_fields`), is refused (401, 403 or 404, or a page's redirect to sign in) and
//!   changes nothing; non-administrators are refused on the administration routes;
//! - a marker word reaches only its readers; the practice lead sees Annika's name and id only
//!   where she reviews the emergency openings (and the notices about them);
//! - an emergency reader changes nothing (the opening is read-only), and after the hour reads
//!   nothing either;
//! - the practice lead's outcome report covers the whole practice (and any clinician's
//!   clients), another clinician's only their own.
//!
//! Changes by those the policy allows are not sent: the practice stays as it was for every
//! request. A group session counts as the record of both members, the family session as
//! Annika's.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::Path;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use chrono::Duration;
use rapport_app::accounts::{self, totp};
use rapport_app::care_teams::assign;
use rapport_app::goals::{NewGoal, set_goal};
use rapport_app::homework::{NewAssignment, save_entry, start_own};
use rapport_app::measures::{NewCheckin, submit_checkin, submit_measure};
use rapport_app::plans::save_safety_plan;
use rapport_app::policy::{Action, Relation, decide};
use rapport_app::sessions::{NewSessions, ask_for_another_time, reschedule, schedule};
use rapport_app::{App, Config};
use rapport_core::accounts::{CareTeamRole, Role};
use rapport_core::intake::{Intake, Medicine};
use rapport_store::Backend;
use rapport_testkit::asserts::{encode, local};
use rapport_testkit::{ADDRESS, PASSWORD, Staff, TestDb, both_backends, client, staff};
use rapport_web::{AppState, CrisisResources, WebConfig};
use tower::ServiceExt;
use uuid::Uuid;

/// A double-submit CSRF token: the same value in the cookie and the form.
const CSRF: &str = "every-route-csrf-token-every-route-csrf-token";

/// One client of the practice and everything of theirs a path can name.
struct Record {
    name: &'static str,
    email: &'static str,
    /// Placed in every sealed text of theirs.
    secret: &'static str,
    id: Uuid,
    /// The clinician on their care team alone (for Cyra, the one on triage duty).
    clinician: Uuid,
    measure: Uuid,
    flag: Uuid,
    goal: Uuid,
    /// An exercise with a draft entry (assigned by their clinician; Cyra started hers).
    homework: Uuid,
    /// Their individual session (Cyra has none: nobody may schedule one for her).
    session: Option<Uuid>,
    /// Their request for another time for the group session (Cyra is not in it).
    request: Option<Uuid>,
    /// Their request for a consultation, addressed to Oona (a clinician none of the people
    /// who ask here is: nobody in the walk may answer it).
    consultation: Uuid,
}

/// Who asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    /// Client 0 or 1.
    Client(usize),
    /// A clinician on the care teams of these clients.
    Clinician(&'static str, [bool; 2]),
    /// A clinician on triage duty (Cyra, client 2, has no care team).
    Triage(&'static str),
    Admin,
    /// A family member of Annika's holding one of her scopes (its word in the API), or, for
    /// Fenna (`None`), all five.
    Family(&'static str, Option<&'static str>),
    /// A clinician with no tie who opened Annika's record in an emergency: within the hour,
    /// or (`true`) an opening whose hour is over.
    Emergency(&'static str, bool),
    /// The clinician on call, whom every client's unacknowledged safety flag was escalated to.
    OnCall(&'static str),
    /// A clinician the administrator made practice lead, on no care team.
    Lead(&'static str),
}

struct Person {
    who: Who,
    role: Option<Role>,
    cookie: Option<String>,
    token: Option<String>,
}

struct Practice {
    records: Vec<Record>,
    group: Uuid,
    family: Uuid,
    /// Gwen's therapy group: Annika joined showing her first name, Bertil hiding his.
    programme: Uuid,
    /// Fenna's user id (`/family/members/{id}`) and Annika's invitation still waiting
    /// (`/family/invitations/{id}`).
    family_member: Uuid,
    invitation: Uuid,
    /// Fenna's observation about Annika (`/api/v1/observations/{id}`), its note carrying
    /// Annika's secret word.
    observation: Uuid,
    people: Vec<Person>,
    router: axum::Router,
    /// Each client's first notice ("someone joined your care team"; Cyra has none):
    /// `/notifications/{id}/…`, theirs alone.
    notices: Vec<Option<Uuid>>,
}

fn session_of(clients: Vec<Uuid>, kind: &str, first: &str) -> NewSessions {
    NewSessions {
        clients,
        kind: kind.into(),
        modality: "in_person".into(),
        place: "Room 4, 2 Larch Close".into(),
        first: Some(local(first)),
        minutes: Some(50),
        weeks: Some(1),
        family: Vec::new(),
        group: None,
    }
}

async fn one(app: &App, by: &Staff, new: NewSessions) -> Uuid {
    schedule(app, &by.actor, new).await.unwrap()[0]
}

/// Annika's family members: name, e-mail, how the walk names them, and the one scope each
/// holds (Fenna, first: all of them).
const FAMILY: [(&str, &str, &str, Option<&str>); 6] = [
    (
        "Fenna Brightwater",
        "fenna@example.org",
        "Fenna (Annika's sister, every scope)",
        None,
    ),
    (
        "Hedda Brightwater",
        "hedda@example.org",
        "Hedda (learning only)",
        Some("learning"),
    ),
    (
        "Wim Brightwater",
        "wim@example.org",
        "Wim (warning_signs only)",
        Some("warning_signs"),
    ),
    (
        "Saskia Brightwater",
        "saskia@example.org",
        "Saskia (safety_plan only)",
        Some("safety_plan"),
    ),
    (
        "Floris Brightwater",
        "floris@example.org",
        "Floris (family_sessions only)",
        Some("family_sessions"),
    ),
    (
        "Otto Brightwater",
        "otto@example.org",
        "Otto (observations only)",
        Some("observations"),
    ),
];

/// Marker words no other text holds: Lena's psychotherapy note on Annika's session, and the
/// reasons Ezra and Ivo gave for opening Annika's record in an emergency.
const PRIVATE_NOTE: &str = "Cindermoor";
const EZRA_REASON: &str = "Wolverhollow";
const IVO_REASON: &str = "Brackenfold";

/// Signs in afresh: a browser session and an API token.
async fn sign_in(
    app: &App,
    clock: &rapport_app::clock::ManualClock,
    email: &str,
    totp: Option<&str>,
) -> (String, String) {
    let step = accounts::check_password(app, email, PASSWORD, ADDRESS)
        .await
        .unwrap();
    let session = match totp {
        None => step.session_secret,
        Some(secret) => {
            let current = accounts::resolve_session(app, &step.session_secret, Some(ADDRESS))
                .await
                .unwrap()
                .unwrap();
            let code = totp::code_at(secret, app.now()).unwrap();
            accounts::second_factor(app, &step.session_secret, &current, &code)
                .await
                .unwrap()
        }
    };
    clock.advance(Duration::seconds(30));
    (session, token(app, clock, email, totp).await)
}

/// A fresh API token (staff answer a code; the clock then moves past it).
async fn token(
    app: &App,
    clock: &rapport_app::clock::ManualClock,
    email: &str,
    totp: Option<&str>,
) -> String {
    let code = totp.map(|s| totp::code_at(s, app.now()).unwrap());
    let login = accounts::api_login(app, email, PASSWORD, code.as_deref(), ADDRESS)
        .await
        .unwrap();
    clock.advance(Duration::seconds(30));
    login.token
}

async fn practice(t: &TestDb) -> Practice {
    let (app, clock) = t.app();
    let router = rapport_web::router(AppState::new(
        App::new(t.db.clone(), clock.clone(), Config::default()),
        WebConfig {
            base_url: "http://localhost".into(),
            crisis: CrisisResources::default(),
            demo_accounts: None,
        },
    ));
    let admin = staff(&app, Role::Admin, "Sam Admin", "sam@clinic.example").await;
    let lena = staff(&app, Role::Clinician, "Lena Okafor", "lena@clinic.example").await;
    let kofi = staff(&app, Role::Clinician, "Kofi Mensah", "kofi@clinic.example").await;
    let gwen = staff(&app, Role::Clinician, "Gwen Talbot", "gwen@clinic.example").await;
    let nia = staff(&app, Role::Clinician, "Nia Castell", "nia@clinic.example").await;
    let tomas = staff(&app, Role::Clinician, "Tomas Reyes", "tomas@clinic.example").await;
    let oona = staff(&app, Role::Clinician, "Oona Pike", "oona@clinic.example").await;
    let ezra = staff(&app, Role::Clinician, "Ezra Vance", "ezra@clinic.example").await;
    let ivo = staff(&app, Role::Clinician, "Ivo Marsh", "ivo@clinic.example").await;
    let olu = staff(&app, Role::Clinician, "Olu Adeyemi", "olu@clinic.example").await;
    let rosa = staff(&app, Role::Clinician, "Rosa Lind", "rosa@clinic.example").await;
    rapport_testkit::list_in_directory(&app, &admin.actor, &oona.actor).await;
    rapport_app::triage::set_duty(&app, &admin.actor, &[tomas.actor.user_id])
        .await
        .unwrap();
    let annika = client(&app, "Annika Sorrowby", "annika@example.org").await;
    let bertil = client(&app, "Bertil Hawkmoor", "bertil@example.org").await;
    let cyra = client(&app, "Cyra Underhill", "cyra@example.org").await;
    for (c, who) in [
        (&annika, &lena),
        (&bertil, &kofi),
        (&annika, &gwen),
        (&bertil, &gwen),
    ] {
        assign(
            &app,
            &admin.actor,
            c.actor.user_id,
            who.actor.user_id,
            CareTeamRole::PrimaryTherapist,
        )
        .await
        .unwrap();
    }
    let group = one(
        &app,
        &gwen,
        session_of(
            vec![annika.actor.user_id, bertil.actor.user_id],
            "group",
            "2026-12-02 18:00",
        ),
    )
    .await;
    let family = one(
        &app,
        &lena,
        session_of(vec![annika.actor.user_id], "family", "2026-12-03 11:00"),
    )
    .await;
    let programme = rapport_app::groups::create(
        &app,
        &gwen.actor,
        rapport_app::groups::NewGroup {
            name: "CBT for depression".into(),
            approach: "cbt".into(),
            capacity: Some(8),
            weeks: Some(8),
            schedule: "Wednesdays 18:00".into(),
            entry_criteria: String::new(),
        },
    )
    .await
    .unwrap()
    .id;
    for (c, show) in [(&annika, true), (&bertil, false)] {
        rapport_app::groups::add_member(&app, &gwen.actor, programme, c.actor.user_id)
            .await
            .unwrap();
        rapport_app::groups::answer(
            &app,
            &c.actor,
            programme,
            rapport_app::groups::Answer::Join {
                show_first_name: show,
            },
        )
        .await
        .unwrap();
    }
    rapport_app::groups::schedule_sessions(
        &app,
        &gwen.actor,
        programme,
        rapport_app::groups::NewGroupSessions {
            first: Some(local("2026-12-09 18:00")),
            minutes: Some(90),
            weeks: Some(1),
            modality: "in_person".into(),
            place: "Room 4, 2 Larch Close".into(),
            allow_overlap: false,
        },
    )
    .await
    .unwrap();

    let mut records = vec![];
    for (c, clinician, name, secret, team) in [
        (&annika, &lena, "Annika Sorrowby", "Quillfeather", true),
        (&bertil, &kofi, "Bertil Hawkmoor", "Marrowgate", true),
        (&cyra, &tomas, "Cyra Underhill", "Thistlewick", false),
    ] {
        let writer = if team { &clinician.actor } else { &c.actor };
        let me = &c.actor;
        let measure = submit_measure(&app, me, "phq9", &[Some(1); 9], None, None)
            .await
            .unwrap()
            .id;
        submit_checkin(
            &app,
            me,
            NewCheckin {
                mood: Some(4),
                sleep_hours: Some(6.0),
                medication: Some("not_prescribed".into()),
                note: Some(format!("Slept badly, thinking of {secret}")),
                ..NewCheckin::default()
            },
            None,
        )
        .await
        .unwrap();
        // The medication list (issue 22), from the intake, with the client's word in it; a
        // FIBSER and a night of the sleep diary beside it.
        let intake = Intake {
            medicines: vec![Medicine {
                name: format!("{secret}ine"),
                dose: "20 mg".into(),
                prescriber: "Dr. Gee".into(),
            }],
            ..Intake::default()
        };
        rapport_app::intake::save_intake(&app, me, me.user_id, intake, false)
            .await
            .unwrap();
        rapport_app::medication::confirm_intake_list(&app, me)
            .await
            .unwrap();
        submit_measure(&app, me, "fibser", &[Some(2), Some(2), Some(1)], None, None)
            .await
            .unwrap();
        rapport_app::sleep::record_night(
            &app,
            me,
            rapport_app::sleep::NewNight {
                day: None,
                bedtime: "23:00".into(),
                minutes_to_fall_asleep: Some(20),
                awake_minutes: Some(10),
                wake_time: "06:30".into(),
                rise_time: "07:00".into(),
            },
        )
        .await
        .unwrap();
        save_safety_plan(
            &app,
            me,
            me.user_id,
            0,
            [
                format!("When I stop answering the phone ({secret})"),
                "Walk to the river".into(),
                "My sister's kitchen".into(),
                "My sister".into(),
                "The crisis line".into(),
                "Give the pills to my sister".into(),
            ],
        )
        .await
        .unwrap();
        let goal = set_goal(
            &app,
            writer,
            me.user_id,
            NewGoal {
                title: format!("Back to the {secret} choir"),
                success: "Singing on Thursdays".into(),
                measured_by: "Weeks sung".into(),
                target_date: None,
            },
        )
        .await
        .unwrap();
        let journal = NewAssignment {
            kind: "journal".into(),
            ..NewAssignment::default()
        };
        let homework = if team {
            rapport_app::homework::assign(&app, writer, me.user_id, journal).await
        } else {
            start_own(&app, me, me.user_id, journal).await
        }
        .unwrap();
        let text = serde_json::json!({"text": format!("A walk past {secret} lane")});
        save_entry(&app, me, homework, None, true, &text)
            .await
            .unwrap();
        let mut session = None;
        let mut request = None;
        if team {
            let id = one(
                &app,
                clinician,
                session_of(vec![me.user_id], "individual", "2026-11-30 10:00"),
            )
            .await;
            reschedule(
                &app,
                &clinician.actor,
                id,
                Some(local("2026-11-30 14:00")),
                &format!("The {secret} appointment moved"),
            )
            .await
            .unwrap();
            request = Some(
                ask_for_another_time(
                    &app,
                    me,
                    group,
                    &format!("Hospital visit about {secret}"),
                    &[local("2026-12-02 10:00")],
                )
                .await
                .unwrap(),
            );
            session = Some(id);
        }
        // A message in the client's thread with their care team (issue 16).
        if team {
            rapport_app::messaging::send(
                &app,
                me,
                me.user_id,
                &format!("A message about {secret}"),
            )
            .await
            .unwrap();
        }
        let consultation = rapport_app::consultations::ask(
            &app,
            me,
            me.user_id,
            rapport_app::consultations::Ask {
                clinician_ids: vec![oona.actor.user_id],
                times: vec!["Weekday evenings".into()],
                message: Some(format!("I was told about {secret} by a friend")),
                ..Default::default()
            },
        )
        .await
        .unwrap()[0]
            .0;
        let flag: Vec<Uuid> = t
            .query(
                "SELECT id FROM flags WHERE client_id = ?",
                vec![me.user_id.into()],
            )
            .await
            .iter()
            .map(|r| r.try_get_by_index::<Uuid>(0).unwrap())
            .collect();
        assert_eq!(flag.len(), 1, "item 9 above 0 raised one flag");
        records.push(Record {
            name,
            email: [
                "annika@example.org",
                "bertil@example.org",
                "cyra@example.org",
            ][records.len()],
            secret,
            id: me.user_id,
            clinician: clinician.actor.user_id,
            measure,
            flag: flag[0],
            goal,
            homework,
            session,
            request,
            consultation,
        });
    }

    // Lena's psychotherapy note on Annika's session: hers alone, not even Gwen's on the same
    // team, nor an emergency reader's.
    rapport_app::notes::save_psychotherapy_note(
        &app,
        &lena.actor,
        records[0].session.unwrap(),
        annika.actor.user_id,
        &format!("My own hunch about {PRIVATE_NOTE}, not for the record"),
    )
    .await
    .unwrap();

    // Rosa leads the practice; Olu is on call; Ivo opened Annika's record in an emergency an
    // hour ago, so every safety flag has waited past the practice's 30 minutes and Ivo's
    // opening is over; Ezra opens it now.
    rapport_app::practice_leads::set(&app, &admin.actor, rosa.actor.user_id, true)
        .await
        .unwrap();
    rapport_app::alerts::on_call::set_on_call(
        &app,
        &admin.actor,
        30,
        &[rapport_app::alerts::on_call::ShiftInput {
            clinician_id: olu.actor.user_id,
            starts_at: app.now(),
            ends_at: app.now() + Duration::days(2),
        }],
    )
    .await
    .unwrap();
    rapport_app::emergency_access::open(
        &app,
        &ivo.actor,
        annika.actor.user_id,
        &format!("Called by the ED about {IVO_REASON}"),
    )
    .await
    .unwrap();
    clock.advance(rapport_app::emergency_access::LASTS + Duration::minutes(1));
    assert_eq!(
        rapport_app::alerts::escalate_due(&app).await.unwrap(),
        3,
        "each client's safety flag is escalated to Olu"
    );
    rapport_app::emergency_access::open(
        &app,
        &ezra.actor,
        annika.actor.user_id,
        &format!("Found confused near {EZRA_REASON}"),
    )
    .await
    .unwrap();

    // Everyone signs in afresh: the hour that passed ended the sessions made above.
    let mut people = vec![Person {
        who: Who::Anonymous,
        role: None,
        cookie: None,
        token: None,
    }];
    for (i, c) in [&annika, &bertil, &cyra].into_iter().enumerate() {
        let (cookie, token) = sign_in(&app, &clock, &c.email, None).await;
        people.push(Person {
            who: Who::Client(i),
            role: Some(Role::Client),
            cookie: Some(cookie),
            token: Some(token),
        });
    }
    for (s, who) in [
        (&lena, Who::Clinician("Lena (Annika's team)", [true, false])),
        (&kofi, Who::Clinician("Kofi (Bertil's team)", [false, true])),
        (&gwen, Who::Clinician("Gwen (both teams)", [true, true])),
        (&nia, Who::Clinician("Nia (neither team)", [false, false])),
        (&tomas, Who::Triage("Tomas (triage duty)")),
        (
            &ezra,
            Who::Emergency("Ezra (emergency access to Annika)", false),
        ),
        (
            &ivo,
            Who::Emergency("Ivo (emergency access to Annika, expired)", true),
        ),
        (&olu, Who::OnCall("Olu (on call, every flag escalated)")),
        (&rosa, Who::Lead("Rosa (practice lead)")),
        (&admin, Who::Admin),
    ] {
        let (cookie, token) = sign_in(&app, &clock, &s.email, Some(&s.totp_secret)).await;
        people.push(Person {
            who,
            role: Some(s.actor.role),
            cookie: Some(cookie),
            token: Some(token),
        });
    }
    // Annika's family: Fenna holds every scope, one more person each single scope; an
    // invitation waits for Pim.
    let all_scopes: Vec<&str> = rapport_core::family::Scope::ALL
        .iter()
        .map(|s| s.as_str())
        .collect();
    let mut single: Vec<&str> = FAMILY.iter().filter_map(|f| f.3).collect();
    let mut every = all_scopes.clone();
    single.sort_unstable();
    every.sort_unstable();
    assert_eq!(
        every, single,
        "a family scope was added or renamed: give it a family member in `FAMILY`"
    );
    let invited = |email: &str, name: &str, scopes: &[&str]| rapport_app::family::NewInvitation {
        email: email.into(),
        name: name.into(),
        relationship: "sister".into(),
        scopes: scopes.iter().map(|s| s.to_string()).collect(),
    };
    let mut fenna = None;
    for (name, email, label, scope) in FAMILY {
        let scopes = scope.map_or(all_scopes.clone(), |s| vec![s]);
        let link = rapport_app::family::invite(
            &app,
            &annika.actor,
            annika.actor.user_id,
            invited(email, name, &scopes),
            "http://localhost",
        )
        .await
        .unwrap();
        let (member, session) = rapport_app::family::sign_up_with_invitation(
            &app,
            accounts::NewClient {
                name,
                email,
                password: PASSWORD,
                timezone: None,
            },
            &link.token,
            ADDRESS,
        )
        .await
        .unwrap();
        people.push(Person {
            who: Who::Family(label, scope),
            role: Some(Role::Family),
            cookie: Some(session),
            token: Some(token(&app, &clock, email, None).await),
        });
        fenna.get_or_insert(member);
    }
    let fenna = fenna.unwrap();
    let observation = rapport_app::observations::report(
        &app,
        &fenna,
        annika.actor.user_id,
        rapport_app::observations::NewObservation {
            warning_signs: vec![],
            note: Some(format!("Quiet at dinner, talking of {}", records[0].secret)),
        },
    )
    .await
    .unwrap()
    .observation
    .id;
    let invitation = rapport_app::family::invite(
        &app,
        &annika.actor,
        annika.actor.user_id,
        invited("pim@example.org", "Pim Brightwater", &all_scopes),
        "http://localhost",
    )
    .await
    .unwrap()
    .id;
    // Sign-ins took a few minutes of test time; the sessions are still ahead.
    let mut notices = Vec::new();
    for r in &records {
        let mine = rapport_store::notifications::of_user(t.db.conn(), r.id, 100)
            .await
            .unwrap();
        notices.push(mine.last().map(|n| n.id));
    }
    Practice {
        records,
        group,
        family,
        programme,
        family_member: fenna.user_id,
        invitation,
        observation,
        people,
        router,
        notices,
    }
}

/// How the person stands to client `x` for `action`, as the door (`access::relation_at`)
/// finds it and the policy table reads it.
fn relation(who: Who, x: usize, action: Action) -> Relation {
    match who {
        Who::Client(c) if c == x => Relation::Itself,
        Who::Clinician(_, teams) if teams.get(x) == Some(&true) => Relation::CareTeam,
        Who::Triage(_) if x == 2 => Relation::Triage,
        Who::OnCall(_) => Relation::OnCall,
        // Opening the record again is asked as unrelated: each opening gives its own reason.
        Who::Emergency(_, false) if x == 0 && action != Action::OpenInEmergency => {
            Relation::Emergency
        }
        Who::Family(_, scope) => Relation::Family {
            consented: x == 0
                && action
                    .family_scope()
                    .is_some_and(|needed| scope.is_none_or(|held| held == needed)),
        },
        _ => Relation::Unrelated,
    }
}

fn allows(p: &Person, action: Action, x: usize) -> bool {
    p.role
        .is_some_and(|role| decide(role, action, relation(p.who, x, action)))
}

fn may_read(p: &Person, x: usize) -> bool {
    allows(p, Action::ReadClientRecord, x)
}

/// The family scope a route serves, if it is one of a family member's pages or endpoints
/// about a client (`/family/people/{client_id}/…`).
fn family_action(route: &str) -> Option<Action> {
    let rest = route
        .strip_prefix("/api/v1")
        .unwrap_or(route)
        .strip_prefix("/family/people/{client_id}/")?;
    Some(match rest.split('/').next()? {
        "learning" => Action::ReadFamilyLearning,
        "warning-signs" => Action::ReadWarningSigns,
        "safety-plan" => Action::ReadSafetyPlan,
        "observations" => Action::ReportObservations,
        _ => return None,
    })
}

/// Whether the person may see client `x`'s record through `route`: by reading the record, or,
/// for a family member, through the scope the route serves (as the policy table says for it).
fn may_see(p: &Person, x: usize, route: &str) -> bool {
    may_read(p, x) || family_action(route).is_some_and(|action| allows(p, action, x))
}

/// Whether the person may change client `x`'s record through `route` (a POST, PUT or DELETE):
/// as [`may_see`], and a family member holding `observations` reports one through the
/// client's observations endpoint (reading it stays the record's: [`may_see`] judges GETs).
/// An emergency opening reads and never writes: such a reader changes nothing but may open
/// the record again.
fn may_change(p: &Person, x: usize, route: &str) -> bool {
    // Emergency access (issue 17): a clinician with no tie opens the record, by design.
    let opens =
        route == "/api/v1/clients/{id}/emergency-access" && allows(p, Action::OpenInEmergency, x);
    if relation(p.who, x, Action::ReadClientRecord) == Relation::Emergency {
        return opens;
    }
    may_see(p, x, route)
        || opens
        || (route == "/api/v1/clients/{id}/observations"
            && allows(p, Action::ReportObservations, x))
}

/// Whether the person knows client `x`'s id: a family member the client shares with does
/// (their home links to each person who shares with them).
fn knows(p: &Person, x: usize) -> bool {
    may_read(p, x) || matches!(p.who, Who::Family(..)) && x == 0
}

/// Whether the person reviews emergency openings of client `x`'s record, and so sees the
/// client's name and id there and in the notice that told them: the practice lead, for every
/// opening (Ezra's and Ivo's, of Annika's record).
fn reviews(p: &Person, x: usize, route: &str) -> bool {
    matches!(p.who, Who::Lead(_))
        && x == 0
        && (route.contains("emergency-access") || route.contains("notifications"))
}

/// A marker word and who may see it, whatever their relation to its client.
struct Marker {
    word: &'static str,
    what: &'static str,
    readers: fn(Who) -> bool,
}

fn markers() -> [Marker; 3] {
    // The reason of an opening: the clinician who gave it, the client, the client's care team
    // and the practice lead who review it; never the administrator (it may be clinical).
    fn reviewers(w: Who) -> bool {
        matches!(
            w,
            Who::Client(0) | Who::Clinician(_, [true, _]) | Who::Lead(_)
        )
    }
    [
        Marker {
            word: PRIVATE_NOTE,
            what: "Lena's psychotherapy note on Annika",
            readers: |w| matches!(w, Who::Clinician(name, _) if name.starts_with("Lena")),
        },
        Marker {
            word: EZRA_REASON,
            what: "the reason Ezra opened Annika's record",
            readers: |w| reviewers(w) || matches!(w, Who::Emergency(_, false)),
        },
        Marker {
            word: IVO_REASON,
            what: "the reason Ivo opened Annika's record",
            readers: |w| reviewers(w) || matches!(w, Who::Emergency(_, true)),
        },
    ]
}

/// Every (method, path) the router serves, read from the web crate's source.
fn routes() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                routes_in(&text, out);
            }
        }
    }
    let mut out = vec![];
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../web/src"),
        &mut out,
    );
    out.sort();
    out.dedup();
    out
}

/// The `.route("path", get(…).post(…))` calls in one source file.
fn routes_in(text: &str, out: &mut Vec<(String, String)>) {
    let mut rest = text;
    while let Some(at) = rest.find(".route(") {
        rest = &rest[at + ".route(".len()..];
        let Some(open) = rest.trim_start().strip_prefix('"') else {
            continue;
        };
        let Some(close) = open.find('"') else {
            continue;
        };
        let path = &open[..close];
        let after = &open[close + 1..];
        let end = [after.find(".route("), after.find(';')]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(after.len());
        let handlers = &after[..end];
        for method in ["get", "post", "put", "delete", "patch"] {
            let call = format!("{method}(");
            let found = handlers.match_indices(&call).any(|(i, _)| {
                i == 0
                    || !handlers.as_bytes()[i - 1].is_ascii_alphanumeric()
                        && handlers.as_bytes()[i - 1] != b'_'
            });
            if found {
                out.push((method.to_uppercase(), path.to_string()));
            }
        }
    }
}

/// A concrete request path and the clients whose record it is about.
struct Target {
    path: String,
    owners: Vec<usize>,
}

/// The ways to fill a route's path parameters from the practice.
fn targets(route: &str, p: &Practice) -> Vec<Target> {
    let params: Vec<&str> = route.split('/').filter(|s| s.starts_with('{')).collect();
    if params.is_empty() {
        return vec![Target {
            path: route.into(),
            owners: vec![],
        }];
    }
    let fill = |values: &[(&str, String)]| {
        let mut path = route.to_string();
        for (k, v) in values {
            path = path.replace(&format!("{{{k}}}"), v);
        }
        assert!(
            !path.contains('{'),
            "{route}: a parameter was left unfilled"
        );
        path
    };
    let all = 0..p.records.len();
    let rec = |x: usize| &p.records[x];
    let mut out = vec![];
    if route.contains("/sessions/{id}") {
        let mut sessions: Vec<(Uuid, Vec<usize>)> = all
            .clone()
            .filter_map(|x| Some((rec(x).session?, vec![x])))
            .collect();
        sessions.push((p.group, vec![0, 1]));
        sessions.push((p.family, vec![0]));
        for (s, members) in sessions {
            if route.contains("{client_id}") {
                for &m in &members {
                    out.push(Target {
                        path: fill(&[("id", s.to_string()), ("client_id", rec(m).id.to_string())]),
                        owners: vec![m],
                    });
                }
            } else {
                out.push(Target {
                    path: fill(&[("id", s.to_string())]),
                    owners: members,
                });
            }
        }
        return out;
    }
    if route.starts_with("/groups/{id}") || route.starts_with("/api/v1/groups/{id}") {
        // A therapy group counts as the record of both its members.
        return vec![Target {
            path: fill(&[("id", p.programme.to_string())]),
            owners: vec![0, 1],
        }];
    }
    let random = Uuid::now_v7().to_string();
    for x in all {
        let r = rec(x);
        let values: Vec<(&str, String)> = if route.starts_with("/clients/{id}")
            || route.starts_with("/api/v1/clients/{id}")
            || route.starts_with("/api/v1/admin/users/{id}")
        {
            vec![
                ("id", r.id.to_string()),
                ("goal", r.goal.to_string()),
                ("sign", random.clone()),
                ("hw", r.homework.to_string()),
            ]
        } else if route.starts_with("/results/{id}") || route.starts_with("/api/v1/measures/{id}") {
            vec![("id", r.measure.to_string())]
        } else if route.starts_with("/session-requests/{id}")
            || route.starts_with("/api/v1/session-requests/{id}")
        {
            let Some(request) = r.request else {
                continue;
            };
            vec![("id", request.to_string())]
        } else if route.starts_with("/alerts/{id}") || route.starts_with("/api/v1/alerts/{id}") {
            vec![("id", r.flag.to_string())]
        } else if route.starts_with("/homework/{hw}") {
            vec![("hw", r.homework.to_string())]
        } else if route.starts_with("/goals/{goal}") {
            vec![("goal", r.goal.to_string())]
        } else if route.starts_with("/api/v1/goals/{id}") {
            vec![("id", r.goal.to_string())]
        } else if route.starts_with("/consultations/{id}")
            || route.starts_with("/api/v1/consultations/{id}")
        {
            vec![("id", r.consultation.to_string())]
        } else if route.starts_with("/api/v1/homework/{id}") {
            vec![("id", r.homework.to_string())]
        } else if route.starts_with("/api/v1/observations/{id}") {
            // Fenna's observation about Annika.
            if x != 0 {
                continue;
            }
            vec![("id", p.observation.to_string())]
        } else if route.starts_with("/notifications/{id}")
            || route.starts_with("/api/v1/notifications/{id}")
        {
            // A notice is its recipient's alone; to anyone else it does not exist.
            let Some(notice) = p.notices[x] else {
                continue;
            };
            vec![("id", notice.to_string())]
        } else if route.starts_with("/warning-signs/{sign}") {
            vec![("sign", random.clone())]
        } else if route.starts_with("/family/members/{id}")
            || route.starts_with("/api/v1/family/members/{id}")
        {
            // Annika's family member: what she shares with Fenna is Annika's to change.
            if x != 0 {
                continue;
            }
            vec![("id", p.family_member.to_string())]
        } else if route.starts_with("/family/invitations/{id}")
            || route.starts_with("/api/v1/family/invitations/{id}")
        {
            if x != 0 {
                continue;
            }
            vec![("id", p.invitation.to_string())]
        } else if route.starts_with("/family/people/{client_id}")
            || route.starts_with("/api/v1/family/people/{client_id}")
        {
            vec![("client_id", r.id.to_string())]
        } else if route == "/api/v1/admin/care-teams/{client_id}/{clinician_id}" {
            vec![
                ("client_id", r.id.to_string()),
                ("clinician_id", r.clinician.to_string()),
            ]
        } else if route.starts_with("/therapists/{id}")
            || route.starts_with("/api/v1/therapists/{id}")
            || route.starts_with("/admin/clinicians/{id}")
            || route.starts_with("/api/v1/admin/clinicians/{id}")
        {
            // A clinician's public profile or licence check: no client's record.
            out.push(Target {
                path: fill(&[("id", r.clinician.to_string())]),
                owners: vec![],
            });
            continue;
        } else if route.starts_with("/admin/erasure-requests/{id}")
            || route.starts_with("/api/v1/admin/erasure-requests/{id}")
        {
            // An erasure request (issue 17): administrators only, no record opened.
            out.push(Target {
                path: fill(&[("id", Uuid::nil().to_string())]),
                owners: vec![],
            });
            continue;
        } else if params == ["{instrument}"] {
            return vec![Target {
                path: fill(&[("instrument", "phq9".into())]),
                owners: vec![],
            }];
        } else if params == ["{slug}"] {
            return vec![Target {
                path: fill(&[("slug", "what-is-depression".into())]),
                owners: vec![],
            }];
        } else if params == ["{token}"] {
            return vec![Target {
                path: fill(&[("token", "not-a-feed".into())]),
                owners: vec![],
            }];
        } else if params == ["{code}"] {
            // The language switcher (issue 21): anyone, no record.
            return vec![Target {
                path: fill(&[("code", "es".into())]),
                owners: vec![],
            }];
        } else if params == ["{file}"] {
            return vec![Target {
                path: fill(&[("file", "app.css".into())]),
                owners: vec![],
            }];
        } else {
            panic!(
                "{route}: every_route.rs does not know how to fill {params:?}; teach `targets` \
                 which of the practice's ids belong there and whose record it is"
            );
        };
        let owners = if route.starts_with("/warning-signs/") {
            vec![]
        } else {
            vec![x]
        };
        out.push(Target {
            path: fill(&values),
            owners,
        });
    }
    out
}

struct Answer {
    status: StatusCode,
    location: String,
    body: String,
}

/// Fields that make most change requests well-formed, so that a refusal comes from the policy
/// and not from a missing field (unknown fields are ignored by every form and JSON body).
fn probe_fields(client_id: Uuid, clinician_id: Uuid) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = [
        ("reason", "Probe"),
        ("practice_lead", "off"),
        ("starts_at_local", "2026-12-20T10:00"),
        ("starts_at", "2026-12-20T10:00"),
        ("attendance", "attended"),
        ("data", "Probe"),
        ("assessment", "Probe"),
        ("plan", "Probe"),
        ("text", "Probe"),
        ("body", "Probe"),
        ("state", "maintenance"),
        ("page", "what-is-depression"),
        ("title", "Probe"),
        ("success", "Probe"),
        ("measured_by", "Probe"),
        ("note", "Probe"),
        ("outcome", "achieved"),
        ("label", "Probe"),
        ("role", "primary_therapist"),
        ("phq9", "3"),
        ("warning_signs", "Probe"),
        ("coping", "Probe"),
        ("distractions", "Probe"),
        ("people", "Probe"),
        ("professionals", "Probe"),
        ("environment", "Probe"),
        ("answer", "declined"),
        ("message", "Probe"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_string()))
    .collect();
    out.push(("action", "disable".into()));
    out.push(("user_id", client_id.to_string()));
    out.push(("client_id", client_id.to_string()));
    out.push(("clinician_id", clinician_id.to_string()));
    out.push(("session_id", Uuid::nil().to_string()));
    out.push(("modality", "in_person".into()));
    out
}

fn probe_json(fields: &[(&'static str, String)]) -> String {
    let mut body = serde_json::Map::new();
    let steps = [
        "warning_signs",
        "coping",
        "distractions",
        "people",
        "professionals",
        "environment",
    ];
    for (k, v) in fields {
        if !steps.contains(k) {
            body.insert((*k).into(), serde_json::Value::String(v.clone()));
        }
    }
    if let Some((_, clinician)) = fields.iter().find(|(k, _)| *k == "clinician_id") {
        body.insert("clinician_ids".into(), vec![clinician.clone()].into());
    }
    body.insert("version".into(), 1.into());
    for (k, v) in [
        ("approach", "cbt"),
        ("format", "individual"),
        ("delivery", "in_person"),
        ("frequency", "weekly"),
        ("kind", "journal"),
        ("review_on", "2027-01-15"),
    ] {
        body.insert(k.into(), v.into());
    }
    body.insert("expected_sessions".into(), 12.into());
    body.insert("minutes".into(), 50.into());
    body.insert("intake".into(), serde_json::json!({"reason": "Probe"}));
    body.insert(
        "sections".into(),
        serde_json::json!({"triggers": "Probe", "what_helps": "Probe", "contacts": "Probe", "booster": "Probe"}),
    );
    body.insert("rating".into(), 5.into());
    body.insert("scopes".into(), serde_json::json!([]));
    body.insert("draft".into(), true.into());
    body.insert("content".into(), serde_json::json!({"text": "Probe"}));
    body.insert(
        "steps".into(),
        steps
            .iter()
            .map(|k| ((*k).to_string(), serde_json::Value::from("Probe")))
            .collect::<serde_json::Map<_, _>>()
            .into(),
    );
    // The retention period (issue 17).
    body.insert("clinical_record_years".into(), 7.into());
    // The on-call rota (issue 16): an empty rota and a valid time.
    body.insert("escalation_minutes".into(), 30.into());
    body.insert("rota".into(), serde_json::json!([]));
    // Emergency access's setting (issue 17).
    body.insert("enabled".into(), true.into());
    // A practice lead on or off (issue 17).
    body.insert("practice_lead".into(), false.into());
    serde_json::Value::Object(body).to_string()
}

async fn send(p: &Practice, person: &Person, method: &str, path: &str) -> Answer {
    send_with(p, person, method, path, &[]).await
}

async fn send_with(
    p: &Practice,
    person: &Person,
    method: &str,
    path: &str,
    fields: &[(&'static str, String)],
) -> Answer {
    let api = path.starts_with("/api/");
    let mut req = Request::builder().method(method).uri(path);
    if api && let Some(t) = &person.token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let mut cookies = vec![format!("rapport_csrf={CSRF}")];
    if !api && let Some(c) = &person.cookie {
        cookies.push(format!("rapport_session={c}"));
    }
    req = req.header(header::COOKIE, cookies.join("; "));
    let req = match method {
        "GET" => req.body(Body::empty()),
        _ if api => req
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(probe_json(fields))),
        _ => req
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(
                std::iter::once(format!("csrf={CSRF}"))
                    .chain(fields.iter().map(|(k, v)| format!("{k}={}", encode(v))))
                    .collect::<Vec<_>>()
                    .join("&"),
            )),
    }
    .unwrap();
    let resp = p.router.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let location = resp
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = to_bytes(resp.into_body(), 1 << 23).await.unwrap();
    Answer {
        status,
        location,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

/// What the answer shows that the person may not see (empty: nothing). A family member may
/// see a client's sealed text only through a route serving a scope the client granted.
fn leaks(p: &Practice, person: &Person, route: &str, path: &str, a: &Answer) -> Vec<String> {
    let mut found: Vec<String> = markers()
        .iter()
        .filter(|m| a.body.contains(m.word) && !(m.readers)(person.who))
        .map(|m| format!("{} ({})", m.what, m.word))
        .collect();
    for (x, r) in p.records.iter().enumerate() {
        if may_read(person, x) {
            continue;
        }
        if a.body.contains(r.secret) && !may_see(person, x, route) {
            found.push(format!("{}'s sealed text ({})", r.name, r.secret));
        }
        if person.who == Who::Admin || reviews(person, x, route) {
            continue;
        }
        for (what, needle) in [
            ("name", r.name.to_string()),
            ("e-mail", r.email.to_string()),
        ] {
            if a.body.contains(&needle) {
                found.push(format!("{}'s {what}", r.name));
            }
        }
        let id = r.id.to_string();
        if a.status.is_success() && !path.contains(&id) && a.body.contains(&id) && !knows(person, x)
        {
            found.push(format!("{}'s id", r.name));
        }
    }
    found
}

/// Row counts of every table a refused request must leave alone, and the columns a change
/// would touch.
async fn state_of(t: &TestDb) -> BTreeMap<String, String> {
    let tables = match t.backend() {
        Backend::Sqlite => {
            t.texts(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
                vec![],
            )
            .await
        }
        Backend::Postgres => {
            t.texts(
                "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'",
                vec![],
            )
            .await
        }
    };
    let mut out = BTreeMap::new();
    for table in tables.into_iter().flatten() {
        // A refusal is recorded, and signing in keeps sessions and counts: those may move.
        let moves = table.starts_with("audit")
            || table.contains("throttle")
            || table.contains("idempotency")
            || ["sessions", "api_tokens"].contains(&table.as_str());
        if moves {
            continue;
        }
        let n = t.count(&format!("\"{table}\""), vec![]).await;
        out.insert(table, n.to_string());
    }
    for (what, sql) in [
        (
            "sessions",
            "SELECT CAST(starts_at AS TEXT) || ' ' || COALESCE(CAST(cancelled_at AS TEXT), '-') FROM therapy_sessions ORDER BY id",
        ),
        (
            "attendance",
            "SELECT COALESCE(attendance, '-') FROM session_attendees ORDER BY id",
        ),
        ("flags", "SELECT status FROM flags ORDER BY id"),
        (
            "accounts",
            "SELECT COALESCE(CAST(disabled_at AS TEXT), '-') FROM users ORDER BY id",
        ),
    ] {
        let rows: Vec<String> = t.texts(sql, vec![]).await.into_iter().flatten().collect();
        out.insert(what.into(), rows.join("; "));
    }
    out
}

fn describe(person: &Person) -> String {
    match person.who {
        Who::Anonymous => "anonymous".into(),
        Who::Client(0) => "Annika (client)".into(),
        Who::Client(1) => "Bertil (client)".into(),
        Who::Client(_) => "Cyra (client, no care team)".into(),
        Who::Triage(name) => name.into(),
        Who::Clinician(name, _) => name.into(),
        Who::Admin => "the administrator".into(),
        Who::Family(name, _) | Who::Emergency(name, _) | Who::OnCall(name) | Who::Lead(name) => {
            name.into()
        }
    }
}

both_backends! {
    async fn every_route_as_every_role_answers_no_more_than_the_policy_allows(t: &TestDb) {
        let p = practice(t).await;
        let routes = routes();
        assert!(
            routes.len() > 100,
            "the routes are read from crates/web/src (`.route(\"…\", get(…))`); found only {}: \
             has the way routes are declared changed?",
            routes.len()
        );
        // What the walk found, by kind: an answer the table refuses (a 2xx to read, anything
        // but a refusal to change, a change made), a marker word where the table does not let
        // it be, and a server error.
        let mut unexpected: Vec<String> = vec![];
        let mut leaked: Vec<String> = vec![];
        let mut errors: Vec<String> = vec![];
        let mut asked = 0;

        // Reads. `shown` counts the answers that carried each client's secret word (and
        // `marked` each marker word), so the walk is known to reach the texts it guards.
        let mut shown = vec![0usize; p.records.len()];
        let mut marked = vec![0usize; markers().len()];
        for (method, route) in routes.iter().filter(|(m, _)| m == "GET") {
            for target in targets(route, &p) {
                for person in &p.people {
                    let a = send(&p, person, method, &target.path).await;
                    asked += 1;
                    let who = describe(person);
                    let path = &target.path;
                    if a.status.is_server_error() {
                        errors.push(format!("GET {route} ({path}) as {who}: {}", a.status));
                    }
                    if a.status.is_success() {
                        for (x, r) in p.records.iter().enumerate() {
                            if a.body.contains(r.secret) {
                                shown[x] += 1;
                            }
                        }
                        for (i, m) in markers().iter().enumerate() {
                            if a.body.contains(m.word) {
                                marked[i] += 1;
                            }
                        }
                    }
                    for leak in leaks(&p, person, route, path, &a) {
                        leaked.push(format!(
                            "GET {route} as {who} answers {} with {leak}",
                            a.status
                        ));
                    }
                    let readable = target.owners.iter().any(|&x| may_see(person, x, route));
                    // The feedback form is the same blank form for any session id a client
                    // names (it shows a session's time only when it is theirs and due); what it
                    // shows is checked above, and sending it is refused.
                    let blank_form = route == "/sessions/{id}/feedback";
                    if !target.owners.is_empty() && !readable && !blank_form && a.status.is_success()
                    {
                        unexpected.push(format!(
                            "GET {route} as {who}: {} for a record the policy refuses them",
                            a.status
                        ));
                    }
                }
            }
        }

        for (x, r) in p.records.iter().enumerate() {
            assert!(
                shown[x] >= 3,
                "only {} answers showed {}'s secret word to anyone: the walk does not reach \
                 the sealed texts it guards",
                shown[x],
                r.name
            );
        }
        for (m, n) in markers().iter().zip(&marked) {
            assert!(
                *n >= 1,
                "no answer showed {} ({}) to anyone: the walk does not reach it",
                m.what,
                m.word
            );
        }

        // Changes, by those the policy refuses: refused, and nothing changes.
        let before = state_of(t).await;
        for (method, route) in routes.iter().filter(|(m, _)| m != "GET") {
            let admin_route = route.starts_with("/admin") || route.starts_with("/api/v1/admin");
            for target in targets(route, &p) {
                for person in &p.people {
                    let refused = if admin_route {
                        person.who != Who::Admin
                    } else {
                        !target.owners.is_empty()
                            && !target.owners.iter().any(|&x| may_change(person, x, route))
                    };
                    if !refused {
                        continue;
                    }
                    let (client_id, clinician_id) = match target.owners.first() {
                        Some(&x) => (p.records[x].id, p.records[x].clinician),
                        None => (p.records[0].id, p.records[0].clinician),
                    };
                    let fields = probe_fields(client_id, clinician_id);
                    let a = send_with(&p, person, method, &target.path, &fields).await;
                    asked += 1;
                    let who = describe(person);
                    let to_sign_in = a.status.is_redirection() && a.location.starts_with("/login");
                    let ok = matches!(
                        a.status,
                        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
                    ) || to_sign_in;
                    if a.status.is_server_error() {
                        errors.push(format!("{method} {route} as {who}: {}", a.status));
                    } else if !ok {
                        unexpected.push(format!(
                            "{method} {route} as {who}: {} {} (expected 401, 403 or 404; a 422 \
                             means the body was judged before the policy: give `probe_fields` \
                             what this route needs)",
                            a.status, a.location
                        ));
                    }
                    for leak in leaks(&p, person, route, &target.path, &a) {
                        leaked.push(format!("{method} {route} as {who} answers with {leak}"));
                    }
                }
            }
        }
        let after = state_of(t).await;
        for (k, v) in &before {
            if after.get(k) != Some(v) {
                unexpected.push(format!(
                    "refused changes changed {k}: {v} -> {:?}",
                    after.get(k)
                ));
            }
        }

        // Outcome reports: the practice lead's cover the whole practice and any clinician's
        // clients; another clinician's only their own.
        let lead = p.people.iter().find(|x| matches!(x.who, Who::Lead(_))).unwrap();
        let nia = p
            .people
            .iter()
            .find(|x| matches!(x.who, Who::Clinician(_, [false, false])))
            .unwrap();
        let lena = p.records[0].clinician;
        for (person, whole) in [(lead, true), (nia, false)] {
            let who = describe(person);
            let a = send(&p, person, "GET", "/api/v1/reports/outcomes").await;
            let other = send(
                &p,
                person,
                "GET",
                &format!("/api/v1/reports/outcomes?clinician_id={lena}"),
            )
            .await;
            asked += 2;
            let body: serde_json::Value = serde_json::from_str(&a.body).unwrap_or_default();
            if a.status != StatusCode::OK
                || body["practice_lead"] != whole
                || body["clinician_id"].is_null() != whole
            {
                unexpected.push(format!(
                    "GET /api/v1/reports/outcomes as {who}: {} {} (the whole practice: {whole})",
                    a.status, a.body
                ));
            }
            if other.status.is_success() != whole {
                unexpected.push(format!(
                    "GET /api/v1/reports/outcomes?clinician_id=<Lena> as {who}: {}",
                    other.status
                ));
            }
        }

        eprintln!(
            "every_route: routes × people checked: {} × {} = {} requests, unexpected \
             successes: {}, marker leaks: {}, server errors: {}; secret words shown to their \
             readers {shown:?} times, marker words {marked:?} times",
            routes.len(),
            p.people.len(),
            asked,
            unexpected.len(),
            leaked.len(),
            errors.len()
        );
        let problems: Vec<String> = unexpected.into_iter().chain(leaked).chain(errors).collect();
        assert!(
            problems.is_empty(),
            "{} problems:\n{}",
            problems.len(),
            problems.join("\n")
        );
        // A page that asks for a message no language has shows the key itself
        // ("cl-episode-In treatment" did); each is logged as "no such FTL message".
        let missing = rapport_web::i18n::missing_messages();
        assert!(
            missing.is_empty(),
            "pages asked for FTL messages that do not exist: {missing:?}"
        );
    }
}

/// Every path and method of the OpenAPI document is a route of the router, and every `/api/`
/// route of the router is in the document, but for those listed here.
#[test]
fn the_openapi_document_describes_every_api_route_and_no_other() {
    // (method, path, why it is not in the document)
    const UNDOCUMENTED: [(&str, &str, &str); 1] = [(
        "GET",
        "/api/openapi.json",
        "the document itself, not one of its operations",
    )];
    // Routes outside /api/ the document describes on purpose (for monitoring).
    const OUTSIDE_API: [&str; 2] = ["/healthz", "/metrics"];
    let doc: serde_json::Value = serde_json::from_str(&rapport_web::openapi_json()).unwrap();
    let mut described: Vec<(String, String)> = vec![];
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if ["get", "post", "put", "delete", "patch"].contains(&method.as_str()) {
                described.push((method.to_uppercase(), path.clone()));
            }
        }
    }
    let routes = routes();
    let missing_route: Vec<_> = described.iter().filter(|r| !routes.contains(r)).collect();
    let missing_doc: Vec<_> = routes
        .iter()
        .filter(|(m, path)| {
            path.starts_with("/api/")
                && !described.contains(&(m.clone(), path.clone()))
                && !UNDOCUMENTED.iter().any(|(um, up, _)| um == m && up == path)
        })
        .collect();
    assert!(
        missing_route.is_empty(),
        "the OpenAPI document describes operations the router does not serve: {missing_route:?}"
    );
    assert!(
        missing_doc.is_empty(),
        "API routes missing from the OpenAPI document (describe them with #[utoipa::path], or \
         list them in UNDOCUMENTED with the reason): {missing_doc:?}"
    );
    for (m, path, _) in UNDOCUMENTED {
        assert!(
            routes.contains(&(m.to_string(), path.to_string())),
            "{m} {path} is listed as undocumented but is no route: drop it from the list"
        );
    }
    let outside: Vec<_> = described
        .iter()
        .filter(|(_, path)| !path.starts_with("/api/") && !OUTSIDE_API.contains(&path.as_str()))
        .collect();
    assert!(
        outside.is_empty(),
        "the OpenAPI document describes routes outside /api/: {outside:?}"
    );
    assert!(
        described.len() > 100,
        "only {} operations described",
        described.len()
    );
}

#[test]
fn the_route_reader_finds_each_method() {
    let mut out = vec![];
    routes_in(
        r#"Router::new()
            .route("/a/{id}", get(x::show).post(x::save))
            .route(
                "/b",
                put(y::put),
            )
            .route("/c", delete(z::forget));
        let other = 1;"#,
        &mut out,
    );
    assert_eq!(
        out,
        [
            ("GET".to_string(), "/a/{id}".to_string()),
            ("POST".into(), "/a/{id}".into()),
            ("PUT".into(), "/b".into()),
            ("DELETE".into(), "/c".into()),
        ]
    );
}
