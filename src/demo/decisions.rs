//! Drawing the panel's decisions: the report meeting's exact figures, or a
//! synthetic meeting's proportions; comments that name the indicators.

use std::borrow::Cow;

use crate::domain::budget::BudgetType;
use crate::domain::money::Money;

use super::indicators::IndRow;
use super::projects::Project;
use super::rng::Rng;
use super::{CENT_WAN, FEN_PER_WAN, REPORT_ADJUSTED, REPORT_CANCELLED, REPORT_CUT_WAN};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    Approve,
    Cut(Money),
    Cancel,
    /// Adjusted only: approved as requested.
    None,
}

pub(super) struct Verdict {
    pub(super) outcome: Outcome,
    pub(super) comment: Cow<'static, str>,
    /// The reason of an adjustment, written after the outcome's row.
    pub(super) adjust: Option<String>,
}

pub(super) const APPROVE_COMMENTS: [&str; 7] = [
    "绩效目标明确，指标设置合理，同意按申报金额安排",
    "项目实施必要，测算依据充分，同意安排",
    "绩效目标与部门职能匹配，指标细化量化，同意",
    "属于刚性支出，同意按申报金额安排",
    "资金测算符合支出标准，同意安排",
    "延续性项目，上年绩效评价结果良好，同意安排",
    "前期工作充分，具备实施条件，同意安排",
];

pub(super) const CUT_REASONS: [&str; 12] = [
    "测算依据不充分",
    "成本指标偏高，高于同类项目标准",
    "部分内容已有资金渠道保障",
    "项目实施进度预计难以全年完成",
    "申报标准超出规定支出标准",
    "部分内容属于基本支出范围",
    "上年预算执行率偏低",
    "项目规模偏大，宜分期实施",
    "绩效目标与申报金额不匹配",
    "工程量清单未经评审",
    "部分支出内容与部门职能关联不紧密",
    "落实过紧日子要求，压减一般性支出",
];

pub(super) const CUT_ACTIONS: [&str; 7] = [
    "建议压减",
    "按可执行额度安排",
    "按评审结果核减",
    "参照上年执行数安排",
    "按标准核定",
    "按实际需求核减",
    "建议压减，剩余部分以后年度统筹",
];

pub(super) const CANCEL_COMMENTS: [&str; 10] = [
    "与部门职能关联不紧密，取消项目立项",
    "已有资金渠道保障，不再重复安排",
    "前期工作不成熟，不具备实施条件，取消立项",
    "绩效目标不明确，产出和效益无法衡量，取消立项",
    "属于部门日常运转支出，应在基本支出中列支",
    "上年资金结转结余较大，本年不再安排",
    "与其他项目内容重复，予以整合，取消立项",
    "不符合财政资金支持方向，取消立项",
    "项目必要性论证不充分，取消立项",
    "绩效目标不够细化量化，测算依据不充分，取消立项",
];

pub(super) fn cut_comment(rng: &mut Rng) -> String {
    let a = rng.pick(&CUT_REASONS);
    let action = rng.pick(&CUT_ACTIONS);
    if rng.chance(35) {
        let b = rng.pick(&CUT_REASONS);
        if b != a {
            return format!("{a}；{b}，{action}");
        }
    }
    format!("{a}，{action}")
}

/// Why a project's targets go back for revision, naming its indicators.
pub(super) fn adjust_comment(rng: &mut Rng, inds: &[IndRow], cut: bool) -> String {
    let has = |l2: &str| inds.iter().any(|r| r.level2 == l2);
    let satisfaction = inds.iter().any(|r| r.level1 == "满意度指标");
    let named = &inds[rng.below(inds.len())];
    let t: &str = &named.target;
    // (before the indicator's name, after it); an empty `after` names none.
    let mut options: Vec<(&str, &str)> = Vec::with_capacity(10);
    if t.starts_with('≥') {
        options.push(("三级指标“", "”目标值偏低，请参照上年实际完成情况调整"));
        options.push(("三级指标“", "”目标值测算依据不充分，请补充说明"));
    } else if t.starts_with('≤') {
        options.push(("三级指标“", "”目标值设置偏宽松，请从严设定"));
    } else if !t.starts_with('=') {
        options.push(("三级指标“", "”为定性表述，请细化量化为可衡量的指标"));
    }
    if !has("成本指标") {
        options.push(("缺少成本指标，请补充", ""));
    }
    if !has("时效指标") {
        options.push(("缺少时效指标，请补充项目完成时限", ""));
    }
    if !satisfaction {
        options.push(("缺少满意度指标，请补充服务对象满意度", ""));
    }
    if has("社会效益指标") || has("经济效益指标") {
        options.push(("效益指标与项目产出关联不紧密，请重新设置", ""));
    }
    if satisfaction {
        options.push(("满意度指标未明确调查方式和样本量，请完善", ""));
    }
    options.push(("年度目标与总体目标混淆，请分解年度指标", ""));
    options.push(("绩效目标不够细化量化，请完善产出指标", ""));
    if cut && rng.chance(60) {
        return "绩效目标与审定金额不匹配，请按审定金额同步调整产出指标".to_string();
    }
    match options[rng.below(options.len())] {
        (text, "") => text.to_string(),
        (before, after) => format!("{before}{}{after}", named.name),
    }
}

/// The decisions of the 2021 meeting: exactly 224 cancelled, 343 adjusted
/// and 117186.00万元 cut in all.
pub(super) fn report_decisions(
    projects: &[Project],
    inds: &[Vec<IndRow>],
    rng: &mut Rng,
) -> Vec<Verdict> {
    let n = projects.len();
    let req = |i: usize| projects[i].requested.fen();
    // Ranked by request, smallest first.
    let mut rank: Vec<usize> = (0..n).collect();
    rank.sort_by_key(|&i| (req(i), i));
    let cancellable = |i: &usize| projects[*i].tpl.budget != BudgetType::SocialInsurance;
    // Cancelled: mostly small and medium projects, a few larger ones.
    let small: Vec<usize> = rank[..n * 85 / 100]
        .iter()
        .copied()
        .filter(cancellable)
        .collect();
    let larger: Vec<usize> = rank[n * 85 / 100..n * 98 / 100]
        .iter()
        .copied()
        .filter(cancellable)
        .collect();
    let mut cancelled = rng.sample(&small, REPORT_CANCELLED - 28);
    cancelled.extend(rng.sample(&larger, 28));
    let mut is_cancelled = vec![false; n];
    for &i in &cancelled {
        is_cancelled[i] = true;
    }
    let cancelled_sum: i64 = cancelled.iter().map(|&i| req(i)).sum();
    let to_cut = REPORT_CUT_WAN * FEN_PER_WAN - cancelled_sum;
    assert!(to_cut > 0, "cancellations alone exceed the cut");

    // Cut: large projects more often than small ones; statutory social
    // insurance subsidies and requests under 1万元 are not cut.
    let cuttable =
        |i: usize| projects[i].tpl.budget != BudgetType::SocialInsurance && req(i) >= FEN_PER_WAN;
    let remaining: Vec<usize> = rank
        .iter()
        .rev()
        .copied()
        .filter(|&i| !is_cancelled[i])
        .collect();
    let m = remaining.len();
    let mut is_cut = vec![false; n];
    let mut base = 0i64;
    for (r, &i) in remaining.iter().enumerate() {
        let percent = if r < m / 10 {
            85
        } else if r < m * 4 / 10 {
            35
        } else {
            15
        };
        if rng.chance(percent) && cuttable(i) {
            is_cut[i] = true;
            base += req(i);
        }
    }
    // Make room: the cut set must be able to give `to_cut` at about 35%.
    for &i in &remaining {
        if base * 35 / 100 >= to_cut {
            break;
        }
        if !is_cut[i] && cuttable(i) {
            is_cut[i] = true;
            base += req(i);
        }
    }
    let cut_list: Vec<usize> = (0..n).filter(|&i| is_cut[i]).collect();
    // Rates in 5%..60%, scaled to the target.
    let mut rates: Vec<f64> = cut_list.iter().map(|_| 0.08 + 0.40 * rng.unit()).collect();
    for _ in 0..100 {
        let total: f64 = cut_list
            .iter()
            .zip(&rates)
            .map(|(&i, r)| req(i) as f64 * r)
            .sum();
        let f = to_cut as f64 / total;
        if (f - 1.0).abs() < 1e-9 {
            break;
        }
        for r in &mut rates {
            *r = (*r * f).clamp(0.05, 0.60);
        }
    }
    let lo_bound = |i: usize| (req(i) * 40 + 100 * CENT_WAN - 1) / (100 * CENT_WAN) * CENT_WAN;
    let hi_bound = |i: usize| (req(i) * 95 / 100 / CENT_WAN * CENT_WAN).max(CENT_WAN);
    let mut approved: Vec<i64> = cut_list
        .iter()
        .zip(&rates)
        .map(|(&i, &r)| {
            let want = req(i) as f64 * (1.0 - r);
            let step = if req(i) >= 100 * FEN_PER_WAN {
                FEN_PER_WAN
            } else if req(i) >= 10 * FEN_PER_WAN {
                FEN_PER_WAN / 10
            } else {
                CENT_WAN
            };
            let a = (want / step as f64).round() as i64 * step;
            if a >= lo_bound(i) && a <= hi_bound(i) {
                a
            } else {
                ((want / CENT_WAN as f64).round() as i64 * CENT_WAN).clamp(lo_bound(i), hi_bound(i))
            }
        })
        .collect();
    // Settle the rounding on the largest cuts, keeping 40%..95% approved.
    let mut diff = to_cut
        - cut_list
            .iter()
            .zip(&approved)
            .map(|(&i, &a)| req(i) - a)
            .sum::<i64>();
    let mut by_size: Vec<usize> = (0..cut_list.len()).collect();
    by_size.sort_by_key(|&k| std::cmp::Reverse((req(cut_list[k]), k)));
    for k in by_size {
        if diff == 0 {
            break;
        }
        let i = cut_list[k];
        let new = (approved[k] - diff).clamp(lo_bound(i), hi_bound(i));
        diff -= approved[k] - new;
        approved[k] = new;
    }
    assert_eq!(diff, 0, "the cut could not be settled");

    let mut outcome: Vec<Outcome> = vec![Outcome::Approve; n];
    for &i in &cancelled {
        outcome[i] = Outcome::Cancel;
    }
    for (k, &i) in cut_list.iter().enumerate() {
        outcome[i] = Outcome::Cut(Money::from_fen(approved[k]));
    }
    // Adjusted: about a third of them also cut.
    let cut_adjusted = (REPORT_ADJUSTED / 3).min(cut_list.len());
    let mut adjusted = rng.sample(&cut_list, cut_adjusted);
    let approved_list: Vec<usize> = (0..n).filter(|&i| outcome[i] == Outcome::Approve).collect();
    adjusted.extend(rng.sample(&approved_list, REPORT_ADJUSTED - cut_adjusted));
    let mut is_adjusted = vec![false; n];
    for &i in &adjusted {
        is_adjusted[i] = true;
        // Some adjusted projects carry only the 调整 row.
        if outcome[i] == Outcome::Approve && rng.chance(60) {
            outcome[i] = Outcome::None;
        }
    }
    (0..n)
        .map(|i| verdict(rng, outcome[i], is_adjusted[i], &inds[i]))
        .collect()
}

pub(super) fn verdict(rng: &mut Rng, outcome: Outcome, adjusted: bool, inds: &[IndRow]) -> Verdict {
    let comment = match outcome {
        Outcome::Approve => Cow::Borrowed(rng.pick(&APPROVE_COMMENTS)),
        Outcome::Cut(_) => Cow::Owned(cut_comment(rng)),
        Outcome::Cancel => Cow::Borrowed(rng.pick(&CANCEL_COMMENTS)),
        Outcome::None => Cow::Borrowed(""),
    };
    let adjust = adjusted.then(|| adjust_comment(rng, inds, matches!(outcome, Outcome::Cut(_))));
    Verdict {
        outcome,
        comment,
        adjust,
    }
}

/// Decisions for a synthetic meeting: about the report's proportions.
pub(super) fn synthetic_decisions(
    projects: &[Project],
    inds: &[Vec<IndRow>],
    rng: &mut Rng,
) -> Vec<Verdict> {
    projects
        .iter()
        .zip(inds)
        .map(|(p, ind)| {
            let r = rng.below(1000);
            let req = p.requested.fen();
            let outcome = if r < 163 && p.tpl.budget != BudgetType::SocialInsurance {
                Outcome::Cancel
            } else if r < 450 && req >= 2 * CENT_WAN {
                let rate = 5 + rng.below(56) as i64;
                let a = (req * (100 - rate) / 100 / CENT_WAN * CENT_WAN)
                    .clamp(CENT_WAN, req - CENT_WAN);
                Outcome::Cut(Money::from_fen(a))
            } else {
                Outcome::Approve
            };
            let adjusted = outcome != Outcome::Cancel && rng.chance(30);
            let outcome = if adjusted && outcome == Outcome::Approve && rng.chance(60) {
                Outcome::None
            } else {
                outcome
            };
            verdict(rng, outcome, adjusted, ind)
        })
        .collect()
}
