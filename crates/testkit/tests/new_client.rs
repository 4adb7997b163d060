//! A new client's first minutes (issue 23, item 12): a sign-up sent back keeps everything
//! typed but the password, and says why; the home page then shows one next step at a time —
//! the intake until it is sent, then one questionnaire ("1 of 4").

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::http::StatusCode;
use rapport_testkit::browser::{Browser, Reply};
use rapport_testkit::{PASSWORD, TestDb, both_backends};

/// The `value` of the input named `name` on the page.
fn value_of<'a>(body: &'a str, name: &str) -> &'a str {
    let at = body
        .find(&format!("name=\"{name}\""))
        .unwrap_or_else(|| panic!("no input {name}"));
    let tag = &body[at..at + body[at..].find('>').unwrap()];
    tag.split("value=\"")
        .nth(1)
        .and_then(|v| v.split('"').next())
        .unwrap_or("")
}

/// The part of the home page that asks for the next step.
fn next_step(home: &str) -> &str {
    let at = home
        .find("id=\"next-step\"")
        .expect("a next step on the home page");
    let end = at
        + home[at..]
            .find("</section>")
            .expect("the end of the next step");
    &home[at..end]
}

/// The addresses linked from a piece of a page.
fn links(html: &str) -> Vec<&str> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|l| l.split('"').next())
        .collect()
}

both_backends! {
    async fn a_sign_up_sent_back_keeps_all_but_the_password_and_says_so(t: &TestDb) {
        let mut b = Browser::new(t);
        let typed = [("name", "Wren Albers"), ("email", "wren@example.org"), ("password", PASSWORD), ("timezone", "Asia/Kolkata")];
        // The agreement left unticked.
        let Reply { status, body: page, .. } = b.submit("/signup", "/signup", &typed).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(value_of(&page, "name"), "Wren Albers");
        assert_eq!(value_of(&page, "email"), "wren@example.org");
        assert_eq!(value_of(&page, "timezone"), "Asia/Kolkata");
        assert_eq!(value_of(&page, "password"), "", "the password is never sent back");
        assert!(!page.contains(PASSWORD));
        assert!(page.contains("for your safety, type your password again"), "nothing says why the password is empty");
        // A password too short: the same.
        let Reply { status, body: page, .. } = b.submit("/signup", "/signup", &[("name", "Wren Albers"), ("email", "wren@example.org"), ("password", "short"), ("consent", "yes")]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(value_of(&page, "email"), "wren@example.org");
        assert!(page.contains("for your safety, type your password again"));
        // A first visit says nothing of the kind.
        let Reply { body: fresh, .. } = b.get("/signup").await;
        assert!(!fresh.contains("type your password again"));
    }

    async fn a_new_client_is_asked_for_one_thing_at_a_time(t: &TestDb) {
        let mut b = Browser::new(t);
        let Reply { status, .. } = b.submit("/signup", "/signup", &[("name", "Wren Albers"), ("email", "wren@example.org"), ("password", PASSWORD), ("consent", "yes")]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);

        // The intake first, and no questionnaire yet.
        let Reply { body: home, .. } = b.get("/home").await;
        assert_eq!(links(next_step(&home)), ["/intake"]);
        assert!(!home.contains("href=\"/measures/"), "questionnaires before the intake");
        assert!(home.contains("About you (intake)</a> <span class=\"muted\">· not started yet"), "the intake stays under the plans");

        // A draft: still the intake, to carry on.
        let Reply { status, .. } = b.submit("/intake", "/intake", &[("reason", "Low since the move"), ("action", "save")]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let Reply { body: home, .. } = b.get("/home").await;
        assert_eq!(links(next_step(&home)), ["/intake"]);
        assert!(next_step(&home).contains("Carry on"));

        // Sent: one questionnaire at a time, the first of today's four.
        let Reply { status, .. } = b.submit("/intake", "/intake", &[("reason", "Low since the move"), ("had_therapy", "no"), ("wants", "To see friends again"), ("action", "send")]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let Reply { body: home, .. } = b.get("/home").await;
        assert_eq!(links(next_step(&home)), ["/measures/phq9"]);
        assert!(next_step(&home).contains("1 of 4"), "{}", next_step(&home));
        assert_eq!(home.matches("href=\"/measures/").count(), 1, "one questionnaire at a time");

        // Answered: the next one, and the first ticked.
        let answers: Vec<(String, String)> = (0..9).map(|i| (format!("answers[{i}]"), "1".to_string())).chain([("difficulty".to_string(), "1".to_string())]).collect();
        let fields: Vec<(&str, &str)> = answers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let Reply { status, .. } = b.submit("/measures/phq9", "/measures/phq9", &fields).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let Reply { body: home, .. } = b.get("/home").await;
        assert_eq!(links(next_step(&home)), ["/measures/gad7"]);
        assert!(next_step(&home).contains("2 of 4") && next_step(&home).contains("✓ PHQ-9"), "{}", next_step(&home));
    }
}
