//! Medication reviews (issue 22): when a client's last review took place, the latest lists of
//! many clients at once (for the reminder run and the caseload), and the questions a client
//! lists before a review (sealed).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, Condition, ConnectionTrait, QuerySelect, QueryTrait};

use super::{Dates, item, version};
use crate::sessions::{attendee, entity as session};
use crate::{ClientTx, Result, Tx, WriteTx};

/// The session kind of a medication review (`rapport_core::sessions::SessionKind`).
pub const REVIEW_KIND: &str = "medication_review";

pub(crate) mod questions {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "review_questions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub session_id: Uuid,
        pub client_id: Uuid,
        pub questions: String,
        pub written_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const QUESTIONS: &str = "review_questions";

/// A client's latest list, as dates only: when it was written and its medicines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LatestList {
    pub client_id: Uuid,
    pub written_at: DateTime<Utc>,
    pub items: Vec<Dates>,
}

/// The latest list of each of these clients that has one (nothing opened).
pub async fn latest_lists(c: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<LatestList>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let mut latest: HashMap<Uuid, version::Model> = HashMap::new();
    for v in version::Entity::find()
        .filter(version::Column::ClientId.is_in(ids.iter().copied()))
        .all(c)
        .await?
    {
        match latest.get(&v.client_id) {
            Some(l) if l.version >= v.version => {}
            _ => {
                latest.insert(v.client_id, v);
            }
        }
    }
    let version_ids: Vec<Uuid> = latest.values().map(|v| v.id).collect();
    let items = item::Entity::find()
        .filter(item::Column::VersionId.is_in(version_ids))
        .all(c)
        .await?;
    let mut out: Vec<LatestList> = latest
        .into_values()
        .map(|v| LatestList {
            client_id: v.client_id,
            written_at: v.written_at,
            items: items
                .iter()
                .filter(|i| i.version_id == v.id)
                .map(|i| Dates {
                    started_on: i.started_on,
                    stopped_on: i.stopped_on,
                    for_depression: i.for_depression,
                })
                .collect(),
        })
        .collect();
    out.sort_by_key(|l| l.client_id);
    Ok(out)
}

/// When each of these clients last had a medication review: a session of that kind, not
/// cancelled, started by `now`, that the client did not miss (attended, or not marked yet).
pub async fn last_reviews(
    c: &impl ConnectionTrait,
    ids: &[Uuid],
    now: DateTime<Utc>,
) -> Result<HashMap<Uuid, DateTime<Utc>>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let reviews = session::Entity::find()
        .select_only()
        .column(session::Column::Id)
        .filter(session::Column::Kind.eq(REVIEW_KIND))
        .filter(session::Column::CancelledAt.is_null())
        .filter(session::Column::StartsAt.lte(now))
        .into_query();
    let attended = attendee::Entity::find()
        .filter(attendee::Column::ClientId.is_in(ids.iter().copied()))
        .filter(attendee::Column::SessionId.in_subquery(reviews))
        .filter(
            Condition::any()
                .add(attendee::Column::Attendance.is_null())
                .add(attendee::Column::Attendance.eq("attended")),
        )
        .all(c)
        .await?;
    let session_ids: Vec<Uuid> = attended.iter().map(|a| a.session_id).collect();
    let starts: HashMap<Uuid, DateTime<Utc>> = session::Entity::find()
        .filter(session::Column::Id.is_in(session_ids))
        .all(c)
        .await?
        .into_iter()
        .map(|s| (s.id, s.starts_at))
        .collect();
    let mut out: HashMap<Uuid, DateTime<Utc>> = HashMap::new();
    for a in attended {
        if let Some(at) = starts.get(&a.session_id) {
            let e = out.entry(a.client_id).or_insert(*at);
            if *at > *e {
                *e = *at;
            }
        }
    }
    Ok(out)
}

/// The handle's client's questions before a review session (empty when none written), with
/// when they were written.
pub async fn questions_of<T: Tx>(
    ct: &ClientTx<'_, T>,
    session_id: Uuid,
) -> Result<Option<(Vec<String>, DateTime<Utc>)>> {
    let Some(row) = questions::Entity::find()
        .filter(questions::Column::SessionId.eq(session_id))
        .filter(questions::Column::ClientId.eq(ct.client_id()))
        .one(ct.conn())
        .await?
    else {
        return Ok(None);
    };
    let text = ct
        .keys()
        .open(QUESTIONS, "questions", &row.id.to_string(), &row.questions)?;
    let list: Vec<String> = serde_json::from_str(&text)
        .map_err(|e| crate::Error::Decrypt(format!("review questions: {e}")))?;
    Ok(Some((list, row.written_at)))
}

/// Writes (or replaces) the handle's client's questions before a review session.
pub async fn set_questions(
    ct: &ClientTx<'_, WriteTx>,
    new_id: Uuid,
    session_id: Uuid,
    list: &[String],
    at: DateTime<Utc>,
) -> Result<()> {
    let c = ct.conn();
    let existing = questions::Entity::find()
        .filter(questions::Column::SessionId.eq(session_id))
        .filter(questions::Column::ClientId.eq(ct.client_id()))
        .one(c)
        .await?;
    let id = existing.as_ref().map_or(new_id, |r| r.id);
    let json = serde_json::to_string(list)
        .map_err(|e| crate::Error::Decrypt(format!("review questions: {e}")))?;
    let sealed = ct
        .keys()
        .seal(QUESTIONS, "questions", &id.to_string(), &json)?;
    if existing.is_some() {
        questions::ActiveModel {
            id: Set(id),
            questions: Set(sealed),
            written_at: Set(at),
            ..Default::default()
        }
        .update(c)
        .await?;
    } else {
        questions::ActiveModel {
            id: Set(id),
            session_id: Set(session_id),
            client_id: Set(ct.client_id()),
            questions: Set(sealed),
            written_at: Set(at),
        }
        .insert(c)
        .await?;
    }
    Ok(())
}
