//! Helpers shared by the integration tests: run the real binary.
#![allow(dead_code)]

pub mod pty;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_huishen")
}

/// Runs `huishen ARGS` in English with a fixed OS user.
pub fn huishen(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("USER", "tester")
        .env_remove("SUDO_USER")
        .output()
        .expect("run huishen")
}

/// Runs and insists on success; returns stdout.
pub fn ok(args: &[&str]) -> String {
    let out = huishen(args);
    assert!(
        out.status.success(),
        "huishen {args:?} failed:\nstdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Runs and insists on failure; returns stderr.
pub fn fails(args: &[&str]) -> String {
    let out = huishen(args);
    assert!(
        !out.status.success(),
        "huishen {args:?} should have failed:\nstdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stderr).expect("utf-8 output")
}

pub fn tally_json(db: &Path) -> serde_json::Value {
    serde_json::from_str(&ok(&["tally", "--db", db.to_str().unwrap(), "--json"]))
        .expect("tally json")
}

pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name)
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}
