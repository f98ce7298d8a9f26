//! The command line's words: what a command did, why it stopped, and why
//! the review screen could not run — every one in the reader's language,
//! the flags' own values (`--stage`, `--round`, `--budget`, a ceiling's
//! amount) too.

use super::{Lang, Say};
use crate::cli::{BadRound, Error, Note, UnknownStage};
use crate::domain::{BudgetType, Problem, RoundingError};
use crate::store::{Role, RosterChange, StoreError};
use crate::tui;

/// Problems of a file under one heading: nothing was written.
fn problems(ps: &[Problem], lang: Lang) -> String {
    let mut s = match lang {
        Lang::Zh => format!("{} 处问题，未写入任何数据：", ps.len()),
        Lang::En => format!("{} problem(s); nothing was written:", ps.len()),
    };
    for p in ps {
        s += &format!("\n  {}", lang.reason(p));
    }
    s
}

/// What `roster set` changed: "李四：评审 → 主持人，登录账号 无 → lisi".
fn roster_set(name: &str, change: &RosterChange, lang: Lang) -> String {
    let role = |r: Role| match lang {
        Lang::Zh => r.zh(),
        Lang::En => r.code(),
    };
    let login = |l: &Option<String>| match (l, lang) {
        (Some(l), _) => l.clone(),
        (None, Lang::Zh) => "无".into(),
        (None, Lang::En) => "none".into(),
    };
    let mut parts = Vec::new();
    if let Some((from, to)) = change.role {
        parts.push(format!("{} → {}", role(from), role(to)));
    }
    if let Some((from, to)) = &change.os_user {
        parts.push(match lang {
            Lang::Zh => format!("登录账号 {} → {}", login(from), login(to)),
            Lang::En => format!("login {} → {}", login(from), login(to)),
        });
    }
    match (parts.is_empty(), lang) {
        (true, Lang::Zh) => format!("{name}：没有变化"),
        (true, Lang::En) => format!("{name}: nothing changed"),
        (false, Lang::Zh) => format!("{name}：{}", parts.join("，")),
        (false, Lang::En) => format!("{name}: {}", parts.join(", ")),
    }
}

impl Say for Error {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            // A store's refusal of a file's rows: under the same heading as
            // the reader's own problems.
            (Error::Store(StoreError::Problems(ps)) | Error::Problems(ps), _) => problems(ps, lang),
            (Error::Store(e), _) => lang.reason(e),
            (Error::Export(e), _) => e.say(lang),
            (Error::Screen(e), _) => e.say(lang),
            // Each problem names its file, line and entry.
            (Error::Keymap(errors), _) => errors
                .iter()
                .map(|e| e.say(lang))
                .collect::<Vec<_>>()
                .join("\n"),
            (Error::KeymapDefaults, Lang::Zh) => "按键配置有误，已使用默认按键".into(),
            (Error::KeymapDefaults, Lang::En) => {
                "the keymap has errors; the defaults are in force".into()
            }
            (Error::RoundingFixed { db, unit, asked }, Lang::Zh) => format!(
                "{} 已存在，计算出的金额按 {}取整（创建时确定），不能改为 {}；去掉 --round 即可导入",
                db.display(),
                unit.label(),
                asked.label()
            ),
            (Error::RoundingFixed { db, unit, asked }, Lang::En) => format!(
                "{} exists and rounds the amounts it works out to {} (set when it was created); it cannot become {}: leave out --round to import into it",
                db.display(),
                unit.label(),
                asked.label()
            ),
            (Error::Exists(p), Lang::Zh) => format!("{} 已存在", p.display()),
            (Error::Exists(p), Lang::En) => format!("{} already exists", p.display()),
            (Error::UnknownRole(role), Lang::Zh) => format!(
                "无法识别的角色 {role:?}；请写 主持人、评审 或 列席（chair、member、observer）"
            ),
            (Error::UnknownRole(role), Lang::En) => {
                format!("unknown role {role:?}; use chair, member or observer")
            }
            (Error::NotOnRoster(name), Lang::Zh) => format!("{name} 不在名单上"),
            (Error::NotOnRoster(name), Lang::En) => format!("{name} is not on the roster"),
            (Error::AlreadyOnRoster(name), Lang::Zh) => format!(
                "{name} 已在名单上；修改其角色或登录账号请用 `huishen roster set {name} --role 角色 | --os-user 登录账号`，未给出的保持不变"
            ),
            (Error::AlreadyOnRoster(name), Lang::En) => format!(
                "{name} is on the roster already; change their role or login with `huishen roster set {name} --role ROLE | --os-user LOGIN`, which keeps what it is not given"
            ),
            (Error::NoSuchLogin(login), Lang::Zh) => {
                format!("本主机没有登录账号 {login:?}；名字只能绑定到已有的登录账号")
            }
            (Error::NoSuchLogin(login), Lang::En) => format!(
                "this host has no login {login:?}; a name can be bound only to a login that exists"
            ),
            (Error::Privilege(e), Lang::Zh) => {
                format!("无法放弃 huishen 安装组的权限（{e}）；未做任何事")
            }
            (Error::Privilege(e), Lang::En) => {
                format!("could not give up the group of huishen's install ({e}); nothing was done")
            }
            (Error::Doctor, Lang::Zh) => "发现问题（见上）".into(),
            (Error::Doctor, Lang::En) => "problems found (see above)".into(),
            (Error::FixNeedsRoot(p), Lang::Zh) => format!(
                "{} 及其 -wal、-shm 不都属于你，只有 root 能给它们所有者：`sudo huishen doctor --fix --db {}`",
                p.display(),
                p.display()
            ),
            (Error::FixNeedsRoot(p), Lang::En) => format!(
                "{} and its -wal and -shm are not all yours; only root can give them their owner: `sudo huishen doctor --fix --db {}`",
                p.display(),
                p.display()
            ),
            (Error::CeilingAmount { text, error }, Lang::Zh) => {
                format!(
                    "控制数 {text:?}：{}（以万元为单位，或写 none 清除）",
                    error.say(lang)
                )
            }
            (Error::CeilingAmount { text, error }, Lang::En) => {
                format!("ceiling {text:?}: {}", error.say(lang))
            }
            (Error::BudgetForm(arg), Lang::Zh) => {
                format!(
                    "--budget {arg:?}：请写 预算类型=金额，如 general=180000 或 一般公共预算=180000"
                )
            }
            (Error::BudgetForm(arg), Lang::En) => {
                format!("--budget {arg:?}: write TYPE=AMOUNT, e.g. general=180000")
            }
            (Error::UnknownBudget { arg, name }, Lang::Zh) => format!(
                "--budget {arg:?}：无法识别的预算类型 {name:?}；请写{}",
                BudgetType::accepted_names_zh()
            ),
            (Error::UnknownBudget { arg, name }, Lang::En) => format!(
                "--budget {arg:?}: unknown budget type {name:?}; write one of {}",
                BudgetType::accepted_names()
            ),
            (Error::Demo(e), Lang::Zh) => format!("演示会审：{}", e.say(lang)),
            (Error::Demo(e), Lang::En) => format!("demo: {}", e.say(lang)),
            (Error::DemoExists(p), Lang::Zh) => format!("{} 已存在；请换一个 --db", p.display()),
            (Error::DemoExists(p), Lang::En) => {
                format!("{} already exists; choose another --db", p.display())
            }
            // The program's own files: a bug, said as any file's problems.
            (Error::DemoFiles(ps), _) => problems(ps, lang),
            (Error::Json(e), Lang::Zh) => format!("写出 JSON 失败：{e}"),
            (Error::Json(e), Lang::En) => format!("cannot write JSON: {e}"),
            // Never said: the reader closed the output.
            (Error::StdoutClosed, _) => String::new(),
        }
    }
}

impl Say for Note {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (Note::Created { db, rounding }, Lang::Zh) => format!(
                "已创建会审：{}（计算出的金额按 {}取整）",
                db.display(),
                rounding.label()
            ),
            (Note::Created { db, rounding }, Lang::En) => format!(
                "created meeting: {} (amounts it works out rounded to {})",
                db.display(),
                rounding.label()
            ),
            (
                Note::Revised {
                    projects,
                    indicators,
                    db,
                },
                lang,
            ) => {
                let db = db.display();
                match lang {
                    Lang::Zh => format!(
                        "已导入 {projects} 个项目的修改稿（{indicators} 条绩效指标），待评审人确认或退回 → {db}"
                    ),
                    Lang::En => format!(
                        "imported the revision of {projects} projects ({indicators} indicators), for a reviewer to confirm or return → {db}"
                    ),
                }
            }
            (
                Note::Imported {
                    projects,
                    indicators,
                    db,
                },
                lang,
            ) => {
                let db = db.display();
                match lang {
                    Lang::Zh => format!("已导入 {projects} 个项目、{indicators} 条绩效指标 → {db}"),
                    Lang::En => {
                        format!("imported {projects} projects, {indicators} indicators → {db}")
                    }
                }
            }
            (
                Note::Applied {
                    file,
                    rows,
                    changed,
                    unchanged,
                    comments,
                },
                lang,
            ) => match lang {
                Lang::Zh => format!(
                    "{file}: {rows} 行, {changed} 项决定已保存, {unchanged} 项无变化, {comments} 条意见"
                ),
                Lang::En => format!(
                    "{file}: {rows} rows, {changed} decisions saved, {unchanged} unchanged, {comments} comments"
                ),
            },
            (Note::SkippedPending(n), Lang::Zh) => {
                format!("跳过待审行 {n} 行（导出表中尚未审核的项目）")
            }
            (Note::SkippedPending(n), Lang::En) => {
                format!("skipped {n} 待审 rows (projects not yet decided in the exported table)")
            }
            (Note::Demo(db), Lang::Zh) => format!("演示会审：{}", db.display()),
            (Note::Demo(db), Lang::En) => format!("demo meeting: {}", db.display()),
            (Note::NoCeiling, Lang::Zh) => "未设控制数".into(),
            (Note::NoCeiling, Lang::En) => "no ceiling set".into(),
            (Note::Locked, Lang::Zh) => "会审已锁定：所有人只读".into(),
            (Note::Locked, Lang::En) => "meeting locked: read-only for everyone".into(),
            (Note::Unlocked, Lang::Zh) => "会审已解锁".into(),
            (Note::Unlocked, Lang::En) => "meeting unlocked".into(),
            (Note::OnRoster { name, role }, Lang::Zh) => {
                format!("已加入名单：{name}（{}）", role.zh())
            }
            (Note::OnRoster { name, role }, Lang::En) => {
                format!("on the roster: {name}（{}）", role.code())
            }
            (Note::RosterSet { name, change }, lang) => roster_set(name, change, lang),
            (Note::RosterHeading, Lang::Zh) => "名字\t角色\t绑定登录账号".into(),
            (Note::RosterHeading, Lang::En) => "name\trole\tbound to login".into(),
            (Note::OffRoster(name), Lang::Zh) => format!("已移出名单：{name}"),
            (Note::OffRoster(name), Lang::En) => format!("removed from the roster: {name}"),
            (Note::KeymapFallback(first), Lang::Zh) => {
                format!("按键配置有误，已使用默认按键：{}", first.say(lang))
            }
            (Note::KeymapFallback(first), Lang::En) => {
                format!("keymap error, defaults in force: {}", first.say(lang))
            }
        }
    }
}

impl Say for tui::Error {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (tui::Error::NoTerminal, Lang::Zh) => {
                "审核界面需要在终端中运行（标准输入或输出不是终端）；文字输出请用 `huishen tally`"
                    .into()
            }
            (tui::Error::NoTerminal, Lang::En) => "the review screen needs a terminal (stdin and stdout are not one); use `huishen tally` for text output".into(),
            (tui::Error::DumbTerminal, Lang::Zh) => "终端 TERM=dumb 不能显示审核界面（不能移动光标，也不能清屏）；请在完整的终端中运行（如 TERM=xterm-256color），文字输出请用 `huishen tally`".into(),
            (tui::Error::DumbTerminal, Lang::En) => "the review screen cannot run on TERM=dumb (it moves no cursor and clears nothing); run it in a full terminal (e.g. TERM=xterm-256color), or use `huishen tally` for text output".into(),
            (tui::Error::Io(e), Lang::Zh) => format!("终端出错：{}", super::io_reason(e, lang)),
            (tui::Error::Io(e), Lang::En) => format!("terminal error: {e}"),
            (tui::Error::Store(e), _) => e.say(lang),
        }
    }
}

impl Say for BadRound {
    fn say(&self, lang: Lang) -> String {
        self.0.say(lang)
    }
}

impl Say for RoundingError {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (RoundingError::Ambiguous(t), Lang::Zh) => {
                format!("取整单位 {t:?} 不明确：请写 1元 或 1万元")
            }
            (RoundingError::Ambiguous(t), Lang::En) => {
                format!("rounding unit {t:?} is ambiguous: write 1元 or 1万元")
            }
            (RoundingError::Unknown(t), Lang::Zh) => format!(
                "无法识别的取整单位 {t:?}；请写 0.01（即 0.01 万元，100 元，默认）、1元 或 1万元"
            ),
            (RoundingError::Unknown(t), Lang::En) => format!(
                "unknown rounding unit {t:?}; write 0.01 (0.01 万元, i.e. 100 元, the default), 1元 or 1万元"
            ),
        }
    }
}

impl Say for UnknownStage {
    fn say(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!(
                "无法识别的阶段 {:?}；请写 绩效目标会审、事前绩效评估、事中绩效监控 或 事后绩效评价\
                 （也可写 target_review、ex_ante、monitoring、post_evaluation）",
                self.0
            ),
            Lang::En => format!(
                "unknown stage {:?}; write target_review, ex_ante, monitoring or post_evaluation \
                 (or 绩效目标会审, 事前绩效评估, 事中绩效监控, 事后绩效评价)",
                self.0
            ),
        }
    }
}
