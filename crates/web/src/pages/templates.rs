//! The template structs and the pieces they share (layout, navigation, form fields).

use askama::Template;
use askama::filters::Safe;
use rapport_app::accounts::Stage;
use rapport_core::accounts::Role;

use crate::crisis::CrisisLine;
use crate::extract::Ctx;
use crate::i18n::{self, Arg, Lang};

pub struct NavItem {
    pub href: &'static str,
    pub label: String,
    pub current: bool,
}

/// What the shared layout needs.
pub struct Layout {
    pub demo: bool,
    /// A signed-in client: "My safety plan" one tap away in the header.
    pub safety_plan_link: bool,
    pub critical_alerts: usize,
    pub csrf: String,
    pub signed_in: bool,
    /// The signed-in person's id ("" when nobody is): what `static/offline.js` keeps on the
    /// device is theirs alone, never sent in someone else's session.
    pub who: String,
    pub nav: Vec<NavItem>,
    /// Someone fully signed in: their unread notices (the badge on "Notices").
    pub unread_notices: Option<u64>,
    /// The notification centre is the page shown.
    pub notices_current: bool,
    /// The page's language (`<html lang>`, and every `l.t(…)` of the page).
    pub lang: Lang,
    /// Where the page is, encoded for a query string (the language switcher comes back to it).
    pub back: String,
}

impl Layout {
    pub fn new(ctx: &Ctx) -> Layout {
        let links: &[(&str, &str)] = match &ctx.user {
            None => &[
                ("/", "nav-home"),
                ("/therapists", "nav-find-therapist"),
                ("/login", "nav-sign-in"),
                ("/signup", "nav-sign-up"),
            ],
            Some(c) if c.stage != Stage::Full => &[],
            Some(c) => match c.actor.role {
                Role::Client => &[
                    ("/home", "nav-home"),
                    ("/checkin", "nav-checkin"),
                    ("/sessions", "nav-sessions"),
                    ("/progress", "nav-progress"),
                    ("/messages", "nav-messages"),
                    ("/account", "nav-account"),
                ],
                Role::Family => &[("/home", "nav-home"), ("/account", "nav-account")],
                Role::Clinician => &[
                    ("/home", "nav-your-clients"),
                    ("/sessions", "nav-sessions"),
                    ("/groups", "nav-groups"),
                    ("/alerts", "nav-alerts"),
                    ("/reports/outcomes", "nav-outcomes"),
                    ("/me/profile", "nav-profile"),
                    ("/messages", "nav-messages"),
                    ("/account", "nav-account"),
                ],
                Role::Admin => &[
                    ("/home", "nav-administration"),
                    ("/admin/users", "nav-accounts"),
                    ("/admin/clinicians", "nav-licence-checks"),
                    ("/account", "nav-account"),
                ],
            },
        };
        Layout {
            demo: ctx.demo,
            safety_plan_link: ctx
                .user
                .as_ref()
                .is_some_and(|c| c.stage == Stage::Full && c.actor.role == Role::Client),
            critical_alerts: ctx.critical_alerts,
            csrf: ctx.csrf.clone(),
            signed_in: ctx.user.is_some(),
            who: ctx
                .user
                .as_ref()
                .map(|c| c.actor.user_id.to_string())
                .unwrap_or_default(),
            unread_notices: ctx.unread_notices,
            notices_current: ctx.path == "/notifications",
            nav: links
                .iter()
                .map(|(href, key)| NavItem {
                    href,
                    label: i18n::t(ctx.lang, key),
                    current: ctx.path == *href,
                })
                .collect(),
            lang: ctx.lang,
            back: form_urlencoded::byte_serialize(ctx.path.as_bytes()).collect(),
        }
    }

    /// The message `key` in the page's language (HTML of ours: not escaped again).
    pub fn t(&self, key: &str) -> Safe<String> {
        i18n::t_html(self.lang, key, &[])
    }

    /// The texts `static/app.js` shows, as JSON for the page's `ui-texts` data block.
    pub fn script_texts(&self) -> Safe<&'static str> {
        Safe(i18n::script_texts(self.lang))
    }

    /// The message `key` with its count `$n` (plurals).
    pub fn tn<'a>(&self, key: &str, n: impl Into<Arg<'a>>) -> Safe<String> {
        i18n::t_html(self.lang, key, &[("n", n.into())])
    }

    /// The message `key` with one variable (a string variable is escaped).
    pub fn ts<'a>(&self, key: &str, name: &str, value: impl Into<Arg<'a>>) -> Safe<String> {
        i18n::t_html(self.lang, key, &[(name, value.into())])
    }

    /// The message `key` with two variables.
    pub fn t2<'a, 'b>(
        &self,
        key: &str,
        a: &str,
        a_value: impl Into<Arg<'a>>,
        b: &str,
        b_value: impl Into<Arg<'b>>,
    ) -> Safe<String> {
        i18n::t_html(self.lang, key, &[(a, a_value.into()), (b, b_value.into())])
    }

    /// The message `key` with three variables.
    #[allow(clippy::too_many_arguments)]
    pub fn t3<'a, 'b, 'c>(
        &self,
        key: &str,
        a: &str,
        a_value: impl Into<Arg<'a>>,
        b: &str,
        b_value: impl Into<Arg<'b>>,
        c: &str,
        c_value: impl Into<Arg<'c>>,
    ) -> Safe<String> {
        i18n::t_html(
            self.lang,
            key,
            &[
                (a, a_value.into()),
                (b, b_value.into()),
                (c, c_value.into()),
            ],
        )
    }

    /// A use-case's message (English) in the page's language.
    pub fn error(&self, message: impl AsRef<str>) -> String {
        i18n::error_message(self.lang, message.as_ref())
    }

    /// A date or time as the app writes it ("Tue 3 Nov 2026, 17:00") in the page's language.
    pub fn date(&self, text: impl AsRef<str>) -> String {
        i18n::local_date(self.lang, text.as_ref())
    }

    /// A fixed English sentence from elsewhere (the default crisis lines, say) in the page's
    /// language, where it is listed.
    pub fn text(&self, sentence: impl AsRef<str>) -> String {
        i18n::error_message(self.lang, sentence.as_ref())
    }
}

/// One labelled input, with the value typed so far and its error.
pub struct FieldView {
    pub name: &'static str,
    pub label: String,
    pub kind: &'static str,
    pub value: String,
    pub hint: Option<String>,
    pub error: Option<String>,
    pub autocomplete: Option<&'static str>,
    pub inputmode: Option<&'static str>,
    pub required: bool,
}

impl FieldView {
    pub fn new(name: &'static str, label: impl Into<String>, kind: &'static str) -> FieldView {
        FieldView {
            name,
            label: label.into(),
            kind,
            value: String::new(),
            hint: None,
            error: None,
            autocomplete: None,
            inputmode: None,
            required: true,
        }
    }

    pub fn value(mut self, v: impl Into<String>) -> Self {
        self.value = v.into();
        self
    }

    pub fn hint(mut self, h: impl Into<String>) -> Self {
        self.hint = Some(h.into());
        self
    }

    pub fn autocomplete(mut self, a: &'static str) -> Self {
        self.autocomplete = Some(a);
        self
    }

    pub fn inputmode(mut self, m: &'static str) -> Self {
        self.inputmode = Some(m);
        self
    }

    /// Takes this field's message from the list of errors.
    pub fn error_from(mut self, errors: &[FormError]) -> Self {
        self.error = errors
            .iter()
            .find(|e| e.field == self.name)
            .map(|e| e.message.clone());
        self
    }

    pub fn describedby(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.name));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.name));
        }
        ids.join(" ")
    }
}

#[derive(Debug, Clone)]
pub struct FormError {
    pub field: String,
    pub message: String,
}

impl FormError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> FormError {
        FormError {
            field: field.into(),
            message: message.into(),
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorTemplate {
    pub demo: bool,
    pub status: u16,
    pub message: String,
    pub lang: Lang,
}

impl ErrorTemplate {
    pub fn t(&self, key: &str) -> Safe<String> {
        i18n::t_html(self.lang, key, &[])
    }
}

#[derive(Template)]
#[template(path = "public_home.html")]
pub struct PublicHome {
    pub l: Layout,
}

#[derive(Template)]
#[template(path = "crisis.html")]
pub struct CrisisPage {
    pub l: Layout,
    pub lines: Vec<CrisisLine>,
}

#[derive(Template)]
#[template(path = "signup.html")]
pub struct SignupPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    pub name: FieldView,
    pub email: FieldView,
    pub password: FieldView,
    pub timezone: String,
    pub consent: bool,
    pub consent_error: Option<String>,
    /// Where to go once signed up (a checked path on this site), or empty.
    pub next: String,
}

pub struct DemoRow {
    pub role: String,
    pub name: String,
    pub email: String,
    pub code: Option<String>,
}

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub l: Layout,
    pub notice: Option<&'static str>,
    pub error: Option<&'static str>,
    pub email: FieldView,
    pub password: FieldView,
    pub demo_accounts: Vec<DemoRow>,
    pub demo_password: &'static str,
    /// Shown when sign-in is held back: staff may send their code with the password.
    pub code: Option<FieldView>,
    /// Where to go once signed in (a checked path on this site), or empty.
    pub next: String,
}

#[derive(Template)]
#[template(path = "login_totp.html")]
pub struct TotpPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    pub code: FieldView,
}

#[derive(Template)]
#[template(path = "totp_enroll.html")]
pub struct EnrolPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    pub code: FieldView,
    pub qr_svg: String,
    pub secret_grouped: String,
}

pub struct TeamRow {
    pub name: String,
    pub credential: Option<&'static str>,
    pub role: &'static str,
    pub since: String,
}

#[derive(Template)]
#[template(path = "home_client.html")]
pub struct ClientHome {
    pub l: Layout,
    /// The client's places in groups: (group id, name, offered and waiting for an answer).
    pub groups: Vec<(String, String, bool)>,
    pub name: String,
    pub notice: Option<&'static str>,
    /// The one thing to do next (issue 23, item 12).
    pub step: NextStep,
    /// Feedback on sessions held, asked beside the next step.
    pub feedback: Vec<DueView>,
    pub team: Vec<TeamRow>,
    pub emergency_contact: String,
    pub intake_status: &'static str,
    pub plan_to_agree: bool,
    /// A client (not a family member): their sessions are shown.
    pub sessions: bool,
    /// The next session: (when, minutes, where).
    pub next_session: Option<(String, i16, super::sessions::WhereView)>,
    /// Answers to the client's requests for another time, while they are news.
    pub answers: Vec<super::sessions::requests::RequestItem>,
    /// Homework to do now (a client's).
    pub homework: Vec<super::homework::ListItem>,
    /// Consultations still open: (with whom, where it stands).
    pub consultations: Vec<(String, &'static str)>,
    /// The 8th-session rule: (sessions attended, first PHQ-9, latest PHQ-9).
    pub switch_offer: Option<(u32, u8, u8)>,
}

/// What a client's home asks of them first: one thing at a time.
pub enum NextStep {
    /// The intake, before any questionnaire; `draft` when it is started but not sent.
    Intake { draft: bool },
    /// Today's questionnaires and check-in, one at a time.
    Today {
        /// The one to do now; `None` when today's are all done.
        now: Option<DueView>,
        /// Its place in today's list, from 1, and how many today's list has.
        at: usize,
        of: usize,
        /// Those to come after it today, by name.
        later: Vec<String>,
        /// Those done: (name, "today" or the day).
        done: Vec<(String, String)>,
    },
}

pub struct DueView {
    pub label: String,
    pub minutes: u8,
    pub href: String,
}

pub struct ClientRow {
    pub id: String,
    pub name: String,
    pub role: &'static str,
    pub latest: Option<u8>,
    pub band: Option<&'static str>,
    pub spark: String,
    /// The most urgent thing about the client, in one line.
    pub reason: String,
    pub flags: Vec<BadgeView>,
    /// PHQ-9 points since the episode's start, and whether the change is reliable.
    pub change: Option<String>,
    /// `rapport_core::caseload::progress_label`.
    pub progress: &'static str,
    pub not_on_track: bool,
    pub last_checkin: Option<String>,
    pub next_session: Option<String>,
    /// Homework entries sent and not reviewed yet ("2 new").
    pub homework_new: usize,
    /// A medication review with the prescriber is due (issue 22).
    pub review_due: bool,
}

/// An unresolved alert on a caseload row: a link to its card on the client's chart.
pub struct BadgeView {
    pub href: String,
    pub level: &'static str,
    pub kind: &'static str,
    pub acknowledged: bool,
}

#[derive(Template)]
#[template(path = "home_clinician.html")]
pub struct ClinicianHome {
    pub l: Layout,
    /// Clients on the caseload before filtering.
    pub total: usize,
    /// (word, label, chosen)
    pub filters: Vec<(&'static str, &'static str, bool)>,
    pub q: String,
    pub clients: Vec<ClientRow>,
    pub notice: Option<&'static str>,
    /// Clients' requests for another time, open until answered.
    pub requests: Vec<super::sessions::requests::RequestItem>,
    pub requests_back: String,
    /// Requests for a consultation waiting for this clinician's answer.
    pub consultations_waiting: usize,
    /// Clients to talk with about how therapy is going (the 8th-session rule): (id, name,
    /// sessions attended, first PHQ-9, latest PHQ-9).
    pub talk_about: Vec<(String, String, u32, u8, u8)>,
}

#[derive(Template)]
#[template(path = "account.html")]
pub struct AccountPage {
    pub l: Layout,
    /// The language chosen (`en`, `es`); `None` follows the browser.
    pub language: Option<&'static str>,
    pub notice: Option<&'static str>,
    pub name: String,
    pub role: &'static str,
    /// The role's words in the page's language.
    pub role_key: &'static str,
    pub totp: bool,
    pub is_client: bool,
    /// Clients and clinicians may have a private calendar feed.
    pub calendar: bool,
    pub has_feed: bool,
    /// The feed's address, shown once, right after it is made.
    pub feed_url: Option<String>,
}

#[derive(Template)]
#[template(path = "password.html")]
pub struct PasswordPage {
    pub l: Layout,
    pub errors: Vec<FormError>,
    pub current: FieldView,
    pub new: FieldView,
}

pub struct AccessRow {
    pub at: String,
    pub who: String,
    pub what: &'static str,
    /// Under an emergency opening ("break glass"), or the opening itself.
    pub emergency: bool,
    /// The reason given for an emergency opening.
    pub reason: Option<String>,
}

#[derive(Template)]
#[template(path = "access_log.html")]
pub struct AccessLogPage {
    pub l: Layout,
    pub entries: Vec<AccessRow>,
}

/// The first word of a person's name: "Back to Ana's chart".
pub fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// `?next=…` for a link between sign-up and sign-in that keeps the return address, or "".
pub fn next_query(next: &str) -> String {
    if next.is_empty() {
        return String::new();
    }
    let encoded: String = next
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("?next={encoded}")
}

impl SignupPage {
    pub fn next_query(&self) -> String {
        next_query(&self.next)
    }
}

impl LoginPage {
    pub fn next_query(&self) -> String {
        next_query(&self.next)
    }
}
