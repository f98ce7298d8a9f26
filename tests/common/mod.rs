//! The harness every integration test shares: run the real binary
//! (this file), build meetings (`meeting`), read what a meeting file holds
//! (`db`), drive the screen in a pseudo-terminal (`pty`, and `review` for
//! the review screen's own moves), and generate property-test inputs
//! (`props`).
//!
//! Each test binary compiles all of it and uses a part, hence the
//! `dead_code` allowance.
#![allow(dead_code)]

pub mod db;
pub mod meeting;
pub mod props;
pub mod pty;
pub mod review;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[allow(unused_imports)]
pub use meeting::*;

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_huishen")
}

/// `huishen ARGS` as every test runs it, not yet started: English
/// (`LANG=C.UTF-8`, no `LC_*` overrides) and the OS user `tester`, whoever
/// runs the tests (no `SUDO_USER`). Change what a test needs before running
/// it (`.env("LANG", "zh_CN.UTF-8")`, `.current_dir(…)`, `.spawn()`).
pub fn command(args: &[&str]) -> Command {
    let mut cmd = Command::new(bin());
    cmd.args(args)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("USER", "tester")
        .env_remove("SUDO_USER");
    cmd
}

/// Runs `huishen ARGS` in English with a fixed OS user.
pub fn huishen(args: &[&str]) -> Output {
    command(args).output().expect("run huishen")
}

/// Runs and insists on success; returns stdout.
pub fn ok(args: &[&str]) -> String {
    succeeded(&format!("huishen {args:?}"), huishen(args))
}

/// Runs and insists on failure; returns stderr.
pub fn fails(args: &[&str]) -> String {
    refused(&format!("huishen {args:?}"), huishen(args))
}

/// The stdout of a run that must have succeeded (`what` names it).
pub fn succeeded(what: &str, out: Output) -> String {
    assert!(
        out.status.success(),
        "{what} failed:\nstdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// The stderr of a run that must have failed (`what` names it).
pub fn refused(what: &str, out: Output) -> String {
    assert!(
        !out.status.success(),
        "{what} should have failed:\nstdout: {}",
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

/// Writes `contents` to `dir/name`; returns the path.
pub fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    path
}

/// The login the binary records for these tests: the passwd name of the
/// real uid (or the sudo caller's, for root), as `huishen::host` takes it;
/// `$USER` is not evidence of it.
pub fn login() -> String {
    huishen::host::login()
}
