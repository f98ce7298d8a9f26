//! Every command's refusal in the reader's language (issue 13, item 4):
//! the real binary, each way a command can be refused, with `--lang zh`
//! and `--lang en`; the Chinese has no English sentence in it, the English
//! no Chinese one. (The words of each fact are tested one by one in
//! `src/words/tests.rs`.)

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::{bin, fixture, ok, s};

/// Runs `huishen ARGS --lang LANG` and insists on failure; its stderr.
fn refused(args: &[&str], lang: &str, cwd: &Path) -> String {
    let out = Command::new(bin())
        .args(args)
        .args(["--lang", lang])
        .current_dir(cwd)
        .env("LANG", "C.UTF-8")
        .env("USER", "tester")
        .env("TERM", "xterm-256color")
        .env("XDG_CONFIG_HOME", cwd.join(".config"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "{args:?} --lang {lang} succeeded");
    assert!(
        !err.trim().is_empty(),
        "{args:?} --lang {lang}: nothing said"
    );
    err
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

/// What is not quoted (a file's name, a value as typed) nor glossed in
/// parentheses.
fn words(s: &str) -> String {
    let mut out = String::new();
    let mut close: Option<char> = None;
    for c in s.chars() {
        match close {
            Some(end) if c == end => close = None,
            Some(_) => {}
            None => match c {
                '"' => close = Some('"'),
                '`' => close = Some('`'),
                '(' => close = Some(')'),
                c => out.push(c),
            },
        }
    }
    out
}

const ENGLISH: &[&str] = &[
    "the",
    "cannot",
    "not",
    "is",
    "are",
    "write",
    "use",
    "unknown",
    "must",
    "nothing",
    "no",
    "already",
    "exists",
    "expected",
    "such",
    "file",
    "directory",
    "error",
    "problem",
];

fn assert_zh(what: &str, err: &str) {
    assert!(err.chars().any(is_cjk), "{what}: no Chinese:\n{err}");
    // Paths and values are in the temp folder and quoted.
    let bare = words(err).to_lowercase();
    for w in bare.split(|c: char| !c.is_ascii_alphabetic()) {
        assert!(!ENGLISH.contains(&w), "{what}: English {w:?} in\n{err}");
    }
}

/// `err` without the headers a problem's place quotes from the file
/// (`column 项目编码 (A)`): the file's own words, not a sentence.
fn without_headers(err: &str) -> String {
    let mut out = String::new();
    let mut rest = err;
    while let Some(i) = rest.find("column ") {
        let (head, tail) = rest.split_at(i + "column ".len());
        out.push_str(head);
        match tail.find(" (") {
            Some(j) if tail[..j].chars().all(|c| !c.is_whitespace()) => rest = &tail[j..],
            _ => rest = tail,
        }
    }
    out + rest
}

fn assert_en(what: &str, err: &str) {
    let mut bare = words(&without_headers(err))
        .replace("万元", "")
        .replace("元", "");
    // Listed as what is accepted.
    for name in [
        "一般公共预算",
        "政府性基金预算",
        "国有资本经营预算",
        "社会保险基金预算",
    ] {
        bare = bare.replace(name, "");
    }
    for c in ['，', '；', '：', '。', '（'] {
        assert!(!bare.contains(c), "{what}: Chinese punctuation in\n{err}");
    }
    assert!(!bare.chars().any(is_cjk), "{what}: Chinese words in\n{err}");
}

#[test]
fn every_command_refuses_in_the_readers_language() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = d.join("m.db");
    ok(&["demo", "--db", s(&db), "--no-open", "--as", "tester"]);
    let db = s(&db);
    // Copied under plain names: a fixture's own name has English words.
    let keymap = d.join("k.toml");
    std::fs::copy(fixture("keymap/unknown-key.toml"), &keymap).unwrap();
    std::fs::copy(common::data("demo-projects.csv"), d.join("p.csv")).unwrap();
    let batch = d.join("b.csv");
    std::fs::copy(fixture("hostile/batch-cut-too-much.csv"), &batch).unwrap();
    let cases: Vec<(&str, Vec<&str>)> = vec![
        ("new onto a file", vec!["new", db]),
        ("an unknown stage", vec!["new", "n.db", "--stage", "foo"]),
        (
            "an unclear rounding unit",
            vec!["new", "n.db", "--round", "1"],
        ),
        (
            "an unknown rounding unit",
            vec!["new", "n.db", "--round", "5元"],
        ),
        (
            "another rounding unit",
            vec!["import", "p.csv", "--db", db, "--round", "1元"],
        ),
        (
            "a ceiling not an amount",
            vec!["ceiling", "--db", db, "--total", "lots"],
        ),
        (
            "a budget without =",
            vec!["ceiling", "--db", db, "--budget", "general"],
        ),
        (
            "an unknown budget",
            vec!["ceiling", "--db", db, "--budget", "x=1"],
        ),
        (
            "an unknown role",
            vec!["roster", "add", "Li", "--role", "boss", "--db", db],
        ),
        (
            "not on the roster",
            vec!["roster", "remove", "Nobody", "--db", db],
        ),
        ("not the chair", vec!["lock", "--db", db, "--as", "Nobody"]),
        (
            "a missing submission",
            vec!["import", "missing.csv", "--db", "i.db"],
        ),
        (
            "a bad batch",
            vec!["apply", "b.csv", "--db", db, "--as", "tester"],
        ),
        (
            "gbk for xlsx",
            vec!["export", "--db", db, "--encoding", "gbk"],
        ),
        (
            "no such folder",
            vec!["export", "--db", db, "--out", "nowhere/x.xlsx"],
        ),
        (
            "the database itself",
            vec!["export", "--db", db, "--out", db],
        ),
        ("a bad keymap", vec!["keymap", "--check", "k.toml"]),
        (
            "a missing keymap",
            vec!["keymap", "--check", "missing.toml"],
        ),
        ("a missing meeting", vec!["tally", "--db", "missing.db"]),
        ("a missing meeting's log", vec!["log", "--db", "missing.db"]),
        ("open without a terminal", vec!["open", db]),
        ("a demo onto a file", vec!["demo", "--db", db, "--no-open"]),
    ];
    for (what, args) in &cases {
        assert_zh(what, &refused(args, "zh", d));
        assert_en(what, &refused(args, "en", d));
    }
}
