//! One meeting, many terminals: real `huishen open` processes in
//! pseudo-terminals on one SQLite file, with the CLI writing beside them.
//! Every check waits for text on a screen; the only bounded waits are the
//! "within 2 s, without a key" promises of the README.
//!
//! One file because every test here shares the one `Meeting` and its
//! screen readers; each test is one scene of a meeting.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::pty::{Session, TIMEOUT};
use common::review::{self, start_cut};
use common::*;
use serde_json::Value;

/// How soon a change made elsewhere must show on a screen without a key.
const LIVE: Duration = Duration::from_secs(2);

const CHAIR: &str = "主持";
const A: &str = "甲";
const B: &str = "乙";
const OBSERVER: &str = "丙";

/// A demo meeting (1373 pending projects) created — and so chaired — by
/// 主持, with members 甲 and 乙 and the observer 丙.
struct Meeting {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Meeting {
    fn new() -> Meeting {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("m.db");
        demo(&db, &["--as", CHAIR]);
        for who in [A, B] {
            roster_add(&db, who, &["--as", CHAIR]);
        }
        roster_add(&db, OBSERVER, &["--role", "observer", "--as", CHAIR]);
        Meeting { dir, db }
    }

    fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// `huishen open DB --as WHO --lang zh` at `cols`×`rows`, once the list
    /// and the tally bar are on the screen.
    fn open_at(&self, who: &str, cols: u16, rows: u16) -> Session {
        self.open_with(who, cols, rows, &[])
    }

    /// `open_at` with more environment (`TZ`, …).
    fn open_with(&self, who: &str, cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        let t = review::open_zh(&self.db, who, cols, rows, env, self.dir());
        t.wait_for(
            "the list and the tally bar",
            |s| s.contains("2021-001-0001") && s.contains("已审 "),
            TIMEOUT,
        );
        t
    }

    fn open(&self, who: &str) -> Session {
        self.open_at(who, 120, 40)
    }

    fn tally(&self) -> Value {
        tally_json(&self.db)
    }

    /// The event log, oldest first.
    fn log(&self) -> Vec<Value> {
        ok(&["log", "--db", s(&self.db), "--json"])
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("log line {l:?}: {e}")))
            .collect()
    }

    /// The events of `kind` on project `code`.
    fn events(&self, kind: &str, code: &str) -> Vec<Value> {
        self.log()
            .into_iter()
            .filter(|e| e["kind"] == kind && e["project"] == code)
            .collect()
    }

    fn integrity(&self) -> String {
        common::db::integrity(&self.db)
    }
}

/// Row `n` (1-based) of the demo meeting, in its default order.
fn code(n: usize) -> String {
    format!("2021-001-{n:04}")
}

/// The list row of `code` on `screen`, if shown.
fn row<'a>(screen: &'a str, code: &str) -> Option<&'a str> {
    screen.lines().find(|l| l.starts_with(code))
}

/// Whether the list row of `code` shows the state `state`.
fn row_shows(screen: &str, code: &str, state: &str) -> bool {
    row(screen, code).is_some_and(|r| r.split_whitespace().any(|w| w == state))
}

/// The status line: the last line with text.
fn status(screen: &str) -> &str {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
}

/// The title bar: the first line.
fn title(screen: &str) -> &str {
    screen.lines().next().unwrap_or("")
}

/// Moves the selection down `n` rows.
fn down(t: &mut Session, n: usize) {
    t.send(&"j".repeat(n));
}

/// Waits for the status line to say `code` was saved.
fn wait_saved(t: &Session, code: &str) -> String {
    t.wait_text(&format!("已保存 {code}"))
}

/// `huishen tally --json`'s amount (万元, exact decimal) in fen.
fn wan_to_fen(s: &str) -> i64 {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    assert!(frac.len() <= 6, "finer than a fen: {s:?}");
    let frac = format!("{frac:0<6}");
    let n: i64 = format!("{int}{frac}")
        .parse()
        .unwrap_or_else(|_| panic!("not an amount: {s:?}"));
    n
}

#[test]
fn a_decision_in_a_shows_on_b_without_input() {
    let m = Meeting::new();
    let mut a = m.open(A);
    let mut b = m.open(B);

    // B: row 3 selected, the cut dialog open with "-1" typed, not entered.
    down(&mut b, 2);
    start_cut(&mut b, "-1");
    let before = b.screen();
    assert!(before.contains(&code(3)), "{before}");

    // A approves row 1.
    a.send("a");
    wait_saved(&a, &code(1));
    let seen = Instant::now();

    // B shows it, with no key sent.
    let screen = b.wait_for(
        "row 1 approved and the tally on B, without a key",
        |s| row_shows(s, &code(1), "通过") && s.contains("已审 1/1373"),
        LIVE,
    );
    assert!(seen.elapsed() <= LIVE);
    // B's half-typed input is still there, still about row 3.
    assert!(
        screen.contains("审定金额或审减（80 / -20 / -15%）：-1"),
        "B's cut dialog with -1 typed is gone:\n{screen}"
    );
    let dialog_about = screen
        .lines()
        .find(|l| l.contains("· 申报"))
        .unwrap_or_else(|| panic!("no dialog heading on B:\n{screen}"));
    assert!(
        dialog_about.contains(&code(3)),
        "B's cut dialog is no longer about row 3: {dialog_about:?}\n{screen}"
    );
    // The selection stayed too: the detail pane still shows row 3.
    assert!(
        screen.contains(&format!("│{}", code(3))),
        "B's detail pane left row 3:\n{screen}"
    );

    // Esc closes it; B wrote nothing.
    b.send("\x1b");
    b.wait_gone("审定金额或审减");
    b.quit_ok();
    a.quit_ok();
    let v = m.tally();
    assert_eq!(v["decided"], 1, "{v}");
    assert_eq!(v["counts"]["approved"], 1, "{v}");
}

/// Both sessions select row `n`, type `-10%` in the cut dialog and see the
/// preview; then `first` and at once `second` press Enter. Returns the
/// status lines of (`first`, `second`).
fn race_cut(first: &mut Session, second: &mut Session, n: usize) -> (String, String) {
    let c = code(n);
    start_cut(first, "-10%");
    start_cut(second, "-10%");
    first.send("\r");
    second.send("\r");
    let outcome = |t: &Session| {
        let screen = t.wait_for(
            &format!("saved or refused for {c}"),
            |s| status(s).contains(&format!("已保存 {c}")) || status(s).contains("未保存"),
            TIMEOUT,
        );
        status(&screen).trim().to_string()
    };
    let result = (outcome(first), outcome(second));
    // Both screens now show the one cut that landed.
    for t in [&*first, &*second] {
        t.wait_for(
            &format!("{c} cut on both screens"),
            |s| row_shows(s, &c, "审减"),
            LIVE,
        );
    }
    // The refused one keeps its form, with what was typed; Esc leaves it.
    for (t, line) in [(&mut *first, &result.0), (&mut *second, &result.1)] {
        if line.contains("未保存") {
            let screen = t.screen();
            assert!(
                screen.contains("审定金额或审减（80 / -20 / -15%）：-10%"),
                "the refused cut form is gone:\n{screen}"
            );
            t.send("\x1b");
            t.wait_gone("审定金额或审减");
        }
    }
    result
}

/// Exactly one of the two status lines says saved; the other says not
/// saved and names the winner.
fn one_winner(n: usize, (x, y): (String, String), (nx, ny): (&str, &str)) {
    let c = code(n);
    let saved = |s: &str| s.contains(&format!("已保存 {c}"));
    let (winner, loser_status) = match (saved(&x), saved(&y)) {
        (true, false) => (nx, &y),
        (false, true) => (ny, &x),
        _ => panic!("not exactly one save for {c}:\n{nx}: {x}\n{ny}: {y}"),
    };
    assert!(
        loser_status.contains("未保存") && loser_status.contains(&c),
        "the loser is told it was not saved: {loser_status:?}"
    );
    assert!(
        loser_status.contains(&format!("已被 {winner} ")),
        "the refusal names the winner {winner}: {loser_status:?}"
    );
}

#[test]
fn simultaneous_cuts_one_winner() {
    let m = Meeting::new();
    let mut a = m.open(A);
    let mut b = m.open(B);

    // Row 2: A presses Enter first.
    down(&mut a, 1);
    down(&mut b, 1);
    let r = race_cut(&mut a, &mut b, 2);
    one_winner(2, r, (A, B));

    // Row 4: B presses Enter first.
    down(&mut a, 2);
    down(&mut b, 2);
    let r = race_cut(&mut b, &mut a, 4);
    one_winner(4, r, (B, A));

    a.quit_ok();
    b.quit_ok();
    for n in [2, 4] {
        let cuts = m.events("cut", &code(n));
        assert_eq!(cuts.len(), 1, "one cut event for {}: {cuts:?}", code(n));
    }
    let v = m.tally();
    assert_eq!(v["decided"], 2, "{v}");
    assert_eq!(v["counts"]["cut"], 2, "{v}");
}

#[test]
fn undo_after_another_change_is_refused() {
    let m = Meeting::new();
    let mut a = m.open(A);
    let mut b = m.open(B);
    let c5 = code(5);

    down(&mut a, 4);
    a.send("a");
    wait_saved(&a, &c5);

    b.wait_for("row 5 approved on B", |s| row_shows(s, &c5, "通过"), LIVE);
    down(&mut b, 4);
    start_cut(&mut b, "-5%");
    b.send("\r");
    wait_saved(&b, &c5);

    a.wait_for("row 5 cut on A", |s| row_shows(s, &c5, "审减"), LIVE);
    a.send("u");
    // The refusal names the project and 乙 (waited for together: a line
    // can arrive in two chunks).
    a.wait_for(
        "the undo refused, naming the project and 乙",
        |s| {
            let line = status(s);
            line.contains("不能撤销") && line.contains(&c5) && line.contains(B)
        },
        TIMEOUT,
    );
    // … and says what it is now, amounts and all, as every refusal does.
    let screen = a.screen();
    assert!(
        status(&screen).contains("改为「审减 0.45 万元，审定 8.55 万元」"),
        "{}",
        status(&screen)
    );

    a.quit_ok();
    b.quit_ok();
    let undos: Vec<Value> = m
        .log()
        .into_iter()
        .filter(|e| e["kind"] == "undo")
        .collect();
    assert!(undos.is_empty(), "no undo event: {undos:?}");
    let v = m.tally();
    assert_eq!(v["decided"], 1, "{v}");
    assert_eq!(v["counts"]["cut"], 1, "{v}");
    assert_eq!(v["counts"]["approved"], 0, "{v}");
}

/// Whether the cut dialog is open about `code` with `amount` and `comment`
/// typed in it.
fn cut_form_holds(screen: &str, code: &str, amount: &str, comment: &str) -> bool {
    screen.contains(&format!("审定金额或审减（80 / -20 / -15%）：{amount}"))
        && screen.contains(comment)
        && screen
            .lines()
            .any(|l| l.contains("· 申报") && l.contains(code))
}

#[test]
fn a_refused_cut_keeps_what_was_typed() {
    let m = Meeting::new();
    let mut a = m.open(A);
    let mut b = m.open(B);
    let c2 = code(2);
    let why = "测算依据不充分，压减工作经费";

    // B types a cut of row 2 with a comment; meanwhile A approves row 2.
    down(&mut b, 1);
    start_cut(&mut b, "-20");
    b.send("\t");
    b.send(why);
    b.wait_text(why);
    down(&mut a, 1);
    a.send("a");
    wait_saved(&a, &c2);
    b.wait_for("row 2 approved on B", |s| row_shows(s, &c2, "通过"), LIVE);

    // B's Enter is refused, naming A; the form stays with all B typed,
    // and says what the project is now.
    b.send("\r");
    let screen = b.wait_for(
        "the cut refused, the form still open",
        |s| status(s).contains("未保存") && status(s).contains(&format!("已被 {A} ")),
        TIMEOUT,
    );
    assert!(
        cut_form_holds(&screen, &c2, "-20", why),
        "the cut form lost what B typed:\n{screen}"
    );
    assert!(
        screen.contains(&format!("│✗ 未保存：{c2} 已被 {A} 于 ")),
        "the form says what the project is now:\n{screen}"
    );
    assert!(m.events("cut", &c2).is_empty());

    // Enter again decides on the fresh state: B's cut replaces the approval.
    b.send("\r");
    wait_saved(&b, &c2);
    b.wait_gone("审定金额或审减");
    a.wait_for("row 2 cut on A", |s| row_shows(s, &c2, "审减"), LIVE);
    let cuts = m.events("cut", &c2);
    assert_eq!(cuts.len(), 1, "{cuts:?}");
    assert_eq!(cuts[0]["reviewer"], B);
    let comments = m.events("comment", &c2);
    assert_eq!(comments.len(), 1, "{comments:?}");
    assert!(
        comments[0]["text"].as_str().unwrap_or("").contains(why),
        "{comments:?}"
    );

    // A lock refuses B's next cut; the form keeps it until the unlock.
    let c3 = code(3);
    down(&mut b, 1);
    start_cut(&mut b, "-1");
    b.send("\t");
    b.send("锁定前写的意见");
    b.wait_text("锁定前写的意见");
    ok(&["lock", "--db", s(&m.db), "--as", CHAIR]);
    b.wait_for("the lock on B", |s| title(s).contains("锁定"), LIVE);
    b.send("\r");
    let screen = b.wait_for(
        "the cut refused by the lock",
        |s| status(s).contains("只读") && status(s).contains("未写入"),
        TIMEOUT,
    );
    assert!(
        cut_form_holds(&screen, &c3, "-1", "锁定前写的意见"),
        "the cut form lost what B typed:\n{screen}"
    );
    ok(&["unlock", "--db", s(&m.db), "--as", CHAIR]);
    b.wait_for("the unlock on B", |s| !title(s).contains("锁定"), LIVE);
    b.send("\r");
    wait_saved(&b, &c3);

    a.quit_ok();
    b.quit_ok();
    let v = m.tally();
    assert_eq!(v["counts"]["cut"], 2, "{v}");
    assert_eq!(v["counts"]["approved"], 0, "{v}");
}

#[test]
fn times_on_screen_are_local_time() {
    let m = Meeting::new();
    // Reviewers in China, eight hours east of the UTC the database stores;
    // `CST-8` needs no time zone files.
    let tz = [("TZ", "CST-8")];
    let mut a = m.open_with(A, 120, 40, &tz);
    let mut b = m.open_with(B, 120, 40, &tz);
    let c1 = code(1);
    // B starts a cut of row 1; A approves it first.
    start_cut(&mut b, "-10%");
    a.send("a");
    wait_saved(&a, &c1);
    let (utc, local): (String, String) = rusqlite::Connection::open(&m.db)
        .unwrap()
        .query_row(
            "SELECT strftime('%Y-%m-%d %H:%M', at), strftime('%Y-%m-%d %H:%M', at, '+8 hours')
             FROM event WHERE kind = 'approve'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();

    // The detail pane's decision record.
    let screen = a.wait_for(
        "the approval in A's detail pane",
        |s| s.contains(&format!("│{local} {A} 通过")),
        LIVE,
    );
    assert!(!screen.contains(&utc), "UTC on the screen:\n{screen}");

    // A refusal says when, in local time.
    b.wait_for("row 1 approved on B", |s| row_shows(s, &c1, "通过"), LIVE);
    b.send("\r");
    b.wait_for(
        "the refusal with the local time",
        |s| status(s).contains(&format!("已被 {A} 于 {local} ")),
        TIMEOUT,
    );
    b.send("\x1b");
    b.wait_gone("审定金额或审减");

    // The history, as it opens and as it takes in a comment made meanwhile.
    b.send("h");
    let screen = b.wait_text("会审日志");
    assert!(
        screen.contains(&format!("{local} {A} ({}) {c1}", login())),
        "{screen}"
    );
    assert!(!screen.contains(&utc), "UTC in the history:\n{screen}");
    a.send("m");
    a.wait_text("┌ 审核意见");
    a.send("依据不足\r");
    a.wait_text("已保存意见");
    let (utc, local): (String, String) = rusqlite::Connection::open(&m.db)
        .unwrap()
        .query_row(
            "SELECT strftime('%Y-%m-%d %H:%M', at), strftime('%Y-%m-%d %H:%M', at, '+8 hours')
             FROM comment",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let screen = b.wait_for(
        "the comment in B's open history",
        |s| s.contains(&format!("{local} {A} ({}) 意见", login())),
        LIVE,
    );
    assert!(!screen.contains(&utc), "UTC in the history:\n{screen}");
    // And in A's detail pane.
    a.wait_for(
        "the comment in A's detail pane",
        |s| s.contains(&format!("│{local} {A}")) && s.contains("依据不足"),
        LIVE,
    );
    a.quit_ok();
    b.quit_ok();
}

#[test]
fn a_selection_that_leaves_the_filter_says_so() {
    let m = Meeting::new();
    let mut a = m.open(A);
    let mut b = m.open(B);
    // A lists the pending projects and stands on row 3.
    a.send("f");
    a.wait_text("┌ 筛选");
    a.send("\x1b[C\r");
    a.wait_gone("┌ 筛选");
    a.wait_text("[已筛选] 1373/1373");
    down(&mut a, 2);
    a.wait_for(
        "row 3 in A's detail pane",
        |s| s.contains(&format!("│{}", code(3))),
        TIMEOUT,
    );

    // B approves row 3: it leaves A's list, and A is told where it is now.
    down(&mut b, 2);
    b.send("a");
    wait_saved(&b, &code(3));
    let screen = a.wait_for(
        "row 3 gone from A's list, and why",
        |s| row(s, &code(3)).is_none() && status(s).contains("不再符合筛选"),
        LIVE,
    );
    assert!(
        status(&screen).contains(&format!(
            "{} 已被 {B} 改为「通过 47.00 万元」，不再符合筛选；现选中 {}",
            code(3),
            code(4)
        )),
        "{}",
        status(&screen)
    );
    a.quit_ok();
    b.quit_ok();
}

#[test]
fn observer_keys_are_refused() {
    let m = Meeting::new();
    let mut t = m.open(OBSERVER);
    let screen = t.screen();
    assert!(
        title(&screen).contains("只读"),
        "the title bar says read-only: {:?}",
        title(&screen)
    );

    for key in ["a", "x", "c", "m"] {
        t.send(key);
        let screen = t.wait_for(
            &format!("a refusal after {key:?}"),
            |s| status(s).contains("只读"),
            TIMEOUT,
        );
        for dialog in ["┌ 审减 ", "┌ 取消项目立项", "┌ 审核意见", "放弃"] {
            assert!(
                !screen.contains(dialog),
                "{key:?} opened a dialog for an observer:\n{screen}"
            );
        }
        // Any key clears the message, so the next refusal is a new one.
        t.send("j");
        t.wait_for(
            "the refusal to clear",
            |s| !status(s).contains("只读"),
            TIMEOUT,
        );
    }

    t.quit_ok();
    let v = m.tally();
    assert_eq!(v["decided"], 0, "{v}");
    let by_observer: Vec<Value> = m
        .log()
        .into_iter()
        .filter(|e| e["reviewer"] == OBSERVER)
        .collect();
    assert!(
        by_observer.is_empty(),
        "the observer wrote events: {by_observer:?}"
    );
}

#[test]
fn lock_shows_live() {
    let m = Meeting::new();
    let mut t = m.open(A);
    assert!(!title(&t.screen()).contains("锁定"));

    ok(&["lock", "--db", s(&m.db), "--as", CHAIR]);
    t.wait_for(
        "the lock in the title bar and the status line, without a key",
        |s| title(s).contains("锁定") && status(s).contains("只读：会审已由主持人锁定"),
        LIVE,
    );
    // Any key clears it (k: row 1 stays selected).
    t.send("k");
    t.wait_for(
        "the message to clear",
        |s| !status(s).contains("只读"),
        TIMEOUT,
    );
    t.send("a");
    t.wait_for(
        "the approve refused",
        |s| status(s).contains("只读"),
        TIMEOUT,
    );
    assert_eq!(m.tally()["decided"], 0);

    ok(&["unlock", "--db", s(&m.db), "--as", CHAIR]);
    // The title and the status line both follow: the refusal shown during
    // the lock does not stay there saying 只读.
    t.wait_for(
        "the lock mark and the refusal to go, without a key",
        |s| {
            !title(s).contains("锁定")
                && !title(s).contains("只读")
                && !status(s).contains("只读：")
                && status(s).contains("可以继续评审")
        },
        LIVE,
    );
    t.send("a");
    wait_saved(&t, &code(1));
    t.quit_ok();
    let v = m.tally();
    assert_eq!(v["decided"], 1, "{v}");
    assert_eq!(v["counts"]["approved"], 1, "{v}");
}

#[test]
fn killed_sessions_lose_nothing_acknowledged() {
    let m = Meeting::new();
    let mut a = m.open(A);
    for n in 1..=3 {
        if n > 1 {
            down(&mut a, 1);
        }
        a.send("a");
        wait_saved(&a, &code(n));
    }
    let exit = a.signal("KILL");
    assert_eq!(exit.status.signal(), Some("Killed"), "{:?}", exit.status);

    let mut b = m.open_at(B, 100, 30);
    b.wait_text("已审 3/1373");
    down(&mut b, 3);
    start_cut(&mut b, "-10%");
    b.send("\r");
    wait_saved(&b, &code(4));
    let exit = b.signal("HUP");
    assert_eq!(exit.status.signal(), None, "handled SIGHUP");
    exit.assert_terminal_restored();

    let v = m.tally();
    assert_eq!(v["decided"], 4, "{v}");
    assert_eq!(v["counts"]["approved"], 3, "{v}");
    assert_eq!(v["counts"]["cut"], 1, "{v}");
    assert_eq!(m.integrity(), "ok");
    for n in 1..=3 {
        let e = m.events("approve", &code(n));
        assert_eq!(e.len(), 1, "approve {}: {e:?}", code(n));
        assert_eq!(e[0]["reviewer"], A);
    }
    let e = m.events("cut", &code(4));
    assert_eq!(e.len(), 1, "cut {}: {e:?}", code(4));
    assert_eq!(e[0]["reviewer"], B);

    let c = m.open(A);
    c.wait_text("已审 4/1373");
    c.quit_ok();
}

/// What the event log says each project ends as: its last new state.
fn replay(log: &[Value]) -> HashMap<String, Value> {
    let mut last = HashMap::new();
    for e in log {
        if let (Some(p), true) = (e["project"].as_str(), e["new"].is_object()) {
            last.insert(p.to_string(), e["new"].clone());
        }
    }
    last
}

#[test]
fn concurrent_cli_and_screens() {
    let m = Meeting::new();
    let mut a = m.open(A);
    let mut b = m.open(B);

    // Three batches on overlapping projects (rows 10–30 of the demo).
    let codes: Vec<String> = {
        let screen = a.screen();
        let mut all: Vec<String> = Vec::new();
        for l in screen.lines() {
            if let Some(w) = l.split_whitespace().next()
                && w.starts_with("2021-")
            {
                all.push(w.to_string());
            }
        }
        all
    };
    assert!(
        codes.len() >= 30,
        "30 rows on a 120×40 screen:\n{}",
        a.screen()
    );
    let batch = |name: &str, rows: &[(usize, &str, &str)]| -> PathBuf {
        let mut csv = String::from("项目编码,审核结果,金额,审核意见\n");
        for (i, decision, amount) in rows {
            csv += &format!("{},{decision},{amount},批次{name}第{i}行\n", codes[i - 1]);
        }
        write(m.dir(), &format!("batch-{name}.csv"), csv)
    };
    let batches = [
        (
            A,
            batch(
                "a",
                &(10..=20)
                    .map(|i| {
                        (
                            i,
                            if i % 3 == 0 { "审减" } else { "通过" },
                            if i % 3 == 0 { "-10%" } else { "" },
                        )
                    })
                    .collect::<Vec<_>>(),
            ),
        ),
        (
            B,
            batch(
                "b",
                &(15..=25).map(|i| (i, "审减", "-5%")).collect::<Vec<_>>(),
            ),
        ),
        (
            CHAIR,
            batch(
                "c",
                &(18..=30)
                    .map(|i| {
                        (
                            i,
                            if i % 2 == 0 { "取消" } else { "审减" },
                            if i % 2 == 0 { "" } else { "-1" },
                        )
                    })
                    .collect::<Vec<_>>(),
            ),
        ),
    ];
    let children: Vec<_> = batches
        .iter()
        .map(|(who, file)| {
            let child = command(&["apply", s(file), "--db", s(&m.db), "--as", who])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn huishen apply");
            (*who, child)
        })
        .collect();

    // Meanwhile the screens decide rows 1–6, which no batch touches.
    for n in 1..=3 {
        if n > 1 {
            down(&mut a, 1);
        }
        a.send("a");
        wait_saved(&a, &code(n));
    }
    down(&mut b, 3);
    for n in 4..=6 {
        if n > 4 {
            down(&mut b, 1);
        }
        start_cut(&mut b, "-15%");
        b.send("\r");
        wait_saved(&b, &code(n));
    }

    let start = Instant::now();
    for (who, child) in children {
        let out = child.wait_with_output().expect("wait for huishen apply");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && !stderr.contains("panicked"),
            "apply by {who} failed: {:?}\nstdout: {}\nstderr: {stderr}",
            out.status,
            String::from_utf8_lossy(&out.stdout)
        );
    }
    assert!(start.elapsed() < TIMEOUT, "the batches took too long");

    let v = m.tally();
    let decided = v["decided"].as_u64().unwrap();
    // Every screen follows, without a key.
    let bar = format!("已审 {decided}/1373");
    a.wait_for(&bar, |s| s.contains(&bar), LIVE);
    b.wait_for(&bar, |s| s.contains(&bar), LIVE);
    a.quit_ok();
    b.quit_ok();

    let last = replay(&m.log());
    let mut counts: HashMap<String, u64> = HashMap::new();
    let mut approved = 0i64;
    for new in last.values() {
        let state = new["state"].as_str().unwrap().to_string();
        if state != "pending" {
            approved += new["approved_fen"].as_i64().unwrap();
        }
        *counts.entry(state).or_default() += 1;
    }
    let pending = counts.get("pending").copied().unwrap_or(0);
    assert_eq!(
        decided,
        last.len() as u64 - pending,
        "decided: {v}\n{counts:?}"
    );
    assert_eq!(
        wan_to_fen(v["approved"].as_str().unwrap()),
        approved,
        "approved: tally {} vs the replay of the log",
        v["approved"]
    );
    for (state, key) in [
        ("approved", "approved"),
        ("cut", "cut"),
        ("cancelled", "cancelled"),
    ] {
        assert_eq!(
            v["counts"][key].as_u64().unwrap(),
            counts.get(state).copied().unwrap_or(0),
            "{key}: {v}\n{counts:?}"
        );
    }
    // Rows 1–30 were all decided, and nothing else.
    assert_eq!(decided, 6 + 21, "{v}");
    assert_eq!(m.integrity(), "ok");
}
