//! Passes at start-up that bring rows up to date when they were made before a feature existed
//! or loaded in bulk: account search terms, sealed consultation times, the sweep's slots, the
//! caseload's summary rows. Each reads a whole table to find what it has to do, which at a
//! million clients took most of the two seconds before the server answered (issue 19). So a
//! pass that has run to the end is noted (`upkeep_passes`, m0050) and not run again: what the
//! running product writes is already up to date. A bulk load forgets the notes
//! ([`forget_all`]), so the next start runs every pass once more.

use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, StatementBuilder};

use crate::{Db, Result};

/// A start-up pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// Accounts without search terms get them (`accounts::search::backfill`).
    SearchTerms,
    /// Consultation times stored before they were sealed are sealed.
    SealedConsultationTimes,
    /// Episodes without a slot in the hourly sweep get one.
    SweepSlots,
    /// Clients without a summary row, or with a stale one, get theirs computed.
    Summaries,
}

impl Pass {
    fn name(self) -> &'static str {
        match self {
            Pass::SearchTerms => "account_search_terms",
            Pass::SealedConsultationTimes => "consultation_times_sealed",
            Pass::SweepSlots => "episode_sweep_slots",
            Pass::Summaries => "client_summaries",
        }
    }
}

fn table() -> Alias {
    Alias::new("upkeep_passes")
}

/// Runs `pass` unless it has once run to the end, and notes that it has. Returns what `run`
/// returned (how many rows it brought up to date), or `None` when it did not run.
pub async fn once(
    db: &Db,
    pass: Pass,
    run: impl AsyncFnOnce() -> Result<u64>,
) -> Result<Option<u64>> {
    if done(db, pass).await? {
        return Ok(None);
    }
    let n = run().await?;
    let insert = Query::insert()
        .into_table(table())
        .columns([Alias::new("pass")])
        .values_panic([pass.name().into()])
        .on_conflict(
            OnConflict::column(Alias::new("pass"))
                .do_nothing()
                .to_owned(),
        )
        .to_owned();
    write(db, &insert).await?;
    Ok(Some(n))
}

/// Whether `pass` has run to the end since the last bulk load.
pub async fn done(db: &Db, pass: Pass) -> Result<bool> {
    let q = Query::select()
        .expr(Expr::val(1))
        .from(table())
        .and_where(Expr::col(Alias::new("pass")).eq(pass.name()))
        .to_owned();
    let c = db.conn();
    Ok(
        c.query_one_raw(StatementBuilder::build(&q, &c.get_database_backend()))
            .await?
            .is_some(),
    )
}

/// Forgets that any pass has run: rows were written that the passes look after.
pub async fn forget_all(db: &Db) -> Result<()> {
    write(db, &Query::delete().from_table(table()).to_owned()).await
}

/// Runs one statement in a write transaction of its own.
async fn write(db: &Db, statement: &impl StatementBuilder) -> Result<()> {
    let tx = db.write().await?;
    let backend = tx.conn().get_database_backend();
    tx.conn()
        .execute_raw(StatementBuilder::build(statement, &backend))
        .await?;
    tx.commit().await?;
    Ok(())
}
