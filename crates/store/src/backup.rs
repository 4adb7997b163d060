//! A consistent online copy of a SQLite database (`VACUUM INTO`), taken while the server runs.

use std::path::Path;

use sea_orm::ConnectionTrait;

use crate::{Backend, Db, Error, Result};

pub async fn sqlite_copy(db: &Db, to: &Path) -> Result<()> {
    if db.backend() != Backend::Sqlite {
        return Err(Error::Config(
            "`rapport backup` copies SQLite databases; for PostgreSQL use pg_dump".into(),
        ));
    }
    if to.exists() {
        return Err(Error::Config(format!(
            "{} already exists; choose a new file",
            to.display()
        )));
    }
    let path = to
        .to_str()
        .ok_or_else(|| Error::Config("the backup path is not valid text".into()))?;
    let stmt = sea_orm::Statement::from_sql_and_values(
        sea_orm::DbBackend::Sqlite,
        "VACUUM INTO ?",
        [path.into()],
    );
    db.conn().execute_raw(stmt).await?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(to, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}
