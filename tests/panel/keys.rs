//! Keys and forms for a long meeting: Ctrl-C in a form (10), a pasted
//! text (11), the help's end (12), the footer's help and quit (13), a
//! typed department filter and `n` under it (14), `+5` and `80万` (15),
//! save-and-next as one key (16).

use super::*;

// 10.

/// Ctrl-C inside a form closes the form and says how to quit; it quits
/// only from the list.
#[test]
fn ctrl_c_closes_a_form_and_quits_from_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 80, 24);
    for form in ['c', 'x', 't', 'm', 'f', 's', '/'] {
        key(&mut app, KeyCode::Char(form));
        assert_eq!(app.mode(), huishen::keymap::Mode::Input, "{form}");
        ctrl(&mut app, 'c');
        assert!(!app.quit, "{form}: quit from inside a form");
        assert_eq!(
            app.mode(),
            huishen::keymap::Mode::List,
            "{form}: still open"
        );
    }
    key(&mut app, KeyCode::Char('c'));
    ctrl(&mut app, 'c');
    assert!(screen(&app).contains("已关闭表单，未保存；退出请在列表中按 q"));
    assert_eq!(app.store.tally().unwrap().total.decided, 0);
    ctrl(&mut app, 'c');
    assert!(app.quit);
}

// 11.

/// A pasted comment keeps its line breaks, and a colour code in it goes
/// whole (no `[31m` debris); pasted into the amount it is one line.
#[test]
fn a_paste_keeps_its_lines_and_drops_whole_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 100, 30);
    key(&mut app, KeyCode::Char('m'));
    app.update(Action::Paste(
        "测算依据不充分\r\n\u{1b}[31m请补充\u{1b}[0m明细\n\u{1b}]0;title\u{7}第三行".into(),
    ));
    key(&mut app, KeyCode::Enter);
    let id = app.selected_row().unwrap().id;
    let body = app.store.project_detail(id).unwrap().comments[0]
        .body
        .clone();
    assert_eq!(body, "测算依据不充分\n请补充明细\n第三行");
    key(&mut app, KeyCode::Char('c'));
    app.update(Action::Paste("-1\n5%".into()));
    assert!(screen(&app).contains("：-1 5%"), "{}", screen(&app));
}

// 12.

/// `?` then `G`: the help's last line at the bottom of its box, not a
/// blank box; `g` back at its top.
#[test]
fn the_help_ends_on_its_last_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 80, 24);
    key(&mut app, KeyCode::Char('?'));
    let top = screen(&app);
    key(&mut app, KeyCode::Char('G'));
    let end = screen(&app);
    let inside: Vec<String> = end
        .lines()
        .filter(|l| l.matches('│').count() == 2)
        .map(|l| l.split('│').nth(1).unwrap().trim().to_string())
        .collect();
    assert!(
        inside.iter().filter(|l| !l.is_empty()).count() > 10,
        "a blank box:\n{end}"
    );
    // The last binding of [input] (pick) is on the last rows.
    let last_rows = inside[inside.len() - 3..].join("\n");
    assert!(last_rows.contains("按序号选择"), "{end}");
    for _ in 0..5 {
        key(&mut app, KeyCode::Char('j'));
    }
    assert_eq!(screen(&app), end, "scrolled past its end");
    key(&mut app, KeyCode::Char('g'));
    assert_eq!(screen(&app), top);
}

// 13.

/// Help and quit are always on the footer, at 80 columns in Chinese and
/// at 80 and 120 in English; the other hints give way.
#[test]
fn the_footer_always_shows_help_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 80, 24);
    for (lang, w, end) in [
        (Lang::Zh, 80, "? 帮助  q 退出"),
        (Lang::Zh, 60, "? 帮助  q 退出"),
        (Lang::En, 80, "? help  q quit"),
        (Lang::En, 120, "? help  q quit"),
    ] {
        app.lang = lang;
        app.update(Action::Resize(w, 24));
        let s = screen(&app);
        let footer = s.lines().last().unwrap();
        assert!(footer.ends_with(end), "{lang:?} {w}: {footer:?}");
        assert!(!footer.contains('…'), "{footer:?}");
    }
    // The detail pane's footer too.
    app.update(Action::Resize(80, 24));
    key(&mut app, KeyCode::Enter);
    assert!(
        screen(&app)
            .lines()
            .last()
            .unwrap()
            .ends_with("? help  q quit")
    );
}

// 14.

/// The department filter is typed into (教育 finds 教育局 among 71), and
/// under it `n` says none is pending *there*, and how many elsewhere.
#[test]
fn the_filter_is_typed_into_and_n_speaks_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 100, 30);
    key(&mut app, KeyCode::Char('f'));
    key(&mut app, KeyCode::Down);
    typ(&mut app, "教育");
    let s = screen(&app);
    assert!(s.contains("‹ 教育局 ›  输入：教育"), "{s}");
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    typ(&mut app, "市委办");
    assert!(screen(&app).contains("‹ 市委办公室 ›"));
    typ(&mut app, "没有这个");
    assert!(screen(&app).contains("（无匹配）"));
    key(&mut app, KeyCode::Enter);
    assert!(app.filter.is_empty(), "Enter on no match applies nothing");
    for _ in 0.."没有这个".chars().count() {
        key(&mut app, KeyCode::Backspace);
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.filter.department.as_deref(), Some("市委办公室"));
    assert_eq!(app.view.len(), 8);
    // Decide all 8; then n.
    for _ in 0..8 {
        key(&mut app, KeyCode::Char('a'));
        key(&mut app, KeyCode::Char('j'));
    }
    key(&mut app, KeyCode::Char('n'));
    let s = screen(&app);
    assert!(
        s.contains("筛选范围内没有待审项目（全部共有 1365 个待审；按 esc 清除筛选）"),
        "{s}"
    );
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(&*app.selected_row().unwrap().code, "2021-002-0001");
}

// 15.

/// `+5` in the cut form is refused, with why (it read as "approve 5.00",
/// a cut of 21.00 of 26.00); `80万` reads as 80, as import reads `26万`.
#[test]
fn a_plus_is_refused_and_wan_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 100, 30);
    key(&mut app, KeyCode::Char('c'));
    typ(&mut app, "+5");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(
        s.contains("审减不能增加申报金额：审定 80 写 80，审减 5 写 -5（不写 +）"),
        "{s}"
    );
    assert_eq!(app.store.tally().unwrap().total.decided, 0);
    key(&mut app, KeyCode::Esc);
    select(&mut app, "2021-003-0004");
    key(&mut app, KeyCode::Char('c'));
    typ(&mut app, "80万");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.selected_row().unwrap().decision.approved.wan_string(),
        "80.00"
    );
}

// 16.

/// Save and go to the next pending, one key (ctrl-n by default, bindable
/// as `confirm_next`): a cut with a comment and on.
#[test]
fn save_and_next_is_one_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 100, 30);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('a'));
    key(&mut app, KeyCode::Char('k'));
    key(&mut app, KeyCode::Char('c'));
    typ(&mut app, "-15%");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "压减");
    ctrl(&mut app, 'n');
    // Saved, and on the next pending project (the second is approved).
    assert_eq!(app.store.tally().unwrap().total.decided, 2);
    assert_eq!(&*app.selected_row().unwrap().code, "2021-001-0003");
    assert!(screen(&app).contains("已保存 2021-001-0001 → 审减 3.90 万元"));
    // Bound to another key in keymap.toml.
    let km = Keymap::with_overrides("[input]\nconfirm_next = [\"f5\"]\n", "k.toml").unwrap();
    app.keymap = km;
    key(&mut app, KeyCode::Char('x'));
    key(&mut app, KeyCode::F(5));
    assert_eq!(app.store.tally().unwrap().total.counts.cancelled, 1);
    assert_eq!(&*app.selected_row().unwrap().code, "2021-001-0004");
}
