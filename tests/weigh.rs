//! What reviewers weigh, on the real binary in a pseudo-terminal: reasons
//! picked by number in the cut form, a section head's own projects and `n`
//! to their next pending one, a department's ceiling going red and back.
//! Each ends by holding the screen against `huishen tally --json`.

mod common;

use std::path::PathBuf;

use common::pty::Session;
use common::review::{self, start_cut};
use common::*;

/// The reviewer at the keyboard, who made (and so chairs) the meeting.
const CHAIR: &str = "评审甲";

fn demo_meeting() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("m.db");
    demo(&db, &["--as", CHAIR]);
    (dir, db)
}

fn open(dir: &tempfile::TempDir, db: &std::path::Path) -> Session {
    open_at(dir, db, 120, 40)
}

fn open_at(dir: &tempfile::TempDir, db: &std::path::Path, cols: u16, rows: u16) -> Session {
    review::open_zh(db, CHAIR, cols, rows, &[], dir.path())
}

/// The reasons of `tally --json` that some project has, as (name, projects,
/// cut).
fn used_reasons(db: &std::path::Path) -> Vec<(String, u64, String)> {
    tally_json(db)["by_reason"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["projects"] != 0)
        .map(|r| {
            (
                r["reason"].as_str().unwrap().to_string(),
                r["projects"].as_u64().unwrap(),
                r["cut"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn reasons_are_ticked_by_number_before_the_comment() {
    let (dir, db) = demo_meeting();
    let mut t = open(&dir, &db);
    t.wait_text("已审 0/1373");
    start_cut(&mut t, "-15%");
    t.wait_text("[ ] 1 测算依据不充分");
    // Tab to the reasons; a digit ticks, again unticks.
    t.send("\t");
    t.send("1");
    t.wait_text("[x] 1 测算依据不充分");
    t.send("3");
    t.wait_text("[x] 3 上年执行率低");
    t.send("3");
    t.wait_text("[ ] 3 上年执行率低");
    t.send("5");
    t.wait_text("[x] 5 可整合或已有渠道保障");
    // Words typed begin the comment.
    t.send("依据不足");
    t.wait_text("依据不足");
    t.send("\r");
    t.wait_text("已保存 2021-001-0001");
    t.wait_text("已审 1/1373");
    // The detail pane says them.
    t.send("k");
    t.wait_text("审减原因：1. 测算依据不充分、5.");
    t.wait_text("（原因：测算依据不充分、可整合或已有渠");
    t.quit_ok();

    assert_eq!(
        used_reasons(&db),
        [
            ("测算依据不充分".to_string(), 1, "3.90".to_string()),
            ("可整合或已有渠道保障".to_string(), 1, "3.90".to_string()),
        ]
    );
}

#[test]
fn a_section_head_opens_on_their_sections_and_n_finds_their_next() {
    let (dir, db) = demo_meeting();
    ok(&[
        "sections",
        "--db",
        s(&db),
        "--reviewer",
        CHAIR,
        "--set",
        "国资股",
        "--as",
        CHAIR,
    ]);
    let mut t = open(&dir, &db);
    t.wait_text("只显示你负责的股室：国资股");
    t.wait_text("2021-052-0008");
    let screen = t.wait_gone("载入中");
    assert!(screen.contains("2021-052-0001"), "{screen}");
    assert!(!screen.contains("2021-001-0001"), "{screen}");
    t.wait_text("我的股室");
    t.send("a");
    t.wait_text("已保存 2021-052-0001");
    // Everything, from the top: `n` still goes to their own next.
    t.send("o");
    t.wait_text("显示全部项目");
    t.wait_text("我的股室 1/8");
    t.send("g");
    t.send("n");
    t.send("a");
    t.wait_text("已保存 2021-052-0002");
    t.wait_text("我的股室 2/8");
    // Back to theirs.
    t.send("o");
    t.wait_text("只显示你负责的股室");
    t.quit_ok();

    let j = tally_json(&db);
    let mine = j["by_section"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["section"] == "国资股")
        .unwrap();
    assert_eq!(mine["decided"], 2);
    assert_eq!(j["decided"], 2);
}

/// The colour of the cell where `mark` begins on the screen.
fn colour_at(t: &Session, mark: &str) -> Option<vt100::Color> {
    t.with_screen(|sc| {
        let (rows, cols) = sc.size();
        let (rows, cols) = (u16::from(rows), u16::from(cols));
        for r in 0..rows {
            // The row's text, and the cell each of its chars starts at.
            let mut line = String::new();
            let mut at_cell = Vec::new();
            for c in 0..cols {
                let Some(cell) = sc.cell(r, c) else { continue };
                if cell.is_wide_continuation() {
                    continue;
                }
                let text = cell.contents();
                let text = if text.is_empty() { " " } else { text };
                for _ in text.chars() {
                    at_cell.push(c);
                }
                line.push_str(text);
            }
            if let Some(at) = line.find(mark) {
                let ch = line[..at].chars().count();
                return sc.cell(r, at_cell[ch]).map(|x| x.fgcolor());
            }
        }
        None
    })
}

#[test]
fn a_department_over_its_ceiling_shows_red_until_cut_under_it() {
    let (dir, db) = demo_meeting();
    // 市委办公室 asks 253.00 万元 in all.
    let file = write(dir.path(), "c.csv", "部门,控制数\n市委办公室,240\n");
    ok(&[
        "ceiling",
        "--db",
        s(&db),
        "--departments",
        s(&file),
        "--as",
        CHAIR,
    ]);
    assert_eq!(tally_json(&db)["by_department"][0]["still_to_cut"], "13.00");

    // Wide: the ceiling in full after the department's figures.
    let mut t = open_at(&dir, &db, 240, 50);
    t.wait_text("已审 0/1373");
    t.send("b");
    t.wait_text("!! 控制数 240.00 预计 253.00 尚需审减 13.00");
    // The error colour (red where the terminal has colour), not the
    // list's own.
    let red = colour_at(&t, "!! 控制数").unwrap();
    assert_ne!(Some(red), colour_at(&t, "分类汇总"));
    // Narrower, the short form; narrower still, the mark before its name.
    t.resize(130, 50);
    t.wait_text("!! 尚需审减 13.00");
    t.resize(90, 40);
    t.wait_text("!!市委办公室");
    assert_eq!(colour_at(&t, "!!市委办公室"), Some(red));
    t.resize(240, 50);
    // Drawn again at the new size before the next key.
    t.wait_text("!! 控制数 240.00 预计 253.00 尚需审减 13.00");
    t.send("b");
    t.wait_gone("!! 控制数");
    // Cut 2021-001-0001 (26.00) to 10.00: 237.00, within.
    start_cut(&mut t, "10");
    t.send("\r");
    t.wait_text("已保存 2021-001-0001");
    t.send("b");
    let screen = t.wait_text("控制数 240.00 预计 237.00 在控制数内");
    assert!(!screen.contains("!!"), "{screen}");
    assert_ne!(colour_at(&t, "控制数 240.00"), Some(red));
    t.send("b");
    t.wait_gone("在控制数内");
    // The chair lowers it from the screen: over again.
    t.send("L");
    t.wait_text("控制数（万元，留空清除）");
    // The field holds the ceiling in force, selected: typing replaces it.
    t.wait_text("240.00");
    t.send("230\r");
    t.send("b");
    t.wait_text("!! 控制数 230.00 预计 237.00 尚需审减 7.00");
    t.quit_ok();

    let office = &tally_json(&db)["by_department"][0];
    assert_eq!(office["ceiling"], "230.00");
    assert_eq!(office["still_to_cut"], "7.00");
}
