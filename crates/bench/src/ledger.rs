//! The writes of the crash and backup runs, and the check that the database holds each one
//! whole or not at all.
//!
//! Every write carries a marker that can be looked up afterwards: PHQ-9s and check-ins an
//! `Idempotency-Key` (saved in the write's own transaction with the answer, so the key row
//! names the stored id), safety-plan saves their version and a marker in their first step.
//! A write that got a 2xx must be there, whole: its row, its one audit record, its safety
//! flag's evidence when the rules raise one (a PHQ-9 with item 9 above 0, a check-in's `yes`
//! to the question about self-harm). Any other write (no answer, an error, or sent after the
//! backup began) must be whole or absent. Rows that no key names are half-writes too.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;

use anyhow::{Context, Result, anyhow};
use chrono::NaiveDate;
use rapport_store::Db;
use rapport_store::{alerts, audit, checkins, idempotency, measures};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::clock;
use crate::http::Conn;

/// What a write asked for.
#[derive(Debug, Clone)]
pub enum Kind {
    Phq9 { item9: i64 },
    Checkin { self_harm: bool },
    Plan { version: i32, marker: String },
}

/// What came back.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// A 2xx: the stored id (PHQ-9, check-in) or version (plan).
    Acked(String),
    /// An answer other than 2xx.
    Refused(u16),
    /// No answer: the server died first.
    Unanswered,
}

#[derive(Debug, Clone)]
pub struct Write {
    pub kind: Kind,
    pub key: String,
    pub answer: Answer,
    /// Must be in the database whole (acknowledged, and before the backup when there is one).
    pub must: bool,
}

/// A client who writes, and everything they sent.
#[derive(Debug, Clone)]
pub struct Writer {
    pub id: Uuid,
    pub token: String,
    /// The plan version this writer will build on (0 before the first).
    pub plan_version: i32,
    pub writes: Vec<Write>,
}

/// What one check found.
#[derive(Debug, Default, Clone)]
pub struct Check {
    /// Acknowledged writes checked.
    pub acknowledged: u64,
    /// Writes without an acknowledgement found whole in the database.
    pub uncertain_present: u64,
    /// Writes without an acknowledgement absent.
    pub uncertain_absent: u64,
    /// Acknowledged writes missing.
    pub lost: u64,
    /// Writes partly there, or rows no write accounts for.
    pub half_present: u64,
    /// What was wrong, for the report (ids and counts only; no client text).
    pub problems: Vec<String>,
}

impl Check {
    fn lost(&mut self, what: String) {
        self.lost += 1;
        self.problems.push(format!("lost: {what}"));
    }

    fn half(&mut self, what: String) {
        self.half_present += 1;
        self.problems.push(format!("half-present: {what}"));
    }

    pub fn merge(&mut self, o: Check) {
        self.acknowledged += o.acknowledged;
        self.uncertain_present += o.uncertain_present;
        self.uncertain_absent += o.uncertain_absent;
        self.lost += o.lost;
        self.half_present += o.half_present;
        self.problems.extend(o.problems);
    }
}

const MEASURE_ROUTE: &str = "/api/v1/measures";
const CHECKIN_ROUTE: &str = "/api/v1/checkins";

/// Sends one write of `kind` with `key` and returns what came back. `Err` only when the
/// connection failed (the server is gone).
pub async fn send(conn: &mut Conn, w: &Writer, kind: &Kind, key: &str) -> Answer {
    let auth = format!("Bearer {}", w.token);
    let (method, path, body) = match kind {
        Kind::Phq9 { item9 } => (
            "POST",
            MEASURE_ROUTE.to_string(),
            json!({"instrument": "phq9", "answers": [1, 2, 1, 0, 1, 1, 0, 1, item9]}),
        ),
        Kind::Checkin { self_harm } => (
            "POST",
            CHECKIN_ROUTE.to_string(),
            json!({"mood": 4, "sleep_hours": 6.5, "medication": "taken",
                   "self_harm": if *self_harm { "yes" } else { "no" }}),
        ),
        Kind::Plan { version, marker } => (
            "PUT",
            format!("/api/v1/clients/{}/safety-plan", w.id),
            json!({"version": version - 1, "steps": {
                "warning_signs": marker, "coping": "a walk", "distractions": "music",
                "people": "a friend", "professionals": "the clinic", "environment": "kept safe"}}),
        ),
    };
    let text = body.to_string();
    let r = conn
        .request(
            method,
            &path,
            &[("Authorization", &auth), ("Idempotency-Key", key)],
            Some(("application/json", text.as_bytes())),
        )
        .await;
    match r {
        Err(_) => Answer::Unanswered,
        Ok(r) if (200..300).contains(&r.status) => {
            let v: Value = serde_json::from_slice(&r.body).unwrap_or(Value::Null);
            let stored = match kind {
                Kind::Plan { .. } => v["version"].as_i64().map(|n| n.to_string()),
                _ => v["id"].as_str().map(str::to_string),
            };
            match stored {
                Some(s) => Answer::Acked(s),
                None => Answer::Refused(r.status),
            }
        }
        Ok(r) => Answer::Refused(r.status),
    }
}

/// Signs up a new client over the API and signs them in for a token.
pub async fn sign_up(conn: &mut Conn, email: &str) -> Result<Writer> {
    let password = "a long enough password for the crash run";
    let signup = json!({"email": email, "password": password, "name": "Crash Client"});
    let r = conn
        .post_json("/api/v1/auth/signup", None, signup.to_string().as_bytes())
        .await?;
    if r.status != 201 {
        return Err(anyhow!("signup: {}", r.status));
    }
    let v: Value = serde_json::from_slice(&r.body).context("signup: not JSON")?;
    let id = v["user"]["id"]
        .as_str()
        .and_then(|s| Uuid::parse_str(s).ok())
        .ok_or_else(|| anyhow!("signup: no user id"))?;
    let login = json!({"email": email, "password": password});
    let r = conn
        .post_json("/api/v1/auth/login", None, login.to_string().as_bytes())
        .await?;
    if r.status != 200 {
        return Err(anyhow!("login: {}", r.status));
    }
    let v: Value = serde_json::from_slice(&r.body).context("login: not JSON")?;
    let token = v["token"]
        .as_str()
        .ok_or_else(|| anyhow!("login: no token"))?
        .to_string();
    Ok(Writer {
        id,
        token,
        plan_version: 0,
        writes: Vec::new(),
    })
}

/// The plan in force as the server shows it to its client: (version, first step).
async fn plan_in_force(conn: &mut Conn, w: &Writer) -> Result<(i32, String)> {
    let r = conn
        .get_bearer(&format!("/api/v1/clients/{}/safety-plan", w.id), &w.token)
        .await?;
    match r.status {
        404 => Ok((0, String::new())),
        200 => {
            let v: Value = serde_json::from_slice(&r.body).context("safety plan: not JSON")?;
            Ok((
                v["version"].as_i64().unwrap_or(-1) as i32,
                v["steps"]["warning_signs"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            ))
        }
        s => Err(anyhow!("GET safety plan: {s}")),
    }
}

/// Checks every write of every writer against the database and the server at `addr` (for
/// the safety plan, read through the API as its client would). Sets each writer's plan
/// version to the one in force.
pub async fn check(db: &Db, addr: SocketAddr, writers: &mut [Writer]) -> Result<Check> {
    let mut all = Check::default();
    let mut conn = Conn::new(addr)?;
    for w in writers.iter_mut() {
        let plan = plan_in_force(&mut conn, w).await?;
        let version = plan.0;
        all.merge(check_writer(db, w, plan).await?);
        w.plan_version = version;
    }
    Ok(all)
}

async fn check_writer(db: &Db, w: &Writer, plan: (i32, String)) -> Result<Check> {
    let c = db.conn();
    let mut out = Check::default();
    let now = clock::utc_now();
    let stored_measures: HashMap<Uuid, Option<i16>> = measures::series(c, w.id, None, None)
        .await?
        .into_iter()
        .map(|m| (m.id, m.item9))
        .collect();
    let epoch = NaiveDate::from_ymd_opt(2000, 1, 1).context("a date")?;
    let stored_checkins: HashMap<Uuid, Option<String>> = checkins::since(c, None, w.id, epoch)
        .await?
        .into_iter()
        .map(|k| (k.id, k.self_harm))
        .collect();
    let flags = alerts::all_of(c, w.id).await?;
    let safety_flags: Vec<Uuid> = flags
        .iter()
        .filter(|f| f.kind == "safety")
        .map(|f| f.id)
        .collect();
    let evidence = alerts::evidence_of(c, &safety_flags).await?;
    let evidenced_measures: HashSet<Uuid> = evidence.iter().filter_map(|e| e.measure_id).collect();
    let evidenced_checkins: HashSet<Uuid> = evidence.iter().filter_map(|e| e.checkin_id).collect();
    let mut audited: HashMap<String, u32> = HashMap::new();
    for e in audit::for_client(c, w.id, 1_000_000).await? {
        if matches!(
            e.action.as_str(),
            "measure.submitted" | "checkin.submitted" | "safety_plan.saved"
        ) && let Some(r) = e.resource
        {
            *audited.entry(r).or_default() += 1;
        }
    }

    // Each PHQ-9 and check-in by its key.
    let mut named: HashSet<String> = HashSet::new();
    for (i, write) in w.writes.iter().enumerate() {
        let (prefix, stored_here) = match write.kind {
            Kind::Phq9 { .. } => ("measure", true),
            Kind::Checkin { .. } => ("checkin", false),
            Kind::Plan { .. } => continue,
        };
        let label = format!("{} write {i} of client {}", prefix, w.id);
        let saved = idempotency::find(c, w.id, &write.key, now).await?;
        let Some(saved) = saved else {
            if write.must {
                out.lost(label);
            } else {
                out.uncertain_absent += 1;
            }
            continue;
        };
        let id = serde_json::from_str::<Value>(&saved.body)
            .ok()
            .and_then(|v| v["id"].as_str().and_then(|s| Uuid::parse_str(s).ok()));
        let Some(id) = id else {
            out.half(format!("{label}: its key names no id"));
            continue;
        };
        named.insert(format!("{prefix}:{id}"));
        if let Answer::Acked(acked) = &write.answer
            && *acked != id.to_string()
        {
            out.half(format!("{label}: its key names another id than the answer"));
            continue;
        }
        let mut whole = true;
        let row_there = if stored_here {
            stored_measures.contains_key(&id)
        } else {
            stored_checkins.contains_key(&id)
        };
        if !row_there {
            whole = false;
            out.half(format!("{label}: the key is saved, the row is not"));
        }
        let records = audited.get(&format!("{prefix}:{id}")).copied().unwrap_or(0);
        if records != 1 {
            whole = false;
            out.half(format!("{label}: {records} audit records"));
        }
        let wants_flag = match write.kind {
            Kind::Phq9 { item9 } => item9 > 0,
            Kind::Checkin { self_harm } => self_harm,
            Kind::Plan { .. } => false,
        };
        let flagged = if stored_here {
            evidenced_measures.contains(&id)
        } else {
            evidenced_checkins.contains(&id)
        };
        if wants_flag && !flagged {
            whole = false;
            out.half(format!("{label}: no safety flag evidence"));
        }
        if whole {
            if write.must {
                out.acknowledged += 1;
            } else {
                out.uncertain_present += 1;
            }
        }
    }
    // Rows no key names: a write stored without its key (or twice).
    for (id, item9) in &stored_measures {
        if !named.contains(&format!("measure:{id}")) {
            out.half(format!(
                "measure {id} of client {} (item 9 {item9:?}) is named by no key",
                w.id
            ));
        }
    }
    for id in stored_checkins.keys() {
        if !named.contains(&format!("checkin:{id}")) {
            out.half(format!(
                "check-in {id} of client {} is named by no key",
                w.id
            ));
        }
    }
    for (resource, n) in &audited {
        let data = resource.starts_with("measure:") || resource.starts_with("checkin:");
        if data && !named.contains(resource) {
            out.half(format!(
                "{n} audit records of {resource} (client {}) without the row",
                w.id
            ));
        }
    }

    // The safety plan: the version in force is at least the last acknowledged, holds the
    // marker of a save of that version, and each version has exactly one audit record.
    let (version, first_step) = plan;
    let plans: Vec<(i32, &str, bool, &Answer)> = w
        .writes
        .iter()
        .filter_map(|x| match &x.kind {
            Kind::Plan { version, marker } => Some((*version, marker.as_str(), x.must, &x.answer)),
            _ => None,
        })
        .collect();
    let acked = plans
        .iter()
        .filter(|(_, _, must, _)| *must)
        .map(|(v, ..)| *v)
        .max()
        .unwrap_or(0);
    if version < acked {
        out.lost(format!(
            "safety plan of client {}: version {version} in force, {acked} acknowledged",
            w.id
        ));
    }
    if version > 0
        && !plans
            .iter()
            .any(|(v, m, ..)| *v == version && *m == first_step)
    {
        out.half(format!(
            "safety plan of client {}: version {version} holds no save of that version",
            w.id
        ));
    }
    for v in 1..=version {
        let n = audited
            .get(&format!("safety_plan:v{v}"))
            .copied()
            .unwrap_or(0);
        if n != 1 {
            out.half(format!(
                "safety plan of client {} version {v}: {n} audit records",
                w.id
            ));
        }
    }
    let above = audited
        .keys()
        .filter_map(|r| r.strip_prefix("safety_plan:v"))
        .filter_map(|n| n.parse::<i32>().ok())
        .filter(|n| *n > version)
        .count();
    if above > 0 {
        out.half(format!(
            "safety plan of client {}: audit records of versions above {version}",
            w.id
        ));
    }
    for (v, _, must, answer) in &plans {
        if *must {
            if *v <= version {
                out.acknowledged += 1;
            }
        } else if *v <= version && !matches!(answer, Answer::Refused(409)) {
            out.uncertain_present += 1;
        } else {
            out.uncertain_absent += 1;
        }
    }
    Ok(out)
}
