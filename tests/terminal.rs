//! The terminals a panel meets: a 16-colour console, a 256-colour emulator,
//! NO_COLOR, `TERM=dumb`, and an SSH client that draws ambiguous-width
//! characters wide. The real binary in a pseudo-terminal, its raw output
//! read byte for byte (the escape codes are the point).

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{bin, ok, s};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Runs `huishen ARGS` in an 100×30 pty with `env` over a plain English
/// environment until its raw output holds `needle`, then quits with `q`;
/// returns everything it wrote.
fn raw_output(args: &[&str], env: &[(&str, &str)], cwd: &Path, needle: &str) -> Vec<u8> {
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(bin());
    cmd.args(args);
    cmd.cwd(cwd);
    for var in [
        "NO_COLOR",
        "COLORTERM",
        "LC_ALL",
        "LC_MESSAGES",
        "SUDO_USER",
    ] {
        cmd.env_remove(var);
    }
    cmd.env_remove(huishen::term::AMBIGUOUS_WIDE_VAR);
    cmd.env("LANG", "C.UTF-8");
    cmd.env("USER", "tester");
    cmd.env("XDG_CONFIG_HOME", cwd.join(".config"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = pair.slave.spawn_command(cmd).expect("spawn huishen");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");
    let out = Arc::new(Mutex::new(Vec::new()));
    let o = Arc::clone(&out);
    let thread = std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            o.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    let start = Instant::now();
    let has = |o: &Arc<Mutex<Vec<u8>>>| {
        let o = o.lock().unwrap();
        o.windows(needle.len()).any(|w| w == needle.as_bytes())
    };
    while !has(&out) {
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!(
                "no {needle:?} within 10 s:\n{}",
                String::from_utf8_lossy(&out.lock().unwrap())
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    writer.write_all(b"q").unwrap();
    writer.flush().unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(5) {
            let _ = child.kill();
            panic!("did not quit");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(pair.master);
    let _ = thread.join();
    out.lock().unwrap().clone()
}

fn demo(dir: &Path) -> String {
    let db = dir.join("m.db");
    ok(&["demo", "--db", s(&db), "--no-open", "--as", "tester"]);
    s(&db).to_string()
}

/// The parameters of every SGR sequence (`ESC[…m`) in `out`.
fn sgr(out: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(out);
    text.split("\x1b[")
        .skip(1)
        .filter_map(|rest| {
            let end = rest.find(|c: char| !(c.is_ascii_digit() || c == ';'))?;
            (rest[end..].starts_with('m')).then(|| rest[..end].to_string())
        })
        .collect()
}

/// Whether an SGR parameter list sets a colour.
fn sets_colour(params: &str) -> bool {
    params.split(';').any(|p| {
        matches!(
            p.parse::<u32>(),
            Ok(30..=37 | 40..=47 | 90..=97 | 100..=107 | 38 | 48)
        )
    })
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// crossterm writes every colour as a 256-colour index; a 16-colour
/// terminal gets the 16-colour codes instead, a 256-colour one the index.
#[test]
fn the_colours_follow_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let args = ["open", db.as_str()];
    for term in ["vt100", "linux", "screen"] {
        let out = raw_output(&args, &[("TERM", term)], dir.path(), "decided");
        assert!(!contains(&out, "\x1b[38;5;"), "{term}: a 256-colour code");
        assert!(!contains(&out, "\x1b[48;5;"), "{term}: a 256-colour code");
        // The title bar: black on cyan.
        assert!(contains(&out, "\x1b[30;46m"), "{term}: no 16-colour code");
    }
    let out = raw_output(&args, &[("TERM", "xterm-256color")], dir.path(), "decided");
    assert!(contains(&out, "48;5;24m"), "the title's 256-colour blue");
    let out = raw_output(
        &args,
        &[("TERM", "xterm-256color"), ("NO_COLOR", "1")],
        dir.path(),
        "decided",
    );
    let colours: Vec<String> = sgr(&out).into_iter().filter(|p| sets_colour(p)).collect();
    assert!(colours.is_empty(), "NO_COLOR, yet {colours:?}");
}

/// `TERM=dumb` cannot show the screen: refused with a line that says why
/// and what to do, in the reader's language, before anything is drawn.
#[test]
fn a_dumb_terminal_is_refused_in_the_readers_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    for (lang, want) in [
        ("en", "cannot run on TERM=dumb"),
        ("zh", "终端 TERM=dumb 不能显示审核界面"),
    ] {
        let out = std::process::Command::new(bin())
            .args(["open", &db, "--lang", lang])
            .env("TERM", "dumb")
            .env("USER", "tester")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(err.contains(want), "{lang}: {err}");
        assert!(err.contains("huishen tally"), "{lang}: {err}");
        assert!(!contains(&out.stdout, "\x1b[?1049h"), "nothing drawn");
    }
}

/// The ambiguous-width setting, by its flag, its variable or keymap.toml:
/// box lines in ASCII, and no glyph a wide-drawing terminal would widen.
#[test]
fn the_ambiguous_width_setting_draws_ascii_box_lines() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let keymap = dir.path().join("wide.toml");
    std::fs::write(&keymap, "[options]\nambiguous_wide = true\n").unwrap();
    let env = [("TERM", "xterm-256color")];
    type Run<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>);
    let runs: [Run; 3] = [
        (vec!["open", &db, "--ambiguous-wide"], env.to_vec()),
        (
            vec!["open", &db],
            vec![env[0], (huishen::term::AMBIGUOUS_WIDE_VAR, "1")],
        ),
        (vec!["open", &db, "--keymap", s(&keymap)], env.to_vec()),
    ];
    for (args, env) in runs {
        // `?` opens the help, a box.
        let mut args = args.clone();
        args.push("--lang");
        args.push("en");
        let out = raw_output(&args, &env, dir.path(), "decided");
        let text = String::from_utf8_lossy(&out);
        for glyph in ['│', '─', '·', '…', '→'] {
            assert!(!text.contains(glyph), "{args:?}: {glyph} drawn");
        }
        assert!(text.contains(" | "), "{args:?}: the title's separators");
    }
    // Without the setting: Unicode.
    let out = raw_output(&["open", &db, "--lang", "en"], &env, dir.path(), "decided");
    assert!(String::from_utf8_lossy(&out).contains(" · "));
}
