//! Finding accounts at 100,000 clients: searched by name words or e-mail beginning, filtered
//! by role, a page at a time (`rapport_store::accounts::search`).

use rapport_core::accounts::Role;
use rapport_store::accounts::search::{self, Search};
use rapport_store::practice_leads;

use super::AccountRow;
use crate::policy::Action;
use crate::{Actor, App, Error, Result};

/// Accounts a page holds when nothing else is asked for, and at most.
pub const PER_PAGE: u64 = 25;
pub const MAX_PER_PAGE: u64 = 100;
/// The longest search the page and the API take.
const MAX_QUERY: usize = 200;

/// What the administrator asks for; `page` counts from 1.
#[derive(Debug, Clone, Default)]
pub struct AccountQuery {
    pub q: Option<String>,
    pub role: Option<String>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// A page of accounts and where it stands.
#[derive(Debug, Clone)]
pub struct AccountPage {
    pub accounts: Vec<AccountRow>,
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
}

impl AccountPage {
    /// How many pages there are (at least one, the empty list's).
    pub fn pages(&self) -> u64 {
        self.total.div_ceil(self.per_page).max(1)
    }
}

/// Checks what was asked for: a 422 naming the field for anything out of bounds.
fn checked(q: &AccountQuery) -> Result<(Search, u64, u64)> {
    let role = match q.role.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        None => None,
        Some(r) => match Role::parse(r) {
            Some(role) => Some(role.as_str().to_string()),
            None => {
                return Err(Error::invalid(
                    "role",
                    "Choose client, clinician, family or admin.",
                ));
            }
        },
    };
    let text = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty());
    if let Some(t) = text {
        if t.chars().count() > MAX_QUERY {
            return Err(Error::invalid("q", "Type at most 200 characters."));
        }
        if search::words(t).is_empty() && !t.contains('@') && t.chars().count() < 2 {
            return Err(Error::invalid(
                "q",
                "Type at least two letters of a name or an e-mail address.",
            ));
        }
    }
    let per_page = q.per_page.unwrap_or(PER_PAGE);
    if !(1..=MAX_PER_PAGE).contains(&per_page) {
        return Err(Error::invalid(
            "per_page",
            "Ask for 1 to 100 accounts a page.",
        ));
    }
    let page = q.page.unwrap_or(1);
    if page == 0 || page > 1_000_000 {
        return Err(Error::invalid("page", "Pages count from 1."));
    }
    Ok((
        Search {
            q: text.map(str::to_string),
            role,
            offset: (page - 1) * per_page,
            limit: per_page,
        },
        page,
        per_page,
    ))
}

/// One page of the accounts that match (administrators).
pub async fn search_accounts(app: &App, actor: &Actor, q: &AccountQuery) -> Result<AccountPage> {
    crate::access::allow(actor, Action::ManageAccounts)?;
    let (s, page, per_page) = checked(q)?;
    let r = app.db.read().await?;
    let (users, total) = search::search(r.conn(), r.keys(), &s).await?;
    let leads = practice_leads::all(r.conn()).await?;
    r.close().await?;
    Ok(AccountPage {
        accounts: users
            .into_iter()
            .map(|u| AccountRow {
                practice_lead: leads.contains(&u.id),
                id: u.id,
                role: Role::parse(&u.role).unwrap_or(Role::Client),
                totp_enrolled: u.totp_enrolled_at.is_some(),
                disabled: u.disabled_at.is_some(),
                name: u.name,
                email: u.email,
                created_at: u.created_at,
            })
            .collect(),
        page,
        per_page,
        total,
    })
}
