//! `README.txt`: what the file holds and what it does not, in plain words.

use super::{Record, when};

pub(super) fn text(r: &Record) -> String {
    format!(
        "\
Your data from Rapport
======================

Made on {made}. This file is your own copy of what you can see about yourself in Rapport.
Keep it somewhere safe: it is about your health.

What is in it
-------------
summary.html      Everything below in plain words. Open it in a web browser; you can
                  print it or save it as a PDF from there.
fhir-bundle.json  The same, in FHIR R4 (a Bundle of type \"collection\"), the standard way
                  health records move between systems. Another practice or app that reads
                  FHIR can take it in.
measures.csv      Your questionnaires (PHQ-9, GAD-7, WHO-5, PHQ-2): one row each.
checkins.csv      Your daily check-ins: one row each.
homework.csv      The homework you sent: one row each.

The CSV files open in any spreadsheet. They are UTF-8, with a header row. A text that
begins with =, +, - or @ starts with an apostrophe, so a spreadsheet shows it as written
instead of running it as a formula.

It holds: what you wrote in \"About you\" (your intake), your questionnaires and their scores ({measures}), daily check-ins ({checkins}),
goals ({goals}), your treatment plan ({plans} versions), your safety plan, your plan for
staying well, your sessions ({sessions}), your care team, the homework you sent ({homework})
and your secure messages ({messages}).

What is not in it, and why
--------------------------
- Your therapist's psychotherapy notes: their private notes, kept apart from your record.
  The law allows them to be left out (HIPAA 45 CFR 164.524(a)(1)(i); 164.501).
- Progress notes and risk assessments: you do not see them in the app today. You can ask
  your practice for a copy.
- Anything about other people: what family members wrote themselves, other members of a
  group, other clients.
- Homework you have not sent yet (drafts), and your password and sign-in settings.
- Who opened your record: see \"See who opened your record\" on your account page.

If something is missing or wrong, ask your practice: you have the right to a copy of your
data and to have mistakes corrected.
",
        made = when(r.made_at),
        measures = r.fhir.measures.len(),
        checkins = r.checkins.len(),
        goals = r.goals.len(),
        plans = r.treatment_plans.len(),
        sessions = r.sessions.len(),
        homework = r.fhir.homework.len(),
        messages = r.messages.len(),
    )
}
