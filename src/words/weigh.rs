//! The words of what reviewers weigh: a reason's refusal, a rate that
//! cannot be read, last year's odd figures, new or continuing, a
//! department's ceiling, a reviewer's sections.

use super::{Lang, Say};
use crate::domain::lastyear::{LastYearOdd, RateError};
use crate::domain::reason::{MAX_REASON_CHARS, ReasonError};
use crate::domain::{Novelty, Percent};

impl Say for ReasonError {
    fn say(&self, l: Lang) -> String {
        match (self, l) {
            (ReasonError::Empty, Lang::Zh) => "审减原因不能为空".into(),
            (ReasonError::Empty, Lang::En) => "a reason needs a name".into(),
            (ReasonError::Separator(c), Lang::Zh) => {
                format!("审减原因的名称不能含“{c}”（批量文件用它分隔多个原因）")
            }
            (ReasonError::Separator(c), Lang::En) => format!(
                "a reason's name cannot hold \"{c}\" (a batch file separates reasons with it)"
            ),
            (ReasonError::TooLong, Lang::Zh) => {
                format!("审减原因的名称最多 {MAX_REASON_CHARS} 个字")
            }
            (ReasonError::TooLong, Lang::En) => {
                format!("a reason's name has at most {MAX_REASON_CHARS} characters")
            }
            (ReasonError::Number(n), Lang::Zh) => {
                format!("“{n}”会被当作序号；审减原因的名称不能只是数字")
            }
            (ReasonError::Number(n), Lang::En) => {
                format!("\"{n}\" would read as a number; a reason's name cannot be only digits")
            }
            (ReasonError::Duplicate(n), Lang::Zh) => format!("已有审减原因“{n}”"),
            (ReasonError::Duplicate(n), Lang::En) => format!("the list already has \"{n}\""),
            (ReasonError::Unknown(n), Lang::Zh) => {
                format!("没有序号或名称为“{n}”的审减原因（`huishen reasons list` 列出全部）")
            }
            (ReasonError::Unknown(n), Lang::En) => {
                format!("no reason numbered or named \"{n}\" (`huishen reasons list` lists them)")
            }
            (ReasonError::InUse { name, decisions }, Lang::Zh) => format!(
                "“{name}”已用于 {decisions} 个决定，不能删除；可改名（`huishen reasons rename`）"
            ),
            (ReasonError::InUse { name, decisions }, Lang::En) => format!(
                "\"{name}\" is given by {decisions} decision(s) and stays; rename it instead (`huishen reasons rename`)"
            ),
        }
    }
}

impl Say for RateError {
    fn say(&self, l: Lang) -> String {
        match (self, l) {
            (RateError::Empty, Lang::Zh) => "执行率为空".into(),
            (RateError::Empty, Lang::En) => "the rate is empty".into(),
            (RateError::Negative, Lang::Zh) => "执行率不能为负数".into(),
            (RateError::Negative, Lang::En) => "a rate cannot be negative".into(),
            (RateError::NotANumber, Lang::Zh) => "不是执行率：请写 85% 这样的百分数".into(),
            (RateError::NotANumber, Lang::En) => {
                "not a rate: write a percentage such as 85%".into()
            }
            (RateError::Ambiguous, Lang::Zh) => {
                "没有 % 号，表头也未注明单位，无法判断是百分数还是小数：\
                 请写成 85%，或在表头注明单位，如 上年执行率（%）或 上年执行率（小数）"
                    .into()
            }
            (RateError::Ambiguous, Lang::En) => {
                "no % sign and no unit in the header, so it could be a percentage \
                 or a fraction: write 85%, or give the header a unit, e.g. 上年执行率（%） or \
                 上年执行率（小数）"
                    .into()
            }
            (RateError::TooPrecise, Lang::Zh) => "执行率最多精确到 0.01%".into(),
            (RateError::TooPrecise, Lang::En) => {
                "a rate has at most two decimals in percent (0.01%)".into()
            }
            (RateError::TooLarge, Lang::Zh) => "执行率过大（超过 10000%）".into(),
            (RateError::TooLarge, Lang::En) => "the rate is too large (over 10000%)".into(),
        }
    }
}

impl Say for LastYearOdd {
    fn say(&self, l: Lang) -> String {
        match (self, l) {
            (LastYearOdd::RateOver100(r), Lang::Zh) => {
                format!("上年执行率 {} 超过 100%", r.text())
            }
            (LastYearOdd::RateOver100(r), Lang::En) => {
                format!("last year's rate {} is over 100%", r.text())
            }
            (LastYearOdd::SpentOverBudget { spent, budget }, Lang::Zh) => format!(
                "上年执行数 {} 万元超过上年预算 {} 万元",
                spent.wan_display(),
                budget.wan_display()
            ),
            (LastYearOdd::SpentOverBudget { spent, budget }, Lang::En) => format!(
                "last year's spending {} 万元 is over last year's budget {} 万元",
                spent.wan_display(),
                budget.wan_display()
            ),
            (LastYearOdd::RateDisagrees { given, computed }, Lang::Zh) => format!(
                "上年执行率写的是 {}，但执行数 ÷ 预算为 {}；显示写的执行率",
                given.text(),
                computed.text()
            ),
            (LastYearOdd::RateDisagrees { given, computed }, Lang::En) => format!(
                "last year's rate says {} but spent ÷ budget is {}; the rate as written is shown",
                given.text(),
                computed.text()
            ),
        }
    }
}

/// New or continuing in the reader's language; `—` when not stated.
pub fn novelty_label(n: Option<Novelty>, l: Lang) -> &'static str {
    match (n, l) {
        (Some(n), Lang::Zh) => n.zh(),
        (Some(n), Lang::En) => n.en(),
        (None, Lang::Zh) => "未注明",
        (None, Lang::En) => "not stated",
    }
}

/// A percentage as the screen and the tally show it, `—` without one.
pub fn percent_text(p: Option<Percent>) -> String {
    p.map_or_else(|| "—".to_string(), Percent::text)
}

/// The headings and notes of the tally's breakdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BreakdownWords {
    BySection,
    ByNovelty,
    ByReason,
    /// Projects without a section.
    NoSection,
    /// Why the reasons' cuts add up to more than the meeting's.
    ReasonsOverlap,
}

impl Say for BreakdownWords {
    fn say(&self, l: Lang) -> String {
        match (self, l) {
            (BreakdownWords::BySection, Lang::Zh) => "按业务股室（万元）".into(),
            (BreakdownWords::BySection, Lang::En) => "By section (万元)".into(),
            (BreakdownWords::ByNovelty, Lang::Zh) => "按新增/延续（万元）".into(),
            (BreakdownWords::ByNovelty, Lang::En) => "New or continuing (万元)".into(),
            (BreakdownWords::ByReason, Lang::Zh) => "按审减原因（万元）".into(),
            (BreakdownWords::ByReason, Lang::En) => "By reason for a cut (万元)".into(),
            (BreakdownWords::NoSection, Lang::Zh) => "未填股室".into(),
            (BreakdownWords::NoSection, Lang::En) => "no section".into(),
            (BreakdownWords::ReasonsOverlap, Lang::Zh) => {
                "注：一个项目有多个原因时在每个原因下各计一次，各原因的审减额相加会大于审减总额。"
                    .into()
            }
            (BreakdownWords::ReasonsOverlap, Lang::En) => "Note: a project with several reasons \
                 counts under each, so the reasons' cuts add up to more than the total cut."
                .into(),
        }
    }
}

impl Say for crate::cli::Said {
    fn say(&self, l: Lang) -> String {
        use crate::cli::Said;
        use crate::text::clean;
        match (self, l) {
            (Said::ReasonAdded { number, name }, Lang::Zh) => {
                format!("已增加审减原因 {number}. {}", clean(name))
            }
            (Said::ReasonAdded { number, name }, Lang::En) => {
                format!("reason {number}. {} added", clean(name))
            }
            (Said::ReasonRenamed { from, to }, Lang::Zh) => {
                format!("审减原因“{}”已改名为“{}”", clean(from), clean(to))
            }
            (Said::ReasonRenamed { from, to }, Lang::En) => {
                format!("reason \"{}\" renamed \"{}\"", clean(from), clean(to))
            }
            (Said::ReasonRemoved(n), Lang::Zh) => format!("已删除审减原因“{}”", clean(n)),
            (Said::ReasonRemoved(n), Lang::En) => format!("reason \"{}\" removed", clean(n)),
            (Said::ReasonsHeading, Lang::Zh) => {
                "序号  审减原因                项目数  审减（万元）".into()
            }
            (Said::ReasonsHeading, Lang::En) => {
                "no. reason                  projects  cut (万元)".into()
            }
            (Said::SectionsSet { name, sections }, Lang::Zh) if sections.is_empty() => {
                format!("{} 不再负责任何股室", clean(name))
            }
            (Said::SectionsSet { name, sections }, Lang::En) if sections.is_empty() => {
                format!("{} looks after no section now", clean(name))
            }
            (Said::SectionsSet { name, sections }, Lang::Zh) => {
                format!("{} 负责：{}", clean(name), clean(&sections.join("、")))
            }
            (Said::SectionsSet { name, sections }, Lang::En) => {
                format!(
                    "{} looks after: {}",
                    clean(name),
                    clean(&sections.join(", "))
                )
            }
            (Said::SectionsOnly(true), Lang::Zh) => {
                "已开启：评审只能决定本人负责股室的项目（主持人不受限）".into()
            }
            (Said::SectionsOnly(true), Lang::En) => {
                "on: members decide only their sections' projects (chairs are not held)".into()
            }
            (Said::SectionsOnly(false), Lang::Zh) => "已关闭：评审可决定任何项目".into(),
            (Said::SectionsOnly(false), Lang::En) => "off: members may decide any project".into(),
            (Said::SectionsHeading { only }, Lang::Zh) => format!(
                "业务股室  已审/项目  负责人（仅限本股室：{}）",
                if *only { "开" } else { "关" }
            ),
            (Said::SectionsHeading { only }, Lang::En) => format!(
                "section  decided/projects  who looks after it (sections only: {})",
                if *only { "on" } else { "off" }
            ),
            (Said::DepartmentCeilings { changed, rows }, Lang::Zh) => {
                format!("读取 {rows} 个部门的控制数，{changed} 个有变化")
            }
            (Said::DepartmentCeilings { changed, rows }, Lang::En) => {
                format!("{rows} department ceiling(s) read, {changed} changed")
            }
            (Said::InferredContinuing(n), Lang::Zh) => {
                format!("{n} 个项目未注明新增或延续，因填有上年预算，按延续项目读入")
            }
            (Said::InferredContinuing(n), Lang::En) => format!(
                "{n} project(s) say neither new nor continuing and give last year's budget: read as continuing"
            ),
            (Said::NotInMeeting { department }, Lang::Zh) => format!(
                "本次会审中没有部门“{}”（`huishen tally` 列出全部部门）",
                clean(department)
            ),
            (Said::NotInMeeting { department }, Lang::En) => format!(
                "no department \"{}\" in this meeting (`huishen tally` lists them)",
                clean(department)
            ),
        }
    }
}

/// The words of the forms' new parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormWords {
    /// Above the reasons in the cut and cancel forms.
    ReasonsLabel,
}

impl Say for FormWords {
    fn say(&self, l: Lang) -> String {
        match (self, l) {
            (FormWords::ReasonsLabel, Lang::Zh) => "审减原因（按序号勾选，可多选）：".into(),
            (FormWords::ReasonsLabel, Lang::En) => {
                "reasons (tick by number, any number of them):".into()
            }
        }
    }
}

/// The filter form's values and hints for what reviewers weigh.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilterWords {
    /// How to type a condition on a figure.
    FigureHint,
    /// Only the departments over their ceiling.
    OverCeiling,
    /// Only the reviewer's sections: which.
    Mine(String),
    /// The reviewer looks after no section.
    NoSections,
}

impl Say for FilterWords {
    fn say(&self, l: Lang) -> String {
        match (self, l) {
            (FilterWords::FigureHint, Lang::Zh) => "（输入如 执行率<60 或 增幅>20）".into(),
            (FilterWords::FigureHint, Lang::En) => "(type e.g. rate<60 or growth>20)".into(),
            (FilterWords::OverCeiling, Lang::Zh) => "超出控制数的部门".into(),
            (FilterWords::OverCeiling, Lang::En) => "departments over their ceiling".into(),
            (FilterWords::Mine(s), Lang::Zh) => format!("只看 {s}"),
            (FilterWords::Mine(s), Lang::En) => format!("only {s}"),
            (FilterWords::NoSections, Lang::Zh) => "（未指定负责股室）".into(),
            (FilterWords::NoSections, Lang::En) => "(you look after no section)".into(),
        }
    }
}

impl Say for crate::listing::CondError {
    fn say(&self, l: Lang) -> String {
        use crate::listing::CondError;
        match (self, l) {
            (CondError::NoFigure, Lang::Zh) => "请以 执行率 或 增幅 开头".into(),
            (CondError::NoFigure, Lang::En) => "begin with rate or growth".into(),
            (CondError::NoComparison, Lang::Zh) => "缺少 <、<=、> 或 >=".into(),
            (CondError::NoComparison, Lang::En) => "no <, <=, > or >=".into(),
            (CondError::BadValue(v), Lang::Zh) => format!("“{v}”不是百分数"),
            (CondError::BadValue(v), Lang::En) => format!("\"{v}\" is no percentage"),
        }
    }
}

/// A department's ceiling on the screen: the form, the tally panel, the
/// status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CeilingWords {
    Title,
    Label,
    /// What the department is heading for, against its ceiling if any.
    Standing {
        projected: crate::domain::Money,
        fit: Option<crate::domain::Fit>,
    },
    /// The panel's cell after a department's figures: over, with a mark
    /// that shows without colour, or within.
    Cell(crate::domain::Fit),
    /// The same where the panel has little room: over by how much, or
    /// within.
    Short(crate::domain::Fit),
    /// Saved.
    Set {
        department: String,
        amount: Option<crate::domain::Money>,
    },
}

/// The mark of a department over its ceiling, seen without colour too.
pub const OVER_MARK: &str = "!!";

impl Say for CeilingWords {
    fn say(&self, l: Lang) -> String {
        use crate::text::clean;
        match (self, l) {
            (CeilingWords::Title, Lang::Zh) => "部门控制数".into(),
            (CeilingWords::Title, Lang::En) => "Department ceiling".into(),
            (CeilingWords::Label, Lang::Zh) => "控制数（万元，留空清除）：".into(),
            (CeilingWords::Label, Lang::En) => "ceiling (万元, empty clears): ".into(),
            (
                CeilingWords::Standing {
                    projected,
                    fit: None,
                },
                Lang::Zh,
            ) => {
                format!("预计安排 {} 万元；未设控制数", projected.wan_display())
            }
            (
                CeilingWords::Standing {
                    projected,
                    fit: None,
                },
                Lang::En,
            ) => {
                format!("heading for {} 万元; no ceiling", projected.wan_display())
            }
            (CeilingWords::Standing { fit: Some(f), .. }, _) => CeilingWords::Cell(*f).say(l),
            (CeilingWords::Short(f), Lang::Zh) if f.is_over() => {
                format!("{OVER_MARK} 尚需审减 {}", f.to_cut.wan_display())
            }
            (CeilingWords::Short(f), Lang::En) if f.is_over() => {
                format!("{OVER_MARK} to cut {}", f.to_cut.wan_display())
            }
            (CeilingWords::Short(_), Lang::Zh) => "在控制数内".into(),
            (CeilingWords::Short(_), Lang::En) => "within".into(),
            (CeilingWords::Cell(f), Lang::Zh) if f.is_over() => format!(
                "{OVER_MARK} 控制数 {} 预计 {} 尚需审减 {}",
                f.ceiling.wan_display(),
                f.projected.wan_display(),
                f.to_cut.wan_display()
            ),
            (CeilingWords::Cell(f), Lang::En) if f.is_over() => format!(
                "{OVER_MARK} ceiling {} heading for {} still to cut {}",
                f.ceiling.wan_display(),
                f.projected.wan_display(),
                f.to_cut.wan_display()
            ),
            (CeilingWords::Cell(f), Lang::Zh) => format!(
                "控制数 {} 预计 {} 在控制数内",
                f.ceiling.wan_display(),
                f.projected.wan_display()
            ),
            (CeilingWords::Cell(f), Lang::En) => format!(
                "ceiling {} heading for {} within",
                f.ceiling.wan_display(),
                f.projected.wan_display()
            ),
            (
                CeilingWords::Set {
                    department,
                    amount: Some(a),
                },
                Lang::Zh,
            ) => format!(
                "已设定 {} 的控制数 {} 万元",
                clean(department),
                a.wan_display()
            ),
            (
                CeilingWords::Set {
                    department,
                    amount: Some(a),
                },
                Lang::En,
            ) => format!(
                "{}'s ceiling set to {} 万元",
                clean(department),
                a.wan_display()
            ),
            (
                CeilingWords::Set {
                    department,
                    amount: None,
                },
                Lang::Zh,
            ) => {
                format!("已清除 {} 的控制数", clean(department))
            }
            (
                CeilingWords::Set {
                    department,
                    amount: None,
                },
                Lang::En,
            ) => {
                format!("{}'s ceiling cleared", clean(department))
            }
        }
    }
}

/// What the mine key and the opening filter say on the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MineWords {
    /// Only the reviewer's sections shown; the key that shows all.
    Only {
        sections: Vec<String>,
        all_key: String,
    },
    /// Everything shown; the key that shows only theirs.
    All { mine_key: String },
    /// The reviewer looks after no section.
    None,
}

impl Say for MineWords {
    fn say(&self, l: Lang) -> String {
        use crate::text::clean;
        match (self, l) {
            (MineWords::Only { sections, all_key }, Lang::Zh) => format!(
                "只显示你负责的股室：{}（按 {all_key} 显示全部）",
                clean(&sections.join("、"))
            ),
            (MineWords::Only { sections, all_key }, Lang::En) => format!(
                "only your sections: {} ({all_key} shows all)",
                clean(&sections.join(", "))
            ),
            (MineWords::All { mine_key }, Lang::Zh) => {
                format!("显示全部项目（按 {mine_key} 只看你负责的股室）")
            }
            (MineWords::All { mine_key }, Lang::En) => {
                format!("all projects shown ({mine_key}: only your sections)")
            }
            (MineWords::None, Lang::Zh) => {
                "你没有负责的股室（主持人可用 huishen sections --reviewer 名字 --set 股室 指定）"
                    .into()
            }
            (MineWords::None, Lang::En) => {
                "you look after no section (the chair names them with huishen sections --reviewer NAME --set SECTION)"
                    .into()
            }
        }
    }
}

/// `p.csv 第 4 行 上年执行数 (H) 列：提醒：……`: located as a problem is.
impl Say for crate::domain::Warning {
    fn say(&self, l: Lang) -> String {
        use crate::text::clean;
        let odd = self.odd.say(l);
        match (l, &self.column) {
            (Lang::Zh, Some(c)) => format!(
                "{} 第 {} 行 {} 列：提醒：{odd}",
                clean(&self.file),
                self.row,
                clean(c)
            ),
            (Lang::Zh, None) => format!("{} 第 {} 行：提醒：{odd}", clean(&self.file), self.row),
            (Lang::En, Some(c)) => format!(
                "{}: row {}, column {}: warning: {odd}",
                clean(&self.file),
                self.row,
                clean(c)
            ),
            (Lang::En, None) => format!("{}: row {}: warning: {odd}", clean(&self.file), self.row),
        }
    }
}

/// The written summary's parts for what reviewers weigh.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SummaryWords {
    Ceilings,
    CeilingHeads,
    ByReason,
    /// One reason's line, in the report's manner.
    Reason {
        name: String,
        projects: u64,
        cancelled: u64,
        cut: crate::domain::Money,
    },
    ReasonsOverlap,
    ByNovelty,
    BySection,
}

impl Say for SummaryWords {
    fn say(&self, l: Lang) -> String {
        match (self, l) {
            (SummaryWords::Ceilings, Lang::Zh) => "部门控制数".into(),
            (SummaryWords::Ceilings, Lang::En) => "Department ceilings".into(),
            (SummaryWords::CeilingHeads, Lang::Zh) => {
                "部门 | 控制数（万元） | 预计安排（万元） | 尚需审减（万元）".into()
            }
            (SummaryWords::CeilingHeads, Lang::En) => {
                "Department | Ceiling (万元) | Heading for (万元) | Still to cut (万元)".into()
            }
            (SummaryWords::ByReason, Lang::Zh) => "按审减原因".into(),
            (SummaryWords::ByReason, Lang::En) => "By reason".into(),
            (
                SummaryWords::Reason {
                    name,
                    projects,
                    cancelled,
                    cut,
                },
                Lang::Zh,
            ) => {
                let canc = if *cancelled > 0 {
                    format!("（其中取消 {cancelled} 个）")
                } else {
                    String::new()
                };
                format!(
                    "因{name}审减 {} 万元，涉及项目 {projects} 个{canc}",
                    crate::export::wan_trimmed(*cut)
                )
            }
            (
                SummaryWords::Reason {
                    name,
                    projects,
                    cancelled,
                    cut,
                },
                Lang::En,
            ) => {
                let canc = if *cancelled > 0 {
                    format!(" ({cancelled} of them cancelled)")
                } else {
                    String::new()
                };
                format!(
                    "{} 万元 cut for \"{name}\", {projects} project(s){canc}",
                    crate::export::wan_trimmed(*cut)
                )
            }
            (SummaryWords::ReasonsOverlap, _) => BreakdownWords::ReasonsOverlap.say(l),
            (SummaryWords::ByNovelty, Lang::Zh) => "新增与延续项目".into(),
            (SummaryWords::ByNovelty, Lang::En) => "New and continuing projects".into(),
            (SummaryWords::BySection, Lang::Zh) => "按业务股室".into(),
            (SummaryWords::BySection, Lang::En) => "By section".into(),
        }
    }
}
