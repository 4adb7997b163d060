//! One `QuestionnaireResponse` per sent homework entry: each of the kind's fields an item
//! whose `linkId` is the field's name (a row of a list a repeating group, `moods.before`),
//! empty fields left out. The `questionnaire` is the kind's canonical URL,
//! `{base_url}/fhir/Questionnaire/homework-{kind}`; the exercises have no published form, so
//! the bundle holds no `Questionnaire` for them.

use serde_json::{Map, Value, json};

use super::context::Context;
use super::input::ExportHomework;
use crate::homework::{
    ActivityDiary, ActivityPlan, Content, Journal, ProblemSolving, Relationships, ThoughtRecord,
};

pub(super) fn response(cx: &Context<'_>, entry: &ExportHomework) -> Value {
    let items = items(cx, &entry.content);
    let mut qr = Map::new();
    qr.insert("resourceType".into(), "QuestionnaireResponse".into());
    qr.insert("id".into(), cx.homework_id(entry).to_string().into());
    qr.insert(
        "questionnaire".into(),
        cx.homework_questionnaire_url(entry.content.kind()).into(),
    );
    qr.insert("status".into(), "completed".into());
    qr.insert("subject".into(), cx.patient_reference());
    qr.insert("authored".into(), entry.sent_at.as_str().into());
    // FHIR JSON has no empty arrays.
    if !items.is_empty() {
        qr.insert("item".into(), Value::Array(items));
    }
    Value::Object(qr)
}

fn items(cx: &Context<'_>, content: &Content) -> Vec<Value> {
    let mut f = Items::default();
    match content {
        Content::ThoughtRecord(t) => thought_record(cx, &mut f, t),
        Content::ActivityDiary(d) => diary(&mut f, d),
        Content::ActivityPlan(p) => plan(&mut f, p),
        Content::ProblemSolving(p) => problem(&mut f, p),
        Content::Journal(j) => journal(&mut f, j),
        Content::InterpersonalInventory(r) => relationships(cx, &mut f, r),
        Content::Custom(c) => f.string("answer", &c.answer),
        Content::SleepDiary(d) => {
            for n in &d.nights {
                f.group("nights", |g| {
                    g.date("nights.day", &n.day);
                    g.string("nights.bedtime", &n.bedtime);
                    g.minutes("nights.minutes_to_fall_asleep", n.minutes_to_fall_asleep);
                    g.minutes("nights.awake_minutes", n.awake_minutes);
                    g.string("nights.wake_time", &n.wake_time);
                    g.string("nights.rise_time", &n.rise_time);
                });
            }
        }
        Content::SleepWindow(w) => {
            f.string("bedtime", &w.bedtime);
            f.string("rise_time", &w.rise_time);
            f.string("how_it_went", &w.how_it_went);
        }
    }
    f.0
}

fn thought_record(cx: &Context<'_>, f: &mut Items, t: &ThoughtRecord) {
    f.string("situation", &t.situation);
    for m in &t.moods {
        f.group("moods", |g| {
            g.string("moods.name", &m.name);
            g.integer("moods.before", m.before);
        });
    }
    for a in &t.automatic_thoughts {
        f.group("automatic_thoughts", |g| {
            g.string("automatic_thoughts.text", &a.text);
            g.boolean("automatic_thoughts.hot", Some(a.hot));
        });
    }
    f.string("evidence_for", &t.evidence_for);
    f.string("evidence_against", &t.evidence_against);
    f.string("balanced_thought", &t.balanced_thought);
    f.integer("belief", t.belief);
    for m in &t.moods_after {
        f.group("moods_after", |g| {
            g.string("moods_after.name", &m.name);
            g.integer("moods_after.after", m.after);
        });
    }
    let distortions: Vec<Value> = t
        .distortions
        .iter()
        .map(|d| json!({ "valueCoding": cx.local_coding(d.as_str(), d.label()) }))
        .collect();
    f.answers("distortions", distortions);
}

fn diary(f: &mut Items, d: &ActivityDiary) {
    for e in &d.entries {
        f.group("entries", |g| {
            g.date("entries.day", &e.day);
            if let Some(t) = e.time.as_deref().and_then(fhir_time) {
                g.answer("entries.time", json!({ "valueTime": t }));
            }
            g.string("entries.activity", &e.activity);
            g.integer("entries.mastery", e.mastery);
            g.integer("entries.pleasure", e.pleasure);
            g.integer("entries.mood", e.mood);
        });
    }
}

fn plan(f: &mut Items, p: &ActivityPlan) {
    for a in &p.activities {
        f.group("activities", |g| {
            g.date("activities.day", &a.day);
            g.string("activities.activity", &a.activity);
            g.integer("activities.predicted_pleasure", a.predicted_pleasure);
            g.boolean("activities.done", a.done);
            g.integer("activities.actual_pleasure", a.actual_pleasure);
        });
    }
}

fn problem(f: &mut Items, p: &ProblemSolving) {
    f.string("problem", &p.problem);
    f.string("goal", &p.goal);
    for o in &p.options {
        f.group("options", |g| {
            g.string("options.idea", &o.idea);
            g.string("options.pros", &o.pros);
            g.string("options.cons", &o.cons);
        });
    }
    f.string("chosen_plan", &p.chosen_plan);
    f.string("how_it_went", &p.how_it_went);
}

fn journal(f: &mut Items, j: &Journal) {
    f.string("text", &j.text);
    f.integer("mood", j.mood);
}

fn relationships(cx: &Context<'_>, f: &mut Items, r: &Relationships) {
    for p in &r.people {
        f.group("people", |g| {
            g.string("people.name", &p.name);
            g.integer("people.closeness", p.closeness);
            g.string("people.helps", &p.helps);
            g.string("people.hurts", &p.hurts);
        });
    }
    if let Some(focus) = r.focus {
        let coding = cx.local_coding(focus.as_str(), focus.label());
        f.answer("focus", json!({ "valueCoding": coding }));
    }
}

/// `HH:MM` (or `H:MM`) as FHIR's `time`, `HH:MM:SS`.
fn fhir_time(t: &str) -> Option<String> {
    let (h, m) = t.split_once(':')?;
    let h: u8 = h.parse().ok()?;
    Some(format!("{h:02}:{m}:00"))
}

/// The items of a response or of a group, in order; what is empty is not written.
#[derive(Default)]
struct Items(Vec<Value>);

impl Items {
    fn answers(&mut self, link_id: &str, answers: Vec<Value>) {
        if !answers.is_empty() {
            self.0.push(json!({ "linkId": link_id, "answer": answers }));
        }
    }

    fn answer(&mut self, link_id: &str, answer: Value) {
        self.answers(link_id, vec![answer]);
    }

    fn string(&mut self, link_id: &str, text: &str) {
        let text = text.trim();
        if !text.is_empty() {
            self.answer(link_id, json!({ "valueString": text }));
        }
    }

    fn date(&mut self, link_id: &str, day: &str) {
        if !day.is_empty() {
            self.answer(link_id, json!({ "valueDate": day }));
        }
    }

    fn integer(&mut self, link_id: &str, value: Option<u8>) {
        if let Some(v) = value {
            self.answer(link_id, json!({ "valueInteger": v }));
        }
    }

    fn minutes(&mut self, link_id: &str, value: Option<u16>) {
        if let Some(v) = value {
            self.answer(link_id, json!({ "valueInteger": v }));
        }
    }

    fn boolean(&mut self, link_id: &str, value: Option<bool>) {
        if let Some(v) = value {
            self.answer(link_id, json!({ "valueBoolean": v }));
        }
    }

    /// A repeating group's one row; a row with nothing in it is left out (a group needs items).
    fn group(&mut self, link_id: &str, fill: impl FnOnce(&mut Items)) {
        let mut inner = Items::default();
        fill(&mut inner);
        if !inner.0.is_empty() {
            self.0.push(json!({ "linkId": link_id, "item": inner.0 }));
        }
    }
}
