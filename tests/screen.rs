//! The review screen, rendered into ratatui's TestBackend and compared with
//! insta snapshots: what the panel sees, as readable text.

mod common;

use std::path::Path;

use huishen::app::{Action, App};
use huishen::i18n::Lang;
use huishen::import;
use huishen::keymap::Keymap;
use huishen::store::{Actor, Store};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn demo_store(dir: &Path) -> Store {
    let db = dir.join("meeting.db");
    let projects = std::fs::read_to_string(common::data("demo-projects.csv")).unwrap();
    let indicators = std::fs::read_to_string(common::data("demo-indicators.csv")).unwrap();
    let sub = import::submission_from_csv_text(
        "demo-projects.csv",
        &projects,
        Some(("demo-indicators.csv", &indicators)),
    )
    .unwrap();
    let mut store = Store::open_or_create(&db, &actor()).unwrap();
    store.import_submission(&sub, &actor()).unwrap();
    store
}

fn actor() -> Actor {
    Actor {
        name: "王审".into(),
        os_user: "wang".into(),
    }
}

fn app(dir: &Path, lang: Lang, w: u16, h: u16) -> App {
    let mut app = App::new(demo_store(dir), actor(), lang, Keymap::default_keymap()).unwrap();
    app.theme = huishen::ui::Theme { color: false };
    app.update(Action::Resize(w, h));
    app
}

fn screen(app: &App) -> String {
    let (w, h) = app.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| huishen::ui::draw(f, app)).unwrap();
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out += line.trim_end();
        out.push('\n');
    }
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

#[test]
fn search_finds_chinese_substrings() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 100, 24);
    key(&mut app, KeyCode::Char('/'));
    typ(&mut app, "卫生");
    key(&mut app, KeyCode::Enter);
    assert!(!app.view.is_empty());
    assert!(app.view.len() < app.rows.len());
    for &i in &app.view {
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
