use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder, QuerySelect};

use crate::{ClientTx, Result, WriteTx};

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "risk_assessments")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub client_id: Uuid,
        pub flag_id: Option<Uuid>,
        pub clinician_id: Uuid,
        pub at: DateTimeUtc,
        pub ideation: String,
        pub plan: String,
        pub intent: String,
        pub recent_behaviour: String,
        pub protective_factors: Option<String>,
        pub judgement: String,
        pub actions: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

const TABLE: &str = "risk_assessments";

/// A clinician's structured risk assessment, with its free text opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskAssessment {
    pub id: Uuid,
    pub client_id: Uuid,
    pub flag_id: Option<Uuid>,
    pub clinician_id: Uuid,
    pub at: DateTime<Utc>,
    pub ideation: String,
    pub plan: String,
    pub intent: String,
    pub recent_behaviour: String,
    pub protective_factors: Option<String>,
    pub judgement: String,
    pub actions: Option<String>,
}

/// Records a risk assessment of the handle's client, answering one of their flags or none.
/// False (nothing written) when the flag is another client's.
pub async fn insert_assessment(ct: &ClientTx<'_, WriteTx>, r: &RiskAssessment) -> Result<bool> {
    if let Some(flag) = r.flag_id
        && super::find_of(ct, flag).await?.is_none()
    {
        return Ok(false);
    }
    let (c, keys) = (ct.conn(), ct.keys());
    let id = r.id.to_string();
    let seal = |col: &str, v: &Option<String>| {
        v.as_deref()
            .map(|t| keys.seal(TABLE, col, &id, t))
            .transpose()
    };
    entity::ActiveModel {
        id: Set(r.id),
        client_id: Set(ct.client_id()),
        flag_id: Set(r.flag_id),
        clinician_id: Set(r.clinician_id),
        at: Set(r.at),
        ideation: Set(r.ideation.clone()),
        plan: Set(r.plan.clone()),
        intent: Set(r.intent.clone()),
        recent_behaviour: Set(r.recent_behaviour.clone()),
        protective_factors: Set(seal("protective_factors", &r.protective_factors)?),
        judgement: Set(r.judgement.clone()),
        actions: Set(seal("actions", &r.actions)?),
    }
    .insert(c)
    .await?;
    Ok(true)
}

/// When the latest risk assessment was made and its judgement: what the early-warning rules
/// read (nothing to open).
pub async fn latest_judgement(
    c: &impl ConnectionTrait,
    client_id: Uuid,
) -> Result<Option<(DateTime<Utc>, String)>> {
    Ok(entity::Entity::find()
        .select_only()
        .column(entity::Column::At)
        .column(entity::Column::Judgement)
        .filter(entity::Column::ClientId.eq(client_id))
        .order_by_desc(entity::Column::At)
        .into_tuple()
        .one(c)
        .await?)
}
