//! The forms' words: each popup's title, field labels and choices.

use super::Say;
use crate::domain::Money;
use crate::i18n::Lang;

/// The forms' titles, field labels and choices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormLabel {
    ReturnRevision,
    AdjustTargets,
    PickIndicators,
    Reason,
    CancelProject,
    ReasonOptional,
    ReviewComment,
    CommentFor,
    ForDepartment,
    ForInside,
    Cut,
    CutInput,
    CommentOptional,
    Filter,
    All,
    State,
    Department,
    Budget,
    Section,
    Novelty,
    Figure,
    Ceiling,
    MySections,
    HelpTitle,
    ModeGlobal,
    ModeList,
    ModeDetail,
    ModeInput,
    ModeBoard,
    ModeTally,
    HistoryTitle,
    Reviewer,
    Switch,
    Requested,
    Search,
    SortBy,
    SubmissionOrder,
    StageDecide,
    StageDecision,
    NoMoneyChanged,
    AmountOrAll,
    Amount,
    MergedInto,
    UsedFor,
    ImproveManagement,
    ImproveRules,
}

impl FormLabel {
    /// The label in `l`, as the screen shows it.
    pub fn word(self, l: Lang) -> &'static str {
        use FormLabel as W;
        match (self, l) {
            (W::ReturnRevision, Lang::Zh) => "退回重新修改",
            (W::ReturnRevision, Lang::En) => "Return the revision",
            (W::AdjustTargets, Lang::Zh) => "调整绩效目标",
            (W::AdjustTargets, Lang::En) => "Adjust targets",
            (W::PickIndicators, Lang::Zh) => "选择需调整的指标（空格选中）：",
            (W::PickIndicators, Lang::En) => "indicators to revise (space ticks):",
            (W::Reason, Lang::Zh) => "理由：",
            (W::Reason, Lang::En) => "reason:",
            (W::CancelProject, Lang::Zh) => "取消项目立项",
            (W::CancelProject, Lang::En) => "Cancel project",
            (W::ReasonOptional, Lang::Zh) => "理由（可选）：",
            (W::ReasonOptional, Lang::En) => "reason (optional):",
            (W::ReviewComment, Lang::Zh) => "审核意见",
            (W::ReviewComment, Lang::En) => "Review comment",
            (W::CommentFor, Lang::Zh) => "意见用于：",
            (W::CommentFor, Lang::En) => "for: ",
            (W::ForDepartment, Lang::Zh) => "反馈部门",
            (W::ForDepartment, Lang::En) => "the department",
            (W::ForInside, Lang::Zh) => "内部（不出财政局）",
            (W::ForInside, Lang::En) => "internal (stays in the bureau)",
            (W::Cut, Lang::Zh) => "审减",
            (W::Cut, Lang::En) => "Cut",
            (W::CutInput, Lang::Zh) => "审定金额或审减（80 / -20 / -15%）：",
            (W::CutInput, Lang::En) => "approved, or cut (80 / -20 / -15%): ",
            (W::CommentOptional, Lang::Zh) => "审核意见（可选）：",
            (W::CommentOptional, Lang::En) => "comment (optional): ",
            (W::Filter, Lang::Zh) => "筛选",
            (W::Filter, Lang::En) => "Filter",
            (W::All, Lang::Zh) => "全部",
            (W::All, Lang::En) => "all",
            (W::State, Lang::Zh) => "状态",
            (W::State, Lang::En) => "state",
            (W::Department, Lang::Zh) => "部门",
            (W::Department, Lang::En) => "department",
            (W::Budget, Lang::Zh) => "预算类型",
            (W::Budget, Lang::En) => "budget",
            (W::Section, Lang::Zh) => "业务股室",
            (W::Section, Lang::En) => "section",
            (W::Novelty, Lang::Zh) => "新增/延续",
            (W::Novelty, Lang::En) => "new/continuing",
            (W::Figure, Lang::Zh) => "数值条件",
            (W::Figure, Lang::En) => "figure",
            (W::Ceiling, Lang::Zh) => "控制数",
            (W::Ceiling, Lang::En) => "ceiling",
            (W::MySections, Lang::Zh) => "我的股室",
            (W::MySections, Lang::En) => "my sections",
            (W::HelpTitle, Lang::Zh) => "帮助 — 按键",
            (W::HelpTitle, Lang::En) => "Help — keys",
            (W::ModeGlobal, Lang::Zh) => "全局",
            (W::ModeGlobal, Lang::En) => "everywhere",
            (W::ModeList, Lang::Zh) => "项目列表",
            (W::ModeList, Lang::En) => "project list",
            (W::ModeDetail, Lang::Zh) => "详情",
            (W::ModeDetail, Lang::En) => "detail",
            (W::ModeInput, Lang::Zh) => "输入",
            (W::ModeInput, Lang::En) => "input",
            (W::ModeBoard, Lang::Zh) => "看板",
            (W::ModeBoard, Lang::En) => "board",
            (W::ModeTally, Lang::Zh) => "分类汇总（部门排名）",
            (W::ModeTally, Lang::En) => "tally panel (department ranking)",
            (W::HistoryTitle, Lang::Zh) => "会审日志",
            (W::HistoryTitle, Lang::En) => "Meeting history",
            (W::Reviewer, Lang::Zh) => "评审人",
            (W::Reviewer, Lang::En) => "reviewer",
            (W::Switch, Lang::Zh) => "切换",
            (W::Switch, Lang::En) => "switch",
            (W::Requested, Lang::Zh) => "申报",
            (W::Requested, Lang::En) => "requested",
            (W::Search, Lang::Zh) => "搜索：",
            (W::Search, Lang::En) => "search: ",
            (W::SortBy, Lang::Zh) => "排序",
            (W::SortBy, Lang::En) => "Sort by",
            (W::SubmissionOrder, Lang::Zh) => "提交顺序",
            (W::SubmissionOrder, Lang::En) => "submission order",
            (W::StageDecide, Lang::Zh) => "决定",
            (W::StageDecide, Lang::En) => ": decide",
            (W::StageDecision, Lang::Zh) => "决定：",
            (W::StageDecision, Lang::En) => "decision: ",
            (W::NoMoneyChanged, Lang::Zh) => "资金不变：本决定为其结果应用（改进管理、完善制度）",
            (W::NoMoneyChanged, Lang::En) => {
                "no money changed: the decision is what it is used for"
            }
            (W::AmountOrAll, Lang::Zh) => "金额（万元，空为全部）：",
            (W::AmountOrAll, Lang::En) => "amount (万元, empty = all): ",
            (W::Amount, Lang::Zh) => "金额（万元）：",
            (W::Amount, Lang::En) => "amount (万元): ",
            (W::MergedInto, Lang::Zh) => "合并至（项目编码）：",
            (W::MergedInto, Lang::En) => "merged into (project code): ",
            (W::UsedFor, Lang::Zh) => "结果应用：",
            (W::UsedFor, Lang::En) => "also used to: ",
            (W::ImproveManagement, Lang::Zh) => "改进管理",
            (W::ImproveManagement, Lang::En) => "improve management",
            (W::ImproveRules, Lang::Zh) => "完善制度",
            (W::ImproveRules, Lang::En) => "improve rules",
        }
    }
}

impl Say for FormLabel {
    fn say(&self, l: Lang) -> String {
        self.word(l).to_string()
    }
}

/// What a form says about the project it decides, with its amount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormText {
    /// The cancel form's question: the whole request counts as cut.
    CancelAll(Money),
    /// A later stage's 维持: next year's budget stays as requested.
    Keep(Money),
}

impl Say for FormText {
    fn say(&self, l: Lang) -> String {
        match (self, l) {
            (FormText::CancelAll(m), Lang::Zh) => {
                format!("确认取消？全部 {} 万元计入审减。", m.wan_display())
            }
            (FormText::CancelAll(m), Lang::En) => {
                format!("Cancel it? All {} 万元 count as cut.", m.wan_display())
            }
            (FormText::Keep(m), Lang::Zh) => format!("维持下年预算 {} 万元", m.wan_display()),
            (FormText::Keep(m), Lang::En) => {
                format!("next year's budget kept at {} 万元", m.wan_display())
            }
        }
    }
}
