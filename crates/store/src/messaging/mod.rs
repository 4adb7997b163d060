//! Secure messages: one thread per client (each message's body sealed), who read which message
//! when, and each clinician's office hours, timezone and away message. A thread's rows take
//! the [`ClientTx`] of its client; a clinician's own office hours and the inbox counts read by
//! user id.

use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder, QuerySelect};

use crate::{ClientTx, Result, Tx, WriteTx};

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "messages")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub author_id: Uuid,
        pub body: String,
        pub sent_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod receipt {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "message_receipts")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub message_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub reader_id: Uuid,
        pub read_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod hours {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "office_hours")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub clinician_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub day: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub start_minute: i32,
        pub end_minute: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub(crate) mod settings {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "office_settings")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub clinician_id: Uuid,
        pub timezone: String,
        pub away_message: Option<String>,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const TABLE: &str = "messages";

/// One message, its body opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: Uuid,
    pub client_id: Uuid,
    pub author_id: Uuid,
    pub body: String,
    pub sent_at: DateTime<Utc>,
}

/// Someone read a message at a time.
pub type Receipt = receipt::Model;

/// A period of a clinician's office hours as stored (`day` a weekday word).
pub type HoursRow = hours::Model;

/// A clinician's timezone and away message.
pub type OfficeSettings = settings::Model;

/// Adds a message to the handle's client's thread (whatever `m.client_id` says), its body
/// sealed.
pub async fn insert(ct: &ClientTx<'_, WriteTx>, m: &Message) -> Result<()> {
    entity::ActiveModel {
        id: Set(m.id),
        client_id: Set(ct.client_id()),
        author_id: Set(m.author_id),
        body: Set(ct.keys().seal(TABLE, "body", &m.id.to_string(), &m.body)?),
        sent_at: Set(m.sent_at),
    }
    .insert(ct.conn())
    .await?;
    Ok(())
}

/// The handle's client's thread, oldest first, bodies opened.
pub async fn of_client<T: Tx>(ct: &ClientTx<'_, T>) -> Result<Vec<Message>> {
    entity::Entity::find()
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .order_by_asc(entity::Column::SentAt)
        .order_by_asc(entity::Column::Id)
        .all(ct.conn())
        .await?
        .into_iter()
        .map(|m| {
            Ok(Message {
                body: ct.keys().open(TABLE, "body", &m.id.to_string(), &m.body)?,
                id: m.id,
                client_id: m.client_id,
                author_id: m.author_id,
                sent_at: m.sent_at,
            })
        })
        .collect()
}

/// The receipts of the handle's client's messages, earliest first.
pub async fn receipts_of<T: Tx>(ct: &ClientTx<'_, T>) -> Result<Vec<Receipt>> {
    let ids: Vec<Uuid> = entity::Entity::find()
        .select_only()
        .column(entity::Column::Id)
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .into_tuple()
        .all(ct.conn())
        .await?;
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        out.extend(
            receipt::Entity::find()
                .filter(receipt::Column::MessageId.is_in(chunk.iter().copied()))
                .order_by_asc(receipt::Column::ReadAt)
                .all(ct.conn())
                .await?,
        );
    }
    Ok(out)
}

/// Marks every message of the handle's client's thread that someone else wrote read by
/// `reader` at `now`, once (a message read before keeps its first time, also when two reads
/// cross). How many were newly read.
pub async fn mark_read(
    ct: &ClientTx<'_, WriteTx>,
    reader: Uuid,
    now: DateTime<Utc>,
) -> Result<u64> {
    let read: Vec<Uuid> = receipt::Entity::find()
        .select_only()
        .column(receipt::Column::MessageId)
        .filter(receipt::Column::ReaderId.eq(reader))
        .into_tuple()
        .all(ct.conn())
        .await?;
    let unread: Vec<Uuid> = entity::Entity::find()
        .select_only()
        .column(entity::Column::Id)
        .filter(entity::Column::ClientId.eq(ct.client_id()))
        .filter(entity::Column::AuthorId.ne(reader))
        .into_tuple::<Uuid>()
        .all(ct.conn())
        .await?
        .into_iter()
        .filter(|id| !read.contains(id))
        .collect();
    for chunk in unread.chunks(500) {
        receipt::Entity::insert_many(chunk.iter().map(|id| receipt::ActiveModel {
            message_id: Set(*id),
            reader_id: Set(reader),
            read_at: Set(now),
        }))
        .on_conflict(
            OnConflict::columns([receipt::Column::MessageId, receipt::Column::ReaderId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(ct.conn())
        .await?;
    }
    Ok(unread.len() as u64)
}

/// For each of `clients` with a message someone other than `reader` wrote and `reader` has not
/// read: the client and how many (the clinician's inbox).
pub async fn unread_counts(
    c: &impl ConnectionTrait,
    reader: Uuid,
    clients: &[Uuid],
) -> Result<Vec<(Uuid, i64)>> {
    let mut out = Vec::new();
    for chunk in clients.chunks(500) {
        let rows: Vec<(Uuid, i64)> = entity::Entity::find()
            .select_only()
            .column(entity::Column::ClientId)
            .column_as(entity::Column::Id.count(), "n")
            .filter(entity::Column::ClientId.is_in(chunk.iter().copied()))
            .filter(entity::Column::AuthorId.ne(reader))
            .filter(
                entity::Column::Id.not_in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(receipt::Column::MessageId)
                        .from(receipt::Entity)
                        .and_where(receipt::Column::ReaderId.eq(reader))
                        .to_owned(),
                ),
            )
            .group_by(entity::Column::ClientId)
            .into_tuple()
            .all(c)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// For each of `clients` with a message: the client and when the latest was sent.
pub async fn latest_of(
    c: &impl ConnectionTrait,
    clients: &[Uuid],
) -> Result<Vec<(Uuid, DateTime<Utc>)>> {
    let mut out = Vec::new();
    for chunk in clients.chunks(500) {
        let rows: Vec<(Uuid, DateTime<Utc>)> = entity::Entity::find()
            .select_only()
            .column(entity::Column::ClientId)
            .column_as(entity::Column::SentAt.max(), "latest")
            .filter(entity::Column::ClientId.is_in(chunk.iter().copied()))
            .group_by(entity::Column::ClientId)
            .into_tuple()
            .all(c)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// The office hours of these clinicians, by clinician, day word and start.
pub async fn hours_of(c: &impl ConnectionTrait, clinicians: &[Uuid]) -> Result<Vec<HoursRow>> {
    Ok(hours::Entity::find()
        .filter(hours::Column::ClinicianId.is_in(clinicians.iter().copied()))
        .order_by_asc(hours::Column::ClinicianId)
        .order_by_asc(hours::Column::StartMinute)
        .all(c)
        .await?)
}

/// The timezones and away messages these clinicians set.
pub async fn settings_of(
    c: &impl ConnectionTrait,
    clinicians: &[Uuid],
) -> Result<Vec<OfficeSettings>> {
    Ok(settings::Entity::find()
        .filter(settings::Column::ClinicianId.is_in(clinicians.iter().copied()))
        .all(c)
        .await?)
}

/// Replaces a clinician's office hours, timezone and away message.
pub async fn set_office(
    tx: &WriteTx,
    s: OfficeSettings,
    periods: &[(String, i32, i32)],
) -> Result<()> {
    let c = tx.conn();
    let clinician = s.clinician_id;
    hours::Entity::delete_many()
        .filter(hours::Column::ClinicianId.eq(clinician))
        .exec(c)
        .await?;
    if !periods.is_empty() {
        hours::Entity::insert_many(periods.iter().map(|(day, start, end)| hours::ActiveModel {
            clinician_id: Set(clinician),
            day: Set(day.clone()),
            start_minute: Set(*start),
            end_minute: Set(*end),
        }))
        .exec_without_returning(c)
        .await?;
    }
    settings::Entity::insert(settings::ActiveModel::from(s))
        .on_conflict(
            OnConflict::column(settings::Column::ClinicianId)
                .update_columns([
                    settings::Column::Timezone,
                    settings::Column::AwayMessage,
                    settings::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(c)
        .await?;
    Ok(())
}
