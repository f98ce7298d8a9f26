//! Unit tests that look inside the store's connection.

use rusqlite::{Connection, params};

use crate::domain::{BudgetType, Money, NewIndicator, NewProject, Submission};

use super::schema;
use super::{Actor, Bind, EventNote, OpenMode, Role, Store};

fn chair() -> Actor {
    Actor {
        name: "评审".into(),
        os_user: "t".into(),
    }
}

fn project(code: &str, b: BudgetType, fen: i64) -> NewProject {
    NewProject {
        code: code.into(),
        department: "教育局".into(),
        name: format!("项目{code}"),
        budget_type: b,
        section: None,
        requested: Money::from_fen(fen),
        goal: String::new(),
        last: Default::default(),
        novelty: None,
        source_row: 2,
    }
}

fn checks_ignored(st: &Store) -> bool {
    st.conn
        .query_row("PRAGMA ignore_check_constraints", [], |r| r.get(0))
        .unwrap()
}

/// The import skips CHECK constraints for its bulk insert only: after
/// it, done or failed, the connection checks again.
#[test]
fn checks_are_back_on_after_an_import() {
    let dir = tempfile::tempdir().unwrap();
    let mut st = Store::open_or_create(&dir.path().join("m.db"), &chair()).unwrap();
    let sub = Submission {
        projects_file: "p.csv".into(),
        projects: BudgetType::ALL
            .iter()
            .enumerate()
            .map(|(i, b)| project(&format!("{i:04}"), *b, 100))
            .collect(),
        ..Submission::default()
    };
    st.import_submission(&sub, &chair()).unwrap();
    assert!(!checks_ignored(&st));
    // Every budget type's code passes the CHECK the import skipped.
    assert_eq!(st.integrity_check().unwrap(), ["ok"]);
    // A failed import (a code already there) leaves the checks on too.
    assert!(st.import_submission(&sub, &chair()).is_err());
    assert!(!checks_ignored(&st));
    // A failed import in the middle of the bulk insert as well (an
    // indicator for a project not in the submission).
    let mut late = sub.clone();
    late.projects = vec![project("9999", BudgetType::General, 5)];
    late.indicators = vec![NewIndicator {
        project_code: "nope".into(),
        level1: "a".into(),
        level2: "b".into(),
        indicator: "c".into(),
        target: String::new(),
        unit: String::new(),
        source_row: 2,
    }];
    assert!(st.import_submission(&late, &chair()).is_err());
    assert!(!checks_ignored(&st));
    let err = st.conn.execute(
        "INSERT INTO project (code, department_id, name, budget_type, requested)
         VALUES ('x', 1, 'x', 'general', -1)",
        [],
    );
    assert!(err.is_err(), "a negative amount got in");
    // Foreign keys, off for the bulk insert, are enforced again, and
    // every reference the imports wrote holds.
    let fk: bool = st
        .conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert!(fk);
    let orphan = st.conn.execute(
        "INSERT INTO indicator (project_id, seq, level1, level2, indicator)
         VALUES (987654, 1, 'a', 'b', 'c')",
        [],
    );
    assert!(orphan.is_err(), "an indicator of no project got in");
    let broken: i64 = st
        .conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
}

/// Indicators of different projects mixed in the file: each project's
/// still numbered in the file's order.
#[test]
fn interleaved_indicators_keep_their_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let mut st = Store::open_or_create(&dir.path().join("m.db"), &chair()).unwrap();
    let ind = |code: &str, name: &str| NewIndicator {
        project_code: code.into(),
        level1: "产出".into(),
        level2: "数量".into(),
        indicator: name.into(),
        target: String::new(),
        unit: String::new(),
        source_row: 2,
    };
    let sub = Submission {
        projects_file: "p.csv".into(),
        projects: vec![
            project("A", BudgetType::General, 1),
            project("B", BudgetType::General, 2),
        ],
        indicators: vec![
            ind("B", "b1"),
            ind("A", "a1"),
            ind("B", "b2"),
            ind("A", "a2"),
        ],
        ..Submission::default()
    };
    st.import_submission(&sub, &chair()).unwrap();
    let names = |id| {
        st.project_detail(id)
            .unwrap()
            .indicators
            .iter()
            .map(|i| (i.seq, i.indicator.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(names(1), [(1, "a1".to_string()), (2, "a2".to_string())]);
    assert_eq!(names(2), [(1, "b1".to_string()), (2, "b2".to_string())]);
}

/// The history's notes: a comment's text, and for the roster who, the
/// role given and the role held before — the latter from everyone's
/// roster events, even when the log is one reviewer's. A damaged detail
/// reads as no note, not as a failed log.
#[test]
fn events_carry_comment_text_and_roster_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut st = Store::open_or_create(&dir.path().join("m.db"), &chair()).unwrap();
    let sub = Submission {
        projects_file: "p.csv".into(),
        projects: vec![project("A", BudgetType::General, 100)],
        ..Submission::default()
    };
    st.import_submission(&sub, &chair()).unwrap();
    let other = Actor {
        name: "丙".into(),
        os_user: "c".into(),
    };
    st.roster_add("丙", Role::Chair, None, &chair()).unwrap();
    st.roster_add("乙", Role::Observer, Some("yi"), &chair())
        .unwrap();
    // A name on the roster is not added again: nothing changes.
    assert!(!st.roster_add("乙", Role::Member, None, &other).unwrap());
    let change = st
        .roster_set("乙", Some(Role::Member), Bind::Unbind, &other)
        .unwrap()
        .unwrap();
    assert_eq!(change.role, Some((Role::Observer, Role::Member)));
    assert_eq!(change.os_user, Some((Some("yi".into()), None)));
    // What is given as it is changes nothing and logs nothing.
    let same = st.roster_set("乙", Some(Role::Member), Bind::Keep, &other);
    assert!(same.unwrap().unwrap().is_empty());
    st.roster_remove("乙", &chair()).unwrap();
    st.add_comment(1, "测算依据\n不充分", &other).unwrap();
    for (kind, detail) in [("comment", "{\"comment\""), ("roster_add", "{\"name\": 5}")] {
        st.conn
            .execute(
                "INSERT INTO event (at, reviewer, os_user, kind, project_id, detail)
                 VALUES ('2024-01-01T00:00:00.000Z', 'x', 'x', ?1, 1, ?2)",
                params![kind, detail],
            )
            .unwrap();
    }
    let roster = |name: &str, role, was, os_user: Option<&str>| {
        Some(EventNote::Roster {
            name: name.into(),
            role,
            was,
            os_user: os_user.map(String::from),
        })
    };
    let set = Some(EventNote::RosterSet {
        name: "乙".into(),
        role: Some((Role::Observer, Role::Member)),
        os_user: Some((Some("yi".into()), None)),
    });
    let notes: Vec<_> = st
        .events(None)
        .unwrap()
        .into_iter()
        .filter(|e| e.kind != "import")
        .map(|e| (e.kind, e.note))
        .collect();
    assert_eq!(
        notes,
        [
            (
                "roster_add".into(),
                roster("评审", Some(Role::Chair), None, Some("t"))
            ),
            (
                "roster_add".into(),
                roster("丙", Some(Role::Chair), None, None)
            ),
            (
                "roster_add".into(),
                roster("乙", Some(Role::Observer), None, Some("yi"))
            ),
            ("roster_set".into(), set.clone()),
            (
                "roster_remove".into(),
                roster("乙", None, Some(Role::Member), None)
            ),
            (
                "comment".into(),
                Some(EventNote::Comment("测算依据\n不充分".into()))
            ),
            ("comment".into(), None),
            ("roster_add".into(), None),
        ]
    );
    let mine: Vec<_> = st
        .events(Some("丙"))
        .unwrap()
        .into_iter()
        .map(|e| e.note)
        .collect();
    assert_eq!(
        mine,
        [set, Some(EventNote::Comment("测算依据\n不充分".into()))]
    );
}

/// A ceiling event's note is the budget and the amount set (or cleared).
/// (The export reads the log as the history does, with these notes.)
#[test]
fn events_carry_ceilings() {
    let dir = tempfile::tempdir().unwrap();
    let mut st = Store::open_or_create(&dir.path().join("m.db"), &chair()).unwrap();
    st.set_ceiling(None, Some("230000".parse().unwrap()), &chair())
        .unwrap();
    st.set_ceiling(
        Some(BudgetType::Fund),
        Some("1.5".parse().unwrap()),
        &chair(),
    )
    .unwrap();
    st.set_ceiling(Some(BudgetType::Fund), None, &chair())
        .unwrap();
    st.conn
        .execute(
            "INSERT INTO event (at, reviewer, os_user, kind, detail)
             VALUES ('2024-01-01T00:00:00.000Z', 'x', 'x', 'ceiling', '{\"budget_type\": 5}')",
            [],
        )
        .unwrap();
    let ceiling = |budget, amount: Option<&str>| {
        Some(EventNote::Ceiling {
            budget,
            amount: amount.map(|a| a.parse().unwrap()),
        })
    };
    let notes: Vec<_> = st
        .events(None)
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == "ceiling")
        .map(|e| e.note)
        .collect();
    assert_eq!(
        notes,
        [
            ceiling(None, Some("230000")),
            ceiling(Some(BudgetType::Fund), Some("1.5")),
            ceiling(Some(BudgetType::Fund), None),
            None,
        ]
    );
    // Times as stored, in UTC: the screen and the export word them.
    let history = st.events(None).unwrap();
    assert!(history.iter().all(|e| e.at.ends_with('Z')), "{history:?}");
}

fn rows(conn: &Connection, sql: &str) -> Vec<String> {
    let mut st = conn.prepare(sql).unwrap();
    let n = st.column_count();
    st.query_map([], |r| {
        let cells: Vec<String> = (0..n)
            .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
            .collect();
        Ok(cells.join(" | "))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// Everything about the indicator table's shape except its name and
/// whether it has a rowid: columns, primary key, foreign keys, indexes.
fn indicator_shape(conn: &Connection) -> Vec<String> {
    let mut out = rows(
        conn,
        "SELECT name, type, \"notnull\", dflt_value FROM pragma_table_info('indicator') WHERE name <> 'id' ORDER BY cid",
    );
    out.extend(rows(conn, "SELECT \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list('indicator')"));
    out
}

/// Schema 5 rebuilds `indicator` without its rowid, keyed by
/// (project_id, seq): a version-4 meeting with data comes out with the
/// same indicators, the same columns and foreign key, and the same
/// schema as a meeting created new.
#[test]
fn migration_5_keys_indicators_by_project_and_number() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("v4.db");
    let before;
    let shape_before;
    {
        let conn = Connection::open(&old).unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        for (i, statements) in schema::MIGRATIONS[..4].iter().enumerate() {
            for sql in *statements {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", i as i64 + 1)
                .unwrap();
        }
        conn.execute_batch(
            "INSERT INTO meeting (id, created_at, created_by) VALUES (1, '2026-01-01', '评审');
             INSERT INTO roster (name, role, added_at, added_by) VALUES ('评审', 'chair', '2026-01-01', '评审');
             INSERT INTO department (name) VALUES ('教育局'), ('卫健委');
             INSERT INTO project (code, department_id, name, budget_type, requested)
                 VALUES ('P1', 1, '甲', 'general', 100), ('P2', 2, '乙', 'fund', 200), ('P3', 1, '丙', 'general', 300);
             INSERT INTO decision (project_id) SELECT id FROM project;
             -- out of (project, number) order, with defaults and without
             INSERT INTO indicator (project_id, seq, level1, level2, indicator, target, unit)
                 VALUES (2, 2, '产出', '数量', '培训人次', '≥100', '人次'),
                        (1, 1, '产出', '质量', '合格率', '≥95', '%');
             INSERT INTO indicator (project_id, seq, level1, level2, indicator)
                 VALUES (2, 1, '效益', '社会', '满意度'), (1, 2, '成本', '经济', '单价');
             UPDATE decision SET state = 'approved', approved = 100 WHERE project_id = 1;",
        )
        .unwrap();
        before = rows(
            &conn,
            "SELECT project_id, seq, level1, level2, indicator, target, unit FROM indicator ORDER BY project_id, seq",
        );
        assert_eq!(before.len(), 4);
        shape_before = indicator_shape(&conn);
    }

    let st = Store::open(&old, OpenMode::Existing).unwrap();
    assert_eq!(st.schema_version().unwrap(), schema::CURRENT_VERSION);
    let conn = &st.conn;
    let after = rows(
        conn,
        "SELECT project_id, seq, level1, level2, indicator, target, unit FROM indicator ORDER BY project_id, seq",
    );
    assert_eq!(after, before);
    assert_eq!(indicator_shape(conn), shape_before);
    // No rowid any more, and (project_id, seq) is the key.
    assert!(conn.prepare("SELECT rowid FROM indicator").is_err());
    assert_eq!(
        rows(
            conn,
            "SELECT name, pk FROM pragma_table_info('indicator') WHERE pk > 0 ORDER BY pk"
        ),
        [
            "Text(\"project_id\") | Integer(1)",
            "Text(\"seq\") | Integer(2)"
        ]
    );
    let dup = conn.execute(
        "INSERT INTO indicator (project_id, seq, level1, level2, indicator) VALUES (1, 2, 'a', 'b', 'c')",
        [],
    );
    assert!(dup.is_err(), "a second indicator 2 of project 1 got in");
    // The foreign key still holds.
    let orphan = conn.execute(
        "INSERT INTO indicator (project_id, seq, level1, level2, indicator) VALUES (99, 1, 'a', 'b', 'c')",
        [],
    );
    assert!(orphan.is_err(), "an indicator of no project got in");
    assert!(rows(conn, "PRAGMA foreign_key_check").is_empty());
    assert_eq!(st.integrity_check().unwrap(), ["ok"]);
    // The rest of the meeting is untouched.
    assert_eq!(st.project_detail(2).unwrap().indicators.len(), 2);
    assert_eq!(
        st.project_detail(2).unwrap().indicators[0].indicator,
        "满意度"
    );
    assert_eq!(
        rows(
            conn,
            "SELECT state, approved FROM decision ORDER BY project_id"
        ),
        [
            "Text(\"approved\") | Integer(100)",
            "Text(\"pending\") | Integer(0)",
            "Text(\"pending\") | Integer(0)"
        ]
    );

    // A meeting created new has the same schema, text for text.
    let fresh = Store::open_or_create(&dir.path().join("new.db"), &chair()).unwrap();
    let schema_sql = "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name";
    assert_eq!(rows(&fresh.conn, schema_sql), rows(conn, schema_sql));
}

/// Schema 6 gives the meeting its rounding unit: a meeting from before
/// rounds derived amounts to 0.01 万元; one created with another unit
/// keeps it.
#[test]
fn migration_6_gives_the_meeting_a_rounding_unit() {
    use crate::domain::Rounding;
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("v5.db");
    {
        let conn = Connection::open(&old).unwrap();
        for (i, statements) in schema::MIGRATIONS[..5].iter().enumerate() {
            for sql in *statements {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", i as i64 + 1)
                .unwrap();
        }
        conn.execute_batch(
            "INSERT INTO meeting (id, created_at, created_by) VALUES (1, '2026-01-01', '评审');
             INSERT INTO roster (name, role, added_at, added_by) VALUES ('评审', 'chair', '2026-01-01', '评审');",
        )
        .unwrap();
    }
    let mut st = Store::open(&old, OpenMode::Existing).unwrap();
    assert_eq!(st.schema_version().unwrap(), schema::CURRENT_VERSION);
    assert_eq!(st.meeting().unwrap().rounding, Rounding::CENT_WAN);
    st.set_rounding(Rounding::YUAN).unwrap();
    assert_eq!(st.rounding().unwrap(), Rounding::YUAN);
    assert_eq!(st.meeting().unwrap().rounding, Rounding::YUAN);
    // Only a positive unit is stored.
    assert!(
        st.conn
            .execute("UPDATE meeting SET rounding = 0 WHERE id = 1", [])
            .is_err()
    );
}

/// The schema step that adds what the meeting sends back (issue 17; step
/// 7 when written, its number may move at a merge): a meeting from before
/// keeps its decisions and comments; a project sent back waits for its
/// revision and the tally counts it so; comments are for the department;
/// no goal, no further outcomes.
#[test]
fn migration_of_the_sendback_keeps_decisions_and_waits_for_revisions() {
    let step = schema::MIGRATIONS
        .iter()
        .position(|m| m.iter().any(|sql| sql.contains("CREATE TABLE revision (")))
        .expect("the step that adds revisions");
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("before.db");
    {
        let conn = Connection::open(&old).unwrap();
        for (i, statements) in schema::MIGRATIONS[..step].iter().enumerate() {
            for sql in *statements {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", i as i64 + 1)
                .unwrap();
        }
        conn.execute_batch(
            "INSERT INTO meeting (id, created_at, created_by) VALUES (1, '2026-01-01', '评审');
             INSERT INTO roster (name, role, added_at, added_by) VALUES ('评审', 'chair', '2026-01-01', '评审');
             INSERT INTO department (id, name) VALUES (1, '市教育局');
             INSERT INTO project (id, code, department_id, name, budget_type, requested)
                 VALUES (1, 'P-1', 1, '教师培训', 'general', 1000000),
                        (2, 'P-2', 1, '校舍维修', 'general', 500000);
             INSERT INTO decision (project_id, state, approved, adjust, adjust_indicators, adjust_reason, version)
                 VALUES (1, 'cut', 800000, 1, '1', '目标偏低', 2),
                        (2, 'approved', 500000, 0, '', '', 1);
             INSERT INTO comment (project_id, author, os_user, at, body)
                 VALUES (1, '评审', 'u', '2026-01-01 09:00:00', '请补充测算依据');",
        )
        .unwrap();
    }
    let st = Store::open(&old, OpenMode::Existing).unwrap();
    assert_eq!(st.schema_version().unwrap(), schema::CURRENT_VERSION);
    let rows = st.project_rows().unwrap();
    let sent_back = rows[0].decision.adjust.as_deref().expect("still adjusted");
    assert_eq!(sent_back.revision, crate::domain::Revision::Waiting);
    assert_eq!(sent_back.reason, "目标偏低");
    assert_eq!(rows[0].decision.approved, Money::from_fen(800000));
    assert!(rows[1].decision.adjust.is_none());
    assert!(st.goals().unwrap().is_empty());
    let c = st.tally().unwrap().total.counts;
    assert_eq!(
        (c.adjusted, c.waiting, c.revised, c.confirmed),
        (1, 1, 0, 0)
    );
    let comments = st.export_comments().unwrap();
    assert_eq!(comments.len(), 1);
    assert!(!comments[0].2.internal);
}

/// A statement run again with another value is not compiled again: the
/// store's queries keep their plan (SQLite's query planner stability
/// guarantee), where SQLite would otherwise re-prepare a join with a bound
/// parameter at every binding.
#[test]
fn statements_are_not_prepared_again_for_each_binding() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut st = Store::open_or_create(&db, &chair()).unwrap();
    let sub = Submission {
        projects: vec![
            project("A1", BudgetType::General, 100),
            project("A2", BudgetType::General, 200),
        ],
        ..Default::default()
    };
    st.import_submission(&sub, &chair()).unwrap();
    let ids: Vec<i64> = st.project_rows().unwrap().iter().map(|r| r.id).collect();
    for _ in 0..3 {
        for &id in &ids {
            assert_eq!(st.project_rows_by_id(&[id]).unwrap()[0].id, id);
            st.project_detail(id).unwrap();
        }
    }
    let sql = format!("{} WHERE p.id = ?1", super::rows::PROJECT_ROW_SELECT);
    let stmt = st.conn.prepare_cached(&sql).unwrap();
    assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
}

/// The department ceilings are read at every refresh: reading them costs
/// as many steps as there are ceilings, not as many as departments.
#[test]
fn department_ceilings_read_the_ceilings_not_every_department() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut st = Store::open_or_create(&db, &chair()).unwrap();
    let projects = (0..500)
        .map(|i| NewProject {
            department: format!("部门{i}"),
            ..project(&format!("P{i}"), BudgetType::General, 100)
        })
        .collect();
    let sub = Submission {
        projects,
        ..Default::default()
    };
    st.import_submission(&sub, &chair()).unwrap();
    st.set_department_ceilings(&[("部门7".into(), Some(Money::from_fen(50)))], &chair())
        .unwrap();
    assert_eq!(
        st.department_ceilings().unwrap(),
        vec![("部门7".to_string(), Money::from_fen(50))]
    );
    let stmt = st
        .conn
        .prepare_cached(super::weigh::DEPARTMENT_CEILINGS)
        .unwrap();
    let steps = stmt.get_status(rusqlite::StatementStatus::VmStep);
    assert!(
        steps < 100,
        "{steps} steps for one ceiling among 500 departments"
    );
}

/// Rows read together share their department's and section's text, and
/// a name many projects have; a row read again takes the shared texts of
/// the row it replaces where they are the same, and keeps its own where
/// they differ.
#[test]
fn rows_share_their_texts_and_a_row_read_again_takes_them() {
    use super::{ProjectRow, SharedText};
    let dir = tempfile::tempdir().unwrap();
    let mut st = Store::open_or_create(&dir.path().join("m.db"), &chair()).unwrap();
    let mut projects: Vec<NewProject> = (0..3)
        .map(|i| project(&format!("{i:04}"), BudgetType::General, 100))
        .collect();
    for p in &mut projects {
        p.name = "办公设备购置".into();
        p.section = Some("教科文股".into());
    }
    projects[2].name = "学生资助".into();
    let sub = Submission {
        projects_file: "p.csv".into(),
        projects,
        ..Submission::default()
    };
    st.import_submission(&sub, &chair()).unwrap();
    let rows = st.project_rows().unwrap();
    let shared = |a: &ProjectRow, b: &ProjectRow| {
        (
            SharedText::same(&a.department, &b.department),
            SharedText::same(&a.name, &b.name),
            SharedText::same(a.section.as_ref().unwrap(), b.section.as_ref().unwrap()),
        )
    };
    assert_eq!(shared(&rows[0], &rows[1]), (true, true, true));
    assert_eq!(shared(&rows[0], &rows[2]), (true, false, true));
    let mut again = st.project_rows_by_id(&[rows[1].id]).unwrap().remove(0);
    assert_eq!(shared(&again, &rows[1]), (false, false, false));
    again.share_with(&rows[1]);
    assert_eq!(shared(&again, &rows[1]), (true, true, true));
    assert_eq!(again, rows[1]);
    // A name that changed stays the row's own.
    let mut renamed = again.clone();
    renamed.name = "新名称".into();
    renamed.share_with(&rows[1]);
    assert_eq!(&*renamed.name, "新名称");
    assert!(SharedText::same(&renamed.department, &rows[1].department));
}

/// A writer that has waited longer for the lock tries again sooner, so
/// the one waiting longest is the likeliest to take it when it is freed;
/// a writer that has just begun to wait tries no more often than once a
/// millisecond (waiting costs next to nothing while one commit is short).
#[test]
fn the_longer_a_writer_waited_the_sooner_it_tries_again() {
    use super::connection::busy_pause;
    use std::time::Duration;
    let mut last = busy_pause(Duration::ZERO);
    assert_eq!(last, Duration::from_millis(1));
    for us in (0..20_000).step_by(50) {
        let p = busy_pause(Duration::from_micros(us));
        assert!(
            p <= last,
            "after {us} µs it pauses {p:?}, longer than {last:?} before"
        );
        assert!(p >= Duration::from_micros(50), "{p:?} after {us} µs spins");
        last = p;
    }
    assert!(last < Duration::from_millis(1));
}
