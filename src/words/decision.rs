//! The words of a decision: why an amount, a cut, a decision or a later
//! stage's adjustment is refused, why a batch row says no decision or the
//! meeting refuses it, and a decision itself in words
//! (`审减 3.90 万元，审定 22.10 万元`).

use super::import::q;
use super::{Lang, Say};
use crate::domain::decision::{CutInputError, DecisionError};
use crate::domain::money::{AmountError, Unit, group_thousands};
use crate::domain::problem::{MeetingProblem, RowProblem};
use crate::domain::stage::StageError;
use crate::domain::{Money, State};

impl Say for AmountError {
    fn say(&self, lang: Lang) -> String {
        let places = |unit: &Unit| match unit {
            Unit::Wan => 6,
            Unit::Yuan => 2,
        };
        match (self, lang) {
            (AmountError::Empty, Lang::Zh) => "金额为空".into(),
            (AmountError::Empty, Lang::En) => "the amount is empty".into(),
            (AmountError::Negative, Lang::Zh) => "金额不能为负数".into(),
            (AmountError::Negative, Lang::En) => "an amount cannot be negative".into(),
            (AmountError::Exponent, Lang::Zh) => "不接受科学计数法，请写出全部数字".into(),
            (AmountError::Exponent, Lang::En) => {
                "exponent notation is not accepted; write the digits out".into()
            }
            (AmountError::NotANumber, Lang::Zh) => {
                "不是数字：请写数字，可带小数点，如 1234.5 或 1,234.50".into()
            }
            (AmountError::NotANumber, Lang::En) => {
                "not a number; write digits with an optional decimal point, e.g. 1234.5 or 1,234.50"
                    .into()
            }
            (AmountError::Separator, Lang::Zh) => {
                "千分位逗号位置不对：每三位一组，如 1,234,567.89".into()
            }
            (AmountError::Separator, Lang::En) => {
                "misplaced thousands separator; use groups of three digits, e.g. 1,234,567.89"
                    .into()
            }
            (AmountError::TooPrecise { unit }, Lang::Zh) => format!(
                "精度超过分（以{}为单位最多 {} 位小数）",
                unit.label(),
                places(unit)
            ),
            (AmountError::TooPrecise { unit }, Lang::En) => format!(
                "more precise than a fen (in {} at most {} decimals)",
                unit.label(),
                places(unit)
            ),
            (AmountError::TooLarge { most }, Lang::Zh) if *most == Money::MAX_AMOUNT => format!(
                "金额过大：最多 {} 万元（单个项目金额的上限）",
                wan_whole(*most)
            ),
            (AmountError::TooLarge { most }, Lang::En) if *most == Money::MAX_AMOUNT => format!(
                "the amount is too large: at most {} 万元 (the limit of one project's amount)",
                wan_whole(*most)
            ),
            (AmountError::TooLarge { most }, Lang::Zh) => format!(
                "金额过大：最多 {} 万元（一次会审全部项目申报金额的上限）",
                wan_whole(*most)
            ),
            (AmountError::TooLarge { most }, Lang::En) => format!(
                "the amount is too large: at most {} 万元 (the limit of all a meeting's projects together)",
                wan_whole(*most)
            ),
        }
    }
}

/// A limit in 万元 as a sentence gives it: `1,000,000,000`.
pub(super) fn wan_whole(m: Money) -> String {
    group_thousands(&m.to_wan().normalize().to_string())
}

impl Say for CutInputError {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (CutInputError::Amount(e), _) => e.say(lang),
            (CutInputError::Percent, Lang::Zh) => "不是百分比；请写如 -15%".into(),
            (CutInputError::Percent, Lang::En) => "not a percentage; write e.g. -15%".into(),
            (CutInputError::PercentWithoutMinus, Lang::Zh) => {
                "百分比是审减的比例：审减 15% 请写 -15%，或直接输入核定金额".into()
            }
            (CutInputError::PercentWithoutMinus, Lang::En) => {
                "a percentage is the share to cut: write -15% to cut 15%, or type the approved amount"
                    .into()
            }
            (CutInputError::Plus, Lang::Zh) => {
                "审减不能增加申报金额：审定 80 写 80，审减 5 写 -5（不写 +）".into()
            }
            (CutInputError::Plus, Lang::En) => {
                "a cut cannot raise the request: write 80 to approve 80, or -5 to cut 5 (no +)"
                    .into()
            }
            (CutInputError::OtherUnit { stated, unit }, Lang::Zh) => format!(
                "金额的单位是{}，这里以{}为单位；请按{}填写",
                stated.label(),
                unit.label(),
                unit.label()
            ),
            (CutInputError::OtherUnit { stated, unit }, Lang::En) => format!(
                "the amount is in {} but amounts here are in {}; write it in {}",
                stated.label(),
                unit.label(),
                unit.label()
            ),
        }
    }
}

impl Say for DecisionError {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (DecisionError::CutToZero, Lang::Zh) => "审减到零即取消立项，请改用取消".into(),
            (DecisionError::CutToZero, Lang::En) => {
                "a cut to zero is a cancellation; cancel the project instead".into()
            }
            (
                DecisionError::CutNotBelowRequest {
                    approved,
                    requested,
                },
                Lang::Zh,
            ) => format!(
                "审减后须少于申报：审定 {} ≥ 申报 {} 万元",
                approved.wan_string(),
                requested.wan_string()
            ),
            (
                DecisionError::CutNotBelowRequest {
                    approved,
                    requested,
                },
                Lang::En,
            ) => format!(
                "a cut must leave less than the request: approved {} ≥ requested {} 万元",
                approved.wan_string(),
                requested.wan_string()
            ),
            (DecisionError::CutBelowZero, Lang::Zh) => "审减金额超过申报金额".into(),
            (DecisionError::CutBelowZero, Lang::En) => "the cut is larger than the request".into(),
            (DecisionError::AdjustCancelled, Lang::Zh) => "已取消的项目没有绩效目标可调整".into(),
            (DecisionError::AdjustCancelled, Lang::En) => {
                "a cancelled project has no targets to adjust".into()
            }
            (DecisionError::AdjustNeedsReason, Lang::Zh) => {
                "调整绩效目标须写明理由（哪些指标、缺什么）".into()
            }
            (DecisionError::AdjustNeedsReason, Lang::En) => {
                "an adjustment needs a reason (which targets, and what they lack)".into()
            }
            (DecisionError::NotWaitingForRevision(r), Lang::Zh) => format!(
                "该项目的绩效目标不在等待修改（{}）；只有退回修改的项目可导入修改稿",
                r.map_or("未退回修改", |r| r.zh())
            ),
            (DecisionError::NotWaitingForRevision(r), Lang::En) => format!(
                "its targets are not waiting for a revision ({}); only projects sent back (退回修改) take one",
                r.map_or("not sent back", |r| r.en())
            ),
            (DecisionError::NoRevisionToReview(r), Lang::Zh) => format!(
                "没有待确认的修改稿（{}）；部门修改稿导入（已修改）后才能确认或退回",
                r.map_or("未退回修改", |r| r.zh())
            ),
            (DecisionError::NoRevisionToReview(r), Lang::En) => format!(
                "no revised targets to confirm or return ({}); a project is reviewed once its revision is in (已修改)",
                r.map_or("not sent back", |r| r.en())
            ),
            (DecisionError::Stage(e), _) => e.say(lang),
        }
    }
}

impl Say for StageError {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (StageError::NotThisStage { kind, stage }, Lang::Zh) => {
                format!("「{}」不是{}的决定", kind.zh(), stage.zh())
            }
            (StageError::NotThisStage { kind, stage }, Lang::En) => format!(
                "{} ({}) is not a decision of {} ({})",
                kind.zh(),
                kind.code(),
                stage.zh(),
                stage.code()
            ),
            (StageError::AmountMissing(k), Lang::Zh) => {
                format!("「{}」需要填写金额（万元）", k.zh())
            }
            (StageError::AmountMissing(k), Lang::En) => {
                format!("{} ({}) needs an amount (万元)", k.zh(), k.code())
            }
            (StageError::AmountNotPositive, Lang::Zh) => "金额须大于 0".into(),
            (StageError::AmountNotPositive, Lang::En) => "the amount must be more than 0".into(),
            (StageError::AmountOverRequest { amount, requested }, Lang::Zh) => format!(
                "金额 {} 超过项目的 {} 万元",
                amount.wan_string(),
                requested.wan_string()
            ),
            (StageError::AmountOverRequest { amount, requested }, Lang::En) => format!(
                "the amount {} is more than the project's {} 万元",
                amount.wan_string(),
                requested.wan_string()
            ),
            (StageError::MergeNeedsTarget, Lang::Zh) => "合并须填写并入的项目编码（合并至）".into(),
            (StageError::MergeNeedsTarget, Lang::En) => {
                "a merge names the project merged into (合并至)".into()
            }
            (StageError::MergeIntoItself, Lang::Zh) => "项目不能合并到自身".into(),
            (StageError::MergeIntoItself, Lang::En) => {
                "a project cannot be merged into itself".into()
            }
            (StageError::MergeTargetUnknown(c), Lang::Zh) => {
                format!("本次会审中没有项目 {c}，无法合并")
            }
            (StageError::MergeTargetUnknown(c), Lang::En) => {
                format!("no project {c} in this meeting to merge into")
            }
            (StageError::MergeTargetOnlyForMerge, Lang::Zh) => "只有合并才填写并入的项目".into(),
            (StageError::MergeTargetOnlyForMerge, Lang::En) => {
                "only a merge names a project to merge into (合并至)".into()
            }
            (StageError::NotAlso(k), Lang::Zh) => format!(
                "「{}」不能与其他结果并列，也不能重复；它自成一个决定",
                k.zh()
            ),
            (StageError::NotAlso(k), Lang::En) => format!(
                "{} ({}) cannot come beside another outcome, nor twice; it is a decision of its own",
                k.zh(),
                k.code()
            ),
            (StageError::WordOfOtherStage { word, of, meeting }, Lang::Zh) => format!(
                "{word} 是{}的决定；本次为{}，可用：{}",
                of.zh(),
                meeting.zh(),
                meeting.accepted_zh()
            ),
            (StageError::WordOfOtherStage { word, of, meeting }, Lang::En) => format!(
                "{word} is a decision of {} ({}); this meeting is at {} ({}): write one of {}",
                of.zh(),
                of.code(),
                meeting.zh(),
                meeting.code(),
                meeting.accepted()
            ),
        }
    }
}

impl Say for RowProblem {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (RowProblem::UnknownDecision { text, stage }, Lang::Zh) => format!(
                "无法识别的审核结果 {}；请填写以下之一：{}",
                q(text),
                stage.accepted_zh()
            ),
            (RowProblem::UnknownDecision { text, stage }, Lang::En) => format!(
                "unknown decision {}; write one of {}",
                q(text),
                stage.accepted()
            ),
            (RowProblem::Stage(e), _) => e.say(lang),
            (RowProblem::OnlyMerge, Lang::Zh) => "只有合并才填写“合并至”".into(),
            (RowProblem::OnlyMerge, Lang::En) => {
                "only a merge names a project to merge into (合并至)".into()
            }
            (RowProblem::AmountNotPositive, Lang::Zh) => "金额必须大于 0".into(),
            (RowProblem::AmountNotPositive, Lang::En) => "the amount must be more than 0".into(),
            (RowProblem::StageNeedsAmount { stage, kind }, Lang::Zh) => {
                format!("{}须填写金额（万元）", stage.kind_zh(*kind))
            }
            (RowProblem::StageNeedsAmount { stage, kind }, Lang::En) => {
                format!("{} needs an amount (万元)", stage.kind_zh(*kind))
            }
            (RowProblem::StageNeedsAmountColumn { stage, kind }, Lang::Zh) => format!(
                "{}须填写金额，但文件没有金额列（金额）",
                stage.kind_zh(*kind)
            ),
            (RowProblem::StageNeedsAmountColumn { stage, kind }, Lang::En) => format!(
                "{} needs an amount, and the file has no amount column (金额)",
                stage.kind_zh(*kind)
            ),
            (RowProblem::MergeNoColumn, Lang::Zh) => {
                "合并须写明并入的项目，但文件没有“合并至”列".into()
            }
            (RowProblem::MergeNoColumn, Lang::En) => {
                "a merge names the project merged into, and the file has no 合并至 column".into()
            }
            (RowProblem::MergeNoTarget, Lang::Zh) => "合并须在“合并至”中写明并入的项目".into(),
            (RowProblem::MergeNoTarget, Lang::En) => {
                "a merge names the project merged into (合并至)".into()
            }
            (RowProblem::PendingHasAmounts, Lang::Zh) => {
                "待审的行没有金额；审定和审减请留空".into()
            }
            (RowProblem::PendingHasAmounts, Lang::En) => {
                "a 待审 row has no amounts; leave 审定 and 审减 empty".into()
            }
            (RowProblem::BothOrNeither, Lang::Zh) => {
                "审定和审减要么都填（两者相加等于申报金额），要么都不填".into()
            }
            (RowProblem::BothOrNeither, Lang::En) => {
                "write both 审定 and 审减 (they add up to the request), or neither".into()
            }
            (RowProblem::CutNeedsAmountCell, Lang::Zh) => {
                "审减须填写金额：审定金额，或审减额如 -20、-15%".into()
            }
            (RowProblem::CutNeedsAmountCell, Lang::En) => {
                "a cut needs an amount: the approved amount, or the cut as -20 or -15%".into()
            }
            (RowProblem::CutNoAmountColumn, Lang::Zh) => {
                "审减须填写金额，但文件没有金额列（审定金额、审减金额或金额）".into()
            }
            (RowProblem::CutNoAmountColumn, Lang::En) => {
                "a cut needs an amount, and the file has no amount column \
                                 (审定金额, 审减金额 or 金额)"
                    .into()
            }
            (RowProblem::AmountOnlyWithCut { word }, Lang::Zh) => {
                format!("只有审减才填写金额；本行的审核结果是 {}", q(word))
            }
            (RowProblem::AmountOnlyWithCut { word }, Lang::En) => {
                format!("an amount only goes with cut; this row says {}", q(word))
            }
            (RowProblem::AdjustNeedsComment, Lang::Zh) => {
                "调整须填写审核意见：说明理由（哪些目标、缺什么）".into()
            }
            (RowProblem::AdjustNeedsComment, Lang::En) => {
                "adjust needs a comment: the reason (which targets, and what they lack)".into()
            }
            (RowProblem::IndicatorsOnlyWithAdjust, Lang::Zh) => "只有调整才填写指标序号".into(),
            (RowProblem::IndicatorsOnlyWithAdjust, Lang::En) => {
                "indicator numbers only go with adjust".into()
            }
            (RowProblem::AdjustFlag { text }, Lang::Zh) => {
                format!("{} 不是“是”，也不是空（调整绩效目标）", q(text))
            }
            (RowProblem::AdjustFlag { text }, Lang::En) => {
                format!("{} is not 是 or empty (调整绩效目标)", q(text))
            }
            (RowProblem::AdjustNeedsReason, Lang::Zh) => {
                "调整绩效目标为“是”时，须在调整理由中写明理由".into()
            }
            (RowProblem::AdjustNeedsReason, Lang::En) => {
                "an adjustment (调整绩效目标 是) needs its reason in 调整理由".into()
            }
            (RowProblem::CutOver100 { text }, Lang::Zh) => {
                format!("金额 {} 有误：审减超过 100%，大于申报金额", q(text))
            }
            (RowProblem::CutOver100 { text }, Lang::En) => format!(
                "bad amount {}: a cut of more than 100% is larger than the request",
                q(text)
            ),
            (RowProblem::IndicatorNumberZero, Lang::Zh) => "指标序号从 1 开始".into(),
            (RowProblem::IndicatorNumberZero, Lang::En) => "indicator numbers start at 1".into(),
            (RowProblem::NotAnIndicatorNumber { text }, Lang::Zh) => {
                format!("{} 不是指标序号；请写数字，如 1, 3、5", q(text))
            }
            (RowProblem::NotAnIndicatorNumber { text }, Lang::En) => format!(
                "{} is not an indicator number; write numbers such as 1, 3、5",
                q(text)
            ),
        }
    }
}

impl Say for MeetingProblem {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (MeetingProblem::AlreadyInMeeting { code }, Lang::Zh) => {
                format!("项目 {code} 已在本次会审中")
            }
            (MeetingProblem::AlreadyInMeeting { code }, Lang::En) => {
                format!("project {code} is already in this meeting")
            }
            (MeetingProblem::UnknownProject { code }, Lang::Zh) => {
                format!("本次会审中没有项目 {code}")
            }
            (MeetingProblem::UnknownProject { code }, Lang::En) => {
                format!("no project {code} in this meeting")
            }
            (
                MeetingProblem::SplitNotRequest {
                    code,
                    approved,
                    cut,
                    requested,
                },
                Lang::Zh,
            ) => format!(
                "{code}：审定 {} + 审减 {} = {} 万元，但该项目申报金额为 {} 万元",
                approved.wan_string(),
                cut.wan_string(),
                (*approved + *cut).wan_string(),
                requested.wan_string()
            ),
            (
                MeetingProblem::SplitNotRequest {
                    code,
                    approved,
                    cut,
                    requested,
                },
                Lang::En,
            ) => format!(
                "{code}: 审定 {} + 审减 {} = {} 万元, but the project requested {} 万元",
                approved.wan_string(),
                cut.wan_string(),
                (*approved + *cut).wan_string(),
                requested.wan_string()
            ),
            (MeetingProblem::Refused { code, error }, Lang::Zh) => {
                format!("{code}：{}", error.say(lang))
            }
            (MeetingProblem::Refused { code, error }, Lang::En) => {
                format!("{code}: {}", error.say(lang))
            }
            (
                MeetingProblem::MeetingTotalTooLarge {
                    already,
                    adding,
                    most,
                },
                Lang::Zh,
            ) => format!(
                "本次会审的项目已申报 {} 万元，加上本文件的 {} 万元，将超过一次会审的上限 {} 万元",
                already.wan_display(),
                adding.wan_display(),
                wan_whole(*most)
            ),
            (
                MeetingProblem::MeetingTotalTooLarge {
                    already,
                    adding,
                    most,
                },
                Lang::En,
            ) => format!(
                "the meeting's projects request {} 万元 already; this file's {} 万元 more would \
                 pass the limit of a meeting, {} 万元",
                already.wan_display(),
                adding.wan_display(),
                wan_whole(*most)
            ),
            (MeetingProblem::CutNoAmount, Lang::Zh) => "审减须填写金额".into(),
            (MeetingProblem::CutNoAmount, Lang::En) => "a cut needs an amount".into(),
            (MeetingProblem::NoSuchIndicator { code, n, has }, Lang::Zh) => {
                format!("项目 {code} 没有第 {n} 个绩效指标（共 {has} 个）")
            }
            (MeetingProblem::NoSuchIndicator { code, n, has }, Lang::En) => {
                format!("project {code} has no indicator {n} (it has {has})")
            }
            (
                MeetingProblem::SplitApprovedDiffers {
                    code,
                    word,
                    approved,
                    said,
                },
                Lang::Zh,
            ) => format!(
                "{code}：{word} 后审定金额为 {} 万元，但审定列写的是 {}",
                approved.wan_string(),
                said.wan_string()
            ),
            (
                MeetingProblem::SplitApprovedDiffers {
                    code,
                    word,
                    approved,
                    said,
                },
                Lang::En,
            ) => format!(
                "{code}: {word} leaves {} 万元 approved, but 审定 says {}",
                approved.wan_string(),
                said.wan_string()
            ),
        }
    }
}

impl Lang {
    /// A target-review decision in words, each amount named: "审减 3.90 万元，
    /// 审定 22.10 万元" — never a bare figure a reader could take for the cut.
    /// Without the request (an event seen on its own) the cut is left out.
    pub fn decision(
        self,
        state: State,
        approved: Money,
        requested: Option<Money>,
        adjust: bool,
    ) -> String {
        let a = approved.wan_display();
        let cut = requested.map(|r| (r - approved).wan_display());
        let mut s = match (self, state, cut) {
            (Lang::Zh, State::Pending, _) => "待审".to_string(),
            (Lang::En, State::Pending, _) => "pending".to_string(),
            (Lang::Zh, State::Approved, _) => format!("通过 {a} 万元"),
            (Lang::En, State::Approved, _) => format!("approved {a} 万元"),
            (Lang::Zh, State::Cut, Some(c)) => format!("审减 {c} 万元，审定 {a} 万元"),
            (Lang::En, State::Cut, Some(c)) => format!("cut {c} 万元, approved {a} 万元"),
            (Lang::Zh, State::Cut, None) => format!("审减，审定 {a} 万元"),
            (Lang::En, State::Cut, None) => format!("cut, approved {a} 万元"),
            (Lang::Zh, State::Cancelled, Some(c)) => format!("取消，审减 {c} 万元"),
            (Lang::En, State::Cancelled, Some(c)) => format!("cancelled, cut {c} 万元"),
            (Lang::Zh, State::Cancelled, None) => "取消".to_string(),
            (Lang::En, State::Cancelled, None) => "cancelled".to_string(),
        };
        if adjust {
            s += self.t("，调整绩效目标", ", targets adjusted");
        }
        s
    }
}
