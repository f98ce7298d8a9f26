//! The store: one SQLite file per meeting, and the only module that speaks SQL.
//!
//! Every write is one short `BEGIN IMMEDIATE` transaction, so concurrent
//! sessions queue on the write lock (within the busy timeout) instead of
//! failing half-way. Reads see the last committed state. The store keeps
//! the rules out: it reads what the domain needs, lets the domain decide,
//! and writes the outcome; it gives back facts (rows, refusals) and times as
//! stored, and leaves their words to `crate::words` and `crate::time`.
//!
//! - `connection`: opening a file, its pragmas, the busy wait, checkpoints,
//!   the [`Watcher`]
//! - `schema`: the migrations
//! - `access`: the [`Actor`], the roster and the chair's lock
//! - `write`: a decision, a comment, undo, the stage and the ceiling, and
//!   the event log they write
//! - `import`, `batch`: a submission, a decision batch, all or nothing
//! - `read`, `export`: the reads behind the screen and the outputs
//! - `board`: the board's reads: the decisions' times, the last decisions
//! - `rows`, `error`: what the reads give back, what can go wrong

mod access;
mod batch;
mod board;
mod connection;
mod error;
mod export;
mod import;
mod read;
mod rows;
mod schema;
mod write;

#[cfg(test)]
mod tests;

use std::path::PathBuf;

use rusqlite::Connection;

pub use access::{Actor, Role, RosterEntry};
pub use batch::BatchSummary;
pub use board::RecentDecision;
pub use connection::{BUSY_TIMEOUT, OpenMode, Watcher};
pub use error::{Conflict, Denied, ReadOnlyWhy, Result, StoreError};
pub use import::ImportSummary;
pub use rows::{
    CommentRow, EventNote, EventRow, Indicator, Meeting, ProjectDetail, ProjectRow, Snapshot,
    StoredDecision,
};
pub use schema::CURRENT_VERSION;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    /// Why a file opened for writing ended up read-only.
    read_only_reason: Option<ReadOnlyWhy>,
    /// (device, inode) of the file when opened.
    file_id: Option<(u64, u64)>,
}
