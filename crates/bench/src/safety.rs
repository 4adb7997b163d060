//! `rapport-bench --safety N`: the safety run. New clients sign up over the JSON API and each
//! submits one PHQ-9 with item 9 ≥ 1, many at once, against a real `rapport serve`; every
//! answer must carry the critical safety flag and the crisis lines, and every client must be
//! in the alerts of the clinician on triage duty (they have no care team yet). Outside
//! testing once saw 4 of 2,000 such answers come back without the flag (issue 11): the rules
//! had read the clock a second time. This run exercises the real clock, real connections and
//! real concurrency, on SQLite or (with `--database-url`) PostgreSQL.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use anyhow::{Context, Result, anyhow, bail};
use rapport_app::accounts::totp;
use serde_json::{Value, json};

use crate::clock;
use crate::http::{Conn, Response};
use crate::server::{Server, seed_with};

/// What the run found.
pub struct Outcome {
    pub submitted: u32,
    /// Answers without a critical safety flag or without crisis lines.
    pub unflagged: Vec<String>,
    /// Clients missing from the triage clinician's alerts.
    pub unseen: Vec<String>,
    pub seconds: f64,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.unflagged.is_empty() && self.unseen.is_empty()
    }
}

/// The administrator (`admin`, a token) puts the clinician signed in as `triage` on triage
/// duty, alone.
pub(crate) async fn put_on_triage(conn: &mut Conn, admin: &str, triage: &str) -> Result<()> {
    let me = body(&conn.get_bearer("/api/v1/me", triage).await?, "me", 200)?;
    let duty = json!({"clinician_ids": [me["id"]]});
    let r = conn
        .request(
            "PUT",
            "/api/v1/admin/triage",
            &[("Authorization", &format!("Bearer {admin}"))],
            Some(("application/json", duty.to_string().as_bytes())),
        )
        .await?;
    body(&r, "PUT /api/v1/admin/triage", 200)?;
    Ok(())
}

/// The JSON body of an answer that must have `status` (the error names `what`).
pub(crate) fn body(r: &Response, what: &str, status: u16) -> Result<Value> {
    if r.status != status {
        let text: String = r.text().chars().take(300).collect();
        bail!("{what}: expected {status}, got {} ({text})", r.status);
    }
    serde_json::from_slice(&r.body).with_context(|| format!("{what}: not JSON"))
}

pub(crate) async fn post(
    conn: &mut Conn,
    path: &str,
    token: Option<&str>,
    v: &Value,
) -> Result<Response> {
    conn.post_json(path, token, v.to_string().as_bytes()).await
}

/// A staff token over the API, with the authenticator code of this step or the next.
pub(crate) async fn staff_token(conn: &mut Conn, email: &str, secret: &str) -> Result<String> {
    for ahead in [0i64, 30, 60] {
        let at = clock::utc_now() + chrono::Duration::seconds(ahead);
        let code = totp::code_at(secret, at).map_err(|e| anyhow!("TOTP for {email}: {e}"))?;
        let login =
            json!({"email": email, "password": rapport_demo::seed::SEED_PASSWORD, "totp": code});
        let r = post(conn, "/api/v1/auth/login", None, &login).await?;
        if r.status == 200 {
            let v = body(&r, "login", 200)?;
            return v["token"]
                .as_str()
                .map(str::to_string)
                .ok_or_else(|| anyhow!("no token for {email}"));
        }
    }
    bail!("{email} could not sign in with an authenticator code")
}

/// One new client: signs up, signs in, submits a PHQ-9 with item 9 = `item9`. Returns the
/// client's id and whether the answer carried the critical safety flag and the crisis lines.
/// A new client signs up and signs in over the API: their id and API token.
pub(crate) async fn sign_up(conn: &mut Conn, email: &str, name: &str) -> Result<(String, String)> {
    let password = "a long enough password";
    let signup = json!({"email": email, "password": password, "name": name});
    let user = body(
        &post(conn, "/api/v1/auth/signup", None, &signup).await?,
        "signup",
        201,
    )?;
    let id = user["user"]["id"]
        .as_str()
        .ok_or_else(|| anyhow!("signup: no user id"))?
        .to_string();
    let login = json!({"email": email, "password": password});
    let token = body(
        &post(conn, "/api/v1/auth/login", None, &login).await?,
        "login",
        200,
    )?["token"]
        .as_str()
        .ok_or_else(|| anyhow!("login: no token"))?
        .to_string();
    Ok((id, token))
}

async fn one(conn: &mut Conn, run: &str, n: u32, item9: i64) -> Result<(String, bool)> {
    let (id, token) = sign_up(
        conn,
        &format!("safety-{run}-{n}@example.org"),
        &format!("Client {n}"),
    )
    .await?;
    let answers = json!([1, 1, 0, 1, 0, 1, 0, 0, item9]);
    let phq9 = json!({"instrument": "phq9", "answers": answers});
    let r = body(
        &post(conn, "/api/v1/measures", Some(&token), &phq9).await?,
        "PHQ-9",
        201,
    )?;
    let flagged = r["flags"].as_array().is_some_and(|f| {
        f.iter()
            .any(|f| f["kind"] == "safety" && f["level"] == "critical")
    });
    let crisis = r["crisis"].as_array().is_some_and(|c| !c.is_empty());
    Ok((id, flagged && crisis))
}

/// Seeds a small practice (an administrator, one clinician and one client) in `data`, starts the server,
/// puts the clinician on triage duty, and runs `clients` new clients over `concurrency`
/// connections.
pub async fn run(
    rapport: &Path,
    data: &Path,
    env: &[(String, String)],
    clients: u32,
    concurrency: usize,
) -> Result<Outcome> {
    seed_with(rapport, data, 1, 1, 1, env)?;
    let staff = std::fs::read_to_string(data.join("seed-staff.txt"))
        .context("cannot read seed-staff.txt")?;
    let staff: Vec<(&str, &str)> = staff
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(e, s)| (e.trim(), s.trim()))
        .collect();
    let (Some(admin), Some(clinician)) = (staff.first(), staff.get(1)) else {
        bail!("seed-staff.txt lists no administrator and clinician");
    };
    let server = Server::start(rapport, data, data, env).await?;
    let outcome = drive(server.addr, admin, clinician, clients, concurrency).await;
    let log = server.log_tail();
    server.stop().await?;
    outcome.with_context(|| format!("the server's log ends:\n{log}"))
}

async fn drive(
    addr: SocketAddr,
    admin: &(&str, &str),
    clinician: &(&str, &str),
    clients: u32,
    concurrency: usize,
) -> Result<Outcome> {
    let mut conn = Conn::new(addr)?;
    let admin = staff_token(&mut conn, admin.0, admin.1).await?;
    let triage = staff_token(&mut conn, clinician.0, clinician.1).await?;
    put_on_triage(&mut conn, &admin, &triage).await?;

    // A run tag keeps e-mail addresses new when the same database is used twice.
    let run = format!("{}", clock::utc_now().timestamp_millis());
    let next = Arc::new(AtomicU32::new(0));
    let started = clock::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..concurrency {
        let (next, run) = (Arc::clone(&next), run.clone());
        tasks.spawn(async move {
            let mut conn = Conn::new(addr)?;
            let mut out = Vec::new();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= clients {
                    break;
                }
                out.push(one(&mut conn, &run, n, 1 + i64::from(n % 3)).await?);
            }
            anyhow::Ok(out)
        });
    }
    let mut answers = Vec::new();
    while let Some(r) = tasks.join_next().await {
        answers.extend(r.context("a client task failed")??);
    }
    let seconds = started.elapsed().as_secs_f64();

    let alerts = body(
        &conn
            .get_bearer("/api/v1/alerts?status=open", &triage)
            .await?,
        "GET /api/v1/alerts",
        200,
    )?;
    let seen: HashSet<&str> = alerts
        .as_array()
        .into_iter()
        .flatten()
        .filter(|a| a["kind"] == "safety" && a["level"] == "critical")
        .filter_map(|a| a["client_id"].as_str())
        .collect();
    Ok(Outcome {
        submitted: answers.len() as u32,
        unflagged: answers
            .iter()
            .filter(|(_, flagged)| !flagged)
            .map(|(id, _)| id.clone())
            .collect(),
        unseen: answers
            .iter()
            .filter(|(id, _)| !seen.contains(id.as_str()))
            .map(|(id, _)| id.clone())
            .collect(),
        seconds,
    })
}
