//! The tally's and the summary's tables' words: `huishen tally`'s labels
//! and headings, the Markdown summary's column heads.

use super::Say;
use crate::i18n::Lang;

/// The tally's labels and headings as `huishen tally` writes them (the
/// short ones head its table's columns).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TallyLabel {
    Projects,
    Decided,
    Pending,
    Requested,
    Approved,
    Cut,
    CutRate,
    Decisions,
    Passed,
    Cancelled,
    Adjusted,
    Remaining,
    HeadProjects,
    HeadRequested,
    HeadApproved,
    HeadCut,
    HeadRate,
    HeadCancelled,
    HeadAdjusted,
    HeadPending,
    ByBudget,
    ByDepartment,
    Ceilings,
    Ceiling,
    Projected,
    StillToCut,
    Total,
    Stage,
    ProjectsUnit,
    AdjustedMoney,
    UsedFor,
    ImproveManagement,
    ImproveRules,
    HeadAdjustedTotal,
}

impl TallyLabel {
    /// The label in `l`.
    pub fn word(self, l: Lang) -> &'static str {
        use TallyLabel as W;
        match (self, l) {
            (W::Projects, Lang::Zh) => "项目",
            (W::Projects, Lang::En) => "projects",
            (W::Decided, Lang::Zh) => "已审",
            (W::Decided, Lang::En) => "decided",
            (W::Pending, Lang::Zh) => "待审",
            (W::Pending, Lang::En) => "pending",
            (W::Requested, Lang::Zh) => "申报金额",
            (W::Requested, Lang::En) => "requested",
            (W::Approved, Lang::Zh) => "审定金额",
            (W::Approved, Lang::En) => "approved",
            (W::Cut, Lang::Zh) => "审减金额",
            (W::Cut, Lang::En) => "cut",
            (W::CutRate, Lang::Zh) => "审减率",
            (W::CutRate, Lang::En) => "cut rate",
            (W::Decisions, Lang::Zh) => "决定",
            (W::Decisions, Lang::En) => "decisions",
            (W::Passed, Lang::Zh) => "通过",
            (W::Passed, Lang::En) => "approved",
            (W::Cancelled, Lang::Zh) => "取消",
            (W::Cancelled, Lang::En) => "cancelled",
            (W::Adjusted, Lang::Zh) => "调整",
            (W::Adjusted, Lang::En) => "adjusted",
            (W::Remaining, Lang::Zh) => "保留项目",
            (W::Remaining, Lang::En) => "remaining",
            (W::HeadProjects, Lang::Zh) => "项目",
            (W::HeadProjects, Lang::En) => "proj",
            (W::HeadRequested, Lang::Zh) => "申报",
            (W::HeadRequested, Lang::En) => "requested",
            (W::HeadApproved, Lang::Zh) => "审定",
            (W::HeadApproved, Lang::En) => "approved",
            (W::HeadCut, Lang::Zh) => "审减",
            (W::HeadCut, Lang::En) => "cut",
            (W::HeadRate, Lang::Zh) => "审减率",
            (W::HeadRate, Lang::En) => "rate",
            (W::HeadCancelled, Lang::Zh) => "取消",
            (W::HeadCancelled, Lang::En) => "canc",
            (W::HeadAdjusted, Lang::Zh) => "调整",
            (W::HeadAdjusted, Lang::En) => "adj",
            (W::HeadPending, Lang::Zh) => "待审",
            (W::HeadPending, Lang::En) => "pend",
            (W::ByBudget, Lang::Zh) => "按预算类型（万元）",
            (W::ByBudget, Lang::En) => "By budget type (万元)",
            (W::ByDepartment, Lang::Zh) => "按部门（万元）",
            (W::ByDepartment, Lang::En) => "By department (万元)",
            (W::Ceilings, Lang::Zh) => "控制数（万元）",
            (W::Ceilings, Lang::En) => "Ceiling (万元)",
            (W::Ceiling, Lang::Zh) => "控制数",
            (W::Ceiling, Lang::En) => "ceiling",
            (W::Projected, Lang::Zh) => "预计安排",
            (W::Projected, Lang::En) => "projected",
            (W::StillToCut, Lang::Zh) => "尚需审减",
            (W::StillToCut, Lang::En) => "still to cut",
            (W::Total, Lang::Zh) => "合计",
            (W::Total, Lang::En) => "total",
            (W::Stage, Lang::Zh) => "阶段",
            (W::Stage, Lang::En) => "stage",
            (W::ProjectsUnit, Lang::Zh) => "个",
            (W::ProjectsUnit, Lang::En) => "projects",
            (W::AdjustedMoney, Lang::Zh) => "调整资金",
            (W::AdjustedMoney, Lang::En) => "adjusted",
            (W::UsedFor, Lang::Zh) => "结果应用",
            (W::UsedFor, Lang::En) => "also used to",
            (W::ImproveManagement, Lang::Zh) => "改进管理",
            (W::ImproveManagement, Lang::En) => "improve management",
            (W::ImproveRules, Lang::Zh) => "完善制度",
            (W::ImproveRules, Lang::En) => "improve rules",
            (W::HeadAdjustedTotal, Lang::Zh) => "调整合计",
            (W::HeadAdjustedTotal, Lang::En) => "adjusted",
        }
    }
}

impl Say for TallyLabel {
    fn say(&self, l: Lang) -> String {
        self.word(l).to_string()
    }
}

/// The column heads and row names of the written summary's tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableHead {
    BudgetType,
    Department,
    Code,
    Project,
    Kind,
    Amount,
    MergedInto,
    Projects,
    Requested,
    Pending,
    Total,
    Novelty,
    Section,
    Approved,
    Cut,
    CutRate,
    Cancelled,
    Adjusted,
    Decision,
}

impl TableHead {
    /// The label in `l`.
    pub fn word(self, l: Lang) -> &'static str {
        use TableHead as W;
        match (self, l) {
            (W::BudgetType, Lang::Zh) => "预算类型",
            (W::BudgetType, Lang::En) => "Budget type",
            (W::Department, Lang::Zh) => "部门",
            (W::Department, Lang::En) => "Department",
            (W::Code, Lang::Zh) => "项目编码",
            (W::Code, Lang::En) => "Code",
            (W::Project, Lang::Zh) => "项目名称",
            (W::Project, Lang::En) => "Project",
            (W::Kind, Lang::Zh) => "调整类型",
            (W::Kind, Lang::En) => "Kind",
            (W::Amount, Lang::Zh) => "调整金额",
            (W::Amount, Lang::En) => "Amount",
            (W::MergedInto, Lang::Zh) => "合并至",
            (W::MergedInto, Lang::En) => "Merged into",
            (W::Projects, Lang::Zh) => "项目数",
            (W::Projects, Lang::En) => "Projects",
            (W::Requested, Lang::Zh) => "申报",
            (W::Requested, Lang::En) => "Requested",
            (W::Pending, Lang::Zh) => "待审",
            (W::Pending, Lang::En) => "Pending",
            (W::Total, Lang::Zh) => "合计",
            (W::Total, Lang::En) => "Total",
            (W::Novelty, Lang::Zh) => "新增/延续",
            (W::Novelty, Lang::En) => "New or continuing",
            (W::Section, Lang::Zh) => "业务股室",
            (W::Section, Lang::En) => "Section",
            (W::Approved, Lang::Zh) => "审定",
            (W::Approved, Lang::En) => "Approved",
            (W::Cut, Lang::Zh) => "审减",
            (W::Cut, Lang::En) => "Cut",
            (W::CutRate, Lang::Zh) => "审减率",
            (W::CutRate, Lang::En) => "Cut rate",
            (W::Cancelled, Lang::Zh) => "取消",
            (W::Cancelled, Lang::En) => "Cancelled",
            (W::Adjusted, Lang::Zh) => "调整",
            (W::Adjusted, Lang::En) => "Adjusted",
            (W::Decision, Lang::Zh) => "审核结果",
            (W::Decision, Lang::En) => "Decision",
        }
    }
}

impl Say for TableHead {
    fn say(&self, l: Lang) -> String {
        self.word(l).to_string()
    }
}
