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
            ],
            Stage::PostEvaluation => &[
                Kind::Recover,
                Kind::Keep,
                Kind::Increase,
                Kind::Reduce,
                Kind::Merge,
                Kind::Cancel,
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
                _ => return None,
            },
            Stage::PostEvaluation => match t {
                "keep" | "维持" | "维持下年预算" => Kind::Keep,
                "increase" | "增加" | "增加下年预算" => Kind::Increase,
                "reduce" | "调减" | "调减下年度预算" => Kind::Reduce,
                "merge" | "合并" | "合并下年度项目预算" => Kind::Merge,
                "cancel" | "cancelled" | "取消" | "取消下年度预算" => Kind::Cancel,
                "recover" | "收回结余" | "收回结余资金" => Kind::Recover,
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
        for a in adjustments {
            if let Some(k) = kinds.iter_mut().find(|k| k.kind == a.kind) {
                k.count += 1;
                k.amount += a.amount;
            }
        }
        StageTally { stage: self, kinds }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What a later stage decides about a project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Increase,
        Kind::Decrease,
        Kind::Cancel,
        Kind::Recall,
        Kind::NextYearCut,
        Kind::Keep,
        Kind::Reduce,
        Kind::Merge,
        Kind::Recover,
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
        }
    }

    /// Whether the amount may not exceed the request.
    fn capped(self) -> bool {
        !matches!(self, Kind::Increase | Kind::NextYearCut)
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
}

/// What a reviewer asks for in a later stage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageCommand {
    pub kind: Kind,
    /// `None`: keep and cancel take the whole request.
    pub amount: Option<Money>,
    pub merged_into: Option<String>,
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
        (Kind::Cancel, None) => requested,
        (_, Some(a)) => a,
        (k, None) => return Err(StageError::AmountMissing(k)),
    };
    if amount.fen() <= 0 {
        return Err(StageError::AmountNotPositive);
    }
    if cmd.kind.capped() && amount > requested {
        return Err(StageError::AmountOverRequest { amount, requested });
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

/// A later stage's figures: per kind, in the stage's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageTally {
    pub stage: Stage,
    pub kinds: Vec<KindFigures>,
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
            .filter(|k| k.kind != Kind::Keep)
            .fold(Money::ZERO, |acc, k| acc + k.amount)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wan(s: &str) -> Money {
        s.parse().unwrap()
    }

    fn cmd(kind: Kind, amount: Option<&str>, into: Option<&str>) -> StageCommand {
        StageCommand {
            kind,
            amount: amount.map(wan),
            merged_into: into.map(str::to_string),
        }
    }

    #[test]
    fn stage_names_parse_in_both_languages() {
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.code()), Some(s));
            assert_eq!(Stage::parse(s.zh()), Some(s));
        }
        assert_eq!(Stage::parse("ex-ante"), Some(Stage::ExAnte));
        assert_eq!(Stage::parse("later"), None);
        assert_eq!(Stage::default(), Stage::TargetReview);
    }

    #[test]
    fn words_belong_to_their_stage() {
        let m = Stage::Monitoring;
        let p = Stage::PostEvaluation;
        assert_eq!(m.word("调增"), Some(Kind::Increase));
        assert_eq!(m.word("调减"), Some(Kind::Decrease));
        assert_eq!(p.word("调减"), Some(Kind::Reduce));
        assert_eq!(p.word("合并"), Some(Kind::Merge));
        assert_eq!(p.word("Keep"), Some(Kind::Keep));
        assert_eq!(m.word("维持"), None);
        assert_eq!(m.word_of_other_stage("通过"), Some(Stage::TargetReview));
        assert_eq!(m.word_of_other_stage("合并"), Some(Stage::PostEvaluation));
        assert_eq!(m.word_of_other_stage("收回"), None);
        assert_eq!(
            Stage::TargetReview.word_of_other_stage("调增"),
            Some(Stage::Monitoring)
        );
        assert_eq!(Stage::TargetReview.word_of_other_stage("审减"), None);
        assert!(m.accepted().contains("调减下年预算"));
    }

    #[test]
    fn amounts_must_be_positive_and_within_the_request() {
        let req = wan("100");
        let m = Stage::Monitoring;
        let d = decide_stage(m, req, "A", &cmd(Kind::Decrease, Some("30"), None)).unwrap();
        assert_eq!((d.state, d.approved), (State::Approved, req));
        assert_eq!(d.stage.unwrap().amount, wan("30"));
        assert_eq!(
            decide_stage(m, req, "A", &cmd(Kind::Decrease, Some("0"), None)),
            Err(StageError::AmountNotPositive)
        );
        assert_eq!(
            decide_stage(m, req, "A", &cmd(Kind::Decrease, None, None)),
            Err(StageError::AmountMissing(Kind::Decrease))
        );
        assert!(matches!(
            decide_stage(m, req, "A", &cmd(Kind::Decrease, Some("101"), None)),
            Err(StageError::AmountOverRequest { .. })
        ));
        // An increase may go beyond the request.
        assert!(decide_stage(m, req, "A", &cmd(Kind::Increase, Some("150"), None)).is_ok());
        assert!(matches!(
            decide_stage(
                Stage::PostEvaluation,
                req,
                "A",
                &cmd(Kind::Reduce, Some("120"), None)
            ),
            Err(StageError::AmountOverRequest { .. })
        ));
    }

    #[test]
    fn cancel_and_keep_take_the_whole_request() {
        let req = wan("2000");
        let c = decide_stage(Stage::Monitoring, req, "A", &cmd(Kind::Cancel, None, None)).unwrap();
        assert_eq!((c.state, c.approved), (State::Cancelled, Money::ZERO));
        assert_eq!(c.stage.unwrap().amount, req);
        let k = decide_stage(
            Stage::PostEvaluation,
            req,
            "A",
            &cmd(Kind::Keep, None, None),
        )
        .unwrap();
        assert_eq!(k.stage.unwrap().amount, req);
    }

    #[test]
    fn merge_needs_another_project() {
        let req = wan("100");
        let p = Stage::PostEvaluation;
        assert_eq!(
            decide_stage(p, req, "A", &cmd(Kind::Merge, Some("10"), None)),
            Err(StageError::MergeNeedsTarget)
        );
        assert_eq!(
            decide_stage(p, req, "A", &cmd(Kind::Merge, Some("10"), Some(" A "))),
            Err(StageError::MergeIntoItself)
        );
        let d = decide_stage(p, req, "A", &cmd(Kind::Merge, Some("10"), Some("B"))).unwrap();
        assert_eq!(d.stage.unwrap().merged_into.as_deref(), Some("B"));
        assert_eq!(
            decide_stage(p, req, "A", &cmd(Kind::Keep, None, Some("B"))),
            Err(StageError::MergeTargetOnlyForMerge)
        );
    }

    #[test]
    fn a_kind_of_another_stage_is_refused() {
        let e = decide_stage(
            Stage::Monitoring,
            wan("1"),
            "A",
            &cmd(Kind::Keep, None, None),
        )
        .unwrap_err();
        assert_eq!(
            e,
            StageError::NotThisStage {
                kind: Kind::Keep,
                stage: Stage::Monitoring
            }
        );
    }

    #[test]
    fn tally_counts_each_kind() {
        let a = |k, s: &str| Adjustment {
            kind: k,
            amount: wan(s),
            merged_into: None,
        };
        let list = [
            a(Kind::Increase, "50"),
            a(Kind::Decrease, "1000"),
            a(Kind::Decrease, "1390.16"),
            a(Kind::Cancel, "2000"),
            a(Kind::Recall, "105"),
            a(Kind::NextYearCut, "100"),
        ];
        let t = Stage::Monitoring.tally(&list);
        assert_eq!(t.get(Kind::Decrease).count, 2);
        assert_eq!(t.get(Kind::Decrease).amount, wan("2390.16"));
        assert_eq!(t.adjusted_total(), wan("4645.16"));
        let p = Stage::PostEvaluation.tally(&[a(Kind::Keep, "10"), a(Kind::Reduce, "2")]);
        assert_eq!(p.adjusted_total(), wan("2"));
    }
}
