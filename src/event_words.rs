//! An entry of the meeting's event log in words, Chinese or English: the one
//! wording the screen's history, `huishen log` and the workbook's 审核日志
//! share. A decision reads as [`Lang::decision`] words it; a comment with its
//! text, a roster change with who and what role, a ceiling with its amount.
//!
//! Every piece of data in the words (project codes, names, comments, logins,
//! and a kind or state this version does not know) has been through
//! [`clean`]: no control character reaches a terminal, a log or a cell.

use crate::domain::{BudgetType, Kind, Money, Stage, State};
use crate::i18n::Lang;
use crate::store::{EventNote, EventRow, Role, Snapshot, WeighNote};
use crate::text::clean;

/// An event in words, in parts: a table gives each part its column,
/// [`EventWords::line`] joins them. A reader that has no use for a part
/// (the project, where the project is already on screen) sets it to `None`
/// before joining.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventWords {
    /// What was done: 审减, 意见, 名单变更, 控制数, 撤销 …
    pub label: String,
    /// The project's code.
    pub project: Option<String>,
    /// The decision before and after: "待审", "审减，审定 22.10 万元".
    pub old: Option<String>,
    pub new: Option<String>,
    /// What a comment, roster or ceiling event said: the comment on one
    /// line, "李四（列席 → 评审）", "合计 230,000.00 万元".
    pub note: Option<String>,
    /// A decision's new state begins with its label, so a line leaves the
    /// label out.
    decision: bool,
    /// What goes before the note: a colon before a comment, a space before
    /// the other notes.
    note_sep: &'static str,
}

impl EventWords {
    /// The words for `e`. `requested` is the project's request, where the
    /// reader knows it: a cut is then worded with its amount.
    pub fn of(e: &EventRow, requested: Option<Money>, stage: Stage, l: Lang) -> EventWords {
        Self::words(e, requested, stage, l, true)
    }

    /// [`EventWords::of`] without the decision before (`old` `None`), and
    /// without the cost of wording it: what the screen has room for.
    pub fn without_old(
        e: &EventRow,
        requested: Option<Money>,
        stage: Stage,
        l: Lang,
    ) -> EventWords {
        Self::words(e, requested, stage, l, false)
    }

    fn words(
        e: &EventRow,
        requested: Option<Money>,
        stage: Stage,
        l: Lang,
        with_old: bool,
    ) -> EventWords {
        let decision = e.new.is_some()
            && (matches!(e.kind.as_str(), "approve" | "cut" | "cancel" | "adjust")
                || Kind::from_code(&e.kind).is_some());
        let label = match &e.note {
            Some(EventNote::Roster { was: Some(_), .. }) if e.kind == "roster_add" => {
                l.t("名单变更", "roster change").to_string()
            }
            _ => kind_label(&e.kind, stage, l),
        };
        let words = |s: &Snapshot| snapshot(s, requested, stage, l);
        EventWords {
            label,
            project: e.project.as_deref().map(|p| clean(p).into_owned()),
            old: e.old.as_ref().filter(|_| with_old).map(words),
            new: e.new.as_ref().map(words),
            note: e.note.as_ref().map(|n| note(n, l)),
            decision,
            note_sep: match e.note {
                Some(EventNote::Comment(_) | EventNote::InternalComment(_)) => l.t("：", ": "),
                _ => " ",
            },
        }
    }

    /// The event on one line: "2021-001-0001 待审 → 审减，审定 22.10 万元",
    /// "撤销 2021-001-0001 → 待审", "意见 2021-001-0001：测算依据不充分",
    /// "名单变更 李四（列席 → 评审）", "控制数 合计 230,000.00 万元".
    pub fn line(&self) -> String {
        let mut parts: Vec<&str> = Vec::new();
        if !self.decision {
            parts.push(&self.label);
        }
        if let Some(p) = &self.project {
            parts.push(p);
        }
        let change = match (&self.old, &self.new) {
            (Some(o), Some(n)) => Some(format!("{o} → {n}")),
            (None, Some(n)) if self.decision => Some(n.clone()),
            (None, Some(n)) => Some(format!("→ {n}")),
            (Some(o), None) => Some(format!("{o} →")),
            (None, None) => None,
        };
        if let Some(c) = &change {
            parts.push(c);
        }
        let mut s = parts.join(" ");
        if let Some(n) = &self.note {
            if !s.is_empty() {
                s += self.note_sep;
            }
            s += n;
        }
        s
    }
}

/// An event kind in the reader's language; a kind this version does not
/// know as recorded (cleaned).
pub fn kind_label(kind: &str, stage: Stage, l: Lang) -> String {
    if let Some(k) = Kind::from_code(kind) {
        return l.t(stage.kind_zh(k), k.en()).to_string();
    }
    let (zh, en) = match kind {
        "approve" => ("通过", "approve"),
        "cut" => ("审减", "cut"),
        "adjust" => ("调整绩效目标", "adjust targets"),
        "reset" => ("恢复待审", "reset"),
        "import" => ("导入申报", "import"),
        "undo" => ("撤销", "undo"),
        "comment" => ("意见", "comment"),
        "roster_add" => ("名单加入", "roster add"),
        "roster_set" => ("名单变更", "roster change"),
        "roster_remove" => ("名单移出", "roster remove"),
        "lock" => ("锁定会审", "lock"),
        "unlock" => ("解锁会审", "unlock"),
        "ceiling" => ("控制数", "ceiling"),
        "revise" => ("修改稿导入", "revision in"),
        "confirm" => ("确认修改", "confirm the revision"),
        "return" => ("退回重新修改", "return the revision"),
        "open" => ("打开会审", "opened the meeting"),
        "department_ceiling" => ("部门控制数", "department ceiling"),
        "reason_add" => ("增加审减原因", "reason added"),
        "reason_rename" => ("审减原因改名", "reason renamed"),
        "reason_remove" => ("删除审减原因", "reason removed"),
        "sections" => ("负责股室", "sections"),
        "sections_only" => ("仅限本股室", "sections only"),
        other => return clean(other).into_owned(),
    };
    l.t(zh, en).to_string()
}

/// A decision as an event recorded it: 通过 180.00 万元, 审减 20.00 万元，审定
/// 80.00 万元 (the cut only where the request is known), 审减，审定 80.00
/// 万元，调整绩效目标（指标 1、3）, or a later stage's 合并 2,990.90 万元 →
/// 2021-JK-003.
pub fn snapshot(s: &Snapshot, requested: Option<Money>, stage: Stage, l: Lang) -> String {
    if let (Some(kind), Some(fen)) = (s.kind.as_deref().and_then(Kind::from_code), s.amount_fen) {
        let mut text = format!(
            "{} {} 万元",
            l.t(stage.kind_zh(kind), kind.en()),
            Money::from_fen(fen).wan_display()
        );
        if let Some(m) = &s.merged_into {
            text += &format!(" → {}", clean(m));
        }
        if let Some(a) = Snapshot::decision(s).and_then(|d| d.stage) {
            for (k, m) in &a.also {
                text += &format!(
                    " + {} {} 万元",
                    l.t(stage.kind_zh(*k), k.en()),
                    m.wan_display()
                );
            }
            if !a.measures.is_empty() {
                text += l.t("；", "; ");
                text += &measures_words(a.measures, l);
            }
        }
        return text;
    }
    let Some(state) = State::from_code(&s.state) else {
        return clean(&s.state).into_owned();
    };
    let mut text = l.decision(state, Money::from_fen(s.approved_fen), requested, s.adjust);
    if s.adjust && !s.adjust_indicators.is_empty() {
        let seqs: Vec<String> = s.adjust_indicators.iter().map(u32::to_string).collect();
        text += &match l {
            Lang::Zh => format!("（指标 {}）", seqs.join("、")),
            Lang::En => format!(" (indicators {})", seqs.join(", ")),
        };
    }
    // Where the revision stands, once the department's is in.
    if let Some(r) = s
        .revision
        .as_deref()
        .and_then(crate::domain::Revision::from_code)
        && s.adjust
        && r != crate::domain::Revision::Waiting
    {
        text += &match l {
            Lang::Zh => format!("（{}）", r.zh()),
            Lang::En => format!(" ({})", r.en()),
        };
    }
    if !s.reasons.is_empty() {
        let names: Vec<String> = s.reasons.iter().map(|r| clean(r).into_owned()).collect();
        text += &match l {
            Lang::Zh => format!("（原因：{}）", names.join("、")),
            Lang::En => format!(" (reasons: {})", names.join(", ")),
        };
    }
    text
}

/// A later stage's measures: 改进管理、完善制度.
pub fn measures_words(m: crate::domain::stage::Measures, l: Lang) -> String {
    let mut parts = Vec::new();
    if m.management {
        parts.push(l.t("改进管理", "management improved"));
    }
    if m.rules {
        parts.push(l.t("完善制度", "rules improved"));
    }
    parts.join(l.t("、", ", "))
}

/// What a comment, roster or ceiling event said.
fn note(n: &EventNote, l: Lang) -> String {
    match n {
        // One line: the comment's own line breaks become spaces.
        EventNote::Comment(body) => clean(&body.lines().collect::<Vec<_>>().join(" ")).into_owned(),
        EventNote::InternalComment(body) => format!(
            "{}{}",
            l.t("（内部意见）", "(internal) "),
            clean(&body.lines().collect::<Vec<_>>().join(" "))
        ),
        EventNote::Roster {
            name,
            role,
            was,
            os_user,
        } => {
            let role_name = |r: Role| l.t(r.zh(), r.code());
            let mut about = Vec::new();
            match (was, role) {
                (Some(w), Some(r)) if w != r => {
                    about.push(format!("{} → {}", role_name(*w), role_name(*r)))
                }
                (_, Some(r)) => about.push(role_name(*r).to_string()),
                (Some(w), None) => about.push(role_name(*w).to_string()),
                (None, None) => {}
            }
            if let Some(u) = os_user {
                about.push(format!("{} {}", l.t("登录账号", "login"), clean(u)));
            }
            let mut text = clean(name).into_owned();
            if !about.is_empty() {
                text += &match l {
                    Lang::Zh => format!("（{}）", about.join("，")),
                    Lang::En => format!(" ({})", about.join(", ")),
                };
            }
            text
        }
        EventNote::RosterSet {
            name,
            role,
            os_user,
        } => {
            let role_name = |r: Role| l.t(r.zh(), r.code());
            let login = |u: &Option<String>| match u {
                Some(u) => clean(u).into_owned(),
                None => l.t("无", "none").to_string(),
            };
            let mut about = Vec::new();
            if let Some((from, to)) = role {
                about.push(format!("{} → {}", role_name(*from), role_name(*to)));
            }
            if let Some((from, to)) = os_user {
                about.push(format!(
                    "{} {} → {}",
                    l.t("登录账号", "login"),
                    login(from),
                    login(to)
                ));
            }
            let name = clean(name);
            match l {
                Lang::Zh => format!("{name}（{}）", about.join("，")),
                Lang::En => format!("{name} ({})", about.join(", ")),
            }
        }
        EventNote::Ceiling { budget, amount } => {
            let of = budget.map_or(l.t("合计", "total"), |b: BudgetType| l.t(b.zh(), b.en()));
            match amount {
                Some(a) => format!("{of} {} 万元", a.wan_display()),
                None => format!("{of} {}", l.t("已清除", "cleared")),
            }
        }
        EventNote::Weigh(w) => weigh_note(w, l),
        EventNote::Outside(section) => match (l, section) {
            (Lang::Zh, Some(s)) => format!("（非本人负责股室：{}）", clean(s)),
            (Lang::Zh, None) => "（非本人负责股室：未填股室）".to_string(),
            (Lang::En, Some(s)) => format!("(outside my sections: {})", clean(s)),
            (Lang::En, None) => "(outside my sections: no section)".to_string(),
        },
    }
}

/// A change of the meeting's reasons, a department's ceiling, a reviewer's
/// sections or the sections-only rule.
fn weigh_note(w: &WeighNote, l: Lang) -> String {
    match (w, l) {
        (WeighNote::ReasonAdded(n) | WeighNote::ReasonRemoved(n), _) => clean(n).into_owned(),
        (WeighNote::ReasonRenamed { from, to }, _) => {
            format!("{} → {}", clean(from), clean(to))
        }
        (WeighNote::DepartmentCeiling { department, amount }, _) => match amount {
            Some(a) => format!("{} {} 万元", clean(department), a.wan_display()),
            None => format!("{} {}", clean(department), l.t("已清除", "cleared")),
        },
        (WeighNote::Sections { name, sections }, Lang::Zh) if sections.is_empty() => {
            format!("{}（无）", clean(name))
        }
        (WeighNote::Sections { name, sections }, Lang::En) if sections.is_empty() => {
            format!("{} (none)", clean(name))
        }
        (WeighNote::Sections { name, sections }, Lang::Zh) => {
            let s: Vec<String> = sections.iter().map(|x| clean(x).into_owned()).collect();
            format!("{}（{}）", clean(name), s.join("、"))
        }
        (WeighNote::Sections { name, sections }, Lang::En) => {
            let s: Vec<String> = sections.iter().map(|x| clean(x).into_owned()).collect();
            format!("{} ({})", clean(name), s.join(", "))
        }
        (WeighNote::SectionsOnly(on), _) => l
            .t(
                if *on { "开启" } else { "关闭" },
                if *on { "on" } else { "off" },
            )
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Adjust, Adjustment, Decision};

    fn event(kind: &str, project: Option<&str>, note: Option<EventNote>) -> EventRow {
        EventRow {
            id: 1,
            at: "2024-05-01T08:00:00.000Z".into(),
            reviewer: "王审".into(),
            os_user: "wang".into(),
            kind: kind.into(),
            project: project.map(String::from),
            old: None,
            new: None,
            note,
        }
    }

    fn decided(kind: &str, before: &Decision, after: &Decision) -> EventRow {
        EventRow {
            old: Some(Snapshot::of(before)),
            new: Some(Snapshot::of(after)),
            ..event(kind, Some("2021-001-0001"), None)
        }
    }

    fn cut(approved: &str) -> Decision {
        Decision {
            state: State::Cut,
            approved: approved.parse().unwrap(),
            adjust: None,
            stage: None,
        }
    }

    fn line(e: &EventRow, l: Lang) -> String {
        EventWords::of(e, None, Stage::TargetReview, l).line()
    }

    #[test]
    fn a_decision_reads_from_what_to_what() {
        let e = decided("cut", &Decision::pending(), &cut("22.10"));
        let w = EventWords::of(&e, None, Stage::TargetReview, Lang::Zh);
        assert_eq!(w.label, "审减");
        assert_eq!(w.old.as_deref(), Some("待审"));
        assert_eq!(w.new.as_deref(), Some("审减，审定 22.10 万元"));
        assert_eq!(w.note, None);
        assert_eq!(w.line(), "2021-001-0001 待审 → 审减，审定 22.10 万元");
        assert_eq!(
            line(&e, Lang::En),
            "2021-001-0001 pending → cut, approved 22.10 万元"
        );
        // With the request known, the cut is named; without the project
        // and the state before, only the decision is left.
        let mut w = EventWords::without_old(
            &e,
            Some(Money::from_fen(26_000_000)),
            Stage::TargetReview,
            Lang::Zh,
        );
        w.project = None;
        assert_eq!(w.line(), "审减 3.90 万元，审定 22.10 万元");
        // Anything else keeps its label.
        let e = decided("undo", &cut("22.10"), &Decision::pending());
        assert_eq!(
            line(&e, Lang::Zh),
            "撤销 2021-001-0001 审减，审定 22.10 万元 → 待审"
        );
        let w = EventWords::without_old(&e, None, Stage::TargetReview, Lang::Zh);
        assert_eq!(w.line(), "撤销 2021-001-0001 → 待审");
    }

    #[test]
    fn adjusted_targets_name_their_indicators() {
        let d = Decision {
            adjust: Some(Box::new(Adjust::new(vec![1, 3], "r"))),
            ..cut("22.95")
        };
        let s = Snapshot::of(&d);
        assert_eq!(
            snapshot(&s, None, Stage::TargetReview, Lang::Zh),
            "审减，审定 22.95 万元，调整绩效目标（指标 1、3）"
        );
        assert_eq!(
            snapshot(&s, None, Stage::TargetReview, Lang::En),
            "cut, approved 22.95 万元, targets adjusted (indicators 1, 3)"
        );
    }

    #[test]
    fn a_later_stage_reads_in_its_own_words() {
        let merge = Decision {
            stage: Some(Box::new(Adjustment {
                kind: Kind::Merge,
                amount: "2990.9".parse().unwrap(),
                merged_into: Some("2021-JK-\u{1b}[2J003".into()),
                also: Vec::new(),
                measures: Default::default(),
            })),
            ..Decision::pending()
        };
        let e = decided("merge", &Decision::pending(), &merge);
        let w = EventWords::of(&e, None, Stage::PostEvaluation, Lang::Zh);
        assert_eq!(w.label, "合并");
        assert_eq!(
            w.new.as_deref(),
            Some("合并 2,990.90 万元 → 2021-JK-\u{fffd}[2J003")
        );
        assert_eq!(
            kind_label("increase", Stage::PostEvaluation, Lang::Zh),
            "增加"
        );
        assert_eq!(kind_label("increase", Stage::Monitoring, Lang::Zh), "调增");
        assert_eq!(kind_label("cancel", Stage::TargetReview, Lang::Zh), "取消");
    }

    #[test]
    fn comments_roster_changes_and_ceilings_say_what_they_were() {
        let comment = event(
            "comment",
            Some("2021-001-0001"),
            Some(EventNote::Comment(
                "测算依据不充分\n请补充\u{1b}[31m".into(),
            )),
        );
        assert_eq!(
            line(&comment, Lang::Zh),
            "意见 2021-001-0001：测算依据不充分 请补充\u{fffd}[31m"
        );
        assert_eq!(
            line(&comment, Lang::En),
            "comment 2021-001-0001: 测算依据不充分 请补充\u{fffd}[31m"
        );
        let roster = |kind: &str, role, was, os_user: Option<&str>| {
            event(
                kind,
                None,
                Some(EventNote::Roster {
                    name: "李四".into(),
                    role,
                    was,
                    os_user: os_user.map(String::from),
                }),
            )
        };
        let add = roster("roster_add", Some(Role::Observer), None, Some("lisi"));
        assert_eq!(line(&add, Lang::Zh), "名单加入 李四（列席，登录账号 lisi）");
        assert_eq!(
            line(&add, Lang::En),
            "roster add 李四 (observer, login lisi)"
        );
        let change = roster("roster_add", Some(Role::Member), Some(Role::Observer), None);
        assert_eq!(line(&change, Lang::Zh), "名单变更 李四（列席 → 评审）");
        assert_eq!(
            line(&change, Lang::En),
            "roster change 李四 (observer → member)"
        );
        let gone = roster("roster_remove", None, Some(Role::Member), None);
        assert_eq!(line(&gone, Lang::Zh), "名单移出 李四（评审）");
        // `roster set`: each property that changed, from → to.
        let set = |role, os_user| {
            event(
                "roster_set",
                None,
                Some(EventNote::RosterSet {
                    name: "李四".into(),
                    role,
                    os_user,
                }),
            )
        };
        let both = set(
            Some((Role::Member, Role::Chair)),
            Some((None, Some("lisi".into()))),
        );
        assert_eq!(
            line(&both, Lang::Zh),
            "名单变更 李四（评审 → 主持人，登录账号 无 → lisi）"
        );
        assert_eq!(
            line(&both, Lang::En),
            "roster change 李四 (member → chair, login none → lisi)"
        );
        let unbound = set(None, Some((Some("lisi".into()), None)));
        assert_eq!(
            line(&unbound, Lang::Zh),
            "名单变更 李四（登录账号 lisi → 无）"
        );

        let ceiling = |budget, amount: Option<&str>| {
            event(
                "ceiling",
                None,
                Some(EventNote::Ceiling {
                    budget,
                    amount: amount.map(|a| a.parse().unwrap()),
                }),
            )
        };
        let total = ceiling(None, Some("230000"));
        assert_eq!(line(&total, Lang::Zh), "控制数 合计 230,000.00 万元");
        assert_eq!(line(&total, Lang::En), "ceiling total 230,000.00 万元");
        let general = ceiling(Some(BudgetType::General), Some("1.5"));
        assert_eq!(line(&general, Lang::Zh), "控制数 一般公共预算 1.50 万元");
        let cleared = ceiling(Some(BudgetType::Fund), None);
        assert_eq!(line(&cleared, Lang::Zh), "控制数 政府性基金预算 已清除");
        assert_eq!(line(&cleared, Lang::En), "ceiling government fund cleared");
        // A ceiling whose detail did not read still says what it was.
        assert_eq!(line(&event("ceiling", None, None), Lang::Zh), "控制数");
    }

    #[test]
    fn what_this_version_does_not_know_is_shown_cleaned() {
        assert_eq!(
            line(&event("future\u{1b}]0;x\u{7}", None, None), Lang::Zh),
            "future\u{fffd}]0;x\u{fffd}"
        );
        assert_eq!(line(&event("lock", None, None), Lang::Zh), "锁定会审");
        let mut s = Snapshot::of(&Decision::pending());
        s.state = "gone\u{1b}".into();
        assert_eq!(
            snapshot(&s, None, Stage::TargetReview, Lang::Zh),
            "gone\u{fffd}"
        );
    }
}
