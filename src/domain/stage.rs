//! The four stages of budget performance work (四个阶段) and what the later two
//! decide: mid-year monitoring (事中绩效监控) adjusts this year's budget,
//! post-evaluation (事后绩效评价) applies its results to next year's. Pure: no
//! terminal, no SQL.
//!
//! A later-stage decision is an [`Adjustment`]: a kind and a positive amount
//! (万元), and for a merge the code of the project merged into. It is kept
//! beside the target-review decision: the state is `cancelled` (approved 0)
//! for a cancel and `approved` with approved = requested for every other
//! kind, so the target-review tally stays sane (requested − cancelled); the
//! stage's money is the adjustment's `amount`.

use std::fmt;

use serde::Serialize;

use super::decision::{Decision, State};
use super::money::Money;

/// The stage a meeting is at, chosen when it is created.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Stage {
    /// 绩效目标会审: approve, cut, cancel, adjust targets.
    #[default]
    TargetReview,
    /// 事前绩效评估: the same decisions; the approved amount is the
    /// recommended one (评估建议安排).
    ExAnte,
    /// 事中绩效监控: adjustments to this year's budget.
    Monitoring,
    /// 事后绩效评价: results applied to next year's budget.
    PostEvaluation,
}

impl Stage {
    pub const ALL: [Stage; 4] = [
        Stage::TargetReview,
        Stage::ExAnte,
        Stage::Monitoring,
        Stage::PostEvaluation,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Stage::TargetReview => "target_review",
            Stage::ExAnte => "ex_ante",
            Stage::Monitoring => "monitoring",
            Stage::PostEvaluation => "post_evaluation",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Stage::TargetReview => "绩效目标会审",
            Stage::ExAnte => "事前绩效评估",
            Stage::Monitoring => "事中绩效监控",
            Stage::PostEvaluation => "事后绩效评价",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Stage::TargetReview => "target review",
            Stage::ExAnte => "ex-ante evaluation",
            Stage::Monitoring => "mid-year monitoring",
            Stage::PostEvaluation => "post-evaluation",
        }
    }

    /// Reads a stage's code (`ex_ante`, also `ex-ante`) or Chinese name.
    pub fn parse(text: &str) -> Option<Stage> {
        let t = text.trim().to_lowercase().replace('-', "_");
        Stage::ALL
            .into_iter()
            .find(|s| s.code() == t || s.zh() == t)
    }

    /// Whether the stage decides adjustments (kinds with amounts) rather than
    /// approve/cut/cancel/adjust.
    pub fn adjusts(self) -> bool {
        matches!(self, Stage::Monitoring | Stage::PostEvaluation)
    }

    /// The kinds of decision the stage makes, in the report's order.
    pub fn kinds(self) -> &'static [Kind] {
        match self {
            Stage::TargetReview | Stage::ExAnte => &[],
            Stage::Monitoring => &[
                Kind::Increase,
                Kind::Decrease,
                Kind::Cancel,
                Kind::Recall,
                Kind::NextYearCut,
                Kind::Unchanged,
            ],
            Stage::PostEvaluation => &[
                Kind::Recover,
                Kind::Keep,
                Kind::Increase,
                Kind::Reduce,
                Kind::Merge,
                Kind::Cancel,
                Kind::Unchanged,
            ],
        }
    }

    /// Reads a decision word of this stage (Chinese or English).
    pub fn word(self, text: &str) -> Option<Kind> {
        let t = text.trim().to_lowercase();
        let t = t.as_str();
        let k = match self {
            Stage::TargetReview | Stage::ExAnte => return None,
            Stage::Monitoring => match t {
                "increase" | "调增" | "调增当年预算" => Kind::Increase,
                "decrease" | "调减" | "调减当年预算" => Kind::Decrease,
                "cancel" | "cancelled" | "取消" | "取消项目" => Kind::Cancel,
                "recall" | "收回" | "收回资金" => Kind::Recall,
                "next_year_cut" | "调减下年预算" | "调减下年" => Kind::NextYearCut,
                "unchanged" | "资金不变" | "不调整" | "不调整资金" => Kind::Unchanged,
                _ => return None,
            },
            Stage::PostEvaluation => match t {
                "keep" | "维持" | "维持下年预算" => Kind::Keep,
                "increase" | "增加" | "增加下年预算" => Kind::Increase,
                "reduce" | "调减" | "调减下年度预算" => Kind::Reduce,
                "merge" | "合并" | "合并下年度项目预算" => Kind::Merge,
                "cancel" | "cancelled" | "取消" | "取消下年度预算" => Kind::Cancel,
                "recover" | "收回结余" | "收回结余资金" => Kind::Recover,
                "unchanged" | "资金不变" | "不调整" | "不调整资金" => Kind::Unchanged,
                _ => return None,
            },
        };
        Some(k)
    }

    /// The words this stage accepts, for messages.
    pub fn accepted(self) -> String {
        if !self.adjusts() {
            return super::decision::CommandWord::accepted().to_string();
        }
        let en: Vec<&str> = self.kinds().iter().map(|k| k.code()).collect();
        let zh: Vec<&str> = self.kinds().iter().map(|k| self.kind_zh(*k)).collect();
        format!("{}, reset (or {}, 待审)", en.join(", "), zh.join(", "))
    }

    /// The Chinese words this stage accepts, for a Chinese message.
    pub fn accepted_zh(self) -> String {
        if !self.adjusts() {
            return "通过、审减、取消、调整、待审".to_string();
        }
        let zh: Vec<&str> = self.kinds().iter().map(|k| self.kind_zh(*k)).collect();
        format!("{}、待审", zh.join("、"))
    }

    /// The stage whose word `text` is, if it is not this one's: for a message
    /// naming the stage.
    pub fn word_of_other_stage(self, text: &str) -> Option<Stage> {
        if self.adjusts() && self.word(text).is_some() {
            return None;
        }
        if !self.adjusts() && super::decision::Command::word(text).is_some() {
            return None;
        }
        if self.adjusts() && super::decision::Command::word(text).is_some() {
            return Some(Stage::TargetReview);
        }
        [Stage::Monitoring, Stage::PostEvaluation]
            .into_iter()
            .find(|s| *s != self && s.word(text).is_some())
    }

    /// A kind's label in this stage: 调增 in monitoring, 增加 in post-evaluation.
    pub fn kind_zh(self, kind: Kind) -> &'static str {
        match (self, kind) {
            (Stage::PostEvaluation, Kind::Increase) => "增加",
            (Stage::PostEvaluation, Kind::Cancel) => "取消",
            (_, k) => k.zh(),
        }
    }

    /// The tally of this stage's adjustments from each decided project's
    /// adjustment.
    pub fn tally<'a>(self, adjustments: impl IntoIterator<Item = &'a Adjustment>) -> StageTally {
        let mut kinds: Vec<KindFigures> = self
            .kinds()
            .iter()
            .map(|&kind| KindFigures {
                kind,
                count: 0,
                amount: Money::ZERO,
            })
            .collect();
        let mut measures = MeasureCounts::default();
        for a in adjustments {
            for (kind, amount) in a.outcomes() {
                if let Some(k) = kinds.iter_mut().find(|k| k.kind == kind) {
                    k.count += 1;
                    k.amount += amount;
                }
            }
            measures.management += u64::from(a.measures.management);
            measures.rules += u64::from(a.measures.rules);
        }
        StageTally {
            stage: self,
            kinds,
            measures,
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What a later stage decides about a project.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 调增 / 增加: more money.
    Increase,
    /// 调减当年预算: less of this year's money.
    Decrease,
    /// 取消: the whole project.
    Cancel,
    /// 收回: this year's money of a project not carried out.
    Recall,
    /// 调减下年预算: less of next year's money.
    NextYearCut,
    /// 维持: next year's budget as it is.
    Keep,
    /// 调减下年度预算.
    Reduce,
    /// 合并: merged into another project.
    Merge,
    /// 收回结余: the surplus recovered.
    Recover,
    /// 资金不变: the stage changed no money; the decision is its measures
    /// (改进管理, 完善制度).
    #[default]
    Unchanged,
}

impl Kind {
    pub const ALL: [Kind; 10] = [
        Kind::Increase,
        Kind::Decrease,
        Kind::Cancel,
        Kind::Recall,
        Kind::NextYearCut,
        Kind::Keep,
        Kind::Reduce,
        Kind::Merge,
        Kind::Recover,
        Kind::Unchanged,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Increase => "increase",
            Kind::Decrease => "decrease",
            Kind::Cancel => "cancel",
            Kind::Recall => "recall",
            Kind::NextYearCut => "next_year_cut",
            Kind::Keep => "keep",
            Kind::Reduce => "reduce",
            Kind::Merge => "merge",
            Kind::Recover => "recover",
            Kind::Unchanged => "unchanged",
        }
    }

    pub fn from_code(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == s)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Kind::Increase => "调增",
            Kind::Decrease => "调减",
            Kind::Cancel => "取消",
            Kind::Recall => "收回",
            Kind::NextYearCut => "调减下年预算",
            Kind::Keep => "维持",
            Kind::Reduce => "调减",
            Kind::Merge => "合并",
            Kind::Recover => "收回结余",
            Kind::Unchanged => "资金不变",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Kind::Increase => "increase",
            Kind::Decrease => "decrease",
            Kind::Cancel => "cancel",
            Kind::Recall => "recall",
            Kind::NextYearCut => "next-year cut",
            Kind::Keep => "keep",
            Kind::Reduce => "reduce",
            Kind::Merge => "merge",
            Kind::Recover => "recover",
            Kind::Unchanged => "unchanged",
        }
    }

    /// Whether the amount may not exceed the request.
    fn capped(self) -> bool {
        !matches!(self, Kind::Increase | Kind::NextYearCut)
    }

    /// Whether a decision may carry it beside its main kind: money that
    /// comes on top (收回结余 beside 调减), never a second verdict on the
    /// project (取消, 合并, 维持, 资金不变).
    pub fn may_come_also(self) -> bool {
        !matches!(
            self,
            Kind::Cancel | Kind::Merge | Kind::Keep | Kind::Unchanged
        )
    }
}

/// What a later stage's result is used for besides money (the report's
/// 用于改进项目管理…个，完善工作制度、办法…个).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Measures {
    /// 改进管理: used to improve the project's (policy's) management.
    pub management: bool,
    /// 完善制度: used to improve working rules and procedures.
    pub rules: bool,
}

impl Measures {
    pub fn bits(self) -> i64 {
        i64::from(self.management) | (i64::from(self.rules) << 1)
    }

    pub fn from_bits(b: i64) -> Measures {
        Measures {
            management: b & 1 != 0,
            rules: b & 2 != 0,
        }
    }

    pub fn is_empty(self) -> bool {
        !self.management && !self.rules
    }

    /// Reads a measure's word: 改进管理 (or 改进项目管理, management),
    /// 完善制度 (完善工作制度, rules).
    pub fn word(text: &str) -> Option<Measures> {
        let t = text.trim().to_lowercase();
        match t.as_str() {
            "改进管理" | "改进项目管理" | "改进项目（政策）管理" | "management" => {
                Some(Measures {
                    management: true,
                    rules: false,
                })
            }
            "完善制度" | "完善工作制度" | "完善工作制度、办法" | "完善管理制度" | "rules" => {
                Some(Measures {
                    management: false,
                    rules: true,
                })
            }
            _ => None,
        }
    }

    pub fn with(self, other: Measures) -> Measures {
        Measures {
            management: self.management || other.management,
            rules: self.rules || other.rules,
        }
    }
}

/// A later stage's decision on a project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Adjustment {
    pub kind: Kind,
    /// 万元, positive.
    pub amount: Money,
    /// For a merge: the code of the project merged into.
    pub merged_into: Option<String>,
    /// Further money outcomes on the same project (收回结余 beside 调减),
    /// each a kind that [`Kind::may_come_also`] with its positive amount.
    pub also: Vec<(Kind, Money)>,
    /// What the result is used for besides money.
    pub measures: Measures,
}

impl Adjustment {
    /// A decision of one kind and amount, nothing else.
    pub fn new(kind: Kind, amount: Money) -> Adjustment {
        Adjustment {
            kind,
            amount,
            merged_into: None,
            also: Vec::new(),
            measures: Measures::default(),
        }
    }

    /// Every money outcome: the main kind, then those that come with it.
    pub fn outcomes(&self) -> impl Iterator<Item = (Kind, Money)> + '_ {
        std::iter::once((self.kind, self.amount)).chain(self.also.iter().copied())
    }
}

/// What a reviewer asks for in a later stage.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StageCommand {
    pub kind: Kind,
    /// `None`: keep and cancel take the whole request.
    pub amount: Option<Money>,
    pub merged_into: Option<String>,
    /// Further money outcomes with their amounts.
    pub also: Vec<(Kind, Money)>,
    pub measures: Measures,
}

/// Why a later-stage decision is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StageError {
    NotThisStage {
        kind: Kind,
        stage: Stage,
    },
    AmountMissing(Kind),
    AmountNotPositive,
    AmountOverRequest {
        amount: Money,
        requested: Money,
    },
    MergeNeedsTarget,
    MergeIntoItself,
    MergeTargetUnknown(String),
    MergeTargetOnlyForMerge,
    /// A kind that cannot come beside the main one (取消, 合并, …), or
    /// one named twice.
    NotAlso(Kind),
    WordOfOtherStage {
        word: String,
        of: Stage,
        meeting: Stage,
    },
}

/// The decision a later-stage command makes on a project of `requested`
/// with code `own_code`, at `stage`. Whether a merge target exists is the
/// store's to check.
pub fn decide_stage(
    stage: Stage,
    requested: Money,
    own_code: &str,
    cmd: &StageCommand,
) -> Result<Decision, StageError> {
    if !stage.kinds().contains(&cmd.kind) {
        return Err(StageError::NotThisStage {
            kind: cmd.kind,
            stage,
        });
    }
    let amount = match (cmd.kind, cmd.amount) {
        (Kind::Keep, _) => requested,
        (Kind::Unchanged, _) => Money::ZERO,
        (Kind::Cancel, None) => requested,
        (_, Some(a)) => a,
        (k, None) => return Err(StageError::AmountMissing(k)),
    };
    if amount.fen() <= 0 && cmd.kind != Kind::Unchanged {
        return Err(StageError::AmountNotPositive);
    }
    if cmd.kind.capped() && amount > requested {
        return Err(StageError::AmountOverRequest { amount, requested });
    }
    for (i, &(kind, amount)) in cmd.also.iter().enumerate() {
        let twice = kind == cmd.kind || cmd.also[..i].iter().any(|(k, _)| *k == kind);
        if !kind.may_come_also() || twice {
            return Err(StageError::NotAlso(kind));
        }
        if !stage.kinds().contains(&kind) {
            return Err(StageError::NotThisStage { kind, stage });
        }
        if amount.fen() <= 0 {
            return Err(StageError::AmountNotPositive);
        }
        if kind.capped() && amount > requested {
            return Err(StageError::AmountOverRequest { amount, requested });
        }
    }
    let merged_into = cmd
        .merged_into
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    match (cmd.kind, merged_into) {
        (Kind::Merge, None) => return Err(StageError::MergeNeedsTarget),
        (Kind::Merge, Some(t)) if t == own_code.trim() => return Err(StageError::MergeIntoItself),
        (Kind::Merge, _) | (_, None) => {}
        (_, Some(_)) => return Err(StageError::MergeTargetOnlyForMerge),
    }
    let cancel = cmd.kind == Kind::Cancel;
    Ok(Decision {
        state: if cancel {
            State::Cancelled
        } else {
            State::Approved
        },
        approved: if cancel { Money::ZERO } else { requested },
        adjust: None,
        stage: Some(Box::new(Adjustment {
            kind: cmd.kind,
            amount,
            merged_into: merged_into.map(str::to_string),
            also: cmd.also.clone(),
            measures: cmd.measures,
        })),
    })
}

/// One kind's count and amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindFigures {
    pub kind: Kind,
    pub count: u64,
    pub amount: Money,
}

/// How many decisions were used for each measure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MeasureCounts {
    /// 改进管理.
    pub management: u64,
    /// 完善制度.
    pub rules: u64,
}

/// A later stage's figures: per kind, in the stage's order (a project
/// counts under each of its outcomes), and the measures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageTally {
    pub stage: Stage,
    pub kinds: Vec<KindFigures>,
    pub measures: MeasureCounts,
}

impl StageTally {
    pub fn get(&self, kind: Kind) -> KindFigures {
        self.kinds
            .iter()
            .find(|k| k.kind == kind)
            .copied()
            .unwrap_or(KindFigures {
                kind,
                count: 0,
                amount: Money::ZERO,
            })
    }

    /// The money adjusted: every kind's amount, except what post-evaluation
    /// keeps (维持 changes nothing).
    pub fn adjusted_total(&self) -> Money {
        self.kinds
            .iter()
            .filter(|k| !matches!(k.kind, Kind::Keep | Kind::Unchanged))
            .fold(Money::ZERO, |acc, k| acc + k.amount)
    }
}

#[cfg(test)]
mod tests;
