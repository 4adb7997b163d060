//! A person's choices about being told beyond the app (issue 16): which kinds of notice come
//! by e-mail, quiet hours, the daily limit of reminder e-mails, and the daily check-in
//! reminder's local time. Someone who never opened the settings has their role's defaults.
//!
//! The rules of an e-mail's time ([`email_time`], [`within_limit`]):
//! - a kind the person turned off (or unsubscribed from) is not e-mailed; the in-app notice
//!   is given all the same;
//! - critical kinds (a safety flag, its escalation) go at once, whatever quiet hours or the
//!   limit say; a clinician who turned their e-mail off for them still gets the in-app notice
//!   (and the escalation to the on-call clinician still runs);
//! - every other kind waits for the end of the person's quiet hours;
//! - reminders count against the daily limit of the local day they are sent on; beyond it no
//!   e-mail (the in-app notice stays). Messages and care-team news do not count.

use chrono::{DateTime, NaiveTime, Utc};
use chrono_tz::Tz;

use super::NoticeKind;
use super::schedule::QuietHours;
use crate::accounts::Role;
use crate::{Error, Result};

/// The most reminder e-mails a day one may ask for.
pub const MAX_DAILY_LIMIT: u8 = 10;

/// The default quiet hours: 21:00–08:00 on the person's clock.
pub fn default_quiet_hours() -> QuietHours {
    QuietHours {
        start: NaiveTime::from_hms_opt(21, 0, 0).unwrap_or(NaiveTime::MIN),
        end: NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN),
    }
}

/// The default daily limit of reminder e-mails.
pub const DEFAULT_DAILY_LIMIT: u8 = 3;

/// The kinds a person of `role` may be told about, in the order the settings list them.
pub fn kinds_for(role: Role) -> &'static [NoticeKind] {
    match role {
        Role::Client => &[
            NoticeKind::CheckinDue,
            NoticeKind::MeasureDue,
            NoticeKind::HomeworkDue,
            NoticeKind::SessionSoon,
            NoticeKind::Message,
            NoticeKind::CareTeamJoined,
        ],
        Role::Clinician => &[
            NoticeKind::SafetyFlag,
            NoticeKind::FlagEscalated,
            NoticeKind::EmergencyAccess,
            NoticeKind::SideEffects,
            NoticeKind::Message,
            NoticeKind::SessionSoon,
        ],
        Role::Family | Role::Admin => &[],
    }
}

/// Whether someone of `role` who never chose gets `kind` by e-mail: clients every kind of
/// theirs; clinicians the critical kinds and messages (not session reminders: their calendar
/// does that); family members and administrators nothing.
pub fn default_email(role: Role, kind: NoticeKind) -> bool {
    match role {
        Role::Client => kinds_for(role).contains(&kind),
        Role::Clinician => kind.is_critical() || kind == NoticeKind::Message,
        Role::Family | Role::Admin => false,
    }
}

/// Whether one can unsubscribe from `kind` with a one-click link: reminders and messages.
/// Critical kinds and care-team news are changed in the settings only.
pub fn can_unsubscribe(kind: NoticeKind) -> bool {
    kind.is_reminder() || kind == NoticeKind::Message
}

/// One person's choices, with their role's defaults where they chose nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preferences {
    /// Each kind of the role's and whether it comes by e-mail.
    pub email: Vec<(NoticeKind, bool)>,
    /// `None`: no quiet hours.
    pub quiet: Option<QuietHours>,
    /// Reminder e-mails a day at most (0: none).
    pub daily_limit: u8,
    /// The daily check-in reminder's local time (`None`: no check-in reminder).
    pub checkin_at: Option<NaiveTime>,
}

impl Preferences {
    /// The defaults of `role`.
    pub fn defaults(role: Role) -> Preferences {
        Preferences {
            email: kinds_for(role)
                .iter()
                .map(|k| (*k, default_email(role, *k)))
                .collect(),
            quiet: Some(default_quiet_hours()),
            daily_limit: DEFAULT_DAILY_LIMIT,
            checkin_at: None,
        }
    }

    /// Whether `kind` comes by e-mail. A kind that is not the role's: only when critical and
    /// the role's default says so (never, today).
    pub fn emails(&self, kind: NoticeKind) -> bool {
        self.email
            .iter()
            .find(|(k, _)| *k == kind)
            .is_some_and(|(_, on)| *on)
    }

    /// Sets one kind; refuses a kind the role is never told about.
    pub fn set_email(&mut self, kind: NoticeKind, on: bool) -> Result<()> {
        match self.email.iter_mut().find(|(k, _)| *k == kind) {
            Some(slot) => {
                slot.1 = on;
                Ok(())
            }
            None => Err(Error::invalid(
                format!("email.{}", kind.as_str()),
                "You are not sent this kind of notice.",
            )),
        }
    }
}

/// Checks a daily limit.
pub fn check_daily_limit(limit: i64) -> Result<u8> {
    u8::try_from(limit)
        .ok()
        .filter(|l| *l <= MAX_DAILY_LIMIT)
        .ok_or_else(|| {
            Error::invalid(
                "daily_limit",
                format!("Choose a number from 0 (no reminder e-mails) to {MAX_DAILY_LIMIT}."),
            )
        })
}

/// Reads a wall-clock time typed as `HH:MM` (24-hour); `field` names it in the error.
pub fn parse_time(field: &str, text: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| Error::invalid(field, "Give a time as HH:MM, for example 21:00."))
}

/// Quiet hours from two typed times: both or neither. The same start and end is refused
/// (it would be no window, or all day: say which by leaving both empty).
pub fn parse_quiet_hours(start: Option<&str>, end: Option<&str>) -> Result<Option<QuietHours>> {
    let start = start.map(str::trim).filter(|s| !s.is_empty());
    let end = end.map(str::trim).filter(|s| !s.is_empty());
    match (start, end) {
        (None, None) => Ok(None),
        (Some(_), None) => Err(Error::invalid(
            "quiet_end",
            "Give the time quiet hours end, or clear both times for no quiet hours.",
        )),
        (None, Some(_)) => Err(Error::invalid(
            "quiet_start",
            "Give the time quiet hours start, or clear both times for no quiet hours.",
        )),
        (Some(s), Some(e)) => {
            let q = QuietHours {
                start: parse_time("quiet_start", s)?,
                end: parse_time("quiet_end", e)?,
            };
            if q.start == q.end {
                return Err(Error::invalid(
                    "quiet_end",
                    "Quiet hours must end at another time than they start.",
                ));
            }
            Ok(Some(q))
        }
    }
}

/// When an e-mail about a notice of `kind` given at `now` may go, before the daily limit:
/// `None` when the person does not get `kind` by e-mail.
pub fn email_time(
    prefs: &Preferences,
    kind: NoticeKind,
    now: DateTime<Utc>,
    tz: Tz,
) -> Option<DateTime<Utc>> {
    if !prefs.emails(kind) {
        return None;
    }
    if kind.is_critical() {
        return Some(now);
    }
    Some(prefs.quiet.map_or(now, |q| q.release(now, tz)))
}

/// Whether one more e-mail of `kind` stays within the limit, given how many reminder e-mails
/// the person has on that local day already. Only reminders count.
pub fn within_limit(prefs: &Preferences, kind: NoticeKind, already: u64) -> bool {
    !kind.is_reminder() || already < u64::from(prefs.daily_limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    const NY: Tz = chrono_tz::America::New_York;

    #[test]
    fn defaults_by_role() {
        let c = Preferences::defaults(Role::Client);
        assert!(c.emails(NoticeKind::CheckinDue) && c.emails(NoticeKind::Message));
        assert!(!c.emails(NoticeKind::SafetyFlag));
        assert_eq!(c.daily_limit, 3);
        assert_eq!(c.quiet, Some(default_quiet_hours()));
        assert_eq!(c.checkin_at, None);
        let k = Preferences::defaults(Role::Clinician);
        assert!(k.emails(NoticeKind::SafetyFlag) && k.emails(NoticeKind::FlagEscalated));
        assert!(k.emails(NoticeKind::Message) && !k.emails(NoticeKind::SessionSoon));
        let a = Preferences::defaults(Role::Admin);
        assert!(NoticeKind::ALL.iter().all(|kind| !a.emails(*kind)));
    }

    #[test]
    fn a_reminder_in_quiet_hours_waits_and_a_critical_notice_does_not() {
        let c = Preferences::defaults(Role::Client);
        // 23:00 EST: quiet until 08:00.
        let night = utc("2026-03-04T04:00:00Z");
        assert_eq!(
            email_time(&c, NoticeKind::CheckinDue, night, NY),
            Some(utc("2026-03-04T13:00:00Z"))
        );
        let noon = utc("2026-03-04T17:00:00Z");
        assert_eq!(email_time(&c, NoticeKind::CheckinDue, noon, NY), Some(noon));
        let k = Preferences::defaults(Role::Clinician);
        assert_eq!(
            email_time(&k, NoticeKind::SafetyFlag, night, NY),
            Some(night)
        );
        let mut off = k.clone();
        off.set_email(NoticeKind::SafetyFlag, false).unwrap();
        assert_eq!(email_time(&off, NoticeKind::SafetyFlag, night, NY), None);
    }

    #[test]
    fn the_limit_counts_reminders_only() {
        let c = Preferences::defaults(Role::Client);
        assert!(within_limit(&c, NoticeKind::MeasureDue, 2));
        assert!(!within_limit(&c, NoticeKind::MeasureDue, 3));
        assert!(within_limit(&c, NoticeKind::Message, 30));
    }

    #[test]
    fn typed_settings_are_checked_and_name_the_field() {
        assert_eq!(check_daily_limit(11).unwrap_err().field, "daily_limit");
        assert_eq!(check_daily_limit(-1).unwrap_err().field, "daily_limit");
        assert_eq!(check_daily_limit(0), Ok(0));
        assert_eq!(
            parse_time("checkin_at", "25:00").unwrap_err().field,
            "checkin_at"
        );
        assert_eq!(
            parse_quiet_hours(Some("21:00"), None).unwrap_err().field,
            "quiet_end"
        );
        assert_eq!(
            parse_quiet_hours(None, Some("08:00")).unwrap_err().field,
            "quiet_start"
        );
        assert_eq!(
            parse_quiet_hours(Some("8:00"), Some("08:00"))
                .unwrap_err()
                .field,
            "quiet_end"
        );
        assert_eq!(parse_quiet_hours(Some(""), Some(" ")), Ok(None));
        assert_eq!(
            parse_quiet_hours(Some("22:30"), Some("07:00"))
                .unwrap()
                .unwrap()
                .start,
            NaiveTime::from_hms_opt(22, 30, 0).unwrap()
        );
        let mut c = Preferences::defaults(Role::Client);
        assert_eq!(
            c.set_email(NoticeKind::SafetyFlag, true).unwrap_err().field,
            "email.safety_flag"
        );
    }

    #[test]
    fn one_click_unsubscribe_is_for_reminders_and_messages() {
        assert!(can_unsubscribe(NoticeKind::CheckinDue) && can_unsubscribe(NoticeKind::Message));
        assert!(!can_unsubscribe(NoticeKind::SafetyFlag));
        assert!(!can_unsubscribe(NoticeKind::CareTeamJoined));
    }

    proptest! {
        #[test]
        fn an_email_is_never_before_the_notice_nor_in_quiet_hours(
            secs in 1_767_225_600i64..1_830_297_600i64,
            k in 0usize..8,
        ) {
            let now = DateTime::from_timestamp(secs, 0).unwrap();
            let kind = NoticeKind::ALL[k % NoticeKind::ALL.len()];
            let c = Preferences::defaults(Role::Client);
            if let Some(at) = email_time(&c, kind, now, NY) {
                prop_assert!(at >= now);
                if !kind.is_critical() {
                    prop_assert!(!default_quiet_hours().is_quiet(at, NY));
                }
            }
        }
    }
}
