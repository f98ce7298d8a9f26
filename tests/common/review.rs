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
