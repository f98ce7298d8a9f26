//! The tally read from the trigger-kept summary table equals a full
//! recompute over every project, and a replay of the event log, after
//! random sequences of decisions (a property test: `PROPTEST_CASES=N` runs
//! N sequences instead of the default few).

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::db::replayed_tally;
use common::props::config;
use huishen::domain::{Adjust, Command, Money, Submission};
use huishen::store::{Actor, OpenMode, Store, StoreError};
use huishen::words::{Lang, Say};
use proptest::prelude::*;
use proptest::sample::Index;

fn chair() -> Actor {
    common::actor("评审", "t")
}

/// A generated meeting's submission, parsed as an import parses it.
fn generated(projects: usize) -> Submission {
    common::generated(projects, 7)
}

/// What a reviewer does to a project in the random sequences.
#[derive(Clone, Debug)]
enum Move {
    Approve,
    /// A cut to this share (per mille) of the request.
    Cut(u16),
    Cancel,
    Adjust,
    Reset,
    /// Undo my last decision, wherever it was.
    Undo,
}

fn a_move() -> impl Strategy<Value = Move> {
    prop_oneof![
        Just(Move::Approve),
        (1..1000u16).prop_map(Move::Cut),
        Just(Move::Cancel),
        Just(Move::Adjust),
        Just(Move::Reset),
        Just(Move::Undo),
    ]
}

/// The meeting every sequence starts from, a copy of one file made once:
/// 60 generated projects in a few dozen departments and every budget type.
fn small_meeting(db: &Path) -> Store {
    static TEMPLATE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, template) = TEMPLATE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("template.db");
        // Closed again at once, so the whole meeting is in the file.
        common::store_of(&db, &generated(60), &chair());
        let wal = dir.path().join("template.db-wal");
        assert!(std::fs::metadata(wal).map_or(0, |m| m.len()) == 0);
        (dir, db)
    });
    std::fs::copy(template, db).unwrap();
    Store::open(db, OpenMode::Existing).unwrap()
}

/// Makes `moves` (each on the project `pick` chooses) through the store; a
/// move the rules refuse (a cut of nothing, adjusting a cancelled project)
/// changes nothing.
fn decide_all(st: &mut Store, me: &Actor, moves: &[(Index, Move)]) {
    let rows = st.project_rows().unwrap();
    for (pick, m) in moves {
        let r = &rows[pick.index(rows.len())];
        let fresh = st.project_rows_by_id(&[r.id]).unwrap().remove(0);
        let cmd = match m {
            Move::Approve => Command::Approve,
            Move::Cut(per_mille) => Command::Cut(Money::from_fen(
                fresh.requested.fen() * i64::from(*per_mille) / 1000,
            )),
            Move::Cancel => Command::Cancel,
            Move::Adjust => Command::Adjust(Adjust::new(vec![], "指标不量化")),
            Move::Reset => Command::Reset,
            Move::Undo => {
                let _ = st.undo_last(me);
                continue;
            }
        };
        match st.decide(fresh.id, fresh.version, &cmd, None, me) {
            Ok(_) | Err(StoreError::Decision(_)) => {}
            Err(e) => panic!("{e:?}"),
        }
    }
}

proptest! {
    #![proptest_config(config(24))]

    /// After any sequence of decisions the summary table's tally is the
    /// full recompute's (the per-budget overview too), and both are what a
    /// replay of the event log gives.
    #[test]
    fn the_tally_is_the_recompute_and_the_replay_after_random_decisions(
        moves in prop::collection::vec((any::<Index>(), a_move()), 1..=48)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let me = chair();
        let mut st = small_meeting(&dir.path().join("m.db"));
        decide_all(&mut st, &me, &moves);
        let t = st.tally().unwrap();
        let full = st.tally_recomputed().unwrap();
        prop_assert_eq!(&t, &full);
        let o = st.tally_overview().unwrap();
        prop_assert_eq!(
            (o.total, &o.by_budget_type),
            (full.total, &full.by_budget_type)
        );
        prop_assert_eq!(&t, &replayed_tally(&st));
    }
}

/// The submission cut in two: the first `n` projects with their
/// indicators, and the rest with theirs.
fn split(
    sub: &huishen::domain::Submission,
    n: usize,
) -> (huishen::domain::Submission, huishen::domain::Submission) {
    let mut a = sub.clone();
    let mut b = sub.clone();
    a.projects.truncate(n);
    b.projects.drain(..n);
    let first: std::collections::HashSet<&str> =
        a.projects.iter().map(|p| p.code.as_str()).collect();
    a.indicators
        .retain(|i| first.contains(i.project_code.as_str()));
    b.indicators
        .retain(|i| !first.contains(i.project_code.as_str()));
    (a, b)
}

/// What the bulk import must leave behind besides the tally: one decision
/// per project, pending for the last `new` projects (the import's), every
/// index of the schema, indicators numbered from 1 per project, and a clean
/// integrity check.
fn check_after_import(db: &std::path::Path, projects: usize, new: usize, indicators: usize) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM project"), projects as i64);
    // Ids run 1..=projects in these meetings: the import's are the last.
    assert_eq!(
        count(&format!(
            "SELECT count(*) FROM decision d JOIN project p ON p.id = d.project_id
             WHERE d.state = 'pending' AND d.approved = 0 AND d.adjust = 0 AND d.version = 0
             AND p.id > {}",
            projects - new
        )),
        new as i64
    );
    assert_eq!(count("SELECT count(*) FROM decision"), projects as i64);
    assert_eq!(count("SELECT count(*) FROM indicator"), indicators as i64);
    assert_eq!(
        count(
            "SELECT count(*) FROM (SELECT project_id FROM indicator
             GROUP BY project_id HAVING min(seq) <> 1 OR max(seq) <> count(*))"
        ),
        0
    );
    let indexes: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        indexes,
        [
            "comment_project",
            "decision_reason_reason",
            "event_project",
            "project_department",
            "revision_project"
        ]
    );
    let triggers: i64 = count(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'tally_decision_%'",
    );
    assert_eq!(triggers, 2);
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    // Every reference the bulk insert wrote (with SQLite's per-row checks
    // off) points at a row that exists.
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
    // The index is used, not only present.
    let plan: String = conn
        .query_row(
            "EXPLAIN QUERY PLAN SELECT id FROM project WHERE department_id = 1",
            [],
            |r| r.get(3),
        )
        .unwrap();
    assert!(plan.contains("project_department"), "{plan}");
}

/// The meeting holds exactly the submissions' projects and indicators, in
/// order, each indicator under its own project and numbered from 1 in the
/// order of the file (indicators are keyed by project and number, so they
/// are compared project by project).
fn assert_stored(db: &std::path::Path, subs: &[&huishen::domain::Submission]) {
    let store = common::db::read(db);
    let rows = store.project_rows().unwrap();
    // What a stored row and a submitted project both say of a project.
    macro_rules! fields {
        ($p:expr) => {
            (
                $p.code.to_string(),
                $p.department.to_string(),
                $p.name.to_string(),
                $p.budget_type.code().to_string(),
                $p.section.as_deref().map(String::from),
                $p.requested.fen(),
            )
        };
    }
    let projects: Vec<(String, String, String, String, Option<String>, i64)> =
        rows.iter().map(|p| fields!(p)).collect();
    let want: Vec<_> = subs
        .iter()
        .flat_map(|s| &s.projects)
        .map(|p| fields!(p))
        .collect();
    assert_eq!(projects, want);
    let indicators: Vec<(String, u32, String, String, String, String, String)> = rows
        .iter()
        .flat_map(|p| {
            let detail = store.project_detail(p.id).unwrap();
            detail.indicators.into_iter().map(|i| {
                (
                    p.code.to_string(),
                    i.seq,
                    i.level1,
                    i.level2,
                    i.indicator,
                    i.target,
                    i.unit,
                )
            })
        })
        .collect();
    let place: std::collections::HashMap<&str, usize> = projects
        .iter()
        .enumerate()
        .map(|(k, p)| (p.0.as_str(), k))
        .collect();
    let mut seq: std::collections::HashMap<&str, u32> = Default::default();
    let mut want: Vec<_> = subs
        .iter()
        .flat_map(|s| &s.indicators)
        .map(|i| {
            let n = seq.entry(i.project_code.as_str()).or_default();
            *n += 1;
            (
                i.project_code.clone(),
                *n,
                i.level1.clone(),
                i.level2.clone(),
                i.indicator.clone(),
                i.target.clone(),
                i.unit.clone(),
            )
        })
        .collect();
    // Stable: within a project, the file's order.
    want.sort_by_key(|i| place[i.0.as_str()]);
    assert_eq!(indicators, want);
}

#[test]
fn bulk_import_into_an_empty_meeting_keeps_the_tally_and_the_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    // Not a multiple of the insert's chunk of rows.
    let sub = generated(2951);
    let mut st = Store::open_or_create(&db, &chair()).unwrap();
    let summary = st.import_submission(&sub, &chair()).unwrap();
    assert_eq!(summary.projects, sub.projects.len());
    assert_eq!(st.tally().unwrap(), st.tally_recomputed().unwrap());
    let full = st.tally_recomputed().unwrap();
    assert_eq!(full.total.projects, sub.projects.len() as u64);
    let requested: i64 = sub.projects.iter().map(|p| p.requested.fen()).sum();
    assert_eq!(full.total.requested.fen(), requested);
    check_after_import(
        &db,
        sub.projects.len(),
        sub.projects.len(),
        sub.indicators.len(),
    );
}

fn journal_mode(db: &std::path::Path) -> String {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap()
}

/// The bulk insert into an empty meeting goes through the rollback journal
/// when it has the file to itself, and the file is in WAL mode afterwards
/// either way; with another connection open it simply stays in WAL.
#[test]
fn an_import_leaves_the_file_in_wal_mode_whoever_else_has_it_open() {
    let dir = tempfile::tempdir().unwrap();
    let sub = generated(1500);
    for others in [false, true] {
        let db = dir.path().join(format!("m{others}.db"));
        let mut st = Store::open_or_create(&db, &chair()).unwrap();
        let reader = others.then(|| {
            let c = rusqlite::Connection::open(&db).unwrap();
            let n: i64 = c
                .query_row("SELECT count(*) FROM project", [], |r| r.get(0))
                .unwrap();
            assert_eq!(n, 0);
            c
        });
        st.import_submission(&sub, &chair()).unwrap();
        if let Some(c) = &reader {
            let n: i64 = c
                .query_row("SELECT count(*) FROM project", [], |r| r.get(0))
                .unwrap();
            assert_eq!(n, 1500, "the other connection sees the import");
        }
        assert_eq!(st.tally().unwrap(), st.tally_recomputed().unwrap());
        // Alone, the pages went to the file directly, not through the log.
        let wal = std::fs::metadata(dir.path().join(format!("m{others}.db-wal")))
            .map(|m| m.len())
            .unwrap_or(0);
        let db_size = std::fs::metadata(&db).unwrap().len();
        if others {
            assert!(
                wal > db_size / 4,
                "through the log: wal {wal}, db {db_size}"
            );
        } else {
            assert!(
                wal < 64 * 1024,
                "straight to the file: wal {wal}, db {db_size}"
            );
        }
        drop(reader);
        drop(st);
        assert_eq!(journal_mode(&db), "wal", "others open: {others}");
        let ok: String = rusqlite::Connection::open(&db)
            .unwrap()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        check_after_import(&db, 1500, 1500, sub.indicators.len());
    }
}

#[test]
fn bulk_import_into_a_meeting_with_decisions_keeps_the_tally_and_the_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let sub = generated(3000);
    let (first, second) = split(&sub, 1234);
    let me = chair();
    let mut st = Store::open_or_create(&db, &me).unwrap();
    let s1 = st.import_submission(&first, &me).unwrap();
    // Decisions in the first half before the second arrives.
    let rows = st.project_rows().unwrap();
    for (k, r) in rows.iter().enumerate().take(300) {
        let cmd = match k % 4 {
            0 => Command::Approve,
            1 => Command::Cut(Money::from_fen(r.requested.fen() / 2)),
            2 => Command::Cancel,
            _ => Command::Adjust(Adjust::new(vec![], "指标不量化")),
        };
        match st.decide(r.id, r.version, &cmd, None, &me) {
            Ok(_) | Err(StoreError::Decision(_)) => {}
            Err(e) => panic!("{e:?}"),
        }
    }
    let before = st.tally().unwrap();
    let s2 = st.import_submission(&second, &me).unwrap();
    assert_eq!(s1.projects + s2.projects, sub.projects.len());
    let t = st.tally().unwrap();
    let full = st.tally_recomputed().unwrap();
    assert_eq!(t, full);
    let o = st.tally_overview().unwrap();
    assert_eq!(
        (o.total, &o.by_budget_type),
        (full.total, &full.by_budget_type)
    );
    assert_eq!(t.total.projects, sub.projects.len() as u64);
    assert_eq!(
        t.total.counts.approved + t.total.counts.cut + t.total.counts.cancelled,
        before.total.counts.approved + before.total.counts.cut + before.total.counts.cancelled
    );
    // The departments the second half shares with the first are not doubled.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let dups: i64 = conn
        .query_row(
            "SELECT count(*) FROM (SELECT name FROM department GROUP BY name HAVING count(*) > 1)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dups, 0);
    let depts: i64 = conn
        .query_row("SELECT count(*) FROM department", [], |r| r.get(0))
        .unwrap();
    assert_eq!(depts as usize, s1.departments_added + s2.departments_added);
    let distinct: std::collections::HashSet<&str> =
        sub.projects.iter().map(|p| p.department.as_str()).collect();
    assert_eq!(depts as usize, distinct.len());
    drop(conn);
    check_after_import(
        &db,
        sub.projects.len(),
        second.projects.len(),
        sub.indicators.len(),
    );
    assert_stored(&db, &[&first, &second]);
    // And the triggers still keep the summary after the import.
    let r = st
        .project_rows()
        .unwrap()
        .into_iter()
        .find(|r| *r.code == *second.projects[0].code)
        .unwrap();
    st.decide(r.id, r.version, &Command::Approve, None, &me)
        .unwrap();
    assert_eq!(st.tally().unwrap(), st.tally_recomputed().unwrap());
}

#[test]
fn an_import_with_a_negative_amount_is_refused_by_the_checks_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut sub = generated(200);
    sub.projects[150].requested = Money::from_fen(-1);
    let me = chair();
    let mut st = Store::open_or_create(&db, &me).unwrap();
    let e = st.import_submission(&sub, &me).unwrap_err();
    assert!(e.say(Lang::En).contains("CHECK"), "{e:?}");
    assert_eq!(st.tally_recomputed().unwrap().total.projects, 0);
    // The meeting is as it was: the import can be done again, correctly.
    sub.projects[150].requested = Money::from_fen(1);
    st.import_submission(&sub, &me).unwrap();
    assert_eq!(st.tally().unwrap(), st.tally_recomputed().unwrap());
    check_after_import(
        &db,
        sub.projects.len(),
        sub.projects.len(),
        sub.indicators.len(),
    );
}
