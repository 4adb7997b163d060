//! The authorization policy: who may do what to whose record. One table, read top to bottom;
//! a test enumerates every (role, action, relation) and checks it against its own table.

use rapport_core::accounts::Role;

use crate::{Actor, Error, Result};

/// What someone wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// See and change one's own account (name, password, second factor).
    ManageOwnAccount,
    /// Read a client's record (profile, care team, and later measures, plans, notes).
    ReadClientRecord,
    /// Change a client's record.
    WriteClientRecord,
    /// See who is on a client's care team.
    ReadCareTeam,
    /// See who opened a client's record.
    ReadAccessLog,
    /// See one's own list of clients.
    ReadCaseload,
    /// Create and disable accounts.
    ManageAccounts,
    /// Put clinicians on, or take them off, a client's care team.
    ManageCareTeams,
    /// Check the integrity of the audit chain.
    VerifyAudit,
    /// Answer a questionnaire or a daily check-in about oneself.
    SubmitMeasures,
    /// See, acknowledge and resolve early-warning flags; record risk assessments.
    HandleAlerts,
    /// Change how often a client is asked for each measure.
    SetSchedules,
    /// Start, discharge, close and re-open a client's episode of care.
    ManageEpisodes,
    /// Write a new version of a client's treatment plan.
    WriteTreatmentPlan,
    /// Agree to one's own treatment plan.
    AgreeTreatmentPlan,
    /// Schedule, move and cancel a client's sessions and record attendance.
    ManageSessions,
    /// Write progress notes and one's own psychotherapy notes.
    WriteNotes,
    /// Read progress notes (psychotherapy notes are their author's alone, checked besides).
    ReadNotes,
    /// Come into the online room of a session one attends: the client, for themself; the
    /// clinician on the care team (who leads it: checked besides); a family member named on a
    /// family session who holds `family_sessions`.
    JoinOnlineSessions,
    /// Ask one's care team for a change: another time, another therapist.
    AskForChanges,
    /// Become the primary therapist of a client who has no care team (triage duty).
    TakeOnClient,
    /// Assign homework to a client and review what they sent.
    AssignHomework,
    /// Do one's own homework: start an exercise, save and send entries.
    DoHomework,
    /// Ask clinicians for a consultation, see one's own, choose one (and go back to an
    /// earlier therapist).
    ConsultClinicians,
    /// Answer the consultations addressed to oneself (accept with a time, or decline), and
    /// list them.
    AnswerConsultations,
    /// Write one's own public profile for the directory (a clinician).
    EditOwnProfile,
    /// Record the practice's check of a clinician's licence (an administrator).
    VerifyClinicians,
    /// Invite family members and friends, see what each can see and when they last looked,
    /// change their scopes and end their access (the client, for themself).
    ManageFamilyAccess,
    /// Read the pages the clinician recommends for the client's family (scope `learning`).
    ReadFamilyLearning,
    /// Read the client's own early warning signs and what to do (scope `warning_signs`).
    ReadWarningSigns,
    /// Read the client's safety plan, never change it (scope `safety_plan`).
    ReadSafetyPlan,
    /// See and attend the family sessions one is named in (scope `family_sessions`).
    AttendFamilySessions,
    /// Report what one noticed: ticks of the client's warning signs and a short note (scope
    /// `observations`).
    ReportObservations,
    /// Hide a family member's observation from the client, for a recorded safety reason.
    HideObservations,
    /// Create and run therapy groups one leads: schedule their sessions, write group notes,
    /// see their outcomes (each member's data only where one is on that member's care team).
    RunGroups,
    /// Offer a client a place in one of one's groups (the clinician on their care team).
    AddToGroup,
    /// Consent to joining a group, see one's groups, choose whether others see one's first
    /// name, leave (the client, for themself).
    JoinGroups,
    /// Read one's own notices, mark them read, and set how and when one is told (channels,
    /// quiet hours, reminder times, unsubscribing) — every role, for themself.
    ReadNotifications,
    /// Read and write the secure message thread between a client and their care team (the
    /// client, for themself; a clinician on the care team). Family members never.
    ExchangeMessages,
    /// Set one's own office hours and away message for secure messages (a clinician).
    SetOfficeHours,
    /// Set the on-call rota and the time after which an unacknowledged safety flag is
    /// escalated (an administrator).
    ManageOnCall,
    /// See the background jobs and notification deliveries, with their last errors (an
    /// administrator; no clinical content is shown).
    ReadJobs,
    /// See outcome reports: a clinician for their own clients; a practice lead (checked
    /// besides, in `reports`) for the whole practice.
    ReadOutcomeReports,
    /// Download one's whole record as a ZIP (GDPR Art. 15/20; the client, for themself).
    ExportRecord,
    /// Ask for one's account to be erased (the client, for themself).
    RequestErasure,
    /// See erasure requests, the retention rule that applies, and carry them out; set the
    /// retention period (an administrator; no clinical content is shown).
    HandleErasure,
    /// Change the instance's settings: crisis lines, default schedules, time-outs (an
    /// administrator).
    ManageSettings,
    /// Search and filter the audit log (an administrator; entries carry no clinical content).
    ReadAuditLog,
    /// Open the record of a client one is not otherwise tied to, in an emergency, giving a
    /// reason ("break glass"; a clinician). What the opening then allows is
    /// `Relation::Emergency`.
    OpenInEmergency,
    /// Write a new version of a client's medication list (a clinician on the care team who
    /// is its prescriber, checked besides, in `medication`).
    WriteMedications,
}

impl Action {
    pub const ALL: [Action; 50] = [
        Action::ManageOwnAccount,
        Action::ReadClientRecord,
        Action::WriteClientRecord,
        Action::ReadCareTeam,
        Action::ReadAccessLog,
        Action::ReadCaseload,
        Action::ManageAccounts,
        Action::ManageCareTeams,
        Action::VerifyAudit,
        Action::SubmitMeasures,
        Action::HandleAlerts,
        Action::SetSchedules,
        Action::ManageEpisodes,
        Action::WriteTreatmentPlan,
        Action::AgreeTreatmentPlan,
        Action::ManageSessions,
        Action::WriteNotes,
        Action::ReadNotes,
        Action::JoinOnlineSessions,
        Action::AskForChanges,
        Action::TakeOnClient,
        Action::AssignHomework,
        Action::DoHomework,
        Action::ConsultClinicians,
        Action::AnswerConsultations,
        Action::EditOwnProfile,
        Action::VerifyClinicians,
        Action::ManageFamilyAccess,
        Action::ReadFamilyLearning,
        Action::ReadWarningSigns,
        Action::ReadSafetyPlan,
        Action::AttendFamilySessions,
        Action::ReportObservations,
        Action::HideObservations,
        Action::RunGroups,
        Action::AddToGroup,
        Action::JoinGroups,
        Action::ReadNotifications,
        Action::ExchangeMessages,
        Action::SetOfficeHours,
        Action::ManageOnCall,
        Action::ReadJobs,
        Action::ReadOutcomeReports,
        Action::ExportRecord,
        Action::RequestErasure,
        Action::HandleErasure,
        Action::ManageSettings,
        Action::ReadAuditLog,
        Action::OpenInEmergency,
        Action::WriteMedications,
    ];

    /// The consent scope a family member needs for this action, if any can grant it. The
    /// words are the API's scope words; no scope ever opens scores, notes, homework or
    /// messages.
    pub fn family_scope(self) -> Option<&'static str> {
        match self {
            Action::ReadFamilyLearning => Some("learning"),
            Action::ReadWarningSigns => Some("warning_signs"),
            Action::ReadSafetyPlan => Some("safety_plan"),
            Action::AttendFamilySessions | Action::JoinOnlineSessions => Some("family_sessions"),
            Action::ReportObservations => Some("observations"),
            _ => None,
        }
    }
}

/// How the actor stands to the client whose record is at stake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The action is not about any client's record.
    NoClient,
    /// The actor is the client.
    Itself,
    /// The actor is a clinician on the client's active care team.
    CareTeam,
    /// The actor is a clinician on triage duty and the client has no active care team.
    Triage,
    /// The actor is a clinician an unresolved flag of the client was escalated to (on call),
    /// and not on the client's care team.
    OnCall,
    /// The actor is a family member; `consented` says whether the client granted the scope
    /// this action needs (and has not revoked it).
    Family { consented: bool },
    /// The actor is a clinician the client asked for a consultation (one still open and
    /// addressed to them), and not on the client's care team.
    Consulted,
    /// The actor is a clinician who opened the client's record in an emergency within the
    /// last hour ("break glass"), and not on the client's care team: read-only.
    Emergency,
    /// No tie to the client.
    Unrelated,
}

/// The policy. `Ok(())` allows; anything else is refused.
pub fn decide(role: Role, action: Action, relation: Relation) -> bool {
    use Action::*;
    use Relation::*;
    match (role, action, relation) {
        (_, ManageOwnAccount | ReadNotifications, NoClient) => true,
        // Secure messages: the client and their care team; nobody else, family never.
        (Role::Client, ExchangeMessages, Itself) => true,
        (Role::Clinician, ExchangeMessages, CareTeam) => true,
        (Role::Clinician, SetOfficeHours, NoClient) => true,

        (
            Role::Client,
            ReadClientRecord | WriteClientRecord | ReadCareTeam | ReadAccessLog,
            Itself,
        ) => true,
        (Role::Clinician, ReadClientRecord | WriteClientRecord | ReadCareTeam, CareTeam) => true,
        // A family member: only what the client granted, scope by scope, until revoked.
        (Role::Family, a, Family { consented: true }) => a.family_scope().is_some(),
        (Role::Client, ManageFamilyAccess | JoinGroups, Itself) => true,
        (Role::Clinician, HideObservations | AddToGroup, CareTeam) => true,
        (Role::Clinician, RunGroups, NoClient) => true,
        (Role::Clinician, ReadCaseload | EditOwnProfile, NoClient) => true,
        // Triage duty: respond to an unassigned client's flags, and take the client on.
        (
            Role::Clinician,
            ReadClientRecord | ReadCareTeam | HandleAlerts | TakeOnClient,
            Triage,
        ) => true,
        // On call: the clinician a safety flag was escalated to responds to it (reads the
        // record, acknowledges) until it is resolved; taking the client on is not theirs.
        (Role::Clinician, ReadClientRecord | ReadCareTeam | HandleAlerts, OnCall) => true,
        // Emergency access: for an hour after giving a reason, read-only; psychotherapy notes
        // stay their author's alone (checked besides).
        // Finding the client to open (an exact e-mail or full name, audited) is NoClient.
        (Role::Clinician, OpenInEmergency, Unrelated | Consulted | NoClient) => true,
        (Role::Clinician, ReadClientRecord | ReadCareTeam | ReadNotes, Emergency) => true,
        (Role::Clinician, ReadOutcomeReports, NoClient) => true,
        // Medication: the care team's prescriber alone (checked besides); the client and the
        // rest of the team read the list as part of the record.
        (Role::Clinician, WriteMedications, CareTeam) => true,
        // Data rights: the client takes their record with them, or asks for it to be erased.
        (Role::Client, ExportRecord | RequestErasure, Itself) => true,
        (
            Role::Client,
            SubmitMeasures | AgreeTreatmentPlan | AskForChanges | DoHomework | JoinOnlineSessions,
            Itself,
        ) => true,
        (
            Role::Clinician,
            HandleAlerts | SetSchedules | ManageEpisodes | WriteTreatmentPlan | ManageSessions
            | WriteNotes | ReadNotes | AssignHomework | JoinOnlineSessions,
            CareTeam,
        ) => true,

        // Administrators run the instance: accounts, care-team assignments, integrity.
        // They never read clinical content.
        (
            Role::Admin,
            ManageAccounts | VerifyAudit | VerifyClinicians | ManageOnCall | ReadJobs
            | HandleErasure | ManageSettings | ReadAuditLog,
            NoClient,
        ) => true,
        (Role::Admin, ManageCareTeams, Unrelated | NoClient) => true,

        // Meeting a few: the client asks and chooses; the clinician asked answers, and
        // lists what is addressed to them.
        (Role::Client, ConsultClinicians, Itself) => true,
        (Role::Clinician, AnswerConsultations, Consulted | NoClient) => true,

        _ => false,
    }
}

/// Asks the policy and turns a refusal into `Error::Forbidden`.
pub fn authorize(actor: &Actor, action: Action, relation: Relation) -> Result<()> {
    if decide(actor.role, action, relation) {
        Ok(())
    } else {
        tracing::info!(
            role = actor.role.as_str(),
            ?action,
            ?relation,
            "policy refused"
        );
        Err(Error::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;

    const RELATIONS: [Relation; 10] = [
        Relation::OnCall,
        Relation::Emergency,
        Relation::NoClient,
        Relation::Itself,
        Relation::CareTeam,
        Relation::Triage,
        Relation::Family { consented: true },
        Relation::Family { consented: false },
        Relation::Consulted,
        Relation::Unrelated,
    ];

    /// The expected answers, written out by hand: every allowed triple, nothing else.
    fn allowed() -> Vec<(Role, Action, Relation)> {
        use Relation::*;
        let mut v = vec![];
        for role in Role::ALL {
            v.push((role, ManageOwnAccount, NoClient));
            v.push((role, ReadNotifications, NoClient));
        }
        for a in [
            ReadClientRecord,
            WriteClientRecord,
            ReadCareTeam,
            ReadAccessLog,
        ] {
            v.push((Role::Client, a, Itself));
        }
        for a in [ReadClientRecord, WriteClientRecord, ReadCareTeam] {
            v.push((Role::Clinician, a, CareTeam));
        }
        v.push((Role::Clinician, ReadCaseload, NoClient));
        v.push((Role::Clinician, EditOwnProfile, NoClient));
        v.push((Role::Client, SubmitMeasures, Itself));
        v.push((Role::Clinician, HandleAlerts, CareTeam));
        v.push((Role::Clinician, SetSchedules, CareTeam));
        v.push((Role::Clinician, ManageEpisodes, CareTeam));
        v.push((Role::Clinician, WriteTreatmentPlan, CareTeam));
        v.push((Role::Client, AgreeTreatmentPlan, Itself));
        for a in [ManageSessions, WriteNotes, ReadNotes] {
            v.push((Role::Clinician, a, CareTeam));
        }
        v.push((Role::Client, AskForChanges, Itself));
        v.push((Role::Client, JoinOnlineSessions, Itself));
        v.push((Role::Clinician, JoinOnlineSessions, CareTeam));
        v.push((Role::Clinician, AssignHomework, CareTeam));
        v.push((Role::Client, DoHomework, Itself));
        for a in [ReadClientRecord, ReadCareTeam, HandleAlerts, TakeOnClient] {
            v.push((Role::Clinician, a, Triage));
        }
        for a in [ReadClientRecord, ReadCareTeam, HandleAlerts] {
            v.push((Role::Clinician, a, OnCall));
        }
        for a in [
            ReadFamilyLearning,
            ReadWarningSigns,
            ReadSafetyPlan,
            AttendFamilySessions,
            JoinOnlineSessions,
            ReportObservations,
        ] {
            v.push((Role::Family, a, Family { consented: true }));
        }
        v.push((Role::Client, ManageFamilyAccess, Itself));
        v.push((Role::Client, JoinGroups, Itself));
        v.push((Role::Clinician, HideObservations, CareTeam));
        v.push((Role::Clinician, AddToGroup, CareTeam));
        v.push((Role::Clinician, RunGroups, NoClient));
        v.push((Role::Admin, ManageAccounts, NoClient));
        v.push((Role::Admin, VerifyAudit, NoClient));
        v.push((Role::Admin, VerifyClinicians, NoClient));
        v.push((Role::Admin, ManageCareTeams, NoClient));
        v.push((Role::Admin, ManageOnCall, NoClient));
        v.push((Role::Admin, ReadJobs, NoClient));
        v.push((Role::Client, ExchangeMessages, Itself));
        v.push((Role::Clinician, ExchangeMessages, CareTeam));
        v.push((Role::Clinician, SetOfficeHours, NoClient));
        v.push((Role::Admin, ManageCareTeams, Unrelated));
        v.push((Role::Client, ConsultClinicians, Itself));
        v.push((Role::Clinician, AnswerConsultations, Consulted));
        v.push((Role::Clinician, AnswerConsultations, NoClient));
        v.push((Role::Clinician, OpenInEmergency, Unrelated));
        v.push((Role::Clinician, OpenInEmergency, Consulted));
        v.push((Role::Clinician, OpenInEmergency, NoClient));
        for a in [ReadClientRecord, ReadCareTeam, ReadNotes] {
            v.push((Role::Clinician, a, Emergency));
        }
        v.push((Role::Clinician, ReadOutcomeReports, NoClient));
        v.push((Role::Clinician, WriteMedications, CareTeam));
        v.push((Role::Client, ExportRecord, Itself));
        v.push((Role::Client, RequestErasure, Itself));
        for a in [HandleErasure, ManageSettings, ReadAuditLog] {
            v.push((Role::Admin, a, NoClient));
        }
        v
    }

    #[test]
    fn every_role_action_relation_matches_the_table() {
        let allowed = allowed();
        let mut checked = 0;
        for role in Role::ALL {
            for action in Action::ALL {
                for relation in RELATIONS {
                    let expected = allowed.contains(&(role, action, relation));
                    assert_eq!(
                        decide(role, action, relation),
                        expected,
                        "{role:?} {action:?} {relation:?}"
                    );
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 4 * Action::ALL.len() * RELATIONS.len());
    }

    #[test]
    fn emergency_access_is_read_only() {
        for action in Action::ALL {
            let reads = matches!(action, ReadClientRecord | ReadCareTeam | ReadNotes);
            assert_eq!(
                decide(Role::Clinician, action, Relation::Emergency),
                reads,
                "{action:?}"
            );
        }
    }

    #[test]
    fn administrators_never_read_clinical_content() {
        for relation in RELATIONS {
            for action in [
                ReadClientRecord,
                WriteClientRecord,
                ReadAccessLog,
                ReadCareTeam,
                ReadNotes,
                WriteNotes,
            ] {
                assert!(
                    !decide(Role::Admin, action, relation),
                    "{action:?} {relation:?}"
                );
            }
        }
    }

    #[test]
    fn no_family_scope_opens_scores_notes_homework_or_the_record() {
        for action in [
            ReadClientRecord,
            WriteClientRecord,
            ReadAccessLog,
            ReadNotes,
            WriteNotes,
            SubmitMeasures,
            DoHomework,
            AssignHomework,
            HandleAlerts,
            ExchangeMessages,
        ] {
            assert_eq!(action.family_scope(), None, "{action:?}");
            for consented in [true, false] {
                assert!(!decide(
                    Role::Family,
                    action,
                    Relation::Family { consented }
                ));
            }
        }
    }

    #[test]
    fn a_clinician_off_the_care_team_sees_nothing() {
        // Only the emergency opening itself, which gives a reason, is audited and lasts an hour.
        for action in Action::ALL.into_iter().filter(|a| *a != OpenInEmergency) {
            assert!(
                !decide(Role::Clinician, action, Relation::Unrelated),
                "{action:?}"
            );
        }
    }
}
