//! Each role's home page.

use axum::extract::{Query, State};
use chrono::NaiveDate;
use rapport_app::care_teams;
use rapport_app::intake::IntakeProgress;
use rapport_app::time::Zone;
use rapport_core::accounts::Role;
use rapport_core::alerts::FlagStatus;
use rapport_core::caseload::{Track, progress_label, signed_points};
use rapport_core::outcomes::Change;
use serde::Deserialize;

use super::templates::{
    BadgeView, ClientHome, ClientRow, ClinicianHome, DueView, Layout, NextStep,
};
use super::{Page, render};
use crate::extract::{Ctx, Signed};
use crate::i18n::{self, Arg, Lang};
use crate::messages;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct Notice {
    done: Option<String>,
    /// The caseload's filter: `alerts`, `not_on_track`, `no_checkin` or `not_started`.
    show: Option<String>,
    /// Part of a client's name, to find them in the caseload.
    q: Option<String>,
}

/// The notice to show after a form redirected here.
pub fn notice_text(n: &Notice) -> Option<&'static str> {
    match n.done.as_deref() {
        Some("contact") => Some(messages::CONTACT_SAVED),
        Some("user") => Some(messages::USER_CREATED),
        Some("team") => Some(messages::ASSIGNED),
        Some("triage") => Some(messages::TRIAGE_SAVED),
        Some("disabled") => Some(messages::ACCOUNT_DISABLED),
        Some("enabled") => Some(messages::ACCOUNT_ENABLED),
        Some("ended") => Some(messages::MEMBERSHIP_ENDED),
        Some("password") => Some(messages::PASSWORD_CHANGED),
        Some("totp") => Some(messages::TOTP_ON),
        Some("language") => Some(messages::LANGUAGE_SAVED),
        Some("checkin") => Some(messages::CHECKIN_SAVED),
        Some("feedback") => Some("Thank you for your feedback. Your therapist will see it."),
        Some("therapist") => Some(
            "Thank you for telling us. The practice will be in touch about a different therapist.",
        ),
        Some("answered") => Some("Your answer is sent."),
        Some("joined") => Some("Welcome. Below is what each person shares with you."),
        Some("chosen") => Some(
            "You have chosen your therapist: they are on your care team below. Your episode of care has started.",
        ),
        Some("calendar") => Some(
            "The calendar address is stopped. Calendar apps subscribed to it get nothing more.",
        ),
        _ => None,
    }
}

pub async fn home(
    State(state): State<AppState>,
    Signed { actor, ctx }: Signed,
    Query(n): Query<Notice>,
) -> Page {
    match actor.role {
        Role::Client => client_home(&state, &ctx, &actor, notice_text(&n)).await,
        Role::Family => super::family::family_home(&state, &ctx, &actor, notice_text(&n)).await,
        Role::Clinician => clinician_home(&state, &ctx, &actor, &n).await,
        Role::Admin => super::administration::hub(&state, &ctx, &actor, notice_text(&n)).await,
    }
}

async fn client_home(
    state: &AppState,
    ctx: &Ctx,
    actor: &rapport_app::Actor,
    notice: Option<&'static str>,
) -> Page {
    let rapport_app::home::ClientHome {
        timezone,
        emergency_contact,
        team,
        due_today,
        feedback_due,
        next_session,
        intake,
        plan_to_agree,
        requests,
        homework,
        consultations,
        switch_offer,
        groups,
    } = rapport_app::home::client_home(&state.app, actor).await?;
    let tz = &timezone;
    let now = state.app.now();
    let step = match intake {
        // Before any questionnaire, the intake: a client who has answered one already is
        // asked for today's as before, sent intake or not.
        IntakeProgress::NotStarted | IntakeProgress::Draft
            if due_today.iter().all(|d| d.last.is_none()) =>
        {
            NextStep::Intake {
                draft: intake == IntakeProgress::Draft,
            }
        }
        _ => today_step(due_today, rapport_app::time::local_day(now, tz)),
    };
    let feedback = feedback_due
        .into_iter()
        .map(|f| {
            let (day, _) = super::time::local(f.starts_at, tz);
            DueView {
                label: format!("Feedback on your session of {}", day.format("%-d %b")),
                minutes: rapport_core::measures::SessionFeedback::MINUTES_TO_COMPLETE,
                href: format!("/sessions/{}/feedback", f.session_id),
            }
        })
        .collect();
    // An answer is news for a week, or until the session it moved has passed.
    let news = requests
        .into_iter()
        .filter(|r| {
            r.answer.as_ref().is_some_and(|a| {
                now - a.at < chrono::Duration::days(ANSWER_NEWS_DAYS) || r.session_starts_at > now
            })
        })
        .collect();
    let next_session = next_session.map(|v| {
        (
            super::time::when(v.starts_at, tz),
            v.minutes,
            super::sessions::where_view(
                v.id,
                &v.modality,
                v.place,
                v.starts_at,
                i64::from(v.minutes),
                false,
                now,
            ),
        )
    });
    let consultations = consultations
        .into_iter()
        .filter(|c| c.state.is_open())
        .map(|c| (c.clinician_name, c.state.label()))
        .collect();
    let switch_offer = switch_offer.map(|o| (o.attended_sessions, o.first_phq9, o.latest_phq9));
    let groups = groups
        .into_iter()
        .map(|p| {
            (
                p.group.id.to_string(),
                p.group.name,
                p.state == rapport_core::groups::MemberState::Offered,
            )
        })
        .collect();
    render(ClientHome {
        groups,
        consultations,
        switch_offer,
        l: Layout::new(ctx),
        name: actor.name.clone(),
        step,
        feedback,
        notice,
        team: super::chart::team_rows(team, super::time::zone(ctx)),
        emergency_contact: emergency_contact.unwrap_or_default(),
        intake_status: match intake {
            IntakeProgress::NotStarted => "not started yet",
            IntakeProgress::Draft => "started; carry on where you left off",
            IntakeProgress::Sent => "sent",
        },
        plan_to_agree,
        next_session,
        sessions: true,
        answers: super::sessions::requests::items(news, tz),
        homework: super::homework::to_do(ctx.lang, &homework, false),
    })
}

/// How many days an answer to a client's request for another time stays on their home.
const ANSWER_NEWS_DAYS: i64 = 7;

/// Today's list, one at a time: the questionnaires in the order of the schedule, then the
/// check-in (the PHQ-9 first: the measure the caseload and the alerts read); the first not yet
/// done is the one to do now, and its place counts those done today.
fn today_step(mut due: Vec<rapport_app::measures::Due>, today: NaiveDate) -> NextStep {
    due.sort_by_key(|d| d.what == "checkin");
    let done_today = due
        .iter()
        .filter(|d| !d.due && d.last == Some(today))
        .count();
    let to_do = due.iter().filter(|d| d.due).count();
    let mut pending = due.iter().filter(|d| d.due);
    let now = pending.next().map(|d| DueView {
        href: if d.what == "checkin" {
            "/checkin".into()
        } else {
            format!("/measures/{}", d.what)
        },
        label: d.label.to_string(),
        minutes: d.minutes,
    });
    NextStep::Today {
        now,
        at: done_today + 1,
        of: done_today + to_do,
        later: pending.map(|d| d.label.to_string()).collect(),
        done: due
            .iter()
            .filter(|d| !d.due)
            .filter_map(|d| {
                let day = d.last?;
                let when = if day == today {
                    "today".to_string()
                } else {
                    day.format("%-d %b").to_string()
                };
                Some((d.label.to_string(), when))
            })
            .collect(),
    }
}

/// The caseload's filters: (word, label).
const FILTERS: [(&str, &str); 5] = [
    ("", "Everyone"),
    ("alerts", "With open alerts"),
    ("not_on_track", "Not on track"),
    ("no_checkin", "No check-in for 7 days"),
    ("not_started", "Not started yet"),
];

/// A week without a check-in: the caseload's filter and a row's reason.
const NO_CHECKIN_DAYS: i64 = 7;

fn shown(c: &care_teams::CaseloadEntry, show: &str, today: NaiveDate) -> bool {
    match show {
        "alerts" => !c.open_flags.is_empty(),
        "not_on_track" => c.track == Track::NotOnTrack,
        "no_checkin" => c.episode_state.is_some() && days_without_checkin(c, today).is_some(),
        "not_started" => c.episode_state.is_none(),
        _ => true,
    }
}

/// Days since the last check-in, when it is a week or more (`Some(None)`: never).
fn days_without_checkin(c: &care_teams::CaseloadEntry, today: NaiveDate) -> Option<Option<i64>> {
    match c.last_checkin.map(|d| (today - d).num_days()) {
        None => Some(None),
        Some(n) if n >= NO_CHECKIN_DAYS => Some(Some(n)),
        Some(_) => None,
    }
}

/// Why a client is where they are on the caseload, in one line, the most urgent thing first:
/// an unresolved alert, not on track, not started, no check-in for a week, then the latest
/// PHQ-9 and its day.
fn reason(c: &care_teams::CaseloadEntry, today: NaiveDate, zone: &Zone, lang: Lang) -> String {
    if let Some(f) = c.open_flags.first() {
        let key = match f.status {
            FlagStatus::Acknowledged => "cl-reason-alert-acknowledged",
            _ => "cl-reason-alert",
        };
        let level = f.level.as_str();
        let capital = level.get(..1).unwrap_or_default().to_uppercase();
        let level = format!("{capital}{}", level.get(1..).unwrap_or_default());
        return i18n::t_args(
            lang,
            key,
            &[
                ("level", Arg::Owned(i18n::error_message(lang, &level))),
                (
                    "kind",
                    Arg::Owned(i18n::error_message(lang, f.kind.label())),
                ),
                ("more", Arg::Num((c.open_flags.len() - 1) as i64)),
            ],
        );
    }
    if c.track == Track::NotOnTrack {
        return match (c.latest_phq9, c.change) {
            (Some(t), Some((points, _))) => i18n::t_args(
                lang,
                "cl-reason-not-on-track-since",
                &[
                    ("total", Arg::Num(i64::from(t))),
                    ("points", Arg::Owned(signed_points(points))),
                ],
            ),
            (Some(t), None) => i18n::t_args(
                lang,
                "cl-reason-not-on-track-latest",
                &[("total", Arg::Num(i64::from(t)))],
            ),
            _ => i18n::t(lang, "cl-reason-not-on-track"),
        };
    }
    if c.episode_state.is_none() {
        return i18n::t(lang, "cl-reason-not-started");
    }
    match days_without_checkin(c, today) {
        Some(Some(n)) => {
            return i18n::t_args(lang, "cl-reason-no-checkin-days", &[("n", Arg::Num(n))]);
        }
        Some(None) => return i18n::t(lang, "cl-reason-no-checkin"),
        None => {}
    }
    match (c.latest_phq9, c.latest_phq9_at) {
        (Some(total), Some(at)) => {
            let band = c
                .band
                .map(|b| format!(", {}", i18n::t(lang, &format!("band-{}", b.as_str()))))
                .unwrap_or_default();
            format!(
                "PHQ-9 {total}{band}, {}",
                i18n::local_date(lang, &zone.date(at))
            )
        }
        _ => i18n::t(lang, "cl-reason-no-phq9"),
    }
}

/// "-6, reliable improvement" (`rapport_core::caseload::change_label`) in `lang`.
fn change_words(points: i16, change: Change, flagged: bool, lang: Lang) -> String {
    let key = match change {
        Change::ReliableImprovement if !flagged => "cl-change-improvement",
        Change::ReliableDeterioration => "cl-change-deterioration",
        Change::ReliableImprovement | Change::NoReliableChange => "cl-change-points",
    };
    i18n::t_args(lang, key, &[("points", Arg::Owned(signed_points(points)))])
}

async fn clinician_home(
    state: &AppState,
    ctx: &Ctx,
    actor: &rapport_app::Actor,
    n: &Notice,
) -> Page {
    // The parts need nothing of each other: read side by side, each on its own connection.
    let (clients, requests, consultations_waiting) = tokio::try_join!(
        care_teams::caseload(&state.app, actor),
        super::sessions::requests::open_items(state, ctx, actor),
        rapport_app::consultations::waiting_count(&state.app, actor),
    )?;
    let offers = rapport_app::consultations::switch_offers_for(&state.app, actor, &clients).await?;
    let talk_about = offers
        .into_iter()
        .filter_map(|(id, o)| {
            let name = clients.iter().find(|c| c.client_id == id)?.name.clone();
            Some((
                id.to_string(),
                name,
                o.attended_sessions,
                o.first_phq9,
                o.latest_phq9,
            ))
        })
        .collect();
    let zone = super::time::zone(ctx);
    let today = zone.day(state.app.now());
    let show = n.show.clone().unwrap_or_default();
    let q = n.q.clone().unwrap_or_default();
    let needle = q.trim().to_lowercase();
    let total = clients.len();
    render(ClinicianHome {
        l: Layout::new(ctx),
        total,
        filters: FILTERS
            .iter()
            .map(|(w, l)| (*w, *l, *w == show.as_str()))
            .collect(),
        q,
        clients: clients
            .into_iter()
            .filter(|c| shown(c, &show, today))
            .filter(|c| needle.is_empty() || c.name.to_lowercase().contains(&needle))
            .map(|c| {
                let flagged = !c.open_flags.is_empty();
                ClientRow {
                    id: c.client_id.to_string(),
                    role: c.role.label(),
                    latest: c.latest_phq9,
                    band: c.band.map(|b| b.label()),
                    spark: crate::charts::sparkline(&c.phq9_recent, 27),
                    reason: reason(&c, today, &zone, ctx.lang),
                    change: c
                        .change
                        .map(|(points, change)| change_words(points, change, flagged, ctx.lang)),
                    progress: progress_label(c.track, c.episode_state.is_some(), flagged),
                    not_on_track: c.track == Track::NotOnTrack,
                    last_checkin: c.last_checkin.map(|d| match (today - d).num_days() {
                        0 => i18n::t(ctx.lang, "cl-today"),
                        1 => i18n::t(ctx.lang, "cl-yesterday"),
                        n => i18n::t_args(ctx.lang, "cl-days-ago", &[("n", Arg::Num(n))]),
                    }),
                    next_session: c.next_session.map(|t| zone.date_time(t)),
                    homework_new: c.homework_new,
                    review_due: c.review_due,
                    flags: c
                        .open_flags
                        .iter()
                        .map(|f| BadgeView {
                            href: format!("/clients/{}#alert-{}", c.client_id, f.id),
                            level: f.level.as_str(),
                            kind: f.kind.label(),
                            acknowledged: f.status == FlagStatus::Acknowledged,
                        })
                        .collect(),
                    name: c.name,
                }
            })
            .collect(),
        notice: notice_text(n),
        requests,
        requests_back: "/home".into(),
        consultations_waiting,
        talk_about,
    })
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use rapport_app::care_teams::{CaseloadEntry, CaseloadFlag};
    use rapport_core::accounts::CareTeamRole;
    use rapport_core::alerts::{FlagKind, Level};
    use rapport_core::episodes::EpisodeState;
    use rapport_core::measures::Band;
    use rapport_core::outcomes::Change;
    use uuid::Uuid;

    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 4).unwrap_or_default()
    }

    /// A client on track who checked in yesterday, PHQ-9 6 on 27 Nov.
    fn steady() -> CaseloadEntry {
        CaseloadEntry {
            client_id: Uuid::nil(),
            name: "Ana Ruiz".into(),
            role: CareTeamRole::PrimaryTherapist,
            since: Utc.with_ymd_and_hms(2026, 9, 1, 9, 0, 0).unwrap(),
            latest_phq9: Some(6),
            band: Some(Band::Mild),
            latest_phq9_at: Some(Utc.with_ymd_and_hms(2026, 11, 27, 23, 30, 0).unwrap()),
            phq9_recent: vec![14, 10, 6],
            open_flags: vec![],
            episode_state: Some(EpisodeState::Active),
            change: Some((-8, Change::ReliableImprovement)),
            track: Track::OnTrack,
            last_checkin: today().pred_opt(),
            next_session: None,
            risk: 5,
            homework_new: 0,
            review_due: false,
        }
    }

    fn flag(kind: FlagKind, level: Level, status: FlagStatus) -> CaseloadFlag {
        CaseloadFlag {
            id: Uuid::nil(),
            kind,
            level,
            status,
        }
    }

    #[test]
    fn the_reason_gives_the_most_urgent_thing_first() {
        let utc = Zone::default();
        let mut c = steady();
        assert_eq!(
            reason(&c, today(), &utc, Lang::En),
            "PHQ-9 6, Mild, 27 Nov 2026"
        );
        // On the reader's clock: 23:30 UTC is the next day in Auckland.
        assert_eq!(
            reason(&c, today(), &Zone::new("Pacific/Auckland"), Lang::En),
            "PHQ-9 6, Mild, 28 Nov 2026"
        );

        c.last_checkin = NaiveDate::from_ymd_opt(2026, 11, 20);
        assert_eq!(
            reason(&c, today(), &utc, Lang::En),
            "No check-in for 14 days"
        );
        c.last_checkin = None;
        assert_eq!(reason(&c, today(), &utc, Lang::En), "No check-in yet");

        c.track = Track::NotOnTrack;
        c.latest_phq9 = Some(17);
        c.change = Some((3, Change::NoReliableChange));
        assert_eq!(
            reason(&c, today(), &utc, Lang::En),
            "Not on track: PHQ-9 17, +3 since the start"
        );

        c.open_flags = vec![
            flag(
                FlagKind::Deterioration,
                Level::High,
                FlagStatus::Acknowledged,
            ),
            flag(FlagKind::Disengagement, Level::Low, FlagStatus::Open),
        ];
        assert_eq!(
            reason(&c, today(), &utc, Lang::En),
            "High alert: deterioration, acknowledged (+1 more)"
        );
        c.open_flags = vec![flag(FlagKind::Safety, Level::Critical, FlagStatus::Open)];
        assert_eq!(
            reason(&c, today(), &utc, Lang::En),
            "Critical alert: safety"
        );
    }

    #[test]
    fn a_client_not_started_says_so_before_a_missing_check_in() {
        let mut c = steady();
        c.episode_state = None;
        c.last_checkin = None;
        c.latest_phq9 = None;
        c.latest_phq9_at = None;
        c.track = Track::TooEarly;
        assert_eq!(
            reason(&c, today(), &Zone::default(), Lang::En),
            "Not started yet"
        );
        c.episode_state = Some(EpisodeState::Consultation);
        c.last_checkin = today().pred_opt();
        assert_eq!(
            reason(&c, today(), &Zone::default(), Lang::En),
            "No PHQ-9 yet"
        );
    }

    fn due(
        what: &str,
        label: &'static str,
        last: Option<NaiveDate>,
        due: bool,
    ) -> rapport_app::measures::Due {
        rapport_app::measures::Due {
            what: what.into(),
            label,
            minutes: 2,
            every_days: 7,
            last,
            due,
        }
    }

    #[test]
    fn today_is_asked_one_at_a_time_the_check_in_last() {
        let NextStep::Today {
            now,
            at,
            of,
            later,
            done,
        } = today_step(
            vec![
                due("checkin", "Daily check-in", None, true),
                due("phq9", "PHQ-9", Some(today()), false),
                due("gad7", "GAD-7", None, true),
                due(
                    "who5",
                    "WHO-5",
                    NaiveDate::from_ymd_opt(2026, 11, 20),
                    false,
                ),
            ],
            today(),
        )
        else {
            panic!("not today's list");
        };
        assert_eq!(now.map(|d| d.href), Some("/measures/gad7".to_string()));
        assert_eq!((at, of), (2, 3));
        assert_eq!(later, ["Daily check-in"]);
        assert_eq!(
            done,
            [
                ("PHQ-9".to_string(), "today".to_string()),
                ("WHO-5".to_string(), "20 Nov".to_string())
            ]
        );
    }
}
