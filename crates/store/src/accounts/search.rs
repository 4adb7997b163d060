//! Finding accounts by name or e-mail at 100,000 clients without opening every sealed name:
//! a keyed blind index. Each name is cut into words, each word into its beginnings (2 to
//! [`MAX_PREFIX`] letters), and each beginning is stored only as a keyed hash (HMAC-SHA-256
//! with a secret derived from the instance's first key, cut to 80 bits). A search hashes the
//! words typed the same way and looks the hashes up. E-mail addresses are stored in the
//! clear already (they are how people sign in), so they are matched by their beginning in
//! the e-mail column's own index. `docs/administration.md` says what this leaks.

use std::collections::BTreeSet;

use hmac::{Hmac, Mac};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{
    ActiveValue::Set, Condition, ConnectionTrait, PaginatorTrait, QueryOrder, QuerySelect,
};
use sha2::Sha256;

use super::users::{self, User};
use crate::crypto::Keyring;
use crate::{Db, Result};

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "account_search_terms")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub term: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: Uuid,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The longest word beginning kept; longer words typed are cut to it.
pub const MAX_PREFIX: usize = 12;
/// The shortest: one letter would find a good share of everyone and says little.
pub const MIN_PREFIX: usize = 2;
/// Bytes of the keyed hash kept (80 bits: no collisions among a service's names).
const TERM_BYTES: usize = 10;

/// The words of a name or of a search, lower-cased, split at anything not a letter or digit.
pub fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= MIN_PREFIX)
        .map(str::to_string)
        .collect()
}

fn hash(secret: &[u8], word: &str) -> Result<String> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret)
        .map_err(|_| crate::Error::Decrypt("search key".into()))?;
    mac.update(b"name:");
    mac.update(word.as_bytes());
    Ok(mac.finalize().into_bytes()[..TERM_BYTES]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

fn secret(keys: &Keyring) -> Result<zeroize::Zeroizing<[u8; 32]>> {
    keys.derive_secret("account-search")
}

/// The hashed terms stored for a name: every beginning of every word.
pub fn terms_of_name(keys: &Keyring, name: &str) -> Result<BTreeSet<String>> {
    let secret = secret(keys)?;
    let mut out = BTreeSet::new();
    for w in words(name) {
        let chars: Vec<char> = w.chars().collect();
        for n in MIN_PREFIX..=chars.len().min(MAX_PREFIX) {
            out.insert(hash(
                secret.as_ref(),
                &chars[..n].iter().collect::<String>(),
            )?);
        }
    }
    Ok(out)
}

/// The hashed terms a search looks up: each word typed, cut to [`MAX_PREFIX`] letters.
pub fn terms_of_query(keys: &Keyring, q: &str) -> Result<BTreeSet<String>> {
    let secret = secret(keys)?;
    words(q)
        .into_iter()
        .map(|w| {
            hash(
                secret.as_ref(),
                &w.chars().take(MAX_PREFIX).collect::<String>(),
            )
        })
        .collect()
}

/// Replaces an account's terms (on create, rename, erasure).
pub async fn index(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    user_id: Uuid,
    name: &str,
) -> Result<()> {
    entity::Entity::delete_many()
        .filter(entity::Column::UserId.eq(user_id))
        .exec(c)
        .await?;
    insert(
        c,
        terms_of_name(keys, name)?.into_iter().map(|t| (t, user_id)),
    )
    .await
}

async fn insert(
    c: &impl ConnectionTrait,
    rows: impl Iterator<Item = (String, Uuid)>,
) -> Result<()> {
    let rows: Vec<entity::ActiveModel> = rows
        .map(|(term, user_id)| entity::ActiveModel {
            term: Set(term),
            user_id: Set(user_id),
        })
        .collect();
    // 2 values a row; well under SQLite's limit of bound values per statement.
    for chunk in rows.chunks(2_000) {
        entity::Entity::insert_many(chunk.to_vec())
            .on_conflict_do_nothing_on([entity::Column::Term, entity::Column::UserId])
            .exec_without_returning(c)
            .await?;
    }
    Ok(())
}

/// Indexes the accounts that have no terms yet (made before the index existed, or loaded in
/// bulk by the seed), a thousand at a time. Returns how many were indexed.
pub async fn backfill(db: &Db) -> Result<u64> {
    let mut done = 0u64;
    let mut after: Option<Uuid> = None;
    loop {
        let missing = Query::select()
            .column(entity::Column::UserId)
            .from(entity::Entity)
            .and_where(
                Expr::col((entity::Entity, entity::Column::UserId))
                    .equals((users::entity::Entity, users::entity::Column::Id)),
            )
            .to_owned();
        let mut find = users::entity::Entity::find().filter(Expr::exists(missing).not());
        if let Some(id) = after {
            find = find.filter(users::entity::Column::Id.gt(id));
        }
        let batch = find
            .order_by_asc(users::entity::Column::Id)
            .limit(1_000)
            .all(db.conn())
            .await?;
        if batch.is_empty() {
            return Ok(done);
        }
        let n = batch.len() as u64;
        after = batch.last().map(|m| m.id);
        let mut rows = Vec::new();
        for m in batch {
            let name = db
                .keys()
                .open(users::TABLE, "name", &m.id.to_string(), &m.name)?;
            let mut terms = terms_of_name(db.keys(), &name)?;
            if terms.is_empty() {
                // A name with no word of two letters: a term that no search makes, so the
                // account is not picked up again at the next start.
                terms.insert(format!("none:{}", m.id.simple()));
            }
            rows.extend(terms.into_iter().map(|t| (t, m.id)));
        }
        let tx = db.write().await?;
        insert(tx.conn(), rows.into_iter()).await?;
        tx.commit().await?;
        done += n;
    }
}

/// The ids of the accounts whose name has a word beginning with each word of `q`, as a
/// subquery; `None` when `q` has no word of [`MIN_PREFIX`] letters.
pub fn named(keys: &Keyring, q: &str) -> Result<Option<SelectStatement>> {
    let terms = terms_of_query(keys, q)?;
    if terms.is_empty() {
        return Ok(None);
    }
    let n = terms.len() as i64;
    Ok(Some(
        Query::select()
            .column(entity::Column::UserId)
            .from(entity::Entity)
            .and_where(entity::Column::Term.is_in(terms))
            .group_by_col(entity::Column::UserId)
            .and_having(Expr::col(entity::Column::Term).count().eq(n))
            .to_owned(),
    ))
}

/// What the administrator asks for.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// Words of a name, or the beginning of an e-mail address.
    pub q: Option<String>,
    pub role: Option<String>,
    pub offset: u64,
    pub limit: u64,
}

/// A page of accounts, by e-mail address, and how many match in all.
pub async fn search(
    c: &impl ConnectionTrait,
    keys: &Keyring,
    s: &Search,
) -> Result<(Vec<User>, u64)> {
    use users::entity::{Column, Entity};
    let mut cond = Condition::all();
    if let Some(role) = &s.role {
        cond = cond.add(Column::Role.eq(role.as_str()));
    }
    if let Some(q) = s.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let mut any = Condition::any();
        if let Some(by_name) = named(keys, q)? {
            any = any.add(Column::Id.in_subquery(by_name));
        }
        let prefix = q.to_lowercase();
        if !prefix.contains(char::is_whitespace)
            && let Some(end) = next_after_prefix(&prefix)
        {
            any = any.add(
                Condition::all()
                    .add(Column::Email.gte(prefix.clone()))
                    .add(Column::Email.lt(end)),
            );
        }
        cond = cond.add(any);
    }
    let total = Entity::find().filter(cond.clone()).count(c).await?;
    let page = Entity::find()
        .filter(cond)
        .order_by_asc(Column::Email)
        .offset(s.offset)
        .limit(s.limit)
        .all(c)
        .await?
        .into_iter()
        .map(|m| User::from_model(m, keys))
        .collect::<Result<Vec<_>>>()?;
    Ok((page, total))
}

/// The first string after every string that begins with `prefix` (its last character
/// moved on by one), for a range scan of the e-mail index.
fn next_after_prefix(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    let last = chars.pop()?;
    let next = char::from_u32(last as u32 + 1)?;
    chars.push(next);
    Some(chars.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_gives_every_beginning_of_every_word() {
        let keys = Keyring::ephemeral();
        let terms = terms_of_name(&keys, "Avery O'Neil").unwrap_or_default();
        // avery: av ave aver avery; o: too short; neil: ne nei neil
        assert_eq!(terms.len(), 7);
        let q = terms_of_query(&keys, "ave NE").unwrap_or_default();
        assert!(q.is_subset(&terms));
        assert!(
            !terms_of_query(&keys, "avx")
                .unwrap_or_default()
                .is_subset(&terms)
        );
    }

    #[test]
    fn another_key_gives_other_terms() {
        let a = terms_of_name(&Keyring::ephemeral(), "Avery").unwrap_or_default();
        let b = terms_of_name(&Keyring::ephemeral(), "Avery").unwrap_or_default();
        assert!(a.is_disjoint(&b));
    }

    #[test]
    fn the_range_after_a_prefix() {
        assert_eq!(next_after_prefix("ave").as_deref(), Some("avf"));
        assert_eq!(next_after_prefix(""), None);
    }
}
