//! Keymap files: every kind of mistake is reported with its file, line and
//! entry, through the library and through `huishen keymap --check`.

mod common;

use std::path::PathBuf;
use std::process::Output;

use common::{command, s};
use huishen::keymap::{Key, Keymap, KeymapError, Mode};

fn fixture(name: &str) -> PathBuf {
    common::fixture(&format!("keymap/{name}"))
}

fn check_errors(name: &str) -> Vec<KeymapError> {
    let path = fixture(name);
    let errors = Keymap::check_file(&path).expect_err(name);
    for e in &errors {
        assert_eq!(e.file, path.display().to_string(), "{e}");
    }
    errors
}

/// The one error of a fixture, checked for `name:line` and the entry.
fn single_error(name: &str, line: usize, entry: &str) -> KeymapError {
    let errors = check_errors(name);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = errors.into_iter().next().unwrap();
    let shown = e.to_string();
    assert_eq!(e.line, Some(line), "{shown}");
    assert_eq!(e.entry, entry, "{shown}");
    assert!(shown.contains(&format!("{name}:{line}: ")), "{shown}");
    assert!(shown.contains(entry), "{shown}");
    e
}

#[test]
fn good_file_passes_and_overrides_the_defaults() {
    let path = fixture("good.toml");
    Keymap::check_file(&path).unwrap();
    let (km, errors) = Keymap::load(Some(&path));
    assert!(errors.is_empty(), "{errors:?}");
    let key = |s: &str| Key::parse(s).unwrap();
    use huishen::app::action::Command as C;
    assert_eq!(km.lookup(Mode::List, key("y")), Some(C::Approve));
    assert_eq!(km.lookup(Mode::List, key("a")), None);
    assert_eq!(km.lookup(Mode::List, key("x")), None);
    assert_eq!(km.lookup(Mode::List, key("tab")), Some(C::NextPending));
    assert_eq!(km.lookup(Mode::List, key("ctrl-h")), Some(C::Help));
    assert_eq!(km.lookup(Mode::Detail, key("x")), Some(C::Cancel));
    assert_eq!(km.lookup(Mode::Input, key("ctrl-j")), None);
    assert_eq!(km.key_for(Mode::List, C::Approve), Some(key("y")));
}

#[test]
fn unknown_action() {
    let e = single_error("unknown-action.toml", 4, r#"[list] aprove = ["a"]"#);
    assert!(e.message.contains(r#"unknown action "aprove""#), "{e}");
    assert!(e.message.contains("approve"), "{e}");
    assert!(e.message.contains("known: up, down"), "{e}");
}

#[test]
fn unknown_key() {
    let e = single_error("unknown-key.toml", 5, r#"[detail] up = ["up", "ctrll-k"]"#);
    assert!(e.message.contains(r#""ctrll-k""#), "{e}");
    assert!(e.message.contains("accepted:"), "{e}");
}

#[test]
fn duplicate_key() {
    let e = single_error("duplicate-key.toml", 4, r#"[list] comment = ["a", "m"]"#);
    assert!(
        e.message.contains("approve") && e.message.contains("comment"),
        "{e}"
    );
    assert!(e.message.contains("line 3"), "{e}");
}

#[test]
fn bad_syntax() {
    let errors = check_errors("bad-syntax.toml");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = &errors[0];
    let shown = e.to_string();
    // The array opened on line 3 is never closed; the parser notices on line 4.
    let line = e.line.expect("a line");
    assert!((3..=4).contains(&line), "{shown}");
    assert!(
        shown.contains(&format!("bad-syntax.toml:{line}: ")),
        "{shown}"
    );
    assert!(!e.entry.is_empty(), "{shown}");
    assert!(e.message.contains("not valid TOML"), "{shown}");
}

#[test]
fn unknown_mode() {
    let e = single_error("unknown-mode.toml", 4, "[lists]");
    assert!(
        e.message
            .contains("known: global, list, detail, tally, board, input"),
        "{e}"
    );
}

#[test]
fn not_a_list() {
    let e = single_error("not-a-list.toml", 3, r#"[list] down = "j""#);
    assert!(e.message.contains(r#"down = ["j"]"#), "{e}");
}

#[test]
fn a_missing_file_is_an_error() {
    let path = fixture("no-such-keymap.toml");
    let errors = Keymap::check_file(&path).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].to_string().contains("no-such-keymap.toml"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_bad_file_loads_the_defaults_with_its_errors() {
    let (km, errors) = Keymap::load(Some(&fixture("unknown-action.toml")));
    assert_eq!(km, Keymap::default_keymap());
    assert_eq!(errors.len(), 1);
}

// ---- `huishen keymap` ----

/// `huishen ARGS` with a config folder of its own (no user keymap).
fn huishen(args: &[&str]) -> Output {
    let config = tempfile::tempdir().unwrap();
    command(args)
        .env("XDG_CONFIG_HOME", config.path())
        .output()
        .expect("run huishen")
}

#[test]
fn cli_check_reports_each_bad_file() {
    let cases = [
        ("unknown-action.toml", Some(4), r#"[list] aprove = ["a"]"#),
        (
            "unknown-key.toml",
            Some(5),
            r#"[detail] up = ["up", "ctrll-k"]"#,
        ),
        (
            "duplicate-key.toml",
            Some(4),
            r#"[list] comment = ["a", "m"]"#,
        ),
        ("unknown-mode.toml", Some(4), "[lists]"),
        ("not-a-list.toml", Some(3), r#"[list] down = "j""#),
        ("bad-syntax.toml", None, ""),
    ];
    for (name, line, entry) in cases {
        let path = fixture(name);
        let out = huishen(&["keymap", "--check", s(&path)]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        match line {
            Some(line) => assert!(
                stderr.contains(&format!("{name}:{line}: ")),
                "{name}: {stderr}"
            ),
            None => assert!(stderr.contains(&format!("{name}:")), "{name}: {stderr}"),
        }
        assert!(stderr.contains(entry), "{name}: {stderr}");
        // Each error on its own line, as the library words it.
        for e in Keymap::check_file(&path).unwrap_err() {
            assert!(
                stderr.lines().any(|l| l.contains(&e.to_string())),
                "{name}: {stderr}"
            );
        }
    }
}

#[test]
fn cli_check_accepts_the_good_file() {
    let out = huishen(&["keymap", "--check", s(&fixture("good.toml"))]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn cli_print_parses_back() {
    let out = huishen(&["keymap", "--print"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8(out.stdout).unwrap();
    let km = Keymap::with_overrides(&printed, "printed").unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(km, Keymap::default_keymap());
}
