//! The language a person chose for the product (issue 21). Nothing chosen follows their
//! browser's `Accept-Language`.

use rapport_core::language::Language;
use rapport_store::accounts::users;

use crate::access;
use crate::audit_log::{Entry, record_and_commit};
use crate::policy::Action;
use crate::{Actor, App, Error, Result};

/// One's own chosen language (`None`: none chosen).
pub async fn own_language(app: &App, actor: &Actor) -> Result<Option<Language>> {
    access::allow(actor, Action::ManageOwnAccount)?;
    let user = users::find(app.db.conn(), app.db.keys(), actor.user_id)
        .await?
        .ok_or(Error::Unauthenticated)?;
    Ok(user.language.as_deref().and_then(Language::parse))
}

/// Chooses one's language: `en`, `es` (a longer BCP 47 tag such as `es-MX` is taken as its
/// language), or nothing (`None` or empty: follow the browser).
pub async fn set_language(app: &App, actor: &Actor, tag: Option<&str>) -> Result<Option<Language>> {
    access::allow(actor, Action::ManageOwnAccount)?;
    let tag = tag.map(str::trim).filter(|t| !t.is_empty());
    let language = match tag {
        None => None,
        Some(t) => Some(Language::from_tag(t).ok_or_else(|| {
            Error::invalid("language", "Choose one of the languages offered: en or es.")
        })?),
    };
    let tx = app.db.write().await?;
    users::set_language(tx.conn(), actor.user_id, language.map(Language::as_str)).await?;
    let mut entry = Entry::ok("account.language_set");
    entry.detail = Some(language.map_or("browser", Language::as_str).into());
    record_and_commit(app, tx, actor, entry).await?;
    Ok(language)
}
