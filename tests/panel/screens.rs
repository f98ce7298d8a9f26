//! Whole screens, as a reviewer reads them at 80×24 and 120×40 in Chinese
//! and English, after a few decisions: the list under a department filter
//! (amounts aligned, the tally bar's two lines, the footer), re-cutting a
//! cut project (what stands, the rounding), and the history.

use super::*;

/// A meeting a few decisions in: 0001 cut by 15% with a comment, 0002
/// cancelled, 0003's targets adjusted, 0004 approved; the list filtered to
/// 市委办公室, on the next pending project.
fn meeting(dir: &Path, lang: Lang, w: u16, h: u16) -> App {
    let mut app = app(dir, lang, w, h);
    key(&mut app, KeyCode::Char('c'));
    typ(&mut app, "-15%");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "测算依据不充分");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('x'));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('t'));
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "指标值偏低");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('a'));
    key(&mut app, KeyCode::Char('f'));
    key(&mut app, KeyCode::Down);
    typ(&mut app, "市委办");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('n'));
    app
}

#[test]
fn the_meeting_at_80x24_and_120x40_in_both_languages() {
    for (lang, w, h, name) in [
        (Lang::Zh, 80, 24, "meeting_80x24_zh"),
        (Lang::En, 80, 24, "meeting_80x24_en"),
        (Lang::Zh, 120, 40, "meeting_120x40_zh"),
        (Lang::En, 120, 40, "meeting_120x40_en"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let app = meeting(dir.path(), lang, w, h);
        snapshot(name, &screen(&app));
    }
}

#[test]
fn re_cutting_a_cut_project() {
    for (lang, w, h, name) in [
        (Lang::Zh, 80, 24, "recut_80x24_zh"),
        (Lang::En, 120, 40, "recut_120x40_en"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut app = meeting(dir.path(), lang, w, h);
        key(&mut app, KeyCode::Char('g'));
        key(&mut app, KeyCode::Char('c'));
        typ(&mut app, "-33.3%");
        snapshot(name, &screen(&app));
    }
}

#[test]
fn the_history() {
    for (lang, w, h, name) in [
        (Lang::En, 80, 24, "history_80x24_en"),
        (Lang::Zh, 120, 40, "history_120x40_zh"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut app = meeting(dir.path(), lang, w, h);
        key(&mut app, KeyCode::Char('h'));
        snapshot(name, &screen(&app));
    }
}
