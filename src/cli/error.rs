//! The command line's one error: whatever stopped a command, as a fact.
//! `main` says it once (`words/cli.rs`) and exits with failure.

use std::path::PathBuf;

use crate::domain::money::AmountError;
use crate::domain::{Problem, Rounding};
use crate::export;
use crate::keymap::KeymapError;
use crate::store::StoreError;
use crate::tui;

#[derive(Debug)]
pub enum Error {
    /// The store refused or failed.
    Store(StoreError),
    /// A file the reader gave has problems; nothing was written.
    Problems(Vec<Problem>),
    /// An export refused or failed.
    Export(export::Error),
    /// The review screen could not start or had to stop.
    Screen(tui::Error),
    /// `keymap --check`: every problem of the file.
    Keymap(Vec<KeymapError>),
    /// `keymap`: the reader's file has problems (each already said on its
    /// own line), so the defaults are in force.
    KeymapDefaults,
    /// `new` onto a file that exists.
    Exists(PathBuf),
    /// `import --round` onto a meeting created with another unit.
    RoundingFixed {
        db: PathBuf,
        unit: Rounding,
        asked: Rounding,
    },
    /// A role that is not chair, member or observer.
    UnknownRole(String),
    /// `roster remove` or `set` of a name not on the roster.
    NotOnRoster(String),
    /// `roster add` of a name on the roster already.
    AlreadyOnRoster(String),
    /// `--os-user` names no login of this host.
    NoSuchLogin(String),
    /// The install's group could not be lowered or given up (a setgid
    /// install): nothing goes on with it.
    Privilege(nix::errno::Errno),
    /// `doctor` found the meeting exposed or broken for its mode (the
    /// report, already printed, says what).
    Doctor,
    /// `doctor --fix` of files not all the caller's: root's to do.
    FixNeedsRoot(PathBuf),
    /// A ceiling that is not an amount in 万元 (nor `none`).
    CeilingAmount { text: String, error: AmountError },
    /// A `--budget` without `TYPE=AMOUNT`.
    BudgetForm(String),
    /// A `--budget` whose type is no budget type.
    UnknownBudget { arg: String, name: String },
    /// `demo` could not create its meeting: the reason.
    Demo(Box<Error>),
    /// The demo's meeting file exists.
    DemoExists(PathBuf),
    /// The demo's own embedded files have problems (a bug, not the reader's).
    DemoFiles(Vec<Problem>),
    /// JSON output failed.
    Json(serde_json::Error),
    /// stdout was closed (`huishen log | head`): the command ends quietly,
    /// with success, and nothing is said.
    StdoutClosed,
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Error {
        Error::Store(e)
    }
}

impl From<Vec<Problem>> for Error {
    fn from(ps: Vec<Problem>) -> Error {
        Error::Problems(ps)
    }
}

impl From<export::Error> for Error {
    fn from(e: export::Error) -> Error {
        Error::Export(e)
    }
}

impl From<tui::Error> for Error {
    fn from(e: tui::Error) -> Error {
        Error::Screen(e)
    }
}

impl From<Vec<KeymapError>> for Error {
    fn from(errors: Vec<KeymapError>) -> Error {
        Error::Keymap(errors)
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Error {
        Error::Json(e)
    }
}
