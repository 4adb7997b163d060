//! A questionnaire sent with questions left out, as a browser without JavaScript sends it
//! (issue 23, item 10): the form comes back naming each unanswered question, with what was
//! answered kept, and nothing is stored until the person answers or says to send it as it is.
//! An unanswered PHQ-9 item 9 is still refused, flagged and recorded (CLINICAL.md), and an
//! item 9 above 0 is never held back.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::http::StatusCode;
use rapport_testkit::asserts::id;
use rapport_testkit::browser::Browser;
use rapport_testkit::{TestDb, both_backends, client};

/// A browser without JavaScript, signed in as a new client (Ana Lima).
async fn signed_in(t: &TestDb, email: &str) -> (Browser, rapport_app::Actor) {
    let b = Browser::new(t);
    let person = client(&b.app(t), "Ana Lima", email).await;
    let mut b = b;
    let r = b.log_in(email).await;
    assert_eq!(
        (r.status, r.location()),
        (StatusCode::SEE_OTHER, "/home"),
        "sign-in"
    );
    (b, person.actor)
}

const NAMES: [&str; 9] = [
    "answers[0]",
    "answers[1]",
    "answers[2]",
    "answers[3]",
    "answers[4]",
    "answers[5]",
    "answers[6]",
    "answers[7]",
    "answers[8]",
];

/// A PHQ-9 as the form sends it: every question "several days" (1), item 9 as given, the
/// difficulty "somewhat"; the questions at `skip` (0-based) left out.
fn phq9<'a>(item9: Option<&'a str>, skip: &[usize]) -> Vec<(&'a str, &'a str)> {
    let mut fields: Vec<(&str, &str)> = NAMES
        .iter()
        .enumerate()
        .filter(|(i, _)| !skip.contains(i))
        .filter_map(|(i, name)| match i {
            8 => item9.map(|v| (*name, v)),
            _ => Some((*name, "1")),
        })
        .collect();
    fields.push(("difficulty", "1"));
    fields
}

/// The block that names the unanswered questions, or "" when the page has none.
fn unanswered(body: &str) -> &str {
    let Some(start) = body.find("class=\"unanswered") else {
        return "";
    };
    let end = body[start..]
        .find("<fieldset")
        .map_or(body.len(), |e| start + e);
    &body[start..end]
}

async fn measures_of(t: &TestDb, actor: &rapport_app::Actor) -> i64 {
    t.count("measures WHERE client_id = ?", vec![id(actor).into()])
        .await
}

both_backends! {
    async fn a_skipped_question_is_named_and_nothing_is_sent_until_the_person_says(t: &TestDb) {
        let (mut b, ana) = signed_in(t, "ana@example.org").await;
        let mut fields = phq9(Some("0"), &[3]);
        let r = b.submit("/measures/phq9", "/measures/phq9", &fields).await;
        assert_eq!(r.status, StatusCode::OK, "the form comes back to be answered: {}", r.location());
        let asked = unanswered(&r.body);
        assert!(asked.contains("One question is not answered"), "{asked}");
        assert!(asked.contains("href=\"#answers[3]\">Question 4: Feeling tired or having little energy"), "{asked}");
        assert_eq!(asked.matches("Question ").count(), 1, "only question 4 is named: {asked}");
        assert!(asked.contains("name=\"confirm_unanswered\" value=\"1\"") && asked.contains("Send as it is"), "{asked}");
        assert!(asked.contains(">Answer it</a>"), "{asked}");
        assert!(r.body.contains("name=\"answers[0]\" value=\"1\" checked"), "what was answered is kept");
        assert!(r.body.contains("name=\"answers[8]\" value=\"0\" checked"), "item 9 is kept");
        assert!(!r.body.contains("name=\"answers[3]\" value=\"1\" checked"));
        assert_eq!(measures_of(t, &ana).await, 0, "nothing is stored before the person says");

        // Sent as it is: stored, prorated, and the result says so.
        fields.push(("confirm_unanswered", "1"));
        let r = b.submit("/measures/phq9", "/measures/phq9", &fields).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(r.location().starts_with("/results/"), "{}", r.location());
        assert_eq!(measures_of(t, &ana).await, 1);
        let result = b.get(r.location()).await;
        assert!(result.body.contains("You left one or two questions out"), "the result does not say it was prorated");

        // Everything answered: sent at once, no question asked.
        let r = b.submit("/measures/phq9", "/measures/phq9", &phq9(Some("0"), &[])).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(measures_of(t, &ana).await, 2);

        // The unscored question left out is named too, and can be left out.
        let r = b.submit("/measures/phq9", "/measures/phq9", &phq9(Some("0"), &[]).into_iter().filter(|(k, _)| *k != "difficulty").collect::<Vec<_>>()).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(unanswered(&r.body).contains("href=\"#difficulty\">Question 10:"), "{}", unanswered(&r.body));
        assert_eq!(measures_of(t, &ana).await, 2);
    }

    async fn a_blank_item_9_is_still_refused_flagged_and_recorded(t: &TestDb) {
        let (mut b, ana) = signed_in(t, "ana@example.org").await;
        let mut fields = phq9(None, &[3]);
        let r = b.submit("/measures/phq9", "/measures/phq9", &fields).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("Choose an answer for question 9"), "the refusal says why");
        let asked = unanswered(&r.body);
        assert!(asked.contains("2 questions are not answered"), "{asked}");
        assert!(asked.contains("href=\"#answers[3]\">Question 4:") && asked.contains("href=\"#answers[8]\">Question 9:"), "{asked}");
        assert!(!asked.contains("Send as it is"), "a PHQ-9 without item 9 cannot be sent as it is");
        assert!(r.body.contains("data-required"), "the form marks the question that cannot be left out");
        assert_eq!(measures_of(t, &ana).await, 0);
        assert_eq!(
            t.count("audit_events WHERE action = 'measure.item9_unanswered' AND client_id = ?", vec![id(&ana).into()]).await,
            1,
            "the blank item 9 is recorded"
        );
        let flags = t.texts("SELECT level FROM flags WHERE client_id = ? AND kind = 'safety'", vec![id(&ana).into()]).await;
        assert_eq!(flags, [Some("medium".to_string())], "and flagged");

        // Saying "send as it is" does not get around it.
        fields.push(("confirm_unanswered", "1"));
        let r = b.submit("/measures/phq9", "/measures/phq9", &fields).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(measures_of(t, &ana).await, 0);
    }

    async fn item_9_above_zero_is_never_held_back(t: &TestDb) {
        let (mut b, ana) = signed_in(t, "ana@example.org").await;
        let r = b.submit("/measures/phq9", "/measures/phq9", &phq9(Some("2"), &[3])).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "held back: {}", unanswered(&r.body));
        assert!(r.location().starts_with("/results/"));
        let flags = t.texts("SELECT level FROM flags WHERE client_id = ? AND kind = 'safety'", vec![id(&ana).into()]).await;
        assert_eq!(flags, [Some("critical".to_string())]);
        let result = b.get(r.location()).await;
        assert!(result.body.contains("tel:988"), "the crisis lines come with the result");
    }

    async fn an_instrument_that_takes_no_gaps_is_refused_without_the_offer(t: &TestDb) {
        let (mut b, ana) = signed_in(t, "ana@example.org").await;
        let fields: Vec<(&str, &str)> = NAMES[..7].iter().filter(|n| **n != "answers[2]").map(|n| (*n, "1")).collect();
        let r = b.submit("/measures/gad7", "/measures/gad7", &fields).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let asked = unanswered(&r.body);
        assert!(asked.contains("href=\"#answers[2]\">Question 3:"), "{asked}");
        assert!(!asked.contains("Send as it is"), "{asked}");
        assert_eq!(measures_of(t, &ana).await, 0);
    }
}
