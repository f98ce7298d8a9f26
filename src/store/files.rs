//! A meeting's files on disk, looked at before SQLite opens them: whether
//! the caller's own ids may read and write them, what stands in the way
//! when they may not (a folder it may not enter, a file of a group it is not
//! in), and, for a hardened install, whether the files are as huishen needs
//! them before it opens them with the install's group.
//!
//! The rule that keeps one reviewer from blocking another: a caller who
//! may not write the file never makes SQLite create its `-wal` or `-shm`
//! (they would be the caller's, and the owner could then not write).

use std::io::ErrorKind;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use nix::unistd::{AccessFlags, access};

use super::{OpenMode, Result, StoreError};
use crate::{host, privilege};

/// `path` with `suffix` appended: the `-wal` and `-shm` beside a meeting.
pub(crate) fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// Whether the caller's real ids may access `path` so (access(2)).
pub(crate) fn may(path: &Path, how: AccessFlags) -> bool {
    access(path, how).is_ok()
}

/// How the caller reaches a meeting file, found before SQLite opens it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Reach {
    /// Its own ids may write the file: opened as asked. SQLite may create
    /// the `-wal` and `-shm`; they are then given the file's group.
    Own,
    /// Its own ids may read, not write, and the `-wal` and `-shm` are
    /// there to read through: read-only.
    Reader,
    /// May read, not write, and the `-wal` or `-shm` is missing: the file
    /// holds every commit (no `-wal` frames wait), read as a snapshot.
    Snapshot,
    /// Through the install's group (a hardened meeting): its files are as
    /// huishen needs them; opened at the canonical path with the group
    /// raised.
    Group(PathBuf),
}

/// Why the caller cannot reach a meeting file with its own ids: what is in
/// the way, whose it is, and whether the caller is in its group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blocked {
    /// The meeting file the caller named.
    pub path: PathBuf,
    /// What is in the way.
    pub at: PathBuf,
    pub what: BlockedAt,
    pub owner: String,
    pub group: String,
    /// The permission bits, setgid included (`0o2770`).
    pub mode: u32,
    pub login: String,
    pub in_group: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockedAt {
    /// A folder on the way the caller may not enter.
    Folder,
    /// The folder the file would be created in, which it may not write.
    FolderWrite,
    /// The file itself, which it may not read.
    File,
}

/// What is not as a hardened meeting needs it; the host's administrator
/// puts it right (the words say how).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotReady {
    /// The `-wal` or `-shm` is missing: huishen would create it as the
    /// caller's file.
    Missing(PathBuf),
    /// The caller owns it, so could change it directly.
    Owned(PathBuf),
    /// Not a regular file.
    NotAFile(PathBuf),
    /// The caller may write this folder, so could replace the files.
    FolderWritable(PathBuf),
}

/// The owner, group and mode of what is in the way.
fn blocked(path: &Path, at: &Path, what: BlockedAt) -> Blocked {
    let (uid, gid, mode) = std::fs::metadata(at)
        .map(|m| (m.uid(), m.gid(), m.mode() & 0o7777))
        .unwrap_or((u32::MAX, u32::MAX, 0));
    Blocked {
        path: path.to_path_buf(),
        at: at.to_path_buf(),
        what,
        owner: host::user_name(uid),
        group: host::group_name(gid),
        mode,
        login: host::login(),
        in_group: host::in_group(gid),
    }
}

/// The first folder above `path` the caller may not enter.
fn closed_folder(path: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(path).ok()?;
    abs.ancestors()
        .skip(1)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .find(|d| !may(d, AccessFlags::X_OK))
        .map(Path::to_path_buf)
}

/// What keeps the caller's own ids from `path`: a folder on the way it may
/// not enter, else the file.
pub fn why_blocked(path: &Path) -> Blocked {
    match closed_folder(path) {
        Some(folder) => blocked(path, &folder, BlockedAt::Folder),
        None => blocked(path, path, BlockedAt::File),
    }
}

/// Finds how the caller reaches `path`, creating the file (0660, the
/// caller's own) for [`OpenMode::Create`] when it is missing. Creating
/// never uses the install's group.
pub(super) fn reach(path: &Path, mode: OpenMode) -> Result<Reach> {
    let meta = std::fs::metadata(path);
    if let Ok(m) = &meta
        && m.is_dir()
    {
        return Err(StoreError::Folder(path.to_path_buf()));
    }
    let exists = meta.is_ok();
    let readable = exists && may(path, AccessFlags::R_OK);
    let writable = exists && may(path, AccessFlags::W_OK);
    if !(readable && writable)
        && privilege::held()
        && let Some(hardened) = privilege::raised(|| hardened(path))
        && let Some(canonical) = hardened?
    {
        return Ok(Reach::Group(canonical));
    }
    match meta {
        Err(e) if e.kind() == ErrorKind::NotFound => {
            if mode != OpenMode::Create {
                return Err(StoreError::Missing(path.to_path_buf()));
            }
            match create_shared_file(path) {
                Ok(()) => Ok(Reach::Own),
                Err(e) if e.kind() == ErrorKind::PermissionDenied => {
                    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
                    let folder = folder.unwrap_or(Path::new("."));
                    Err(StoreError::NoAccess(Box::new(blocked(
                        path,
                        folder,
                        BlockedAt::FolderWrite,
                    ))))
                }
                Err(e) => Err(StoreError::os(path, e)),
            }
        }
        Err(e) if e.kind() == ErrorKind::PermissionDenied => {
            Err(StoreError::NoAccess(Box::new(why_blocked(path))))
        }
        Err(e) => Err(StoreError::os(path, e)),
        Ok(_) if !readable => Err(StoreError::NoAccess(Box::new(blocked(
            path,
            path,
            BlockedAt::File,
        )))),
        Ok(_) if writable => Ok(Reach::Own),
        Ok(_) => {
            let wal = beside(path, "-wal");
            let shm = beside(path, "-shm");
            if wal.exists() && shm.exists() {
                Ok(Reach::Reader)
            } else if wal_has_frames(path) {
                Err(StoreError::WalUnreadable(path.to_path_buf()))
            } else {
                Ok(Reach::Snapshot)
            }
        }
    }
}

/// With the install's group raised: the canonical path of a meeting of
/// the install's group whose files are as huishen needs them; `None` for a
/// file that is not the group's (the group gives nothing there).
fn hardened(path: &Path) -> Result<Option<PathBuf>> {
    let (Ok(canonical), Some(group)) = (std::fs::canonicalize(path), privilege::group()) else {
        return Ok(None);
    };
    let Ok(meta) = std::fs::metadata(&canonical) else {
        return Ok(None);
    };
    if meta.gid() != group.as_raw() || meta.is_dir() {
        return Ok(None);
    }
    let me = host::uid();
    let refuse = |problem| {
        Err(StoreError::NotReady {
            path: path.to_path_buf(),
            problem,
        })
    };
    for f in [
        canonical.clone(),
        beside(&canonical, "-wal"),
        beside(&canonical, "-shm"),
    ] {
        match std::fs::symlink_metadata(&f) {
            Err(_) => return refuse(NotReady::Missing(f)),
            Ok(m) if !m.is_file() => return refuse(NotReady::NotAFile(f)),
            Ok(m) if m.uid() == me => return refuse(NotReady::Owned(f)),
            Ok(_) => {}
        }
    }
    if let Some(folder) = replaceable_folder(&canonical, me) {
        return refuse(NotReady::FolderWritable(folder));
    }
    Ok(Some(canonical))
}

/// A folder above `file` the caller could use to put other files in its
/// place: one it may write, unless it is sticky (like /tmp) and what lies
/// below it is not the caller's.
fn replaceable_folder(file: &Path, me: u32) -> Option<PathBuf> {
    let mut below = file;
    for folder in file.ancestors().skip(1) {
        if may(folder, AccessFlags::W_OK) {
            let sticky = std::fs::metadata(folder).is_ok_and(|m| m.mode() & 0o1000 != 0);
            let below_mine = std::fs::symlink_metadata(below).is_ok_and(|m| m.uid() == me);
            if !sticky || below_mine {
                return Some(folder.to_path_buf());
            }
        }
        below = folder;
    }
    None
}

/// Whether the file's `-wal` holds commits not yet copied into it.
pub(super) fn wal_has_frames(path: &Path) -> bool {
    std::fs::metadata(beside(path, "-wal")).is_ok_and(|m| m.len() > 0)
}

/// Creates an empty meeting file readable and writable by its group (0660),
/// whatever the umask, so a shared group can use it; in a setgid folder it
/// takes the folder's group. SQLite gives the -wal and -shm files the same
/// permissions.
fn create_shared_file(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o660)
        .open(path)?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o660))
}

/// Which of the `-wal` and `-shm` exist now.
pub(super) fn companions(path: &Path) -> [bool; 2] {
    ["-wal", "-shm"].map(|s| beside(path, s).exists())
}

/// Gives a `-wal` or `-shm` this session's SQLite just created the meeting
/// file's group (SQLite gives them its mode), so the caller's own primary
/// group never keeps the file's other writers out. Best effort: a group
/// the caller is not in stays as it is.
pub(super) fn give_group(path: &Path, before: [bool; 2]) {
    let Ok(db) = std::fs::metadata(path) else {
        return;
    };
    let me = host::uid();
    for (suffix, existed) in ["-wal", "-shm"].into_iter().zip(before) {
        let f = beside(path, suffix);
        if existed {
            continue;
        }
        if let Ok(m) = std::fs::metadata(&f)
            && m.uid() == me
            && m.gid() != db.gid()
        {
            let _ = std::os::unix::fs::chown(&f, None, Some(db.gid()));
        }
    }
}
