//! Signing the seeded accounts in as a browser and an app would: the form with its CSRF
//! cookie and hidden field (and the authenticator code for clinicians), and the JSON API for
//! a bearer token.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result, anyhow, bail};
use rapport_app::accounts::totp;
use rapport_demo::seed::{SEED_PASSWORD, client_email};

use crate::clock;
use crate::http::{Conn, Jar, Response};

/// The cookie names with an `http://` base URL (no `__Host-` prefix).
pub const CSRF_COOKIE: &str = "rapport_csrf";
pub const SESSION_COOKIE: &str = "rapport_session";

/// Sign-ins at once. Each attempt counts against the address until it succeeds, and the
/// fifth attempt in flight from one address would start a wait, so stay well under it.
const PARALLEL_SIGN_INS: usize = 3;

/// A signed-in client: a browser session for pages and a token for the API.
#[derive(Debug, Clone)]
pub struct ClientUser {
    pub n: u32,
    pub cookie: String,
    pub bearer: String,
}

/// A signed-in clinician and the clients their caseload page links to.
#[derive(Debug, Clone)]
pub struct ClinicianUser {
    pub email: String,
    pub cookie: String,
    pub clients: Vec<String>,
}

/// The value of the hidden `csrf` field of a form.
pub fn hidden_csrf(html: &str) -> Option<&str> {
    let at = html.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    let rest = &html[at..];
    Some(&rest[..rest.find('"')?])
}

/// The client ids a clinician's page links to (`/clients/{uuid}`), first appearance first.
pub fn client_links(html: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("href=\"/clients/") {
        rest = &rest[i + "href=\"/clients/".len()..];
        let Some(end) = rest.find('"') else { break };
        let id = &rest[..end];
        if id.len() == 36
            && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
            && !out.iter().any(|x| x == id)
        {
            out.push(id.to_string());
        }
        rest = &rest[end..];
    }
    out
}

fn expect(r: &Response, status: u16, what: &str) -> Result<()> {
    if r.status != status {
        let text = r.text();
        let snippet: String = text.chars().take(300).collect();
        bail!("{what}: expected {status}, got {} ({snippet})", r.status);
    }
    Ok(())
}

/// The password step of the form: the browser's jar afterwards and where it was sent.
async fn form_password(conn: &mut Conn, email: &str) -> Result<(Jar, String)> {
    let mut jar = Jar::default();
    let r = conn.get("/login", None).await?;
    expect(&r, 200, "GET /login")?;
    jar.absorb(&r);
    let text = r.text();
    let field = hidden_csrf(&text).ok_or_else(|| anyhow!("GET /login: no csrf field"))?;
    let cookie = jar
        .get(CSRF_COOKIE)
        .ok_or_else(|| anyhow!("GET /login: no {CSRF_COOKIE} cookie"))?;
    if field != cookie {
        bail!("GET /login: the csrf field does not match its cookie");
    }
    let csrf = field.to_string();
    let r = conn
        .post_form(
            "/login",
            Some(&jar.header()),
            &[
                ("email", email),
                ("password", SEED_PASSWORD),
                ("csrf", &csrf),
            ],
        )
        .await?;
    expect(&r, 303, &format!("POST /login as {email}"))?;
    jar.absorb(&r);
    let to = r.header("location").unwrap_or_default().to_string();
    if jar.get(SESSION_COOKIE).is_none() {
        bail!("POST /login as {email}: no session cookie");
    }
    Ok((jar, to))
}

pub async fn client(conn: &mut Conn, n: u32) -> Result<ClientUser> {
    let email = client_email(n);
    let body = serde_json::json!({ "email": email, "password": SEED_PASSWORD }).to_string();
    let r = conn
        .post_json("/api/v1/auth/login", None, body.as_bytes())
        .await?;
    expect(&r, 200, &format!("POST /api/v1/auth/login as {email}"))?;
    let v: serde_json::Value = serde_json::from_slice(&r.body).context("login response")?;
    let bearer = v
        .get("token")
        .and_then(|t| t.as_str())
        .ok_or_else(|| anyhow!("no token in the login response"))?
        .to_string();
    let (jar, to) = form_password(conn, &email).await?;
    if to != "/home" {
        bail!("POST /login as {email}: sent to {to:?}, not /home");
    }
    Ok(ClientUser {
        n,
        cookie: jar.header(),
        bearer,
    })
}

pub async fn clinician(conn: &mut Conn, email: &str, secret: &str) -> Result<ClinicianUser> {
    let (mut jar, to) = form_password(conn, email).await?;
    if to != "/login/totp" {
        bail!("POST /login as {email}: sent to {to:?}, not /login/totp");
    }
    // A code is good once per 30-second step; a run a moment ago may have used this step's,
    // and the next step's code is accepted too.
    let mut signed_in = false;
    for ahead in [0i64, 30] {
        let at = clock::utc_now() + chrono::Duration::seconds(ahead);
        let code = totp::code_at(secret, at).map_err(|e| anyhow!("TOTP for {email}: {e}"))?;
        let csrf = jar
            .get(CSRF_COOKIE)
            .ok_or_else(|| anyhow!("no {CSRF_COOKIE} cookie after the password"))?
            .to_string();
        let r = conn
            .post_form(
                "/login/totp",
                Some(&jar.header()),
                &[("code", &code), ("csrf", &csrf)],
            )
            .await?;
        jar.absorb(&r);
        if r.status == 303 && r.header("location") == Some("/home") {
            signed_in = true;
            break;
        }
    }
    if !signed_in {
        bail!("POST /login/totp as {email}: the authenticator code was refused");
    }
    let cookie = jar.header();
    let r = conn.get("/home", Some(&cookie)).await?;
    expect(&r, 200, &format!("GET /home as {email}"))?;
    Ok(ClinicianUser {
        email: email.to_string(),
        cookie,
        clients: client_links(&r.text()),
    })
}

/// Signs in clients `numbers` and clinicians `staff` (e-mail, TOTP secret), a few at a time.
pub async fn all(
    addr: SocketAddr,
    numbers: Vec<u32>,
    staff: Vec<(String, String)>,
) -> Result<(Vec<ClientUser>, Vec<ClinicianUser>)> {
    // Clinicians first, one at a time: their codes must not race one another's throttling.
    let mut conn = Conn::new(addr)?;
    let mut clinicians = Vec::new();
    for (email, secret) in &staff {
        clinicians.push(clinician(&mut conn, email, secret).await?);
    }
    let numbers = Arc::new(numbers);
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..PARALLEL_SIGN_INS {
        let (numbers, next) = (Arc::clone(&numbers), Arc::clone(&next));
        tasks.spawn(async move {
            let mut conn = Conn::new(addr)?;
            let mut out = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(&n) = numbers.get(i) else { break };
                out.push(client(&mut conn, n).await?);
            }
            anyhow::Ok(out)
        });
    }
    let mut clients = Vec::new();
    while let Some(r) = tasks.join_next().await {
        clients.extend(r.context("a sign-in task failed")??);
    }
    clients.sort_by_key(|c| c.n);
    Ok((clients, clinicians))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_hidden_field() {
        let html = r#"<form><input type="hidden" name="csrf" value="tok-EN_1"><input name="email"></form>"#;
        assert_eq!(hidden_csrf(html), Some("tok-EN_1"));
        assert_eq!(hidden_csrf("<p>no form</p>"), None);
    }

    #[test]
    fn finds_client_links_once_each() {
        let a = "0193a0f4-0000-7000-8000-000000000001";
        let b = "0193a0f4-0000-7000-8000-000000000002";
        let html = format!(
            r#"<a href="/clients/{a}">A</a> <a href="/clients/{b}">B</a> <a href="/clients/{a}">again</a> <a href="/clients/{a}/notes">notes</a>"#
        );
        assert_eq!(client_links(&html), vec![a.to_string(), b.to_string()]);
    }
}
