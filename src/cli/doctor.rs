//! `huishen doctor --db DB`: which deployment mode a meeting is in
//! (private, shared group, hardened; docs/shared-host.md), what is exposed,
//! and what is broken: the owners, groups and modes of the file, its
//! `-wal` and `-shm` and its folder, the binary's setgid group, and whether
//! the caller could edit the file directly. `--fix` (root, or the owner of
//! all three) makes a missing `-wal` or `-shm` and gives both the file's
//! owner, group and mode.
//!
//! The facts are gathered here; `words/doctor.rs` says them.

use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use nix::unistd::AccessFlags;

use super::{Error, give_up_group, print};
use crate::i18n::Lang;
use crate::store::{StoreError, why_blocked};
use crate::words::Say;
use crate::{host, privilege};

/// What the doctor found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub db: PathBuf,
    pub mode: Deployment,
    /// The file, its `-wal` and its `-shm`.
    pub files: [Entry; 3],
    pub folder: Entry,
    /// The running huishen and the group it is setgid to, if it is.
    pub binary: PathBuf,
    pub binary_group: Option<String>,
    pub login: String,
    pub root: bool,
    /// Whether the caller's own ids may write the file (access(2)).
    pub may_write: bool,
    pub findings: Vec<Finding>,
}

/// How a meeting is shared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Deployment {
    /// Only its owner may write it.
    Private,
    /// Its group may write it: every member can edit it directly.
    Shared { group: String },
    /// Its group is the one huishen is setgid to: reviewers outside it
    /// change it only through huishen.
    Hardened { group: String },
}

/// A file or folder and, if it is there, whose it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub path: PathBuf,
    pub stat: Option<Stat>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stat {
    pub uid: u32,
    pub gid: u32,
    pub owner: String,
    pub group: String,
    /// Permission bits with setgid and sticky (`0o2770`).
    pub mode: u32,
}

/// Something exposed or broken for the meeting's mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// A hardened meeting's `-wal` or `-shm` is missing.
    Missing(PathBuf),
    /// Anyone on the host may write it.
    OthersWrite(PathBuf),
    /// Anyone on the host may read a hardened meeting.
    OthersRead(PathBuf),
    /// The caller (not root) may write the hardened file directly.
    CallerWrites { login: String, file: PathBuf },
    /// The caller may write the hardened meeting's folder.
    CallerWritesFolder { login: String, folder: PathBuf },
    /// A `-wal` or `-shm` whose owner is not the file's.
    Owner {
        file: PathBuf,
        owner: String,
        want: String,
    },
    /// A `-wal` or `-shm` whose group is not the file's.
    Group {
        file: PathBuf,
        group: String,
        want: String,
    },
    /// A shared meeting's `-wal` or `-shm` its group may not write.
    NotGroupWritable(PathBuf),
    /// A shared meeting's folder without setgid to its group: files made
    /// there would not take it.
    FolderNotSetgid { folder: PathBuf, group: String },
}

/// Owner, group and mode of `path`, if it can be looked at.
fn stat(path: &Path) -> Option<Stat> {
    let m = std::fs::symlink_metadata(path).ok()?;
    Some(Stat {
        uid: m.uid(),
        gid: m.gid(),
        owner: host::user_name(m.uid()),
        group: host::group_name(m.gid()),
        mode: m.mode() & 0o7777,
    })
}

fn folder_of(db: &Path) -> PathBuf {
    match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Looks at the meeting's files, with the install's group raised where
/// there is one (a hardened folder is closed to the caller otherwise).
fn look(db: &Path) -> Result<Report, StoreError> {
    let db = std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf());
    let Some(file) = stat(&db) else {
        return Err(match std::fs::metadata(&db) {
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                StoreError::NoAccess(Box::new(why_blocked(&db)))
            }
            _ => StoreError::Missing(db),
        });
    };
    let entry = |suffix: &str| {
        let mut p = db.clone().into_os_string();
        p.push(suffix);
        let path = PathBuf::from(p);
        Entry {
            stat: stat(&path),
            path,
        }
    };
    let files = [entry(""), entry("-wal"), entry("-shm")];
    let folder_path = folder_of(&db);
    let folder = Entry {
        stat: stat(&folder_path),
        path: folder_path,
    };
    let binary = std::env::current_exe().unwrap_or_default();
    let binary_group = privilege::group().map(|g| host::group_name(g.as_raw()));
    let login = host::login();
    let root = host::uid() == 0;
    let may_write = crate::store::may(&db, AccessFlags::W_OK);
    let group = file.group.clone();
    let mode = if privilege::group().is_some_and(|g| g.as_raw() == file.gid) {
        Deployment::Hardened { group }
    } else if file.mode & 0o020 != 0 {
        Deployment::Shared { group }
    } else {
        Deployment::Private
    };
    let mut report = Report {
        db,
        mode,
        files,
        folder,
        binary,
        binary_group,
        login,
        root,
        may_write,
        findings: Vec::new(),
    };
    report.findings = findings(&report, &file);
    Ok(report)
}

/// What is exposed or broken for the report's mode.
fn findings(r: &Report, file: &Stat) -> Vec<Finding> {
    let mut out = Vec::new();
    let hardened = matches!(r.mode, Deployment::Hardened { .. });
    let shared = matches!(r.mode, Deployment::Shared { .. });
    for e in &r.files {
        let Some(s) = &e.stat else {
            if hardened {
                out.push(Finding::Missing(e.path.clone()));
            }
            continue;
        };
        if s.mode & 0o002 != 0 {
            out.push(Finding::OthersWrite(e.path.clone()));
        }
        if hardened && s.mode & 0o004 != 0 {
            out.push(Finding::OthersRead(e.path.clone()));
        }
        if e.path == r.db {
            if hardened && s.mode & 0o060 != 0o060 {
                out.push(Finding::NotGroupWritable(e.path.clone()));
            }
            continue;
        }
        // In a shared folder whoever opened the meeting first made them,
        // and the group is what counts.
        if s.uid != file.uid && !shared {
            out.push(Finding::Owner {
                file: e.path.clone(),
                owner: s.owner.clone(),
                want: file.owner.clone(),
            });
        }
        if s.gid != file.gid {
            out.push(Finding::Group {
                file: e.path.clone(),
                group: s.group.clone(),
                want: file.group.clone(),
            });
        }
        if (shared || hardened) && s.mode & 0o060 != 0o060 {
            out.push(Finding::NotGroupWritable(e.path.clone()));
        }
    }
    if let Some(f) = &r.folder.stat {
        if f.mode & 0o002 != 0 && f.mode & 0o1000 == 0 {
            out.push(Finding::OthersWrite(r.folder.path.clone()));
        }
        if shared && (f.mode & 0o2000 == 0 || f.gid != file.gid) {
            out.push(Finding::FolderNotSetgid {
                folder: r.folder.path.clone(),
                group: file.group.clone(),
            });
        }
    }
    if hardened && !r.root {
        if r.may_write {
            out.push(Finding::CallerWrites {
                login: r.login.clone(),
                file: r.db.clone(),
            });
        }
        if crate::store::may(&r.folder.path, AccessFlags::W_OK) {
            out.push(Finding::CallerWritesFolder {
                login: r.login.clone(),
                folder: r.folder.path.clone(),
            });
        }
    }
    out
}

/// Makes a missing `-wal` or `-shm` (empty, which SQLite reads as no
/// commit waiting) and gives both the file's owner, group and mode.
fn fix(r: &Report) -> Result<(), Error> {
    let Some(file) = &r.files[0].stat else {
        return Ok(());
    };
    let mine = |e: &Entry| e.stat.as_ref().is_none_or(|s| s.uid == host::uid());
    if !r.root && !r.files.iter().all(mine) {
        return Err(Error::FixNeedsRoot(r.db.clone()));
    }
    let mode = file.mode & 0o666;
    let os = |path: &Path, error| {
        Error::Store(StoreError::Os {
            path: path.to_path_buf(),
            error,
        })
    };
    for e in &r.files[1..] {
        if e.stat.is_none() {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(mode)
                .open(&e.path)
                .map_err(|err| os(&e.path, err))?;
        }
        let uid = (r.root).then_some(file.uid);
        std::os::unix::fs::chown(&e.path, uid, Some(file.gid)).map_err(|err| os(&e.path, err))?;
        std::fs::set_permissions(&e.path, std::fs::Permissions::from_mode(mode))
            .map_err(|err| os(&e.path, err))?;
    }
    Ok(())
}

/// `huishen doctor`: the report, and a failure status when something is
/// exposed or broken for the meeting's mode.
pub(super) fn run(db: &Path, fix_it: bool, lang: Lang) -> Result<(), Error> {
    let looked = privilege::raised(|| look(db)).unwrap_or_else(|| look(db));
    give_up_group()?;
    let mut report = looked?;
    if fix_it {
        fix(&report)?;
        report = look(db)?;
    }
    print(report.say(lang).trim_end())?;
    if report.findings.is_empty() {
        Ok(())
    } else {
        Err(Error::Doctor)
    }
}
