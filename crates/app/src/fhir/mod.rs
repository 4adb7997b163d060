//! FHIR R4 export of a client's questionnaires and sent homework (CLINICAL.md
//! "Interoperability").

use rapport_core::fhir::{ExportHomework, ExportInput, ExportMeasure, bundle, code_system_url};
use rapport_core::measures::{Band, Instrument};
use rapport_store::{accounts::users, measures};
use uuid::Uuid;

use crate::access::{self, ReadScope};
use crate::audit_log::Entry;
use crate::policy::Action;
use crate::{Actor, App, Error, Result};

/// The client's measures and sent homework entries as a FHIR R4 Bundle: the client themself or their care team.
pub async fn export(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    base_url: &str,
) -> Result<serde_json::Value> {
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "fhir.exported",
    )
    .await?;
    let input = input(app, &scope, base_url).await?;
    scope.finish(Entry::ok("fhir.exported")).await?;
    Ok(bundle(&input))
}

/// What the bundle is made of, read in the caller's scope: the client, their measures and
/// their sent homework entries.
pub(crate) async fn input(app: &App, scope: &ReadScope<'_>, base_url: &str) -> Result<ExportInput> {
    let client_id = scope.client_id();
    let c = scope.conn();
    let user = users::find(c, scope.keys(), client_id)
        .await?
        .ok_or(Error::NotFound)?;
    let stored = measures::series_of(&scope.client(), None, None).await?;
    let ids: Vec<Uuid> = stored.iter().map(|m| m.id).collect();
    let answers = measures::answers_of(c, &ids).await?;
    let to_u8 = |v: i16| u8::try_from(v).ok();
    let export_measures = stored
        .iter()
        .filter_map(|m| {
            let instrument = Instrument::parse(&m.instrument)?;
            Some(ExportMeasure {
                id: m.id.to_string(),
                instrument,
                taken_at: m
                    .taken_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                answers: answers
                    .iter()
                    .filter(|a| a.0 == m.id)
                    .map(|a| a.2.and_then(to_u8))
                    .collect(),
                difficulty: m.difficulty.and_then(to_u8),
                total: to_u8(m.total).unwrap_or(0),
                band: m.band.as_deref().and_then(Band::parse),
                prorated: m.prorated,
                language: m.language.clone(),
            })
        })
        .collect();
    let homework = crate::homework::sent_entries(&scope.client())
        .await?
        .into_iter()
        .map(|(id, sent_at, content)| ExportHomework {
            id: id.to_string(),
            sent_at: sent_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            content,
        })
        .collect();
    Ok(ExportInput {
        bundle_id: app.new_id().to_string(),
        timestamp: app.now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        base_url: base_url.to_string(),
        code_system: code_system_url(base_url),
        client_id: client_id.to_string(),
        client_name: user.name,
        measures: export_measures,
        homework,
    })
}
