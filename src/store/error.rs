//! What goes wrong in the store: the refusals and failures a caller sees.

use std::fmt;
use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

use crate::domain::stage::StageError;
use crate::domain::{DecisionError, Money, Problem, State};

use super::CURRENT_VERSION;
use super::connection::BUSY_TIMEOUT;

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
}

impl fmt::Display for Denied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Denied::NotOnRoster(n) => write!(
                f,
                "{n} is not on this meeting's roster (read-only); the chair can add them with `huishen roster add {n} --db FILE`"
            ),
            Denied::Observer(n) => write!(f, "{n} is an observer of this meeting (read-only)"),
            Denied::BoundTo {
                name,
                os_user,
                login,
            } => write!(
                f,
                "{name} is bound to the login {os_user}; you are logged in as {login} (read-only)"
            ),
            Denied::Locked => write!(f, "the meeting is locked by the chair (read-only)"),
            Denied::NotChair(n) => write!(f, "only the chair may do this; {n} is not the chair"),
            Denied::LastChair(n) => write!(
                f,
                "{n} is the last chair of this meeting and stays chair; make someone else chair first (`huishen roster add NAME --role chair`)"
            ),
        }
    }
}

impl crate::domain::Reason for Denied {
    fn zh(&self) -> String {
        match self {
            Denied::NotOnRoster(n) => format!(
                "{n} 不在本次会审的名单上（只读）；主持人可用 `huishen roster add {n} --db FILE` 加入"
            ),
            Denied::Observer(n) => format!("{n} 是本次会审的列席人员（只读）"),
            Denied::BoundTo {
                name,
                os_user,
                login,
            } => format!("{name} 绑定登录账号 {os_user}；当前登录账号是 {login}（只读）"),
            Denied::Locked => "会审已被主持人锁定（只读）".to_string(),
            Denied::NotChair(n) => format!("只有主持人可以这样做；{n} 不是主持人"),
            Denied::LastChair(n) => format!(
                "{n} 是本次会审唯一的主持人，不能移出或改为其他角色；请先让另一人任主持人（`huishen roster add 名字 --role chair`）"
            ),
        }
    }
}

#[derive(Debug)]
pub enum StoreError {
    Missing(PathBuf),
    NotADatabase(PathBuf),
    NewerSchema {
        path: PathBuf,
        found: i64,
    },
    Busy,
    ReadOnly,
    Problems(Vec<Problem>),
    Decision(DecisionError),
    Conflict(Box<Conflict>),
    UnknownProject(String),
    Denied(Denied),
    /// A file or disk problem, in English and in Chinese.
    Io(String, String),
    /// Undo found nothing of the reviewer's to undo.
    NothingToUndo,
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

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Missing(p) => write!(
                f,
                "no meeting database at {}; create one with `huishen import FILE --db {}` or try `huishen demo`",
                p.display(),
                p.display()
            ),
            StoreError::NotADatabase(p) => write!(
                f,
                "{} is not a huishen meeting database (not an SQLite file, or damaged)",
                p.display()
            ),
            StoreError::NewerSchema { path, found } => write!(
                f,
                "{} was written by a newer huishen (schema version {found}; this one knows up to {CURRENT_VERSION}); upgrade huishen to open it",
                path.display()
            ),
            StoreError::Busy => write!(
                f,
                "the database stayed locked by another session for {} s; nothing was written, try again",
                BUSY_TIMEOUT.as_secs()
            ),
            StoreError::ReadOnly => {
                write!(f, "the database is open read-only; nothing was written")
            }
            StoreError::Problems(ps) => {
                write!(f, "{} problem(s), nothing was written:", ps.len())?;
                for p in ps {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
            StoreError::Decision(e) => write!(f, "{e}"),
            StoreError::Conflict(c) => write!(
                f,
                "{} was changed by {} at {} (now {} {} 万元); look again and decide on the fresh state",
                c.code,
                c.by,
                c.at,
                c.state.en(),
                c.approved.wan_string()
            ),
            StoreError::UnknownProject(c) => write!(f, "no project with code {c}"),
            StoreError::Denied(d) => write!(f, "{d}; nothing was written"),
            StoreError::Io(en, _) => write!(f, "{en}"),
            StoreError::NothingToUndo => write!(f, "you have no decision left to undo"),
            StoreError::Sqlite(e) => write!(f, "database error: {e}"),
        }
    }
}

/// The same messages in Chinese. A detail that comes from SQLite or the
/// operating system stays as they word it.
impl crate::domain::Reason for StoreError {
    fn zh(&self) -> String {
        match self {
            StoreError::Missing(p) => format!(
                "{} 处没有会审数据库；可用 `huishen import 文件 --db {}` 创建，或先试 `huishen demo`",
                p.display(),
                p.display()
            ),
            StoreError::NotADatabase(p) => format!(
                "{} 不是会审数据库（不是 SQLite 文件，或已损坏）",
                p.display()
            ),
            StoreError::NewerSchema { path, found } => format!(
                "{} 由更新版本的 huishen 写入（数据库版本 {found}，本程序最高支持 {CURRENT_VERSION}）；请升级 huishen 后再打开",
                path.display()
            ),
            StoreError::Busy => format!(
                "数据库被其他会话锁定超过 {} 秒；未写入任何数据，请重试",
                BUSY_TIMEOUT.as_secs()
            ),
            StoreError::ReadOnly => "数据库以只读方式打开；未写入任何数据".to_string(),
            StoreError::Problems(ps) => {
                let mut out = format!("{} 处问题，未写入任何数据：", ps.len());
                for p in ps {
                    out += &format!("\n  {}", p.zh());
                }
                out
            }
            StoreError::Decision(e) => e.zh(),
            StoreError::Conflict(c) => format!(
                "{} 已被 {} 于 {} 修改（现为 {} {} 万元）；请按最新状态重新决定",
                c.code,
                c.by,
                c.at,
                c.state.zh(),
                c.approved.wan_string()
            ),
            StoreError::UnknownProject(c) => format!("没有编码为 {c} 的项目"),
            StoreError::Denied(d) => format!("{}；未写入任何数据", d.zh()),
            StoreError::Io(_, zh) => zh.clone(),
            StoreError::NothingToUndo => "没有可撤销的决定".to_string(),
            StoreError::Sqlite(e) => format!("数据库错误：{e}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl StoreError {
    /// An operating-system error on `path`; its own words stay as the OS
    /// gives them.
    pub(super) fn os(path: &Path, e: &std::io::Error) -> StoreError {
        StoreError::Io(
            format!("{}: {e}", path.display()),
            format!("{}：{e}", path.display()),
        )
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            Some(ErrorCode::DiskFull) => StoreError::Io(
                "the disk is full; nothing was written (free some space and try again)".into(),
                "磁盘已满；未写入任何数据（请腾出空间后重试）".into(),
            ),
            Some(ErrorCode::SystemIoFailure) => StoreError::Io(
                format!(
                    "the disk could not be written ({e}): it may be full, or the file may not be writable; nothing was written"
                ),
                format!("无法写入磁盘（{e}）：磁盘可能已满，或文件不可写；未写入任何数据"),
            ),
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
    /// Nor may it create the `-shm` file SQLite's WAL mode reads through, in
    /// a folder it may not write: the file is read as it is now, a snapshot
    /// that does not follow other sessions' commits.
    Snapshot(PathBuf),
}

impl fmt::Display for ReadOnlyWhy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadOnlyWhy::NoWritePermission(p) => {
                write!(f, "no write permission on {}", p.display())
            }
            ReadOnlyWhy::Snapshot(p) => write!(
                f,
                "a snapshot: no write permission on the folder of {}, so other sessions' changes will not show",
                p.display()
            ),
        }
    }
}

impl crate::domain::Reason for ReadOnlyWhy {
    fn zh(&self) -> String {
        match self {
            ReadOnlyWhy::NoWritePermission(p) => format!("没有 {} 的写权限", p.display()),
            ReadOnlyWhy::Snapshot(p) => format!(
                "快照：没有 {} 所在文件夹的写权限，其他会话的修改不会显示",
                p.display()
            ),
        }
    }
}
