//! The review screen's words: what the status line and the forms say.
//! The app builds the facts (a conflict with who, when and what the
//! project is now; a refusal; a saved decision); they are worded here once.

use super::Say;
use crate::domain::cut::Preview;
use crate::domain::{Kind, Money, Stage, State};
use crate::i18n::Lang;
use crate::store::{Denied, ProjectRow, ReadOnlyWhy, StoreError};

/// A decision state's name, as the list, the detail pane and the filter
/// show it.
pub fn state_label(state: State, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => state.zh(),
        Lang::En => state.en(),
    }
}

/// A stored time, `2026-11-28T09:15:02.123Z`, in local time to the minute:
/// `2026-11-28 17:15` (at UTC+8).
pub fn short_time(at: &str) -> String {
    let local = crate::time::local(at);
    // Cleaned: a time is the program's own, but a planted file's need not be.
    crate::text::clean(local.get(..16).unwrap_or(&local)).replace('T', " ")
}

/// A project's decision as the screen says it: a later stage's kind and
/// amount ("调减 120.50 万元"), else the state with its amounts ("审减 3.90
/// 万元，审定 22.10 万元"), as [`Lang::decision`] words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing {
    Stage {
        stage: Stage,
        kind: Kind,
        amount: Money,
    },
    Decision {
        state: State,
        approved: Money,
        /// Without the request the cut is left out.
        requested: Option<Money>,
        /// Targets sent back, and where their revision stands.
        adjust: Option<crate::domain::Revision>,
    },
}

impl Standing {
    /// A project's decision as its row has it, at the meeting's `stage`.
    pub fn of(row: &ProjectRow, stage: Stage) -> Standing {
        let d = &row.decision;
        match &d.stage {
            Some(a) => Standing::Stage {
                stage,
                kind: a.kind,
                amount: a.amount,
            },
            None => Standing::Decision {
                state: d.state,
                approved: d.approved,
                requested: Some(row.requested),
                adjust: d.adjust.as_ref().map(|a| a.revision),
            },
        }
    }
}

impl Say for Standing {
    fn say(&self, l: Lang) -> String {
        match self {
            Standing::Stage {
                stage,
                kind,
                amount,
            } => format!(
                "{} {} 万元",
                l.t(stage.kind_zh(*kind), kind.en()),
                amount.wan_display()
            ),
            Standing::Decision {
                state,
                approved,
                requested,
                adjust,
            } => {
                let mut s = l.decision(*state, *approved, *requested, adjust.is_some());
                match adjust {
                    Some(r) if *r != crate::domain::Revision::Waiting => {
                        s += &match l {
                            Lang::Zh => format!("（{}）", r.zh()),
                            Lang::En => format!(" ({})", r.en()),
                        }
                    }
                    _ => {}
                }
                s
            }
        }
    }
}

/// The list's marks after the state: the targets adjusted, review
/// comments written. (header, mark) each.
pub fn marks(l: Lang) -> [(&'static str, &'static str); 2] {
    match l {
        Lang::Zh => [("调整", "调整"), ("意见", "意见")],
        Lang::En => [("adj.", "adj."), ("notes", "notes")],
    }
}

/// The adjust mark of a project whose targets were sent back, by where
/// their revision stands: 调整 (waiting for the department), 已改 (its
/// revision in, for a reviewer), 确认 (confirmed). As wide as the header.
pub fn revision_mark(r: crate::domain::Revision, l: Lang) -> &'static str {
    use crate::domain::Revision;
    match (r, l) {
        (Revision::Waiting, Lang::Zh) => "调整",
        (Revision::Revised, Lang::Zh) => "已改",
        (Revision::Confirmed, Lang::Zh) => "确认",
        (Revision::Waiting, Lang::En) => "adj.",
        (Revision::Revised, Lang::En) => "rev.",
        (Revision::Confirmed, Lang::En) => "ok",
    }
}

/// What the list's columns and marks mean, at the top of the help: the
/// keys that set the marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Legend {
    pub adjust_key: String,
    pub comment_key: String,
    /// The key that confirms a revision.
    pub confirm_key: String,
}

impl Say for Legend {
    fn say(&self, l: Lang) -> String {
        let [(adj, _), (notes, _)] = marks(l);
        let (a, m, v) = (&self.adjust_key, &self.comment_key, &self.confirm_key);
        match l {
            Lang::Zh => format!(
                "项目列表的列\n  申报  申报金额；审定  审定金额；审减  申报 − 审定（金额单位：万元）\n  \
                 {adj}  该项目的绩效目标已调整（按 {a}）\n  \
                 已改  部门修改稿已导入，待确认（按 {v}）；确认  修改已确认\n  \
                 {notes}  该项目有审核意见（按 {m}）"
            ),
            Lang::En => format!(
                "The list's columns\n  requested, approved, and cut = requested − approved (amounts in 万元)\n  \
                 {adj}  the project's performance targets are adjusted (key {a})\n  \
                 rev.  the department's revision is in, to confirm (key {v}); ok  confirmed\n  \
                 {notes}  the project has review comments (key {m})"
            ),
        }
    }
}

/// What is typed on a filter's department or section, and how many
/// values it matches: "  输入：教育（3 个）"; empty, how to type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Typed {
    pub text: String,
    pub matches: usize,
}

impl Say for Typed {
    fn say(&self, l: Lang) -> String {
        let t = crate::text::clean(&self.text);
        match (l, self.text.is_empty(), self.matches) {
            (Lang::Zh, true, _) => "  （输入以查找）".to_string(),
            (Lang::En, true, _) => "  (type to find)".to_string(),
            (Lang::Zh, false, 0) => format!("  输入：{t}（无匹配）"),
            (Lang::En, false, 0) => format!("  typed: {t} (no match)"),
            (Lang::Zh, false, n) => format!("  输入：{t}（{n} 个）"),
            (Lang::En, false, n) => format!("  typed: {t} ({n} found)"),
        }
    }
}

/// What a project's decision is as a form opens on it, so re-deciding
/// starts from what stands: "现为：审减 17.00 万元，审定 30.00 万元".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Current(pub Standing);

impl Say for Current {
    fn say(&self, l: Lang) -> String {
        match l {
            Lang::Zh => format!("现为：{}", self.0.say(l)),
            Lang::En => format!("now: {}", self.0.say(l)),
        }
    }
}

impl Say for Preview {
    /// "→ 审减 3.90（15.00%），审定 22.10  总审减率 15.00%", or for a share
    /// "→ 审减 10.70，审定 60.61（按 0.01 万元取整）  总审减率 …".
    fn say(&self, l: Lang) -> String {
        let (cut, approved) = (self.cut.wan_display(), self.approved.wan_display());
        let rate = |r: Option<rust_decimal::Decimal>| match r {
            Some(r) => format!("{r}%"),
            None => "—".to_string(),
        };
        let overall = rate(self.overall_rate);
        match (l, self.rounded) {
            (Lang::Zh, Some(unit)) => format!(
                "→ 审减 {cut}，审定 {approved}（按 {}取整）  总审减率 {overall}",
                unit.label()
            ),
            (Lang::Zh, None) => format!(
                "→ 审减 {cut}（{}），审定 {approved}  总审减率 {overall}",
                rate(self.rate)
            ),
            (Lang::En, Some(unit)) => format!(
                "→ cut {cut}, approved {approved} (rounded to {})  overall rate {overall}",
                unit.label()
            ),
            (Lang::En, None) => format!(
                "→ cut {cut} ({}), approved {approved}  overall rate {overall}",
                rate(self.rate)
            ),
        }
    }
}

/// Someone else's change that came first: the project, who changed it and
/// when, and what it is now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changed {
    pub code: String,
    pub by: String,
    /// Local time, as the store gives the screen its times.
    pub at: String,
    pub now: Standing,
}

/// Why this session cannot write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadOnly {
    /// The meeting's file was deleted or replaced under the session.
    FileReplaced,
    /// Opened read-only: asked for, or for this reason.
    Opened(Option<ReadOnlyWhy>),
    /// The roster or the lock does not let this reviewer write.
    Denied(Denied),
}

impl Say for ReadOnly {
    fn say(&self, l: Lang) -> String {
        match self {
            ReadOnly::FileReplaced => l
                .t(
                    "只读：数据库文件已被删除或替换，请重新打开",
                    "read-only: the database file was deleted or replaced; open the meeting again",
                )
                .to_string(),
            ReadOnly::Opened(Some(r)) => format!("{}（{}）", l.t("只读", "read-only"), l.reason(r)),
            ReadOnly::Opened(None) => l.t("只读打开", "opened read-only").to_string(),
            ReadOnly::Denied(d) => match (l, d) {
                (Lang::Zh, Denied::NotOnRoster(n)) => format!("只读：{n} 不在本次会审名单中"),
                (Lang::Zh, Denied::Observer(n)) => format!("只读：{n} 为列席人员"),
                (
                    Lang::Zh,
                    Denied::BoundTo {
                        name,
                        os_user,
                        login,
                    },
                ) => format!("只读：{name} 绑定登录账号 {os_user}，当前为 {login}"),
                (Lang::Zh, Denied::Locked) => "只读：会审已由主持人锁定".to_string(),
                (Lang::Zh, Denied::NotChair(n)) => format!("只读：{n} 不是主持人"),
                (Lang::Zh, Denied::LoginNotOnRoster { login, .. }) => {
                    format!("只读：登录账号 {login} 未绑定名单上的名字")
                }
                (
                    Lang::Zh,
                    d @ (Denied::LastChair(_)
                    | Denied::SeveralNames { .. }
                    | Denied::OutsideSections { .. }),
                ) => d.say(l),
                (Lang::En, d) => d.say(l),
            },
        }
    }
}

/// A key and what it does, in a sentence that asks for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyFor {
    pub key: String,
    /// What the key does, (Chinese, English).
    pub does: (&'static str, &'static str),
}

/// What the status line, or a form's error line, says: each a fact with
/// its values.
#[derive(Debug)]
pub enum Note<'a> {
    /// A decision refused: someone else changed the project first.
    NotSaved(Changed),
    /// An undo refused: someone changed the project after the reviewer.
    CannotUndo(Changed),
    /// A decision form refused after someone else's change: it stays open
    /// with the reviewer's input and now stands against the fresh state, so
    /// Enter again replaces theirs. Said on the form and the status line
    /// alike.
    FormOutdated(Changed),
    /// Another session's decision took the selected project out of the
    /// filtered list; `next` is selected now.
    LeftFilter {
        code: String,
        by: String,
        now: Standing,
        next: Option<String>,
    },
    Saved {
        code: String,
        now: Standing,
    },
    Undone {
        code: String,
        now: Standing,
    },
    /// A decision that changed nothing (`r` on a pending project, `a` on an
    /// approved one); `comment`: its comment was saved.
    Unchanged {
        code: String,
        now: Standing,
        comment: bool,
    },
    /// The reviewer's decision just saved was replaced by someone else's.
    Replaced(Changed),
    CommentSaved {
        code: String,
        /// Kept inside the bureau.
        internal: bool,
    },
    /// A one-key decision that would replace another waits for its key again.
    ConfirmReplace {
        code: String,
        now: Standing,
        again: KeyFor,
    },
    /// A key this stage has no use for; `key` decides at this stage.
    NotAtStage {
        stage: Stage,
        what: NotAtStage,
        key: String,
    },
    NothingPending,
    /// None pending in the list as filtered or searched; `elsewhere` in the
    /// whole meeting.
    NothingPendingShown {
        elsewhere: u64,
        clear: String,
    },
    /// A form closed by the quit key: nothing saved; `quit` quits.
    FormClosed {
        quit: String,
    },
    SearchCleared,
    /// Enter on a department in the tally panel: the list shows its
    /// `shown` projects; `clear` clears the filter.
    FilteredTo {
        department: String,
        shown: usize,
        clear: String,
    },
    NoLongerReadOnly,
    /// A decision key pressed in a read-only session.
    CannotChange(&'a ReadOnly),
    /// A write refused because the session is read-only.
    NothingWritten(&'a ReadOnly),
    /// A write the store refused, for any other reason.
    Failed(&'a StoreError),
    CommentEmpty,
    /// Enter on the cut form with no amount typed.
    TypeCutAmount,
    /// Enter on the stage form with no amount typed.
    TypeStageAmount,
}

/// What a later stage does not do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotAtStage {
    /// Monitoring has no plain approval.
    Approve,
    /// The later stages adjust no targets.
    Adjust,
}

impl Say for Note<'_> {
    fn say(&self, l: Lang) -> String {
        match (self, l) {
            (Note::NotSaved(c) | Note::CannotUndo(c), _) => {
                let (code, by, at, now) = (&c.code, &c.by, short_time(&c.at), c.now.say(l));
                match (self, l) {
                    (Note::NotSaved(_), Lang::Zh) => format!(
                        "未保存：{code} 已被 {by} 于 {at} 改为「{now}」，请按最新状态重新决定"
                    ),
                    (Note::NotSaved(_), Lang::En) => format!(
                        "not saved: {code} was changed by {by} at {at} to {now}; decide again on the fresh state"
                    ),
                    (_, Lang::Zh) => {
                        format!("不能撤销：{code} 在你之后已被 {by} 于 {at} 改为「{now}」")
                    }
                    (_, Lang::En) => format!(
                        "cannot undo: {code} was changed after you by {by} at {at} (now {now})"
                    ),
                }
            }
            (Note::FormOutdated(c), _) => {
                let (code, by, at, now) = (&c.code, &c.by, short_time(&c.at), c.now.say(l));
                match l {
                    Lang::Zh => format!(
                        "未保存：{code} 已被 {by} 于 {at} 改为「{now}」；再按 Enter 覆盖，Esc 放弃"
                    ),
                    Lang::En => format!(
                        "not saved: {code} was changed by {by} at {at} to {now}; Enter again replaces it, Esc leaves it"
                    ),
                }
            }
            (
                Note::LeftFilter {
                    code,
                    by,
                    now,
                    next,
                },
                _,
            ) => {
                let now = now.say(l);
                match (l, next) {
                    (Lang::Zh, Some(next)) => {
                        format!("{code} 已被 {by} 改为「{now}」，不再符合筛选；现选中 {next}")
                    }
                    (Lang::Zh, None) => format!("{code} 已被 {by} 改为「{now}」，不再符合筛选"),
                    (Lang::En, Some(next)) => format!(
                        "{code} was changed by {by} to {now} and left the filtered list; now on {next}"
                    ),
                    (Lang::En, None) => {
                        format!("{code} was changed by {by} to {now} and left the filtered list")
                    }
                }
            }
            (Note::Saved { code, now }, _) => {
                format!("{} {code} → {}", l.t("已保存", "saved"), now.say(l))
            }
            (Note::Undone { code, now }, _) => {
                format!("{}{code} → {}", l.t("已撤销：", "undone: "), now.say(l))
            }
            (Note::Unchanged { code, now, comment }, Lang::Zh) => format!(
                "{code} 没有改动：已是「{}」{}",
                now.say(l),
                if *comment { "；意见已保存" } else { "" }
            ),
            (Note::Unchanged { code, now, comment }, Lang::En) => format!(
                "{code} unchanged: it already is {}{}",
                now.say(l),
                if *comment { "; comment saved" } else { "" }
            ),
            (Note::Replaced(c), _) => {
                let (code, by, at, now) = (&c.code, &c.by, short_time(&c.at), c.now.say(l));
                match l {
                    Lang::Zh => format!("你刚保存的 {code} 已被 {by} 于 {at} 改为「{now}」"),
                    Lang::En => {
                        format!("your decision on {code} was replaced by {by} at {at}: now {now}")
                    }
                }
            }
            (
                Note::CommentSaved {
                    code,
                    internal: false,
                },
                _,
            ) => {
                format!("{}{code}", l.t("已保存意见：", "comment saved: "))
            }
            (
                Note::CommentSaved {
                    code,
                    internal: true,
                },
                _,
            ) => format!(
                "{}{code}",
                l.t(
                    "已保存内部意见（不反馈部门）：",
                    "internal comment saved (not for the department): "
                )
            ),
            (Note::ConfirmReplace { code, now, again }, Lang::Zh) => format!(
                "{code} 现为「{}」：再按 {} 确认{}，其他键放弃",
                now.say(l),
                again.key,
                again.does.0
            ),
            (Note::ConfirmReplace { code, now, again }, Lang::En) => format!(
                "{code} is now {}: press {} again to {}, any other key to leave it",
                now.say(l),
                again.key,
                again.does.1
            ),
            (Note::NotAtStage { stage, what, key }, _) => {
                let what = match what {
                    NotAtStage::Approve => l.t("没有「通过」", "has no plain approval"),
                    NotAtStage::Adjust => l.t("不调整绩效目标", "does not adjust targets"),
                };
                match l {
                    Lang::Zh => format!("{}{what}：按 {key} 作出本阶段的决定", stage.zh()),
                    Lang::En => format!(
                        "{} {what}: press {key} to decide for this stage",
                        stage.en()
                    ),
                }
            }
            (Note::NothingPending, _) => l.t("没有待审项目", "nothing pending").to_string(),
            (Note::NothingPendingShown { elsewhere: 0, .. }, _) => l
                .t(
                    "筛选范围内没有待审项目，全部项目都已审完",
                    "nothing pending in the filtered list, nor anywhere else",
                )
                .to_string(),
            (Note::NothingPendingShown { elsewhere, clear }, Lang::Zh) => {
                format!(
                    "筛选范围内没有待审项目（全部共有 {elsewhere} 个待审；按 {clear} 清除筛选）"
                )
            }
            (Note::NothingPendingShown { elsewhere, clear }, Lang::En) => format!(
                "nothing pending in the filtered list ({elsewhere} pending in all; {clear} clears the filter)"
            ),
            (Note::FormClosed { quit }, Lang::Zh) => {
                format!("已关闭表单，未保存；退出请在列表中按 {quit}")
            }
            (Note::FormClosed { quit }, Lang::En) => {
                format!("form closed, nothing saved; to quit press {quit} in the list")
            }
            (
                Note::FilteredTo {
                    department,
                    shown,
                    clear,
                },
                Lang::Zh,
            ) => format!("只看 {department}：{shown} 个项目（按 {clear} 清除筛选）"),
            (
                Note::FilteredTo {
                    department,
                    shown,
                    clear,
                },
                Lang::En,
            ) => format!("only {department}: {shown} projects ({clear} clears the filter)"),
            (Note::SearchCleared, _) => l
                .t("已清除搜索和筛选", "search and filter cleared")
                .to_string(),
            (Note::NoLongerReadOnly, _) => l
                .t(
                    "不再只读，可以继续评审",
                    "no longer read-only; you can decide again",
                )
                .to_string(),
            (Note::CannotChange(why), _) => format!(
                "{}{}",
                why.say(l),
                l.t("，不能修改", ": cannot change anything")
            ),
            (Note::NothingWritten(why), _) => {
                format!("{}{}", why.say(l), l.t("：未写入", ": nothing was written"))
            }
            (Note::Failed(e), _) => failed(e, l),
            (Note::CommentEmpty, _) => l.t("意见为空", "the comment is empty").to_string(),
            (Note::TypeCutAmount, _) => l
                .t(
                    "请输入金额：80、-20 或 -15%",
                    "type an amount: 80, -20 or -15%",
                )
                .to_string(),
            (Note::TypeStageAmount, _) => l
                .t("请输入金额（万元）", "type the amount (万元)")
                .to_string(),
        }
    }
}

/// A write the store refused, on the status line.
fn failed(e: &StoreError, l: Lang) -> String {
    match e {
        StoreError::Decision(d) if l == Lang::Zh => format!("未保存：{}", l.reason(d)),
        StoreError::Busy => l
            .t(
                "未保存：数据库被其他会话长时间锁定，请重试",
                "not saved: the database stayed locked by another session; try again",
            )
            .to_string(),
        StoreError::NothingToUndo => l
            .t("没有可撤销的决定", "you have no decision left to undo")
            .to_string(),
        StoreError::Denied(_) => l.reason(e),
        StoreError::ReadOnly => l
            .t("只读：未写入任何数据", "read-only: nothing was written")
            .to_string(),
        other => format!("{}{}", l.t("错误：", "error: "), l.reason(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changed(now: Standing) -> Changed {
        Changed {
            code: "2021-JK-002".into(),
            by: "李四".into(),
            at: "2026-11-28 17:15:02".into(),
            now,
        }
    }

    /// One fact, worded once: a refused decision and a refused undo say
    /// the other session's decision the same way.
    #[test]
    fn a_conflict_is_worded_from_one_fact() {
        let now = Standing::Stage {
            stage: Stage::Monitoring,
            kind: Kind::Decrease,
            amount: Money::from_fen(120_500_000),
        };
        assert_eq!(now.say(Lang::Zh), "调减 120.50 万元");
        assert_eq!(
            Note::NotSaved(changed(now.clone())).say(Lang::Zh),
            "未保存：2021-JK-002 已被 李四 于 2026-11-28 17:15 改为「调减 120.50 万元」，请按最新状态重新决定"
        );
        assert_eq!(
            Note::CannotUndo(changed(now.clone())).say(Lang::Zh),
            "不能撤销：2021-JK-002 在你之后已被 李四 于 2026-11-28 17:15 改为「调减 120.50 万元」"
        );
        assert_eq!(
            Note::CannotUndo(changed(now)).say(Lang::En),
            "cannot undo: 2021-JK-002 was changed after you by 李四 at 2026-11-28 17:15 (now decrease 120.50 万元)"
        );
        let cut = Standing::Decision {
            state: State::Cut,
            approved: Money::from_fen(22_100_000),
            requested: Some(Money::from_fen(26_000_000)),
            adjust: None,
        };
        assert_eq!(
            Note::FormOutdated(changed(cut)).say(Lang::En),
            "not saved: 2021-JK-002 was changed by 李四 at 2026-11-28 17:15 to cut 3.90 万元, approved 22.10 万元; Enter again replaces it, Esc leaves it"
        );
    }
}
