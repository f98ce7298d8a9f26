//! Opening a meeting file: the connection's pragmas, the schema brought up
//! to date, the wait for another session's write lock, WAL checkpoints off
//! the commit path, and the watcher that notices other sessions' commits.

use std::ffi::c_int;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{SyncSender, sync_channel};
use std::time::{Duration, Instant};

use rusqlite::hooks::Wal;
use rusqlite::wal::CheckpointMode;
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, params};

use super::schema;
use super::{Actor, CURRENT_VERSION, ReadOnlyWhy, Result, Store, StoreError};

/// How long a writer waits for another session's transaction before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How often a waiting writer tries the lock again. SQLite's own busy
/// timeout sleeps in growing steps (up to 100 ms), so a session that
/// arrives just after another took the lock waits far longer than the
/// other's commit takes.
const BUSY_RETRY: Duration = Duration::from_millis(1);

/// WAL frames after which a commit asks the background checkpointer to
/// copy the log into the database file.
const CHECKPOINT_FRAMES: c_int = 1000;

/// WAL frames after which the committing session checkpoints itself, in
/// case the background checkpointer falls behind: the log never grows
/// without bound.
const CHECKPOINT_INLINE_FRAMES: c_int = 4000;

/// How to open a meeting file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the file if it does not exist.
    Create,
    /// The file must exist.
    Existing,
    /// Read-only at the SQLite level.
    ReadOnly,
}

/// `path` as an SQLite URI that opens it immutable: no `-shm`, no `-wal`, no
/// locks. Only for a file nobody here can write through WAL anyway.
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Whether the file's `-wal` holds commits not yet copied into it.
fn wal_has_frames(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(PathBuf::from(wal)).is_ok_and(|m| m.len() > 0)
}

pub(super) fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// Creates an empty meeting file readable and writable by its group (0660),
/// whatever the umask, so a shared group can use it; in a setgid folder it
/// takes the folder's group. SQLite gives the -wal and -shm files the same
/// permissions.
fn create_shared_file(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o660)
        .open(path)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o660))
}

/// Waits for another session's write lock by trying again every
/// millisecond, up to `BUSY_TIMEOUT` in all.
pub(super) fn retry_when_busy(conn: &mut Connection) -> rusqlite::Result<()> {
    let mut since = Instant::now();
    conn.busy_handler(Some(move |tries: i32| {
        if tries == 0 {
            since = Instant::now();
        }
        if since.elapsed() >= BUSY_TIMEOUT {
            return false;
        }
        std::thread::sleep(BUSY_RETRY);
        true
    }))
}

/// A thread that runs a passive checkpoint of the meeting file each time
/// it is woken; it ends when the session's connection (holding the
/// sender) is closed.
fn spawn_checkpointer(path: PathBuf) -> SyncSender<()> {
    let (wake, woken) = sync_channel::<()>(1);
    let _ = std::thread::Builder::new()
        .name("checkpoint".into())
        .spawn(move || {
            let Ok(conn) = Connection::open_with_flags(
                &path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            ) else {
                return;
            };
            while woken.recv().is_ok() {
                let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
            }
        });
    wake
}

/// The moment of a write, from SQLite's clock so every session agrees on the format.
pub(super) fn now(tx: &Transaction<'_>) -> rusqlite::Result<String> {
    tx.prepare_cached("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')")?
        .query_row([], |r| r.get(0))
}

impl Store {
    /// Opens (or creates) a meeting file, in WAL mode with a busy timeout,
    /// and brings its schema up to date.
    pub fn open(path: &Path, mode: OpenMode) -> Result<Store> {
        if path.is_dir() {
            return Err(StoreError::Folder(path.to_path_buf()));
        }
        let exists = path.exists();
        if !exists && mode != OpenMode::Create {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        if !exists {
            create_shared_file(path).map_err(|e| StoreError::os(path, e))?;
        }
        // A file this user may not write opens read-only instead of failing
        // at the first decision.
        let mut read_only_reason = None;
        let mut mode = mode;
        if mode != OpenMode::ReadOnly
            && let Err(e) = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(path)
        {
            if e.kind() == std::io::ErrorKind::PermissionDenied {
                read_only_reason = Some(ReadOnlyWhy::NoWritePermission(path.to_path_buf()));
                mode = OpenMode::ReadOnly;
            } else {
                return Err(StoreError::os(path, e));
            }
        }
        let flags = match mode {
            OpenMode::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
            OpenMode::Existing => OpenFlags::SQLITE_OPEN_READ_WRITE,
            OpenMode::Create => OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let read_only = mode == OpenMode::ReadOnly;
        match Store::connect(path, path, flags, read_only, read_only_reason) {
            // SQLite reads a WAL file through its `-shm`; a reader that may
            // create neither that nor the `-wal` (a folder it may not write)
            // is refused. If no commit waits in a `-wal`, the file itself
            // holds everything: read it immutable, and say it is a snapshot.
            Err(first @ (StoreError::ReadOnly | StoreError::Sqlite(_)))
                if read_only && !wal_has_frames(path) =>
            {
                Store::connect(
                    path,
                    Path::new(&immutable_uri(path)),
                    flags,
                    true,
                    Some(ReadOnlyWhy::Snapshot(path.to_path_buf())),
                )
                .map_err(|_| first)
            }
            Err(StoreError::ReadOnly) if read_only => {
                Err(StoreError::WalUnreadable(path.to_path_buf()))
            }
            other => other,
        }
    }

    /// One connection to `path` (opened by `target`, the same path or a URI
    /// for it), configured and migrated.
    fn connect(
        path: &Path,
        target: &Path,
        flags: OpenFlags,
        read_only: bool,
        read_only_reason: Option<ReadOnlyWhy>,
    ) -> Result<Store> {
        let conn = Connection::open_with_flags(target, flags)?;
        // Room for every statement a session repeats (a decision, the
        // refresh after it, the tally bar) so none is evicted and prepared again.
        conn.set_prepared_statement_cache_capacity(64);
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            read_only,
            read_only_reason,
            file_id: file_id(path),
        };
        store.configure().map_err(|e| match e {
            StoreError::Sqlite(ref se)
                if se.sqlite_error_code() == Some(ErrorCode::NotADatabase) =>
            {
                StoreError::NotADatabase(path.to_path_buf())
            }
            other => other,
        })?;
        Ok(store)
    }

    fn configure(&mut self) -> Result<()> {
        retry_when_busy(&mut self.conn)?;
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > CURRENT_VERSION {
            return Err(StoreError::NewerSchema {
                path: self.path.clone(),
                found: version,
            });
        }
        if !self.read_only {
            let mode: String = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::NotWal {
                    path: self.path.clone(),
                    mode,
                });
            }
        }
        if !self.read_only {
            self.checkpoint_in_background()?;
        }
        // FULL: a decision the screen shows as saved survives a power cut,
        // not just a crashed process. It costs a fsync per decision, which
        // a meeting's pace can afford.
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        if version < CURRENT_VERSION {
            if self.read_only {
                if version == 0 {
                    return Err(StoreError::NotADatabase(self.path.clone()));
                }
                return Err(StoreError::ReadOnly);
            }
            self.migrate(version)?;
        }
        Ok(())
    }

    /// Takes WAL checkpoints off the commit path: instead of SQLite's
    /// automatic checkpoint, run inside the commit that crosses 1000
    /// frames, a thread with a connection of its own copies the log into the
    /// database file while this session goes on. Started at the first
    /// large log, so a short session never has one.
    fn checkpoint_in_background(&mut self) -> Result<()> {
        self.conn
            .pragma_update_and_check(None, "wal_autocheckpoint", 0, |r| r.get::<_, i64>(0))?;
        let path = self.path.clone();
        let mut checkpointer: Option<SyncSender<()>> = None;
        // Runs after each commit, the write lock already released. Never
        // an error: the commit has happened whatever a checkpoint does.
        self.conn
            .wal_hook(Some(move |wal: &mut Wal, frames: c_int| {
                if frames >= CHECKPOINT_INLINE_FRAMES {
                    let _ = wal.checkpoint_v2(CheckpointMode::PASSIVE);
                } else if frames >= CHECKPOINT_FRAMES {
                    let wake = checkpointer.get_or_insert_with(|| spawn_checkpointer(path.clone()));
                    // Full means a checkpoint is already asked for.
                    let _ = wake.try_send(());
                }
                Ok(())
            }))?;
        Ok(())
    }

    fn migrate(&mut self, from: i64) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another session may have migrated while we waited for the lock.
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version == 0 && from == 0 {
            let objects: i64 =
                tx.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
            if objects > 0 {
                // An SQLite file, but somebody else's.
                return Err(StoreError::NotADatabase(self.path.clone()));
            }
        }
        for (i, statements) in schema::MIGRATIONS.iter().enumerate().skip(version as usize) {
            for sql in *statements {
                tx.execute_batch(sql)?;
            }
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
        }
        if version == 0 {
            let at = now(&tx)?;
            tx.execute(
                "INSERT INTO meeting (id, created_at, created_by) VALUES (1, ?1, ?2)",
                params![at, Actor::os_login()],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Whether the path still names the file this store opened: a meeting
    /// file deleted or replaced underneath must not swallow decisions.
    pub fn same_file(&self) -> bool {
        file_id(&self.path) == self.file_id
    }

    pub fn read_only_reason(&self) -> Option<&ReadOnlyWhy> {
        self.read_only_reason.as_ref()
    }

    /// Whether this is a snapshot that cannot see other sessions' commits.
    pub fn is_snapshot(&self) -> bool {
        matches!(self.read_only_reason, Some(ReadOnlyWhy::Snapshot(_)))
    }

    pub(super) fn write_tx(&mut self) -> Result<Transaction<'_>> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        if !self.same_file() {
            return Err(StoreError::Replaced(self.path.clone()));
        }
        Ok(self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }

    /// Changes whenever another connection commits; cheap enough to poll.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

/// Notices other sessions' commits. A connection of its own: `PRAGMA
/// data_version` only moves for commits made through other connections.
pub struct Watcher {
    conn: Connection,
    last: i64,
}

impl Watcher {
    pub fn open(path: &Path) -> Result<Watcher> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let last = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok(Watcher { conn, last })
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
}
