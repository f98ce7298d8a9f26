//! Opening a meeting file: the connection's pragmas, the schema brought up
//! to date, the wait for another session's write lock, WAL checkpoints off
//! the commit path, and the watcher that notices other sessions' commits.

use std::ffi::c_int;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{RecvTimeoutError, SyncSender, sync_channel};
use std::time::{Duration, Instant};

use rusqlite::hooks::Wal;
use rusqlite::wal::CheckpointMode;
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, params};

use super::files::{self, Reach};
use super::schema;
use super::{CURRENT_VERSION, ReadOnlyWhy, Result, Store, StoreError};
use crate::privilege;

/// How long a writer waits for another session's transaction before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a waiting writer pauses before it tries the lock again, after
/// waiting `waited` already. SQLite's own busy timeout sleeps in growing
/// steps (up to 100 ms), so a session that arrives just after another took
/// the lock waits far longer than the other's commit takes. Here the
/// longer a writer has waited, the more often it tries: when the lock is
/// freed, the one waiting longest is the likeliest to take it. With eight
/// sessions deciding flat out, every waiter trying each millisecond made
/// the lock a lottery: a writer could lose it round after round (p99 of
/// the sender's own 已保存 52 ms against a median of 11).
pub(super) fn busy_pause(waited: Duration) -> Duration {
    if waited < Duration::from_millis(2) {
        Duration::from_millis(1)
    } else if waited < Duration::from_millis(8) {
        Duration::from_micros(250)
    } else {
        Duration::from_micros(50)
    }
}

/// WAL frames after which a commit asks the background checkpointer to
/// copy the log into the database file, once the session is quiet.
const CHECKPOINT_FRAMES: c_int = 1000;

/// How large the `-wal` may stay between checkpoints (64 MB: more than
/// the frames after which a commit checkpoints inline).
const WAL_KEPT_BYTES: i64 = 64 << 20;

/// How long the session must have committed nothing before the
/// checkpointer runs: a checkpoint writes the log's pages into the file and
/// fsyncs it, and that fsync would otherwise land between a reviewer's key
/// presses (on ext4 the next commit's own fsync waits behind it).
const CHECKPOINT_QUIET: Duration = Duration::from_millis(1500);

/// WAL frames after which the checkpointer runs without waiting for a
/// quiet moment (a session committing without pause, for minutes).
const CHECKPOINT_URGENT_FRAMES: c_int = 6000;

/// WAL frames after which the committing session checkpoints itself, in
/// case the background checkpointer falls behind (a passive checkpoint
/// that runs while commits go on never catches the log's end): the log
/// never grows without bound (10,000 frames of 4 kB: 40 MB).
const CHECKPOINT_INLINE_FRAMES: c_int = 10000;

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

pub(super) fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// Turns off SQLite's count of the memory it uses, before anything opens a
/// connection (SQLite takes the setting only before it starts). Every
/// allocation then goes without a global mutex and the count: a bulk import
/// binds half a million cells of text, each copied into memory SQLite
/// allocates and frees (the lock and unlock were ~4 % of an import's
/// samples). Nothing here asks SQLite how much memory it uses, or limits
/// it (a heap limit needs the count).
pub fn uncounted_memory() {
    // SAFETY: SQLITE_CONFIG_MEMSTATUS takes one int. Called at the start of
    // `main`, before any connection exists and on the only thread; if
    // SQLite had started already it refuses with SQLITE_MISUSE and changes
    // nothing.
    unsafe {
        rusqlite::ffi::sqlite3_config(rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS, 0 as c_int);
    }
}

/// Keeps the `-wal` and `-shm` when the last connection closes (SQLite
/// deletes them by default): they stay the files they are, with the owner,
/// group and mode they were given, instead of being made again by whoever
/// opens the meeting next (in a hardened folder: the caller, who could
/// then write them directly). The `-wal` is emptied instead
/// (`journal_size_limit`), so an empty `-wal` still means no commit waits.
fn keep_wal_files(conn: &Connection) -> rusqlite::Result<()> {
    let mut on: c_int = 1;
    // SAFETY: `conn.handle()` is this open connection's `sqlite3*`, used
    // only for this call while `conn` is borrowed; the schema name is a
    // NUL-terminated literal; SQLITE_FCNTL_PERSIST_WAL reads and writes
    // the one `int` that `on` points to, which outlives the call.
    let rc = unsafe {
        rusqlite::ffi::sqlite3_file_control(
            conn.handle(),
            c"main".as_ptr(),
            rusqlite::ffi::SQLITE_FCNTL_PERSIST_WAL,
            (&raw mut on).cast(),
        )
    };
    if rc != rusqlite::ffi::SQLITE_OK {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rc),
            Some("could not keep the -wal and -shm files".into()),
        ));
    }
    Ok(())
}

/// A connection to `target` for this store's background work (the
/// checkpointer, the watcher): the files kept, and read once, so SQLite has
/// opened the `-wal` and `-shm` before the caller goes on (in a hardened
/// install, before the group is given up).
pub(super) fn side_connection(target: &Path, flags: OpenFlags) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(target, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    keep_wal_files(&conn)?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
    Ok(conn)
}

/// Waits for another session's write lock, trying again the more often the
/// longer it has waited ([`busy_pause`]), up to `BUSY_TIMEOUT` in all.
pub(super) fn retry_when_busy(conn: &mut Connection) -> rusqlite::Result<()> {
    let mut since = Instant::now();
    conn.busy_handler(Some(move |tries: i32| {
        if tries == 0 {
            since = Instant::now();
        }
        if since.elapsed() >= BUSY_TIMEOUT {
            return false;
        }
        std::thread::sleep(busy_pause(since.elapsed()));
        true
    }))
}

/// A thread that runs a passive checkpoint of the meeting file each time
/// it is woken, on `conn` if one was opened with the session's (a hardened
/// meeting's), else on a connection of its own to `target`; it ends when
/// the session's connection (holding the sender) is closed.
fn spawn_checkpointer(conn: Option<Connection>, target: PathBuf) -> SyncSender<bool> {
    let (wake, woken) = sync_channel::<bool>(1);
    let _ = std::thread::Builder::new()
        .name("checkpoint".into())
        .spawn(move || {
            let Some(conn) =
                conn.or_else(|| side_connection(&target, OpenFlags::SQLITE_OPEN_READ_WRITE).ok())
            else {
                return;
            };
            let _ = conn.pragma_update(None, "journal_size_limit", 0);
            // Each wake says whether the log is long enough not to wait.
            while let Ok(mut urgent) = woken.recv() {
                // Wait until no commit has come for CHECKPOINT_QUIET.
                while !urgent {
                    match woken.recv_timeout(CHECKPOINT_QUIET) {
                        Ok(u) => urgent = u,
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => break,
                    }
                }
                let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
            }
        });
    wake
}

/// What a store is being opened from: the path the caller named, how it
/// was asked for and how the caller reaches it.
struct Opening<'a> {
    path: &'a Path,
    mode: OpenMode,
    reach: Reach,
}

impl Opening<'_> {
    /// The file as it is now, without `-wal`, `-shm` or locks: for a caller
    /// who may not write and has no `-wal` to read through.
    fn snapshot(&self) -> Result<Store> {
        let uri = immutable_uri(self.path);
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let why = ReadOnlyWhy::Snapshot(self.path.to_path_buf());
        self.connect(Path::new(&uri), flags, true, Some(why))
    }

    /// One connection (to `target`: the path, its canonical form or a URI
    /// for it), configured and migrated.
    fn connect(
        &self,
        target: &Path,
        flags: OpenFlags,
        read_only: bool,
        read_only_reason: Option<ReadOnlyWhy>,
    ) -> Result<Store> {
        let conn =
            Connection::open_with_flags(target, flags).map_err(|e| cannot_open(self.path, e))?;
        // Room for every statement a session repeats (a decision, the
        // refresh after it, the tally bar) so none is evicted and prepared again.
        conn.set_prepared_statement_cache_capacity(64);
        let mut store = Store {
            conn,
            path: self.path.to_path_buf(),
            target: target.to_path_buf(),
            mode: self.mode,
            reach: self.reach.clone(),
            handle: None,
            read_only,
            read_only_reason,
            file_id: file_id(self.path),
        };
        store.configure().map_err(|e| match e {
            StoreError::Sqlite(ref se)
                if se.sqlite_error_code() == Some(ErrorCode::NotADatabase) =>
            {
                StoreError::NotADatabase(self.path.to_path_buf())
            }
            StoreError::Sqlite(se) => cannot_open(self.path, se),
            other => other,
        })?;
        Ok(store)
    }
}

/// SQLite's "unable to open database file" as a fact about the file.
fn cannot_open(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::CannotOpen) => StoreError::CannotOpen(path.to_path_buf()),
        _ => e.into(),
    }
}

/// The moment of a write, from SQLite's clock so every session agrees on the format.
pub(super) fn now(tx: &Transaction<'_>) -> rusqlite::Result<String> {
    tx.prepare_cached("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')")?
        .query_row([], |r| r.get(0))
}

impl Store {
    /// Opens (or creates) a meeting file, in WAL mode with a busy timeout,
    /// and brings its schema up to date. What the caller may do with the
    /// file is looked at first (`files::reach`): a file it may not write
    /// opens read-only without ever creating a `-wal` or `-shm`; one it may
    /// not reach says what is in the way; a hardened meeting opens through
    /// the install's group.
    pub fn open(path: &Path, mode: OpenMode) -> Result<Store> {
        let reach = files::reach(path, mode)?;
        Store::open_as(path, mode, reach)
    }

    /// Opens the file again as it was opened (a hardened meeting only
    /// while the install's group is still held): for a connection of the
    /// caller's own, e.g. rows read in the background.
    pub fn open_again(&self, mode: OpenMode) -> Result<Store> {
        Store::open_as(&self.path, mode, self.reach.clone())
    }

    /// Opens the file afresh, as asked the first time: a snapshot becomes a
    /// session that follows the others once someone has it open.
    pub fn reopen(&self) -> Result<Store> {
        Store::open(&self.path, self.mode)
    }

    fn open_as(path: &Path, mode: OpenMode, reach: Reach) -> Result<Store> {
        let flags = match mode {
            OpenMode::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
            OpenMode::Existing => OpenFlags::SQLITE_OPEN_READ_WRITE,
            OpenMode::Create => OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let read_only = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let asked_read_only = mode == OpenMode::ReadOnly;
        let opening = Opening {
            path,
            mode,
            reach: reach.clone(),
        };
        match &reach {
            Reach::Own => {
                let before = files::companions(path);
                let store = match opening.connect(path, flags, asked_read_only, None) {
                    // Asked to read a file in a folder it may not write:
                    // SQLite could create neither the `-wal` nor the `-shm`.
                    // If no commit waits in a `-wal`, the file holds them all.
                    Err(
                        first @ (StoreError::ReadOnly
                        | StoreError::CannotOpen(_)
                        | StoreError::Sqlite(_)),
                    ) if asked_read_only && !files::wal_has_frames(path) => {
                        opening.snapshot().map_err(|_| first)
                    }
                    Err(StoreError::ReadOnly | StoreError::CannotOpen(_)) if asked_read_only => {
                        Err(StoreError::WalUnreadable(path.to_path_buf()))
                    }
                    other => other,
                }?;
                files::give_group(path, before);
                Ok(store)
            }
            Reach::Reader => {
                let why =
                    (!asked_read_only).then(|| ReadOnlyWhy::NoWritePermission(path.to_path_buf()));
                match opening.connect(path, read_only, true, why) {
                    Err(
                        first @ (StoreError::ReadOnly
                        | StoreError::CannotOpen(_)
                        | StoreError::Sqlite(_)),
                    ) if !files::wal_has_frames(path) => opening.snapshot().map_err(|_| first),
                    Err(StoreError::ReadOnly | StoreError::CannotOpen(_)) => {
                        Err(StoreError::WalUnreadable(path.to_path_buf()))
                    }
                    other => other,
                }
            }
            Reach::Snapshot => opening.snapshot(),
            // Everything SQLite opens for this connection (the file, its
            // `-wal` and `-shm`, the checkpointer's connection) is opened
            // now, with the group raised.
            Reach::Group(canonical) => privilege::raised(|| {
                let handle = std::fs::File::open(canonical).map_err(|e| StoreError::os(path, e))?;
                let mut store = opening.connect(canonical, flags, asked_read_only, None)?;
                store.handle = Some(handle);
                store.file_id = file_id(canonical);
                Ok(store)
            })
            .unwrap_or_else(|| Err(StoreError::NoAccess(Box::new(files::why_blocked(path))))),
        }
    }

    pub(super) fn reach(&self) -> &Reach {
        &self.reach
    }

    /// Whether this store was opened through the install's group (a
    /// hardened meeting): another connection to it can be opened only
    /// before the group is given up.
    pub fn through_group(&self) -> bool {
        matches!(self.reach, Reach::Group(_))
    }

    fn configure(&mut self) -> Result<()> {
        retry_when_busy(&mut self.conn)?;
        // The query planner keeps one plan per statement whatever values are
        // bound. Without this, SQLite (3.54, bundled with STAT4) marks a
        // parameter of a join as able to change the plan and compiles the
        // statement again at every binding: every refresh re-parsed the
        // project row's query and a dozen others (about half of the CPU a
        // session spends on another session's commit).
        self.conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        keep_wal_files(&self.conn)?;
        // The first read: SQLite opens the `-wal` and `-shm` here.
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        // A hardened meeting is created by the host's administrator; the
        // install's group never turns another empty file into one.
        if version == 0 && matches!(self.reach, Reach::Group(_)) {
            return Err(StoreError::NotADatabase(self.path.clone()));
        }
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
            // While the session lasts the `-wal` keeps its size after a
            // checkpoint, and the commits after it write over its frames
            // in place: an fsync of a file that did not grow is cheaper
            // (here median 1.8 ms against 3.3, p99 6 against 15). The last
            // connection to close still empties it (SQLite truncates a
            // persistent `-wal` to zero bytes then, whatever the limit).
            self.conn
                .pragma_update(None, "journal_size_limit", WAL_KEPT_BYTES)?;
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
    /// database file once this session has committed nothing for 1.5 s (at
    /// once past 6000 frames), so its writes and fsync do not fall between
    /// a reviewer's key presses. The thread starts at the
    /// first large log, so a short session never has one. A hardened
    /// meeting's files can be opened only now, with the install's group:
    /// its checkpointer's connection is opened with the session's.
    fn checkpoint_in_background(&mut self) -> Result<()> {
        self.conn
            .pragma_update_and_check(None, "wal_autocheckpoint", 0, |r| r.get::<_, i64>(0))?;
        let mut own = match self.reach {
            Reach::Group(_) => {
                side_connection(&self.target, OpenFlags::SQLITE_OPEN_READ_WRITE).ok()
            }
            _ => None,
        };
        let target = self.target.clone();
        let mut checkpointer: Option<SyncSender<bool>> = None;
        // Runs after each commit, the write lock already released. Never
        // an error: the commit has happened whatever a checkpoint does.
        self.conn
            .wal_hook(Some(move |wal: &mut Wal, frames: c_int| {
                if frames >= CHECKPOINT_INLINE_FRAMES {
                    let _ = wal.checkpoint_v2(CheckpointMode::PASSIVE);
                } else if frames >= CHECKPOINT_FRAMES {
                    let wake = checkpointer
                        .get_or_insert_with(|| spawn_checkpointer(own.take(), target.clone()));
                    // Full means a checkpoint is already asked for.
                    let _ = wake.try_send(frames >= CHECKPOINT_URGENT_FRAMES);
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
                params![at, crate::host::login()],
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
        match std::fs::metadata(&self.path) {
            Ok(m) => {
                use std::os::unix::fs::MetadataExt;
                Some((m.dev(), m.ino())) == self.file_id
            }
            // A hardened meeting's folder, which the caller may not enter
            // once the group is given up: the file this session holds
            // open is still there while it has a name.
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                use std::os::unix::fs::MetadataExt;
                self.handle
                    .as_ref()
                    .is_some_and(|f| f.metadata().is_ok_and(|m| m.nlink() > 0))
            }
            Err(_) => false,
        }
    }

    pub fn read_only_reason(&self) -> Option<&ReadOnlyWhy> {
        self.read_only_reason.as_ref()
    }

    /// Whether this is a snapshot that cannot see other sessions' commits.
    pub fn is_snapshot(&self) -> bool {
        matches!(self.read_only_reason, Some(ReadOnlyWhy::Snapshot(_)))
    }

    /// Whether a snapshot could now follow the other sessions: a writer
    /// has opened the file since, and its `-wal` and `-shm` are there.
    pub fn may_follow(&self) -> bool {
        self.is_snapshot() && files::companions(&self.path) == [true, true]
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

impl Drop for Store {
    /// Once the install's group is given up, SQLite cannot look a hardened
    /// meeting's file up by name, takes it for moved, and skips the
    /// checkpoint it runs at the last close: the session copies its log
    /// into the file itself (passive: it waits for nobody).
    fn drop(&mut self) {
        if self.through_group() && !self.read_only {
            let _ = self
                .conn
                .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
        }
    }
}
