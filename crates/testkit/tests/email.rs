//! E-mail of notices against a real SMTP server on loopback (`aiosmtpd`, see
//! `rapport_testkit::smtp`): delivered and accepted with the server's reply kept; while the
//! server is down nothing is lost and nothing is called accepted, and once it is back the mail
//! arrives, once; dead after the last try; and no health information in any mail.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Duration as Wait;

use chrono::Duration;
use rapport_app::clock::ManualClock;
use rapport_app::jobs::{self, admin};
use rapport_app::{App, Config, MailConfig};
use rapport_core::accounts::CareTeamRole;
use rapport_testkit::smtp::{SmtpSink, header};
use rapport_testkit::{Practice, TestDb, both_backends, practice, start_time};

const BASE: &str = "https://rapport.example";

fn app(t: &TestDb, sink: &SmtpSink) -> (App, Arc<ManualClock>) {
    let step = std::env::var(rapport_testkit::CLOCK_STEP_VAR)
        .ok()
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(0);
    let clock = Arc::new(ManualClock::moving(
        start_time(),
        Duration::milliseconds(step),
    ));
    let config = Config {
        base_url: BASE.into(),
        mail: Some(MailConfig {
            smtp_url: sink.url(),
            from: "Rapport <notices@rapport.example>".into(),
        }),
        ..Config::default()
    };
    (App::new(t.db.clone(), clock.clone(), config), clock)
}

async fn deliveries(app: &App, p: &Practice) -> Vec<rapport_app::jobs::admin::DeliveryRow> {
    admin::deliveries_overview(app, &p.admin.actor)
        .await
        .unwrap()
        .deliveries
}

/// Words that must never be in a mail: the people's names, what happened, scores and flags.
const FORBIDDEN: &[&str] = &[
    "Ana",
    "Ruiz",
    "Lena",
    "Okafor",
    "Kofi",
    "Mensah",
    "care team",
    "joined",
    "psychiatrist",
    "therapist",
    "safety",
    "flag",
    "PHQ",
    "GAD",
    "suicid",
    "self-harm",
    "harm",
    "depress",
    "crisis",
    "score",
    "mood",
    "alert",
    "session",
    "message",
];

/// The message as a reader's mail program shows it: quoted-printable's soft line breaks (a
/// long link wrapped at 76 characters) and escapes undone.
fn decoded(message: &str) -> String {
    let text = message.replace("\r\n", "\n");
    let qp = header(&text, "Content-Transfer-Encoding")
        .is_some_and(|v| v.eq_ignore_ascii_case("quoted-printable"));
    if qp {
        text.replace("=\n", "").replace("=3D", "=")
    } else {
        text
    }
}

/// The body of a message, without its links (which may carry ids).
fn words_of(message: &str) -> String {
    let text = decoded(message);
    let body = text.split_once("\n\n").map_or("", |(_, b)| b);
    body.split_whitespace()
        .filter(|w| !w.starts_with("http"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` with each unsubscribe link's token left out: 66 random base64url characters, which
/// may hold "ana" or "gad" by chance (the run failed on one so, now and then).
fn without_tokens(text: &str) -> String {
    const LINK: &str = "/unsubscribe/";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(LINK) {
        out.push_str(&rest[..at + LINK.len()]);
        rest = rest[at + LINK.len()..]
            .trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    }
    out.push_str(rest);
    out
}

fn assert_no_health_information(messages: &[String]) {
    assert!(!messages.is_empty());
    for m in messages {
        // The recipient's own address is on the envelope; the rest (header values and the
        // body) is searched.
        let text = decoded(m);
        let (head, body) = text.split_once("\n\n").unwrap_or((&text, ""));
        let values: Vec<&str> = head
            .lines()
            .filter_map(|l| l.split_once(':'))
            .filter(|(k, _)| {
                ![
                    "to",
                    "x-rcptto",
                    "x-mailfrom",
                    "x-peer",
                    "return-path",
                    "delivered-to",
                ]
                .contains(&k.trim().to_lowercase().as_str())
            })
            .map(|(_, v)| v)
            .collect();
        let lower = without_tokens(&format!("{}\n{body}", values.join("\n"))).to_lowercase();
        assert!(
            !lower.contains("ana ruiz") && !m.contains("Ana"),
            "the name: {m}"
        );
        for w in FORBIDDEN {
            assert!(
                !lower.contains(&w.to_lowercase()),
                "a mail says {w:?}:\n{m}"
            );
        }
        let words = words_of(m);
        assert!(
            !words.chars().any(|c| c.is_ascii_digit()),
            "a number in a mail's words: {words}"
        );
        assert_eq!(
            header(m, "Subject").as_deref(),
            Some("You have a new notice in Rapport")
        );
        assert!(m.contains(&format!("{BASE}/notifications")), "{m}");
    }
}

both_backends! {
    async fn a_notice_is_mailed_accepted_and_the_reply_kept(t: &TestDb) {
        let sink = SmtpSink::new();
        let (app, _clock) = app(t, &sink);
        let p = practice(&app).await;
        // Lena joined Ana's care team: Ana's notice, queued for e-mail.
        let d = deliveries(&app, &p).await;
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].state, "queued");
        assert_eq!(d[0].email, "ana@example.org");
        let pass = jobs::run_due(&app, "a", 10).await.unwrap();
        assert_eq!(pass.ran, 1);
        assert_eq!(pass.failed, 0);
        let mails = sink.wait_for(1, Wait::from_secs(5));
        assert_eq!(mails.len(), 1);
        let inbox = rapport_app::notifications::mine(&app, &p.ana.actor).await.unwrap();
        assert_eq!(
            header(&mails[0], "X-Rapport-Notice"),
            Some(inbox.notifications[0].id.to_string())
        );
        assert!(header(&mails[0], "To").unwrap().contains("ana@example.org"));
        let d = deliveries(&app, &p).await;
        assert_eq!(d[0].state, "accepted");
        assert_eq!(d[0].attempts, 1);
        let reply = d[0].reply.clone().unwrap();
        assert!(reply.starts_with("250"), "{reply}");
        // Run again: nothing is sent twice.
        assert_eq!(jobs::run_due(&app, "b", 10).await.unwrap().ran, 0);
        assert_eq!(sink.wait_for(2, Wait::from_millis(300)).len(), 1);
        assert_no_health_information(&mails);
    }

    async fn while_the_server_is_down_nothing_is_lost_nor_called_accepted(t: &TestDb) {
        let mut sink = SmtpSink::new();
        let (app, clock) = app(t, &sink);
        sink.stop();
        let p = practice(&app).await;
        for _ in 0..3 {
            let pass = jobs::run_due(&app, "a", 10).await.unwrap();
            assert_eq!((pass.ran, pass.failed), (1, 1));
            let d = deliveries(&app, &p).await;
            assert_eq!(d[0].state, "failed", "never accepted without the server's yes");
            assert!(d[0].reply.is_none());
            assert!(d[0].last_error.is_some());
            clock.advance(Duration::minutes(10));
        }
        let o = admin::overview(&app, &p.admin.actor).await.unwrap();
        assert!(o.email_configured);
        assert_eq!(o.counts["failed"], 1);
        assert_eq!(o.troubled[0].kind, "deliver");
        assert!(o.troubled[0].last_error.is_some());
        // The server is back: the next try delivers it, once.
        sink.start();
        clock.advance(Duration::hours(1));
        let pass = jobs::run_due(&app, "a", 10).await.unwrap();
        assert_eq!((pass.ran, pass.failed), (1, 0));
        let d = deliveries(&app, &p).await;
        assert_eq!(d[0].state, "accepted");
        assert_eq!(d[0].attempts, 4);
        assert!(d[0].last_error.is_none());
        let mails = sink.wait_for(1, Wait::from_secs(5));
        assert_eq!(mails.len(), 1);
        clock.advance(Duration::hours(2));
        assert_eq!(jobs::run_due(&app, "a", 10).await.unwrap().ran, 0);
        assert_eq!(sink.wait_for(2, Wait::from_millis(300)).len(), 1);
        assert_no_health_information(&mails);
    }

    async fn a_delivery_is_dead_after_its_last_try(t: &TestDb) {
        let mut sink = SmtpSink::new();
        let (app, clock) = app(t, &sink);
        sink.stop();
        let p = practice(&app).await;
        for _ in 0..rapport_core::jobs::DEFAULT_MAX_ATTEMPTS {
            assert_eq!(jobs::run_due(&app, "a", 10).await.unwrap().ran, 1);
            clock.advance(Duration::hours(2));
        }
        assert_eq!(jobs::run_due(&app, "a", 10).await.unwrap().ran, 0);
        let d = deliveries(&app, &p).await;
        assert_eq!(d[0].state, "dead");
        assert_eq!(d[0].attempts as u32, rapport_core::jobs::DEFAULT_MAX_ATTEMPTS);
        let o = admin::overview(&app, &p.admin.actor).await.unwrap();
        assert_eq!(o.counts["dead"], 1);
        assert_eq!(o.troubled[0].state, "dead");
        // The notice itself is still there, in the app.
        let inbox = rapport_app::notifications::mine(&app, &p.ana.actor).await.unwrap();
        assert_eq!(inbox.unread, 1);
    }

    async fn many_notices_each_mailed_once_with_no_health_information(t: &TestDb) {
        let sink = SmtpSink::new();
        let (app, _clock) = app(t, &sink);
        let p = practice(&app).await;
        // More joins: Kofi to Ana's team, Lena and Kofi to Bo's.
        for (client, clinician, role) in [
            (p.ana.actor.user_id, p.kofi.actor.user_id, CareTeamRole::Psychiatrist),
            (p.bo.actor.user_id, p.lena.actor.user_id, CareTeamRole::PrimaryTherapist),
            (p.bo.actor.user_id, p.kofi.actor.user_id, CareTeamRole::Psychiatrist),
        ] {
            rapport_app::care_teams::assign(&app, &p.admin.actor, client, clinician, role)
                .await
                .unwrap();
        }
        let mut ran = 0;
        loop {
            let pass = jobs::run_due(&app, "a", 2).await.unwrap();
            if pass.ran == 0 {
                break;
            }
            ran += pass.ran;
        }
        assert_eq!(ran, 4);
        let mails = sink.wait_for(4, Wait::from_secs(5));
        assert_eq!(mails.len(), 4);
        let mut ids: Vec<String> = mails.iter().filter_map(|m| header(m, "X-Rapport-Notice")).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 4, "one mail per notice");
        assert_no_health_information(&mails);
    }

    async fn a_safety_flag_an_escalation_and_a_message_are_mailed_with_no_health_information(t: &TestDb) {
        let sink = SmtpSink::new();
        let (app, clock) = app(t, &sink);
        let p = practice(&app).await;
        let now = app.now();
        let kofi = rapport_app::alerts::on_call::ShiftInput {
            clinician_id: p.kofi.actor.user_id,
            starts_at: now - Duration::hours(1),
            ends_at: now + Duration::days(1),
        };
        rapport_app::alerts::on_call::set_on_call(&app, &p.admin.actor, 30, &[kofi])
            .await
            .unwrap();
        // Ana answers item 9 with 3 (a score of 27): Lena, her therapist, is told at once.
        let answers = vec![Some(3); 9];
        let r = rapport_app::measures::submit_measure(&app, &p.ana.actor, "phq9", &answers, None, None)
            .await
            .unwrap();
        assert!(r.flags.iter().any(|f| f.kind.as_str() == "safety"));
        // Nobody acknowledges it: Kofi, on call, is told after 30 minutes.
        clock.advance(Duration::minutes(31));
        assert_eq!(rapport_app::alerts::escalate_due(&app).await.unwrap(), 1);
        // Ana writes to her care team, with words of self-harm; Lena answers.
        rapport_app::messaging::send(&app, &p.ana.actor, p.ana.actor.user_id, "I want to kill myself, I feel so depressed.")
            .await
            .unwrap();
        rapport_app::messaging::send(&app, &p.lena.actor, p.ana.actor.user_id, "Ana, please call the crisis line now; I will call you at 5.")
            .await
            .unwrap();
        // Every e-mail goes out (quiet hours may hold some back until the morning).
        for _ in 0..3 {
            while jobs::run_due(&app, "a", 10).await.unwrap().ran > 0 {}
            clock.advance(Duration::hours(12));
        }
        let d = deliveries(&app, &p).await;
        assert!(d.iter().all(|d| d.state == "accepted"), "{d:?}");
        let to = |email: &str| d.iter().filter(|d| d.email == email).count();
        // Lena: the safety flag and Ana's message; Kofi: the escalation; Ana: the care-team
        // join and Lena's answer.
        assert_eq!(to("lena@clinic.example"), 2, "{d:?}");
        assert_eq!(to("kofi@clinic.example"), 1, "{d:?}");
        assert_eq!(to("ana@example.org"), 2, "{d:?}");
        let mails = sink.wait_for(5, Wait::from_secs(5));
        assert_eq!(mails.len(), 5);
        assert_no_health_information(&mails);
        for m in &mails {
            let lower = m.to_lowercase();
            for w in ["kill", "myself", "call you"] {
                assert!(!lower.contains(w), "a mail says {w:?}:\n{m}");
            }
        }
    }
}
