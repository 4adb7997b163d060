//! `rapport-bench --admin N`: administration at the size of a real service (issue 17). A
//! temporary folder is seeded with N clients (`--days` of history, 7 unless given), a real
//! `rapport serve` starts on it, the seeded administrator signs in (browser session and API
//! token), and every administration page and API is asked for one after another over one
//! keep-alive connection, each request followed by a `GET /healthz` on the same connection:
//! the baseline measured in the same run. Target: p99 ≤ 50 ms for each.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use rapport_app::accounts::totp;
use rapport_demo::seed::{ADMIN_EMAIL, SEED_PASSWORD, client_email, totp_secret_for};
use serde_json::{Value, json};

use crate::clock;
use crate::http::Conn;
use crate::server::{Server, seed};
use crate::signin;
use crate::stats::{Samples, Summary, ratio};

/// The target of issue 17 for every administration page and API.
pub const TARGET_P99_MS: f64 = 50.0;

/// One kind of request and what it measured.
pub struct Measured {
    pub name: String,
    pub summary: Summary,
}

pub struct Outcome {
    pub clients: u32,
    pub seed_secs: f64,
    pub startup_secs: f64,
    pub kinds: Vec<Measured>,
    pub healthz: Summary,
}

/// An API token for the administrator: a code of a later step than the browser's sign-in.
async fn admin_token(conn: &mut Conn) -> Result<String> {
    let secret = totp_secret_for(ADMIN_EMAIL);
    for ahead in [30i64, 60, 0] {
        let at = clock::utc_now() + chrono::Duration::seconds(ahead);
        let code = totp::code_at(&secret, at).map_err(|e| anyhow!("TOTP: {e}"))?;
        let body = json!({"email": ADMIN_EMAIL, "password": SEED_PASSWORD, "totp": code});
        let r = conn
            .post_json("/api/v1/auth/login", None, body.to_string().as_bytes())
            .await?;
        if r.status == 200 {
            let v: Value = serde_json::from_slice(&r.body)?;
            return v["token"]
                .as_str()
                .map(str::to_string)
                .ok_or_else(|| anyhow!("no token"));
        }
    }
    bail!("the administrator could not sign in over the API")
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Where the run's data comes from.
pub enum Seeding {
    /// Seed this empty folder with this many days of history first.
    Fresh(PathBuf, u32),
    /// A folder already seeded (`rapport seed`) with the run's number of clients.
    Given(PathBuf),
}

pub async fn run(
    rapport: &Path,
    seeding: &Seeding,
    env: &[(String, String)],
    clients: u32,
    requests: u32,
) -> Result<Outcome> {
    let started = clock::now();
    let data = match seeding {
        Seeding::Fresh(data, days) => {
            seed(rapport, data, clients, (clients / 150).max(1), *days)?;
            data
        }
        Seeding::Given(data) => data,
    };
    let seed_secs = started.elapsed().as_secs_f64();
    let logs = tempfile::tempdir().context("cannot make a temporary folder")?;
    let server = Server::start(rapport, data, logs.path(), env).await?;
    let startup_secs = server.startup.as_secs_f64();
    // The start-up housekeeping (the hourly sweep's first round) must not be measured.
    server.settle(Duration::from_secs(300)).await?;
    let mut conn = Conn::new(server.addr)?;
    let admin = signin::clinician(&mut conn, ADMIN_EMAIL, &totp_secret_for(ADMIN_EMAIL)).await?;
    let token = admin_token(&mut conn).await?;

    // A client deep in the list: their name and e-mail to search for.
    let total_pages = clients.div_ceil(25).max(1);
    let deep = (total_pages * 3 / 4).max(1);
    let r = conn
        .get_bearer(
            &format!("/api/v1/admin/users?role=client&page={deep}"),
            &token,
        )
        .await?;
    let v: Value = serde_json::from_slice(&r.body).context("the account list")?;
    let someone = v["users"][0]["name"]
        .as_str()
        .ok_or_else(|| anyhow!("no account on page {deep}: {}", r.text()))?
        .to_string();
    let words: Vec<&str> = someone.split_whitespace().collect();
    let name_q = match words.as_slice() {
        [first, second, ..] => format!("{first} {}", second.chars().take(3).collect::<String>()),
        [only] => only.to_string(),
        [] => "a".into(),
    };
    let email_q = client_email(clients / 2);

    let pages: Vec<(String, String, bool)> = vec![
        ("hub /admin".into(), "/admin".into(), false),
        ("accounts page 1".into(), "/admin/users".into(), false),
        (
            "accounts page, name".into(),
            format!("/admin/users?q={}", encode(&name_q)),
            false,
        ),
        (
            "accounts page, deep page".into(),
            format!("/admin/users?role=client&page={deep}"),
            false,
        ),
        (
            "API accounts, name".into(),
            format!("/api/v1/admin/users?q={}", encode(&name_q)),
            true,
        ),
        (
            "API accounts, e-mail".into(),
            format!("/api/v1/admin/users?q={}", encode(&email_q)),
            true,
        ),
        (
            "API accounts, role".into(),
            "/api/v1/admin/users?role=clinician".into(),
            true,
        ),
        (
            "API accounts, deep page".into(),
            format!("/api/v1/admin/users?role=client&page={deep}"),
            true,
        ),
        (
            "care teams, client search".into(),
            format!("/admin/care-teams?client_q={}", encode(&name_q)),
            false,
        ),
        ("triage duty".into(), "/admin/triage".into(), false),
        ("on-call rota".into(), "/admin/on-call".into(), false),
        (
            "clinician verification".into(),
            "/admin/clinicians".into(),
            false,
        ),
        ("settings page".into(), "/admin/settings".into(), false),
        ("API settings".into(), "/api/v1/admin/settings".into(), true),
        ("audit page".into(), "/admin/audit".into(), false),
        (
            "audit page, filtered".into(),
            "/admin/audit?action=auth.sign_in&outcome=ok".into(),
            false,
        ),
        (
            "API audit, filtered".into(),
            "/api/v1/admin/audit?action=seed.completed".into(),
            true,
        ),
        ("jobs page".into(), "/admin/jobs".into(), false),
    ];
    let mut healthz = Samples::default();
    let mut kinds = Vec::new();
    let run = clock::now();
    for (name, path, api) in pages {
        let mut s = Samples::default();
        for _ in 0..requests {
            let t = clock::now();
            let r = if api {
                conn.get_bearer(&path, &token).await?
            } else {
                conn.get(&path, Some(&admin.cookie)).await?
            };
            if r.status == 200 {
                s.ok(t.elapsed());
            } else {
                s.err();
                if s.errors == 1 {
                    let text: String = r.text().chars().take(200).collect();
                    eprintln!("{name}: {path} answered {}: {text}", r.status);
                }
            }
            let t = clock::now();
            match conn.get("/healthz", None).await {
                Ok(r) if r.status == 200 => healthz.ok(t.elapsed()),
                _ => healthz.err(),
            }
        }
        kinds.push(Measured {
            name: format!("{name} ({path})"),
            summary: s.summary(run.elapsed()),
        });
    }
    let elapsed = run.elapsed();
    server.stop().await?;
    Ok(Outcome {
        clients,
        seed_secs,
        startup_secs,
        kinds,
        healthz: healthz.summary(elapsed),
    })
}

/// The lines the run prints.
pub fn report(o: &Outcome) -> Vec<String> {
    let h = &o.healthz;
    let mut lines = vec![
        format!(
            "ADMIN {} clients: seeded in {:.1} s; serving {:.1} s after start",
            o.clients, o.seed_secs, o.startup_secs
        ),
        format!(
            "BASELINE GET /healthz on the same connection: median {:.2} ms, p99 {:.2} ms",
            h.p50_ms, h.p99_ms
        ),
    ];
    for k in &o.kinds {
        let s = &k.summary;
        lines.push(format!(
            "ADMIN {}: {} requests, {} errors, median {:.2} ms, p99 {:.2} ms, max {:.2} ms; ÷ baseline: median {:.1}×, p99 {:.1}×{}",
            k.name,
            s.count,
            s.errors,
            s.p50_ms,
            s.p99_ms,
            s.max_ms,
            ratio(s.p50_ms, h.p50_ms),
            ratio(s.p99_ms, h.p99_ms),
            if s.p99_ms > TARGET_P99_MS { "  OVER 50 ms" } else { "" }
        ));
    }
    lines
}

/// Every kind answered without an error, each with p99 ≤ 50 ms.
pub fn passed(o: &Outcome) -> bool {
    o.kinds
        .iter()
        .all(|k| k.summary.errors == 0 && k.summary.count > 0 && k.summary.p99_ms <= TARGET_P99_MS)
}
