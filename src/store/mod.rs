//! The store: one SQLite file per meeting, and the only module that speaks SQL.
//!
//! Every write is one short `BEGIN IMMEDIATE` transaction, so concurrent
//! sessions queue on the write lock (within the busy timeout) instead of
//! failing half-way. Reads see the last committed state.

mod export;
mod schema;

use std::collections::{HashMap, HashSet};
use std::ffi::c_int;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{SyncSender, sync_channel};
use std::time::{Duration, Instant};

use rusqlite::hooks::Wal;
use rusqlite::wal::CheckpointMode;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::domain::Reason;
use crate::domain::decision::CommandWord;
use crate::domain::stage::{Kind, StageCommand, StageError};
use crate::domain::{
    Adjust, Adjustment, BatchRow, BudgetType, Ceiling, Command, Decision, DecisionError, Money,
    NewIndicator, NewProject, Problem, Stage, StageTally, State, Submission, Tally, TallyRow,
    decide,
};

pub use schema::CURRENT_VERSION;

/// How long a writer waits for another session's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

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

/// Who acts: the reviewer's name and the OS login behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub name: String,
    pub os_user: String,
}

impl Actor {
    /// The OS login: `$SUDO_USER` (a reviewer behind sudo), else `$USER` /
    /// `$LOGNAME`.
    pub fn os_login() -> String {
        ["SUDO_USER", "USER", "LOGNAME", "USERNAME"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
            .or_else(login_from_passwd)
            .unwrap_or_else(|| "unknown".to_string())
    }

    /// `--as NAME` if given, else the OS login.
    pub fn from_env(name: Option<&str>) -> Actor {
        let os_user = Actor::os_login();
        Actor {
            name: name
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .unwrap_or_else(|| os_user.clone()),
            os_user,
        }
    }
}

/// The login of this process's user from /etc/passwd, for sessions started
/// without `$USER` (cron, some SSH setups, tmux from a service).
fn login_from_passwd() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|l| {
        let mut f = l.split(':');
        let name = f.next()?;
        let id: u32 = f.nth(1)?.parse().ok()?;
        (id == uid).then(|| name.to_string())
    })
}

/// A reviewer's role in a meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// May lock and unlock the meeting and edit the roster; decides too.
    Chair,
    /// Decides and comments.
    Member,
    /// Reads only.
    Observer,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Chair => "chair",
            Role::Member => "member",
            Role::Observer => "observer",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Role::Chair => "主持人",
            Role::Member => "评审",
            Role::Observer => "列席",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_lowercase().as_str() {
            "chair" | "主持" | "主持人" => Some(Role::Chair),
            "member" | "成员" | "评审" => Some(Role::Member),
            "observer" | "列席" | "观察员" => Some(Role::Observer),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterEntry {
    pub name: String,
    pub role: Role,
    pub os_user: Option<String>,
    pub added_at: String,
    pub added_by: String,
}

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
    /// Local time, `YYYY-MM-DD HH:MM:SS`, as the screen shows times.
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
    fn os(path: &Path, e: &std::io::Error) -> StoreError {
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

/// A decision as stored, with who made it and the version it is at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredDecision {
    pub decision: Decision,
    pub version: i64,
    pub updated_by: Option<String>,
    pub updated_at: Option<String>,
}

/// A decision as the event log records it (JSON in `old_state`/`new_state`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub state: String,
    /// 万元, exact.
    pub approved: String,
    /// The same in fen, so a decision can be restored exactly.
    pub approved_fen: i64,
    pub adjust: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjust_indicators: Vec<u32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub adjust_reason: String,
    /// A later stage's kind (`increase`, `merge`, …); absent before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The later stage's amount in fen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_fen: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
}

impl Snapshot {
    /// The decision this snapshot records.
    pub fn decision(&self) -> Option<Decision> {
        Some(Decision {
            state: State::from_code(&self.state)?,
            approved: Money::from_fen(self.approved_fen),
            adjust: self.adjust.then(|| {
                Box::new(Adjust {
                    indicators: self.adjust_indicators.clone(),
                    reason: self.adjust_reason.clone(),
                })
            }),
            stage: match &self.kind {
                Some(k) => Some(Box::new(Adjustment {
                    kind: Kind::from_code(k)?,
                    amount: Money::from_fen(self.amount_fen.unwrap_or(0)),
                    merged_into: self.merged_into.clone(),
                })),
                None => None,
            },
        })
    }

    pub fn of(d: &Decision) -> Snapshot {
        Snapshot {
            state: d.state.code().to_string(),
            approved: d.approved.wan_string(),
            approved_fen: d.approved.fen(),
            adjust: d.adjust.is_some(),
            adjust_indicators: d
                .adjust
                .as_ref()
                .map(|a| a.indicators.clone())
                .unwrap_or_default(),
            adjust_reason: d
                .adjust
                .as_ref()
                .map(|a| a.reason.clone())
                .unwrap_or_default(),
            kind: d.stage.as_ref().map(|a| a.kind.code().to_string()),
            amount_fen: d.stage.as_ref().map(|a| a.amount.fen()),
            merged_into: d.stage.as_ref().and_then(|a| a.merged_into.clone()),
        }
    }
}

/// What an import added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportSummary {
    pub projects: usize,
    pub indicators: usize,
    pub departments_added: usize,
}

/// What a batch did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BatchSummary {
    pub rows: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub comments: usize,
}

/// A row of the project list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectRow {
    pub id: i64,
    pub code: String,
    pub department: String,
    pub name: String,
    pub budget_type: BudgetType,
    pub section: Option<String>,
    pub requested: Money,
    pub decision: Decision,
    pub version: i64,
    pub comments: u32,
}

/// One performance indicator of a project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Indicator {
    pub seq: u32,
    pub level1: String,
    pub level2: String,
    pub indicator: String,
    pub target: String,
    pub unit: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentRow {
    pub author: String,
    pub os_user: String,
    /// Local time (the export's and the detail pane's).
    pub at: String,
    pub body: String,
}

/// One entry of the event log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventRow {
    pub id: i64,
    pub at: String,
    pub reviewer: String,
    pub os_user: String,
    pub kind: String,
    pub project: Option<String>,
    pub old: Option<Snapshot>,
    pub new: Option<Snapshot>,
    /// What a comment or roster event said. Filled by [`Store::events`]
    /// (the meeting history); the other event queries leave it `None`.
    #[serde(skip)]
    pub note: Option<EventNote>,
}

/// What a comment or roster event said beyond its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventNote {
    /// The comment's text, as written.
    Comment(String),
    /// A roster entry added, changed (`roster_add` with `was` set) or
    /// removed (`roster_remove`): `role` is the role given (`None` for a
    /// removal or an unknown code), `was` the role held just before (`None`
    /// if the name was not on the roster), `os_user` the login given.
    Roster {
        name: String,
        role: Option<Role>,
        was: Option<Role>,
        os_user: Option<String>,
    },
    /// A budget ceiling (控制数) set, or cleared (`amount` `None`): of one
    /// budget, or of the total (`budget` `None`).
    Ceiling {
        budget: Option<BudgetType>,
        amount: Option<Money>,
    },
}

impl EventNote {
    /// A ceiling event's note from its `detail`
    /// (`{"budget_type": "general" | "", "amount": "180000.00" | null}`);
    /// `None` for a detail that does not read as one.
    fn ceiling(detail: &str) -> Option<EventNote> {
        let d: serde_json::Value = serde_json::from_str(detail).ok()?;
        let budget = match d.get("budget_type")?.as_str()? {
            "" => None,
            code => Some(BudgetType::ALL.into_iter().find(|b| b.code() == code)?),
        };
        let amount = match d.get("amount")? {
            serde_json::Value::Null => None,
            a => Some(a.as_str()?.parse().ok()?),
        };
        Some(EventNote::Ceiling { budget, amount })
    }
}

fn event_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRow> {
    let snap = |i: usize| -> rusqlite::Result<Option<Snapshot>> {
        Ok(r.get::<_, Option<String>>(i)?
            .and_then(|s| serde_json::from_str(&s).ok()))
    };
    Ok(EventRow {
        id: r.get(0)?,
        at: r.get(1)?,
        reviewer: r.get(2)?,
        os_user: r.get(3)?,
        kind: r.get(4)?,
        project: r.get(5)?,
        old: snap(6)?,
        new: snap(7)?,
        note: None,
    })
}

/// What the detail pane shows beyond the list row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectDetail {
    pub indicators: Vec<Indicator>,
    /// Newest first.
    pub comments: Vec<CommentRow>,
    /// Newest first.
    pub history: Vec<EventRow>,
}

const PROJECT_ROW_SELECT: &str =
    "SELECT p.id, p.code, dep.name, p.name, p.budget_type, p.section, p.requested,
            d.state, d.approved, d.adjust, d.adjust_indicators, d.adjust_reason, d.version,
            (SELECT count(*) FROM comment c WHERE c.project_id = p.id),
            d.kind, d.amount, d.merged_into
     FROM project p
     JOIN department dep ON dep.id = p.department_id
     JOIN decision d ON d.project_id = p.id";

fn project_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ProjectRow> {
    Ok(ProjectRow {
        id: r.get(0)?,
        code: r.get(1)?,
        department: r.get(2)?,
        name: r.get(3)?,
        budget_type: budget_at(r, 4)?,
        section: r.get(5)?,
        requested: Money::from_fen(r.get(6)?),
        decision: decision_at(r, 7, 14)?,
        version: r.get(12)?,
        comments: r.get(13)?,
    })
}

/// The meeting record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meeting {
    pub title: String,
    pub stage: String,
    pub locked: bool,
    pub created_at: String,
    pub created_by: String,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    /// Why a file opened for writing ended up read-only.
    read_only_reason: Option<ReadOnlyWhy>,
    /// (device, inode) of the file when opened.
    file_id: Option<(u64, u64)>,
}

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

fn file_id(path: &Path) -> Option<(u64, u64)> {
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
fn retry_when_busy(conn: &mut Connection) -> rusqlite::Result<()> {
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
fn now(tx: &Transaction<'_>) -> rusqlite::Result<String> {
    tx.prepare_cached("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')")?
        .query_row([], |r| r.get(0))
}

fn indicators_text(v: &[u32]) -> String {
    v.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
}

fn parse_indicators(s: &str) -> Vec<u32> {
    s.split(',').filter_map(|x| x.trim().parse().ok()).collect()
}

/// A text column read in place, without allocating.
fn text_at<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'r str> {
    r.get_ref(i)?.as_str().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    })
}

fn bad_code(i: usize, what: &str, s: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        i,
        rusqlite::types::Type::Text,
        format!("unknown {what} {s:?}").into(),
    )
}

fn budget_at(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<BudgetType> {
    let s = text_at(r, i)?;
    BudgetType::ALL
        .into_iter()
        .find(|b| b.code() == s)
        .ok_or_else(|| bad_code(i, "budget type", s))
}

fn state_at(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<State> {
    let s = text_at(r, i)?;
    State::from_code(s).ok_or_else(|| bad_code(i, "state", s))
}

/// Builds a `Decision` from the columns state, approved, adjust,
/// adjust_indicators, adjust_reason starting at `i`, and kind, amount,
/// merged_into starting at `j`.
fn decision_at(r: &rusqlite::Row<'_>, i: usize, j: usize) -> rusqlite::Result<Decision> {
    let state = state_at(r, i)?;
    let adjust: bool = r.get(i + 2)?;
    let stage = match r.get::<_, Option<String>>(j)? {
        Some(k) => Some(Box::new(Adjustment {
            kind: Kind::from_code(&k).ok_or_else(|| bad_code(j, "decision kind", &k))?,
            amount: Money::from_fen(r.get(j + 1)?),
            merged_into: r.get(j + 2)?,
        })),
        None => None,
    };
    Ok(Decision {
        stage,
        state,
        approved: Money::from_fen(r.get(i + 1)?),
        adjust: adjust.then(|| {
            Box::new(Adjust {
                indicators: parse_indicators(&r.get::<_, String>(i + 3).unwrap_or_default()),
                reason: r.get(i + 4).unwrap_or_default(),
            })
        }),
    })
}

impl Store {
    /// Opens (or creates) a meeting file, in WAL mode with a busy timeout,
    /// and brings its schema up to date.
    pub fn open(path: &Path, mode: OpenMode) -> Result<Store> {
        if path.is_dir() {
            return Err(StoreError::Io(
                format!("{}: is a folder, not a meeting file", path.display()),
                format!("{}：是文件夹，不是会审文件", path.display()),
            ));
        }
        let exists = path.exists();
        if !exists && mode != OpenMode::Create {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        if !exists {
            create_shared_file(path).map_err(|e| StoreError::os(path, &e))?;
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
                return Err(StoreError::os(path, &e));
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
            Err(StoreError::ReadOnly) if read_only => Err(StoreError::Io(
                format!(
                    "{}: cannot be read: its -wal file holds changes not yet in the database, \
                     and this login may not create {}-shm beside it to read them (ask the \
                     file's owner to make the folder writable, or to open and close the meeting once)",
                    path.display(),
                    path.display()
                ),
                format!(
                    "{}：无法读取：其 -wal 文件中有尚未写入数据库的修改，而当前登录账号不能在旁边创建 \
                     {}-shm 来读取（请文件所有者把文件夹设为可写，或打开再关闭一次该会审）",
                    path.display(),
                    path.display()
                ),
            )),
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
                return Err(StoreError::Sqlite(rusqlite::Error::InvalidParameterName(
                    format!(
                        "could not switch {} to WAL mode (got {mode})",
                        self.path.display()
                    ),
                )));
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

    fn write_tx(&mut self) -> Result<Transaction<'_>> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        if !self.same_file() {
            return Err(StoreError::Io(
                format!(
                    "{} was deleted or replaced while open; nothing was written (open the meeting again)",
                    self.path.display()
                ),
                format!(
                    "{} 在打开期间被删除或替换；未写入任何数据（请重新打开会审）",
                    self.path.display()
                ),
            ));
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

    pub fn meeting(&self) -> Result<Meeting> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT title, stage, locked, created_at, created_by FROM meeting WHERE id = 1",
            )?
            .query_row([], |r| {
                Ok(Meeting {
                    title: r.get(0)?,
                    stage: r.get(1)?,
                    locked: r.get(2)?,
                    created_at: r.get(3)?,
                    created_by: r.get(4)?,
                })
            })?)
    }

    pub fn set_title(&mut self, title: &str, actor: &Actor) -> Result<()> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, true)?;
        tx.execute("UPDATE meeting SET title = ?1 WHERE id = 1", [title])?;
        tx.commit()?;
        Ok(())
    }

    /// Adds a submission's projects and indicators. All or nothing: a
    /// project code already in the meeting is a problem like any other.
    pub fn import_submission(&mut self, sub: &Submission, actor: &Actor) -> Result<ImportSummary> {
        // A bulk insert that fits in the page cache is not spilled to the
        // WAL half-way; the cache goes back to the default afterwards.
        self.conn.pragma_update(None, "cache_size", -262_144)?;
        let journal = self.journal_for_bulk_insert()?;
        // Every reference the bulk insert writes is one it has just made or
        // read: a department's id from the meeting or its own insert, a
        // project's from the consecutive ids it checks, a decision's from
        // `SELECT id FROM project`. SQLite's per-row foreign-key lookups
        // would find nothing new; they are off for the import (the pragma
        // only changes outside a transaction) and on again whatever happens.
        self.conn.pragma_update(None, "foreign_keys", false)?;
        let result = self.import_in_tx(sub, actor);
        let fk = self.conn.pragma_update(None, "foreign_keys", true);
        if journal {
            // Not an error of the import, which has committed or not by now:
            // should this fail, the next session to open the file for
            // writing switches it to WAL (see `configure`).
            let _ = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0));
        }
        fk?;
        self.conn.pragma_update(None, "cache_size", -2000)?;
        // The import turns CHECK constraints off for its bulk insert only;
        // whatever happened in it, every later statement is checked again.
        let reset = self
            .conn
            .pragma_update(None, "ignore_check_constraints", false);
        let summary = result?;
        reset?;
        Ok(summary)
    }

    /// Into an empty meeting that no other connection has open, a bulk
    /// insert goes through the rollback journal: each new page is written
    /// once, where the WAL writes it twice (the log, then the checkpoint).
    /// Just as atomic and durable. True if it switched; the caller switches
    /// back to WAL. With anyone else connected it stays in WAL at once
    /// (no busy wait: leaving WAL needs the file to itself).
    fn journal_for_bulk_insert(&mut self) -> Result<bool> {
        let empty: bool =
            self.conn
                .query_row("SELECT NOT EXISTS (SELECT 1 FROM project)", [], |r| {
                    r.get(0)
                })?;
        if !empty || self.read_only {
            return Ok(false);
        }
        self.conn.busy_handler(None::<fn(i32) -> bool>)?;
        let mode = self
            .conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| {
                r.get::<_, String>(0)
            });
        retry_when_busy(&mut self.conn)?;
        Ok(mode.is_ok_and(|m| m.eq_ignore_ascii_case("delete")))
    }

    fn import_in_tx(&mut self, sub: &Submission, actor: &Actor) -> Result<ImportSummary> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, true)?;
        let mut problems = Vec::new();
        // Projects are never deleted and their ids are assigned upwards, so
        // every project this import adds has an id above this one.
        let max_before: Option<i64> =
            tx.query_row("SELECT max(id) FROM project", [], |r| r.get(0))?;
        if max_before.is_some() {
            // The meeting's codes, read once.
            let mut stmt = tx.prepare("SELECT code FROM project")?;
            let known = stmt
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<std::collections::HashSet<String>>>()?;
            for p in &sub.projects {
                if known.contains(&p.code) {
                    problems.push(Problem::new(
                        &sub.projects_file,
                        Some(p.source_row),
                        None,
                        format!("project {} is already in this meeting", p.code),
                        format!("项目 {} 已在本次会审中", p.code),
                    ));
                }
            }
        }
        if !problems.is_empty() {
            return Err(StoreError::Problems(problems));
        }
        let at = now(&tx)?;
        // The meeting's departments, read once.
        let mut dept_ids: HashMap<String, i64> = {
            let mut stmt = tx.prepare("SELECT name, id FROM department")?;
            stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        let depts_before = dept_ids.len();
        // Each indicator's project (by its place in the submission) and
        // number: every project here is new, so its indicators number from
        // 1. Checked before anything is written.
        let place: HashMap<&str, usize> = sub
            .projects
            .iter()
            .enumerate()
            .map(|(k, p)| (p.code.as_str(), k))
            .collect();
        let mut seqs = vec![0u32; sub.projects.len()];
        let mut indicators: Vec<(usize, u32, &NewIndicator)> =
            Vec::with_capacity(sub.indicators.len());
        // A file lists a project's indicators together: the project of the
        // indicator before is tried before the map.
        let mut last: Option<(&str, usize)> = None;
        for i in &sub.indicators {
            let code = i.project_code.as_str();
            let found = match last {
                Some((c, k)) if c == code => Some(k),
                _ => place.get(code).copied(),
            };
            match found {
                Some(k) => {
                    last = Some((code, k));
                    seqs[k] += 1;
                    indicators.push((k, seqs[k], i));
                }
                None => problems.push(Problem::new(
                    sub.indicators_file.as_deref().unwrap_or(&sub.projects_file),
                    Some(i.source_row),
                    None,
                    format!("indicator for unknown project {}", i.project_code),
                    format!("绩效指标所属的项目 {} 不在项目表中", i.project_code),
                )),
            }
        }
        if !problems.is_empty() {
            return Err(StoreError::Problems(problems));
        }
        // Indicators are keyed by (project, number): written in that order,
        // each goes at the end of the table instead of into its middle. A
        // file that lists each project's indicators together already is.
        if !indicators.is_sorted_by_key(|&(k, seq, _)| (k, seq)) {
            indicators.sort_unstable_by_key(|&(k, seq, _)| (k, seq));
        }
        tx.execute_batch(schema::BULK_BEGIN)?;
        // Into an empty meeting, the secondary indexes are built once after
        // the insert instead of row by row.
        let rebuild_indexes = max_before.is_none();
        if rebuild_indexes {
            for sql in schema::BULK_DROP_INDEXES {
                tx.execute_batch(sql)?;
            }
        }
        // The CHECK constraints of what the bulk insert writes: a project's
        // budget_type (written from `BudgetType::code`, always one of the
        // four) and requested >= 0 (a `Money` can hold a negative, so it is
        // looked at here), and the decision's state, approved and adjust
        // (left to their defaults: pending, 0, 0). Indicators and departments
        // have none. Only when every value is known to pass are the checks
        // skipped, and only until the bulk insert is done.
        let validated = sub.projects.iter().all(|p| p.requested.fen() >= 0);
        if validated {
            tx.pragma_update(None, "ignore_check_constraints", true)?;
        }
        // New departments first, in the order the submission names them.
        let mut dept_of: Vec<(&NewProject, i64)> = Vec::with_capacity(sub.projects.len());
        {
            let mut add_dept = tx.prepare("INSERT INTO department (name) VALUES (?1)")?;
            for p in &sub.projects {
                let d = match dept_ids.get(p.department.as_str()) {
                    Some(&d) => d,
                    None => {
                        add_dept.execute([&p.department])?;
                        let d = tx.last_insert_rowid();
                        dept_ids.insert(p.department.clone(), d);
                        d
                    }
                };
                dept_of.push((p, d));
            }
        }
        insert_chunked(
            &tx,
            "INSERT INTO project (code, department_id, name, budget_type, section, requested) VALUES",
            6,
            &dept_of,
            |st, at, (p, d)| {
                st.raw_bind_parameter(at, p.code.as_str())?;
                st.raw_bind_parameter(at + 1, *d)?;
                st.raw_bind_parameter(at + 2, p.name.as_str())?;
                st.raw_bind_parameter(at + 3, p.budget_type.code())?;
                st.raw_bind_parameter(at + 4, p.section.as_deref())?;
                st.raw_bind_parameter(at + 5, p.requested.fen())
            },
        )?;
        // Ids are assigned upwards from the largest one, so the k-th
        // project inserted has id base + 1 + k; checked, not assumed.
        let base = max_before.unwrap_or(0);
        let n = sub.projects.len() as i64;
        let (count, first, last): (i64, Option<i64>, Option<i64>) = tx.query_row(
            "SELECT count(*), min(id), max(id) FROM project WHERE id > ?1",
            [base],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        if n > 0 && (count, first, last) != (n, Some(base + 1), Some(base + n)) {
            return Err(StoreError::Io(
                format!(
                    "import: the new projects did not get consecutive ids after {base}; nothing was written"
                ),
                format!("导入：新项目的编号在 {base} 之后不连续；未写入任何数据"),
            ));
        }
        // Every new project starts pending, in one statement.
        tx.execute(
            "INSERT INTO decision (project_id) SELECT id FROM project WHERE id > ?1 ORDER BY id",
            [base],
        )?;
        insert_chunked(
            &tx,
            "INSERT INTO indicator (project_id, seq, level1, level2, indicator, target, unit) VALUES",
            7,
            &indicators,
            |st, at, (k, seq, i)| {
                st.raw_bind_parameter(at, base + 1 + *k as i64)?;
                st.raw_bind_parameter(at + 1, *seq)?;
                st.raw_bind_parameter(at + 2, i.level1.as_str())?;
                st.raw_bind_parameter(at + 3, i.level2.as_str())?;
                st.raw_bind_parameter(at + 4, i.indicator.as_str())?;
                st.raw_bind_parameter(at + 5, i.target.as_str())?;
                st.raw_bind_parameter(at + 6, i.unit.as_str())
            },
        )?;
        if validated {
            tx.pragma_update(None, "ignore_check_constraints", false)?;
        }
        if rebuild_indexes {
            for sql in schema::BULK_CREATE_INDEXES {
                tx.execute_batch(sql)?;
            }
        }
        tx.execute_batch(schema::TALLY_FILL)?;
        tx.execute_batch(schema::TALLY_INSERT_TRIGGER)?;
        let detail = serde_json::json!({
            "file": sub.projects_file,
            "indicators_file": sub.indicators_file,
            "projects": sub.projects.len(),
            "indicators": sub.indicators.len(),
        });
        tx.execute(
            "INSERT INTO event (at, reviewer, os_user, kind, detail) VALUES (?1, ?2, ?3, 'import', ?4)",
            params![at, actor.name, actor.os_user, detail.to_string()],
        )?;
        tx.commit()?;
        Ok(ImportSummary {
            projects: sub.projects.len(),
            indicators: sub.indicators.len(),
            departments_added: dept_ids.len() - depts_before,
        })
    }

    /// Applies a batch of decisions in file order. All or nothing: every
    /// row is checked against the state the rows before it leave, and any
    /// problem rolls the whole batch back.
    pub fn apply_batch(
        &mut self,
        file: &str,
        rows: &[BatchRow],
        actor: &Actor,
    ) -> Result<BatchSummary> {
        struct Current {
            id: i64,
            requested: Money,
            indicators: u32,
            stored: Decision,
            decision: Decision,
        }
        let tx = self.write_tx()?;
        check_access(&tx, actor, false)?;
        let stage = stage_in(&tx)?;
        let mut problems = Vec::new();
        let mut current: HashMap<String, Current> = HashMap::new();
        // Each project's latest comment, as the rows before leave it.
        let mut last_comment: HashMap<i64, Option<String>> = HashMap::new();
        // (project code, command, comment, new decision) per row, in order
        let mut steps: Vec<(&str, &'static str, Option<&str>, Decision, Decision)> = Vec::new();
        {
            let mut lookup = tx.prepare(
                "SELECT p.id, p.requested, d.state, d.approved, d.adjust, d.adjust_indicators,
                        d.adjust_reason, (SELECT count(*) FROM indicator i WHERE i.project_id = p.id),
                        d.kind, d.amount, d.merged_into
                 FROM project p JOIN decision d ON d.project_id = p.id WHERE p.code = ?1",
            )?;
            for row in rows {
                let problem = |message: String, message_zh: String| {
                    Problem::new(file, Some(row.source_row), None, message, message_zh)
                };
                if !current.contains_key(&row.project_code) {
                    let found = lookup
                        .query_row([&row.project_code], |r| {
                            let d = decision_at(r, 2, 8)?;
                            Ok(Current {
                                id: r.get(0)?,
                                requested: Money::from_fen(r.get(1)?),
                                indicators: r.get(7)?,
                                stored: d.clone(),
                                decision: d,
                            })
                        })
                        .optional()?;
                    match found {
                        Some(c) => {
                            current.insert(row.project_code.clone(), c);
                        }
                        None => {
                            problems.push(problem(
                                format!("no project {} in this meeting", row.project_code),
                                format!("本次会审中没有项目 {}", row.project_code),
                            ));
                            continue;
                        }
                    }
                }
                let cur = current.get_mut(&row.project_code).expect("inserted above");
                // An exported table's 审定 and 审减 must be this project's.
                let split_problem = |message: String, message_zh: String| Problem {
                    column: row.split.as_ref().map(|s| s.columns.clone()),
                    ..problem(message, message_zh)
                };
                if let Some(split) = &row.split
                    && split.approved + split.cut != cur.requested
                {
                    problems.push(split_problem(
                        format!(
                            "{}: 审定 {} + 审减 {} = {} 万元, but the project requested {} 万元",
                            row.project_code,
                            split.approved.wan_string(),
                            split.cut.wan_string(),
                            (split.approved + split.cut).wan_string(),
                            cur.requested.wan_string()
                        ),
                        format!(
                            "{}：审定 {} + 审减 {} = {} 万元，但该项目申报金额为 {} 万元",
                            row.project_code,
                            split.approved.wan_string(),
                            split.cut.wan_string(),
                            (split.approved + split.cut).wan_string(),
                            cur.requested.wan_string()
                        ),
                    ));
                    continue;
                }
                let command = match row.word {
                    CommandWord::Stage(kind) => Command::Stage {
                        stage,
                        code: row.project_code.clone(),
                        command: StageCommand {
                            kind,
                            amount: row.stage_amount,
                            merged_into: row.merged_into.clone(),
                        },
                    },
                    _ if stage.adjusts() && row.word != CommandWord::Reset => {
                        let e = StageError::WordOfOtherStage {
                            word: row.word_text.clone(),
                            of: Stage::TargetReview,
                            meeting: stage,
                        };
                        problems.push(problem(
                            format!("{}: {e}", row.project_code),
                            format!("{}：{}", row.project_code, e.zh()),
                        ));
                        continue;
                    }
                    CommandWord::Approve => Command::Approve,
                    CommandWord::Cancel => Command::Cancel,
                    CommandWord::Reset => Command::Reset,
                    CommandWord::Cut => match &row.amount {
                        Some(input) => Command::Cut(input.approved_for(cur.requested)),
                        None => {
                            problems.push(problem(
                                "a cut needs an amount".into(),
                                "审减须填写金额".into(),
                            ));
                            continue;
                        }
                    },
                    CommandWord::Adjust => {
                        if let Some(&n) = row
                            .indicators
                            .iter()
                            .find(|&&n| n == 0 || n > cur.indicators)
                        {
                            problems.push(problem(
                                format!(
                                    "project {} has no indicator {n} (it has {})",
                                    row.project_code, cur.indicators
                                ),
                                format!(
                                    "项目 {} 没有第 {n} 个绩效指标（共 {} 个）",
                                    row.project_code, cur.indicators
                                ),
                            ));
                            continue;
                        }
                        Command::Adjust(Adjust {
                            indicators: row.indicators.clone(),
                            reason: row.comment.clone().unwrap_or_default(),
                        })
                    }
                };
                let command = match stage_command(stage, &row.project_code, &command) {
                    Ok(c) => c,
                    Err(e) => {
                        problems.push(problem(
                            format!("{}: {e}", row.project_code),
                            format!("{}：{}", row.project_code, store_reason_zh(&e)),
                        ));
                        continue;
                    }
                };
                if let Command::Stage { command: c, .. } = &command
                    && let Err(e) = check_merge_target(&tx, c)
                {
                    problems.push(problem(
                        format!("{}: {e}", row.project_code),
                        format!("{}：{}", row.project_code, store_reason_zh(&e)),
                    ));
                    continue;
                }
                match decide(&cur.decision, cur.requested, &command) {
                    Ok(next)
                        if row
                            .split
                            .as_ref()
                            .is_some_and(|s| s.approved != next.approved) =>
                    {
                        let said = row.split.as_ref().map(|s| s.approved).unwrap_or_default();
                        problems.push(split_problem(
                            format!(
                                "{}: {} leaves {} 万元 approved, but 审定 says {}",
                                row.project_code,
                                row.word_text,
                                next.approved.wan_string(),
                                said.wan_string()
                            ),
                            format!(
                                "{}：{} 后审定金额为 {} 万元，但审定列写的是 {}",
                                row.project_code,
                                row.word_text,
                                next.approved.wan_string(),
                                said.wan_string()
                            ),
                        ));
                    }
                    Ok(next) => {
                        // A comment the project's latest one already says
                        // is not added again: an exported table applied
                        // twice, or its latest comment followed by the same
                        // text as the adjustment's reason.
                        let comment = match row.comment.as_deref() {
                            Some(c) if !c.trim().is_empty() => {
                                let last = match last_comment.get(&cur.id) {
                                    Some(l) => l.clone(),
                                    None => latest_comment(&tx, cur.id)?,
                                };
                                let again = last.as_deref().map(str::trim) == Some(c.trim());
                                last_comment.insert(cur.id, Some(c.to_string()));
                                (!again).then_some(c)
                            }
                            _ => None,
                        };
                        let before = std::mem::replace(&mut cur.decision, next.clone());
                        steps.push((&row.project_code, command.code(), comment, before, next));
                    }
                    Err(e) => problems.push(problem(
                        format!("{}: {e}", row.project_code),
                        format!("{}：{}", row.project_code, e.zh()),
                    )),
                }
            }
        }
        if !problems.is_empty() {
            return Err(StoreError::Problems(problems));
        }
        let at = now(&tx)?;
        let mut summary = BatchSummary {
            rows: rows.len(),
            ..BatchSummary::default()
        };
        // Counted by project: a row may take two steps (a decision, then
        // its targets adjusted), and a reader counts the projects.
        let touched: HashSet<&str> = steps.iter().map(|s| s.0).collect();
        summary.changed = touched
            .iter()
            .filter(|c| current[**c].decision != current[**c].stored)
            .count();
        summary.unchanged = touched.len() - summary.changed;
        for (code, kind, comment, before, after) in &steps {
            let id = current[*code].id;
            if before != after {
                insert_event(&tx, &at, actor, kind, id, before, after, Some(file))?;
            }
            if let Some(body) = comment.filter(|c| !c.trim().is_empty()) {
                add_comment_tx(&tx, &at, actor, id, body)?;
                summary.comments += 1;
            }
        }
        for c in current.values() {
            if c.decision != c.stored {
                write_decision(&tx, &at, actor, c.id, &c.decision)?;
            }
        }
        tx.commit()?;
        Ok(summary)
    }

    /// One reviewer's decision on one project, made against `expected_version`
    /// (the version they saw). Refused with the fresh state if someone else
    /// changed the project since.
    pub fn decide(
        &mut self,
        project_id: i64,
        expected_version: i64,
        command: &Command,
        comment: Option<&str>,
        actor: &Actor,
    ) -> Result<StoredDecision> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, false)?;
        let (code, requested, current) = tx
            .prepare_cached(
                "SELECT p.code, p.requested, d.state, d.approved, d.adjust, d.adjust_indicators,
                    d.adjust_reason, d.version, d.updated_by,
                    coalesce(strftime('%Y-%m-%d %H:%M:%S', d.updated_at, 'localtime'), d.updated_at),
                    d.kind, d.amount, d.merged_into
             FROM project p JOIN decision d ON d.project_id = p.id WHERE p.id = ?1",
            )?
            .query_row([project_id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    Money::from_fen(r.get(1)?),
                    StoredDecision {
                        decision: decision_at(r, 2, 10)?,
                        version: r.get(7)?,
                        updated_by: r.get(8)?,
                        updated_at: r.get(9)?,
                    },
                ))
            })?;
        if current.version != expected_version {
            return Err(StoreError::Conflict(Box::new(Conflict {
                code,
                by: current.updated_by.unwrap_or_default(),
                at: current.updated_at.unwrap_or_default(),
                state: current.decision.state,
                approved: current.decision.approved,
            })));
        }
        let stage = stage_in(&tx)?;
        let command = &stage_command(stage, &code, command)?;
        if let Command::Stage { command: c, .. } = command {
            check_merge_target(&tx, c)?;
        }
        let next = decide(&current.decision, requested, command)?;
        let at = now(&tx)?;
        if next != current.decision {
            insert_event(
                &tx,
                &at,
                actor,
                command.code(),
                project_id,
                &current.decision,
                &next,
                None,
            )?;
            write_decision(&tx, &at, actor, project_id, &next)?;
        }
        if let Some(body) = comment.filter(|c| !c.trim().is_empty()) {
            add_comment_tx(&tx, &at, actor, project_id, body)?;
        }
        // `write_decision` bumps the version by one; nothing else moves it.
        let written = next != current.decision;
        let stored = StoredDecision {
            version: current.version + i64::from(written),
            decision: next,
            updated_by: Some(actor.name.clone()),
            updated_at: Some(at),
        };
        tx.commit()?;
        Ok(stored)
    }

    pub fn add_comment(&mut self, project_id: i64, body: &str, actor: &Actor) -> Result<()> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, false)?;
        let at = now(&tx)?;
        add_comment_tx(&tx, &at, actor, project_id, body)?;
        tx.commit()?;
        Ok(())
    }

    /// Opens a meeting, creating it if needed; whoever creates it chairs it.
    pub fn open_or_create(path: &Path, actor: &Actor) -> Result<Store> {
        let mut store = Store::open(path, OpenMode::Create)?;
        let tx = store.write_tx()?;
        let empty: bool = tx.query_row("SELECT count(*) = 0 FROM roster", [], |r| r.get(0))?;
        if empty {
            let at = now(&tx)?;
            tx.execute(
                "INSERT INTO roster (name, role, added_at, added_by) VALUES (?1, 'chair', ?2, ?1)",
                params![actor.name, at],
            )?;
            tx.execute(
                "UPDATE meeting SET created_by = ?1, created_at = ?2 WHERE id = 1",
                params![actor.name, at],
            )?;
            insert_note(
                &tx,
                &at,
                actor,
                "roster_add",
                serde_json::json!({"name": actor.name, "role": "chair"}),
            )?;
        }
        tx.commit()?;
        Ok(store)
    }

    /// What `actor` may do: their role, or why they may not write.
    pub fn access(&self, actor: &Actor) -> Result<std::result::Result<Role, Denied>> {
        match check_access(&self.conn, actor, false) {
            Ok(r) => Ok(Ok(r)),
            Err(StoreError::Denied(d)) => Ok(Err(d)),
            Err(e) => Err(e),
        }
    }

    pub fn roster(&self) -> Result<Vec<RosterEntry>> {
        let mut st = self.conn.prepare(
            "SELECT name, role, os_user, added_at, added_by FROM roster ORDER BY added_at, name",
        )?;
        let rows = st
            .query_map([], |r| {
                Ok(RosterEntry {
                    name: r.get(0)?,
                    role: Role::parse(&r.get::<_, String>(1)?).unwrap_or(Role::Observer),
                    os_user: r.get(2)?,
                    added_at: r.get(3)?,
                    added_by: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Adds or changes a roster entry. Chair only.
    pub fn roster_add(
        &mut self,
        name: &str,
        role: Role,
        os_user: Option<&str>,
        actor: &Actor,
    ) -> Result<()> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, true)?;
        if role != Role::Chair && is_last_chair(&tx, name)? {
            return Err(StoreError::Denied(Denied::LastChair(name.to_string())));
        }
        let at = now(&tx)?;
        tx.execute(
            "INSERT INTO roster (name, role, os_user, added_at, added_by) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (name) DO UPDATE SET role = excluded.role, os_user = excluded.os_user",
            params![name, role.code(), os_user, at, actor.name],
        )?;
        insert_note(
            &tx,
            &at,
            actor,
            "roster_add",
            serde_json::json!({"name": name, "role": role.code(), "os_user": os_user}),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Removes a roster entry. Chair only; the last chair stays.
    pub fn roster_remove(&mut self, name: &str, actor: &Actor) -> Result<bool> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, true)?;
        if is_last_chair(&tx, name)? {
            return Err(StoreError::Denied(Denied::LastChair(name.to_string())));
        }
        let n = tx.execute("DELETE FROM roster WHERE name = ?1", [name])?;
        let at = now(&tx)?;
        if n > 0 {
            insert_note(
                &tx,
                &at,
                actor,
                "roster_remove",
                serde_json::json!({"name": name}),
            )?;
        }
        tx.commit()?;
        Ok(n > 0)
    }

    /// Locks or unlocks the meeting. Chair only.
    pub fn set_locked(&mut self, locked: bool, actor: &Actor) -> Result<()> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, true)?;
        tx.execute("UPDATE meeting SET locked = ?1 WHERE id = 1", [locked])?;
        let at = now(&tx)?;
        insert_note(
            &tx,
            &at,
            actor,
            if locked { "lock" } else { "unlock" },
            serde_json::Value::Null,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The meeting's stage; an unknown code reads as target review.
    pub fn stage(&self) -> Result<Stage> {
        let code: String =
            self.conn
                .query_row("SELECT stage FROM meeting WHERE id = 1", [], |r| r.get(0))?;
        Ok(Stage::parse(&code).unwrap_or_default())
    }

    /// Sets the meeting's stage: when it is created, before any decision.
    pub fn set_stage(&mut self, stage: Stage) -> Result<()> {
        let tx = self.write_tx()?;
        tx.execute("UPDATE meeting SET stage = ?1 WHERE id = 1", [stage.code()])?;
        tx.commit()?;
        Ok(())
    }

    /// The later stage's figures: each kind's count and amount.
    pub fn stage_tally(&self) -> Result<StageTally> {
        let stage = self.stage()?;
        let mut st = self.conn.prepare_cached(
            "SELECT kind, amount FROM decision WHERE kind IS NOT NULL AND state <> 'pending'",
        )?;
        let rows = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let list: Vec<Adjustment> = rows
            .into_iter()
            .filter_map(|(k, a)| {
                Some(Adjustment {
                    kind: Kind::from_code(&k)?,
                    amount: Money::from_fen(a),
                    merged_into: None,
                })
            })
            .collect();
        Ok(stage.tally(&list))
    }

    /// The budget ceiling (控制数), if any is set.
    pub fn ceiling(&self) -> Result<Ceiling> {
        let mut st = self
            .conn
            .prepare_cached("SELECT budget_type, amount FROM ceiling ORDER BY budget_type")?;
        let mut c = Ceiling::default();
        let rows = st.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, Money::from_fen(r.get(1)?)))
        })?;
        for row in rows {
            let (b, amount) = row?;
            match BudgetType::ALL.into_iter().find(|x| x.code() == b) {
                Some(b) => c.by_budget.push((b, amount)),
                None => c.total = Some(amount),
            }
        }
        c.by_budget.sort();
        Ok(c)
    }

    /// Sets (or with `None` clears) the ceiling of a budget, or of the
    /// total with `budget` `None`. Chair only.
    pub fn set_ceiling(
        &mut self,
        budget: Option<BudgetType>,
        amount: Option<Money>,
        actor: &Actor,
    ) -> Result<()> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, true)?;
        let key = budget.map(|b| b.code()).unwrap_or("");
        match amount {
            Some(a) => tx.execute(
                "INSERT INTO ceiling (budget_type, amount) VALUES (?1, ?2)
                 ON CONFLICT (budget_type) DO UPDATE SET amount = excluded.amount",
                params![key, a.fen()],
            )?,
            None => tx.execute("DELETE FROM ceiling WHERE budget_type = ?1", [key])?,
        };
        let at = now(&tx)?;
        insert_note(
            &tx,
            &at,
            actor,
            "ceiling",
            serde_json::json!({"budget_type": key, "amount": amount.map(|a| a.wan_string())}),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Reverts `actor`'s most recent decision that is not yet undone, as a
    /// new event. Refused if anyone changed that project after it.
    pub fn undo_last(&mut self, actor: &Actor) -> Result<(String, Decision)> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, false)?;
        let last: Option<(i64, i64, String, Option<String>)> = tx
            .query_row(
                "SELECT e.id, e.project_id, p.code, e.old_state FROM event e JOIN project p ON p.id = e.project_id
                 WHERE e.reviewer = ?1 AND e.kind IN ('approve', 'cut', 'cancel', 'adjust', 'reset')
                   AND e.id NOT IN (SELECT json_extract(detail, '$.undoes') FROM event
                                    WHERE kind = 'undo' AND detail IS NOT NULL)
                 ORDER BY e.id DESC LIMIT 1",
                [&actor.name],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((event_id, project_id, code, old)) = last else {
            return Err(StoreError::NothingToUndo);
        };
        let later: Option<(String, String, Option<String>)> = tx
            .query_row(
                "SELECT reviewer, coalesce(strftime('%Y-%m-%d %H:%M:%S', at, 'localtime'), at), new_state FROM event
                 WHERE project_id = ?1 AND id > ?2 AND kind IN ('approve', 'cut', 'cancel', 'adjust', 'reset', 'undo')
                 ORDER BY id DESC LIMIT 1",
                params![project_id, event_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        if let Some((by, at, new)) = later {
            let d = new
                .and_then(|n| serde_json::from_str::<Snapshot>(&n).ok())
                .and_then(|s| s.decision())
                .unwrap_or_else(Decision::pending);
            return Err(StoreError::Conflict(Box::new(Conflict {
                code,
                by,
                at,
                state: d.state,
                approved: d.approved,
            })));
        }
        let restore = old
            .and_then(|o| serde_json::from_str::<Snapshot>(&o).ok())
            .and_then(|s| s.decision())
            .unwrap_or_else(Decision::pending);
        let current = tx.query_row(
            "SELECT state, approved, adjust, adjust_indicators, adjust_reason, kind, amount, merged_into
             FROM decision WHERE project_id = ?1",
            [project_id],
            |r| decision_at(r, 0, 5),
        )?;
        let at = now(&tx)?;
        insert_event_with(
            &tx,
            &at,
            actor,
            "undo",
            project_id,
            &current,
            &restore,
            Some(serde_json::json!({ "undoes": event_id })),
        )?;
        write_decision(&tx, &at, actor, project_id, &restore)?;
        tx.commit()?;
        Ok((code, restore))
    }

    /// The tally, recomputed from every project's current decision.
    pub fn tally(&self) -> Result<Tally> {
        self.tally_from(
            "SELECT dep.name, s.budget_type, s.requested, s.state, s.approved, s.adjust, s.projects
             FROM tally_summary s JOIN department dep ON dep.id = s.department_id
             ORDER BY s.department_id",
        )
    }

    /// The overall figures and those per budget, from the per-budget
    /// summary (a few dozen rows, whatever the meeting's size); without the
    /// per-department figures.
    pub fn tally_overview(&self) -> Result<Tally> {
        let mut t = self.tally_from(
            "SELECT '', budget_type, requested, state, approved, adjust, projects FROM tally_budget",
        )?;
        t.by_department.clear();
        Ok(t)
    }

    /// The tally recomputed from every project, bypassing the summary
    /// table: what the summary must always equal.
    pub fn tally_recomputed(&self) -> Result<Tally> {
        self.tally_from(
            "SELECT dep.name, p.budget_type, p.requested, d.state, d.approved, d.adjust, 1
             FROM project p
             JOIN department dep ON dep.id = p.department_id
             JOIN decision d ON d.project_id = p.id
             ORDER BY dep.id, p.id",
        )
    }

    fn tally_from(&self, sql: &str) -> Result<Tally> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    budget_at(r, 1)?,
                    Money::from_fen(r.get(2)?),
                    state_at(r, 3)?,
                    Money::from_fen(r.get(4)?),
                    r.get::<_, bool>(5)?,
                    r.get::<_, i64>(6)? as u64,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Tally::from_rows(rows.iter().map(
            |(dep, b, req, st, appr, adj, n)| TallyRow {
                projects: *n,
                department: dep,
                budget_type: *b,
                requested: *req,
                state: *st,
                approved: *appr,
                adjusted: *adj,
            },
        )))
    }

    /// The newest event's id: a cursor into the log, which doubles as the
    /// change feed every session follows.
    pub fn last_event_id(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT coalesce(max(id), 0) FROM event")?
            .query_row([], |r| r.get(0))?)
    }

    /// What changed after event `after`, up to event `upto`: the projects
    /// touched, or `None` when projects were added (reload everything).
    pub fn changed_projects(&self, after: i64, upto: i64) -> Result<Option<Vec<i64>>> {
        let imported: bool = self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM event WHERE id > ?1 AND id <= ?2 AND kind = 'import')",
            )?
            .query_row([after, upto], |r| r.get(0))?;
        if imported {
            return Ok(None);
        }
        let mut st = self.conn.prepare_cached(
            "SELECT DISTINCT project_id FROM event
             WHERE id > ?1 AND id <= ?2 AND project_id IS NOT NULL",
        )?;
        let ids = st
            .query_map([after, upto], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(Some(ids))
    }

    /// Every project with its current decision, in submission order.
    pub fn project_rows(&self) -> Result<Vec<ProjectRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{PROJECT_ROW_SELECT} ORDER BY p.id"))?;
        let rows = stmt
            .query_map([], project_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The first `n` projects in submission order: the first screen.
    pub fn project_rows_first(&self, n: usize) -> Result<Vec<ProjectRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{PROJECT_ROW_SELECT} ORDER BY p.id LIMIT ?1"))?;
        let rows = stmt
            .query_map([n as i64], project_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The rows of some projects, as `project_rows` gives them.
    pub fn project_rows_by_id(&self, ids: &[i64]) -> Result<Vec<ProjectRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{PROJECT_ROW_SELECT} WHERE p.id = ?1"))?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            if let Some(r) = stmt.query_row([id], project_row).optional()? {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// Everything the detail pane shows about one project: its indicators,
    /// comments and decision history (newest first).
    pub fn project_detail(&self, project_id: i64) -> Result<ProjectDetail> {
        let mut ind = self.conn.prepare_cached(
            "SELECT seq, level1, level2, indicator, target, unit FROM indicator
             WHERE project_id = ?1 ORDER BY seq",
        )?;
        let indicators = ind
            .query_map([project_id], |r| {
                Ok(Indicator {
                    seq: r.get(0)?,
                    level1: r.get(1)?,
                    level2: r.get(2)?,
                    indicator: r.get(3)?,
                    target: r.get(4)?,
                    unit: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut com = self.conn.prepare_cached(
            "SELECT author, os_user, coalesce(strftime('%Y-%m-%d %H:%M:%S', at, 'localtime'), at), body
             FROM comment WHERE project_id = ?1 ORDER BY id DESC",
        )?;
        let comments = com
            .query_map([project_id], |r| {
                Ok(CommentRow {
                    author: r.get(0)?,
                    os_user: r.get(1)?,
                    at: r.get(2)?,
                    body: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut ev = self.conn.prepare_cached(
            "SELECT e.id, coalesce(strftime('%Y-%m-%d %H:%M:%S', e.at, 'localtime'), e.at),
                    e.reviewer, e.os_user, e.kind, p.code, e.old_state, e.new_state
             FROM event e LEFT JOIN project p ON p.id = e.project_id
             WHERE e.project_id = ?1 AND e.kind <> 'comment' ORDER BY e.id DESC",
        )?;
        let history = ev
            .query_map([project_id], event_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(ProjectDetail {
            indicators,
            comments,
            history,
        })
    }

    /// The event log, oldest first, optionally only one reviewer's events,
    /// with what each comment, roster and ceiling event said
    /// ([`EventRow::note`]).
    pub fn events(&self, reviewer: Option<&str>) -> Result<Vec<EventRow>> {
        self.noted_events(reviewer, false, 0)
    }

    /// The events after event `after`, oldest first, with `at` in local
    /// time as the screen shows it: the history overlay (`after` 0), and
    /// what an open history adds when other sessions commit.
    pub fn events_after(&self, after: i64) -> Result<Vec<EventRow>> {
        self.noted_events(None, true, after)
    }

    /// [`Store::events`] after event `after`, with `at` in local time
    /// (`YYYY-MM-DD HH:MM:SS`) if `local_time`.
    pub(crate) fn noted_events(
        &self,
        reviewer: Option<&str>,
        local_time: bool,
        after: i64,
    ) -> Result<Vec<EventRow>> {
        // A comment event names its comment in `detail` ({"comment": id});
        // `json_valid` first, so a damaged detail reads as no text rather
        // than failing the whole log. A ceiling event's detail is its note.
        let mut ev = self.conn.prepare_cached(
            "SELECT e.id,
                    CASE WHEN ?2 THEN coalesce(strftime('%Y-%m-%d %H:%M:%S', e.at, 'localtime'), e.at)
                         ELSE e.at END,
                    e.reviewer, e.os_user, e.kind, p.code, e.old_state, e.new_state, c.body,
                    CASE WHEN e.kind = 'ceiling' THEN e.detail END
             FROM event e LEFT JOIN project p ON p.id = e.project_id
             LEFT JOIN comment c ON c.id = CASE WHEN e.kind = 'comment' AND json_valid(e.detail)
                                                THEN json_extract(e.detail, '$.comment') END
             WHERE (?1 IS NULL OR e.reviewer = ?1) AND e.id > ?3 ORDER BY e.id",
        )?;
        let mut rows = ev
            .query_map(params![reviewer, local_time, after], |r| {
                let mut e = event_row(r)?;
                e.note = match r.get::<_, Option<String>>(8)? {
                    Some(body) => Some(EventNote::Comment(body)),
                    None => r
                        .get::<_, Option<String>>(9)?
                        .and_then(|d| EventNote::ceiling(&d)),
                };
                Ok(e)
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if rows.iter().any(|e| e.kind.starts_with("roster_")) {
            let mut notes = self.roster_notes()?;
            for e in rows.iter_mut().filter(|e| e.kind.starts_with("roster_")) {
                e.note = notes.remove(&e.id);
            }
        }
        Ok(rows)
    }

    /// Every roster event's note by event id. Whether an add was a change
    /// and what role a removal took away come from the roster events before
    /// it (anyone's, whatever the reviewer filter), so the whole roster log
    /// is read; it is a few rows.
    fn roster_notes(&self) -> Result<HashMap<i64, EventNote>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, kind, detail FROM event
             WHERE kind IN ('roster_add', 'roster_remove') ORDER BY id",
        )?;
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let text =
            |d: &serde_json::Value, k: &str| d.get(k).and_then(|v| v.as_str()).map(String::from);
        let mut held: HashMap<String, Option<Role>> = HashMap::new();
        let mut notes = HashMap::new();
        for (id, kind, detail) in rows {
            let d: serde_json::Value = detail
                .and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or_default();
            let Some(name) = text(&d, "name") else {
                continue;
            };
            let add = kind == "roster_add";
            let role = text(&d, "role").and_then(|r| Role::parse(&r));
            let was = if add {
                held.insert(name.clone(), role)
            } else {
                held.remove(&name)
            };
            notes.insert(
                id,
                EventNote::Roster {
                    name,
                    role: role.filter(|_| add),
                    was: was.flatten(),
                    os_user: text(&d, "os_user").filter(|_| add),
                },
            );
        }
        Ok(notes)
    }

    /// The project id for a code.
    pub fn project_id(&self, code: &str) -> Result<i64> {
        self.conn
            .query_row("SELECT id FROM project WHERE code = ?1", [code], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| StoreError::UnknownProject(code.to_string()))
    }

    /// Runs SQLite's own consistency check; `Ok(())` when it says "ok".
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
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

/// Whether `actor` may write (or, with `chair`, do what only the chair may),
/// read inside the write transaction so a lock or a roster change made by
/// another session a moment ago already counts.
fn check_access(conn: &Connection, actor: &Actor, chair: bool) -> Result<Role> {
    let locked: bool = conn
        .prepare_cached("SELECT locked FROM meeting WHERE id = 1")?
        .query_row([], |r| r.get(0))?;
    let entry: Option<(String, Option<String>)> = conn
        .prepare_cached("SELECT role, os_user FROM roster WHERE name = ?1")?
        .query_row([&actor.name], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let deny = |d| Err(StoreError::Denied(d));
    let Some((role, bound)) = entry else {
        return deny(Denied::NotOnRoster(actor.name.clone()));
    };
    if let Some(b) = bound.filter(|b| *b != actor.os_user) {
        return deny(Denied::BoundTo {
            name: actor.name.clone(),
            os_user: b,
            login: actor.os_user.clone(),
        });
    }
    let role = Role::parse(&role).unwrap_or(Role::Observer);
    if chair {
        // The chair may act on a locked meeting: that is how it is unlocked.
        return if role == Role::Chair {
            Ok(role)
        } else {
            deny(Denied::NotChair(actor.name.clone()))
        };
    }
    if locked {
        return deny(Denied::Locked);
    }
    if role == Role::Observer {
        return deny(Denied::Observer(actor.name.clone()));
    }
    Ok(role)
}

/// Whether `name` is a chair and no one else is.
fn is_last_chair(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM roster WHERE name = ?1 AND role = 'chair')
                AND NOT EXISTS (SELECT 1 FROM roster WHERE name <> ?1 AND role = 'chair')",
        )?
        .query_row([name], |r| r.get(0))?)
}

fn stage_in(conn: &Connection) -> rusqlite::Result<Stage> {
    let code: String = conn
        .prepare_cached("SELECT stage FROM meeting WHERE id = 1")?
        .query_row([], |r| r.get(0))?;
    Ok(Stage::parse(&code).unwrap_or_default())
}

/// What the screen's approve, cancel and cut mean at a later stage:
/// approve keeps (post-evaluation only), cancel cancels the whole amount;
/// cut and adjust go through the stage form.
fn stage_command(stage: Stage, code: &str, command: &Command) -> Result<Command> {
    if !stage.adjusts() {
        if let Command::Stage { command: c, .. } = command {
            return Err(StageError::NotThisStage {
                kind: c.kind,
                stage,
            }
            .into());
        }
        return Ok(command.clone());
    }
    let later = |kind| Command::Stage {
        stage,
        code: code.to_string(),
        command: StageCommand {
            kind,
            amount: None,
            merged_into: None,
        },
    };
    let refuse = |word: &str| -> Result<Command> {
        Err(StageError::WordOfOtherStage {
            word: word.to_string(),
            of: Stage::TargetReview,
            meeting: stage,
        }
        .into())
    };
    match command {
        Command::Approve if stage == Stage::PostEvaluation => Ok(later(Kind::Keep)),
        Command::Approve => refuse("approve (通过)"),
        Command::Cancel => Ok(later(Kind::Cancel)),
        Command::Cut(_) => refuse("cut (审减)"),
        Command::Adjust(_) => refuse("adjust (调整)"),
        Command::Reset => Ok(Command::Reset),
        Command::Stage { command: c, .. } => Ok(Command::Stage {
            stage,
            code: code.to_string(),
            command: c.clone(),
        }),
    }
}

/// A refusal found while reading a batch, in Chinese: a decision's own
/// words, anything else (a database error) as it is.
fn store_reason_zh(e: &StoreError) -> String {
    match e {
        StoreError::Decision(d) => d.zh(),
        other => other.to_string(),
    }
}

/// A merge goes into a project of this meeting.
fn check_merge_target(conn: &Connection, c: &StageCommand) -> Result<()> {
    if c.kind != Kind::Merge {
        return Ok(());
    }
    if let Some(t) = c
        .merged_into
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let found: bool = conn.query_row(
            "SELECT count(*) > 0 FROM project WHERE code = ?1",
            [t],
            |r| r.get(0),
        )?;
        if !found {
            return Err(StageError::MergeTargetUnknown(t.to_string()).into());
        }
    }
    Ok(())
}

/// Rows per statement in an import's bulk insert: one statement (bind,
/// step, reset) per hundred rows instead of one per row.
const INSERT_CHUNK: usize = 100;

/// Inserts `rows` with multi-row `INSERT … VALUES (…), (…)` statements:
/// `head` is the statement up to `VALUES`, `width` the values per row, and
/// `bind` binds one row's values from the given 1-based parameter index.
fn insert_chunked<T>(
    tx: &Transaction<'_>,
    head: &str,
    width: usize,
    rows: &[T],
    bind: impl Fn(&mut rusqlite::Statement<'_>, usize, &T) -> rusqlite::Result<()>,
) -> Result<()> {
    let sql = |n: usize| {
        let one = format!("({})", vec!["?"; width].join(", "));
        format!("{head} {}", vec![one; n].join(", "))
    };
    let mut full = None;
    for chunk in rows.chunks(INSERT_CHUNK) {
        let mut part;
        let stmt = if chunk.len() == INSERT_CHUNK {
            match &mut full {
                Some(st) => st,
                None => full.insert(tx.prepare(&sql(INSERT_CHUNK))?),
            }
        } else {
            part = tx.prepare(&sql(chunk.len()))?;
            &mut part
        };
        for (k, row) in chunk.iter().enumerate() {
            bind(stmt, k * width + 1, row)?;
        }
        stmt.raw_execute()?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn insert_event(
    tx: &Transaction<'_>,
    at: &str,
    actor: &Actor,
    kind: &str,
    project_id: i64,
    before: &Decision,
    after: &Decision,
    source: Option<&str>,
) -> rusqlite::Result<()> {
    let detail = source.map(|f| serde_json::json!({ "file": f }));
    insert_event_with(tx, at, actor, kind, project_id, before, after, detail)
}

/// An event about the meeting rather than a project (roster, lock).
fn insert_note(
    tx: &Transaction<'_>,
    at: &str,
    actor: &Actor,
    kind: &str,
    detail: serde_json::Value,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO event (at, reviewer, os_user, kind, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            at,
            actor.name,
            actor.os_user,
            kind,
            (!detail.is_null()).then(|| detail.to_string())
        ],
    )?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn insert_event_with(
    tx: &Transaction<'_>,
    at: &str,
    actor: &Actor,
    kind: &str,
    project_id: i64,
    before: &Decision,
    after: &Decision,
    detail: Option<serde_json::Value>,
) -> rusqlite::Result<()> {
    let old = serde_json::to_string(&Snapshot::of(before)).expect("snapshot serializes");
    let new = serde_json::to_string(&Snapshot::of(after)).expect("snapshot serializes");
    let detail = detail.map(|d| d.to_string());
    tx.prepare_cached(
        "INSERT INTO event (at, reviewer, os_user, kind, project_id, old_state, new_state, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        at,
        actor.name,
        actor.os_user,
        kind,
        project_id,
        old,
        new,
        detail
    ])?;
    Ok(())
}

fn write_decision(
    tx: &Transaction<'_>,
    at: &str,
    actor: &Actor,
    project_id: i64,
    d: &Decision,
) -> rusqlite::Result<()> {
    let (adjust, inds, reason) = match &d.adjust {
        Some(a) => (true, indicators_text(&a.indicators), a.reason.as_str()),
        None => (false, String::new(), ""),
    };
    tx.prepare_cached(
        "UPDATE decision SET state = ?2, approved = ?3, adjust = ?4, adjust_indicators = ?5,
                adjust_reason = ?6, updated_by = ?7, updated_os_user = ?8, updated_at = ?9,
                kind = ?10, amount = ?11, merged_into = ?12, version = version + 1
         WHERE project_id = ?1",
    )?
    .execute(params![
        project_id,
        d.state.code(),
        d.approved.fen(),
        adjust,
        inds,
        reason,
        actor.name,
        actor.os_user,
        at,
        d.stage.as_ref().map(|a| a.kind.code()),
        d.stage.as_ref().map_or(0, |a| a.amount.fen()),
        d.stage.as_ref().and_then(|a| a.merged_into.as_deref()),
    ])?;
    Ok(())
}

/// The text of a project's latest comment, if it has one.
fn latest_comment(tx: &Transaction<'_>, project_id: i64) -> rusqlite::Result<Option<String>> {
    tx.prepare_cached("SELECT body FROM comment WHERE project_id = ?1 ORDER BY id DESC LIMIT 1")?
        .query_row([project_id], |r| r.get(0))
        .optional()
}

fn add_comment_tx(
    tx: &Transaction<'_>,
    at: &str,
    actor: &Actor,
    project_id: i64,
    body: &str,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO comment (project_id, author, os_user, at, body) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![project_id, actor.name, actor.os_user, at, body])?;
    // Logged too, so every session's change feed sees the new comment.
    tx.execute(
        "INSERT INTO event (at, reviewer, os_user, kind, project_id, detail)
         VALUES (?1, ?2, ?3, 'comment', ?4, ?5)",
        params![
            at,
            actor.name,
            actor.os_user,
            project_id,
            serde_json::json!({ "comment": tx.last_insert_rowid() }).to_string()
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chair() -> Actor {
        Actor {
            name: "评审".into(),
            os_user: "t".into(),
        }
    }

    fn project(code: &str, b: BudgetType, fen: i64) -> NewProject {
        NewProject {
            code: code.into(),
            department: "教育局".into(),
            name: format!("项目{code}"),
            budget_type: b,
            section: None,
            requested: Money::from_fen(fen),
            source_row: 2,
        }
    }

    fn checks_ignored(st: &Store) -> bool {
        st.conn
            .query_row("PRAGMA ignore_check_constraints", [], |r| r.get(0))
            .unwrap()
    }

    /// The import skips CHECK constraints for its bulk insert only: after
    /// it, done or failed, the connection checks again.
    #[test]
    fn checks_are_back_on_after_an_import() {
        let dir = tempfile::tempdir().unwrap();
        let mut st = Store::open_or_create(&dir.path().join("m.db"), &chair()).unwrap();
        let sub = Submission {
            projects_file: "p.csv".into(),
            projects: BudgetType::ALL
                .iter()
                .enumerate()
                .map(|(i, b)| project(&format!("{i:04}"), *b, 100))
                .collect(),
            ..Submission::default()
        };
        st.import_submission(&sub, &chair()).unwrap();
        assert!(!checks_ignored(&st));
        // Every budget type's code passes the CHECK the import skipped.
        assert_eq!(st.integrity_check().unwrap(), ["ok"]);
        // A failed import (a code already there) leaves the checks on too.
        assert!(st.import_submission(&sub, &chair()).is_err());
        assert!(!checks_ignored(&st));
        // A failed import in the middle of the bulk insert as well (an
        // indicator for a project not in the submission).
        let mut late = sub.clone();
        late.projects = vec![project("9999", BudgetType::General, 5)];
        late.indicators = vec![NewIndicator {
            project_code: "nope".into(),
            level1: "a".into(),
            level2: "b".into(),
            indicator: "c".into(),
            target: String::new(),
            unit: String::new(),
            source_row: 2,
        }];
        assert!(st.import_submission(&late, &chair()).is_err());
        assert!(!checks_ignored(&st));
        let err = st.conn.execute(
            "INSERT INTO project (code, department_id, name, budget_type, requested)
             VALUES ('x', 1, 'x', 'general', -1)",
            [],
        );
        assert!(err.is_err(), "a negative amount got in");
        // Foreign keys, off for the bulk insert, are enforced again, and
        // every reference the imports wrote holds.
        let fk: bool = st
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert!(fk);
        let orphan = st.conn.execute(
            "INSERT INTO indicator (project_id, seq, level1, level2, indicator)
             VALUES (987654, 1, 'a', 'b', 'c')",
            [],
        );
        assert!(orphan.is_err(), "an indicator of no project got in");
        let broken: i64 = st
            .conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(broken, 0);
    }

    /// Indicators of different projects mixed in the file: each project's
    /// still numbered in the file's order.
    #[test]
    fn interleaved_indicators_keep_their_numbers() {
        let dir = tempfile::tempdir().unwrap();
        let mut st = Store::open_or_create(&dir.path().join("m.db"), &chair()).unwrap();
        let ind = |code: &str, name: &str| NewIndicator {
            project_code: code.into(),
            level1: "产出".into(),
            level2: "数量".into(),
            indicator: name.into(),
            target: String::new(),
            unit: String::new(),
            source_row: 2,
        };
        let sub = Submission {
            projects_file: "p.csv".into(),
            projects: vec![
                project("A", BudgetType::General, 1),
                project("B", BudgetType::General, 2),
            ],
            indicators: vec![
                ind("B", "b1"),
                ind("A", "a1"),
                ind("B", "b2"),
                ind("A", "a2"),
            ],
            ..Submission::default()
        };
        st.import_submission(&sub, &chair()).unwrap();
        let names = |id| {
            st.project_detail(id)
                .unwrap()
                .indicators
                .iter()
                .map(|i| (i.seq, i.indicator.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(1), [(1, "a1".to_string()), (2, "a2".to_string())]);
        assert_eq!(names(2), [(1, "b1".to_string()), (2, "b2".to_string())]);
    }

    /// The history's notes: a comment's text, and for the roster who, the
    /// role given and the role held before — the latter from everyone's
    /// roster events, even when the log is one reviewer's. A damaged detail
    /// reads as no note, not as a failed log.
    #[test]
    fn events_carry_comment_text_and_roster_changes() {
        let dir = tempfile::tempdir().unwrap();
        let mut st = Store::open_or_create(&dir.path().join("m.db"), &chair()).unwrap();
        let sub = Submission {
            projects_file: "p.csv".into(),
            projects: vec![project("A", BudgetType::General, 100)],
            ..Submission::default()
        };
        st.import_submission(&sub, &chair()).unwrap();
        let other = Actor {
            name: "丙".into(),
            os_user: "c".into(),
        };
        st.roster_add("丙", Role::Chair, None, &chair()).unwrap();
        st.roster_add("乙", Role::Observer, Some("yi"), &chair())
            .unwrap();
        st.roster_add("乙", Role::Member, None, &other).unwrap();
        st.roster_remove("乙", &chair()).unwrap();
        st.add_comment(1, "测算依据\n不充分", &other).unwrap();
        for (kind, detail) in [("comment", "{\"comment\""), ("roster_add", "{\"name\": 5}")] {
            st.conn
                .execute(
                    "INSERT INTO event (at, reviewer, os_user, kind, project_id, detail)
                     VALUES ('2024-01-01T00:00:00.000Z', 'x', 'x', ?1, 1, ?2)",
                    params![kind, detail],
                )
                .unwrap();
        }
        let roster = |name: &str, role, was, os_user: Option<&str>| {
            Some(EventNote::Roster {
                name: name.into(),
                role,
                was,
                os_user: os_user.map(String::from),
            })
        };
        let notes: Vec<_> = st
            .events(None)
            .unwrap()
            .into_iter()
            .filter(|e| e.kind != "import")
            .map(|e| (e.kind, e.note))
            .collect();
        assert_eq!(
            notes,
            [
                (
                    "roster_add".into(),
                    roster("评审", Some(Role::Chair), None, None)
                ),
                (
                    "roster_add".into(),
                    roster("丙", Some(Role::Chair), None, None)
                ),
                (
                    "roster_add".into(),
                    roster("乙", Some(Role::Observer), None, Some("yi"))
                ),
                (
                    "roster_add".into(),
                    roster("乙", Some(Role::Member), Some(Role::Observer), None)
                ),
                (
                    "roster_remove".into(),
                    roster("乙", None, Some(Role::Member), None)
                ),
                (
                    "comment".into(),
                    Some(EventNote::Comment("测算依据\n不充分".into()))
                ),
                ("comment".into(), None),
                ("roster_add".into(), None),
            ]
        );
        let mine: Vec<_> = st
            .events(Some("丙"))
            .unwrap()
            .into_iter()
            .map(|e| e.note)
            .collect();
        assert_eq!(
            mine,
            [
                roster("乙", Some(Role::Member), Some(Role::Observer), None),
                Some(EventNote::Comment("测算依据\n不充分".into())),
            ]
        );
    }

    /// A ceiling event's note is the budget and the amount set (or cleared);
    /// the export's log carries the same notes as the history.
    #[test]
    fn events_carry_ceilings_and_the_export_the_same_notes() {
        let dir = tempfile::tempdir().unwrap();
        let mut st = Store::open_or_create(&dir.path().join("m.db"), &chair()).unwrap();
        st.set_ceiling(None, Some("230000".parse().unwrap()), &chair())
            .unwrap();
        st.set_ceiling(
            Some(BudgetType::Fund),
            Some("1.5".parse().unwrap()),
            &chair(),
        )
        .unwrap();
        st.set_ceiling(Some(BudgetType::Fund), None, &chair())
            .unwrap();
        st.conn
            .execute(
                "INSERT INTO event (at, reviewer, os_user, kind, detail)
                 VALUES ('2024-01-01T00:00:00.000Z', 'x', 'x', 'ceiling', '{\"budget_type\": 5}')",
                [],
            )
            .unwrap();
        let ceiling = |budget, amount: Option<&str>| {
            Some(EventNote::Ceiling {
                budget,
                amount: amount.map(|a| a.parse().unwrap()),
            })
        };
        let notes: Vec<_> = st
            .events(None)
            .unwrap()
            .into_iter()
            .filter(|e| e.kind == "ceiling")
            .map(|e| e.note)
            .collect();
        assert_eq!(
            notes,
            [
                ceiling(None, Some("230000")),
                ceiling(Some(BudgetType::Fund), Some("1.5")),
                ceiling(Some(BudgetType::Fund), None),
                None,
            ]
        );
        let history = st.events(None).unwrap();
        let exported = st.export_events().unwrap();
        assert_eq!(
            history.iter().map(|e| &e.note).collect::<Vec<_>>(),
            exported.iter().map(|e| &e.note).collect::<Vec<_>>()
        );
        // The export's times are local and to the second.
        assert_eq!(exported[0].at.len(), "2024-01-01 00:00:00".len());
    }

    fn rows(conn: &Connection, sql: &str) -> Vec<String> {
        let mut st = conn.prepare(sql).unwrap();
        let n = st.column_count();
        st.query_map([], |r| {
            let cells: Vec<String> = (0..n)
                .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                .collect();
            Ok(cells.join(" | "))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    /// Everything about the indicator table's shape except its name and
    /// whether it has a rowid: columns, primary key, foreign keys, indexes.
    fn indicator_shape(conn: &Connection) -> Vec<String> {
        let mut out = rows(
            conn,
            "SELECT name, type, \"notnull\", dflt_value FROM pragma_table_info('indicator') WHERE name <> 'id' ORDER BY cid",
        );
        out.extend(rows(conn, "SELECT \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list('indicator')"));
        out
    }

    /// Schema 5 rebuilds `indicator` without its rowid, keyed by
    /// (project_id, seq): a version-4 meeting with data comes out with the
    /// same indicators, the same columns and foreign key, and the same
    /// schema as a meeting created new.
    #[test]
    fn migration_5_keys_indicators_by_project_and_number() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("v4.db");
        let before;
        let shape_before;
        {
            let conn = Connection::open(&old).unwrap();
            conn.pragma_update(None, "foreign_keys", true).unwrap();
            for (i, statements) in schema::MIGRATIONS[..4].iter().enumerate() {
                for sql in *statements {
                    conn.execute_batch(sql).unwrap();
                }
                conn.pragma_update(None, "user_version", i as i64 + 1)
                    .unwrap();
            }
            conn.execute_batch(
                "INSERT INTO meeting (id, created_at, created_by) VALUES (1, '2026-01-01', '评审');
                 INSERT INTO roster (name, role, added_at, added_by) VALUES ('评审', 'chair', '2026-01-01', '评审');
                 INSERT INTO department (name) VALUES ('教育局'), ('卫健委');
                 INSERT INTO project (code, department_id, name, budget_type, requested)
                     VALUES ('P1', 1, '甲', 'general', 100), ('P2', 2, '乙', 'fund', 200), ('P3', 1, '丙', 'general', 300);
                 INSERT INTO decision (project_id) SELECT id FROM project;
                 -- out of (project, number) order, with defaults and without
                 INSERT INTO indicator (project_id, seq, level1, level2, indicator, target, unit)
                     VALUES (2, 2, '产出', '数量', '培训人次', '≥100', '人次'),
                            (1, 1, '产出', '质量', '合格率', '≥95', '%');
                 INSERT INTO indicator (project_id, seq, level1, level2, indicator)
                     VALUES (2, 1, '效益', '社会', '满意度'), (1, 2, '成本', '经济', '单价');
                 UPDATE decision SET state = 'approved', approved = 100 WHERE project_id = 1;",
            )
            .unwrap();
            before = rows(
                &conn,
                "SELECT project_id, seq, level1, level2, indicator, target, unit FROM indicator ORDER BY project_id, seq",
            );
            assert_eq!(before.len(), 4);
            shape_before = indicator_shape(&conn);
        }

        let st = Store::open(&old, OpenMode::Existing).unwrap();
        assert_eq!(st.schema_version().unwrap(), 5);
        let conn = &st.conn;
        let after = rows(
            conn,
            "SELECT project_id, seq, level1, level2, indicator, target, unit FROM indicator ORDER BY project_id, seq",
        );
        assert_eq!(after, before);
        assert_eq!(indicator_shape(conn), shape_before);
        // No rowid any more, and (project_id, seq) is the key.
        assert!(conn.prepare("SELECT rowid FROM indicator").is_err());
        assert_eq!(
            rows(
                conn,
                "SELECT name, pk FROM pragma_table_info('indicator') WHERE pk > 0 ORDER BY pk"
            ),
            [
                "Text(\"project_id\") | Integer(1)",
                "Text(\"seq\") | Integer(2)"
            ]
        );
        let dup = conn.execute(
            "INSERT INTO indicator (project_id, seq, level1, level2, indicator) VALUES (1, 2, 'a', 'b', 'c')",
            [],
        );
        assert!(dup.is_err(), "a second indicator 2 of project 1 got in");
        // The foreign key still holds.
        let orphan = conn.execute(
            "INSERT INTO indicator (project_id, seq, level1, level2, indicator) VALUES (99, 1, 'a', 'b', 'c')",
            [],
        );
        assert!(orphan.is_err(), "an indicator of no project got in");
        assert!(rows(conn, "PRAGMA foreign_key_check").is_empty());
        assert_eq!(st.integrity_check().unwrap(), ["ok"]);
        // The rest of the meeting is untouched.
        assert_eq!(st.project_detail(2).unwrap().indicators.len(), 2);
        assert_eq!(
            st.project_detail(2).unwrap().indicators[0].indicator,
            "满意度"
        );
        assert_eq!(
            rows(
                conn,
                "SELECT state, approved FROM decision ORDER BY project_id"
            ),
            [
                "Text(\"approved\") | Integer(100)",
                "Text(\"pending\") | Integer(0)",
                "Text(\"pending\") | Integer(0)"
            ]
        );

        // A meeting created new has the same schema, text for text.
        let fresh = Store::open_or_create(&dir.path().join("new.db"), &chair()).unwrap();
        let schema_sql = "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name";
        assert_eq!(rows(&fresh.conn, schema_sql), rows(conn, schema_sql));
    }
}
