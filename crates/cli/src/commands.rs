//! What each command does.

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use rapport_app::accounts::{NewStaff, create_staff};
use rapport_app::{admin, audit_log};
use rapport_core::accounts::{Credential, Role};

use crate::options::{
    AdminCommand, AuditCommand, Command, CreateUserArgs, DbArgs, DemoArgs, HttpArgs,
};
use crate::server;

pub async fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Serve(args) => {
            let db = server::open_db(&args.db, true).await?;
            let app = server::serving_app(db, &args.http, &args.mail, false)?;
            let web = server::web_config(&args.http, None)?;
            server::serve(app, web, &args.http.bind, |addr| {
                tracing::info!(%addr, "Rapport is serving");
                println!("Rapport is running at http://{addr}");
            })
            .await?;
        }
        Command::Demo(args) => run_demo(args).await?,
        Command::Migrate(db) => {
            server::open_db(&db, true).await?;
            println!("The database schema is up to date.");
        }
        Command::Admin(AdminCommand::CreateUser(args)) => create_user(args).await?,
        Command::Admin(AdminCommand::RotateKey(db)) => {
            if std::env::var("RAPPORT_KEYS").is_ok_and(|k| !k.trim().is_empty()) {
                bail!(
                    "the keys come from RAPPORT_KEYS; add a key there, restart, then run this with --key-file pointing at the same keys"
                );
            }
            let db = server::open_db(&db, true).await?;
            let app = server::app(db, &cli_http(), false);
            let (id, report) = admin::rotate_key(&app).await?;
            println!(
                "New active key {id}. Re-encrypted {} values ({} were already current). Running servers pick up the new key within a minute; keep the old key in the file.",
                report.resealed, report.already_current
            );
        }
        Command::Audit(AuditCommand::Verify(args)) => {
            let checkpoint = match &args.checkpoint {
                Some(text) => Some(rapport_store::audit::Checkpoint::parse(text).with_context(
                    || format!("--checkpoint {text:?} is not SEQ:HASH (a number, a colon, 64 hexadecimal digits)"),
                )?),
                None => None,
            };
            let db = server::open_db(&args.db, false).await?;
            let app = server::app(db, &cli_http(), false);
            let v = match &checkpoint {
                Some(c) => audit_log::verify_against(&app, c).await?,
                None => audit_log::verify(&app, None).await?,
            };
            match v.first_broken {
                None => println!(
                    "The audit chain is intact: {} event{}{}.",
                    v.events,
                    if v.events == 1 { "" } else { "s" },
                    match &checkpoint {
                        Some(c) => format!(", and event {} matches the checkpoint", c.seq),
                        None => String::new(),
                    }
                ),
                Some((seq, why)) => {
                    println!(
                        "The audit chain is BROKEN at event {seq}: {why}. {} events before it are intact.",
                        v.events
                    );
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
        Command::Audit(AuditCommand::Checkpoint(db)) => {
            let db = server::open_db(&db, false).await?;
            let app = server::app(db, &cli_http(), false);
            match audit_log::checkpoint(&app).await? {
                Some(c) => println!("{c}"),
                None => bail!("the audit log is empty: there is nothing to checkpoint yet"),
            }
        }
        Command::Backup(args) => {
            let db = server::open_db(&args.db, false).await?;
            rapport_store::backup::sqlite_copy(&db, &args.to).await?;
            println!("Backed up to {}.", args.to.display());
        }
        Command::Seed(args) => crate::seed::run(args, cli_http()).await?,
    }
    Ok(ExitCode::SUCCESS)
}

/// HTTP settings for commands that run use-cases without serving.
fn cli_http() -> HttpArgs {
    HttpArgs {
        bind: String::new(),
        base_url: None,
        log: "warn".into(),
        client_idle_minutes: 60,
        crisis_file: None,
        trusted_proxies: Vec::new(),
        ice_servers: String::new(),
    }
}

fn read_password() -> Result<String> {
    let stdin = std::io::stdin();
    let password = if stdin.is_terminal() {
        rpassword::prompt_password("Password for the new account: ")?
    } else {
        let mut s = String::new();
        stdin
            .lock()
            .read_to_string(&mut s)
            .context("cannot read the password from standard input")?;
        s
    };
    let password = password.trim_end_matches(['\n', '\r']).to_string();
    if password.is_empty() {
        bail!(
            "no password given: pipe it in on standard input, e.g. `printf '%s' \"$PW\" | rapport admin create-user …`"
        );
    }
    Ok(password)
}

async fn create_user(args: CreateUserArgs) -> Result<()> {
    let role = Role::parse(&args.role).context("--role is clinician or admin")?;
    let credential = match &args.credential {
        Some(c) => Some(Credential::parse(c).with_context(|| format!("unknown credential {c}"))?),
        None => None,
    };
    let password = read_password()?;
    let db = server::open_db(&args.db, true).await?;
    let app = server::app(db, &cli_http(), false);
    let new = NewStaff {
        role,
        email: &args.email,
        name: &args.name,
        password: &password,
        credential,
        approaches: vec![],
        timezone: None,
    };
    let user = create_staff(&app, None, new).await.map_err(|e| match e {
        rapport_app::Error::Invalid { field, message } => anyhow::anyhow!("{field}: {message}"),
        other => other.into(),
    })?;
    println!(
        "Created {} {} ({}). They set up two-step sign-in at their first sign-in.",
        args.role, user.email, user.id
    );
    Ok(())
}

async fn run_demo(args: DemoArgs) -> Result<()> {
    let temp;
    let data_dir = match &args.data_dir {
        Some(d) => {
            if d.join("rapport.db").exists() {
                bail!(
                    "{} already holds a database; the demo needs an empty folder",
                    d.display()
                );
            }
            d.clone()
        }
        None => {
            temp = tempfile::Builder::new().prefix("rapport-demo-").tempdir()?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(0o700))?;
            }
            temp.path().to_path_buf()
        }
    };
    let db_args = DbArgs {
        data_dir: data_dir.clone(),
        database_url: None,
        key_file: None,
    };
    let db = server::open_db(&db_args, true).await?;
    let app = server::serving_app(db, &args.http, &args.mail, true)?;
    let accounts = rapport_demo::create(&app).await?;
    let shown = accounts
        .iter()
        .map(|a| rapport_web::DemoAccount {
            role: a.role.as_str().to_string(),
            name: a.name.clone(),
            email: a.email.clone(),
            totp_secret: a.totp_secret.clone(),
        })
        .collect();
    let web = server::web_config(&args.http, Some(shown))?;
    let bind = args.http.bind.clone();
    server::serve(app, web, &bind, |addr| {
        println!("Rapport demo is running at http://{addr}");
        println!("Data folder: {}", data_dir.display());
        println!();
        println!("Demo sign-ins:");
        for a in &accounts {
            let note = match (a.practice_lead, a.totp_secret.is_some()) {
                (true, _) => "  (practice lead; the sign-in page shows its current code)",
                (false, true) => "  (the sign-in page shows its current code)",
                (false, false) => "",
            };
            println!(
                "  {:<10} {:<40} {}{}",
                a.role.as_str(),
                a.email,
                a.name,
                note
            );
        }
        println!();
        println!(
            "Password for every demo account: {}",
            rapport_demo::DEMO_PASSWORD
        );
        println!("Stop with Ctrl-C.");
    })
    .await
}
