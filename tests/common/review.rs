//! The review screen in a pseudo-terminal, as the Chinese sessions drive
//! it: open a meeting, start a cut and wait for its preview.

use std::path::Path;

use super::pty::{Session, TIMEOUT};
use super::s;

/// `huishen open DB --as WHO --lang zh` at `cols`×`rows` in `cwd`, under a
/// Chinese locale (`LANG=zh_CN.UTF-8`) and more environment from `env`.
pub fn open_zh(
    db: &Path,
    who: &str,
    cols: u16,
    rows: u16,
    env: &[(&str, &str)],
    cwd: &Path,
) -> Session {
    let mut all = vec![("LANG", "zh_CN.UTF-8")];
    all.extend_from_slice(env);
    Session::spawn(
        &["open", s(db), "--as", who, "--lang", "zh"],
        cols,
        rows,
        &all,
        cwd,
    )
}

/// Opens the cut dialog on the selected row, types `amount`, and waits for
/// its preview.
pub fn start_cut(t: &mut Session, amount: &str) {
    t.send("c");
    t.wait_text("审定金额或审减");
    t.send(amount);
    t.wait_for(
        &format!("the cut preview of {amount:?}"),
        |s| {
            s.contains(&format!("：{amount}"))
                && s.lines()
                    .any(|l| l.contains("→ 审减") && l.contains("总审减率"))
        },
        TIMEOUT,
    );
}

/// The review screen `app` draws, as text: a line a row, trailing blanks
/// trimmed, a double-width character once.
pub fn drawn(app: &huishen::app::App) -> String {
    let (w, h) = app.size;
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
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
    out
}
