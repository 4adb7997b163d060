//! Opening the database and running the HTTP server until Ctrl-C or SIGTERM.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use rapport_app::clock::{Clock, SystemClock};
use rapport_app::{App, Config, MailConfig};
use rapport_store::crypto::Keyring;
use rapport_store::{Db, DbOptions, upkeep};
use rapport_web::{AppState, CrisisResources, DemoAccount, TrustedProxies, WebConfig};

use crate::options::{DbArgs, HttpArgs, MailArgs};

/// Opens the database the options name, creating the data directory and key file if needed.
pub async fn open_db(args: &DbArgs, migrate: bool) -> Result<Db> {
    create_private_dir(&args.data_dir)?;
    let options = match &args.database_url {
        Some(url) => DbOptions {
            url: url.clone(),
            max_connections: 16,
        },
        None => DbOptions::sqlite_file(&args.data_dir.join("rapport.db")),
    };
    let keys = match std::env::var("RAPPORT_KEYS") {
        Ok(text) if !text.trim().is_empty() => Keyring::from_text(&text.replace(';', "\n"))?,
        _ => Keyring::load_or_create(&key_file(args))?,
    };
    let db = if migrate {
        let db = Db::open(&options, keys).await?;
        // The caseload's summary rows of clients who have none (a database older than m0034)
        // or a stale one, until the pass has once run to the end (`upkeep`).
        let started = SystemClock.now();
        let filled = upkeep::once(&db, upkeep::Pass::Summaries, async || {
            rapport_store::summaries::backfill(&db, started).await
        })
        .await?;
        if let Some(filled @ 1..) = filled {
            let ms = (SystemClock.now() - started).num_milliseconds();
            tracing::info!(filled, ms, "client summaries filled");
        }
        db
    } else {
        Db::connect(&options, keys).await?
    };
    Ok(db)
}

/// The data directory holds health data and keys: only its owner may enter it.
fn create_private_dir(dir: &std::path::Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        builder.mode(0o700);
        builder
            .create(dir)
            .with_context(|| format!("cannot create the data directory {}", dir.display()))?;
        let mode = std::fs::metadata(dir)?.permissions().mode();
        if mode & 0o077 != 0 {
            tracing::warn!(dir = %dir.display(), "the data directory is open to other users; run `chmod 700` on it");
        }
    }
    #[cfg(not(unix))]
    builder
        .create(dir)
        .with_context(|| format!("cannot create the data directory {}", dir.display()))?;
    Ok(())
}

pub fn key_file(args: &DbArgs) -> PathBuf {
    args.key_file
        .clone()
        .unwrap_or_else(|| args.data_dir.join("rapport.key"))
}

pub fn app(db: Db, http: &HttpArgs, demo: bool) -> App {
    App::new(
        db,
        Arc::new(SystemClock) as Arc<dyn Clock>,
        config(http, None, demo),
    )
}

fn config(http: &HttpArgs, mail: Option<MailConfig>, demo: bool) -> Config {
    Config {
        client_idle_minutes: http.client_idle_minutes,
        demo,
        base_url: base_url(http),
        mail,
        ..Config::default()
    }
}

fn base_url(http: &HttpArgs) -> String {
    http.base_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", http.bind))
        .trim_end_matches('/')
        .to_string()
}

/// The app of a server (`serve`, `demo`): with e-mail when `--smtp-url` is given (checked
/// here, so that a wrong URL stops the start instead of failing every delivery), and a
/// warning when it is not.
pub fn serving_app(db: Db, http: &HttpArgs, mail: &MailArgs, demo: bool) -> Result<App> {
    let mail = match (&mail.smtp_url, &mail.mail_from) {
        (None, _) => {
            tracing::warn!(
                "e-mail notifications are off: no SMTP server is configured (--smtp-url or \
                 RAPPORT_SMTP_URL, and --mail-from); notices reach people only inside Rapport"
            );
            None
        }
        (Some(_), None) => anyhow::bail!(
            "--smtp-url needs --mail-from (RAPPORT_MAIL_FROM), the sender of the e-mails"
        ),
        (Some(url), Some(from)) => {
            let m = MailConfig {
                smtp_url: url.clone(),
                from: from.clone(),
            };
            rapport_app::jobs::mail::check(&m).map_err(|e| anyhow::anyhow!("--smtp-url: {e}"))?;
            tracing::info!(from = %m.from, "e-mail notifications are on");
            Some(m)
        }
    };
    let ice_servers = rapport_core::sessions::room::parse_ice_servers(&http.ice_servers)
        .map_err(|e| anyhow::anyhow!("--ice-servers: {e}"))?;
    if ice_servers.is_empty() {
        tracing::info!(
            "online sessions: no STUN/TURN servers (--ice-servers); browsers connect directly"
        );
    }
    Ok(App::new(
        db,
        Arc::new(SystemClock) as Arc<dyn Clock>,
        Config {
            ice_servers,
            ..config(http, mail, demo)
        },
    ))
}

/// The HTTP face's settings, and the reverse proxies it trusts.
pub struct Web {
    pub config: WebConfig,
    pub proxies: TrustedProxies,
}

pub fn web_config(http: &HttpArgs, demo_accounts: Option<Vec<DemoAccount>>) -> Result<Web> {
    let proxies = TrustedProxies::parse(&http.trusted_proxies)
        .map_err(|e| anyhow::anyhow!("--trusted-proxy: {e}"))?;
    let crisis = match &http.crisis_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            CrisisResources::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?
        }
        None => CrisisResources::default(),
    };
    let config = WebConfig {
        base_url: base_url(http),
        crisis,
        demo_accounts,
    };
    Ok(Web { config, proxies })
}

/// Serves until Ctrl-C or SIGTERM, then finishes the requests in flight. `on_ready` runs once
/// the port is open.
pub async fn serve(
    app: App,
    web: Web,
    bind: &str,
    on_ready: impl FnOnce(SocketAddr),
) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("cannot listen on {bind}"))?;
    let addr = listener.local_addr()?;
    spawn_housekeeping(app.clone());
    on_ready(addr);
    let state = AppState::new(app, web.config).with_trusted_proxies(web.proxies);
    rapport_web::serve(listener, state, shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

/// Per server: loads the directory at start and learns of key rotations now and then. The
/// shared periodic work (expired sessions, audit checkpoints, idempotency keys, the
/// early-warning sweep, the triage-duty warning, escalations, reminders) runs as background
/// jobs, once per period whatever the number of servers (`rapport_app::jobs`).
fn spawn_housekeeping(app: App) {
    // At start, beside the rest: the directory and matching's compact form, so that the first
    // visitor does not wait for them (tens of seconds at a million listed clinicians).
    let warm = app.clone();
    tokio::spawn(async move {
        match rapport_app::matching::warm(&warm).await {
            Ok(listed) => tracing::info!(listed, "directory loaded"),
            Err(e) => tracing::warn!(error = %e, "could not load the directory"),
        }
    });
    rapport_app::jobs::spawn(app.clone(), Duration::from_secs(1));
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(30));
        loop {
            tick.tick().await;
            if let Err(e) = app.reload_keys() {
                tracing::warn!(error = %e, "could not re-read the key file");
            }
        }
    });
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}
