//! Issue 13, "the panel reads it right": money on screen (`money`), the
//! words of every form and message (`words`), the keys of a long meeting
//! (`keys`), the terminals it meets (`terminals`), and whole screens at
//! 80×24 and 120×40 in Chinese and English (`screens`, snapshots in
//! `tests/snapshots/panel__*.snap`). The screen is rendered into ratatui's
//! TestBackend, as in `tests/screen.rs`; this file is the harness.

#[path = "../common/mod.rs"]
mod common;

mod keys;
mod money;
mod screens;
mod terminals;
mod words;

use std::path::Path;

use huishen::app::{Action, App};
use huishen::i18n::Lang;
use huishen::keymap::Keymap;
use huishen::store::{Actor, OpenMode, Role, Store};
use huishen::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn actor() -> Actor {
    Actor {
        name: "王审".into(),
        os_user: "wang".into(),
    }
}

/// The demo's 1373 projects, undecided, in `dir/meeting.db`, chaired by
/// 王审.
fn demo_store(dir: &Path) -> Store {
    common::demo_store(&dir.join("meeting.db"), &actor())
}

/// Another reviewer, on the roster, deciding in a session of their own.
fn other(dir: &Path) -> (Store, Actor) {
    let li = common::actor("李审", "li");
    let mut chair = Store::open(&dir.join("meeting.db"), OpenMode::Existing).unwrap();
    chair
        .roster_add("李审", Role::Member, None, &actor())
        .unwrap();
    (chair, li)
}

fn open(store: Store, lang: Lang, w: u16, h: u16) -> App {
    let mut app = App::new(store, actor(), lang, Keymap::default_keymap()).unwrap();
    app.theme = Theme::plain();
    app.update(Action::Resize(w, h));
    app
}

fn app(dir: &Path, lang: Lang, w: u16, h: u16) -> App {
    open(demo_store(dir), lang, w, h)
}

/// The screen as text, a line a row, times masked.
fn screen(app: &App) -> String {
    common::review::drawn(app)
        .lines()
        .map(|l| mask_times(l) + "\n")
        .collect()
}

/// `2026-05-01 09:15` → `YYYY-MM-DD hh:mm`.
fn mask_times(l: &str) -> String {
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
}

fn key(app: &mut App, code: KeyCode) {
    app.update(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn ctrl(app: &mut App, c: char) {
    app.update(Action::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

/// Selects the project of `code` (a search, kept).
fn select(app: &mut App, code: &str) {
    key(app, KeyCode::Char('/'));
    typ(app, code);
    key(app, KeyCode::Enter);
    assert_eq!(app.selected_row().map(|r| &*r.code), Some(code));
}

/// The status line: the screen's last lines from the first that is not
/// the tally bar's, joined (a message wraps over up to three).
fn status(s: &str, lines: usize) -> String {
    let all: Vec<&str> = s.lines().collect();
    all[all.len() - lines..].concat()
}

/// The text inside a popup's border on the rows from `from` on, joined:
/// what a form says, however it wraps.
fn in_box(s: &str, from: usize, rows: usize) -> String {
    s.lines()
        .skip(from)
        .take(rows)
        .filter_map(|l| l.split('│').nth(1))
        .map(str::trim_end)
        .collect()
}

/// A whole-screen snapshot, `tests/snapshots/panel__NAME.snap`.
fn snapshot(name: &str, screen: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(format!("panel__{name}"), screen));
}

fn typ(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}
