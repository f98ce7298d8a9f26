//! The board's words: its headings, the labels of its figures, and what its
//! gauges and the pace say. The figures themselves are the tally's, written
//! as every output writes them (`wan_display`, `report::rate_text`).

use super::Say;
use crate::domain::{BudgetType, Fit, Kind, Stage};
use crate::i18n::Lang;

/// What the board says, each with its values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BoardText<'a> {
    /// The title bar: the board, the meeting's title, a later stage's name.
    Title {
        meeting: &'a str,
        stage: Stage,
    },
    /// The headline figures' labels.
    Approved,
    Cut,
    Rate,
    /// A later stage's headline: the money adjusted.
    Adjusted,
    /// How far the meeting is: the labels of "1149 / 1373" and of the
    /// pending count.
    Decided,
    Pending,
    /// A ceiling against what the meeting is heading for: of the total
    /// (`budget` `None`) or of one budget.
    Ceiling {
        budget: Option<BudgetType>,
    },
    Projected,
    ToCut,
    /// Within the ceiling: by how much.
    Room,
    /// The panels' headings.
    ByBudget,
    TopDepartments {
        shown: usize,
        all: usize,
    },
    ByKind {
        stage: Stage,
    },
    Recent,
    Pace,
    /// The busiest ten minutes' count, beside the pace's spark line.
    Busiest(u64),
    /// Nothing decided yet (the recent decisions, the pace).
    NothingYet,
    /// A kind's count on its bar: "3 项".
    Projects(u64),
    /// The pace: decisions in the estimate's window, and how long the
    /// pending projects take at that pace.
    PaceNow {
        recent: u64,
        window_minutes: u64,
        pending: u64,
        minutes_left: Option<u64>,
    },
    /// The keys: how many panels show of how many, and what the keys do.
    Panels {
        shown: usize,
        all: usize,
    },
    KeyNext,
    KeyQuit,
    KeyBack,
    /// The screen is too small for the board.
    TooSmall {
        need: (u16, u16),
        have: (u16, u16),
    },
}

/// "2 小时 40 分" / "2 h 40 min".
fn duration(minutes: u64, l: Lang) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (l, h) {
        (Lang::Zh, 0) => format!("{m} 分钟"),
        (Lang::Zh, _) => format!("{h} 小时 {m} 分"),
        (Lang::En, 0) => format!("{m} min"),
        (Lang::En, _) => format!("{h} h {m} min"),
    }
}

impl Say for BoardText<'_> {
    fn say(&self, l: Lang) -> String {
        use BoardText as T;
        match (l, self) {
            (Lang::Zh, T::Title { meeting, stage }) => {
                let mut s = "会审看板".to_string();
                if !meeting.is_empty() {
                    s += &format!(" · {meeting}");
                }
                if *stage != Stage::TargetReview {
                    s += &format!(" · {}", stage.zh());
                }
                s
            }
            (Lang::En, T::Title { meeting, stage }) => {
                let mut s = "Review board".to_string();
                if !meeting.is_empty() {
                    s += &format!(" · {meeting}");
                }
                if *stage != Stage::TargetReview {
                    s += &format!(" · {}", stage.en());
                }
                s
            }
            (Lang::Zh, T::Approved) => "审定（万元）".into(),
            (Lang::En, T::Approved) => "approved (万元)".into(),
            (Lang::Zh, T::Cut) => "审减（万元）".into(),
            (Lang::En, T::Cut) => "cut (万元)".into(),
            (Lang::Zh, T::Rate) => "审减率".into(),
            (Lang::En, T::Rate) => "cut rate".into(),
            (Lang::Zh, T::Adjusted) => "调整资金（万元）".into(),
            (Lang::En, T::Adjusted) => "adjusted (万元)".into(),
            (Lang::Zh, T::Decided) => "已审".into(),
            (Lang::En, T::Decided) => "decided".into(),
            (Lang::Zh, T::Pending) => "待审".into(),
            (Lang::En, T::Pending) => "pending".into(),
            (Lang::Zh, T::Ceiling { budget: None }) => "控制数".into(),
            (Lang::En, T::Ceiling { budget: None }) => "ceiling".into(),
            (Lang::Zh, T::Ceiling { budget: Some(b) }) => format!("{}控制数", b.zh()),
            (Lang::En, T::Ceiling { budget: Some(b) }) => format!("{} ceiling", b.en()),
            (Lang::Zh, T::Projected) => "预计安排".into(),
            (Lang::En, T::Projected) => "projected".into(),
            (Lang::Zh, T::ToCut) => "尚需审减".into(),
            (Lang::En, T::ToCut) => "still to cut".into(),
            (Lang::Zh, T::Room) => "控制数内尚余".into(),
            (Lang::En, T::Room) => "room left".into(),
            (Lang::Zh, T::ByBudget) => "按预算类型 审减（万元）· 审减率".into(),
            (Lang::En, T::ByBudget) => "By budget: cut (万元) · rate".into(),
            (Lang::Zh, T::TopDepartments { shown, all }) => {
                format!("审减最多的部门（{shown}/{all}）审减（万元）· 审减率")
            }
            (Lang::En, T::TopDepartments { shown, all }) => {
                format!("Largest cuts by department ({shown} of {all}): cut (万元) · rate")
            }
            (Lang::Zh, T::ByKind { stage }) => format!("{}：按调整类型（万元）", stage.zh()),
            (Lang::En, T::ByKind { stage }) => format!("{}: by kind (万元)", stage.en()),
            (Lang::Zh, T::Recent) => "最近决定".into(),
            (Lang::En, T::Recent) => "Last decisions".into(),
            (Lang::Zh, T::Pace) => "进度：每 10 分钟审结项目数".into(),
            (Lang::En, T::Pace) => "Pace: projects decided per 10 minutes".into(),
            (Lang::Zh, T::Busiest(n)) => format!("（最多 {n} 项）"),
            (Lang::En, T::Busiest(n)) => format!("(at most {n})"),
            (Lang::Zh, T::NothingYet) => "尚无决定".into(),
            (Lang::En, T::NothingYet) => "nothing decided yet".into(),
            (Lang::Zh, T::Projects(n)) => format!("{n} 项"),
            (Lang::En, T::Projects(1)) => "1 project".into(),
            (Lang::En, T::Projects(n)) => format!("{n} projects"),
            (
                _,
                T::PaceNow {
                    pending: 0,
                    recent,
                    window_minutes,
                    ..
                },
            ) => match l {
                Lang::Zh => format!("最近 {window_minutes} 分钟审结 {recent} 项 · 全部已审"),
                Lang::En => {
                    format!("{recent} decided in the last {window_minutes} min · all decided")
                }
            },
            (
                Lang::Zh,
                T::PaceNow {
                    recent,
                    window_minutes,
                    pending,
                    minutes_left,
                },
            ) => match minutes_left {
                Some(m) => format!(
                    "最近 {window_minutes} 分钟审结 {recent} 项 · 待审 {pending} 项，按此速度约需 {}",
                    duration(*m, l)
                ),
                None => format!("最近 {window_minutes} 分钟无审结项目 · 待审 {pending} 项"),
            },
            (
                Lang::En,
                T::PaceNow {
                    recent,
                    window_minutes,
                    pending,
                    minutes_left,
                },
            ) => match minutes_left {
                Some(m) => format!(
                    "{recent} decided in the last {window_minutes} min · {pending} pending take about {} at this pace",
                    duration(*m, l)
                ),
                None => {
                    format!("none decided in the last {window_minutes} min · {pending} pending")
                }
            },
            (Lang::Zh, T::Panels { shown, all }) => format!("图表 {shown}/{all}"),
            (Lang::En, T::Panels { shown, all }) => format!("charts {shown} of {all}"),
            (Lang::Zh, T::KeyNext) => "下一组图表".into(),
            (Lang::En, T::KeyNext) => "next charts".into(),
            (Lang::Zh, T::KeyQuit) => "退出".into(),
            (Lang::En, T::KeyQuit) => "quit".into(),
            (Lang::Zh, T::KeyBack) => "返回会审".into(),
            (Lang::En, T::KeyBack) => "back to the review".into(),
            (Lang::Zh, T::TooSmall { need, have }) => format!(
                "终端太小：看板需要至少 {}×{}，当前 {}×{}。请放大窗口。",
                need.0, need.1, have.0, have.1
            ),
            (Lang::En, T::TooSmall { need, have }) => format!(
                "Terminal too small: the board needs at least {}×{}, have {}×{}. Please enlarge the window.",
                need.0, need.1, have.0, have.1
            ),
        }
    }
}

/// A ceiling's figures as the board's gauge says them: the ceiling, what
/// the meeting is heading for, and what must still be cut (or the room
/// left), each a (label, amount) pair that a line never splits.
pub fn ceiling_items(budget: Option<BudgetType>, fit: &Fit, l: Lang) -> Vec<(String, String)> {
    let mut items = vec![
        (
            BoardText::Ceiling { budget }.say(l),
            fit.ceiling.wan_display(),
        ),
        (BoardText::Projected.say(l), fit.projected.wan_display()),
    ];
    if fit.is_over() {
        items.push((BoardText::ToCut.say(l), fit.to_cut.wan_display()));
    } else {
        items.push((
            BoardText::Room.say(l),
            (fit.ceiling - fit.projected).wan_display(),
        ));
    }
    items
}

/// A budget's name on the board.
pub fn budget_name(b: BudgetType, l: Lang) -> &'static str {
    match l {
        Lang::Zh => b.zh(),
        Lang::En => b.en(),
    }
}

/// A later stage's kind on the board: 调增 in monitoring, 增加 in
/// post-evaluation.
pub fn kind_name(stage: Stage, kind: Kind, l: Lang) -> &'static str {
    match l {
        Lang::Zh => stage.kind_zh(kind),
        Lang::En => kind.en(),
    }
}
