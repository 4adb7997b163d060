//! Group commit on SQLite (issue 19, `rapport_store::durability`): submissions arriving
//! together are all answered, each after a flush of the log (shared when a flush takes longer
//! than the transactions behind it: how many are shared depends on the disk, so it is
//! reported, not asserted), and every answered one is there.

// Test code: a failed step stops the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rapport_app::measures::{NewCheckin, submit_checkin};
use rapport_testkit::{TestDb, client};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn submissions_arriving_together_are_flushed_and_stored() {
    let t = TestDb::sqlite().await;
    let (app, _clock) = t.app();
    let mut clients = Vec::new();
    for i in 0..24 {
        clients.push(client(&app, &format!("Client {i}"), &format!("c{i}@example.org")).await);
    }
    let (commits_before, flushes_before) = t.db.commits_and_flushes();
    let mut tasks = tokio::task::JoinSet::new();
    for c in &clients {
        let (app, actor) = (app.clone(), c.actor.clone());
        tasks.spawn(async move {
            let new = NewCheckin {
                mood: Some(5),
                sleep_hours: Some(7.0),
                medication: Some("taken".into()),
                ..NewCheckin::default()
            };
            submit_checkin(&app, &actor, new, None).await.unwrap()
        });
    }
    let mut answered = Vec::new();
    while let Some(done) = tasks.join_next().await {
        answered.push(done.unwrap().id);
    }
    let (commits, flushes) = t.db.commits_and_flushes();
    let (commits, flushes) = (commits - commits_before, flushes - flushes_before);
    eprintln!("{commits} commits, {flushes} flushes");
    assert!(
        commits >= 24,
        "every check-in committed on the writer ({commits})"
    );
    assert!(
        flushes >= 1 && flushes <= commits,
        "{flushes} flushes for {commits} commits"
    );

    // Every answered check-in is stored, seen through another connection.
    for checkin in answered {
        let rows = t
            .query("SELECT id FROM checkins WHERE id = ?", vec![checkin.into()])
            .await;
        assert_eq!(rows.len(), 1, "check-in {checkin}");
    }
}

/// SQLite rolls a transaction back by itself on some errors (a full disk); the driver's
/// ROLLBACK after it then fails and, left alone, the writer connection would count a
/// transaction that is not there: the next write would be a SAVEPOINT, and after one more
/// failed write a transaction would stay open for good, answering writes no one else sees.
#[tokio::test]
async fn a_write_after_sqlite_ended_a_transaction_by_itself_is_committed() {
    use sea_orm::ConnectionTrait;

    let t = TestDb::sqlite().await;
    t.db.conn()
        .execute_unprepared("CREATE TABLE scratch (x INTEGER NOT NULL UNIQUE)")
        .await
        .unwrap();
    let tx = t.db.write().await.unwrap();
    tx.conn().execute_unprepared("ROLLBACK").await.unwrap();
    drop(tx);

    // A write that fails, then one that succeeds.
    let tx = t.db.write().await.unwrap();
    tx.conn()
        .execute_unprepared("INSERT INTO scratch VALUES (1)")
        .await
        .unwrap();
    let twice = tx
        .conn()
        .execute_unprepared("INSERT INTO scratch VALUES (1)")
        .await;
    assert!(twice.is_err());
    drop(tx);
    let tx = t.db.write().await.unwrap();
    tx.conn()
        .execute_unprepared("INSERT INTO scratch VALUES (2)")
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let rows = t.query("SELECT x FROM scratch", vec![]).await;
    assert_eq!(
        rows.len(),
        1,
        "the committed write is seen by other connections"
    );
}
