use rapport_store::alerts::{self, RiskAssessment};
use uuid::Uuid;

use crate::access;
use crate::audit_log::Entry;
use crate::policy::Action;
use crate::{Actor, App, Error, Result};

/// A clinician's structured risk assessment (CLINICAL.md: ideation, plan, intent, recent
/// behaviour, protective factors, judgement, actions). The choices are codes; the two free-text
/// parts are sealed.
#[derive(Debug, Clone, Default)]
pub struct RiskInput {
    pub flag_id: Option<Uuid>,
    pub ideation: String,
    pub plan: String,
    pub intent: String,
    pub recent_behaviour: String,
    pub protective_factors: String,
    pub judgement: String,
    pub actions: String,
}

pub const IDEATION: [&str; 3] = ["none", "passive", "active"];
pub const PLAN: [&str; 3] = ["none", "vague", "specific"];
pub const INTENT: [&str; 3] = ["none", "some", "clear"];
pub const BEHAVIOUR: [&str; 3] = ["none", "preparatory", "attempt"];
pub const JUDGEMENT: [&str; 3] = ["low", "moderate", "high"];

fn one_of(field: &str, value: &str, allowed: &[&str]) -> Result<String> {
    if allowed.contains(&value) {
        Ok(value.to_string())
    } else {
        Err(Error::invalid(
            field,
            format!("Choose one of: {}.", allowed.join(", ")),
        ))
    }
}

fn text(field: &str, value: &str) -> Result<Option<String>> {
    let v = value.trim();
    if v.chars().count() > 4000 {
        return Err(Error::invalid(field, "Use 4,000 characters or fewer."));
    }
    Ok((!v.is_empty()).then(|| v.to_string()))
}

/// Records the assessment; a judgement of high risk raises (or adds to) the safety flag.
pub async fn record_risk_assessment(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    input: RiskInput,
) -> Result<Uuid> {
    // The policy first: someone who may not record one learns nothing from the form's checks.
    let scope = access::write(
        app,
        actor,
        Action::HandleAlerts,
        client_id,
        "risk_assessment.recorded",
    )
    .await?;
    let r = RiskAssessment {
        id: app.new_id(),
        client_id,
        flag_id: input.flag_id,
        clinician_id: actor.user_id,
        at: app.now(),
        ideation: one_of("ideation", &input.ideation, &IDEATION)?,
        plan: one_of("plan", &input.plan, &PLAN)?,
        intent: one_of("intent", &input.intent, &INTENT)?,
        recent_behaviour: one_of("recent_behaviour", &input.recent_behaviour, &BEHAVIOUR)?,
        protective_factors: text("protective_factors", &input.protective_factors)?,
        judgement: one_of("judgement", &input.judgement, &JUDGEMENT)?,
        actions: text("actions", &input.actions)?,
    };
    let tx = scope.tx();
    rapport_store::accounts::users::lock(tx, client_id).await?;
    if !alerts::insert_assessment(&scope.client(), &r).await? {
        return Err(Error::NotFound);
    }
    if r.judgement == "high" {
        let episode = rapport_store::episodes::current(tx.conn(), client_id)
            .await?
            .map(|e| e.id);
        let trigger = rapport_core::alerts::Trigger::new(
            rapport_core::alerts::Rule::SafetyRiskAssessment,
            vec![rapport_core::alerts::Evidence::RiskAssessment {
                at: rapport_core::outcomes::Timestamp(r.at.timestamp()),
            }],
        );
        let cause = super::raise::Cause::at(r.at);
        super::raise::raise_all(app, tx, client_id, episode, vec![trigger], cause).await?;
    }
    scope
        .commit(Entry::ok("risk_assessment.recorded").resource(format!("risk_assessment:{}", r.id)))
        .await?;
    Ok(r.id)
}
