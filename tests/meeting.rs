//! One meeting, many reviewers: roster and roles, lock, read-only opens,
//! undo, version conflicts and concurrent writers on one file.

mod common;

use std::path::{Path, PathBuf};

use common::db::{events, integrity, read, replayed_tally};
use common::*;
use huishen::domain::{Command, Money};
use huishen::store::{OpenMode, Store, StoreError};
use huishen::words::{Lang, Say};
use rusqlite::Connection;

/// A demo meeting created by the test's login (its chair, bound to it),
/// with a member 李四 and an observer 王五.
fn meeting(dir: &Path) -> PathBuf {
    let db = dir.join("m.db");
    demo(&db, &[]);
    roster_add(&db, "李四", &[]);
    roster_add(&db, "王五", &["--role", "observer"]);
    db
}

fn decided(db: &Path) -> u64 {
    tally_json(db)["decided"].as_u64().unwrap()
}

#[test]
fn the_creator_chairs_and_the_roster_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    let db = meeting(dir.path());
    let me = login();
    let list = ok(&["roster", "list", "--db", s(&db)]);
    assert!(list.contains(&format!("{me}\tchair\t{me}\n")), "{list}");
    assert!(list.contains("李四\tmember"), "{list}");
    assert!(list.contains("王五\tobserver"), "{list}");
    // Only the chair edits the roster.
    let err = fails(&["roster", "add", "赵六", "--db", s(&db), "--as", "李四"]);
    assert!(err.contains("only the chair"), "{err}");
    // The last chair cannot be removed, nor made a member or an observer:
    // nobody could lock, unlock or keep the roster after.
    let err = fails(&["roster", "remove", &me, "--db", s(&db)]);
    assert!(err.contains(&format!("{me} is the last chair")), "{err}");
    assert!(!err.contains("is not the chair"), "{err}");
    for role in ["member", "observer"] {
        let err = fails(&["roster", "set", &me, "--role", role, "--db", s(&db)]);
        assert!(err.contains(&format!("{me} is the last chair")), "{err}");
    }
    let err = fails(&["roster", "remove", &me, "--db", s(&db), "--lang", "zh"]);
    assert!(
        err.contains(&format!("{me} 是本次会审唯一的主持人")),
        "{err}"
    );
    assert!(
        !err.contains("last chair"),
        "English in a Chinese message: {err}"
    );
    assert!(ok(&["roster", "list", "--db", s(&db)]).contains(&format!("{me}\tchair")));
    // A name on the roster is not added again: `roster set` changes it.
    let err = fails(&["roster", "add", "李四", "--role", "chair", "--db", s(&db)]);
    assert!(err.contains("李四 is on the roster already"), "{err}");
    assert!(err.contains("roster set 李四"), "{err}");
    // With a second chair, the first may step down.
    roster_set(&db, "李四", &["--role", "chair"]);
    roster_set(&db, &me, &["--role", "member"]);
    roster_set(&db, &me, &["--role", "chair", "--as", "李四"]);
    roster_set(&db, "李四", &["--role", "member"]);
    ok(&["roster", "remove", "王五", "--db", s(&db)]);
    assert!(!ok(&["roster", "list", "--db", s(&db)]).contains("王五"));
}

#[test]
fn observers_and_strangers_cannot_write_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = meeting(dir.path());
    let batch = write(
        dir.path(),
        "b.csv",
        "项目编码,审核结果,金额,审核意见\n2021-001-0001,通过,,\n",
    );
    let err = fails(&["apply", s(&batch), "--db", s(&db), "--as", "王五"]);
    assert!(err.contains("observer"), "{err}");
    let err = fails(&["apply", s(&batch), "--db", s(&db), "--as", "路人"]);
    assert!(err.contains("not on this meeting's roster"), "{err}");
    assert_eq!(decided(&db), 0);
    apply(&db, &batch, &["--as", "李四"]);
    assert_eq!(decided(&db), 1);
}

#[test]
fn a_name_bound_to_a_login_only_acts_from_that_login() {
    let dir = tempfile::tempdir().unwrap();
    let db = meeting(dir.path());
    // A login that is not the test's own, and exists on every host.
    roster_set(&db, "李四", &["--os-user", "nobody"]);
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    let id = store.project_id("2021-001-0001").unwrap();
    let err = store
        .decide(id, 0, &Command::Approve, None, &actor("李四", &login()))
        .unwrap_err();
    assert!(
        err.say(Lang::En).contains("bound to the login nobody"),
        "{err:?}"
    );
    store
        .decide(id, 0, &Command::Approve, None, &actor("李四", "nobody"))
        .unwrap();
    let approval = events(&db)
        .into_iter()
        .find(|e| e.kind == "approve")
        .unwrap();
    let who = (approval.reviewer, approval.os_user);
    assert_eq!(who, ("李四".to_string(), "nobody".to_string()));
}

#[test]
fn a_locked_meeting_is_read_only_until_the_chair_unlocks_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = meeting(dir.path());
    let err = fails(&["lock", "--db", s(&db), "--as", "李四"]);
    assert!(err.contains("only the chair"), "{err}");
    ok(&["lock", "--db", s(&db)]);
    let mut store = Store::open(&db, OpenMode::Existing).unwrap();
    let id = store.project_id("2021-001-0002").unwrap();
    for who in [actor("李四", "x"), actor(&login(), &login())] {
        let err = store
            .decide(id, 0, &Command::Approve, None, &who)
            .unwrap_err();
        assert!(err.say(Lang::En).contains("locked"), "{err:?}");
        let err = store.add_comment(id, "意见", &who).unwrap_err();
        assert!(err.say(Lang::En).contains("locked"), "{err:?}");
    }
    ok(&["unlock", "--db", s(&db)]);
    store
        .decide(id, 0, &Command::Approve, None, &actor("李四", "x"))
        .unwrap();
}

#[test]
fn read_only_opens_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = meeting(dir.path());
    let mut store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    let id = store.project_id("2021-001-0001").unwrap();
    let err = store
        .decide(id, 0, &Command::Approve, None, &actor(&login(), &login()))
        .unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly), "{err:?}");
    assert!(
        store
            .add_comment(id, "x", &actor(&login(), &login()))
            .is_err()
    );
    assert_eq!(decided(&db), 0);
}

#[test]
fn databases_are_created_group_writable() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = meeting(dir.path());
    let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o660, "{mode:o}");
}

#[test]
fn a_stale_decision_is_refused_with_who_changed_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = meeting(dir.path());
    let mut a = Store::open(&db, OpenMode::Existing).unwrap();
    let mut b = Store::open(&db, OpenMode::Existing).unwrap();
    let id = a.project_id("2021-001-0003").unwrap();
    let requested = a
        .project_rows()
        .unwrap()
        .into_iter()
        .find(|r| r.id == id)
        .unwrap()
        .requested;
    // Both saw version 0; A cuts first.
    let cut = Command::Cut(Money::from_fen(requested.fen() / 2));
    a.decide(id, 0, &cut, None, &actor("李四", "lisi")).unwrap();
    let err = b
        .decide(id, 0, &Command::Approve, None, &actor(&login(), &login()))
        .unwrap_err();
    match err {
        StoreError::Conflict(c) => {
            assert_eq!(c.by, "李四");
            assert_eq!(c.state, huishen::domain::State::Cut);
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[test]
fn undo_reverts_my_last_decision_unless_someone_changed_it_since() {
    let dir = tempfile::tempdir().unwrap();
    let db = meeting(dir.path());
    let mut st = Store::open(&db, OpenMode::Existing).unwrap();
    let li = actor("李四", "lisi");
    let me = login();
    let chair = actor(&me, &me);
    let p1 = st.project_id("2021-001-0001").unwrap();
    let p2 = st.project_id("2021-001-0002").unwrap();
    st.decide(p1, 0, &Command::Approve, None, &li).unwrap();
    st.decide(p2, 0, &Command::Cancel, None, &li).unwrap();
    // Undo the cancel of p2: back to pending, as a new event.
    let (code, d) = st.undo_last(&li).unwrap();
    assert_eq!(code, "2021-001-0002");
    assert_eq!(d.state, huishen::domain::State::Pending);
    // The next undo reaches p1's approval — but the chair changed p1 since.
    st.decide(p1, 1, &Command::Reset, None, &chair).unwrap();
    let err = st.undo_last(&li).unwrap_err();
    match err {
        StoreError::Conflict(c) => assert_eq!(
            (c.code.as_str(), c.by.as_str()),
            ("2021-001-0001", me.as_str())
        ),
        other => panic!("expected a refusal, got {other:?}"),
    }
    // Nothing was deleted: 2 decisions + undo + chair's reset.
    let n = events(&db)
        .iter()
        .filter(|e| ["approve", "cancel", "undo", "reset"].contains(&e.kind.as_str()))
        .count();
    assert_eq!(n, 4);
    assert_eq!(decided(&db), 0);
}

#[test]
fn the_log_lists_who_did_what() {
    let dir = tempfile::tempdir().unwrap();
    let db = meeting(dir.path());
    apply_text(
        &db,
        "b.csv",
        "项目编码,审核结果,金额,审核意见\n2021-001-0001,审减,-10%,压减\n",
        &["--as", "李四"],
    );
    let log = ok(&["log", "--db", s(&db), "--reviewer", "李四"]);
    let me = login();
    assert!(
        log.contains(&format!(
            "李四 ({me})  2021-001-0001 pending → cut 2.60 万元, approved 23.40 万元\n"
        )),
        "{log}"
    );
    assert!(
        log.contains(&format!("李四 ({me})  comment 2021-001-0001: 压减\n")),
        "{log}"
    );
    let json = ok(&["log", "--db", s(&db), "--json"]);
    let events: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kinds: Vec<&str> = events.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds[kinds.len() - 2..], ["cut", "comment"]);
    let last = &events[events.len() - 2];
    assert_eq!(last["old"]["state"], "pending");
    assert_eq!(last["new"]["state"], "cut");
    // Each line also carries the text log's words.
    assert_eq!(
        events[events.len() - 1]["text"],
        "comment 2021-001-0001: 压减"
    );
}

/// The text log says what a comment, a roster change and a ceiling were,
/// in the screen's words and the reader's language.
#[test]
fn the_log_says_what_comments_roster_changes_and_ceilings_were() {
    let dir = tempfile::tempdir().unwrap();
    let db = meeting(dir.path());
    apply_text(
        &db,
        "b.csv",
        "项目编码,审核结果,金额,审核意见\n2021-001-0001,取消,,\"与 0002 重复\n请核实\"\n",
        &[],
    );
    roster_add(&db, "赵六", &["--role", "observer"]);
    roster_set(&db, "赵六", &["--role", "member", "--os-user", "nobody"]);
    roster_set(&db, "赵六", &["--unbind"]);
    ok(&["roster", "remove", "赵六", "--db", s(&db)]);
    ok(&[
        "ceiling",
        "--total",
        "230000",
        "--budget",
        "fund=none",
        "--db",
        s(&db),
    ]);
    let en = ok(&["log", "--db", s(&db)]);
    let zh = ok(&["--lang", "zh", "log", "--db", s(&db)]);
    for (log, want) in [
        (&en, "2021-001-0001 pending → cancelled, cut 26.00 万元"),
        (&en, "comment 2021-001-0001: 与 0002 重复 请核实"),
        (&en, "roster add 赵六 (observer)"),
        (
            &en,
            "roster change 赵六 (observer → member, login none → nobody)",
        ),
        (&en, "roster change 赵六 (login nobody → none)"),
        (&en, "roster remove 赵六 (member)"),
        (&en, "ceiling total 230,000.00 万元"),
        (&en, "ceiling government fund cleared"),
        (&zh, "2021-001-0001 待审 → 取消，审减 26.00 万元"),
        (&zh, "意见 2021-001-0001：与 0002 重复 请核实"),
        (&zh, "名单加入 赵六（列席）"),
        (&zh, "名单变更 赵六（列席 → 评审，登录账号 无 → nobody）"),
        (&zh, "名单变更 赵六（登录账号 nobody → 无）"),
        (&zh, "名单移出 赵六（评审）"),
        (&zh, "控制数 合计 230,000.00 万元"),
        (&zh, "控制数 政府性基金预算 已清除"),
    ] {
        assert!(log.contains(&format!("  {want}\n")), "{want}\n{log}");
    }
}

/// `huishen roster set WHO --db DB EXTRA…` (`--role R`, `--os-user L`,
/// `--unbind`, `--as CHAIR`).
fn roster_set(db: &Path, who: &str, extra: &[&str]) {
    let mut args = vec!["roster", "set", who, "--db", s(db)];
    args.extend_from_slice(extra);
    ok(&args);
}

/// Replays the event log's decisions and compares with the tally.
fn tally_equals_event_log(db: &Path) {
    let store = read(db);
    let replayed = replayed_tally(&store);
    let stored: Money = store
        .project_rows()
        .unwrap()
        .iter()
        .map(|p| p.decision.approved)
        .sum();
    assert_eq!(
        replayed.total.approved, stored,
        "event log replay differs from the decisions"
    );
    let t = tally_json(db);
    assert_eq!(
        t["approved"].as_str().unwrap(),
        replayed.total.approved.wan_string()
    );
    assert_eq!(integrity(db), "ok");
}

#[test]
fn concurrent_writers_end_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let db = meeting(dir.path());
    for i in 0..4 {
        roster_add(&db, &format!("评审{i}"), &[]);
    }
    // Four batch writers over overlapping projects, and four in-process
    // sessions deciding one by one, all at once.
    let mut children = Vec::new();
    for i in 0..4 {
        let batch = dir.path().join(format!("b{i}.csv"));
        let mut text = String::from("项目编码,审核结果,金额,审核意见\n");
        for p in 1..=8 {
            let word = ["通过", "审减", "取消", "待审"][(p + i) % 4];
            let amount = if word == "审减" { "-10%" } else { "" };
            text += &format!("2021-001-{p:04},{word},{amount},第{i}组\n");
        }
        std::fs::write(&batch, text).unwrap();
        children.push(
            std::process::Command::new(bin())
                .args([
                    "apply",
                    s(&batch),
                    "--db",
                    s(&db),
                    "--as",
                    &format!("评审{i}"),
                ])
                .env("USER", "tester")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap(),
        );
    }
    let threads: Vec<_> = (0..4)
        .map(|i| {
            let db = db.clone();
            std::thread::spawn(move || {
                let mut st = Store::open(&db, OpenMode::Existing).unwrap();
                let me = actor(&format!("评审{i}"), &login());
                let mut conflicts = 0;
                for _ in 0..25 {
                    for row in st.project_rows().unwrap().into_iter().take(12) {
                        let cmd = if row.decision.state == huishen::domain::State::Approved {
                            Command::Reset
                        } else {
                            Command::Approve
                        };
                        match st.decide(row.id, row.version, &cmd, None, &me) {
                            Ok(_) => {}
                            Err(StoreError::Conflict(_)) => conflicts += 1,
                            Err(e) => panic!("session {i}: {e:?}"),
                        }
                    }
                }
                conflicts
            })
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for t in threads {
        t.join().unwrap();
    }
    tally_equals_event_log(&db);
}

#[test]
fn the_ceiling_says_how_much_must_still_be_cut() {
    let dir = tempfile::tempdir().unwrap();
    let db = meeting(dir.path());
    let err = fails(&[
        "ceiling",
        "--db",
        s(&db),
        "--total",
        "230000",
        "--as",
        "李四",
    ]);
    assert!(err.contains("only the chair"), "{err}");
    ok(&[
        "ceiling",
        "--db",
        s(&db),
        "--total",
        "230,000",
        "--budget",
        "fund=60000",
    ]);
    let t = tally_json(&db);
    assert_eq!(t["ceiling"]["total"]["ceiling"], "230000.00");
    // Nothing decided yet: the whole request is heading for approval.
    assert_eq!(t["ceiling"]["total"]["to_cut"], "117740.00");
    // The panel's decisions bring it to 230554.00: 554.00 over.
    roster_add(&db, "评审组", &[]);
    apply(&db, &data("demo-decisions.csv"), &["--as", "评审组"]);
    let t = tally_json(&db);
    assert_eq!(t["ceiling"]["total"]["projected"], "230554.00");
    assert_eq!(t["ceiling"]["total"]["to_cut"], "554.00");
    let fund = &t["ceiling"]["by_budget_type"][0];
    assert_eq!(fund["budget_type"], "fund");
    // A bad value changes nothing.
    let err = fails(&[
        "ceiling",
        "--db",
        s(&db),
        "--total",
        "1",
        "--budget",
        "fund=abc",
    ]);
    assert!(err.contains("abc"), "{err}");
    assert_eq!(tally_json(&db)["ceiling"]["total"]["ceiling"], "230000.00");
    ok(&[
        "ceiling",
        "--db",
        s(&db),
        "--total",
        "none",
        "--budget",
        "fund=none",
    ]);
    assert!(tally_json(&db).get("ceiling").is_none());
}

#[test]
fn a_long_session_keeps_its_write_ahead_log_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let db = meeting(dir.path());
    let wal = dir.path().join("m.db-wal");
    let mut st = Store::open(&db, OpenMode::Existing).unwrap();
    let li = actor("李四", "lisi");
    let id = st.project_id("2021-001-0001").unwrap();
    let page: i64 = Connection::open(&db)
        .unwrap()
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    let mut version = 0;
    let mut largest = 0;
    for i in 0..2400 {
        let command = if i % 2 == 0 {
            Command::Approve
        } else {
            Command::Reset
        };
        version = st.decide(id, version, &command, None, &li).unwrap().version;
        largest = largest.max(std::fs::metadata(&wal).map_or(0, |m| m.len()));
    }
    assert_eq!(version, 2400);
    // Without checkpoints these commits would fill some 12,000 frames. The
    // background checkpointer waits for a quiet moment (none comes here:
    // the commits never pause), but not past 6000 frames; should it not
    // catch up with commits that go on meanwhile, the commit itself
    // checkpoints from 10,000, and the log starts again.
    let frames = largest / (page as u64 + 24);
    assert!(frames <= 10_500, "the log grew to {frames} frames");
}
