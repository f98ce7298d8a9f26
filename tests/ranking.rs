//! The review screen's views of the whole meeting (issue 15): the tally
//! panel (`b`) as a ranking of every department the panel works from —
//! sorted, scrolled, Enter showing only one department's projects — and
//! the board over the screen (`B`), following the meeting with it.

mod common;

use std::path::{Path, PathBuf};

use huishen::app::ranking::{RankBy, ranked};
use huishen::app::{Action, App};
use huishen::i18n::Lang;
use huishen::keymap::{Keymap, Mode};
use huishen::store::{Actor, OpenMode, Store};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use common::*;

/// The chair, at this login: the demo binds its creator to the login that
/// made it.
fn chair() -> Actor {
    actor("主持人", &login())
}

/// The demo meeting, decided, chaired by 主持人.
fn decided(dir: &Path) -> PathBuf {
    demo(&dir.join("m.db"), &["--decided", "--as", "主持人"])
}

fn open(db: &Path, lang: Lang, w: u16, h: u16) -> App {
    let store = Store::open(db, OpenMode::Existing).unwrap();
    let mut app = App::new(store, chair(), lang, Keymap::default_keymap()).unwrap();
    app.theme = huishen::ui::Theme::plain();
    app.update(Action::Resize(w, h));
    app
}

fn screen(app: &App) -> String {
    common::review::drawn(app)
}

fn key(app: &mut App, code: KeyCode) {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn ch(app: &mut App, c: char) {
    key(app, KeyCode::Char(c));
}

/// At 120 columns the ranking has the width the detail pane had: every
/// name whole, the figures, a bar of each cut rate; a header, the budgets
/// and the total; the selected project's department marked in the middle.
#[test]
fn the_tally_panel_ranks_every_department() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(&decided(dir.path()), Lang::Zh, 120, 40);
    ch(&mut app, 'b');
    assert_eq!(app.mode(), Mode::Tally);
    insta::assert_snapshot!("ranking_by_cut_120x40", screen(&app));
    // At 80 columns the figures stay whole and the names give way.
    app.update(Action::Resize(80, 24));
    insta::assert_snapshot!("ranking_by_cut_80x24", screen(&app));
}

/// `s` ranks by cut, cut rate, request, pending, then as submitted, the
/// same department staying selected; the keys move through every
/// department; Enter shows only the selected one's projects and gives the
/// list its keys back.
#[test]
fn the_ranking_sorts_scrolls_and_filters() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open(&decided(dir.path()), Lang::En, 120, 40);
    ch(&mut app, 'b');
    let n = app.tally.by_department.len();
    assert_eq!(n, 71);
    key(&mut app, KeyCode::Home);
    let top = ranked(&app.tally, RankBy::Cut)[0];
    assert_eq!(app.tally.by_department[top].0, "住房和城乡建设局");
    for (by, title) in [
        (RankBy::Rate, "departments by cut rate"),
        (RankBy::Requested, "departments by request"),
        (RankBy::Pending, "departments by pending"),
        (RankBy::Submitted, "departments as submitted"),
        (RankBy::Cut, "departments by cut"),
    ] {
        ch(&mut app, 's');
        assert_eq!(app.ranking.by, by);
        let s = screen(&app);
        assert!(s.contains(title), "{title}\n{s}");
        // the department selected before is selected still
        assert_eq!(ranked(&app.tally, by)[app.ranking.selected], top);
    }
    // every department reachable: the last one shows when selected
    key(&mut app, KeyCode::End);
    let last = ranked(&app.tally, RankBy::Cut)[n - 1];
    let name = app.tally.by_department[last].0.clone();
    assert!(screen(&app).contains(&name), "{name}");
    // Enter on the second largest cut: only its projects in the list
    key(&mut app, KeyCode::Home);
    key(&mut app, KeyCode::Down);
    let second = ranked(&app.tally, RankBy::Cut)[1];
    let (dept, f) = app.tally.by_department[second].clone();
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::List);
    assert!(!app.show_tally);
    assert_eq!(app.filter.department.as_deref(), Some(dept.as_str()));
    assert_eq!(app.view.len() as u64, f.projects);
    let s = screen(&app);
    assert!(
        s.contains(&format!("only {dept}: {} projects", f.projects)),
        "{s}"
    );
    // Esc in the list clears it again
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.view.len(), 1373);
}

/// `B` shows the board over the review screen and back; from the ranking
/// too. It follows the meeting: another session's decision shows on it.
#[test]
fn the_board_over_the_screen_follows_the_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(&dir.path().join("m.db"), &["--as", "主持人"]);
    let mut app = open(&db, Lang::En, 120, 40);
    let list = screen(&app);
    ch(&mut app, 'B');
    assert_eq!(app.mode(), Mode::Board);
    let s = screen(&app);
    assert!(
        s.contains("Review board") && s.contains("decided 0 / 1373"),
        "{s}"
    );
    assert!(s.contains("B back to the review"), "{s}");
    // another session decides
    apply_text(
        &db,
        "one.csv",
        &format!("{BATCH_HEADER}\n2021-001-0001,cut,22.10,\n"),
        &["--as", "主持人"],
    );
    app.update(Action::DbChanged);
    let s = screen(&app);
    assert!(s.contains("decided 1 / 1373"), "{s}");
    assert!(s.lines().any(|l| l.contains("主持人 2021-001-0001")), "{s}");
    // Tab turns the panels; B goes back to the screen as it was
    key(&mut app, KeyCode::Tab);
    ch(&mut app, 'B');
    assert_eq!(app.mode(), Mode::List);
    assert!(app.board.is_none());
    assert_eq!(screen(&app).lines().next(), list.lines().next());
    // from the ranking, B and back leaves the ranking open
    ch(&mut app, 'b');
    ch(&mut app, 'B');
    assert_eq!(app.mode(), Mode::Board);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Tally);
}
