//! The list's and the bars' words: column heads, the title bar, the tally
//! bar's labels, an empty list.

use super::Say;
use crate::i18n::Lang;

/// The list's column heads and the title and tally bars' labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListLabel {
    Amount,
    StageDecision,
    NoMatch,
    Huishen,
    Reviewer,
    Code,
    Department,
    Name,
    Budget,
    Requested,
    Approved,
    Cut,
    State,
    Section,
    Novelty,
    Rate,
    Growth,
    StillToCut,
    WithinCeiling,
    Loading,
    Filtered,
}

impl ListLabel {
    /// The label in `l`, as the screen shows it.
    pub fn word(self, l: Lang) -> &'static str {
        use ListLabel as W;
        match (self, l) {
            (W::Amount, Lang::Zh) => "调整金额",
            (W::Amount, Lang::En) => "amount",
            (W::StageDecision, Lang::Zh) => "决定",
            (W::StageDecision, Lang::En) => "decision",
            (W::NoMatch, Lang::Zh) => "  （没有符合条件的项目）",
            (W::NoMatch, Lang::En) => "  (no project matches)",
            (W::Huishen, Lang::Zh) => "会审",
            (W::Huishen, Lang::En) => "huishen",
            (W::Reviewer, Lang::Zh) => "评审人",
            (W::Reviewer, Lang::En) => "reviewer",
            (W::Code, Lang::Zh) => "编码",
            (W::Code, Lang::En) => "code",
            (W::Department, Lang::Zh) => "部门",
            (W::Department, Lang::En) => "department",
            (W::Name, Lang::Zh) => "项目名称",
            (W::Name, Lang::En) => "project",
            (W::Budget, Lang::Zh) => "预算类型",
            (W::Budget, Lang::En) => "budget",
            (W::Requested, Lang::Zh) => "申报",
            (W::Requested, Lang::En) => "requested",
            (W::Approved, Lang::Zh) => "审定",
            (W::Approved, Lang::En) => "approved",
            (W::Cut, Lang::Zh) => "审减",
            (W::Cut, Lang::En) => "cut",
            (W::State, Lang::Zh) => "状态",
            (W::State, Lang::En) => "state",
            (W::Section, Lang::Zh) => "股室",
            (W::Section, Lang::En) => "section",
            (W::Novelty, Lang::Zh) => "新续",
            // over cells "new" and "cont": the column says it holds either
            (W::Novelty, Lang::En) => "n/c",
            (W::Rate, Lang::Zh) => "执行率",
            (W::Rate, Lang::En) => "rate",
            (W::Growth, Lang::Zh) => "增幅",
            (W::Growth, Lang::En) => "growth",
            (W::StillToCut, Lang::Zh) => "尚需审减",
            (W::StillToCut, Lang::En) => "still to cut",
            (W::WithinCeiling, Lang::Zh) => "在控制数内",
            (W::WithinCeiling, Lang::En) => "within",
            (W::Loading, Lang::Zh) => "载入中",
            (W::Loading, Lang::En) => "loading",
            (W::Filtered, Lang::Zh) => "已筛选",
            (W::Filtered, Lang::En) => "filtered",
        }
    }
}

impl Say for ListLabel {
    fn say(&self, l: Lang) -> String {
        self.word(l).to_string()
    }
}

/// The tally bar's labels, each before its figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BarLabel {
    Decided,
    Requested,
    DecidedRequested,
    Approved,
    Cut,
    Rate,
    MySectionsShown,
    Shown,
    Mine,
    Cancelled,
    Passed,
    Pending,
    TargetsAdjusted,
    Awaited,
    Revised,
    Confirmed,
    Wan,
    Ceiling,
    AdjustedTotal,
}

impl BarLabel {
    /// The label in `l`, as the bar shows it.
    pub fn word(self, l: Lang) -> &'static str {
        use BarLabel as W;
        match (self, l) {
            (W::Decided, Lang::Zh) => "已审",
            (W::Decided, Lang::En) => "decided",
            (W::Requested, Lang::Zh) => "申报",
            (W::Requested, Lang::En) => "requested",
            (W::DecidedRequested, Lang::Zh) => "已审申报",
            (W::DecidedRequested, Lang::En) => "requested (decided)",
            (W::Approved, Lang::Zh) => "审定",
            (W::Approved, Lang::En) => "approved",
            (W::Cut, Lang::Zh) => "审减",
            (W::Cut, Lang::En) => "cut",
            (W::Rate, Lang::Zh) => "审减率",
            (W::Rate, Lang::En) => "rate",
            (W::MySectionsShown, Lang::Zh) => "我的股室",
            (W::MySectionsShown, Lang::En) => "my sections:",
            (W::Shown, Lang::Zh) => "筛选中",
            (W::Shown, Lang::En) => "shown:",
            (W::Mine, Lang::Zh) => "我的股室",
            (W::Mine, Lang::En) => "mine",
            (W::Cancelled, Lang::Zh) => "取消",
            (W::Cancelled, Lang::En) => "cancelled",
            (W::Passed, Lang::Zh) => "通过",
            (W::Passed, Lang::En) => "approved",
            (W::Pending, Lang::Zh) => "待审",
            (W::Pending, Lang::En) => "pending",
            (W::TargetsAdjusted, Lang::Zh) => "调整目标",
            (W::TargetsAdjusted, Lang::En) => "targets adjusted",
            (W::Awaited, Lang::Zh) => "待修改",
            (W::Awaited, Lang::En) => "awaited",
            (W::Revised, Lang::Zh) => "已修改",
            (W::Revised, Lang::En) => "revised",
            (W::Confirmed, Lang::Zh) => "已确认",
            (W::Confirmed, Lang::En) => "confirmed",
            (W::Wan, Lang::Zh) => "（万元）",
            (W::Wan, Lang::En) => "(万元)",
            (W::Ceiling, Lang::Zh) => "控制数",
            (W::Ceiling, Lang::En) => "ceiling",
            (W::AdjustedTotal, Lang::Zh) => "调整合计",
            (W::AdjustedTotal, Lang::En) => "adjusted",
        }
    }
}

impl Say for BarLabel {
    fn say(&self, l: Lang) -> String {
        self.word(l).to_string()
    }
}

/// The terminal is smaller than the screen needs: at least `need`
/// (columns × rows), `have` now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooSmall {
    pub need: (u16, u16),
    pub have: (u16, u16),
}

impl Say for TooSmall {
    fn say(&self, l: Lang) -> String {
        let ((nw, nh), (w, h)) = (self.need, self.have);
        match l {
            Lang::Zh => format!("终端太小：需要至少 {nw}×{nh}，当前 {w}×{h}。请放大窗口。"),
            Lang::En => format!(
                "Terminal too small: need at least {nw}×{nh}, have {w}×{h}. Please enlarge the window."
            ),
        }
    }
}
