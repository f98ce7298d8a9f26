//! End to end: the real binary in a pseudo-terminal, driven with the keys the
//! README gives, its screen read back with vt100, and its record checked
//! with `huishen tally --json`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::thread;
use std::time::{Duration, Instant};

use common::pty::Session;
use common::review::{self, start_cut};
use common::*;
use serde_json::Value;

/// The reviewer at the keyboard in the Chinese sessions.
const REVIEWER: &str = "评审甲";

/// A fresh demo meeting (1373 pending projects) in a temp folder, created
/// by — and so chaired by — 评审甲.
fn demo_meeting() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("m.db");
    demo(&db, &["--as", REVIEWER]);
    (dir, db)
}

/// Opens the review screen on `db` in Chinese as 评审甲.
fn open_zh(dir: &Path, db: &Path, cols: u16, rows: u16) -> Session {
    review::open_zh(db, REVIEWER, cols, rows, &[], dir)
}

/// The screen line that starts with `prefix` (after leading blanks).
fn line_starting<'a>(screen: &'a str, prefix: &str) -> &'a str {
    screen
        .lines()
        .map(str::trim_start)
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starting {prefix:?} on the screen:\n{screen}"))
}

/// The figures of the tally bar:
/// `已审 4/1373  申报 347,740.00  审定 X  审减 Y  审减率 Z%`.
struct Bar {
    decided: String,
    requested: String,
    approved: String,
    cut: String,
    rate: String,
}

fn tally_bar(screen: &str) -> Bar {
    let line = line_starting(screen, "已审 ");
    let words: Vec<&str> = line.split_whitespace().collect();
    let after = |label: &str| -> String {
        let i = words
            .iter()
            .position(|w| *w == label)
            .unwrap_or_else(|| panic!("no {label:?} in the tally bar {line:?}"));
        words
            .get(i + 1)
            .unwrap_or_else(|| panic!("nothing after {label:?} in {line:?}"))
            .to_string()
    };
    Bar {
        decided: after("已审"),
        requested: after("申报"),
        approved: after("审定"),
        cut: after("审减"),
        rate: after("审减率"),
    }
}

fn no_commas(s: &str) -> String {
    s.replace(',', "")
}

/// `1,234.56` → 123456 fen.
fn fen(s: &str) -> i64 {
    let t = no_commas(s);
    let (yuan, frac) = t
        .split_once('.')
        .unwrap_or_else(|| panic!("not an amount with fen: {s:?}"));
    assert_eq!(frac.len(), 2, "two decimals in {s:?}");
    let n: i64 = format!("{yuan}{frac}")
        .parse()
        .unwrap_or_else(|_| panic!("not an amount: {s:?}"));
    n
}

fn json_str<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("tally json {key} is not a string: {v}"))
}

#[test]
fn review_a_project_end_to_end() {
    let (dir, db) = demo_meeting();
    let mut t = open_zh(dir.path(), &db, 120, 40);
    t.wait_text("2021-001-0001");
    t.wait_text("已审 0/1373");

    // Cut the second project by 15% with a comment.
    t.send("j");
    start_cut(&mut t, "-15%");
    t.send("\t");
    t.send("测算依据不充分");
    t.wait_text("测算依据不充分");
    t.send("\r");
    // The status line (the bottom row, drawn last) names the project cut.
    t.wait_text("已保存 2021-001-0002");
    // The detail pane beside the list shows the comment just recorded.
    t.wait_text("审核意见（1）");
    t.wait_text("已审 1/1373");

    // Cancel the third, confirming.
    t.send("j");
    t.send("x");
    t.wait_text("确认取消");
    t.send("\r");
    t.wait_text("已审 2/1373");
    t.wait_gone("确认取消？");

    // Adjust the fourth's targets: tick the first indicator, give a reason.
    t.send("j");
    t.send("t");
    t.wait_text("调整绩效目标");
    t.wait_text("空格选中");
    t.send(" ");
    t.wait_text("[x] 1.");
    t.send("\t");
    t.send("三级指标目标值偏低");
    t.wait_text("三级指标目标值偏低");
    t.send("\r");
    t.wait_text("已审 3/1373");
    t.wait_gone("空格选中");
    t.wait_text("#1 — 三级指标目标值偏低");

    // Approve the fifth.
    t.send("j");
    t.send("a");
    // Frames arrive in pieces; the status line is the bottom row, so once it
    // names the approved project the tally bar above it is complete.
    let screen = t.wait_for(
        "the tally after approving 2021-001-0005",
        |s| s.contains("已保存 2021-001-0005") && s.contains("已审 4/1373"),
        common::pty::TIMEOUT,
    );
    let bar = tally_bar(&screen);

    t.quit_ok();

    let v = tally_json(&db);
    assert_eq!(bar.decided, "4/1373");
    assert_eq!(no_commas(&bar.requested), json_str(&v, "requested"));
    assert_eq!(
        no_commas(&bar.approved),
        json_str(&v, "approved"),
        "screen 审定 vs tally json"
    );
    assert_eq!(
        no_commas(&bar.cut),
        json_str(&v, "cut"),
        "screen 审减 vs tally json"
    );
    assert_eq!(
        bar.rate.trim_end_matches('%'),
        json_str(&v, "cut_rate"),
        "screen 审减率 vs tally json"
    );
    assert!(bar.rate.ends_with('%'), "rate shown as a percentage");
    assert_eq!(v["decided"], 4, "{v}");
    let c = &v["counts"];
    assert_eq!(c["cut"], 1, "{c}");
    assert_eq!(c["cancelled"], 1, "{c}");
    assert_eq!(c["adjusted"], 1, "{c}");
    assert_eq!(
        c["approved"], 2,
        "adjusting a pending project approves it: {c}"
    );
    assert_eq!(c["pending"], 1369, "{c}");
}

#[test]
fn decisions_show_on_their_rows() {
    // The same keys at 80×24, reading each row back: the state column says
    // what was done to which project.
    let (dir, db) = demo_meeting();
    let mut t = open_zh(dir.path(), &db, 80, 24);
    t.wait_text("2021-001-0001");
    start_cut(&mut t, "-15%");
    t.send("\r");
    // The row: code, name, requested, cut, state.
    let screen = t.wait_for(
        "row 2021-001-0001 to show the cut",
        |s| {
            s.contains("已审 1/1373")
                && s.lines()
                    .any(|row| row.starts_with("2021-001-0001") && row.contains("审减"))
        },
        common::pty::TIMEOUT,
    );
    let row = screen
        .lines()
        .find(|row| row.starts_with("2021-001-0001"))
        .unwrap();
    let figures: Vec<&str> = row
        .split_whitespace()
        .filter(|w| w.contains('.') && w.chars().all(|c| c.is_ascii_digit() || ",.".contains(c)))
        .collect();
    // Requested and cut; the approved amount between them where it fits.
    let (requested, cut) = match figures[..] {
        [requested, cut] | [requested, _, cut] => (requested, cut),
        _ => panic!("requested and cut on the row {row:?}"),
    };
    t.quit_ok();
    let v = tally_json(&db);
    assert_eq!(fen(json_str(&v, "cut")), fen(cut), "row {row:?} vs {v}");
    assert_eq!(
        fen(json_str(&v, "approved")) + fen(cut),
        fen(requested),
        "approved + cut = requested: {v}"
    );
    // 15% of the request, to the fen (half a fen of rounding either way).
    let want = fen(requested) * 15;
    assert!(
        (fen(cut) * 100 - want).abs() <= 50,
        "cut {cut} is 15% of {requested}"
    );
}

#[test]
fn bad_amount_says_why_in_place() {
    let (dir, db) = demo_meeting();
    let mut t = open_zh(dir.path(), &db, 120, 40);
    t.wait_text("2021-001-0001");
    t.send("c");
    t.wait_text("审定金额或审减");
    t.send("abc");
    t.wait_for(
        "the amount abc marked wrong",
        |s| s.contains("：abc") && s.contains("✗"),
        common::pty::TIMEOUT,
    );
    // Enter on a bad amount must not save; the error stays in the dialog.
    t.send("\r");
    t.wait_for(
        "the error to stay after Enter",
        |s| s.contains("审定金额或审减") && s.contains("✗"),
        common::pty::TIMEOUT,
    );
    // Keys are read in order: once Esc has closed the dialog, Enter has been
    // handled, and the screen shows what it did.
    t.send("\x1b");
    let screen = t.wait_gone("审定金额或审减");
    assert!(screen.contains("已审 0/1373"), "nothing decided:\n{screen}");
    assert!(!screen.contains("已保存"), "nothing saved:\n{screen}");
    t.quit_ok();
    let v = tally_json(&db);
    assert_eq!(v["decided"], 0, "{v}");
    assert_eq!(v["counts"]["pending"], 1373, "{v}");
}

#[test]
fn english_and_small_terminal() {
    let (dir, db) = demo_meeting();
    let mut t = Session::spawn(
        &["open", s(&db), "--lang", "en"],
        50,
        12,
        &[("LANG", "C.UTF-8")],
        dir.path(),
    );
    t.wait_text("Terminal too small");
    t.resize(100, 30);
    // The tally bar is drawn after the title and the list; wait for all.
    let screen = t.wait_for(
        "the list after growing to 100×30 (if the screen still says \"too \
         small\", the SIGWINCH was lost: huishen misses a resize that comes \
         right after its first frame)",
        |s| s.contains("requested") && s.contains("2021-001-0001") && s.contains("decided 0/1373"),
        common::pty::TIMEOUT,
    );
    assert!(!screen.contains("too small"), "{screen}");
    // No --as: the login is bound to the meeting's creator, 评审甲.
    assert!(
        screen.contains(&format!("reviewer {REVIEWER}")),
        "reviewer from the login's binding:\n{screen}"
    );
    t.quit_ok();
}

#[test]
fn not_a_tty() {
    let (dir, _db) = demo_meeting();
    let mut child = command(&["open", "m.db"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn huishen");
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().expect("try_wait") {
            break st;
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`huishen open` without a terminal hung for 10 s");
        }
        thread::sleep(Duration::from_millis(20));
    };
    let out = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!status.success(), "should fail without a terminal");
    assert!(
        stderr.to_lowercase().contains("terminal"),
        "the message says why: {stderr:?}"
    );
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("\x1b[?1049h"),
        "no alternate screen written to a pipe"
    );
}

#[test]
fn sigterm_restores_the_terminal() {
    let (dir, db) = demo_meeting();
    let t = open_zh(dir.path(), &db, 100, 30);
    t.wait_text("2021-001-0001");
    assert!(
        t.alternate_screen(),
        "the review screen uses the alternate screen"
    );
    assert_ne!(t.cooked(), Some(true), "the review screen runs the tty raw");
    let start = Instant::now();
    let exit = t.signal("TERM");
    assert!(start.elapsed() < Duration::from_secs(5));
    assert_eq!(
        exit.status.signal(),
        None,
        "handled SIGTERM, not killed by it"
    );
    exit.assert_terminal_restored();
    let v = tally_json(&db);
    assert_eq!(v["decided"], 0, "{v}");
}

#[test]
fn sighup_restores_the_terminal() {
    let (dir, db) = demo_meeting();
    let t = open_zh(dir.path(), &db, 100, 30);
    t.wait_text("2021-001-0001");
    let exit = t.signal("HUP");
    assert_eq!(exit.status.signal(), None, "handled SIGHUP");
    exit.assert_terminal_restored();
}

/// `huishen import` says what it imported in the reader's language, with
/// Chinese punctuation under zh.
#[test]
fn import_says_what_it_did() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = write(
        dir.path(),
        "p.csv",
        "项目编码,部门,项目名称,预算类型,申报金额（万元）\nP1,市委办公室,党史学习,一般公共预算,26.00\n",
    );
    let db = dir.path().join("m.db");
    let said = ok(&["import", s(&src), "--db", s(&db), "--lang", "zh"]);
    assert!(
        said.starts_with("已导入 1 个项目、0 条绩效指标 → "),
        "{said}"
    );
    let db = dir.path().join("n.db");
    let said = ok(&["import", s(&src), "--db", s(&db), "--lang", "en"]);
    assert!(
        said.starts_with("imported 1 projects, 0 indicators → "),
        "{said}"
    );
}
