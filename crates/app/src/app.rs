use std::sync::Arc;

use chrono::{DateTime, Utc};
use rapport_store::Db;
use uuid::Uuid;

use crate::clock::Clock;

/// Settings that shape behaviour, with defaults that suit a small practice.
#[derive(Debug, Clone)]
pub struct Config {
    /// Idle time-out of a client's or family member's browser session (staff: 30 minutes).
    pub client_idle_minutes: u32,
    /// Absolute lifetime of any browser session.
    pub session_absolute_hours: u32,
    /// Lifetime of an API bearer token.
    pub api_token_days: u32,
    /// The issuer shown in authenticator apps.
    pub totp_issuer: String,
    /// A demo instance: banners, and demo sign-in codes on the sign-in page.
    pub demo: bool,
    /// Where people reach the server, without a trailing slash (links in e-mails).
    pub base_url: String,
    /// Sending e-mail; `None`: e-mail notifications are off (notices stay in the app).
    pub mail: Option<MailConfig>,
    /// STUN/TURN servers the browsers of an online session are told about
    /// (`--ice-servers`); none by default, so that nothing outside is contacted.
    pub ice_servers: Vec<rapport_core::sessions::room::IceServerSpec>,
}

/// How to send e-mail: an SMTP URL (see `jobs::mail`) and the sender's address.
#[derive(Clone)]
pub struct MailConfig {
    /// `smtp://user:pass@host:587?tls=starttls`, `smtps://user:pass@host:465`, or plain
    /// `smtp://host:25` (loopback). Holds a password: never logged.
    pub smtp_url: String,
    /// The sender, `Rapport <notices@example.org>` or a bare address.
    pub from: String,
}

impl std::fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailConfig")
            .field("smtp_url", &"(hidden)")
            .field("from", &self.from)
            .finish()
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            client_idle_minutes: 60,
            session_absolute_hours: 12,
            api_token_days: 30,
            totp_issuer: "Rapport".to_string(),
            demo: false,
            base_url: "http://127.0.0.1:8080".to_string(),
            mail: None,
            ice_servers: Vec::new(),
        }
    }
}

/// Everything a use-case needs: the database, the clock and the settings. Cheap to clone.
/// The database is the use-cases' own: outside this crate a client's record is reached only
/// through a use-case (and so through `access`).
#[derive(Clone)]
pub struct App {
    pub(crate) db: Db,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<Config>,
    /// The public directory's listed clinicians, kept in memory (`therapists::directory`).
    pub(crate) directory: Arc<crate::therapists::DirectoryCache>,
    /// Matching's compact directory, rebuilt when the listed clinicians change.
    pub(crate) matching: Arc<crate::matching::MatchCache>,
    /// The practice's expected-recovery curves (`reports::practice_curves`).
    pub(crate) curves: Arc<crate::reports::CurvesCache>,
}

impl App {
    pub fn new(db: Db, clock: Arc<dyn Clock>, config: Config) -> App {
        App {
            db,
            clock,
            config: Arc::new(config),
            directory: Arc::default(),
            matching: Arc::default(),
            curves: Arc::default(),
        }
    }

    /// Checks that the database answers (`/healthz`).
    pub async fn ping(&self) -> crate::Result<()> {
        Ok(self.db.ping().await?)
    }

    /// Reads the key file again (a running server learns of a key rotation).
    pub fn reload_keys(&self) -> crate::Result<()> {
        Ok(self.db.keys().reload()?)
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// A new time-ordered id (UUIDv7) stamped with the app's clock.
    pub fn new_id(&self) -> Uuid {
        let now = self.now();
        let ts = uuid::Timestamp::from_unix(
            uuid::NoContext,
            now.timestamp().max(0) as u64,
            now.timestamp_subsec_nanos(),
        );
        Uuid::new_v7(ts)
    }
}
