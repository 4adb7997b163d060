use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::state::AppState;

mod links;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/openapi.json", get(document))
}

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
        super::accounts::signup,
        super::accounts::login,
        super::accounts::logout,
        super::accounts::totp_enroll,
        super::accounts::totp_confirm,
        super::accounts::me,
        super::accounts::set_language,
        super::care_teams::assign_care_team,
        super::admin::disable_user,
        super::admin::enable_user,
        super::administration::list_users,
        super::administration::set_practice_lead,
        super::administration::get_settings,
        super::administration::put_settings,
        super::administration::audit_log,
        super::administration::verify_audit,
        super::care_teams::end_care_team,
        super::triage::get_duty,
        super::triage::set_duty,
        super::triage::take_on,
        super::measures::submit,
        super::instruments::instrument,
        super::measures::checkin,
        super::measures::series,
        super::measures::measure,
        super::fhir::fhir,
        super::export::export,
        super::plans::safety::safety_plan,
        super::plans::safety::save_safety_plan,
        super::episodes::change_episode,
        super::plans::relapse::warning_signs,
        super::plans::relapse::add_warning_sign,
        super::learning::recommend,
        super::matching::find_match,
        super::goals::goals,
        super::goals::set_goal,
        super::goals::goal_progress,
        super::goals::close_goal,
        super::homework::homework,
        super::homework::new_homework,
        super::homework::save_entry,
        super::homework::review,
        super::consultations::ask_consultations,
        super::consultations::list_consultations,
        super::consultations::accept_consultation,
        super::consultations::decline_consultation,
        super::consultations::choose_consultation,
        super::groups::create_group,
        super::groups::list_groups,
        super::groups::group,
        super::groups::add_member,
        super::groups::consent,
        super::groups::decline,
        super::groups::leave,
        super::groups::schedule_group_sessions,
        super::groups::group_attendance,
        super::groups::group_note,
        super::groups::group_outcomes,
        super::family::family_invite,
        super::family::family_invitations,
        super::family::withdraw_family_invitation,
        super::family::accept_family_invitation,
        super::family::family_members,
        super::family::set_family_scopes,
        super::family::end_family_access,
        super::family::family_people,
        super::family::family_learning,
        super::family::family_warning_signs,
        super::family::family_safety_plan,
        super::intake::intake,
        super::intake::save_intake,
        super::plans::treatment::treatment_plan,
        super::plans::treatment::save_treatment_plan,
        super::plans::treatment::agree,
        super::plans::relapse::relapse_plan,
        super::plans::relapse::save_relapse_plan,
        super::sessions::my_sessions,
        super::sessions::schedule,
        super::sessions::client_sessions,
        super::sessions::session,
        super::sessions::reschedule,
        super::sessions::cancel,
        super::sessions::request_reschedule,
        super::sessions::attendance,
        super::session_rooms::session_room,
        super::session_requests::list_requests,
        super::session_requests::answer_request,
        super::feedback::feedback,
        super::feedback::feedback_series,
        super::notes::note,
        super::notes::save_note,
        super::notes::amend,
        super::notes::psychotherapy_note,
        super::notes::save_psychotherapy_note,
        super::calendar::new_calendar_feed,
        super::calendar::revoke_calendar_feed,
        super::feedback::request_therapist,
        super::alerts::caseload,
        super::alerts::list,
        super::alerts::acknowledge,
        super::alerts::resolve,
        super::therapists::my_profile,
        super::therapists::save_my_profile,
        super::therapists::verify_clinician,
        super::therapists::therapists_directory,
        super::therapists::therapist,
        super::health::healthz,
        super::health::metrics,
        super::observations::report_observation,
        super::observations::list_observations,
        super::observations::hide_observation,
        super::observations::family_sessions,
        super::observations::session_family_choices,
        super::observations::session_family,
        super::reminders::my_notification_preferences,
        super::reminders::save_notification_preferences,
        super::on_call::get_on_call,
        super::on_call::set_on_call,
        super::messaging::thread,
        super::messaging::send_message,
        super::messaging::my_office_hours,
        super::messaging::set_office_hours,
        super::notifications::list_notifications,
        super::notifications::read_notification,
        super::notifications::read_all_notifications,
        super::jobs::admin_jobs,
        super::jobs::admin_deliveries,
        super::erasure::request_erasure,
        super::erasure::my_erasure_request,
        super::erasure::withdraw_erasure_request,
        super::erasure::erasure_receipt,
        super::erasure::erasure_requests,
        super::erasure::carry_out_erasure,
        super::erasure::decline_erasure,
        super::erasure::retention,
        super::erasure::set_retention,
        super::emergency_access::open,
        super::emergency_access::overview,
        super::emergency_access::search,
        super::emergency_access::admin_setting,
        super::emergency_access::set_admin_setting,
        super::reports::outcomes,
        super::reports::outcomes_csv,
        super::medication::medications,
        super::medication::set_medications,
        super::medication::confirm_intake,
        super::medication::adherence,
        super::medication::set_prescriber,
        super::medication::set_review_questions,
        super::medication::review_questions,
        super::medication::gp_summary,
        super::medication::gp_summary_consent,
        super::medication::set_gp_summary_consent,
        super::sleep::record,
        super::sleep::nights,
    ),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

pub async fn document() -> Json<Value> {
    Json(finished())
}

pub fn pretty() -> String {
    serde_json::to_string_pretty(&finished()).unwrap_or_default()
}

/// The document as derived from the annotations, completed by rules that hold for every
/// operation, so that no handler can forget them: the closed sets of words as `enum`, ids as
/// `format: uuid`, required text in requests with `minLength: 1`, and the error statuses each
/// kind of operation can answer; and links from the answers that carry ids to the operations
/// that take them.
fn finished() -> Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or(Value::Null);
    let request_schemas = request_schemas(&doc);
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for (name, schema) in schemas.iter_mut() {
            complete_schema(name, schema, request_schemas.contains(name));
        }
    }
    if let Some(paths) = doc.pointer_mut("/paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for op in item.values_mut() {
                complete_operation(path, op);
            }
        }
    }
    links::add_links(&mut doc);
    doc
}

fn words<T: Copy>(all: &[T], word: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| word(*v)).collect()
}

/// The closed sets of words of the API, by schema and property (`*` for any schema).
fn enum_of(schema: &str, property: &str) -> Option<Vec<&'static str>> {
    use rapport_core::accounts::{CareTeamRole, Role};
    use rapport_core::alerts::{FlagKind, Level};
    use rapport_core::episodes::EpisodeState;
    use rapport_core::homework::{Every, Kind as HomeworkKind, Status as HomeworkStatus};
    use rapport_core::matching::{HelpWith, StepKind};
    use rapport_core::measures::{Band, Instrument, Medication};
    use rapport_core::sessions::{Attendance, Modality, RequestAnswer, SessionKind};
    use rapport_core::therapists::{Format, Gender, Mode, TherapyApproach};
    Some(match (schema, property) {
        (_, "band") => words(Band::ALL, Band::as_str),
        (_, "instrument") => words(Instrument::ALL, Instrument::as_str),
        ("AlertItem" | "FlagView", "kind") => words(&FlagKind::ALL, FlagKind::as_str),
        (_, "level") => words(&Level::ALL, Level::as_str),
        ("UserView", "role") => words(&Role::ALL, Role::as_str),
        ("CareTeamRequest" | "CareTeamView", "role") => {
            words(CareTeamRole::ALL, CareTeamRole::as_str)
        }
        ("AlertItem", "status") => vec!["open", "acknowledged", "resolved"],
        ("GoalView", "status") => vec!["active", "achieved", "dropped"],
        ("NewHomeworkRequest" | "HomeworkView", "kind") => {
            words(HomeworkKind::ALL, HomeworkKind::as_str)
        }
        ("RepeatDoc", "every") => words(Every::ALL, Every::as_str),
        ("HomeworkView" | "HomeworkEntry" | "HomeworkOccurrence", "status") => {
            words(HomeworkStatus::ALL, HomeworkStatus::as_str)
        }
        (_, "medication") => words(Medication::ALL, Medication::as_str),
        (_, "attendance") => words(Attendance::ALL, Attendance::as_str),
        (_, "modality") => words(Modality::ALL, Modality::as_str),
        ("ScheduleItem" | "ScheduleRequest" | "ClientSession", "kind") => {
            words(SessionKind::ALL, SessionKind::as_str)
        }
        ("EpisodeRequest", "state") => words(&EpisodeState::ALL, EpisodeState::as_str),
        ("AnswerRequest" | "RequestAnswerItem", "answer") => {
            words(RequestAnswer::ALL, RequestAnswer::as_str)
        }
        ("SessionRequestItem", "status") => vec!["open", "answered"],
        ("ConsultationItem", "state") => words(
            rapport_core::consultations::State::ALL,
            rapport_core::consultations::State::as_str,
        ),
        ("NewGroupRequest" | "GroupItem", "approach") => words(
            rapport_core::plans::approach::Approach::ALL,
            rapport_core::plans::approach::Approach::as_str,
        ),
        ("GroupMemberItem" | "GroupListItem" | "GroupDetailBody", "state" | "my_state") => words(
            rapport_core::groups::MemberState::ALL,
            rapport_core::groups::MemberState::as_str,
        ),
        ("GroupDetailBody", "view") => vec!["leader", "member"],
        ("ShareItem", "shown") => vec!["rate", "too_few", "empty"],
        ("RecommendRequest", "audience") => words(
            rapport_core::family::Audience::ALL,
            rapport_core::family::Audience::as_str,
        ),
        ("MatchRequest", "help_with") => words(HelpWith::ALL, HelpWith::as_str),
        ("MatchRequest", "mode") => words(Mode::ALL, Mode::as_str),
        ("MatchRequest", "format") => words(Format::ALL, Format::as_str),
        ("MatchRequest", "approach") => words(TherapyApproach::ALL, TherapyApproach::as_str),
        ("MatchRequest", "therapist_gender") => words(Gender::ALL, Gender::as_str),
        ("WidenStep", "step") => words(StepKind::ALL, StepKind::as_str),
        ("MeasureDetailView", "change") => vec![
            "reliable_improvement",
            "no_reliable_change",
            "reliable_deterioration",
        ],
        ("AlertItem", "escalated_via") => vec!["on_call", "triage", "nobody"],
        ("MessageItem", "author_role") => vec!["client", "clinician"],
        ("PeriodItem" | "OpeningItem", "day") => words(
            rapport_core::messaging::Weekday::ALL,
            rapport_core::messaging::Weekday::as_str,
        ),
        ("NotificationItem", "kind") => words(
            rapport_core::notifications::NoticeKind::ALL,
            rapport_core::notifications::NoticeKind::as_str,
        ),
        ("TroubledJobItem", "state") => vec!["failed", "dead"],
        ("DeliveryItem", "state") => vec!["queued", "sent", "accepted", "failed", "dead"],
        ("DeliveryItem", "channel") => vec!["email"],
        ("ErasureRequestItem" | "ErasureReceipt", "status") => {
            rapport_app::erasure::STATUSES.to_vec()
        }
        ("ReportCell", "shown") => vec!["rate", "too_few", "empty"],
        ("MissedReasonCount", "reason") | ("CheckinRequest", "missed_reason") => words(
            rapport_core::medication::MissedReason::ALL,
            rapport_core::medication::MissedReason::as_str,
        ),
        ("OutcomesBody", "granularity") => vec!["month", "quarter"],
        _ => return None,
    })
}

/// Limits the server holds requests to, by schema and property, merged into the property.
fn limits_of(schema: &str, property: &str) -> Option<Value> {
    use rapport_core::accounts::{MAX_PASSWORD_LEN, MIN_PASSWORD_LEN};
    use rapport_core::measures::{
        FEEDBACK_MAX, Instrument, MAX_NOTE_CHARS, MAX_WARNING_SIGNS, MOOD_MAX, SLEEP_HOURS_MAX,
    };
    let items = Instrument::ALL.iter().map(|i| i.definition().items.len());
    let (fewest, most) = (items.clone().min()?, items.max()?);
    Some(match (schema, property) {
        ("CheckinRequest", "mood") => json!({"minimum": 0, "maximum": MOOD_MAX}),
        ("CheckinRequest", "sleep_hours") => json!({"minimum": 0, "maximum": SLEEP_HOURS_MAX}),
        ("CheckinRequest", "note") => json!({"maxLength": MAX_NOTE_CHARS}),
        ("CheckinRequest", "warning_signs") => {
            json!({"maxItems": MAX_WARNING_SIGNS, "items": {"type": "string", "format": "uuid"}})
        }
        ("FeedbackRequest", _) => json!({"minimum": 0, "maximum": FEEDBACK_MAX}),
        ("ProgressRequest", "rating") => json!({"minimum": 0, "maximum": 10}),
        ("NewHomeworkRequest", "instructions") => {
            json!({"maxLength": rapport_core::homework::MAX_INSTRUCTIONS_CHARS})
        }
        ("ReviewRequest", "comment") => {
            json!({"maxLength": rapport_core::homework::MAX_TEXT_CHARS})
        }
        ("ConsultationsRequest", "clinician_ids") => json!({
            "minItems": 1,
            "maxItems": rapport_core::consultations::MAX_CLINICIANS,
            "items": {"type": "string", "format": "uuid"}
        }),
        ("ConsultationsRequest", "times") => json!({
            "minItems": rapport_core::consultations::MIN_TIMES,
            "maxItems": rapport_core::consultations::MAX_TIMES
        }),
        ("ConsultationsRequest", "message") => {
            json!({"maxLength": rapport_core::consultations::MAX_MESSAGE_CHARS})
        }
        ("DeclineRequest", "reason") => {
            json!({"maxLength": rapport_core::consultations::MAX_REASON_CHARS})
        }
        ("NewGroupRequest", "name") => {
            json!({"maxLength": rapport_core::groups::MAX_NAME_CHARS})
        }
        ("NewGroupRequest", "capacity") => json!({
            "minimum": rapport_core::groups::MIN_CAPACITY,
            "maximum": rapport_core::groups::MAX_CAPACITY
        }),
        ("NewGroupRequest", "weeks") => json!({
            "minimum": rapport_core::groups::MIN_WEEKS,
            "maximum": rapport_core::groups::MAX_WEEKS
        }),
        ("NewGroupRequest", "schedule") => {
            json!({"maxLength": rapport_core::groups::MAX_SCHEDULE_CHARS})
        }
        ("NewGroupRequest", "entry_criteria") => {
            json!({"maxLength": rapport_core::groups::MAX_CRITERIA_CHARS})
        }
        ("GroupSessionsRequest", "weeks") => json!({"minimum": 1, "maximum": 52}),
        ("GroupNoteRequest", "text") => {
            json!({"maxLength": rapport_core::groups::MAX_NOTE_CHARS})
        }
        ("ObservationRequest", "warning_signs") => json!({
            "maxItems": rapport_core::observations::MAX_SIGNS,
            "items": {"type": "string", "format": "uuid"}
        }),
        ("ObservationRequest", "note") => {
            json!({"maxLength": rapport_core::observations::MAX_NOTE_CHARS})
        }
        ("HideRequest", "reason") => {
            json!({"maxLength": rapport_core::observations::MAX_REASON_CHARS})
        }
        ("ScheduleRequest", "family") => json!({"items": {"type": "string", "format": "uuid"}}),
        ("FamilyInvitationRequest", "scopes") => json!({"minItems": 1, "uniqueItems": true}),
        ("FamilyScopesRequest", "scopes") => json!({"uniqueItems": true}),
        ("FamilyInvitationRequest", "relationship") => {
            json!({"maxLength": rapport_core::family::MAX_RELATIONSHIP_CHARS})
        }
        ("OnCallUpdate", "escalation_minutes") => json!({"minimum": 5, "maximum": 240}),
        ("OnCallUpdate", "rota") => json!({"maxItems": 500}),
        ("MeasureRequest", "difficulty") => json!({"minimum": 0, "maximum": 3}),
        ("MatchRequest", "phq9_total") => json!({"minimum": 0, "maximum": 27}),
        ("MatchRequest", "earlier_courses") => json!({"minimum": 0, "maximum": 50}),
        ("MatchRequest", "max_fee") => {
            json!({"minimum": 0, "maximum": rapport_core::therapists::profile::MAX_FEE})
        }
        ("MatchRequest", "missing") => json!({"items": {"type": "string", "enum":
            words(rapport_core::matching::Missing::ALL, rapport_core::matching::Missing::as_str)}}),
        ("MeasureRequest", "answers") => json!({"minItems": fewest, "maxItems": most}),
        ("SignupRequest", "password") => {
            json!({"minLength": MIN_PASSWORD_LEN, "maxLength": MAX_PASSWORD_LEN})
        }
        (_, "version") => json!({"minimum": 0}),
        ("ScheduleRequest", "weeks") => json!({"minimum": 1, "maximum": 52}),
        ("AnotherTimeRequest", "proposed_local") => {
            json!({"maxItems": rapport_core::sessions::MAX_PROPOSALS})
        }
        ("AnswerRequest", "proposal") => {
            json!({"minimum": 1, "maximum": rapport_core::sessions::MAX_PROPOSALS})
        }
        ("MessageRequest", "body") => {
            json!({"maxLength": rapport_core::messaging::MAX_BODY_CHARS})
        }
        ("OfficeHoursRequest", "away_message") => {
            json!({"maxLength": rapport_core::messaging::MAX_AWAY_CHARS})
        }
        ("OfficeHoursRequest", "hours") => {
            json!({"maxItems": rapport_core::messaging::MAX_SLOTS})
        }
        _ => return None,
    })
}

/// Schemas sent as request bodies (directly referenced by an operation).
fn request_schemas(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for item in doc["paths"].as_object().into_iter().flatten() {
        for op in item.1.as_object().into_iter().flatten() {
            let content = &op.1["requestBody"]["content"];
            for media in content.as_object().into_iter().flatten() {
                if let Some(r) = media.1["schema"]["$ref"].as_str() {
                    out.push(r.rsplit('/').next().unwrap_or(r).to_string());
                }
            }
        }
    }
    out
}

fn is_string(schema: &Value) -> bool {
    match &schema["type"] {
        Value::String(t) => t == "string",
        Value::Array(ts) => ts.iter().any(|t| t == "string"),
        _ => false,
    }
}

fn is_id(property: &str) -> bool {
    property == "id" || property.ends_with("_id")
}

fn complete_schema(name: &str, schema: &mut Value, is_request: bool) {
    // The crisis lines come with a refused PHQ-9 whose item 9 is above 0, not with every 422.
    if name == "ErrorWithCrisisBody"
        && let Some(required) = schema.get_mut("required").and_then(Value::as_array_mut)
    {
        required.retain(|r| r != "crisis");
    }
    let required: Vec<String> = schema["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
        return;
    };
    for (prop, p) in props.iter_mut() {
        if let (true, Some(Value::Object(limits))) = (is_request, limits_of(name, prop))
            && let Some(p) = p.as_object_mut()
        {
            p.extend(limits);
        }
        if !is_string(p) {
            if p["type"] == "array"
                && (prop.ends_with("_ids") || prop == "ids")
                && let Some(items) = p.get_mut("items").filter(|i| is_string(i))
            {
                items["format"] = json!("uuid");
            }
            continue;
        }
        if is_id(prop) && p.get("format").is_none() {
            p["format"] = json!("uuid");
        }
        if prop == "email" && is_request && p.get("format").is_none() {
            p["format"] = json!("email");
        }
        if let Some(values) = enum_of(name, prop) {
            let mut values: Vec<Value> = values.into_iter().map(Value::from).collect();
            if p["type"].is_array() {
                values.push(Value::Null);
            }
            p["enum"] = Value::Array(values);
        } else if is_request
            && required.contains(prop)
            && !p["type"].is_array()
            && p.get("format").is_none()
            && p.get("minLength").is_none()
        {
            p["minLength"] = json!(1);
        }
    }
}

fn error_response(description: &str) -> Value {
    json!({
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
    })
}

fn complete_operation(path: &str, op: &mut Value) {
    let secured = op["security"].as_array().is_some_and(|s| !s.is_empty());
    let has_body = op.get("requestBody").is_some();
    let mut has_path_params = false;
    let mut has_other_params = false;
    if let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) {
        for p in params {
            match p["in"].as_str() {
                Some("path") => {
                    has_path_params = true;
                    if p["name"].as_str().is_some_and(is_id) {
                        p["schema"] = json!({"type": "string", "format": "uuid"});
                    }
                }
                _ => has_other_params = true,
            }
        }
        // The closed sets of words of query parameters.
        for p in op["parameters"].as_array_mut().into_iter().flatten() {
            let name = p["name"].as_str().unwrap_or_default().to_string();
            if name == "Idempotency-Key" {
                p["schema"]["minLength"] = json!(1);
                p["schema"]["maxLength"] = json!(200);
            }
            let values = match (path, name.as_str()) {
                ("/api/v1/alerts", "status") => {
                    Some(vec!["open", "acknowledged", "resolved", "unresolved"])
                }
                ("/api/v1/session-requests", "status") => Some(vec!["open", "all"]),
                ("/api/v1/admin/erasure-requests", "status") => {
                    Some(rapport_app::erasure::STATUSES.to_vec())
                }
                (_, "instrument") => Some(words(
                    rapport_core::measures::Instrument::ALL,
                    rapport_core::measures::Instrument::as_str,
                )),
                ("/api/v1/therapists", "approach") => Some(words(
                    rapport_core::therapists::TherapyApproach::ALL,
                    rapport_core::therapists::TherapyApproach::as_str,
                )),
                ("/api/v1/therapists", "format") => Some(words(
                    rapport_core::therapists::Format::ALL,
                    rapport_core::therapists::Format::as_str,
                )),
                ("/api/v1/therapists", "mode") => Some(words(
                    rapport_core::therapists::Mode::ALL,
                    rapport_core::therapists::Mode::as_str,
                )),
                ("/api/v1/therapists", "specialty") => Some(words(
                    rapport_core::therapists::Specialty::ALL,
                    rapport_core::therapists::Specialty::as_str,
                )),
                _ => None,
            };
            if let Some(values) = values {
                p["schema"]["enum"] = json!(values);
            }
        }
    }
    let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
        return;
    };
    let mut add = |code: &str, description: &str| {
        responses
            .entry(code.to_string())
            .or_insert_with(|| error_response(description));
    };
    if secured {
        add(
            "401",
            "Not signed in, or the token has expired or been revoked.",
        );
        add(
            "403",
            "Not allowed, or two-step sign-in must be set up first.",
        );
    }
    if has_path_params {
        add("404", "No such thing, or not one of yours.");
    }
    // Operations that refuse to do twice what is done once.
    if path == "/api/v1/auth/totp/confirm" {
        add("409", "Two-step sign-in is already on.");
    }
    if path.ends_with("/acknowledge") || path.ends_with("/resolve") {
        add("409", "The alert is already acknowledged or resolved.");
    }
    if has_body || has_other_params {
        add(
            "422",
            "The request is not valid; `field` names what to correct.",
        );
    }
}
