//! The review screen, rendered into ratatui's TestBackend and compared with
//! insta snapshots: what the panel sees, as readable text.
//!
//! One file for every screen because the snapshots in `tests/snapshots` are
//! named after it (`screen__…`); the later stages' form starts at its marker.

mod common;

use std::path::Path;

use huishen::app::{Action, App};
use huishen::domain::{Command, Kind, Stage};
use huishen::i18n::Lang;
use huishen::import;
use huishen::keymap::Keymap;
use huishen::store::{Actor, Bind, OpenMode, Role, Store};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn demo_store(dir: &Path) -> Store {
    common::demo_store(&dir.join("meeting.db"), &actor())
}

fn actor() -> Actor {
    common::actor("王审", "wang")
}

fn app(dir: &Path, lang: Lang, w: u16, h: u16) -> App {
    let mut app = App::new(demo_store(dir), actor(), lang, Keymap::default_keymap()).unwrap();
    app.theme = huishen::ui::Theme::plain();
    app.update(Action::Resize(w, h));
    app
}

fn screen(app: &App) -> String {
    let out = common::review::drawn(app);
    // Times change from run to run.
    let mut s = String::new();
    let re_time = |l: &str| -> String {
        let b = l.as_bytes();
        let mut o = String::new();
        let mut i = 0;
        while i < l.len() {
            if i + 16 <= b.len()
                && b[i..i + 4].iter().all(u8::is_ascii_digit)
                && b[i + 4] == b'-'
                && b[i + 10] == b' '
                && b[i + 13] == b':'
            {
                o += "YYYY-MM-DD hh:mm";
                i += 16;
            } else {
                let c = l[i..].chars().next().unwrap();
                o.push(c);
                i += c.len_utf8();
            }
        }
        o
    };
    for l in out.lines() {
        s += &re_time(l);
        s.push('\n');
    }
    s
}

fn key(app: &mut App, code: KeyCode) {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn typ(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

#[test]
fn list_at_80x24_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path(), Lang::Zh, 80, 24);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn list_at_160x48_with_detail() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 160, 48);
    key(&mut app, KeyCode::Down);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn list_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path(), Lang::En, 100, 24);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn detail_pane_after_decisions() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 80, 30);
    key(&mut app, KeyCode::Char('c'));
    typ(&mut app, "-15%");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "测算依据不充分");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter); // focus the detail pane
    insta::assert_snapshot!(screen(&app));
}

/// A small meeting that carries what reviewers weigh: last year's budget,
/// spending and rate, new or continuing, sections.
const WEIGHED_CSV: &str = "项目编码,部门,业务股室,项目名称,预算类型,申报金额（万元）,上年预算（万元）,上年执行数（万元）,上年执行率,新增/延续
A-01,教育局,教科文股,学生资助,一般公共预算,120.00,100.00,85.00,85%,延续
A-02,教育局,教科文股,校舍维修改造,一般公共预算,50.00,40.00,22.00,55%,延续
A-03,卫健委,社会保障股,党史学习教育专项经费,一般公共预算,30.00,,,,新增
A-04,卫健委,社会保障股,疫苗接种补助,一般公共预算,80.00,,,,
A-05,交通运输局,经济建设股,农村公路养护,政府性基金预算,300.00,320.00,310.40,97%,延续
";

/// The screen over [`WEIGHED_CSV`], the first project cut to 100 with
/// reasons 1 and 3 ticked.
fn weighed_app(dir: &Path, lang: Lang, w: u16, h: u16) -> App {
    let sub = import::submission_from_csv_text("weighed.csv", WEIGHED_CSV, None).unwrap();
    let store = common::store_of(&dir.join("weighed.db"), &sub, &actor());
    let mut app = App::new(store, actor(), lang, Keymap::default_keymap()).unwrap();
    app.theme = huishen::ui::Theme::plain();
    app.update(Action::Resize(w, h));
    key(&mut app, KeyCode::Char('c'));
    typ(&mut app, "100");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "13");
    typ(&mut app, "按上年执行数核减");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Up);
    app
}

/// The list's columns 新续, 执行率 and 增幅 and the detail pane's last year,
/// growth, new or continuing and reasons, in Chinese.
#[test]
fn list_and_detail_with_last_year_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let app = weighed_app(dir.path(), Lang::Zh, 160, 24);
    let s = screen(&app);
    for text in [
        "新续",
        "执行率",
        "增幅",
        "+20.00%",
        "上年",
        "1. 测算依据不充分、3. 上年执行率低",
    ] {
        assert!(s.contains(text), "{text}\n{s}");
    }
    insta::assert_snapshot!(s);
}

/// The same in English.
#[test]
fn list_and_detail_with_last_year_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let app = weighed_app(dir.path(), Lang::En, 160, 24);
    insta::assert_snapshot!(screen(&app));
}

/// The cancel form starts on the reasons: digits tick them, words typed
/// begin the comment, Enter cancels with both.
#[test]
fn the_cancel_form_takes_reasons_by_number() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 100, 30);
    key(&mut app, KeyCode::Char('x'));
    typ(&mut app, "46");
    let s = screen(&app);
    assert!(s.contains("[x] 4 与部门职能关联不紧密"), "{s}");
    assert!(s.contains("[x] 6 绩效目标不明确"), "{s}");
    assert!(s.contains("[ ] 1 测算依据不充分"), "{s}");
    typ(&mut app, "与职能无关");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("已保存 2021-001-0001 → 取消"), "{s}");
    assert!(
        s.lines().nth(2).unwrap().ends_with("意见"),
        "the comment: {s}"
    );
    let b = app.store.breakdown().unwrap();
    let used: Vec<(&str, u64, u64)> = b
        .by_reason
        .iter()
        .filter(|(_, f)| f.projects > 0)
        .map(|(r, f)| (r.as_str(), f.projects, f.counts.cancelled))
        .collect();
    assert_eq!(
        used,
        [("与部门职能关联不紧密", 1, 1), ("绩效目标不明确", 1, 1)]
    );
}

/// The meeting history (`h`, newest first) shows what a comment said,
/// wrapped under its words (never cut with `…`), and for the roster who was
/// added, changed or removed with what role.
#[test]
fn the_history_shows_comment_text_and_roster_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 80, 16);
    app.store
        .set_ceiling(None, Some("230000".parse().unwrap()), &actor())
        .unwrap();
    app.store
        .roster_add("李四", Role::Observer, Some("lisi"), &actor())
        .unwrap();
    app.store
        .roster_set("李四", Some(Role::Member), Bind::Keep, &actor())
        .unwrap();
    app.store.roster_remove("李四", &actor()).unwrap();
    app.store
        .add_comment(
            1,
            "测算依据不充分，请补充近三年同类项目的实际支出明细\n并说明单价标准的来源",
            &actor(),
        )
        .unwrap();
    app.update(Action::DbChanged);
    key(&mut app, KeyCode::Char('h'));
    let s = screen(&app);
    insta::assert_snapshot!(s);
    // The comment wraps inside the border, all of it.
    assert!(!s.contains('…'), "{s}");
    for want in [
        "意见 2021-001-0001：测算依据不充分，请补充近",
        "三年同类项目的实际支出明细 并说明单价标准的来",
        "名单移出 李四（评审）",
        "名单变更 李四（列席 → 评审）",
        "名单加入 李四（列席，登录账号 lisi）",
        "控制数 合计 230,000.00 万元",
    ] {
        assert!(s.contains(want), "{want}\n{s}");
    }

    app.lang = Lang::En;
    let s = screen(&app);
    for want in [
        "comment 2021-001-0001: 测算依据",
        "roster remove 李四 (member)",
        "roster change 李四 (observer → member)",
        "roster add 李四 (observer, login lisi)",
        "ceiling total 230,000.00 万元",
    ] {
        assert!(s.contains(want), "{want}\n{s}");
    }
}

/// The workbook's 审核日志 says of every event what the history on screen
/// says: each of its 操作, 项目编码, 新状态 and 说明 cells stands in the
/// event's line on screen.
#[test]
fn the_workbook_log_says_what_the_history_says() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 100, 20);
    let row = app.selected_row().unwrap().clone();
    app.store
        .decide(
            row.id,
            row.version,
            &Command::Cancel,
            Some("与 2021-001-0002 重复"),
            &actor(),
        )
        .unwrap();
    app.store
        .roster_add("李四", Role::Observer, Some("lisi"), &actor())
        .unwrap();
    app.store
        .roster_set("李四", Some(Role::Member), Bind::Keep, &actor())
        .unwrap();
    app.store
        .set_ceiling(
            Some(huishen::domain::BudgetType::General),
            Some("180000".parse().unwrap()),
            &actor(),
        )
        .unwrap();
    app.store.set_locked(true, &actor()).unwrap();
    app.update(Action::DbChanged);
    key(&mut app, KeyCode::Char('h'));
    // The history's lines, oldest first, as the workbook lists them.
    let s = screen(&app);
    let mut history: Vec<&str> = s
        .lines()
        .filter_map(|l| l.split_once(" 王审 (wang) ").map(|(_, what)| what))
        .map(|what| what.split('│').next().unwrap_or("").trim_end())
        .collect();
    history.reverse();

    let xlsx = dir.path().join("m.xlsx");
    huishen::export::export(
        &app.store,
        huishen::export::Format::Xlsx,
        &xlsx,
        huishen::export::Encoding::Utf8,
        Lang::Zh,
    )
    .unwrap();
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let log = wb.worksheet_range("审核日志").unwrap();
    let cells: Vec<Vec<String>> = log
        .rows()
        .skip(1)
        .map(|r| {
            [3, 4, 6, 7]
                .map(|c| match &r[c] {
                    Data::String(s) => s.clone(),
                    _ => String::new(),
                })
                .into_iter()
                .filter(|c| !c.is_empty())
                .collect()
        })
        .collect();
    assert_eq!(cells.len(), history.len(), "{s}\n{cells:?}");
    for (line, cells) in history.iter().zip(&cells) {
        for c in cells {
            assert!(line.contains(c.as_str()), "{c:?} is not in {line:?}");
        }
    }
    for want in [
        "2021-001-0001 待审 → 取消，审减 26.00 万元",
        "意见 2021-001-0001：与 2021-001-0002 重复",
        "名单变更 李四（列席 → 评审）",
        "控制数 一般公共预算 180,000.00 万元",
        "锁定会审",
    ] {
        assert!(history.contains(&want), "{want}\n{s}");
    }
}

#[test]
fn cut_input_shows_its_preview() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 80, 24);
    key(&mut app, KeyCode::Char('c'));
    typ(&mut app, "-15%");
    let s = screen(&app);
    assert!(s.contains("审定"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn an_invalid_cut_says_why_and_commits_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::En, 80, 24);
    let before = app.store.tally().unwrap();
    key(&mut app, KeyCode::Char('c'));
    typ(&mut app, "99999999");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("a cut must leave less than the request"), "{s}");
    assert_eq!(app.store.tally().unwrap(), before);
    insta::assert_snapshot!(s);
}

#[test]
fn the_cut_form_says_why_in_chinese_under_zh() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 120, 30);
    let before = app.store.tally().unwrap();
    key(&mut app, KeyCode::Char('c'));
    for (typed, reason) in [
        ("12x", "不是数字"),
        ("15%", "审减 15% 请写 -15%"),
        ("1.1234567", "精度超过分"),
        ("99999999", "审减后须少于申报"),
        ("-99999999", "审减金额超过申报金额"),
    ] {
        typ(&mut app, typed);
        key(&mut app, KeyCode::Enter);
        let s = screen(&app);
        assert!(s.contains(reason), "{typed}: {s}");
        assert!(
            !s.contains("not a number") && !s.contains("a cut must"),
            "{s}"
        );
        for _ in typed.chars() {
            key(&mut app, KeyCode::Backspace);
        }
    }
    assert_eq!(app.store.tally().unwrap(), before);
}

/// The character that starts at display column `col` of `line`, if one does.
fn char_at_column(line: &str, col: usize) -> Option<char> {
    let mut x = 0;
    for c in line.chars() {
        if x == col {
            return Some(c);
        }
        x += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if x > col {
            return None;
        }
    }
    None
}

/// A popup over Chinese names keeps its left border on every row, at any
/// width: a double-width character whose right half lay under the border
/// would hide it.
#[test]
fn a_popup_over_chinese_text_keeps_its_border() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 100, 30);
    key(&mut app, KeyCode::Char('?'));
    for w in 100..=131 {
        app.update(Action::Resize(w, 30));
        let s = screen(&app);
        let lines: Vec<&str> = s.lines().collect();
        let top = lines
            .iter()
            .position(|l| l.contains("┌ 帮助"))
            .expect("help box");
        let col = lines[top].split('┌').next().unwrap();
        let col = unicode_width::UnicodeWidthStr::width(col);
        let bottom = top
            + lines[top..]
                .iter()
                .position(|l| char_at_column(l, col) == Some('└'))
                .unwrap();
        for (y, l) in lines.iter().enumerate().take(bottom).skip(top + 1) {
            assert_eq!(
                char_at_column(l, col),
                Some('│'),
                "width {w}, row {y}:\n{s}"
            );
        }
    }
}

#[test]
fn help_lists_the_bindings_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::En, 100, 40);
    key(&mut app, KeyCode::Char('?'));
    let s = screen(&app);
    assert!(
        s.contains("approve as requested") && s.contains("ctrl-z"),
        "{s}"
    );
    insta::assert_snapshot!(s);
}

#[test]
fn too_small_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path(), Lang::Zh, 40, 10);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn decisions_move_the_tally_bar() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::En, 100, 24);
    key(&mut app, KeyCode::Char('a'));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('x'));
    key(&mut app, KeyCode::Enter);
    let t = app.store.tally().unwrap();
    assert_eq!(t.total.decided, 2);
    assert_eq!(t.total.counts.cancelled, 1);
    let s = screen(&app);
    assert!(s.contains("decided 2/1373"), "{s}");
    assert!(s.contains(&t.total.cut.wan_display()), "{s}");
}

/// The status line names each amount: a reader must not take the approved
/// amount for the cut.
#[test]
fn the_saved_message_names_the_cut_and_the_approved_amount() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 120, 30);
    let code = app.selected_row().unwrap().code.clone();
    let requested = app.selected_row().unwrap().requested;
    assert_eq!(requested.wan_display(), "26.00");
    key(&mut app, KeyCode::Char('c'));
    typ(&mut app, "-15%");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(
        s.contains(&format!("已保存 {code} → 审减 3.90 万元，审定 22.10 万元")),
        "{s}"
    );
    key(&mut app, KeyCode::Down);
    let code2 = app.selected_row().unwrap().code.clone();
    let requested2 = app.selected_row().unwrap().requested.wan_display();
    key(&mut app, KeyCode::Char('x'));
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(
        s.contains(&format!("已保存 {code2} → 取消，审减 {requested2} 万元")),
        "{s}"
    );
    key(&mut app, KeyCode::Char('u'));
    assert!(screen(&app).contains(&format!("已撤销：{code2} → 待审")));
}

/// The targets form moves with j/k like the list, says how to tick, and
/// saves the ticked indicators.
#[test]
fn the_targets_form_moves_with_j_and_ticks_with_space() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 120, 30);
    key(&mut app, KeyCode::Char('t'));
    assert!(screen(&app).contains("space 选中"), "{}", screen(&app));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('k'));
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "指标值偏低");
    key(&mut app, KeyCode::Enter);
    let row = app.selected_row().unwrap();
    let adjust = row.decision.adjust.as_ref().expect("saved");
    assert_eq!(adjust.indicators, vec![2]);
    assert_eq!(adjust.reason, "指标值偏低");
}

/// One key must not silently replace a decision on a shared screen: `a` on
/// a cut project asks first, and only the same key again approves it.
#[test]
fn approving_a_cut_project_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 120, 30);
    let code = app.selected_row().unwrap().code.clone();
    key(&mut app, KeyCode::Char('c'));
    typ(&mut app, "-15%");
    key(&mut app, KeyCode::Enter);
    let cut = app.store.tally().unwrap();
    key(&mut app, KeyCode::Char('a'));
    let s = screen(&app);
    assert!(
        s.contains(&format!(
            "{code} 现为「审减 3.90 万元，审定 22.10 万元」：再按 a 确认通过"
        )),
        "{s}"
    );
    assert_eq!(app.store.tally().unwrap(), cut, "nothing saved yet");
    // Another key in between drops the question.
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('k'));
    key(&mut app, KeyCode::Char('a'));
    assert_eq!(app.store.tally().unwrap(), cut, "asked again");
    key(&mut app, KeyCode::Char('a'));
    let t = app.store.tally().unwrap();
    assert_eq!(t.total.counts.approved, 1);
    assert_eq!(t.total.counts.cut, 0);
    // A pending project is approved at once.
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('a'));
    assert_eq!(app.store.tally().unwrap().total.counts.approved, 2);
}

#[test]
fn search_finds_chinese_substrings() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 100, 24);
    key(&mut app, KeyCode::Char('/'));
    typ(&mut app, "卫生");
    // The count shows while typing, before Enter.
    let last = screen(&app).lines().last().unwrap().to_string();
    assert!(last.starts_with("搜索：卫生"), "{last}");
    assert!(
        last.ends_with(&format!(" {}/{}", app.view.len(), app.rows.len())),
        "{last}"
    );
    key(&mut app, KeyCode::Enter);
    assert!(!app.view.is_empty());
    assert!(app.view.len() < app.rows.len());
    for i in &app.view {
        let r = &app.rows[i];
        assert!(
            r.name.contains("卫生") || r.department.contains("卫生") || r.code.contains("卫生")
        );
    }
}

#[test]
fn the_tally_bar_shows_the_ceiling_in_red_while_over() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 100, 24);
    app.store
        .set_ceiling(None, Some("300000".parse().unwrap()), &actor())
        .unwrap();
    app.update(Action::DbChanged);
    let s = screen(&app);
    assert!(s.contains("控制数 300,000.00 尚需审减 47,740.00"), "{s}");
    app.store
        .set_ceiling(None, Some("400000".parse().unwrap()), &actor())
        .unwrap();
    app.update(Action::DbChanged);
    assert!(screen(&app).contains("在控制数内"));
}

// ---------------------------------------------------------------------------
// Later stages: the stage decision form.

fn stage_app(dir: &Path, stage: Stage, lang: Lang, w: u16, h: u16) -> App {
    let store = common::stage_store(&dir.join("stage.db"), stage, &actor());
    let mut app = App::new(store, actor(), lang, Keymap::default_keymap()).unwrap();
    app.theme = huishen::ui::Theme::plain();
    app.update(Action::Resize(w, h));
    app
}

#[test]
fn at_a_later_stage_the_amount_and_kind_columns_sort_by_what_they_show() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = stage_app(dir.path(), Stage::PostEvaluation, Lang::Zh, 120, 40);
    let files = huishen::demo::stage_files(Stage::PostEvaluation);
    let batch =
        import::batch_from_csv_text_for("d.csv", &files.decisions_csv, Stage::PostEvaluation)
            .unwrap();
    app.store.apply_batch("d.csv", &batch, &actor()).unwrap();
    app.reload().unwrap();
    let amount = |app: &App, i: usize| app.rows[i].decision.stage.as_ref().map(|a| a.amount);
    // s, down to the amount column (7th), Enter: ascending.
    key(&mut app, KeyCode::Char('s'));
    for _ in 0..6 {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    let shown: Vec<_> = app.view.iter().map(|i| amount(&app, i)).collect();
    assert!(shown.iter().all(Option::is_some), "all decided");
    assert!(shown.windows(2).all(|w| w[0] <= w[1]), "{shown:?}");
    // The kind column groups the kinds.
    key(&mut app, KeyCode::Char('s'));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    let kinds: Vec<_> = app
        .view
        .iter()
        .map(|i| {
            let d = &app.rows[i].decision;
            (d.state, d.stage.as_ref().map(|a| a.kind))
        })
        .collect();
    assert!(kinds.windows(2).all(|w| w[0] <= w[1]), "{kinds:?}");
}

#[test]
fn monitoring_decides_through_the_stage_form() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = stage_app(dir.path(), Stage::Monitoring, Lang::Zh, 80, 24);
    key(&mut app, KeyCode::Char('t'));
    assert!(screen(&app).contains("事中绩效监控不调整绩效目标：按 c 作出本阶段的决定"));
    let before = app.store.stage_tally().unwrap();
    key(&mut app, KeyCode::Char('a'));
    assert!(screen(&app).contains("事中绩效监控没有「通过」：按 c 作出本阶段的决定"));
    assert_eq!(app.store.stage_tally().unwrap(), before);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('c'));
    key(&mut app, KeyCode::Char('2')); // 调减
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "300");
    // What the result is also used for: 1 ticks 改进管理.
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "养护里程未达标");
    let form = screen(&app);
    assert!(form.contains("→ 调减 300.00 万元"), "{form}");
    assert!(form.contains("[x] 1 改进管理  [ ] 2 完善制度"), "{form}");
    insta::assert_snapshot!("monitoring_stage_form", form);
    key(&mut app, KeyCode::Enter);

    let st = app.store.stage_tally().unwrap();
    assert_eq!((st.measures.management, st.measures.rules), (1, 0));
    let dec = st.get(Kind::Decrease);
    assert_eq!(
        (dec.count, dec.amount.wan_string()),
        (1, "300.00".to_string())
    );
    assert_eq!(st.adjusted_total().wan_string(), "300.00");
    let row = app.selected_row().unwrap();
    assert_eq!(&*row.code, "2021-JK-002");
    let a = row.decision.stage.as_ref().unwrap();
    assert_eq!(
        (a.kind, a.amount.wan_string()),
        (Kind::Decrease, "300.00".into())
    );
    assert_eq!(app.store.project_detail(row.id).unwrap().comments.len(), 1);
    let s = screen(&app);
    assert!(s.contains("调减 1/300.00"), "{s}");
    assert!(s.contains("已保存 2021-JK-002 → 调减 300.00 万元"), "{s}");
    insta::assert_snapshot!("monitoring_after_a_decrease", s);
}

#[test]
fn the_stage_form_refuses_what_the_store_would() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = stage_app(dir.path(), Stage::PostEvaluation, Lang::Zh, 100, 24);
    let before = app.store.stage_tally().unwrap();
    key(&mut app, KeyCode::Char('c'));
    // An amount over the request (the first project asks for 860).
    key(&mut app, KeyCode::Char('4')); // 调减
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "2000");
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("金额 2000.00 超过项目的 860.00 万元"));
    // A merge into a project the meeting does not have.
    key(&mut app, KeyCode::BackTab);
    key(&mut app, KeyCode::Char('5')); // 合并
    key(&mut app, KeyCode::Tab);
    for _ in 0..4 {
        key(&mut app, KeyCode::Backspace);
    }
    typ(&mut app, "100");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "2020-PJ-999");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("本次会审中没有项目 2020-PJ-999"), "{s}");
    assert_eq!(app.store.stage_tally().unwrap(), before);
    // Into itself.
    for _ in 0.."2020-PJ-999".len() {
        key(&mut app, KeyCode::Backspace);
    }
    typ(&mut app, "2020-PJ-004");
    assert!(screen(&app).contains("项目不能合并到自身"));
    assert_eq!(app.store.stage_tally().unwrap(), before);
    // A real target saves, with the project merged into.
    key(&mut app, KeyCode::Backspace);
    typ(&mut app, "5");
    key(&mut app, KeyCode::Enter);
    let row = app.selected_row().unwrap();
    let a = row.decision.stage.clone().unwrap();
    assert_eq!(a.kind, Kind::Merge);
    assert_eq!(a.amount.wan_string(), "100.00");
    assert_eq!(a.merged_into.as_deref(), Some("2020-PJ-005"));
    assert_eq!(app.store.stage_tally().unwrap().get(Kind::Merge).count, 1);
    // Opening the form again shows the decision as it stands.
    key(&mut app, KeyCode::Char('c'));
    let s = screen(&app);
    assert!(s.contains("→ 合并 100.00 万元 → 2020-PJ-005"), "{s}");
}

#[test]
fn the_stage_form_commits_against_the_version_it_opened_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = stage_app(dir.path(), Stage::Monitoring, Lang::Zh, 100, 24);
    key(&mut app, KeyCode::Char('c'));
    key(&mut app, KeyCode::Char('1')); // 调增
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "50");
    // Meanwhile another reviewer cancels the same project.
    let other = Actor {
        name: "李审".into(),
        os_user: "li".into(),
    };
    let mut store = Store::open(&dir.path().join("stage.db"), OpenMode::Existing).unwrap();
    store
        .roster_add("李审", Role::Member, None, &actor())
        .unwrap();
    let row = app.selected_row().unwrap().clone();
    store
        .decide(row.id, row.version, &Command::Cancel, None, &other)
        .unwrap();
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("未保存：2021-JK-001 已被 李审"), "{s}");
    let st = app.store.stage_tally().unwrap();
    assert_eq!(st.get(Kind::Increase).count, 0);
    assert_eq!(st.get(Kind::Cancel).count, 1);
}

/// What a freshly opened list shows for a search, sorted by approved amount
/// (largest first, ties in submission order): project ids.
fn fresh_list(db: &Path, search: &str) -> Vec<i64> {
    let store = Store::open(db, OpenMode::ReadOnly).unwrap();
    let mut rows: Vec<_> = store
        .project_rows()
        .unwrap()
        .into_iter()
        .filter(|r| {
            format!("{}\u{0}{}\u{0}{}", r.code, r.name, r.department)
                .to_lowercase()
                .contains(search)
        })
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.decision.approved));
    rows.iter().map(|r| r.id).collect()
}

#[test]
fn another_sessions_decisions_leave_the_list_as_a_fresh_open_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 100, 24);
    let db = dir.path().join("meeting.db");
    let mut other = Store::open(&db, OpenMode::Existing).unwrap();
    app.sort = Some((huishen::app::Column::Approved, true));
    key(&mut app, KeyCode::Char('/'));
    typ(&mut app, "局");
    key(&mut app, KeyCode::Enter);
    let mut step = 0u64;
    for round in 0..40 {
        // One to three decisions between two looks at the database.
        for _ in 0..1 + round % 3 {
            step += 1;
            let rows = other.project_rows().unwrap();
            let r = &rows[(step * 7919 % rows.len() as u64) as usize];
            let command = match step % 4 {
                0 => Command::Approve,
                1 => Command::Cut(
                    r.requested
                        .percent(rust_decimal::Decimal::from(step % 9 * 10)),
                ),
                2 => Command::Cancel,
                _ => Command::Reset,
            };
            let _ = other.decide(r.id, r.version, &command, None, &actor());
        }
        app.update(Action::DbChanged);
        let shown: Vec<i64> = app.view.iter().map(|i| app.rows[i].id).collect();
        assert_eq!(shown, fresh_list(&db, "局"), "round {round}");
        let fresh = Store::open(&db, OpenMode::ReadOnly).unwrap();
        assert_eq!(app.rows, fresh.project_rows().unwrap(), "round {round}");
    }
    // Without the search: every row, in the order kept up along the way.
    key(&mut app, KeyCode::Char('/'));
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Enter);
    let shown: Vec<i64> = app.view.iter().map(|i| app.rows[i].id).collect();
    assert_eq!(shown, fresh_list(&db, ""));
}

/// A comment longer than its box wraps inside it: the panel reads the
/// whole text, not its last width scrolled sideways, and the words saved
/// are the words typed (no line breaks added).
#[test]
fn a_long_comment_wraps_in_its_box() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 100, 30);
    let code = app.selected_row().unwrap().code.clone();
    let text = "项目测算依据不充分，建议压减工作经费，并进一步细化绩效指标，\
                明确产出数量和质量要求，确保资金使用效益。另外请部门补充说明以前年度结转资金情况。";
    key(&mut app, KeyCode::Char('m'));
    typ(&mut app, text);
    let s = screen(&app);
    assert!(
        s.contains("│项目测算依据不充分"),
        "the start is shown:\n{s}"
    );
    assert!(s.contains("结转资金情况"), "the end is shown:\n{s}");
    key(&mut app, KeyCode::Enter);
    assert!(
        screen(&app).contains(&format!("已保存意见：{code}")),
        "{}",
        screen(&app)
    );
    // In the detail pane every line of it keeps its indent under the author.
    app.update(Action::Resize(160, 40));
    let s = screen(&app);
    let pane: Vec<&str> = s
        .lines()
        .filter_map(|l| l.split_once('│').map(|(_, r)| r))
        .collect();
    let first = pane
        .iter()
        .position(|l| l.starts_with("  项目测算依据"))
        .unwrap_or_else(|| panic!("the comment in the pane:\n{s}"));
    let last = pane
        .iter()
        .position(|l| l.contains("结转资金情况"))
        .unwrap_or_else(|| panic!("the comment's end in the pane:\n{s}"));
    assert!(last > first, "{s}");
    for l in &pane[first..=last] {
        assert!(l.starts_with("  ") && !l.starts_with("   "), "{l:?}\n{s}");
    }
    let store = Store::open(&dir.path().join("meeting.db"), OpenMode::Existing).unwrap();
    let id = store.project_rows().unwrap()[0].id;
    let detail = store.project_detail(id).unwrap();
    assert_eq!(detail.comments[0].body, text);
}

/// The tally panel (`b`) fits an 80-column screen: every column, the
/// pending count last, in full; its columns keep their width as decisions
/// come in.
#[test]
fn the_tally_panel_fits_80_columns() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 80, 30);
    key(&mut app, KeyCode::Char('b'));
    let s = screen(&app);
    let head = s
        .lines()
        .find(|l| l.contains("审减率"))
        .unwrap_or_else(|| panic!("no heading:\n{s}"));
    assert!(head.ends_with("取消 调整 待审"), "{head:?}\n{s}");
    let general = s.lines().find(|l| l.starts_with("一般公共预算")).unwrap();
    assert!(general.ends_with(" 0 1277"), "{general:?}");
    // The panel has the keys while it is open: close it, cut, open it.
    key(&mut app, KeyCode::Char('b'));
    key(&mut app, KeyCode::Char('c'));
    typ(&mut app, "-15%");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('b'));
    let after = screen(&app);
    let head_after = after.lines().find(|l| l.contains("审减率")).unwrap();
    assert_eq!(head_after, head, "{after}");
    let general = after
        .lines()
        .find(|l| l.starts_with("一般公共预算"))
        .unwrap();
    assert!(
        general.contains(" 3.90 ") && general.ends_with(" 0 1276"),
        "{general:?}"
    );
}

/// The meeting history scrolls from the newest event to the oldest and no
/// further: End shows the first event (the import) at the top, Down past it
/// leaves it there, Home is back at the newest.
#[test]
fn the_history_scrolls_to_its_oldest_event_and_stops() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 100, 24);
    for _ in 0..40 {
        key(&mut app, KeyCode::Char('a'));
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Char('h'));
    let top = screen(&app);
    let newest = top.lines().nth(2).unwrap();
    assert!(newest.contains(" 通过 "), "the newest first:\n{top}");
    assert!(!top.contains("导入申报"), "{top}");
    key(&mut app, KeyCode::End);
    let end = screen(&app);
    let first_event = end
        .lines()
        .nth(2)
        .unwrap_or_else(|| panic!("a line under the title:\n{end}"));
    assert!(
        first_event.contains("名单加入") || first_event.contains("导入申报"),
        "{end}"
    );
    for _ in 0..5 {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::PageDown);
    assert_eq!(screen(&app), end, "no scrolling past the oldest event");
    key(&mut app, KeyCode::Up);
    assert_ne!(screen(&app), end, "one line back up");
    key(&mut app, KeyCode::Home);
    assert_eq!(screen(&app), top);
}

/// An open history shows what the log holds now: another session's
/// decision appears at its top while it is open; scrolled down, the lines
/// in view stay where they were.
#[test]
fn an_open_history_takes_in_another_sessions_events() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 100, 24);
    let db = dir.path().join("meeting.db");
    let mut other = Store::open(&db, OpenMode::Existing).unwrap();
    key(&mut app, KeyCode::Char('a'));
    key(&mut app, KeyCode::Char('h'));
    let rows = other.project_rows().unwrap();
    let r = &rows[5];
    other
        .decide(r.id, r.version, &Command::Cancel, None, &actor())
        .unwrap();
    app.update(Action::DbChanged);
    let s = screen(&app);
    let newest = s.lines().nth(2).unwrap();
    assert!(
        newest.contains(&format!("{} 待审 → 取消", r.code)),
        "the other session's cancel on top:\n{s}"
    );
    // Scrolled one line down, a new event leaves the view as it was.
    key(&mut app, KeyCode::Down);
    let before = screen(&app);
    let r = &rows[6];
    other
        .decide(r.id, r.version, &Command::Approve, None, &actor())
        .unwrap();
    app.update(Action::DbChanged);
    assert_eq!(screen(&app), before);
    key(&mut app, KeyCode::Home);
    assert!(
        screen(&app).lines().nth(2).unwrap().contains(&*r.code),
        "{}",
        screen(&app)
    );
}

/// On an 80-column terminal, what a reviewer must read is not cut off:
/// why the screen is read-only (the meeting's title gives way), who changed
/// a project to what and when (the status line wraps, the selection stays
/// in view), and how much must still be cut to meet the ceiling.
#[test]
fn an_80_column_screen_says_it_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 80, 24);
    app.store
        .set_title("2021年部门预算绩效目标会审（演示）", &actor())
        .unwrap();
    app.store
        .set_ceiling(None, Some("300000".parse().unwrap()), &actor())
        .unwrap();
    app.store
        .roster_add("李审", Role::Member, None, &actor())
        .unwrap();
    app.update(Action::DbChanged);
    let s = screen(&app);
    assert!(s.contains("控制数 300,000.00 尚需审减 47,740.00"), "{s}");

    // Someone else approves the last row on screen while the cut form is
    // open on it.
    let rows = app.list_capacity();
    for _ in 1..rows {
        key(&mut app, KeyCode::Down);
    }
    let code = app.selected_row().unwrap().code.clone();
    let id = app.selected_row().unwrap().id;
    key(&mut app, KeyCode::Char('c'));
    typ(&mut app, "-1");
    let mut other = Store::open(&dir.path().join("meeting.db"), OpenMode::Existing).unwrap();
    let li = Actor {
        name: "李审".into(),
        os_user: "li".into(),
    };
    other.decide(id, 0, &Command::Approve, None, &li).unwrap();
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    let s = screen(&app);
    let text: String = s.lines().map(str::trim_end).collect();
    assert!(
        text.contains(&format!(
            "未保存：{code} 已被 李审 于 YYYY-MM-DD hh:mm 改为「通过 "
        )) && text.contains("」，请按最新状态重新决定"),
        "the refusal is cut off:\n{s}"
    );
    assert!(
        s.lines()
            .any(|l| l.starts_with(&*code) && l.contains("通过")),
        "the selected row left the screen:\n{s}"
    );

    // The chair locks the meeting: the title bar says so in full.
    app.store.set_locked(true, &actor()).unwrap();
    app.update(Action::DbChanged);
    let s = screen(&app);
    let title = s.lines().next().unwrap();
    assert!(
        title.contains("· 评审人 王审 · 只读：会审已由主持人锁定"),
        "{title}"
    );
    assert!(title.contains("· 2021年部门预算"), "{title}");
}

/// A later stage's tally bar names every kind at 80 columns, on as many
/// lines as it takes.
#[test]
fn a_later_stage_tally_bar_names_every_kind_at_80_columns() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = stage_app(dir.path(), Stage::PostEvaluation, Lang::Zh, 80, 24);
    let files = huishen::demo::stage_files(Stage::PostEvaluation);
    let batch =
        import::batch_from_csv_text_for("d.csv", &files.decisions_csv, Stage::PostEvaluation)
            .unwrap();
    app.store.apply_batch("d.csv", &batch, &actor()).unwrap();
    app.update(Action::DbChanged);
    let s = screen(&app);
    // The report's figures: 1 cancelled (1000), 4 merged (2990.9), …
    for word in [
        "收回结余 3/47.95",
        "维持 11/5,088.00",
        "增加 9/2,250.76",
        "调减 10/2,762.21",
        "合并 4/2,990.90",
        "取消 1/1,000.00",
    ] {
        assert!(s.contains(word), "{word} is cut off:\n{s}");
    }
}

/// At a later stage a refused decision says what the other session decided
/// in that stage's words (调减 420.50 万元), not as a target review's 通过.
#[test]
fn a_later_stage_conflict_names_the_kind_and_amount() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = stage_app(dir.path(), Stage::Monitoring, Lang::Zh, 120, 30);
    let mut other = Store::open(&dir.path().join("stage.db"), OpenMode::Existing).unwrap();
    let r = other.project_rows().unwrap()[0].clone();
    key(&mut app, KeyCode::Char('c'));
    key(&mut app, KeyCode::Char('2')); // 调减
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "100");
    let command = Command::Stage {
        stage: Stage::Monitoring,
        code: r.code.to_string(),
        command: huishen::domain::stage::StageCommand {
            kind: Kind::Decrease,
            amount: Some("120.5".parse().unwrap()),
            merged_into: None,
            ..Default::default()
        },
    };
    other
        .decide(r.id, r.version, &command, None, &actor())
        .unwrap();
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    // The form and the status line say the same.
    // The form's message wraps inside it: its lines, joined.
    let at = s.lines().position(|l| l.contains("│✗ 未保存：")).unwrap();
    let form: String = s
        .lines()
        .skip(at)
        .take(3)
        .map(|l| {
            let inner = l.split('│').nth(1).unwrap_or("");
            inner.trim_end().to_string()
        })
        .collect();
    assert!(form.contains("改为「调减 120.50 万元」"), "{s}");
    let status = s.lines().find(|l| l.starts_with("未保存：")).unwrap();
    assert!(status.contains("改为「调减 120.50 万元」"), "{s}");
}
