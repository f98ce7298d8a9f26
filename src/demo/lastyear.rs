//! What the demo's reviewers weigh beside the request: whether a project is
//! new or continuing, a continuing project's budget and spending last
//! year, and each decision's reasons (审减原因) read from its comment.
//!
//! Drawn after the decisions, from a stream of their own, so the projects,
//! amounts and decisions — the report's figures — are what they were. The
//! comments lead: a project cut for 上年预算执行率偏低 or cancelled for
//! 上年资金结转结余较大 spent little last year; one approved as 延续性项目
//! is continuing; one whose 立项 is cancelled is new. Integer arithmetic on
//! fen only.

use crate::domain::money::Money;

use super::CENT_WAN;
use super::decisions::{Outcome, Verdict};
use super::projects::Project;
use super::rng::Rng;
use crate::domain::Novelty;

/// A project's last year, as the demo's projects file writes it.
pub(crate) struct LastYear {
    pub(crate) novelty: Novelty,
    /// Budget and spending, for a continuing project.
    pub(crate) figures: Option<(Money, Money)>,
}

/// Words of a comment and the default reason (its number, 1-based, in
/// `domain::reason::DEFAULT_REASONS`) they give.
const REASON_WORDS: [(&str, u8); 18] = [
    ("测算依据不充分", 1),
    ("工程量清单未经评审", 1),
    ("成本指标偏高", 2),
    ("超出规定支出标准", 2),
    ("高于同类项目", 2),
    ("上年预算执行率偏低", 3),
    ("结转结余较大", 3),
    ("职能关联不紧密", 4),
    ("已有资金渠道保障", 5),
    ("予以整合", 5),
    ("引入社会资本", 5),
    ("绩效目标不明确", 6),
    ("不够细化量化", 6),
    ("绩效目标与申报金额不匹配", 6),
    ("前期工作不成熟", 7),
    ("难以全年完成", 7),
    ("前期设计深度不足", 7),
    ("基本支出", 8),
];

/// The reasons a cut's or a cancellation's comment gives, by number in the
/// list's order, `、`-joined; empty for other outcomes or none found.
pub(super) fn reasons_of(v: &Verdict) -> String {
    if !matches!(v.outcome, Outcome::Cut(_) | Outcome::Cancel) {
        return String::new();
    }
    reasons_in(&v.comment)
}

/// The reasons `comment` gives, by number, `、`-joined.
pub(super) fn reasons_in(comment: &str) -> String {
    let mut found: Vec<u8> = REASON_WORDS
        .iter()
        .filter(|(w, _)| comment.contains(w))
        .map(|(_, n)| *n)
        .collect();
    found.sort_unstable();
    found.dedup();
    let numbers: Vec<String> = found.iter().map(u8::to_string).collect();
    numbers.join("、")
}

/// Each project's last year, in the projects' order.
pub(super) fn draw_last_years(
    projects: &[Project],
    verdicts: &[Verdict],
    seed: u64,
) -> Vec<LastYear> {
    let mut rng = Rng::new(seed ^ 0x5368_616e_676e_6961);
    projects
        .iter()
        .zip(verdicts)
        .map(|(p, v)| last_year(p, v, &mut rng))
        .collect()
}

fn last_year(p: &Project, v: &Verdict, rng: &mut Rng) -> LastYear {
    let c: &str = &v.comment;
    let low = c.contains("上年预算执行率偏低") || c.contains("结转结余较大");
    let continuing = if low || c.contains("延续性项目") || c.contains("参照上年执行数")
    {
        true
    } else if c.contains("立项") || c.contains("前期工作") {
        false
    } else {
        rng.chance(70)
    };
    if !continuing {
        return LastYear {
            novelty: Novelty::New,
            figures: None,
        };
    }
    // Last year's budget: 75 %–115 % of this year's request.
    let budget = cents(p.requested.fen() * (75 + rng.below(41) as i64) / 100);
    // Spent: a low rate where the comment says so, else mostly 80 %–100 %.
    let permille = if low {
        350 + rng.below(250)
    } else if rng.chance(12) {
        600 + rng.below(200)
    } else {
        800 + rng.below(201)
    };
    let spent = cents(budget.fen() * permille as i64 / 1000);
    LastYear {
        novelty: Novelty::Continuing,
        figures: Some((budget, spent)),
    }
}

/// `fen` to the cent of a 万元 (100 元), at least one.
fn cents(fen: i64) -> Money {
    Money::from_fen(((fen + CENT_WAN / 2) / CENT_WAN).max(1) * CENT_WAN)
}
