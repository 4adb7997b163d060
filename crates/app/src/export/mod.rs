//! The client's own copy of their record (GDPR Art. 15 and 20): one ZIP with a FHIR R4
//! Bundle, a printable summary, CSV tables and a README (`rapport_core::export`).
//!
//! Everything is read in one snapshot behind `Action::ExportRecord` (the client, for
//! themself) and audited as `record.exported`. What is read is what the client sees on their
//! own pages; psychotherapy notes, progress notes and risk assessments are not read at all,
//! and nothing of anyone else's record is.

mod zip;

use std::collections::HashMap;

use chrono::NaiveDate;
use rapport_core::export::{
    self, Checkin, Goal, GoalProgress, IntakeAnswers, Message, Record, SectionedPlan, Session,
    TeamMember, TreatmentPlanVersion,
};
use rapport_core::goals::GoalStatus;
use rapport_core::measures::Medication;
use rapport_core::plans::{RELAPSE_SECTIONS, SAFETY_STEPS, TreatmentPlan};
use rapport_core::sessions::{Attendance, Modality, SessionKind};
use rapport_store::accounts::users;
use rapport_store::plans::documents;
use rapport_store::{checkins, goals, intakes, messaging, plans, sessions};
use uuid::Uuid;

use crate::access::{self, ReadScope};
use crate::audit_log::Entry;
use crate::policy::Action;
use crate::words::stored;
use crate::{Actor, App, Error, Result};

const AUDIT: &str = "record.exported";

/// The ZIP and the name to save it under.
#[derive(Debug, Clone)]
pub struct ExportFile {
    /// `rapport-export-2026-12-05.zip`: a date, never a name.
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// The client's whole record as a ZIP: the client themself, nobody else (not their care
/// team, family or an administrator).
pub async fn export_record(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    base_url: &str,
) -> Result<ExportFile> {
    let scope = access::read(app, actor, Action::ExportRecord, client_id, AUDIT).await?;
    let record = read(app, &scope, base_url).await?;
    scope.finish(Entry::ok(AUDIT)).await?;
    let files = export::files(&record);
    Ok(ExportFile {
        file_name: export::file_name(record.made_at),
        bytes: zip::write(&files, record.made_at),
    })
}

async fn read(app: &App, scope: &ReadScope<'_>, base_url: &str) -> Result<Record> {
    let fhir = crate::fhir::input(app, scope, base_url).await?;
    let mut names = Names::new(scope.client_id());
    Ok(Record {
        fhir,
        made_at: app.now(),
        checkins: checkins_of(scope).await?,
        goals: goals_of(scope).await?,
        treatment_plans: treatment_plans_of(scope, &mut names).await?,
        safety_plan: safety_plan_of(scope, &mut names).await?,
        relapse_plan: relapse_plan_of(scope, &mut names).await?,
        sessions: sessions_of(scope, &mut names).await?,
        care_team: care_team_of(scope).await?,
        messages: messages_of(scope, &mut names).await?,
        intake: intake_of(scope).await?,
    })
}

/// Clinicians' names, looked up once each. The client is "you".
struct Names {
    client: Uuid,
    known: HashMap<Uuid, String>,
}

impl Names {
    fn new(client: Uuid) -> Self {
        Names {
            client,
            known: HashMap::new(),
        }
    }

    async fn of(&mut self, scope: &ReadScope<'_>, id: Uuid) -> Result<String> {
        if id == self.client {
            return Ok("you".into());
        }
        if let Some(n) = self.known.get(&id) {
            return Ok(n.clone());
        }
        let name = users::find(scope.conn(), scope.keys(), id)
            .await?
            .map(|u| u.name)
            .unwrap_or_default();
        self.known.insert(id, name.clone());
        Ok(name)
    }
}

async fn checkins_of(scope: &ReadScope<'_>) -> Result<Vec<Checkin>> {
    let since = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    checkins::since_of(&scope.client(), since)
        .await?
        .into_iter()
        .map(|k| {
            Ok(Checkin {
                id: k.id.to_string(),
                day: k.day,
                taken_at: k.taken_at,
                mood: k.mood.clamp(0, 10) as u8,
                sleep_hours: f64::from(k.sleep_quarters) / 4.0,
                medication: stored(&k.medication, Medication::parse)?,
                note: k.note,
            })
        })
        .collect()
}

async fn goals_of(scope: &ReadScope<'_>) -> Result<Vec<Goal>> {
    goals::of_client(&scope.client())
        .await?
        .into_iter()
        .map(|g| {
            Ok(Goal {
                id: g.id.to_string(),
                title: g.title,
                success: g.success,
                measured_by: g.measured_by,
                target_date: g.target_date,
                status: stored(&g.status, GoalStatus::parse)?,
                close_reason: g.close_reason,
                created_at: g.created_at,
                progress: g
                    .progress
                    .into_iter()
                    .map(|p| GoalProgress {
                        at: p.at,
                        rating: p.rating,
                        note: p.note,
                    })
                    .collect(),
            })
        })
        .collect()
}

async fn treatment_plans_of(
    scope: &ReadScope<'_>,
    names: &mut Names,
) -> Result<Vec<TreatmentPlanVersion>> {
    let mut out = vec![];
    for v in documents::versions_of(&scope.client(), "treatment").await? {
        let plan: TreatmentPlan = body(&v.body)?;
        out.push(TreatmentPlanVersion {
            id: v.id.to_string(),
            version: v.version,
            plan,
            review_on: v.review_on,
            written_by: names.of(scope, v.written_by).await?,
            written_at: v.created_at,
            agreed_at: v.agreed_at,
        });
    }
    out.sort_by_key(|v| v.version);
    Ok(out)
}

async fn safety_plan_of(scope: &ReadScope<'_>, names: &mut Names) -> Result<Option<SectionedPlan>> {
    let Some(p) = plans::current_of(&scope.client()).await? else {
        return Ok(None);
    };
    Ok(Some(SectionedPlan {
        id: p.id.to_string(),
        version: p.version,
        updated_at: p.created_at,
        written_by: names.of(scope, p.written_by).await?,
        sections: SAFETY_STEPS
            .iter()
            .map(|s| s.title.to_string())
            .zip(p.steps)
            .collect(),
    }))
}

async fn relapse_plan_of(
    scope: &ReadScope<'_>,
    names: &mut Names,
) -> Result<Option<SectionedPlan>> {
    let Some(v) = documents::current_of(&scope.client(), "relapse").await? else {
        return Ok(None);
    };
    let texts: [String; 4] = body(&v.body)?;
    Ok(Some(SectionedPlan {
        id: v.id.to_string(),
        version: v.version,
        updated_at: v.created_at,
        written_by: names.of(scope, v.written_by).await?,
        sections: RELAPSE_SECTIONS
            .iter()
            .map(|s| s.title.to_string())
            .zip(texts)
            .collect(),
    }))
}

/// The sessions the client is in: when, how, with whom (the clinician), and their own
/// attendance; nothing about anyone else in a family or group session.
async fn sessions_of(scope: &ReadScope<'_>, names: &mut Names) -> Result<Vec<Session>> {
    let mut out = vec![];
    for (s, attendee) in sessions::of_client(scope.conn(), scope.keys(), scope.client_id()).await? {
        out.push(Session {
            id: s.id.to_string(),
            starts_at: s.starts_at,
            minutes: u16::try_from(s.minutes).unwrap_or(0),
            kind: stored(&s.kind, SessionKind::parse)?,
            modality: stored(&s.modality, Modality::parse)?,
            place: s.place,
            clinician: names.of(scope, s.clinician_id).await?,
            cancelled: s.cancelled_at.is_some(),
            attendance: attendee.attendance.as_deref().and_then(Attendance::parse),
        });
    }
    Ok(out)
}

async fn care_team_of(scope: &ReadScope<'_>) -> Result<Vec<TeamMember>> {
    Ok(
        crate::care_teams::team_members(scope.conn(), scope.keys(), scope.client_id())
            .await?
            .into_iter()
            .map(|m| TeamMember {
                name: m.name,
                role: m.role.label().to_string(),
                credential: m.credential.map(|c| c.label().to_string()),
                since: m.since,
            })
            .collect(),
    )
}

async fn messages_of(scope: &ReadScope<'_>, names: &mut Names) -> Result<Vec<Message>> {
    let mut out = vec![];
    for m in messaging::of_client(&scope.client()).await? {
        let from_clinician = if m.author_id == scope.client_id() {
            None
        } else {
            Some(names.of(scope, m.author_id).await?)
        };
        out.push(Message {
            id: m.id.to_string(),
            sent_at: m.sent_at,
            from_clinician,
            body: m.body,
        });
    }
    Ok(out)
}

async fn intake_of(scope: &ReadScope<'_>) -> Result<Option<IntakeAnswers>> {
    let Some(row) = intakes::latest(&scope.client()).await? else {
        return Ok(None);
    };
    Ok(Some(IntakeAnswers {
        id: row.id.to_string(),
        updated_at: row.updated_at,
        submitted_at: row.submitted_at,
        intake: body(&row.body)?,
    }))
}

fn body<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| Error::Internal(format!("plan version: {e}")))
}
