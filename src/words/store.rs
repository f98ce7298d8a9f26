//! The store's refusals and failures in words: a missing or foreign file,
//! another session's lock, a reviewer the roster does not let write, a
//! decision someone else changed first. Where a detail comes from SQLite or
//! the operating system, it stays as they word it.

use super::{Lang, Say};
use crate::store::{
    BUSY_TIMEOUT, Blocked, BlockedAt, CURRENT_VERSION, Denied, NotReady, ReadOnlyWhy, StoreError,
};

impl Say for StoreError {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (StoreError::Missing(p), Lang::Zh) => format!(
                "{} 处没有会审数据库；可用 `huishen import 文件 --db {}` 创建，或先试 `huishen demo`",
                p.display(),
                p.display()
            ),
            (StoreError::Missing(p), Lang::En) => format!(
                "no meeting database at {}; create one with `huishen import FILE --db {}` or try `huishen demo`",
                p.display(),
                p.display()
            ),
            (StoreError::NoAccess(b), lang) => blocked(b, lang),
            (StoreError::NotReady { path, problem }, lang) => not_ready(path, problem, lang),
            (StoreError::CannotOpen(p), Lang::Zh) => format!(
                "无法打开 {}（SQLite：unable to open database file）；请查看该文件及其 -wal、-shm 的权限：`huishen doctor --db {}`",
                p.display(),
                p.display()
            ),
            (StoreError::CannotOpen(p), Lang::En) => format!(
                "cannot open {} (SQLite: unable to open database file); see the permissions of the file and its -wal and -shm: `huishen doctor --db {}`",
                p.display(),
                p.display()
            ),
            (StoreError::NotADatabase(p), Lang::Zh) => format!(
                "{} 不是会审数据库（不是 SQLite 文件，或已损坏）",
                p.display()
            ),
            (StoreError::NotADatabase(p), Lang::En) => format!(
                "{} is not a huishen meeting database (not an SQLite file, or damaged)",
                p.display()
            ),
            (StoreError::NewerSchema { path, found }, Lang::Zh) => format!(
                "{} 由更新版本的 huishen 写入（数据库版本 {found}，本程序最高支持 {CURRENT_VERSION}）；请升级 huishen 后再打开",
                path.display()
            ),
            (StoreError::NewerSchema { path, found }, Lang::En) => format!(
                "{} was written by a newer huishen (schema version {found}; this one knows up to {CURRENT_VERSION}); upgrade huishen to open it",
                path.display()
            ),
            (StoreError::Busy, Lang::Zh) => format!(
                "数据库被其他会话锁定超过 {} 秒；未写入任何数据，请重试",
                BUSY_TIMEOUT.as_secs()
            ),
            (StoreError::Busy, Lang::En) => format!(
                "the database stayed locked by another session for {} s; nothing was written, try again",
                BUSY_TIMEOUT.as_secs()
            ),
            (StoreError::ReadOnly, Lang::Zh) => "数据库以只读方式打开；未写入任何数据".to_string(),
            (StoreError::ReadOnly, Lang::En) => {
                "the database is open read-only; nothing was written".to_string()
            }
            (StoreError::Problems(ps), _) => {
                let mut out = match lang {
                    Lang::Zh => format!("{} 处问题，未写入任何数据：", ps.len()),
                    Lang::En => format!("{} problem(s), nothing was written:", ps.len()),
                };
                for p in ps {
                    out += &format!("\n  {}", p.say(lang));
                }
                out
            }
            (StoreError::Decision(e), _) => e.say(lang),
            (StoreError::Conflict(c), Lang::Zh) => format!(
                "{} 已被 {} 于 {} 修改（现为 {} {} 万元）；请按最新状态重新决定",
                c.code,
                c.by,
                crate::time::local(&c.at),
                c.state.zh(),
                c.approved.wan_string()
            ),
            (StoreError::Conflict(c), Lang::En) => format!(
                "{} was changed by {} at {} (now {} {} 万元); look again and decide on the fresh state",
                c.code,
                c.by,
                crate::time::local(&c.at),
                c.state.en(),
                c.approved.wan_string()
            ),
            (StoreError::UnknownProject(c), Lang::Zh) => format!("没有编码为 {c} 的项目"),
            (StoreError::UnknownProject(c), Lang::En) => format!("no project with code {c}"),
            (StoreError::Denied(d), Lang::Zh) => format!("{}；未写入任何数据", d.say(lang)),
            (StoreError::Denied(d), Lang::En) => format!("{}; nothing was written", d.say(lang)),
            (StoreError::Os { path, error }, Lang::Zh) => format!("{}：{error}", path.display()),
            (StoreError::Os { path, error }, Lang::En) => format!("{}: {error}", path.display()),
            (StoreError::Folder(p), Lang::Zh) => format!("{}：是文件夹，不是会审文件", p.display()),
            (StoreError::Folder(p), Lang::En) => {
                format!("{}: is a folder, not a meeting file", p.display())
            }
            (StoreError::WalUnreadable(p), Lang::Zh) => format!(
                "{}：无法读取：其 -wal 文件中有尚未写入数据库的修改，而当前登录账号不能在旁边创建 \
                 {}-shm 来读取（请文件所有者把文件夹设为可写，或打开再关闭一次该会审）",
                p.display(),
                p.display()
            ),
            (StoreError::WalUnreadable(p), Lang::En) => format!(
                "{}: cannot be read: its -wal file holds changes not yet in the database, \
                 and this login may not create {}-shm beside it to read them (ask the \
                 file's owner to make the folder writable, or to open and close the meeting once)",
                p.display(),
                p.display()
            ),
            (StoreError::Replaced(p), Lang::Zh) => format!(
                "{} 在打开期间被删除或替换；未写入任何数据（请重新打开会审）",
                p.display()
            ),
            (StoreError::Replaced(p), Lang::En) => format!(
                "{} was deleted or replaced while open; nothing was written (open the meeting again)",
                p.display()
            ),
            (StoreError::DiskFull, Lang::Zh) => {
                "磁盘已满；未写入任何数据（请腾出空间后重试）".to_string()
            }
            (StoreError::DiskFull, Lang::En) => {
                "the disk is full; nothing was written (free some space and try again)".to_string()
            }
            (StoreError::DiskIo(e), Lang::Zh) => {
                format!("无法写入磁盘（{e}）：磁盘可能已满，或文件不可写；未写入任何数据")
            }
            (StoreError::DiskIo(e), Lang::En) => format!(
                "the disk could not be written ({e}): it may be full, or the file may not be writable; nothing was written"
            ),
            // Worded as it was when it came wrapped in an SQLite error.
            (StoreError::NotWal { path, mode }, Lang::Zh) => format!(
                "数据库错误：Invalid parameter name: could not switch {} to WAL mode (got {mode})",
                path.display()
            ),
            (StoreError::NotWal { path, mode }, Lang::En) => format!(
                "database error: Invalid parameter name: could not switch {} to WAL mode (got {mode})",
                path.display()
            ),
            (StoreError::NothingToUndo, Lang::Zh) => "没有可撤销的决定".to_string(),
            (StoreError::NothingToUndo, Lang::En) => {
                "you have no decision left to undo".to_string()
            }
            (StoreError::Reason(e), _) => e.say(lang),
            (StoreError::UnknownDepartment(d), Lang::Zh) => format!("本次会审中没有部门“{d}”"),
            (StoreError::UnknownDepartment(d), Lang::En) => {
                format!("no department \"{d}\" in this meeting")
            }
            (StoreError::NoSuchReviewer(n), Lang::Zh) => {
                format!("{n} 不在名单上；请先用 `huishen roster add {n} --db FILE` 加入")
            }
            (StoreError::NoSuchReviewer(n), Lang::En) => format!(
                "{n} is not on the roster; add them first with `huishen roster add {n} --db FILE`"
            ),
            (StoreError::Sqlite(e), Lang::Zh) => format!("数据库错误：{e}"),
            (StoreError::Sqlite(e), Lang::En) => format!("database error: {e}"),
        }
    }
}

/// `0o2770` as `2770`.
fn mode(m: u32) -> String {
    format!("{m:04o}")
}

/// What keeps the caller from a meeting file: the folder or file, whose it
/// is, and the caller's part in its group.
fn blocked(b: &Blocked, lang: Lang) -> String {
    let Blocked {
        path,
        at,
        what,
        owner,
        group,
        mode: m,
        login,
        in_group,
    } = b;
    let (path, at, m) = (path.display(), at.display(), mode(*m));
    match lang {
        Lang::Zh => {
            let (head, thing, right) = match what {
                BlockedAt::Folder => (format!("没有权限打开 {path}"), "文件夹", "进入"),
                BlockedAt::FolderWrite => (format!("不能创建 {path}"), "文件夹", "写入"),
                BlockedAt::File => (format!("没有权限读取 {path}"), "文件", "读取"),
            };
            let member = if *in_group {
                format!("{login} 在 {group} 组中，但该组没有{right}权限")
            } else {
                format!("当前登录账号 {login} 不在 {group} 组中")
            };
            format!(
                "{head}：{thing} {at} 属于 {owner}:{group}（权限 {m}），{member}；请联系主机管理员（见 docs/shared-host.md）"
            )
        }
        Lang::En => {
            let (head, thing, right) = match what {
                BlockedAt::Folder => (format!("no permission to open {path}"), "folder", "enter"),
                BlockedAt::FolderWrite => (format!("cannot create {path}"), "folder", "write"),
                BlockedAt::File => (format!("no permission to read {path}"), "file", "read"),
            };
            let member = if *in_group {
                format!(
                    "the login {login} is in the group {group}, but the group may not {right} it"
                )
            } else {
                format!("the login {login} is not in the group {group}")
            };
            format!(
                "{head}: the {thing} {at} belongs to {owner}:{group} (mode {m}) and {member}; ask the host's administrator (docs/shared-host.md)"
            )
        }
    }
}

/// A hardened meeting whose files are not as huishen needs them, and what
/// the host's administrator runs.
fn not_ready(path: &std::path::Path, problem: &NotReady, lang: Lang) -> String {
    let p = path.display();
    let fix = format!("sudo huishen doctor --fix --db {p}");
    match (problem, lang) {
        (NotReady::Missing(f), Lang::Zh) => format!(
            "{p} 是加固安装的会审，但 {} 不存在（huishen 不会以你的身份创建它）；请主机管理员运行 `{fix}`",
            f.display()
        ),
        (NotReady::Missing(f), Lang::En) => format!(
            "{p} is a hardened meeting, but {} is missing (huishen will not create it as your file); the host's administrator runs `{fix}`",
            f.display()
        ),
        (NotReady::Owned(f), Lang::Zh) => format!(
            "{p} 是加固安装的会审，但 {} 属于当前登录账号，可以不经 huishen 直接修改；huishen 不使用它。请主机管理员运行 `{fix}`",
            f.display()
        ),
        (NotReady::Owned(f), Lang::En) => format!(
            "{p} is a hardened meeting, but {} belongs to you, so you could change it without huishen; huishen will not use it. The host's administrator runs `{fix}`",
            f.display()
        ),
        (NotReady::NotAFile(f), Lang::Zh) => format!(
            "{p} 是加固安装的会审，但 {} 不是普通文件；请主机管理员删除它后运行 `{fix}`",
            f.display()
        ),
        (NotReady::NotAFile(f), Lang::En) => format!(
            "{p} is a hardened meeting, but {} is not a regular file; the host's administrator removes it and runs `{fix}`",
            f.display()
        ),
        (NotReady::FolderWritable(d), Lang::Zh) => format!(
            "{p} 是加固安装的会审，但你可以写入文件夹 {}，可能把别的文件换到会审文件的位置；huishen 不使用它。请主机管理员收回该写权限（如 `sudo chmod 2750 {}`，见 docs/shared-host.md）",
            d.display(),
            d.display()
        ),
        (NotReady::FolderWritable(d), Lang::En) => format!(
            "{p} is a hardened meeting, but you may write the folder {}, so you could put other files in its place; huishen will not use it. The host's administrator takes that right away (e.g. `sudo chmod 2750 {}`, docs/shared-host.md)",
            d.display(),
            d.display()
        ),
    }
}

impl Say for Denied {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (Denied::NotOnRoster(n), Lang::Zh) => format!(
                "{n} 不在本次会审的名单上（只读）；主持人可用 `huishen roster add {n} --db FILE` 加入"
            ),
            (Denied::NotOnRoster(n), Lang::En) => format!(
                "{n} is not on this meeting's roster (read-only); the chair can add them with `huishen roster add {n} --db FILE`"
            ),
            (Denied::Observer(n), Lang::Zh) => format!("{n} 是本次会审的列席人员（只读）"),
            (Denied::Observer(n), Lang::En) => {
                format!("{n} is an observer of this meeting (read-only)")
            }
            (
                Denied::BoundTo {
                    name,
                    os_user,
                    login,
                },
                Lang::Zh,
            ) => format!("{name} 绑定登录账号 {os_user}；当前登录账号是 {login}（只读）"),
            (
                Denied::BoundTo {
                    name,
                    os_user,
                    login,
                },
                Lang::En,
            ) => format!(
                "{name} is bound to the login {os_user}; you are logged in as {login} (read-only)"
            ),
            (Denied::Locked, Lang::Zh) => "会审已被主持人锁定（只读）".to_string(),
            (Denied::Locked, Lang::En) => {
                "the meeting is locked by the chair (read-only)".to_string()
            }
            (Denied::NotChair(n), Lang::Zh) => format!("只有主持人可以这样做；{n} 不是主持人"),
            (Denied::NotChair(n), Lang::En) => {
                format!("only the chair may do this; {n} is not the chair")
            }
            (Denied::LastChair(n), Lang::Zh) => format!(
                "{n} 是本次会审唯一的主持人，不能移出或改为其他角色；请先让另一人任主持人（`huishen roster set 名字 --role chair`）"
            ),
            (
                Denied::OutsideSections {
                    code,
                    section,
                    mine,
                },
                Lang::Zh,
            ) => format!(
                "本次会审只允许评审决定本人负责股室（{}）的项目；{code} 属于{}",
                mine.join("、"),
                section
                    .as_deref()
                    .map_or("未填股室".to_string(), |s| s.to_string())
            ),
            (
                Denied::OutsideSections {
                    code,
                    section,
                    mine,
                },
                Lang::En,
            ) => format!(
                "this meeting lets members decide only their sections' projects ({}); {code} is {}",
                mine.join(", "),
                section
                    .as_deref()
                    .map_or("in no section".to_string(), |s| format!("{s}'s"))
            ),
            (Denied::LastChair(n), Lang::En) => format!(
                "{n} is the last chair of this meeting and stays chair; make someone else chair first (`huishen roster set NAME --role chair`)"
            ),
            (Denied::LoginNotOnRoster { login, unbound }, Lang::Zh) => {
                let mut s = format!("登录账号 {login} 没有绑定本次会审名单上的任何名字（只读）；");
                if !unbound.is_empty() {
                    s += &format!(
                        "若你已在名单上（未绑定登录账号的名字：{}），请主持人绑定：\
                         `huishen roster set 名字 --os-user {login} --db FILE`；否则",
                        unbound.join("、")
                    );
                }
                s + &format!("请主持人加入：`huishen roster add 名字 --os-user {login} --db FILE`")
            }
            (Denied::LoginNotOnRoster { login, unbound }, Lang::En) => {
                let mut s = format!(
                    "the login {login} is bound to no name on this meeting's roster (read-only); "
                );
                if !unbound.is_empty() {
                    s += &format!(
                        "if you are on it (names bound to no login: {}), the chair binds yours: \
                         `huishen roster set NAME --os-user {login} --db FILE`; else ",
                        unbound.join(", ")
                    );
                }
                s + &format!(
                    "the chair adds you: `huishen roster add NAME --os-user {login} --db FILE`"
                )
            }
            (Denied::SeveralNames { login, names }, Lang::Zh) => format!(
                "登录账号 {login} 绑定了名单上的多个名字（{}）；请用 --as 名字 说明以谁的身份",
                names.join("、")
            ),
            (Denied::SeveralNames { login, names }, Lang::En) => format!(
                "the login {login} is bound to several names on the roster ({}); say which with --as NAME",
                names.join(", ")
            ),
        }
    }
}

impl Say for ReadOnlyWhy {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (ReadOnlyWhy::NoWritePermission(p), Lang::Zh) => {
                format!("没有 {} 的写权限", p.display())
            }
            (ReadOnlyWhy::NoWritePermission(p), Lang::En) => {
                format!("no write permission on {}", p.display())
            }
            (ReadOnlyWhy::Snapshot(p), Lang::Zh) => format!(
                "快照：没有 {} 的写权限，旁边也没有可经由读取的 -wal、-shm 文件；有人打开它后，其他会话的修改才会显示",
                p.display()
            ),
            (ReadOnlyWhy::Snapshot(p), Lang::En) => format!(
                "a snapshot: no write permission on {}, and no -wal and -shm beside it to read through; other sessions' changes show once someone opens it",
                p.display()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::domain::problem::MeetingProblem;
    use crate::domain::{Money, Problem, State};
    use crate::store::Conflict;

    fn both(e: &impl Say) -> [String; 2] {
        [e.say(Lang::Zh), e.say(Lang::En)]
    }

    #[test]
    fn a_file_the_session_cannot_read_says_what_would_help() {
        let e = StoreError::WalUnreadable(PathBuf::from("/m/会审.db"));
        assert_eq!(
            both(&e),
            [
                "/m/会审.db：无法读取：其 -wal 文件中有尚未写入数据库的修改，而当前登录账号不能在旁边创建 \
                 /m/会审.db-shm 来读取（请文件所有者把文件夹设为可写，或打开再关闭一次该会审）",
                "/m/会审.db: cannot be read: its -wal file holds changes not yet in the database, and \
                 this login may not create /m/会审.db-shm beside it to read them (ask the file's owner \
                 to make the folder writable, or to open and close the meeting once)",
            ]
        );
    }

    #[test]
    fn a_refusal_names_the_reviewer_and_the_command_that_lets_them() {
        let e = StoreError::Denied(Denied::NotOnRoster("李四".into()));
        assert_eq!(
            both(&e),
            [
                "李四 不在本次会审的名单上（只读）；主持人可用 `huishen roster add 李四 --db FILE` 加入；未写入任何数据",
                "李四 is not on this meeting's roster (read-only); the chair can add them with \
                 `huishen roster add 李四 --db FILE`; nothing was written",
            ]
        );
    }

    #[test]
    fn problems_stand_under_one_header() {
        let p = |row, kind| Problem::new("d.csv", Some(row), None, kind);
        let e = StoreError::Problems(vec![
            p(2, MeetingProblem::UnknownProject { code: "P9".into() }),
            p(4, MeetingProblem::CutNoAmount),
        ]);
        assert_eq!(
            both(&e),
            [
                "2 处问题，未写入任何数据：\n  d.csv 第 2 行：本次会审中没有项目 P9\n  d.csv 第 4 行：审减须填写金额",
                "2 problem(s), nothing was written:\n  d.csv: row 2: no project P9 in this meeting\n  \
                 d.csv: row 4: a cut needs an amount",
            ]
        );
    }

    /// The conflict carries the time as stored; its words give it in local
    /// time, as the screen does.
    #[test]
    fn a_conflict_says_who_changed_the_project_and_when() {
        let at = "2024-05-01T08:00:00.000Z";
        let e = StoreError::Conflict(Box::new(Conflict {
            code: "P1".into(),
            by: "李四".into(),
            at: at.into(),
            state: State::Cut,
            approved: Money::from_fen(80_000_000),
        }));
        let local = crate::time::local(at);
        assert_eq!(
            both(&e),
            [
                format!(
                    "P1 已被 李四 于 {local} 修改（现为 审减 80.00 万元）；请按最新状态重新决定"
                ),
                format!(
                    "P1 was changed by 李四 at {local} (now cut 80.00 万元); look again and decide on the fresh state"
                ),
            ]
        );
    }
}
