//! What goes wrong in the store: the refusals and failures a caller sees,
//! as facts. Their words are in `crate::words::store`.

use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

use super::files::{Blocked, NotReady};
use crate::domain::stage::StageError;
use crate::domain::{DecisionError, Money, Problem, State};

/// Why an actor may not write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Denied {
    NotOnRoster(String),
    Observer(String),
    BoundTo {
        name: String,
        os_user: String,
        login: String,
    },
    Locked,
    NotChair(String),
    /// The meeting's only chair may not be removed or given another role:
    /// nobody could then lock, unlock or keep the roster.
    LastChair(String),
    /// The meeting lets members decide only their sections' projects, and
    /// this one (of this section, or of none) is not theirs.
    OutsideSections {
        code: String,
        section: Option<String>,
        mine: Vec<String>,
    },
    /// Acting under the login's own name (no `--as`), which is not on the
    /// roster and to which no name is bound: the names on the roster bound
    /// to no login (one of them may be the caller's).
    LoginNotOnRoster {
        login: String,
        unbound: Vec<String>,
    },
    /// No `--as`, and the login is bound to several names: which one?
    SeveralNames {
        login: String,
        names: Vec<String>,
    },
}

#[derive(Debug)]
pub enum StoreError {
    Missing(PathBuf),
    /// The caller's own ids may not reach the file: what is in the way.
    NoAccess(Box<Blocked>),
    /// A hardened meeting's files are not as huishen needs them.
    NotReady {
        path: PathBuf,
        problem: NotReady,
    },
    /// SQLite could not open the file (or its `-wal` or `-shm`).
    CannotOpen(PathBuf),
    NotADatabase(PathBuf),
    NewerSchema {
        path: PathBuf,
        found: i64,
    },
    /// Another session held the write lock for all of `BUSY_TIMEOUT`.
    Busy,
    ReadOnly,
    Problems(Vec<Problem>),
    Decision(DecisionError),
    Conflict(Box<Conflict>),
    UnknownProject(String),
    Denied(Denied),
    /// An operating-system error on a file, in the system's own words.
    Os {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The path names a folder, not a meeting file.
    Folder(PathBuf),
    /// A read-only session cannot read the file: its `-wal` holds commits
    /// not yet in it, and this login may not create the `-shm` beside it
    /// to read them.
    WalUnreadable(PathBuf),
    /// The file was deleted or replaced while the session had it open.
    Replaced(PathBuf),
    DiskFull,
    /// The disk could not be written; SQLite's error says how.
    DiskIo(rusqlite::Error),
    /// The file would not switch to WAL mode: the journal mode SQLite
    /// reported instead.
    NotWal {
        path: PathBuf,
        mode: String,
    },
    /// Undo found nothing of the reviewer's to undo.
    NothingToUndo,
    /// A reason's name, or a change to the list of reasons, refused.
    Reason(crate::domain::reason::ReasonError),
    /// No department of this name in the meeting.
    UnknownDepartment(String),
    /// No reviewer of this name on the roster.
    NoSuchReviewer(String),
    Sqlite(rusqlite::Error),
}

/// Someone else changed a project between the moment a reviewer saw it and
/// the moment they decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub code: String,
    pub by: String,
    /// When, as stored (UTC); `crate::time` words it in local time.
    pub at: String,
    pub state: State,
    pub approved: Money,
}

impl StoreError {
    /// An operating-system error on `path`.
    pub(super) fn os(path: &Path, error: std::io::Error) -> StoreError {
        StoreError::Os {
            path: path.to_path_buf(),
            error,
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::SystemIoFailure) => StoreError::DiskIo(e),
            _ => StoreError::Sqlite(e),
        }
    }
}

impl From<DecisionError> for StoreError {
    fn from(e: DecisionError) -> StoreError {
        StoreError::Decision(e)
    }
}

impl From<StageError> for StoreError {
    fn from(e: StageError) -> StoreError {
        StoreError::Decision(DecisionError::Stage(e))
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Why a session is read-only although it did not ask to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadOnlyWhy {
    /// This login may not write the file.
    NoWritePermission(PathBuf),
    /// Nor is there a `-wal` and `-shm` to read through, which it must not
    /// create (or may not, in a folder it may not write): the file is read
    /// as it is now, a snapshot; the screen follows the others once a
    /// writer has opened it.
    Snapshot(PathBuf),
}
