//! The words of forms and messages: every refusal in the reader's
//! language (4), a refused form that wraps and says what the status line
//! says (5), the history in the log's words (6), nothing called saved that
//! was not (7), forms that show what stands (8), the list's marks
//! explained (9).

use huishen::domain::Command;

use super::*;

// 4.
/// Each form's refusals, in Chinese and in English: the targets form
/// without a reason (English under zh before), the comment form empty, the
/// cut form's amounts.
#[test]
fn the_forms_refuse_in_the_readers_language() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 120, 40);
    let cases: [(char, &str, &str, &str); 5] = [
        (
            't',
            "",
            "调整绩效目标须写明理由",
            "an adjustment needs a reason",
        ),
        ('m', "", "意见为空", "the comment is empty"),
        ('c', "", "请输入金额", "type an amount"),
        ('c', "12x", "不是数字", "not a number"),
        (
            'c',
            "99999",
            "审减后须少于申报",
            "a cut must leave less than the request",
        ),
    ];
    for (form, typed, zh, en) in cases {
        for (lang, want, other) in [(Lang::Zh, zh, en), (Lang::En, en, zh)] {
            app.lang = lang;
            key(&mut app, KeyCode::Char(form));
            if form == 't' {
                key(&mut app, KeyCode::Char(' '));
                key(&mut app, KeyCode::Tab);
            }
            typ(&mut app, typed);
            key(&mut app, KeyCode::Enter);
            let s = screen(&app);
            assert!(s.contains(want), "{form} {typed:?} in {lang:?}:\n{s}");
            assert!(!s.contains(other), "{form} {typed:?} in {lang:?}:\n{s}");
            key(&mut app, KeyCode::Esc);
        }
    }
}

// 5.

/// A form refused after someone else's change says it inside the form,
/// wrapped (not cut at the box's edge), in the words of the status line,
/// and its preview's overall rate follows the meeting as it moves.
#[test]
fn a_refused_form_wraps_and_says_what_the_status_line_says() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 80, 24);
    let (mut other, li) = other(dir.path());
    key(&mut app, KeyCode::Char('c'));
    typ(&mut app, "-15%");
    let s = screen(&app);
    assert!(s.contains("总审减率 15.00%"), "{s}");
    // Someone cancels the second project while the form is open: the
    // overall rate moves at once, (3.90 + 23.00) ÷ (26.00 + 23.00).
    let rows = other.project_rows().unwrap();
    other
        .decide(rows[1].id, 0, &Command::Cancel, None, &li)
        .unwrap();
    app.update(Action::DbChanged);
    let s = screen(&app);
    assert!(s.contains("总审减率 54.90%"), "{s}");
    // And then approves the first, the one the form is on: Enter refused.
    other
        .decide(rows[0].id, 0, &Command::Approve, None, &li)
        .unwrap();
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    let at = s
        .lines()
        .position(|l| l.contains("│✗ "))
        .expect("the form's error");
    // Compared without spaces: a line broken at a space loses it.
    let bare = |t: &str| t.replace(' ', "");
    let said = bare(&in_box(&s, at, 3));
    let said = said
        .split("审减原因")
        .next()
        .unwrap()
        .split("审核意见")
        .next()
        .unwrap()
        .trim_start_matches('✗');
    assert!(!s.contains("以│"), "cut at the edge:\n{s}");
    assert!(
        said.ends_with("改为「通过26.00万元」；再按Enter覆盖，Esc放弃"),
        "{s}"
    );
    assert_eq!(bare(&status(&s, 2)), said, "{s}");
    // The approval counts now: 3.90 of 26.00 would replace it.
    assert!(s.contains("总审减率 54.90%"), "{s}");
    // Esc leaves the form; the status line then says what to do from the
    // list, not "Enter again".
    key(&mut app, KeyCode::Esc);
    let s = screen(&app);
    assert!(!status(&s, 2).contains("再按 Enter 覆盖"), "{s}");
    assert!(status(&s, 2).ends_with("请按最新状态重新决定"), "{s}");
}

// 6.

/// The history (`h`) says each decision from what to what, a cut with its
/// amount — as `huishen log` does — wraps a long line at 80 columns
/// instead of cutting it, and Enter goes to the project of the event at
/// its top.
#[test]
fn the_history_reads_as_the_log_and_enter_goes_to_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 80, 24);
    key(&mut app, KeyCode::Char('c'));
    typ(&mut app, "-15%");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('a'));
    key(&mut app, KeyCode::Char('a'));
    let long = "测算依据不充分，请补充近三年同类项目的实际支出明细并说明单价标准的来源以及绩效目标的测算过程";
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('j'));
    let third = app.selected_row().unwrap().code.clone();
    key(&mut app, KeyCode::Char('m'));
    typ(&mut app, long);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('g'));
    key(&mut app, KeyCode::Char('h'));
    let s = screen(&app);
    // Its lines, joined without spaces (a line broken at a space loses it).
    let text = in_box(&s, 1, 20).replace(' ', "");
    for want in [
        "2021-001-0001审减3.90万元，审定22.10万元→通过26.00万元",
        "2021-001-0001待审→审减3.90万元，审定22.10万元",
        "说明单价标准的来源以及绩效目标的测算过程",
    ] {
        assert!(text.contains(want), "{want}\n{s}");
    }
    assert!(!s.contains('…'), "a line cut:\n{s}");
    // The same words as `huishen log`.
    let log = common::ok(&[
        "log",
        "--db",
        common::s(&dir.path().join("meeting.db")),
        "--lang",
        "zh",
    ]);
    assert!(
        log.contains("2021-001-0001 审减 3.90 万元，审定 22.10 万元 → 通过 26.00 万元"),
        "{log}"
    );
    // Enter on the newest event (the comment on the third project) goes
    // there, and the history closes.
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay, huishen::forms::Overlay::None));
    assert_eq!(app.selected_row().unwrap().code, third);
    // Under a search that hides it, Enter still goes there.
    select(&mut app, "2021-001-0002");
    key(&mut app, KeyCode::Char('h'));
    for _ in 0..2 {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(&*app.selected_row().unwrap().code, "2021-001-0001");
}

// 7.

/// 已保存 only when something was saved: `r` on a pending project and `a`
/// on an approved one say there was nothing to change; a decision of
/// yours replaced by someone else a moment later says so, and by whom.
#[test]
fn nothing_is_called_saved_that_was_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 100, 30);
    key(&mut app, KeyCode::Char('r'));
    let s = screen(&app);
    assert!(s.contains("2021-001-0001 没有改动：已是「待审」"), "{s}");
    assert!(!s.contains("已保存"), "{s}");
    key(&mut app, KeyCode::Char('a'));
    assert!(screen(&app).contains("已保存 2021-001-0001 → 通过 26.00 万元"));
    key(&mut app, KeyCode::Char('a'));
    let s = screen(&app);
    assert!(
        s.contains("2021-001-0001 没有改动：已是「通过 26.00 万元」"),
        "{s}"
    );
    app.lang = Lang::En;
    key(&mut app, KeyCode::Char('a'));
    assert!(screen(&app).contains("2021-001-0001 unchanged: it already is approved 26.00 万元"));
    app.lang = Lang::Zh;

    // Saved, then replaced by 李审 a moment later.
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('x'));
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("已保存 2021-001-0002 → 取消"));
    let (mut other, li) = other(dir.path());
    let row = other.project_rows().unwrap()[1].clone();
    other
        .decide(row.id, row.version, &Command::Approve, None, &li)
        .unwrap();
    app.update(Action::DbChanged);
    let s = screen(&app);
    assert!(
        s.contains(
            "你刚保存的 2021-001-0002 已被 李审 于 YYYY-MM-DD hh:mm 改为「通过 23.00 万元」"
        ),
        "{s}"
    );
    assert!(!s.contains("已保存"), "{s}");
}

// 8.

/// Re-deciding starts from what stands: the cut form on a cut project
/// shows the cut, the cancel form says what it replaces.
#[test]
fn forms_show_the_decision_that_stands() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 100, 30);
    select(&mut app, "2021-001-0003");
    key(&mut app, KeyCode::Char('c'));
    assert!(screen(&app).contains("现为：待审"));
    typ(&mut app, "-17");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('c'));
    let s = screen(&app);
    assert!(s.contains("申报 47.00 万元"), "{s}");
    assert!(s.contains("现为：审减 17.00 万元，审定 30.00 万元"), "{s}");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('x'));
    let s = screen(&app);
    assert!(s.contains("现为：审减 17.00 万元，审定 30.00 万元"), "{s}");
    key(&mut app, KeyCode::Esc);
    app.lang = Lang::En;
    key(&mut app, KeyCode::Char('t'));
    let s = screen(&app);
    assert!(
        s.contains("now: cut 17.00 万元, approved 30.00 万元"),
        "{s}"
    );
}

// 9.

/// The marks after the state are headed in words a newcomer reads (not
/// 调意 / AC), and the help says what they and the amounts mean.
#[test]
fn the_marks_are_named_and_explained_in_help() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 80, 24);
    let s = screen(&app);
    let head = s.lines().nth(1).unwrap();
    assert!(head.ends_with(" 调整 意见"), "{head}");
    assert!(!s.contains("调意"));
    key(&mut app, KeyCode::Char('?'));
    let s = screen(&app);
    assert!(s.contains("调整  该项目的绩效目标已调整（按 t）"), "{s}");
    assert!(s.contains("意见  该项目有审核意见（按 m）"), "{s}");
    assert!(s.contains("已改  部门修改稿已导入，待确认（按 v）"), "{s}");
    app.lang = Lang::En;
    let s = screen(&app);
    assert!(
        s.contains("adj.  the project's performance targets are adjusted (key t)"),
        "{s}"
    );
    key(&mut app, KeyCode::Esc);
    let s = screen(&app);
    assert!(s.lines().nth(1).unwrap().ends_with("adj. notes"), "{s}");
}
