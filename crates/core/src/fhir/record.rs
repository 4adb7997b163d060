//! The client's whole record for their own export: the measures and homework of
//! [`super::bundle`], then their daily check-ins (`Observation`), goals (`Goal`), treatment
//! plan versions, safety plan and plan for staying well (`CarePlan`), sessions (`Encounter`),
//! care team (`CareTeam`) and secure messages (`Communication`). Clinicians appear by name
//! only (a `Reference` with a `display`): the export holds no one's record but the client's.

use serde_json::{Map, Value, json};

use super::context::{Context, entry, reference, survey_category};
use super::uuid::Uuid;
use crate::export::{
    Checkin, Goal, IntakeAnswers, Message, Record, SectionedPlan, Session, TeamMember,
    TreatmentPlanVersion, instant,
};
use crate::goals::GoalStatus;
use crate::sessions::{Attendance, Modality};

const UCUM: &str = "http://unitsofmeasure.org";
const ACT_CODE: &str = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

/// The client's export as a FHIR R4 `Bundle` of type `collection`.
pub fn record_bundle(record: &Record) -> Value {
    let mut bundle = super::bundle(&record.fhir);
    let cx = Context::new(&record.fhir);
    let base = record.fhir.base_url.trim_end_matches('/');
    let id = |kind: &str, id: &str| {
        Uuid::parse(id).unwrap_or_else(|| Uuid::of_url(&format!("{base}/fhir/{kind}/{id}")))
    };
    let mut more = vec![];
    if let Some(i) = &record.intake {
        let uid = id("QuestionnaireResponse", &format!("intake-{}", i.id));
        more.push(entry(uid, intake(&cx, uid, i, base)));
    }
    for k in &record.checkins {
        let uid = id("Observation", &format!("checkin-{}", k.id));
        more.push(entry(uid, checkin(&cx, uid, k)));
    }
    for g in &record.goals {
        let uid = id("Goal", &g.id);
        more.push(entry(uid, goal(&cx, uid, g)));
    }
    let mut previous: Option<Uuid> = None;
    let last = record.treatment_plans.len();
    for (i, p) in record.treatment_plans.iter().enumerate() {
        let uid = id("CarePlan", &p.id);
        more.push(entry(
            uid,
            treatment_plan(&cx, uid, p, i + 1 == last, previous),
        ));
        previous = Some(uid);
    }
    for (plan, title) in [
        (&record.safety_plan, "Safety plan"),
        (&record.relapse_plan, "Plan for staying well"),
    ] {
        if let Some(p) = plan {
            let uid = id("CarePlan", &p.id);
            more.push(entry(uid, sectioned(&cx, uid, p, title)));
        }
    }
    for s in &record.sessions {
        let uid = id("Encounter", &s.id);
        more.push(entry(uid, encounter(&cx, uid, s, record)));
    }
    if !record.care_team.is_empty() {
        let uid = Uuid::v5(cx.patient, "CareTeam");
        more.push(entry(uid, care_team(&cx, uid, &record.care_team)));
    }
    for m in &record.messages {
        let uid = id("Communication", &m.id);
        more.push(entry(uid, communication(&cx, uid, m)));
    }
    if let Some(entries) = bundle.get_mut("entry").and_then(Value::as_array_mut) {
        entries.extend(more);
    }
    bundle
}

fn resource(kind: &str, id: Uuid) -> Map<String, Value> {
    let mut r = Map::new();
    r.insert("resourceType".into(), kind.into());
    r.insert("id".into(), id.to_string().into());
    r
}

fn display(name: &str) -> Value {
    json!({ "display": name })
}

fn concept(cx: &Context<'_>, code: &str, text: &str) -> Value {
    json!({ "coding": [cx.local_coding(code, text)], "text": text })
}

fn notes(texts: impl IntoIterator<Item = String>) -> Option<Value> {
    let list: Vec<Value> = texts
        .into_iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| json!({ "text": t }))
        .collect();
    (!list.is_empty()).then_some(Value::Array(list))
}

/// The intake, each answer an item named by its field (`life_events.1`), its value as text.
fn intake(cx: &Context<'_>, id: Uuid, i: &IntakeAnswers, base: &str) -> Value {
    let mut r = resource("QuestionnaireResponse", id);
    r.insert(
        "questionnaire".into(),
        format!("{base}/fhir/Questionnaire/intake").into(),
    );
    let status = if i.submitted_at.is_some() {
        "completed"
    } else {
        "in-progress"
    };
    r.insert("status".into(), status.into());
    r.insert("subject".into(), cx.patient_reference());
    r.insert("authored".into(), instant(i.updated_at).into());
    let items: Vec<Value> = i
        .answers()
        .into_iter()
        .map(|(field, value)| json!({ "linkId": field, "answer": [{ "valueString": value }] }))
        .collect();
    if !items.is_empty() {
        r.insert("item".into(), Value::Array(items));
    }
    Value::Object(r)
}

/// A daily check-in: mood (0–10), hours slept and medication as components, the note as a
/// note.
fn checkin(cx: &Context<'_>, id: Uuid, k: &Checkin) -> Value {
    let mut obs = resource("Observation", id);
    obs.insert("status".into(), "final".into());
    obs.insert("category".into(), survey_category());
    obs.insert("code".into(), concept(cx, "checkin", "Daily check-in"));
    obs.insert("subject".into(), cx.patient_reference());
    obs.insert("effectiveDateTime".into(), instant(k.taken_at).into());
    obs.insert(
        "component".into(),
        json!([
            { "code": concept(cx, "checkin-mood", "Mood (0 to 10)"), "valueInteger": k.mood },
            {
                "code": concept(cx, "checkin-sleep", "Hours slept"),
                "valueQuantity": { "value": k.sleep_hours, "unit": "h", "system": UCUM, "code": "h" },
            },
            {
                "code": concept(cx, "checkin-medication", "Medication"),
                "valueCodeableConcept": concept(
                    cx,
                    &format!("medication-{}", k.medication.as_str()),
                    k.medication.label(),
                ),
            },
        ]),
    );
    if let Some(n) = notes(k.note.clone()) {
        obs.insert("note".into(), n);
    }
    Value::Object(obs)
}

fn goal(cx: &Context<'_>, id: Uuid, g: &Goal) -> Value {
    let mut r = resource("Goal", id);
    let (lifecycle, achievement) = match g.status {
        GoalStatus::Active => ("active", "in-progress"),
        GoalStatus::Achieved => ("completed", "achieved"),
        GoalStatus::Dropped => ("cancelled", "not-achieved"),
    };
    r.insert("lifecycleStatus".into(), lifecycle.into());
    r.insert(
        "achievementStatus".into(),
        json!({ "coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/goal-achievement",
            "code": achievement,
        }], "text": g.status.label() }),
    );
    r.insert("description".into(), json!({ "text": g.title }));
    r.insert("subject".into(), cx.patient_reference());
    r.insert(
        "startDate".into(),
        g.created_at.date_naive().to_string().into(),
    );
    if let Some(due) = g.target_date {
        r.insert("target".into(), json!([{ "dueDate": due.to_string() }]));
    }
    let mut texts = vec![format!("What success looks like: {}", g.success)];
    texts.extend(g.measured_by.iter().map(|m| format!("Measured by: {m}")));
    texts.extend(g.close_reason.iter().map(|m| format!("Closed: {m}")));
    texts.extend(g.progress.iter().map(|p| {
        let note = p
            .note
            .as_deref()
            .map(|n| format!(": {n}"))
            .unwrap_or_default();
        format!("{} progress {}/10{note}", p.at.date_naive(), p.rating)
    }));
    if let Some(n) = notes(texts) {
        r.insert("note".into(), n);
    }
    Value::Object(r)
}

/// A version of the treatment plan; the one in force is `active`, earlier ones `revoked` and
/// replaced by the next.
fn treatment_plan(
    cx: &Context<'_>,
    id: Uuid,
    v: &TreatmentPlanVersion,
    current: bool,
    replaces: Option<Uuid>,
) -> Value {
    let p = &v.plan;
    let mut r = resource("CarePlan", id);
    r.insert(
        "status".into(),
        if current { "active" } else { "revoked" }.into(),
    );
    r.insert("intent".into(), "plan".into());
    r.insert(
        "category".into(),
        json!([concept(cx, "treatment-plan", "Treatment plan")]),
    );
    r.insert(
        "title".into(),
        format!("Treatment plan, version {}", v.version).into(),
    );
    let mut what = format!(
        "{}; {}; {}; {}; about {} sessions",
        p.approach.label(),
        p.format.label(),
        p.delivery.label(),
        p.frequency.label(),
        p.expected_sessions,
    );
    if let Some(f) = p.ipt_focus {
        what.push_str(&format!("; focus: {}", f.label()));
    }
    if p.with_medication {
        what.push_str("; alongside medication");
    }
    r.insert("description".into(), what.into());
    r.insert("subject".into(), cx.patient_reference());
    r.insert("created".into(), instant(v.written_at).into());
    r.insert("author".into(), display(&v.written_by));
    if let Some(prev) = replaces {
        r.insert("replaces".into(), json!([reference(prev)]));
    }
    let measures: Vec<&str> = p.target_measures.iter().map(|m| m.label()).collect();
    let mut texts = vec![format!("Questionnaires: {}", measures.join(", "))];
    texts.extend(v.review_on.map(|d| format!("To be reviewed on {d}")));
    texts.extend(
        v.agreed_at
            .map(|d| format!("Agreed by the client on {}", d.date_naive())),
    );
    texts.push(p.notes.clone());
    if let Some(n) = notes(texts) {
        r.insert("note".into(), n);
    }
    Value::Object(r)
}

/// The safety plan or the plan for staying well: each section an activity.
fn sectioned(cx: &Context<'_>, id: Uuid, p: &SectionedPlan, title: &str) -> Value {
    let mut r = resource("CarePlan", id);
    r.insert("status".into(), "active".into());
    r.insert("intent".into(), "plan".into());
    let code = title.to_lowercase().replace(' ', "-");
    r.insert("category".into(), json!([concept(cx, &code, title)]));
    r.insert(
        "title".into(),
        format!("{title}, version {}", p.version).into(),
    );
    r.insert("subject".into(), cx.patient_reference());
    r.insert("created".into(), instant(p.updated_at).into());
    r.insert("author".into(), display(&p.written_by));
    let activities: Vec<Value> = p
        .sections
        .iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(heading, text)| {
            json!({ "detail": {
                "status": "in-progress",
                "code": { "text": heading },
                "description": text.trim(),
            } })
        })
        .collect();
    if !activities.is_empty() {
        r.insert("activity".into(), Value::Array(activities));
    }
    Value::Object(r)
}

/// A session: `planned` ahead, `cancelled` when called off, `finished` once attended.
fn encounter(cx: &Context<'_>, id: Uuid, s: &Session, record: &Record) -> Value {
    let status = if s.cancelled {
        "cancelled"
    } else {
        match s.attendance {
            Some(Attendance::Attended) => "finished",
            Some(Attendance::LateCancelled | Attendance::NoShow) => "cancelled",
            None if s.starts_at > record.made_at => "planned",
            None => "unknown",
        }
    };
    let (class, class_name) = match s.modality {
        Modality::InPerson => ("AMB", "ambulatory"),
        Modality::Online | Modality::Phone => ("VR", "virtual"),
    };
    let mut r = resource("Encounter", id);
    r.insert("status".into(), status.into());
    r.insert(
        "class".into(),
        json!({ "system": ACT_CODE, "code": class, "display": class_name }),
    );
    let kind = format!("{} session, {}", s.kind.label(), s.modality.label());
    r.insert(
        "type".into(),
        json!([concept(cx, &format!("session-{}", s.kind.as_str()), &kind)]),
    );
    r.insert("subject".into(), cx.patient_reference());
    r.insert(
        "participant".into(),
        json!([{ "individual": display(&s.clinician) }]),
    );
    let end = s.starts_at + chrono::Duration::minutes(i64::from(s.minutes));
    r.insert(
        "period".into(),
        json!({ "start": instant(s.starts_at), "end": instant(end) }),
    );
    r.insert(
        "length".into(),
        json!({ "value": s.minutes, "unit": "min", "system": UCUM, "code": "min" }),
    );
    if let Some(a) = s.attendance {
        r.insert(
            "extension".into(),
            json!([{
                "url": format!("{}/fhir/StructureDefinition/attendance", record.fhir.base_url.trim_end_matches('/')),
                "valueString": a.label(),
            }]),
        );
    }
    if let Some(place) = s.place.as_deref().filter(|p| !p.trim().is_empty()) {
        r.insert(
            "location".into(),
            json!([{ "location": display(place.trim()) }]),
        );
    }
    Value::Object(r)
}

fn care_team(cx: &Context<'_>, id: Uuid, team: &[TeamMember]) -> Value {
    let mut r = resource("CareTeam", id);
    r.insert("status".into(), "active".into());
    r.insert("name".into(), "Your care team".into());
    r.insert("subject".into(), cx.patient_reference());
    let members: Vec<Value> = team
        .iter()
        .map(|m| {
            let name = match &m.credential {
                Some(c) => format!("{}, {c}", m.name),
                None => m.name.clone(),
            };
            json!({
                "role": [{ "text": m.role }],
                "member": display(&name),
                "period": { "start": instant(m.since) },
            })
        })
        .collect();
    r.insert("participant".into(), Value::Array(members));
    Value::Object(r)
}

fn communication(cx: &Context<'_>, id: Uuid, m: &Message) -> Value {
    let mut r = resource("Communication", id);
    r.insert("status".into(), "completed".into());
    r.insert("subject".into(), cx.patient_reference());
    r.insert("sent".into(), instant(m.sent_at).into());
    let (sender, recipient) = match &m.from_clinician {
        None => (cx.patient_reference(), display("Your care team")),
        Some(name) => (display(name), cx.patient_reference()),
    };
    r.insert("sender".into(), sender);
    r.insert("recipient".into(), json!([recipient]));
    r.insert("payload".into(), json!([{ "contentString": m.body }]));
    Value::Object(r)
}
