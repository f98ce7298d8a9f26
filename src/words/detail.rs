//! The detail pane's words: the labels of a project's figures, its
//! decision, indicators, comments and decision record.

use super::Say;
use crate::i18n::Lang;

/// The detail pane's labels and headings (the selected project's figures,
/// decision, indicators, comments and record).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DetailLabel {
    Title,
    Department,
    Budget,
    Section,
    Requested,
    Novelty,
    LastBudget,
    LastSpent,
    LastRate,
    LastYear,
    Growth,
    Decision,
    Approved,
    Cut,
    MergedInto,
    Reasons,
    AllIndicators,
    AdjustTargets,
    Revision,
    IndicatorsAsTheyStand,
    Indicators,
    Internal,
    History,
    Old,
    New,
    Added,
    Dropped,
}

impl DetailLabel {
    /// The label in `l`, as the screen shows it.
    pub fn word(self, l: Lang) -> &'static str {
        use DetailLabel as W;
        match (self, l) {
            (W::Title, Lang::Zh) => " 项目详情 ",
            (W::Title, Lang::En) => " Project ",
            (W::Department, Lang::Zh) => "部门",
            (W::Department, Lang::En) => "Department",
            (W::Budget, Lang::Zh) => "预算类型",
            (W::Budget, Lang::En) => "Budget",
            (W::Section, Lang::Zh) => "业务股室",
            (W::Section, Lang::En) => "Section",
            (W::Requested, Lang::Zh) => "申报金额",
            (W::Requested, Lang::En) => "Requested",
            (W::Novelty, Lang::Zh) => "新增/延续",
            (W::Novelty, Lang::En) => "New or continuing",
            (W::LastBudget, Lang::Zh) => "预算",
            (W::LastBudget, Lang::En) => "budget",
            (W::LastSpent, Lang::Zh) => "执行数",
            (W::LastSpent, Lang::En) => "spent",
            (W::LastRate, Lang::Zh) => "执行率",
            (W::LastRate, Lang::En) => "rate",
            (W::LastYear, Lang::Zh) => "上年",
            (W::LastYear, Lang::En) => "Last year",
            (W::Growth, Lang::Zh) => "增幅",
            (W::Growth, Lang::En) => "Growth",
            (W::Decision, Lang::Zh) => "审核结果：",
            (W::Decision, Lang::En) => "Decision: ",
            (W::Approved, Lang::Zh) => "审定",
            (W::Approved, Lang::En) => "approved",
            (W::Cut, Lang::Zh) => "审减",
            (W::Cut, Lang::En) => "cut",
            (W::MergedInto, Lang::Zh) => "合并至",
            (W::MergedInto, Lang::En) => "merged into",
            (W::Reasons, Lang::Zh) => "审减原因",
            (W::Reasons, Lang::En) => "Reasons",
            (W::AllIndicators, Lang::Zh) => "全部",
            (W::AllIndicators, Lang::En) => "all",
            (W::AdjustTargets, Lang::Zh) => "调整绩效目标：",
            (W::AdjustTargets, Lang::En) => "Adjust targets: ",
            (W::Revision, Lang::Zh) => "修改：",
            (W::Revision, Lang::En) => "Revision: ",
            (W::IndicatorsAsTheyStand, Lang::Zh) => "绩效指标（原）",
            (W::IndicatorsAsTheyStand, Lang::En) => "Performance indicators (as they stand)",
            (W::Indicators, Lang::Zh) => "绩效指标",
            (W::Indicators, Lang::En) => "Performance indicators",
            (W::Internal, Lang::Zh) => "（内部意见，不反馈部门）",
            (W::Internal, Lang::En) => "(internal: not for the department)",
            (W::History, Lang::Zh) => "决定记录",
            (W::History, Lang::En) => "History",
            (W::Old, Lang::Zh) => "原 ",
            (W::Old, Lang::En) => "old ",
            (W::New, Lang::Zh) => "新 ",
            (W::New, Lang::En) => "new ",
            (W::Added, Lang::Zh) => "新增 ",
            (W::Added, Lang::En) => "added ",
            (W::Dropped, Lang::Zh) => "删去 ",
            (W::Dropped, Lang::En) => "dropped ",
        }
    }
}

impl Say for DetailLabel {
    fn say(&self, l: Lang) -> String {
        self.word(l).to_string()
    }
}

/// The detail pane's headings that carry a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DetailText {
    /// The comments' heading, with their count.
    Comments(usize),
    /// The department's revision's heading, with the keys that confirm it
    /// and return it.
    Revised { confirm: String, back: String },
}

impl Say for DetailText {
    fn say(&self, l: Lang) -> String {
        match (self, l) {
            (DetailText::Comments(n), Lang::Zh) => format!("审核意见（{n}）"),
            (DetailText::Comments(n), Lang::En) => format!("Comments ({n})"),
            (DetailText::Revised { confirm, back }, Lang::Zh) => {
                format!("部门修改稿（原 → 新；{confirm} 确认，{back} 退回）")
            }
            (DetailText::Revised { confirm, back }, Lang::En) => {
                format!("The department's revision (old → new; {confirm} confirms, {back} returns)")
            }
        }
    }
}
