//! Family access, consent-scoped (issue 15, part 1).
//!
//! A client invites a family member or friend ([`invite`]): the link carries a token shown
//! once (only its hash is kept), works for 7 days and once. The invitee joins through it
//! ([`sign_up_with_invitation`], or [`accept`] when already signed in as a family member): in
//! one transaction the account (role `family`), the link, one consent row per scope
//! (`kind = "family_access"`) and the invitation marked used. The client lists who can see
//! what and when they last looked ([`members`]), changes the scopes ([`set_scopes`]: consent
//! rows revoked and granted, so the next request of the family member is judged anew) and
//! ends access ([`end_access`]).
//!
//! A family member reads, per client and scope, through the door (`access::read` with the
//! scope's action, so the consent rows decide): [`learning`], [`warning_signs`],
//! [`safety_plan`]. Every read is audited with its scope; `last_seen_at` is the newest allowed
//! audit event by that person about the client (derived from the audit log, so it cannot
//! drift from what was recorded).

use chrono::{DateTime, Utc};
use rapport_core::accounts::{Email, PersonName, Role};
use rapport_core::family::{
    self as rules, Audience, FAMILY_LIBRARY, InvitationState, Scope, check_relationship,
    check_usable, invitation_state, parse_scopes,
};
use rapport_core::learning;
use rapport_core::outcomes::Timestamp;
use rapport_core::plans::{PlanSection, SAFETY_STEPS};
use rapport_store::accounts::users;
// Consents are given under another name: the door alone says `grant` (tests/access.rs).
use rapport_store::consents::{self, Consent, grant as give_consent};
use rapport_store::family::{self as store, CONSENT_KIND, Invitation, Link};
use rapport_store::{ConnectionTrait, Tx, WriteTx};
use uuid::Uuid;

use crate::accounts::{self, NewClient};
use crate::audit_log::{Entry, journal, record};
use crate::plans::SectionedPlan;
use crate::policy::Action;
use crate::{Actor, App, Error, Result, access, messages};

/// The version of the text a client agrees to when sharing with a family member.
pub const FAMILY_CONSENT_VERSION: &str = "2026-12-family-access-v1";

/// What a client types to invite someone.
#[derive(Debug, Clone, Default)]
pub struct NewInvitation {
    pub email: String,
    pub name: String,
    pub relationship: String,
    /// Scope words (`learning`, `warning_signs`…), each once.
    pub scopes: Vec<String>,
}

/// A new invitation: the token is shown once, never stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invited {
    pub id: Uuid,
    pub token: String,
    pub link: String,
}

/// An invitation as its client sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationView {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub relationship: String,
    pub scopes: Vec<Scope>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// What the invitee sees on the join page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationPreview {
    /// The first name of the client who invited them.
    pub client_first_name: String,
    pub name: String,
    pub email: String,
    pub scopes: Vec<Scope>,
    pub expires_at: DateTime<Utc>,
}

/// A family member as the client sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The family member's user id.
    pub id: Uuid,
    pub name: String,
    pub relationship: String,
    pub scopes: Vec<Scope>,
    pub since: DateTime<Utc>,
    /// When they last used what the client shares (from the audit log).
    pub last_seen_at: Option<DateTime<Utc>>,
}

/// A client who shares with the signed-in family member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub client_id: Uuid,
    pub first_name: String,
    /// How the client described them ("sister").
    pub relationship: String,
    pub scopes: Vec<Scope>,
}

/// A learning page for the family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FamilyPage {
    pub slug: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    /// Recommended by the clinician for this family (else: from the library for families).
    pub recommended: bool,
}

/// The client's warning signs and what helps, for a family member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FamilyWarningSigns {
    pub client_first_name: String,
    pub signs: Vec<(Uuid, String)>,
    /// "What helps me stay well" from the client's plan for staying well, if written.
    pub what_helps: Option<String>,
    /// "Who to contact", from the same plan.
    pub contacts: Option<String>,
}

fn first_name(name: &str) -> String {
    name.split_whitespace().next().unwrap_or(name).to_string()
}

fn ts(t: DateTime<Utc>) -> Timestamp {
    Timestamp(t.timestamp())
}

fn state_of(i: &Invitation, now: DateTime<Utc>) -> InvitationState {
    invitation_state(
        ts(i.expires_at),
        i.used_at.is_some(),
        i.withdrawn_at.is_some(),
        ts(now),
    )
}

fn view(i: Invitation) -> InvitationView {
    InvitationView {
        scopes: rules::split(&i.scopes),
        id: i.id,
        email: i.email,
        name: i.name,
        relationship: i.relationship,
        created_at: i.created_at,
        expires_at: i.expires_at,
    }
}

/// The family member's consent rows in force for the client: (consent id, scope).
async fn held(
    c: &impl ConnectionTrait,
    client_id: Uuid,
    family_id: Uuid,
) -> Result<Vec<(Uuid, Scope)>> {
    Ok(consents::active_for(c, client_id)
        .await?
        .into_iter()
        .filter(|k| k.kind == CONSENT_KIND && k.grantee_id == Some(family_id))
        .filter_map(|k| Some((k.id, Scope::parse(k.scope.as_deref()?)?)))
        .collect())
}

fn scopes_only(held: &[(Uuid, Scope)]) -> Vec<Scope> {
    rules::sorted(held.iter().map(|(_, s)| *s).collect())
}

async fn grant_scope(
    app: &App,
    c: &impl ConnectionTrait,
    client_id: Uuid,
    family_id: Uuid,
    scope: Scope,
) -> Result<()> {
    give_consent(
        c,
        Consent {
            id: app.new_id(),
            client_id,
            kind: CONSENT_KIND.into(),
            grantee_id: Some(family_id),
            scope: Some(scope.as_str().into()),
            text_version: FAMILY_CONSENT_VERSION.into(),
            granted_at: app.now(),
            revoked_at: None,
        },
    )
    .await?;
    Ok(())
}

fn with_detail(e: Entry<'_>, detail: String) -> Entry<'_> {
    Entry {
        detail: Some(detail),
        ..e
    }
}

/// A client invites a family member or friend to see `scopes` (at least one). Returns the
/// token (shown once) and the link `{base_url}/join/{token}`.
pub async fn invite(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    new: NewInvitation,
    base_url: &str,
) -> Result<Invited> {
    let scope = access::write(
        app,
        actor,
        Action::ManageFamilyAccess,
        client_id,
        "family.invited",
    )
    .await?;
    let email = Email::parse(&new.email)?;
    let name = PersonName::parse(&new.name)?;
    check_relationship(&new.relationship)?;
    let scopes = parse_scopes("scopes", &new.scopes)?;
    if scopes.is_empty() {
        return Err(Error::invalid("scopes", messages::FAMILY_NO_SCOPE));
    }
    let own = users::find(scope.conn(), scope.keys(), client_id)
        .await?
        .ok_or(Error::NotFound)?;
    if rules::same_email(&own.email, email.as_str()) {
        return Err(Error::invalid("email", messages::FAMILY_OWN_EMAIL));
    }
    let (token, token_hash) = accounts::new_secret();
    let now = app.now();
    let id = app.new_id();
    store::insert_invitation(
        scope.conn(),
        scope.keys(),
        &Invitation {
            id,
            client_id,
            email: email.as_str().to_string(),
            name: name.as_str().to_string(),
            relationship: new.relationship.trim().to_string(),
            scopes: rules::join(&scopes),
            token_hash,
            created_at: now,
            expires_at: now + chrono::Duration::days(rules::INVITATION_DAYS),
            used_at: None,
            withdrawn_at: None,
            used_by: None,
        },
    )
    .await?;
    scope
        .commit(with_detail(
            Entry::ok("family.invited").resource(format!("family_invitation:{id}")),
            rules::join(&scopes),
        ))
        .await?;
    let link = format!("{}/join/{token}", base_url.trim_end_matches('/'));
    Ok(Invited { id, token, link })
}

/// The client's invitations still waiting (not used, withdrawn or expired), newest first.
pub async fn pending_invitations(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
) -> Result<Vec<InvitationView>> {
    let scope = access::read(
        app,
        actor,
        Action::ManageFamilyAccess,
        client_id,
        "family.invitations.read",
    )
    .await?;
    let list = store::pending_of(scope.conn(), scope.keys(), client_id, app.now()).await?;
    scope.finish(Entry::ok("family.invitations.read")).await?;
    Ok(list.into_iter().map(view).collect())
}

/// The client withdraws an invitation still waiting; another's, used or unknown is NotFound.
pub async fn withdraw_invitation(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    id: Uuid,
) -> Result<()> {
    let scope = access::write(
        app,
        actor,
        Action::ManageFamilyAccess,
        client_id,
        "family.invitation_withdrawn",
    )
    .await?;
    if !store::withdraw(scope.conn(), client_id, id, app.now()).await? {
        return Err(Error::NotFound);
    }
    scope
        .commit(
            Entry::ok("family.invitation_withdrawn").resource(format!("family_invitation:{id}")),
        )
        .await
}

/// The invitation behind a link, for the join page: who invited them and what they would
/// see. An unknown token is NotFound; a used, withdrawn or expired one is `Invalid` with
/// what to do (field `invitation`).
pub async fn preview(app: &App, token: &str) -> Result<InvitationPreview> {
    let c = app.db.conn();
    let keys = app.db.keys();
    let i = store::invitation_by_token(c, keys, &accounts::hash_secret(token.trim()))
        .await?
        .ok_or(Error::NotFound)?;
    check_usable(state_of(&i, app.now()))?;
    let client = users::find(c, keys, i.client_id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(InvitationPreview {
        client_first_name: first_name(&client.name),
        scopes: rules::split(&i.scopes),
        name: i.name,
        email: i.email,
        expires_at: i.expires_at,
    })
}

/// Finds a usable invitation by token inside `tx` (unknown: `Invalid` too, so sign-up's one
/// field names it).
async fn usable_invitation(app: &App, tx: &WriteTx, token: &str) -> Result<Invitation> {
    let i = store::invitation_by_token(tx.conn(), tx.keys(), &accounts::hash_secret(token.trim()))
        .await?
        .ok_or_else(|| Error::invalid("invitation", messages::FAMILY_UNKNOWN_LINK))?;
    check_usable(state_of(&i, app.now()))?;
    Ok(i)
}

/// Joins `family_id` to the invitation's client in `tx`: the invitation used (only if nobody
/// used it first), the link, one consent row per scope, and `family.joined` recorded.
async fn join_in(app: &App, tx: &WriteTx, actor: &Actor, i: &Invitation) -> Result<()> {
    let now = app.now();
    if !store::mark_used(tx.conn(), i.id, actor.user_id, now).await? {
        return Err(Error::invalid("invitation", messages::FAMILY_USED_LINK));
    }
    store::insert_link(
        tx.conn(),
        tx.keys(),
        &Link {
            id: app.new_id(),
            client_id: i.client_id,
            family_id: actor.user_id,
            relationship: i.relationship.clone(),
            invitation_id: Some(i.id),
            created_at: now,
            ended_at: None,
        },
    )
    .await
    .map_err(|e| match e {
        rapport_store::Error::Conflict(_) => {
            Error::Conflict(messages::FAMILY_ALREADY_LINKED.into())
        }
        other => other.into(),
    })?;
    let scopes = rules::split(&i.scopes);
    for s in &scopes {
        grant_scope(app, tx.conn(), i.client_id, actor.user_id, *s).await?;
    }
    record(
        app,
        tx,
        Some(actor),
        None,
        with_detail(
            Entry::ok("family.joined")
                .client(i.client_id)
                .resource(format!("family:{}", actor.user_id)),
            rules::join(&scopes),
        ),
    )
    .await
}

/// Someone invited creates their account (role `family`) through the link: the e-mail must
/// be the invited one; the invitation unused, not withdrawn, not expired. Returns the new
/// actor and a browser session secret, like sign-up.
pub async fn sign_up_with_invitation(
    app: &App,
    new: NewClient<'_>,
    token: &str,
    address: &str,
) -> Result<(Actor, String)> {
    let mut errors = accounts::validate_new_client(&new);
    if !errors.is_empty() {
        let e = errors.remove(0);
        return Err(Error::Invalid {
            field: e.field,
            message: e.message,
        });
    }
    let name = PersonName::parse(new.name)?;
    let email = Email::parse(new.email)?;
    let hash = accounts::passwords::hash(new.password.to_string()).await?;
    let tx = app.db.write().await?;
    let invitation = usable_invitation(app, &tx, token).await?;
    if !rules::same_email(&invitation.email, email.as_str()) {
        return Err(Error::invalid("email", messages::FAMILY_OTHER_EMAIL));
    }
    let id = app.new_id();
    users::insert(
        tx.conn(),
        tx.keys(),
        users::NewUser {
            id,
            email: email.as_str(),
            name: name.as_str(),
            role: Role::Family.as_str(),
            password_hash: &hash,
            timezone: new.timezone.unwrap_or("UTC"),
            now: app.now(),
        },
    )
    .await
    .map_err(|e| match e {
        rapport_store::Error::Conflict(_) => Error::invalid("email", messages::FAMILY_EMAIL_TAKEN),
        other => other.into(),
    })?;
    let user = users::find(tx.conn(), tx.keys(), id)
        .await?
        .ok_or(Error::NotFound)?;
    let actor = accounts::actor_of(&user, Some(address))?;
    let secret = accounts::start_session(app, &tx, &user, accounts::Stage::Full).await?;
    record(app, &tx, Some(&actor), None, Entry::ok("account.created")).await?;
    join_in(app, &tx, &actor, &invitation).await?;
    tx.commit().await?;
    Ok((actor, secret))
}

/// A signed-in family member accepts another client's invitation (sent to their address).
/// Returns the client's id.
pub async fn accept(app: &App, actor: &Actor, token: &str) -> Result<Uuid> {
    access::allow(actor, Action::ManageOwnAccount)?;
    if actor.role != Role::Family {
        return Err(Error::Forbidden);
    }
    let tx = app.db.write().await?;
    let invitation = usable_invitation(app, &tx, token).await?;
    let me = users::find(tx.conn(), tx.keys(), actor.user_id)
        .await?
        .ok_or(Error::Unauthenticated)?;
    if !rules::same_email(&invitation.email, &me.email) {
        return Err(Error::invalid("invitation", messages::FAMILY_NOT_YOURS));
    }
    join_in(app, &tx, actor, &invitation).await?;
    tx.commit().await?;
    Ok(invitation.client_id)
}

/// Who the client shares with, what each can see and when they last looked (oldest first).
pub async fn members(app: &App, actor: &Actor, client_id: Uuid) -> Result<Vec<Member>> {
    let scope = access::read(
        app,
        actor,
        Action::ManageFamilyAccess,
        client_id,
        "family.members.read",
    )
    .await?;
    let mut out = Vec::new();
    for l in store::links_of_client(scope.conn(), scope.keys(), client_id).await? {
        let name = users::find(scope.conn(), scope.keys(), l.family_id)
            .await?
            .map(|u| u.name)
            .unwrap_or_default();
        out.push(Member {
            id: l.family_id,
            name,
            relationship: l.relationship,
            scopes: scopes_only(&held(scope.conn(), client_id, l.family_id).await?),
            since: l.created_at,
            last_seen_at: store::last_seen(scope.conn(), client_id, l.family_id).await?,
        });
    }
    scope.finish(Entry::ok("family.members.read")).await?;
    Ok(out)
}

/// The client sets what the family member `family_id` can see: consent rows revoked and
/// granted at once, so their next request (token or browser session) is judged by the new
/// set. `[]` keeps the link and shows nothing. Unknown or ended: NotFound.
pub async fn set_scopes(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    family_id: Uuid,
    words: &[String],
) -> Result<Vec<Scope>> {
    let scope = access::write(
        app,
        actor,
        Action::ManageFamilyAccess,
        client_id,
        "family.scopes_changed",
    )
    .await?;
    let wanted = parse_scopes("scopes", words)?;
    if store::live_link(scope.conn(), scope.keys(), client_id, family_id)
        .await?
        .is_none()
    {
        return Err(Error::NotFound);
    }
    let now = app.now();
    let current = held(scope.conn(), client_id, family_id).await?;
    for (id, s) in &current {
        if !wanted.contains(s) {
            consents::revoke(scope.conn(), *id, now).await?;
        }
    }
    for s in &wanted {
        if !current.iter().any(|(_, c)| c == s) {
            grant_scope(app, scope.conn(), client_id, family_id, *s).await?;
        }
    }
    scope
        .commit(with_detail(
            Entry::ok("family.scopes_changed").resource(format!("family:{family_id}")),
            rules::join(&wanted),
        ))
        .await?;
    Ok(wanted)
}

/// The client ends the family member's access: every scope revoked, the link ended.
pub async fn end_access(app: &App, actor: &Actor, client_id: Uuid, family_id: Uuid) -> Result<()> {
    let scope = access::write(
        app,
        actor,
        Action::ManageFamilyAccess,
        client_id,
        "family.ended",
    )
    .await?;
    let link = store::live_link(scope.conn(), scope.keys(), client_id, family_id)
        .await?
        .ok_or(Error::NotFound)?;
    let now = app.now();
    for (id, _) in held(scope.conn(), client_id, family_id).await? {
        consents::revoke(scope.conn(), id, now).await?;
    }
    store::end_link(scope.conn(), link.id, now).await?;
    scope
        .commit(Entry::ok("family.ended").resource(format!("family:{family_id}")))
        .await
}

/// The clients who share with the signed-in family member, with the scopes each granted.
pub async fn my_people(app: &App, actor: &Actor) -> Result<Vec<Person>> {
    access::allow(actor, Action::ManageOwnAccount)?;
    if actor.role != Role::Family {
        return Ok(Vec::new());
    }
    let tx = app.db.read().await?;
    let mut out = Vec::new();
    for l in store::links_of_family(tx.conn(), tx.keys(), actor.user_id).await? {
        let Some(client) = users::find(tx.conn(), tx.keys(), l.client_id).await? else {
            continue;
        };
        if client.disabled_at.is_some() {
            continue;
        }
        out.push(Person {
            client_id: l.client_id,
            first_name: first_name(&client.name),
            relationship: l.relationship,
            scopes: scopes_only(&held(tx.conn(), l.client_id, actor.user_id).await?),
        });
    }
    tx.close().await?;
    journal(app, actor, Entry::ok("family.people.read")).await?;
    Ok(out)
}

/// The audit entry of a family member's read: the scope it used.
fn scoped_read(action: &str, scope: Scope) -> Entry<'_> {
    Entry::ok(action).resource(format!("scope:{}", scope.as_str()))
}

/// The first name of the client, for a family member's page heading.
async fn client_first_name(tx: &impl Tx, client_id: Uuid) -> Result<String> {
    Ok(users::find(tx.conn(), tx.keys(), client_id)
        .await?
        .map(|u| first_name(&u.name))
        .unwrap_or_default())
}

/// Pages for the family (scope `learning`): those the clinician recommended for this
/// client's family first, then the library's pages for families.
pub async fn learning(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
) -> Result<(String, Vec<FamilyPage>)> {
    let scope = access::read(
        app,
        actor,
        Action::ReadFamilyLearning,
        client_id,
        "family.learning.read",
    )
    .await?;
    let mut out: Vec<FamilyPage> = Vec::new();
    let recs = rapport_store::plans::recommendations_to(
        scope.conn(),
        client_id,
        Audience::Family.as_str(),
    )
    .await?;
    let recommended = recs.iter().filter_map(|r| learning::find(&r.page));
    let library = FAMILY_LIBRARY.iter().filter_map(|s| learning::find(s));
    for (page, rec) in recommended
        .map(|p| (p, true))
        .chain(library.map(|p| (p, false)))
    {
        if out.iter().any(|o| o.slug == page.slug) {
            continue;
        }
        out.push(FamilyPage {
            slug: page.slug,
            title: page.title,
            summary: page.summary,
            recommended: rec,
        });
    }
    let name = client_first_name(scope.tx(), client_id).await?;
    scope
        .finish(scoped_read("family.learning.read", Scope::Learning))
        .await?;
    Ok((name, out))
}

/// The client's own warning signs in use and what helps (scope `warning_signs`): the
/// "what helps me stay well" and "who to contact" parts of their plan for staying well.
/// Never the triggers, scores or notes.
pub async fn warning_signs(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
) -> Result<FamilyWarningSigns> {
    let scope = access::read(
        app,
        actor,
        Action::ReadWarningSigns,
        client_id,
        "family.warning_signs.read",
    )
    .await?;
    let signs = rapport_store::checkins::signs_of(scope.conn(), scope.keys(), client_id).await?;
    let plan = rapport_store::plans::documents::current_of(&scope.client(), "relapse").await?;
    let (mut what_helps, mut contacts) = (None, None);
    if let Some(v) = plan {
        let parts: [String; 4] =
            serde_json::from_str(&v.body).map_err(|e| Error::Internal(e.to_string()))?;
        let keep = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        what_helps = keep(&parts[1]);
        contacts = keep(&parts[2]);
    }
    let client_first_name = client_first_name(scope.tx(), client_id).await?;
    scope
        .finish(scoped_read(
            "family.warning_signs.read",
            Scope::WarningSigns,
        ))
        .await?;
    Ok(FamilyWarningSigns {
        client_first_name,
        signs: signs.into_iter().map(|s| (s.id, s.label)).collect(),
        what_helps,
        contacts,
    })
}

/// The client's safety plan in force, read-only (scope `safety_plan`); `None` before the
/// first. The writer is not named.
pub async fn safety_plan(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
) -> Result<(String, Option<SectionedPlan>)> {
    let scope = access::read(
        app,
        actor,
        Action::ReadSafetyPlan,
        client_id,
        "family.safety_plan.read",
    )
    .await?;
    let plan = rapport_store::plans::current_of(&scope.client()).await?;
    let view = plan.map(|p| SectionedPlan {
        version: p.version,
        updated_at: p.created_at,
        written_by: String::new(),
        steps: SAFETY_STEPS
            .iter()
            .copied()
            .zip(p.steps)
            .collect::<Vec<(PlanSection, String)>>(),
    });
    let name = client_first_name(scope.tx(), client_id).await?;
    scope
        .finish(scoped_read("family.safety_plan.read", Scope::SafetyPlan))
        .await?;
    Ok((name, view))
}
