//! The named actions a key can be bound to. Each has its name in
//! keymap.toml and its description, in Chinese and English, in one list:
//! the keymap, the help overlay and the hints read them from here.

use crate::domain::Stage;

/// The bindable actions: each has a name (used in keymap.toml) and a
/// description (shown in help). One list, so the keymap, the help overlay
/// and the status hints cannot drift apart.
macro_rules! bindable {
    ($( $variant:ident = $name:literal, $zh:literal, $en:literal; )*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Command {
            $( $variant, )*
        }

        impl Command {
            pub const ALL: &'static [Command] = &[ $( Command::$variant, )* ];

            /// The name used in keymap.toml.
            pub fn name(self) -> &'static str {
                match self { $( Command::$variant => $name, )* }
            }

            pub fn from_name(name: &str) -> Option<Command> {
                match name { $( $name => Some(Command::$variant), )* _ => None }
            }

            /// What it does, for help: (Chinese, English).
            pub fn describe(self) -> (&'static str, &'static str) {
                match self { $( Command::$variant => ($zh, $en), )* }
            }
        }
    };
}

bindable! {
    Up = "up", "上移", "move up";
    Down = "down", "下移", "move down";
    PageUp = "page_up", "上一页", "page up";
    PageDown = "page_down", "下一页", "page down";
    Top = "top", "到顶部", "go to the first row";
    Bottom = "bottom", "到底部", "go to the last row";
    Approve = "approve", "通过（按申报金额）", "approve as requested";
    Cut = "cut", "审减（输入 80、-20 或 -15%）", "cut (type 80, -20 or -15%)";
    Cancel = "cancel", "取消项目立项", "cancel the project";
    Adjust = "adjust", "调整绩效目标", "adjust performance targets";
    Reset = "reset", "恢复待审", "reset to pending";
    ConfirmTargets = "confirm_targets", "确认部门修改稿（已修改的项目）", "confirm the revised targets (a revised project)";
    Comment = "comment", "写审核意见", "write a review comment";
    Undo = "undo", "撤销我的上一个决定", "undo my last decision";
    Search = "search", "搜索（编码、名称、部门）", "search code, name, department";
    Filter = "filter", "筛选（状态、部门、预算类型、股室）", "filter by state, department, budget, section";
    Sort = "sort", "排序", "sort by a column";
    NextPending = "next_pending", "下一个待审项目", "jump to the next pending project";
    ToggleMine = "toggle_mine", "只看我负责的股室 / 显示全部", "only my sections' projects, or all";
    DepartmentCeiling = "department_ceiling", "设定本部门的控制数（主持人）", "set this department's ceiling (chair)";
    ToggleDetail = "toggle_detail", "显示/隐藏详情", "show or hide the detail pane";
    ToggleTally = "toggle_tally", "分类汇总：各部门排名（再按关闭）", "the tally: every department ranked (again to close)";
    Board = "board", "看板（投影用），再按返回", "the board for a projector; again to return";
    NextPanel = "next_panel", "看板：下一组图表", "board: the next charts";
    PrevPanel = "prev_panel", "看板：上一组图表", "board: the previous charts";
    History = "history", "会审日志", "meeting history";
    Export = "export", "导出审核结果（Excel，存于数据库旁）", "export the results (Excel, next to the database)";
    ExportDocuments = "export_documents", "导出送出的文书：各部门审核意见书、绩效目标表、会议纪要", "export the documents: opinions, targets table, minutes";
    Help = "help", "帮助", "help";
    Quit = "quit", "退出", "quit";
    Confirm = "confirm", "确认", "confirm";
    ConfirmNext = "confirm_next", "保存并下一个（保存后转到下一个待审项目）", "save & next (save, then go to the next pending project)";
    Back = "back", "返回/取消输入", "back, or abandon the input";
    NextField = "next_field", "下一项", "next field";
    PrevField = "prev_field", "上一项", "previous field";
    Toggle = "toggle", "选中/取消选中", "tick or untick";
    Newline = "newline", "换行（意见编辑）", "new line in a comment";
    PrevChoice = "prev_choice", "选上一个（决定类型、筛选值）", "previous choice (a decision's kind, a filter's value)";
    NextChoice = "next_choice", "选下一个（决定类型、筛选值）", "next choice (a decision's kind, a filter's value)";
    Pick = "pick", "按序号选择：第几个键选第几个决定类型或审减原因", "choose by number: the nth key picks the nth kind of decision, or ticks the nth reason";
}

impl Command {
    /// What the command does at `stage`: at the later stages `c` opens the
    /// stage's decision form and `a` keeps the budget.
    pub fn describe_at(self, stage: Stage) -> (&'static str, &'static str) {
        match self {
            Command::Cut if stage.adjusts() => (
                "作出本阶段决定（调增、调减、合并……）",
                "decide for this stage (increase, decrease, merge, …)",
            ),
            Command::Approve if stage == Stage::PostEvaluation => {
                ("维持下年预算", "keep next year's budget")
            }
            Command::Cancel if stage.adjusts() => ("取消（全部金额）", "cancel (the whole amount)"),
            Command::Approve | Command::Adjust if stage.adjusts() => (
                "本阶段不用（用「作出本阶段决定」的键）",
                "not used at this stage (use the decide-for-this-stage key)",
            ),
            _ => self.describe(),
        }
    }
}
