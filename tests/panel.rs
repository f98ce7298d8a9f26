//! Issue 13, "the panel reads it right": money on screen, the words of
//! every form, the manners of a long meeting, and the terminals it meets.
//! The screen is rendered into ratatui's TestBackend, as in
//! `tests/screen.rs`; the whole-screen snapshots of these items are
//! `tests/snapshots/panel__*.snap`, at 80×24 and 120×40, in Chinese and
//! English.

mod common;

use std::path::Path;

use huishen::app::{Action, App};
use huishen::i18n::Lang;
use huishen::import;
use huishen::keymap::Keymap;
use huishen::store::{Actor, Store};
use huishen::theme::{Colors, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn actor() -> Actor {
    Actor {
        name: "王审".into(),
        os_user: "wang".into(),
    }
}

/// The demo's 1373 projects, undecided, in `dir/meeting.db`.
fn demo_store(dir: &Path) -> Store {
    let projects = std::fs::read_to_string(common::data("demo-projects.csv")).unwrap();
    let indicators = std::fs::read_to_string(common::data("demo-indicators.csv")).unwrap();
    let sub = import::submission_from_csv_text(
        "demo-projects.csv",
        &projects,
        Some(("demo-indicators.csv", &indicators)),
    )
    .unwrap();
    let mut store = Store::open_or_create(&dir.join("meeting.db"), &actor()).unwrap();
    store.import_submission(&sub, &actor()).unwrap();
    store
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
        out += &mask_times(line.trim_end());
        out.push('\n');
    }
    out
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

fn typ(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

// ---------------------------------------------------------------------------
// 18. Ambiguous-width terminals.

/// With the ambiguous-width setting, nothing the program draws is a glyph
/// a wide-drawing terminal would take two cells for: the list, the cut
/// form with its error, the help, the history, the detail pane, in both
/// languages.
#[test]
fn ambiguous_wide_draws_nothing_a_terminal_may_widen() {
    use unicode_width::UnicodeWidthStr;
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), Lang::Zh, 120, 40);
    app.theme = Theme::new(Colors::None, true);
    key(&mut app, KeyCode::Char('c'));
    typ(&mut app, "-15%");
    key(&mut app, KeyCode::Enter);
    let mut screens = vec![screen(&app)];
    key(&mut app, KeyCode::Char('c'));
    typ(&mut app, "99999");
    key(&mut app, KeyCode::Enter);
    screens.push(screen(&app));
    key(&mut app, KeyCode::Esc);
    for lang in [Lang::Zh, Lang::En] {
        app.lang = lang;
        for k in ['?', 'h', 'f', 'b'] {
            key(&mut app, KeyCode::Char(k));
            screens.push(screen(&app));
            key(&mut app, KeyCode::Esc);
            if k == 'b' {
                key(&mut app, KeyCode::Char('b'));
            }
        }
    }
    for s in &screens {
        for c in s.chars().filter(|c| *c != '\n') {
            let t = c.to_string();
            assert_eq!(
                t.width(),
                t.width_cjk(),
                "{c:?} (U+{:04X}) in\n{s}",
                c as u32
            );
        }
    }
    assert!(
        screens[1].contains(">="),
        "the error's ≥ reads >=:\n{}",
        screens[1]
    );
    assert!(screens[2].contains("+-"), "the help's box:\n{}", screens[2]);
}

// ---------------------------------------------------------------------------
// 4. Every refusal in the reader's language.

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
