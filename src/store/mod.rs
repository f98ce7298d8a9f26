//! The store: one SQLite file per meeting, and the only module that speaks SQL.
//!
//! Every write is one short `BEGIN IMMEDIATE` transaction, so concurrent
//! sessions queue on the write lock (within the busy timeout) instead of
//! failing half-way. Reads see the last committed state. The store keeps
//! the rules out: it reads what the domain needs, lets the domain decide,
//! and writes the outcome; it gives back facts (rows, refusals) and times as
//! stored, and leaves their words to `crate::words` and `crate::time`.
//!
//! - `files`: what the caller may do with a meeting's files, looked at
//!   before SQLite opens them
//! - `connection`: opening a file, its pragmas, the busy wait, checkpoints
//! - `watch`: the [`Watcher`] of other sessions' commits
//! - `schema`: the migrations
//! - `access`: the [`Actor`], the roster and the chair's lock
//! - `write`: a decision, a comment, undo, the stage and the ceiling, and
//!   the event log they write
//! - `import`, `batch`: a submission, a decision batch, all or nothing
//! - `revision`: a department's revised indicators, and those in force
//! - `read`, `export`: the reads behind the screen and the outputs
//! - `board`: the board's reads: the decisions' times, the last decisions
//! - `rows`, `error`: what the reads give back, what can go wrong

mod access;
mod batch;
mod board;
mod connection;
mod error;
mod export;
mod files;
mod import;
mod read;
mod revision;
mod rows;
mod schema;
mod watch;
mod weigh;
mod write;

#[cfg(test)]
mod tests;

use std::path::PathBuf;

use rusqlite::Connection;

pub use access::{Actor, Bind, Role, RosterChange, RosterEntry};
pub use batch::BatchSummary;
pub use board::RecentDecision;
pub use connection::{BUSY_TIMEOUT, OpenMode, uncounted_memory};
pub use error::{Conflict, Denied, ReadOnlyWhy, Result, StoreError};
pub(crate) use files::may;
pub use files::{Blocked, BlockedAt, NotReady, why_blocked};
pub use import::ImportSummary;
pub use revision::RevisionSummary;
pub use rows::{
    Changed, CommentRow, EventNote, EventRow, Indicator, Meeting, ProjectDetail, ProjectRow,
    SharedText, Snapshot, StoredDecision,
};
pub use schema::CURRENT_VERSION;
pub use watch::Watcher;
pub use weigh::{Outside, WeighNote};

pub struct Store {
    conn: Connection,
    /// The path the caller named.
    path: PathBuf,
    /// What SQLite opened: the path, its canonical form (a hardened
    /// meeting) or an immutable URI for it (a snapshot).
    target: PathBuf,
    /// How it was asked for, and how the caller reaches it.
    mode: OpenMode,
    reach: files::Reach,
    /// A hardened meeting's file, held open: once the install's group is
    /// given up the caller may not look it up by name.
    handle: Option<std::fs::File>,
    read_only: bool,
    /// Why a file opened for writing ended up read-only.
    read_only_reason: Option<ReadOnlyWhy>,
    /// (device, inode) of the file when opened.
    file_id: Option<(u64, u64)>,
}
