//! Flags, then environment variables, then defaults that work on a laptop.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "rapport",
    version,
    about = "Rapport: a self-hosted platform for psychotherapy of depression."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server.
    Serve(ServeArgs),
    /// Start a server on a fresh demo practice and print its sign-ins.
    Demo(DemoArgs),
    /// Bring the database schema up to date, then exit.
    Migrate(DbArgs),
    /// Administration: accounts and keys.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// The audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Take a consistent copy of a SQLite database while the server runs.
    Backup(BackupArgs),
    /// Fill an empty database with a practice and a history of weekly PHQ-9s and daily
    /// check-ins, fast. For benchmarks only.
    Seed(SeedArgs),
}

/// Where the data lives. Every command that touches the database takes these.
#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// The data directory: the SQLite database and the key file live here.
    #[arg(
        long = "data",
        env = "RAPPORT_DATA_DIR",
        default_value = "./rapport-data"
    )]
    pub data_dir: PathBuf,
    /// `postgres://…` for PostgreSQL; SQLite in the data directory when not given.
    #[arg(long, env = "RAPPORT_DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    /// The encryption key file (created with mode 0600 on first start). Default: in the data
    /// directory. Or give the keys themselves in RAPPORT_KEYS.
    #[arg(long, env = "RAPPORT_KEY_FILE")]
    pub key_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub http: HttpArgs,
    #[command(flatten)]
    pub mail: MailArgs,
}

/// E-mail notifications over SMTP. Without `--smtp-url` notices stay in the app.
#[derive(Debug, Clone, Args)]
pub struct MailArgs {
    /// The SMTP server: `smtp://user:pass@host:587?tls=starttls` (STARTTLS),
    /// `smtps://user:pass@host:465` (TLS), or `smtp://127.0.0.1:25` (plain, a local relay).
    /// Holds a password: give it in the environment rather than as a flag.
    #[arg(long, env = "RAPPORT_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender of e-mails, e.g. `Rapport <notices@example.org>`. Required with --smtp-url.
    #[arg(long, env = "RAPPORT_MAIL_FROM")]
    pub mail_from: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct HttpArgs {
    /// Address and port to listen on.
    #[arg(long, env = "RAPPORT_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// Where people reach the server (e.g. https://rapport.example.org); `https://` turns on
    /// Secure cookies and HSTS. Default: http:// and the bind address.
    #[arg(long, env = "RAPPORT_BASE_URL")]
    pub base_url: Option<String>,
    /// Log filter, e.g. `info` or `rapport=debug`.
    #[arg(long = "log", env = "RAPPORT_LOG", default_value = "info")]
    pub log: String,
    /// Idle time-out of a client's browser session, in minutes (staff: always 30).
    #[arg(long, env = "RAPPORT_CLIENT_IDLE_MINUTES", default_value_t = 60, value_parser = clap::value_parser!(u32).range(5..=720))]
    pub client_idle_minutes: u32,
    /// A file of crisis lines for this instance's country, one per line:
    /// `label | tel:…, sms:… or https://… | button text`. Default: the United States' 988 and 911.
    #[arg(long, env = "RAPPORT_CRISIS_FILE")]
    pub crisis_file: Option<PathBuf>,
    /// A reverse proxy in front of the server, as an address or CIDR block (repeat the flag,
    /// or separate with commas). Only from these peers is `X-Forwarded-For` read (its
    /// right-most untrusted address is the client's). Default: none; the peer is the client.
    #[arg(
        long = "trusted-proxy",
        env = "RAPPORT_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<String>,
    /// STUN/TURN servers for online sessions, separated by commas: `stun:host:3478`,
    /// `turn:host:3478?transport=udp;username=U;credential=C`, or with coturn's shared secret
    /// for short-lived credentials `turns:host:5349;secret=S;ttl=3600`. Default: none, so
    /// browsers connect directly (same network) and nothing outside is contacted. May hold
    /// secrets: give it in the environment rather than as a flag.
    #[arg(
        long = "ice-servers",
        env = "RAPPORT_ICE_SERVERS",
        hide_env_values = true,
        default_value = ""
    )]
    pub ice_servers: String,
}

#[derive(Debug, Clone, Args)]
pub struct DemoArgs {
    /// An empty folder for the demo's database. Default: a fresh temporary folder, removed
    /// when the demo stops.
    #[arg(long = "data")]
    pub data_dir: Option<PathBuf>,
    #[command(flatten)]
    pub http: HttpArgs,
    #[command(flatten)]
    pub mail: MailArgs,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a clinician or administrator. The password is read from standard input (or
    /// asked for, without echo, at a terminal); never from an argument.
    CreateUser(CreateUserArgs),
    /// Add a new encryption key and re-encrypt every encrypted field under it, while the
    /// server runs.
    RotateKey(DbArgs),
}

#[derive(Debug, Args)]
pub struct CreateUserArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, value_parser = ["clinician", "admin"])]
    pub role: String,
    #[arg(long)]
    pub email: String,
    #[arg(long)]
    pub name: String,
    /// Clinicians: md, do, phd, psyd, lcsw, lpc, lmft, np, psychiatric_nurse or counsellor.
    #[arg(long)]
    pub credential: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain of the audit log and report the first broken link.
    Verify(AuditVerifyArgs),
    /// Print the newest event as SEQ:HASH, to be kept off this machine; `verify --checkpoint`
    /// later proves the events up to it were not removed.
    Checkpoint(DbArgs),
}

#[derive(Debug, Args)]
pub struct AuditVerifyArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// A checkpoint printed earlier by `rapport audit checkpoint` (SEQ:HASH): fail when that
    /// event is missing or differs, which catches the newest events removed and the head
    /// moved back.
    #[arg(long, value_name = "SEQ:HASH")]
    pub checkpoint: Option<String>,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The file to write (must not exist yet).
    #[arg(long)]
    pub to: PathBuf,
}

/// `rapport seed`.
#[derive(Debug, Args)]
#[command(after_long_help = "\
Seeded data is for benchmarks only. Every seeded account has the same password, printed at \
the end (seed-password-2026); the administrator and clinicians have two-step sign-in with \
secrets that follow from their e-mail addresses, written to seed-staff.txt in the data \
directory (mode 0600) for load tools. Clients are client1@seed.rapport.test …, clinicians \
clinician1@seed.rapport.test …, the administrator admin@seed.rapport.test.

The schema is brought up to date first. A database that already has accounts is refused. \
If a run fails half-way, delete the database and run again.")]
pub struct SeedArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// How many clients (0 with `--therapists` for a directory alone).
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(0..=10_000_000))]
    pub clients: u32,
    /// How many clinicians; each client is on one clinician's care team, in turn. Default:
    /// one per hundred clients, at least one.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub clinicians: Option<u32>,
    /// Days of history (weekly PHQ-9s, daily check-ins), ending yesterday.
    #[arg(long, default_value_t = 365, value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub days: u32,
    /// Directory clinicians besides, each verified and accepting new clients with a varied
    /// profile (therapist1@seed.rapport.test …; no caseload, no second factor yet).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=5_000_000))]
    pub therapists: u32,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use clap::Parser;

    use super::{Cli, Command};

    fn proxies(args: &[&str]) -> Vec<String> {
        let cli = Cli::try_parse_from([&["rapport", "serve"], args].concat()).unwrap();
        match cli.command {
            Command::Serve(s) => s.http.trusted_proxies,
            _ => panic!("not serve"),
        }
    }

    #[test]
    fn trusted_proxies_repeat_and_split_on_commas() {
        assert!(proxies(&[]).is_empty());
        let got = proxies(&[
            "--trusted-proxy",
            "10.0.0.0/8",
            "--trusted-proxy",
            "192.168.0.1,::1",
        ]);
        assert_eq!(got, ["10.0.0.0/8", "192.168.0.1", "::1"]);
        let parsed = rapport_web::TrustedProxies::parse(&got).unwrap();
        assert!(parsed.trusts("10.9.8.7".parse().unwrap()));
        assert!(rapport_web::TrustedProxies::parse(&["10.0.0.0/99"]).is_err());
    }
}
