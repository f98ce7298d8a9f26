//! A terminal that draws East Asian ambiguous-width characters wide (item
//! 18): the setting draws nothing it would widen. Colours and TERM=dumb
//! are the binary's, in `tests/terminal.rs`; the palette is `theme.rs`'s.

use huishen::theme::{Colors, Theme};

use super::*;

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
