//! The learning library: plain pages for clients, and the pages a clinician recommends.

use chrono::{DateTime, Utc};
use rapport_core::family::Audience;
use rapport_core::learning;
use rapport_store::accounts::users;
use rapport_store::plans::{self, Recommendation};
use uuid::Uuid;

use crate::access;
use crate::audit_log::Entry;
use crate::policy::Action;
use crate::{Actor, App, Error, Result};

/// A page recommended to the client, and by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommended {
    pub slug: &'static str,
    pub title: &'static str,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// A clinician on the care team recommends a page to the client.
pub async fn recommend(app: &App, actor: &Actor, client_id: Uuid, slug: &str) -> Result<()> {
    recommend_to(app, actor, client_id, slug, Audience::Client).await
}

/// A clinician on the care team recommends a page to the client, or to the client's family
/// (read by family members holding the `learning` scope).
pub async fn recommend_to(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
    slug: &str,
    audience: Audience,
) -> Result<()> {
    let page = learning::find(slug)
        .ok_or_else(|| Error::invalid("page", "Choose a page of the library."))?;
    if actor.role != rapport_core::accounts::Role::Clinician {
        return Err(Error::Forbidden);
    }
    let scope = access::write(
        app,
        actor,
        Action::WriteClientRecord,
        client_id,
        "learning.recommended",
    )
    .await?;
    plans::recommend(
        scope.conn(),
        Recommendation {
            id: app.new_id(),
            client_id,
            page: page.slug.to_string(),
            recommended_by: actor.user_id,
            created_at: app.now(),
            audience: audience.as_str().to_string(),
        },
    )
    .await?;
    scope
        .commit(Entry::ok("learning.recommended").resource(match audience {
            Audience::Client => format!("learn:{}", page.slug),
            Audience::Family => format!("learn:family:{}", page.slug),
        }))
        .await?;
    Ok(())
}

/// The pages recommended to a client (the client or their care team), newest first, each once.
pub async fn recommended_for(
    app: &App,
    actor: &Actor,
    client_id: Uuid,
) -> Result<Vec<Recommended>> {
    let scope = access::read(
        app,
        actor,
        Action::ReadClientRecord,
        client_id,
        "learning.read",
    )
    .await?;
    let mut out: Vec<Recommended> = Vec::new();
    for r in plans::recommendations_for(scope.conn(), client_id).await? {
        let Some(page) = learning::find(&r.page) else {
            continue;
        };
        if out.iter().any(|o| o.slug == page.slug) {
            continue;
        }
        let by = users::find(scope.conn(), scope.keys(), r.recommended_by)
            .await?
            .map(|u| u.name)
            .unwrap_or_default();
        out.push(Recommended {
            slug: page.slug,
            title: page.title,
            by,
            at: r.created_at,
        });
    }
    scope.finish(Entry::ok("learning.read")).await?;
    Ok(out)
}
