//! Homework as pages without JavaScript (issue 13): the clinician assigns a thought record on
//! the chart; the client finds it on their home page, saves a draft, sends it too early and
//! gets every word back with the field named, then sends it whole; the caseload says "1 new";
//! the clinician reads it in full and marks it reviewed with a comment, which the client reads.
//! Another client finds no such exercise.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::http::StatusCode;
use chrono::Duration;
use rapport_app::homework::assignments_of;
use rapport_app::notes::save_progress_note;
use rapport_app::sessions::{NewSessions, record_attendance, schedule};
use rapport_core::notes::Dap;
use rapport_testkit::browser::{Browser, Reply};
use rapport_testkit::{TestDb, both_backends, practice};

fn signed_in_as(b: &mut Browser, session: &str) {
    b.cookies
        .insert("rapport_session".to_string(), session.to_string());
}

fn shows(r: &Reply, needle: &str) {
    assert!(
        r.body.contains(needle),
        "the page ({}) does not show {needle:?}:\n{}",
        r.status,
        r.body
    );
}

/// Where `needle` is on the page.
fn at(r: &Reply, needle: &str) -> usize {
    r.body
        .find(needle)
        .unwrap_or_else(|| panic!("the page does not show {needle:?}"))
}

/// A thought record as typed, part way: no balanced thought, no belief.
const PART: [(&str, &str); 9] = [
    ("situation", "Quillfeather did not answer my message"),
    ("moods[0].name", "sad"),
    ("moods[0].before", "80"),
    ("moods[1].name", ""),
    ("automatic_thoughts[0].text", "Nobody wants me around"),
    ("automatic_thoughts[0].hot", "1"),
    ("automatic_thoughts[1].text", ""),
    ("evidence_against", "She asked me to the cinema last week"),
    ("distortions", "jumping_to_conclusions"),
];

both_backends! {
    async fn homework_is_assigned_done_and_reviewed_without_javascript(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        let ana = p.ana.actor.user_id;
        let chart = format!("/clients/{ana}");
        let assign = format!("/clients/{ana}/homework");

        // Lena, on Ana's chart: the section is in the jump list; a custom exercise needs
        // instructions, and the form keeps what was typed.
        signed_in_as(&mut b, &p.lena.session);
        let page = b.get(&chart).await;
        assert_eq!(page.status, StatusCode::OK);
        shows(&page, "<a href=\"#homework\">Homework</a>");
        shows(&page, "id=\"assign-homework\"");
        let r = b.submit(&chart, &assign, &[("kind", "custom"), ("instructions", ""), ("due_on", ""), ("every", "week"), ("until", "")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        shows(&r, "Say what the exercise is");
        shows(&r, "<option value=\"custom\" selected>");
        let r = b.submit(&chart, &assign, &[("kind", "thought_record"), ("instructions", "When your mood drops, write down the moment."), ("due_on", ""), ("every", ""), ("until", "")]).await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, format!("/clients/{ana}?done=homework#homework").as_str()));
        let id = assignments_of(&app, &p.lena.actor, ana).await.unwrap()[0].id;
        let form = format!("/homework/{id}");

        // Ana: her home says what is due, after the next step; the form has every field.
        signed_in_as(&mut b, &p.ana.session);
        let home = b.get("/home").await;
        assert!(at(&home, "id=\"next-step\"") < at(&home, "id=\"homework\""), "the next step stays first");
        shows(&home, &format!("href=\"{form}\""));
        let page = b.get(&form).await;
        assert_eq!(page.status, StatusCode::OK);
        shows(&page, "When your mood drops, write down the moment.");
        shows(&page, "<label for=\"situation\">");
        shows(&page, "name=\"moods[2].before\" value=\"100\"");
        shows(&page, "Mind-reading or fortune-telling without the facts.");
        assert_eq!(page.body.matches("name=\"distortions\"").count(), 10, "Burns's ten");
        shows(&page, &format!("data-autosave=\"{form}/autosave\""));

        // A draft, then a "Done" too early: refused, the field named, every word kept.
        let mut draft = PART.to_vec();
        draft.push(("action", "draft"));
        let r = b.submit(&form, &form, &draft).await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, format!("{form}?saved=1").as_str()));
        let page = b.get(&format!("{form}?saved=1")).await;
        shows(&page, "Quillfeather did not answer my message");
        shows(&page, "name=\"moods[0].before\" value=\"80\" checked");
        shows(&page, "data-kept-saved=");
        let mut early = PART.to_vec();
        early.push(("evidence_for", "No answer in two days"));
        early.push(("action", "done"));
        let r = b.submit(&form, &form, &early).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        shows(&r, "<a href=\"#balanced_thought\">A more balanced thought: Write a more balanced thought");
        for words in ["Quillfeather did not answer my message", "Nobody wants me around", "She asked me to the cinema last week", "No answer in two days"] {
            shows(&r, words);
        }
        shows(&r, "value=\"jumping_to_conclusions\" checked");
        shows(&r, "data-keep-typed");
        // What the refused "Done" had is kept as the draft.
        let page = b.get(&form).await;
        shows(&page, "No answer in two days");

        let mut whole = early.clone();
        whole.pop();
        whole.extend([("balanced_thought", "She may be busy; she has been a good friend"), ("belief", "60"), ("moods_after[0].name", "sad"), ("moods_after[0].after", "40"), ("action", "done")]);
        let r = b.submit(&form, &form, &whole).await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, format!("{form}?sent=1").as_str()));
        let page = b.get(&format!("{form}?sent=1")).await;
        shows(&page, "Sent to your therapist");
        shows(&page, "Send the corrections");

        // Another client finds no such exercise; a clinician off the team cannot review it.
        signed_in_as(&mut b, &p.bo.session);
        assert_eq!(b.get(&form).await.status, StatusCode::NOT_FOUND);
        let r = b.submit("/homework", &form, &[("situation", "Not mine"), ("action", "draft")]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        signed_in_as(&mut b, &p.kofi.session);
        let r = b.submit("/home", &format!("{chart}/homework/{id}/review"), &[("comment", "Not mine")]).await;
        assert!(r.status == StatusCode::FORBIDDEN || r.status == StatusCode::NOT_FOUND, "{}", r.status);

        // Lena: "1 new" on the caseload, the entry in full on the chart, then reviewed.
        signed_in_as(&mut b, &p.lena.session);
        let home = b.get("/home").await;
        shows(&home, &format!("<a class=\"badge homework-new\" href=\"/clients/{ana}#homework\">1 new"));
        let page = b.get(&chart).await;
        for words in ["Quillfeather did not answer my message", "Nobody wants me around", "She may be busy; she has been a good friend", "Jumping to conclusions", "Mark reviewed"] {
            shows(&page, words);
        }
        let r = b.submit(&chart, &format!("{chart}/homework/{id}/review"), &[("comment", "Well caught: that was mind-reading.")]).await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, format!("{chart}?done=reviewed#homework").as_str()));
        assert!(!b.get("/home").await.body.contains("homework-new"), "nothing new once reviewed");

        // Ana reads the comment, on her list and on the exercise, which is no longer a form.
        signed_in_as(&mut b, &p.ana.session);
        shows(&b.get("/homework").await, "Well caught: that was mind-reading.");
        let page = b.get(&form).await;
        shows(&page, "Well caught: that was mind-reading.");
        assert!(!page.body.contains("action=\"/homework/"), "a reviewed entry is read, not edited");
    }

    async fn the_quiet_save_says_204_and_a_client_starts_an_exercise_of_their_own(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        signed_in_as(&mut b, &p.ana.session);
        let r = b.submit("/homework", "/homework", &[("kind", "journal")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let form = r.location().to_string();
        assert!(form.starts_with("/homework/"), "{form}");
        let r = b.submit(&form, &format!("{form}/autosave"), &[("text", "Walked to the harbour steps"), ("action", "save")]).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        let page = b.get(&form).await;
        shows(&page, "Walked to the harbour steps");
        // Signed out, the quiet save is sent to sign in (the page then says so).
        let csrf = page.csrf();
        b.cookies.remove("rapport_session");
        let r = b.post_form(&format!("{form}/autosave"), &[("csrf", &csrf), ("text", "More")]).await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/login"));
    }

    async fn a_signed_note_links_to_the_charts_assign_form(t: &TestDb) {
        let mut b = Browser::new(t);
        let app = b.app(t);
        let p = practice(&app).await;
        let ana = p.ana.actor.user_id;
        let soon = (app.now() + Duration::minutes(1)).naive_utc();
        let new = NewSessions { clients: vec![ana], kind: "individual".into(), modality: "phone".into(), first: Some(soon), minutes: Some(50), weeks: Some(1), ..Default::default() };
        let session = schedule(&app, &p.lena.actor, new).await.unwrap()[0];
        b.clock.advance(Duration::minutes(2));
        record_attendance(&app, &p.lena.actor, session, ana, "attended").await.unwrap();
        let note = format!("/sessions/{session}/notes/{ana}");
        signed_in_as(&mut b, &p.lena.session);
        let link = format!("href=\"/clients/{ana}#assign-homework\">Assign homework</a>");
        assert!(!b.get(&note).await.body.contains(&link), "not before the note is signed");
        let dap = Dap { data: "Came on time".into(), assessment: "Low but engaged".into(), plan: "A thought record this week".into() };
        save_progress_note(&app, &p.lena.actor, session, ana, dap, true).await.unwrap();
        shows(&b.get(&format!("{note}?done=signed")).await, &link);
        shows(&b.get(&format!("/clients/{ana}")).await, "<h3 id=\"assign-homework\">");
    }
}
