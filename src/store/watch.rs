//! Noticing other sessions' commits: the kernel says when the meeting's
//! `-wal` is written (inotify), `PRAGMA data_version` says whether a commit
//! has landed, and a slow poll stands in where inotify is absent or lost
//! (some network and container filesystems).
//!
//! A commit appends its frames to the `-wal`, fsyncs it, and only then
//! publishes itself in the `-shm` (a shared mapping, whose writes the kernel
//! reports to no one). So the write is seen first and the commit a moment
//! later: after a write with nothing new yet, the watcher looks again after
//! 1, 2, 4, … ms until the commit shows, or the writes were not a commit
//! (a checkpoint emptying the log, a transaction rolled back).

use std::os::fd::AsFd;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::inotify::{AddWatchFlags, InitFlags, Inotify, WatchDescriptor};
use rusqlite::{Connection, OpenFlags};

use super::connection::{BUSY_TIMEOUT, side_connection};
use super::files::Reach;
use super::{Result, Store};
use crate::privilege;

/// How often `data_version` is looked at with nothing written: a safety
/// net under inotify (a commit whose publication came after every settling
/// look below, or a look that failed), at a few microseconds a look.
const SLOW_POLL: Duration = Duration::from_millis(250);

/// How often it is looked at where the `-wal` cannot be watched.
pub const FAST_POLL: Duration = Duration::from_millis(40);

/// After a write with no commit visible yet: look again after these many
/// milliseconds (the fsync between a commit's last write and its
/// publication is well under a millisecond on a local disk, tens of them on
/// a slow one).
const SETTLE_MS: [u16; 9] = [1, 1, 2, 4, 8, 16, 32, 64, 128];

/// Notices other sessions' commits. A connection of its own: `PRAGMA
/// data_version` only moves for commits made through other connections.
pub struct Watcher {
    conn: Connection,
    last: i64,
    /// The `-wal`, watched; `None` where inotify is not available.
    wal: Option<WalWatch>,
}

struct WalWatch {
    inotify: Inotify,
    path: PathBuf,
    /// `None` once the kernel dropped the watch (the file deleted): added
    /// again when the file is back.
    wd: Option<WatchDescriptor>,
}

impl WalWatch {
    fn new(wal: &Path) -> Option<WalWatch> {
        let inotify = Inotify::init(InitFlags::IN_CLOEXEC | InitFlags::IN_NONBLOCK).ok()?;
        let wd = inotify.add_watch(wal, AddWatchFlags::IN_MODIFY).ok()?;
        Some(WalWatch {
            inotify,
            path: wal.to_path_buf(),
            wd: Some(wd),
        })
    }

    /// Waits up to `timeout` for the `-wal` to be written; true if it was.
    /// Reads every event queued, so a burst of writes wakes once.
    fn wait(&mut self, timeout: Duration) -> bool {
        if self.wd.is_none() {
            self.wd = self
                .inotify
                .add_watch(&self.path, AddWatchFlags::IN_MODIFY)
                .ok();
        }
        let ms = u16::try_from(timeout.as_millis()).unwrap_or(u16::MAX);
        let mut fds = [PollFd::new(self.inotify.as_fd(), PollFlags::POLLIN)];
        if !matches!(poll(&mut fds, PollTimeout::from(ms)), Ok(n) if n > 0) {
            return false;
        }
        let mut written = false;
        while let Ok(events) = self.inotify.read_events() {
            if events.is_empty() {
                break;
            }
            for e in events {
                if e.mask.contains(AddWatchFlags::IN_IGNORED) {
                    self.wd = None;
                } else {
                    written = true;
                }
            }
        }
        written
    }

    /// Whether the watch is in place (else the caller polls fast).
    fn live(&self) -> bool {
        self.wd.is_some()
    }
}

impl Watcher {
    /// A watcher of the store's file, opened as the store was (a hardened
    /// meeting's only while the install's group is held); `None` for a
    /// snapshot, which has nothing to watch.
    pub fn of(store: &Store) -> Result<Option<Watcher>> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY;
        let wal = |target: &Path| {
            let mut p = target.as_os_str().to_owned();
            p.push("-wal");
            PathBuf::from(p)
        };
        let (conn, wal) = match store.reach() {
            Reach::Snapshot => return Ok(None),
            _ if store.is_snapshot() => return Ok(None),
            Reach::Own | Reach::Reader => {
                let conn = side_connection(&store.target, flags)?;
                (conn, WalWatch::new(&wal(&store.target)))
            }
            Reach::Group(canonical) => privilege::raised(|| {
                let conn = side_connection(canonical, flags)?;
                Ok((conn, WalWatch::new(&wal(canonical))))
            })
            .unwrap_or_else(|| {
                Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                    None,
                ))
            })?,
        };
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let last = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok(Some(Watcher { conn, last, wal }))
    }

    /// True once for every batch of commits made since the last call.
    pub fn changed(&mut self) -> Result<bool> {
        let v: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let changed = v != self.last;
        self.last = v;
        Ok(changed)
    }

    /// Whether the `-wal` is watched by the kernel (else this polls every
    /// 40 ms).
    pub fn is_woken(&self) -> bool {
        self.wal.as_ref().is_some_and(WalWatch::live)
    }

    /// Waits until another session has committed, or `deadline` passes
    /// (`None`: until a commit). True if a commit landed.
    pub fn wait(&mut self, deadline: Option<Instant>) -> bool {
        let mut settle: Option<usize> = None;
        loop {
            let now = Instant::now();
            if deadline.is_some_and(|d| now >= d) {
                return false;
            }
            let poll = match (&self.wal, settle) {
                (_, Some(i)) => Duration::from_millis(u64::from(SETTLE_MS[i])),
                (Some(w), None) if w.live() => SLOW_POLL,
                _ => FAST_POLL,
            };
            let poll = match deadline {
                Some(d) => poll.min(d - now),
                None => poll,
            };
            let written = match &mut self.wal {
                Some(w) => w.wait(poll),
                None => {
                    std::thread::sleep(poll);
                    false
                }
            };
            match self.changed() {
                Ok(true) => return true,
                // Nothing yet: after a write, look again soon; else back
                // to the slow poll once the settling steps are used up.
                Ok(false) if written => settle = Some(0),
                Ok(false) => settle = settle.map(|i| i + 1).filter(|&i| i < SETTLE_MS.len()),
                // A look that failed (the file busy a moment): once
                // more soon.
                Err(_) => settle = Some(settle.map_or(0, |i| (i + 1).min(SETTLE_MS.len() - 1))),
            }
        }
    }

    /// Follows the meeting on a thread of its own: `on_commit` runs after
    /// each batch of other sessions' commits, until it returns false.
    pub fn follow(mut self, mut on_commit: impl FnMut() -> bool + Send + 'static) {
        let _ = std::thread::Builder::new()
            .name("watch".into())
            .spawn(move || {
                loop {
                    if self.wait(None) && !on_commit() {
                        return;
                    }
                }
            });
    }
}
