use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Rapport API", description = "The JSON API of Rapport, a platform for psychotherapy of depression. Paths and words are a stable contract within v1."),
    paths(
        super::auth::signup,
        super::auth::login,
        super::auth::logout,
        super::auth::totp_enroll,
        super::auth::totp_confirm,
        super::me::me,
        super::admin::assign_care_team,
        super::triage::get_duty,
        super::triage::set_duty,
        super::triage::take_on,
        super::measures::submit,
        super::measures::checkin,
        super::measures::series,
        super::measures::fhir,
        super::plans::safety_plan,
        super::plans::save_safety_plan,
        super::plans::change_episode,
        super::plans::warning_signs,
        super::plans::add_warning_sign,
        super::plans::recommend,
        super::plans::goals,
        super::plans::set_goal,
        super::plans::goal_progress,
        super::plans::close_goal,
        super::intake::intake,
        super::intake::save_intake,
        super::treatment::treatment_plan,
        super::treatment::save_treatment_plan,
        super::treatment::agree,
        super::treatment::relapse_plan,
        super::treatment::save_relapse_plan,
        super::sessions::my_sessions,
        super::sessions::schedule,
        super::sessions::client_sessions,
        super::sessions::session,
        super::sessions::reschedule,
        super::sessions::cancel,
        super::sessions::request_reschedule,
        super::sessions::attendance,
        super::sessions::feedback,
        super::sessions::feedback_series,
        super::sessions::note,
        super::sessions::save_note,
        super::sessions::amend,
        super::sessions::psychotherapy_note,
        super::sessions::save_psychotherapy_note,
        super::sessions::new_calendar_feed,
        super::sessions::revoke_calendar_feed,
        super::sessions::request_therapist,
        super::alerts::caseload,
        super::alerts::list,
        super::alerts::acknowledge,
        super::alerts::resolve,
        super::health::healthz,
        super::health::metrics,
    ),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

pub fn pretty() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_default()
}
