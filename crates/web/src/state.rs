use std::sync::Arc;

use rapport_app::App;

use crate::{CrisisResources, Metrics, TrustedProxies};

/// Settings of the HTTP face.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Where people reach the server, e.g. `https://rapport.example.org`.
    pub base_url: String,
    pub crisis: CrisisResources,
    /// In a demo: the accounts to show on the sign-in page.
    pub demo_accounts: Option<Vec<DemoAccount>>,
}

impl WebConfig {
    /// Cookies get `Secure` (and the `__Host-` prefix) when people reach us over https.
    pub fn secure_cookies(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}

/// A demo sign-in, shown on the demo's sign-in page (never outside a demo).
#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub role: String,
    pub name: String,
    pub email: String,
    /// The authenticator secret, so the page can show the current code.
    pub totp_secret: Option<String>,
}

#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub web: Arc<WebConfig>,
    pub metrics: Arc<Metrics>,
    /// Reverse proxies whose `X-Forwarded-For` is believed (none unless configured).
    pub proxies: Arc<TrustedProxies>,
    /// The online session rooms live on this server (signalling).
    pub rooms: Arc<crate::signalling::Hub>,
}

impl AppState {
    pub fn new(app: App, web: WebConfig) -> AppState {
        AppState {
            app,
            web: Arc::new(web),
            metrics: Arc::new(Metrics::default()),
            proxies: Arc::new(TrustedProxies::default()),
            rooms: Arc::new(crate::signalling::Hub::default()),
        }
    }

    /// The crisis lines in force: the instance's settings for its country when set, else
    /// the ones the server was started with (a crisis file, or the United States').
    pub async fn crisis_lines(&self) -> Vec<crate::crisis::CrisisLine> {
        match rapport_app::settings::current(&self.app).await {
            Ok(s) if !s.crisis_lines_here().is_empty() => s
                .crisis_lines_here()
                .into_iter()
                .map(|l| crate::crisis::CrisisLine {
                    label: l.label.clone(),
                    href: l.href.clone(),
                    action: l.action.clone(),
                })
                .collect(),
            // A database that does not answer must not hide crisis help.
            _ => self.web.crisis.lines.clone(),
        }
    }

    /// The same state, believing `X-Forwarded-For` from these proxies.
    pub fn with_trusted_proxies(mut self, proxies: TrustedProxies) -> AppState {
        self.proxies = Arc::new(proxies);
        self
    }
}
