//! Filling an empty database in bulk, for the loaders outside this crate (`rapport seed`'s
//! practice at scale, the accounts of the demo practice in `rapport-demo`): rows of the
//! store's types ([`rapport_store::bulk`]) written in large transactions by the store's
//! loader, not through the use-cases, which would take days for 100,000 clients and cannot
//! date an account a year back. The loader is reached only through [`open`], which refuses a
//! database that has accounts, and a load ends in the audit chain ([`Load::finish`]).

use rapport_store::bulk::{self, Loader, LoaderOptions, Row};

use crate::audit_log::{Entry, record as record_in};
use crate::{App, Error, Result};

/// A load under way on the app's database; see [`rapport_store::bulk::Loader`] for how the
/// rows are written. Nothing else should write to the database until it is finished.
pub struct Load {
    app: App,
    loader: Loader,
}

/// Starts a load on an empty database (one with no accounts).
pub async fn open(app: &App, options: &LoaderOptions) -> Result<Load> {
    if bulk::has_rows(&app.db, "users").await? {
        return Err(Error::Conflict(
            "This database already has accounts; loading needs an empty one.".into(),
        ));
    }
    Ok(Load {
        app: app.clone(),
        loader: Loader::open(&app.db, options).await?,
    })
}

impl Load {
    /// Rows written so far (committed or not).
    pub fn rows_written(&self) -> u64 {
        self.loader.rows_written()
    }

    /// Drops the secondary indexes (and, on PostgreSQL, foreign keys) of `tables` until
    /// [`Load::finish`] adds them again.
    pub async fn defer_indexes_and_keys(&mut self, tables: &[&str]) -> Result<()> {
        Ok(self.loader.defer_indexes_and_keys(tables).await?)
    }

    /// Writes `rows` in the current transaction; a table's rows may refer only to rows of
    /// tables first written before it.
    pub async fn write<R: Row>(&mut self, rows: Vec<R>) -> Result<()> {
        Ok(self.loader.write(rows).await?)
    }

    /// Commits the current transaction (the next write starts another).
    pub async fn commit(&mut self) -> Result<()> {
        Ok(self.loader.commit().await?)
    }

    /// Commits, adds deferred indexes and keys again, makes the load durable, computes the
    /// loaded clients' summary rows and accounts' search terms, and appends
    /// `entry` to the audit chain as an event of the instance itself (no actor). Returns the
    /// rows written.
    pub async fn finish(self, entry: Entry<'_>) -> Result<u64> {
        let rows = self.loader.finish().await?;
        // What the use-cases would have written beside the rows: the caseload's summary rows
        // and the accounts' search terms (a keyed blind index of their names).
        rapport_store::summaries::backfill(&self.app.db, self.app.now()).await?;
        rapport_store::accounts::search::backfill(&self.app.db).await?;
        record(&self.app, entry).await?;
        Ok(rows)
    }

    /// Gives up: rolls back what is not committed and adds deferred indexes and keys again.
    pub async fn abort(self) -> Result<()> {
        Ok(self.loader.abort().await?)
    }
}

/// Appends an event of the instance itself (no actor) to the audit chain: how a loader that
/// went on through the use-cases after its load (the demo's year) says it is done.
pub async fn record(app: &App, entry: Entry<'_>) -> Result<()> {
    let tx = app.db.write().await?;
    record_in(app, &tx, None, None, entry).await?;
    tx.commit().await?;
    Ok(())
}
