//! `rapport-bench --servers N --database-url postgres://…`: several `rapport serve`
//! processes on one PostgreSQL database behind a round-robin proxy on loopback. Under a mixed
//! load through the proxy it checks, each as a pass/fail line, that what must be shared is:
//! sign-in throttling, sessions and tokens, the audit chain, safety flags (one per kind per
//! client), background jobs and e-mail deliveries (once each), and `Idempotency-Key` (one
//! write). Then the figure: the throughput of submissions with 1, 2 … N servers, and what the
//! audit chain's lock (one row, `audit_head`, locked `FOR UPDATE` by every audited write
//! until it commits) costs them.

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use rapport_demo::seed::{SEED_PASSWORD, client_email};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement,
    TransactionTrait, Value as SqlValue,
};
use serde_json::json;

use crate::clock;
use crate::http::{Conn, Response};
use crate::load::{self, Kind, People};
use crate::proxy::Proxy;
use crate::safety::{body, post, put_on_triage, sign_up, staff_token};
use crate::server::{Server, rapport_command, seed_with};
use crate::signin::{self, CSRF_COOKIE};
use crate::smtp_sink::Sink;
use crate::stats::{Samples, Summary};

/// How big a run is.
pub struct Options {
    pub servers: usize,
    pub database_url: String,
    pub quick: bool,
    /// Connections of the load and of the figure's runs.
    pub concurrency: usize,
    /// Seconds of each server count in the figure (per round).
    pub figure_secs: u64,
}

/// One check's verdict.
struct Check {
    name: &'static str,
    passed: bool,
    detail: String,
}

impl Check {
    fn new(name: &'static str, passed: bool, detail: String) -> Check {
        Check {
            name,
            passed,
            detail,
        }
    }

    fn failed(name: &'static str, e: &anyhow::Error) -> Check {
        Check::new(name, false, format!("could not run: {e:#}"))
    }
}

/// The seeded clients, by what they are used for (numbers of `client_email`).
struct Roles {
    load: Vec<u32>,
    wrong_one_server: u32,
    wrong_many_servers: u32,
    wrong_at_once: u32,
    burst: Vec<u32>,
    sessions: u32,
    idempotency: u32,
}

impl Roles {
    fn of(clients: u32, load: u32, burst: u32) -> Roles {
        Roles {
            load: (1..=load).collect(),
            wrong_one_server: clients,
            wrong_many_servers: clients - 1,
            wrong_at_once: clients - 2,
            burst: (clients - 2 - burst..clients - 2).collect(),
            sessions: clients - 3 - burst,
            idempotency: clients - 4 - burst,
        }
    }
}

/// Writes that one audited submission each makes.
const SUBMITTED: &str = "action IN ('checkin.submitted', 'measure.submitted')";

pub async fn run(rapport: &Path, o: &Options) -> Result<bool> {
    if o.servers == 0 {
        bail!("--servers needs at least 1");
    }
    if !o.database_url.starts_with("postgres") {
        bail!("--servers runs on PostgreSQL: give --database-url postgres://…");
    }
    let scratch = tempfile::Builder::new()
        .prefix("rapport-servers-")
        .tempdir()
        .context("cannot create a temporary folder")?;
    let data = scratch.path().join("data");
    let (clients, load_clients, burst) = if o.quick { (26, 10, 8) } else { (160, 100, 16) };
    let roles = Roles::of(clients, load_clients, burst);
    let db_env = vec![("RAPPORT_DATABASE_URL".to_string(), o.database_url.clone())];
    println!("Seeding {clients} clients and 2 clinicians into the PostgreSQL database …");
    seed_with(rapport, &data, clients, 2, 7, &db_env)?;
    let sink = Sink::start().await?;
    let mut env = db_env.clone();
    env.extend(
        [
            // The bench sends X-Forwarded-For to sign in from many addresses at once.
            ("RAPPORT_TRUSTED_PROXIES", "127.0.0.1".to_string()),
            ("RAPPORT_SMTP_URL", format!("smtp://{}", sink.addr)),
            (
                "RAPPORT_MAIL_FROM",
                "Rapport <notices@example.org>".to_string(),
            ),
            // The jobs' lines show each periodic run (the audit checkpoint's among them).
            ("RAPPORT_LOG", "warn,rapport_app::jobs=info".to_string()),
        ]
        .map(|(k, v)| (k.to_string(), v)),
    );
    let mut servers = Vec::new();
    for i in 0..o.servers {
        let dir = scratch.path().join(format!("server{}", i + 1));
        std::fs::create_dir_all(&dir)?;
        let s = Server::start(rapport, &data, &dir, &env).await?;
        println!(
            "Server {}: {} (pid {}), serving after {:.0} ms",
            i + 1,
            s.addr,
            s.pid(),
            s.startup.as_secs_f64() * 1000.0
        );
        servers.push(s);
    }
    let db = connect(&o.database_url, 4).await?;
    let outcome = drive(rapport, o, &data, &db_env, &servers, &db, &sink, &roles).await;
    let mut logs = Vec::new();
    for s in &servers {
        logs.push(s.log_lines());
    }
    for s in servers {
        s.stop().await?;
    }
    db.close().await?;
    let (checks, figure) = outcome?;
    for c in &checks {
        println!(
            "{} {}: {}",
            if c.passed { "PASS" } else { "FAIL" },
            c.name,
            c.detail
        );
    }
    for line in figure {
        println!("{line}");
    }
    let failed = checks.iter().filter(|c| !c.passed).count();
    if failed > 0 {
        for (i, log) in logs.iter().enumerate() {
            let warnings: Vec<&String> = log
                .iter()
                .filter(|l| l.contains("WARN") || l.contains("ERROR"))
                .take(5)
                .collect();
            for w in warnings {
                println!("  server {}: {w}", i + 1);
            }
        }
        eprintln!("FAILED: {failed} of {} checks", checks.len());
    }
    Ok(failed == 0)
}

async fn connect(url: &str, pool: usize) -> Result<DatabaseConnection> {
    let mut opts = ConnectOptions::new(url.to_string());
    opts.max_connections(u32::try_from(pool).unwrap_or(32))
        .min_connections(1)
        .sqlx_logging(false);
    Database::connect(opts)
        .await
        .context("cannot connect to the database")
}

#[allow(clippy::too_many_arguments)]
async fn drive(
    rapport: &Path,
    o: &Options,
    data: &Path,
    db_env: &[(String, String)],
    servers: &[Server],
    db: &DatabaseConnection,
    sink: &Sink,
    roles: &Roles,
) -> Result<(Vec<Check>, Vec<String>)> {
    let addrs: Vec<SocketAddr> = servers.iter().map(|s| s.addr).collect();
    let proxy = Proxy::start(addrs.clone()).await?;
    println!(
        "Proxy: {} → {} server{}",
        proxy.addr,
        addrs.len(),
        if addrs.len() == 1 { "" } else { "s" }
    );
    let staff = staff(data)?;
    let (admin, clinicians) = staff
        .split_first()
        .context("seed-staff.txt lists no administrator")?;
    let triage_staff = clinicians
        .last()
        .context("seed-staff.txt lists no clinician")?;
    let mut conn = Conn::new(addrs[0])?;
    let admin_token = staff_token(&mut conn, &admin.0, &admin.1).await?;
    let triage = staff_token(&mut conn, &triage_staff.0, &triage_staff.1).await?;
    put_on_triage(&mut conn, &admin_token, &triage).await?;

    let t0 = clock::now();
    let (load_clients, load_clinicians) =
        signin::all(proxy.addr, roles.load.clone(), clinicians.to_vec()).await?;
    println!(
        "Signed in {} clients and {} clinicians through the proxy in {:.1} s",
        load_clients.len(),
        load_clinicians.len(),
        t0.elapsed().as_secs_f64()
    );
    let people = Arc::new(People {
        clients: load_clients,
        clinicians: load_clinicians,
    });
    let submitted_before = scalar(
        db,
        &format!("SELECT COUNT(*) FROM audit_events WHERE {SUBMITTED}"),
    )
    .await?;

    // The checks, under the mixed load through the proxy.
    println!(
        "Checks under a mixed load ({} connections through the proxy) …",
        o.concurrency
    );
    let stop = Arc::new(AtomicBool::new(false));
    let background = tokio::spawn(mixed_until(
        proxy.addr,
        Arc::clone(&people),
        o.concurrency,
        Arc::clone(&stop),
    ));
    let run_tag = clock::utc_now().timestamp_millis().to_string();
    let mut checks = Vec::new();
    let mut extra_writes = 0u64;
    checks.push(
        throttling(&addrs, proxy.addr, roles)
            .await
            .unwrap_or_else(|e| Check::failed("sign-in throttling across servers", &e)),
    );
    checks.push(
        burst(proxy.addr, &roles.burst)
            .await
            .unwrap_or_else(|e| Check::failed("correct sign-ins in a burst", &e)),
    );
    checks.push(
        sessions(&addrs, roles.sessions)
            .await
            .unwrap_or_else(|e| Check::failed("sessions and tokens on every server", &e)),
    );
    let per_client = if o.quick { 8 } else { 12 };
    let flag_clients = if o.quick { 3 } else { 6 };
    match flags(proxy.addr, &triage, &run_tag, flag_clients, per_client).await {
        Ok((c, written)) => {
            extra_writes += written;
            checks.push(c);
        }
        Err(e) => checks.push(Check::failed("one open flag per kind per client", &e)),
    }
    match idempotency(&addrs, db, roles.idempotency, &run_tag).await {
        Ok((c, written)) => {
            extra_writes += written;
            checks.push(c);
        }
        Err(e) => checks.push(Check::failed("Idempotency-Key across servers", &e)),
    }
    let forced = if o.quick { 2 } else { 4 };
    let periodic = force_periodic(db, forced).await;
    stop.store(true, Ordering::Relaxed);
    let load = background.await.context("the load task failed")??;

    let load_errors = load.total_errors();
    let acknowledged = load.all(Kind::is_submission).summary(load.elapsed).count;
    let mixed = load.all(|_| true).summary(load.elapsed);
    checks.push(Check::new(
        "the mixed load through the proxy",
        load_errors == 0 && mixed.count > 0,
        format!(
            "{} requests in {:.1} s ({:.0}/s), {} errors{}",
            mixed.count,
            load.elapsed.as_secs_f64(),
            mixed.per_sec,
            load_errors,
            load.errors
                .first()
                .map(|e| format!(", first: {e}"))
                .unwrap_or_default()
        ),
    ));

    checks.push(
        periodic_once(servers, periodic, db)
            .await
            .unwrap_or_else(|e| Check::failed("periodic jobs once per due", &e)),
    );
    checks.push(
        deliveries_once(db, sink)
            .await
            .unwrap_or_else(|e| Check::failed("each e-mail delivered once", &e)),
    );

    let submitted_after = scalar(
        db,
        &format!("SELECT COUNT(*) FROM audit_events WHERE {SUBMITTED}"),
    )
    .await?;
    let audited = submitted_after.saturating_sub(submitted_before);
    let expected = acknowledged + extra_writes;

    // The figure (it writes too; the chain is verified after it).
    let figure = figure(o, &addrs, Arc::clone(&people), db).await;
    let (figure_ok, figure_lines) = match figure {
        Ok(lines) => (true, lines),
        Err(e) => (false, vec![format!("FIGURE failed: {e:#}")]),
    };

    let verify = audit_verify(rapport, data, db_env).await;
    let head = scalar(db, "SELECT seq FROM audit_head WHERE id = 1").await?;
    checks.push(match verify {
        Ok((ok, text)) => Check::new(
            "the audit chain",
            ok && audited == expected && text.contains(&format!(" {head} event")),
            format!(
                "`rapport audit verify`: {}; submissions acknowledged {expected}, audited {audited}; head at {head}",
                text.trim()
            ),
        ),
        Err(e) => Check::failed("the audit chain", &e),
    });
    if !figure_ok {
        checks.push(Check::new(
            "the figure",
            false,
            "see the FIGURE line".to_string(),
        ));
    }
    Ok((checks, figure_lines))
}

/// The mixed load in short phases until `stop`, merged.
async fn mixed_until(
    addr: SocketAddr,
    people: Arc<People>,
    concurrency: usize,
    stop: Arc<AtomicBool>,
) -> Result<load::PhaseResult> {
    let mut all: Option<load::PhaseResult> = None;
    let mut seed = 500;
    while !stop.load(Ordering::Relaxed) || all.is_none() {
        let r = load::run(
            addr,
            Arc::clone(&people),
            &load::MIXED,
            concurrency,
            Duration::from_millis(1500),
            seed,
        )
        .await?;
        seed += 1;
        match &mut all {
            Some(a) => a.merge(r),
            None => all = Some(r),
        }
    }
    all.context("no load ran")
}

// ---------------------------------------------------------------------------------------
// Sign-in throttling.

async fn login(addr: SocketAddr, email: &str, password: &str, from: &str) -> Result<Response> {
    let mut conn = Conn::new(addr)?;
    let b = json!({"email": email, "password": password}).to_string();
    conn.request(
        "POST",
        "/api/v1/auth/login",
        &[("X-Forwarded-For", from)],
        Some(("application/json", b.as_bytes())),
    )
    .await
}

/// Wrong passwords for `email`, one after another, the i-th to `target(i)` from its own
/// address: how many were checked (401) before the first refusal (429).
async fn wrong_until_refused(
    email: &str,
    target: impl Fn(usize) -> SocketAddr,
    net: u8,
) -> Result<(u32, Vec<usize>)> {
    let mut checked = 0;
    let mut hit = Vec::new();
    for i in 0..20usize {
        let from = format!("198.51.{net}.{}", i + 1);
        let r = login(target(i), email, "not the password", &from).await?;
        match r.status {
            401 => {
                checked += 1;
                hit.push(i);
            }
            429 => return Ok((checked, hit)),
            s => bail!("a wrong password for {email}: {s}"),
        }
    }
    bail!("{email}: 20 wrong passwords and none refused")
}

async fn throttling(addrs: &[SocketAddr], proxy: SocketAddr, roles: &Roles) -> Result<Check> {
    let n = addrs.len();
    let one = addrs[0];
    let (limit_one, _) =
        wrong_until_refused(&client_email(roles.wrong_one_server), |_| one, 100).await?;
    let (limit_many, hit) = wrong_until_refused(
        &client_email(roles.wrong_many_servers),
        |i| addrs[i % n],
        101,
    )
    .await?;
    let servers_hit = hit
        .iter()
        .map(|i| i % n)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    // A burst of wrong passwords at once, through the proxy: no more are checked than the
    // allowance, however many servers they reach.
    let email = client_email(roles.wrong_at_once);
    let mut tasks = tokio::task::JoinSet::new();
    let burst = 6 * n.max(2);
    for i in 0..burst {
        let email = email.clone();
        tasks.spawn(async move {
            login(
                proxy,
                &email,
                "not the password",
                &format!("198.51.102.{}", i + 1),
            )
            .await
            .map(|r| r.status)
        });
    }
    let mut statuses: BTreeMap<u16, u32> = BTreeMap::new();
    while let Some(r) = tasks.join_next().await {
        *statuses.entry(r??).or_default() += 1;
    }
    let checked_at_once = statuses.get(&401).copied().unwrap_or(0);
    let others_refused = statuses.keys().all(|s| *s == 401 || *s == 429);
    Ok(Check::new(
        "sign-in throttling across servers",
        limit_one > 0
            && limit_many == limit_one
            && servers_hit == n
            && checked_at_once <= limit_one
            && others_refused,
        format!(
            "wrong passwords checked before refusal: {limit_one} on one server, {limit_many} spread over {servers_hit} servers; {burst} at once through the proxy: {checked_at_once} checked, the rest {}",
            statuses
                .iter()
                .filter(|(s, _)| **s != 401)
                .map(|(s, c)| format!("{c} × {s}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ))
}

/// Right passwords of many clients at once from one address (a clinic's), through the proxy.
async fn burst(proxy: SocketAddr, numbers: &[u32]) -> Result<Check> {
    let mut tasks = tokio::task::JoinSet::new();
    for &n in numbers {
        tasks.spawn(async move {
            login(proxy, &client_email(n), SEED_PASSWORD, "203.0.113.9")
                .await
                .map(|r| r.status)
        });
    }
    let mut statuses: BTreeMap<u16, u32> = BTreeMap::new();
    while let Some(r) = tasks.join_next().await {
        *statuses.entry(r??).or_default() += 1;
    }
    let ok = statuses.get(&200).copied().unwrap_or(0);
    Ok(Check::new(
        "correct sign-ins in a burst",
        ok as usize == numbers.len(),
        format!(
            "{} clients at once from one address through the proxy: {}",
            numbers.len(),
            statuses
                .iter()
                .map(|(s, c)| format!("{c} × {s}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ))
}

// ---------------------------------------------------------------------------------------
// Sessions and tokens.

async fn sessions(addrs: &[SocketAddr], n: u32) -> Result<Check> {
    let count = addrs.len();
    let mut conn = Conn::new(addrs[0])?;
    let user = signin::client(&mut conn, n).await?;
    let mut problems = Vec::new();
    for (i, &a) in addrs.iter().enumerate() {
        let mut c = Conn::new(a)?;
        let page = c.get("/home", Some(&user.cookie)).await?.status;
        let me = c.get_bearer("/api/v1/me", &user.bearer).await?.status;
        if page != 200 || me != 200 {
            problems.push(format!(
                "server {}: the page {page}, the token {me} before signing out",
                i + 1
            ));
        }
    }
    // Sign out of the browser on the second server (the first when alone) …
    let out_at = 1 % count;
    let csrf = user
        .cookie
        .split("; ")
        .find_map(|c| c.strip_prefix(&format!("{CSRF_COOKIE}=")))
        .ok_or_else(|| anyhow!("no {CSRF_COOKIE} cookie after signing in"))?
        .to_string();
    let mut c = Conn::new(addrs[out_at])?;
    let r = c
        .post_form("/logout", Some(&user.cookie), &[("csrf", &csrf)])
        .await?;
    if r.status != 303 {
        problems.push(format!("POST /logout: {}", r.status));
    }
    // … and revoke the token on the last.
    let mut c = Conn::new(addrs[count - 1])?;
    let r = c
        .request(
            "POST",
            "/api/v1/auth/logout",
            &[("Authorization", &format!("Bearer {}", user.bearer))],
            None,
        )
        .await?;
    if r.status != 204 {
        problems.push(format!("POST /api/v1/auth/logout: {}", r.status));
    }
    for (i, &a) in addrs.iter().enumerate() {
        let mut c = Conn::new(a)?;
        let page = c.get("/home", Some(&user.cookie)).await?;
        let to_login = page.status == 303
            && page
                .header("location")
                .is_some_and(|l| l.starts_with("/login"));
        let me = c.get_bearer("/api/v1/me", &user.bearer).await?.status;
        if !to_login || me != 401 {
            problems.push(format!(
                "server {}: the page {} and the token {me} after signing out",
                i + 1,
                page.status
            ));
        }
    }
    Ok(Check::new(
        "sessions and tokens on every server",
        problems.is_empty(),
        if problems.is_empty() {
            format!(
                "a browser session and an API token made on server 1 worked on all {count}; signed out on server {} and revoked on server {count}, both refused on all at once",
                out_at + 1
            )
        } else {
            problems.join("; ")
        },
    ))
}

// ---------------------------------------------------------------------------------------
// Safety flags.

/// New clients each send `per_client` PHQ-9s with item 9 above 0 at once, each on its own
/// connection through the proxy; each must end with one open flag per kind. Returns the
/// check and how many submissions were acknowledged.
async fn flags(
    proxy: SocketAddr,
    triage: &str,
    run_tag: &str,
    clients: u32,
    per_client: u32,
) -> Result<(Check, u64)> {
    let mut ids = Vec::new();
    let mut acknowledged = 0u64;
    let mut unflagged = 0u32;
    for k in 0..clients {
        let mut conn = Conn::new(proxy)?;
        let (id, token) = sign_up(
            &mut conn,
            &format!("servers-{run_tag}-{k}@example.org"),
            &format!("Client {k}"),
        )
        .await?;
        let mut tasks = tokio::task::JoinSet::new();
        for j in 0..per_client {
            let token = token.clone();
            tasks.spawn(async move {
                let mut conn = Conn::new(proxy)?;
                let phq9 =
                    json!({"instrument": "phq9", "answers": [2, 2, 1, 1, 0, 1, 0, 0, 1 + j % 3]});
                let r = post(&mut conn, "/api/v1/measures", Some(&token), &phq9).await?;
                let v = body(&r, "PHQ-9", 201)?;
                anyhow::Ok(v["flags"].as_array().is_some_and(|f| {
                    f.iter()
                        .any(|f| f["kind"] == "safety" && f["level"] == "critical")
                }))
            });
        }
        while let Some(r) = tasks.join_next().await {
            let flagged = r??;
            acknowledged += 1;
            if !flagged {
                unflagged += 1;
            }
        }
        ids.push(id);
    }
    let mut conn = Conn::new(proxy)?;
    let alerts = body(
        &conn
            .get_bearer("/api/v1/alerts?status=open", triage)
            .await?,
        "GET /api/v1/alerts",
        200,
    )?;
    let mut per: HashMap<(String, String), u32> = HashMap::new();
    for a in alerts.as_array().into_iter().flatten() {
        let (Some(client), Some(kind)) = (a["client_id"].as_str(), a["kind"].as_str()) else {
            continue;
        };
        *per.entry((client.to_string(), kind.to_string()))
            .or_default() += 1;
    }
    let mut wrong = Vec::new();
    for id in &ids {
        let safety = per
            .get(&(id.clone(), "safety".to_string()))
            .copied()
            .unwrap_or(0);
        if safety != 1 {
            wrong.push(format!("{safety} open safety flags"));
        }
        for ((client, kind), n) in &per {
            if client == id && *n > 1 {
                wrong.push(format!("{n} open {kind} flags"));
            }
        }
    }
    let kinds: std::collections::BTreeSet<&str> = per
        .keys()
        .filter(|(c, _)| ids.contains(c))
        .map(|(_, k)| k.as_str())
        .collect();
    Ok((
        Check::new(
            "one open flag per kind per client",
            wrong.is_empty() && unflagged == 0,
            format!(
                "{clients} clients × {per_client} PHQ-9s with item 9 > 0 at once through the proxy: {acknowledged} answered, {unflagged} without the safety flag; open flags per client and kind ({}): {}",
                kinds.into_iter().collect::<Vec<_>>().join(", "),
                if wrong.is_empty() {
                    "one each".to_string()
                } else {
                    wrong.join(", ")
                }
            ),
        ),
        acknowledged,
    ))
}

// ---------------------------------------------------------------------------------------
// Idempotency-Key.

/// The same check-in with the same key, sent to every server at once (twice each); those
/// told to come back (409) send it again. Returns the check and the writes it made (one).
async fn idempotency(
    addrs: &[SocketAddr],
    db: &DatabaseConnection,
    n: u32,
    run_tag: &str,
) -> Result<(Check, u64)> {
    let mut conn = Conn::new(addrs[0])?;
    let b = json!({"email": client_email(n), "password": SEED_PASSWORD});
    let token = body(
        &post(&mut conn, "/api/v1/auth/login", None, &b).await?,
        "login",
        200,
    )?["token"]
        .as_str()
        .ok_or_else(|| anyhow!("login: no token"))?
        .to_string();
    let me = body(&conn.get_bearer("/api/v1/me", &token).await?, "me", 200)?;
    let id = me["id"]
        .as_str()
        .ok_or_else(|| anyhow!("/api/v1/me: no id"))?
        .to_string();
    const ROWS: &str = "SELECT COUNT(*) FROM checkins WHERE CAST(client_id AS TEXT) = $1";
    let before = scalar_with(db, ROWS, id.clone()).await?;
    let key = format!("servers-{run_tag}");
    let sends = addrs.len() * 2;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..sends {
        let (addr, token, key) = (addrs[i % addrs.len()], token.clone(), key.clone());
        tasks.spawn(async move {
            let mut conn = Conn::new(addr)?;
            let mut first = None;
            for _ in 0..50 {
                let r = conn
                    .request(
                        "POST",
                        "/api/v1/checkins",
                        &[
                            ("Authorization", &format!("Bearer {token}")),
                            ("Idempotency-Key", &key),
                        ],
                        Some((
                            "application/json",
                            br#"{"mood":6,"sleep_hours":7.5,"medication":"taken"}"#,
                        )),
                    )
                    .await?;
                first.get_or_insert(r.status);
                match r.status {
                    201 => return anyhow::Ok((first, r.text().to_string())),
                    409 => tokio::time::sleep(Duration::from_millis(50)).await,
                    s => bail!("POST /api/v1/checkins with a key: {s}"),
                }
            }
            bail!("POST /api/v1/checkins with a key: still 409 after 50 tries")
        });
    }
    let mut answers: BTreeMap<String, u32> = BTreeMap::new();
    let mut firsts: BTreeMap<u16, u32> = BTreeMap::new();
    while let Some(r) = tasks.join_next().await {
        let (first, text) = r??;
        *firsts.entry(first.unwrap_or(0)).or_default() += 1;
        *answers.entry(text).or_default() += 1;
    }
    let written = scalar_with(db, ROWS, id.clone())
        .await?
        .saturating_sub(before);
    Ok((
        Check::new(
            "Idempotency-Key across servers",
            written == 1 && answers.len() == 1,
            format!(
                "one check-in with one key sent {sends} times at once to {} servers (first answers: {}): {written} written, {} different answer{}",
                addrs.len(),
                firsts
                    .iter()
                    .map(|(s, c)| format!("{c} × {s}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                answers.len(),
                if answers.len() == 1 { "" } else { "s" }
            ),
        ),
        written,
    ))
}

// ---------------------------------------------------------------------------------------
// Jobs and deliveries.

/// Makes the periodic audit checkpoint due now `times` times, each after its last run;
/// how many times it was made due.
async fn force_periodic(db: &DatabaseConnection, times: u32) -> Result<u32> {
    let mut forced = 0;
    for _ in 0..times {
        // Wait until it is back in the queue for later (it ran).
        let started = clock::now();
        loop {
            let waiting = scalar(
                db,
                "SELECT COUNT(*) FROM jobs WHERE dedupe_key = 'periodic:audit_checkpoint' \
                 AND state = 'queued' AND run_at > now()",
            )
            .await?;
            if waiting == 1 {
                break;
            }
            if started.elapsed() > Duration::from_secs(20) {
                bail!("the audit checkpoint job did not run within 20 s of being due");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let n = db
            .execute_raw(Statement::from_string(
                DbBackend::Postgres,
                "UPDATE jobs SET run_at = now() WHERE dedupe_key = 'periodic:audit_checkpoint' \
                 AND state = 'queued'",
            ))
            .await?
            .rows_affected();
        if n != 1 {
            bail!("could not make the audit checkpoint due ({n} rows)");
        }
        forced += 1;
    }
    Ok(forced)
}

async fn periodic_once(
    servers: &[Server],
    forced: Result<u32>,
    db: &DatabaseConnection,
) -> Result<Check> {
    let forced = forced?;
    // The last forced run may still be going: wait for it.
    let started = clock::now();
    while scalar(
        db,
        "SELECT COUNT(*) FROM jobs WHERE dedupe_key = 'periodic:audit_checkpoint' \
         AND state = 'queued' AND run_at > now()",
    )
    .await?
        != 1
    {
        if started.elapsed() > Duration::from_secs(20) {
            bail!("the audit checkpoint job did not run within 20 s of being due");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The logs are read only now: the last run's line is written before it is rescheduled.
    let runs: Vec<usize> = servers
        .iter()
        .map(|s| {
            s.log_lines()
                .iter()
                .filter(|l| l.contains("audit checkpoint"))
                .count()
        })
        .collect();
    let total: usize = runs.iter().sum();
    let rows = scalar(
        db,
        "SELECT COUNT(*) FROM jobs WHERE dedupe_key LIKE 'periodic:%'",
    )
    .await?;
    let kinds = u64::try_from(rapport_app::jobs::PERIODIC.len()).unwrap_or(0);
    let dead = scalar(db, "SELECT COUNT(*) FROM jobs WHERE state = 'dead'").await?;
    // Once at the first server's start, then once per time it was made due.
    let expected = 1 + forced as usize;
    Ok(Check::new(
        "periodic jobs once per due",
        total == expected && rows == kinds && dead == 0,
        format!(
            "the audit checkpoint made due {forced} times after its first run: ran {total} times in all (per server: {}), expected {expected}; {rows} periodic rows for {kinds} kinds; {dead} dead jobs",
            runs.iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ))
}

/// Every e-mail delivery that is due accepted by the sink once, under its own Message-ID
/// (notices that are not urgent wait for the end of the recipient's quiet hours).
async fn deliveries_once(db: &DatabaseConnection, sink: &Sink) -> Result<Check> {
    const DUE: &str = "FROM deliveries d JOIN jobs j \
        ON j.dedupe_key = 'deliver:' || CAST(d.id AS TEXT) WHERE j.run_at <= now()";
    let started = clock::now();
    let (due, pending) = loop {
        let due = scalar(db, &format!("SELECT COUNT(*) {DUE}")).await?;
        let pending = scalar(
            db,
            &format!("SELECT COUNT(*) {DUE} AND (d.state <> 'accepted' OR j.state <> 'done')"),
        )
        .await?;
        if pending == 0 || started.elapsed() > Duration::from_secs(20) {
            break (due, pending);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let later = scalar(db, "SELECT COUNT(*) FROM deliveries")
        .await?
        .saturating_sub(due);
    let ids = sink.message_ids();
    let mut seen: HashMap<&str, u32> = HashMap::new();
    for id in &ids {
        *seen.entry(id.as_str()).or_default() += 1;
    }
    let twice = seen.values().filter(|n| **n > 1).count();
    Ok(Check::new(
        "each e-mail delivered once",
        due > 0 && pending == 0 && twice == 0 && seen.len() as u64 == due,
        format!(
            "{due} deliveries due ({pending} not accepted or their job not done; {later} wait for quiet hours to end), {} messages at the SMTP sink under {} Message-IDs, {twice} sent more than once",
            ids.len(),
            seen.len()
        ),
    ))
}

// ---------------------------------------------------------------------------------------
// The audit chain.

async fn audit_verify(
    rapport: &Path,
    data: &Path,
    env: &[(String, String)],
) -> Result<(bool, String)> {
    let out = rapport_command(rapport)
        .args(["audit", "verify", "--data"])
        .arg(data)
        .env("RAPPORT_LOG", "warn")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdin(std::process::Stdio::null())
        .output()
        .with_context(|| format!("cannot run {}", rapport.display()))?;
    Ok((
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    ))
}

// ---------------------------------------------------------------------------------------
// The figure.

/// Sessions of our database waiting for a lock, sampled every 10 ms: how many wait on the
/// audit chain's head, and how many on anything else.
#[derive(Debug, Default, Clone, Copy)]
struct LockWaits {
    samples: u64,
    on_head: u64,
    on_other: u64,
}

async fn sample_waits(db: DatabaseConnection, stop: Arc<AtomicBool>) -> Result<LockWaits> {
    let mut w = LockWaits::default();
    let sql = "SELECT \
        COUNT(*) FILTER (WHERE wait_event_type = 'Lock' AND query ILIKE '%audit_head%'), \
        COUNT(*) FILTER (WHERE wait_event_type = 'Lock' AND query NOT ILIKE '%audit_head%') \
        FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()";
    while !stop.load(Ordering::Relaxed) {
        if let Some(row) = db
            .query_one_raw(Statement::from_string(DbBackend::Postgres, sql))
            .await?
        {
            w.samples += 1;
            w.on_head += u64::try_from(row.try_get_by_index::<i64>(0)?).unwrap_or(0);
            w.on_other += u64::try_from(row.try_get_by_index::<i64>(1)?).unwrap_or(0);
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    Ok(w)
}

/// Submissions only, through a proxy to the first `k` servers, with the lock waits sampled.
async fn submissions_on(
    addrs: &[SocketAddr],
    k: usize,
    people: Arc<People>,
    db: &DatabaseConnection,
    concurrency: usize,
    secs: u64,
    seed: u64,
) -> Result<(Samples, Duration, LockWaits, u64)> {
    let proxy = Proxy::start(addrs[..k].to_vec()).await?;
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = tokio::spawn(sample_waits(db.clone(), Arc::clone(&stop)));
    let r = load::run(
        proxy.addr,
        people,
        &load::SUBMISSIONS,
        concurrency,
        Duration::from_secs(secs),
        seed,
    )
    .await;
    stop.store(true, Ordering::Relaxed);
    let waits = sampler.await.context("the lock sampler failed")??;
    let r = r?;
    let errors = r.total_errors();
    Ok((r.all(|_| true), r.elapsed, waits, errors))
}

async fn figure(
    o: &Options,
    addrs: &[SocketAddr],
    people: Arc<People>,
    db: &DatabaseConnection,
) -> Result<Vec<String>> {
    let n = addrs.len();
    let rounds = if o.quick { 1 } else { 2 };
    println!(
        "Figure: submissions only, {} connections, {} s per server count per round, {rounds} round{} …",
        o.concurrency,
        o.figure_secs,
        if rounds == 1 { "" } else { "s" }
    );
    let mut per_k: Vec<(Samples, Duration, LockWaits, u64)> = (0..n)
        .map(|_| (Samples::default(), Duration::ZERO, LockWaits::default(), 0))
        .collect();
    for round in 0..rounds {
        for k in 1..=n {
            let (s, took, w, errors) = submissions_on(
                addrs,
                k,
                Arc::clone(&people),
                db,
                o.concurrency,
                o.figure_secs,
                700 + (round * n + k) as u64,
            )
            .await?;
            let acc = &mut per_k[k - 1];
            acc.0.merge(s);
            acc.1 += took;
            acc.2.samples += w.samples;
            acc.2.on_head += w.on_head;
            acc.2.on_other += w.on_other;
            acc.3 += errors;
        }
    }
    let base: Summary = per_k[0].0.summary(per_k[0].1);
    let mut lines = vec![format!(
        "FIGURE submissions (check-ins and PHQ-9s, 6:1) through the proxy, {} connections, PostgreSQL, {} cores:",
        o.concurrency,
        std::thread::available_parallelism().map_or(0, |p| p.get())
    )];
    let mut errors = 0;
    for (i, (s, took, w, e)) in per_k.iter().enumerate() {
        let sum = s.summary(*took);
        errors += e;
        let on_head = w.on_head as f64 / w.samples.max(1) as f64;
        let on_other = w.on_other as f64 / w.samples.max(1) as f64;
        // Little's law: sessions waiting on average × time = time spent waiting, shared out
        // over the submissions made.
        let wait_per_write_ms = on_head * took.as_secs_f64() * 1000.0 / sum.count.max(1) as f64;
        lines.push(format!(
            "  {} server{}: {:.0}/s (×{:.2} of 1 server), p50 {:.1} ms, p99 {:.1} ms, mean {:.1} ms; waiting on the audit head's lock: {:.2} sessions on average = {:.1} ms of each write ({:.0} % of its time); on other locks: {:.2}; errors {e}",
            i + 1,
            if i == 0 { " " } else { "s" },
            sum.per_sec,
            crate::stats::ratio(sum.per_sec, base.per_sec),
            sum.p50_ms,
            sum.p99_ms,
            sum.mean_ms,
            on_head,
            wait_per_write_ms,
            100.0 * crate::stats::ratio(wait_per_write_ms, sum.mean_ms),
            on_other,
        ));
    }
    // The lock's ceiling on the database alone: durable one-row commits with and without
    // taking a one-row head FOR UPDATE first, as every audited write does.
    let secs = Duration::from_millis(if o.quick { 1000 } else { 3000 });
    // A pool of its own, closed afterwards: PostgreSQL's connections are counted.
    // (At most 8 writers: the servers' pools hold connections of the same server too.)
    let writers = o.concurrency.min(8);
    let raw = connect(&o.database_url, writers + 1).await?;
    let plain = raw_commits(&raw, writers, secs, false).await;
    let chained = raw_commits(&raw, writers, secs, true).await;
    raw.close().await?;
    let (plain, chained) = (plain?, chained?);
    lines.push(format!(
        "  the database alone, {} writers: one-row commits {:.0}/s; with a head row locked FOR UPDATE and updated first (the audit chain's pattern) {:.0}/s (×{:.2})",
        writers,
        plain,
        chained,
        crate::stats::ratio(chained, plain)
    ));
    if errors > 0 {
        bail!("{errors} submissions failed in the figure's runs");
    }
    Ok(lines)
}

/// `writers` writers commit one row each over and over for `duration` into a scratch table
/// (dropped afterwards); with `head`, each first locks and bumps a one-row head.
async fn raw_commits(
    db: &DatabaseConnection,
    writers: usize,
    duration: Duration,
    head: bool,
) -> Result<f64> {
    db.execute_unprepared(
        "DROP TABLE IF EXISTS bench_servers_rows, bench_servers_head; \
         CREATE TABLE bench_servers_rows (id UUID PRIMARY KEY, payload TEXT NOT NULL); \
         CREATE TABLE bench_servers_head (id INT PRIMARY KEY, seq BIGINT NOT NULL); \
         INSERT INTO bench_servers_head VALUES (1, 0)",
    )
    .await?;
    let started = clock::now();
    let deadline = started + duration;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..writers.max(1) {
        let db = db.clone();
        tasks.spawn(async move {
            let mut n = 0u64;
            let payload = "x".repeat(160);
            while clock::now() < deadline {
                let tx = db.begin().await?;
                if head {
                    tx.execute_unprepared(
                        "SELECT seq FROM bench_servers_head WHERE id = 1 FOR UPDATE",
                    )
                    .await?;
                    tx.execute_unprepared(
                        "UPDATE bench_servers_head SET seq = seq + 1 WHERE id = 1",
                    )
                    .await?;
                }
                tx.execute_raw(Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    "INSERT INTO bench_servers_rows (id, payload) VALUES ($1, $2)",
                    [uuid::Uuid::now_v7().into(), payload.clone().into()],
                ))
                .await?;
                tx.commit().await?;
                n += 1;
            }
            anyhow::Ok(n)
        });
    }
    let mut total = 0;
    while let Some(r) = tasks.join_next().await {
        total += r??;
    }
    let rate = total as f64 / started.elapsed().as_secs_f64().max(1e-9);
    db.execute_unprepared("DROP TABLE IF EXISTS bench_servers_rows, bench_servers_head")
        .await?;
    Ok(rate)
}

// ---------------------------------------------------------------------------------------
// Helpers.

async fn scalar(db: &DatabaseConnection, sql: &str) -> Result<u64> {
    let row = db
        .query_one_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await?;
    let n = match row {
        Some(r) => r.try_get_by_index::<i64>(0)?,
        None => 0,
    };
    Ok(u64::try_from(n).unwrap_or(0))
}

async fn scalar_with(db: &DatabaseConnection, sql: &str, value: String) -> Result<u64> {
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            [SqlValue::from(value)],
        ))
        .await?;
    let n = match row {
        Some(r) => r.try_get_by_index::<i64>(0)?,
        None => 0,
    };
    Ok(u64::try_from(n).unwrap_or(0))
}

/// `email<TAB>secret` lines of seed-staff.txt: the administrator first, then clinicians.
fn staff(data: &Path) -> Result<Vec<(String, String)>> {
    let text = std::fs::read_to_string(data.join("seed-staff.txt"))
        .context("cannot read seed-staff.txt")?;
    Ok(text
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(e, s)| (e.trim().to_string(), s.trim().to_string()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_roles_do_not_share_clients() {
        for (clients, load, burst) in [(26, 10, 8), (160, 100, 16)] {
            let r = Roles::of(clients, load, burst);
            let mut all: Vec<u32> = r.load.clone();
            all.extend(&r.burst);
            all.extend([
                r.wrong_one_server,
                r.wrong_many_servers,
                r.wrong_at_once,
                r.sessions,
                r.idempotency,
            ]);
            let n = all.len();
            all.sort_unstable();
            all.dedup();
            assert_eq!(all.len(), n, "a client used twice");
            assert!(all.iter().all(|c| (1..=clients).contains(c)));
            assert_eq!(r.burst.len() as u32, burst);
        }
    }
}
