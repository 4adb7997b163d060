//! The rows a seeding run writes, one type per table. Where a repository already has a type
//! for the whole row (care-team memberships, consents, episodes and their events, schedules,
//! measures) that type is the row; the others are here. Encrypted columns are sealed for
//! their cell exactly as the repositories seal them.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::{Row, Value};
use crate::Result;
use crate::care_teams::Membership;
use crate::consents::Consent;
use crate::crypto::Keyring;
use crate::episodes::{Episode, EpisodeEvent};
use crate::measures::{Measure, Schedule};

fn seal_opt(
    keys: &Keyring,
    table: &str,
    column: &str,
    id: Uuid,
    text: Option<&str>,
) -> Result<Value> {
    Ok(Value::from(
        text.map(|t| keys.seal(table, column, &id.to_string(), t))
            .transpose()?,
    ))
}

/// An account (`users`); the name and the TOTP secret are sealed.
#[derive(Debug, Clone)]
pub struct UserRow {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub role: &'static str,
    pub password_hash: String,
    /// Base32; with `totp_enrolled_at`, two-step sign-in is on.
    pub totp_secret: Option<String>,
    pub totp_enrolled_at: Option<DateTime<Utc>>,
    pub timezone: &'static str,
    pub created_at: DateTime<Utc>,
}

impl Row for UserRow {
    const TABLE: &'static str = "users";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "email",
        "name",
        "role",
        "password_hash",
        "totp_secret",
        "totp_enrolled_at",
        "totp_last_step",
        "timezone",
        "locale",
        "created_at",
        "password_changed_at",
        "disabled_at",
    ];

    fn values(self, keys: &Keyring, out: &mut Vec<Value>) -> Result<()> {
        let id = self.id.to_string();
        out.extend([
            Value::from(self.id),
            Value::from(self.email),
            Value::from(keys.seal(Self::TABLE, "name", &id, &self.name)?),
            Value::from(self.role),
            Value::from(self.password_hash),
            seal_opt(
                keys,
                Self::TABLE,
                "totp_secret",
                self.id,
                self.totp_secret.as_deref(),
            )?,
            Value::from(self.totp_enrolled_at),
            Value::from(0i64),
            Value::from(self.timezone),
            Value::from("en"),
            Value::from(self.created_at),
            Value::from(self.created_at),
            Value::from(None::<DateTime<Utc>>),
        ]);
        Ok(())
    }
}

/// A client's profile (`client_profiles`); the emergency contact is sealed.
#[derive(Debug, Clone)]
pub struct ClientProfileRow {
    pub user_id: Uuid,
    pub date_of_birth: Option<NaiveDate>,
    pub emergency_contact: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl Row for ClientProfileRow {
    const TABLE: &'static str = "client_profiles";
    const COLUMNS: &'static [&'static str] = &[
        "user_id",
        "date_of_birth",
        "emergency_contact",
        "created_at",
    ];

    fn values(self, keys: &Keyring, out: &mut Vec<Value>) -> Result<()> {
        out.extend([
            Value::from(self.user_id),
            Value::from(self.date_of_birth),
            seal_opt(
                keys,
                Self::TABLE,
                "emergency_contact",
                self.user_id,
                self.emergency_contact.as_deref(),
            )?,
            Value::from(self.created_at),
        ]);
        Ok(())
    }
}

/// A clinician's profile (`clinician_profiles`).
#[derive(Debug, Clone)]
pub struct ClinicianProfileRow {
    pub user_id: Uuid,
    pub credential: &'static str,
    pub license_number: Option<String>,
    pub license_region: Option<String>,
    pub bio: Option<String>,
    pub accepting_clients: bool,
}

impl Row for ClinicianProfileRow {
    const TABLE: &'static str = "clinician_profiles";
    const COLUMNS: &'static [&'static str] = &[
        "user_id",
        "credential",
        "license_number",
        "license_region",
        "bio",
        "accepting_clients",
    ];

    fn values(self, _keys: &Keyring, out: &mut Vec<Value>) -> Result<()> {
        out.extend([
            Value::from(self.user_id),
            Value::from(self.credential),
            Value::from(self.license_number),
            Value::from(self.license_region),
            Value::from(self.bio),
            Value::from(self.accepting_clients),
        ]);
        Ok(())
    }
}

/// An approach a clinician practises (`clinician_approaches`).
#[derive(Debug, Clone)]
pub struct ApproachRow {
    pub clinician_id: Uuid,
    pub approach: &'static str,
}

impl Row for ApproachRow {
    const TABLE: &'static str = "clinician_approaches";
    const COLUMNS: &'static [&'static str] = &["clinician_id", "approach"];

    fn values(self, _keys: &Keyring, out: &mut Vec<Value>) -> Result<()> {
        out.extend([Value::from(self.clinician_id), Value::from(self.approach)]);
        Ok(())
    }
}

impl Row for Membership {
    const TABLE: &'static str = "care_teams";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "client_id",
        "clinician_id",
        "role",
        "started_at",
        "ended_at",
        "added_by",
    ];

    fn values(self, _keys: &Keyring, out: &mut Vec<Value>) -> Result<()> {
        out.extend([
            Value::from(self.id),
            Value::from(self.client_id),
            Value::from(self.clinician_id),
            Value::from(self.role),
            Value::from(self.started_at),
            Value::from(self.ended_at),
            Value::from(self.added_by),
        ]);
        Ok(())
    }
}

impl Row for Consent {
    const TABLE: &'static str = "consents";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "client_id",
        "kind",
        "grantee_id",
        "scope",
        "text_version",
        "granted_at",
        "revoked_at",
    ];

    fn values(self, _keys: &Keyring, out: &mut Vec<Value>) -> Result<()> {
        out.extend([
            Value::from(self.id),
            Value::from(self.client_id),
            Value::from(self.kind),
            Value::from(self.grantee_id),
            Value::from(self.scope),
            Value::from(self.text_version),
            Value::from(self.granted_at),
            Value::from(self.revoked_at),
        ]);
        Ok(())
    }
}

impl Row for Episode {
    const TABLE: &'static str = "episodes";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "client_id",
        "state",
        "started_at",
        "discharged_at",
        "closed_at",
        "opened_by",
        "sweep_slot",
    ];

    fn values(self, _keys: &Keyring, out: &mut Vec<Value>) -> Result<()> {
        out.extend([
            Value::from(self.id),
            Value::from(self.client_id),
            Value::from(self.state),
            Value::from(self.started_at),
            Value::from(self.discharged_at),
            Value::from(self.closed_at),
            Value::from(self.opened_by),
            Value::from(self.sweep_slot),
        ]);
        Ok(())
    }
}

impl Row for EpisodeEvent {
    const TABLE: &'static str = "episode_events";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "episode_id",
        "at",
        "by",
        "from_state",
        "to_state",
        "reason",
    ];

    fn values(self, keys: &Keyring, out: &mut Vec<Value>) -> Result<()> {
        let reason = seal_opt(keys, Self::TABLE, "reason", self.id, self.reason.as_deref())?;
        out.extend([
            Value::from(self.id),
            Value::from(self.episode_id),
            Value::from(self.at),
            Value::from(self.by),
            Value::from(self.from_state),
            Value::from(self.to_state),
            reason,
        ]);
        Ok(())
    }
}

impl Row for Schedule {
    const TABLE: &'static str = "measure_schedules";
    const COLUMNS: &'static [&'static str] = &[
        "client_id",
        "instrument",
        "every_days",
        "before_session",
        "set_by",
        "updated_at",
    ];

    fn values(self, _keys: &Keyring, out: &mut Vec<Value>) -> Result<()> {
        out.extend([
            Value::from(self.client_id),
            Value::from(self.instrument),
            Value::from(self.every_days),
            Value::from(self.before_session),
            Value::from(self.set_by),
            Value::from(self.updated_at),
        ]);
        Ok(())
    }
}

impl Row for Measure {
    const TABLE: &'static str = "measures";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "client_id",
        "episode_id",
        "instrument",
        "taken_at",
        "total",
        "band",
        "prorated",
        "item9",
        "difficulty",
        "submitted_by",
    ];

    fn values(self, _keys: &Keyring, out: &mut Vec<Value>) -> Result<()> {
        out.extend([
            Value::from(self.id),
            Value::from(self.client_id),
            Value::from(self.episode_id),
            Value::from(self.instrument),
            Value::from(self.taken_at),
            Value::from(self.total),
            Value::from(self.band),
            Value::from(self.prorated),
            Value::from(self.item9),
            Value::from(self.difficulty),
            Value::from(self.submitted_by),
        ]);
        Ok(())
    }
}

/// One item's answer of a measure (`measure_answers`); `item` counts from 1.
#[derive(Debug, Clone, Copy)]
pub struct AnswerRow {
    pub measure_id: Uuid,
    pub item: i16,
    pub value: Option<i16>,
}

impl Row for AnswerRow {
    const TABLE: &'static str = "measure_answers";
    const COLUMNS: &'static [&'static str] = &["measure_id", "item", "value"];

    fn values(self, _keys: &Keyring, out: &mut Vec<Value>) -> Result<()> {
        out.extend([
            Value::from(self.measure_id),
            Value::from(self.item),
            Value::from(self.value),
        ]);
        Ok(())
    }
}

/// A daily check-in (`checkins`); the note is sealed. Ticked warning signs are not part of
/// it (a seeded check-in ticks none).
#[derive(Debug, Clone)]
pub struct CheckinRow {
    pub id: Uuid,
    pub client_id: Uuid,
    pub episode_id: Option<Uuid>,
    pub day: NaiveDate,
    pub taken_at: DateTime<Utc>,
    pub mood: i16,
    pub sleep_quarters: i16,
    pub medication: &'static str,
    pub note: Option<String>,
    pub reported_by: Uuid,
}

impl Row for CheckinRow {
    const TABLE: &'static str = "checkins";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "client_id",
        "episode_id",
        "day",
        "taken_at",
        "mood",
        "sleep_quarters",
        "medication",
        "note",
        "reported_by",
    ];

    fn values(self, keys: &Keyring, out: &mut Vec<Value>) -> Result<()> {
        let note = seal_opt(keys, Self::TABLE, "note", self.id, self.note.as_deref())?;
        out.extend([
            Value::from(self.id),
            Value::from(self.client_id),
            Value::from(self.episode_id),
            Value::from(self.day),
            Value::from(self.taken_at),
            Value::from(self.mood),
            Value::from(self.sleep_quarters),
            Value::from(self.medication),
            note,
            Value::from(self.reported_by),
        ]);
        Ok(())
    }
}
